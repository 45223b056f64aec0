//! The home page, the daily briefs and their index.

mod asks;
mod budget;
mod fitting;
mod home;
mod index;

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::brief::{DayDecision, RiskTouch};
use crate::ledger::{Brief, DayIdx};
use crate::site::summaries::{DecisionLine, RiskLine, WrapLine};
use crate::site::views::{
    AckView, IncidentView, OnCallView, StateView, incident_view, on_call_views, state_views,
};
use crate::site::wording::{DayRef, WrapRef, day_ref, describe_attention, wrap_ref};
use crate::site::{format, urls};
use asks::{AskGroup, AskList, LapsedView, ask_groups, ask_list, is_in_hand};
use fitting::fit;
use home::NowView;
pub(super) use home::home;
pub(super) use index::index;

const NO_INCIDENTS: &str = "no incidents";
/// How many stale risks the home page names.
const STALE_SHOWN: usize = 5;
const NO_RISKS: &str = "no risks raised or escalated";

#[derive(Serialize)]
struct BriefView<'a> {
    date: String,
    label: String,
    long_label: String,
    url: String,
    wrap_count: usize,
    team_count: usize,
    author_count: usize,
    reading_minutes: usize,
    /// Ongoing at the day's end, then resolved that day.
    incidents: Vec<IncidentView<'a>>,
    ongoing_count: usize,
    on_call: Vec<OnCallView<'a>>,
    states: Vec<StateView>,
    /// Asks whose receiver let a shift pass without acknowledging them.
    unacknowledged: AskList<'a>,
    /// Asks that lapsed since the previous brief: nobody picked them up in
    /// time.
    lapsed: Vec<LapsedView<'a>>,
    lapsed_more: usize,
    lapsed_url: String,
    /// `[handover] lapse_after_days` (0 when asks never lapse).
    lapse_after_days: u32,
    /// The other open asks, by receiver.
    asks: Vec<AskGroup<'a>>,
    /// Taken, not yet done.
    in_hand: AskList<'a>,
    /// Asks acknowledged that day and closed since, each once (see
    /// [`asks::picked_up`]).
    acknowledged: Vec<AckView<'a>>,
    acknowledged_more: usize,
    /// Open or in hand at the day's end.
    open_item_count: usize,
    /// Open asks not yet taken and not unacknowledged: to pick up.
    waiting_count: usize,
    /// Unacknowledged at the day's end.
    unacknowledged_count: usize,
    /// In hand at the day's end.
    in_hand_count: usize,
    /// The register of asks.
    asks_url: &'static str,
    /// What the day had none of, said once: `no incidents`, ...
    quiet: Vec<&'static str>,
    attention: Vec<AttentionView<'a>>,
    attention_more: usize,
    closed: Vec<AttentionView<'a>>,
    closed_more: usize,
    decisions: Vec<BriefDecisionView<'a>>,
    decisions_more: usize,
    shifts: Vec<ShiftView<'a>>,
    prev: Option<DayRef>,
    next_day: Option<DayRef>,
}

/// A risk as one touch of the day left it.
#[derive(Serialize)]
struct AttentionView<'a> {
    risk: &'a RiskLine,
    /// `raised`, `escalated medium → high`, `blocking`, ...
    events: Vec<String>,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    owner: Option<&'a str>,
    note: Option<&'a str>,
    wrap: WrapRef<'a>,
}

#[derive(Serialize)]
struct BriefDecisionView<'a> {
    decision: &'a DecisionLine,
    new: bool,
    wrap: Option<WrapRef<'a>>,
    /// For a restatement, what the restating wrap said about it.
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct ShiftView<'a> {
    label: &'a str,
    wraps: Vec<&'a WrapLine>,
    /// Wraps past the reading budget: named, without their summaries.
    also: Vec<&'a WrapLine>,
}

/// Puts the view of a day's brief into `context` as `brief` (for feeds).
pub(crate) fn insert_brief(cx: &RenderContext, day: DayIdx, context: &mut Context) {
    context.insert("brief", &brief_view(cx, day));
}

/// The minutes a day's brief page takes to read: what the index of briefs
/// and the API say of it. Counted for every brief the first time one is
/// asked for, in parallel, and kept with the lines of the build.
pub(crate) fn reading_minutes(cx: &RenderContext, day: DayIdx) -> usize {
    let all = cx.lines.reading_minutes.get_or_init(|| {
        (0..cx.ledger.briefs.len())
            .into_par_iter()
            .map(|i| brief_view(cx, DayIdx(i)).reading_minutes)
            .collect()
    });
    all.get(day.0).copied().unwrap_or(1)
}

pub(crate) fn brief_page(
    cx: &RenderContext,
    day: DayIdx,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let view = brief_view(cx, day);
    let title = format!("Brief for {}", view.long_label);
    context.insert("brief", &view);
    ("brief.html", title, Section::Briefs)
}

/// The view of a day's brief, within its reading budget.
fn brief_view<'a>(cx: &RenderContext<'a>, day: DayIdx) -> BriefView<'a> {
    let mut view = whole_brief_view(cx, day, &cx.ledger.briefs[day.0]);
    fit(&mut view, None);
    view
}

/// The view of `brief`, the brief of `day` as of its end or carried on
/// to now, each list as long as the day keeps it.
fn whole_brief_view<'a>(cx: &RenderContext<'a>, day: DayIdx, brief: &'a Brief) -> BriefView<'a> {
    let ledger = cx.ledger;
    let handover = &brief.handover;
    let open = ledger.open_asks(brief);
    let (lapsed, lapsed_more) = asks::lapsed(brief, cx);
    let (acknowledged, acknowledged_more) = asks::picked_up(brief, cx);
    BriefView {
        date: format::iso_day(brief.day),
        label: format::day(brief.day),
        long_label: format::long_day(brief.day),
        url: urls::brief(brief.day),
        wrap_count: brief.wraps.len(),
        team_count: team_count(cx, brief),
        author_count: author_count(cx, brief),
        reading_minutes: 1,
        attention: attention_views(cx, &brief.attention),
        attention_more: 0,
        closed: attention_views(cx, &brief.closed),
        closed_more: 0,
        decisions_more: 0,
        decisions: brief
            .decisions
            .iter()
            .map(|d| decision_view(cx, d))
            .collect(),
        incidents: incident_views(cx, brief),
        ongoing_count: brief
            .incidents
            .iter()
            .filter(|i| i.state.status.is_ongoing())
            .count(),
        on_call: on_call_views(ledger, cx.lines, cx.config, &brief.on_call),
        states: state_views(ledger, brief),
        unacknowledged: ask_list(
            &open,
            brief,
            cx,
            |o| o.unacknowledged,
            handover.unacknowledged_count(),
            asks::SHOWN,
            &[("state", "unacknowledged")],
        ),
        lapsed,
        lapsed_more,
        lapsed_url: urls::asks_view(&[("state", "lapsed")]),
        lapse_after_days: cx.config.handover.lapse_after_days.unwrap_or(0),
        asks: ask_groups(&open, brief, cx),
        in_hand: ask_list(
            &open,
            brief,
            cx,
            is_in_hand,
            handover.in_hand_count(),
            asks::SHOWN,
            &[("state", "taken")],
        ),
        acknowledged,
        acknowledged_more,
        open_item_count: handover.open_count(),
        waiting_count: handover.waiting_count(),
        unacknowledged_count: handover.unacknowledged_count(),
        in_hand_count: handover.in_hand_count(),
        asks_url: urls::ASKS,
        quiet: quiet(brief),
        shifts: shift_views(cx, brief),
        prev: day.0.checked_sub(1).map(|i| day_ref(ledger.briefs[i].day)),
        next_day: ledger.briefs.get(day.0 + 1).map(|b| day_ref(b.day)),
    }
}

/// How many teams wrote the day's wraps.
fn team_count(cx: &RenderContext, brief: &Brief) -> usize {
    let teams: BTreeSet<_> = brief
        .wraps
        .iter()
        .filter_map(|w| cx.ledger.wrap(*w).wrap.team.as_ref())
        .collect();
    teams.len()
}

/// How many people wrote the day's wraps.
fn author_count(cx: &RenderContext, brief: &Brief) -> usize {
    let authors: BTreeSet<_> = brief
        .wraps
        .iter()
        .map(|w| cx.ledger.wrap(*w).author())
        .collect();
    authors.len()
}

/// The day's incidents as it left them: ongoing, then resolved that day.
fn incident_views<'a>(cx: &RenderContext<'a>, brief: &'a Brief) -> Vec<IncidentView<'a>> {
    brief
        .incidents
        .iter()
        .map(|i| {
            incident_view(
                cx.ledger,
                cx.lines,
                i.incident,
                &i.state,
                brief.last_moment(),
            )
        })
        .collect()
}

/// The day's wraps, shift by shift, every one with its summary (until
/// the reading budget cuts them).
fn shift_views<'a>(cx: &RenderContext<'a>, brief: &'a Brief) -> Vec<ShiftView<'a>> {
    brief
        .shifts
        .iter()
        .map(|shift| ShiftView {
            label: &shift.label,
            wraps: shift.wraps.iter().map(|w| &*cx.lines.wraps[w.0]).collect(),
            also: Vec::new(),
        })
        .collect()
}

/// A decision of the day: for one restated, what the restating wrap said.
fn decision_view<'a>(cx: &RenderContext<'a>, d: &'a DayDecision) -> BriefDecisionView<'a> {
    BriefDecisionView {
        decision: &cx.lines.decisions[d.decision.0],
        new: d.new,
        wrap: d.wrap.map(|w| wrap_ref(cx.lines, w)),
        note: d.wrap.filter(|_| !d.new).and_then(|w| {
            let mentions = &cx.ledger.decision(d.decision).mentions;
            mentions
                .iter()
                .find(|m| m.wrap == w)
                .and_then(|m| m.note.as_deref())
        }),
    }
}

/// What the day had none of, said once.
fn quiet(brief: &Brief) -> Vec<&'static str> {
    [
        (brief.incidents.is_empty(), NO_INCIDENTS),
        (brief.attention.is_empty(), NO_RISKS),
        (brief.decisions.is_empty(), "no decisions"),
    ]
    .into_iter()
    .filter_map(|(empty, words)| empty.then_some(words))
    .collect()
}

/// Risks as the day's touches left them.
fn attention_views<'a>(cx: &RenderContext<'a>, touches: &[RiskTouch]) -> Vec<AttentionView<'a>> {
    touches.iter().map(|t| attention_view(cx, *t)).collect()
}

fn attention_view<'a>(cx: &RenderContext<'a>, touch: RiskTouch) -> AttentionView<'a> {
    let risk = cx.ledger.risk(touch.risk);
    let entry = &risk.history[touch.touch];
    AttentionView {
        risk: &cx.lines.risks[touch.risk.0],
        events: describe_attention(entry),
        severity: entry.after.severity,
        status: entry.after.status,
        blocker: entry.after.blocker,
        owner: entry.after.owner.as_ref().map(|o| o.name.as_str()),
        note: entry.note.as_deref(),
        wrap: wrap_ref(cx.lines, entry.wrap),
    }
}
