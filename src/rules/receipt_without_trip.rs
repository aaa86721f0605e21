use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;

declare_rule! {
    /// ## What it catches
    /// A receipt that no trip ticket matched: not by its trip id, not by its voucher, not by
    /// the same vehicle travelling on that date (± `date_window_days`).
    /// ## Why it matters to an auditor
    /// Fuel bought for a vehicle that, on paper, was not travelling may have gone elsewhere.
    /// ## Example
    /// Receipt R-88 fills UN-1234 on 12 March; UN-1234 has no trip ticket from 11 to 13 March.
    /// ## Amount at risk
    /// 0: the receipt itself may be genuine; the missing trip ticket is what needs finding.
    ReceiptWithoutTrip, Medium, "no trip ticket matched a receipt"
}

impl Rule for ReceiptWithoutTrip {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts, DocKind::Trips])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        for (index, receipt) in ctx.data.receipts.iter().enumerate() {
            if ctx.links.receipt_trip[index].is_some() {
                continue;
            }
            out.push(
                Exception::on_receipt(&Self::INFO, index, receipt)
                    .message(say!(ctx, "No trip ticket matches receipt {}: none has its trip id or voucher, and vehicle {} has no trip within {} day(s) of {}.", "Aucune feuille de route ne correspond au reçu {} : aucune ne porte son numéro ni son bon, et le véhicule {} n'a aucun déplacement à {} jour(s) près du {}.",
                        shown(&receipt.receipt_no, "(no number)"),
                        shown(&receipt.vehicle_id, "(none)"),
                        ctx.config.rules.date_window_days,
                        shown(&receipt.date, "(no date)"),
                    ))
                    .evidence("trip_id", receipt.trip_id.as_ref().map(ToString::to_string).unwrap_or_default())
                    .evidence("voucher_no", receipt.voucher_no.as_ref().map(ToString::to_string).unwrap_or_default())
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
    fn a_receipt_one_day_beyond_the_window_has_no_trip() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-07", "40", "30000"));
        assert_eq!(check(&ReceiptWithoutTrip, data).len(), 1);
    }

    #[test]
    fn a_receipt_inside_the_window_matches_by_vehicle_and_date() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), Some("40")));
        data.receipts
            .push(receipt("R1", "V1", "2020-03-06", "40", "30000"));
        assert!(check(&ReceiptWithoutTrip, data).is_empty());
    }
}
