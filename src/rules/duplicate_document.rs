use super::{Context, Exception, Message, Rule, RuleInfo, declare_rule};
use crate::link::index::FirstByKey;
use crate::link::{Links, is_non_fuel};
use crate::model::{Dataset, index32};
use rust_decimal::Decimal;
use std::hash::Hash;

declare_rule! {
    /// The same document twice within one document type: a trip ticket number used twice, a
    /// receipt number of one vendor submitted twice, an invoice line (invoice number and line
    /// number of one vendor) billed twice. Ids are compared normalised (`R-001` is `r001`).
    /// Receipts and lines repeat only among the same kind of product: a car wash rung up
    /// under the transaction number of a fill is a second item of one sale, not a copy (it is
    /// NON_FUEL_PURCHASE). Credits are no repeats: they net against what they reverse (§3.5),
    /// and a fill they reverse in full (voided at the pump) is no first copy of one rung up again.
    DuplicateDocument, High
}

impl Rule for DuplicateDocument {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, _: &Context<'_>) -> Option<Message> {
        None
    }

    /// Each kind is looked at on its own, and its index of first copies goes before the next
    /// is made: at a million records a kind, one such index is tens of megabytes.
    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        repeated_trips(ctx, out);
        repeated_receipts(ctx, out);
        repeated_lines(ctx, out);
    }
}

/// Calls `repeat(index, first)` for each of `count` records whose key an earlier record has,
/// with the first record that had it. `key_of` gives a record's key, `None` for a record that
/// takes no part (no number, a credit). The index of first copies holds records' places, not
/// their keys (4 bytes an entry).
fn each_repeat<K: Hash + Eq>(
    count: usize,
    key_of: impl Fn(u32) -> Option<K>,
    mut repeat: impl FnMut(usize, usize),
) {
    let mut first_with = FirstByKey::with_capacity(count);
    for index in 0..index32(count) {
        if key_of(index).is_none() {
            continue;
        }
        let first = first_with.first_or_insert(index, &key_of);
        if first != index {
            repeat(index as usize, first as usize);
        }
    }
}

/// Trip ticket numbers used twice, raised on each copy after the first.
fn repeated_trips(ctx: &Context<'_>, out: &mut Vec<Exception>) {
    let trips = &ctx.data.trips;
    let key_of = |index: u32| Some(trips[index as usize].trip_id.as_ref()?.key());
    each_repeat(trips.len(), key_of, |index, first| {
        let (trip, first) = (&trips[index], &trips[first]);
        let Some(id) = &trip.trip_id else { return };
        out.push(
            Exception::on_trip(&DuplicateDocument::INFO, index, trip)
                .message(
                    Message::new("msg-duplicate-trip")
                        .text("trip", id.to_string())
                        .text("first", first.prov.to_string()),
                )
                .evidence("first_source", first.prov.to_string())
                .evidence("normalised_id", id.key()),
        );
    });
}

/// Each receipt that repeats an earlier one's number of one vendor, among one kind of product,
/// with the first that had it: `(repeat, first)`, in the order of the receipts. Credits are no
/// repeats, and nor is a receipt its credits reverse in full: a fill voided at the pump and rung
/// up again under its number is one fill, not two (§3.5). The rules' context finds them once
/// (the fuel rules leave repeats out; this rule raises them).
pub(super) fn receipt_repeats(data: &Dataset, links: &Links) -> Vec<(usize, usize)> {
    let receipts = &data.receipts;
    let credits = &links.receipt_credits;
    let key_of = |index: u32| {
        let index = index as usize;
        let receipt = &receipts[index];
        if receipt.vendor.is_none() || credits.is_credit(index) || links.receipt_voided(data, index)
        {
            return None;
        }
        let number = receipt.receipt_no.as_ref()?.key();
        let vendor = links.keys.receipt_vendor[index];
        Some((vendor, number, is_non_fuel(&receipt.fuel_type)))
    };
    let mut repeats = Vec::new();
    each_repeat(receipts.len(), key_of, |index, first| {
        repeats.push((index, first));
    });
    repeats
}

/// Receipt numbers of one vendor submitted twice, among one kind of product.
fn repeated_receipts(ctx: &Context<'_>, out: &mut Vec<Exception>) {
    let receipts = &ctx.data.receipts;
    for &(index, first) in &ctx.receipt_repeats {
        let (receipt, first) = (&receipts[index], &receipts[first]);
        let (Some(vendor), Some(number)) = (&receipt.vendor, &receipt.receipt_no) else {
            continue;
        };
        out.push(
            Exception::on_receipt(&DuplicateDocument::INFO, index, receipt)
                .at_risk(receipt.amount().unwrap_or(Decimal::ZERO))
                .message(
                    Message::new("msg-duplicate-receipt")
                        .text("receipt", number.to_string())
                        .text("vendor", vendor.to_string())
                        .text("first", first.prov.to_string()),
                )
                .evidence("first_source", first.prov.to_string())
                .evidence("normalised_id", number.key()),
        );
    }
}

/// Invoice lines of one vendor billed twice (invoice and line number), among one kind of
/// product.
fn repeated_lines(ctx: &Context<'_>, out: &mut Vec<Exception>) {
    let lines = &ctx.data.invoice_lines;
    let links = ctx.links;
    let key_of = |index: u32| {
        let index = index as usize;
        let line = &lines[index];
        if line.vendor.is_none() || links.line_credits.is_credit(index) {
            return None;
        }
        let invoice = line.invoice_no.as_ref()?.key();
        let vendor = links.keys.line_vendor[index];
        Some((vendor, invoice, line.line_no, is_non_fuel(&line.fuel_type)))
    };
    each_repeat(lines.len(), key_of, |index, first| {
        let (line, first) = (&lines[index], &lines[first]);
        let (Some(vendor), Some(invoice)) = (&line.vendor, &line.invoice_no) else {
            return;
        };
        out.push(
            Exception::on_line(&DuplicateDocument::INFO, index, line)
                .at_risk(line.amount().unwrap_or(Decimal::ZERO))
                .message(
                    Message::new("msg-duplicate-line")
                        .text("invoice", invoice.to_string())
                        .int("line", i64::from(line.line_no))
                        .text("vendor", vendor.to_string())
                        .text("first", first.prov.to_string()),
                )
                .evidence("first_source", first.prov.to_string())
                .evidence(
                    "normalised_id",
                    format!("{}/{}", invoice.key(), line.line_no),
                ),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_repeated_receipt_number_is_raised_once_on_the_repeat() {
        let mut data = dataset();
        data.receipts
            .push(receipt("000123", "V1", "2020-03-05", "40", "30000"));
        data.receipts
            .push(receipt("123", "V1", "2020-03-06", "40", "31000"));
        let found = check(&DuplicateDocument, data);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].amount_at_risk, d("31000"));
    }

    /// A fill voided at the pump and rung up again under its number is one fill: the reversal
    /// nets one copy, the other is billed, and neither is a duplicate or left unbilled.
    #[test]
    fn a_fill_voided_and_rung_up_again_is_no_duplicate() {
        let month = || {
            let mut data = dataset();
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "56"));
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "-40", "-56"));
            data.receipts
                .push(receipt("R1", "V1", "2020-03-05", "40", "56"));
            data.invoice_lines.push(line("INV1", 1, "R1", "40", "56"));
            data
        };
        assert!(check(&DuplicateDocument, month()).is_empty());
        let not_billed = check(&crate::rules::receipt_not_billed::ReceiptNotBilled, month());
        assert!(not_billed.is_empty(), "{not_billed:?}");
    }

    #[test]
    fn the_same_number_at_two_vendors_is_not_a_duplicate() {
        let mut data = dataset();
        data.receipts
            .push(receipt("123", "V1", "2020-03-05", "40", "30000"));
        let mut other = receipt("123", "V1", "2020-03-05", "40", "30000");
        other.vendor = crate::model::VendorName::new("Shell");
        data.receipts.push(other);
        assert!(check(&DuplicateDocument, data).is_empty());
    }

    #[test]
    fn a_car_wash_under_the_number_of_a_fill_or_a_reversal_is_no_duplicate() {
        let sale = || {
            let mut data = dataset();
            let mut fill = receipt("T9001", "V1", "2017-03-05", "40", "120");
            fill.fuel_type = Some(crate::model::FuelType::Petrol);
            data.receipts.push(fill);
            let mut wash = receipt("T9001", "V1", "2017-03-05", "0", "8");
            wash.fuel_type = Some(crate::model::FuelType::NonFuel("CAR WASH".into()));
            data.receipts.push(wash);
            data.receipts
                .push(receipt("T9001", "V1", "2017-03-05", "0", "-0.53"));
            data
        };
        assert!(check(&DuplicateDocument, sale()).is_empty());
        let mut data = sale();
        let mut second = receipt("T9001", "V1", "2017-03-06", "0", "9");
        second.fuel_type = Some(crate::model::FuelType::NonFuel("CAR WASH".into()));
        data.receipts.push(second);
        let found = check(&DuplicateDocument, data);
        assert_eq!(found.len(), 1, "two car washes under one number are");
        assert_eq!(found[0].amount_at_risk, d("9"));
    }

    #[test]
    fn trip_tickets_and_invoice_lines_repeat_too() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V1", "2020-03-05", ("100", "200"), None));
        data.trips
            .push(trip("t-1", "V2", "2020-03-06", ("100", "200"), None));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R2", "40", "100"));
        data.invoice_lines.push(line("INV1", 2, "R3", "40", "100"));
        let found = check(&DuplicateDocument, data);
        assert_eq!(
            found
                .iter()
                .filter(|e| matches!(e.target, crate::rules::Target::Trip(_)))
                .count(),
            1
        );
        assert_eq!(
            found
                .iter()
                .filter(|e| matches!(e.target, crate::rules::Target::InvoiceLine(_)))
                .count(),
            1
        );
    }
}
