//! How the handover is going over the last weeks, as numbers: for the
//! whole site and for each team, week by week, what became of the asks
//! written, how many asks and risks were open at each week's end, the
//! incidents and decisions of each week, and which shifts of each team
//! wrote a wrap. `docs/health.md` defines every figure.
//!
//! Pure data, made once per build. Each register is read once: every ask,
//! risk, incident, decision and wrap adds what it says to the weeks it
//! falls in (things that last add to a range of weeks at once, see
//! [`weeks::Spans`]), so the cost is linear in the ledger whatever the
//! number of weeks.

mod asks;
mod chain;
mod registers;
pub(crate) mod weeks;

use ahash::AHashMap;

use super::handover::{Moment, Shifts};
use super::{Brief, Ledger, TeamIndex, WrapRecord};
use crate::config::Config;
use crate::ids::{PersonKey, TeamId};
pub(crate) use asks::AskWeek;
pub(crate) use chain::{Cell, ShiftRow, ShiftWeek};
pub(crate) use registers::{DecisionWeek, IncidentWeek, OpenWeek};
pub(crate) use weeks::Weeks;

/// The weekly figures of one scope: the whole site, or one team. Every
/// list has one entry per week, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Figures {
    /// Asks written each week, and what became of them.
    pub asks: Vec<AskWeek>,
    /// Asks and risks open at each week's end.
    pub open: Vec<OpenWeek>,
    pub incidents: Vec<IncidentWeek>,
    pub decisions: Vec<DecisionWeek>,
    /// The shifts that wrote a wrap, and the gaps.
    pub shifts: Vec<ShiftWeek>,
}

/// The health of the site over [`Health::weeks`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Health {
    pub weeks: Weeks,
    pub site: Figures,
    /// By index of [`Ledger::teams`].
    pub teams: Vec<Figures>,
    /// The days of the weeks that have a brief: the days a shift could
    /// have handed over, oldest first.
    pub days: Vec<chrono::NaiveDate>,
    /// Each team's shifts on [`Health::days`], by index of
    /// [`Ledger::teams`].
    pub chains: Vec<Vec<ShiftRow>>,
}

/// What the figures are made from: the ledger's registers, before the
/// ledger is assembled.
pub(crate) struct Sources<'a> {
    pub config: &'a Config,
    pub now: Moment,
    pub wraps: &'a [WrapRecord],
    pub shifts: &'a Shifts<'a>,
    pub handover: &'a super::Handover,
    pub briefs: &'a [Brief],
    /// The latest brief carried on to now.
    pub standing: Option<&'a Brief>,
    pub risks: &'a [super::Risk],
    pub incidents: &'a [super::Incident],
    pub decisions: &'a [super::Decision],
    pub teams: &'a [TeamIndex],
}

/// Which team a thing counts for.
pub(crate) struct Scopes {
    teams: AHashMap<TeamId, usize>,
    /// Each person's team: the one `[people]` gives, else the team of
    /// their latest wrap.
    people: AHashMap<PersonKey, usize>,
}

impl Scopes {
    fn new(config: &Config, teams: &[TeamIndex], wraps: &[WrapRecord]) -> Scopes {
        let teams: AHashMap<TeamId, usize> = teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), i))
            .collect();
        let mut people = AHashMap::new();
        // Newest first: a person's latest wrap with a team says it.
        for record in wraps.iter().rev() {
            if let Some(&team) = record.wrap.team.as_ref().and_then(|t| teams.get(t))
                && !people.contains_key(record.author())
            {
                people.insert(record.author().clone(), team);
            }
        }
        for (key, person) in &config.people.listed {
            if let Some(&team) = person.team.as_ref().and_then(|t| teams.get(t)) {
                people.insert(key.clone(), team);
            }
        }
        Scopes { teams, people }
    }

    /// The index of `team`, if it is one of the ledger's teams.
    pub(crate) fn team(&self, team: Option<&TeamId>) -> Option<usize> {
        self.teams.get(team?).copied()
    }

    /// The team of `person`, if they have one.
    pub(crate) fn person(&self, person: &PersonKey) -> Option<usize> {
        self.people.get(person).copied()
    }
}

/// One value for the whole site and one per team.
pub(crate) struct Scoped<T> {
    pub site: T,
    pub teams: Vec<T>,
}

impl<T: Clone> Scoped<T> {
    fn new(value: T, teams: usize) -> Scoped<T> {
        Scoped {
            teams: vec![value.clone(); teams],
            site: value,
        }
    }
}

impl<T> Scoped<T> {
    /// The site's value and, when `team` is given, that team's.
    fn each(&mut self, team: Option<usize>, mut f: impl FnMut(&mut T)) {
        f(&mut self.site);
        if let Some(t) = team.and_then(|t| self.teams.get_mut(t)) {
            f(t);
        }
    }

    /// The team's value alone.
    fn team(&mut self, team: usize) -> Option<&mut T> {
        self.teams.get_mut(team)
    }
}

impl Health {
    /// The figures of the `config.health.weeks` weeks ending with today.
    pub(crate) fn build(sources: &Sources) -> Health {
        let weeks = Weeks::ending(sources.now.day, sources.config.health.weeks);
        let scopes = Scopes::new(sources.config, sources.teams, sources.wraps);
        let teams = sources.teams.len();
        let (asks, open) = rayon::join(
            || asks::build(sources, &weeks, &scopes),
            || registers::open(sources, &weeks, &scopes),
        );
        let incidents = registers::incidents(sources, &weeks, &scopes);
        let decisions = registers::decisions(sources, &weeks, &scopes);
        let (days, chains, shifts) = chain::build(sources, &weeks, &scopes);
        let mut all = Scoped::new(Figures::default(), teams);
        fill(&mut all, asks, |f| &mut f.asks);
        fill(&mut all, open, |f| &mut f.open);
        fill(&mut all, incidents, |f| &mut f.incidents);
        fill(&mut all, decisions, |f| &mut f.decisions);
        fill(&mut all, shifts, |f| &mut f.shifts);
        Health {
            weeks,
            site: all.site,
            teams: all.teams,
            days,
            chains,
        }
    }
}

/// Puts one figure of every scope in its place.
fn fill<T>(
    all: &mut Scoped<Figures>,
    part: Scoped<Vec<T>>,
    field: impl Fn(&mut Figures) -> &mut Vec<T>,
) {
    *field(&mut all.site) = part.site;
    for (figures, value) in all.teams.iter_mut().zip(part.teams) {
        *field(figures) = value;
    }
}

impl Ledger {
    /// The health figures of `team` (an index of [`Ledger::teams`]), or of
    /// the whole site.
    pub(crate) fn health_of(&self, team: Option<usize>) -> &Figures {
        team.and_then(|t| self.health.teams.get(t))
            .unwrap_or(&self.health.site)
    }
}

#[cfg(test)]
mod tests;
