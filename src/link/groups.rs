//! The links from one record to many (each receipt's billing lines, each trip's receipts), held
//! flat.

use std::ops::Index;

/// For each record of one kind, the records of another that belong to it, in the order given.
/// One flat list and where each record's part starts: a month of a large fleet has millions of
/// receipts and trips, and a vector each would be an allocation each, most of them holding one
/// index.
#[derive(Clone, Debug, Default)]
pub struct Groups {
    /// Where each group's members start in `members`, and one past the last group's end.
    starts: Vec<usize>,
    members: Vec<usize>,
}

impl Groups {
    /// `groups` groups from `(group, member)` pairs; each group keeps its members in the
    /// order the pairs come in.
    pub fn of(groups: usize, pairs: impl Iterator<Item = (usize, usize)> + Clone) -> Groups {
        let mut starts = vec![0; groups + 1];
        for (group, _) in pairs.clone() {
            starts[group + 1] += 1;
        }
        for group in 0..groups {
            starts[group + 1] += starts[group];
        }
        let mut members = vec![0; starts[groups]];
        let mut next = starts.clone();
        for (group, member) in pairs {
            members[next[group]] = member;
            next[group] += 1;
        }
        Groups { starts, members }
    }

    /// Each group's members, group by group.
    pub fn iter(&self) -> impl Iterator<Item = &[usize]> {
        self.starts
            .windows(2)
            .map(|part| &self.members[part[0]..part[1]])
    }
}

impl Index<usize> for Groups {
    type Output = [usize];

    fn index(&self, group: usize) -> &[usize] {
        &self.members[self.starts[group]..self.starts[group + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_group_holds_its_members_in_the_order_given() {
        let pairs = [(2, 10), (0, 11), (2, 12), (2, 13), (0, 14)];
        let groups = Groups::of(4, pairs.iter().copied());
        assert_eq!(&groups[0], &[11, 14]);
        assert!(groups[1].is_empty());
        assert_eq!(&groups[2], &[10, 12, 13]);
        assert!(groups[3].is_empty());
        let all: Vec<&[usize]> = groups.iter().collect();
        assert_eq!(all, [&[11, 14][..], &[], &[10, 12, 13], &[]]);
    }
}
