//! What was open at each week's end (asks and risks), and each week's
//! incidents and decisions.

use chrono::NaiveDate;

use super::super::handover::Receiver;
use super::asks::median;
use super::weeks::{Spans, Weeks};
use super::{Scoped, Scopes, Sources};
use crate::content::decision::DecisionStatus;
use crate::content::risk::Severity;

/// Severities in the order the figures list them, least first.
pub(crate) const SEVERITIES: [Severity; 4] = [
    Severity::Low,
    Severity::Medium,
    Severity::High,
    Severity::Critical,
];

/// Asks and risks open at the end of a week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OpenWeek {
    /// Open or in hand, as the last brief of the week left them (for the
    /// latest week: now).
    pub asks_open: usize,
    /// Of those, open ones a shift of their receiver let pass.
    pub asks_unacknowledged: usize,
    /// Open or mitigating risks, by severity in [`SEVERITIES`] order.
    pub risks: [usize; 4],
    /// Of those, untouched for `[risks] stale_after_days` or more.
    pub risks_stale: usize,
    /// Of those, blocking work.
    pub risks_blocking: usize,
}

impl OpenWeek {
    /// Open risks of every severity.
    pub(crate) fn risks_open(&self) -> usize {
        self.risks.iter().sum()
    }
}

/// A week's incidents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IncidentWeek {
    /// Opened that week.
    pub opened: usize,
    /// Resolved that week (whenever opened).
    pub resolved: usize,
    /// The median time from opened to resolved of those resolved that
    /// week, in minutes.
    pub median_minutes: Option<i64>,
    /// Not resolved at the end of the week.
    pub ongoing: usize,
}

/// A week's decisions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct DecisionWeek {
    /// Made that week (records that give no date are not counted).
    pub made: usize,
    /// Superseded that week: a decision made that week replaced them.
    pub superseded: usize,
}

/// Asks and risks open at each week's end.
pub(super) fn open(s: &Sources, weeks: &Weeks, scopes: &Scopes) -> Scoped<Vec<OpenWeek>> {
    let mut out = Scoped::new(vec![OpenWeek::default(); weeks.len()], s.teams.len());
    for (w, week) in weeks.0.iter().enumerate() {
        let before = s.briefs.partition_point(|b| b.day <= week.last);
        let brief = if week.last >= s.now.day {
            s.standing.filter(|b| b.day <= week.last)
        } else {
            before.checked_sub(1).map(|i| &s.briefs[i])
        };
        for count in brief.iter().flat_map(|b| &b.handover.counts) {
            let team = match &count.receiver {
                Receiver::Team(team) => scopes.team(Some(team)),
                Receiver::Person(person) => scopes.person(person),
                Receiver::Everyone => None,
            };
            out.each(team, |o| {
                o[w].asks_open += count.unacknowledged + count.waiting + count.in_hand;
                o[w].asks_unacknowledged += count.unacknowledged;
            });
        }
    }
    let stale_after = s.config.risks.stale_after_days;
    let empty = || {
        (
            std::array::from_fn(|_| Spans::new(weeks.len())),
            Spans::new(weeks.len()),
            Spans::new(weeks.len()),
        )
    };
    let mut spans: Scoped<([Spans; 4], Spans, Spans)> = Scoped::new(empty(), s.teams.len());
    for risk in s.risks {
        let team = scopes.team(risk.team.as_ref());
        let days: Vec<NaiveDate> = risk.history.iter().map(|t| s.wraps[t.wrap.0].day).collect();
        for (i, touch) in risk.history.iter().enumerate() {
            let state = &touch.after;
            if !state.status.is_active() {
                continue;
            }
            let (from, until) = (days[i], days.get(i + 1).copied());
            let held = weeks.ending_within(from, until);
            let severity = SEVERITIES
                .iter()
                .position(|&v| v == state.severity)
                .unwrap_or(1);
            let stale = (stale_after > 0)
                .then(|| from.checked_add_days(chrono::Days::new(u64::from(stale_after))))
                .flatten()
                .map(|stale_from| weeks.ending_within(stale_from, until));
            spans.each(team, |(by_severity, stale_spans, blocking)| {
                by_severity[severity].add(held.clone());
                if let Some(range) = stale.clone() {
                    stale_spans.add(range);
                }
                if state.blocker {
                    blocking.add(held.clone());
                }
            });
        }
    }
    let fill = |open: &mut Vec<OpenWeek>,
                (by_severity, stale, blocking): &([Spans; 4], Spans, Spans)| {
        for (k, spans) in by_severity.iter().enumerate() {
            for (o, n) in open.iter_mut().zip(spans.totals()) {
                o.risks[k] = n;
            }
        }
        for (o, n) in open.iter_mut().zip(stale.totals()) {
            o.risks_stale = n;
        }
        for (o, n) in open.iter_mut().zip(blocking.totals()) {
            o.risks_blocking = n;
        }
    };
    fill(&mut out.site, &spans.site);
    for (open, spans) in out.teams.iter_mut().zip(&spans.teams) {
        fill(open, spans);
    }
    out
}

/// Each week's incidents: opened, resolved with how long it took, and
/// ongoing at its end.
pub(super) fn incidents(s: &Sources, weeks: &Weeks, scopes: &Scopes) -> Scoped<Vec<IncidentWeek>> {
    let n = weeks.len();
    let mut out = Scoped::new(vec![IncidentWeek::default(); n], s.teams.len());
    let mut ongoing = Scoped::new(Spans::new(n), s.teams.len());
    let mut minutes: Scoped<Vec<Vec<i64>>> = Scoped::new(vec![Vec::new(); n], s.teams.len());
    for incident in s.incidents {
        let team = scopes.team(incident.team.as_ref());
        let opened = &incident.timeline[0];
        let opened_day = s.wraps[opened.wrap.0].day;
        // The touch that resolved it for good, if it is resolved now.
        let resolved = incident
            .timeline
            .iter()
            .rev()
            .take_while(|t| !t.after.status.is_ongoing())
            .last()
            .filter(|t| t.at <= s.now.at);
        let resolved_day = resolved.map(|t| s.wraps[t.wrap.0].day);
        if let Some(w) = weeks.of(opened_day) {
            out.each(team, |o| o[w].opened += 1);
        }
        if let (Some(touch), Some(w)) = (resolved, resolved_day.and_then(|d| weeks.of(d))) {
            let took = (touch.at - opened.at).num_minutes().max(0);
            out.each(team, |o| o[w].resolved += 1);
            minutes.each(team, |m| m[w].push(took));
        }
        let range = weeks.ending_within(opened_day, resolved_day);
        ongoing.each(team, |spans| spans.add(range.clone()));
    }
    let fill = |out: &mut Vec<IncidentWeek>, ongoing: &Spans, minutes: Vec<Vec<i64>>| {
        for ((o, n), mut m) in out.iter_mut().zip(ongoing.totals()).zip(minutes) {
            o.ongoing = n;
            o.median_minutes = median(&mut m);
        }
    };
    fill(&mut out.site, &ongoing.site, minutes.site);
    for ((o, spans), m) in out.teams.iter_mut().zip(&ongoing.teams).zip(minutes.teams) {
        fill(o, spans, m);
    }
    out
}

/// Each week's decisions made and superseded.
pub(super) fn decisions(s: &Sources, weeks: &Weeks, scopes: &Scopes) -> Scoped<Vec<DecisionWeek>> {
    let mut out = Scoped::new(vec![DecisionWeek::default(); weeks.len()], s.teams.len());
    let zone = s.config.timezone;
    let day_of = |i: usize| {
        s.decisions[i]
            .at
            .filter(|at| *at <= s.now.at)
            .map(|at| at.with_timezone(&zone).date_naive())
    };
    for (i, decision) in s.decisions.iter().enumerate() {
        let team = scopes.team(decision.team.as_ref());
        if let Some(w) = day_of(i).and_then(|d| weeks.of(d)) {
            out.each(team, |o| o[w].made += 1);
        }
        if decision.status != DecisionStatus::Superseded {
            continue;
        }
        // Superseded when the first decision replacing it was made.
        let replaced = decision
            .superseded_by
            .iter()
            .filter_map(|d| day_of(d.0))
            .min();
        if let Some(w) = replaced.and_then(|d| weeks.of(d)) {
            out.each(team, |o| o[w].superseded += 1);
        }
    }
    out
}
