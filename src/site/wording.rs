//! The words and links every output of the site shares: short links to a
//! day's brief and to a wrap, and a risk's changes said in words. Pages,
//! search, the JSON API and the feeds all take them from here, so a change
//! reads the same everywhere.

use chrono::NaiveDate;
use serde::Serialize;

use super::summaries::Lines;
use super::{format, urls};
use crate::ledger::WrapIdx;
use crate::ledger::risk::{Change, Touch};

/// A link to a day's brief.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DayRef {
    pub url: String,
    pub date: String,
    pub label: String,
}

/// A short link to a wrap: who, and when in their own time zone.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct WrapRef<'a> {
    pub url: &'a str,
    pub author: &'a str,
    pub time: &'a str,
    pub day_label: &'a str,
    /// RFC 3339, for `data-at` ("since my last visit" compares it).
    pub at: &'a str,
}

/// The link to the brief of `day`.
pub(crate) fn day_ref(day: NaiveDate) -> DayRef {
    DayRef {
        url: urls::brief(day),
        date: format::iso_day(day),
        label: format::day(day),
    }
}

/// The link to a wrap, from its line.
pub(crate) fn wrap_ref(lines: &Lines, wrap: WrapIdx) -> WrapRef<'_> {
    let line = &lines.wraps[wrap.0];
    WrapRef {
        url: &line.url,
        author: &line.author,
        time: &line.author_time,
        day_label: &line.day_label,
        at: &line.datetime,
    }
}

/// How a touch changed a risk, in words: `severity medium → high`.
pub(crate) fn describe_changes(touch: &Touch) -> Vec<String> {
    touch
        .changes
        .iter()
        .map(|change| match change {
            Change::Raised => format!("raised as {}", touch.after.severity),
            Change::Title { to, .. } => format!("renamed to “{to}”"),
            Change::Severity { from, to } if to > from => format!("escalated {from} → {to}"),
            Change::Severity { from, to } => format!("downgraded {from} → {to}"),
            Change::Status { from, to } => format!("{from} → {to}"),
            Change::Owner {
                from: Some(from),
                to,
            } => format!("handed from {from} to {to}"),
            Change::Owner { from: None, to } => format!("now owned by {to}"),
            Change::Blocker(true) => "now blocking".to_string(),
            Change::Blocker(false) => "no longer blocking".to_string(),
            Change::Mitigation(_) => "mitigation updated".to_string(),
        })
        .collect()
}

/// Why a touch needs attention: `raised`, `escalated medium → high`,
/// `blocking`, `reopened`.
pub(crate) fn describe_attention(touch: &Touch) -> Vec<String> {
    let mut events = Vec::new();
    for change in &touch.changes {
        match change {
            Change::Raised => events.push("raised".to_string()),
            Change::Severity { from, to } if to > from => {
                events.push(format!("escalated {from} → {to}"))
            }
            Change::Status { from, to } if !from.is_active() && to.is_active() => {
                events.push("reopened".to_string())
            }
            Change::Status { to, .. } if !to.is_active() => events.push(to.to_string()),
            Change::Owner { to, .. } => events.push(format!("handed to {to}")),
            _ => {}
        }
    }
    if touch.after.blocker && touch.after.status.is_active() {
        events.push("blocking".to_string());
    }
    if events.is_empty() {
        events.push("updated".to_string());
    }
    events
}
