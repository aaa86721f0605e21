//! The fields of each document kind (SPEC §2.1): their types, whether a column is required,
//! and the header aliases they answer to. Each table is declared with an enum of its fields in
//! the same order, so code names a field by its enum variant (a misspelt field does not
//! compile) and reads it by index, never by comparing names.

use crate::model::{DocKind, FieldType};

/// One canonical field.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: FieldType,
    pub required: bool,
    /// Header aliases beyond the field's name, English then French.
    pub aliases: &'static [&'static str],
}

/// A field of one document kind, as an index into that kind's table.
pub trait FieldId: Copy {
    /// The table this field indexes.
    const SPECS: &'static [FieldSpec];

    fn index(self) -> usize;

    fn spec(self) -> &'static FieldSpec {
        &Self::SPECS[self.index()]
    }
}

/// Declares a kind's field table and the enum that names its rows, in one list.
macro_rules! fields {
    ($table:ident, $enum:ident; $($variant:ident => $spec:expr),+ $(,)?) => {
        #[doc = concat!("The fields of `", stringify!($table), "`, in table order.")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $enum {
            $($variant),+
        }

        impl FieldId for $enum {
            const SPECS: &'static [FieldSpec] = $table;

            fn index(self) -> usize {
                self as usize
            }
        }

        pub const $table: &[FieldSpec] = &[$($spec),+];
    };
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

fields! {
    TRIPS, TripField;
    TripId => field("trip_id", Id, true, TRIP_ID),
    VehicleId => field("vehicle_id", Id, true, VEHICLE_ID),
    Driver => field(
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
    DateOut => field(
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
    DateIn => field(
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
    OdometerOut => field(
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
    OdometerIn => field(
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
    FuelLitres => field(
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
    VoucherNo => field("voucher_no", IdList, false, VOUCHER),
    Destination => field("destination", Text, false, &["route", "itinéraire"]),
    ApprovedBy => field(
        "approved_by",
        Text,
        false,
        &["approved by", "visa", "approuvé par"],
    ),
}

fields! {
    RECEIPTS, ReceiptField;
    ReceiptNo => field("receipt_no", Id, true, RECEIPT_NO),
    VehicleId => field("vehicle_id", Id, true, VEHICLE_ID),
    Date => field(
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
    Time => field(
        "time",
        Time,
        false,
        &["fill time", "heure", "heure de remplissage", "hora"],
    ),
    Vendor => field("vendor", Vendor, true, VENDOR),
    Station => field(
        "station",
        Text,
        false,
        &["station-service", "station service"],
    ),
    FuelType => field("fuel_type", Fuel, false, FUEL_TYPE),
    Litres => field("litres", Number, true, LITRES),
    UnitPrice => field("unit_price", Number, false, UNIT_PRICE),
    Amount => field("amount", Number, true, AMOUNT),
    TripId => field("trip_id", Id, false, TRIP_ID),
    VoucherNo => field("voucher_no", Id, false, VOUCHER),
    Odometer => field(
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
    Legible => field("legible", Legibility, false, &["readable", "lisible"]),
}

fields! {
    INVOICES, InvoiceField;
    InvoiceNo => field(
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
    Vendor => field("vendor", Vendor, true, VENDOR),
    InvoiceDate => field(
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
    LineNo => field("line_no", Integer, false, &["line", "ligne", "n° ligne"]),
    ReceiptNo => field(
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
    VehicleId => field("vehicle_id", Id, false, VEHICLE_ID),
    Date => field(
        "date",
        Date,
        false,
        &["fill date", "date livraison", "date de livraison"],
    ),
    FuelType => field("fuel_type", Fuel, false, FUEL_TYPE),
    Litres => field("litres", Number, true, LITRES),
    UnitPrice => field("unit_price", Number, false, UNIT_PRICE),
    Amount => field(
        "amount",
        Number,
        true,
        &[
            "total",
            "amount paid",
            "montant",
            "montant ligne",
            "line amount",
            "line total",
            "total ligne",
            "montant ttc",
            "total ttc",
            "importe",
            "monto",
            "valor",
        ],
    ),
    InvoiceTotal => field(
        "invoice_total",
        Number,
        false,
        &["invoice total", "total facture", "montant facture"],
    ),
}

fields! {
    VEHICLES, VehicleField;
    VehicleId => field("vehicle_id", Id, true, VEHICLE_ID),
    TankLitres => field(
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
    FuelType => field("fuel_type", Fuel, false, FUEL_TYPE),
    LPer100km => field(
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
}

fields! {
    PRICES, PriceField;
    Vendor => field("vendor", Vendor, true, VENDOR),
    FuelType => field("fuel_type", Fuel, true, FUEL_TYPE),
    UnitPrice => field(
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
    ValidFrom => field(
        "valid_from",
        Date,
        false,
        &["from", "start date", "du", "date début", "début"],
    ),
    ValidTo => field(
        "valid_to",
        Date,
        false,
        &["to", "end date", "au", "date fin", "fin"],
    ),
}

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
