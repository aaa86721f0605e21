use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::model::DocKind;
use rust_decimal::Decimal;

declare_rule! {
    /// An invoice line that no receipt backs: its receipt number matches no receipt of the same
    /// vendor, and no unbilled receipt of the same vendor, vehicle, date (± `date_window_days`)
    /// and litres (± `litres_tolerance`) was found either.
    BilledWithoutReceipt, High
}

impl Rule for BilledWithoutReceipt {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<Message> {
        ctx.lacks(&[DocKind::Invoices, DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, line) in ctx.data.invoice_lines.iter().enumerate() {
            // A credit, or a line reversed in full, bills nothing (§3.5).
            if ctx.links.line_receipt.get(index).is_some()
                || ctx.links.line_bills_nothing(ctx.data, index)
            {
                continue;
            }
            let why = match &line.receipt_no {
                Some(number) => Message::new("msg-billed-without-receipt-unknown")
                    .text("number", number.to_string())
                    .shown("vendor", &line.vendor, "msg-the-vendor"),
                None => Message::new("msg-billed-without-receipt-no-number"),
            };
            out.push(
                Exception::on_line(&Self::INFO, index, line)
                    .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                    .message(
                        Message::new("msg-billed-without-receipt")
                            .shown("invoice", &line.invoice_no, "msg-no-number")
                            .int("line", i64::from(line.line_no))
                            .message("why", why),
                    )
                    .evidence(
                        "receipt_no",
                        line.receipt_no
                            .as_ref()
                            .map(ToString::to_string)
                            .unwrap_or_default(),
                    )
                    .evidence("litres", line.litres())
                    .evidence("amount", line.amount())
                    .evidence(
                        "litres_tolerance",
                        ctx.litres_tolerance(line.vendor.as_ref().map(|v| v.key())),
                    )
                    .evidence("date_window_days", ctx.config.rules.date_window_days),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_line_whose_receipt_does_not_exist_is_raised_with_its_amount() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
        data.invoice_lines
            .push(line("INV1", 1, "R2", "40", "30000"));
        let found = check(&BilledWithoutReceipt, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("30000"));
    }

    #[test]
    fn a_line_without_number_matches_within_the_litres_tolerance_and_not_beyond() {
        let build = |litres: &str| {
            let mut data = dataset();
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "30000"));
            let mut l = line("INV1", 1, "", litres, "30000");
            l.vehicle_id = id("V1");
            l.date = Some(date("2020-03-06"));
            data.invoice_lines.push(l);
            data
        };
        assert!(check(&BilledWithoutReceipt, build("40.5")).is_empty());
        assert_eq!(check(&BilledWithoutReceipt, build("40.6")).len(), 1);
    }
}
