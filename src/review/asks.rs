//! Asks written (to whom), acknowledged (taken, done, declined, handed
//! on), lapsed, or taken back (no longer in any wrap).

use std::collections::HashSet;

use super::Place;
use crate::ledger::Ledger;
use crate::ledger::handover::items::EventKind;
use crate::ledger::handover::{Item, ItemStatus, Receiver};

/// What happened to an ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum AskEvent {
    Written,
    Taken {
        by: String,
    },
    Done,
    Declined,
    HandedOn {
        to: String,
    },
    /// No word on it for `[handover] lapse_after_days`: off the briefs.
    Lapsed,
    /// Its wrap no longer hands it over (edited or deleted).
    Withdrawn,
}

/// Something that happened to one ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AskChange {
    pub id: String,
    /// What to do (the ask without its address).
    pub what: String,
    /// Who wrote it.
    pub from: String,
    /// Whom it was handed to.
    pub to: String,
    pub event: AskEvent,
    /// What the acknowledgement said (`done: booked for Monday`).
    pub note: Option<String>,
    /// The ask, or the acknowledgement; `None` for a lapse.
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<AskChange> {
    let mut changes = Vec::new();
    for (i, item) in head.handover.items.iter().enumerate() {
        let before = base.handover.by_id.get(&item.id).map(|&idx| {
            let status = &base.asks_now[idx.0].state.status;
            (base.handover.item(idx), status)
        });
        let new = |event: AskEvent, note: Option<String>, place: Option<Place>| AskChange {
            id: item.id.to_string(),
            what: item.what(&head.wraps).trim().to_string(),
            from: head.names.person(head.wrap(item.wrap).author()).to_string(),
            to: receiver(head, &item.to),
            event,
            note,
            place,
        };
        if before.is_none() {
            let wrap = &head.wrap(item.wrap).wrap;
            let place = Place::at(&wrap.file, &wrap.asks[item.ask].span);
            changes.push(new(AskEvent::Written, None, Some(place)));
        }
        let known: HashSet<(&str, &str)> = before
            .map(|(old, _)| acknowledgements(base, old).collect())
            .unwrap_or_default();
        for event in &item.events {
            let wrap = &head.wrap(event.wrap).wrap;
            if known.contains(&(wrap.file.site_path.as_str(), event.kind.verb())) {
                continue;
            }
            let place = wrap
                .acks
                .iter()
                .find(|ack| ack.item.value == item.id)
                .map(|ack| Place::at(&wrap.file, &ack.span));
            changes.push(new(
                acknowledged(head, &event.kind),
                event.note.clone(),
                place,
            ));
        }
        let lapsed = |status: &ItemStatus| matches!(status, ItemStatus::Lapsed { .. });
        if lapsed(&head.asks_now[i].state.status) && !before.is_some_and(|(_, s)| lapsed(s)) {
            changes.push(new(AskEvent::Lapsed, None, None));
        }
    }
    for item in &base.handover.items {
        if !head.handover.by_id.contains_key(&item.id) {
            changes.push(AskChange {
                id: item.id.to_string(),
                what: item.what(&base.wraps).trim().to_string(),
                from: base.names.person(base.wrap(item.wrap).author()).to_string(),
                to: receiver(base, &item.to),
                event: AskEvent::Withdrawn,
                note: None,
                place: None,
            });
        }
    }
    changes
}

/// An item's acknowledgements as `(wrap, verb)`: how one is told from
/// another across the two sides.
fn acknowledgements<'a>(
    ledger: &'a Ledger,
    item: &'a Item,
) -> impl Iterator<Item = (&'a str, &'static str)> + 'a {
    item.events.iter().map(move |event| {
        let path = ledger.wrap(event.wrap).wrap.file.site_path.as_str();
        (path, event.kind.verb())
    })
}

fn acknowledged(ledger: &Ledger, kind: &EventKind) -> AskEvent {
    match kind {
        EventKind::Taken { name, .. } => AskEvent::Taken { by: name.clone() },
        EventKind::Done => AskEvent::Done,
        EventKind::Declined => AskEvent::Declined,
        EventKind::HandedOn { to } => AskEvent::HandedOn {
            to: receiver(ledger, to),
        },
    }
}

/// A receiver as pages name it.
fn receiver(ledger: &Ledger, receiver: &Receiver) -> String {
    match receiver {
        Receiver::Team(team) => ledger.names.team(team).to_string(),
        Receiver::Person(person) => ledger.names.person(person).to_string(),
        Receiver::Everyone => "everyone".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    #[test]
    fn asks_written_acknowledged_and_withdrawn() {
        let ask = wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            "next = [\"platform: rotate the keys\", \"platform: drain node 4\"]",
        );
        let keys_id = "ana-1119";
        let review_of = |head_acks: &str, head_ask: &str| {
            let ack = wrap("bo", "2026-11-20T17:00:00+01:00", "platform", head_acks);
            review(&[("a.md", &ask)], &[("a.md", head_ask), ("b.md", &ack)])
        };
        // The ids, as the ledger gives them.
        let (ledger, _) =
            crate::lint::testing::ledger(&crate::lint::testing::config(""), &[("a.md", &ask)]);
        let ids: Vec<String> = ledger
            .handover
            .items
            .iter()
            .map(|i| i.id.to_string())
            .collect();
        assert!(ids[0].starts_with(keys_id), "{ids:?}");
        let acks = format!(
            "[ack]\n{} = \"done: rotated\"\n{} = \"taken\"",
            ids[0], ids[1]
        );
        let review = review_of(&acks, &ask);
        let events: Vec<(&str, &AskEvent, Option<&str>)> = review
            .asks
            .iter()
            .map(|c| (c.what.as_str(), &c.event, c.note.as_deref()))
            .collect();
        assert_eq!(
            events,
            [
                ("rotate the keys", &AskEvent::Done, Some("rotated")),
                ("drain node 4", &AskEvent::Taken { by: "bo".into() }, None),
            ]
        );
        assert_eq!(review.asks[0].place.as_ref().unwrap().file, "b.md");
        // A new ask, and one no longer written.
        let edited = ask.replace("platform: drain node 4", "@cy check the graphs");
        let review = review_of("", &edited);
        let events: Vec<(&str, &str, &AskEvent)> = review
            .asks
            .iter()
            .map(|c| (c.what.as_str(), c.to.as_str(), &c.event))
            .collect();
        assert_eq!(
            events,
            [
                ("check the graphs", "cy", &AskEvent::Written),
                ("drain node 4", "platform", &AskEvent::Withdrawn),
            ]
        );
    }
}
