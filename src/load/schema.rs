//! The fields of each document kind (SPEC §2.1): their types, whether a column is required,
//! and the English and French header aliases they answer to.

use crate::model::DocKind;

/// How a field's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldType {
    Text,
    Id,
    IdList,
    Vendor,
    Date,
    DateTime,
    /// A time of day, for exports that keep it apart from the date.
    Time,
    Number,
    Integer,
    Fuel,
    Legibility,
}

impl FieldType {
    /// What a value of this type looks like, for the message of an INVALID_VALUE.
    pub fn expected(self) -> &'static str {
        match self {
            FieldType::Text | FieldType::Id | FieldType::IdList | FieldType::Vendor => "text",
            FieldType::Date => "a date",
            FieldType::DateTime => "a date, with or without a time",
            FieldType::Time => "a time of day",
            FieldType::Number => "a number",
            FieldType::Integer => "a whole number",
            FieldType::Fuel => "a fuel type",
            FieldType::Legibility => "yes, no or partial",
        }
    }
}

/// One canonical field.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// Header aliases beyond the field's name, English then French.
    pub aliases: &'static [&'static str],
}

const fn field(
    name: &'static str,
    ty: FieldType,
    required: bool,
    aliases: &'static [&'static str],
) -> FieldSpec {
    FieldSpec {
        name,
        ty,
        required,
        aliases,
    }
}

use FieldType::*;

const TRIP_ID: &[&str] = &[
    "trip ticket",
    "trip no",
    "ticket no",
    "trip ticket no",
    "trip number",
    "feuille de route",
    "n° feuille",
    "n° feuille de route",
    "ordre de mission",
    "n° ordre de mission",
    "trip id",
    "trip ticket number",
    "numéro feuille de route",
    "n° fdr",
    "fdr",
];
const VEHICLE_ID: &[&str] = &[
    "vehicle",
    "plate",
    "registration",
    "vehicle no",
    "plate no",
    "registration no",
    "véhicule",
    "immatriculation",
    "n° immatriculation",
    "n° véhicule",
    "vehicle number",
    "vehicle registration",
    "plate number",
    "registration number",
    "plaque",
    "n° plaque",
    "immat",
    "numéro d'immatriculation",
    "numéro véhicule",
    "matrícula",
    "placa",
    "vehículo",
    "veículo",
];
const VOUCHER: &[&str] = &[
    "voucher",
    "fuel voucher",
    "voucher no",
    "bon",
    "n° bon",
    "bon carburant",
    "n° bon carburant",
    "voucher number",
    "coupon",
    "n° coupon",
    "numéro bon",
    "bon n°",
    "vale",
    "n° vale",
    "vale combustible",
    "senha",
];
const RECEIPT_NO: &[&str] = &[
    "receipt",
    "receipt number",
    "receipt no",
    "ticket",
    "reçu",
    "n° reçu",
    "n° ticket",
    "receipt id",
    "ticket number",
    "numéro reçu",
    "numéro ticket",
    "n° de reçu",
    "n° de ticket",
    "recibo",
    "n° recibo",
    "número recibo",
];
const VENDOR: &[&str] = &[
    "supplier",
    "fournisseur",
    "prestataire",
    "vendor name",
    "supplier name",
    "station owner",
    "nom fournisseur",
    "proveedor",
    "fornecedor",
];
const FUEL_TYPE: &[&str] = &[
    "fuel type",
    "product",
    "type carburant",
    "produit",
    "type de carburant",
    "combustible",
    "combustível",
    "tipo de combustible",
    "tipo de combustível",
];
const LITRES: &[&str] = &[
    "quantity",
    "volume",
    "quantité",
    "litres",
    "liters",
    "qty",
    "litre",
    "liter",
    "qte",
    "qté",
    "quantité litres",
    "litres servis",
    "volume litres",
    "litros",
    "cantidad",
    "quantidade",
];
const UNIT_PRICE: &[&str] = &[
    "price",
    "price per litre",
    "prix unitaire",
    "prix/l",
    "prix",
    "pu",
    "price per liter",
    "unit cost",
    "prix au litre",
    "prix/litre",
    "prix du litre",
    "precio unitario",
    "preço unitário",
    "precio por litro",
    "preço por litro",
];
const AMOUNT: &[&str] = &[
    "total",
    "amount paid",
    "montant",
    "montant total",
    "montant payé",
    "total amount",
    "amount due",
    "montant ttc",
    "total ttc",
    "montant à payer",
    "net à payer",
    "importe",
    "monto",
    "valor",
    "valor total",
    "importe total",
];

/// Trip tickets (feuilles de route).
pub const TRIPS: &[FieldSpec] = &[
    field("trip_id", Id, true, TRIP_ID),
    field("vehicle_id", Id, true, VEHICLE_ID),
    field(
        "driver",
        Text,
        true,
        &[
            "driver name",
            "chauffeur",
            "conducteur",
            "nom du chauffeur",
            "nom chauffeur",
            "conductor",
            "motorista",
        ],
    ),
    field(
        "date_out",
        Date,
        true,
        &[
            "date",
            "departure date",
            "date départ",
            "date de départ",
            "date de sortie",
            "fecha",
            "fecha salida",
            "data saída",
        ],
    ),
    field(
        "date_in",
        Date,
        false,
        &[
            "return date",
            "date retour",
            "date de retour",
            "date d'arrivée",
            "date arrivée",
        ],
    ),
    field(
        "odometer_out",
        Number,
        true,
        &[
            "odometer start",
            "km start",
            "km départ",
            "compteur départ",
            "km de départ",
            "odometer out",
            "start odometer",
            "kilométrage départ",
            "index départ",
            "compteur début",
        ],
    ),
    field(
        "odometer_in",
        Number,
        true,
        &[
            "odometer end",
            "km end",
            "km retour",
            "km arrivée",
            "compteur retour",
            "compteur arrivée",
            "km de retour",
            "odometer in",
            "end odometer",
            "kilométrage retour",
            "kilométrage arrivée",
            "index retour",
            "compteur fin",
        ],
    ),
    field(
        "fuel_litres",
        Number,
        false,
        &[
            "fuel",
            "litres",
            "fuel drawn",
            "carburant",
            "quantité",
            "liters",
        ],
    ),
    field("voucher_no", IdList, false, VOUCHER),
    field("destination", Text, false, &["route", "itinéraire"]),
    field(
        "approved_by",
        Text,
        false,
        &["approved by", "visa", "approuvé par"],
    ),
];

/// Fuel station receipts.
pub const RECEIPTS: &[FieldSpec] = &[
    field("receipt_no", Id, true, RECEIPT_NO),
    field("vehicle_id", Id, true, VEHICLE_ID),
    field(
        "date",
        DateTime,
        true,
        &[
            "fill date",
            "date",
            "date time",
            "date/time",
            "datetime",
            "transaction date",
            "date heure",
            "date et heure",
            "date transaction",
            "fecha",
            "data",
        ],
    ),
    field(
        "time",
        Time,
        false,
        &["fill time", "heure", "heure de remplissage", "hora"],
    ),
    field("vendor", Vendor, true, VENDOR),
    field(
        "station",
        Text,
        false,
        &["station-service", "station service"],
    ),
    field("fuel_type", Fuel, false, FUEL_TYPE),
    field("litres", Number, true, LITRES),
    field("unit_price", Number, false, UNIT_PRICE),
    field("amount", Number, true, AMOUNT),
    field("trip_id", Id, false, TRIP_ID),
    field("voucher_no", Id, false, VOUCHER),
    field(
        "odometer",
        Number,
        false,
        &[
            "mileage",
            "kilométrage",
            "compteur",
            "km",
            "kilometraje",
            "quilometragem",
            "odómetro",
            "hodómetro",
        ],
    ),
    field("legible", Legibility, false, &["readable", "lisible"]),
];

/// Vendor invoice lines.
pub const INVOICES: &[FieldSpec] = &[
    field(
        "invoice_no",
        Id,
        true,
        &[
            "invoice",
            "invoice number",
            "facture",
            "n° facture",
            "numéro de facture",
            "n° de facture",
            "factura",
            "fatura",
            "n° factura",
            "n° fatura",
        ],
    ),
    field("vendor", Vendor, true, VENDOR),
    field(
        "invoice_date",
        Date,
        true,
        &[
            "invoice date",
            "date facture",
            "date de facture",
            "fecha factura",
            "data fatura",
            "fecha de factura",
            "data da fatura",
        ],
    ),
    field("line_no", Integer, false, &["line", "ligne", "n° ligne"]),
    field(
        "receipt_no",
        Id,
        false,
        &[
            "receipt",
            "receipt number",
            "receipt no",
            "ticket",
            "reçu",
            "n° reçu",
            "n° ticket",
            "voucher ref",
            "réf bon",
            "référence bon",
        ],
    ),
    field("vehicle_id", Id, false, VEHICLE_ID),
    field(
        "date",
        Date,
        false,
        &["fill date", "date livraison", "date de livraison"],
    ),
    field("fuel_type", Fuel, false, FUEL_TYPE),
    field("litres", Number, true, LITRES),
    field("unit_price", Number, false, UNIT_PRICE),
    field(
        "amount",
        Number,
        true,
        &[
            "total",
            "amount paid",
            "montant",
            "montant ligne",
            "line amount",
        ],
    ),
    field(
        "invoice_total",
        Number,
        false,
        &["invoice total", "total facture", "montant facture"],
    ),
];

/// The fleet list.
pub const VEHICLES: &[FieldSpec] = &[
    field("vehicle_id", Id, true, VEHICLE_ID),
    field(
        "tank_litres",
        Number,
        false,
        &[
            "tank",
            "tank capacity",
            "réservoir",
            "capacité réservoir",
            "capacité",
        ],
    ),
    field("fuel_type", Fuel, false, FUEL_TYPE),
    field(
        "l_per_100km",
        Number,
        false,
        &[
            "l/100km",
            "consumption",
            "expected consumption",
            "consommation",
            "consommation l/100km",
        ],
    ),
];

/// Contract prices.
pub const PRICES: &[FieldSpec] = &[
    field("vendor", Vendor, true, VENDOR),
    field("fuel_type", Fuel, true, FUEL_TYPE),
    field(
        "unit_price",
        Number,
        true,
        &[
            "price",
            "price per litre",
            "contract price",
            "prix unitaire",
            "prix/l",
            "prix",
            "prix contractuel",
        ],
    ),
    field(
        "valid_from",
        Date,
        false,
        &["from", "start date", "du", "date début", "début"],
    ),
    field(
        "valid_to",
        Date,
        false,
        &["to", "end date", "au", "date fin", "fin"],
    ),
];

/// The fields of a document kind.
pub fn fields(kind: DocKind) -> &'static [FieldSpec] {
    match kind {
        DocKind::Trips => TRIPS,
        DocKind::Receipts => RECEIPTS,
        DocKind::Invoices => INVOICES,
        DocKind::Vehicles => VEHICLES,
        DocKind::Prices => PRICES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fold_name;
    use std::collections::HashMap;

    #[test]
    fn no_alias_names_two_fields_of_one_kind() {
        for kind in DocKind::ALL {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for spec in fields(kind) {
                let names = std::iter::once(spec.name).chain(spec.aliases.iter().copied());
                for alias in names {
                    let key = fold_name(alias);
                    if let Some(other) = seen.insert(key.clone(), spec.name) {
                        assert_eq!(
                            other, spec.name,
                            "{kind}: {alias:?} names {other} and {}",
                            spec.name
                        );
                    }
                }
            }
        }
    }
}
