//! Toneless pinyin of a unit name, in full and as initials, for searching
//! departments by typing latin letters: `rsj` or `renshe` for 人社局.

use pinyin::ToPinyin;

/// The toneless pinyin of a name: 人社局 → `rensheju` and `rsj`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinKeys {
    /// Full pinyin, lowercase, no spaces or tones.
    pub full: String,
    /// The first letter of each syllable.
    pub initials: String,
}

impl PinyinKeys {
    /// The keys of `name`: Chinese characters as pinyin, other letters and
    /// digits kept lowercase, punctuation dropped.
    pub fn of(name: &str) -> PinyinKeys {
        let mut keys = PinyinKeys {
            full: String::with_capacity(name.len() * 2),
            initials: String::with_capacity(name.len()),
        };
        for (c, syllable) in name.chars().zip(name.to_pinyin()) {
            match syllable {
                Some(syllable) => {
                    keys.full.push_str(syllable.plain());
                    keys.initials.push_str(syllable.first_letter());
                }
                None if c.is_alphanumeric() => {
                    keys.full.extend(c.to_lowercase());
                    keys.initials.extend(c.to_lowercase());
                }
                None => {}
            }
        }
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_pinyin_and_initials() {
        let keys = PinyinKeys::of("人社局");
        assert_eq!(keys.full, "rensheju");
        assert_eq!(keys.initials, "rsj");
    }

    #[test]
    fn keeps_latin_letters_and_digits_drops_punctuation() {
        let keys = PinyinKeys::of("5G办(市)");
        assert_eq!(keys.full, "5gbanshi");
        assert_eq!(keys.initials, "5gbs");
    }
}
