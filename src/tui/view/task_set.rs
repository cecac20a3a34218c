//! A set of task ids as a bit set with a running count per word: membership
//! and "how many members in this id range" in constant time, in a few
//! hundred kilobytes for a million tasks.

use std::ops::Range;

use crate::store::TaskId;

/// Task ids below some bound.
#[derive(Debug)]
pub struct TaskSet {
    words: Vec<u64>,
    /// Members in the words before each word.
    before: Vec<u32>,
}

impl TaskSet {
    /// The set of `tasks`, all below `bound`; larger ids are left out.
    pub fn new(bound: usize, tasks: &[TaskId]) -> Self {
        let mut words = vec![0u64; bound.div_ceil(64)];
        for &id in tasks {
            if let Some(word) = words.get_mut(id as usize / 64) {
                *word |= 1 << (id % 64);
            }
        }
        let mut running = 0u32;
        let before = words
            .iter()
            .map(|word| {
                let count = running;
                running += word.count_ones();
                count
            })
            .collect();
        Self { words, before }
    }

    /// True when `id` is in the set.
    pub fn contains(&self, id: TaskId) -> bool {
        self.words
            .get(id as usize / 64)
            .is_some_and(|word| word & (1 << (id % 64)) != 0)
    }

    /// How many members lie in `range`.
    pub fn count(&self, range: &Range<TaskId>) -> usize {
        self.below(range.end)
            .saturating_sub(self.below(range.start))
    }

    /// Members smaller than `id`.
    fn below(&self, id: TaskId) -> usize {
        let index = id as usize / 64;
        let Some(&word) = self.words.get(index) else {
            return self.before.last().map_or(0, |&count| count as usize)
                + self
                    .words
                    .last()
                    .map_or(0, |word| word.count_ones() as usize);
        };
        let mask = (1u64 << (id % 64)) - 1;
        self.before[index] as usize + (word & mask).count_ones() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_members_in_ranges() {
        let tasks = [0, 3, 63, 64, 65, 130, 199];
        let set = TaskSet::new(200, &tasks);
        assert!(set.contains(63) && set.contains(199) && !set.contains(1));
        assert!(!set.contains(5000));
        for start in 0..=200 {
            for end in start..=200 {
                let expected = tasks.iter().filter(|&&id| id >= start && id < end).count();
                assert_eq!(set.count(&(start..end)), expected, "{start}..{end}");
            }
        }
        assert_eq!(set.count(&(0..500)), tasks.len());
        assert_eq!(set.count(&(7..7)), 0);
    }
}
