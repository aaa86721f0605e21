//! Each record's vehicle and vendor as a small number, assigned once per run, so that the
//! link passes and the rules index and sort by integers instead of comparing the same id
//! strings again and again (issue 12).
//!
//! Numbers follow the order of the keys they stand for (vehicle number a < b exactly when
//! vehicle key a < b), so a map or a sort by number visits vehicles and vendors in the order a
//! map by key string did, and outputs that follow that order keep it.

use crate::model::{Dataset, Ident, VendorName};
use foldhash::{HashMap, HashMapExt};
use std::num::NonZeroU32;

/// A vehicle, by its place among the run's vehicle keys in key order. Held one above its place,
/// so that a record without a vehicle costs no more room than one with: there is one per
/// record of a month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VehicleNo(NonZeroU32);

/// A vendor, by its place among the run's folded vendor names in key order (held as
/// [`VehicleNo`] is).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VendorNo(NonZeroU32);

impl VehicleNo {
    fn at(place: u32) -> VehicleNo {
        VehicleNo(NonZeroU32::MIN.saturating_add(place))
    }

    /// The vehicle's place among the run's vehicles, from 0.
    pub fn index(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

impl VendorNo {
    fn at(place: u32) -> VendorNo {
        VendorNo(NonZeroU32::MIN.saturating_add(place))
    }
}

const _: () = assert!(size_of::<Option<VehicleNo>>() == 4 && size_of::<Option<VendorNo>>() == 4);

/// The vehicle and vendor numbers of every record; each vector is indexed like the dataset's
/// collection it names.
#[derive(Debug, Default)]
pub struct Keys {
    pub trip_vehicle: Vec<Option<VehicleNo>>,
    pub receipt_vehicle: Vec<Option<VehicleNo>>,
    /// The invoice line's own vehicle id (not that of the receipt it bills).
    pub line_vehicle: Vec<Option<VehicleNo>>,
    /// The fleet list's records.
    pub fleet_vehicle: Vec<Option<VehicleNo>>,
    pub receipt_vendor: Vec<Option<VendorNo>>,
    pub line_vendor: Vec<Option<VendorNo>>,
    /// How many distinct vehicle keys the run has: vehicle numbers are below it.
    pub vehicles: usize,
}

impl Keys {
    pub fn of(data: &Dataset) -> Keys {
        // Vehicles and vendors are numbered apart, so side by side: a month has millions of
        // each to look up.
        let (vehicles, vendors) = crate::parallel::both(
            || {
                let mut vehicles = Numbering::with_capacity(data.trips.len() / 8 + 16);
                let numbers = [
                    vehicles.number_all(data.trips.iter().map(|t| id_key(&t.vehicle_id))),
                    vehicles.number_all(data.receipts.iter().map(|r| id_key(&r.vehicle_id))),
                    vehicles.number_all(data.invoice_lines.iter().map(|l| id_key(&l.vehicle_id))),
                    vehicles.number_all(data.vehicles.iter().map(|v| id_key(&v.vehicle_id))),
                ];
                vehicles.in_key_order(numbers, VehicleNo::at)
            },
            || {
                let mut vendors = Numbering::with_capacity(64);
                let numbers = [
                    vendors.number_all(data.receipts.iter().map(|r| vendor_key(&r.vendor))),
                    vendors.number_all(data.invoice_lines.iter().map(|l| vendor_key(&l.vendor))),
                ];
                vendors.in_key_order(numbers, VendorNo::at)
            },
        );
        let ([trip_vehicle, receipt_vehicle, line_vehicle, fleet_vehicle], vehicles) = vehicles;
        let ([receipt_vendor, line_vendor], _) = vendors;
        Keys {
            vehicles,
            trip_vehicle,
            receipt_vehicle,
            line_vehicle,
            fleet_vehicle,
            receipt_vendor,
            line_vendor,
        }
    }
}

fn id_key(id: &Option<Ident>) -> Option<&str> {
    id.as_ref().map(Ident::key)
}

fn vendor_key(vendor: &Option<VendorName>) -> Option<&str> {
    vendor.as_ref().map(VendorName::key)
}

/// Numbers keys in the order they are first seen; [`Numbering::in_key_order`] then renumbers them
/// in key order.
struct Numbering<'a> {
    numbers: HashMap<&'a str, u32>,
    keys: Vec<&'a str>,
    /// The last key numbered, and its number: trip tickets in canonical order come vehicle by
    /// vehicle, so most keys are the one before and need no lookup.
    last: Option<(&'a str, u32)>,
}

impl<'a> Numbering<'a> {
    fn with_capacity(capacity: usize) -> Self {
        Numbering {
            numbers: HashMap::with_capacity(capacity),
            keys: Vec::with_capacity(capacity),
            last: None,
        }
    }

    fn number_all(&mut self, keys: impl Iterator<Item = Option<&'a str>>) -> Vec<Option<u32>> {
        keys.map(|key| key.map(|key| self.number(key))).collect()
    }

    fn number(&mut self, key: &'a str) -> u32 {
        if let Some((last, number)) = self.last
            && last == key
        {
            return number;
        }
        let next = self.keys.len() as u32;
        let number = *self.numbers.entry(key).or_insert_with(|| {
            self.keys.push(key);
            next
        });
        self.last = Some((key, number));
        number
    }

    /// Numbers given in first-seen order, renumbered in key order and made `T`s by `at`; and
    /// how many keys there are.
    fn in_key_order<T, const N: usize>(
        &self,
        numbers: [Vec<Option<u32>>; N],
        at: fn(u32) -> T,
    ) -> ([Vec<Option<T>>; N], usize) {
        let mut by_key: Vec<u32> = (0..self.keys.len() as u32).collect();
        by_key.sort_unstable_by_key(|&n| self.keys[n as usize]);
        let mut renumbered = vec![0; by_key.len()];
        for (rank, &n) in by_key.iter().enumerate() {
            renumbered[n as usize] = rank as u32;
        }
        let numbers = numbers.map(|numbers| {
            (numbers.into_iter())
                .map(|n| n.map(|n| at(renumbered[n as usize])))
                .collect()
        });
        (numbers, self.keys.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{dataset, receipt, trip};

    #[test]
    fn numbers_follow_the_order_of_the_keys_and_equal_keys_share_one() {
        let mut data = dataset();
        data.trips
            .push(trip("T1", "V-9", "2020-03-05", ("100", "200"), None));
        data.receipts
            .push(receipt("R1", "v9", "2020-03-05", "40", "100"));
        data.receipts
            .push(receipt("R2", "V1", "2020-03-05", "40", "100"));
        let keys = Keys::of(&data);
        assert_eq!(keys.vehicles, 2);
        assert_eq!(keys.trip_vehicle, [Some(VehicleNo::at(1))]);
        assert_eq!(
            keys.receipt_vehicle,
            [Some(VehicleNo::at(1)), Some(VehicleNo::at(0))]
        );
        assert_eq!(keys.receipt_vendor[0], keys.receipt_vendor[1]);
    }
}
