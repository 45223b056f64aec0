//! The decision registry: one record per decision id, with every wrap that
//! mentions it and the supersedes chain resolved both ways (and, for
//! records in other tools' formats, amends and other relations).

mod relations;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::{DecisionIdx, WrapIdx, WrapRecord};
use crate::content::DecisionRecord;
use crate::content::decision::{DecisionEntry, DecisionStatus};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate, suggest_n};
use crate::ids::{DecisionId, Tag, TeamId};
use relations::LinkKind;
pub(crate) use relations::Related;

/// A decision as the log shows it.
#[derive(Debug, Clone)]
pub(crate) struct Decision {
    pub id: DecisionId,
    pub title: String,
    pub why: String,
    /// Where it was discussed.
    pub link: Option<String>,
    /// The status the files last gave it.
    pub declared: DecisionStatus,
    /// `declared` as a record in another format writes it, when that is
    /// not simply standin's word (`Deprecated`, `On hold`).
    pub declared_label: Option<String>,
    /// The status shown: `Superseded` once an accepted decision replaces it.
    pub status: DecisionStatus,
    pub tags: Vec<Tag>,
    /// When it was made; `None` for a record that gives no date.
    pub at: Option<DateTime<FixedOffset>>,
    /// Its record's number (`0009-...md`), when it has one.
    pub number: Option<u32>,
    /// The author's name as written where it was first recorded (a
    /// record's deciders; empty when it names nobody).
    pub author_name: String,
    pub team: Option<TeamId>,
    /// Where it was first recorded.
    pub origin: Origin,
    /// The long-form record, by index into `Ledger::records`.
    pub record: Option<usize>,
    /// Earlier decisions this one replaces.
    pub supersedes: Vec<DecisionIdx>,
    /// Later decisions that replace this one.
    pub superseded_by: Vec<DecisionIdx>,
    /// Decisions this one amends (without retiring them).
    pub amends: Vec<DecisionIdx>,
    /// Decisions that amend this one.
    pub amended_by: Vec<DecisionIdx>,
    /// Other relations records state, both ways.
    pub related: Vec<Related>,
    /// Every wrap that records, restates or supersedes it, oldest first.
    pub mentions: Vec<Mention>,
}

/// Where a decision was first recorded (or, for a statement, where it is
/// made).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Wrap(WrapIdx),
    /// A long-form record in `decisions/`.
    Record(usize),
}

/// A wrap that mentions a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub wrap: WrapIdx,
    pub kind: MentionKind,
    /// What a restatement says about it (its `why`), e.g. why it was
    /// superseded; `None` for the wrap that recorded it.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// The wrap where the decision was first written down.
    Recorded,
    /// A later wrap naming the same decision, perhaps with a new status.
    Restated(Option<DecisionStatus>),
    /// A wrap recording a decision that supersedes this one.
    SupersededBy(DecisionIdx),
}

/// One file's statement about a decision.
struct Statement<'a> {
    entry: &'a DecisionEntry,
    at: Option<DateTime<FixedOffset>>,
    number: Option<u32>,
    /// The status as another format writes it.
    status_label: Option<&'a str>,
    file: &'a dyn Locate,
    author_name: &'a str,
    team: Option<&'a TeamId>,
    /// Where the statement is made.
    source: Origin,
}

/// Builds the registry, and says which decisions each wrap records
/// (`(wrap, decision)` pairs, for [`super::WrapRecord::decisions`]).
pub(crate) fn build(
    wraps: &[WrapRecord],
    records: &[Arc<DecisionRecord>],
    complete: bool,
    d: &mut Diagnostics,
) -> (Vec<Decision>, Vec<(WrapIdx, DecisionIdx)>) {
    let statements = statements(wraps, records);
    let defining = defining_statements(&statements, d);

    // Decisions are numbered in the order they were made.
    let mut order: Vec<usize> = defining.values().copied().collect();
    order.sort_by(|&a, &b| sort_key(&statements[a]).cmp(&sort_key(&statements[b])));
    let index: BTreeMap<&DecisionId, DecisionIdx> = order
        .iter()
        .enumerate()
        .map(|(i, &s)| (&statements[s].entry.id.value, DecisionIdx(i)))
        .collect();
    let mut decisions: Vec<Decision> = order
        .iter()
        .map(|&s| new_decision(&statements[s]))
        .collect();

    let mut edges = Vec::new();
    let mut recorded_in: Vec<(WrapIdx, DecisionIdx)> = Vec::new();
    for (s, statement) in statements.iter().enumerate() {
        let idx = index[&statement.entry.id.value];
        let decision = &mut decisions[idx.0];
        let is_defining = defining[&statement.entry.id.value] == s;
        if !is_defining && !same_decision(&decision.title, &statement.entry.title.value) {
            d.push(conflict(
                statement,
                decision,
                &statements[defining[&decision.id]],
            ));
            continue;
        }
        restate(decision, statement, is_defining);
        if let Origin::Wrap(wrap) = statement.source {
            let (kind, note) = if is_defining {
                (MentionKind::Recorded, None)
            } else {
                (
                    MentionKind::Restated(statement.entry.status),
                    statement.entry.why.clone(),
                )
            };
            decision.mentions.push(Mention { wrap, kind, note });
            recorded_in.push((wrap, idx));
        }
        for target in &statement.entry.supersedes {
            match index.get(&target.value) {
                Some(&target_idx) if target_idx == idx => d.push(
                    Diagnostic::new(
                        Code::SupersedesCycle,
                        format!("decision `{}` supersedes itself", target.value),
                    )
                    .at(statement.file, target.span.clone())
                    .with_help("`supersedes` names the earlier decision this one replaces"),
                ),
                Some(&target_idx) => edges.push(Edge {
                    from: idx,
                    to: target_idx,
                    file: statement.file,
                    span: target.span.clone(),
                    wrap: match statement.source {
                        Origin::Wrap(w) => Some(w),
                        Origin::Record(_) => None,
                    },
                    lenient: false,
                }),
                None if complete => d.push(unknown_decision(statement.file, target, &index)),
                None => {}
            }
        }
    }
    let decision_of = decisions
        .iter()
        .enumerate()
        .filter_map(|(i, decision)| Some((decision.record?, DecisionIdx(i))))
        .collect();
    let links = relations::resolve(records, &decision_of, complete, d);
    for link in links.iter().filter(|l| l.kind == LinkKind::Supersedes) {
        edges.push(Edge {
            from: link.from,
            to: link.to,
            file: link.file,
            span: link.span.clone(),
            wrap: None,
            lenient: true,
        });
    }
    link_supersedes(&mut decisions, &edges);
    relations::apply(&mut decisions, &links);
    report_cycles(&decisions, &edges, d);
    for i in 0..decisions.len() {
        let replaced = decisions[i].superseded_by.iter().any(|s| {
            matches!(
                decisions[s.0].declared,
                DecisionStatus::Accepted | DecisionStatus::Superseded
            )
        });
        decisions[i].status = if replaced {
            DecisionStatus::Superseded
        } else {
            decisions[i].declared
        };
    }
    (decisions, recorded_in)
}

fn statements<'a>(
    wraps: &'a [WrapRecord],
    records: &'a [Arc<DecisionRecord>],
) -> Vec<Statement<'a>> {
    let mut statements: Vec<Statement> = records
        .iter()
        .enumerate()
        .map(|(i, r)| Statement {
            entry: &r.entry,
            at: r.at,
            number: r.details.number,
            status_label: r.details.status_label.as_deref(),
            file: &r.file,
            author_name: &r.author_name,
            team: r.team.as_ref(),
            source: Origin::Record(i),
        })
        .collect();
    for (i, record) in wraps.iter().enumerate() {
        for entry in &record.wrap.decisions {
            statements.push(Statement {
                entry,
                at: Some(record.wrap.at),
                number: None,
                status_label: None,
                file: &record.wrap.file,
                author_name: &record.wrap.author_name,
                team: record.wrap.team.as_ref(),
                source: Origin::Wrap(WrapIdx(i)),
            });
        }
    }
    statements.sort_by(|a, b| sort_key(a).cmp(&sort_key(b)));
    statements
}

/// Statements in the order decisions were made: by date, undated records
/// first (by number, then file).
fn sort_key<'a>(s: &Statement<'a>) -> (Option<DateTime<FixedOffset>>, Option<u32>, &'a str, usize) {
    (s.at, s.number, s.file.site_path(), s.entry.span.start)
}

/// For each id, the statement that defines it: its long-form record if it
/// has one, else the earliest wrap naming it.
fn defining_statements<'a>(
    statements: &[Statement<'a>],
    d: &mut Diagnostics,
) -> BTreeMap<&'a DecisionId, usize> {
    let mut defining: BTreeMap<&DecisionId, usize> = BTreeMap::new();
    for (s, statement) in statements.iter().enumerate() {
        let id = &statement.entry.id.value;
        match defining.get(id) {
            None => {
                defining.insert(id, s);
            }
            Some(&current) => {
                let current_is_record = matches!(statements[current].source, Origin::Record(_));
                match (current_is_record, statement.source) {
                    (true, Origin::Record(_)) => d.push(
                        Diagnostic::new(
                            Code::DecisionConflict,
                            format!("two decision records use the id `{id}`"),
                        )
                        .at(statement.file, statement.entry.id.span.clone())
                        .with_help(format!(
                            "the other is {}; give one of them a different `id` (a record in another tool's format takes its id from its file name: rename it, or list only one of the folders in `[decisions] dirs`)",
                            statements[current].file.display_path()
                        )),
                    ),
                    (false, Origin::Record(_)) => {
                        defining.insert(id, s);
                    }
                    _ => {}
                }
            }
        }
    }
    defining
}

fn new_decision(statement: &Statement) -> Decision {
    let entry = statement.entry;
    Decision {
        id: entry.id.value.clone(),
        title: entry.title.value.clone(),
        why: String::new(),
        link: None,
        declared: DecisionStatus::Accepted,
        declared_label: None,
        status: DecisionStatus::Accepted,
        tags: Vec::new(),
        at: statement.at,
        number: statement.number,
        author_name: statement.author_name.to_string(),
        team: statement.team.cloned(),
        origin: statement.source,
        record: match statement.source {
            Origin::Record(r) => Some(r),
            Origin::Wrap(_) => None,
        },
        supersedes: Vec::new(),
        superseded_by: Vec::new(),
        amends: Vec::new(),
        amended_by: Vec::new(),
        related: Vec::new(),
        mentions: Vec::new(),
    }
}

/// Applies what a statement says. The reason and the link are the ones
/// given where the decision was made (a restatement's `why` explains the
/// restatement, and stays with its mention); later statements win for
/// status, and add tags.
fn restate(decision: &mut Decision, statement: &Statement, defining: bool) {
    let entry = statement.entry;
    if (defining || decision.why.is_empty())
        && let Some(why) = entry.why.as_ref().filter(|w| !w.trim().is_empty())
    {
        decision.why = why.clone();
    }
    if let Some(link) = entry
        .link
        .as_ref()
        .filter(|_| defining || decision.link.is_none())
    {
        decision.link = Some(link.clone());
    }
    if let Some(status) = entry.status {
        decision.declared = status;
        decision.declared_label = statement.status_label.map(str::to_string);
    }
    for tag in &entry.tags {
        if !decision.tags.contains(tag) {
            decision.tags.push(tag.clone());
        }
    }
}

/// Titles name the same decision when they slug the same, so a changed
/// capital or full stop is not a conflict.
fn same_decision(a: &str, b: &str) -> bool {
    slug::slugify(a) == slug::slugify(b)
}

fn conflict(statement: &Statement, decision: &Decision, first: &Statement) -> Diagnostic {
    Diagnostic::new(
        Code::DecisionConflict,
        format!(
            "decision id `{}` is already used for \"{}\" ({})",
            decision.id, decision.title, first.file.display_path()
        ),
    )
    .at(statement.file, statement.entry.id.span.clone())
    .with_help(format!(
        "if this is a different decision, give it its own `id`; if it is the same one, use its title \"{}\"",
        decision.title
    ))
}

fn unknown_decision(
    file: &dyn Locate,
    target: &crate::strict_toml::Located<DecisionId>,
    index: &BTreeMap<&DecisionId, DecisionIdx>,
) -> Diagnostic {
    let near = suggest_n(target.value.as_str(), index.keys().map(|id| id.as_str()), 3);
    let help = match near {
        _ if index.is_empty() => {
            "no decisions exist yet; `supersedes` names the id of an earlier decision".to_string()
        }
        Some(suggestion) => suggestion,
        None => "no decision has a similar id; `supersedes` names the id of an earlier decision (see the decision log)"
            .to_string(),
    };
    Diagnostic::new(
        Code::UnknownDecision,
        format!(
            "`supersedes` names `{}`, which is no decision",
            target.value
        ),
    )
    .at(file, target.span.clone())
    .with_help(help)
}

struct Edge<'a> {
    from: DecisionIdx,
    to: DecisionIdx,
    file: &'a dyn Locate,
    span: Range<usize>,
    wrap: Option<WrapIdx>,
    /// Stated by a record in another tool's format: a cycle through it is
    /// a warning, not an error.
    lenient: bool,
}

fn link_supersedes(decisions: &mut [Decision], edges: &[Edge]) {
    for edge in edges {
        if !decisions[edge.from.0].supersedes.contains(&edge.to) {
            decisions[edge.from.0].supersedes.push(edge.to);
            decisions[edge.to.0].superseded_by.push(edge.from);
        }
        if let Some(wrap) = edge.wrap {
            let mention = Mention {
                wrap,
                kind: MentionKind::SupersededBy(edge.from),
                note: None,
            };
            let target = &mut decisions[edge.to.0];
            if !target.mentions.contains(&mention) {
                target.mentions.push(mention);
            }
        }
    }
    for decision in decisions.iter_mut() {
        decision.supersedes.sort();
        decision.superseded_by.sort();
        decision.mentions.sort_by_key(|m| m.wrap);
    }
}

/// Reports each supersedes cycle once, at an edge that closes it.
fn report_cycles(decisions: &[Decision], edges: &[Edge], d: &mut Diagnostics) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; decisions.len()];
    let mut closing = Vec::new();
    // Depth first with a stack of (decision, next edge to follow), not
    // recursion: a chain may be as long as the writer makes it.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..decisions.len() {
        if marks[start] != Mark::New {
            continue;
        }
        marks[start] = Mark::Open;
        stack.push((start, 0));
        while let Some((at, edge)) = stack.last_mut() {
            let at = *at;
            let Some(next) = decisions[at].supersedes.get(*edge) else {
                marks[at] = Mark::Done;
                stack.pop();
                continue;
            };
            *edge += 1;
            match marks[next.0] {
                Mark::New => {
                    marks[next.0] = Mark::Open;
                    stack.push((next.0, 0));
                }
                Mark::Open => closing.push((at, next.0)),
                Mark::Done => {}
            }
        }
    }
    for (from, to) in closing {
        if let Some(edge) = edges.iter().find(|e| e.from.0 == from && e.to.0 == to) {
            let code = if edge.lenient {
                Code::LenientRecord
            } else {
                Code::SupersedesCycle
            };
            d.push(
                Diagnostic::new(
                    code,
                    format!(
                        "`{}` and `{}` supersede each other (a cycle)",
                        decisions[from].id, decisions[to].id
                    ),
                )
                .at(edge.file, edge.span.clone())
                .with_help("only the later decision names the earlier one in `supersedes`"),
            );
        }
    }
}

#[cfg(test)]
mod tests;
