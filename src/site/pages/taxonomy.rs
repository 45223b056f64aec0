//! Team and tag pages: the same views, filtered.

use serde::Serialize;
use tera::Context;

use super::briefs::DayRef;
use super::risks::ordered_lines;
use super::{RenderContext, Section};
use crate::ledger::WrapIdx;
use crate::site::lines::{DecisionLine, RiskLine, TagRef, TeamRef, WrapLine, tag_ref, team_ref};
use crate::site::{format, urls};

/// Wraps of one day.
#[derive(Serialize)]
struct DayGroup {
    day: DayRef,
    wraps: Vec<WrapLine>,
}

/// Groups wraps by day, newest day first (wraps within a day oldest first).
fn by_day(cx: &RenderContext, wraps: &[WrapIdx]) -> Vec<DayGroup> {
    let mut groups: Vec<DayGroup> = Vec::new();
    for &w in wraps.iter().rev() {
        let record = cx.ledger.wrap(w);
        let line = cx.lines.wraps[w.0].clone();
        match groups.last_mut() {
            Some(group) if group.day.date == line.date => group.wraps.insert(0, line),
            _ => groups.push(DayGroup {
                day: DayRef {
                    url: urls::brief(record.day),
                    date: line.date.clone(),
                    label: format::day(record.day),
                },
                wraps: vec![line],
            }),
        }
    }
    groups
}

#[derive(Serialize)]
struct TeamView {
    team: TeamRef,
    description: Option<String>,
    active_risks: Vec<RiskLine>,
    closed_risks: Vec<RiskLine>,
    decisions: Vec<DecisionLine>,
    days: Vec<DayGroup>,
    wrap_count: usize,
}

pub fn team_page(
    cx: &RenderContext,
    i: usize,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let team = &cx.ledger.teams[i];
    let (active_risks, closed_risks): (Vec<RiskLine>, Vec<RiskLine>) =
        ordered_lines(cx, &team.risks)
            .into_iter()
            .partition(|r| r.active);
    let view = TeamView {
        team: team_ref(&team.id, cx.config),
        description: team.description.clone(),
        active_risks,
        closed_risks,
        decisions: team
            .decisions
            .iter()
            .rev()
            .map(|d| cx.lines.decisions[d.0].clone())
            .collect(),
        days: by_day(cx, &team.wraps),
        wrap_count: team.wraps.len(),
    };
    context.insert("team", &view);
    ("team.html", format!("Team {}", team.name), Section::Teams)
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

pub fn team_index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let teams: Vec<TeamSummary> = cx
        .ledger
        .teams
        .iter()
        .map(|team| TeamSummary {
            team: team_ref(&team.id, cx.config),
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
struct TagView {
    tag: TagRef,
    decisions: Vec<DecisionLine>,
    days: Vec<DayGroup>,
    wrap_count: usize,
}

pub fn tag_page(
    cx: &RenderContext,
    i: usize,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let tag = &cx.ledger.tags[i];
    let view = TagView {
        tag: tag_ref(&tag.tag),
        decisions: tag
            .decisions
            .iter()
            .rev()
            .map(|d| cx.lines.decisions[d.0].clone())
            .collect(),
        days: by_day(cx, &tag.wraps),
        wrap_count: tag.wraps.len(),
    };
    context.insert("tag", &view);
    ("tag.html", format!("Tag: {}", tag.tag), Section::Tags)
}

#[derive(Serialize)]
struct TagSummary {
    tag: TagRef,
    count: usize,
}

pub fn tag_index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
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
