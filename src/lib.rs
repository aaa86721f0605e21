//! fuelrecon reconciles a fleet's fuel paperwork: vendor invoice lines against fuel receipts,
//! and receipts against vehicle trip tickets, and reports what is supported, what is not and why.
//!
//! The program follows the data, one module per stage:
//! 1. [`load`]: CSV and spreadsheet files → typed records ([`model`]) with provenance, and the
//!    problems found reading them.
//! 2. [`link`]: the matching passes of SPEC §3 → links between records.
//! 3. [`rules`]: the exception catalogue of SPEC §4, one rule per file, run by one registry.
//! 4. [`report`]: every output rendered from one set of findings, written atomically.
//! 5. [`ledger`]: what one month's accepted run leaves for the next (paid receipts, disputes).

pub mod cli;
pub mod cmd;
pub mod config;
pub mod error;
pub mod i18n;
pub mod ledger;
pub mod link;
pub mod load;
pub mod model;
pub mod pages;
pub mod parallel;
pub mod period;
pub mod report;
pub mod rules;
pub mod sample;
