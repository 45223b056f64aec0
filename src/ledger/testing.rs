//! Builders for the ledger's unit tests: wraps, their risk and decision
//! entries, and whole ledgers, made in memory without files, so each rule
//! is tested on exactly the wraps it is about.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::{AsOf, Ledger, WrapRecord, timeline};
use crate::config::Config;
use crate::config::PersonRef;
use crate::content::ack::{Ack, AckVerb};
use crate::content::ask::{Ask, split_address};
use crate::content::decision::DecisionEntry;
use crate::content::risk::{RiskEntry, Severity};
use crate::content::wrap::WrapFile;
use crate::content::{Content, DecisionRecord, Wrap};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::ids::{DecisionId, ItemId, PersonKey, RiskId, TeamId};
use crate::strict_toml::Located;

/// The site every test ledger belongs to: Tokyo days, risks stale after
/// three days, two teams.
pub(super) const CONFIG: &str = "timezone = \"Asia/Tokyo\"\n\
    [risks]\nstale_after_days = 3\n\
    [teams.payments]\nname = \"Payments\"\n\
    [teams.platform]\n";

pub(super) fn config() -> Config {
    let mut d = Diagnostics::new();
    let config = Config::parse(SourceFile::new("standin.toml", CONFIG), &mut d);
    assert!(d.is_empty(), "{d:?}");
    config.expect("the test config parses")
}

/// `2026-11-20T17:42:00+09:00` as a time.
pub(super) fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).expect("an RFC 3339 time")
}

/// `2026-11-20` as a day.
pub(super) fn day(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD day")
}

/// A wrap by `author` at `time` (RFC 3339) with nothing in it. Set the
/// rest with struct update: `Wrap { risks: vec![...], ..wrap("ana", t) }`.
pub(super) fn wrap(author: &str, time: &str) -> Wrap {
    Wrap {
        file: WrapFile::in_memory(SourceFile::new(format!("wraps/{time}/{author}.md"), "")),
        author: PersonKey::from_name(author).expect("a name"),
        author_name: author.to_string(),
        at: at(time),
        at_span: 0..0,
        team: None,
        team_name: None,
        shift: None,
        written_summary: None,
        tags: Vec::new(),
        asks: Vec::new(),
        acks: Vec::new(),
        draft: false,
        untouched: false,
        decisions: Vec::new(),
        risks: Vec::new(),
        incidents: Vec::new(),
        pagers: Vec::new(),
        state: None,
        body: Default::default(),
        body_offset: 0,
    }
}

pub(super) fn team(id: &str) -> Option<TeamId> {
    Some(TeamId::new(id).expect("a valid team id"))
}

/// A `[[risk]]` that raises `id` with `title` at `severity`.
pub(super) fn raise(id: &str, title: &str, severity: Severity) -> RiskEntry {
    RiskEntry {
        title: Some(title.to_string()),
        severity: Some(severity),
        ..update(id)
    }
}

/// A `[[risk]]` naming `id` and changing nothing yet.
pub(super) fn update(id: &str) -> RiskEntry {
    RiskEntry {
        id: Located::new(RiskId::new(id).expect("a valid risk id"), 0..0),
        title: None,
        severity: None,
        status: None,
        owner: None,
        blocker: None,
        mitigation: None,
        note: None,
        span: 0..0,
    }
}

/// A `[[decision]]` with an id, a title and a reason.
pub(super) fn decision(id: &str, title: &str, why: &str) -> DecisionEntry {
    DecisionEntry {
        id: Located::new(DecisionId::new(id).expect("a valid decision id"), 0..0),
        title: Located::new(title.to_string(), 0..0),
        why: Some(why.to_string()),
        link: None,
        supersedes: Vec::new(),
        status: None,
        tags: Vec::new(),
        span: 0..0,
    }
}

/// `entry` superseding the decisions `ids`.
pub(super) fn superseding(entry: DecisionEntry, ids: &[&str]) -> DecisionEntry {
    DecisionEntry {
        supersedes: ids
            .iter()
            .map(|id| Located::new(DecisionId::new(*id).expect("a valid id"), 0..0))
            .collect(),
        ..entry
    }
}

/// A long-form decision record by `author` at `time`.
pub(super) fn record(entry: DecisionEntry, author: &str, time: &str) -> DecisionRecord {
    DecisionRecord {
        file: SourceFile::new(format!("decisions/{}.md", entry.id.value), ""),
        entry,
        author_name: author.to_string(),
        at: Some(at(time)),
        team: None,
        body: Default::default(),
        details: Default::default(),
    }
}

/// The wraps placed on the timeline of the test site, as the ledger's
/// rules receive them (drafts dropped, in order, with days and slugs).
pub(super) fn records(wraps: Vec<Wrap>) -> Vec<WrapRecord> {
    let mut d = Diagnostics::new();
    let wraps = wraps.into_iter().map(Arc::new).collect();
    timeline::place(wraps, config().timezone, &mut d)
}

/// The ledger of the test site holding `wraps` and `records`, counted to
/// `today`, with the diagnostics it found.
pub(super) fn ledger_with(
    wraps: Vec<Wrap>,
    records: Vec<DecisionRecord>,
    today: &str,
) -> (Ledger, Diagnostics) {
    let content = Content {
        // Asks are named as parsing names them.
        wraps: wraps
            .into_iter()
            .map(|mut w| {
                crate::content::ask::name(&mut w.asks, &w.author, w.at);
                Arc::new(w)
            })
            .collect(),
        records: records.into_iter().map(Arc::new).collect(),
        complete: true,
    };
    let mut d = Diagnostics::new();
    let ledger = Ledger::build(&config(), content, AsOf::Day(day(today)), &mut d);
    (ledger, d)
}

/// The ledger of the test site holding `wraps`, counted to `today`.
pub(super) fn ledger(wraps: Vec<Wrap>, today: &str) -> (Ledger, Diagnostics) {
    ledger_with(wraps, Vec::new(), today)
}

/// A person named as written (not listed in `[people]`).
pub(super) fn person(name: &str) -> PersonRef {
    PersonRef {
        key: PersonKey::from_name(name).expect("a name"),
        name: name.to_string(),
    }
}

/// An ask written as text (`"platform: shard 4"`).
pub(super) fn ask(written: &str) -> Ask {
    let (to, what) = split_address(written);
    Ask {
        what_at: written.len() - what.len(),
        written: written.to_string(),
        to,
        to_span: 0..0,
        due: None,
        id: None,
        generated: Default::default(),
        span: 0..0,
    }
}

/// An `[ack]` line: `item = "verb"`.
pub(super) fn ack(item: &str, verb: AckVerb) -> Ack {
    Ack {
        item: Located::new(ItemId::new(item).expect("an ask id"), 0..0),
        verb,
        note: None,
        span: 0..0,
    }
}
