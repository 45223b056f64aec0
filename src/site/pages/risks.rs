//! The risk register and one page per risk.

use super::Sink;
use serde::Serialize;

use super::briefs::{WrapRef, wrap_ref};
use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::RiskIdx;
use crate::ledger::risk::{Change, Touch, register_order};
use crate::site::lines::RiskLine;

#[derive(Serialize)]
struct HistoryEntry<'a> {
    wrap: WrapRef<'a>,
    team: Option<&'a str>,
    changes: Vec<String>,
    note: Option<&'a str>,
    severity: Severity,
    status: RiskStatus,
    owner: Option<&'a str>,
    blocker: bool,
}

/// How a touch changed a risk, in words: `severity medium → high`.
pub fn describe_changes(touch: &Touch) -> Vec<String> {
    touch
        .changes
        .iter()
        .map(|change| match change {
            Change::Raised => format!("raised as {}", touch.after.severity),
            Change::Title { to, .. } => format!("renamed to “{to}”"),
            Change::Severity { from, to } if to > from => format!("escalated {from} → {to}"),
            Change::Severity { from, to } => format!("downgraded {from} → {to}"),
            Change::Status { from, to } => format!("{from} → {to}"),
            Change::Owner {
                from: Some(from),
                to,
            } => format!("handed from {from} to {to}"),
            Change::Owner { from: None, to } => format!("now owned by {to}"),
            Change::Blocker(true) => "now blocking".to_string(),
            Change::Blocker(false) => "no longer blocking".to_string(),
            Change::Mitigation(_) => "mitigation updated".to_string(),
        })
        .collect()
}

/// Why a touch needs attention: `raised`, `escalated medium → high`,
/// `blocking`, `reopened`.
pub fn describe_attention(touch: &Touch) -> Vec<String> {
    let mut events = Vec::new();
    for change in &touch.changes {
        match change {
            Change::Raised => events.push("raised".to_string()),
            Change::Severity { from, to } if to > from => {
                events.push(format!("escalated {from} → {to}"))
            }
            Change::Status { from, to } if !from.is_active() && to.is_active() => {
                events.push("reopened".to_string())
            }
            Change::Status { to, .. } if !to.is_active() => events.push(to.to_string()),
            Change::Owner { to, .. } => events.push(format!("handed to {to}")),
            _ => {}
        }
    }
    if touch.after.blocker && touch.after.status.is_active() {
        events.push("blocking".to_string());
    }
    if events.is_empty() {
        events.push("updated".to_string());
    }
    events
}

pub fn page(
    cx: &RenderContext,
    idx: RiskIdx,
    sink: &mut impl Sink,
) -> (&'static str, String, Section) {
    let risk = cx.ledger.risk(idx);
    let line = &cx.lines.risks[idx.0];
    let entries: Vec<HistoryEntry> = risk
        .history
        .iter()
        .rev()
        .map(|touch| HistoryEntry {
            wrap: wrap_ref(cx, touch.wrap),
            team: cx.lines.wraps[touch.wrap.0]
                .team
                .as_ref()
                .map(|t| t.name.as_str()),
            changes: describe_changes(touch),
            note: touch.note.as_deref(),
            severity: touch.after.severity,
            status: touch.after.status,
            owner: touch.after.owner.as_deref(),
            blocker: touch.after.blocker,
        })
        .collect();
    sink.insert("risk", line);
    sink.insert("history", &entries);
    sink.insert("stale_after_days", &cx.config.risks.stale_after_days);
    (
        "risk.html",
        format!("Risk: {}", risk.state.title),
        Section::Risks,
    )
}

pub fn index(cx: &RenderContext, sink: &mut impl Sink) -> (&'static str, String, Section) {
    let mut order: Vec<usize> = (0..cx.ledger.risks.len()).collect();
    order.sort_by(|&a, &b| register_order(&cx.ledger.risks[a], &cx.ledger.risks[b]));
    let (active, closed): (Vec<&RiskLine>, Vec<&RiskLine>) = order
        .into_iter()
        .map(|i| &cx.lines.risks[i])
        .partition(|line| line.active);
    sink.insert(
        "blocker_count",
        &active.iter().filter(|l| l.blocker).count(),
    );
    sink.insert("stale_count", &active.iter().filter(|l| l.stale).count());
    sink.insert("active", &active);
    sink.insert("closed", &closed);
    sink.insert("stale_after_days", &cx.config.risks.stale_after_days);
    ("risks.html", "Risk register".to_string(), Section::Risks)
}

/// Active risks first by severity and age, then closed ones: the register
/// order, for lists filtered by team or tag.
pub fn ordered_lines<'a>(cx: &RenderContext<'a>, risks: &[RiskIdx]) -> Vec<&'a RiskLine> {
    let mut risks = risks.to_vec();
    risks.sort_by(|a, b| register_order(cx.ledger.risk(*a), cx.ledger.risk(*b)));
    risks.into_iter().map(|i| &cx.lines.risks[i.0]).collect()
}
