//! How dates, times and ages read on the page.

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// `Fri 20 Nov 2026`
pub fn day(day: NaiveDate) -> String {
    day.format("%a %-d %b %Y").to_string()
}

/// `Friday 20 November 2026`
pub fn long_day(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// `November 2026`
pub fn month(day: NaiveDate) -> String {
    day.format("%B %Y").to_string()
}

/// `2026-11-20`
pub fn iso_day(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `today`, `1 day`, `12 days`: how long something has lasted.
pub fn duration_days(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// `today`, `yesterday`, `3 days ago`.
pub fn days_ago(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    }
}

/// The time as the author lived it: `17:42 JST` when the offset they wrote
/// matches their team's zone, else `17:42 +09:00`.
pub fn author_time(at: DateTime<FixedOffset>, zone: Option<Tz>) -> String {
    if let Some(zone) = zone {
        let local = at.with_timezone(&zone);
        if local.offset().fix() == *at.offset() {
            return local.format("%H:%M %Z").to_string();
        }
    }
    at.format("%H:%M %:z").to_string()
}

/// The time in the site zone with its abbreviation: `08:42 GMT`.
pub fn site_time<Z: TimeZone>(at: &DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    at.format("%H:%M %Z").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(day(d), "Fri 20 Nov 2026");
        assert_eq!(long_day(d), "Friday 20 November 2026");
        assert_eq!(duration_days(0), "today");
        assert_eq!(duration_days(5), "5 days");
        assert_eq!(days_ago(1), "yesterday");
    }

    #[test]
    fn author_time_uses_the_zone_abbreviation_when_it_fits() {
        let at = DateTime::parse_from_rfc3339("2026-11-20T17:42:00+09:00").unwrap();
        assert_eq!(author_time(at, Some(chrono_tz::Asia::Tokyo)), "17:42 JST");
        assert_eq!(
            author_time(at, Some(chrono_tz::Europe::Berlin)),
            "17:42 +09:00"
        );
        assert_eq!(author_time(at, None), "17:42 +09:00");
    }
}
