//! The asks a brief lists: those nobody acknowledged, those that lapsed,
//! those in hand, and the rest grouped by whom they are for. Each list
//! shows its newest few and says how many more there are, with a link to
//! the register of asks filtered to them, so that a brief reads in
//! minutes whatever the backlog.

use serde::Serialize;

use crate::ledger::Brief;
use crate::ledger::handover::{ItemAsOf, ItemIdx, ItemStatus, Moment, Receiver};
use crate::site::format;
use crate::site::pages::RenderContext;
use crate::site::urls;
use crate::site::views::{
    AckView, ItemView, ReceiverRef, ack_view, ack_words, item_url, item_view, receiver_filter,
    receiver_ref,
};
use crate::site::wording::{WrapRef, wrap_ref};

/// How many asks each list of a brief shows at most (the reading budget
/// may show fewer): enough to act on, few enough to read in a minute.
pub(super) const SHOWN: usize = 8;

/// How many asks each receiver's group of asks to pick up shows at most.
pub(super) const SHOWN_PER_RECEIVER: usize = 5;

/// A list of asks on a brief: the newest few, how many more, and where
/// the register shows them all.
#[derive(Serialize)]
pub(super) struct AskList<'a> {
    pub items: Vec<ItemView<'a>>,
    pub more: usize,
    /// The register of asks, filtered to this list.
    pub more_url: String,
}

impl AskList<'_> {
    /// Keeps the first `n` items; the rest count as more.
    pub(super) fn truncate(&mut self, n: usize) {
        if n < self.items.len() {
            self.more += self.items.len() - n;
            self.items.truncate(n);
        }
    }
}

/// The open asks for one receiver.
#[derive(Serialize)]
pub(super) struct AskGroup<'a> {
    to: ReceiverRef,
    #[serde(flatten)]
    list: AskList<'a>,
}

impl<'a> AskGroup<'a> {
    pub(super) fn list(&self) -> &AskList<'a> {
        &self.list
    }

    /// Keeps the first `n` asks; the rest count as more.
    pub(super) fn truncate(&mut self, n: usize) {
        self.list.truncate(n);
    }
}

/// An ask that lapsed: nobody picked it up in time.
#[derive(Serialize)]
pub(super) struct LapsedView<'a> {
    id: &'a str,
    what: &'a str,
    to: ReceiverRef,
    from: WrapRef<'a>,
    url: String,
    /// `Mon 27 Nov`
    on: String,
    /// `7 days`: how long it waited.
    waited: String,
}

/// The newest `limit` of `open`, in their order, and how many older ones
/// were left off.
pub(super) fn newest<'a>(
    open: impl Iterator<Item = &'a ItemAsOf>,
    limit: usize,
) -> (Vec<&'a ItemAsOf>, usize) {
    let mut all: Vec<&ItemAsOf> = open.collect();
    if all.len() <= limit {
        return (all, 0);
    }
    let mut ages: Vec<i64> = all.iter().map(|o| o.age_days).collect();
    ages.sort_unstable();
    let cutoff = ages[limit - 1];
    // Everything younger than the cutoff, then as many of its age as fit.
    let mut room = limit - ages.iter().filter(|a| **a < cutoff).count();
    let total = all.len();
    all.retain(|o| {
        o.age_days < cutoff
            || (o.age_days == cutoff && room > 0 && {
                room -= 1;
                true
            })
    });
    let kept = all.len();
    (all, total - kept)
}

/// A list of the asks `open` at the end of `brief`'s day that `keep`
/// picks, of which there were `total` (the day keeps only the newest of
/// each receiver), linked to the register filtered by `filters`.
pub(super) fn ask_list<'a>(
    open: &[ItemAsOf],
    brief: &'a Brief,
    cx: &RenderContext<'a>,
    keep: impl Fn(&ItemAsOf) -> bool,
    total: usize,
    limit: usize,
    filters: &[(&str, &str)],
) -> AskList<'a> {
    let (shown, _) = newest(open.iter().filter(|o| keep(o)), limit);
    AskList {
        more: total.saturating_sub(shown.len()),
        items: shown
            .into_iter()
            .map(|o| item_view(cx.ledger, cx.lines, o, brief.last_moment()))
            .collect(),
        more_url: urls::asks_view(filters),
    }
}

/// Whether an open ask is in hand: taken, not done.
pub(super) fn is_in_hand(o: &ItemAsOf) -> bool {
    !o.unacknowledged && matches!(o.state.status, ItemStatus::Taken { .. })
}

/// Whether an open ask waits to be picked up and is not (yet)
/// unacknowledged.
pub(super) fn is_waiting(o: &ItemAsOf) -> bool {
    !o.unacknowledged && o.state.status == ItemStatus::Open
}

/// The asks open (and not yet taken) at the end of the brief's day that
/// are not unacknowledged, grouped by whom they are for: teams first, then
/// people, then everyone; the oldest first in each group.
pub(super) fn ask_groups<'a>(
    open: &[ItemAsOf],
    brief: &'a Brief,
    cx: &RenderContext<'a>,
) -> Vec<AskGroup<'a>> {
    brief
        .handover
        .counts
        .iter()
        .filter(|c| c.waiting > 0)
        .map(|count| {
            let receiver: &Receiver = &count.receiver;
            let filter = receiver_filter(receiver);
            AskGroup {
                to: receiver_ref(cx.ledger, receiver),
                list: ask_list(
                    open,
                    brief,
                    cx,
                    |o| is_waiting(o) && &o.state.receiver == receiver,
                    count.waiting,
                    SHOWN_PER_RECEIVER,
                    &[("to", &filter), ("state", "open")],
                ),
            }
        })
        .collect()
}

/// The asks that lapsed since the previous brief, the newest few, and how
/// many more.
pub(super) fn lapsed<'a>(brief: &'a Brief, cx: &RenderContext<'a>) -> (Vec<LapsedView<'a>>, usize) {
    let lapsed = &brief.handover.lapsed;
    let shown = lapsed.iter().rev().take(SHOWN).rev();
    let views = shown
        .map(|&(idx, on)| lapsed_view(cx, idx, on))
        .collect::<Vec<_>>();
    let more = lapsed.len() - views.len();
    (views, more)
}

impl LapsedView<'_> {
    pub(super) fn what(&self) -> &str {
        self.what
    }
}

fn lapsed_view<'a>(cx: &RenderContext<'a>, idx: ItemIdx, on: chrono::NaiveDate) -> LapsedView<'a> {
    let ledger = cx.ledger;
    let item = ledger.handover.item(idx);
    // Whom it was for when it lapsed: the day before, it was still theirs.
    let before = on.pred_opt().unwrap_or(on);
    let moment = Moment {
        at: crate::ledger::brief::day_start(on, ledger.timezone) - chrono::Duration::nanoseconds(1),
        day: before,
    };
    let state = item.state_at(&ledger.wraps, moment, crate::ledger::handover::Lapse(None));
    let written = ledger.wrap(item.wrap).day;
    LapsedView {
        id: item.id.as_str(),
        what: item.what(&ledger.wraps),
        to: receiver_ref(ledger, &state.receiver),
        from: wrap_ref(cx.lines, item.wrap),
        url: item_url(ledger, cx.lines, idx),
        on: format::day(on),
        waited: format::duration_days((on - written).num_days()),
    }
}

/// The asks acknowledged on the brief's day that are closed by its
/// moment, each once: what was done to it that day, in order ("handed on
/// to Platform, then done"). One still open or in hand is in those lists
/// instead. The newest `2 * SHOWN`, and how many more.
pub(super) fn picked_up<'a>(brief: &Brief, cx: &RenderContext<'a>) -> (Vec<AckView<'a>>, usize) {
    let ledger = cx.ledger;
    // Each item at its last acknowledgement of the day, in that order.
    let mut last: Vec<(ItemIdx, usize)> = Vec::new();
    for &(item, event) in &brief.handover.acknowledged {
        last.retain(|(i, _)| *i != item);
        last.push((item, event));
    }
    last.retain(|&(item, _)| {
        let state =
            ledger
                .handover
                .item(item)
                .state_at(&ledger.wraps, brief.as_of, ledger.handover.lapse);
        !state.status.is_live()
    });
    let more = last.len().saturating_sub(2 * SHOWN);
    let views = last
        .into_iter()
        .take(2 * SHOWN)
        .map(|(item, event)| {
            let mut view = ack_view(ledger, cx.lines, item, event);
            let events = &ledger.handover.item(item).events;
            let words: Vec<String> = brief
                .handover
                .acknowledged
                .iter()
                .filter(|(i, _)| *i == item)
                .map(|&(_, e)| ack_words(ledger, &events[e].kind))
                .collect();
            view.words = words.join(", then ");
            view
        })
        .collect();
    (views, more)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::WrapIdx;
    use crate::ledger::handover::{ItemIdx, ItemState};

    fn open(item: usize, age_days: i64) -> ItemAsOf {
        ItemAsOf {
            item: ItemIdx(item),
            state: ItemState {
                receiver: Receiver::Everyone,
                since: chrono::DateTime::UNIX_EPOCH.fixed_offset(),
                since_wrap: WrapIdx(0),
                status: ItemStatus::Open,
                last_day: chrono::NaiveDate::MIN,
                parts: Vec::new(),
            },
            unacknowledged: true,
            shifts_passed: 1,
            age_days,
        }
    }

    #[test]
    fn a_long_list_keeps_its_newest_asks_in_order() {
        // Oldest first, as the ledger orders them: ages 99 down to 0.
        let all: Vec<ItemAsOf> = (0..100).map(|i| open(i, 99 - i as i64)).collect();
        let (shown, more) = newest(all.iter(), SHOWN);
        assert_eq!((shown.len(), more), (SHOWN, 100 - SHOWN));
        assert!(shown.iter().all(|o| o.age_days < SHOWN as i64));
        assert!(shown.windows(2).all(|w| w[0].item < w[1].item));
        // Ties at the cutoff are filled up to the limit, no more.
        let same: Vec<ItemAsOf> = (0..70).map(|i| open(i, 3)).collect();
        let (shown, more) = newest(same.iter(), SHOWN);
        assert_eq!((shown.len(), more), (SHOWN, 70 - SHOWN));
        let few: Vec<ItemAsOf> = (0..5).map(|i| open(i, 1)).collect();
        assert_eq!(newest(few.iter(), SHOWN).1, 0);
    }
}
