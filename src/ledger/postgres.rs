//! The shared backend: a PostgreSQL database given as `postgres://…` (or `postgresql://…`),
//! for offices where several people accept and resolve. Connects without TLS (a Unix socket
//! given as `?host=/path`, or a host on a trusted network). Writers take turns on a
//! transaction-scoped advisory lock, taken before anything is read: a second accept waits for
//! the first to commit, then sees its rows (READ COMMITTED reads what was committed before
//! each statement), so nothing is lost and no retry loop is needed; readers are never blocked.

use super::LedgerError;
use super::store::{Cell, Param, Row};
use postgres::types::{ToSql, Type};
use postgres::{Client, Config, NoTls, Statement};
use std::collections::HashMap;
use std::str::FromStr;

/// The advisory lock all fuelrecon writers share ("fuelreco" in ASCII).
const WRITE_LOCK: i64 = 0x6675_656c_7265_636f;

pub struct Postgres {
    client: Client,
    location: String,
    /// Prepared once per connection: an accept runs the same few statements many times, and
    /// preparing costs a round trip to the server.
    prepared: HashMap<String, Statement>,
}

impl Postgres {
    pub fn connect(url: &str, read_only: bool) -> Result<Postgres, LedgerError> {
        let location = redacted(url);
        let config = Config::from_str(url).map_err(|e| LedgerError::CannotOpen {
            location: location.clone(),
            cause: format!("not a PostgreSQL URL: {e}"),
        })?;
        let client = config.connect(NoTls).map_err(|e| LedgerError::CannotOpen {
            location: location.clone(),
            cause: cause_of(&e),
        })?;
        let mut db = Postgres {
            client,
            location,
            prepared: HashMap::new(),
        };
        if read_only {
            // The server, not only this code, keeps a read from writing.
            db.batch("SET default_transaction_read_only = on")?;
        }
        Ok(db)
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, LedgerError> {
        if let Some(statement) = self.prepared.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self
            .client
            .prepare(sql)
            .map_err(|e| error(&self.location, &e))?;
        self.prepared.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, LedgerError> {
        let statement = self.statement(sql)?;
        let bound: Vec<&(dyn ToSql + Sync)> = params.iter().map(to_sql).collect();
        self.client
            .execute(&statement, &bound)
            .map_err(|e| error(&self.location, &e))
    }

    pub fn query(&mut self, sql: &str, params: &[Param<'_>]) -> Result<Vec<Row>, LedgerError> {
        let statement = self.statement(sql)?;
        let bound: Vec<&(dyn ToSql + Sync)> = params.iter().map(to_sql).collect();
        let rows = self
            .client
            .query(&statement, &bound)
            .map_err(|e| error(&self.location, &e))?;
        rows.iter()
            .map(|row| {
                let cells = row
                    .columns()
                    .iter()
                    .enumerate()
                    .map(|(index, column)| self.cell(row, index, column.type_()))
                    .collect::<Result<Vec<Cell>, LedgerError>>()?;
                Ok(Row(cells))
            })
            .collect()
    }

    fn cell(&self, row: &postgres::Row, index: usize, kind: &Type) -> Result<Cell, LedgerError> {
        let read = |e: postgres::Error| error(&self.location, &e);
        Ok(match *kind {
            Type::INT8 => row
                .try_get::<_, Option<i64>>(index)
                .map_err(read)?
                .map_or(Cell::Null, Cell::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(index)
                .map_err(read)?
                .map_or(Cell::Null, |n| Cell::Int(n.into())),
            _ => row
                .try_get::<_, Option<String>>(index)
                .map_err(read)?
                .map_or(Cell::Null, Cell::Text),
        })
    }

    pub fn batch(&mut self, sql: &str) -> Result<(), LedgerError> {
        self.client
            .batch_execute(sql)
            .map_err(|e| error(&self.location, &e))
    }

    pub fn table_exists(&mut self, name: &str) -> Result<bool, LedgerError> {
        let rows = self.query(
            "SELECT 1 FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name = $1",
            &[Param::Text(name)],
        )?;
        Ok(!rows.is_empty())
    }

    pub fn begin_write(&mut self) -> Result<(), LedgerError> {
        self.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        self.execute(
            "SELECT pg_advisory_xact_lock($1)",
            &[Param::Int(WRITE_LOCK)],
        )
        .map(|_| ())
    }
}

fn to_sql<'a>(param: &'a Param<'a>) -> &'a (dyn ToSql + Sync) {
    match param {
        Param::Text(text) => text,
        Param::Int(n) => n,
        Param::OptInt(n) => n,
    }
}

fn error(location: &str, cause: &postgres::Error) -> LedgerError {
    LedgerError::Database {
        location: location.to_string(),
        cause: cause_of(cause),
    }
}

/// The server's own message when there is one ("password authentication failed…"), which
/// says more than the client's summary ("db error").
fn cause_of(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => db.message().to_string(),
        None => {
            let mut text = error.to_string();
            let mut source = std::error::Error::source(error);
            while let Some(inner) = source {
                text.push_str(": ");
                text.push_str(&inner.to_string());
                source = inner.source();
            }
            text
        }
    }
}

/// The URL without its password, for messages.
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let authority = match authority.rsplit_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or_default();
            format!("{user}@{host}")
        }
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let kept: Vec<&str> = query
                .split('&')
                .filter(|pair| !pair.starts_with("password="))
                .collect();
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        }
        None => tail.to_string(),
    };
    format!("{scheme}://{authority}{tail}")
}

#[cfg(test)]
mod tests {
    use super::redacted;

    #[test]
    fn a_password_never_reaches_a_message() {
        assert_eq!(
            redacted("postgres://ana:s3cret@db.example/ledger?password=x&sslmode=disable"),
            "postgres://ana@db.example/ledger?sslmode=disable"
        );
        assert_eq!(
            redacted("postgresql:///ledger?host=/run/pg"),
            "postgresql:///ledger?host=/run/pg"
        );
    }
}
