//! Team and tag pages: the same views, filtered.

use serde::Serialize;

use tera::Context;

use super::team_now::{TeamNow, team_now};
use super::{RenderContext, Section};
use crate::ledger::handover::Receiver;
use crate::ledger::{DecisionIdx, WrapIdx};
use crate::site::summaries::{
    DecisionLine, RiskLine, TagRef, TeamRef, WrapLine, tag_ref, team_ref,
};
use crate::site::urls;
use crate::site::views::receiver_filter;
use crate::site::wording::{DayRef, day_ref};

/// Wraps per page of a team's or tag's list: a page stays small however
/// many wraps a team writes in a year.
pub(crate) const WRAPS_PER_PAGE: usize = 100;

/// How many pages a list of `wraps` takes (at least one).
pub(crate) fn page_count(wraps: usize) -> usize {
    wraps.div_ceil(WRAPS_PER_PAGE).max(1)
}

/// Links between the pages of a paginated list.
#[derive(Serialize)]
struct Pager {
    number: usize,
    count: usize,
    prev: Option<String>,
    next: Option<String>,
    first: String,
}

fn pager(first: &str, number: usize, wraps: usize) -> Pager {
    let count = page_count(wraps);
    Pager {
        number,
        count,
        prev: (number > 1).then(|| urls::nth_page(first, number - 1)),
        next: (number < count).then(|| urls::nth_page(first, number + 1)),
        first: first.to_string(),
    }
}

/// Page `n` (from 1) of a newest-first list of wraps.
fn page_of(wraps: &[WrapIdx], n: usize) -> &[WrapIdx] {
    let end = wraps.len().saturating_sub((n - 1) * WRAPS_PER_PAGE);
    let start = end.saturating_sub(WRAPS_PER_PAGE);
    &wraps[start..end]
}

/// Wraps of one day.
#[derive(Serialize)]
struct DayGroup<'a> {
    day: DayRef,
    wraps: Vec<&'a WrapLine>,
}

/// Groups wraps by day, newest day first (wraps within a day oldest first).
fn by_day<'a>(cx: &RenderContext<'a>, wraps: &[WrapIdx]) -> Vec<DayGroup<'a>> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for &w in wraps.iter().rev() {
        let record = cx.ledger.wrap(w);
        let line = &cx.lines.wraps[w.0];
        match groups.last_mut() {
            Some(group) if group.day.date == line.date => group.wraps.insert(0, line),
            _ => groups.push(DayGroup {
                day: day_ref(record.day),
                wraps: vec![line],
            }),
        }
    }
    groups
}

#[derive(Serialize)]
struct TeamView<'a> {
    team: TeamRef,
    pager: Pager,
    description: Option<String>,
    active_risks: Vec<&'a RiskLine>,
    closed_risks: Vec<&'a RiskLine>,
    decisions: Vec<&'a DecisionLine>,
    days: Vec<DayGroup<'a>>,
    wrap_count: usize,
    /// Its handover now (first page only): pager, incidents, asks.
    now: Option<TeamNow<'a>>,
    /// The register's view of the asks for the team.
    asks_url: String,
}

pub(crate) fn team_page(
    cx: &RenderContext,
    i: usize,
    n: usize,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let team = &cx.ledger.teams[i];
    // Risks and decisions head the first page; later pages hold older wraps.
    let (active_risks, closed_risks): (Vec<&RiskLine>, Vec<&RiskLine>) = if n == 1 {
        cx.ledger
            .in_register_order(&team.risks)
            .into_iter()
            .map(|r| &cx.lines.risks[r.0])
            .partition(|r| r.active)
    } else {
        (Vec::new(), Vec::new())
    };
    let decisions = if n == 1 {
        decision_lines(cx, &team.decisions)
    } else {
        Vec::new()
    };
    let receiver = Receiver::Team(team.id.clone());
    // Only the first page says it: later pages hold older wraps.
    let now = (n == 1).then(|| team_now(cx, team));
    let view = TeamView {
        now,
        asks_url: urls::asks_view(&[("to", &receiver_filter(&receiver))]),
        team: team_ref(&team.id, &team.name),
        pager: pager(&urls::team(&team.id), n, team.wraps.len()),
        description: team.description.clone(),
        active_risks,
        closed_risks,
        decisions,
        days: by_day(cx, page_of(&team.wraps, n)),
        wrap_count: team.wraps.len(),
    };
    context.insert("team", &view);
    if n == 1 {
        context.insert("trend", &crate::site::health::trend(cx.ledger, Some(i)));
    }
    let title = if n == 1 {
        format!("Team {}", team.name)
    } else {
        format!("Team {} (page {n})", team.name)
    };
    ("team.html", title, Section::Teams)
}

/// Decisions, newest first.
fn decision_lines<'a>(cx: &RenderContext<'a>, decisions: &[DecisionIdx]) -> Vec<&'a DecisionLine> {
    decisions
        .iter()
        .rev()
        .map(|d| &cx.lines.decisions[d.0])
        .collect()
}

#[derive(Serialize)]
struct TeamSummary {
    team: TeamRef,
    description: Option<String>,
    wrap_count: usize,
    decision_count: usize,
    open_risk_count: usize,
    last_active: Option<String>,
}

pub(crate) fn team_index(
    cx: &RenderContext,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let teams: Vec<TeamSummary> = cx
        .ledger
        .teams
        .iter()
        .map(|team| TeamSummary {
            team: team_ref(&team.id, &team.name),
            description: team.description.clone(),
            wrap_count: team.wraps.len(),
            decision_count: team.decisions.len(),
            open_risk_count: team
                .risks
                .iter()
                .filter(|r| cx.ledger.risk(**r).state.status.is_active())
                .count(),
            last_active: team
                .wraps
                .last()
                .map(|w| cx.lines.wraps[w.0].day_label.clone()),
        })
        .collect();
    context.insert("teams", &teams);
    ("teams.html", "Teams".to_string(), Section::Teams)
}

#[derive(Serialize)]
struct TagView<'a> {
    tag: TagRef,
    pager: Pager,
    decisions: Vec<&'a DecisionLine>,
    days: Vec<DayGroup<'a>>,
    wrap_count: usize,
}

pub(crate) fn tag_page(
    cx: &RenderContext,
    i: usize,
    n: usize,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let tag = &cx.ledger.tags[i];
    let decisions = if n == 1 {
        decision_lines(cx, &tag.decisions)
    } else {
        Vec::new()
    };
    let view = TagView {
        tag: tag_ref(&tag.tag),
        pager: pager(&urls::tag(&tag.tag), n, tag.wraps.len()),
        decisions,
        days: by_day(cx, page_of(&tag.wraps, n)),
        wrap_count: tag.wraps.len(),
    };
    context.insert("tag", &view);
    let title = if n == 1 {
        format!("Tag: {}", tag.tag)
    } else {
        format!("Tag: {} (page {n})", tag.tag)
    };
    ("tag.html", title, Section::Tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_take_the_newest_wraps_first() {
        let wraps: Vec<WrapIdx> = (0..250).map(WrapIdx).collect();
        assert_eq!(page_count(250), 3);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_of(&wraps, 1).first(), Some(&WrapIdx(150)));
        assert_eq!(page_of(&wraps, 1).len(), 100);
        assert_eq!(page_of(&wraps, 3), &wraps[0..50]);
    }
}

#[derive(Serialize)]
struct TagSummary {
    tag: TagRef,
    count: usize,
}

pub(crate) fn tag_index(
    cx: &RenderContext,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let tags: Vec<TagSummary> = cx
        .ledger
        .tags
        .iter()
        .map(|t| TagSummary {
            tag: tag_ref(&t.tag),
            count: t.wraps.len() + t.decisions.len(),
        })
        .collect();
    context.insert("tags", &tags);
    ("tags.html", "Tags".to_string(), Section::Tags)
}
