//! What became of the asks written each week: picked up within one shift
//! of their receiver, picked up later, lapsed, still not picked up after
//! a shift of their receiver passed, or still waiting for that shift.

use super::super::WrapRecord;
use super::super::handover::items::ItemEvent;
use super::super::handover::{Item, Receiver};
use super::weeks::Weeks;
use super::{Scoped, Scopes, Sources};
use crate::ids::TeamId;

/// The asks written in one week, by what became of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct AskWeek {
    pub written: usize,
    /// First acknowledged by the end of their receiver's first shift after
    /// the ask was written.
    pub within_shift: usize,
    /// First acknowledged, but after that.
    pub later: usize,
    /// Never acknowledged, and lapsed (`[handover] lapse_after_days`).
    pub lapsed: usize,
    /// Never acknowledged, not lapsed, and a shift of their receiver
    /// passed without picking them up.
    pub unanswered: usize,
    /// Not acknowledged yet, but no shift of their receiver has passed:
    /// too early to say.
    pub waiting: usize,
    /// The median time from writing to first acknowledgement, in minutes,
    /// of those acknowledged.
    pub median_minutes: Option<i64>,
}

impl AskWeek {
    /// The asks whose first shift is over: all but those still waiting.
    pub(crate) fn decided(&self) -> usize {
        self.written - self.waiting
    }

    /// The share picked up within a shift of those decided, in whole
    /// percent (half up); `None` when none is decided.
    pub(crate) fn within_share(&self) -> Option<u32> {
        percent(self.within_shift, self.decided())
    }
}

/// `part` of `whole` in whole percent, rounded half up.
pub(crate) fn percent(part: usize, whole: usize) -> Option<u32> {
    (whole > 0).then(|| u32::try_from((part * 200 + whole) / (2 * whole)).unwrap_or(u32::MAX))
}

/// What became of one ask for one receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Picked up within a shift, after so many minutes.
    Within(i64),
    Later(i64),
    Lapsed,
    Unanswered,
    Waiting,
}

pub(super) fn build(s: &Sources, weeks: &Weeks, scopes: &Scopes) -> Scoped<Vec<AskWeek>> {
    let n = weeks.len();
    let mut counts = Scoped::new(vec![AskWeek::default(); n], s.teams.len());
    let mut minutes: Scoped<Vec<Vec<i64>>> = Scoped::new(vec![Vec::new(); n], s.teams.len());
    let mut count = |scope: Option<usize>, site: bool, week: usize, outcome: Outcome| {
        let add = |w: &mut Vec<AskWeek>| {
            let c = &mut w[week];
            c.written += 1;
            match outcome {
                Outcome::Within(_) => c.within_shift += 1,
                Outcome::Later(_) => c.later += 1,
                Outcome::Lapsed => c.lapsed += 1,
                Outcome::Unanswered => c.unanswered += 1,
                Outcome::Waiting => c.waiting += 1,
            }
        };
        let took = match outcome {
            Outcome::Within(m) | Outcome::Later(m) => Some(m),
            _ => None,
        };
        if site {
            add(&mut counts.site);
            minutes.site[week].extend(took);
        }
        if let Some(t) = scope {
            counts.team(t).map(add);
            if let Some(m) = minutes.team(t) {
                m[week].extend(took);
            }
        }
    };
    for item in &s.handover.items {
        let written = &s.wraps[item.wrap.0];
        let Some(week) = weeks.of(written.day) else {
            continue;
        };
        let first = first_word(s, item, |_| true);
        let outcome = judge(s, item, written, &item.to, first);
        match &item.to {
            Receiver::Team(team) => count(scopes.team(Some(team)), true, week, outcome),
            Receiver::Person(person) => count(scopes.person(person), true, week, outcome),
            Receiver::Everyone => {
                count(None, true, week, outcome);
                // Each team it reached answers for its own part.
                for team in &item.teams {
                    let speaks = |by: &WrapRecord| speaks_for(by, team, written);
                    let first = first_word(s, item, speaks);
                    let receiver = Receiver::Team(team.clone());
                    let outcome = judge(s, item, written, &receiver, first);
                    count(scopes.team(Some(team)), false, week, outcome);
                }
            }
        }
    }
    let mut out = counts;
    for (weeks, minutes) in std::iter::once((&mut out.site, minutes.site))
        .chain(out.teams.iter_mut().zip(minutes.teams))
    {
        for (week, mut m) in weeks.iter_mut().zip(minutes) {
            week.median_minutes = median(&mut m);
        }
    }
    out
}

/// The first acknowledgement written by `now` in a wrap `by` accepts.
fn first_word<'a>(
    s: &Sources,
    item: &'a Item,
    by: impl Fn(&WrapRecord) -> bool,
) -> Option<&'a ItemEvent> {
    item.events
        .iter()
        .take_while(|e| e.at <= s.now.at)
        .find(|e| by(&s.wraps[e.wrap.0]))
}

/// Whether a wrap acknowledging an ask to everyone speaks for `team`'s
/// part: written for that team, or by the ask's writer or someone of no
/// team, who speak for the whole ask (see `handover::broadcast`).
fn speaks_for(by: &WrapRecord, team: &TeamId, written: &WrapRecord) -> bool {
    by.wrap.team.is_none() || by.author() == written.author() || by.wrap.team.as_ref() == Some(team)
}

/// What became of `item` for `receiver`, whose first word on it is `first`.
fn judge(
    s: &Sources,
    item: &Item,
    written: &WrapRecord,
    receiver: &Receiver,
    first: Option<&ItemEvent>,
) -> Outcome {
    let since = written.wrap.at;
    if let Some(event) = first {
        let minutes = (event.at - since).num_minutes().max(0);
        // The shift that acknowledged it counts among those passed.
        let passed = s.shifts.passed(receiver, since, item.wrap, event.at, 2);
        return if passed <= 1 {
            Outcome::Within(minutes)
        } else {
            Outcome::Later(minutes)
        };
    }
    if s.handover
        .lapse
        .day(written.day)
        .is_some_and(|day| day <= s.now.day)
    {
        Outcome::Lapsed
    } else if s.shifts.passed(receiver, since, item.wrap, s.now.at, 1) >= 1 {
        Outcome::Unanswered
    } else {
        Outcome::Waiting
    }
}

/// The median of `values` (the lower middle's and upper middle's mean,
/// rounded down, for an even count).
pub(crate) fn median(values: &mut [i64]) -> Option<i64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]).div_euclid(2)
    })
}
