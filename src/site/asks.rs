//! Every ask as it stands now, as the register of asks (`/asks/`) and
//! `api/asks.json` show it: one view for both, so they cannot disagree.

use chrono::NaiveDate;
use serde::Serialize;

use super::format;
use super::summaries::Lines;
use super::urls;
use super::views::{
    ReceiverRef, ack_words, item_anchor, item_url, receiver_filter, receiver_ref, status_word,
};
use crate::ledger::Ledger;
use crate::ledger::handover::{ItemAsOf, ItemStatus};

/// One ask, where it stands now.
#[derive(Debug, Serialize)]
pub(crate) struct AskNow<'a> {
    pub id: &'a str,
    pub what: &'a str,
    /// Whom it is for now (after any hand-on).
    pub to: ReceiverRef,
    /// `to` as the register filters by it: `payments`, `@ana`, `everyone`.
    pub to_filter: String,
    /// Who asked, as pages name them, and their key.
    pub author: &'a str,
    pub author_key: &'a str,
    /// The day it was written, `2026-11-20`, and `Fri 20 Nov`.
    pub written: String,
    pub written_label: &'a str,
    /// `open`, `taken`, `done`, `declined` or `lapsed`.
    pub status: &'static str,
    /// Its receiver let a shift pass without picking it up (and it is
    /// still open).
    pub unacknowledged: bool,
    pub taken_by: Option<&'a str>,
    /// The day it lapsed, for a lapsed ask: `2026-11-27`.
    pub lapsed_on: Option<String>,
    /// Days since it was written.
    pub age_days: i64,
    /// `today`, `3 days`.
    pub age: String,
    /// The last acknowledgement, in words (`taken by Tomasz`), and its day.
    pub last_word: Option<String>,
    pub last_day: Option<String>,
    /// Its place on the page of the wrap that wrote it, as pages link it
    /// (`wraps/2026-11-20/ana-1000/index.html#item-…`: it opens from disk).
    pub page: String,
    /// The same, as the API writes URLs (`wraps/2026-11-20/ana-1000/#item-…`).
    pub url: String,
    /// Every acknowledgement, oldest first.
    pub history: Vec<AskEvent<'a>>,
    /// The words the register's filters match: its status, and
    /// `unacknowledged` when it is.
    pub states: String,
    /// The ages the register's filter matches: `1d 7d 30d`, `7d 30d`,
    /// `30d` or `old`.
    pub ages: &'static str,
}

/// One acknowledgement of an ask.
#[derive(Debug, Serialize)]
pub(crate) struct AskEvent<'a> {
    /// `taken`, `done`, `declined`, `handed on`.
    pub verb: &'static str,
    /// `taken by Tomasz`, `handed on to Platform`.
    pub words: String,
    pub note: Option<&'a str>,
    /// The day it was written, `2026-11-21`, and who wrote it.
    pub day: String,
    pub by: &'a str,
    /// The acknowledging wrap's page (API form).
    pub wrap_url: &'a str,
}

/// When an ask last changed for good: closed or lapsed on that day
/// (`None` while it is live).
pub(crate) fn ended_on(ledger: &Ledger, now: &ItemAsOf) -> Option<NaiveDate> {
    let item = ledger.handover.item(now.item);
    match &now.state.status {
        ItemStatus::Lapsed { on } => Some(*on),
        ItemStatus::Done | ItemStatus::Declined => {
            item.events.last().map(|e| ledger.wrap(e.wrap).day)
        }
        _ => None,
    }
}

/// The view of `now`, an entry of the ledger's `asks_now`.
pub(crate) fn ask_now<'a>(ledger: &'a Ledger, lines: &'a Lines, now: &'a ItemAsOf) -> AskNow<'a> {
    let item = ledger.handover.item(now.item);
    let line = &lines.wraps[item.wrap.0];
    let written = ledger.wrap(item.wrap);
    let last = item.events.last();
    let status = status_word(&now.state.status);
    let unacknowledged = now.unacknowledged && now.state.status == ItemStatus::Open;
    AskNow {
        id: item.id.as_str(),
        what: item.what(&ledger.wraps),
        to: receiver_ref(ledger, &now.state.receiver),
        to_filter: receiver_filter(&now.state.receiver),
        author: &line.author,
        author_key: written.author().as_str(),
        written: format::iso_day(written.day),
        written_label: &line.day_label,
        status,
        unacknowledged,
        taken_by: match &now.state.status {
            ItemStatus::Taken { name, .. } => Some(name),
            _ => None,
        },
        lapsed_on: match now.state.status {
            ItemStatus::Lapsed { on } => Some(format::iso_day(on)),
            _ => None,
        },
        age_days: now.age_days,
        age: format::duration_days(now.age_days),
        last_word: last.map(|e| ack_words(ledger, &e.kind)),
        last_day: last.map(|e| format::day(ledger.wrap(e.wrap).day)),
        page: item_url(ledger, lines, now.item),
        url: format!(
            "{}#{}",
            urls::pretty(&line.url),
            item_anchor(item.id.as_str())
        ),
        history: item
            .events
            .iter()
            .map(|e| AskEvent {
                verb: e.kind.verb(),
                words: ack_words(ledger, &e.kind),
                note: e.note.as_deref(),
                day: format::iso_day(ledger.wrap(e.wrap).day),
                by: &lines.wraps[e.wrap.0].author,
                wrap_url: urls::pretty(&lines.wraps[e.wrap.0].url),
            })
            .collect(),
        states: if unacknowledged {
            format!("{status} unacknowledged")
        } else {
            status.to_string()
        },
        ages: match now.age_days {
            ..=1 => "1d 7d 30d",
            2..=7 => "7d 30d",
            8..=30 => "30d",
            _ => "old",
        },
    }
}
