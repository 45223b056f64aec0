//! Asks handed over, followed across shifts: who each is for, its id, and
//! what its receivers did with it.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use super::super::{WrapIdx, WrapRecord};
use super::broadcast::{self, Part};
use crate::content::ask::Due;
use crate::ids::{ItemId, PersonKey, TeamId};

/// Index of an item in [`super::Handover::items`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct ItemIdx(pub usize);

/// Who an ask is for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Receiver {
    Team(TeamId),
    Person(PersonKey),
    Everyone,
}

/// An ask, with everything its receivers did with it.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub id: ItemId,
    /// The wrap that handed it over.
    pub wrap: WrapIdx,
    /// Which of that wrap's asks it is.
    pub ask: usize,
    /// Whether the ask's address named someone, so that what to do is
    /// the text after it ([`Item::what`]).
    pub addressed: bool,
    /// Whom it was first handed to.
    pub to: Receiver,
    /// For an ask to everyone, the teams it reached (each acknowledges
    /// its part: see [`super::broadcast`]); empty otherwise.
    pub teams: Vec<TeamId>,
    pub due: Option<Due>,
    /// Acknowledgements, in the order their wraps were written.
    pub events: Vec<ItemEvent>,
}

/// One acknowledgement of an item.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemEvent {
    pub wrap: WrapIdx,
    pub at: DateTime<FixedOffset>,
    pub kind: EventKind,
    pub note: Option<String>,
}

/// What an acknowledgement did.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EventKind {
    Taken { by: PersonKey, name: String },
    Done,
    Declined,
    HandedOn { to: Receiver },
}

impl EventKind {
    /// How pages say it.
    pub(crate) fn verb(&self) -> &'static str {
        match self {
            EventKind::Taken { .. } => "taken",
            EventKind::Done => "done",
            EventKind::Declined => "declined",
            EventKind::HandedOn { .. } => "handed on",
        }
    }
}

/// Where an item stands at one moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ItemState {
    pub receiver: Receiver,
    /// Since when its receiver has it (written, or handed on).
    pub since: DateTime<FixedOffset>,
    pub since_wrap: WrapIdx,
    pub status: ItemStatus,
    /// The day (site time zone) of the last word on it that kept it going:
    /// its writing, or the last time it was taken or handed on. It lapses
    /// [`Lapse`] days after.
    pub last_day: NaiveDate,
    /// For an ask to everyone, each team's part; empty otherwise.
    pub parts: Vec<Part>,
}

/// How long an ask may stay open or in hand with no word on it:
/// `[handover] lapse_after_days`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Lapse(pub Option<u32>);

impl Lapse {
    /// The day an ask last kept going on `last_day` lapses, if ever.
    pub(crate) fn day(self, last_day: NaiveDate) -> Option<NaiveDate> {
        self.0
            .and_then(|days| last_day.checked_add_days(Days::new(u64::from(days))))
    }
}

/// A moment and its day in the site's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Moment {
    pub at: DateTime<FixedOffset>,
    pub day: NaiveDate,
}

/// Days on whose end an item is live (open or in hand): `from` up to,
/// not including, `until` (`None`: still live), and whether it ended by
/// lapsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LiveDays {
    pub from: NaiveDate,
    pub until: Option<NaiveDate>,
    pub lapsed: bool,
}

/// An item's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ItemStatus {
    /// Nobody has acknowledged it yet.
    Open,
    /// Someone took it, and has not said it is done.
    Taken {
        by: PersonKey,
        name: String,
    },
    Done,
    Declined,
    /// Open or in hand too long with no word on it: off the briefs since
    /// this day, until someone acknowledges it after all.
    Lapsed {
        on: NaiveDate,
    },
}

impl ItemStatus {
    /// Open or in hand: on the briefs.
    pub(crate) fn is_live(&self) -> bool {
        matches!(self, ItemStatus::Open | ItemStatus::Taken { .. })
    }
}

impl Item {
    /// What to do: the ask without its address (words before a colon that
    /// named nobody stay in the text). `wraps` are the ledger's.
    pub(crate) fn what<'a>(&self, wraps: &'a [WrapRecord]) -> &'a str {
        let ask = &wraps[self.wrap.0].wrap.asks[self.ask];
        if self.addressed {
            ask.what()
        } else {
            &ask.written
        }
    }

    /// Its state after the acknowledgements written up to `now`, asks
    /// lapsing after `lapse`.
    pub(crate) fn state_at(&self, wraps: &[WrapRecord], now: Moment, lapse: Lapse) -> ItemState {
        let written = &wraps[self.wrap.0];
        let mut state = ItemState {
            receiver: self.to.clone(),
            since: written.wrap.at,
            since_wrap: self.wrap,
            status: ItemStatus::Open,
            last_day: written.day,
            parts: broadcast::parts(&self.teams, written.wrap.at, self.wrap),
        };
        for event in self.events.iter().take_while(|e| e.at <= now.at) {
            let day = wraps[event.wrap.0].day;
            state.lapse_by(day, lapse);
            state.apply(event, day, wraps, written.author());
        }
        state.lapse_by(now.day, lapse);
        state
    }

    /// What each acknowledgement did to the ask as a whole, in order:
    /// kept it going (taken, handed on), closed it, or neither (one team
    /// of an ask to everyone closing its part while others are open).
    fn effects<'a>(
        &'a self,
        wraps: &'a [WrapRecord],
    ) -> impl Iterator<Item = (NaiveDate, Effect)> + 'a {
        let written = &wraps[self.wrap.0];
        let mut parts = broadcast::parts(&self.teams, written.wrap.at, self.wrap);
        self.events.iter().map(move |event| {
            let day = wraps[event.wrap.0].day;
            let keeps = matches!(
                event.kind,
                EventKind::Taken { .. } | EventKind::HandedOn { .. }
            );
            let whole = parts.is_empty()
                || broadcast::apply(&mut parts, event, &wraps[event.wrap.0], written.author())
                    == broadcast::Applied::Whole;
            let effect = if keeps {
                Effect::Keeps
            } else if whole || !broadcast::overall(&parts).is_live() {
                Effect::Closes
            } else {
                Effect::None
            };
            (day, effect)
        })
    }

    /// The days on whose end it is live, in order: from its writing until
    /// it is closed or lapses, and again from each time it is taken or
    /// handed on after it lapsed.
    pub(crate) fn live_days(&self, wraps: &[WrapRecord], lapse: Lapse) -> Vec<LiveDays> {
        let mut out = Vec::new();
        let mut from = Some(wraps[self.wrap.0].day);
        let mut last_day = wraps[self.wrap.0].day;
        for (day, effect) in self.effects(wraps) {
            if let (Some(start), Some(lapsed)) = (from, lapse.day(last_day))
                && day >= lapsed
            {
                out.push(LiveDays {
                    from: start,
                    until: Some(lapsed),
                    lapsed: true,
                });
                from = None;
            }
            match effect {
                Effect::Keeps => {
                    // Picked up on the day it lapsed: it never stopped.
                    if from.is_none()
                        && let Some(last) = out.last()
                        && last.lapsed
                        && last.until == Some(day)
                    {
                        from = out.pop().map(|l| l.from);
                    }
                    from = from.or(Some(day));
                    last_day = day;
                }
                Effect::Closes => {
                    if let Some(start) = from.take() {
                        out.push(LiveDays {
                            from: start,
                            until: Some(day),
                            lapsed: false,
                        });
                    }
                }
                Effect::None => {}
            }
        }
        if let Some(start) = from {
            let until = lapse.day(last_day);
            out.push(LiveDays {
                from: start,
                until,
                lapsed: until.is_some(),
            });
        }
        out
    }
}

/// What an acknowledgement did to an ask as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    Keeps,
    Closes,
    None,
}

impl ItemState {
    /// Applies an acknowledgement written on `day`; `writer` wrote the ask.
    fn apply(
        &mut self,
        event: &ItemEvent,
        day: NaiveDate,
        wraps: &[WrapRecord],
        writer: &PersonKey,
    ) {
        let keeps = matches!(
            event.kind,
            EventKind::Taken { .. } | EventKind::HandedOn { .. }
        );
        if !self.parts.is_empty()
            && broadcast::apply(&mut self.parts, event, &wraps[event.wrap.0], writer)
                == broadcast::Applied::Part
        {
            let overall = broadcast::overall(&self.parts);
            // A part closed after the ask lapsed does not bring it back.
            if keeps || !matches!(self.status, ItemStatus::Lapsed { .. }) || !overall.is_live() {
                self.status = overall;
            }
            if keeps {
                self.last_day = day;
            }
            return;
        }
        match &event.kind {
            EventKind::Taken { by, name } => {
                self.status = ItemStatus::Taken {
                    by: by.clone(),
                    name: name.clone(),
                };
                self.last_day = day;
            }
            EventKind::Done => self.status = ItemStatus::Done,
            EventKind::Declined => self.status = ItemStatus::Declined,
            EventKind::HandedOn { to } => {
                self.receiver = to.clone();
                self.since = event.at;
                self.since_wrap = event.wrap;
                self.status = ItemStatus::Open;
                self.last_day = day;
                // Handed on as a whole, it is one receiver's again.
                self.parts.clear();
            }
        }
        for part in &mut self.parts {
            part.status = self.status.clone();
        }
    }

    /// Who must acknowledge it, and since when: each open part of an ask
    /// to everyone, else its receiver while it is open.
    pub(crate) fn waiting_on(&self) -> Vec<(&Receiver, DateTime<FixedOffset>, WrapIdx)> {
        if self.status != ItemStatus::Open {
            return Vec::new();
        }
        if self.parts.is_empty() {
            return vec![(&self.receiver, self.since, self.since_wrap)];
        }
        broadcast::open(&self.parts)
            .map(|p| (&p.to, p.since, p.since_wrap))
            .collect()
    }

    /// Lapses it if it is live and `day` is its lapse day or later.
    fn lapse_by(&mut self, day: NaiveDate, lapse: Lapse) {
        if let Some(on) = lapse.day(self.last_day)
            && self.status.is_live()
            && day >= on
        {
            self.status = ItemStatus::Lapsed { on };
        }
    }
}
