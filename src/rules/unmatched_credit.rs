use super::receipt_subject;
use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule, line_subject};
use crate::model::DocKind;

declare_rule! {
    /// A credit or reversal (a negative amount) with nothing to net against (SPEC §3.5): no
    /// earlier receipt or invoice line of the same vendor and number that it does not exceed.
    /// Money given back without the sale it reverses is worth a look, not a withholding.
    UnmatchedCredit, Info
}

impl Rule for UnmatchedCredit {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks_every(&[DocKind::Receipts, DocKind::Invoices])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let info = &Self::INFO;
        let message = |subject: Message, amount, vendor: &Option<crate::model::VendorName>| {
            Message::new("msg-unmatched-credit")
                .message("subject", subject)
                .money("amount", amount)
                .shown("vendor", vendor, "msg-the-vendor")
        };
        for index in ctx.links.receipt_credits.unmatched() {
            let receipt = &ctx.data.receipts[index];
            let amount = receipt.amount().unwrap_or_default();
            out.push(
                Exception::on_receipt(info, index, receipt)
                    .message(message(receipt_subject(receipt), amount, &receipt.vendor))
                    .evidence("amount", receipt.amount())
                    .evidence("litres", receipt.litres()),
            );
        }
        for index in ctx.links.line_credits.unmatched() {
            let line = &ctx.data.invoice_lines[index];
            let amount = line.amount().unwrap_or_default();
            out.push(
                Exception::on_line(info, index, line)
                    .message(message(line_subject(line), amount, &line.vendor))
                    .evidence("amount", line.amount())
                    .evidence("litres", line.litres())
                    .evidence(
                        "reference",
                        line.receipt_no
                            .as_ref()
                            .map(|r| r.to_string())
                            .unwrap_or_default(),
                    ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn only_a_credit_with_nothing_to_reverse_is_raised() {
        let mut data = dataset();
        data.receipts
            .push(receipt("T1", "V1", "2017-03-05", "20", "61.96"));
        data.receipts
            .push(receipt("T1", "V1", "2017-03-05", "0", "-0.53"));
        data.receipts
            .push(receipt("T2", "V1", "2017-03-06", "0", "-0.02"));
        // More than the fill it names: nothing it could reverse.
        data.receipts
            .push(receipt("T3", "V1", "2017-03-06", "10", "30"));
        data.receipts
            .push(receipt("T3", "V1", "2017-03-07", "0", "-31"));
        data.invoice_lines.push(line("INV1", 4, "T9", "-10", "-30"));
        let found = check(&UnmatchedCredit, data);
        let mut found: Vec<(&str, Option<u32>)> = found
            .iter()
            .map(|e| (e.receipt_no.as_deref().unwrap(), e.invoice_line))
            .collect();
        found.sort();
        assert_eq!(found, vec![("T2", None), ("T3", None), ("T9", Some(4))]);
    }
}
