//! Puts published wraps in order, on days of the site time zone, with
//! stable URL slugs; and decides when "now" is.

use ahash::AHashMap as HashMap;
use std::sync::Arc;

use chrono::{Datelike, LocalResult, NaiveDate, TimeZone, Timelike};
use chrono_tz::Tz;

use super::brief::day_start;
use super::handover::Moment;
use super::{AsOf, WrapRecord};
use crate::content::Wrap;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Drops what is not published (drafts, untouched scaffolds), orders
/// wraps by instant (then path, so ties are stable) and gives each its
/// day and slug.
pub(crate) fn place(wraps: Vec<Arc<Wrap>>, zone: Tz, d: &mut Diagnostics) -> Vec<WrapRecord> {
    let mut wraps: Vec<Arc<Wrap>> = wraps.into_iter().filter(|w| w.is_published()).collect();
    wraps.sort_by(|a, b| (a.at, &a.file.site_path).cmp(&(b.at, &b.file.site_path)));
    // Only looked up, never iterated: a hash map is fine for determinism.
    let mut taken: HashMap<String, usize> = HashMap::with_capacity(wraps.len());
    wraps
        .into_iter()
        .map(|wrap| {
            let site_time = wrap.at.with_timezone(&zone);
            // The date and time as the author wrote them, which `standin
            // new` also puts in the file name (`wraps/2026/11/20/kenji-1742.md`
            // is `wraps/2026-11-20/kenji-1742/`), so either finds the other.
            let written = wrap.at;
            let base = format!(
                "{:04}-{:02}-{:02}/{}-{:02}{:02}",
                written.year(),
                written.month(),
                written.day(),
                wrap.author,
                written.hour(),
                written.minute()
            );
            let count = taken.entry(base.clone()).or_insert(0);
            *count += 1;
            let slug = if *count == 1 {
                base
            } else {
                d.push(
                    Diagnostic::new(
                        Code::UrlCollision,
                        format!(
                            "another wrap by {} ends at the same minute ({} as written); this one is published as wraps/{base}-{count}/",
                            wrap.author,
                            written.format("%Y-%m-%d %H:%M %:z")
                        ),
                    )
                    .at(&wrap.file, wrap.at_span.clone())
                    .with_help("if this is the same shift, merge the two wraps"),
                );
                format!("{base}-{count}")
            };
            WrapRecord {
                slug,
                day: site_time.date_naive(),
                site_time,
                decisions: Vec::new(),
                risks: Vec::new(),
                incidents: Vec::new(),
                items: Vec::new(),
                wrap,
            }
        })
        .collect()
}

/// The build's "now": the one instant every page, the API, the feeds and
/// `standin brief` show things as of (see [`AsOf`]). A day alone means
/// its end, so that every wrap of that day counts.
pub(crate) fn now(wraps: &[WrapRecord], as_of: AsOf, zone: Tz) -> Moment {
    let at = match as_of {
        AsOf::Day(day) => return end_of(day, zone),
        AsOf::Instant(instant) => instant.with_timezone(&zone).fixed_offset(),
        AsOf::LocalTime(local) => match zone.from_local_datetime(&local) {
            LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.fixed_offset(),
            // A time skipped by a DST change: the same wall time an hour on.
            LocalResult::None => zone
                .from_local_datetime(&(local + chrono::Duration::hours(1)))
                .earliest()
                .map_or_else(|| local.and_utc().fixed_offset(), |t| t.fixed_offset()),
        },
        AsOf::NewestWrap => {
            // An empty site has no "now"; any fixed day keeps it stable.
            let newest = wraps.iter().map(|w| w.day).max().unwrap_or(NaiveDate::MIN);
            return end_of(newest, zone);
        }
    };
    Moment {
        day: at.with_timezone(&zone).date_naive(),
        at,
    }
}

/// The last instant of `day` in `zone`.
pub(crate) fn end_of(day: NaiveDate, zone: Tz) -> Moment {
    let next = day.succ_opt().unwrap_or(day);
    Moment {
        at: day_start(next, zone) - chrono::Duration::nanoseconds(1),
        day,
    }
}

/// Warns about wraps dated after "today".
pub(crate) fn warn_future(wraps: &[WrapRecord], today: NaiveDate, d: &mut Diagnostics) {
    for record in wraps.iter().filter(|w| w.day > today) {
        d.push(
            Diagnostic::new(
                Code::FutureDate,
                format!(
                    "this wrap is dated {}, after the as-of day {today}",
                    record.day
                ),
            )
            .at(&record.wrap.file, record.wrap.at_span.clone())
            .with_help("check the year and month, or build with a later `--as-of`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{records, wrap};
    use crate::content::Wrap;

    #[test]
    fn drafts_and_untouched_scaffolds_are_left_out() {
        let wraps = vec![
            wrap("ana", "2026-11-20T09:00:00Z"),
            Wrap {
                draft: true,
                ..wrap("bo", "2026-11-20T10:00:00Z")
            },
            Wrap {
                untouched: true,
                ..wrap("cy", "2026-11-21T11:00:00Z")
            },
        ];
        let placed: Vec<_> = records(wraps)
            .iter()
            .map(|r| r.wrap.author.to_string())
            .collect();
        assert_eq!(placed, ["ana"]);
    }
}
