use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;

declare_rule! {
    /// ## What it catches
    /// An invoice line that bills a different amount from its receipt's, by more than
    /// `amount_tolerance` percent (and at least one unit of the smallest denomination the data
    /// uses).
    /// ## Why it matters to an auditor
    /// The receipt is what the driver saw paid at the pump; an invoice above it is an
    /// overcharge, whatever the reason.
    /// ## Example
    /// Receipt 55012 shows 30 000 FCFA; invoice line F-031/4 bills 33 000 FCFA.
    /// ## Amount at risk
    /// Billed minus receipt amount, when positive.
    AmountMismatch, High, "the billed amount differs from the receipt's"
}

impl Rule for AmountMismatch {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            let Some((receipt_index, _)) = ctx.links.line_receipt[index] else {
                continue;
            };
            let receipt = &ctx.data.receipts[receipt_index];
            let (Some(billed), Some(paid)) = (line.amount, receipt.amount) else {
                continue;
            };
            let vendor = line.vendor.as_ref().map(|v| v.key());
            let tolerance = ctx.amount_tolerance(vendor, billed, paid);
            if (billed - paid).abs() <= tolerance {
                continue;
            }
            out.push(
                Exception::on_line(&Self::INFO, index, line)
                    .at_risk(ctx.money(billed - paid))
                    .message(say!(ctx, "Invoice {} line {} bills {}, but its receipt {} shows {} (tolerance {}).", "La facture {} ligne {} facture {}, mais son reçu {} indique {} (tolérance {}).",
                        shown(&line.invoice_no, "(no number)"),
                        line.line_no,
                        billed.normalize(),
                        shown(&receipt.receipt_no, "(no number)"),
                        paid.normalize(),
                        tolerance.normalize()
                    ))
                    .evidence("billed_amount", billed)
                    .evidence("receipt_amount", paid)
                    .evidence("tolerance", tolerance)
                    .evidence("receipt_source", receipt.prov.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn billed(amount: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", amount));
        check(&AmountMismatch, data)
    }

    #[test]
    fn beyond_half_a_percent_is_raised_with_the_excess() {
        // 0.5 % of 30 151 is 150.755: a difference of 151 is over it.
        let found = billed("30151");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("151"));
    }

    #[test]
    fn within_half_a_percent_is_silent() {
        assert!(billed("30150").is_empty());
        assert!(billed("29851").is_empty());
    }

    #[test]
    fn billing_less_is_raised_with_nothing_at_risk() {
        let found = billed("29000");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("0"));
    }
}
