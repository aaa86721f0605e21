//! The exception codes of SPEC §4 as one enum, listed once: the registry, the reports and the
//! catalogue name a code by its variant, and its text is what files and users see.

use serde::Serialize;
use std::fmt;

macro_rules! codes {
    ($($variant:ident = $text:literal),+ $(,)?) => {
        /// An exception code: stable, as reports and auditors' notes refer to it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($variant),+
        }

        impl Code {
            /// Every code, in catalogue order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text),+
                }
            }
        }
    };
}

codes! {
    MissingField = "MISSING_FIELD",
    UnreadableField = "UNREADABLE_FIELD",
    InvalidValue = "INVALID_VALUE",
    DuplicateDocument = "DUPLICATE_DOCUMENT",
    TripWithoutReceipt = "TRIP_WITHOUT_RECEIPT",
    ReceiptWithoutTrip = "RECEIPT_WITHOUT_TRIP",
    BilledWithoutReceipt = "BILLED_WITHOUT_RECEIPT",
    BilledTwice = "BILLED_TWICE",
    AmountMismatch = "AMOUNT_MISMATCH",
    QuantityMismatch = "QUANTITY_MISMATCH",
    PriceAboveContract = "PRICE_ABOVE_CONTRACT",
    ArithmeticError = "ARITHMETIC_ERROR",
    ReceiptNotBilled = "RECEIPT_NOT_BILLED",
    TankCapacityExceeded = "TANK_CAPACITY_EXCEEDED",
    ConsumptionOutlier = "CONSUMPTION_OUTLIER",
    OdometerInconsistent = "ODOMETER_INCONSISTENT",
    OdometerGap = "ODOMETER_GAP",
    FuelTypeMismatch = "FUEL_TYPE_MISMATCH",
    ReceiptOutsideTrip = "RECEIPT_OUTSIDE_TRIP",
    VehicleMismatch = "VEHICLE_MISMATCH",
    MultipleFills = "MULTIPLE_FILLS",
    PossibleDuplicate = "POSSIBLE_DUPLICATE",
    OffHoursFill = "OFF_HOURS_FILL",
    VoucherSequenceGap = "VOUCHER_SEQUENCE_GAP",
    NonFuelPurchase = "NON_FUEL_PURCHASE",
    DateOutOfPeriod = "DATE_OUT_OF_PERIOD",
    UnmatchedCredit = "UNMATCHED_CREDIT",
    ReceiptAlreadyPaid = "RECEIPT_ALREADY_PAID",
}

impl Code {
    /// The code a user typed (`billed_twice`, ` BILLED_TWICE `).
    pub fn parse(text: &str) -> Option<Code> {
        let text = text.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(text))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
