//! What a change does to the handover: the ledger at a base revision and
//! the ledger of the work tree, compared. Asks written and acknowledged,
//! risks raised and resolved, decisions made and superseded, incidents,
//! pager hand-overs, wraps added, edited and deleted, and the diagnostics
//! the change brings or fixes: plain data, each concern in its own file,
//! for the formats in [`format`] to print. No I/O but reading a wrap
//! again for the line a change is on, as diagnostics do.

mod asks;
mod decisions;
mod findings;
pub(crate) mod format;
mod incidents;
mod pager;
mod place;
mod risks;
mod wraps;

use crate::diagnostics::Diagnostics;
use crate::ledger::Ledger;
pub(crate) use asks::{AskChange, AskEvent};
pub(crate) use decisions::{DecisionChange, DecisionEvent};
pub(crate) use findings::Findings;
pub(crate) use incidents::{IncidentChange, IncidentEvent};
pub(crate) use pager::PagerChange;
pub(crate) use place::Place;
pub(crate) use risks::{RiskChange, RiskEvent};
pub(crate) use wraps::{WrapChange, WrapEvent};

/// What a change does to the handover.
#[derive(Debug, Clone)]
pub(crate) struct Review {
    /// The revision compared with, as named (`origin/main (merge base 1a2b3c4)`).
    pub base: String,
    pub wraps: Vec<WrapChange>,
    pub asks: Vec<AskChange>,
    pub risks: Vec<RiskChange>,
    pub decisions: Vec<DecisionChange>,
    pub incidents: Vec<IncidentChange>,
    pub pagers: Vec<PagerChange>,
    /// Diagnostics the change brings, and those it fixes.
    pub findings: Findings,
}

/// One side of the comparison: a site's ledger and what `check` says of it.
pub(crate) struct Side<'a> {
    pub ledger: &'a Ledger,
    pub diagnostics: &'a Diagnostics,
}

impl Review {
    /// What changes from `base` to `head`.
    pub(crate) fn compare(named: String, base: Side, head: Side) -> Review {
        Review {
            base: named,
            wraps: wraps::compare(base.ledger, head.ledger),
            asks: asks::compare(base.ledger, head.ledger),
            risks: risks::compare(base.ledger, head.ledger),
            decisions: decisions::compare(base.ledger, head.ledger),
            incidents: incidents::compare(base.ledger, head.ledger),
            pagers: pager::compare(base.ledger, head.ledger),
            findings: Findings::compare(base.diagnostics, head.diagnostics),
        }
    }

    /// The review of a change where neither side could be read as far as
    /// its ledger (no readable standin.toml): only what `check` says.
    pub(crate) fn of_findings(named: String, findings: Findings) -> Review {
        Review {
            base: named,
            wraps: Vec::new(),
            asks: Vec::new(),
            risks: Vec::new(),
            decisions: Vec::new(),
            incidents: Vec::new(),
            pagers: Vec::new(),
            findings,
        }
    }

    /// Whether the change does nothing to the handover and its checks.
    pub(crate) fn is_empty(&self) -> bool {
        self.wraps.is_empty()
            && self.asks.is_empty()
            && self.risks.is_empty()
            && self.decisions.is_empty()
            && self.incidents.is_empty()
            && self.pagers.is_empty()
            && self.findings.is_empty()
    }

    /// Whether the change brings errors: `standin diff` then fails.
    pub(crate) fn brings_errors(&self) -> bool {
        self.findings.introduced.has_errors()
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Two ledgers from wrap texts, compared.

    use super::*;
    use crate::lint::testing::{config, ledger};

    /// The review of going from the `base` wraps to the `head` ones.
    pub(crate) fn review(base: &[(&str, &str)], head: &[(&str, &str)]) -> Review {
        let config = config("");
        let (base, base_d) = ledger(&config, base);
        let (head, head_d) = ledger(&config, head);
        assert!(!base_d.has_errors(), "{base_d:?}");
        assert!(!head_d.has_errors(), "{head_d:?}");
        Review::compare(
            "base".to_string(),
            Side {
                ledger: &base,
                diagnostics: &base_d,
            },
            Side {
                ledger: &head,
                diagnostics: &head_d,
            },
        )
    }
}
