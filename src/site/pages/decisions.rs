//! The decision log and one page per decision.

use std::borrow::Cow;
use std::collections::{BTreeSet, VecDeque};

use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::config::PersonRef;
use crate::content::decision::DecisionStatus;
use crate::content::decision_record::other_tools::{RecordDetails, RecordFormat};
use crate::ledger::DecisionIdx;
use crate::ledger::decision::{MentionKind, Origin};
use crate::site::links::From;
use crate::site::summaries::{DecisionLine, TagRef, TeamRef, WrapLine};
use crate::site::wording::{WrapRef, wrap_ref};
use crate::strict_toml::Choice;

#[derive(Serialize)]
struct DecisionView<'a> {
    line: &'a DecisionLine,
    /// The status the files give, when it differs from the shown one.
    declared: Option<DecisionStatus>,
    /// `declared` as its record writes it (`Deprecated`), if not simply
    /// standin's word.
    declared_label: Option<&'a str>,
    /// The supersedes chain, oldest first, when there is one: all of it,
    /// or the [`MAX_CHAIN`] decisions nearest this one.
    chain: Vec<ChainLink<'a>>,
    /// Whether the chain goes on past the decisions shown.
    chain_cut: bool,
    supersedes: Vec<&'a DecisionLine>,
    superseded_by: Vec<&'a DecisionLine>,
    amends: Vec<&'a DecisionLine>,
    amended_by: Vec<&'a DecisionLine>,
    /// Other relations, both ways.
    related: Vec<RelatedView<'a>>,
    /// Who a record in another format says was consulted and informed
    /// (its deciders are the line's author).
    consulted: Vec<&'a str>,
    informed: Vec<&'a str>,
    /// The log4brains package of its record.
    package: Option<&'a str>,
    /// The format of its record, when not standin's (`adr-tools`, `MADR`).
    format: Option<&'static str>,
    recorded_in: Option<WrapRef<'a>>,
    record_path: Option<&'a str>,
    record_html: Option<Cow<'a, str>>,
    mentions: Vec<MentionView<'a>>,
}

#[derive(Serialize)]
struct RelatedView<'a> {
    decision: &'a DecisionLine,
    /// As written: `Clarifies`.
    verb: &'a str,
    /// For the other direction: `clarifies` (this decision).
    verb_lower: String,
    /// Whether this decision states it.
    outgoing: bool,
}

#[derive(Serialize)]
struct ChainLink<'a> {
    decision: &'a DecisionLine,
    current: bool,
}

#[derive(Serialize)]
struct MentionView<'a> {
    wrap: &'a WrapLine,
    /// `recorded`, `restated as accepted`, `superseded by …`
    kind: String,
    /// What the restating wrap said about it.
    note: Option<&'a str>,
}

/// A decision's page; `path` is its output path, which the links of its
/// record are written from.
pub(crate) fn page(
    cx: &RenderContext,
    idx: DecisionIdx,
    path: &str,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let decision = ledger.decision(idx);
    let (chain, chain_cut) = chain_links(cx, idx);
    let record = decision.record.map(|r| &ledger.records[r]);
    let details = record.map(|r| &r.details);
    let view = DecisionView {
        line: &cx.lines.decisions[idx.0],
        declared: (decision.declared != decision.status).then_some(decision.declared),
        declared_label: decision
            .declared_label
            .as_deref()
            .filter(|_| decision.declared != decision.status),
        chain,
        chain_cut,
        supersedes: decision_lines(cx, &decision.supersedes),
        superseded_by: decision_lines(cx, &decision.superseded_by),
        amends: decision_lines(cx, &decision.amends),
        amended_by: decision_lines(cx, &decision.amended_by),
        related: related(cx, idx),
        consulted: record_names(details, |d| &d.consulted),
        informed: record_names(details, |d| &d.informed),
        package: details.and_then(|d| d.package.as_deref()),
        format: details
            .map(|d| d.format)
            .filter(|f| *f != RecordFormat::Standin)
            .map(RecordFormat::name),
        recorded_in: match decision.origin {
            Origin::Wrap(w) => Some(wrap_ref(cx.lines, w)),
            Origin::Record(_) => None,
        },
        record_path: record.map(|r| r.file.site_path.as_str()),
        record_html: record.filter(|r| !r.body.html.trim().is_empty()).map(|r| {
            cx.links.body(
                ledger,
                &r.file.site_path,
                &r.body.html,
                &r.body,
                From::Page(path),
            )
        }),
        mentions: mentions(cx, idx),
    };
    context.insert("decision", &view);
    (
        "decision.html",
        format!("Decision: {}", decision.title),
        Section::Decisions,
    )
}

/// The lines of the decisions `ids`.
fn decision_lines<'a>(cx: &RenderContext<'a>, ids: &[DecisionIdx]) -> Vec<&'a DecisionLine> {
    ids.iter().map(|d| &cx.lines.decisions[d.0]).collect()
}

/// The names of the `people` a decision's record lists (none without a
/// record).
fn record_names(
    details: Option<&RecordDetails>,
    people: fn(&RecordDetails) -> &Vec<PersonRef>,
) -> Vec<&str> {
    details.map_or_else(Vec::new, |d| {
        people(d).iter().map(|p| p.name.as_str()).collect()
    })
}

/// The supersedes chain of `idx` as its page shows it (none when the
/// decision is alone in it), and whether it goes on past those shown.
fn chain_links<'a>(cx: &RenderContext<'a>, idx: DecisionIdx) -> (Vec<ChainLink<'a>>, bool) {
    let (chain, chain_cut) = chain(cx, idx);
    let links = if chain.len() > 1 {
        chain
            .into_iter()
            .map(|d| ChainLink {
                decision: &cx.lines.decisions[d.0],
                current: d == idx,
            })
            .collect()
    } else {
        Vec::new()
    };
    (links, chain_cut)
}

/// The other relations of `idx` its record or theirs state, both ways.
fn related<'a>(cx: &RenderContext<'a>, idx: DecisionIdx) -> Vec<RelatedView<'a>> {
    cx.ledger
        .decision(idx)
        .related
        .iter()
        .map(|r| RelatedView {
            decision: &cx.lines.decisions[r.other.0],
            verb: &r.verb,
            verb_lower: r.verb.to_lowercase(),
            outgoing: r.outgoing,
        })
        .collect()
}

/// The wraps that mention `idx`, and what each did with it.
fn mentions<'a>(cx: &RenderContext<'a>, idx: DecisionIdx) -> Vec<MentionView<'a>> {
    let ledger = cx.ledger;
    ledger
        .decision(idx)
        .mentions
        .iter()
        .map(|m| MentionView {
            wrap: &cx.lines.wraps[m.wrap.0],
            kind: match m.kind {
                MentionKind::Recorded => "recorded it".to_string(),
                MentionKind::Restated(Some(status)) => format!("restated it as {}", status.name()),
                MentionKind::Restated(None) => "restated it".to_string(),
                MentionKind::SupersededBy(by) => {
                    format!("superseded it with “{}”", ledger.decision(by).title)
                }
            },
            note: m.note.as_deref(),
        })
        .collect()
}

/// A decision page shows at most this many decisions of its chain.
const MAX_CHAIN: usize = 25;

/// The decisions connected to `start` through `supersedes`, oldest first:
/// all of them, or the [`MAX_CHAIN`] nearest `start` and `true`. Real
/// chains are short, but every page of a chain shows it, so a chain of
/// thousands (a generated repository) would make pages quadratic in it.
fn chain(cx: &RenderContext, start: DecisionIdx) -> (Vec<DecisionIdx>, bool) {
    let mut seen = BTreeSet::from([start]);
    let mut queue = VecDeque::from([start]);
    let mut cut = false;
    'walk: while let Some(at) = queue.pop_front() {
        let decision = cx.ledger.decision(at);
        for &next in decision.supersedes.iter().chain(&decision.superseded_by) {
            if seen.contains(&next) {
                continue;
            }
            if seen.len() == MAX_CHAIN {
                cut = true;
                break 'walk;
            }
            seen.insert(next);
            queue.push_back(next);
        }
    }
    // Decision indices are in the order decisions were made.
    (seen.into_iter().collect(), cut)
}

#[derive(Serialize)]
struct Filters {
    statuses: Vec<&'static str>,
    teams: Vec<TeamRef>,
    tags: Vec<TagRef>,
}

#[derive(Serialize)]
struct StatusCount {
    status: &'static str,
    count: usize,
}

pub(crate) fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let decisions: Vec<&DecisionLine> = cx.lines.decisions.iter().rev().collect();
    let counts: Vec<StatusCount> = DecisionStatus::CHOICES
        .iter()
        .map(|(name, status)| StatusCount {
            status: name,
            count: cx
                .ledger
                .decisions
                .iter()
                .filter(|d| d.status == *status)
                .count(),
        })
        .collect();
    let mut teams: Vec<TeamRef> = Vec::new();
    let mut tags: Vec<TagRef> = Vec::new();
    for line in &decisions {
        if let Some(team) = &line.team
            && !teams.iter().any(|t| t.id == team.id)
        {
            teams.push(team.clone());
        }
        for tag in &line.tags {
            if !tags.iter().any(|t| t.name == tag.name) {
                tags.push(tag.clone());
            }
        }
    }
    teams.sort_by(|a, b| a.id.cmp(&b.id));
    tags.sort_by(|a, b| a.name.cmp(&b.name));
    let filters = Filters {
        statuses: DecisionStatus::CHOICES.iter().map(|(n, _)| *n).collect(),
        teams,
        tags,
    };
    context.insert("decisions", &decisions);
    context.insert("counts", &counts);
    context.insert("filters", &filters);
    (
        "decisions.html",
        "Decision log".to_string(),
        Section::Decisions,
    )
}
