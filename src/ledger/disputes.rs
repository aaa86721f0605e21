//! Disputes: the withheld part of an accepted invoice line, open until someone records how it
//! ended — paid after all (its receipt is then paid), credited by the vendor, or withdrawn.
//! A dispute is resolved once; its history is the run that raised it and that resolution.

use super::accept::next_id;
use super::store::{Param, Row};
use super::{Ledger, LedgerError, date, decimal, stamp};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

/// How a dispute ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Outcome {
    /// The amount was paid after all (the vendor sent what was missing); its receipt is paid.
    Paid,
    /// The vendor issued a credit note for it.
    Credited,
    /// The organisation dropped its claim.
    Withdrawn,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Paid => "paid",
            Outcome::Credited => "credited",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    fn parse(text: &str) -> Result<Outcome, LedgerError> {
        match text {
            "paid" => Ok(Outcome::Paid),
            "credited" => Ok(Outcome::Credited),
            "withdrawn" => Ok(Outcome::Withdrawn),
            other => Err(LedgerError::Damaged {
                detail: format!("{other:?} is not an outcome"),
            }),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    pub outcome: Outcome,
    pub note: String,
    pub by: String,
    pub at: String,
}

/// A disputed invoice line, with the run that raised it and how it ended, if it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispute {
    pub id: i64,
    pub vendor: String,
    pub vendor_key: String,
    pub invoice_no: String,
    pub line_no: i64,
    pub invoice_date: String,
    /// The receipt the line was linked to, else the number it billed (may be empty).
    pub receipt_no: String,
    pub vehicle_id: String,
    pub fill_date: String,
    pub litres: String,
    pub billed: Decimal,
    /// The amount withheld and disputed.
    pub amount: Decimal,
    /// The exception codes behind it, and their messages joined by ` | `.
    pub codes: Vec<String>,
    pub reason: String,
    pub exception_ids: Vec<String>,
    pub source: String,
    pub run_id: String,
    /// The date of the run that raised it.
    pub opened_on: NaiveDate,
    pub accepted_by: String,
    pub accepted_at: String,
    pub report_dir: String,
    pub resolution: Option<Resolution>,
}

impl Dispute {
    /// As people quote it: `D-12`.
    pub fn label(&self) -> String {
        label(self.id)
    }

    pub fn is_open(&self) -> bool {
        self.resolution.is_none()
    }

    /// `open`, or how it ended.
    pub fn status(&self) -> &'static str {
        self.resolution
            .as_ref()
            .map_or("open", |r| r.outcome.as_str())
    }

    /// Days since the run that raised it.
    pub fn age_days(&self, today: NaiveDate) -> i64 {
        (today - self.opened_on).num_days()
    }

    /// The run's short name, as pages and messages show it.
    pub fn run_short(&self) -> &str {
        short_run(&self.run_id)
    }
}

pub fn label(id: i64) -> String {
    format!("D-{id}")
}

/// A run's identity shortened for people: its first 12 hex digits.
pub fn short_run(run_id: &str) -> &str {
    run_id.get(..12).unwrap_or(run_id)
}

/// Reads `D-12`, `d12` or `12`.
pub fn parse_label(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = match text.strip_prefix(['D', 'd']) {
        Some(rest) => rest.strip_prefix('-').unwrap_or(rest),
        None => text,
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n: &i64| *n > 0)
}

/// Which disputes to list.
#[derive(Clone, Debug, Default)]
pub struct DisputeFilter {
    /// `fold_name(vendor)`; all vendors when `None`.
    pub vendor_key: Option<String>,
    pub open_only: bool,
}

const SELECT: &str = "SELECT d.dispute_id, l.vendor, l.vendor_key, l.invoice_no, l.line_no, \
    l.invoice_date, l.receipt_no, l.linked_receipt, l.vehicle_id, l.fill_date, l.litres, \
    l.billed, l.withheld, l.codes, l.reasons, l.exception_ids, l.source, \
    r.run_id, r.run_date, r.accepted_by, r.accepted_at, r.report_dir, \
    s.outcome, s.note, s.resolved_by, s.resolved_at \
    FROM disputes d \
    JOIN invoice_lines l ON l.run_id = d.run_id AND l.row_no = d.row_no \
    JOIN runs r ON r.run_id = d.run_id \
    LEFT JOIN resolutions s ON s.dispute_id = d.dispute_id";

fn split(text: &str, separator: char) -> Vec<String> {
    text.split(separator)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn dispute(row: &Row) -> Result<Dispute, LedgerError> {
    let linked = row.text(7)?;
    let resolution = match row.opt_text(22)? {
        Some(outcome) => Some(Resolution {
            outcome: Outcome::parse(&outcome)?,
            note: row.text(23)?,
            by: row.text(24)?,
            at: row.text(25)?,
        }),
        None => None,
    };
    Ok(Dispute {
        id: row.int(0)?,
        vendor: row.text(1)?,
        vendor_key: row.text(2)?,
        invoice_no: row.text(3)?,
        line_no: row.int(4)?,
        invoice_date: row.text(5)?,
        receipt_no: if linked.is_empty() {
            row.text(6)?
        } else {
            linked
        },
        vehicle_id: row.text(8)?,
        fill_date: row.text(9)?,
        litres: row.text(10)?,
        billed: decimal(&row.text(11)?)?,
        amount: decimal(&row.text(12)?)?,
        codes: split(&row.text(13)?, ';'),
        reason: row.text(14)?,
        exception_ids: split(&row.text(15)?, ';'),
        source: row.text(16)?,
        run_id: row.text(17)?,
        opened_on: date(&row.text(18)?)?,
        accepted_by: row.text(19)?,
        accepted_at: row.text(20)?,
        report_dir: row.text(21)?,
        resolution,
    })
}

impl Ledger {
    /// Disputes in the order they were opened.
    pub fn disputes(&mut self, filter: &DisputeFilter) -> Result<Vec<Dispute>, LedgerError> {
        let mut conditions = Vec::new();
        let mut params = Vec::new();
        if let Some(key) = &filter.vendor_key {
            conditions.push("l.vendor_key = $1");
            params.push(Param::Text(key));
        }
        if filter.open_only {
            conditions.push("s.dispute_id IS NULL");
        }
        let mut sql = SELECT.to_string();
        if !conditions.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conditions.join(" AND "));
        }
        sql.push_str(" ORDER BY d.dispute_id");
        self.store
            .query(&sql, &params)?
            .iter()
            .map(dispute)
            .collect()
    }

    /// One dispute by number.
    pub fn dispute(&mut self, id: i64) -> Result<Option<Dispute>, LedgerError> {
        let sql = format!("{SELECT} WHERE d.dispute_id = $1");
        let rows = self.store.query(&sql, &[Param::Int(id)])?;
        rows.first().map(dispute).transpose()
    }

    /// Records how a dispute ended, who said so and when; resolved as paid, its receipt is
    /// paid too. A dispute already resolved is refused with its history.
    pub fn resolve(
        &mut self,
        id: i64,
        outcome: Outcome,
        note: &str,
        by: &str,
        at: DateTime<Utc>,
    ) -> Result<Dispute, LedgerError> {
        let at = stamp(at);
        let location = self.location.clone();
        self.store.write(|store| {
            let sql = format!("{SELECT} WHERE d.dispute_id = $1");
            let rows = store.query(&sql, &[Param::Int(id)])?;
            let Some(found) = rows.first().map(dispute).transpose()? else {
                return Err(LedgerError::NoSuchDispute {
                    location,
                    id: label(id),
                });
            };
            if !found.is_open() {
                return Err(LedgerError::AlreadyResolved {
                    id: label(id),
                    history: history(&found).join("; "),
                });
            }
            store.execute(
                "INSERT INTO resolutions (dispute_id, outcome, note, resolved_by, resolved_at) \
                 VALUES ($1, $2, $3, $4, $5)",
                &[
                    Param::Int(id),
                    Param::Text(outcome.as_str()),
                    Param::Text(note),
                    Param::Text(by),
                    Param::Text(&at),
                ],
            )?;
            if outcome == Outcome::Paid {
                let line = store.query(
                    "SELECT run_id, row_no FROM disputes WHERE dispute_id = $1",
                    &[Param::Int(id)],
                )?;
                let Some(line) = line.first() else {
                    return Err(LedgerError::NoSuchDispute {
                        location,
                        id: label(id),
                    });
                };
                let payment = next_id(store, "payments", "payment_id")?;
                store.execute(
                    "INSERT INTO payments (payment_id, run_id, row_no, amount, paid_at, dispute_id) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                    &[
                        Param::Int(payment),
                        Param::Text(&line.text(0)?),
                        Param::Int(line.int(1)?),
                        Param::Text(&found.amount.to_string()),
                        Param::Text(&at),
                        Param::OptInt(Some(id)),
                    ],
                )?;
            }
            Ok(Dispute {
                resolution: Some(Resolution {
                    outcome,
                    note: note.to_string(),
                    by: by.to_string(),
                    at,
                }),
                ..found
            })
        })
    }
}

/// A dispute's story in plain events, oldest first (for the refusal message; the handover
/// page renders the same events through its template).
pub fn history(dispute: &Dispute) -> Vec<String> {
    let mut events = vec![format!(
        "opened on {} by run {} (accepted by {} at {}): invoice {} line {}, {} withheld",
        dispute.opened_on,
        dispute.run_short(),
        dispute.accepted_by,
        dispute.accepted_at,
        dispute.invoice_no,
        dispute.line_no,
        dispute.amount
    )];
    if let Some(r) = &dispute.resolution {
        events.push(format!(
            "resolved as {} by {} at {}: {}",
            r.outcome.as_str(),
            r.by,
            r.at,
            r.note
        ));
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dispute_number_is_read_as_people_write_it() {
        for text in ["D-12", "d12", "12", " D-12 "] {
            assert_eq!(parse_label(text), Some(12), "{text}");
        }
        for text in ["D-0", "D-", "twelve", "-3"] {
            assert_eq!(parse_label(text), None, "{text}");
        }
        assert_eq!(label(12), "D-12");
    }

    #[test]
    fn a_run_is_shown_by_its_first_twelve_hex_digits() {
        assert_eq!(short_run("0123456789abcdef"), "0123456789ab");
        assert_eq!(short_run("abc"), "abc");
    }
}
