//! The current time in UTC, formatted for review files and file names.

use time::OffsetDateTime;

/// A moment in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The current time.
    pub fn now() -> Self {
        Self(OffsetDateTime::now_utc())
    }

    /// ISO 8601 in UTC, to the second: `2024-05-01T04:30:00Z`.
    pub fn iso(&self) -> String {
        let t = self.0;
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// Compact UTC for file names: `20240501-043000`.
    pub fn compact(&self) -> String {
        let t = self.0;
        format!(
            "{:04}{:02}{:02}-{:02}{:02}{:02}",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::{Date, Month};

    #[test]
    fn formats_iso_and_compact() {
        let moment = Date::from_calendar_date(2024, Month::May, 1)
            .and_then(|date| date.with_hms(4, 30, 9))
            .map(|time| Timestamp(time.assume_utc()))
            .unwrap();
        assert_eq!(moment.iso(), "2024-05-01T04:30:09Z");
        assert_eq!(moment.compact(), "20240501-043009");
    }
}
