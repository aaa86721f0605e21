//! The ledger's schema, as numbered SQL files under `migrations/`, applied in order and
//! recorded in the table `fuelrecon_schema` (one row per migration: version, name, when, and
//! which fuelrecon applied it).
//!
//! Amounts are TEXT holding the exact decimal string (`"1234.50"`), not NUMERIC: SQLite has no
//! decimal type (a NUMERIC column there stores a binary float, so `0.10` would not come back
//! as written), and PostgreSQL's NUMERIC would need a second mapping on the Rust side. As text,
//! both engines return what `rust_decimal` wrote, to the unit, and the sums are done in Rust
//! with `Decimal` — never in SQL, where one engine would add floats.
//!
//! Only a writer (`accept`, `disputes resolve`) migrates, inside its write lock; readers
//! (`reconcile`, listings, handover) never write, and refuse a ledger they cannot read.

use super::LedgerError;
use super::store::{Param, Store};

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. A new one is a new file and a new line here; a published one is
/// never edited.
pub const MIGRATIONS: &[Migration] = &[Migration {
    version: 1,
    name: "initial",
    sql: include_str!("migrations/001_initial.sql"),
}];

/// The schema version this fuelrecon writes.
pub const KNOWN_VERSION: i64 = MIGRATIONS.len() as i64;

/// The oldest schema this fuelrecon can still read without migrating it first.
const OLDEST_READABLE: i64 = 1;

/// Made outside the numbered files: it has to exist before the first migration is recorded.
const SCHEMA_TABLE: &str = "CREATE TABLE IF NOT EXISTS fuelrecon_schema (
    version    BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    applied_by TEXT NOT NULL
)";

/// The version recorded in the ledger; 0 for a database no fuelrecon has written.
pub fn recorded_version(store: &mut Store) -> Result<i64, LedgerError> {
    if !store.table_exists("fuelrecon_schema")? {
        return Ok(0);
    }
    let rows = store.query("SELECT MAX(version) FROM fuelrecon_schema", &[])?;
    Ok(rows
        .first()
        .map(|row| row.opt_int(0))
        .transpose()?
        .flatten()
        .unwrap_or(0))
}

fn refuse_newer(location: &str, found: i64) -> Result<(), LedgerError> {
    if found > KNOWN_VERSION {
        return Err(LedgerError::Newer {
            location: location.to_string(),
            found,
            known: KNOWN_VERSION,
        });
    }
    Ok(())
}

/// For readers: the ledger is one this fuelrecon can read as it is.
pub fn check_readable(store: &mut Store, location: &str) -> Result<(), LedgerError> {
    let found = recorded_version(store)?;
    refuse_newer(location, found)?;
    if found == 0 {
        return Err(LedgerError::Unmigrated {
            location: location.to_string(),
        });
    }
    if found < OLDEST_READABLE {
        return Err(LedgerError::Older {
            location: location.to_string(),
            found,
            known: KNOWN_VERSION,
        });
    }
    Ok(())
}

/// For writers: brings the ledger to [`KNOWN_VERSION`], all migrations in one transaction.
pub fn migrate(store: &mut Store, location: &str, now: &str) -> Result<(), LedgerError> {
    let found = recorded_version(store)?;
    refuse_newer(location, found)?;
    if found == KNOWN_VERSION {
        return Ok(());
    }
    store.write(|store| {
        store.batch(SCHEMA_TABLE)?;
        // Another writer may have migrated while this one waited for the lock.
        let found = recorded_version(store)?;
        refuse_newer(location, found)?;
        for migration in MIGRATIONS.iter().filter(|m| m.version > found) {
            store.batch(migration.sql)?;
            store.execute(
                "INSERT INTO fuelrecon_schema (version, name, applied_at, applied_by) \
                 VALUES ($1, $2, $3, $4)",
                &[
                    Param::Int(migration.version),
                    Param::Text(migration.name),
                    Param::Text(now),
                    Param::Text(concat!("fuelrecon ", env!("CARGO_PKG_VERSION"))),
                ],
            )?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one_from_one() {
        for (index, migration) in MIGRATIONS.iter().enumerate() {
            assert_eq!(migration.version, index as i64 + 1, "{}", migration.name);
        }
    }

    #[test]
    fn the_schema_keeps_to_types_both_engines_share() {
        for migration in MIGRATIONS {
            let upper = migration.sql.to_uppercase();
            for word in [
                "AUTOINCREMENT",
                "SERIAL",
                "REAL",
                "NUMERIC",
                "DOUBLE",
                "BOOLEAN",
                "TIMESTAMP",
            ] {
                assert!(!upper.contains(word), "{} uses {word}", migration.name);
            }
        }
    }
}
