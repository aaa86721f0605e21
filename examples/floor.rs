//! The floor of issue 12: the least work any reconcile of a synthetic month must do, so that
//! `bench/run.sh` can show how far fuelrecon is above it. It parses the three CSV files that
//! `make_month` writes with `csv::ByteRecord` and joins invoice lines → receipts → trip tickets
//! on hash maps, and nothing more: no typing, no rules, no report.
//!
//! `floor DIR` joins DIR/trips.csv, receipts.csv and invoices.csv; `floor --parse FILE` only
//! parses one file (the floor of `fuelrecon check`). Either prints what it counted, so the
//! work cannot be optimised away and a reader can see it did it.

use std::collections::HashMap;
use std::path::Path;

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, file] if flag == "--parse" => parse_only(Path::new(file)),
        [dir] => join(Path::new(dir)),
        _ => Err("usage: floor DIR | floor --parse FILE".into()),
    }
}

fn reader(path: &Path) -> Result<csv::Reader<std::fs::File>, Failure> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()).into())
}

/// The position of a column, by its header.
fn column(reader: &mut csv::Reader<std::fs::File>, name: &str) -> Result<usize, Failure> {
    reader
        .byte_headers()?
        .iter()
        .position(|h| h == name.as_bytes())
        .ok_or_else(|| format!("no column {name}").into())
}

/// Reads every record of one file and counts its rows and field bytes.
fn parse_only(path: &Path) -> Result<(), Failure> {
    let mut reader = reader(path)?;
    let mut record = csv::ByteRecord::new();
    let (mut rows, mut bytes) = (0u64, 0u64);
    while reader.read_byte_record(&mut record)? {
        rows += 1;
        bytes += record.as_slice().len() as u64;
    }
    println!("{rows} rows, {bytes} field bytes");
    Ok(())
}

/// Keys each trip ticket by its id and each receipt by its number (keeping the trip it names),
/// then follows every invoice line to its receipt and that receipt to its trip.
fn join(dir: &Path) -> Result<(), Failure> {
    let mut record = csv::ByteRecord::new();

    let mut trips_file = reader(&dir.join("trips.csv"))?;
    let trip_id = column(&mut trips_file, "trip_id")?;
    let mut trips: HashMap<Vec<u8>, u32> = HashMap::new();
    let mut row = 0u32;
    while trips_file.read_byte_record(&mut record)? {
        trips.insert(record[trip_id].to_vec(), row);
        row += 1;
    }

    let mut receipts_file = reader(&dir.join("receipts.csv"))?;
    let receipt_no = column(&mut receipts_file, "receipt_no")?;
    let receipt_trip = column(&mut receipts_file, "trip_id")?;
    let mut receipts: HashMap<Vec<u8>, Vec<u8>> = HashMap::new();
    while receipts_file.read_byte_record(&mut record)? {
        receipts.insert(record[receipt_no].to_vec(), record[receipt_trip].to_vec());
    }

    let mut invoices_file = reader(&dir.join("invoices.csv"))?;
    let line_receipt = column(&mut invoices_file, "receipt_no")?;
    let (mut lines, mut to_receipt, mut to_trip) = (0u64, 0u64, 0u64);
    while invoices_file.read_byte_record(&mut record)? {
        lines += 1;
        if let Some(trip) = receipts.get(&record[line_receipt]) {
            to_receipt += 1;
            if trips.contains_key(trip) {
                to_trip += 1;
            }
        }
    }
    println!(
        "{} trips, {} receipts, {lines} invoice lines: {to_receipt} reach a receipt, {to_trip} a trip",
        trips.len(),
        receipts.len()
    );
    Ok(())
}
