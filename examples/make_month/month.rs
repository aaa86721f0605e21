//! The benchmark's synthetic month (issue 12), shared by `make_month` and by
//! tests/bench_month.rs, which proves that a reconcile finds every fault planted here and
//! raises nothing else, so the benchmark times a run that does the full work.
//!
//! Row n is one fill: trip ticket T{n}, receipt R{n} and one invoice line (line n of the
//! vehicle's weekly invoice). Each vehicle's trips run forward through the month, its
//! odometer rising with its dates. About 5 % of rows carry one fault a real month has (a
//! lost or unreadable receipt, a line billed twice or above its receipt, a car wash on the
//! fuel card, …), drawn from a fixed generator so the month is the same every time; each
//! exception a fault must raise is written to planted.csv as `code,document,key`, the key
//! being what exceptions.csv names: the trip_id, the receipt_no, or `invoice_no/invoice_line`.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::Path;

/// One exception the month must raise, named as exceptions.csv names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Planted {
    pub code: &'static str,
    pub document: &'static str,
    /// The trip_id, the receipt_no, or `invoice_no/invoice_line`.
    pub key: String,
}

/// The faults a month's paperwork has, at most one per row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The receipt is marked illegible.
    Illegible,
    /// The receipt was lost: the trip has none and the vendor bills it anyway.
    MissingReceipt,
    /// Receipt and line both say 1 000 more than litres × price.
    ArithmeticError,
    /// The line bills 10 L more than the receipt shows.
    BilledMoreLitres,
    /// The line bills the receipt's litres at a higher price.
    BilledHigherPrice,
    /// The receipt is billed again on the vehicle's next weekly invoice.
    BilledTwice,
    /// The trip ticket is handed in twice.
    TripRepeated,
    /// A copy of the receipt, under another number, is submitted and billed too.
    ReceiptResubmitted,
    /// The fuel card paid a car wash, submitted and billed as the trip's fill.
    CarWash,
    /// The vendor never bills the receipt.
    NotBilled,
    /// A hired vehicle with no trip tickets fills up on the fleet's card.
    NoTrip,
    /// The trip's odometer_in is 1 000 km short: below its odometer_out.
    OdometerBackwards,
    /// The trip ticket names no driver.
    DriverBlank,
    /// The trip starts 300 km past where the vehicle's last trip ended: unlogged km.
    UnloggedKm,
    /// The line names another vehicle than its receipt (a mistyped plate).
    LineWrongVehicle,
    /// The line's receipt number is mistyped; the tolerant match links it all the same, so it
    /// raises nothing but exercises that match at scale.
    MistypedReceiptNo,
}

/// How often each fault is planted, per thousand rows.
const FAULTS: [(Fault, u64); 16] = [
    (Fault::Illegible, 10),
    (Fault::MissingReceipt, 8),
    (Fault::ArithmeticError, 5),
    (Fault::BilledMoreLitres, 4),
    (Fault::BilledHigherPrice, 3),
    (Fault::BilledTwice, 4),
    (Fault::TripRepeated, 2),
    (Fault::ReceiptResubmitted, 3),
    (Fault::CarWash, 2),
    (Fault::NotBilled, 3),
    (Fault::NoTrip, 2),
    (Fault::OdometerBackwards, 2),
    (Fault::DriverBlank, 2),
    (Fault::UnloggedKm, 2),
    (Fault::LineWrongVehicle, 2),
    (Fault::MistypedReceiptNo, 5),
];

/// The contract price per litre, and what a car wash costs.
const PRICE: u64 = 650;
const CAR_WASH: u64 = 5_000;

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

/// The fault drawn for a row, if any (`draw` below 1 000).
fn fault_for(draw: u64) -> Option<Fault> {
    let mut below = 0;
    FAULTS.iter().find_map(|&(fault, per_mille)| {
        below += per_mille;
        (draw < below).then_some(fault)
    })
}

/// The three CSV files being written, and the record of what was planted in them.
struct Month {
    trips: BufWriter<File>,
    receipts: BufWriter<File>,
    invoices: BufWriter<File>,
    planted: Vec<Planted>,
    line: String,
}

impl Month {
    fn plant(&mut self, code: &'static str, document: &'static str, key: String) {
        self.planted.push(Planted {
            code,
            document,
            key,
        });
    }

    fn trip(&mut self, record: std::fmt::Arguments<'_>) -> io::Result<()> {
        Self::write(&mut self.trips, &mut self.line, record)
    }

    fn receipt(&mut self, record: std::fmt::Arguments<'_>) -> io::Result<()> {
        Self::write(&mut self.receipts, &mut self.line, record)
    }

    fn invoice_line(&mut self, record: std::fmt::Arguments<'_>) -> io::Result<()> {
        Self::write(&mut self.invoices, &mut self.line, record)
    }

    fn write(
        out: &mut BufWriter<File>,
        line: &mut String,
        record: std::fmt::Arguments<'_>,
    ) -> io::Result<()> {
        line.clear();
        line.write_fmt(record).map_err(io::Error::other)?;
        line.push('\n');
        out.write_all(line.as_bytes())
    }
}

/// Writes trips.csv, receipts.csv, invoices.csv and planted.csv into `dir` (created if need
/// be) for a month of about `rows` fills, and returns what was planted.
pub fn write_month(dir: &Path, rows: u64) -> io::Result<Vec<Planted>> {
    std::fs::create_dir_all(dir)?;
    let create = |name: &str| File::create(dir.join(name)).map(BufWriter::new);
    let mut month = Month {
        trips: create("trips.csv")?,
        receipts: create("receipts.csv")?,
        invoices: create("invoices.csv")?,
        planted: Vec::new(),
        line: String::new(),
    };
    month.trip(format_args!(
        "trip_id,vehicle_id,driver,date_out,date_in,odometer_out,odometer_in,fuel_litres,voucher_no"
    ))?;
    month.receipt(format_args!(
        "receipt_no,vehicle_id,date,vendor,fuel_type,litres,unit_price,amount,trip_id,odometer,legible"
    ))?;
    month.invoice_line(format_args!(
        "invoice_no,vendor,invoice_date,line_no,receipt_no,vehicle_id,date,fuel_type,litres,unit_price,amount"
    ))?;
    let mut rng = Lcg(42);
    let vehicles = (rows / 40).max(1);
    let trips_per_vehicle = rows.div_ceil(vehicles);
    let day_of = |trip: u64| 1 + trip * 28 / trips_per_vehicle;
    // Odometers start apart and stay between 20 000 and 90 000 km, clear of the readings
    // fuelrecon takes for placeholders (11111, 12345, 99999, …).
    let mut odometers: Vec<u64> = (0..vehicles).map(|v| 20_000 + v % 50 * 1_000).collect();
    // Whether each vehicle's last trip carried a fault: a vehicle's faults are kept apart, so
    // that one fault's exceptions never depend on another's.
    let mut last_faulty = vec![false; vehicles as usize];
    for n in 0..rows {
        let v = n % vehicles;
        let trip = n / vehicles;
        let day = day_of(trip);
        let shares_day = (trip > 0 && day_of(trip - 1) == day)
            || (n + vehicles < rows && day_of(trip + 1) == day);
        let hour = if trip.is_multiple_of(2) { 7 } else { 15 };
        let minute = n % 50;
        let km = 150 + rng.next(250);
        let drawn = rng.next(40);
        let fault = fault_for(rng.next(1_000))
            .filter(|_| !last_faulty[v as usize])
            // A third receipt on a day with two trips would be a MULTIPLE_FILLS as well.
            .filter(|&f| f != Fault::ReceiptResubmitted || !shares_day)
            // Unlogged km need a trip before them; so does a reading gone backwards, which
            // fuelrecon can only tell from its neighbours when the day has no other trip (it
            // orders one day's readings by value, so a low one would sort before the day's
            // good readings and make the previous day's end look out of line).
            .filter(|&f| {
                !matches!(f, Fault::UnloggedKm | Fault::OdometerBackwards)
                    || (trip > 0 && (f == Fault::UnloggedKm || !shares_day))
            });
        last_faulty[v as usize] = fault.is_some();
        if fault == Some(Fault::UnloggedKm) {
            month.plant("ODOMETER_GAP", "trip", format!("T{n}"));
            odometers[v as usize] += 300;
        }
        let start = odometers[v as usize];
        odometers[v as usize] += km;
        let end = start + km;
        let vendor = ["Total", "Shell", "Oryx"][(v % 3) as usize];
        let invoice = format!("INV-{v}-{}", day / 8);
        let line_key = format!("{invoice}/{n}");
        let date = format!("2024-03-{day:02}");
        // The fuel drawn. Receipts the tolerant match could take for another line's (one never
        // billed, one billed under a mistyped number) get litres no other fill has.
        let litres = match fault {
            Some(Fault::NotBilled) => 60 + drawn % 5,
            Some(Fault::MistypedReceiptNo) => 65 + drawn % 5,
            _ => 20 + drawn,
        };

        let driver = if fault == Some(Fault::DriverBlank) {
            month.plant("MISSING_FIELD", "trip", format!("T{n}"));
            String::new()
        } else {
            format!("Driver {v}")
        };
        let odometer_in = if fault == Some(Fault::OdometerBackwards) {
            month.plant("ODOMETER_INCONSISTENT", "trip", format!("T{n}"));
            end - 1_000
        } else {
            end
        };
        let copies = if fault == Some(Fault::TripRepeated) {
            month.plant("DUPLICATE_DOCUMENT", "trip", format!("T{n}"));
            // The receipt joins one copy; the other is a trip ticket with fuel and no receipt.
            month.plant("TRIP_WITHOUT_RECEIPT", "trip", format!("T{n}"));
            2
        } else {
            1
        };
        for _ in 0..copies {
            month.trip(format_args!(
                "T{n},V{v},{driver},{date},{date},{start},{odometer_in},{litres},B{n}"
            ))?;
        }

        let (product, receipt_litres, price) = if fault == Some(Fault::CarWash) {
            month.plant("NON_FUEL_PURCHASE", "receipt", format!("R{n}"));
            month.plant("NON_FUEL_PURCHASE", "invoice_line", line_key.clone());
            ("Car wash", 1, CAR_WASH)
        } else {
            ("Diesel", litres, PRICE)
        };
        let error = if fault == Some(Fault::ArithmeticError) {
            month.plant("ARITHMETIC_ERROR", "receipt", format!("R{n}"));
            month.plant("ARITHMETIC_ERROR", "invoice_line", line_key.clone());
            1_000
        } else {
            0
        };
        let amount = receipt_litres * price + error;
        let legible = if fault == Some(Fault::Illegible) {
            month.plant("UNREADABLE_FIELD", "receipt", format!("R{n}"));
            "no"
        } else {
            "yes"
        };
        let odometer = start + 5;
        if fault == Some(Fault::MissingReceipt) {
            month.plant("TRIP_WITHOUT_RECEIPT", "trip", format!("T{n}"));
            month.plant("BILLED_WITHOUT_RECEIPT", "invoice_line", line_key.clone());
        } else {
            month.receipt(format_args!(
                "R{n},V{v},{date} {hour:02}:{minute:02},{vendor},{product},{receipt_litres},{price},{amount},T{n},{odometer},{legible}"
            ))?;
        }

        let receipt_no = if fault == Some(Fault::MistypedReceiptNo) {
            format!("E{n}")
        } else {
            format!("R{n}")
        };
        let (line_litres, line_price) = match fault {
            Some(Fault::BilledMoreLitres) => {
                month.plant("QUANTITY_MISMATCH", "invoice_line", line_key.clone());
                month.plant("AMOUNT_MISMATCH", "invoice_line", line_key.clone());
                (receipt_litres + 10, price)
            }
            Some(Fault::BilledHigherPrice) => {
                month.plant("AMOUNT_MISMATCH", "invoice_line", line_key.clone());
                (receipt_litres, price + 50)
            }
            _ => (receipt_litres, price),
        };
        let line_amount = line_litres * line_price + error;
        let line_vehicle = if fault == Some(Fault::LineWrongVehicle) {
            month.plant("VEHICLE_MISMATCH", "invoice_line", line_key.clone());
            format!("V{v}X")
        } else {
            format!("V{v}")
        };
        if fault == Some(Fault::NotBilled) {
            month.plant("RECEIPT_NOT_BILLED", "receipt", format!("R{n}"));
        } else {
            month.invoice_line(format_args!(
                "{invoice},{vendor},2024-03-31,{n},{receipt_no},{line_vehicle},{date},{product},{line_litres},{line_price},{line_amount}"
            ))?;
        }

        // Faults that add documents: numbered past the month's rows, so no id repeats.
        let extra = rows + n;
        match fault {
            Some(Fault::BilledTwice) => {
                let next = format!("INV-{v}-{}", day / 8 + 1);
                month.plant("BILLED_TWICE", "invoice_line", format!("{next}/{extra}"));
                month.invoice_line(format_args!(
                    "{next},{vendor},2024-03-31,{extra},R{n},V{v},{date},{product},{line_litres},{line_price},{line_amount}"
                ))?;
            }
            Some(Fault::ReceiptResubmitted) => {
                month.plant("POSSIBLE_DUPLICATE", "receipt", format!("R{n}A"));
                let later = minute + 10;
                month.receipt(format_args!(
                    "R{n}A,V{v},{date} {hour:02}:{later:02},{vendor},{product},{receipt_litres},{price},{amount},T{n},{odometer},{legible}"
                ))?;
                month.invoice_line(format_args!(
                    "{invoice},{vendor},2024-03-31,{extra},R{n}A,V{v},{date},{product},{line_litres},{line_price},{line_amount}"
                ))?;
            }
            Some(Fault::NoTrip) => {
                month.plant("RECEIPT_WITHOUT_TRIP", "receipt", format!("R{n}H"));
                month.receipt(format_args!(
                    "R{n}H,H{n},{date} {hour:02}:{minute:02},{vendor},{product},{litres},{price},{amount},,,yes"
                ))?;
                month.invoice_line(format_args!(
                    "{invoice},{vendor},2024-03-31,{extra},R{n}H,H{n},{date},{product},{litres},{price},{amount}"
                ))?;
            }
            _ => {}
        }
    }
    month.trips.flush()?;
    month.receipts.flush()?;
    month.invoices.flush()?;
    let mut planted = BufWriter::new(File::create(dir.join("planted.csv"))?);
    writeln!(planted, "code,document,key")?;
    for p in &month.planted {
        writeln!(planted, "{},{},{}", p.code, p.document, p.key)?;
    }
    planted.flush()?;
    Ok(month.planted)
}
