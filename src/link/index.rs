//! Indexes of records by a key each holds (a trip's id, a receipt's vendor and number) that
//! hold no copy of the key: an entry is the record's place, and its key is read from the
//! record when two are compared. A month's index has a million entries, and an entry of 4 or 8
//! bytes instead of one with the key beside it (32 bytes and more) is tens of megabytes.

use foldhash::fast::RandomState;
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use std::hash::{BuildHasher, Hash};

/// The first entry filed under each key. `E` names a record (its index) or a part of one (a
/// trip's n-th voucher); `key_of` reads an entry's key back from the data, and must give the
/// key the entry was filed under.
pub struct FirstByKey<E> {
    table: HashTable<E>,
    state: RandomState,
}

impl<E: Copy> FirstByKey<E> {
    /// An index with room for `capacity` entries: grown, it would read every entry's key again.
    pub fn with_capacity(capacity: usize) -> Self {
        FirstByKey {
            table: HashTable::with_capacity(capacity),
            state: RandomState::default(),
        }
    }

    /// Files `entry` under its key unless an entry is filed under that key already; returns
    /// the first entry filed under it.
    pub fn first_or_insert<K: Hash + Eq>(&mut self, entry: E, key_of: impl Fn(E) -> K) -> E {
        let state = &self.state;
        let key = key_of(entry);
        let hash = state.hash_one(&key);
        let found = self.table.entry(
            hash,
            |&filed| key_of(filed) == key,
            |&filed| state.hash_one(key_of(filed)),
        );
        match found {
            Entry::Occupied(first) => *first.get(),
            Entry::Vacant(slot) => *slot.insert(entry).get(),
        }
    }

    /// The first entry filed under `key`.
    pub fn get<K: Hash + Eq>(&self, key: K, key_of: impl Fn(E) -> K) -> Option<E> {
        let hash = self.state.hash_one(&key);
        self.table
            .find(hash, |&filed| key_of(filed) == key)
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_entry_under_a_key_is_kept_and_found_as_a_map_keeps_it() {
        let keys = ["b", "a", "b", "c", "a", "a"];
        let key_of = |i: u32| keys[i as usize];
        // Room for fewer than are filed: growing reads the keys back.
        let mut index = FirstByKey::with_capacity(1);
        let firsts: Vec<u32> = (0..keys.len() as u32)
            .map(|i| index.first_or_insert(i, key_of))
            .collect();
        assert_eq!(firsts, [0, 1, 0, 3, 1, 1]);
        assert_eq!(index.get("a", key_of), Some(1));
        assert_eq!(index.get("c", key_of), Some(3));
        assert_eq!(index.get("d", key_of), None);
    }
}
