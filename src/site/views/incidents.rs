//! How the site shows an incident as it stood at a moment.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::ledger::Ledger;
use crate::ledger::incident::{IncidentIdx, IncidentState};
use crate::site::summaries::{Lines, TeamRef, team_ref};
use crate::site::wording::{WrapRef, wrap_ref};
use crate::site::{format, urls};

/// An incident as it stood at a moment.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentView<'a> {
    pub id: &'a str,
    pub url: String,
    pub title: &'a str,
    pub severity: Option<&'a str>,
    /// 0 is the worst.
    pub severity_rank: Option<usize>,
    pub status: &'static str,
    pub ongoing: bool,
    pub commander: Option<&'a str>,
    pub links: Vec<LinkView<'a>>,
    /// The latest note written by then.
    pub note: Option<&'a str>,
    /// `3 days`: from its opening until `at` (ongoing) or its last word.
    pub age: String,
    pub opened: WrapRef<'a>,
    pub team: Option<TeamRef>,
    /// The wrap that last touched it, by then.
    pub last: WrapRef<'a>,
}

/// A labelled link (`ticket`, `channel`, `postmortem`).
#[derive(Debug, Serialize)]
pub(crate) struct LinkView<'a> {
    pub label: &'a str,
    pub url: &'a str,
}

/// The view of `idx` in `state`, the state it had at `at`.
pub(crate) fn incident_view<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    idx: IncidentIdx,
    state: &'a IncidentState,
    at: DateTime<FixedOffset>,
) -> IncidentView<'a> {
    let incident = &ledger.incidents[idx.0];
    let known: Vec<_> = incident.timeline.iter().filter(|t| t.at <= at).collect();
    let first = &incident.timeline[0];
    let last = known.last().copied().unwrap_or(first);
    let note = known.iter().rev().find_map(|t| t.note.as_deref());
    // Ongoing, it has lasted until `at`; closed, until its last word.
    let until = if state.status.is_ongoing() {
        at.with_timezone(&ledger.timezone).date_naive()
    } else {
        ledger.wrap(last.wrap).day
    };
    let age_days = (until - ledger.wrap(first.wrap).day).num_days().max(0);
    IncidentView {
        id: &incident.written_id,
        url: urls::incident(&incident.id),
        title: &state.title,
        severity: state.severity.as_ref().map(|s| s.name.as_str()),
        severity_rank: state.severity.as_ref().map(|s| s.rank),
        status: crate::strict_toml::Choice::name(state.status),
        ongoing: state.status.is_ongoing(),
        commander: state.commander.as_ref().map(|c| c.name.as_str()),
        links: state
            .links
            .iter()
            .map(|(label, url)| LinkView { label, url })
            .collect(),
        note,
        age: format::duration_days(age_days),
        opened: wrap_ref(lines, first.wrap),
        team: incident
            .team
            .as_ref()
            .map(|t| team_ref(t, ledger.names.team(t))),
        last: wrap_ref(lines, last.wrap),
    }
}
