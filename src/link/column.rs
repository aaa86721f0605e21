//! The links from one record to one (each invoice line's receipt, each receipt's trip), held
//! in eight bytes a record.

use super::Method;
use crate::model::index32;

/// For each record of one kind, the record of another it links to, and how the link was made.
/// A month of a large fleet has millions of lines and receipts, and the report keeps their
/// links to the end: a link is held as a 32-bit index beside its method, not a `usize` and an
/// `Option`'s tag beside it.
#[derive(Clone, Debug, Default)]
pub struct LinkColumn(Vec<Option<(u32, Method)>>);

const _: () = assert!(size_of::<Option<(u32, Method)>>() == 8);

impl LinkColumn {
    /// `records` records, none linked yet.
    pub(super) fn unlinked(records: usize) -> LinkColumn {
        LinkColumn(vec![None; records])
    }

    /// The record `index` links to, and how; `None` when it links to none.
    pub fn get(&self, index: usize) -> Option<(usize, Method)> {
        self.0[index].map(|(to, method)| (to as usize, method))
    }

    /// Links record `index` to record `to` of the other kind.
    pub(super) fn set(&mut self, index: usize, to: usize, method: Method) {
        self.0[index] = Some((index32(to), method));
    }

    pub fn is_linked(&self, index: usize) -> bool {
        self.0[index].is_some()
    }

    /// Every record's link, in the order of the records.
    pub fn iter(&self) -> impl Iterator<Item = Option<(usize, Method)>> + Clone + '_ {
        (0..self.0.len()).map(|index| self.get(index))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_reads_back_as_it_was_set_and_the_others_stay_unlinked() {
        let mut column = LinkColumn::unlinked(3);
        column.set(1, 4_000_000_000, Method::Voucher);
        assert_eq!(column.get(1), Some((4_000_000_000, Method::Voucher)));
        assert!(column.is_linked(1) && !column.is_linked(0));
        assert_eq!(
            column.iter().collect::<Vec<_>>(),
            [None, Some((4_000_000_000, Method::Voucher)), None]
        );
    }
}
