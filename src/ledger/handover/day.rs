//! Each brief day's hand-over: what happened that day (asks written,
//! acknowledged, lapsed), and the most pressing of what was still open at
//! its end, with counts. A day costs what that day holds: the asks live at
//! its end are found by sweeping the days once (with asks lapsing, at most
//! a few days' worth), and only a bounded list of them is kept.

use ahash::AHashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use rayon::prelude::*;

use super::super::WrapRecord;
use super::items::{ItemIdx, ItemStatus, Lapse, LiveDays, Moment, Receiver};
use super::shifts::Shifts;
use super::{Handover, ItemAsOf};

/// The asks of each receiver and kind (unacknowledged, waiting, in hand)
/// a day keeps: enough for any list a brief, a team's page or a chat
/// message shows of one receiver; the count says how many there were.
pub(crate) const KEPT_PER_GROUP: usize = 10;

/// The hand-over part of one day's brief.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct DayHandover {
    /// Asks handed over that day, in the order written.
    pub written: Vec<ItemIdx>,
    /// Acknowledgements written that day: `(item, index into its events)`.
    pub acknowledged: Vec<(ItemIdx, usize)>,
    /// Asks that lapsed since the previous brief's day (this day
    /// included), with the day each lapsed.
    pub lapsed: Vec<(ItemIdx, NaiveDate)>,
    /// Open or in hand at the end of the day: the newest
    /// [`KEPT_PER_GROUP`] of each receiver and kind; unacknowledged first,
    /// then by receiver, oldest first. Only which they are: where each
    /// stood is made again when a page needs it ([`Handover::open_on`]),
    /// as every day keeps its list.
    pub open: Vec<OpenAsk>,
    /// How many were open or in hand at the end of the day, by receiver.
    pub counts: Vec<OpenCount>,
}

/// An ask open or in hand at a day's end, as the day keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct OpenAsk {
    pub item: ItemIdx,
    /// Shifts of its receiver that passed since it was handed to them.
    pub shifts_passed: u32,
    pub unacknowledged: bool,
}

/// How many asks one receiver had open or in hand at a day's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OpenCount {
    pub receiver: Receiver,
    /// Open, and let a shift pass without acknowledging.
    pub unacknowledged: usize,
    /// Open, not (yet) unacknowledged.
    pub waiting: usize,
    /// Taken, not done.
    pub in_hand: usize,
}

impl DayHandover {
    /// Open or in hand at the end of the day, for every receiver.
    pub(crate) fn open_count(&self) -> usize {
        self.counts
            .iter()
            .map(|c| c.unacknowledged + c.waiting + c.in_hand)
            .sum()
    }

    /// Unacknowledged at the end of the day, for every receiver.
    pub(crate) fn unacknowledged_count(&self) -> usize {
        self.counts.iter().map(|c| c.unacknowledged).sum()
    }

    /// Open and not unacknowledged at the end of the day.
    pub(crate) fn waiting_count(&self) -> usize {
        self.counts.iter().map(|c| c.waiting).sum()
    }

    /// In hand at the end of the day.
    pub(crate) fn in_hand_count(&self) -> usize {
        self.counts.iter().map(|c| c.in_hand).sum()
    }
}

/// A brief's day: the day, its first instant, and the first instant of
/// the next day.
pub(crate) type DayBounds = (NaiveDate, DateTime<FixedOffset>, DateTime<FixedOffset>);

/// What the days are made from: every item's live days, and its events
/// and writings and lapses by day.
struct Index {
    /// Live spans, by their first day.
    live: Vec<(LiveDays, ItemIdx)>,
    written: AHashMap<NaiveDate, Vec<ItemIdx>>,
    acknowledged: AHashMap<NaiveDate, Vec<(ItemIdx, usize)>>,
    /// Lapses, by day.
    lapses: Vec<(NaiveDate, ItemIdx)>,
}

impl Index {
    fn new(handover: &Handover, wraps: &[WrapRecord], lapse: Lapse) -> Index {
        let mut live: Vec<(LiveDays, ItemIdx)> = handover
            .items
            .par_iter()
            .enumerate()
            .flat_map_iter(|(i, item)| {
                item.live_days(wraps, lapse)
                    .into_iter()
                    .map(move |l| (l, ItemIdx(i)))
            })
            .collect();
        live.sort_by_key(|(l, i)| (l.from, *i));
        let mut lapses: Vec<(NaiveDate, ItemIdx)> = live
            .iter()
            .filter(|(l, _)| l.lapsed)
            .filter_map(|(l, i)| l.until.map(|day| (day, *i)))
            .collect();
        lapses.sort();
        let mut written: AHashMap<NaiveDate, Vec<ItemIdx>> = AHashMap::new();
        let mut acknowledged: AHashMap<NaiveDate, Vec<(ItemIdx, usize)>> = AHashMap::new();
        for (i, item) in handover.items.iter().enumerate() {
            written
                .entry(wraps[item.wrap.0].day)
                .or_default()
                .push(ItemIdx(i));
            for (e, event) in item.events.iter().enumerate() {
                acknowledged
                    .entry(wraps[event.wrap.0].day)
                    .or_default()
                    .push((ItemIdx(i), e));
            }
        }
        // Acknowledgements in the order their wraps were written.
        for list in acknowledged.values_mut() {
            list.sort_by_key(|&(i, e)| (handover.item(i).events[e].at, i, e));
        }
        Index {
            live,
            written,
            acknowledged,
            lapses,
        }
    }
}

/// What a day's view needs besides the day.
pub(super) struct Rules<'a> {
    pub shifts: &'a Shifts<'a>,
    pub after_shifts: usize,
    pub lapse: Lapse,
}

impl Handover {
    /// Each day's view, for `days` (ascending).
    pub(super) fn day_views(
        &self,
        wraps: &[WrapRecord],
        days: &[DayBounds],
        rules: &Rules,
    ) -> Vec<DayHandover> {
        let index = Index::new(self, wraps, rules.lapse);
        // Days in one run per core: each run finds by itself which items
        // are live on its first day, so the runs need not wait for each
        // other.
        let runs = rayon::current_num_threads().max(1);
        let size = days.len().div_ceil(runs).max(1);
        let starts: Vec<usize> = (0..days.len()).step_by(size).collect();
        starts
            .into_par_iter()
            .map(|start| {
                let before = start.checked_sub(1).map(|i| days[i].0);
                let run = &days[start..(start + size).min(days.len())];
                self.run_of_days(wraps, &index, run, before, rules)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// The views of consecutive `days`; `before` is the brief day before
    /// the first (lapses since it are news on the first).
    fn run_of_days(
        &self,
        wraps: &[WrapRecord],
        index: &Index,
        days: &[DayBounds],
        mut before: Option<NaiveDate>,
        rules: &Rules,
    ) -> Vec<DayHandover> {
        let Some(&(first, _, _)) = days.first() else {
            return Vec::new();
        };
        let live_on =
            |l: &LiveDays, day: NaiveDate| l.from <= day && l.until.is_none_or(|u| u > day);
        // Spans that began by the first day: those still live on it.
        let mut next = index.live.partition_point(|(l, _)| l.from <= first);
        let mut active: Vec<ItemIdx> = index.live[..next]
            .iter()
            .filter(|(l, _)| live_on(l, first))
            .map(|(_, i)| *i)
            .collect();
        let mut ends: Vec<Option<NaiveDate>> = index.live[..next]
            .iter()
            .filter(|(l, _)| live_on(l, first))
            .map(|(l, _)| l.until)
            .collect();
        let mut out = Vec::with_capacity(days.len());
        for &(day, _, end) in days {
            while next < index.live.len() && index.live[next].0.from <= day {
                let (l, i) = &index.live[next];
                active.push(*i);
                ends.push(l.until);
                next += 1;
            }
            let mut keep = ends.iter().map(|u| u.is_none_or(|u| u > day));
            active.retain(|_| keep.next().unwrap_or(false));
            ends.retain(|u| u.is_none_or(|u| u > day));
            let now = Moment {
                at: end - chrono::Duration::nanoseconds(1),
                day,
            };
            let lapsed_from = index
                .lapses
                .partition_point(|(d, _)| before.is_some_and(|b| *d <= b));
            let lapsed_to = index.lapses.partition_point(|(d, _)| *d <= day);
            let mut view = self.open_view(wraps, &active, now, rules);
            view.written = index.written.get(&day).cloned().unwrap_or_default();
            view.acknowledged = index.acknowledged.get(&day).cloned().unwrap_or_default();
            view.lapsed = index.lapses[lapsed_from..lapsed_to]
                .iter()
                .map(|&(d, i)| (i, d))
                .collect();
            out.push(view);
            before = Some(day);
        }
        out
    }

    /// The open part of a day's view: the `active` items as they stood
    /// `now`, bounded and counted.
    pub(super) fn open_view(
        &self,
        wraps: &[WrapRecord],
        active: &[ItemIdx],
        now: Moment,
        rules: &Rules,
    ) -> DayHandover {
        let mut all: Vec<ItemAsOf> = active
            .iter()
            .map(|&i| self.as_of(wraps, i, now, rules))
            .filter(|o| o.state.status.is_live())
            .collect();
        let counts = count(&all);
        all.sort_by(|a, b| {
            b.unacknowledged
                .cmp(&a.unacknowledged)
                .then_with(|| a.state.receiver.cmp(&b.state.receiver))
                .then(b.age_days.cmp(&a.age_days))
                .then(a.item.cmp(&b.item))
        });
        let mut open: Vec<OpenAsk> = newest_of_each_group(all)
            .into_iter()
            .map(|o| OpenAsk {
                item: o.item,
                shifts_passed: u32::try_from(o.shifts_passed).unwrap_or(u32::MAX),
                unacknowledged: o.unacknowledged,
            })
            .collect();
        // Collected in place, it would keep the room of every live ask of
        // the day (kilobytes a day, every day of the history).
        open.shrink_to_fit();
        DayHandover {
            open,
            counts,
            ..DayHandover::default()
        }
    }

    /// The asks `open` (a day's [`DayHandover::open`]) as they stood at
    /// `now`, the end of that day.
    pub(crate) fn open_on(
        &self,
        wraps: &[WrapRecord],
        open: &[OpenAsk],
        now: Moment,
    ) -> Vec<ItemAsOf> {
        open.iter()
            .map(|o| {
                let item = self.item(o.item);
                ItemAsOf {
                    item: o.item,
                    state: item.state_at(wraps, now, self.lapse),
                    unacknowledged: o.unacknowledged,
                    shifts_passed: o.shifts_passed as usize,
                    age_days: (now.day - wraps[item.wrap.0].day).num_days(),
                }
            })
            .collect()
    }

    /// Item `i` as it stood `now`: whether its receiver let enough of
    /// their shifts pass (only for one open), its age.
    pub(super) fn as_of(
        &self,
        wraps: &[WrapRecord],
        i: ItemIdx,
        now: Moment,
        rules: &Rules,
    ) -> ItemAsOf {
        let item = self.item(i);
        let state = item.state_at(wraps, now, rules.lapse);
        // An ask to everyone waits on each team that has not answered:
        // the one that let most shifts pass says how long.
        let shifts_passed = state
            .waiting_on()
            .into_iter()
            .map(|(receiver, since, from)| {
                rules
                    .shifts
                    .passed(receiver, since, from, now.at, rules.after_shifts)
            })
            .max()
            .unwrap_or(0);
        ItemAsOf {
            item: i,
            unacknowledged: shifts_passed >= rules.after_shifts,
            shifts_passed,
            age_days: (now.day - wraps[item.wrap.0].day).num_days(),
            state,
        }
    }
}

/// Which list an open ask is in.
fn kind(o: &ItemAsOf) -> usize {
    match (o.unacknowledged, &o.state.status) {
        (true, _) => 0,
        (false, ItemStatus::Open) => 1,
        _ => 2,
    }
}

/// The counts of `all`, by receiver in order.
fn count(all: &[ItemAsOf]) -> Vec<OpenCount> {
    let mut counts: Vec<OpenCount> = Vec::new();
    for o in all {
        let at = match counts.binary_search_by(|c| c.receiver.cmp(&o.state.receiver)) {
            Ok(at) => at,
            Err(at) => {
                counts.insert(
                    at,
                    OpenCount {
                        receiver: o.state.receiver.clone(),
                        unacknowledged: 0,
                        waiting: 0,
                        in_hand: 0,
                    },
                );
                at
            }
        };
        let c = &mut counts[at];
        match kind(o) {
            0 => c.unacknowledged += 1,
            1 => c.waiting += 1,
            _ => c.in_hand += 1,
        }
    }
    counts
}

/// `all` (sorted) with only the newest [`KEPT_PER_GROUP`] of each
/// receiver and kind, in the same order.
fn newest_of_each_group(all: Vec<ItemAsOf>) -> Vec<ItemAsOf> {
    let mut seen: AHashMap<(&Receiver, usize), Vec<i64>> = AHashMap::new();
    for o in &all {
        seen.entry((&o.state.receiver, kind(o)))
            .or_default()
            .push(o.age_days);
    }
    // The age at or under which an ask of each group is kept.
    let mut cutoff: AHashMap<(Receiver, usize), (i64, usize)> = AHashMap::new();
    for ((receiver, kind), mut ages) in seen {
        ages.sort_unstable();
        let limit = ages[ages.len().min(KEPT_PER_GROUP) - 1];
        let room = KEPT_PER_GROUP.min(ages.len()) - ages.iter().filter(|a| **a < limit).count();
        cutoff.insert((receiver.clone(), kind), (limit, room));
    }
    all.into_iter()
        .filter(|o| {
            let Some((limit, room)) = cutoff.get_mut(&(o.state.receiver.clone(), kind(o))) else {
                return false;
            };
            o.age_days < *limit
                || (o.age_days == *limit && *room > 0 && {
                    *room -= 1;
                    true
                })
        })
        .collect()
}
