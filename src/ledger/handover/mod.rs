//! Handing over: every ask reaches whom it is for and stays in front of
//! them until someone acknowledges it. Items are followed across shifts
//! ([`items`]); a day's view says what was open at the end of that day,
//! for whom, for how long, and which asks a receiver let a shift pass
//! without picking up.

mod directory;
pub(crate) mod ids;
pub(crate) mod items;
mod shifts;

use ahash::AHashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use super::WrapRecord;
use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::ItemId;
pub(crate) use items::{Item, ItemIdx, ItemState, ItemStatus, Receiver};
use shifts::Shifts;

/// Every ask of the site and what became of it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Handover {
    pub items: Vec<Item>,
    /// Only looked up, never iterated in an order that shows.
    pub by_id: AHashMap<ItemId, ItemIdx>,
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

/// The hand-over part of one day's brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DayHandover {
    /// Open or taken at the end of the day: unacknowledged first, then by
    /// receiver, oldest first.
    pub open: Vec<ItemAsOf>,
    /// Acknowledgements written that day: `(item, index into its events)`.
    pub acknowledged: Vec<(ItemIdx, usize)>,
}

impl Handover {
    /// Reads every ask and acknowledgement.
    pub(crate) fn build(
        config: &Config,
        wraps: &[WrapRecord],
        complete: bool,
        d: &mut Diagnostics,
    ) -> Handover {
        let (items, by_id) = items::build(config, wraps, complete, d);
        Handover { items, by_id }
    }

    pub(crate) fn item(&self, idx: ItemIdx) -> &Item {
        &self.items[idx.0]
    }

    /// Each day's view, for `days` (ascending) that end at `ends` (the
    /// first instant of the next day). Also warns, once per item, about
    /// asks still unacknowledged at the end of the last day.
    pub(crate) fn days(
        &self,
        wraps: &[WrapRecord],
        days: &[(NaiveDate, DateTime<FixedOffset>, DateTime<FixedOffset>)],
        after_shifts: usize,
        d: &mut Diagnostics,
    ) -> Vec<DayHandover> {
        let shifts = Shifts::new(wraps);
        let mut order: Vec<ItemIdx> = (0..self.items.len()).map(ItemIdx).collect();
        order.sort_by_key(|i| wraps[self.item(*i).wrap.0].wrap.at);
        // Days in one run per core: each run finds by itself which items
        // are on its first day, so the runs need not wait for each other.
        let runs = rayon::current_num_threads().max(1);
        let size = days.len().div_ceil(runs).max(1);
        let out: Vec<DayHandover> = days
            .par_chunks(size)
            .map(|run| self.run_of_days(wraps, &order, run, &shifts, after_shifts))
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect();
        if let Some(last) = out.last() {
            for open in last.open.iter().filter(|o| o.unacknowledged) {
                d.push(unacknowledged(self.item(open.item), open, wraps));
            }
        }
        out
    }
    /// The views of consecutive `days`, from the items in `order` (by the
    /// time they were written).
    fn run_of_days(
        &self,
        wraps: &[WrapRecord],
        order: &[ItemIdx],
        days: &[(NaiveDate, DateTime<FixedOffset>, DateTime<FixedOffset>)],
        shifts: &Shifts,
        after_shifts: usize,
    ) -> Vec<DayHandover> {
        let written = |i: ItemIdx| wraps[self.item(i).wrap.0].wrap.at;
        let mut next = match days.first() {
            // Items written before the run's first day, as if the days
            // before it had been gone through (closed ones leave below).
            Some(&(_, start, _)) => order.partition_point(|&i| written(i) < start),
            None => 0,
        };
        let mut active: Vec<ItemIdx> = order[..next].to_vec();
        let mut out = Vec::with_capacity(days.len());
        for &(day, start, end) in days {
            while next < order.len() && written(order[next]) < end {
                active.push(order[next]);
                next += 1;
            }
            // Closed before the day began: off this brief and every later one.
            active.retain(|&i| self.item(i).closed_at().is_none_or(|at| at >= start));
            out.push(self.day_view(wraps, &active, (day, start, end), shifts, after_shifts));
        }
        out
    }

    /// One day's view of the `active` items.
    fn day_view(
        &self,
        wraps: &[WrapRecord],
        active: &[ItemIdx],
        (day, start, end): (NaiveDate, DateTime<FixedOffset>, DateTime<FixedOffset>),
        shifts: &Shifts,
        after_shifts: usize,
    ) -> DayHandover {
        let mut view = DayHandover::default();
        for &i in active {
            let item = self.item(i);
            for (e, event) in item.events.iter().enumerate() {
                if event.at >= start && event.at < end {
                    view.acknowledged.push((i, e));
                }
            }
            // As things stood just before the next day: a wrap written
            // at its first instant belongs to it.
            let last = end - chrono::Duration::nanoseconds(1);
            let state = item.state_at(wraps, last);
            if state.status.is_closed() {
                continue;
            }
            let shifts_passed = if state.status == ItemStatus::Open {
                shifts.passed(
                    &state.receiver,
                    state.since,
                    state.since_wrap,
                    last,
                    after_shifts,
                )
            } else {
                0
            };
            view.open.push(ItemAsOf {
                item: i,
                unacknowledged: shifts_passed >= after_shifts,
                shifts_passed,
                age_days: (day - wraps[item.wrap.0].day).num_days(),
                state,
            });
        }
        view.open.sort_by(|a, b| {
            b.unacknowledged
                .cmp(&a.unacknowledged)
                .then_with(|| a.state.receiver.cmp(&b.state.receiver))
                .then(b.age_days.cmp(&a.age_days))
                .then(a.item.cmp(&b.item))
        });
        view
    }
}

fn unacknowledged(item: &Item, open: &ItemAsOf, wraps: &[WrapRecord]) -> Diagnostic {
    let written = &wraps[item.wrap.0].wrap;
    let shifts = match open.shifts_passed {
        1 => "a shift".to_string(),
        n => format!("{n} shifts"),
    };
    let span = written.asks[item.ask].span.clone();
    Diagnostic::new(
        Code::Unacknowledged,
        format!(
            "ask `{}` is unacknowledged: its receiver let {shifts} pass without picking it up",
            item.id
        ),
    )
    .at(&written.file, span)
    .with_help(format!(
        "the receiver acknowledges it in their wrap: `[ack]` then `{} = \"taken\"` (or done, declined, handed on to …)",
        item.id
    ))
}

#[cfg(test)]
mod tests;
