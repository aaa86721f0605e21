use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;

declare_rule! {
    /// ## What it catches
    /// A receipt that no invoice line bills.
    /// ## Why it matters to an auditor
    /// Usually nothing: the vendor will bill it next month. But a receipt that is never billed
    /// may have been paid some other way (cash, a fuel card), and should be accounted for.
    /// ## Example
    /// Receipt 55090 of 29 March appears on no invoice of March.
    /// ## Amount at risk
    /// 0.
    ReceiptNotBilled, Info, "no invoice line bills a receipt"
}

impl Rule for ReceiptNotBilled {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Invoices])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            if !ctx.links.receipt_lines[index].is_empty() {
                continue;
            }
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(say!(
                        ctx,
                        "Receipt {} of {} is not billed on any invoice line given to this run.",
                        "Le reçu {} de {} n'est facturé sur aucune ligne des factures fournies.",
                        shown(&receipt.receipt_no, "(no number)"),
                        shown(&receipt.vendor, "(no vendor)")
                    ))
                    .evidence("amount", receipt.amount),
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
