//! One page per wrap: the full note, with its decisions and risks linked.

use std::borrow::Cow;

use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::content::risk::{RiskStatus, Severity};
use crate::content::shift_state::ShiftState;
use crate::ledger::WrapIdx;
use crate::ledger::decision::MentionKind;
use crate::site::format;
use crate::site::links::From;
use crate::site::summaries::{DecisionLine, RiskLine, WrapLine};
use crate::site::views::{
    AckView, IncidentView, WrittenItemView, ack_view, incident_view, written_item_view,
};
use crate::site::wording::{DayRef, WrapRef, day_ref, describe_changes, wrap_ref};

#[derive(Serialize)]
struct WrapView<'a> {
    line: &'a WrapLine,
    long_day: String,
    body_html: Cow<'a, str>,
    source: &'a str,
    brief: Option<DayRef>,
    decisions: Vec<WrapDecision<'a>>,
    risks: Vec<WrapRisk<'a>>,
    /// The asks it hands over.
    items: Vec<WrittenItemView<'a>>,
    /// The asks it acknowledges.
    acks: Vec<AckView<'a>>,
    /// The incidents it opens or updates, as it left them.
    incidents: Vec<WrapIncident<'a>>,
    /// Pager hand-overs it writes.
    pagers: Vec<PagerView<'a>>,
    state: Option<ShiftState>,
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

/// An incident as this wrap left it.
#[derive(Serialize)]
struct WrapIncident<'a> {
    incident: IncidentView<'a>,
    changes: &'a [String],
    note: Option<&'a str>,
}

/// A pager hand-over as written.
#[derive(Serialize)]
struct PagerView<'a> {
    person: &'a str,
    team: Option<String>,
    since: Option<String>,
}

/// The wrap page, showing `html`, the wrap's body rendered again; `path`
/// is its output path, which its links are written from.
pub(crate) fn page(
    cx: &RenderContext,
    idx: WrapIdx,
    path: &str,
    html: String,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let ledger = cx.ledger;
    let record = ledger.wrap(idx);
    let line = &cx.lines.wraps[idx.0];
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
            &html,
            &record.wrap.body,
            From::Page(path),
        ),
        source: &record.wrap.file.site_path,
        brief,
        decisions: decisions(cx, idx),
        risks: risks(cx, idx),
        items: record
            .items
            .iter()
            .map(|&i| written_item_view(ledger, cx.lines, i))
            .collect(),
        acks: acks(cx, idx),
        incidents: incidents(cx, idx),
        pagers: pagers(cx, idx),
        state: record.wrap.state,
        prev: idx.0.checked_sub(1).map(|i| wrap_ref(cx.lines, WrapIdx(i))),
        next_wrap: (idx.0 + 1 < ledger.wraps.len()).then(|| wrap_ref(cx.lines, WrapIdx(idx.0 + 1))),
        line,
    };
    context.insert("wrap", &view);
    ("wrap.html", title, Section::Briefs)
}

/// The decisions a wrap records or restates, and which it does.
fn decisions<'a>(cx: &RenderContext<'a>, idx: WrapIdx) -> Vec<WrapDecision<'a>> {
    let ledger = cx.ledger;
    ledger
        .wrap(idx)
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
        .collect()
}

/// The risks a wrap raises or updates, as it left them.
fn risks<'a>(cx: &RenderContext<'a>, idx: WrapIdx) -> Vec<WrapRisk<'a>> {
    let ledger = cx.ledger;
    ledger
        .wrap(idx)
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
        .collect()
}

/// The incidents a wrap opens or updates, as it left them.
fn incidents<'a>(cx: &RenderContext<'a>, idx: WrapIdx) -> Vec<WrapIncident<'a>> {
    let ledger = cx.ledger;
    ledger
        .wrap(idx)
        .incidents
        .iter()
        .filter_map(|&i| {
            let touch = ledger.incidents[i.0]
                .timeline
                .iter()
                .find(|t| t.wrap == idx)?;
            Some(WrapIncident {
                incident: incident_view(ledger, cx.lines, i, &touch.after, touch.at),
                changes: &touch.changes,
                note: touch.note.as_deref(),
            })
        })
        .collect()
}

/// The pager hand-overs a wrap writes, each `since` in its team's zone.
fn pagers<'a>(cx: &RenderContext<'a>, idx: WrapIdx) -> Vec<PagerView<'a>> {
    let ledger = cx.ledger;
    let record = ledger.wrap(idx);
    record
        .wrap
        .pagers
        .iter()
        .map(|p| {
            let team = p.team.as_ref().or(record.wrap.team.as_ref());
            let zone = cx.config.zone_of(team);
            PagerView {
                person: &p.to.name,
                team: team.map(|t| ledger.names.team(t).to_string()),
                since: p.since.map(|at| {
                    let local = at.with_timezone(&zone);
                    format!(
                        "{} {}",
                        local.format("%a %-d %b"),
                        format::site_time(&local)
                    )
                }),
            }
        })
        .collect()
}

/// The acknowledgements a wrap writes, in the order written.
fn acks<'a>(cx: &RenderContext<'a>, idx: WrapIdx) -> Vec<AckView<'a>> {
    let ledger = cx.ledger;
    ledger
        .wrap(idx)
        .wrap
        .acks
        .iter()
        .filter_map(|ack| {
            let item = *ledger.handover.by_id.get(&ack.item.value)?;
            let event = ledger
                .handover
                .item(item)
                .events
                .iter()
                .position(|e| e.wrap == idx)?;
            Some(ack_view(ledger, cx.lines, item, event))
        })
        .collect()
}
