//! One door to either database, so the ledger's queries are written once. The SQL is the
//! subset both engines speak: TEXT and BIGINT values, and `$1`, `$2`… placeholders (SQLite
//! reads `$1` as a named parameter, numbered in order of first appearance, which is the same
//! number when every query uses them in order). What differs — opening, locking, finding a
//! table — lives in sqlite.rs and postgres.rs.

use super::LedgerError;
use super::postgres::Postgres;
use super::sqlite::Sqlite;

/// A value bound to a placeholder.
#[derive(Clone, Copy, Debug)]
pub enum Param<'a> {
    Text(&'a str),
    Int(i64),
    /// A whole number or nothing (PostgreSQL wants a null typed like its column).
    OptInt(Option<i64>),
}

/// A value read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cell {
    Null,
    Int(i64),
    Text(String),
}

/// One result row; columns by position, as the query names them.
#[derive(Debug)]
pub struct Row(pub Vec<Cell>);

impl Row {
    pub fn text(&self, index: usize) -> Result<String, LedgerError> {
        match self.0.get(index) {
            Some(Cell::Text(text)) => Ok(text.clone()),
            other => Err(unexpected(index, "text", other)),
        }
    }

    pub fn int(&self, index: usize) -> Result<i64, LedgerError> {
        match self.0.get(index) {
            Some(Cell::Int(n)) => Ok(*n),
            other => Err(unexpected(index, "a whole number", other)),
        }
    }

    pub fn opt_text(&self, index: usize) -> Result<Option<String>, LedgerError> {
        match self.0.get(index) {
            Some(Cell::Null) => Ok(None),
            _ => self.text(index).map(Some),
        }
    }

    pub fn opt_int(&self, index: usize) -> Result<Option<i64>, LedgerError> {
        match self.0.get(index) {
            Some(Cell::Null) => Ok(None),
            _ => self.int(index).map(Some),
        }
    }
}

fn unexpected(index: usize, wanted: &str, found: Option<&Cell>) -> LedgerError {
    LedgerError::Damaged {
        detail: format!("column {index} should hold {wanted}, holds {found:?}"),
    }
}

/// The two backends behind one set of operations. (A PostgreSQL client is the larger; one
/// store is made per command, so it stays inline rather than boxed.)
#[allow(clippy::large_enum_variant)]
pub enum Store {
    Sqlite(Sqlite),
    Postgres(Postgres),
}

impl Store {
    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, LedgerError> {
        match self {
            Store::Sqlite(db) => db.execute(sql, params),
            Store::Postgres(db) => db.execute(sql, params),
        }
    }

    pub fn query(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, LedgerError> {
        match self {
            Store::Sqlite(db) => db.query(sql, params),
            Store::Postgres(db) => db.query(sql, params),
        }
    }

    /// Runs several statements (a migration file).
    pub fn batch(&mut self, sql: &str) -> Result<(), LedgerError> {
        match self {
            Store::Sqlite(db) => db.batch(sql),
            Store::Postgres(db) => db.batch(sql),
        }
    }

    pub fn table_exists(&mut self, name: &str) -> Result<bool, LedgerError> {
        match self {
            Store::Sqlite(db) => db.table_exists(name),
            Store::Postgres(db) => db.table_exists(name),
        }
    }

    /// Starts a transaction that holds the ledger's write lock until it ends, so writers take
    /// turns: SQLite's `BEGIN IMMEDIATE` (waiting up to the busy timeout), PostgreSQL's
    /// transaction-scoped advisory lock (waiting as long as it takes).
    pub fn begin_write(&mut self) -> Result<(), LedgerError> {
        match self {
            Store::Sqlite(db) => db.begin_write(),
            Store::Postgres(db) => db.begin_write(),
        }
    }

    pub fn commit(&mut self) -> Result<(), LedgerError> {
        self.batch("COMMIT")
    }

    pub fn rollback(&mut self) -> Result<(), LedgerError> {
        self.batch("ROLLBACK")
    }

    /// Runs `work` inside one write transaction: all of it is recorded, or none of it.
    pub fn write<T>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, LedgerError>,
    ) -> Result<T, LedgerError> {
        self.begin_write()?;
        match work(self) {
            Ok(value) => {
                self.commit()?;
                Ok(value)
            }
            Err(error) => {
                // The error that stopped the work is the one to report; a failed rollback
                // leaves the transaction to the database, which discards it on disconnect.
                let _ = self.rollback();
                Err(error)
            }
        }
    }
}
