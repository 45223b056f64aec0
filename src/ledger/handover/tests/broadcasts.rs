//! An ask to everyone is acknowledged per team.

use super::*;
use crate::ledger::handover::broadcast;

/// The id of the only ask of the ledger.
fn only_id(ledger: &Ledger) -> String {
    ledger.handover.items[0].id.as_str().to_string()
}

/// Where the only ask stands at the end of the last brief, and the
/// receivers of its open parts.
fn standing(ledger: &Ledger) -> (ItemStatus, Vec<Receiver>, bool) {
    let open = ledger.open_asks(ledger.briefs.last().unwrap());
    match open.first() {
        Some(o) => (
            o.state.status.clone(),
            broadcast::open(&o.state.parts)
                .map(|p| p.to.clone())
                .collect(),
            o.unacknowledged,
        ),
        None => (ledger.asks_now[0].state.status.clone(), Vec::new(), false),
    }
}

fn broadcast_ledger(acks: Vec<Wrap>) -> Ledger {
    let mut wraps = vec![asking(
        "ana",
        "payments",
        "2026-11-20T09:00:00+09:00",
        &["everyone: code freeze starts Thursday"],
    )];
    wraps.extend(acks);
    ledger(wraps, "2026-11-21").0
}

#[test]
fn one_team_taking_it_leaves_it_open_for_the_others() {
    let id = only_id(&broadcast_ledger(Vec::new()));
    let ledger = broadcast_ledger(vec![acking(
        "chen",
        "platform",
        "2026-11-20T12:00:00+09:00",
        vec![(id.as_str(), AckVerb::Taken { by: None })],
    )]);
    let (status, open, _) = standing(&ledger);
    assert_eq!(status, ItemStatus::Open);
    assert_eq!(open, [Receiver::Team(team("payments").unwrap())]);
    // Platform's part is chen's.
    let parts = &ledger.asks_now[0].state.parts;
    let platform = broadcast::part_of(parts, &key("chen"), team("platform").as_ref()).unwrap();
    assert!(matches!(platform.status, ItemStatus::Taken { .. }));
}

#[test]
fn it_closes_once_every_team_answered_or_its_writer_closes_it() {
    let id = only_id(&broadcast_ledger(Vec::new()));
    let both = broadcast_ledger(vec![
        acking(
            "chen",
            "platform",
            "2026-11-20T12:00:00+09:00",
            vec![(id.as_str(), AckVerb::Done)],
        ),
        acking(
            "bo",
            "payments",
            "2026-11-20T13:00:00+09:00",
            vec![(id.as_str(), AckVerb::Declined)],
        ),
    ]);
    assert_eq!(both.asks_now[0].state.status, ItemStatus::Done);
    assert!(both.briefs[0].handover.open.is_empty());
    let writer = broadcast_ledger(vec![acking(
        "ana",
        "payments",
        "2026-11-20T12:00:00+09:00",
        vec![(id.as_str(), AckVerb::Done)],
    )]);
    assert_eq!(writer.asks_now[0].state.status, ItemStatus::Done);
}

#[test]
fn the_team_that_let_a_shift_pass_makes_it_unacknowledged() {
    let id = only_id(&broadcast_ledger(Vec::new()));
    // Platform answered; Payments wrote the next day without a word on it.
    let ledger = broadcast_ledger(vec![
        acking(
            "chen",
            "platform",
            "2026-11-20T12:00:00+09:00",
            vec![(id.as_str(), AckVerb::Done)],
        ),
        asking("bo", "payments", "2026-11-21T18:00:00+09:00", &[]),
    ]);
    let (status, open, unacknowledged) = standing(&ledger);
    assert_eq!(status, ItemStatus::Open);
    assert_eq!(open, [Receiver::Team(team("payments").unwrap())]);
    assert!(unacknowledged);
}

#[test]
fn a_team_hands_its_part_on_to_a_person() {
    let id = only_id(&broadcast_ledger(Vec::new()));
    let ledger = broadcast_ledger(vec![acking(
        "chen",
        "platform",
        "2026-11-20T12:00:00+09:00",
        vec![(
            id.as_str(),
            AckVerb::HandedOn {
                to: AskTo::Person("dee".to_string()),
            },
        )],
    )]);
    let mut open: Vec<Receiver> = broadcast::open(&ledger.asks_now[0].state.parts)
        .map(|p| p.to.clone())
        .collect();
    open.sort();
    assert_eq!(
        open,
        [
            Receiver::Team(team("payments").unwrap()),
            Receiver::Person(key("dee")),
        ]
    );
    // The whole ask is still for everyone.
    assert_eq!(ledger.asks_now[0].state.receiver, Receiver::Everyone);
}
