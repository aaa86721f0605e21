//! Writes a large synthetic month for benchmarks: `cargo run --release --example make_month --
//! DIR ROWS` writes DIR/trips.csv, receipts.csv and invoices.csv with about ROWS receipts,
//! one trip ticket and one invoice line per receipt, and a few percent of the usual faults.

use std::fmt::Write as _;
use std::io::Write as _;

/// A fixed linear congruential generator: the same month every time, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "bench-data".into()));
    let rows: u64 = args
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    std::fs::create_dir_all(&dir)?;
    let mut rng = Lcg(42);
    let vehicles = (rows / 40).max(1);
    let mut trips = std::io::BufWriter::new(std::fs::File::create(dir.join("trips.csv"))?);
    let mut receipts = std::io::BufWriter::new(std::fs::File::create(dir.join("receipts.csv"))?);
    let mut invoices = std::io::BufWriter::new(std::fs::File::create(dir.join("invoices.csv"))?);
    writeln!(
        trips,
        "trip_id,vehicle_id,driver,date_out,date_in,odometer_out,odometer_in,fuel_litres,voucher_no"
    )?;
    writeln!(
        receipts,
        "receipt_no,vehicle_id,date,vendor,litres,unit_price,amount,trip_id,odometer,legible"
    )?;
    writeln!(
        invoices,
        "invoice_no,vendor,invoice_date,line_no,receipt_no,vehicle_id,date,litres,unit_price,amount"
    )?;
    let mut odometers = vec![10_000u64; vehicles as usize];
    let mut line = String::new();
    for n in 0..rows {
        let v = n % vehicles;
        // Each vehicle's trips run forward through the month, so its odometer readings rise
        // with its dates, as a real fleet's do.
        let trip = n / vehicles;
        let trips_per_vehicle = rows.div_ceil(vehicles);
        let day = 1 + trip * 28 / trips_per_vehicle;
        let hour = if trip % 2 == 0 { 7 } else { 15 };
        let km = 150 + rng.next(250);
        let start = odometers[v as usize];
        odometers[v as usize] += km;
        let litres = 20 + rng.next(40);
        let vendor = ["Total", "Shell", "Oryx"][(v % 3) as usize];
        let legible = if rng.next(100) < 3 { "no" } else { "yes" };
        line.clear();
        writeln!(
            line,
            "T{n},V{v},Driver {v},2024-03-{day:02},2024-03-{day:02},{start},{},{litres},B{n}",
            start + km
        )
        .ok();
        trips.write_all(line.as_bytes())?;
        let amount = litres * 650 + if rng.next(100) < 2 { 1000 } else { 0 };
        if rng.next(100) >= 2 {
            line.clear();
            writeln!(line, "R{n},V{v},2024-03-{day:02} {hour:02}:{:02},{vendor},{litres},650,{amount},T{n},{},{legible}", n % 60, start + 5).ok();
            receipts.write_all(line.as_bytes())?;
        }
        line.clear();
        let receipt = if rng.next(100) < 1 {
            format!("X{n}")
        } else {
            format!("R{n}")
        };
        writeln!(line, "INV-{v}-{},{vendor},2024-03-31,{},{receipt},V{v},2024-03-{day:02},{litres},650,{amount}", day / 8, n).ok();
        invoices.write_all(line.as_bytes())?;
    }
    trips.flush()?;
    receipts.flush()?;
    invoices.flush()
}
