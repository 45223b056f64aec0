//! The supersedes chain: the edges statements state, linked both ways
//! onto the decisions, and the cycles among them reported.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{Decision, DecisionIdx, Mention, MentionKind, Origin, Statement, WrapIdx};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate, suggest_n};
use crate::ids::DecisionId;

/// The edges a statement's `supersedes` states, from decision `from`. A
/// decision naming itself is reported, and so (when the content is
/// `complete`) is a name that is no decision.
pub(super) fn stated<'a>(
    statement: &Statement<'a>,
    from: DecisionIdx,
    index: &BTreeMap<&DecisionId, DecisionIdx>,
    complete: bool,
    d: &mut Diagnostics,
) -> Vec<Edge<'a>> {
    let mut edges = Vec::new();
    for target in &statement.entry.supersedes {
        match index.get(&target.value) {
            Some(&target_idx) if target_idx == from => d.push(
                Diagnostic::new(
                    Code::SupersedesCycle,
                    format!("decision `{}` supersedes itself", target.value),
                )
                .at(statement.file, target.span.clone())
                .with_help("`supersedes` names the earlier decision this one replaces"),
            ),
            Some(&target_idx) => edges.push(Edge {
                from,
                to: target_idx,
                file: statement.file,
                span: target.span.clone(),
                wrap: match statement.source {
                    Origin::Wrap(w) => Some(w),
                    Origin::Record(_) => None,
                },
                lenient: false,
            }),
            None if complete => d.push(unknown_decision(statement.file, target, index)),
            None => {}
        }
    }
    edges
}

/// A `supersedes` naming no decision, with the ids nearest it.
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

/// One decision superseding another, and where that is stated.
pub(super) struct Edge<'a> {
    pub from: DecisionIdx,
    pub to: DecisionIdx,
    pub file: &'a dyn Locate,
    pub span: Range<usize>,
    /// The wrap stating it, if a wrap does.
    pub wrap: Option<WrapIdx>,
    /// Stated by a record in another tool's format: a cycle through it is
    /// a warning, not an error.
    pub lenient: bool,
}

/// Links each edge both ways, and notes the wrap stating it among the
/// superseded decision's mentions.
pub(super) fn link_supersedes(decisions: &mut [Decision], edges: &[Edge]) {
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
pub(super) fn report_cycles(decisions: &[Decision], edges: &[Edge], d: &mut Diagnostics) {
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
