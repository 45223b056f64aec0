//! Shifts, as the wraps that end them show: a team's shift is its wraps of
//! one brief day with one shift label; a person's shift is one of their
//! wraps. An ask is unacknowledged once its receiver let enough of their
//! shifts pass without picking it up.

use ahash::AHashMap as HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::super::{WrapIdx, WrapRecord};
use super::items::Receiver;
use crate::ids::{PersonKey, TeamId};

/// A shift: team, brief day, label.
type ShiftKey<'a> = (Option<&'a TeamId>, NaiveDate, Option<&'a str>);

/// When each wrap was written and which shift it ended, by team and by
/// person, in time order.
pub(crate) struct Shifts<'a> {
    /// The shift of each wrap, by wrap index.
    shift_of: Vec<usize>,
    by_team: HashMap<&'a TeamId, Vec<(DateTime<FixedOffset>, usize)>>,
    by_person: HashMap<&'a PersonKey, Vec<DateTime<FixedOffset>>>,
    all: Vec<(DateTime<FixedOffset>, usize)>,
}

impl<'a> Shifts<'a> {
    pub(crate) fn new(wraps: &'a [WrapRecord]) -> Shifts<'a> {
        let mut keys: HashMap<ShiftKey, usize> = HashMap::new();
        let mut shifts = Shifts {
            shift_of: Vec::with_capacity(wraps.len()),
            by_team: HashMap::new(),
            by_person: HashMap::new(),
            all: Vec::with_capacity(wraps.len()),
        };
        for record in wraps {
            let wrap = &record.wrap;
            let key = (wrap.team.as_ref(), record.day, wrap.shift.as_deref());
            let next = keys.len();
            let shift = *keys.entry(key).or_insert(next);
            shifts.shift_of.push(shift);
            shifts.all.push((wrap.at, shift));
            if let Some(team) = &wrap.team {
                shifts
                    .by_team
                    .entry(team)
                    .or_default()
                    .push((wrap.at, shift));
            }
            shifts
                .by_person
                .entry(&wrap.author)
                .or_default()
                .push(wrap.at);
        }
        shifts
    }

    /// How many of `receiver`'s shifts ended after `since` (written by the
    /// wrap `from`, whose own shift does not count) and by `until`; counts
    /// up to `enough` and stops.
    pub(crate) fn passed(
        &self,
        receiver: &Receiver,
        since: DateTime<FixedOffset>,
        from: WrapIdx,
        until: DateTime<FixedOffset>,
        enough: usize,
    ) -> usize {
        let own = self.shift_of.get(from.0).copied();
        let distinct = |times: &[(DateTime<FixedOffset>, usize)]| {
            let start = times.partition_point(|(at, _)| *at <= since);
            let mut seen: Vec<usize> = Vec::new();
            for &(at, shift) in &times[start..] {
                if at > until || seen.len() >= enough {
                    break;
                }
                if Some(shift) != own && !seen.contains(&shift) {
                    seen.push(shift);
                }
            }
            seen.len()
        };
        match receiver {
            Receiver::Team(team) => self.by_team.get(team).map_or(0, |t| distinct(t)),
            Receiver::Everyone => distinct(&self.all),
            Receiver::Person(person) => self.by_person.get(person).map_or(0, |times| {
                let start = times.partition_point(|at| *at <= since);
                times[start..]
                    .iter()
                    .take_while(|at| **at <= until)
                    .take(enough)
                    .count()
            }),
        }
    }
}
