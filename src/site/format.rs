//! How dates, times and ages read on the page.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, Timelike};
use chrono_tz::Tz;

/// `Fri 20 Nov 2026`
pub(crate) fn day(day: NaiveDate) -> String {
    memoised(day, DayFormat::Day)
}

/// `Friday 20 November 2026`
pub(crate) fn long_day(day: NaiveDate) -> String {
    memoised(day, DayFormat::LongDay)
}

/// `November 2026`
pub(crate) fn month(day: NaiveDate) -> String {
    memoised(day, DayFormat::Month)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum DayFormat {
    Day,
    LongDay,
    Month,
}

/// Day labels, memoised per thread: a site has a few hundred days and shows
/// each on many pages, and chrono parses the pattern on every call.
fn memoised(day: NaiveDate, pattern: DayFormat) -> String {
    thread_local! {
        static LABELS: std::cell::RefCell<HashMap<(NaiveDate, DayFormat), String>> =
            std::cell::RefCell::new(HashMap::new());
    }
    LABELS.with(|labels| {
        labels
            .borrow_mut()
            .entry((day, pattern))
            .or_insert_with(|| {
                let format = match pattern {
                    DayFormat::Day => "%a %-d %b %Y",
                    DayFormat::LongDay => "%A %-d %B %Y",
                    DayFormat::Month => "%B %Y",
                };
                day.format(format).to_string()
            })
            .clone()
    })
}

/// `2026-11-20`
pub(crate) fn iso_day(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// `ADR-0009`: a decision record's number, as adr-tools and MADR pad it.
pub(crate) fn record_number(number: u32) -> String {
    format!("ADR-{number:04}")
}

/// `today`, `1 day`, `12 days`: how long something has lasted.
pub(crate) fn duration_days(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    }
}

/// `today`, `yesterday`, `3 days ago`.
pub(crate) fn days_ago(days: i64) -> String {
    match days {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    }
}

/// The time as the author lived it: `17:42 JST` when the offset they wrote
/// matches their team's zone, else `17:42 +09:00`.
pub(crate) fn author_time(at: DateTime<FixedOffset>, zone: Option<Tz>) -> String {
    if let Some(zone) = zone {
        let local = at.with_timezone(&zone);
        if local.offset().fix() == *at.offset() {
            return site_time(&local);
        }
    }
    format!(
        "{:02}:{:02} {}",
        at.hour(),
        at.minute(),
        offset(*at.offset())
    )
}

/// The time in a zone with its abbreviation: `08:42 GMT`.
pub(crate) fn site_time(at: &DateTime<Tz>) -> String {
    // The offset displays as its abbreviation, as `%Z` does.
    format!("{:02}:{:02} {}", at.hour(), at.minute(), at.offset())
}

/// RFC 3339 with the offset as written, like chrono's `to_rfc3339` (which
/// is slower: it formats through a pattern).
pub(crate) fn rfc3339(at: DateTime<FixedOffset>) -> String {
    if at.nanosecond() != 0 {
        return at.to_rfc3339();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset(*at.offset())
    )
}

/// `+09:00`, `-05:00`
fn offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.unsigned_abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
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
    fn fast_formats_match_chrono() {
        let at = DateTime::parse_from_rfc3339("2026-11-20T17:42:00+09:00").unwrap();
        for zone in [
            "Asia/Tokyo",
            "Europe/Berlin",
            "America/New_York",
            "Europe/London",
            "Asia/Kolkata",
            "America/Sao_Paulo",
            "UTC",
        ] {
            let zone: Tz = zone.parse().unwrap();
            let local = at.with_timezone(&zone);
            assert_eq!(
                site_time(&local),
                local.format("%H:%M %Z").to_string(),
                "{zone}"
            );
        }
        let odd = DateTime::parse_from_rfc3339("2026-11-20T07:05:00-03:30").unwrap();
        assert_eq!(author_time(odd, None), odd.format("%H:%M %:z").to_string());
        let d = NaiveDate::from_ymd_opt(2026, 3, 7).unwrap();
        assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
        for text in [
            "2026-11-20T17:42:00+09:00",
            "2026-11-20T07:05:09-03:30",
            "2026-11-20T07:05:09.5+00:00",
        ] {
            let at = DateTime::parse_from_rfc3339(text).unwrap();
            assert_eq!(rfc3339(at), at.to_rfc3339(), "{text}");
        }
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
