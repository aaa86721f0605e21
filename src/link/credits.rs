//! Credits and reversals (SPEC §3.5): a receipt or invoice line with a negative amount nets
//! against the record of the same vendor and number that it reverses. The pass runs before
//! any other, so that credits never take part in matching (a reversal citing receipt 55012
//! does not bill it a second time) and every rule and the money view read one fact: which
//! record is a credit, and what it nets against.
//!
//! A credit nets against the latest record before it (in canonical order, on or before its
//! date) of the same vendor and number whose amount, less the credits already netted against
//! it, it does not exceed. Receipts are numbered by `receipt_no`; invoice lines by the
//! reference they cite (`receipt_no`, a receipt or a voucher), which is what a reversal line
//! repeats.

use super::Groups;
use super::keys::{Keys, VendorNo};
use crate::model::{Dataset, Ident, index32};
use chrono::NaiveDate;
use foldhash::{HashMap, HashMapExt};
use rust_decimal::Decimal;
use std::num::NonZeroU32;

/// Which records of one kind are credits, and what each nets against. Indexes are into the
/// dataset's collection of that kind.
#[derive(Debug, Default)]
pub struct Netting {
    /// For each record, whether it is a credit (a negative amount, or negative litres when
    /// it has no amount): never fuel bought, never a document to match.
    is_credit: Vec<bool>,
    /// For each credit, one more than the record it nets against (see [`Netting::nets_against`]):
    /// held in four bytes a record, as there is one for each of a month's millions.
    nets_against: Vec<Option<NonZeroU32>>,
    /// For each record, the credits netted against it, in canonical order.
    credits: Groups,
}

impl Netting {
    pub fn is_credit(&self, index: usize) -> bool {
        self.is_credit[index]
    }

    /// For a credit, the record it nets against; `None` for a credit with nothing to net
    /// against (UNMATCHED_CREDIT) and for every record that is no credit.
    pub fn nets_against(&self, index: usize) -> Option<usize> {
        self.nets_against[index].map(place)
    }

    /// A record's amount net of the credits netted against it, given each record's own
    /// amount; `None` when its own amount was not read.
    pub fn net(
        &self,
        index: usize,
        amount_of: impl Fn(usize) -> Option<Decimal>,
    ) -> Option<Decimal> {
        let credits: Decimal = (self.credits.of(index).iter()).filter_map(&amount_of).sum();
        Some(amount_of(index)? + credits)
    }

    /// Whether a record is reversed in full: credits bring it to zero.
    pub fn fully_reversed(
        &self,
        index: usize,
        amount_of: impl Fn(usize) -> Option<Decimal>,
    ) -> bool {
        !self.credits.of(index).is_empty()
            && self.net(index, amount_of).is_some_and(|n| n.is_zero())
    }

    /// The credits that net against nothing.
    pub fn unmatched(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.is_credit.len()).filter(|&i| self.is_credit[i] && self.nets_against[i].is_none())
    }
}

/// A record's index held one above it, so that `Option` of it takes no more room.
fn hold(index: usize) -> NonZeroU32 {
    NonZeroU32::MIN.saturating_add(index32(index))
}

/// The index [`hold`] holds.
fn place(held: NonZeroU32) -> usize {
    held.get() as usize - 1
}

/// What the pass needs to know of a receipt or an invoice line.
struct Entry<'a> {
    vendor: Option<VendorNo>,
    number: Option<&'a Ident>,
    date: Option<NaiveDate>,
    amount: Option<Decimal>,
    litres: Option<Decimal>,
}

impl Entry<'_> {
    fn is_credit(&self) -> bool {
        match self.amount {
            Some(amount) => amount.is_sign_negative() && !amount.is_zero(),
            None => self
                .litres
                .is_some_and(|l| l.is_sign_negative() && !l.is_zero()),
        }
    }
}

pub(super) fn receipts(data: &Dataset, keys: &Keys) -> Netting {
    net(data
        .receipts
        .iter()
        .zip(&keys.receipt_vendor)
        .map(|(r, &vendor)| Entry {
            vendor,
            number: r.receipt_no.as_ref(),
            date: r.date,
            amount: r.amount(),
            litres: r.litres(),
        })
        .collect())
}

pub(super) fn lines(data: &Dataset, keys: &Keys) -> Netting {
    net(data
        .invoice_lines
        .iter()
        .zip(&keys.line_vendor)
        .map(|(l, &vendor)| Entry {
            vendor,
            number: l.receipt_no.as_ref(),
            date: l.invoice_date,
            amount: l.amount(),
            litres: l.litres(),
        })
        .collect())
}

fn net(entries: Vec<Entry<'_>>) -> Netting {
    let is_credit: Vec<bool> = entries.iter().map(Entry::is_credit).collect();
    let mut nets_against = vec![None; entries.len()];
    // Only credits look originals up: with none, no index is built.
    if !is_credit.contains(&true) {
        return Netting {
            is_credit,
            nets_against,
            credits: Groups::from_pairs(entries.len(), std::iter::empty()),
        };
    }
    // What is left of each record to net against, by the field its credits give.
    let mut left: Vec<(Option<Decimal>, Option<Decimal>)> =
        entries.iter().map(|e| (e.amount, e.litres)).collect();
    let mut originals: HashMap<(VendorNo, &str), Vec<usize>> =
        HashMap::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        if is_credit[index] {
            continue;
        }
        if let (Some(vendor), Some(number)) = (entry.vendor, entry.number) {
            originals
                .entry((vendor, number.key()))
                .or_default()
                .push(index);
        }
    }
    for (index, credit) in entries.iter().enumerate() {
        if !is_credit[index] {
            continue;
        }
        let (Some(vendor), Some(number)) = (credit.vendor, credit.number) else {
            continue;
        };
        let Some(candidates) = originals.get(&(vendor, number.key())) else {
            continue;
        };
        let not_later = |original: usize| match (entries[original].date, credit.date) {
            (Some(original), Some(credit)) => original <= credit,
            _ => original < index,
        };
        let covers = |original: usize| match (credit.amount, left[original]) {
            (Some(amount), (Some(left), _)) => -amount <= left,
            (None, (_, Some(left))) => credit.litres.is_some_and(|l| -l <= left),
            _ => false,
        };
        let target = candidates
            .iter()
            .copied()
            .rev()
            .find(|&o| not_later(o) && covers(o));
        if let Some(original) = target {
            nets_against[index] = Some(hold(original));
            let (amount, litres) = &mut left[original];
            match credit.amount {
                Some(credit) => *amount = amount.map(|a| a + credit),
                None => *litres = litres.zip(credit.litres).map(|(l, c)| l + c),
            }
        }
    }
    // Each record's credits in canonical order: the order the credits come in.
    let netted = (nets_against.iter().enumerate())
        .filter_map(|(credit, &original)| Some((place(original?), credit)));
    Netting {
        credits: Groups::from_pairs(entries.len(), netted),
        is_credit,
        nets_against,
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::link::link;
    use crate::rules::testing::{dataset, date, line, receipt};

    #[test]
    fn a_credit_nets_against_the_latest_earlier_record_it_does_not_exceed() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2017-03-01", "20", "61.96"));
        data.receipts
            .push(receipt("R1", "V1", "2017-03-02", "0.2", "0.40"));
        // Too large for the fill of the 2nd: it nets against the one of the 1st.
        data.receipts
            .push(receipt("R1", "V1", "2017-03-03", "0", "-0.53"));
        // Dated before anything of its number: nothing to net against.
        data.receipts
            .push(receipt("R2", "V1", "2017-02-01", "0", "-0.02"));
        data.receipts
            .push(receipt("R2", "V1", "2017-03-01", "10", "30"));
        data.canonicalise();
        let links = link(&data, &Config::defaults());
        let at = |n: &str, on: &str| {
            data.receipts
                .iter()
                .position(|r| {
                    r.receipt_no.as_ref().unwrap().text() == n && r.date == Some(date(on))
                })
                .unwrap()
        };
        let netting = &links.receipt_credits;
        assert_eq!(
            netting.nets_against(at("R1", "2017-03-03")),
            Some(at("R1", "2017-03-01"))
        );
        assert_eq!(
            (netting.credits.of(at("R1", "2017-03-01")).iter()).collect::<Vec<_>>(),
            vec![at("R1", "2017-03-03")]
        );
        assert!(!netting.is_credit(at("R1", "2017-03-02")));
        assert_eq!(
            netting.unmatched().collect::<Vec<_>>(),
            vec![at("R2", "2017-02-01")]
        );
    }

    #[test]
    fn a_credit_line_reverses_the_line_citing_the_same_reference_and_bills_nothing() {
        let mut data = dataset();
        data.receipts
            .push(receipt("R1", "V1", "2020-03-05", "40", "100"));
        data.invoice_lines.push(line("INV1", 1, "R1", "40", "100"));
        data.invoice_lines
            .push(line("INV1", 2, "R1", "-40", "-100"));
        data.invoice_lines
            .push(line("INV1", 3, "R1", "-40", "-100"));
        data.canonicalise();
        let links = link(&data, &Config::defaults());
        let netting = &links.line_credits;
        assert_eq!(netting.nets_against(1), Some(0));
        assert_eq!(
            netting.unmatched().collect::<Vec<_>>(),
            vec![2],
            "the first reversal took all there was"
        );
        assert_eq!(
            links.line_receipt.get(0).map(|(r, _)| r),
            Some(0),
            "the reversed line still names its receipt"
        );
        assert!(
            links.receipt_lines.of(0).is_empty(),
            "but neither it, reversed in full, nor the credits bill it"
        );
    }
}
