//! Which findings of the lints about what was written are listed one by
//! one. A reviewer's warning is for what is being written now: W021 (a
//! decision like another), W022 (an ask with nothing to do) and W023 (a
//! date far from its commit) are listed, in `check` and `build`, for the
//! wraps of the last [`RECENT_DAYS`] days; older ones are counted in one
//! line a lint. A repository with years of history (or an import of old
//! notes) then checks in the few lines that can still be acted on, not a
//! screen per decision made in 2022. `standin diff` lists every one, on
//! the lines a change touches.
//!
//! The lints about what stands now (W018 to W020: an open risk, an
//! ongoing incident, a blocker) are always listed: there are only ever as
//! many as there are things open.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};

use crate::config::Lint;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// Days, today included, whose wraps' findings are listed one by one.
pub(crate) const RECENT_DAYS: u64 = 7;

/// Which findings are listed: those of recent wraps, or all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// `check`, `build`, `serve`: the last [`RECENT_DAYS`] days.
    Recent,
    /// `standin diff`, which keeps to the lines a change touches.
    All,
}

/// Findings as the lints make them: listed, or counted as older.
pub(super) struct Findings<'d> {
    /// The first day whose findings are listed; `None`: all are.
    since: Option<NaiveDate>,
    d: &'d mut Diagnostics,
    /// Per lint, the code of its findings and how many are older.
    older: BTreeMap<Lint, (Code, usize)>,
    /// Lints with findings listed, whose older ones are "more".
    listed: BTreeSet<Lint>,
}

impl<'d> Findings<'d> {
    /// Findings for a ledger whose today is `today`.
    pub(super) fn new(scope: Scope, today: NaiveDate, d: &'d mut Diagnostics) -> Self {
        let since = match scope {
            Scope::Recent => today.checked_sub_days(Days::new(RECENT_DAYS - 1)),
            Scope::All => None,
        };
        Findings {
            since,
            d,
            older: BTreeMap::new(),
            listed: BTreeSet::new(),
        }
    }

    /// A finding of `lint` in a wrap of `day`.
    pub(super) fn push(&mut self, lint: Lint, day: NaiveDate, diagnostic: Diagnostic) {
        match self.since {
            Some(since) if day < since => {
                self.older.entry(lint).or_insert((diagnostic.code, 0)).1 += 1;
            }
            _ => {
                self.listed.insert(lint);
                self.d.push(diagnostic);
            }
        }
    }

    /// One line for each lint with older findings: how many, and why they
    /// are not listed.
    pub(super) fn finish(self) {
        let Some(since) = self.since else { return };
        for (lint, (code, count)) in self.older {
            let Some(what) = older_ones(lint, count) else {
                continue;
            };
            let more = if self.listed.contains(&lint) {
                " more"
            } else {
                ""
            };
            self.d.push(
                Diagnostic::new(
                    code,
                    format!(
                        "{count}{more} {}: not listed one by one",
                        what.replace("{since}", &since.format("%-d %b %Y").to_string())
                    ),
                )
                .with_help(format!(
                    "a reviewer's warning is for what is being written: `standin diff` lists these on the lines a change touches; `{} = false` under `[lint]` turns them off",
                    lint.key()
                )),
            );
        }
    }
}

/// What `count` older findings of `lint` are, with `{since}` where the
/// first listed day goes.
fn older_ones(lint: Lint, count: usize) -> Option<&'static str> {
    let one = count == 1;
    Some(match lint {
        Lint::SimilarDecision if one => {
            "decision made before {since} supersedes nothing while an accepted one has a similar title"
        }
        Lint::SimilarDecision => {
            "decisions made before {since} supersede nothing while an accepted one has a similar title"
        }
        Lint::VagueAsk if one => "ask written before {since} says no action",
        Lint::VagueAsk => "asks written before {since} say no action",
        Lint::CommitDate if one => "wrap dated before {since} is more than a day from its commit",
        Lint::CommitDate => "wraps dated before {since} are more than a day from their commit",
        Lint::RiskOwner | Lint::IncidentCommand | Lint::BlockerAsk => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn finding() -> Diagnostic {
        Diagnostic::new(Code::VagueAsk, "ask `x` says no action")
    }

    #[test]
    fn the_last_week_is_listed_and_the_rest_counted_in_one_line() {
        let mut d = Diagnostics::new();
        let mut findings = Findings::new(Scope::Recent, day("2026-12-07"), &mut d);
        for date in ["2026-12-07", "2026-12-01", "2026-11-30", "2025-01-01"] {
            findings.push(Lint::VagueAsk, day(date), finding());
        }
        let dated = Diagnostic::new(Code::CommitDate, "this wrap is dated far from its commit");
        findings.push(Lint::CommitDate, day("2020-02-02"), dated);
        findings.finish();
        let messages: Vec<_> = d.iter().map(|d| d.message.clone()).collect();
        let codes: Vec<_> = d.iter().map(|d| d.code).collect();
        // Each count is told under its findings' own code.
        assert_eq!(
            codes,
            [
                Code::VagueAsk,
                Code::VagueAsk,
                Code::VagueAsk,
                Code::CommitDate
            ]
        );
        assert_eq!(
            messages,
            [
                "ask `x` says no action",
                "ask `x` says no action",
                "2 more asks written before 1 Dec 2026 say no action: not listed one by one",
                "1 wrap dated before 1 Dec 2026 is more than a day from its commit: not listed one by one",
            ]
        );
    }

    #[test]
    fn all_are_listed_for_a_diff() {
        let mut d = Diagnostics::new();
        let mut findings = Findings::new(Scope::All, day("2026-12-07"), &mut d);
        findings.push(Lint::VagueAsk, day("2020-01-01"), finding());
        findings.finish();
        assert_eq!(d.iter().count(), 1);
        assert_eq!(d.iter().next().unwrap().message, "ask `x` says no action");
    }
}
