//! Fuzzy search over task text: the query's characters must occur in the
//! text in order; the tightest such window is scored.
//!
//! Matching works on the UTF-8 bytes with `memchr`, one search per query
//! character (the approach of fzf's first algorithm): a forward pass finds
//! where the earliest match ends, a backward pass from there finds the
//! tightest window, which is scored (see [`score`]). A text that does not
//! match costs one failed byte search, so a scan of a million tasks takes a
//! few tens of milliseconds. Skim and nucleo score every alignment and
//! decode the text first, which is several times slower on Chinese text.
//!
//! Case: a query without capitals matches ASCII letters in either case; one
//! with a capital matches exactly. Full-width forms in the query are folded
//! as the parser folds them in the text, and spaces in the query are skipped.

mod needle;
mod score;

use needle::Needle;
use score::{char_score, chars_in};

use crate::cjk::fold_width;

/// A fuzzy query, ready to score texts against.
#[derive(Debug, Clone)]
pub struct FuzzyQuery {
    pattern: String,
    /// The characters looked for (spaces left out), after width folding.
    chars: Vec<char>,
    ignore_case: bool,
    needles: Vec<Needle>,
}

/// How far the earliest match of a query's first characters got in one
/// text, so that a longer query can carry on from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Resume {
    /// Query characters matched.
    pub matched: usize,
    /// Byte offset just after the last of them.
    pub end: usize,
}

/// A text that matches: its score, and where the earliest match ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Higher is better.
    pub score: i32,
    /// Byte offset just after the earliest match of the whole query.
    pub end: usize,
}

impl FuzzyQuery {
    /// A query for `pattern`; `None` when the pattern is blank.
    pub fn new(pattern: &str) -> Option<Self> {
        let pattern = pattern.trim();
        let folded = fold_width(pattern);
        let ignore_case = !folded.chars().any(char::is_uppercase);
        let chars: Vec<char> = folded.chars().filter(|c| !c.is_whitespace()).collect();
        if chars.is_empty() {
            return None;
        }
        Some(Self {
            pattern: pattern.to_string(),
            needles: chars.iter().map(|&c| Needle::new(c, ignore_case)).collect(),
            chars,
            ignore_case,
        })
    }

    /// True when `shorter` looks for the first characters of this query, in
    /// the same way, so that its [`Resume`] points apply to this query.
    pub fn extends(&self, shorter: &FuzzyQuery) -> bool {
        self.ignore_case == shorter.ignore_case && self.chars.starts_with(&shorter.chars)
    }

    /// The number of characters the query looks for.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Always false: a query looks for at least one character.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The pattern as typed, trimmed.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The match score of `text` (higher is better), `None` when it does
    /// not match.
    pub fn score(&self, text: &str) -> Option<i32> {
        self.find(text, Resume::default()).map(|found| found.score)
    }

    /// Matches `text`, the first `from.matched` characters being known to
    /// match first by `from.end` (from a query this one [`extends`](Self::extends)).
    pub fn find(&self, text: &str, from: Resume) -> Option<Found> {
        let bytes = text.as_bytes();
        let end = self.earliest_end(bytes, from)?;
        let mut total = 0;
        let mut later: Option<usize> = None;
        self.tightest(bytes, end, |at, len| {
            if let Some(next) = later {
                let gap = chars_in(bytes.get(at + len..next).unwrap_or_default());
                total += char_score(bytes, next, Some(gap));
            }
            later = Some(at);
        });
        later.map(|first| Found {
            score: total + char_score(bytes, first, None),
            end,
        })
    }

    /// The character positions in `text` that the pattern matched.
    pub fn matched_chars(&self, text: &str) -> Vec<usize> {
        let bytes = text.as_bytes();
        let Some(end) = self.earliest_end(bytes, Resume::default()) else {
            return Vec::new();
        };
        let mut offsets = Vec::with_capacity(self.needles.len());
        self.tightest(bytes, end, |at, _| offsets.push(at));
        offsets.reverse();
        let mut chars = 0;
        let mut counted = 0;
        offsets
            .into_iter()
            .map(|at| {
                chars += chars_in(bytes.get(counted..at).unwrap_or_default());
                counted = at;
                chars
            })
            .collect()
    }

    /// Where the earliest in-order match of every character ends.
    fn earliest_end(&self, bytes: &[u8], from: Resume) -> Option<usize> {
        let mut at = from.end;
        for needle in self.needles.get(from.matched..)? {
            at += needle.find(bytes.get(at..)?)? + needle.len();
        }
        Some(at)
    }

    /// Walks back from `end`, taking each character's last occurrence
    /// before the one after it: the tightest window ending at `end`. Calls
    /// `visit(offset, length)` for each matched character, last first.
    fn tightest(&self, bytes: &[u8], end: usize, mut visit: impl FnMut(usize, usize)) {
        let mut needles = self.needles.iter().rev();
        // The earliest match ends with the last character.
        let Some(last) = needles.next() else {
            return;
        };
        let mut limit = end.saturating_sub(last.len());
        visit(limit, last.len());
        for needle in needles {
            let Some(at) = bytes.get(..limit).and_then(|before| needle.rfind(before)) else {
                return;
            };
            visit(at, needle.len());
            limit = at;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_chinese_in_order() {
        let query = FuzzyQuery::new("东院区").expect("query");
        assert!(query.score("开工建设人民医院东院区项目").is_some());
        assert!(query.score("区院东").is_none());
        assert_eq!(query.matched_chars("人民医院东院区"), [4, 5, 6]);
    }

    #[test]
    fn blank_queries_are_none() {
        assert!(FuzzyQuery::new("  ").is_none());
        assert!(FuzzyQuery::new("\u{3000}").is_none());
    }

    #[test]
    fn tight_matches_rank_first() {
        let query = FuzzyQuery::new("养老服务").expect("query");
        let together = query.score("推进养老服务体系建设").expect("together");
        let apart = query.score("养护老旧小区,服务居民事务").expect("apart");
        assert!(together > apart);
        let at_start = query.score("养老服务体系建设").expect("at start");
        assert!(at_start > together);
    }

    #[test]
    fn the_tightest_window_is_highlighted() {
        let query = FuzzyQuery::new("东院区").expect("query");
        assert_eq!(query.matched_chars("东城区,东院区"), [4, 5, 6]);
        assert!(query.matched_chars("东城").is_empty());
    }

    #[test]
    fn smart_case_and_full_width() {
        let lower = FuzzyQuery::new("pm2.5").expect("query");
        assert!(lower.score("降低PM2.5浓度").is_some());
        let upper = FuzzyQuery::new("Pm").expect("query");
        assert!(upper.score("降低PM2.5浓度").is_none());
        let wide = FuzzyQuery::new("ＰＭ２．５").expect("query");
        assert!(wide.score("降低PM2.5浓度").is_some());
    }

    #[test]
    fn spaces_in_the_query_are_skipped() {
        let query = FuzzyQuery::new("养老 服务").expect("query");
        assert!(query.score("养老服务").is_some());
        assert_eq!(query.matched_chars("养老服务"), [0, 1, 2, 3]);
    }

    #[test]
    fn a_longer_query_resumes_from_a_shorter_one() {
        let short = FuzzyQuery::new("推进").expect("query");
        let long = FuzzyQuery::new("推进 养老").expect("query");
        assert!(long.extends(&short));
        assert!(!FuzzyQuery::new("推进A").expect("query").extends(&short));
        let lower = FuzzyQuery::new("ab").expect("query");
        assert!(!FuzzyQuery::new("abC").expect("query").extends(&lower));
        for text in ["推进养老服务", "推动养老", "全面推进,养护老人", "推进"] {
            let fresh = long.find(text, Resume::default());
            let resumed = short.find(text, Resume::default()).and_then(|found| {
                let from = Resume {
                    matched: short.len(),
                    end: found.end,
                };
                long.find(text, from)
            });
            assert_eq!(fresh, resumed, "{text}");
        }
    }

    #[test]
    fn a_longer_query_matches_a_subset() {
        let texts = ["推进养老服务", "推进工作", "养老", "推进养护老旧服务设施"];
        let short = FuzzyQuery::new("推养").expect("query");
        let long = FuzzyQuery::new("推养老服").expect("query");
        for text in texts {
            assert!(long.score(text).is_none() || short.score(text).is_some());
        }
    }
}
