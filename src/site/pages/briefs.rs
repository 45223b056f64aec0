//! The home page, the daily briefs and their index.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{RenderContext, Section, Sink};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::brief::RiskTouch;
use crate::ledger::handover::Receiver;
use crate::ledger::{Brief, DayIdx};
use crate::site::lines::{DecisionLine, RiskLine, TeamRef, WrapLine, team_ref};
use crate::site::vocabulary::{DayRef, WrapRef, day_ref, describe_attention, wrap_ref};
use crate::site::{format, urls};

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
    attention: Vec<AttentionView<'a>>,
    closed: Vec<AttentionView<'a>>,
    decisions: Vec<BriefDecisionView<'a>>,
    next: Vec<NextGroup<'a>>,
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
struct NextGroup<'a> {
    team: Option<TeamRef>,
    label: String,
    items: Vec<NextItemView<'a>>,
}

#[derive(Serialize)]
struct NextItemView<'a> {
    text: &'a str,
    wrap: WrapRef<'a>,
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

pub(crate) fn home(cx: &RenderContext, sink: &mut impl Sink) -> (&'static str, String, Section) {
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
    sink.insert("now", &now);
    if let Some(day) = ledger.latest_brief() {
        sink.insert("brief", &brief_view(cx, day));
    }
    ("home.html", cx.site.title.clone(), Section::Today)
}

/// Puts the view of a day's brief into `context` as `brief` (for feeds).
pub(crate) fn insert_brief(cx: &RenderContext, day: DayIdx, sink: &mut impl Sink) {
    sink.insert("brief", &brief_view(cx, day));
}

pub(crate) fn brief_page(
    cx: &RenderContext,
    day: DayIdx,
    sink: &mut impl Sink,
) -> (&'static str, String, Section) {
    let view = brief_view(cx, day);
    let title = format!("Brief for {}", view.long_label);
    sink.insert("brief", &view);
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
        next: next_groups(brief, cx),
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

#[derive(Serialize)]
struct MonthView {
    label: String,
    days: Vec<DaySummary>,
}

#[derive(Serialize)]
struct DaySummary {
    day: DayRef,
    wrap_count: usize,
    attention_count: usize,
    decision_count: usize,
    reading_minutes: usize,
}

pub(crate) fn index(cx: &RenderContext, sink: &mut impl Sink) -> (&'static str, String, Section) {
    let mut months: Vec<MonthView> = Vec::new();
    for brief in cx.ledger.briefs.iter().rev() {
        let label = format::month(brief.day);
        let summary = DaySummary {
            day: day_ref(brief.day),
            wrap_count: brief.wraps.len(),
            attention_count: brief.attention.len(),
            decision_count: brief.decisions.len(),
            reading_minutes: brief.reading_minutes,
        };
        match months.last_mut() {
            Some(month) if month.label == label => month.days.push(summary),
            _ => months.push(MonthView {
                label,
                days: vec![summary],
            }),
        }
    }
    sink.insert("months", &months);
    ("briefs.html", "Daily briefs".to_string(), Section::Briefs)
}

/// The asks open at the end of the brief's day, grouped by whom they are
/// for (teams first, then people, then everyone).
fn next_groups<'a>(brief: &'a Brief, cx: &RenderContext<'a>) -> Vec<NextGroup<'a>> {
    let ledger = cx.ledger;
    let mut groups: Vec<(Receiver, NextGroup)> = Vec::new();
    for open in &brief.handover.open {
        let item = ledger.handover.item(open.item);
        let receiver = open.state.receiver.clone();
        let view = NextItemView {
            text: &item.what,
            wrap: wrap_ref(cx.lines, item.wrap),
        };
        match groups.iter_mut().find(|(r, _)| *r == receiver) {
            Some((_, group)) => group.items.push(view),
            None => {
                let (team, label) = match &receiver {
                    Receiver::Team(t) => (
                        Some(team_ref(t, ledger.names.team(t))),
                        ledger.names.team(t).to_string(),
                    ),
                    Receiver::Person(p) => (None, format!("For {p}")),
                    Receiver::Everyone => (None, "Everyone".to_string()),
                };
                groups.push((
                    receiver,
                    NextGroup {
                        team,
                        label,
                        items: vec![view],
                    },
                ));
            }
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups.into_iter().map(|(_, g)| g).collect()
}
