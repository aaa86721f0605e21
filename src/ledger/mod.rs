//! The ledger (SPEC §9): what one month's run leaves for the next. Monthly runs are not
//! independent — a receipt paid in March can be billed again in April, a line withheld in
//! March is still owed or contested in April, and a successor must see what is open — so an
//! accepted run is recorded in a database: an SQLite file (the default, embedded) or a
//! PostgreSQL database (`postgres://…`) for offices that share one.
//!
//! - [`Ledger::open_read_only`] is what `reconcile --ledger` and the letters use: it never
//!   writes (not even a migration). [`Ledger::paid_receipts`] feeds RECEIPT_ALREADY_PAID, and
//!   [`Ledger::open_disputes`] the letters' list of disputes still open from earlier months.
//! - [`Ledger::open`] is for the commands that write (`accept`, `disputes resolve`): it
//!   creates the ledger and brings its schema up to date ([`schema`]).
//! - [`accept`] reads a report folder and records it in one transaction; [`disputes`] lists
//!   and resolves disputes; [`handover`] builds the pack a successor reads on day one.
//! - [`store`] is the one door to both engines ([`sqlite`], [`postgres`]), so every query is
//!   written once.
//!
//! Receipts and vendors are keyed as everywhere else in fuelrecon: `normalise_id(receipt_no)`
//! and `fold_name(vendor)` ([`receipt_key`]).

pub mod accept;
pub mod disputes;
pub mod handover;
mod history;
mod postgres;
pub mod schema;
mod sqlite;
mod store;

use crate::model::{fold_name, normalise_id};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::path::PathBuf;
use std::str::FromStr;
use store::Store;

pub use accept::{AcceptOutcome, AcceptedRun};
pub use disputes::{DisputeFilter, Outcome};
pub use history::History;

#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error(
        "{location}: no ledger there: `fuelrecon accept --report DIR --ledger {location}` creates one"
    )]
    NotFound { location: String },

    #[error(
        "{location}: not a fuelrecon ledger ({cause}): give the ledger's file, or a new path to start one"
    )]
    NotALedger { location: String, cause: String },

    #[error(
        "{location}: holds no fuelrecon ledger yet: run `fuelrecon accept --report DIR --ledger {location}` to record a first month"
    )]
    Unmigrated { location: String },

    #[error(
        "{location}: written by a newer fuelrecon (schema {found}, this one knows {known}): upgrade fuelrecon"
    )]
    Newer {
        location: String,
        found: i64,
        known: i64,
    },

    #[error(
        "{location}: the ledger's schema ({found}) is older than this fuelrecon reads ({known}): run `fuelrecon accept` with this fuelrecon to upgrade it"
    )]
    Older {
        location: String,
        found: i64,
        known: i64,
    },

    #[error(
        "{location}: an interrupted `fuelrecon accept` left its journal beside the ledger, and this user cannot write there to roll it back: run `fuelrecon disputes --ledger {location}` once as a user who can"
    )]
    Interrupted { location: String },

    #[error(
        "{location}: another fuelrecon has been writing to the ledger for a minute; try again when it has finished"
    )]
    Busy { location: String },

    #[error("{location}: cannot open the ledger: {cause}")]
    CannotOpen { location: String, cause: String },

    #[error("{location}: {cause}")]
    Database { location: String, cause: String },

    #[error(
        "the ledger holds a value this fuelrecon cannot read ({detail}); was it edited by hand?"
    )]
    Damaged { detail: String },

    #[error("SOURCE_DATE_EPOCH must be whole seconds since 1970, not {text:?}")]
    Clock { text: String },

    #[error("{path}: {problem}")]
    Report { path: String, problem: String },

    #[error("no dispute {id} in {location}: `fuelrecon disputes --ledger {location}` lists them")]
    NoSuchDispute { location: String, id: String },

    #[error("dispute {id} is already resolved: {history}")]
    AlreadyResolved { id: String, history: String },

    #[error(transparent)]
    Write(#[from] crate::report::write::WriteError),
}

/// Where the ledger lives, from `--ledger`: a `postgres://` or `postgresql://` URL, else the
/// path of an SQLite file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    pub fn parse(text: &str) -> Location {
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            Location::Postgres(text.to_string())
        } else {
            Location::Sqlite(PathBuf::from(text))
        }
    }

    /// As messages and pages show it: a URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::Sqlite(path) => path.display().to_string(),
            Location::Postgres(url) => postgres::redacted(url),
        }
    }
}

/// An open ledger. Methods take `&mut self` because a PostgreSQL client does.
pub struct Ledger {
    store: Store,
    location: String,
}

/// A receipt paid in an accepted run (or by a dispute resolved as paid): billing it again is
/// RECEIPT_ALREADY_PAID.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaidReceipt {
    /// `fold_name(vendor)`.
    pub vendor_key: String,
    /// `normalise_id` of the receipt the line was linked to (else the number it billed).
    pub receipt_key: String,
    pub vendor: String,
    pub receipt_no: String,
    pub run_id: String,
    /// When the payment was agreed: the run's acceptance, or the dispute's resolution.
    pub accepted_at: String,
    pub invoice_no: String,
    pub line_no: i64,
    pub amount: Decimal,
    /// Set when the payment is a dispute resolved as paid.
    pub dispute_id: Option<i64>,
}

/// The keys a receipt is paid under, for looking one up: `(fold_name(vendor),
/// normalise_id(receipt_no))`.
pub fn receipt_key(vendor: &str, receipt_no: &str) -> (String, String) {
    (fold_name(vendor), normalise_id(receipt_no))
}

/// "Now" for the ledger: `SOURCE_DATE_EPOCH` when set (reproducible runs and tests), else the
/// clock.
pub fn now() -> Result<DateTime<Utc>, LedgerError> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(text) => text
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
            .ok_or(LedgerError::Clock { text }),
        Err(_) => Ok(Utc::now()),
    }
}

/// A moment as the ledger stores it: RFC 3339, UTC, whole seconds (sorts as text).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

impl Ledger {
    /// Opens a ledger to write to, creating it (an SQLite file, or the tables in an empty
    /// PostgreSQL database) and migrating its schema when this fuelrecon knows a newer one.
    pub fn open(location: &str) -> Result<Ledger, LedgerError> {
        let parsed = Location::parse(location);
        let shown = parsed.shown();
        let mut store = match &parsed {
            Location::Sqlite(path) => Store::Sqlite(sqlite::Sqlite::open(path)?),
            Location::Postgres(url) => Store::Postgres(postgres::Postgres::connect(url, false)?),
        };
        schema::migrate(&mut store, &shown, &stamp(now()?))?;
        Ok(Ledger {
            store,
            location: shown,
        })
    }

    /// Opens a ledger to read only: an SQLite file opened read-only, a PostgreSQL session
    /// whose transactions are read-only. Never creates or migrates: a missing file, a database
    /// without a ledger, or a schema this fuelrecon cannot read is refused with what to do.
    pub fn open_read_only(location: &str) -> Result<Ledger, LedgerError> {
        let parsed = Location::parse(location);
        let shown = parsed.shown();
        let mut store = match &parsed {
            Location::Sqlite(path) => Store::Sqlite(sqlite::Sqlite::open_read_only(path)?),
            Location::Postgres(url) => Store::Postgres(postgres::Postgres::connect(url, true)?),
        };
        schema::check_readable(&mut store, &shown)?;
        Ok(Ledger {
            store,
            location: shown,
        })
    }

    /// The ledger as messages show it (a URL without its password).
    pub fn location(&self) -> &str {
        &self.location
    }

    /// Every payment recorded against a receipt, oldest first. A receipt may appear more than
    /// once (a line half accepted, then its dispute resolved as paid); the first is the one to
    /// cite.
    pub fn paid_receipts(&mut self) -> Result<Vec<PaidReceipt>, LedgerError> {
        let rows = self.store.query(
            "SELECT l.vendor_key, l.receipt_key, l.vendor, l.linked_receipt, l.receipt_no, \
                    p.run_id, p.paid_at, l.invoice_no, l.line_no, p.amount, p.dispute_id \
             FROM payments p \
             JOIN invoice_lines l ON l.run_id = p.run_id AND l.row_no = p.row_no \
             ORDER BY p.paid_at, p.payment_id",
            &[],
        )?;
        rows.iter()
            .map(|row| {
                let linked = row.text(3)?;
                Ok(PaidReceipt {
                    vendor_key: row.text(0)?,
                    receipt_key: row.text(1)?,
                    vendor: row.text(2)?,
                    receipt_no: if linked.is_empty() {
                        row.text(4)?
                    } else {
                        linked
                    },
                    run_id: row.text(5)?,
                    accepted_at: row.text(6)?,
                    invoice_no: row.text(7)?,
                    line_no: row.int(8)?,
                    amount: decimal(&row.text(9)?)?,
                    dispute_id: row.opt_int(10)?,
                })
            })
            .collect()
    }

    /// The disputes still open, oldest first; of one vendor when `vendor_key`
    /// (`fold_name(vendor)`) is given — what a vendor's letter lists from earlier months.
    pub fn open_disputes(
        &mut self,
        vendor_key: Option<&str>,
    ) -> Result<Vec<disputes::Dispute>, LedgerError> {
        self.disputes(&DisputeFilter {
            vendor_key: vendor_key.map(str::to_string),
            open_only: true,
        })
    }
}

/// An amount read back from the ledger, exactly as it was written.
fn decimal(text: &str) -> Result<Decimal, LedgerError> {
    Decimal::from_str_exact(text).map_err(|_| LedgerError::Damaged {
        detail: format!("{text:?} is not an amount"),
    })
}

fn date(text: &str) -> Result<NaiveDate, LedgerError> {
    NaiveDate::from_str(text).map_err(|_| LedgerError::Damaged {
        detail: format!("{text:?} is not a date"),
    })
}
