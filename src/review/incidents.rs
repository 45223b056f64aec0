//! Incidents opened, changed (status, severity, commander, a note),
//! resolved and reopened.

use std::collections::{BTreeMap, BTreeSet};

use super::Place;
use crate::ids::IncidentId;
use crate::ledger::{Incident, Ledger};

/// What happened to an incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum IncidentEvent {
    Opened,
    /// Updated: what changed, in words (`status identified → monitoring`).
    Changed {
        what: Vec<String>,
    },
    Resolved,
    Reopened,
}

/// Something that happened to one incident, with it as it stands after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentChange {
    /// The id as first written (`INC-2026-1105`).
    pub id: String,
    pub title: String,
    pub severity: Option<String>,
    pub status: String,
    pub commander: Option<String>,
    pub event: IncidentEvent,
    /// The newest note the change adds.
    pub note: Option<String>,
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<IncidentChange> {
    let before: BTreeMap<&IncidentId, &Incident> =
        base.incidents.iter().map(|i| (&i.id, i)).collect();
    let mut changes = Vec::new();
    for incident in &head.incidents {
        let old = before.get(&incident.id);
        // Touches from wraps the base did not have, or had otherwise.
        let known: BTreeSet<(&str, &Option<String>)> = old
            .map(|old| {
                old.timeline
                    .iter()
                    .map(|t| (base.wrap(t.wrap).wrap.file.site_path.as_str(), &t.note))
                    .collect()
            })
            .unwrap_or_default();
        let new_touches: Vec<_> = incident
            .timeline
            .iter()
            .filter(|t| !known.contains(&(head.wrap(t.wrap).wrap.file.site_path.as_str(), &t.note)))
            .collect();
        let ongoing = incident.state.status.is_ongoing();
        let events = match old {
            None if ongoing => vec![IncidentEvent::Opened],
            None => vec![IncidentEvent::Opened, IncidentEvent::Resolved],
            Some(old) if old.state.status.is_ongoing() && !ongoing => vec![IncidentEvent::Resolved],
            Some(old) if !old.state.status.is_ongoing() && ongoing => vec![IncidentEvent::Reopened],
            Some(_) if new_touches.is_empty() => continue,
            Some(_) => vec![IncidentEvent::Changed {
                what: new_touches.iter().flat_map(|t| t.changes.clone()).collect(),
            }],
        };
        let note = new_touches.iter().rev().find_map(|t| t.note.clone());
        let place = new_touches.last().and_then(|touch| {
            let wrap = &head.wrap(touch.wrap).wrap;
            let entry = wrap.incidents.iter().find(|e| e.id.value == incident.id)?;
            Some(Place::at(&wrap.file, &entry.id.span))
        });
        let state = &incident.state;
        for event in events {
            changes.push(IncidentChange {
                id: incident.written_id.clone(),
                title: state.title.clone(),
                severity: state.severity.as_ref().map(|s| s.name.clone()),
                status: state.status.to_string(),
                commander: state.commander.as_ref().map(|c| c.name.clone()),
                event,
                note: note.clone(),
                place: place.clone(),
            });
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    fn incident(author: &str, date: &str, lines: &str) -> String {
        wrap(
            author,
            date,
            "payments",
            &format!("[[incident]]\nid = \"INC-1\"\n{lines}"),
        )
    }

    #[test]
    fn opened_changed_and_resolved() {
        let opened = incident(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "title = \"502s\"\nseverity = \"sev3\"\nstatus = \"investigating\"\ncommander = \"ana\"\nnote = \"Looking\"",
        );
        let review1 = review(&[], &[("a.md", &opened)]);
        assert_eq!(review1.incidents.len(), 1);
        assert_eq!(review1.incidents[0].event, IncidentEvent::Opened);
        assert_eq!(review1.incidents[0].note.as_deref(), Some("Looking"));

        let worse = incident(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "severity = \"sev2\"\nstatus = \"identified\"\nnote = \"Bad pool size\"",
        );
        let review2 = review(&[("a.md", &opened)], &[("a.md", &opened), ("b.md", &worse)]);
        let IncidentEvent::Changed { what } = &review2.incidents[0].event else {
            panic!("{review2:?}");
        };
        assert_eq!(what.len(), 2, "{what:?}");
        assert_eq!(review2.incidents[0].place.as_ref().unwrap().file, "b.md");

        let resolved = incident(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "status = \"resolved\"\nnote = \"Fixed\"",
        );
        let review3 = review(
            &[("a.md", &opened)],
            &[("a.md", &opened), ("b.md", &resolved)],
        );
        let events: Vec<&IncidentEvent> = review3.incidents.iter().map(|c| &c.event).collect();
        assert_eq!(events, [&IncidentEvent::Resolved]);
    }
}
