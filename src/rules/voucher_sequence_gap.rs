use super::{Context, Exception, Rule, RuleInfo, declare_rule, say};
use std::collections::{BTreeMap, BTreeSet};

declare_rule! {
    /// ## What it catches
    /// Numbers missing inside a run of fuel voucher numbers that share a prefix, taken from the
    /// voucher numbers of trip tickets and receipts together (`B-0101`, `B-0102`, `B-0104`:
    /// `B-0103` is missing). One exception per gap.
    /// ## Why it matters to an auditor
    /// Vouchers are pre-numbered so that every one can be accounted for; a missing number is a
    /// voucher used without paperwork, or lost, or voided without record.
    /// ## Example
    /// Series B: 0101 to 0140 are used, except 0117 and 0118.
    /// ## Amount at risk
    /// 0.
    VoucherSequenceGap, Low, "voucher numbers missing inside a series"
}

/// The numbers used in one series, their widest digit count, and its prefix as written.
#[derive(Default)]
struct Series<'a> {
    numbers: BTreeSet<u64>,
    width: usize,
    written: Option<&'a str>,
}

/// Splits a normalised voucher id into its prefix and trailing number, with the number's
/// digit count (to write missing numbers the way the series does).
fn split(key: &str) -> Option<(&str, u64, usize)> {
    let digits_at = key
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_digit())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let digits = &key[digits_at..];
    if digits.is_empty() || digits.len() > 18 {
        return None;
    }
    Some((&key[..digits_at], digits.parse().ok()?, digits.len()))
}

impl Rule for VoucherSequenceGap {
    fn info(&self) -> &'static RuleInfo {
        &Self::INFO
    }

    fn missing_data(&self, ctx: &Context<'_>) -> Option<String> {
        let any = ctx.data.trips.iter().any(|t| !t.voucher_nos.is_empty())
            || ctx.data.receipts.iter().any(|r| r.voucher_no.is_some());
        (!any).then(|| "no trip ticket or receipt gives a voucher number".to_string())
    }

    fn check(&self, ctx: &Context<'_>, out: &mut Vec<Exception>) {
        let vouchers = ctx
            .data
            .trips
            .iter()
            .flat_map(|t| t.voucher_nos.iter())
            .chain(
                ctx.data
                    .receipts
                    .iter()
                    .filter_map(|r| r.voucher_no.as_ref()),
            );
        let mut series: BTreeMap<&str, Series<'_>> = BTreeMap::new();
        for voucher in vouchers {
            if let Some((prefix, number, width)) = split(voucher.key()) {
                let entry = series.entry(prefix).or_default();
                entry.numbers.insert(number);
                entry.width = entry.width.max(width);
                // Missing numbers are written the way the series writes its own (`V-1006`).
                let written = voucher
                    .text()
                    .trim_end_matches(|c: char| c.is_ascii_digit());
                entry.written = Some(entry.written.map_or(written, |w| w.min(written)));
            }
        }
        for (
            prefix,
            Series {
                numbers,
                width,
                written,
            },
        ) in series
        {
            let written = written.unwrap_or(prefix);
            let name = |n: u64| format!("{written}{n:0width$}");
            let (Some(first), Some(last)) = (numbers.first(), numbers.last()) else {
                continue;
            };
            let series_name = say!(ctx, "{} to {}", "{} à {}", name(*first), name(*last));
            let used: Vec<u64> = numbers.iter().copied().collect();
            for pair in used.windows(2) {
                let (before, after) = (pair[0], pair[1]);
                if after - before <= 1 {
                    continue;
                }
                let (from, to) = (before + 1, after - 1);
                let missing = to - from + 1;
                let range = if from == to {
                    name(from)
                } else {
                    say!(ctx, "{} to {}", "{} à {}", name(from), name(to))
                };
                out.push(
                    Exception::on_voucher_series(&Self::INFO)
                        .message(say!(ctx, "Voucher {range} ({missing} number(s)) is missing from the series {series_name} used on trip tickets and receipts.", "Le bon {range} ({missing} numéro(s)) manque dans la série {series_name} des feuilles de route et des reçus."
                        ))
                        .evidence("prefix", prefix)
                        .evidence("first_missing", name(from))
                        .evidence("last_missing", name(to))
                        .evidence("missing_count", missing as i64)
                        .evidence("series", series_name.clone()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::*;

    #[test]
    fn a_gap_in_a_series_is_raised_once_per_gap() {
        let mut data = dataset();
        let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), None);
        t.voucher_nos = ["B-0101", "B-0102", "B-0105"]
            .iter()
            .filter_map(|v| id(v))
            .collect();
        data.trips.push(t);
        let mut r = receipt("R1", "V1", "2020-03-05", "40", "100");
        r.voucher_no = id("B-0107");
        data.receipts.push(r);
        let found = check(&VoucherSequenceGap, data);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].evidence["first_missing"], "B-0103");
        assert_eq!(found[0].evidence["last_missing"], "B-0104");
    }

    #[test]
    fn prefixes_of_any_script_split_from_their_numbers() {
        assert_eq!(split("É12"), Some(("É", 12, 2)));
        assert_eq!(split("БОН007"), Some(("БОН", 7, 3)));
        assert_eq!(split("ÉÉ"), None);
    }

    #[test]
    fn a_complete_series_and_other_prefixes_are_silent() {
        let mut data = dataset();
        let mut t = trip("T1", "V1", "2020-03-05", ("100", "200"), None);
        t.voucher_nos = ["A-1", "A-2", "C-7"].iter().filter_map(|v| id(v)).collect();
        data.trips.push(t);
        assert!(check(&VoucherSequenceGap, data).is_empty());
    }
}
