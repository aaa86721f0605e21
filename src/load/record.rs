//! Turning a row's mapped cells into a typed record, noting every value that could not be read:
//! the raw row becomes a record plus its problems, and nothing downstream sees raw text except
//! to quote it.

use super::LoadOptions;
use super::cell::{Cell, RawRow};
use super::profile::ColumnReading;
use super::schema::{FieldId, InvoiceField, PriceField, ReceiptField, TripField, VehicleField};
use super::values::{self, DateTime};
use super::vocabulary;
use crate::model::{
    CompactDecimal, Dataset, FieldProblem, FuelType, Ident, Idents, InvoiceLine, Legibility, Price,
    ProblemCode, Problems, Provenance, Receipt, Record, Text, Trip, Vehicle, VendorName, WHOLE_ROW,
};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;

/// What the rows of one file share while they are read: how each field's column is found and
/// read, and what was already made of the values that repeat (a month of a fleet names a few
/// vendors, fuels and legibility words a million times; each is folded once).
pub struct FileReader<'a> {
    columns: &'a [Option<usize>],
    /// How many cells the file's rows span (its header's, or more when its first data rows
    /// all have more): a cell that holds something beyond is out of line.
    width: usize,
    readings: &'a [ColumnReading],
    options: &'a LoadOptions,
    vendors: Memo<Option<VendorName>>,
    fuels: Memo<FuelType>,
    legibility: Memo<(Legibility, Option<ProblemCode>)>,
}

impl<'a> FileReader<'a> {
    /// `columns[i]` is the column of field `i`, if the file has it; `width` is how many cells
    /// the file's rows span.
    pub fn new(
        columns: &'a [Option<usize>],
        width: usize,
        readings: &'a [ColumnReading],
        options: &'a LoadOptions,
    ) -> Self {
        FileReader {
            columns,
            width,
            readings,
            options,
            vendors: Memo::default(),
            fuels: Memo::default(),
            legibility: Memo::default(),
        }
    }

    /// A reader of one row's fields.
    pub fn row<'r, F>(&'r mut self, row: &'r RawRow<'r>) -> FieldReader<'r, 'a, F> {
        FieldReader {
            file: self,
            row,
            problems: Problems::new(),
            kind: std::marker::PhantomData,
        }
    }
}

/// The most distinct values a memo keeps: enough for any real file's vendors and fuel words,
/// and a bound on what a file of a million distinct names can make it hold.
const MEMO_LIMIT: usize = 4096;

/// Values already made from a cell's text, by that text.
struct Memo<T>(foldhash::HashMap<Box<str>, T>);

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Memo(foldhash::HashMap::default())
    }
}

impl<T: Clone> Memo<T> {
    fn get_or(&mut self, text: &str, make: impl FnOnce() -> T) -> T {
        if let Some(value) = self.0.get(text) {
            return value.clone();
        }
        let value = make();
        if self.0.len() < MEMO_LIMIT {
            self.0.insert(text.into(), value.clone());
        }
        value
    }
}

/// One row's fields, read one at a time from the row's cells, with the problems noted so far.
/// Typed by the kind's field enum, so a reader of receipts cannot be asked for a trip's field.
pub struct FieldReader<'r, 'a, F> {
    file: &'r mut FileReader<'a>,
    row: &'r RawRow<'r>,
    problems: Problems,
    kind: std::marker::PhantomData<F>,
}

/// What a cell held, once markers and blanks are set aside.
enum Content<'r> {
    Absent,
    Value(Cell<'r>),
}

impl<'r, 'a, F: FieldId> FieldReader<'r, 'a, F> {
    fn problem(&mut self, index: usize, code: ProblemCode, raw: String) {
        let spec = &F::SPECS[index];
        self.problems.push(FieldProblem {
            field: spec.name,
            code,
            raw,
            ty: spec.ty,
        });
    }

    /// Takes a field's cell: blank (a problem if required), unreadable (always a problem), or a
    /// value to parse.
    fn take(&mut self, index: usize) -> Content<'r> {
        let row = self.row;
        let cell = self.file.columns[index].map_or(Cell::Empty, |column| row.cell(column));
        if cell.is_blank() {
            if F::SPECS[index].required && self.file.columns[index].is_some() {
                self.problem(index, ProblemCode::Missing, String::new());
            }
            return Content::Absent;
        }
        let unreadable = match &cell {
            Cell::Error(_) => true,
            Cell::Text(text) => values::is_unreadable_marker(text),
            _ => false,
        };
        if unreadable {
            self.problem(index, ProblemCode::Unreadable, cell.display());
            return Content::Absent;
        }
        Content::Value(cell)
    }

    fn parsed<T>(
        &mut self,
        field: F,
        parse: impl FnOnce(&Cell<'r>, ColumnReading, &mut FileReader<'a>) -> Option<T>,
    ) -> Option<T> {
        let index = field.index();
        let Content::Value(cell) = self.take(index) else {
            return None;
        };
        let value = parse(&cell, self.file.readings[index], self.file);
        if value.is_none() {
            self.problem(index, ProblemCode::Invalid, cell.display());
        }
        value
    }

    pub fn text(&mut self, field: F) -> Option<Text> {
        self.parsed(field, |cell, _, _| {
            Some(crate::model::trim(&cell.as_text()).into())
        })
    }

    /// Checks a field that no rule or report reads (a trip's destination, who approved it): a
    /// blank required or unreadable cell is a problem like any other, and the text is not kept,
    /// where it would cost two inline strings on each of a month's million trip tickets.
    pub fn check(&mut self, field: F) {
        self.take(field.index());
    }

    pub fn id(&mut self, field: F) -> Option<Ident> {
        self.parsed(field, |cell, _, _| Ident::new(&cell.as_text()))
    }

    /// A cell that lists several ids (`V101, V102`).
    pub fn ids(&mut self, field: F) -> Idents {
        self.parsed(field, |cell, _, _| {
            let ids: Idents = cell
                .as_text()
                .split([',', ';', '+', '&', '\n'])
                .filter_map(Ident::new)
                .collect();
            (!ids.is_empty()).then_some(ids)
        })
        .unwrap_or_default()
    }

    pub fn vendor(&mut self, field: F) -> Option<VendorName> {
        self.parsed(field, |cell, _, file| {
            let options = file.options;
            let names = &options.vendor_names;
            file.vendors.get_or(&cell.as_text(), || {
                let vendor = VendorName::new(&cell.as_text())?;
                Some(match names.get(vendor.key()) {
                    Some(key) => vendor.known_as(key),
                    None => vendor,
                })
            })
        })
    }

    /// A number, held compact as the records keep it.
    pub fn number(&mut self, field: F) -> Option<CompactDecimal> {
        self.parsed(field, |cell, reading, _| number_of(cell, reading))
            .map(CompactDecimal::from)
    }

    pub fn integer(&mut self, field: F) -> Option<u32> {
        self.parsed(field, |cell, reading, _| {
            let n = number_of(cell, reading)?;
            if n.fract().is_zero() {
                n.to_u32()
            } else {
                None
            }
        })
    }

    pub fn datetime(&mut self, field: F) -> Option<DateTime> {
        self.parsed(field, |cell, reading, _| match cell {
            Cell::Date(date, time) => Some((*date, *time)),
            Cell::Number(n) => values::excel_serial_to_datetime(*n, false),
            Cell::Text(text) => values::parse_date(text, reading.date_order).ok(),
            Cell::Empty | Cell::Error(_) => None,
        })
    }

    /// A time of day: `14:30`, `14:30:05`, a spreadsheet time cell, or a fraction of a day.
    pub fn time(&mut self, field: F) -> Option<NaiveTime> {
        self.parsed(field, |cell, _, _| match cell {
            Cell::Date(_, time) => Some(time.unwrap_or(NaiveTime::MIN)),
            Cell::Number(n) if *n >= Decimal::ZERO && *n < Decimal::ONE => {
                values::excel_serial_to_datetime(Decimal::ONE + *n, false)
                    .map(|(_, t)| t.unwrap_or(NaiveTime::MIN))
            }
            Cell::Text(text) => values::parse_time(text.trim()),
            _ => None,
        })
    }

    pub fn date(&mut self, field: F) -> Option<NaiveDate> {
        self.datetime(field).map(|(date, _)| date)
    }

    pub fn fuel(&mut self, field: F) -> Option<FuelType> {
        self.parsed(field, |cell, _, file| {
            let text = cell.as_text();
            let options = file.options;
            let fuel_words = &options.fuel_words;
            Some(
                file.fuels
                    .get_or(&text, || vocabulary::fuel_type(&text, fuel_words)),
            )
        })
    }

    /// Legibility is readable unless the column says otherwise; a receipt that is not (fully)
    /// readable gets an UNREADABLE_FIELD on `legible`.
    pub fn legibility(&mut self, field: F) -> Legibility {
        let index = field.index();
        let row = self.row;
        let cell = self.file.columns[index].map_or(Cell::Empty, |column| row.cell(column));
        let text = cell.as_text();
        let (legibility, problem) = self.file.legibility.get_or(&text, || {
            let reading = if values::is_unreadable_marker(&text) {
                Some(Legibility::Unreadable)
            } else {
                vocabulary::legibility(&text)
            };
            match reading {
                Some(Legibility::Readable) => (Legibility::Readable, None),
                Some(other) => (other, Some(ProblemCode::Unreadable)),
                None => (Legibility::Readable, Some(ProblemCode::Invalid)),
            }
        });
        if let Some(code) = problem {
            self.problem(index, code, text.into_owned());
        }
        legibility
    }

    /// The problems noted so far, in field order, and last a problem of the whole row when it
    /// has cells beyond the file's last column; the record keeps them.
    pub fn take_problems(&mut self) -> Problems {
        let beyond: Vec<String> = (self.file.width..self.row.width())
            .map(|column| self.row.cell(column))
            .filter(|cell| !cell.is_blank())
            .map(|cell| cell.display())
            .collect();
        if !beyond.is_empty() {
            self.problems.push(FieldProblem {
                field: WHOLE_ROW,
                code: ProblemCode::Invalid,
                raw: beyond.join(" | "),
                ty: crate::model::FieldType::Text,
            });
        }
        std::mem::take(&mut self.problems)
    }
}

fn number_of(cell: &Cell, reading: ColumnReading) -> Option<Decimal> {
    match cell {
        Cell::Number(n) if n.abs() <= Decimal::from(values::MAX_NUMBER) => Some(*n),
        Cell::Text(text) => values::parse_number(text, reading.decimal_mark).ok(),
        _ => None,
    }
}

/// A record type the loader can build from a row: its field table and how a row becomes one.
/// Each kind is defined here once; the loader is generic over it.
pub trait Document: Record + Sized + Send + 'static {
    /// The kind's fields, naming the rows of its table.
    type Field: FieldId;
    /// What a record built from its row alone still owes the records before it: rows are
    /// built side by side, and [`follow`](Self::follow) settles it in the order of the files
    /// and their rows.
    type Pending: Copy + Send;
    /// Whether the kind's records follow the records before them at all.
    const FOLLOWS: bool = false;

    /// Where a run keeps this kind's records.
    fn collection(data: &mut Dataset) -> &mut Vec<Self>;

    /// The record's fuel, for the kinds that name one (`check` lists the words no family
    /// knows).
    fn fuel_type(&self) -> Option<&FuelType> {
        None
    }

    fn build(prov: Provenance, r: &mut FieldReader<'_, '_, Self::Field>) -> (Self, Self::Pending);

    /// Settles what [`build`](Self::build) left pending; called, when the kind
    /// [`FOLLOWS`](Self::FOLLOWS), on each of its records in the order of the files and rows.
    fn follow(&mut self, _pending: Self::Pending, _before: &mut Following) {}
}

impl Document for Trip {
    type Field = TripField;
    type Pending = ();

    fn collection(data: &mut Dataset) -> &mut Vec<Trip> {
        &mut data.trips
    }

    fn build(prov: Provenance, r: &mut FieldReader<'_, '_, TripField>) -> (Trip, ()) {
        use TripField as F;
        (
            Trip {
                trip_id: r.id(F::TripId),
                vehicle_id: r.id(F::VehicleId),
                driver: r.text(F::Driver),
                date_out: r.date(F::DateOut),
                date_in: r.date(F::DateIn),
                odometer_out: r.number(F::OdometerOut),
                odometer_in: r.number(F::OdometerIn),
                fuel_litres: r.number(F::FuelLitres),
                voucher_nos: r.ids(F::VoucherNo),
                problems: {
                    r.check(F::Destination);
                    r.check(F::ApprovedBy);
                    r.take_problems()
                },
                prov,
            },
            (),
        )
    }
}

impl Document for Receipt {
    type Field = ReceiptField;
    type Pending = ();

    fn collection(data: &mut Dataset) -> &mut Vec<Receipt> {
        &mut data.receipts
    }

    fn fuel_type(&self) -> Option<&FuelType> {
        self.fuel_type.as_ref()
    }

    fn build(prov: Provenance, r: &mut FieldReader<'_, '_, ReceiptField>) -> (Receipt, ()) {
        use ReceiptField as F;
        let when = r.datetime(F::Date);
        (
            Receipt {
                receipt_no: r.id(F::ReceiptNo),
                vehicle_id: r.id(F::VehicleId),
                date: when.map(|(d, _)| d),
                time: when
                    .and_then(|(_, t): (NaiveDate, Option<NaiveTime>)| t)
                    .or(r.time(F::Time)),
                vendor: r.vendor(F::Vendor),
                station: r.text(F::Station),
                fuel_type: r.fuel(F::FuelType),
                litres: r.number(F::Litres),
                unit_price: r.number(F::UnitPrice),
                amount: r.number(F::Amount),
                trip_id: r.id(F::TripId),
                voucher_no: r.id(F::VoucherNo),
                odometer: r.number(F::Odometer),
                legibility: r.legibility(F::Legible),
                problems: r.take_problems(),
                prov,
            },
            (),
        )
    }
}

/// What a kind's records take from the records before them, across the files given for it:
/// rows of several files are one list (SPEC §2).
#[derive(Default)]
pub struct Following {
    /// How many lines of each invoice have been read so far.
    line_positions: LinePositions,
}

/// How many lines of each invoice (by vendor and number) have been read so far.
#[derive(Default)]
struct LinePositions {
    counts: HashMap<String, u32>,
    /// The key being looked up, reused: most lookups find their invoice and copy nothing.
    key: String,
}

impl LinePositions {
    /// The next position within the invoice: an invoice line without a number is numbered by
    /// its position in its invoice, counted across the files of invoices in the order given.
    fn next(&mut self, vendor: &Option<VendorName>, invoice: &Option<Ident>) -> u32 {
        self.key.clear();
        self.key.push_str(vendor.as_ref().map_or("", |v| v.key()));
        // A unit separator: no vendor's or invoice's key holds it.
        self.key.push('\u{1f}');
        self.key.push_str(invoice.as_ref().map_or("", |i| i.key()));
        let position = match self.counts.get_mut(self.key.as_str()) {
            Some(position) => position,
            None => self.counts.entry(self.key.clone()).or_insert(0),
        };
        *position += 1;
        *position
    }
}

/// Whether an invoice line's number is still to be given by its position in its invoice: the
/// file gave none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unnumbered(bool);

impl Document for InvoiceLine {
    type Field = InvoiceField;
    type Pending = Unnumbered;
    const FOLLOWS: bool = true;

    fn collection(data: &mut Dataset) -> &mut Vec<InvoiceLine> {
        &mut data.invoice_lines
    }

    fn fuel_type(&self) -> Option<&FuelType> {
        self.fuel_type.as_ref()
    }

    fn build(
        prov: Provenance,
        r: &mut FieldReader<'_, '_, InvoiceField>,
    ) -> (InvoiceLine, Unnumbered) {
        use InvoiceField as F;
        let given_line_no = r.integer(F::LineNo);
        let line = InvoiceLine {
            line_no: given_line_no.unwrap_or_default(),
            invoice_no: r.id(F::InvoiceNo),
            vendor: r.vendor(F::Vendor),
            invoice_date: r.date(F::InvoiceDate),
            receipt_no: r.id(F::ReceiptNo),
            vehicle_id: r.id(F::VehicleId),
            date: r.date(F::Date),
            fuel_type: r.fuel(F::FuelType),
            litres: r.number(F::Litres),
            unit_price: r.number(F::UnitPrice),
            amount: r.number(F::Amount),
            invoice_total: r.number(F::InvoiceTotal),
            problems: r.take_problems(),
            prov,
        };
        (line, Unnumbered(given_line_no.is_none()))
    }

    /// Every line takes its place in its invoice, numbered or not: an unnumbered line after
    /// two numbered ones of its invoice is its third.
    fn follow(&mut self, unnumbered: Unnumbered, before: &mut Following) {
        let position = before.line_positions.next(&self.vendor, &self.invoice_no);
        if unnumbered.0 {
            self.line_no = position;
        }
    }
}

impl Document for Vehicle {
    type Field = VehicleField;
    type Pending = ();

    fn collection(data: &mut Dataset) -> &mut Vec<Vehicle> {
        &mut data.vehicles
    }

    fn fuel_type(&self) -> Option<&FuelType> {
        self.fuel_type.as_ref()
    }

    fn build(prov: Provenance, r: &mut FieldReader<'_, '_, VehicleField>) -> (Vehicle, ()) {
        use VehicleField as F;
        (
            Vehicle {
                vehicle_id: r.id(F::VehicleId),
                tank_litres: r.number(F::TankLitres),
                fuel_type: r.fuel(F::FuelType),
                l_per_100km: r.number(F::LPer100km),
                problems: r.take_problems(),
                prov,
            },
            (),
        )
    }
}

impl Document for Price {
    type Field = PriceField;
    type Pending = ();

    fn collection(data: &mut Dataset) -> &mut Vec<Price> {
        &mut data.prices
    }

    fn fuel_type(&self) -> Option<&FuelType> {
        self.fuel_type.as_ref()
    }

    fn build(prov: Provenance, r: &mut FieldReader<'_, '_, PriceField>) -> (Price, ()) {
        use PriceField as F;
        (
            Price {
                vendor: r.vendor(F::Vendor),
                fuel_type: r.fuel(F::FuelType),
                unit_price: r.number(F::UnitPrice),
                valid_from: r.date(F::ValidFrom),
                valid_to: r.date(F::ValidTo),
                problems: r.take_problems(),
                prov,
            },
            (),
        )
    }
}
