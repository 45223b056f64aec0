//! One page per wrap: the full note, with its decisions and risks linked.

use serde::Serialize;
use tera::Context;

use super::briefs::{DayRef, WrapRef, day_ref, wrap_ref};
use super::risks::describe_changes;
use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::WrapIdx;
use crate::ledger::decision::MentionKind;
use crate::site::format;
use crate::site::lines::{DecisionLine, RiskLine, WrapLine};

#[derive(Serialize)]
struct WrapView {
    line: WrapLine,
    long_day: String,
    body_html: String,
    source: String,
    brief: Option<DayRef>,
    decisions: Vec<WrapDecision>,
    risks: Vec<WrapRisk>,
    next: Vec<String>,
    prev: Option<WrapRef>,
    next_wrap: Option<WrapRef>,
}

#[derive(Serialize)]
struct WrapDecision {
    decision: DecisionLine,
    /// `recorded` or `restated`
    kind: &'static str,
}

/// A risk as this wrap left it.
#[derive(Serialize)]
struct WrapRisk {
    risk: RiskLine,
    changes: Vec<String>,
    note: Option<String>,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    owner: Option<String>,
}

pub fn page(
    cx: &RenderContext,
    idx: WrapIdx,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let record = ledger.wrap(idx);
    let line = cx.lines.wraps[idx.0].clone();
    let decisions = record
        .decisions
        .iter()
        .map(|&d| {
            let recorded = ledger
                .decision(d)
                .mentions
                .iter()
                .any(|m| m.wrap == idx && m.kind == MentionKind::Recorded);
            WrapDecision {
                decision: cx.lines.decisions[d.0].clone(),
                kind: if recorded { "recorded" } else { "restated" },
            }
        })
        .collect();
    let risks = record
        .risks
        .iter()
        .filter_map(|&r| {
            let risk = ledger.risk(r);
            let touch = risk.history.iter().find(|t| t.wrap == idx)?;
            Some(WrapRisk {
                risk: cx.lines.risks[r.0].clone(),
                changes: describe_changes(touch),
                note: touch.note.clone(),
                severity: touch.after.severity,
                status: touch.after.status,
                blocker: touch.after.blocker,
                owner: touch.after.owner.clone(),
            })
        })
        .collect();
    let brief = ledger
        .briefs
        .binary_search_by_key(&record.day, |b| b.day)
        .ok()
        .map(|i| day_ref(&ledger.briefs[i]));
    let title = format!("{} — wrap of {} {}", line.author, line.day_label, line.time);
    let view = WrapView {
        long_day: format::long_day(record.day),
        body_html: record.wrap.body.html.clone(),
        source: record.wrap.file.site_path.clone(),
        brief,
        decisions,
        risks,
        next: record.wrap.next.clone(),
        prev: idx.0.checked_sub(1).map(|i| wrap_ref(cx, WrapIdx(i))),
        next_wrap: (idx.0 + 1 < ledger.wraps.len()).then(|| wrap_ref(cx, WrapIdx(idx.0 + 1))),
        line,
    };
    context.insert("wrap", &view);
    ("wrap.html", title, Section::Briefs)
}
