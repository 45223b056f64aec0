//! Places a TOML date in time: with its own offset, or in the site zone.

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use toml::value::{Datetime, Offset};

/// Why a TOML datetime could not be placed in time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateProblem {
    /// A time of day with no date.
    NoDate,
    /// A date with no time where a time is needed.
    NoTime,
    /// Numbers that make no date or time.
    OutOfRange,
    /// A local time that the zone skips (a DST gap).
    Skipped,
}

/// A datetime in time, and whether the file gave its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Placed {
    pub at: DateTime<FixedOffset>,
    pub had_offset: bool,
}

/// Places `datetime`; a missing offset reads it in `zone`. A date alone is
/// accepted only when `date_only` allows it, and means midnight.
pub(crate) fn place(datetime: &Datetime, zone: Tz, date_only: bool) -> Result<Placed, DateProblem> {
    let date = datetime.date.ok_or(DateProblem::NoDate)?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
        .ok_or(DateProblem::OutOfRange)?;
    let time = match datetime.time {
        Some(t) => NaiveTime::from_hms_nano_opt(
            t.hour.into(),
            t.minute.into(),
            t.second.unwrap_or(0).into(),
            t.nanosecond.unwrap_or(0),
        )
        .ok_or(DateProblem::OutOfRange)?,
        None if date_only => NaiveTime::MIN,
        None => return Err(DateProblem::NoTime),
    };
    let local = NaiveDateTime::new(date, time);
    match datetime.offset {
        Some(offset) => {
            let seconds = match offset {
                Offset::Z => 0,
                Offset::Custom { minutes } => i32::from(minutes) * 60,
            };
            let offset = FixedOffset::east_opt(seconds).ok_or(DateProblem::OutOfRange)?;
            let at = offset
                .from_local_datetime(&local)
                .single()
                .ok_or(DateProblem::OutOfRange)?;
            Ok(Placed {
                at,
                had_offset: true,
            })
        }
        None => {
            let at = match zone.from_local_datetime(&local) {
                LocalResult::Single(at) => at,
                // In a DST fold the earlier reading is the one a person
                // writing at the end of a shift most likely meant.
                LocalResult::Ambiguous(earlier, _) => earlier,
                LocalResult::None => return Err(DateProblem::Skipped),
            };
            Ok(Placed {
                at: at.fixed_offset(),
                had_offset: false,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(text: &str) -> Datetime {
        text.parse().unwrap()
    }

    #[test]
    fn keeps_the_written_offset() {
        let placed = place(&dt("2026-11-20T17:42:00+09:00"), Tz::UTC, false).unwrap();
        assert!(placed.had_offset);
        assert_eq!(placed.at.to_rfc3339(), "2026-11-20T17:42:00+09:00");
    }

    #[test]
    fn local_times_are_read_in_the_site_zone() {
        let placed = place(&dt("2026-11-20T17:42:00"), chrono_tz::Asia::Tokyo, false).unwrap();
        assert!(!placed.had_offset);
        assert_eq!(placed.at.to_rfc3339(), "2026-11-20T17:42:00+09:00");
        let no_seconds = place(&dt("2026-11-20T17:42"), Tz::UTC, false).unwrap();
        assert_eq!(no_seconds.at.to_rfc3339(), "2026-11-20T17:42:00+00:00");
    }

    #[test]
    fn dst_gap_and_fold() {
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(
            place(&dt("2026-03-29T02:30:00"), berlin, false),
            Err(DateProblem::Skipped)
        );
        let fold = place(&dt("2026-10-25T02:30:00"), berlin, false).unwrap();
        assert_eq!(fold.at.offset().local_minus_utc(), 2 * 3600);
    }

    #[test]
    fn dates_alone_only_where_allowed() {
        assert_eq!(
            place(&dt("2026-11-20"), Tz::UTC, false),
            Err(DateProblem::NoTime)
        );
        let midnight = place(&dt("2026-11-20"), Tz::UTC, true).unwrap();
        assert_eq!(midnight.at.to_rfc3339(), "2026-11-20T00:00:00+00:00");
        assert_eq!(
            place(&dt("17:42:00"), Tz::UTC, true),
            Err(DateProblem::NoDate)
        );
    }
}
