//! The home page, the daily briefs and their index.

use std::collections::BTreeSet;

use serde::Serialize;
use tera::Context;

use super::risks::describe_attention;
use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::brief::RiskTouch;
use crate::ledger::{Brief, DayIdx, WrapIdx};
use crate::site::lines::{DecisionLine, RiskLine, TeamRef, WrapLine, team_ref};
use crate::site::{format, urls};

/// A link to a day's brief.
#[derive(Debug, Clone, Serialize)]
pub struct DayRef {
    pub url: String,
    pub date: String,
    pub label: String,
}

/// A short link to a wrap: who, and when in their own time zone.
#[derive(Debug, Clone, Serialize)]
pub struct WrapRef {
    pub url: String,
    pub author: String,
    pub time: String,
    pub day_label: String,
}

#[derive(Serialize)]
struct BriefView {
    date: String,
    label: String,
    long_label: String,
    url: String,
    wrap_count: usize,
    team_count: usize,
    author_count: usize,
    reading_minutes: usize,
    attention: Vec<AttentionView>,
    closed: Vec<AttentionView>,
    decisions: Vec<BriefDecision>,
    next: Vec<NextGroup>,
    shifts: Vec<ShiftView>,
    prev: Option<DayRef>,
    next_day: Option<DayRef>,
}

/// A risk as one touch of the day left it.
#[derive(Serialize)]
struct AttentionView {
    risk: RiskLine,
    /// `raised`, `escalated medium → high`, `blocking`, ...
    events: Vec<String>,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    owner: Option<String>,
    note: Option<String>,
    wrap: WrapRef,
}

#[derive(Serialize)]
struct BriefDecision {
    decision: DecisionLine,
    new: bool,
    wrap: Option<WrapRef>,
    /// For a restatement, what the restating wrap said about it.
    note: Option<String>,
}

#[derive(Serialize)]
struct NextGroup {
    team: Option<TeamRef>,
    label: String,
    items: Vec<NextItem>,
}

#[derive(Serialize)]
struct NextItem {
    text: String,
    wrap: WrapRef,
}

#[derive(Serialize)]
struct ShiftView {
    label: String,
    wraps: Vec<WrapLine>,
}

/// What needs someone now, whatever day it was raised.
#[derive(Serialize)]
struct NowView {
    blockers: Vec<RiskLine>,
    high: Vec<RiskLine>,
    stale: Vec<RiskLine>,
    open_count: usize,
}

pub fn day_ref(brief: &Brief) -> DayRef {
    DayRef {
        url: urls::brief(brief.day),
        date: format::iso_day(brief.day),
        label: format::day(brief.day),
    }
}

pub fn wrap_ref(cx: &RenderContext, wrap: WrapIdx) -> WrapRef {
    let line = &cx.lines.wraps[wrap.0];
    WrapRef {
        url: line.url.clone(),
        author: line.author.clone(),
        time: line.author_time.clone(),
        day_label: line.day_label.clone(),
    }
}

pub fn home(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let mut blockers = Vec::new();
    let mut high = Vec::new();
    for idx in ledger.needs_attention_now() {
        let line = cx.lines.risks[idx.0].clone();
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
        .map(|(i, _)| cx.lines.risks[i].clone())
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
    context.insert("now", &now);
    if let Some(day) = ledger.latest_brief() {
        context.insert("brief", &brief_view(cx, day));
    }
    ("home.html", cx.site.title.clone(), Section::Today)
}

/// Puts the view of a day's brief into `context` as `brief` (for feeds).
pub fn insert_brief(cx: &RenderContext, day: DayIdx, context: &mut Context) {
    context.insert("brief", &brief_view(cx, day));
}

pub fn brief_page(
    cx: &RenderContext,
    day: DayIdx,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let view = brief_view(cx, day);
    let title = format!("Brief for {}", view.long_label);
    context.insert("brief", &view);
    ("brief.html", title, Section::Briefs)
}

fn brief_view(cx: &RenderContext, day: DayIdx) -> BriefView {
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
            .map(|d| BriefDecision {
                decision: cx.lines.decisions[d.decision.0].clone(),
                new: d.new,
                wrap: d.wrap.map(|w| wrap_ref(cx, w)),
                note: d.wrap.filter(|_| !d.new).and_then(|w| {
                    let mentions = &ledger.decision(d.decision).mentions;
                    mentions
                        .iter()
                        .find(|m| m.wrap == w)
                        .and_then(|m| m.note.clone())
                }),
            })
            .collect(),
        next: brief
            .next
            .iter()
            .map(|group| NextGroup {
                team: group.team.as_ref().map(|t| team_ref(t, cx.config)),
                label: group.team.as_ref().map_or_else(
                    || "No team".to_string(),
                    |t| cx.config.team_name(t).to_string(),
                ),
                items: group
                    .items
                    .iter()
                    .map(|item| NextItem {
                        text: item.text.clone(),
                        wrap: wrap_ref(cx, item.wrap),
                    })
                    .collect(),
            })
            .collect(),
        shifts: brief
            .shifts
            .iter()
            .map(|shift| ShiftView {
                label: shift.label.clone(),
                wraps: shift
                    .wraps
                    .iter()
                    .map(|w| cx.lines.wraps[w.0].clone())
                    .collect(),
            })
            .collect(),
        prev: day.0.checked_sub(1).map(|i| day_ref(&ledger.briefs[i])),
        next_day: ledger.briefs.get(day.0 + 1).map(day_ref),
    }
}

fn attention_view(cx: &RenderContext, touch: RiskTouch) -> AttentionView {
    let risk = cx.ledger.risk(touch.risk);
    let entry = &risk.history[touch.touch];
    AttentionView {
        risk: cx.lines.risks[touch.risk.0].clone(),
        events: describe_attention(entry),
        severity: entry.after.severity,
        status: entry.after.status,
        blocker: entry.after.blocker,
        owner: entry.after.owner.clone(),
        note: entry.note.clone(),
        wrap: wrap_ref(cx, entry.wrap),
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

pub fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let mut months: Vec<MonthView> = Vec::new();
    for brief in cx.ledger.briefs.iter().rev() {
        let label = format::month(brief.day);
        let summary = DaySummary {
            day: day_ref(brief),
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
    context.insert("months", &months);
    ("briefs.html", "Daily briefs".to_string(), Section::Briefs)
}
