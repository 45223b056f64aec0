//! Wraps added, edited and deleted; an edit or deletion of a wrap more
//! than a few days old is called out: history is being rewritten.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::Place;
use crate::ledger::{Ledger, WrapRecord};

/// A wrap older than this many days (before the head's "now") is
/// history: the shifts it handed over have read it.
pub(crate) const HISTORY_AFTER_DAYS: i64 = 3;

/// What happened to a wrap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WrapEvent {
    Added,
    Edited,
    Deleted,
}

/// A wrap the change adds, edits or deletes (published wraps only: a
/// draft is not part of the handover).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WrapChange {
    pub event: WrapEvent,
    pub author: String,
    pub at: DateTime<FixedOffset>,
    pub summary: Option<String>,
    /// An edit or deletion of a wrap older than [`HISTORY_AFTER_DAYS`].
    pub rewrites_history: bool,
    /// The file; `None` once deleted.
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<WrapChange> {
    let by_path = |ledger: &'_ Ledger| -> BTreeMap<String, usize> {
        ledger
            .wraps
            .iter()
            .enumerate()
            .map(|(i, r)| (r.wrap.file.site_path.clone(), i))
            .collect()
    };
    let (before, after) = (by_path(base), by_path(head));
    let old = |record: &WrapRecord| (head.today - record.day).num_days() > HISTORY_AFTER_DAYS;
    let mut changes = Vec::new();
    for record in &head.wraps {
        let event = match before.get(&record.wrap.file.site_path) {
            None => WrapEvent::Added,
            Some(&b) if base.wraps[b].wrap.file.print() != record.wrap.file.print() => {
                WrapEvent::Edited
            }
            Some(_) => continue,
        };
        let rewrites_history = event == WrapEvent::Edited && old(record);
        changes.push(change(head, record, event, rewrites_history));
    }
    for record in &base.wraps {
        if !after.contains_key(&record.wrap.file.site_path) {
            changes.push(change(base, record, WrapEvent::Deleted, old(record)));
        }
    }
    changes
}

fn change(ledger: &Ledger, record: &WrapRecord, event: WrapEvent, old: bool) -> WrapChange {
    WrapChange {
        event,
        author: ledger.names.person(record.author()).to_string(),
        at: record.at(),
        summary: record.wrap.summary().map(str::to_string),
        rewrites_history: old,
        place: (event != WrapEvent::Deleted).then(|| Place::file(&record.wrap.file)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    #[test]
    fn wraps_added_edited_and_deleted_and_history_rewritten() {
        let old = wrap("ana", "2026-11-10T17:00:00+09:00", "payments", "");
        let old_edited = old.replace("A shift.", "A shift, told otherwise.");
        let kept = wrap("bo", "2026-11-19T17:00:00+09:00", "payments", "");
        let recent = wrap("cy", "2026-11-19T18:00:00+09:00", "payments", "");
        let recent_edited = recent.replace("Body.", "Body, and more.");
        let gone = wrap("dee", "2026-11-19T19:00:00+09:00", "payments", "");
        let new = wrap("eve", "2026-11-20T17:00:00+09:00", "payments", "");
        let review = review(
            &[
                ("o.md", &old),
                ("k.md", &kept),
                ("r.md", &recent),
                ("g.md", &gone),
            ],
            &[
                ("o.md", &old_edited),
                ("k.md", &kept),
                ("r.md", &recent_edited),
                ("n.md", &new),
            ],
        );
        let seen: Vec<(&str, WrapEvent, bool)> = review
            .wraps
            .iter()
            .map(|c| (c.author.as_str(), c.event, c.rewrites_history))
            .collect();
        assert_eq!(
            seen,
            [
                ("ana", WrapEvent::Edited, true),
                ("cy", WrapEvent::Edited, false),
                ("eve", WrapEvent::Added, false),
                ("dee", WrapEvent::Deleted, false),
            ]
        );
        assert_eq!(review.wraps[2].place.as_ref().unwrap().file, "n.md");
        assert!(review.wraps[3].place.is_none());
    }
}
