//! Finding the header row and mapping its columns to canonical fields by alias, case-, accent-,
//! space- and punctuation-insensitively. Units in brackets are ignored: `Montant (FCFA)` is
//! `Montant`.

use super::cell::{Cell, RawRow, column_letter};
use super::schema::FieldSpec;
use crate::error::LoadError;
use crate::model::fold_name;
use std::collections::HashMap;

/// How many non-blank rows at the top of a file may precede the header (a title, a date line).
pub const MAX_HEADER_SEARCH: usize = 10;

/// Which column holds each field: `columns[i]` is the column of `fields[i]`.
#[derive(Debug)]
pub struct ColumnMap {
    pub header_row: u64,
    pub columns: Vec<Option<usize>>,
    /// The header row's cells as text, to report the mapping and the columns left unused.
    pub headers: Vec<String>,
}

impl ColumnMap {
    /// `field ← header (column)` for each mapped field, in field order.
    pub fn mapping(&self, fields: &[FieldSpec]) -> Vec<MappedColumn> {
        fields
            .iter()
            .zip(&self.columns)
            .filter_map(|(spec, column)| {
                column.map(|c| MappedColumn {
                    field: spec.name,
                    header: self.headers.get(c).cloned().unwrap_or_default(),
                    column: column_letter(c),
                })
            })
            .collect()
    }

    /// The header row's named columns that feed no field.
    pub fn unused(&self) -> Vec<UnusedColumn> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(c, h)| !h.is_empty() && !self.columns.contains(&Some(*c)))
            .map(|(c, h)| UnusedColumn {
                header: h.clone(),
                column: column_letter(c),
            })
            .collect()
    }
}

/// One field and the column that feeds it, as `check` and summary.json show it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct MappedColumn {
    pub field: &'static str,
    pub header: String,
    pub column: String,
}

/// A column of the file that no field reads.
#[derive(Clone, Debug, serde::Serialize)]
pub struct UnusedColumn {
    pub header: String,
    pub column: String,
}

/// Extra header names from the config, by field name.
pub type ExtraAliases = HashMap<String, Vec<String>>;

/// Headers pinned to a field by the config's `[columns.KIND]`, by field name.
pub type PinnedColumns = HashMap<String, String>;

/// What the config says of one kind's headers.
#[derive(Clone, Copy, Debug)]
pub struct HeaderOptions<'a> {
    pub aliases: &'a ExtraAliases,
    pub pinned: &'a PinnedColumns,
}

/// The folded form of a header: brackets and what they hold dropped, then folded.
pub fn fold_header(header: &str) -> String {
    let mut kept = String::with_capacity(header.len());
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    let folded = fold_name(&kept);
    if folded.is_empty() {
        fold_name(header)
    } else {
        folded
    }
}

/// How a header came to name a field; a stronger claim takes a column from a weaker one, so a
/// name the user gave beats a built-in alias and is never "ambiguous" with it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Claim {
    BuiltIn,
    Configured,
    Pinned,
}

/// Every folded name each field answers to, with how strongly.
struct AliasTable {
    names: HashMap<String, (usize, Claim)>,
    /// Fields pinned to one header take no column by alias.
    pinned: Vec<bool>,
}

impl AliasTable {
    fn new(fields: &[FieldSpec], options: HeaderOptions<'_>) -> AliasTable {
        let mut names = HashMap::new();
        let mut pinned = vec![false; fields.len()];
        for (index, spec) in fields.iter().enumerate() {
            if options.pinned.contains_key(spec.name) {
                pinned[index] = true;
                continue;
            }
            for alias in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
                names.insert(fold_header(alias), (index, Claim::BuiltIn));
            }
        }
        for (index, spec) in fields.iter().enumerate() {
            if pinned[index] {
                continue;
            }
            for alias in options.aliases.get(spec.name).into_iter().flatten() {
                names.insert(fold_header(alias), (index, Claim::Configured));
            }
        }
        for (index, spec) in fields.iter().enumerate() {
            if let Some(header) = options.pinned.get(spec.name) {
                names.insert(fold_header(header), (index, Claim::Pinned));
            }
        }
        AliasTable { names, pinned }
    }

    fn lookup(&self, header: &str) -> Option<(usize, Claim)> {
        self.names.get(&fold_header(header)).copied()
    }
}

fn header_text(cell: Cell<'_>) -> String {
    cell.as_text().trim().to_string()
}

/// Maps one candidate header row. Errors only on two columns claiming one field equally.
fn map_row(
    path: &str,
    row: &RawRow<'_>,
    fields: &[FieldSpec],
    table: &AliasTable,
) -> Result<ColumnMap, LoadError> {
    let headers: Vec<String> = row.cells().map(header_text).collect();
    let mut claims: Vec<Option<(usize, Claim)>> = vec![None; fields.len()];
    for (col, header) in headers.iter().enumerate() {
        let Some((field, claim)) = table.lookup(header) else {
            continue;
        };
        match claims[field] {
            Some((_, held)) if held > claim => {}
            Some((first, held)) if held == claim => {
                return Err(LoadError::AmbiguousColumns {
                    path: path.to_string(),
                    field: fields[field].name,
                    first: describe_column(first, &headers[first]),
                    second: describe_column(col, header),
                });
            }
            _ => claims[field] = Some((col, claim)),
        }
    }
    Ok(ColumnMap {
        header_row: row.row,
        columns: claims.iter().map(|c| c.map(|(col, _)| col)).collect(),
        headers,
    })
}

fn describe_column(index: usize, header: &str) -> String {
    format!("{} ({header:?})", column_letter(index))
}

fn required_found(map: &ColumnMap, fields: &[FieldSpec]) -> usize {
    fields
        .iter()
        .zip(&map.columns)
        .filter(|(f, c)| f.required && c.is_some())
        .count()
}

fn mapped(map: &ColumnMap) -> usize {
    map.columns.iter().filter(|c| c.is_some()).count()
}

/// Picks the header among the first non-blank rows: the first that has every required field,
/// else the one with the most, whose missing fields make the error — all of them at once, with
/// the `[columns.KIND]` block that maps them.
pub fn find_header(
    path: &str,
    kind: &'static str,
    candidates: &[&RawRow<'_>],
    fields: &[FieldSpec],
    options: HeaderOptions<'_>,
) -> Result<ColumnMap, LoadError> {
    let table = AliasTable::new(fields, options);
    let required = fields.iter().filter(|f| f.required).count();
    let mut best: Option<ColumnMap> = None;
    for row in candidates {
        let map = map_row(path, row, fields, &table)?;
        if required_found(&map, fields) == required && mapped(&map) > 0 {
            return Ok(map);
        }
        let better = best.as_ref().is_none_or(|b| {
            (required_found(&map, fields), mapped(&map)) > (required_found(b, fields), mapped(b))
        });
        if better {
            best = Some(map);
        }
    }
    let Some(map) = best else {
        return Err(LoadError::Empty {
            path: path.to_string(),
        });
    };
    let missing: Vec<(usize, &FieldSpec)> = fields
        .iter()
        .enumerate()
        .zip(&map.columns)
        .filter(|((_, f), c)| f.required && c.is_none())
        .map(|(f, _)| f)
        .collect();
    if missing.is_empty() {
        return Ok(map);
    }
    Err(missing_columns(path, kind, &map, &missing, &table, options))
}

/// Unit words in a header that say it holds a volume (`fuel_amount_l`, `Qty (gal)`).
const VOLUME_TOKENS: [&str; 8] = ["l", "lt", "ltr", "ltrs", "gal", "gals", "gallons", "liters"];

/// How much a header looks like a field, for guessing a missing column: 3 when it is one of
/// the field's names, 2 when it holds all the words of one, 1 when one name is inside it.
fn likeness(header: &str, spec: &FieldSpec, names: &[String]) -> u8 {
    let folded = fold_header(header);
    let tokens: Vec<String> = header
        .split(|c: char| !c.is_alphanumeric())
        .map(fold_name)
        .filter(|t| !t.is_empty())
        .collect();
    let volume =
        spec.name == "litres" && tokens.iter().any(|t| VOLUME_TOKENS.contains(&t.as_str()));
    names
        .iter()
        .map(|name| {
            let alias = fold_header(name);
            let words: Vec<String> = name
                .split(|c: char| !c.is_alphanumeric())
                .map(fold_name)
                .filter(|w| !w.is_empty())
                .collect();
            if alias.is_empty() {
                0
            } else if alias == folded {
                3
            } else if !words.is_empty() && words.iter().all(|w| tokens.contains(w)) {
                2
            } else if alias.len() >= 4 && folded.contains(&alias) {
                1
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
        .max(if volume { 2 } else { 0 })
}

/// The error for required fields without a column: each field with the headers it accepts,
/// the headers found, and a ready-to-paste `[columns.KIND]` block (a guess where an unused
/// header looks like the field, else a placeholder to fill in).
fn missing_columns(
    path: &str,
    kind: &'static str,
    map: &ColumnMap,
    missing: &[(usize, &FieldSpec)],
    table: &AliasTable,
    options: HeaderOptions<'_>,
) -> LoadError {
    let mut unused: Vec<String> = map.unused().into_iter().map(|u| u.header).collect();
    let mut fields_text = Vec::new();
    let mut block = format!("[columns.{kind}]");
    for (index, spec) in missing {
        let accepted: Vec<String> = if table.pinned[*index] {
            options.pinned.get(spec.name).into_iter().cloned().collect()
        } else {
            let mut names: Vec<String> = std::iter::once(spec.name)
                .chain(spec.aliases.iter().copied())
                .map(str::to_string)
                .chain(
                    options
                        .aliases
                        .get(spec.name)
                        .into_iter()
                        .flatten()
                        .cloned(),
                )
                .collect();
            names.dedup();
            names
        };
        fields_text.push(format!("{} (accepted: {})", spec.name, accepted.join(", ")));
        // The unused header most like the field, each header given to one field at most.
        let best = unused
            .iter()
            .enumerate()
            .map(|(i, header)| (likeness(header, spec, &accepted), i))
            .filter(|(score, _)| *score > 0)
            .max_by_key(|&(score, i)| (score, std::cmp::Reverse(i)));
        let guess = match best {
            Some((_, i)) => unused.remove(i),
            None => "HEADER OF YOUR COLUMN".to_string(),
        };
        block.push_str(&format!("\n{} = {guess:?}", spec.name));
    }
    let found: Vec<String> = map
        .headers
        .iter()
        .filter(|h| !h.is_empty())
        .map(|h| format!("{h:?}"))
        .collect();
    LoadError::MissingColumns {
        path: path.to_string(),
        kind,
        fields: fields_text.join("; "),
        header_row: map.header_row,
        found: if found.is_empty() {
            "none".into()
        } else {
            found.join(", ")
        },
        block,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::{INVOICES, RECEIPTS, TRIPS};

    fn row(n: u64, cells: &[&str]) -> RawRow<'static> {
        RawRow::laid(
            n,
            cells
                .iter()
                .map(|c| Cell::Text(c.to_string().into()))
                .collect(),
        )
    }

    static NONE: std::sync::LazyLock<PinnedColumns> = std::sync::LazyLock::new(PinnedColumns::new);

    fn options<'a>(aliases: &'a ExtraAliases, pinned: &'a PinnedColumns) -> HeaderOptions<'a> {
        HeaderOptions { aliases, pinned }
    }

    fn header_of(
        rows: &[RawRow<'_>],
        fields: &[FieldSpec],
        extra: &ExtraAliases,
    ) -> Result<ColumnMap, LoadError> {
        let refs: Vec<&RawRow<'_>> = rows.iter().collect();
        find_header("f.csv", "kind", &refs, fields, options(extra, &NONE))
    }

    fn column_of(map: &ColumnMap, fields: &[FieldSpec], name: &str) -> Option<usize> {
        map.columns[fields.iter().position(|f| f.name == name).unwrap()]
    }

    #[test]
    fn french_headers_map() {
        let header = row(
            1,
            &[
                "N° Reçu",
                "Immatriculation",
                "Date",
                "Fournisseur",
                "Quantité (L)",
                "Montant (FCFA)",
                "Lisible",
            ],
        );
        let map = header_of(&[header], RECEIPTS, &ExtraAliases::new()).unwrap();
        assert_eq!(column_of(&map, RECEIPTS, "receipt_no"), Some(0));
        assert_eq!(column_of(&map, RECEIPTS, "litres"), Some(4));
        assert_eq!(column_of(&map, RECEIPTS, "amount"), Some(5));
        assert_eq!(column_of(&map, RECEIPTS, "legible"), Some(6));
    }

    #[test]
    fn spanish_and_portuguese_headers_map() {
        for cells in [
            [
                "N° Recibo",
                "Matrícula",
                "Fecha",
                "Proveedor",
                "Litros",
                "Importe",
            ],
            [
                "Recibo",
                "Matrícula",
                "Data",
                "Fornecedor",
                "Quantidade",
                "Valor",
            ],
        ] {
            let header = row(1, &cells);
            let map = header_of(&[header], RECEIPTS, &ExtraAliases::new()).unwrap();
            assert_eq!(column_of(&map, RECEIPTS, "amount"), Some(5), "{cells:?}");
        }
    }

    /// A French invoice export's line amount is its "Montant TTC" (or "Total TTC"), and its
    /// invoice total stays the invoice's.
    #[test]
    fn a_french_invoices_amount_with_tax_is_the_line_amount() {
        use crate::load::schema::INVOICES;
        for amount in ["Montant TTC", "Total TTC"] {
            let cells = [
                "N° facture",
                "Fournisseur",
                "Date facture",
                "N° reçu",
                "Litres",
                amount,
                "Total facture",
            ];
            let map = header_of(&[row(1, &cells)], INVOICES, &ExtraAliases::new()).unwrap();
            assert_eq!(column_of(&map, INVOICES, "amount"), Some(5), "{amount}");
            assert_eq!(
                column_of(&map, INVOICES, "invoice_total"),
                Some(6),
                "{amount}"
            );
        }
    }

    #[test]
    fn header_spelling_does_not_matter() {
        for spelling in ["N° Bon", "no_bon", "NO. BON", "n°bon"] {
            assert_eq!(fold_header(spelling), "nobon", "{spelling}");
        }
    }

    #[test]
    fn a_title_line_above_the_header_is_skipped() {
        let rows = [
            row(1, &["Facture carburant mars 2020"]),
            row(
                2,
                &[
                    "N° Facture",
                    "Fournisseur",
                    "Date facture",
                    "Litres",
                    "Montant",
                ],
            ),
        ];
        let map = header_of(&rows, INVOICES, &ExtraAliases::new()).unwrap();
        assert_eq!(map.header_row, 2);
    }

    #[test]
    fn a_missing_required_column_names_field_aliases_and_headers() {
        let rows = [row(
            1,
            &["trip_id", "vehicle", "driver", "date", "km start"],
        )];
        let err = find_header(
            "t.csv",
            "trips",
            &[&rows[0]],
            TRIPS,
            options(&ExtraAliases::new(), &NONE),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("odometer_in"), "{err}");
        assert!(err.contains("km end"), "{err}");
        assert!(err.contains("\"km start\""), "{err}");
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let rows = [row(1, &["Date", "Date départ", "trip", "vehicle"])];
        let err = find_header(
            "t.csv",
            "trips",
            &[&rows[0]],
            TRIPS,
            options(&ExtraAliases::new(), &NONE),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("both match field date_out"), "{err}");
    }

    #[test]
    fn configured_aliases_are_accepted() {
        let mut extra = ExtraAliases::new();
        extra.insert("receipt_no".into(), vec!["Pump Slip".into()]);
        let header = row(
            1,
            &["Pump slip", "Plate", "Date", "Supplier", "Litres", "Total"],
        );
        let map = find_header(
            "r.csv",
            "receipts",
            &[&header],
            RECEIPTS,
            options(&extra, &NONE),
        )
        .unwrap();
        assert_eq!(column_of(&map, RECEIPTS, "receipt_no"), Some(0));
    }
}
