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
}

/// Extra header names from the config, by field name.
pub type ExtraAliases = HashMap<String, Vec<String>>;

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

/// Every folded name each field answers to.
fn alias_table(fields: &[FieldSpec], extra: &ExtraAliases) -> HashMap<String, usize> {
    let mut table = HashMap::new();
    for (index, spec) in fields.iter().enumerate() {
        let builtin = std::iter::once(spec.name).chain(spec.aliases.iter().copied());
        let configured = extra
            .get(spec.name)
            .into_iter()
            .flatten()
            .map(String::as_str);
        for alias in builtin.chain(configured) {
            table.insert(fold_header(alias), index);
        }
    }
    // Names from the config win over built-in ones they collide with.
    for (name, aliases) in extra {
        if let Some(index) = fields.iter().position(|f| f.name == name) {
            for alias in aliases {
                table.insert(fold_header(alias), index);
            }
        }
    }
    table
}

fn header_text(cell: &Cell) -> String {
    cell.display().trim().to_string()
}

/// Maps one candidate header row. Errors only on two columns matching one field.
fn map_row(
    path: &str,
    row: &RawRow,
    fields: &[FieldSpec],
    table: &HashMap<String, usize>,
) -> Result<ColumnMap, LoadError> {
    let mut columns = vec![None; fields.len()];
    for (col, cell) in row.cells.iter().enumerate() {
        let Some(&field) = table.get(&fold_header(&header_text(cell))) else {
            continue;
        };
        if let Some(first) = columns[field] {
            return Err(LoadError::AmbiguousColumns {
                path: path.to_string(),
                field: fields[field].name,
                first: describe_column(first, &row.cells[first]),
                second: describe_column(col, cell),
            });
        }
        columns[field] = Some(col);
    }
    Ok(ColumnMap {
        header_row: row.row,
        columns,
    })
}

fn describe_column(index: usize, cell: &Cell) -> String {
    format!("{} ({:?})", column_letter(index), header_text(cell))
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
/// else the one with the most, whose missing fields make the error.
pub fn find_header(
    path: &str,
    kind: &'static str,
    candidates: &[&RawRow],
    fields: &[FieldSpec],
    extra: &ExtraAliases,
) -> Result<ColumnMap, LoadError> {
    let table = alias_table(fields, extra);
    let required = fields.iter().filter(|f| f.required).count();
    let mut best: Option<(usize, ColumnMap)> = None;
    for (index, row) in candidates.iter().enumerate() {
        let map = map_row(path, row, fields, &table)?;
        if required_found(&map, fields) == required && mapped(&map) > 0 {
            return Ok(map);
        }
        let better = best.as_ref().is_none_or(|(_, b)| {
            (required_found(&map, fields), mapped(&map)) > (required_found(b, fields), mapped(b))
        });
        if better {
            best = Some((index, map));
        }
    }
    let Some((index, map)) = best else {
        return Err(LoadError::Empty {
            path: path.to_string(),
        });
    };
    let missing = fields
        .iter()
        .zip(&map.columns)
        .find(|(f, c)| f.required && c.is_none())
        .map(|(f, _)| f);
    let Some(missing) = missing else {
        return Ok(map);
    };
    let mut accepted: Vec<String> = std::iter::once(missing.name)
        .chain(missing.aliases.iter().copied())
        .map(str::to_string)
        .chain(extra.get(missing.name).into_iter().flatten().cloned())
        .collect();
    accepted.dedup();
    let found: Vec<String> = candidates[index]
        .cells
        .iter()
        .map(header_text)
        .filter(|h| !h.is_empty())
        .map(|h| format!("{h:?}"))
        .collect();
    Err(LoadError::MissingColumn {
        path: path.to_string(),
        kind,
        field: missing.name,
        accepted: accepted.join(", "),
        header_row: map.header_row,
        found: if found.is_empty() {
            "none".into()
        } else {
            found.join(", ")
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::schema::{INVOICES, RECEIPTS, TRIPS};

    fn row(n: u64, cells: &[&str]) -> RawRow {
        RawRow {
            row: n,
            cells: cells.iter().map(|c| Cell::Text(c.to_string())).collect(),
        }
    }

    fn header_of(
        rows: &[RawRow],
        fields: &[FieldSpec],
        extra: &ExtraAliases,
    ) -> Result<ColumnMap, LoadError> {
        let refs: Vec<&RawRow> = rows.iter().collect();
        find_header("f.csv", "kind", &refs, fields, extra)
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
        let err = find_header("t.csv", "trips", &[&rows[0]], TRIPS, &ExtraAliases::new())
            .unwrap_err()
            .to_string();
        assert!(err.contains("odometer_in"), "{err}");
        assert!(err.contains("km end"), "{err}");
        assert!(err.contains("\"km start\""), "{err}");
    }

    #[test]
    fn two_columns_for_one_field_are_refused() {
        let rows = [row(1, &["Date", "Date départ", "trip", "vehicle"])];
        let err = find_header("t.csv", "trips", &[&rows[0]], TRIPS, &ExtraAliases::new())
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
        let map = find_header("r.csv", "receipts", &[&header], RECEIPTS, &extra).unwrap();
        assert_eq!(column_of(&map, RECEIPTS, "receipt_no"), Some(0));
    }
}
