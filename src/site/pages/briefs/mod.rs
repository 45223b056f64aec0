//! The home page, the daily briefs and their index.

mod asks;
mod budget;
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

/// Cuts `view` (and, on the home page, `now`) to what reads in five
/// minutes, section by section in the order a hand-over goes (see
/// [`budget`]), and sets its reading time from the words it shows.
fn fit(view: &mut BriefView, now: Option<&mut NowView>) {
    let (sections, fixed) = candidates(view, now.as_deref());
    let (taken, used) = budget::plan(&sections);
    let named = cut_to(view, now, taken);
    let words = used + fixed + named * budget::Entry::Named.words();
    view.reading_minutes = budget::minutes(words);
}

/// What the brief could show, section by section in the order the budget
/// is spent, and the words of what is never cut.
fn candidates(view: &BriefView, now: Option<&NowView>) -> (Vec<budget::Candidates>, usize) {
    use budget::{Candidates, Entry, words};
    let asks =
        |items: &[crate::site::views::ItemView]| items.iter().map(|i| words(i.what)).collect();
    let risk = |r: &RiskLine| words(&r.title) + r.mitigation.as_deref().map_or(0, words);
    let section = |kind, texts| Candidates {
        kind,
        frame: budget::SECTION_WORDS,
        texts,
    };
    let mut sections = vec![
        section(Entry::Ask, asks(&view.unacknowledged.items)),
        section(
            Entry::Lapsed,
            view.lapsed.iter().map(|l| words(l.what())).collect(),
        ),
    ];
    sections.extend(view.asks.iter().map(|g| Candidates {
        kind: Entry::Ask,
        frame: budget::GROUP_WORDS,
        texts: asks(&g.list().items),
    }));
    sections.push(section(Entry::Ask, asks(&view.in_hand.items)));
    if let Some(now) = now {
        let texts = now
            .blockers
            .iter()
            .chain(&now.high)
            .map(|r| risk(r))
            .collect();
        sections.push(section(Entry::Card, texts));
    }
    let attention = |list: &[AttentionView]| {
        list.iter()
            .map(|a| words(&a.risk.title) + a.note.map_or(0, words))
            .collect()
    };
    sections.push(section(Entry::Risk, attention(&view.attention)));
    sections.push(section(
        Entry::Decision,
        view.decisions
            .iter()
            .map(|d| {
                words(&d.decision.title) + d.note.map_or_else(|| words(&d.decision.why), words)
            })
            .collect(),
    ));
    sections.push(section(
        Entry::Ack,
        view.acknowledged
            .iter()
            .map(|a| words(a.what) + a.note.map_or(0, words))
            .collect(),
    ));
    // Closed risks share the acknowledgements' heading.
    sections.push(Candidates {
        kind: Entry::Risk,
        frame: 0,
        texts: attention(&view.closed),
    });
    let wraps: Vec<&WrapLine> = view
        .shifts
        .iter()
        .flat_map(|s| s.wraps.iter().copied())
        .collect();
    sections.push(Candidates {
        kind: Entry::Wrap,
        frame: budget::GROUP_WORDS,
        texts: wraps
            .iter()
            .map(|w| w.summary.as_deref().map_or(0, words))
            .collect(),
    });
    // Incidents and who is on call are never cut: they lead every brief.
    let fixed: usize = view
        .incidents
        .iter()
        .map(|i| words(i.title) + i.note.map_or(0, words) + Entry::Incident.words())
        .sum::<usize>()
        + view.on_call.len() * Entry::OnCall.words();
    (sections, fixed)
}

/// Keeps of each section what the budget took (`taken`, in the order of
/// [`candidates`]), counting the rest as "more"; returns how many wraps are
/// named without their summaries.
fn cut_to(view: &mut BriefView, now: Option<&mut NowView>, taken: Vec<usize>) -> usize {
    let mut taken = taken.into_iter();
    let cut = |more: &mut usize, len: usize, keep: usize| {
        *more += len - keep;
        keep
    };
    let mut next = || taken.next().unwrap_or(0);
    let n = next();
    view.unacknowledged.truncate(n);
    let n = next();
    let kept = cut(&mut view.lapsed_more, view.lapsed.len(), n);
    view.lapsed.truncate(kept);
    for group in &mut view.asks {
        group.truncate(next());
    }
    let n = next();
    view.in_hand.truncate(n);
    if let Some(now) = now {
        let n = next();
        now.more +=
            now.blockers.len() + now.high.len() - n.min(now.blockers.len() + now.high.len());
        now.blockers.truncate(n);
        now.high.truncate(n - now.blockers.len());
    }
    let n = next();
    let kept = cut(&mut view.attention_more, view.attention.len(), n);
    view.attention.truncate(kept);
    let n = next();
    let kept = cut(&mut view.decisions_more, view.decisions.len(), n);
    view.decisions.truncate(kept);
    let n = next();
    let kept = cut(&mut view.acknowledged_more, view.acknowledged.len(), n);
    view.acknowledged.truncate(kept);
    let n = next();
    let kept = cut(&mut view.closed_more, view.closed.len(), n);
    view.closed.truncate(kept);
    // Wraps past the budget are named, without their summaries: every
    // wrap of the day stays a click away.
    let mut wraps_left = next();
    let mut named = 0;
    for shift in &mut view.shifts {
        let keep = wraps_left.min(shift.wraps.len());
        wraps_left -= keep;
        shift.also = shift.wraps.split_off(keep);
        named += shift.also.len();
    }
    named
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
    let open = ledger.open_asks(brief);
    let (lapsed, lapsed_more) = asks::lapsed(brief, cx);
    let (acknowledged, acknowledged_more) = asks::picked_up(brief, cx);
    BriefView {
        date: format::iso_day(brief.day),
        label: format::day(brief.day),
        long_label: format::long_day(brief.day),
        url: urls::brief(brief.day),
        wrap_count: brief.wraps.len(),
        team_count: teams.len(),
        author_count: authors.len(),
        reading_minutes: 1,
        attention: brief
            .attention
            .iter()
            .map(|t| attention_view(cx, *t))
            .collect(),
        attention_more: 0,
        closed: brief
            .closed
            .iter()
            .map(|t| attention_view(cx, *t))
            .collect(),
        closed_more: 0,
        decisions_more: 0,
        decisions: brief
            .decisions
            .iter()
            .map(|d| decision_view(cx, d))
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
        shifts: brief
            .shifts
            .iter()
            .map(|shift| ShiftView {
                label: &shift.label,
                wraps: shift.wraps.iter().map(|w| &*cx.lines.wraps[w.0]).collect(),
                also: Vec::new(),
            })
            .collect(),
        prev: day.0.checked_sub(1).map(|i| day_ref(ledger.briefs[i].day)),
        next_day: ledger.briefs.get(day.0 + 1).map(|b| day_ref(b.day)),
    }
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
