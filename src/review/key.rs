//! What a mark is keyed by: the document it belongs to and the task's own
//! identity in that document, independent of the rest of the document's text.
//!
//! A task key is `PLAN:NUMBER:TEXT:N`:
//! - `PLAN`: the task's plan index in its document, `-` when it has none;
//! - `NUMBER`: the task's number as written, `-` when it has none;
//! - `TEXT`: xxh3 of the task text with all whitespace removed (which
//!   parsers and editors reflow), 16 hex digits;
//! - `N`: how many earlier tasks of the document share the three parts above
//!   (0 for the first), so that identical tasks get distinct keys.
//!
//! The document is named by its path below the folder given on the command
//! line (`plans/a.txt`), so editing other text of the document, or moving the
//! whole folder, keeps every key.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// The identity of a task inside its document; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TaskKey {
    pub plan: Option<u32>,
    pub number: Option<Box<str>>,
    pub text_hash: u64,
    pub occurrence: u32,
}

impl fmt::Display for TaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.plan {
            Some(plan) => write!(f, "{plan}:")?,
            None => f.write_str("-:")?,
        }
        write!(
            f,
            "{}:{:016x}:{}",
            self.number.as_deref().unwrap_or("-"),
            self.text_hash,
            self.occurrence
        )
    }
}

impl FromStr for TaskKey {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || format!("not a task key: {text:?}");
        let (plan, rest) = text.split_once(':').ok_or_else(bad)?;
        let (rest, occurrence) = rest.rsplit_once(':').ok_or_else(bad)?;
        let (number, hash) = rest.rsplit_once(':').ok_or_else(bad)?;
        let plan = match plan {
            "-" => None,
            plan => Some(plan.parse().map_err(|_| bad())?),
        };
        let number = (number != "-").then(|| number.into());
        if hash.len() != 16 {
            return Err(bad());
        }
        Ok(Self {
            plan,
            number,
            text_hash: u64::from_str_radix(hash, 16).map_err(|_| bad())?,
            occurrence: occurrence.parse().map_err(|_| bad())?,
        })
    }
}

/// Where a mark belongs in its review file: a document and a task key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MarkId {
    /// The document's path below its folder, `/`-separated.
    pub document: Arc<str>,
    pub key: TaskKey,
}

/// Hash of a task's text, blind to whitespace: the xxh3 of the text with all
/// whitespace removed.
pub fn text_hash(text: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for piece in text.split_whitespace() {
        hasher.update(piece.as_bytes());
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_text_hash() {
        assert_eq!(text_hash("加快 建设\n项目"), text_hash("加快建设项目"));
        assert_eq!(
            text_hash("加快建设项目"),
            xxhash_rust::xxh3::xxh3_64("加快建设项目".as_bytes())
        );
        assert_ne!(text_hash("加快建设项目"), text_hash("加快建设工程"));
    }

    #[test]
    fn keys_round_trip_through_their_text() {
        for text in [
            "-:9:00000000000000ff:0",
            "2:-:0123456789abcdef:3",
            "0:(一):ffffffffffffffff:1",
        ] {
            let key: TaskKey = text.parse().expect(text);
            assert_eq!(key.to_string(), text);
        }
        assert!("9:abc:0".parse::<TaskKey>().is_err());
        assert!("x:9:00000000000000ff:0".parse::<TaskKey>().is_err());
    }
}
