//! The embedded backend: one SQLite file (rusqlite, SQLite compiled in, nothing to install).
//! Writers take turns with `BEGIN IMMEDIATE` and a busy timeout; the default rollback journal
//! (not WAL) keeps a killed writer's half-transaction out of the file, and lets a reader open
//! the ledger read-only from a shared or write-protected folder.

use super::LedgerError;
use super::store::{Cell, Param, Row};
use rusqlite::{Connection, OpenFlags, ToSql, types::ValueRef};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another to finish before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Sqlite {
    connection: Connection,
    location: String,
}

impl Sqlite {
    /// Opens the file for writing, creating it when it does not exist.
    pub fn open(path: &Path) -> Result<Sqlite, LedgerError> {
        Self::open_with(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
    }

    /// Opens an existing file without the right to change it.
    ///
    /// One exception: a writer killed mid-transaction can leave a hot journal (the pages it
    /// had overwritten), which a read-only connection may not roll back. Then the file is
    /// opened for writing just long enough for SQLite to put those pages back — restoring the
    /// last committed ledger, adding nothing — and read-only again.
    pub fn open_read_only(path: &Path) -> Result<Sqlite, LedgerError> {
        if std::fs::metadata(path).is_err() {
            return Err(LedgerError::NotFound {
                location: path.display().to_string(),
            });
        }
        match Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY) {
            Err(LedgerError::Interrupted { location }) => {
                drop(
                    Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
                        .map_err(|_| LedgerError::Interrupted { location })?,
                );
                Self::open_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            }
            opened => opened,
        }
    }

    fn open_with(path: &Path, flags: OpenFlags) -> Result<Sqlite, LedgerError> {
        let location = path.display().to_string();
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let connection = Connection::open_with_flags(PathBuf::from(path), flags)
            .map_err(|e| error(&location, e))?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| error(&location, e))?;
        let mut db = Sqlite {
            connection,
            location,
        };
        // Reads the header: a file that is not a database fails here, not halfway through.
        db.batch("PRAGMA foreign_keys = ON")?;
        db.query("SELECT count(*) FROM sqlite_master", &[])?;
        Ok(db)
    }

    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, LedgerError> {
        let bound: Vec<&dyn ToSql> = params.iter().map(to_sql).collect();
        // Cached: an accept runs the same few statements for every line.
        let mut statement = self
            .connection
            .prepare_cached(sql)
            .map_err(|e| error(&self.location, e))?;
        statement
            .execute(bound.as_slice())
            .map(|n| n as u64)
            .map_err(|e| error(&self.location, e))
    }

    pub fn query(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, LedgerError> {
        let location = &self.location;
        let bound: Vec<&dyn ToSql> = params.iter().map(to_sql).collect();
        let mut statement = self
            .connection
            .prepare_cached(sql)
            .map_err(|e| error(location, e))?;
        let width = statement.column_count();
        let mut rows = statement
            .query(bound.as_slice())
            .map_err(|e| error(location, e))?;
        let mut out = Vec::new();
        while let Some(row) = rows.next().map_err(|e| error(location, e))? {
            let mut cells = Vec::with_capacity(width);
            for index in 0..width {
                let cell = match row.get_ref(index).map_err(|e| error(location, e))? {
                    ValueRef::Null => Cell::Null,
                    ValueRef::Integer(n) => Cell::Int(n),
                    ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                        Cell::Text(String::from_utf8_lossy(bytes).into_owned())
                    }
                    ValueRef::Real(x) => Cell::Text(x.to_string()),
                };
                cells.push(cell);
            }
            out.push(Row(cells));
        }
        Ok(out)
    }

    pub fn batch(&mut self, sql: &str) -> Result<(), LedgerError> {
        self.connection
            .execute_batch(sql)
            .map_err(|e| error(&self.location, e))
    }

    pub fn table_exists(&mut self, name: &str) -> Result<bool, LedgerError> {
        let rows = self.query(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = $1",
            &[Param::Text(name)],
        )?;
        Ok(!rows.is_empty())
    }

    pub fn begin_write(&mut self) -> Result<(), LedgerError> {
        self.batch("BEGIN IMMEDIATE")
    }
}

fn to_sql<'a>(param: &'a Param<'a>) -> &'a dyn ToSql {
    match param {
        Param::Text(text) => text,
        Param::Int(n) => n,
        Param::OptInt(n) => n,
    }
}

/// Names what went wrong in words a user can act on.
fn error(location: &str, cause: rusqlite::Error) -> LedgerError {
    use rusqlite::ErrorCode;
    let location = location.to_string();
    match cause.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => LedgerError::NotALedger {
            location,
            cause: "not an SQLite database".into(),
        },
        Some(ErrorCode::DatabaseCorrupt) => LedgerError::NotALedger {
            location,
            cause: "the database file is damaged".into(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => LedgerError::Busy { location },
        Some(ErrorCode::ReadOnly) => match &cause {
            rusqlite::Error::SqliteFailure(inner, _)
                if inner.extended_code == rusqlite::ffi::SQLITE_READONLY_ROLLBACK =>
            {
                LedgerError::Interrupted { location }
            }
            _ => LedgerError::Database {
                location,
                cause: cause.to_string(),
            },
        },
        Some(ErrorCode::CannotOpen) => LedgerError::CannotOpen {
            location,
            cause: cause.to_string(),
        },
        _ => LedgerError::Database {
            location,
            cause: cause.to_string(),
        },
    }
}
