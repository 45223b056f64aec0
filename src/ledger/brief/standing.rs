//! The latest brief carried on to the build's "now": its day's news as
//! written, with what stands at a moment (incidents, who is on call,
//! open asks and their ages, asks lapsed since) taken at now. After a
//! quiet weekend the home page still shows Friday's brief, but Monday's
//! pager holder, and asks that have waited three days.

use chrono::Duration;

use super::{Brief, Sources, day_incidents, day_start};
use crate::ledger::handover::{ItemAsOf, ItemIdx, ItemStatus, Moment};

/// Index of the brief a reader sees first as of `today`: today's, else
/// the latest before it, else the earliest (when every wrap is after
/// `--as-of`).
pub(crate) fn latest(briefs: &[Brief], today: chrono::NaiveDate) -> Option<usize> {
    match briefs.partition_point(|b| b.day <= today) {
        0 if briefs.is_empty() => None,
        0 => Some(0),
        at_or_before => Some(at_or_before - 1),
    }
}

/// The [`latest`] brief as things stand `now`; `asks_now` is every ask as
/// of `now`, in item order.
pub(crate) fn standing(
    briefs: &[Brief],
    sources: &Sources,
    asks_now: &[ItemAsOf],
    now: Moment,
) -> Option<Brief> {
    let latest = &briefs[latest(briefs, now.day)?];
    let mut brief = latest.clone();
    if now.day < latest.day {
        // Every wrap is after "now": there is nothing to carry on.
        return Some(brief);
    }
    let wraps = sources.wraps;
    brief.as_of = now;
    brief.on_call = sources.rota.at(now.at, now.at, wraps);
    let start = day_start(latest.day, sources.config.timezone);
    brief.incidents = day_incidents(sources.incidents, start, now.at + Duration::nanoseconds(1));
    let live: Vec<ItemIdx> = asks_now
        .iter()
        .filter(|o| o.state.status.is_live())
        .map(|o| o.item)
        .collect();
    let open = sources
        .handover
        .open_at(wraps, sources.shifts, &live, now, sources.config);
    brief.handover.open = open.open;
    brief.handover.counts = open.counts;
    // Lapsed on a day with no brief since: news now, or never.
    let mut since: Vec<(ItemIdx, chrono::NaiveDate)> = asks_now
        .iter()
        .filter_map(|o| match o.state.status {
            ItemStatus::Lapsed { on } if on > latest.day && on <= now.day => Some((o.item, on)),
            _ => None,
        })
        .collect();
    since.sort_by_key(|&(item, on)| (on, item));
    brief.handover.lapsed.extend(since);
    Some(brief)
}
