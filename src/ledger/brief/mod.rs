//! Daily briefs: one per day of the site time zone, made to be read in a
//! few minutes by someone with no context.

use std::collections::BTreeMap;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use chrono_tz::Tz;
use rayon::prelude::*;

use super::Names;
use super::decision::{Decision, MentionKind, Origin};
use super::handover::{DayHandover, Handover, Moment};
use super::incident::{Incident, IncidentIdx, IncidentState};
use super::pager::{OnCall, Rota};
use super::risk::Risk;
use super::{DecisionIdx, RiskIdx, WrapIdx, WrapRecord};
use crate::config::Config;
use crate::content::shift_state::ShiftState;
use crate::ids::TeamId;

/// What happened on one day, ordered by what needs a reader first.
#[derive(Debug, Clone)]
pub(crate) struct Brief {
    pub day: NaiveDate,
    /// The moment the brief shows things as of: the end of its day, or,
    /// carried on to the build's "now" ([`standing`]), that.
    pub as_of: Moment,
    /// The first instant after the day (in the site zone): what the brief
    /// shows is as things stood just before it.
    pub ends: DateTime<FixedOffset>,
    /// The day's wraps, oldest first.
    pub wraps: Vec<WrapIdx>,
    /// The same wraps grouped by shift, in the order the shifts ended.
    pub shifts: Vec<ShiftGroup>,
    /// Risks raised, escalated, reopened or blocking that day.
    pub attention: Vec<RiskTouch>,
    /// Risks resolved or accepted that day.
    pub closed: Vec<RiskTouch>,
    /// Decisions made or restated that day.
    pub decisions: Vec<DayDecision>,
    /// Incidents ongoing at the end of the day, then those resolved that day.
    pub incidents: Vec<DayIncident>,
    /// Who held each team's pager at the end of the day.
    pub on_call: Vec<OnCall>,
    /// Asks written, acknowledged and lapsed that day, and the most
    /// pressing of those open at its end.
    pub handover: DayHandover,
    /// The worst `state` each team gave that day, by team.
    pub states: Vec<(Option<TeamId>, ShiftState)>,
}

impl Brief {
    /// The moment the brief shows things as of (see [`Brief::as_of`]).
    pub(crate) fn last_moment(&self) -> DateTime<FixedOffset> {
        self.as_of.at
    }
}

/// A risk as a given touch left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RiskTouch {
    pub risk: RiskIdx,
    /// Index into the risk's history.
    pub touch: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct ShiftGroup {
    /// The shift label, else the team name.
    pub label: String,
    pub wraps: Vec<WrapIdx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayDecision {
    pub decision: DecisionIdx,
    /// The wrap that recorded it that day; `None` for a long-form record.
    pub wrap: Option<WrapIdx>,
    /// First recorded that day, rather than restated.
    pub new: bool,
}

/// An incident as the end of a day left it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DayIncident {
    pub incident: IncidentIdx,
    pub state: IncidentState,
    /// Some wrap of the day touched it.
    pub touched: bool,
}

/// What the briefs are made from.
pub(crate) struct Sources<'a> {
    pub wraps: &'a [WrapRecord],
    pub decisions: &'a [Decision],
    pub risks: &'a [Risk],
    pub incidents: &'a [Incident],
    pub handover: &'a Handover,
    /// The shifts the wraps end, which asks are unacknowledged by.
    pub shifts: &'a super::handover::Shifts<'a>,
    pub rota: &'a Rota,
    pub config: &'a Config,
    pub names: &'a Names,
}

/// Builds one brief per day with wraps.
pub(crate) fn build(sources: &Sources) -> Vec<Brief> {
    let Sources {
        wraps,
        decisions,
        risks,
        config,
        names,
        ..
    } = *sources;
    let mut days: BTreeMap<NaiveDate, Vec<WrapIdx>> = BTreeMap::new();
    for (i, record) in wraps.iter().enumerate() {
        days.entry(record.day).or_default().push(WrapIdx(i));
    }
    let bounds: Vec<_> = days
        .keys()
        .map(|&day| {
            (
                day,
                day_start(day, config.timezone),
                day_start(day + Days::new(1), config.timezone),
            )
        })
        .collect();
    let handovers = sources
        .handover
        .days(wraps, sources.shifts, &bounds, config);
    let touches = touches_by_day(wraps, risks);
    let day_decisions = decisions_by_day(wraps, decisions, config);
    // Days are independent once touches and decisions are grouped.
    days.into_iter()
        .zip(bounds)
        .zip(handovers)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(((day, day_wraps), (_, start, end)), handover)| {
            let (attention, closed) = touches
                .get(&day)
                .map(|t| classify(t, risks))
                .unwrap_or_default();
            Brief {
                day,
                as_of: Moment {
                    at: end - chrono::Duration::nanoseconds(1),
                    day,
                },
                ends: end,
                shifts: shifts(&day_wraps, wraps, names),
                incidents: day_incidents(sources.incidents, start, end),
                on_call: {
                    let last = end - chrono::Duration::nanoseconds(1);
                    sources.rota.at(last, last, wraps)
                },
                states: states(&day_wraps, wraps),
                handover,
                decisions: day_decisions.get(&day).cloned().unwrap_or_default(),
                wraps: day_wraps,
                attention,
                closed,
            }
        })
        .collect()
}

/// The first instant of `day` in `zone` (the earliest, across a DST
/// change).
pub(crate) fn day_start(day: NaiveDate, zone: Tz) -> DateTime<FixedOffset> {
    let midnight = day.and_time(NaiveTime::MIN);
    zone.from_local_datetime(&midnight)
        .earliest()
        // Midnight skipped by a DST change: the day starts an hour later.
        .or_else(|| {
            zone.from_local_datetime(&(midnight + chrono::Duration::hours(1)))
                .earliest()
        })
        .map_or_else(|| midnight.and_utc().fixed_offset(), |t| t.fixed_offset())
}

/// Incidents ongoing at `end`, then those resolved in `start..end`.
pub(super) fn day_incidents(
    incidents: &[Incident],
    start: DateTime<FixedOffset>,
    end: DateTime<FixedOffset>,
) -> Vec<DayIncident> {
    let mut out: Vec<DayIncident> = Vec::new();
    for (i, incident) in incidents.iter().enumerate() {
        let Some(state) = incident.state_at(end - chrono::Duration::nanoseconds(1)) else {
            continue;
        };
        let touched = incident
            .timeline
            .iter()
            .any(|t| t.at >= start && t.at < end);
        if state.status.is_ongoing() || touched {
            out.push(DayIncident {
                incident: IncidentIdx(i),
                state: state.clone(),
                touched,
            });
        }
    }
    // Ongoing first, worst first; then resolved.
    out.sort_by(|a, b| {
        b.state
            .status
            .is_ongoing()
            .cmp(&a.state.status.is_ongoing())
            .then_with(|| {
                let rank = |s: &IncidentState| s.severity.as_ref().map_or(usize::MAX, |s| s.rank);
                rank(&a.state).cmp(&rank(&b.state))
            })
            .then(a.incident.cmp(&b.incident))
    });
    out
}

/// The worst state each team gave among the day's wraps.
fn states(day_wraps: &[WrapIdx], wraps: &[WrapRecord]) -> Vec<(Option<TeamId>, ShiftState)> {
    let mut worst: BTreeMap<Option<TeamId>, ShiftState> = BTreeMap::new();
    for &w in day_wraps {
        let wrap = &wraps[w.0].wrap;
        if let Some(state) = wrap.state {
            let entry = worst.entry(wrap.team.clone()).or_insert(state);
            *entry = (*entry).max(state);
        }
    }
    worst.into_iter().collect()
}

/// Every touch of every risk, by the day of the touching wrap.
fn touches_by_day(wraps: &[WrapRecord], risks: &[Risk]) -> BTreeMap<NaiveDate, Vec<RiskTouch>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<RiskTouch>> = BTreeMap::new();
    for (r, risk) in risks.iter().enumerate() {
        for (t, touch) in risk.history.iter().enumerate() {
            by_day
                .entry(wraps[touch.wrap.0].day)
                .or_default()
                .push(RiskTouch {
                    risk: RiskIdx(r),
                    touch: t,
                });
        }
    }
    by_day
}

/// Splits a day's touches into "needs attention" and "closed", one entry
/// per risk: its last touch of the day of that kind.
fn classify(touches: &[RiskTouch], risks: &[Risk]) -> (Vec<RiskTouch>, Vec<RiskTouch>) {
    let mut last_attention: BTreeMap<RiskIdx, RiskTouch> = BTreeMap::new();
    let mut last_of_day: BTreeMap<RiskIdx, RiskTouch> = BTreeMap::new();
    for &t in touches {
        let touch = &risks[t.risk.0].history[t.touch];
        if touch.needs_attention() {
            last_attention.insert(t.risk, t);
        }
        last_of_day.insert(t.risk, t);
    }
    let closed: Vec<RiskTouch> = last_of_day
        .values()
        .copied()
        .filter(|t| {
            let history = &risks[t.risk.0].history;
            !history[t.touch].after.status.is_active()
                && touches
                    .iter()
                    .any(|o| o.risk == t.risk && history[o.touch].closed())
        })
        .collect();
    let mut attention: Vec<RiskTouch> = last_attention
        .into_values()
        // A risk raised and closed the same day is news, not a worry.
        .filter(|t| {
            last_of_day[&t.risk].touch == t.touch
                || risks[t.risk.0].history[last_of_day[&t.risk].touch]
                    .after
                    .status
                    .is_active()
        })
        .collect();
    attention.sort_by(|a, b| {
        let (sa, sb) = (
            &risks[a.risk.0].history[a.touch].after,
            &risks[b.risk.0].history[b.touch].after,
        );
        sb.blocker
            .cmp(&sa.blocker)
            .then(sb.severity.cmp(&sa.severity))
            .then_with(|| risks[a.risk.0].id.cmp(&risks[b.risk.0].id))
    });
    (attention, closed)
}

fn decisions_by_day(
    wraps: &[WrapRecord],
    decisions: &[Decision],
    config: &Config,
) -> BTreeMap<NaiveDate, Vec<DayDecision>> {
    let mut by_day: BTreeMap<NaiveDate, Vec<DayDecision>> = BTreeMap::new();
    for (i, decision) in decisions.iter().enumerate() {
        let idx = DecisionIdx(i);
        // A record that gives no date is on no day's brief.
        if let (Origin::Record(_), Some(at)) = (decision.origin, decision.at) {
            let day = at.with_timezone(&config.timezone).date_naive();
            by_day.entry(day).or_default().push(DayDecision {
                decision: idx,
                wrap: None,
                new: true,
            });
        }
        for mention in &decision.mentions {
            let new = match mention.kind {
                MentionKind::Recorded => true,
                MentionKind::Restated(_) => false,
                MentionKind::SupersededBy(_) => continue,
            };
            let list = by_day.entry(wraps[mention.wrap.0].day).or_default();
            if !list.iter().any(|d| d.decision == idx) {
                list.push(DayDecision {
                    decision: idx,
                    wrap: Some(mention.wrap),
                    new,
                });
            }
        }
    }
    by_day
}

fn shifts(day_wraps: &[WrapIdx], wraps: &[WrapRecord], names: &Names) -> Vec<ShiftGroup> {
    let mut groups: Vec<ShiftGroup> = Vec::new();
    for &w in day_wraps {
        let wrap = &wraps[w.0].wrap;
        let label = match (&wrap.shift, &wrap.team) {
            (Some(shift), _) => shift.clone(),
            (None, Some(team)) => names.team(team).to_string(),
            (None, None) => "Unlabelled".to_string(),
        };
        match groups.iter_mut().find(|g| g.label == label) {
            Some(group) => group.wraps.push(w),
            None => groups.push(ShiftGroup {
                label,
                wraps: vec![w],
            }),
        }
    }
    groups
}

mod standing;
pub(crate) use standing::{latest, standing};

#[cfg(test)]
mod tests;
