//! Writes the benchmark's synthetic month (issue 12): `make_month DIR ROWS` writes
//! DIR/trips.csv, receipts.csv and invoices.csv with about ROWS of each, and DIR/planted.csv,
//! the exceptions the faults planted in them must raise. The month itself is `month.rs`, which
//! tests/bench_month.rs includes to prove every planted fault is found.

mod month;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "bench-data".into()));
    let rows: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    month::write_month(&dir, rows)?;
    Ok(())
}
