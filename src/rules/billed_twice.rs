use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// ## What it catches
    /// An invoice line whose receipt is also billed on an earlier line, of the same invoice or
    /// another one (earlier by invoice date, invoice number and line number).
    /// ## Why it matters to an auditor
    /// One fill paid twice. It happens by mistake when invoices overlap months, and on purpose
    /// when nobody checks.
    /// ## Example
    /// Receipt 55012 is billed on F-031 line 4 and again on F-045 line 1.
    /// ## Amount at risk
    /// The later line's amount.
    BilledTwice, High, "a receipt is billed on more than one invoice line"
}

impl Rule for BilledTwice {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let lines = &ctx.data.invoice_lines;
        for (receipt_index, billed) in ctx.links.receipt_lines.iter().enumerate() {
            let Some((&first, repeats)) = billed.split_first() else {
                continue;
            };
            let first_line = &lines[first];
            let receipt = &ctx.data.receipts[receipt_index];
            for &index in repeats {
                let line = &lines[index];
                out.push(
                    Exception::on_line(&Self::INFO, index, line)
                        .at_risk(line.amount.unwrap_or(Decimal::ZERO))
                        .message(say!(ctx, "Receipt {} is billed again: it was already billed on invoice {} line {}.", "Le reçu {} est facturé une seconde fois : il l'a déjà été sur la facture {} ligne {}.",
                            shown(&receipt.receipt_no, "(no number)"),
                            shown(&first_line.invoice_no, "(no number)"),
                            first_line.line_no
                        ))
                        .evidence("receipt_source", receipt.prov.to_string())
                        .evidence("first_billed_at", first_line.prov.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn the_second_billing_of_a_receipt_is_raised() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R1", "40", "30000"));
        let mut later = line("INV2", 1, "R-1", "40", "30000");
        later.invoice_date = Some(date("2020-04-30"));
        data.invoice_lines.push(later);
        let found = check(&BilledTwice, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].invoice_no.as_deref(), Some("INV2"));
    }

    #[test]
    fn one_billing_is_silent() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R1", "40", "30000"));
        assert!(check(&BilledTwice, data).is_empty());
    }
}
