use super::{Context, Exception, Rule, RuleInfo, declare_rule, say, shown};
use crate::model::DocKind;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

declare_rule! {
    /// ## What it catches
    /// Two receipts with different numbers for the same vehicle on the same day, with litres
    /// within `litres_tolerance` and amounts within `amount_tolerance` of each other: a receipt
    /// copied or resubmitted under a new number. Raised on the later one (by time, then
    /// content).
    /// ## Why it matters to an auditor
    /// A duplicate with a fresh number escapes the duplicate-number check and is paid twice.
    /// ## Example
    /// Receipts 55012 and 55019, both UN-1234 on 5 March, both 40 L for 26 000 FCFA.
    /// ## Amount at risk
    /// The later receipt's amount.
    PossibleDuplicate, Medium, "two receipts with different numbers look like one fill"
}

impl Rule for PossibleDuplicate {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        ctx.lacks(&[DocKind::Receipts])
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let receipts = &ctx.data.receipts;
        let mut days: BTreeMap<(&str, chrono::NaiveDate), Vec<usize>> = BTreeMap::new();
        for (index, receipt) in receipts.iter().enumerate() {
            if let (Some(vehicle), Some(date)) = (&receipt.vehicle_id, receipt.date) {
                days.entry((vehicle.key(), date)).or_default().push(index);
            }
        }
        for same_day in days.values() {
            for (position, &later_index) in same_day.iter().enumerate() {
                let later = &receipts[later_index];
                let (Some(number), Some(litres), Some(amount)) =
                    (&later.receipt_no, later.litres, later.amount)
                else {
                    continue;
                };
                let vendor = later.vendor.as_ref().map(|v| v.key());
                let copy_of = same_day[..position]
                    .iter()
                    .map(|&i| &receipts[i])
                    .find(|earlier| {
                        let (Some(other_number), Some(other_litres), Some(other_amount)) =
                            (&earlier.receipt_no, earlier.litres, earlier.amount)
                        else {
                            return false;
                        };
                        other_number != number
                            && (litres - other_litres).abs() <= ctx.litres_tolerance(vendor)
                            && (amount - other_amount).abs()
                                <= ctx.amount_tolerance(vendor, amount, other_amount)
                    });
                let Some(earlier) = copy_of else { continue };
                out.push(
                    Exception::on_receipt(&Self::INFO, later_index, later)
                        .at_risk(amount.max(Decimal::ZERO))
                        .message(say!(ctx, "Receipt {number} looks like a copy of receipt {}: same vehicle and day, {} L for {} against {} L for {}.", "Le reçu {number} ressemble à une copie du reçu {} : même véhicule, même jour, {} L pour {} contre {} L pour {}.",
                            shown(&earlier.receipt_no, ""),
                            litres.normalize(),
                            amount.normalize(),
                            earlier.litres.unwrap_or_default().normalize(),
                            earlier.amount.unwrap_or_default().normalize()
                        ))
                        .evidence("earlier_receipt_source", earlier.prov.to_string())
                        .evidence("litres_tolerance", ctx.litres_tolerance(vendor))
                        .evidence("amount_tolerance_percent", ctx.config.rules.amount_tolerance),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    fn pair(litres: &str) -> Vec<Exception> {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "26000"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-05", litres, "26000"));
        check(&PossibleDuplicate, data)
    }

    #[test]
    fn a_copy_under_a_new_number_is_raised_once() {
        let found = pair("40.5");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("26000"));
    }

    #[test]
    fn different_litres_are_silent() {
        assert!(pair("40.6").is_empty());
    }
}
