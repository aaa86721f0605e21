//! `fuelrecon sample` and `fuelrecon evaluate` through the binary, on a real reconcile run of
//! the English sample month.

mod common;

use common::{Workdir, repo};

/// Reconciles sample-data/en into `report` in a fresh work folder.
fn reconciled() -> Workdir {
    let work = Workdir::new();
    let config = repo("sample-data/en/recon.toml");
    work.run(&["reconcile", "--config", &config, "--out", "report"])
        .succeeds();
    work
}

/// Sets `result` (and `audited_amount`) of every row of a sample.csv.
fn fill(work: &Workdir, name: &str, result: impl Fn(usize) -> (&'static str, Option<String>)) {
    let text = work.read(name);
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let at = |column: &str| header.iter().position(|h| h == column).unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(&header).unwrap();
    for (i, record) in rows.records().enumerate() {
        let mut fields: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        let (value, audited) = result(i);
        fields[at("result")] = value.to_string();
        if let Some(audited) = audited {
            fields[at("audited_amount")] = audited;
        }
        writer.write_record(&fields).unwrap();
    }
    work.write(name, writer.into_inner().unwrap());
}

#[test]
fn plan_draw_test_and_evaluate_an_attribute_sample() {
    let work = reconciled();
    let run = work.run(&[
        "sample", "--report", "report", "--seed", "42", "--size", "6",
    ]);
    run.succeeds();
    assert!(
        run.stdout.contains("6 items drawn with seed 42"),
        "{}",
        run.stdout
    );
    let first = work.read("report/sample/sample.csv");
    assert!(work.read("report/sample/sample.html").contains("EX-"));

    // The same seed again (into another folder) gives the same bytes; another seed does not.
    work.run(&[
        "sample", "--report", "report", "--seed", "42", "--size", "6", "--out", "again",
    ])
    .succeeds();
    assert_eq!(first, work.read("again/sample.csv"));
    work.run(&[
        "sample", "--report", "report", "--seed", "43", "--size", "6", "--out", "other",
    ])
    .succeeds();
    assert_ne!(first, work.read("other/sample.csv"));

    // A result that is not ok or deviation is refused, naming the file and row.
    fill(&work, "report/sample/sample.csv", |i| {
        (if i == 2 { "maybe" } else { "ok" }, None)
    });
    work.run(&["evaluate", "--sample", "report/sample/sample.csv"])
        .fails_naming("row 3: result \"maybe\"");

    fill(&work, "report/sample/sample.csv", |_| ("ok", None));
    let run = work.run(&["evaluate", "--sample", "report/sample/sample.csv"]);
    run.succeeds();
    // 0 deviations in 6 items: the limit is 1 − 0.05^(1/6) = 39.30 %.
    assert!(
        run.stdout
            .contains("0 deviation(s) in 6 items; upper deviation limit 39.3"),
        "{}",
        run.stdout
    );
    assert!(work.read("report/sample/evaluation.html").contains("39.3"));

    // An edited drawn item is refused: exit 2, one line naming the row.
    let text = work.read("report/sample/sample.csv");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[4] = lines[4]
        .replacen(",high,", ",low,", 1)
        .replacen(",medium,", ",low,", 1);
    work.write("report/sample/sample.csv", lines.join("\n") + "\n");
    work.run(&["evaluate", "--sample", "report/sample/sample.csv"])
        .fails_naming("sample.csv:5: row 4 was changed");
}

#[test]
fn a_monetary_unit_sample_of_invoice_lines_is_planned_drawn_and_bounded() {
    let work = reconciled();
    let plan = work.run(&[
        "sample",
        "--report",
        "report",
        "--population",
        "invoice-lines",
        "--method",
        "mus",
        "--tolerable",
        "25%",
        "--seed",
        "1",
        "--plan-only",
    ]);
    plan.succeeds();
    assert!(plan.stdout.contains("Poisson factor"), "{}", plan.stdout);
    assert!(
        !work.path("report/sample").exists(),
        "--plan-only draws nothing"
    );

    work.run(&[
        "sample",
        "--report",
        "report",
        "--population",
        "invoice-lines",
        "--method",
        "mus",
        "--tolerable",
        "25%",
        "--seed",
        "1",
    ])
    .succeeds();
    let sheet = work.read("report/sample/sample.csv");
    assert!(
        sheet.contains(",certain,"),
        "lines at or above the interval: {sheet}"
    );
    fill(&work, "report/sample/sample.csv", |i| {
        if i == 0 {
            ("deviation", Some("not known".into()))
        } else {
            ("ok", None)
        }
    });
    work.run(&["evaluate", "--sample", "report/sample/sample.csv"])
        .fails_naming("audited_amount \"not known\"");
    fill(&work, "report/sample/sample.csv", |i| {
        if i == 0 {
            ("deviation", Some("0".into()))
        } else {
            ("ok", None)
        }
    });
    let run = work.run(&["evaluate", "--sample", "report/sample/sample.csv"]);
    run.succeeds();
    assert!(
        run.stdout.contains("upper misstatement limit"),
        "{}",
        run.stdout
    );

    // Trips carry litres, not money.
    work.run(&[
        "sample",
        "--report",
        "report",
        "--population",
        "trips",
        "--method",
        "mus",
        "--size",
        "3",
    ])
    .fails_naming("trips carry litres");
}

#[test]
fn a_french_report_gives_a_french_workpaper() {
    let work = Workdir::new();
    let config = repo("sample-data/fr/recon.toml");
    work.run(&["reconcile", "--config", &config, "--out", "rapport"])
        .succeeds();
    let run = work.run(&[
        "sample",
        "--report",
        "rapport",
        "--tolerable",
        "0.05",
        "--seed",
        "5",
    ]);
    run.succeeds();
    assert!(
        run.stdout.contains("taille de l'échantillon n = 59"),
        "{}",
        run.stdout
    );
    assert!(
        work.read("rapport/sample/sample.html")
            .contains("écart tolérable")
    );
}
