//! How the site shows handing over: asks with their receivers and ids,
//! acknowledgements, incidents and who is on call. Shared by the pages,
//! the API and the feeds, so that an item reads the same everywhere.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::lines::{Lines, TeamRef, team_ref};
use super::vocabulary::{WrapRef, wrap_ref};
use super::{format, urls};
use crate::config::Config;
use crate::content::ask::Due;
use crate::ledger::Ledger;
use crate::ledger::handover::broadcast::Part;
use crate::ledger::handover::items::{EventKind, ItemEvent};
use crate::ledger::handover::{ItemAsOf, ItemIdx, ItemStatus, Receiver};
use crate::ledger::incident::{IncidentIdx, IncidentState};
use crate::ledger::pager::{OnCall, PagerTurn};

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

/// An incident as it stood at a moment.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentView<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: &'a str,
    pub severity: Option<&'a str>,
    /// 0 is the worst.
    pub severity_rank: Option<usize>,
    pub status: &'static str,
    pub ongoing: bool,
    pub commander: Option<&'a str>,
    pub links: Vec<LinkView<'a>>,
    /// The latest note written by then.
    pub note: Option<&'a str>,
    /// `3 days`: from its opening until `at` (ongoing) or its last word.
    pub age: String,
    pub opened: WrapRef<'a>,
    pub team: Option<TeamRef>,
    /// The wrap that last touched it, by then.
    pub last: WrapRef<'a>,
}

/// A labelled link (`ticket`, `channel`, `postmortem`).
#[derive(Debug, Serialize)]
pub(crate) struct LinkView<'a> {
    pub label: &'a str,
    pub url: &'a str,
}

/// The view of `idx` in `state`, the state it had at `at`.
pub(crate) fn incident_view<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    idx: IncidentIdx,
    state: &'a IncidentState,
    at: DateTime<FixedOffset>,
) -> IncidentView<'a> {
    let incident = &ledger.incidents[idx.0];
    let known: Vec<_> = incident.timeline.iter().filter(|t| t.at <= at).collect();
    let first = &incident.timeline[0];
    let last = known.last().copied().unwrap_or(first);
    let note = known.iter().rev().find_map(|t| t.note.as_deref());
    // Ongoing, it has lasted until `at`; closed, until its last word.
    let until = if state.status.is_ongoing() {
        at.with_timezone(&ledger.timezone).date_naive()
    } else {
        ledger.wrap(last.wrap).day
    };
    let age_days = (until - ledger.wrap(first.wrap).day).num_days().max(0);
    IncidentView {
        id: &incident.written_id,
        url: urls::incident(&incident.id),
        title: &state.title,
        severity: state.severity.as_ref().map(|s| s.name.as_str()),
        severity_rank: state.severity.as_ref().map(|s| s.rank),
        status: crate::strict_toml::Choice::name(state.status),
        ongoing: state.status.is_ongoing(),
        commander: state.commander.as_ref().map(|c| c.name.as_str()),
        links: state
            .links
            .iter()
            .map(|(label, url)| LinkView { label, url })
            .collect(),
        note,
        age: format::duration_days(age_days),
        opened: wrap_ref(lines, first.wrap),
        team: incident
            .team
            .as_ref()
            .map(|t| team_ref(t, ledger.names.team(t))),
        last: wrap_ref(lines, last.wrap),
    }
}

/// Who holds a team's pager.
#[derive(Debug, Serialize)]
pub(crate) struct OnCallView<'a> {
    pub team: Option<TeamRef>,
    /// The team's name, or `No team`.
    pub label: String,
    pub now: Option<TurnView<'a>>,
    pub next: Option<TurnView<'a>>,
}

/// One hand-over of the pager.
#[derive(Debug, Serialize)]
pub(crate) struct TurnView<'a> {
    pub person: &'a str,
    /// `Sat 21 Nov 08:00 CET`, in the team's zone.
    pub since: String,
    pub datetime: String,
    pub wrap: WrapRef<'a>,
}

/// The view of every team's pager.
pub(crate) fn on_call_views<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    config: &Config,
    on_call: &'a [OnCall],
) -> Vec<OnCallView<'a>> {
    on_call
        .iter()
        .map(|o| {
            let zone = config.zone_of(o.team.as_ref());
            let turn = |t: &'a PagerTurn| TurnView {
                person: &t.person.name,
                since: format!(
                    "{} {}",
                    t.since.with_timezone(&zone).format("%a %-d %b"),
                    format::site_time(&t.since.with_timezone(&zone))
                ),
                datetime: format::rfc3339(t.since),
                wrap: wrap_ref(lines, t.wrap),
            };
            OnCallView {
                team: o.team.as_ref().map(|t| team_ref(t, ledger.names.team(t))),
                label: o
                    .team
                    .as_ref()
                    .map_or("No team".to_string(), |t| ledger.names.team(t).to_string()),
                now: o.now.as_ref().map(turn),
                next: o.next.as_ref().map(turn),
            }
        })
        .collect()
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
