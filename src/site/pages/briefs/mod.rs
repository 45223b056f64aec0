//! The home page, the daily briefs and their index.

mod asks;
mod index;

use std::collections::BTreeSet;

use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::content::pager::ShiftState;
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::DayIdx;
use crate::ledger::brief::RiskTouch;
use crate::site::handover::{
    AckView, IncidentView, OnCallView, ack_view, incident_view, on_call_views,
};
use crate::site::lines::{DecisionLine, RiskLine, TeamRef, WrapLine, team_ref};
use crate::site::vocabulary::{DayRef, WrapRef, day_ref, describe_attention, wrap_ref};
use crate::site::{format, urls};
use asks::{AskGroup, AskList, LapsedView, ask_groups, ask_list, is_in_hand};
pub(super) use index::index;

const NO_INCIDENTS: &str = "no incidents";
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
    /// Acknowledgements written that day, the first [`asks::SHOWN`] twice
    /// over.
    acknowledged: Vec<AckView<'a>>,
    acknowledged_more: usize,
    /// Open or in hand at the day's end.
    open_item_count: usize,
    /// Open asks not yet taken, unacknowledged ones included.
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
    closed: Vec<AttentionView<'a>>,
    decisions: Vec<BriefDecisionView<'a>>,
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

/// How a team said things stand.
#[derive(Serialize)]
struct StateView {
    team: String,
    state: ShiftState,
}

#[derive(Serialize)]
struct ShiftView<'a> {
    label: &'a str,
    wraps: Vec<&'a WrapLine>,
}

/// What needs someone now, whatever day it was raised.
#[derive(Serialize)]
struct NowView<'a> {
    blockers: Vec<&'a RiskLine>,
    high: Vec<&'a RiskLine>,
    stale: Vec<&'a RiskLine>,
    open_count: usize,
}

pub(crate) fn home(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let mut blockers = Vec::new();
    let mut high = Vec::new();
    for idx in ledger.needs_attention_now() {
        let line = &cx.lines.risks[idx.0];
        if line.blocker {
            blockers.push(line)
        } else {
            high.push(line)
        }
    }
    let stale = ledger
        .risks
        .iter()
        .enumerate()
        .filter(|(_, r)| r.stale)
        .map(|(i, _)| &cx.lines.risks[i])
        .filter(|l| !l.blocker && l.severity < Severity::High)
        .collect();
    let now = NowView {
        blockers,
        high,
        stale,
        open_count: ledger
            .risks
            .iter()
            .filter(|r| r.state.status.is_active())
            .count(),
    };
    if let Some(day) = ledger.latest_brief() {
        let mut view = brief_view(cx, day);
        // The open blockers and high risks lead the home page: the day's
        // list does not show them again.
        let leading: BTreeSet<&str> = now
            .blockers
            .iter()
            .chain(&now.high)
            .map(|r| r.id.as_str())
            .collect();
        view.attention
            .retain(|a| !leading.contains(a.risk.id.as_str()));
        // The home page always shows the open risks.
        view.quiet.retain(|q| *q != NO_RISKS);
        context.insert("brief", &view);
    }
    context.insert("now", &now);
    // For "my team": the reader picks one, and the page leads with its asks.
    let teams: Vec<TeamRef> = ledger
        .teams
        .iter()
        .map(|t| team_ref(&t.id, &t.name))
        .collect();
    context.insert("teams", &teams);
    ("home.html", cx.site.title.clone(), Section::Today)
}

/// Puts the view of a day's brief into `context` as `brief` (for feeds).
pub(crate) fn insert_brief(cx: &RenderContext, day: DayIdx, context: &mut Context) {
    context.insert("brief", &brief_view(cx, day));
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

fn brief_view<'a>(cx: &RenderContext<'a>, day: DayIdx) -> BriefView<'a> {
    let ledger = cx.ledger;
    let brief = &ledger.briefs[day.0];
    let teams: BTreeSet<_> = brief
        .wraps
        .iter()
        .filter_map(|w| ledger.wrap(*w).wrap.team.as_ref())
        .collect();
    let authors: BTreeSet<_> = brief
        .wraps
        .iter()
        .map(|w| ledger.wrap(*w).author())
        .collect();
    let handover = &brief.handover;
    let (lapsed, lapsed_more) = asks::lapsed(brief, cx);
    BriefView {
        date: format::iso_day(brief.day),
        label: format::day(brief.day),
        long_label: format::long_day(brief.day),
        url: urls::brief(brief.day),
        wrap_count: brief.wraps.len(),
        team_count: teams.len(),
        author_count: authors.len(),
        reading_minutes: brief.reading_minutes,
        attention: brief
            .attention
            .iter()
            .map(|t| attention_view(cx, *t))
            .collect(),
        closed: brief
            .closed
            .iter()
            .map(|t| attention_view(cx, *t))
            .collect(),
        decisions: brief
            .decisions
            .iter()
            .map(|d| BriefDecisionView {
                decision: &cx.lines.decisions[d.decision.0],
                new: d.new,
                wrap: d.wrap.map(|w| wrap_ref(cx.lines, w)),
                note: d.wrap.filter(|_| !d.new).and_then(|w| {
                    let mentions = &ledger.decision(d.decision).mentions;
                    mentions
                        .iter()
                        .find(|m| m.wrap == w)
                        .and_then(|m| m.note.as_deref())
                }),
            })
            .collect(),
        incidents: brief
            .incidents
            .iter()
            .map(|i| incident_view(ledger, cx.lines, i.incident, &i.state, brief.last_moment()))
            .collect(),
        ongoing_count: brief
            .incidents
            .iter()
            .filter(|i| i.state.status.is_ongoing())
            .count(),
        on_call: on_call_views(ledger, cx.lines, cx.config, &brief.on_call),
        states: brief
            .states
            .iter()
            .map(|(team, state)| StateView {
                team: team
                    .as_ref()
                    .map_or("No team".to_string(), |t| ledger.names.team(t).to_string()),
                state: *state,
            })
            .collect(),
        unacknowledged: ask_list(
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
        asks: ask_groups(brief, cx),
        in_hand: ask_list(
            brief,
            cx,
            is_in_hand,
            handover.in_hand_count(),
            asks::SHOWN,
            &[("state", "taken")],
        ),
        acknowledged: handover
            .acknowledged
            .iter()
            .take(2 * asks::SHOWN)
            .map(|&(item, event)| ack_view(ledger, cx.lines, item, event))
            .collect(),
        acknowledged_more: handover.acknowledged.len().saturating_sub(2 * asks::SHOWN),
        open_item_count: handover.open_count(),
        waiting_count: handover.waiting_count() + handover.unacknowledged_count(),
        unacknowledged_count: handover.unacknowledged_count(),
        in_hand_count: handover.in_hand_count(),
        asks_url: urls::ASKS,
        quiet: [
            (brief.incidents.is_empty(), NO_INCIDENTS),
            (brief.attention.is_empty(), NO_RISKS),
            (brief.decisions.is_empty(), "no decisions"),
        ]
        .into_iter()
        .filter_map(|(empty, words)| empty.then_some(words))
        .collect(),
        shifts: brief
            .shifts
            .iter()
            .map(|shift| ShiftView {
                label: &shift.label,
                wraps: shift.wraps.iter().map(|w| &*cx.lines.wraps[w.0]).collect(),
            })
            .collect(),
        prev: day.0.checked_sub(1).map(|i| day_ref(ledger.briefs[i].day)),
        next_day: ledger.briefs.get(day.0 + 1).map(|b| day_ref(b.day)),
    }
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
