//! The search keys of one department, computed once, and the matching of a
//! reviewer's query against them.

use super::pinyin_keys::PinyinKeys;
use super::text::clean_text;

/// Lowercase names and their pinyin (full and initials) of one department.
#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    keys: Vec<String>,
}

impl SearchKeys {
    /// Adds `name`, its full pinyin and its initials; a name already added
    /// costs no pinyin work.
    pub fn add_name(&mut self, name: &str) {
        let lowercase = name.to_lowercase();
        if self.keys.contains(&lowercase) {
            return;
        }
        let pinyin = PinyinKeys::of(name);
        self.keys.push(lowercase);
        for key in [pinyin.full, pinyin.initials] {
            if !key.is_empty() && !self.keys.contains(&key) {
                self.keys.push(key);
            }
        }
    }

    /// True when a key contains `query` (prepared by [`prepare_query`]).
    pub fn matches(&self, query: &str) -> bool {
        self.keys.iter().any(|key| key.contains(query))
    }
}

/// A query in the form of the keys: cleaned like a unit name, lowercase.
pub fn prepare_query(query: &str) -> String {
    clean_text(query).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_name_pinyin_and_initials() {
        let mut keys = SearchKeys::default();
        keys.add_name("人力资源和社会保障局");
        keys.add_name("人社局");
        for query in ["人社", "renshe", "rsj", "RSJ", "ren she", "人力資源"] {
            assert!(keys.matches(&prepare_query(query)), "{query}");
        }
        assert!(!keys.matches(&prepare_query("wjw")));
    }
}
