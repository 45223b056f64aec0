//! An ask to everyone is acknowledged per team: it reaches every team
//! that had written a wrap by then, and stays open for each until someone
//! of that team acknowledges it. One team taking "code freeze starts
//! Thursday" says nothing about whether the others have read it.
//!
//! Each team's share is a [`Part`]. An acknowledgement speaks for the
//! part of its writer's team (or, once handed on to a person, theirs).
//! The ask's writer, and anyone of no team, speak for the whole ask, as
//! for any other ask.

use chrono::{DateTime, FixedOffset};

use super::super::{WrapIdx, WrapRecord};
use super::items::{EventKind, ItemEvent, ItemStatus, Receiver};
use crate::ids::{PersonKey, TeamId};

/// One receiver's share of an ask to everyone.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    /// A team, or the person one team handed its part to.
    pub to: Receiver,
    /// Open, taken, done or declined (lapsing is the whole ask's).
    pub status: ItemStatus,
    /// Since when `to` has it.
    pub since: DateTime<FixedOffset>,
    pub since_wrap: WrapIdx,
}

/// The parts of an ask to everyone written by `wrap` at `at`, one per
/// team of `teams`.
pub(crate) fn parts(teams: &[TeamId], at: DateTime<FixedOffset>, wrap: WrapIdx) -> Vec<Part> {
    teams
        .iter()
        .map(|team| Part {
            to: Receiver::Team(team.clone()),
            status: ItemStatus::Open,
            since: at,
            since_wrap: wrap,
        })
        .collect()
}

/// What an acknowledgement did to the parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Applied {
    /// It spoke for one part.
    Part,
    /// It speaks for the whole ask: its writer's, or someone's of no team.
    Whole,
}

/// Applies `event`, written in `by`, to the part it speaks for, if it
/// speaks for one; `writer` wrote the ask.
pub(crate) fn apply(
    parts: &mut Vec<Part>,
    event: &ItemEvent,
    by: &WrapRecord,
    writer: &PersonKey,
) -> Applied {
    let author = &by.wrap.author;
    let Some(team) = by.wrap.team.as_ref().filter(|_| author != writer) else {
        return Applied::Whole;
    };
    let at = parts
        .iter()
        .position(|p| p.to == Receiver::Person(author.clone()))
        .or_else(|| {
            parts
                .iter()
                .position(|p| p.to == Receiver::Team(team.clone()))
        });
    let at = at.unwrap_or_else(|| {
        // A team that came after it was written, answering anyway.
        parts.push(Part {
            to: Receiver::Team(team.clone()),
            status: ItemStatus::Open,
            since: event.at,
            since_wrap: event.wrap,
        });
        parts.len() - 1
    });
    let part = &mut parts[at];
    match &event.kind {
        EventKind::Taken { by, name } => {
            part.status = ItemStatus::Taken {
                by: by.clone(),
                name: name.clone(),
            };
        }
        EventKind::Done => part.status = ItemStatus::Done,
        EventKind::Declined => part.status = ItemStatus::Declined,
        EventKind::HandedOn { to } => {
            part.status = ItemStatus::Open;
            part.since = event.at;
            part.since_wrap = event.wrap;
            part.to = to.clone();
            // Handed to a team that has its own part: the two are one.
            if let Some(other) = (0..parts.len()).find(|&o| o != at && parts[o].to == *to) {
                parts.swap_remove(at.max(other));
                let kept = at.min(other);
                parts[kept].status = ItemStatus::Open;
                parts[kept].since = event.at;
                parts[kept].since_wrap = event.wrap;
            }
        }
    }
    Applied::Part
}

/// Where the whole ask stands, given its parts: open while any part is,
/// else in hand while any part is (by the last to take it), else done
/// (declined when every part declined).
pub(crate) fn overall(parts: &[Part]) -> ItemStatus {
    if parts.iter().any(|p| p.status == ItemStatus::Open) {
        return ItemStatus::Open;
    }
    if let Some(taken) = parts
        .iter()
        .filter(|p| matches!(p.status, ItemStatus::Taken { .. }))
        .max_by_key(|p| p.since)
    {
        return taken.status.clone();
    }
    if !parts.is_empty() && parts.iter().all(|p| p.status == ItemStatus::Declined) {
        ItemStatus::Declined
    } else {
        ItemStatus::Done
    }
}

/// The parts still waiting for someone to acknowledge them.
pub(crate) fn open(parts: &[Part]) -> impl Iterator<Item = &Part> {
    parts.iter().filter(|p| p.status == ItemStatus::Open)
}

/// The part that `person` of `team` answers for, if any.
pub(crate) fn part_of<'a>(
    parts: &'a [Part],
    person: &PersonKey,
    team: Option<&TeamId>,
) -> Option<&'a Part> {
    parts
        .iter()
        .find(|p| p.to == Receiver::Person(person.clone()))
        .or_else(|| {
            let team = team?;
            parts.iter().find(|p| p.to == Receiver::Team(team.clone()))
        })
}
