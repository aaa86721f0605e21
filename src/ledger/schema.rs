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

#[derive(Clone, Copy, Debug)]
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

fn refuse_newer(location: &str, found: i64, known: i64) -> Result<(), LedgerError> {
    if found > known {
        return Err(LedgerError::Newer {
            location: location.to_string(),
            found,
            known,
        });
    }
    Ok(())
}

/// For readers: the ledger is one this fuelrecon can read as it is.
pub fn check_readable(store: &mut Store, location: &str) -> Result<(), LedgerError> {
    let found = recorded_version(store)?;
    refuse_newer(location, found, KNOWN_VERSION)?;
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
    migrate_through(store, location, now, MIGRATIONS)
}

/// Applies those of `migrations` the ledger lacks; the last one's version is the one known.
fn migrate_through(
    store: &mut Store,
    location: &str,
    now: &str,
    migrations: &[Migration],
) -> Result<(), LedgerError> {
    let known = migrations.last().map_or(0, |m| m.version);
    let found = recorded_version(store)?;
    refuse_newer(location, found, known)?;
    if found == known {
        return Ok(());
    }
    store.write(|store| {
        store.batch(SCHEMA_TABLE)?;
        // Another writer may have migrated while this one waited for the lock.
        let found = recorded_version(store)?;
        refuse_newer(location, found, known)?;
        for migration in migrations.iter().filter(|m| m.version > found) {
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
    use crate::ledger::sqlite::Sqlite;

    #[test]
    fn an_older_ledger_is_upgraded_in_place_and_then_refused_by_the_older_fuelrecon() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::Sqlite(Sqlite::open(&dir.path().join("l.db")).unwrap());
        migrate_through(&mut store, "l.db", "t1", &MIGRATIONS[..1]).unwrap();
        store
            .execute(
                "INSERT INTO runs VALUES ('r', 'd', 'g', 'dir', 'v', 'en', 'ana', 't1')",
                &[],
            )
            .unwrap();
        let next = Migration {
            version: 2,
            name: "test_extra",
            sql: "CREATE TABLE extra (note TEXT NOT NULL);",
        };
        migrate_through(&mut store, "l.db", "t2", &[MIGRATIONS[0], next]).unwrap();
        assert_eq!(recorded_version(&mut store).unwrap(), 2);
        assert!(store.table_exists("extra").unwrap());
        assert_eq!(
            store.query("SELECT run_id FROM runs", &[]).unwrap().len(),
            1
        );
        // Run again, nothing to do.
        migrate_through(&mut store, "l.db", "t3", &[MIGRATIONS[0], next]).unwrap();
        let err = migrate_through(&mut store, "l.db", "t4", &MIGRATIONS[..1]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "l.db: written by a newer fuelrecon (schema 2, this one knows 1): upgrade fuelrecon"
        );
    }

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
