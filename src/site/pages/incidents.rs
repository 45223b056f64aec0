//! The incident log and one page per incident, with its timeline from
//! every wrap that touched it.

use serde::Serialize;

use tera::Context;

use super::{RenderContext, Section};
use crate::ledger::incident::IncidentIdx;
use crate::site::views::{IncidentView, incident_view};
use crate::site::wording::{WrapRef, wrap_ref};

/// One touch of an incident.
#[derive(Serialize)]
struct TouchView<'a> {
    wrap: WrapRef<'a>,
    team: Option<&'a str>,
    changes: &'a [String],
    note: Option<&'a str>,
    status: &'static str,
    severity: Option<&'a str>,
    severity_rank: Option<usize>,
    commander: Option<&'a str>,
}

/// An incident as it stands now.
fn current<'a>(cx: &RenderContext<'a>, idx: IncidentIdx) -> IncidentView<'a> {
    let incident = &cx.ledger.incidents[idx.0];
    let last = incident
        .timeline
        .last()
        .map_or(incident.opened_at(), |t| t.at);
    incident_view(cx.ledger, cx.lines, idx, &incident.state, last)
}

pub(crate) fn page(
    cx: &RenderContext,
    idx: IncidentIdx,
    context: &mut Context,
) -> (&'static str, String, Section) {
    let incident = &cx.ledger.incidents[idx.0];
    let timeline: Vec<TouchView> = incident
        .timeline
        .iter()
        .rev()
        .map(|touch| TouchView {
            wrap: wrap_ref(cx.lines, touch.wrap),
            team: cx.lines.wraps[touch.wrap.0]
                .team
                .as_ref()
                .map(|t| t.name.as_str()),
            changes: &touch.changes,
            note: touch.note.as_deref(),
            status: crate::strict_toml::Choice::name(touch.after.status),
            severity: touch.after.severity.as_ref().map(|s| s.name.as_str()),
            severity_rank: touch.after.severity.as_ref().map(|s| s.rank),
            commander: touch.after.commander.as_ref().map(|c| c.name.as_str()),
        })
        .collect();
    let resolved = incident.resolved_at().map(|at| {
        crate::site::format::long_day(at.with_timezone(&cx.config.timezone).date_naive())
    });
    context.insert("incident", &current(cx, idx));
    context.insert("resolved_on", &resolved);
    context.insert("timeline", &timeline);
    context.insert(
        "axis",
        &super::incident_axis::svg(incident, cx.ledger.now.at, cx.config.timezone),
    );
    (
        "incident.html",
        format!("Incident {}: {}", incident.written_id, incident.state.title),
        Section::Incidents,
    )
}

pub(crate) fn index(cx: &RenderContext, context: &mut Context) -> (&'static str, String, Section) {
    let mut ongoing = Vec::new();
    let mut resolved = Vec::new();
    // Newest first.
    for i in (0..cx.ledger.incidents.len()).rev() {
        let view = current(cx, IncidentIdx(i));
        if view.ongoing {
            ongoing.push(view);
        } else {
            resolved.push(view);
        }
    }
    ongoing.sort_by_key(|v| v.severity_rank.unwrap_or(usize::MAX));
    context.insert("ongoing", &ongoing);
    context.insert("resolved", &resolved);
    (
        "incidents.html",
        "Incidents".to_string(),
        Section::Incidents,
    )
}
