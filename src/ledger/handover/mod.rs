//! Handing over: every ask reaches whom it is for and stays in front of
//! them until someone acknowledges it, or until it lapses. Items are
//! followed across shifts ([`items`]); a day's view ([`day`]) says what
//! happened that day (asks written, acknowledged, lapsed) and the most
//! pressing of what was open at its end, with counts; [`Handover::now`]
//! says where every ask stands as of the build.

pub(crate) mod broadcast;
mod day;
mod directory;
pub(crate) mod ids;
pub(crate) mod items;
mod reading;
pub(crate) mod shifts;

use ahash::AHashMap;

use rayon::prelude::*;

use super::WrapRecord;
use crate::config::Config;
use crate::diagnostics::Diagnostics;
use crate::ids::ItemId;
use day::Rules;
pub(crate) use day::{DayBounds, DayHandover};
pub(crate) use items::{Item, ItemIdx, ItemState, ItemStatus, Lapse, Moment, Receiver};
pub(crate) use shifts::Shifts;

/// Every ask of the site and what became of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handover {
    pub items: Vec<Item>,
    /// Only looked up, never iterated in an order that shows.
    pub by_id: AHashMap<ItemId, ItemIdx>,
    /// How long asks may go without a word: `[handover] lapse_after_days`.
    pub lapse: Lapse,
}

/// An item as it stood at the end of one day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemAsOf {
    pub item: ItemIdx,
    pub state: ItemState,
    /// Its receiver let enough shifts pass without acknowledging it.
    pub unacknowledged: bool,
    /// Shifts of its receiver that passed since it was handed to them.
    pub shifts_passed: usize,
    /// Days since it was written.
    pub age_days: i64,
}

impl Handover {
    /// Reads every ask and acknowledgement.
    pub(crate) fn build(
        config: &Config,
        wraps: &[WrapRecord],
        complete: bool,
        d: &mut Diagnostics,
    ) -> Handover {
        let (items, by_id) = reading::build(config, wraps, complete, d);
        Handover {
            items,
            by_id,
            lapse: Lapse(config.handover.lapse_after_days),
        }
    }

    pub(crate) fn item(&self, idx: ItemIdx) -> &Item {
        &self.items[idx.0]
    }

    /// How asks are judged: after how many shifts one is unacknowledged,
    /// when it lapses.
    fn rules<'a>(&self, shifts: &'a Shifts<'a>, config: &Config) -> Rules<'a> {
        Rules {
            shifts,
            after_shifts: config.handover.unacknowledged_after_shifts as usize,
            lapse: self.lapse,
        }
    }

    /// Each day's view, for `days` (ascending).
    pub(crate) fn days(
        &self,
        wraps: &[WrapRecord],
        shifts: &Shifts,
        days: &[DayBounds],
        config: &Config,
    ) -> Vec<DayHandover> {
        self.day_views(wraps, days, &self.rules(shifts, config))
    }

    /// Every item as it stands `now`, in item order.
    pub(crate) fn now(
        &self,
        wraps: &[WrapRecord],
        shifts: &Shifts,
        now: Moment,
        config: &Config,
    ) -> Vec<ItemAsOf> {
        let rules = self.rules(shifts, config);
        (0..self.items.len())
            .into_par_iter()
            .map(|i| self.as_of(wraps, ItemIdx(i), now, &rules))
            .collect()
    }

    /// The open part of a day's view (its bounded list and counts) for
    /// the items `live` at `now`, as a brief carried on to now shows it.
    pub(crate) fn open_at(
        &self,
        wraps: &[WrapRecord],
        shifts: &Shifts,
        live: &[ItemIdx],
        now: Moment,
        config: &Config,
    ) -> DayHandover {
        self.open_view(wraps, live, now, &self.rules(shifts, config))
    }
}

#[cfg(test)]
mod tests;
