use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::normalise_id;
use rust_decimal::Decimal;

declare_rule! {
    /// An invoice line billing a receipt that an accepted earlier run already paid.
    ReceiptAlreadyPaid, High
}

impl Rule for ReceiptAlreadyPaid {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.history
            .is_none()
            .then(|| Message::new("not-run-no-ledger"))
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let Some(history) = ctx.history else { return };
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            let Some(vendor) = &line.vendor else { continue };
            // The receipt the line was linked to, else the number it bills: as `accept` keys
            // what it records.
            let linked = ctx
                .links
                .line_receipt
                .get(index)
                .and_then(|(r, _)| ctx.data.receipts[r].receipt_no.as_ref());
            let Some(receipt) = linked.or(line.receipt_no.as_ref()) else {
                continue;
            };
            let Some(paid) = history.paid(vendor.key(), &normalise_id(receipt.text())) else {
                continue;
            };
            out.push(
                Exception::on_line(&Self::INFO, index, line)
                    .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                    .message(
                        Message::new("msg-receipt-already-paid")
                            .text("receipt", receipt.text())
                            .shown("invoice", &line.invoice_no, "msg-no-number")
                            .int("line", i64::from(line.line_no))
                            .text("paid_invoice", &paid.invoice_no)
                            .int("paid_line", paid.line_no)
                            .date_or("paid_on", accepted_on(&paid.accepted_at), "msg-no-date"),
                    )
                    .evidence("paid_in_run", paid.run_id.as_str())
                    .evidence("paid_invoice", paid.invoice_no.as_str())
                    .evidence("paid_line", paid.line_no)
                    .evidence("paid_amount", paid.amount)
                    .evidence("accepted_at", paid.accepted_at.as_str()),
            );
        }
    }
}

/// The day an earlier run was accepted, from the ledger's time stamp.
fn accepted_on(stamp: &str) -> Option<chrono::NaiveDate> {
    stamp
        .get(..10)
        .and_then(|day| chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::{History, PaidReceipt};
    use crate::rules::testing::*;

    fn paid(receipt: &str) -> PaidReceipt {
        PaidReceipt {
            vendor_key: crate::model::fold_name("Total"),
            receipt_key: normalise_id(receipt),
            vendor: "Total".into(),
            receipt_no: receipt.into(),
            run_id: "march".into(),
            accepted_at: "2020-04-02T09:00:00Z".into(),
            invoice_no: "INV-3".into(),
            line_no: 4,
            amount: Decimal::from(30000),
            dispute_id: None,
        }
    }

    #[test]
    fn a_receipt_paid_in_an_earlier_run_is_raised_and_a_new_one_is_not() {
        let history = History::with_paid(vec![paid("R-1")]);
        let mut data = dataset();
        data.invoice_lines
            .push(line("INV4", 1, "R1", "40", "30000"));
        data.invoice_lines
            .push(line("INV4", 2, "R2", "40", "30000"));
        let found = check_with_history(&ReceiptAlreadyPaid, data, &history);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].receipt_no.as_deref(), Some("R1"));
        assert_eq!(found[0].amount_at_risk, Decimal::from(30000));
        assert_eq!(found[0].evidence["paid_invoice"], "INV-3");
    }
}
