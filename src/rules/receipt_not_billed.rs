use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;

declare_rule! {
    /// A receipt that no invoice line bills.
    ReceiptNotBilled, Info
}

impl Rule for ReceiptNotBilled {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Invoices])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            // A credit reverses a receipt, and a voided fill is reversed: neither is fuel bought
            // to be tripped or billed.
            if ctx.links.receipt_credits.is_credit(index)
                || ctx.links.receipt_voided(ctx.data, index)
            {
                continue;
            }
            if !ctx.links.receipt_lines.of(index).is_empty() {
                continue;
            }
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(
                        Message::new("msg-receipt-not-billed")
                            .shown("receipt", &receipt.receipt_no, "msg-no-number")
                            .shown("vendor", &receipt.vendor, "msg-no-vendor"),
                    )
                    .evidence("amount", receipt.amount()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn an_unbilled_receipt_is_noted_and_a_billed_one_is_not() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-06", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R1", "40", "30000"));
        let found = check(&ReceiptNotBilled, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].receipt_no.as_deref(), Some("R2"));
    }
}
