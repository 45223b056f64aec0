//! One page per wrap: the full note, with its decisions and risks linked.

use std::borrow::Cow;

use serde::Serialize;

use super::{RenderContext, Section, Sink};
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::WrapIdx;
use crate::ledger::decision::MentionKind;
use crate::site::format;
use crate::site::lines::{DecisionLine, RiskLine, WrapLine};
use crate::site::links::From;
use crate::site::vocabulary::{DayRef, WrapRef, day_ref, describe_changes, wrap_ref};

#[derive(Serialize)]
struct WrapView<'a> {
    line: &'a WrapLine,
    long_day: String,
    body_html: Cow<'a, str>,
    source: &'a str,
    brief: Option<DayRef>,
    decisions: Vec<WrapDecision<'a>>,
    risks: Vec<WrapRisk<'a>>,
    next: Vec<&'a str>,
    prev: Option<WrapRef<'a>>,
    next_wrap: Option<WrapRef<'a>>,
}

#[derive(Serialize)]
struct WrapDecision<'a> {
    decision: &'a DecisionLine,
    /// `recorded` or `restated`
    kind: &'static str,
}

/// A risk as this wrap left it.
#[derive(Serialize)]
struct WrapRisk<'a> {
    risk: &'a RiskLine,
    changes: Vec<String>,
    note: Option<&'a str>,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    owner: Option<&'a str>,
}

/// The wrap page; `path` is its output path, which its links are written
/// from.
pub(crate) fn page(
    cx: &RenderContext,
    idx: WrapIdx,
    path: &str,
    sink: &mut impl Sink,
) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let record = ledger.wrap(idx);
    let line = &cx.lines.wraps[idx.0];
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
                decision: &cx.lines.decisions[d.0],
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
                risk: &cx.lines.risks[r.0],
                changes: describe_changes(touch),
                note: touch.note.as_deref(),
                severity: touch.after.severity,
                status: touch.after.status,
                blocker: touch.after.blocker,
                owner: touch.after.owner.as_ref().map(|o| o.name.as_str()),
            })
        })
        .collect();
    let brief = ledger
        .briefs
        .binary_search_by_key(&record.day, |b| b.day)
        .ok()
        .map(|i| day_ref(ledger.briefs[i].day));
    let title = format!("{} — wrap of {} {}", line.author, line.day_label, line.time);
    let view = WrapView {
        long_day: format::long_day(record.day),
        body_html: cx.links.body(
            ledger,
            &record.wrap.file.site_path,
            &record.wrap.body,
            From::Page(path),
        ),
        source: &record.wrap.file.site_path,
        brief,
        decisions,
        risks,
        next: record
            .wrap
            .asks
            .iter()
            .map(|a| a.written.as_str())
            .collect(),
        prev: idx.0.checked_sub(1).map(|i| wrap_ref(cx.lines, WrapIdx(i))),
        next_wrap: (idx.0 + 1 < ledger.wraps.len()).then(|| wrap_ref(cx.lines, WrapIdx(idx.0 + 1))),
        line,
    };
    sink.insert("wrap", &view);
    ("wrap.html", title, Section::Briefs)
}
