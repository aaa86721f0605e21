//! The configuration file (TOML): inputs, reading options, rule tolerances, per-vendor
//! overrides and resource limits. Unknown keys are refused, so a typo never silently falls
//! back to a default. Relative input paths are taken from the config file's folder.

use crate::error::ConfigError;
use crate::i18n::Lang;
use crate::load::{DateOrder, DecimalMark, ExtraAliases, Limits, LoadOptions};
use crate::model::{DocKind, fold_name};
use chrono::NaiveTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Input paths as written: one path, or a list of them.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

impl Paths {
    fn as_slice(&self) -> &[String] {
        match self {
            Paths::None => &[],
            Paths::One(path) => std::slice::from_ref(path),
            Paths::Many(paths) => paths,
        }
    }
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub trips: Paths,
    #[serde(default)]
    pub receipts: Paths,
    #[serde(default)]
    pub invoices: Paths,
    #[serde(default)]
    pub vehicles: Paths,
    #[serde(default)]
    pub prices: Paths,
    pub out: Option<String>,
    pub lang: Option<Lang>,
    /// The month the run reconciles (`"2024-03"`): documents dated outside it are flagged.
    pub period: Option<String>,
    /// The currency the amounts are in (`XOF`, `USD`), shown beside every figure.
    pub currency: Option<String>,
    /// A folder of templates that replace the built-in ones (an organisation's letterhead).
    pub templates: Option<String>,
    /// The ledger of accepted runs: an SQLite file (relative to this file) or `postgres://…`.
    pub ledger: Option<String>,
    /// How many exceptions of each code index.html holds (the rest are in exceptions.csv).
    pub html_rows_per_code: Option<usize>,
    /// How many rows index.html's tables per invoice, vehicle and driver hold (all are in
    /// summary.json).
    pub html_rows_per_table: Option<usize>,
    /// The organisation's letterhead and the terms of dispute letters.
    #[serde(default)]
    pub letter: Letter,
    #[serde(default)]
    pub reading: Reading,
    /// Extra header aliases: `[aliases.receipts] receipt_no = ["Pump slip"]`.
    #[serde(default)]
    pub aliases: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// Fields pinned to one header each: `[columns.receipts] odometer = "Odometer"`; a pinned
    /// field takes no other column by alias.
    #[serde(default)]
    pub columns: BTreeMap<String, BTreeMap<String, String>>,
    /// Fuel words by family: `[fuel_types] diesel = ["Gas-oil ULS"]`, `non_fuel = ["Lavage"]`;
    /// any other family name is a fuel of its own.
    #[serde(default)]
    pub fuel_types: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub rules: RuleSettings,
    /// The units odometers and quantities are written in.
    #[serde(default)]
    pub units: Units,
    /// Per-vendor overrides of the tolerances: `[vendors."Total Energies"]`.
    #[serde(default)]
    pub vendors: BTreeMap<String, VendorOverride>,
    #[serde(default)]
    pub limits: Limits,
}

/// What a dispute letter says of the organisation that sends it (SPEC §6.3).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Letter {
    pub organisation: String,
    /// Postal address, one line per entry.
    pub address: Vec<String>,
    /// Who the vendor answers to: a name, an email, a phone.
    pub contact: String,
    /// The start of every letter's reference (`FIN/FUEL`).
    pub reference_prefix: String,
    /// Days the vendor has to respond.
    pub response_days: u32,
}

impl Default for Letter {
    fn default() -> Self {
        Letter {
            organisation: String::new(),
            address: Vec::new(),
            contact: String::new(),
            reference_prefix: "FUEL".into(),
            response_days: 30,
        }
    }
}

/// How ambiguous values are read when a column does not settle it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// `","` or `"."`.
    pub decimal_mark: Option<String>,
    pub date_order: Option<DateOrder>,
}

/// Whether every trip ticket needs a receipt, or only those that record fuel.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum RequireReceipt {
    #[default]
    #[serde(rename = "if-fuel")]
    IfFuel,
    #[serde(rename = "always")]
    Always,
}

/// The tolerances and defaults of SPEC §4. Percentages are written as percent (`0.5` is 0.5 %).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct RuleSettings {
    pub amount_tolerance: Decimal,
    /// The smallest amount difference that counts; unset, it is one unit of the smallest
    /// currency denomination the data uses (1 for `12500`, 0.01 for `12.50`).
    pub amount_tolerance_min: Option<Decimal>,
    pub litres_tolerance: Decimal,
    pub price_tolerance: Decimal,
    pub tank_tolerance: Decimal,
    pub consumption_tolerance: Decimal,
    pub odometer_gap_km: Decimal,
    pub date_window_days: u32,
    pub max_fills_per_day: u32,
    pub require_receipt: RequireReceipt,
    /// `"06:00-18:00"`; unset, OFF_HOURS_FILL does not run.
    pub working_hours: Option<String>,
    /// Readings that are typed when the real one is not known (SPEC §3.6); 0 always is one.
    pub odometer_placeholders: Vec<Decimal>,
    /// Two same-day receipts timed further apart than this are two fills, not a copy.
    pub duplicate_window_minutes: u32,
    /// The most a vehicle is taken to drive in a day, in the data's distance unit: a step
    /// between readings beyond it (plus one day's worth) is not believed.
    pub max_km_per_day: Decimal,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            amount_tolerance: Decimal::new(5, 1),
            amount_tolerance_min: None,
            litres_tolerance: Decimal::new(5, 1),
            price_tolerance: Decimal::ZERO,
            tank_tolerance: Decimal::from(5),
            consumption_tolerance: Decimal::from(25),
            odometer_gap_km: Decimal::from(5),
            date_window_days: 1,
            max_fills_per_day: 2,
            require_receipt: RequireReceipt::IfFuel,
            working_hours: None,
            odometer_placeholders: [1, 11, 111, 1111, 11111, 1234, 12345, 99999, 999999]
                .into_iter()
                .map(Decimal::from)
                .collect(),
            duplicate_window_minutes: 60,
            max_km_per_day: Decimal::from(1500),
        }
    }
}

/// `[units]`: what the data's odometers and quantities count in (SPEC §2.2). Messages and
/// consumption speak in these units; nothing is converted.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Units {
    pub distance: Distance,
    pub volume: Volume,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Distance {
    #[default]
    #[serde(rename = "km")]
    Km,
    #[serde(rename = "mi")]
    Mi,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Volume {
    #[default]
    #[serde(rename = "L")]
    Litre,
    #[serde(rename = "gal")]
    Gallon,
}

impl Units {
    /// Consumption is miles per gallon when both units are American, else volume per 100
    /// distance units (L/100 km, and the less common mixes as written).
    pub fn miles_per_gallon(self) -> bool {
        self == Units {
            distance: Distance::Mi,
            volume: Volume::Gallon,
        }
    }
}

/// What a contract may set differently for one vendor.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct VendorOverride {
    /// Other names the vendor goes by (a legal name on invoices, a brand on receipts): all are
    /// compared as this vendor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// The language the vendor's dispute letter is written in; unset, the run's.
    pub lang: Option<Lang>,
    pub amount_tolerance: Option<Decimal>,
    pub litres_tolerance: Option<Decimal>,
    pub price_tolerance: Option<Decimal>,
}

/// SPEC §6.2: the browser holds this many exceptions of each code unless the config says.
const DEFAULT_HTML_ROWS_PER_CODE: usize = 500;
/// A table a reader still scrolls; a national fleet's 100 000 invoices are not.
const DEFAULT_HTML_ROWS_PER_TABLE: usize = 1000;

/// The validated configuration a run uses.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub inputs: BTreeMap<DocKind, Vec<String>>,
    pub out: Option<PathBuf>,
    pub lang: Option<Lang>,
    /// The month reconciled, from `period` or `--period`.
    pub period: Option<crate::period::Period>,
    pub currency: Option<String>,
    pub templates: Option<PathBuf>,
    pub ledger: Option<String>,
    pub html_rows_per_code: usize,
    pub html_rows_per_table: usize,
    pub letter: Letter,
    pub load: LoadOptions,
    pub rules: RuleSettings,
    pub units: Units,
    pub working_hours: Option<(NaiveTime, NaiveTime)>,
    /// Overrides keyed by folded vendor name.
    pub vendors: BTreeMap<String, VendorOverride>,
    /// The file as read, for the manifest.
    pub effective: serde_json::Value,
}

impl ConfigFile {
    /// The paths the file gives for a kind of document.
    fn paths(&self, kind: DocKind) -> &[String] {
        match kind {
            DocKind::Trips => self.trips.as_slice(),
            DocKind::Receipts => self.receipts.as_slice(),
            DocKind::Invoices => self.invoices.as_slice(),
            DocKind::Vehicles => self.vehicles.as_slice(),
            DocKind::Prices => self.prices.as_slice(),
        }
    }
}

/// A `[section.KIND]` key: a document kind and the fields it names must exist.
fn kind_and_fields<'a>(
    section: &str,
    kind_name: &str,
    fields: impl Iterator<Item = &'a String>,
) -> Result<DocKind, String> {
    let kind = DocKind::from_name(kind_name).ok_or_else(|| {
        format!("{section}.{kind_name}: not a document kind (trips, receipts, invoices, vehicles, prices)")
    })?;
    let known = crate::load::schema::fields(kind);
    for field in fields {
        if !known.iter().any(|f| f.name == field) {
            let names: Vec<&str> = known.iter().map(|f| f.name).collect();
            return Err(format!(
                "{section}.{kind_name}.{field}: no such field; the fields are {}",
                names.join(", ")
            ));
        }
    }
    Ok(kind)
}

impl Config {
    /// Reads and validates a config file.
    pub fn from_file(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|cause| ConfigError::Io {
            path: path.to_path_buf(),
            cause,
        })?;
        let file: ConfigFile = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: e.message().to_string() + &location(&text, e.span()),
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        Config::validate(file, base).map_err(|message| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        })
    }

    /// Checks what serde cannot, and resolves input paths against `base`.
    pub fn validate(file: ConfigFile, base: &Path) -> Result<Config, String> {
        let resolve = |paths: &[String]| -> Vec<String> {
            paths
                .iter()
                .map(|p| {
                    if Path::new(p).is_absolute() || base.as_os_str().is_empty() {
                        p.clone()
                    } else {
                        base.join(p).to_string_lossy().into_owned()
                    }
                })
                .collect()
        };
        let mut inputs = BTreeMap::new();
        for kind in DocKind::ALL {
            let paths = file.paths(kind);
            if !paths.is_empty() {
                inputs.insert(kind, resolve(paths));
            }
        }
        let decimal_mark = match file.reading.decimal_mark.as_deref() {
            None => None,
            Some(".") => Some(DecimalMark::Dot),
            Some(",") => Some(DecimalMark::Comma),
            Some(other) => {
                return Err(format!(
                    "reading.decimal_mark must be \".\" or \",\", not {other:?}"
                ));
            }
        };
        let mut aliases: HashMap<DocKind, ExtraAliases> = HashMap::new();
        for (kind_name, fields) in &file.aliases {
            let kind = kind_and_fields("aliases", kind_name, fields.keys())?;
            aliases.insert(kind, fields.clone().into_iter().collect());
        }
        let mut pinned: HashMap<DocKind, crate::load::PinnedColumns> = HashMap::new();
        for (kind_name, fields) in &file.columns {
            let kind = kind_and_fields("columns", kind_name, fields.keys())?;
            pinned.insert(kind, fields.clone().into_iter().collect());
        }
        let working_hours = match &file.rules.working_hours {
            None => None,
            Some(text) => Some(parse_working_hours(text)?),
        };
        for (name, value) in [
            ("amount_tolerance", file.rules.amount_tolerance),
            ("litres_tolerance", file.rules.litres_tolerance),
            ("price_tolerance", file.rules.price_tolerance),
            ("tank_tolerance", file.rules.tank_tolerance),
            ("consumption_tolerance", file.rules.consumption_tolerance),
            ("odometer_gap_km", file.rules.odometer_gap_km),
            ("max_km_per_day", file.rules.max_km_per_day),
        ] {
            if value.is_sign_negative() || value > Decimal::from(crate::load::values::MAX_NUMBER) {
                return Err(format!(
                    "rules.{name} must be a number from 0 to a trillion, not {value}"
                ));
            }
        }
        let period = match &file.period {
            None => None,
            Some(text) => Some(text.parse().map_err(|e| format!("period: {e}"))?),
        };
        let effective = serde_json::json!({
            "period": file.period,
            "reading": file.reading,
            "aliases": file.aliases,
            "columns": file.columns,
            "fuel_types": file.fuel_types,
            "rules": file.rules,
            "units": file.units,
            "vendors": file.vendors,
            "limits": file.limits,
            "letter": file.letter,
            "currency": file.currency,
            "html_rows_per_code": file.html_rows_per_code,
            "html_rows_per_table": file.html_rows_per_table,
        });
        Ok(Config {
            inputs,
            out: file.out.map(|o| base.join(o)),
            lang: file.lang,
            period,
            currency: file.currency,
            templates: file.templates.map(|t| base.join(t)),
            ledger: file.ledger.map(|l| {
                if l.contains("://") || Path::new(&l).is_absolute() {
                    l
                } else {
                    base.join(l).to_string_lossy().into_owned()
                }
            }),
            html_rows_per_code: file
                .html_rows_per_code
                .unwrap_or(DEFAULT_HTML_ROWS_PER_CODE),
            html_rows_per_table: file
                .html_rows_per_table
                .unwrap_or(DEFAULT_HTML_ROWS_PER_TABLE),
            letter: file.letter,
            load: LoadOptions {
                aliases,
                pinned,
                fuel_words: crate::load::vocabulary::configured_fuel_words(&file.fuel_types),
                decimal_mark,
                date_order: file.reading.date_order,
                limits: file.limits,
                vendor_names: file
                    .vendors
                    .iter()
                    .flat_map(|(name, o)| {
                        o.names
                            .iter()
                            .map(move |other| (fold_name(other), fold_name(name)))
                    })
                    .collect(),
            },
            rules: file.rules,
            units: file.units,
            working_hours,
            vendors: file
                .vendors
                .into_iter()
                .map(|(name, o)| (fold_name(&name), o))
                .collect(),
            effective,
        })
    }

    /// The defaults, for a run without a config file.
    pub fn defaults() -> Config {
        Config::validate(ConfigFile::default(), Path::new("")).unwrap_or_default()
    }
}

fn parse_working_hours(text: &str) -> Result<(NaiveTime, NaiveTime), String> {
    let bad = || format!("rules.working_hours must look like \"06:00-18:00\", not {text:?}");
    let (from, to) = text.split_once('-').ok_or_else(bad)?;
    let parse = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|_| bad());
    Ok((parse(from)?, parse(to)?))
}

fn location(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    match span {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!(" (line {line})")
        }
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| e.to_string())?;
        Config::validate(file, Path::new("conf"))
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(parse("[rules]\namount_tolerence = 1\n").is_err());
        assert!(parse("colour = 1\n").is_err());
    }

    #[test]
    fn defaults_are_those_of_the_spec() {
        let config = parse("").unwrap();
        assert_eq!(config.rules.amount_tolerance, Decimal::new(5, 1));
        assert_eq!(config.rules.litres_tolerance, Decimal::new(5, 1));
        assert_eq!(config.rules.tank_tolerance, Decimal::from(5));
        assert_eq!(config.rules.consumption_tolerance, Decimal::from(25));
        assert_eq!(config.rules.odometer_gap_km, Decimal::from(5));
        assert_eq!(config.rules.date_window_days, 1);
        assert_eq!(config.rules.max_fills_per_day, 2);
        assert_eq!(config.rules.require_receipt, RequireReceipt::IfFuel);
        assert!(config.working_hours.is_none());
        assert_eq!(config.rules.duplicate_window_minutes, 60);
        assert_eq!(config.rules.max_km_per_day, Decimal::from(1500));
        assert!(
            config
                .rules
                .odometer_placeholders
                .contains(&Decimal::from(1234))
        );
        assert_eq!(config.units, Units::default());
    }

    #[test]
    fn units_are_km_or_mi_and_l_or_gal() {
        let config = parse("[units]\ndistance = \"mi\"\nvolume = \"gal\"\n").unwrap();
        assert!(config.units.miles_per_gallon());
        assert!(
            !parse("[units]\nvolume = \"gal\"\n")
                .unwrap()
                .units
                .miles_per_gallon()
        );
        assert!(parse("[units]\ndistance = \"miles\"\n").is_err());
    }

    #[test]
    fn paths_are_relative_to_the_config() {
        let config = parse("trips = [\"t.csv\"]\n").unwrap();
        assert_eq!(
            config.inputs[&DocKind::Trips],
            vec![
                Path::new("conf")
                    .join("t.csv")
                    .to_string_lossy()
                    .into_owned()
            ]
        );
    }

    #[test]
    fn aliases_must_name_real_fields() {
        assert!(parse("[aliases.receipts]\nreceipt_no = [\"Slip\"]\n").is_ok());
        let err = parse("[aliases.receipts]\nreceipt = [\"Slip\"]\n").unwrap_err();
        assert!(err.contains("no such field"), "{err}");
    }

    #[test]
    fn a_vendors_other_names_are_folded_to_its_own() {
        let config =
            parse("[vendors.\"Total Énergies\"]\nnames = [\"TOTAL ENERGIES SENEGAL SA\"]\n")
                .unwrap();
        assert_eq!(
            config.load.vendor_names["totalenergiessenegalsa"],
            "totalenergies"
        );
    }

    #[test]
    fn a_period_is_a_month() {
        let config = parse("period = \"2024-03\"\n").unwrap();
        assert_eq!(
            config.period.map(|p| p.to_string()).as_deref(),
            Some("2024-03")
        );
        let err = parse("period = \"March\"\n").unwrap_err();
        assert!(
            err.starts_with("period: ") && err.contains("YYYY-MM"),
            "{err}"
        );
    }

    #[test]
    fn working_hours_and_vendor_overrides() {
        let config = parse("[rules]\nworking_hours = \"06:00-18:30\"\n[vendors.\"Total Énergies\"]\nlitres_tolerance = 1\n").unwrap();
        assert_eq!(
            config.working_hours.unwrap().1,
            NaiveTime::from_hms_opt(18, 30, 0).unwrap()
        );
        assert!(config.vendors.contains_key("totalenergies"));
        assert!(parse("[rules]\nworking_hours = \"6 to 6\"\n").is_err());
    }
}
