//! Fuzzy search over task text.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// A fuzzy query, ready to score texts against.
pub struct FuzzyQuery {
    matcher: SkimMatcherV2,
    pattern: String,
}

impl std::fmt::Debug for FuzzyQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FuzzyQuery")
            .field("pattern", &self.pattern)
            .finish()
    }
}

impl FuzzyQuery {
    /// A query for `pattern`; `None` when the pattern is blank.
    pub fn new(pattern: &str) -> Option<Self> {
        let pattern = pattern.trim();
        if pattern.is_empty() {
            return None;
        }
        Some(Self {
            matcher: SkimMatcherV2::default().smart_case(),
            pattern: pattern.to_string(),
        })
    }

    /// The pattern as typed, trimmed.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// The match score of `text`, `None` when it does not match.
    pub fn score(&self, text: &str) -> Option<i64> {
        self.matcher.fuzzy_match(text, &self.pattern)
    }

    /// The character positions in `text` that the pattern matched.
    pub fn matched_chars(&self, text: &str) -> Vec<usize> {
        self.matcher
            .fuzzy_indices(text, &self.pattern)
            .map(|(_, indices)| indices)
            .unwrap_or_default()
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
    }
}
