//! How the site shows asks: their receivers, ids and what became of
//! them, and acknowledgements.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::content::ask::Due;
use crate::ledger::Ledger;
use crate::ledger::handover::broadcast::Part;
use crate::ledger::handover::items::{EventKind, ItemEvent};
use crate::ledger::handover::{ItemAsOf, ItemIdx, ItemStatus, Receiver};
use crate::site::format;
use crate::site::summaries::{Lines, TeamRef, team_ref};
use crate::site::wording::{WrapRef, wrap_ref};

/// Whom an item is for, as pages name them.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ReceiverRef {
    /// `team`, `person` or `everyone`.
    pub kind: &'static str,
    /// The team's or person's key; empty for everyone.
    pub key: String,
    /// `Platform`, `Marcus Webb`, `Everyone`.
    pub label: String,
    /// The team's page; people have none.
    pub url: Option<String>,
}

/// A receiver as pages name it.
pub(crate) fn receiver_ref(ledger: &Ledger, receiver: &Receiver) -> ReceiverRef {
    match receiver {
        Receiver::Team(team) => {
            let name = ledger.names.team(team);
            let TeamRef { id, name, url } = team_ref(team, name);
            ReceiverRef {
                kind: "team",
                key: id,
                label: name,
                url: Some(url),
            }
        }
        Receiver::Person(person) => ReceiverRef {
            kind: "person",
            key: person.as_str().to_string(),
            label: ledger.names.person(person).to_string(),
            url: None,
        },
        Receiver::Everyone => ReceiverRef {
            kind: "everyone",
            key: String::new(),
            label: "Everyone".to_string(),
            url: None,
        },
    }
}

/// A receiver as the register of asks filters by it (`to=`): a team's
/// key, `@` and a person's key, or `everyone`.
pub(crate) fn receiver_filter(receiver: &Receiver) -> String {
    match receiver {
        Receiver::Team(team) => team.as_str().to_string(),
        Receiver::Person(person) => format!("@{person}"),
        Receiver::Everyone => "everyone".to_string(),
    }
}

/// An ask as it stood at the end of a day.
#[derive(Debug, Serialize)]
pub(crate) struct ItemView<'a> {
    pub id: &'a str,
    pub what: &'a str,
    /// Whom it is for now (after any hand-on).
    pub to: ReceiverRef,
    /// The wrap that handed it over.
    pub from: WrapRef<'a>,
    /// Its place on the page of the wrap that handed it over.
    pub url: String,
    /// `open`, `taken`, `done`, `declined` or `lapsed` (see
    /// [`status_word`]).
    pub status: &'static str,
    pub taken_by: Option<String>,
    pub unacknowledged: bool,
    /// `today`, `1 day`, `3 days`: how long it has been waiting.
    pub age: String,
    pub age_days: i64,
    pub due: Option<String>,
    /// Someone handed it on since it was written.
    pub handed_on: bool,
    /// RFC 3339: when it last changed by `moment` (written, taken, handed
    /// on), for "since my last visit".
    pub at: String,
    /// For an ask to everyone, each team's part (empty otherwise).
    pub parts: Vec<PartView>,
}

/// One team's part of an ask to everyone.
#[derive(Debug, Serialize)]
pub(crate) struct PartView {
    pub to: ReceiverRef,
    /// `open`, `taken`, `done` or `declined`.
    pub status: &'static str,
    pub taken_by: Option<String>,
}

/// The parts of an ask to everyone, open ones first; none while every
/// part is open (it is simply open for everyone).
pub(crate) fn part_views(ledger: &Ledger, parts: &[Part]) -> Vec<PartView> {
    if parts.iter().all(|p| p.status == ItemStatus::Open) {
        return Vec::new();
    }
    let mut views: Vec<PartView> = parts
        .iter()
        .map(|p| PartView {
            to: receiver_ref(ledger, &p.to),
            status: status_word(&p.status),
            taken_by: match &p.status {
                ItemStatus::Taken { name, .. } => Some(name.clone()),
                _ => None,
            },
        })
        .collect();
    views.sort_by_key(|v| v.status != "open");
    views
}

/// The view of an open item, as it stood at `moment`.
pub(crate) fn item_view<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    open: &ItemAsOf,
    moment: DateTime<FixedOffset>,
) -> ItemView<'a> {
    let item = ledger.handover.item(open.item);
    let changed = item
        .events
        .iter()
        .take_while(|e| e.at <= moment)
        .last()
        .map_or_else(|| ledger.wrap(item.wrap).at(), |e| e.at);
    let taken_by = match &open.state.status {
        // An ask to everyone says who took each part.
        ItemStatus::Taken { name, .. } if open.state.parts.is_empty() => Some(name.clone()),
        _ => None,
    };
    let status = status_word(&open.state.status);
    ItemView {
        id: item.id.as_str(),
        what: item.what(&ledger.wraps),
        to: receiver_ref(ledger, &open.state.receiver),
        from: wrap_ref(lines, item.wrap),
        url: item_url(ledger, lines, open.item),
        status,
        taken_by,
        unacknowledged: open.unacknowledged,
        age: format::duration_days(open.age_days),
        age_days: open.age_days,
        due: item.due.map(due_label),
        handed_on: open.state.receiver != item.to,
        at: format::rfc3339(changed),
        parts: part_views(ledger, &open.state.parts),
    }
}

/// An ask's status in one word, as pages, the API and filters say it:
/// `open`, `taken`, `done`, `declined`, `lapsed`.
pub(crate) fn status_word(status: &ItemStatus) -> &'static str {
    match status {
        ItemStatus::Open => "open",
        ItemStatus::Taken { .. } => "taken",
        ItemStatus::Done => "done",
        ItemStatus::Declined => "declined",
        ItemStatus::Lapsed { .. } => "lapsed",
    }
}

/// Where an item is shown: its line on the page of the wrap that wrote it.
pub(crate) fn item_url(ledger: &Ledger, lines: &Lines, idx: ItemIdx) -> String {
    let item = ledger.handover.item(idx);
    format!(
        "{}#{}",
        lines.wraps[item.wrap.0].url,
        item_anchor(item.id.as_str())
    )
}

/// The id of an item's element on its wrap's page.
pub(crate) fn item_anchor(id: &str) -> String {
    format!("item-{id}")
}

/// `Mon 23 Nov`, or `Mon 23 Nov 10:00 +01:00` as written.
fn due_label(due: Due) -> String {
    match due {
        Due::Day(day) => day.format("%a %-d %b").to_string(),
        Due::Time(at) => format!(
            "{} {}",
            at.format("%a %-d %b"),
            format::author_time(at, None)
        ),
    }
}

/// An acknowledgement, as the day it was written shows it.
#[derive(Debug, Serialize)]
pub(crate) struct AckView<'a> {
    pub id: &'a str,
    pub what: &'a str,
    /// `done`, `declined`, `taken`, `handed on`.
    pub verb: &'static str,
    /// `taken by Tomasz`, `handed on to Platform`, `done`.
    pub words: String,
    pub note: Option<&'a str>,
    /// The wrap that acknowledged it.
    pub by: WrapRef<'a>,
    /// The wrap that asked.
    pub asked_by: WrapRef<'a>,
    pub url: String,
}

/// The view of one acknowledgement (`event` of `item`).
pub(crate) fn ack_view<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    idx: ItemIdx,
    event: usize,
) -> AckView<'a> {
    let item = ledger.handover.item(idx);
    let event: &ItemEvent = &item.events[event];
    AckView {
        id: item.id.as_str(),
        what: item.what(&ledger.wraps),
        verb: event.kind.verb(),
        words: ack_words(ledger, &event.kind),
        note: event.note.as_deref(),
        by: wrap_ref(lines, event.wrap),
        asked_by: wrap_ref(lines, item.wrap),
        url: item_url(ledger, lines, idx),
    }
}

/// What an acknowledgement did, in words.
pub(crate) fn ack_words(ledger: &Ledger, kind: &EventKind) -> String {
    match kind {
        EventKind::Taken { name, .. } => format!("taken by {name}"),
        EventKind::HandedOn { to } => {
            format!("handed on to {}", receiver_ref(ledger, to).label)
        }
        other => other.verb().to_string(),
    }
}

/// An ask on the page of the wrap that wrote it, with what became of it.
#[derive(Debug, Serialize)]
pub(crate) struct WrittenItemView<'a> {
    pub id: &'a str,
    pub anchor: String,
    pub what: &'a str,
    /// Whom it was handed to.
    pub to: ReceiverRef,
    pub due: Option<String>,
    /// Where it stands now (see [`status_word`]).
    pub status: &'static str,
    /// Every acknowledgement, oldest first, and when it lapsed, if it did
    /// and nobody picked it up since.
    pub history: Vec<HistoryView<'a>>,
    /// `Mon 27 Nov`: the day it lapsed, if it stands lapsed.
    pub lapsed_on: Option<String>,
}

/// One acknowledgement in an item's history.
#[derive(Debug, Serialize)]
pub(crate) struct HistoryView<'a> {
    pub words: String,
    pub note: Option<&'a str>,
    pub by: WrapRef<'a>,
}

/// The view of an item where it was written.
pub(crate) fn written_item_view<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    idx: ItemIdx,
) -> WrittenItemView<'a> {
    let item = ledger.handover.item(idx);
    let now = &ledger.asks_now[idx.0].state.status;
    WrittenItemView {
        id: item.id.as_str(),
        anchor: item_anchor(item.id.as_str()),
        what: item.what(&ledger.wraps),
        to: receiver_ref(ledger, &item.to),
        due: item.due.map(due_label),
        status: status_word(now),
        lapsed_on: match now {
            ItemStatus::Lapsed { on } => Some(format::day(*on)),
            _ => None,
        },
        history: item
            .events
            .iter()
            .map(|e| HistoryView {
                words: ack_words(ledger, &e.kind),
                note: e.note.as_deref(),
                by: wrap_ref(lines, e.wrap),
            })
            .collect(),
    }
}
