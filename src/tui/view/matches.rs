//! The tasks matching a text query, kept between requests, and their order
//! by score.

use rayon::prelude::*;

use crate::search::{FuzzyQuery, Resume};
use crate::store::{Store, TaskId};

/// How many queries the match cache keeps, each a prefix of the next.
const CACHED_QUERIES: usize = 16;

/// Below this many texts a scan stays on the calling thread.
const PARALLEL_TEXTS: usize = 16 * 1024;

/// Texts per rayon job in a parallel scan.
const TEXTS_PER_JOB: usize = 4 * 1024;

/// Scores span fewer values than this for a counting sort by score.
const MAX_SCORE_SPAN: usize = 1 << 16;

/// A task that matches the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub id: TaskId,
    pub score: i32,
    /// Where the earliest match ends in the text, for a longer query to
    /// carry on from (text stays under 4 GB: files are capped far below).
    end: u32,
}

/// The matches of one query.
#[derive(Debug)]
struct Level {
    query: String,
    fuzzy: FuzzyQuery,
    /// In id order.
    matches: Vec<Match>,
}

/// Fuzzy matches kept between requests: the matches of the queries typed so
/// far, each a prefix of the next. A query that grows narrows the last
/// matches instead of scanning every task again; one cut back (backspace)
/// is answered from the cache.
#[derive(Debug, Default)]
pub struct MatchCache {
    /// Each query extends the one before.
    levels: Vec<Level>,
}

impl MatchCache {
    /// Tasks matching `query` with their scores, in id order.
    pub fn matches(&mut self, store: &Store, query: &str) -> &[Match] {
        while self
            .levels
            .last()
            .is_some_and(|level| !query.starts_with(level.query.as_str()))
        {
            self.levels.pop();
        }
        let known = self.levels.last().is_some_and(|level| level.query == query);
        if !known {
            let Some(fuzzy) = FuzzyQuery::new(query) else {
                return &[];
            };
            let matches = match self.levels.last() {
                Some(previous) => narrow(store, &fuzzy, previous),
                None => scan(store, &fuzzy),
            };
            if self.levels.len() >= CACHED_QUERIES {
                self.levels.remove(0);
            }
            self.levels.push(Level {
                query: query.to_string(),
                fuzzy,
                matches,
            });
        }
        self.levels.last().map_or(&[], |level| &level.matches)
    }
}

/// Every task matching `fuzzy`, on every core when there are many.
fn scan(store: &Store, fuzzy: &FuzzyQuery) -> Vec<Match> {
    let count = store.tasks().len();
    let score = |index: usize| {
        let id = TaskId::try_from(index).ok()?;
        found(id, fuzzy.find(store.task_text(id), Resume::default())?)
    };
    if count < PARALLEL_TEXTS {
        (0..count).filter_map(score).collect()
    } else {
        (0..count)
            .into_par_iter()
            .with_min_len(TEXTS_PER_JOB)
            .filter_map(score)
            .collect()
    }
}

/// The tasks matching `previous` that still match `fuzzy`, which extends
/// its query (carrying on from its matches when it looks for the same
/// characters the same way).
fn narrow(store: &Store, fuzzy: &FuzzyQuery, previous: &Level) -> Vec<Match> {
    let resumes = fuzzy.extends(&previous.fuzzy);
    let score = |known: &Match| {
        let from = if resumes {
            Resume {
                matched: previous.fuzzy.len(),
                end: known.end as usize,
            }
        } else {
            Resume::default()
        };
        found(known.id, fuzzy.find(store.task_text(known.id), from)?)
    };
    let previous = &previous.matches;
    if previous.len() < PARALLEL_TEXTS {
        previous.iter().filter_map(score).collect()
    } else {
        previous
            .par_iter()
            .with_min_len(TEXTS_PER_JOB)
            .filter_map(score)
            .collect()
    }
}

fn found(id: TaskId, found: crate::search::Found) -> Option<Match> {
    Some(Match {
        id,
        score: found.score,
        end: u32::try_from(found.end).ok()?,
    })
}

/// Orders `tasks` (a subset of `matches`, both in id order) best match
/// first, ties in id order.
pub fn rank(tasks: &mut [TaskId], matches: &[Match]) {
    let mut found = matches.iter().peekable();
    let scored: Vec<(TaskId, i32)> = tasks
        .iter()
        .map(|&id| {
            while found.next_if(|next| next.id < id).is_some() {}
            let score = found.peek().map_or(0, |next| next.score);
            (id, score)
        })
        .collect();
    let low = scored.iter().map(|&(_, score)| score).min().unwrap_or(0);
    let high = scored.iter().map(|&(_, score)| score).max().unwrap_or(0);
    let span = usize::try_from(i64::from(high) - i64::from(low)).unwrap_or(usize::MAX);
    if span >= MAX_SCORE_SPAN {
        let mut scored = scored;
        scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (slot, (id, _)) in tasks.iter_mut().zip(scored) {
            *slot = id;
        }
        return;
    }
    // A counting sort: stable, so equal scores keep id order.
    let bucket = |score: i32| usize::try_from(high - score).unwrap_or(0);
    let mut starts = vec![0usize; span + 2];
    for &(_, score) in &scored {
        starts[bucket(score) + 1] += 1;
    }
    for index in 1..starts.len() {
        starts[index] += starts[index - 1];
    }
    for (id, score) in scored {
        let slot = &mut starts[bucket(score)];
        tasks[*slot] = id;
        *slot += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matches(scores: &[(TaskId, i32)]) -> Vec<Match> {
        scores
            .iter()
            .map(|&(id, score)| Match { id, score, end: 0 })
            .collect()
    }

    #[test]
    fn rank_orders_by_score_then_id() {
        let matches = matches(&[(1, 5), (2, 9), (4, 5), (7, -3), (8, 9)]);
        let mut tasks = vec![1, 2, 4, 7, 8];
        rank(&mut tasks, &matches);
        assert_eq!(tasks, [2, 8, 1, 4, 7]);
        let mut some = vec![4, 8];
        rank(&mut some, &matches);
        assert_eq!(some, [8, 4]);
    }

    #[test]
    fn wide_score_spans_sort_too() {
        let matches = matches(&[(0, i32::MIN / 2), (1, i32::MAX / 2), (2, 0)]);
        let mut tasks = vec![0, 1, 2];
        rank(&mut tasks, &matches);
        assert_eq!(tasks, [1, 2, 0]);
    }

    #[test]
    fn the_cache_narrows_and_steps_back() {
        let store = crate::load::load(&[], crate::departments::DepartmentTable::builtin());
        let fresh = |query: &str| MatchCache::default().matches(&store, query).to_vec();
        let mut cache = MatchCache::default();
        for query in [
            "人",
            "人民",
            "人民医",
            "人民",
            "人",
            "供热",
            "供",
            "a",
            "aB",
        ] {
            assert_eq!(cache.matches(&store, query), fresh(query), "{query}");
        }
        assert!(!fresh("人民医").is_empty());
    }
}
