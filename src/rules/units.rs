//! The unit words messages write beside distances and quantities, from `[units]` (SPEC §2.2):
//! the data's own units, so a US export reads in miles and gallons.

use super::Message;
use crate::config::{Distance, Units, Volume};

/// "km" or "mi", as the catalogue writes it.
pub fn distance_word(units: Units) -> Message {
    Message::new(match units.distance {
        Distance::Km => "msg-unit-km",
        Distance::Mi => "msg-unit-mi",
    })
}

/// "L" or "gal", as the catalogue writes it.
pub fn volume_word(units: Units) -> Message {
    Message::new(match units.volume {
        Volume::Litre => "msg-unit-litre",
        Volume::Gallon => "msg-unit-gallon",
    })
}
