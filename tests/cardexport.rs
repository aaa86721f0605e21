//! A year's fuel-card export, shaped as a US city's card company sends it (issue 9): month-first
//! dates, gallons and miles (`[units]`), card product codes (UNL, DS+, BIOD, ETH), a car wash
//! and a merchandise line on the card, a credit that reverses part of a fill, a credit that
//! reverses nothing, a fill typed with the wrong year, and two fills of one vehicle, alike to
//! the cent, five hours apart at two stations. Each planted case is found once, on its own row,
//! and nothing else is raised. Then the same netting on invoices: lines.csv and summary.json
//! bill the net, and a vendor's letter gives the new reasons.

mod common;

use common::Workdir;
use serde_json::Value;
use std::collections::BTreeSet;

const CONFIG: &str = r#"
[reading]
date_order = "month-first"

[units]
distance = "mi"
volume = "gal"

[aliases.receipts]
receipt_no = ["Transaction ID"]
vehicle_id = ["Vehicle Number"]
date = ["Transaction Date"]
time = ["Transaction Time"]
vendor = ["Merchant Name"]
station = ["Merchant Address"]
litres = ["Units"]
"#;

/// Rows 2 to 16 of the export; the comments name what each planted row is.
const RECEIPTS: &str = "\
Transaction ID,Vehicle Number,Transaction Date,Transaction Time,Merchant Name,Merchant Address,Product,Units,Unit Cost,Total
5530101,1017,01/09/2017,07:42,SHELL,1200 MAIN ST,UNL,12.000,2.350,28.20
5530188,2044,01/23/2017,08:15,CIRCLE K,88 OAK AVE,DS+,31.000,2.500,77.50
5530240,1017,02/06/2017,16:05,SHELL,1200 MAIN ST,ETH,11.500,2.300,26.45
5530377,2044,02/20/2017,10:30,CIRCLE K,88 OAK AVE,BIOD,29.000,2.600,75.40
5530412,1017,03/14/2017,07:55,SHELL,1200 MAIN ST,UNL,10.000,2.350,23.50
5530412,1017,03/14/2017,07:56,SHELL,1200 MAIN ST,CAR WASH,1,8.00,8.00
5530415,1017,03/14/2017,13:10,CIRCLE K,88 OAK AVE,UNL,10.000,2.350,23.50
5530501,2044,04/03/2017,09:20,CIRCLE K,88 OAK AVE,DS+,26.000,2.500,65.00
5530501,2044,04/03/2017,09:21,CIRCLE K,88 OAK AVE,DS+,0,,-0.53
5530560,1017,10/05/1999,12:00,SHELL,1200 MAIN ST,UNL,11.000,2.350,25.85
5530622,2044,05/15/2017,11:45,CIRCLE K,88 OAK AVE,BIOD,28.000,2.600,72.80
5530700,1017,06/12/2017,17:30,SHELL,1200 MAIN ST,UNL,0,,-0.02
5530731,1017,07/10/2017,08:05,SHELL,1200 MAIN ST,ETH,12.500,2.300,28.75
5530790,1017,08/01/2017,18:20,SHELL,1200 MAIN ST,MERCHANDISE,22.14,,61.96
5530802,2044,08/21/2017,09:00,CIRCLE K,88 OAK AVE,DS+,30.000,2.500,75.00
";

/// Tanks in gallons, as the `[units]` of the export say.
const VEHICLES: &str = "\
vehicle_id,fuel_type,tank_litres
1017,unleaded,16
2044,diesel,40
";

/// (code, receipt number, source row, amount at risk) of every exception.
fn found(exceptions: &Value) -> BTreeSet<(String, String, String, String)> {
    exceptions
        .as_array()
        .expect("an array of exceptions")
        .iter()
        .map(|e| {
            let source = e["source"].as_str().unwrap();
            let row = source.rsplit(':').next().unwrap().to_string();
            (
                e["code"].as_str().unwrap().to_string(),
                e["receipt_no"].as_str().unwrap_or_default().to_string(),
                row,
                e["amount_at_risk"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn expected(rows: &[(&str, &str, &str, &str)]) -> BTreeSet<(String, String, String, String)> {
    rows.iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect()
}

#[test]
fn a_years_card_export_raises_exactly_the_planted_cases() {
    let dir = Workdir::new();
    let config = dir.write("recon.toml", CONFIG);
    let receipts = dir.write("card-export.csv", RECEIPTS);
    let vehicles = dir.write("vehicles.csv", VEHICLES);
    let run = dir.run(&[
        "reconcile",
        "--config",
        &config,
        "--receipts",
        &receipts,
        "--vehicles",
        &vehicles,
        "--out",
        "report",
    ]);
    run.succeeds();
    let exceptions = dir.json("report/exceptions.json");
    assert_eq!(
        found(&exceptions),
        expected(&[
            // The car wash under the fill's transaction id: not a duplicate, not a third fill.
            // (5530415, a fill alike to the cent five hours later at another station, is no
            // POSSIBLE_DUPLICATE.)
            ("NON_FUEL_PURCHASE", "5530412", "7", "8.00"),
            // The merchandise line, never read as 22.14 gal of fuel (over the 16 gal tank).
            ("NON_FUEL_PURCHASE", "5530790", "15", "61.96"),
            // The fill typed with the wrong year, the only stray of the year.
            ("DATE_OUT_OF_PERIOD", "5530560", "11", "0.00"),
            // The -0.02 reverses nothing; the -0.53 nets against its fill and says nothing.
            ("UNMATCHED_CREDIT", "5530700", "13", "0.00"),
        ]),
        "{exceptions:#}"
    );
    let by_code = &dir.json("report/summary.json")["exceptions"]["by_code"];
    assert!(
        by_code.get("FUEL_TYPE_MISMATCH").is_none(),
        "UNL, ETH, DS+ and BIOD are the vehicles' fuels: {by_code}"
    );
}

#[test]
fn a_period_flags_what_lies_outside_it_and_a_bad_one_is_refused() {
    let dir = Workdir::new();
    let config = dir.write("recon.toml", CONFIG);
    let receipts = dir.write("card-export.csv", RECEIPTS);
    let args = |period: &'static str| {
        vec![
            "reconcile".to_string(),
            "--config".into(),
            config.clone(),
            "--receipts".into(),
            receipts.clone(),
            "--period".into(),
            period.into(),
            "--out".into(),
            "report".into(),
        ]
    };
    let run = |period| {
        let args = args(period);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        dir.run(&args)
    };
    run("2017-03").succeeds();
    let out_of_period: BTreeSet<String> = dir
        .json("report/exceptions.json")
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == "DATE_OUT_OF_PERIOD")
        .map(|e| e["receipt_no"].as_str().unwrap().to_string())
        .collect();
    // March's three rows are in; every other dated row of the year is out.
    let march = ["5530412", "5530415"];
    let expected: BTreeSet<String> = RECEIPTS
        .lines()
        .skip(1)
        .map(|row| row.split(',').next().unwrap().to_string())
        .filter(|number| !march.contains(&number.as_str()))
        .collect();
    assert_eq!(out_of_period, expected);
    assert_eq!(
        dir.json("report/manifest.json")["config"]["period"],
        "2017-03"
    );
    let refused = run("March 2017");
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("YYYY-MM"),
        "the error says how to write a period: {}",
        refused.stderr
    );
    let bad = dir.write("bad.toml", "period = \"2017-3\"\n");
    dir.run(&["check", "--config", &bad, "--receipts", &receipts])
        .fails_naming("period");
}

/// A fill credited 0.53 at the pump, billed with the credit as a line of its own, and a credit
/// that reverses nothing: the reversed line bills the net (and matches the receipt's net), the
/// reversal bills 0, the stray credit is netted into what is invoiced, and every
/// figure of lines.csv adds up to summary.json.
#[test]
fn credit_lines_net_in_lines_csv_and_the_summary() {
    let dir = Workdir::new();
    let receipts = dir.write(
        "receipts.csv",
        "receipt_no,vehicle_id,date,vendor,fuel_type,litres,unit_price,amount\n\
         R1,V1,2017-03-02,Shell,UNL,40,1.50,60.00\n\
         R1,V1,2017-03-02,Shell,UNL,0,,-0.53\n\
         R2,V1,2017-03-09,Shell,UNL,30,1.50,45.00\n",
    );
    let invoices = dir.write(
        "invoices.csv",
        "invoice_no,vendor,invoice_date,line_no,receipt_no,litres,unit_price,amount\n\
         INV-7,Shell,2017-03-31,1,R1,40,1.50,60.00\n\
         INV-7,Shell,2017-03-31,2,R2,30,1.50,45.00\n\
         INV-7,Shell,2017-03-31,3,R1,0,,-0.53\n\
         INV-7,Shell,2017-03-31,4,R9,0,,-0.02\n",
    );
    dir.run(&[
        "reconcile",
        "--receipts",
        &receipts,
        "--invoices",
        &invoices,
        "--out",
        "report",
    ])
    .succeeds();
    let lines = dir.read("report/lines.csv");
    let mut rows = lines.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (line_no, billed, codes) = (column("line_no"), column("billed"), column("codes"));
    let table: Vec<(String, String, String)> = rows
        .map(|row| {
            let cells: Vec<&str> = row.split(',').collect();
            (
                cells[line_no].to_string(),
                cells[billed].to_string(),
                cells[codes].to_string(),
            )
        })
        .collect();
    assert_eq!(
        table,
        vec![
            ("1".into(), "59.47".into(), String::new()),
            ("2".into(), "45.00".into(), String::new()),
            ("3".into(), "0.00".into(), String::new()),
            ("4".into(), "-0.02".into(), "UNMATCHED_CREDIT".into()),
        ],
        "no BILLED_TWICE, no AMOUNT_MISMATCH, no BILLED_WITHOUT_RECEIPT:\n{lines}"
    );
    let money = &dir.json("report/summary.json")["money"];
    assert_eq!(money["invoiced"], "104.45");
    assert_eq!(money["supported"], "104.45");
    assert_eq!(money["at_risk"], "0.00");
}

/// A vendor's letter gives the reason of each new code in the vendor's words: a car wash billed
/// under a fill's receipt number (linked to the wash, not the fill), and a fill of another
/// month billed in this one.
#[test]
fn a_letter_says_why_a_car_wash_and_a_fill_of_another_month_are_withheld() {
    let dir = Workdir::new();
    let receipts = dir.write(
        "receipts.csv",
        "receipt_no,vehicle_id,date,vendor,fuel_type,litres,unit_price,amount\n\
         R1,V1,2017-03-02,Shell,UNL,40,1.50,60.00\n\
         R1,V1,2017-03-02,Shell,CAR WASH,1,8.00,8.00\n\
         R3,V1,2017-05-02,Shell,UNL,30,1.50,45.00\n",
    );
    let invoices = dir.write(
        "invoices.csv",
        "invoice_no,vendor,invoice_date,line_no,receipt_no,date,fuel_type,litres,unit_price,amount\n\
         INV-8,Shell,2017-03-31,1,R1,2017-03-02,UNL,40,1.50,60.00\n\
         INV-8,Shell,2017-03-31,2,R1,2017-03-02,CAR WASH,1,8.00,8.00\n\
         INV-8,Shell,2017-03-31,3,R3,2017-05-02,UNL,30,1.50,45.00\n",
    );
    for (lang, car_wash, out_of_period) in [
        (
            "en",
            "This line bills a car wash, a shop item or a lubricant as fuel",
            "The fill on this line is dated outside the period this invoice covers.",
        ),
        (
            "fr",
            "Cette ligne facture comme carburant un lavage, un article de boutique ou un lubrifiant",
            "Le plein de cette ligne est daté hors de la période couverte par cette facture.",
        ),
    ] {
        let out = format!("report-{lang}");
        dir.run(&[
            "reconcile",
            "--receipts",
            &receipts,
            "--invoices",
            &invoices,
            "--period",
            "2017-03",
            "--lang",
            lang,
            "--out",
            &out,
        ])
        .succeeds();
        let lines = dir.read(&format!("{out}/lines.csv"));
        assert!(
            lines.contains("INV-8,1,Shell,2017-03-31,R1,R1,receipt_no,V1,2017-03-02,petrol,40,60.00,60.00,0.00,0.00,supported,,"),
            "the fill is neither billed twice nor a duplicate of the wash:\n{lines}"
        );
        let letter = std::fs::read_dir(dir.path(&format!("{out}/disputes")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "html"))
            .expect("a letter to Shell");
        let letter = std::fs::read_to_string(letter).unwrap();
        assert!(letter.contains(car_wash), "{lang}: {letter}");
        assert!(letter.contains(out_of_period), "{lang}: {letter}");
    }
}
