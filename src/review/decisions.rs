//! Decisions made, superseded, rejected, or otherwise restated.

use std::collections::BTreeMap;

use super::Place;
use crate::content::decision::DecisionStatus;
use crate::ids::DecisionId;
use crate::ledger::decision::Origin;
use crate::ledger::{Decision, Ledger};

/// What happened to a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecisionEvent {
    /// Made, with the status it was made with.
    Made {
        status: DecisionStatus,
    },
    /// Replaced by later decisions (their ids).
    Superseded {
        by: Vec<String>,
    },
    Rejected,
    /// Another change of status (proposed to accepted, ...).
    Status {
        from: DecisionStatus,
        to: DecisionStatus,
    },
    /// No file records it any more.
    Dropped,
}

/// Something that happened to one decision.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DecisionChange {
    pub id: String,
    pub title: String,
    pub event: DecisionEvent,
    /// Where it is recorded, or where its status changed.
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<DecisionChange> {
    let before: BTreeMap<&DecisionId, &Decision> =
        base.decisions.iter().map(|d| (&d.id, d)).collect();
    let mut changes = Vec::new();
    for decision in &head.decisions {
        let event = match before.get(&decision.id) {
            None => DecisionEvent::Made {
                status: decision.status,
            },
            Some(old) if old.status == decision.status => continue,
            Some(old) => match decision.status {
                DecisionStatus::Superseded => DecisionEvent::Superseded {
                    by: decision
                        .superseded_by
                        .iter()
                        .map(|&by| head.decision(by).id.to_string())
                        .collect(),
                },
                DecisionStatus::Rejected => DecisionEvent::Rejected,
                to => DecisionEvent::Status {
                    from: old.status,
                    to,
                },
            },
        };
        changes.push(DecisionChange {
            id: decision.id.to_string(),
            title: decision.title.clone(),
            place: place(head, decision, &event),
            event,
        });
    }
    let after: BTreeMap<&DecisionId, &Decision> =
        head.decisions.iter().map(|d| (&d.id, d)).collect();
    for decision in base.decisions.iter().filter(|d| !after.contains_key(&d.id)) {
        changes.push(DecisionChange {
            id: decision.id.to_string(),
            title: decision.title.clone(),
            event: DecisionEvent::Dropped,
            place: None,
        });
    }
    changes
}

/// Where a change to a decision is written: where it was made; for a
/// status change, the newest wrap that names it (restating it, or
/// superseding it).
fn place(ledger: &Ledger, decision: &Decision, event: &DecisionEvent) -> Option<Place> {
    let restated = decision
        .mentions
        .last()
        .filter(|_| !matches!(event, DecisionEvent::Made { .. }));
    if let Some(mention) = restated {
        let wrap = &ledger.wrap(mention.wrap).wrap;
        let entry = wrap.decisions.iter().find(|e| {
            e.id.value == decision.id || e.supersedes.iter().any(|s| s.value == decision.id)
        })?;
        return Some(Place::at(&wrap.file, &entry.id.span));
    }
    match decision.origin {
        Origin::Wrap(w) => {
            let wrap = &ledger.wrap(w).wrap;
            let entry = wrap.decisions.iter().find(|e| e.id.value == decision.id)?;
            Some(Place::at(&wrap.file, &entry.title.span))
        }
        Origin::Record(r) => Some(Place::file(&ledger.records[r].file)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    fn decision(id: &str, title: &str, extra: &str) -> String {
        format!("[[decision]]\nid = \"{id}\"\ntitle = \"{title}\"\nwhy = \"Because\"\n{extra}")
    }

    #[test]
    fn made_superseded_and_rejected() {
        let pg = wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            &format!(
                "{}\n{}",
                decision("pg", "Sessions in Postgres", ""),
                decision("flag", "Ship behind a flag", "status = \"proposed\"")
            ),
        );
        let redis = wrap(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "payments",
            &format!(
                "{}\n{}",
                decision("redis", "Sessions in Redis", "supersedes = \"pg\""),
                decision("flag", "Ship behind a flag", "status = \"rejected\"")
            ),
        );
        let review = review(&[("a.md", &pg)], &[("a.md", &pg), ("b.md", &redis)]);
        let events: Vec<(&str, &DecisionEvent)> = review
            .decisions
            .iter()
            .map(|c| (c.id.as_str(), &c.event))
            .collect();
        assert_eq!(
            events,
            [
                (
                    "pg",
                    &DecisionEvent::Superseded {
                        by: vec!["redis".to_string()]
                    }
                ),
                ("flag", &DecisionEvent::Rejected),
                (
                    "redis",
                    &DecisionEvent::Made {
                        status: DecisionStatus::Accepted
                    }
                ),
            ]
        );
        assert!(
            review
                .decisions
                .iter()
                .all(|c| c.place.as_ref().unwrap().file == "b.md")
        );
    }
}
