//! The handover chain: for each team, which of its shifts wrote a wrap on
//! each day of the weeks, and which handed over nothing. A team's shifts
//! are the shift labels its wraps used in those weeks (one row for wraps
//! without a label); the days are those with a brief, when anyone wrote.

use chrono::NaiveDate;

use super::weeks::Weeks;
use super::{Scoped, Scopes, Sources};

/// One shift on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cell {
    /// No wrap of the shift: nothing was handed over.
    Gap,
    /// A wrap, but it handed over no ask.
    Wrote,
    /// A wrap that handed over at least one ask.
    HandedOver,
}

/// One shift of a team, day by day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShiftRow {
    /// The shift label as written; `None` for wraps without one.
    pub label: Option<String>,
    /// One per day of [`super::Health::days`].
    pub cells: Vec<Cell>,
}

/// A week of shifts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ShiftWeek {
    /// Shifts that could have written: the days with a brief, times the
    /// team's shifts.
    pub shifts: usize,
    /// Those that wrote a wrap.
    pub wrote: usize,
    /// Those whose wraps handed over at least one ask.
    pub handed_over: usize,
}

impl ShiftWeek {
    /// Shifts that wrote nothing.
    pub(crate) fn gaps(&self) -> usize {
        self.shifts - self.wrote
    }
}

/// The days with a brief, each team's shifts on them, and the weekly
/// counts.
pub(super) fn build(
    s: &Sources,
    weeks: &Weeks,
    scopes: &Scopes,
) -> (Vec<NaiveDate>, Vec<Vec<ShiftRow>>, Scoped<Vec<ShiftWeek>>) {
    let first = weeks.first_day().unwrap_or(s.now.day);
    let days: Vec<NaiveDate> = s
        .briefs
        .iter()
        .map(|b| b.day)
        .filter(|d| *d >= first && *d <= s.now.day)
        .collect();
    let mut rows: Vec<Vec<ShiftRow>> = vec![Vec::new(); s.teams.len()];
    let start = s.wraps.partition_point(|w| w.day < first);
    for record in s.wraps[start..].iter().take_while(|w| w.day <= s.now.day) {
        let Some(team) = scopes.team(record.wrap.team.as_ref()) else {
            continue;
        };
        let Ok(day) = days.binary_search(&record.day) else {
            continue;
        };
        let label = record.wrap.shift.as_deref();
        let team_rows = &mut rows[team];
        let at = match team_rows.iter().position(|r| r.label.as_deref() == label) {
            Some(at) => at,
            None => {
                team_rows.push(ShiftRow {
                    label: label.map(str::to_string),
                    cells: vec![Cell::Gap; days.len()],
                });
                team_rows.len() - 1
            }
        };
        let cell = if record.wrap.asks.is_empty() {
            Cell::Wrote
        } else {
            Cell::HandedOver
        };
        let slot = &mut team_rows[at].cells[day];
        *slot = (*slot).max(cell);
    }
    let mut counts = Scoped::new(vec![ShiftWeek::default(); weeks.len()], s.teams.len());
    for (team, team_rows) in rows.iter().enumerate() {
        for row in team_rows {
            for (day, cell) in days.iter().zip(&row.cells) {
                let Some(w) = weeks.of(*day) else { continue };
                counts.each(Some(team), |c| {
                    c[w].shifts += 1;
                    c[w].wrote += usize::from(*cell != Cell::Gap);
                    c[w].handed_over += usize::from(*cell == Cell::HandedOver);
                });
            }
        }
    }
    (days, rows, counts)
}
