//! The links from one record to many (each receipt's billing lines, each trip's receipts), held
//! flat.

use crate::model::index32;

/// For each record of one kind, the records of another that belong to it, in the order given.
/// One flat list of 32-bit indexes and where each record's part starts: a month of a large
/// fleet has millions of receipts and trips, and a vector each would be an allocation each,
/// most of them holding one index.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    /// Where each group's members start in `members`, and one past the last group's end.
    starts: Vec<u32>,
    members: Vec<u32>,
}

/// One group's members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Members<'a>(&'a [u32]);

impl Groups {
    /// `groups` groups from `(group, member)` pairs; each group keeps its members in the
    /// order the pairs come in.
    pub fn from_pairs(
        groups: usize,
        pairs: impl Iterator<Item = (usize, usize)> + Clone,
    ) -> Groups {
        let mut starts = vec![0u32; groups + 1];
        for (group, _) in pairs.clone() {
            starts[group + 1] += 1;
        }
        for group in 0..groups {
            starts[group + 1] += starts[group];
        }
        let mut members = vec![0; starts[groups] as usize];
        let mut next = starts.clone();
        for (group, member) in pairs {
            members[next[group] as usize] = index32(member);
            next[group] += 1;
        }
        Groups { starts, members }
    }

    /// Each group's members, group by group.
    pub fn iter(&self) -> impl Iterator<Item = Members<'_>> {
        (self.starts.windows(2))
            .map(|part| Members(&self.members[part[0] as usize..part[1] as usize]))
    }

    /// The members of `group`.
    pub fn of(&self, group: usize) -> Members<'_> {
        let (start, end) = (self.starts[group], self.starts[group + 1]);
        Members(&self.members[start as usize..end as usize])
    }
}

impl<'a> Members<'a> {
    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    pub fn first(self) -> Option<usize> {
        self.0.first().map(|&m| m as usize)
    }

    /// The first member, and the others.
    pub fn split_first(self) -> Option<(usize, Members<'a>)> {
        let (&first, rest) = self.0.split_first()?;
        Some((first as usize, Members(rest)))
    }

    pub fn iter(self) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + Clone + 'a {
        self.0.iter().map(|&m| m as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_holds_its_members_in_the_order_given() {
        let pairs = [(2, 10), (0, 11), (2, 12), (2, 13), (0, 14)];
        let groups = Groups::from_pairs(4, pairs.iter().copied());
        let members = |group| groups.of(group).iter().collect::<Vec<_>>();
        assert_eq!(members(0), [11, 14]);
        assert!(groups.of(1).is_empty());
        assert_eq!(members(2), [10, 12, 13]);
        assert_eq!(groups.of(2).split_first(), Some((10, Members(&[12, 13]))));
        assert!(groups.of(3).is_empty());
        let all: Vec<Vec<usize>> = groups.iter().map(|g| g.iter().collect()).collect();
        assert_eq!(all, [vec![11, 14], vec![], vec![10, 12, 13], vec![]]);
    }
}
