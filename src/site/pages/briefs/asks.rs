//! The open asks a brief lists: those nobody acknowledged, those in hand,
//! and the rest grouped by whom they are for, each capped at the newest.

use serde::Serialize;

use crate::ledger::Brief;
use crate::ledger::handover::{ItemAsOf, ItemStatus, Receiver};
use crate::site::handover::{ItemView, ReceiverRef, item_view, receiver_ref};
use crate::site::pages::RenderContext;

/// The open asks for one receiver.
#[derive(Serialize)]
pub(super) struct AskGroup<'a> {
    to: ReceiverRef,
    items: Vec<ItemView<'a>>,
    /// Older asks for this receiver left off the page.
    more: usize,
}

/// Asks a list on a page shows at most: a backlog of thousands that
/// nobody acknowledged would make every brief enormous (and slow to
/// build). The newest are kept; every ask stays on its wrap's page and in
/// the API.
pub(super) const LIST_LIMIT: usize = 50;

/// The newest [`LIST_LIMIT`] of `open`, in their order, and how many older
/// ones were left off.
pub(super) fn newest<'a>(open: impl Iterator<Item = &'a ItemAsOf>) -> (Vec<&'a ItemAsOf>, usize) {
    let mut all: Vec<&ItemAsOf> = open.collect();
    if all.len() <= LIST_LIMIT {
        return (all, 0);
    }
    let mut ages: Vec<i64> = all.iter().map(|o| o.age_days).collect();
    ages.sort_unstable();
    let cutoff = ages[LIST_LIMIT - 1];
    // Everything younger than the cutoff, then as many of its age as fit.
    let mut room = LIST_LIMIT - ages.iter().filter(|a| **a < cutoff).count();
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

/// Open asks someone took and has not finished.
pub(super) fn in_hand(brief: &Brief) -> impl Iterator<Item = &ItemAsOf> {
    brief
        .handover
        .open
        .iter()
        .filter(|o| !o.unacknowledged && o.state.status != ItemStatus::Open)
}

/// The asks open (and not yet taken) at the end of the brief's day that
/// are not unacknowledged, grouped by whom they are for: teams first, then
/// people, then everyone; the oldest first in each group.
pub(super) fn ask_groups<'a>(brief: &'a Brief, cx: &RenderContext<'a>) -> Vec<AskGroup<'a>> {
    let mut groups: Vec<(&Receiver, Vec<&ItemAsOf>)> = Vec::new();
    let waiting = brief
        .handover
        .open
        .iter()
        .filter(|o| !o.unacknowledged && o.state.status == ItemStatus::Open);
    for open in waiting {
        let receiver = &open.state.receiver;
        match groups.iter_mut().find(|(r, _)| *r == receiver) {
            Some((_, items)) => items.push(open),
            None => groups.push((receiver, vec![open])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(b.0));
    groups
        .into_iter()
        .map(|(receiver, items)| {
            let (shown, more) = newest(items.into_iter());
            AskGroup {
                to: receiver_ref(cx.ledger, receiver),
                items: shown
                    .into_iter()
                    .map(|o| item_view(cx.ledger, cx.lines, o, brief.last_moment()))
                    .collect(),
                more,
            }
        })
        .collect()
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
        let (shown, more) = newest(all.iter());
        assert_eq!((shown.len(), more), (LIST_LIMIT, 100 - LIST_LIMIT));
        assert!(shown.iter().all(|o| o.age_days < LIST_LIMIT as i64));
        assert!(shown.windows(2).all(|w| w[0].item < w[1].item));
        // Ties at the cutoff are filled up to the limit, no more.
        let same: Vec<ItemAsOf> = (0..70).map(|i| open(i, 3)).collect();
        let (shown, more) = newest(same.iter());
        assert_eq!((shown.len(), more), (LIST_LIMIT, 20));
        let few: Vec<ItemAsOf> = (0..5).map(|i| open(i, 1)).collect();
        assert_eq!(newest(few.iter()).1, 0);
    }
}
