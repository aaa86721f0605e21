//! The pages a person reads (SPEC §6.2–6.4): index.html and the dispute letters, rendered by
//! the binary from the sample months and from hostile input, read back as a user would — every
//! figure against summary.json and lines.csv, the letters' privacy, the escaping of input text —
//! and, when Chromium is installed, the exceptions browser's fragment filters, a letter printed
//! to A4 PDF and the escaped text as the browser builds it.

mod common;

use common::{Workdir, repo};
use fuelrecon::i18n::{Lang, format_date, format_money, format_number};
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Reading HTML as text: the pages are generated, regular markup, so a few string scans do.

/// Text with the entities tera writes turned back into characters.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// What a reader sees of a piece of markup: tags removed, entities decoded, spaces trimmed.
fn visible(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(out.trim())
}

/// The visible text of the element whose `id` is given.
fn by_id(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("an element with id {id}"))
        + marker.len();
    let end = start + html[start..].find('<').expect("the element closes");
    unescape(html[start..end].trim())
}

/// The markup from `start` up to the first `end` after it.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} in the page"));
    let to = from + html[from..].find(end).expect("the end marker");
    &html[from..to]
}

/// The cells of every row opening with `row_open` inside `markup`, as a reader sees them
/// (header rows, having no `td`, left out).
fn rows(markup: &str, row_open: &str) -> Vec<Vec<String>> {
    markup
        .split(row_open)
        .skip(1)
        .map(|row| {
            let row = &row[..row.find("</tr>").unwrap_or(row.len())];
            row.split("<td")
                .skip(1)
                .map(|cell| {
                    let body = &cell[cell.find('>').expect("a cell's tag closes") + 1..];
                    visible(&body[..body.find("</td>").unwrap_or(body.len())])
                })
                .collect::<Vec<String>>()
        })
        .filter(|cells| !cells.is_empty())
        .collect()
}

/// Every opening tag of the markup: its name (lower case) and its attributes' text.
fn tags(html: &str) -> Vec<(String, String)> {
    html.split('<')
        .skip(1)
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|t| {
            let tag = &t[..t.find('>').unwrap_or(t.len())];
            let name_end = tag
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(tag.len());
            (
                tag[..name_end].to_ascii_lowercase(),
                tag[name_end..].to_string(),
            )
        })
        .collect()
}

/// The attributes of a tag's text as (lower-case name, value), quoted values kept whole.
fn attributes(text: &str) -> Vec<(String, String)> {
    let mut found = vec![];
    let mut rest = text.trim_start_matches(['/', ' ']).trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, tail) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |i| i + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = v.to_string();
            rest = tail;
        }
        if !name.is_empty() {
            found.push((name, value));
        }
        rest = rest.trim_start_matches(['/', ' ']).trim_start();
    }
    found
}

// ---------------------------------------------------------------------------------------------
// Figures as the pages must show them.

fn lang(code: &str) -> Lang {
    Lang::from_str(code).expect("a language fuelrecon speaks")
}

/// A decimal string of summary.json or lines.csv formatted as money; a blank stays blank.
fn money(lang: Lang, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format_money(lang, Decimal::from_str(value).expect("a decimal amount"))
}

/// Money as a page shows it, read back (`1,234.50` in English, `1 234,50` in French): digits
/// and the language's decimal mark, whatever it groups thousands with.
fn parse_money(lang: Lang, shown: &str) -> Decimal {
    let half = format_money(lang, Decimal::new(5, 1));
    let mark = half
        .chars()
        .find(|c| !c.is_ascii_digit())
        .expect("a decimal mark");
    let plain: String = (shown.chars())
        .filter_map(|c| match c {
            '0'..='9' | '-' => Some(c),
            c if c == mark => Some('.'),
            _ => None,
        })
        .collect();
    Decimal::from_str(&plain).unwrap_or_else(|_| panic!("money as the page shows it: {shown:?}"))
}

fn money_of(lang: Lang, value: &Value) -> String {
    money(lang, value.as_str().expect("an amount as a decimal string"))
}

fn number(lang: Lang, value: &str) -> String {
    if value.is_empty() {
        return String::new();
    }
    format_number(lang, Decimal::from_str(value).expect("a decimal quantity"))
}

fn date(lang: Lang, iso: &str) -> String {
    if iso.is_empty() {
        return String::new();
    }
    format_date(
        lang,
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("an ISO date"),
    )
}

/// A CSV file as one map per row, keyed by the header (`;`-separated when the header is).
fn csv_rows(text: &str) -> Vec<BTreeMap<String, String>> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = if header.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("a CSV record");
            headers
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Reconciles `config` into `out` and returns its folder.
fn reconcile(dir: &Workdir, config: &str, out: &str) -> PathBuf {
    dir.run(&["reconcile", "--config", config, "--out", out])
        .succeeds();
    dir.path(out)
}

/// The letters a report holds: slug → (html, csv).
fn letters(report: &Path) -> BTreeMap<String, (String, String)> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(report.join("disputes")).expect("a disputes folder") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
            let html = std::fs::read_to_string(&path).unwrap();
            let csv = std::fs::read_to_string(path.with_extension("csv")).unwrap();
            found.insert(slug, (html, csv));
        }
    }
    found
}

fn read(report: &Path, name: &str) -> String {
    std::fs::read_to_string(report.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn json(report: &Path, name: &str) -> Value {
    serde_json::from_str(&read(report, name)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// 1. What the pages say, against the data files.

/// Asserts every figure of index.html against summary.json and exceptions.json.
fn check_index(report: &Path, lang: Lang) {
    let html = read(report, "index.html");
    let summary = json(report, "summary.json");
    assert!(
        html.contains(&format!("<html lang=\"{}\">", lang.code())),
        "the page is in {}",
        lang.code()
    );
    let m = &summary["money"];
    for (id, key) in [
        ("invoiced", "invoiced"),
        ("supported", "supported"),
        ("at-risk", "at_risk"),
        ("unverified", "unverified"),
    ] {
        assert_eq!(by_id(&html, id), money_of(lang, &m[key]), "headline {id}");
    }
    assert_eq!(
        by_id(&html, "receipts-total"),
        money_of(lang, &summary["receipts"]["total"])
    );
    assert_eq!(
        by_id(&html, "receipts-flagged"),
        money_of(lang, &summary["receipts"]["flagged"])
    );
    let documented = by_id(&html, "documented");
    let trips = &summary["trips"];
    let words: Vec<&str> = documented.split_whitespace().collect();
    assert_eq!(
        (words.first().copied(), words.last().copied()),
        (
            Some(trips["documented"].to_string().as_str()),
            Some(trips["total"].to_string().as_str())
        ),
        "documented N of M: {documented}"
    );

    // Per vendor: the first table of the money section, one row per vendor.
    let money_section = between(&html, "<section id=\"money\">", "</section>");
    let vendor_table = between(money_section, "<table>", "</table>");
    let by_vendor = summary["money_by_vendor"].as_object().unwrap();
    let vendor_rows = rows(vendor_table, "<tr>");
    assert_eq!(vendor_rows.len(), by_vendor.len(), "one row per vendor");
    for row in &vendor_rows {
        let v = &by_vendor[&row[0]];
        let want: Vec<String> = ["invoiced", "supported", "at_risk", "unverified"]
            .iter()
            .map(|k| money_of(lang, &v[k]))
            .collect();
        assert_eq!(row[1..5], want[..], "vendor {}", row[0]);
    }

    // Per invoice, and the total under it.
    let invoice_table = between(money_section, "<table id=\"invoices\">", "</table>");
    let body = between(invoice_table, "<tbody>", "</tbody>");
    let invoice_rows = rows(body, "<tr>");
    let by_invoice = summary["money_by_invoice"].as_array().unwrap();
    assert_eq!(invoice_rows.len(), by_invoice.len(), "one row per invoice");
    for (row, inv) in invoice_rows.iter().zip(by_invoice) {
        assert_eq!(row[0], inv["vendor"].as_str().unwrap());
        assert_eq!(row[1], inv["invoice_no"].as_str().unwrap());
        for (cell, key) in row[2..]
            .iter()
            .zip(["invoiced", "supported", "at_risk", "unverified"])
        {
            assert_eq!(cell, &money_of(lang, &inv[key]), "{} {key}", row[1]);
        }
    }
    let total = &rows(between(invoice_table, "<tfoot>", "</tfoot>"), "<tr>")[0];
    for (cell, key) in total[1..]
        .iter()
        .zip(["invoiced", "supported", "at_risk", "unverified"])
    {
        assert_eq!(cell, &money_of(lang, &m[key]), "invoice total {key}");
    }

    // The at-risk charts count money as the headline does, each invoice line once by its
    // largest amount at risk: the bars by vendor and the bars by vehicle each add up to it.
    for title in ["report-chart-by-vendor", "report-chart-by-vehicle"] {
        let label = fuelrecon::i18n::text(lang, title, &Default::default());
        let chart = between(&html, &format!("aria-label=\"{label}\""), "</svg>");
        let bars: Decimal = chart
            .split("<text x=\"")
            .skip(1)
            .filter(|text| !text.starts_with("0\""))
            .map(|text| parse_money(lang, between(text, ">", "</text>").trim_start_matches('>')))
            .sum();
        assert_eq!(
            format_money(lang, bars),
            money_of(lang, &m["at_risk"]),
            "{title}: the bars add up to the money at risk"
        );
    }

    // The documented share per vehicle, driver and month.
    let share = between(&html, "<section id=\"documented-share\">", "</section>");
    let tables: Vec<&str> = share.split("<h3>").skip(1).collect();
    for (table, key) in tables.iter().zip(["by_vehicle", "by_driver", "by_month"]) {
        let expected = trips[key].as_object().unwrap();
        let shown = rows(table, "<tr>");
        assert_eq!(shown.len(), expected.len(), "{key}: one row each");
        // A group with no value is named in the page's language; summary.json keys it
        // "(unknown)".
        let not_given = fuelrecon::i18n::text(lang, "report-unknown", &Default::default());
        for row in shown {
            let summary_key = if row[0] == not_given {
                "(unknown)"
            } else {
                row[0].as_str()
            };
            let counts = &expected[summary_key];
            assert_eq!(
                row[1],
                format!("{} / {}", counts["documented"], counts["total"]),
                "{key} {}",
                row[0]
            );
        }
    }

    // One filter entry per vehicle and per vendor, however each document writes it (the French
    // month's receipts write "Total Énergies", its invoices "TOTAL ENERGIES").
    for (filter, key) in [
        (
            "vehicle",
            fuelrecon::model::normalise_id as fn(&str) -> String,
        ),
        ("vendor", fuelrecon::model::fold_name),
    ] {
        let select = between(&html, &format!("<select name=\"{filter}\">"), "</select>");
        let options: Vec<String> = (select.split("<option>").skip(1))
            .map(|option| visible(&option[..option.find("</option>").unwrap_or(option.len())]))
            .collect();
        assert!(!options.is_empty(), "the {filter} filter lists the month's");
        let keys: BTreeSet<String> = options.iter().map(|o| key(o)).collect();
        assert_eq!(
            keys.len(),
            options.len(),
            "one {filter} entry each: {options:?}"
        );
    }

    // Every exception in the browser, with its amount at risk.
    let exceptions = json(report, "exceptions.json");
    let by_exception_id: BTreeMap<&str, &Value> = exceptions
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e))
        .collect();
    let browser = between(&html, "<section id=\"browser\">", "</section>");
    let exception_rows = rows(browser, "<tr class=\"exception\"");
    assert_eq!(
        exception_rows.len(),
        by_exception_id.len(),
        "every exception"
    );
    assert_eq!(by_id(&html, "shown"), exception_rows.len().to_string());
    for row in &exception_rows {
        let e = by_exception_id[row[0].as_str()];
        assert_eq!(row[1], e["code"].as_str().unwrap());
        assert_eq!(
            row[7],
            money_of(lang, &e["amount_at_risk"]),
            "at risk of {}",
            row[0]
        );
        assert!(
            row[8].starts_with(e["message"].as_str().unwrap()),
            "the message of {}",
            row[0]
        );
    }
}

/// Asserts a letter's invoices and lines against summary.json and lines.csv, in `lang`, and
/// its CSV against lines.csv; returns the visible text of its reasons.
fn check_letter(report: &Path, vendor: &str, html: &str, csv: &str, lang: Lang) -> Vec<String> {
    let summary = json(report, "summary.json");
    assert!(
        html.contains(&format!("<html lang=\"{}\">", lang.code())),
        "{vendor}'s letter is in {}",
        lang.code()
    );
    assert_eq!(by_id(html, "vendor"), vendor);

    let invoices = between(html, "<table id=\"invoices\">", "</table>");
    let shown = rows(between(invoices, "<tbody>", "</tbody>"), "<tr>");
    let expected: Vec<&Value> = summary["money_by_invoice"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["vendor"] == vendor)
        .collect();
    assert_eq!(shown.len(), expected.len(), "{vendor}: one row per invoice");
    for (row, inv) in shown.iter().zip(&expected) {
        assert_eq!(row[0], inv["invoice_no"].as_str().unwrap());
        for (cell, key) in row[1..].iter().zip(["invoiced", "supported", "at_risk"]) {
            assert_eq!(cell, &money_of(lang, &inv[key]), "{} {key}", row[0]);
        }
    }
    let total = &rows(between(invoices, "<tfoot>", "</tfoot>"), "<tr>")[0];
    let vendor_money = &summary["money_by_vendor"][vendor];
    for (cell, key) in total[1..].iter().zip(["invoiced", "supported", "at_risk"]) {
        assert_eq!(
            cell,
            &money_of(lang, &vendor_money[key]),
            "{vendor} total {key}"
        );
    }

    // The disputed lines: exactly the vendor's withheld lines of lines.csv, figure for figure.
    let all_lines = csv_rows(&read(report, "lines.csv"));
    let disputed: Vec<&BTreeMap<String, String>> = all_lines
        .iter()
        .filter(|l| l["vendor"] == vendor && l["status"] == "withheld")
        .collect();
    let lines = rows(html, "<tr class=\"line\">");
    assert_eq!(lines.len(), disputed.len(), "{vendor}: every disputed line");
    let letter_csv = csv_rows(csv);
    assert_eq!(
        letter_csv.len(),
        disputed.len(),
        "{vendor}: the CSV has them too"
    );
    for ((row, line), csv_line) in lines.iter().zip(&disputed).zip(&letter_csv) {
        let want = [
            line["invoice_no"].clone(),
            line["line_no"].clone(),
            line["receipt_no"].clone(),
            date(lang, &line["fill_date"]),
            line["vehicle_id"].clone(),
            number(lang, &line["litres"]),
            // A billed amount that cannot be read is said so, not left blank.
            if line["billed"].is_empty() {
                fuelrecon::i18n::text(lang, "letter-amount-unreadable", &Default::default())
            } else {
                money(lang, &line["billed"])
            },
            money(lang, &line["accepted"]),
            money(lang, &line["withheld"]),
        ];
        assert_eq!(row[..], want[..], "{vendor}: the letter's line");
        for key in [
            "invoice_no",
            "line_no",
            "receipt_no",
            "fill_date",
            "vehicle_id",
            "billed",
            "accepted",
            "withheld",
        ] {
            assert_eq!(csv_line[key], line[key], "{vendor}: the letter's CSV {key}");
        }
    }
    html.split("<td colspan=\"9\" class=\"reason\">")
        .skip(1)
        .map(|r| visible(&r[..r.find("</td>").unwrap()]))
        .collect()
}

/// A sample-data file as text: the French month is written in Windows-1252, as its office's
/// spreadsheets save it.
fn sample_text(path: &str) -> String {
    let bytes = std::fs::read(repo(path)).unwrap();
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => encoding_rs::WINDOWS_1252
            .decode(e.as_bytes())
            .0
            .into_owned(),
    }
}

/// Asserts that no letter of `report` names a driver, a trip ticket, an odometer reading or a
/// consumption figure of the trips and receipts in `inputs`.
fn check_letters_keep_internal_matters_out(report: &Path, trips_csv: &str, receipts_csv: &str) {
    let mut secrets = BTreeSet::new();
    for trip in csv_rows(trips_csv) {
        for (header, value) in &trip {
            let h = header.to_lowercase();
            if ["driver", "chauffeur", "trip", "feuille"]
                .iter()
                .any(|w| h.contains(w))
            {
                secrets.insert(value.clone());
            }
            if h.contains("km") {
                secrets.extend(odometer_spellings(value));
            }
        }
    }
    for receipt in csv_rows(receipts_csv) {
        for (header, value) in &receipt {
            let h = header.to_lowercase();
            if ["odom", "kilom", "km"].iter().any(|w| h.contains(w)) {
                secrets.extend(odometer_spellings(value));
            }
            if h.contains("trip") || h.contains("feuille") {
                secrets.insert(value.clone());
            }
        }
    }
    secrets.retain(|s| s.len() > 2);
    assert!(
        secrets.len() > 10,
        "the month's internal names: {secrets:?}"
    );
    for (slug, (html, csv)) in letters(report) {
        for text in [visible(&html), csv] {
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "{slug} names {secret:?}");
            }
            for word in [
                "L/100",
                "/100 km",
                "consumption",
                "consommation",
                "odomet",
                "driver",
                "chauffeur",
            ] {
                assert!(!text.contains(word), "{slug} speaks of {word:?}");
            }
        }
    }
}

/// An odometer reading (`54 200` in the French month) as the pages might write it: 54200,
/// 54,200, 54 200.
fn odometer_spellings(value: &str) -> Vec<String> {
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    let Ok(d) = Decimal::from_str(&digits) else {
        return vec![];
    };
    Lang::all()
        .map(|l| format_number(l, d))
        .chain([d.normalize().to_string()])
        .collect()
}

#[test]
fn the_english_month_pages_show_the_figures_of_the_data_files() {
    let dir = Workdir::new();
    let report = reconcile(&dir, &repo("sample-data/en/recon.toml"), "report");
    let en = lang("en");
    check_index(&report, en);
    let letters = letters(&report);
    assert_eq!(letters.keys().collect::<Vec<_>>(), ["kivu-fuels"]);
    let (html, csv) = &letters["kivu-fuels"];
    let reasons = check_letter(&report, "Kivu Fuels", html, csv, en);
    assert!(
        reasons.iter().any(|r| r.contains("a credit note")),
        "says what to send: {reasons:?}"
    );
    // The price list writes 1.4; beside a billed 1.52 the letter gives it as 1.40.
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("above the contract price of 1.40.")),
        "the contract price in the decimals of the price billed: {reasons:?}"
    );
    assert!(by_id(html, "reference").starts_with("FIN/FUEL/"));
    check_letters_keep_internal_matters_out(
        &report,
        &sample_text("sample-data/en/trips.csv"),
        &sample_text("sample-data/en/receipts.csv"),
    );
}

#[test]
fn the_french_month_pages_show_the_figures_of_the_data_files_in_french() {
    let dir = Workdir::new();
    let report = reconcile(&dir, &repo("sample-data/fr/recon.toml"), "report");
    let fr = lang("fr");
    check_index(&report, fr);
    let html = read(&report, "index.html");
    assert!(
        by_id(&html, "invoiced").contains('\u{a0}'),
        "thousands apart by a no-break space"
    );
    let letters = letters(&report);
    assert_eq!(letters.keys().collect::<Vec<_>>(), ["total-energies"]);
    let (html, csv) = &letters["total-energies"];
    check_letter(&report, "TOTAL ENERGIES", html, csv, fr);
    assert!(html.contains("Motif"), "French headings");
    check_letters_keep_internal_matters_out(
        &report,
        &sample_text("sample-data/fr/trips.csv"),
        &sample_text("sample-data/fr/receipts.csv"),
    );
}

#[test]
fn a_french_vendor_of_an_english_run_gets_a_letter_with_no_english_in_it() {
    let dir = Workdir::new();
    let english = reconcile(&dir, &repo("sample-data/en/recon.toml"), "english");
    for name in [
        "trips.csv",
        "receipts.csv",
        "invoices.csv",
        "vehicles.csv",
        "prices.csv",
    ] {
        dir.write(
            &format!("month/{name}"),
            std::fs::read(repo(&format!("sample-data/en/{name}"))).unwrap(),
        );
    }
    let config = std::fs::read_to_string(repo("sample-data/en/recon.toml")).unwrap();
    let config = dir.write(
        "month/recon.toml",
        format!("{config}\n[vendors.\"Kivu Fuels\"]\nlang = \"fr\"\n"),
    );
    let report = reconcile(&dir, &config, "report");
    check_index(&report, lang("en"));
    let (html, csv) = &letters(&report)["kivu-fuels"];
    let reasons = check_letter(&report, "Kivu Fuels", html, csv, lang("fr"));

    let (english_html, english_csv) = &letters(&english)["kivu-fuels"];
    let english_reasons = check_letter(
        &english,
        "Kivu Fuels",
        english_html,
        english_csv,
        lang("en"),
    );
    assert_eq!(reasons.len(), english_reasons.len());
    // The CSV's header names its columns for machines, as lines.csv does; its cells are words.
    let csv_cells = csv.split_once('\n').map_or("", |(_, rows)| rows);
    let french_text = format!("{}\n{csv_cells}", visible(html));
    for reason in &english_reasons {
        for item in reason
            .split(['\n', '.'])
            .map(str::trim)
            .filter(|s| s.len() > 12)
        {
            assert!(
                !french_text.contains(item),
                "English {item:?} in the French letter"
            );
        }
    }
    for english_word in ["Why", "send", "Receipt", "Invoice", "Withheld", "Yours"] {
        assert!(
            !french_text.contains(english_word),
            "{english_word:?} in the French letter"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 2. In a real browser.

/// The path of an external program, or None after saying why the test is skipped; with
/// FUELRECON_REQUIRE_EXTERNAL=1 its absence fails the test.
fn external(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var("FUELRECON_REQUIRE_EXTERNAL").as_deref() != Ok("1"),
            "{names:?} is required (FUELRECON_REQUIRE_EXTERNAL=1) but not on PATH"
        );
        println!("skipped: none of {names:?} is on PATH");
    }
    found
}

/// Runs a program to its end, killed after a minute; returns its stdout.
fn run_with_timeout(program: &Path, args: &[String]) -> String {
    let out = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(out.reopen().unwrap())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{} {args:?}: {status}", program.display());
            break;
        }
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().ok();
            child.wait().ok();
            panic!("{} {args:?} took over a minute", program.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    std::fs::read_to_string(out.path()).unwrap()
}

/// Headless Chromium with a fresh profile and nothing that reaches for the network.
fn chromium(browser: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut all: Vec<String> = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    .map(String::from)
    .into();
    all.push(format!("--user-data-dir={}", profile.path().display()));
    all.extend_from_slice(args);
    run_with_timeout(browser, &all)
}

const CHROMIUM: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// The DOM of `page#fragment` once its script has run.
fn dump_dom(browser: &Path, page: &Path, fragment: &str) -> String {
    let url = format!("file://{}{fragment}", page.display());
    chromium(
        browser,
        &[
            "--virtual-time-budget=2000".to_string(),
            "--dump-dom".to_string(),
            url,
        ],
    )
}

/// The ids of the exception rows the browser shows (not `hidden`).
fn shown_rows(dom: &str) -> Vec<String> {
    tags(dom)
        .into_iter()
        .filter(|(name, attrs)| name == "tr" && attrs.contains("class=\"exception\""))
        .map(|(_, attrs)| attributes(&attrs))
        .filter(|attrs| !attrs.iter().any(|(name, _)| name == "hidden"))
        .map(|attrs| {
            attrs
                .into_iter()
                .find_map(|(name, value)| (name == "data-id").then_some(value))
                .expect("a row's data-id")
        })
        .collect()
}

#[test]
fn the_exceptions_browser_filters_from_the_fragment_and_a_letter_prints_on_a4() {
    let Some(browser) = external(CHROMIUM) else {
        return;
    };
    let dir = Workdir::new();
    let report = reconcile(&dir, &repo("sample-data/en/recon.toml"), "report");
    let index = report.join("index.html");
    let exceptions = json(&report, "exceptions.json");
    let ids_where = |keep: &dyn Fn(&Value) -> bool| -> BTreeSet<String> {
        exceptions
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| keep(e))
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };

    let dom = dump_dom(&browser, &index, "#code=BILLED_TWICE");
    let shown: BTreeSet<String> = shown_rows(&dom).into_iter().collect();
    assert_eq!(shown, ids_where(&|e| e["code"] == "BILLED_TWICE"));
    assert_eq!(shown.len(), 1);
    assert_eq!(by_id(&dom, "shown"), "1");

    // Vehicle and free text together: the rows of UN-102 whose text mentions R-5006.
    let html = read(&report, "index.html");
    let expected: BTreeSet<String> = html
        .split("<tr class=\"exception\"")
        .skip(1)
        .filter(|row| row.contains("data-vehicle=\"UN-102\""))
        .filter(|row| {
            visible(&format!("<{row}"))
                .to_lowercase()
                .contains("r-5006")
        })
        .map(|row| {
            let at = row.find("data-id=\"").unwrap() + 9;
            row[at..at + row[at..].find('"').unwrap()].to_string()
        })
        .collect();
    let all_of_vehicle = ids_where(&|e| e["vehicle_id"] == "UN-102");
    assert!(
        expected.len() >= 2 && expected.len() < all_of_vehicle.len(),
        "the text narrows the vehicle's rows: {expected:?} of {all_of_vehicle:?}"
    );
    let dom = dump_dom(&browser, &index, "#vehicle=UN-102&q=R-5006");
    let shown: BTreeSet<String> = shown_rows(&dom).into_iter().collect();
    assert_eq!(shown, expected);
    assert_eq!(by_id(&dom, "shown"), expected.len().to_string());

    // The letter, printed.
    let (Some(pdftotext), Some(pdfinfo)) = (external(&["pdftotext"]), external(&["pdfinfo"]))
    else {
        return;
    };
    let pdf = dir.path("letter.pdf");
    chromium(
        &browser,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
            format!(
                "file://{}",
                report.join("disputes/kivu-fuels.html").display()
            ),
        ],
    );
    let text = run_with_timeout(
        &pdftotext,
        &[
            "-layout".to_string(),
            pdf.display().to_string(),
            "-".to_string(),
        ],
    );
    let en = lang("en");
    let text_lines: Vec<&str> = text.lines().collect();
    for line in csv_rows(&read(&report, "lines.csv"))
        .iter()
        .filter(|l| l["status"] == "withheld")
    {
        let want = [
            line["invoice_no"].clone(),
            line["receipt_no"].clone(),
            money(en, &line["billed"]),
            money(en, &line["accepted"]),
            money(en, &line["withheld"]),
        ];
        assert!(
            text_lines
                .iter()
                .any(|l| want.iter().all(|w| l.contains(w.as_str()))
                    && l.split_whitespace().nth(1) == Some(line["line_no"].as_str())),
            "the printed letter has line {} {}: {want:?}\n{text}",
            line["invoice_no"],
            line["line_no"]
        );
    }
    let m = &json(&report, "summary.json")["money_by_vendor"]["Kivu Fuels"];
    let totals = ["invoiced", "supported", "at_risk"].map(|k| money_of(en, &m[k]));
    assert!(
        text_lines
            .iter()
            .any(|l| l.trim_start().starts_with("Total")
                && totals.iter().all(|t| l.contains(t.as_str()))),
        "the printed totals {totals:?}\n{text}"
    );
    let info = run_with_timeout(&pdfinfo, &[pdf.display().to_string()]);
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .expect("pdfinfo gives the page size");
    let points: Vec<f64> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(
        points.iter().map(|p| p.round() as i64).collect::<Vec<_>>(),
        [595, 842],
        "A4: {size}"
    );
}

// ---------------------------------------------------------------------------------------------
// 3. Hostile input.

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const UP: &str = "../../etc/passwd";
/// Markup in the invoice numbers, which every letter shows.
const SVG: &str = "<svg onload=alert(2)>";

/// Receipts and invoices whose vendors and fields carry markup, a path and 10 kB; every
/// vendor has a line billed without a receipt, so each gets a letter.
fn hostile_month(dir: &Workdir) -> (Vec<String>, PathBuf) {
    let long = "L".repeat(10 * 1024);
    let vendors: Vec<String> = [SCRIPT, IMG, UP, &long, "Kivu Fuels"]
        .map(String::from)
        .into();
    let mut receipts = csv::Writer::from_writer(vec![]);
    let mut invoices = csv::Writer::from_writer(vec![]);
    receipts
        .write_record([
            "receipt_no",
            "vehicle_id",
            "date",
            "vendor",
            "litres",
            "amount",
        ])
        .unwrap();
    invoices
        .write_record([
            "invoice_no",
            "vendor",
            "invoice_date",
            "receipt_no",
            "vehicle_id",
            "litres",
            "amount",
        ])
        .unwrap();
    for (i, vendor) in vendors.iter().enumerate() {
        let receipt = format!("R-{i}<iframe src=javascript:alert(4)>");
        let invoice = format!("INV-{i}{SVG}");
        let vehicle = format!("<b onmouseover=alert(3)>UN-{i}</b>");
        receipts
            .write_record([&receipt, &vehicle, "2024-03-04", vendor, "40", "56.00"])
            .unwrap();
        invoices
            .write_record([
                &invoice,
                vendor,
                "2024-03-31",
                &receipt,
                &vehicle,
                "40",
                "56.00",
            ])
            .unwrap();
        let missing = if i == 3 {
            "R".repeat(10 * 1024)
        } else {
            format!("R-9{i}<object data=x>")
        };
        invoices
            .write_record([
                &invoice,
                vendor,
                "2024-03-31",
                &missing,
                &vehicle,
                "40",
                "70.00",
            ])
            .unwrap();
    }
    let receipts = dir.write("in/receipts.csv", receipts.into_inner().unwrap());
    let invoices = dir.write("in/invoices.csv", invoices.into_inner().unwrap());
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
    (vendors, dir.path("report"))
}

/// Asserts the page runs no script but the report's own and carries no event handler.
fn check_no_live_markup(name: &str, html: &str, scripts_allowed: usize) {
    let tags = tags(html);
    let scripts = tags.iter().filter(|(n, _)| n == "script").count();
    assert_eq!(scripts, scripts_allowed, "{name}: <script> elements");
    for (tag, attrs) in &tags {
        assert!(
            !["img", "iframe", "object", "embed", "svg:script"].contains(&tag.as_str()),
            "{name}: a live <{tag}{attrs}>"
        );
        assert!(!attrs.contains("javascript:"), "{name}: <{tag}{attrs}>");
        for (attr, value) in attributes(attrs) {
            if attr.starts_with("on") {
                assert_eq!(
                    (tag.as_str(), attr.as_str(), value.as_str()),
                    ("form", "onsubmit", "return false"),
                    "{name}: an event handler in <{tag}{attrs}>"
                );
            }
        }
    }
    if scripts_allowed == 1 {
        let script = between(html, "<script>", "</script>");
        assert!(
            script.contains("The exceptions browser"),
            "the one script is the report's own"
        );
        assert!(!script.contains("alert("), "no input reached the script");
    }
}

#[test]
fn markup_paths_and_long_values_in_the_input_stay_text_and_stay_in_the_folder() {
    let dir = Workdir::new();
    let (vendors, report) = hostile_month(&dir);
    let index = read(&report, "index.html");
    check_no_live_markup("index.html", &index, 1);
    assert!(
        index.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || index.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the markup is shown as text"
    );

    // Every file written is a plain file inside the report, with a safe name.
    let root = report.canonicalize().unwrap();
    let mut stack = vec![root.clone()];
    let mut files = vec![];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            assert!(!kind.is_symlink(), "{:?} is a link", entry.path());
            let path = entry.path().canonicalize().unwrap();
            assert!(path.starts_with(&root), "{path:?} outside the report");
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                name.len() <= 80
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-._".contains(c))
                    && !name.starts_with('.'),
                "an unsafe file name {name:?}"
            );
            if kind.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    let mut beside: Vec<String> = std::fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    beside.sort();
    assert_eq!(
        beside,
        ["in", "report"],
        "nothing written beside the report"
    );

    // One letter per vendor, each about that vendor only.
    let letters = letters(&report);
    assert_eq!(letters.len(), vendors.len(), "{:?}", letters.keys());
    let escaped = |v: &str| {
        v.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    for (slug, (html, csv)) in &letters {
        check_no_live_markup(slug, html, 0);
        let vendor = by_id(html, "vendor");
        assert!(vendors.contains(&vendor), "{slug} is for {vendor:?}");
        let lang = lang("en");
        check_letter(&report, &vendor, html, csv, lang);
        for other in vendors
            .iter()
            .filter(|o| **o != vendor && !vendor.contains(o.as_str()))
        {
            let text = visible(html);
            let named = text
                .lines()
                .find(|l| l.contains(other.as_str()))
                .or_else(|| html.lines().find(|l| l.contains(&escaped(other))));
            assert!(
                named.is_none(),
                "{slug} names another vendor, {other:.40}: {named:.300?}"
            );
            assert!(
                !csv.contains(other.as_str()),
                "{slug}.csv names {other:.40}"
            );
        }
    }

    // As the browser builds it: the text is there, escaped, and no element came from input.
    let Some(browser) = external(CHROMIUM) else {
        return;
    };
    for page in [report.join("index.html")].into_iter().chain(
        files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "html")),
    ) {
        let dom = dump_dom(&browser, &page, "");
        check_no_live_markup(
            &page.display().to_string(),
            &dom,
            usize::from(page.ends_with("index.html")),
        );
        assert!(
            dom.contains("&lt;svg onload=alert(2)&gt;"),
            "{}: the markup is text in the DOM",
            page.display()
        );
        if page.ends_with("index.html") {
            assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        }
    }
}

/// A national fleet's month has more invoices and vehicles than a page can list. index.html
/// keeps `html_rows_per_table` of them — the invoices with the most at risk, the least
/// documented vehicles — and says how many there are and where all of them are.
#[test]
fn long_tables_keep_the_rows_to_act_on_and_say_where_the_rest_are() {
    let dir = Workdir::new();
    let mut trips = String::from(
        "trip_id,vehicle_id,driver,date_out,date_in,odometer_out,odometer_in,fuel_litres\n",
    );
    let mut receipts =
        String::from("receipt_no,vendor,vehicle_id,date,litres,unit_price,amount,trip_id\n");
    let mut invoices = String::from(
        "invoice_no,vendor,invoice_date,line_no,receipt_no,vehicle_id,date,litres,unit_price,amount\n",
    );
    for n in 1..=5 {
        trips.push_str(&format!(
            "T{n},V{n},Driver {n},2024-03-0{n},2024-03-0{n},1000,1100,40\n"
        ));
        // V2's receipt is missing: its trip is undocumented and INV-2 is billed without one.
        if n != 2 {
            receipts.push_str(&format!("R{n},Total,V{n},2024-03-0{n},40,1.5,60,T{n}\n"));
        }
        invoices.push_str(&format!(
            "INV-{n},Total,2024-03-31,1,R{n},V{n},2024-03-0{n},40,1.5,60\n"
        ));
    }
    let config = dir.write("recon.toml", "html_rows_per_table = 2\n");
    let run = dir.run(&[
        "reconcile",
        "--config",
        &config,
        "--trips",
        &dir.write("trips.csv", trips),
        "--receipts",
        &dir.write("receipts.csv", receipts),
        "--invoices",
        &dir.write("invoices.csv", invoices),
        "--out",
        dir.path("report").to_str().unwrap(),
    ]);
    run.succeeds();
    let index = dir.read("report/index.html");
    let invoice_table = between(&index, "<table id=\"invoices\">", "</table>");
    assert!(
        invoice_table.contains("INV-2"),
        "the invoice at risk is kept"
    );
    assert_eq!(invoice_table.matches("<tr><td>Total</td>").count(), 2);
    assert!(index.contains(
        "The 2 invoices with the most at risk are shown, of 5; every invoice is in summary.json (money_by_invoice) and lines.csv."
    ));
    let share = between(&index, "<section id=\"documented-share\">", "</section>");
    assert!(share.contains("V2"), "the undocumented vehicle comes first");
    assert!(share.contains("The 2 least documented of 5 are shown"));
    // The page's total is still the whole month's.
    let summary = dir.json("report/summary.json");
    assert_eq!(summary["money_by_invoice"].as_array().unwrap().len(), 5);
    assert!(index.contains(&format!(
        "id=\"invoiced\">{}</div>",
        summary["money"]["invoiced"].as_str().unwrap()
    )));
}
