//! The relations decision records state in other tools' formats (a file
//! link `Supersedes [1. X](0001-x.md)`, a number `superseded by
//! ADR-0012`), found among the records. Supersedes relations join the
//! same chains as wraps' `supersedes`; amends and other relations are
//! shown both ways and retire nothing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use super::{Decision, DecisionIdx};
use crate::content::DecisionRecord;
use crate::content::decision_record::other_tools::{RelationKind, RelationTarget};
use crate::content::markdown::references::Target;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};

/// A relation between two decisions, oldest-to-newest independent.
pub(super) struct Link<'a> {
    pub from: DecisionIdx,
    pub kind: LinkKind,
    pub to: DecisionIdx,
    pub file: &'a SourceFile,
    pub span: Range<usize>,
}

/// What a [`Link`] says, with `from` the record that acts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LinkKind {
    Supersedes,
    Amends,
    /// Any other relation, by its words as written.
    Other(String),
}

/// Another decision and how it relates to this one, for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Related {
    /// The relation's words as the stating record wrote them (`Clarifies`).
    pub verb: String,
    pub other: DecisionIdx,
    /// Whether this decision states it (`this clarifies other`), or the
    /// other does (`other clarifies this`).
    pub outgoing: bool,
}

/// Resolves every record's relations. `decision_of` gives the decision
/// each record defines (a record whose id another record took defines
/// none). A relation to no record is a warning once every file was read.
pub(super) fn resolve<'a>(
    records: &'a [Arc<DecisionRecord>],
    decision_of: &BTreeMap<usize, DecisionIdx>,
    complete: bool,
    d: &mut Diagnostics,
) -> Vec<Link<'a>> {
    let by_path: BTreeMap<&str, usize> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.file.site_path.as_str(), i))
        .collect();
    let mut by_number: BTreeMap<(&str, u32), usize> = BTreeMap::new();
    for (i, record) in records.iter().enumerate() {
        if let Some(number) = record.details.number {
            by_number
                .entry((record.details.folder.as_str(), number))
                .or_insert(i);
        }
    }
    let mut links = Vec::new();
    for (r, record) in records.iter().enumerate() {
        let Some(&this) = decision_of.get(&r) else {
            continue;
        };
        for relation in &record.details.relations {
            let target = match &relation.target {
                RelationTarget::File(path) => by_path.get(path.as_str()),
                RelationTarget::Number(n) => by_number.get(&(record.details.folder.as_str(), *n)),
            };
            let Some(&other) = target.and_then(|t| decision_of.get(t)) else {
                if complete && !linked_in_body(record, &relation.target) {
                    d.push(unresolved(
                        record,
                        &relation.kind,
                        &relation.text,
                        relation.span.clone(),
                    ));
                }
                continue;
            };
            if other == this {
                continue;
            }
            let (from, kind, to) = match &relation.kind {
                RelationKind::Supersedes => (this, LinkKind::Supersedes, other),
                RelationKind::SupersededBy => (other, LinkKind::Supersedes, this),
                RelationKind::Amends => (this, LinkKind::Amends, other),
                RelationKind::AmendedBy => (other, LinkKind::Amends, this),
                RelationKind::Other(verb) => (this, LinkKind::Other(verb.clone()), other),
            };
            links.push(Link {
                from,
                kind,
                to,
                file: &record.file,
                span: relation.span.clone(),
            });
        }
    }
    links
}

/// Whether the record's body links the file a relation names: then the
/// link's own check (W013, a missing file) has said what is wrong, and one
/// mistake is one warning. A file that exists but is no record keeps its
/// link in the body, as written.
fn linked_in_body(record: &DecisionRecord, target: &RelationTarget) -> bool {
    let RelationTarget::File(path) = target else {
        return false;
    };
    record
        .body
        .references
        .iter()
        .any(|r| matches!(&r.target, Target::Path(p) if p == path))
}

fn unresolved(
    record: &DecisionRecord,
    kind: &RelationKind,
    text: &str,
    span: Range<usize>,
) -> Diagnostic {
    let verb = match kind {
        RelationKind::Supersedes => "supersedes",
        RelationKind::SupersededBy => "superseded by",
        RelationKind::Amends => "amends",
        RelationKind::AmendedBy => "amended by",
        RelationKind::Other(verb) => verb.as_str(),
    };
    Diagnostic::new(
        Code::LenientRecord,
        format!("“{verb} {text}” names no decision record; the link is left out of the log"),
    )
    .at(&record.file, span)
    .with_help("link to the record's file beside it (e.g. `0002-use-redis.md`), or name it by number in the same folder (`ADR-0002`)")
}

/// Records amends and other relations on both decisions. An incoming
/// relation is shown only when the decision does not state one back
/// itself (adr-tools writes both sides: `Clarifies` and `Clarified by`).
pub(super) fn apply(decisions: &mut [Decision], links: &[Link]) {
    for link in links {
        match &link.kind {
            LinkKind::Supersedes => {}
            LinkKind::Amends => {
                push_new(&mut decisions[link.from.0].amends, link.to);
                push_new(&mut decisions[link.to.0].amended_by, link.from);
            }
            LinkKind::Other(verb) => {
                let related = Related {
                    verb: verb.clone(),
                    other: link.to,
                    outgoing: true,
                };
                if !decisions[link.from.0].related.contains(&related) {
                    decisions[link.from.0].related.push(related);
                }
            }
        }
    }
    for link in links {
        let LinkKind::Other(verb) = &link.kind else {
            continue;
        };
        let target = &mut decisions[link.to.0];
        let states_back = target
            .related
            .iter()
            .any(|r| r.outgoing && r.other == link.from);
        let related = Related {
            verb: verb.clone(),
            other: link.from,
            outgoing: false,
        };
        if !states_back && !target.related.contains(&related) {
            target.related.push(related);
        }
    }
    for decision in decisions {
        decision.amends.sort();
        decision.amended_by.sort();
        decision.related.sort_by_key(|r| (r.other, !r.outgoing));
    }
}

fn push_new(list: &mut Vec<DecisionIdx>, idx: DecisionIdx) {
    if !list.contains(&idx) {
        list.push(idx);
    }
}
