//! `standin diff --format json`: the review as one JSON document, as
//! docs/api/diff.schema.json describes it.

use serde::Serialize;
use serde_json::Value;

use crate::diagnostics::{Diagnostics, Format, render as render_diagnostics};
use crate::review::{
    AskChange, AskEvent, DecisionChange, DecisionEvent, IncidentChange, IncidentEvent, PagerChange,
    Place, Review, RiskChange, RiskEvent, WrapChange, WrapEvent,
};

const TIME: &str = "%Y-%m-%dT%H:%M:%S%:z";

#[derive(Serialize)]
struct Document {
    /// Raised only when a field changes meaning or is removed.
    version: u32,
    base: String,
    brings_errors: bool,
    incidents: Vec<Value>,
    risks: Vec<Value>,
    asks: Vec<Value>,
    decisions: Vec<Value>,
    pagers: Vec<Value>,
    wraps: Vec<Value>,
    introduced: Vec<Value>,
    fixed: Vec<Value>,
}

pub(super) fn render(review: &Review) -> String {
    let document = Document {
        version: 1,
        base: review.base.clone(),
        brings_errors: review.brings_errors(),
        incidents: review.incidents.iter().map(incident).collect(),
        risks: review.risks.iter().map(risk).collect(),
        asks: review.asks.iter().map(ask).collect(),
        decisions: review.decisions.iter().map(decision).collect(),
        pagers: review.pagers.iter().map(pager).collect(),
        wraps: review.wraps.iter().map(wrap).collect(),
        introduced: diagnostics(&review.findings.introduced),
        fixed: diagnostics(&review.findings.fixed),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

/// `check --format json`'s objects, one per diagnostic: one shape for
/// both commands.
fn diagnostics(diagnostics: &Diagnostics) -> Vec<Value> {
    render_diagnostics(diagnostics, Format::Json)
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

/// `value` with `event` and the place added.
fn with(event: &str, place: &Option<Place>, mut value: Value) -> Value {
    value["event"] = event.into();
    value["file"] = place.as_ref().map(|p| p.file.clone()).into();
    value["line"] = place.as_ref().and_then(|p| p.line).into();
    value
}

fn incident(c: &IncidentChange) -> Value {
    let (event, changes) = match &c.event {
        IncidentEvent::Opened => ("opened", None),
        IncidentEvent::Changed { what } => ("changed", Some(what.clone())),
        IncidentEvent::Resolved => ("resolved", None),
        IncidentEvent::Reopened => ("reopened", None),
    };
    with(
        event,
        &c.place,
        serde_json::json!({
            "id": c.id, "title": c.title, "severity": c.severity, "status": c.status,
            "commander": c.commander, "changes": changes, "note": c.note,
        }),
    )
}

fn risk(c: &RiskChange) -> Value {
    let mut value = serde_json::json!({
        "id": c.id, "title": c.title, "severity": c.severity.to_string(),
        "owner": c.owner, "blocker": c.blocker,
    });
    let event = match &c.event {
        RiskEvent::Raised => "raised",
        RiskEvent::Escalated { from } => {
            value["from"] = from.to_string().into();
            "escalated"
        }
        RiskEvent::DeEscalated { from } => {
            value["from"] = from.to_string().into();
            "de-escalated"
        }
        RiskEvent::Blocking => "blocking",
        RiskEvent::Unblocked => "unblocked",
        RiskEvent::Closed { status } => {
            value["status"] = status.to_string().into();
            "closed"
        }
        RiskEvent::Reopened => "reopened",
        RiskEvent::MadeStale { idle_days } => {
            value["idle_days"] = (*idle_days).into();
            "stale"
        }
        RiskEvent::Dropped => "dropped",
    };
    with(event, &c.place, value)
}

fn ask(c: &AskChange) -> Value {
    let mut value = serde_json::json!({
        "id": c.id, "what": c.what, "from": c.from, "to": c.to, "note": c.note,
    });
    let event = match &c.event {
        AskEvent::Written => "written",
        AskEvent::Taken { by } => {
            value["by"] = by.clone().into();
            "taken"
        }
        AskEvent::Done => "done",
        AskEvent::Declined => "declined",
        AskEvent::HandedOn { to } => {
            value["handed_to"] = to.clone().into();
            "handed-on"
        }
        AskEvent::Lapsed => "lapsed",
        AskEvent::Withdrawn => "withdrawn",
    };
    with(event, &c.place, value)
}

fn decision(c: &DecisionChange) -> Value {
    let mut value = serde_json::json!({ "id": c.id, "title": c.title });
    let event = match &c.event {
        DecisionEvent::Made { status } => {
            value["status"] = status.to_string().into();
            "made"
        }
        DecisionEvent::Superseded { by } => {
            value["superseded_by"] = by.clone().into();
            "superseded"
        }
        DecisionEvent::Rejected => "rejected",
        DecisionEvent::Status { from, to } => {
            value["from"] = from.to_string().into();
            value["status"] = to.to_string().into();
            "status"
        }
        DecisionEvent::Dropped => "dropped",
    };
    with(event, &c.place, value)
}

fn pager(c: &PagerChange) -> Value {
    with(
        "handed-over",
        &c.place,
        serde_json::json!({
            "team": c.team, "to": c.to, "since": c.since.format(TIME).to_string(),
        }),
    )
}

fn wrap(c: &WrapChange) -> Value {
    let event = match c.event {
        WrapEvent::Added => "added",
        WrapEvent::Edited => "edited",
        WrapEvent::Deleted => "deleted",
    };
    with(
        event,
        &c.place,
        serde_json::json!({
            "author": c.author, "date": c.at.format(TIME).to_string(),
            "summary": c.summary, "rewrites_history": c.rewrites_history,
        }),
    )
}
