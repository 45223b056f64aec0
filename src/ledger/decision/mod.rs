//! The decision registry: one record per decision id, with every wrap that
//! mentions it and the supersedes chain resolved both ways (and, for
//! records in other tools' formats, amends and other relations).

mod relations;
mod supersedes;

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset};

use super::{DecisionIdx, WrapIdx, WrapRecord};
use crate::content::DecisionRecord;
use crate::content::decision::{DecisionEntry, DecisionStatus};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate};
use crate::ids::{DecisionId, Tag, TeamId};
use relations::LinkKind;
pub(crate) use relations::Related;
use supersedes::Edge;

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
    let (index, mut decisions) = in_order_made(&statements, &defining);

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
        if let Some(wrap) = mention(decision, statement, is_defining) {
            recorded_in.push((wrap, idx));
        }
        edges.extend(supersedes::stated(statement, idx, &index, complete, d));
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
    supersedes::link_supersedes(&mut decisions, &edges);
    relations::apply(&mut decisions, &links);
    supersedes::report_cycles(&decisions, &edges, d);
    settle_status(&mut decisions);
    (decisions, recorded_in)
}

/// The decisions the defining statements make, numbered in the order they
/// were made, and the index of each by id.
fn in_order_made<'a>(
    statements: &[Statement<'a>],
    defining: &BTreeMap<&'a DecisionId, usize>,
) -> (BTreeMap<&'a DecisionId, DecisionIdx>, Vec<Decision>) {
    let mut order: Vec<usize> = defining.values().copied().collect();
    order.sort_by(|&a, &b| sort_key(&statements[a]).cmp(&sort_key(&statements[b])));
    let index: BTreeMap<&DecisionId, DecisionIdx> = order
        .iter()
        .enumerate()
        .map(|(i, &s)| (&statements[s].entry.id.value, DecisionIdx(i)))
        .collect();
    let decisions: Vec<Decision> = order
        .iter()
        .map(|&s| new_decision(&statements[s]))
        .collect();
    (index, decisions)
}

/// Notes the wrap a statement is made in among the decision's mentions
/// (recorded there, or restated), and returns that wrap; `None` for a
/// statement in a long-form record.
fn mention(decision: &mut Decision, statement: &Statement, is_defining: bool) -> Option<WrapIdx> {
    let Origin::Wrap(wrap) = statement.source else {
        return None;
    };
    let (kind, note) = if is_defining {
        (MentionKind::Recorded, None)
    } else {
        (
            MentionKind::Restated(statement.entry.status),
            statement.entry.why.clone(),
        )
    };
    decision.mentions.push(Mention { wrap, kind, note });
    Some(wrap)
}

/// The status each decision shows: `Superseded` once an accepted (or
/// itself superseded) decision replaces it, else the one declared.
fn settle_status(decisions: &mut [Decision]) {
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

#[cfg(test)]
mod tests;
