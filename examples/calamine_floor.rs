//! The floor of reading a workbook (issue 12): calamine alone reading every cell of an xlsx,
//! which `fuelrecon check --invoices BOOK.xlsx` is measured against in `bench/run.sh`.
//!
//! `calamine_floor --write FILE ROWS` writes an invoice workbook of ROWS lines (rust_xlsxwriter,
//! the columns `make_month` gives invoices.csv; dates as date cells, quantities as numbers, as
//! a vendor's export has them). `calamine_floor FILE` reads every cell of its first sheet with
//! calamine's streaming cell reader (the leanest way calamine offers) and prints the count.

use calamine::{DataRef, Reader, Xlsx, open_workbook};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, file, rows] if flag == "--write" => write(file, rows.parse()?),
        [file] => read(file),
        _ => Err("usage: calamine_floor --write FILE ROWS | calamine_floor FILE".into()),
    }
}

/// One sheet of invoice lines, deterministic (the same workbook every time).
fn write(file: &str, rows: u32) -> Result<(), Failure> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let headers = [
        "invoice_no",
        "vendor",
        "invoice_date",
        "line_no",
        "receipt_no",
        "vehicle_id",
        "date",
        "litres",
        "unit_price",
        "amount",
    ];
    for (col, header) in (0u16..).zip(headers) {
        sheet.write_string(0, col, header)?;
    }
    let vehicles = (rows / 40).max(1);
    let invoice_date = ExcelDateTime::from_ymd(2024, 3, 31)?;
    for n in 0..rows {
        let row = n + 1;
        let vehicle = n % vehicles;
        let day = 1 + (n / vehicles) % 28;
        let vendor = ["Total", "Shell", "Oryx"][(vehicle % 3) as usize];
        let litres = f64::from(20 + n % 40);
        sheet.write_string(row, 0, format!("INV-{vehicle}-{}", day / 8))?;
        sheet.write_string(row, 1, vendor)?;
        sheet.write_datetime_with_format(row, 2, &invoice_date, &date)?;
        sheet.write_number(row, 3, f64::from(n))?;
        sheet.write_string(row, 4, format!("R{n}"))?;
        sheet.write_string(row, 5, format!("V{vehicle}"))?;
        let fill_date = ExcelDateTime::from_ymd(2024, 3, day as u8)?;
        sheet.write_datetime_with_format(row, 6, &fill_date, &date)?;
        sheet.write_number(row, 7, litres)?;
        sheet.write_number(row, 8, 650.0)?;
        sheet.write_number(row, 9, litres * 650.0)?;
    }
    workbook.save(file)?;
    Ok(())
}

/// Every cell of the first sheet, counted by kind so that none is skipped unread.
fn read(file: &str) -> Result<(), Failure> {
    let mut workbook: Xlsx<_> = open_workbook(file)?;
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheet")?;
    let mut cells = workbook.worksheet_cells_reader(&name)?;
    let (mut text, mut other) = (0u64, 0u64);
    while let Some(cell) = cells.next_cell()? {
        match cell.get_value() {
            DataRef::Empty => {}
            DataRef::String(_) | DataRef::SharedString(_) => text += 1,
            _ => other += 1,
        }
    }
    println!("{text} text cells, {other} other cells");
    Ok(())
}
