//! Toneless pinyin of the characters of a unit name, every reading of each
//! (长 is chang and zhang, 重 chong and zhong), for finding departments by
//! typing latin letters: `rsj` or `renshe` for 人社局, `zhangsha` or
//! `changsha` for 长沙.

use pinyin::ToPinyinMulti;

/// The most readings kept for one character.
const MAX_READINGS: usize = 8;

/// The toneless readings of one character, each once: 长 → chang, zhang. A
/// latin letter or digit reads as itself, lowercase; other characters have
/// no reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Readings {
    list: [&'static str; MAX_READINGS],
    len: usize,
    /// A latin letter or digit, lowercase, standing for itself.
    literal: Option<char>,
}

impl Readings {
    /// The readings of `c`.
    pub fn of(c: char) -> Readings {
        let mut readings = Readings {
            list: [""; MAX_READINGS],
            len: 0,
            literal: None,
        };
        if c.is_ascii_alphanumeric() {
            readings.literal = Some(c.to_ascii_lowercase());
            return readings;
        }
        let Some(multi) = c.to_pinyin_multi() else {
            return readings;
        };
        for pinyin in multi {
            let plain = pinyin.plain();
            if readings.len < MAX_READINGS && !readings.list[..readings.len].contains(&plain) {
                readings.list[readings.len] = plain;
                readings.len += 1;
            }
        }
        readings
    }

    /// True when the character has no reading (punctuation, symbols).
    pub fn is_empty(&self) -> bool {
        self.len == 0 && self.literal.is_none()
    }

    /// Each reading as text (a literal letter is written into `buffer`).
    pub fn each<'a>(&'a self, buffer: &'a mut [u8; 4]) -> impl Iterator<Item = &'a str> {
        let literal = self.literal.map(|c| &*c.encode_utf8(buffer));
        self.list[..self.len].iter().copied().chain(literal)
    }

    /// True when some reading starts with the ASCII letter or digit `first`.
    pub fn has_initial(&self, first: u8) -> bool {
        match self.literal {
            Some(c) => c as u32 == u32::from(first),
            None => self.list[..self.len]
                .iter()
                .any(|reading| reading.as_bytes().first() == Some(&first)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(c: char) -> Vec<String> {
        let readings = Readings::of(c);
        let mut buffer = [0u8; 4];
        readings.each(&mut buffer).map(str::to_owned).collect()
    }

    #[test]
    fn every_reading_of_a_character() {
        assert!(all('长').contains(&"chang".to_owned()));
        assert!(all('长').contains(&"zhang".to_owned()));
        assert!(all('重').contains(&"chong".to_owned()));
        assert_eq!(all('局'), ["ju"]);
        assert!(Readings::of('长').has_initial(b'c'));
        assert!(Readings::of('长').has_initial(b'z'));
    }

    #[test]
    fn latin_letters_and_digits_read_as_themselves() {
        assert_eq!(all('G'), ["g"]);
        assert_eq!(all('5'), ["5"]);
        assert!(Readings::of('(').is_empty());
    }
}
