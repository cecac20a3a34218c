//! The current time in UTC, formatted for review files and file names.

use time::OffsetDateTime;

/// A moment in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(OffsetDateTime);

impl Timestamp {
    /// The current time.
    pub fn now() -> Self {
        Self(OffsetDateTime::now_utc())
    }

    /// The moment `millis` milliseconds after 1970-01-01T00:00:00Z.
    pub fn from_millis(millis: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
            .ok()
            .map(Self)
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn millis(&self) -> i64 {
        i64::try_from(self.0.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
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

    /// ISO 8601 in UTC, to the millisecond: `2024-05-01T04:30:00.123Z`.
    pub fn iso_millis(&self) -> String {
        let mut text = self.iso();
        text.insert_str(text.len() - 1, &format!(".{:03}", self.0.millisecond()));
        text
    }

    /// Reads [`Timestamp::iso`] or [`Timestamp::iso_millis`] text.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.strip_suffix('Z')?;
        let (date, time) = text.split_once('T')?;
        let mut date_parts = date.splitn(3, '-').map(str::parse::<i32>);
        let (year, month, day) = (
            date_parts.next()?.ok()?,
            date_parts.next()?.ok()?,
            date_parts.next()?.ok()?,
        );
        let (time, fraction) = time.split_once('.').unwrap_or((time, "0"));
        let mut time_parts = time.splitn(3, ':').map(str::parse::<u8>);
        let (hour, minute, second) = (
            time_parts.next()?.ok()?,
            time_parts.next()?.ok()?,
            time_parts.next()?.ok()?,
        );
        let digits: String = fraction.chars().chain("000".chars()).take(3).collect();
        let millis: u16 = digits.parse().ok()?;
        let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
        let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
        let moment = date.with_hms_milli(hour, minute, second, millis).ok()?;
        Some(Self(moment.assume_utc()))
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
            .and_then(|date| date.with_hms_milli(4, 30, 9, 42))
            .map(|time| Timestamp(time.assume_utc()))
            .unwrap();
        assert_eq!(moment.iso(), "2024-05-01T04:30:09Z");
        assert_eq!(moment.iso_millis(), "2024-05-01T04:30:09.042Z");
        assert_eq!(moment.compact(), "20240501-043009");
        assert_eq!(Timestamp::parse_iso(&moment.iso_millis()), Some(moment));
        assert_eq!(
            Timestamp::parse_iso("2024-05-01T04:30:09Z").map(|t| t.iso()),
            Some(moment.iso())
        );
        assert_eq!(Timestamp::from_millis(moment.millis()), Some(moment));
        assert_eq!(Timestamp::parse_iso("yesterday"), None);
    }
}
