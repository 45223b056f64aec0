//! `[lint]`: the reviewer's lints (W018 to W023), each on unless the site
//! turns it off (`similar_decision = false`).

use crate::diagnostics::Diagnostics;
use crate::strict_toml::Table;

/// One of the reviewer's lints: its key under `[lint]` and its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Lint {
    /// W018: a high or critical risk without owner or mitigation.
    RiskOwner,
    /// W019: an incident without commander or without a status note.
    IncidentCommand,
    /// W020: a blocker handed to nobody.
    BlockerAsk,
    /// W021: a decision like an accepted one, superseding nothing.
    SimilarDecision,
    /// W022: an ask that says no action.
    VagueAsk,
    /// W023: a wrap dated more than a day from its commit.
    CommitDate,
}

impl Lint {
    /// Every lint, in code order.
    pub(crate) const ALL: [Lint; 6] = [
        Lint::RiskOwner,
        Lint::IncidentCommand,
        Lint::BlockerAsk,
        Lint::SimilarDecision,
        Lint::VagueAsk,
        Lint::CommitDate,
    ];

    /// Its key under `[lint]`.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Lint::RiskOwner => "risk_owner",
            Lint::IncidentCommand => "incident_command",
            Lint::BlockerAsk => "blocker_ask",
            Lint::SimilarDecision => "similar_decision",
            Lint::VagueAsk => "vague_ask",
            Lint::CommitDate => "commit_date",
        }
    }
}

pub(super) const LINT_KEYS: &[&str] = &[
    "risk_owner",
    "incident_command",
    "blocker_ask",
    "similar_decision",
    "vague_ask",
    "commit_date",
];

/// `[lint]`: which of the reviewer's lints are off.
#[derive(Debug, Clone, Default)]
pub(crate) struct LintConfig {
    off: Vec<Lint>,
}

impl LintConfig {
    /// Whether the site wants `lint`'s warnings.
    pub(crate) fn on(&self, lint: Lint) -> bool {
        !self.off.contains(&lint)
    }
}

pub(super) fn read_lint(table: Option<Table>, d: &mut Diagnostics) -> LintConfig {
    let mut config = LintConfig::default();
    let Some(mut table) = table else {
        return config;
    };
    for lint in Lint::ALL {
        if table
            .optional::<bool>(lint.key(), d)
            .is_some_and(|on| !on.value)
        {
            config.off.push(lint);
        }
    }
    table.finish(d);
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_are_the_lints_keys() {
        let keys: Vec<&str> = Lint::ALL.iter().map(|l| l.key()).collect();
        assert_eq!(keys, LINT_KEYS);
    }
}
