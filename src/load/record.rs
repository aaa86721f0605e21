//! Turning a row's mapped cells into a typed record, noting every value that could not be read:
//! the raw row becomes a record plus its problems, and nothing downstream sees raw text except
//! to quote it.

use super::cell::Cell;
use super::profile::ColumnReading;
use super::schema::FieldSpec;
use super::values::{self, DateTime};
use crate::model::{
    DocKind, FieldProblem, FuelType, Ident, InvoiceLine, Legibility, Price, ProblemCode,
    Provenance, Receipt, Trip, Vehicle, VendorName,
};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::HashMap;

/// A row's cells by field (`cells[i]` belongs to `fields[i]`), with a flag per field for
/// whether the file has that column, read one field at a time.
pub struct FieldReader<'a> {
    fields: &'static [FieldSpec],
    present: &'a [bool],
    readings: &'a [ColumnReading],
    vendor_names: &'a HashMap<String, String>,
    cells: Vec<Cell>,
    problems: Vec<FieldProblem>,
}

/// What a cell held, once markers and blanks are set aside.
enum Content {
    Absent,
    Value(Cell),
}

impl<'a> FieldReader<'a> {
    pub fn new(
        fields: &'static [FieldSpec],
        present: &'a [bool],
        readings: &'a [ColumnReading],
        vendor_names: &'a HashMap<String, String>,
        cells: Vec<Cell>,
    ) -> Self {
        FieldReader {
            fields,
            present,
            readings,
            vendor_names,
            cells,
            problems: Vec::new(),
        }
    }

    fn index(&self, name: &str) -> usize {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .unwrap_or_else(|| unreachable!("field {name} is not in the schema"))
    }

    fn problem(&mut self, index: usize, code: ProblemCode, raw: String) {
        let spec = &self.fields[index];
        self.problems.push(FieldProblem {
            field: spec.name,
            code,
            raw,
            expected: spec.ty.expected(),
        });
    }

    /// Takes a field's cell: blank (a problem if required), unreadable (always a problem), or a
    /// value to parse.
    fn take(&mut self, index: usize) -> Content {
        let cell = std::mem::take(&mut self.cells[index]);
        if cell.is_blank() {
            if self.fields[index].required && self.present[index] {
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
        name: &str,
        parse: impl FnOnce(&Cell, ColumnReading) -> Option<T>,
    ) -> Option<T> {
        let index = self.index(name);
        let Content::Value(cell) = self.take(index) else {
            return None;
        };
        let value = parse(&cell, self.readings[index]);
        if value.is_none() {
            self.problem(index, ProblemCode::Invalid, cell.display());
        }
        value
    }

    pub fn text(&mut self, name: &str) -> Option<String> {
        self.parsed(name, |cell, _| Some(cell.display().trim().to_string()))
    }

    pub fn id(&mut self, name: &str) -> Option<Ident> {
        self.parsed(name, |cell, _| Ident::new(&cell.display()))
    }

    /// A cell that lists several ids (`V101, V102`).
    pub fn ids(&mut self, name: &str) -> Vec<Ident> {
        self.parsed(name, |cell, _| {
            let ids: Vec<Ident> = cell
                .display()
                .split([',', ';', '+', '&', '\n'])
                .filter_map(Ident::new)
                .collect();
            (!ids.is_empty()).then_some(ids)
        })
        .unwrap_or_default()
    }

    pub fn vendor(&mut self, name: &str) -> Option<VendorName> {
        let names = self.vendor_names;
        self.parsed(name, |cell, _| {
            let vendor = VendorName::new(&cell.display())?;
            Some(match names.get(vendor.key()) {
                Some(key) => vendor.known_as(key),
                None => vendor,
            })
        })
    }

    pub fn number(&mut self, name: &str) -> Option<Decimal> {
        self.parsed(name, number_of)
    }

    pub fn integer(&mut self, name: &str) -> Option<u32> {
        self.parsed(name, |cell, reading| {
            let n = number_of(cell, reading)?;
            if n.fract().is_zero() {
                n.to_u32()
            } else {
                None
            }
        })
    }

    pub fn datetime(&mut self, name: &str) -> Option<DateTime> {
        self.parsed(name, |cell, reading| match cell {
            Cell::Date(date, time) => Some((*date, *time)),
            Cell::Number(n) => values::excel_serial_to_datetime(*n, false),
            Cell::Text(text) => values::parse_date(text, reading.date_order).ok(),
            Cell::Empty | Cell::Error(_) => None,
        })
    }

    /// A time of day: `14:30`, `14:30:05`, a spreadsheet time cell, or a fraction of a day.
    pub fn time(&mut self, name: &str) -> Option<NaiveTime> {
        self.parsed(name, |cell, _| match cell {
            Cell::Date(_, time) => Some(time.unwrap_or(NaiveTime::MIN)),
            Cell::Number(n) if *n >= Decimal::ZERO && *n < Decimal::ONE => {
                values::excel_serial_to_datetime(Decimal::ONE + *n, false)
                    .map(|(_, t)| t.unwrap_or(NaiveTime::MIN))
            }
            Cell::Text(text) => values::parse_time(text.trim()),
            _ => None,
        })
    }

    pub fn date(&mut self, name: &str) -> Option<NaiveDate> {
        self.datetime(name).map(|(date, _)| date)
    }

    pub fn fuel(&mut self, name: &str) -> Option<FuelType> {
        self.parsed(name, |cell, _| {
            Some(values::parse_fuel_type(&cell.display()))
        })
    }

    /// Legibility is readable unless the column says otherwise; a receipt that is not (fully)
    /// readable gets an UNREADABLE_FIELD on `legible`.
    pub fn legibility(&mut self, name: &str) -> Legibility {
        let index = self.index(name);
        let cell = std::mem::take(&mut self.cells[index]);
        let text = cell.display();
        let reading = if values::is_unreadable_marker(&text) {
            Some(Legibility::Unreadable)
        } else {
            values::parse_legibility(&text)
        };
        match reading {
            Some(Legibility::Readable) => Legibility::Readable,
            Some(other) => {
                self.problem(index, ProblemCode::Unreadable, text);
                other
            }
            None => {
                self.problem(index, ProblemCode::Invalid, text);
                Legibility::Readable
            }
        }
    }

    pub fn finish(self) -> Vec<FieldProblem> {
        self.problems
    }
}

fn number_of(cell: &Cell, reading: ColumnReading) -> Option<Decimal> {
    match cell {
        Cell::Number(n) if n.abs() <= Decimal::from(values::MAX_NUMBER) => Some(*n),
        Cell::Text(text) => values::parse_number(text, reading.decimal_mark).ok(),
        _ => None,
    }
}

/// A record of any kind, as one file's loader produces it.
pub enum Record {
    Trip(Trip),
    Receipt(Receipt),
    InvoiceLine(InvoiceLine, Option<u32>),
    Vehicle(Vehicle),
    Price(Price),
}

/// Builds the record of `kind` from a row.
pub fn build(kind: DocKind, prov: Provenance, mut r: FieldReader<'_>) -> Record {
    match kind {
        DocKind::Trips => {
            let mut trip = Trip {
                trip_id: r.id("trip_id"),
                vehicle_id: r.id("vehicle_id"),
                driver: r.text("driver"),
                date_out: r.date("date_out"),
                date_in: r.date("date_in"),
                odometer_out: r.number("odometer_out"),
                odometer_in: r.number("odometer_in"),
                fuel_litres: r.number("fuel_litres"),
                voucher_nos: r.ids("voucher_no"),
                destination: r.text("destination"),
                approved_by: r.text("approved_by"),
                prov,
                problems: Vec::new(),
            };
            trip.problems = r.finish();
            Record::Trip(trip)
        }
        DocKind::Receipts => {
            let when = r.datetime("date");
            let mut receipt = Receipt {
                receipt_no: r.id("receipt_no"),
                vehicle_id: r.id("vehicle_id"),
                date: when.map(|(d, _)| d),
                time: when
                    .and_then(|(_, t): (NaiveDate, Option<NaiveTime>)| t)
                    .or(r.time("time")),
                vendor: r.vendor("vendor"),
                station: r.text("station"),
                fuel_type: r.fuel("fuel_type"),
                litres: r.number("litres"),
                unit_price: r.number("unit_price"),
                amount: r.number("amount"),
                trip_id: r.id("trip_id"),
                voucher_no: r.id("voucher_no"),
                odometer: r.number("odometer"),
                legibility: r.legibility("legible"),
                prov,
                problems: Vec::new(),
            };
            receipt.problems = r.finish();
            Record::Receipt(receipt)
        }
        DocKind::Invoices => {
            let line_no = r.integer("line_no");
            let mut line = InvoiceLine {
                invoice_no: r.id("invoice_no"),
                vendor: r.vendor("vendor"),
                invoice_date: r.date("invoice_date"),
                line_no: line_no.unwrap_or(0),
                receipt_no: r.id("receipt_no"),
                vehicle_id: r.id("vehicle_id"),
                date: r.date("date"),
                fuel_type: r.fuel("fuel_type"),
                litres: r.number("litres"),
                unit_price: r.number("unit_price"),
                amount: r.number("amount"),
                invoice_total: r.number("invoice_total"),
                prov,
                problems: Vec::new(),
            };
            line.problems = r.finish();
            Record::InvoiceLine(line, line_no)
        }
        DocKind::Vehicles => {
            let mut vehicle = Vehicle {
                vehicle_id: r.id("vehicle_id"),
                tank_litres: r.number("tank_litres"),
                fuel_type: r.fuel("fuel_type"),
                l_per_100km: r.number("l_per_100km"),
                prov,
                problems: Vec::new(),
            };
            vehicle.problems = r.finish();
            Record::Vehicle(vehicle)
        }
        DocKind::Prices => {
            let mut price = Price {
                vendor: r.vendor("vendor"),
                fuel_type: r.fuel("fuel_type"),
                unit_price: r.number("unit_price"),
                valid_from: r.date("valid_from"),
                valid_to: r.date("valid_to"),
                prov,
                problems: Vec::new(),
            };
            price.problems = r.finish();
            Record::Price(price)
        }
    }
}
