use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, line_price, receipt_price};
use crate::model::DocKind;

declare_rule! {
    /// An invoice line that bills different litres from its receipt's, by more than
    /// `litres_tolerance`.
    QuantityMismatch, Medium
}

impl Rule for QuantityMismatch {
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
            if ctx.links.line_bills_nothing(ctx.data, index) {
                continue;
            }
            let receipt = &ctx.data.receipts[receipt_index];
            let (Some(billed), Some(delivered)) = (line.litres(), receipt.litres()) else {
                continue;
            };
            let tolerance = ctx.litres_tolerance(line.vendor.as_ref().map(|v| v.key()));
            if (billed - delivered).abs() <= tolerance {
                continue;
            }
            let price = line_price(line).or_else(|| receipt_price(receipt));
            let at_risk =
                price.map_or_else(Default::default, |p| ctx.money_of(billed - delivered, p));
            out.push(
                Exception::on_line(&Self::INFO, index, line)
                    .at_risk(at_risk)
                    .message(
                        Message::new("msg-quantity-mismatch")
                            .shown("invoice", &line.invoice_no, "msg-no-number")
                            .int("line", i64::from(line.line_no))
                            .number("billed", billed)
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .number("delivered", delivered)
                            .number("tolerance", tolerance),
                    )
                    .evidence("billed_litres", billed)
                    .evidence("receipt_litres", delivered)
                    .evidence("tolerance_litres", tolerance)
                    .evidence("price_per_litre", price.map(|p| p.round_dp(4)))
                    .evidence("receipt_source", receipt.prov.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn billed(litres: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R1", litres, "30000"));
        check(&QuantityMismatch, data)
    }

    #[test]
    fn beyond_the_tolerance_is_raised() {
        let found = billed("40.6");
        assert_eq!(found.len(), 1);
        // 0.6 L at 30000 / 40.6 per litre.
        assert_eq!(found[0].amount_at_risk, d("443"));
    }

    #[test]
    fn at_the_tolerance_is_silent() {
        assert!(billed("40.5").is_empty());
        assert!(billed("39.5").is_empty());
    }
}
