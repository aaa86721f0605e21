use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// An invoice line whose receipt is also billed on an earlier line, of the same invoice or
    /// another one (earlier by invoice date, invoice number and line number).
    BilledTwice, High
}

impl Rule for BilledTwice {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let lines = &ctx.data.invoice_lines;
        for (receipt_index, billed) in ctx.links.receipt_lines.iter().enumerate() {
            let Some((first, repeats)) = billed.split_first() else {
                continue;
            };
            let first_line = &lines[first];
            let receipt = &ctx.data.receipts[receipt_index];
            for index in repeats.iter() {
                let line = &lines[index];
                out.push(
                    Exception::on_line(&Self::INFO, index, line)
                        .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                        .message(
                            Message::new("msg-billed-twice")
                                .shown("receipt", &receipt.receipt_no, "msg-no-number")
                                .shown("invoice", &first_line.invoice_no, "msg-no-number")
                                .int("line", i64::from(first_line.line_no)),
                        )
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
    fn a_line_reversed_in_full_and_billed_anew_is_not_billed_twice() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines
            .push(line("INV1", 2, "R1", "-40", "-100"));
        data.invoice_lines.push(line("INV1", 3, "R1", "40", "100"));
        assert!(check(&BilledTwice, data).is_empty());
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines.push(line("INV1", 2, "R1", "0", "-0.53"));
        data.invoice_lines.push(line("INV1", 3, "R1", "40", "100"));
        let found = check(&BilledTwice, data);
        assert_eq!(found.len(), 1, "a part credit leaves the line billing R1");
        assert_eq!(found[0].invoice_line, Some(3));
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
