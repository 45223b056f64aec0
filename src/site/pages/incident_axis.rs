//! An incident's timeline drawn on a time axis: from opened to resolved
//! (or to now, while it is ongoing), a mark at each wrap that touched it,
//! and the days to read the time by.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use chrono_tz::Tz;

use crate::ledger::Incident;
use crate::site::charts::{Label, Mark, Timeline};
use crate::site::format;

/// The most day ticks the axis writes; more days are ticked every so many.
const TICKS: usize = 7;

/// The axis of `incident`, as of `now`, in the site's zone `zone`.
pub(super) fn svg(incident: &Incident, now: DateTime<FixedOffset>, zone: Tz) -> String {
    let start = incident.opened_at();
    let resolved = incident.resolved_at();
    let end = resolved.unwrap_or(now).max(start);
    let span = (end - start).num_seconds().max(60) as f64;
    let at = |t: DateTime<FixedOffset>| (t - start).num_seconds() as f64 / span;
    let when = |t: DateTime<FixedOffset>| {
        let local = t.with_timezone(&zone);
        format!(
            "{} {}",
            format::day(local.date_naive()),
            format::site_time(&local)
        )
    };
    let last = incident.timeline.len() - 1;
    let marks: Vec<Mark> = incident
        .timeline
        .iter()
        .enumerate()
        .filter(|(_, t)| t.at <= end)
        .map(|(i, touch)| {
            let what = if touch.changes.is_empty() {
                "no change".to_string()
            } else {
                touch.changes.join(", ")
            };
            Mark {
                at: at(touch.at),
                title: format!("{}: {what}", when(touch.at)),
                class: match (i, resolved.is_some() && i == last) {
                    (0, _) => "m-open",
                    (_, true) => "m-resolved",
                    _ => "m-touch",
                },
            }
        })
        .collect();
    let ticks = day_ticks(start, end, zone)
        .into_iter()
        .map(|(t, day)| (at(t), day.format("%-d %b").to_string()))
        .collect();
    let duration = super::super::health::minutes_label((end - start).num_minutes());
    let title = format!("Timeline of {}", incident.written_id);
    let desc = match resolved {
        Some(_) => format!(
            "Opened {}, resolved {} after {duration}; {} wraps touched it.",
            when(start),
            when(end),
            incident.timeline.len()
        ),
        None => format!(
            "Opened {}, ongoing {duration} later; {} wraps touched it.",
            when(start),
            incident.timeline.len()
        ),
    };
    Timeline {
        label: Label {
            id: "incident-axis",
            title: &title,
            desc: &desc,
        },
        until: 1.0,
        ongoing: resolved.is_none(),
        marks,
        ticks,
    }
    .svg()
}

/// The midnights (site zone) after `start` and before `end`, at most
/// [`TICKS`] of them, evenly.
fn day_ticks(
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
    zone: Tz,
) -> Vec<(DateTime<FixedOffset>, NaiveDate)> {
    let first = start.with_timezone(&zone).date_naive() + Days::new(1);
    let last = end.with_timezone(&zone).date_naive();
    let days = (last - first).num_days() + 1;
    if days <= 0 {
        return Vec::new();
    }
    let step = (days as usize).div_ceil(TICKS).max(1);
    first
        .iter_days()
        .take_while(|d| *d <= last)
        .step_by(step)
        .map(|d| (crate::ledger::end_of_day(d - Days::new(1), zone).at, d))
        .filter(|(t, _)| *t > start && *t < end)
        .collect()
}
