//! Risks raised, escalated, de-escalated, made blockers, resolved,
//! reopened and made stale.

use std::collections::BTreeMap;

use super::Place;
use crate::content::risk::{RiskStatus, Severity};
use crate::ids::RiskId;
use crate::ledger::risk::{Risk, RiskState};
use crate::ledger::{Ledger, WrapIdx};

/// What happened to a risk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RiskEvent {
    Raised,
    Escalated {
        from: Severity,
    },
    DeEscalated {
        from: Severity,
    },
    /// Work stops on it.
    Blocking,
    /// Work no longer stops on it.
    Unblocked,
    /// Resolved, or accepted as it is.
    Closed {
        status: RiskStatus,
    },
    Reopened,
    /// Nobody touched it for `[risks] stale_after_days`.
    MadeStale {
        idle_days: i64,
    },
    /// No wrap raises it any more.
    Dropped,
}

/// Something that happened to one risk, with the risk as it stands after.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RiskChange {
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub owner: Option<String>,
    pub blocker: bool,
    pub event: RiskEvent,
    /// The entry of the wrap that last touched it.
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<RiskChange> {
    let before: BTreeMap<&RiskId, &Risk> = base.risks.iter().map(|r| (&r.id, r)).collect();
    let mut changes = Vec::new();
    for risk in &head.risks {
        let state = &risk.state;
        let change = |event: RiskEvent| RiskChange {
            id: risk.id.to_string(),
            title: state.title.clone(),
            severity: state.severity,
            owner: state.owner.as_ref().map(|o| o.name.clone()),
            blocker: state.blocker,
            event,
            place: entry_place(head, risk, risk.last_touched),
        };
        match before.get(&risk.id) {
            None => changes.push(change(RiskEvent::Raised)),
            Some(old) => {
                changes.extend(events(&old.state, state).into_iter().map(change));
                if risk.stale && !old.stale {
                    changes.push(change(RiskEvent::MadeStale {
                        idle_days: risk.idle_days,
                    }));
                }
            }
        }
    }
    let after: BTreeMap<&RiskId, &Risk> = head.risks.iter().map(|r| (&r.id, r)).collect();
    for risk in base.risks.iter().filter(|r| !after.contains_key(&r.id)) {
        changes.push(RiskChange {
            id: risk.id.to_string(),
            title: risk.state.title.clone(),
            severity: risk.state.severity,
            owner: risk.state.owner.as_ref().map(|o| o.name.clone()),
            blocker: risk.state.blocker,
            event: RiskEvent::Dropped,
            place: None,
        });
    }
    changes
}

/// What changed from one state of a risk to another.
fn events(old: &RiskState, new: &RiskState) -> Vec<RiskEvent> {
    let mut events = Vec::new();
    let (was, is) = (old.status.is_active(), new.status.is_active());
    if was && !is {
        events.push(RiskEvent::Closed { status: new.status });
    } else if !was && is {
        events.push(RiskEvent::Reopened);
    }
    if new.severity > old.severity {
        events.push(RiskEvent::Escalated { from: old.severity });
    } else if new.severity < old.severity {
        events.push(RiskEvent::DeEscalated { from: old.severity });
    }
    match (old.blocker, new.blocker) {
        (false, true) => events.push(RiskEvent::Blocking),
        (true, false) => events.push(RiskEvent::Unblocked),
        _ => {}
    }
    events
}

/// The risk's entry in a wrap that touched it.
fn entry_place(ledger: &Ledger, risk: &Risk, wrap: WrapIdx) -> Option<Place> {
    let wrap = &ledger.wrap(wrap).wrap;
    let entry = wrap.risks.iter().find(|e| e.id.value == risk.id)?;
    Some(Place::at(&wrap.file, &entry.id.span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    fn risk(author: &str, date: &str, lines: &str) -> String {
        wrap(
            author,
            date,
            "payments",
            &format!("[[risk]]\nid = \"keys\"\n{lines}"),
        )
    }

    #[test]
    fn raised_escalated_resolved_and_stale() {
        let raised = risk(
            "ana",
            "2026-11-16T17:00:00+09:00",
            "title = \"Keys\"\nseverity = \"medium\"\nowner = \"bo\"",
        );
        let review1 = review(&[], &[("a.md", &raised)]);
        let events: Vec<&RiskEvent> = review1.risks.iter().map(|c| &c.event).collect();
        assert_eq!(events, [&RiskEvent::Raised]);
        assert_eq!(review1.risks[0].place.as_ref().unwrap().line, Some(7));

        let escalated = risk(
            "bo",
            "2026-11-17T17:00:00+09:00",
            "severity = \"critical\"\nblocker = true",
        );
        let review2 = review(
            &[("a.md", &raised)],
            &[("a.md", &raised), ("b.md", &escalated)],
        );
        let events: Vec<&RiskEvent> = review2.risks.iter().map(|c| &c.event).collect();
        assert_eq!(
            events,
            [
                &RiskEvent::Escalated {
                    from: Severity::Medium
                },
                &RiskEvent::Blocking
            ]
        );

        let resolved = risk("bo", "2026-11-17T17:00:00+09:00", "status = \"resolved\"");
        let review3 = review(
            &[("a.md", &raised)],
            &[("a.md", &raised), ("b.md", &resolved)],
        );
        let events: Vec<&RiskEvent> = review3.risks.iter().map(|c| &c.event).collect();
        assert_eq!(
            events,
            [&RiskEvent::Closed {
                status: RiskStatus::Resolved
            }]
        );

        // A later wrap that does not touch it makes it stale (3 days idle).
        let later = wrap("cy", "2026-11-20T17:00:00+09:00", "payments", "");
        let review4 = review(&[("a.md", &raised)], &[("a.md", &raised), ("c.md", &later)]);
        let events: Vec<&RiskEvent> = review4.risks.iter().map(|c| &c.event).collect();
        assert_eq!(events, [&RiskEvent::MadeStale { idle_days: 4 }]);
    }
}
