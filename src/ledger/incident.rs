//! Incidents, followed across the wraps that touch them, like risks: the
//! first wrap that names an id opens it, later ones say what changed. An
//! ongoing incident leads every brief until a wrap resolves it.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::{WrapIdx, WrapRecord};
use crate::config::PersonRef;
use crate::content::incident::{IncidentEntry, IncidentSeverity, IncidentStatus};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, suggest_n};
use crate::ids::{IncidentId, TeamId};

/// Index of an incident in [`super::Ledger::incidents`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct IncidentIdx(pub usize);

/// What an incident looks like at one moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentState {
    pub title: String,
    pub severity: Option<IncidentSeverity>,
    pub status: IncidentStatus,
    pub commander: Option<PersonRef>,
    /// `(label, url)`, in the order first given; a later link with the
    /// same label replaces it.
    pub links: Vec<(String, String)>,
}

/// One wrap's touch of an incident.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentTouch {
    pub wrap: WrapIdx,
    pub at: DateTime<FixedOffset>,
    /// What changed, in words (`status investigating → identified`).
    pub changes: Vec<String>,
    pub note: Option<String>,
    pub after: IncidentState,
}

/// An incident with its timeline.
#[derive(Debug, Clone)]
pub(crate) struct Incident {
    pub id: IncidentId,
    /// The id as first written (`INC-2026-1105`).
    pub written_id: String,
    pub state: IncidentState,
    /// The team of the wrap that opened it.
    pub team: Option<TeamId>,
    /// Every touch, oldest first; the first opened it.
    pub timeline: Vec<IncidentTouch>,
}

impl Incident {
    /// When it was opened.
    pub(crate) fn opened_at(&self) -> DateTime<FixedOffset> {
        self.timeline[0].at
    }

    /// Its state after the touches written up to `at`, if it was open by
    /// then.
    pub(crate) fn state_at(&self, at: DateTime<FixedOffset>) -> Option<&IncidentState> {
        self.timeline
            .iter()
            .take_while(|t| t.at <= at)
            .last()
            .map(|t| &t.after)
    }

    /// When the last touch resolved it, if it is resolved now.
    pub(crate) fn resolved_at(&self) -> Option<DateTime<FixedOffset>> {
        (!self.state.status.is_ongoing()).then(|| {
            self.timeline
                .iter()
                .rev()
                .take_while(|t| !t.after.status.is_ongoing())
                .last()
                .map_or(self.opened_at(), |t| t.at)
        })
    }
}

/// Follows every incident, and says which incidents each wrap touched
/// (for [`super::WrapRecord::incidents`]).
pub(crate) fn build(
    wraps: &[WrapRecord],
    complete: bool,
    d: &mut Diagnostics,
) -> (Vec<Incident>, Vec<Vec<IncidentIdx>>) {
    let mut index: BTreeMap<IncidentId, IncidentIdx> = BTreeMap::new();
    let mut incidents: Vec<Incident> = Vec::new();
    let mut touched_by_wrap = Vec::with_capacity(wraps.len());
    for (w, record) in wraps.iter().enumerate() {
        let mut touched = Vec::new();
        for entry in &record.wrap.incidents {
            let id = &entry.id.value;
            if let Some(&idx) = index.get(id) {
                update(&mut incidents[idx.0], entry, WrapIdx(w), record);
                touched.push(idx);
            } else if let Some(title) = &entry.title {
                let idx = IncidentIdx(incidents.len());
                incidents.push(open(entry, title, WrapIdx(w), record));
                index.insert(id.clone(), idx);
                touched.push(idx);
            } else if complete {
                d.push(unknown(entry, record, &index));
            }
        }
        touched_by_wrap.push(touched);
    }
    (incidents, touched_by_wrap)
}

fn open(entry: &IncidentEntry, title: &str, wrap: WrapIdx, record: &WrapRecord) -> Incident {
    let state = IncidentState {
        title: title.to_string(),
        severity: entry.severity.clone(),
        status: entry.status.unwrap_or(IncidentStatus::Investigating),
        commander: entry.commander.clone(),
        links: entry.links.clone(),
    };
    Incident {
        id: entry.id.value.clone(),
        written_id: entry.written_id.clone(),
        team: record.wrap.team.clone(),
        timeline: vec![IncidentTouch {
            wrap,
            at: record.wrap.at,
            changes: vec!["opened".to_string()],
            note: entry.note.clone(),
            after: state.clone(),
        }],
        state,
    }
}

fn update(incident: &mut Incident, entry: &IncidentEntry, wrap: WrapIdx, record: &WrapRecord) {
    let state = &mut incident.state;
    let mut changes = Vec::new();
    if let Some(title) = entry.title.as_ref().filter(|t| **t != state.title) {
        state.title = title.clone();
        changes.push("retitled".to_string());
    }
    if let Some(severity) = entry
        .severity
        .as_ref()
        .filter(|s| state.severity.as_ref() != Some(*s))
    {
        changes.push(match &state.severity {
            Some(from) => format!("{} → {}", from.name, severity.name),
            None => format!("severity {}", severity.name),
        });
        state.severity = Some(severity.clone());
    }
    if let Some(status) = entry.status.filter(|s| *s != state.status) {
        changes.push(format!("{} → {status}", state.status));
        state.status = status;
    }
    if let Some(commander) = entry
        .commander
        .as_ref()
        .filter(|c| state.commander.as_ref().map(|s| &s.key) != Some(&c.key))
    {
        changes.push(format!("commander now {commander}"));
        state.commander = Some(commander.clone());
    }
    for (label, url) in &entry.links {
        match state.links.iter_mut().find(|(l, _)| l == label) {
            Some(link) if link.1 != *url => {
                link.1 = url.clone();
                changes.push(format!("{label} link updated"));
            }
            Some(_) => {}
            None => {
                state.links.push((label.clone(), url.clone()));
                changes.push(format!("{label} linked"));
            }
        }
    }
    incident.timeline.push(IncidentTouch {
        wrap,
        at: record.wrap.at,
        changes,
        note: entry.note.clone(),
        after: incident.state.clone(),
    });
}

fn unknown(
    entry: &IncidentEntry,
    record: &WrapRecord,
    index: &BTreeMap<IncidentId, IncidentIdx>,
) -> Diagnostic {
    let help = match suggest_n(
        entry.id.value.as_str(),
        index.keys().map(IncidentId::as_str),
        3,
    ) {
        Some(suggestion) => format!("{suggestion} To open a new incident, give it a `title`"),
        None => "to open a new incident, give it a `title` (and `severity`, `status`, `commander`)"
            .to_string(),
    };
    Diagnostic::new(
        Code::UnknownIncident,
        format!(
            "incident `{}` is updated here, but no earlier wrap opened it",
            entry.written_id
        ),
    )
    .at(&record.wrap.file, entry.id.span.clone())
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Wrap;
    use crate::diagnostics::Code;
    use crate::ledger::testing::{at, records, team, wrap};
    use crate::strict_toml::Located;

    /// An `[[incident]]` for `id`: a title opens it, `status` changes it.
    fn entry(id: &str, title: Option<&str>, status: Option<IncidentStatus>) -> IncidentEntry {
        IncidentEntry {
            id: Located::new(IncidentId::new(id).expect("an incident id"), 0..0),
            written_id: id.to_string(),
            title: title.map(str::to_string),
            severity: None,
            status,
            commander: None,
            links: Vec::new(),
            note: None,
            span: 0..0,
        }
    }

    fn touching(author: &str, time: &str, entries: Vec<IncidentEntry>) -> Wrap {
        Wrap {
            team: team("payments"),
            incidents: entries,
            ..wrap(author, time)
        }
    }

    #[test]
    fn an_incident_is_followed_from_opened_to_resolved() {
        let wraps = records(vec![
            touching(
                "ana",
                "2026-11-20T09:00:00+09:00",
                vec![entry("inc-1", Some("Checkout 500s"), None)],
            ),
            touching(
                "bo",
                "2026-11-20T13:00:00+09:00",
                vec![entry("inc-1", None, Some(IncidentStatus::Identified))],
            ),
            touching(
                "cy",
                "2026-11-21T08:00:00+09:00",
                vec![entry("inc-1", None, Some(IncidentStatus::Resolved))],
            ),
        ]);
        let mut d = Diagnostics::new();
        let (incidents, touched) = build(&wraps, true, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            touched,
            [
                vec![IncidentIdx(0)],
                vec![IncidentIdx(0)],
                vec![IncidentIdx(0)]
            ]
        );
        let incident = &incidents[0];
        assert_eq!(incident.team, team("payments"));
        assert_eq!(incident.timeline.len(), 3);
        let noon = incident.state_at(at("2026-11-20T14:00:00+09:00")).unwrap();
        assert_eq!(
            (noon.title.as_str(), noon.status),
            ("Checkout 500s", IncidentStatus::Identified)
        );
        assert_eq!(incident.state_at(at("2026-11-20T08:00:00+09:00")), None);
        assert_eq!(
            incident.resolved_at(),
            Some(at("2026-11-21T08:00:00+09:00"))
        );
    }

    #[test]
    fn an_update_to_an_incident_nobody_opened_is_an_error_once_every_wrap_is_read() {
        let wraps = records(vec![touching(
            "ana",
            "2026-11-20T09:00:00+09:00",
            vec![entry("inc-9", None, Some(IncidentStatus::Resolved))],
        )]);
        let mut d = Diagnostics::new();
        let (incidents, _) = build(&wraps, true, &mut d);
        assert!(incidents.is_empty());
        assert_eq!(
            d.iter().map(|x| x.code).collect::<Vec<_>>(),
            [Code::UnknownIncident]
        );
        // A check of some files only cannot know the wrap that opened it.
        let mut d = Diagnostics::new();
        build(&wraps, false, &mut d);
        assert!(d.is_empty());
    }
}
