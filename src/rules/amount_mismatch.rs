use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// An invoice line that bills a different amount from its receipt's, by more than
    /// `amount_tolerance` percent (and at least one unit of the smallest denomination the data
    /// uses).
    AmountMismatch, High
}

impl Rule for AmountMismatch {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            let Some((receipt_index, _)) = ctx.links.line_receipt.get(index) else {
                continue;
            };
            let receipt = &ctx.data.receipts[receipt_index];
            // Both net of their credits (§3.5): a fill reversed in part at the pump is billed
            // at what was paid, and a line reversed in full bills nothing to compare.
            if ctx.links.line_bills_nothing(ctx.data, index) {
                continue;
            }
            let (Some(billed), Some(paid)) = (
                ctx.links.line_net_amount(ctx.data, index),
                ctx.links.receipt_net_amount(ctx.data, receipt_index),
            ) else {
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
                    .message(
                        Message::new("msg-amount-mismatch")
                            .shown("invoice", &line.invoice_no, "msg-no-number")
                            .int("line", i64::from(line.line_no))
                            .money("billed", billed.normalize())
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .money("paid", paid.normalize())
                            .money("tolerance", tolerance.normalize()),
                    )
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

    #[test]
    fn a_fill_credited_at_the_pump_is_compared_at_its_net() {
        let run = |billed: &str| {
            let mut data = dataset();
            data.receipts
                .push(receipt("T1", "V1", "2017-04-03", "40", "61.96"));
            data.receipts
                .push(receipt("T1", "V1", "2017-04-03", "0", "-0.53"));
            data.invoice_lines.push(line("INV1", 1, "T1", "40", billed));
            check(&AmountMismatch, data)
        };
        assert!(run("61.43").is_empty(), "the net is what was paid");
        let gross = run("61.96");
        assert_eq!(gross.len(), 1, "the credit was not passed on");
        assert_eq!(gross[0].amount_at_risk, d("0.53"));
    }

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
