//! The register of asks (`/asks/`): every ask open or in hand now, then
//! those that lapsed or were closed in the last weeks, filterable by
//! receiver, writer, state and age through URL parameters (a view is a
//! link). Older asks stay on the pages of the wraps that wrote them and in
//! `api/asks.json`: the page costs what the last weeks hold, whatever the
//! history.

use chrono::Days;
use serde::Serialize;
use tera::Context;

use super::{RenderContext, Section};
use crate::ledger::handover::ItemAsOf;
use crate::site::asks::{AskNow, ask_now, ended_on};
use crate::site::urls;

/// How far back the register lists asks that ended (lapsed or closed).
pub(crate) const ENDED_WITHIN_DAYS: u64 = 28;

#[derive(Serialize)]
struct RegisterView<'a> {
    /// Open or in hand: unacknowledged first, then by receiver, oldest
    /// first.
    live: Vec<AskNow<'a>>,
    /// Lapsed within [`ENDED_WITHIN_DAYS`], newest first.
    lapsed: Vec<AskNow<'a>>,
    /// Done or declined within [`ENDED_WITHIN_DAYS`], newest first.
    closed: Vec<AskNow<'a>>,
    /// Asks that ended before the window.
    older: usize,
    unacknowledged_count: usize,
    within_days: u64,
    lapse_after_days: u32,
    api_url: &'static str,
}

pub(crate) fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let since = ledger
        .today
        .checked_sub_days(Days::new(ENDED_WITHIN_DAYS))
        .unwrap_or(ledger.today);
    let mut live: Vec<&ItemAsOf> = Vec::new();
    let mut ended: Vec<(chrono::NaiveDate, &ItemAsOf)> = Vec::new();
    let mut older = 0;
    for now in &ledger.asks_now {
        match ended_on(ledger, now) {
            None => live.push(now),
            Some(day) if day > since => ended.push((day, now)),
            Some(_) => older += 1,
        }
    }
    live.sort_by(|a, b| {
        b.unacknowledged
            .cmp(&a.unacknowledged)
            .then_with(|| a.state.receiver.cmp(&b.state.receiver))
            .then(b.age_days.cmp(&a.age_days))
            .then(a.item.cmp(&b.item))
    });
    ended.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.item.cmp(&a.1.item)));
    let (lapsed, closed): (Vec<_>, Vec<_>) = ended
        .into_iter()
        .map(|(_, now)| ask_now(ledger, cx.lines, now))
        .partition(|a| a.status == "lapsed");
    let live: Vec<AskNow> = live
        .into_iter()
        .map(|now| ask_now(ledger, cx.lines, now))
        .collect();
    let view = RegisterView {
        unacknowledged_count: live.iter().filter(|a| a.unacknowledged).count(),
        live,
        lapsed,
        closed,
        older,
        within_days: ENDED_WITHIN_DAYS,
        lapse_after_days: cx.config.handover.lapse_after_days.unwrap_or(0),
        api_url: urls::API_ASKS,
    };
    context.insert("register", &view);
    ("asks.html", "Register of asks".to_string(), Section::Asks)
}
