//! A `[[risk]]` entry in a wrap: raises a risk, or updates one.

use std::ops::Range;

use super::shared_keys::{read_id, read_line, read_person};
use crate::config::{Config, PersonRef};
use crate::diagnostics::Diagnostics;
use crate::ids::RiskId;
use crate::strict_toml::{Located, Table, choice_enum};

/// The keys a `[[risk]]` table may have.
pub(crate) const KEYS: &[&str] = &[
    "id",
    "title",
    "severity",
    "status",
    "owner",
    "blocker",
    "mitigation",
    "note",
];

choice_enum! {
    /// How bad it is if the risk happens. Ordered: `Low < ... < Critical`.
    pub(crate) enum Severity {
        Low = "low",
        Medium = "medium",
        High = "high",
        Critical = "critical",
    }
}

choice_enum! {
    /// Where a risk is in its life.
    pub(crate) enum RiskStatus {
        Open = "open",
        Mitigating = "mitigating",
        Resolved = "resolved",
        Accepted = "accepted",
    }
}

impl RiskStatus {
    /// Open and mitigating risks still need someone; resolved and accepted
    /// ones are closed.
    pub(crate) fn is_active(self) -> bool {
        matches!(self, RiskStatus::Open | RiskStatus::Mitigating)
    }
}

/// One `[[risk]]` table: every field but `id` is what changed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RiskEntry {
    pub id: Located<RiskId>,
    pub title: Option<String>,
    pub severity: Option<Severity>,
    pub status: Option<RiskStatus>,
    pub owner: Option<PersonRef>,
    pub blocker: Option<bool>,
    pub mitigation: Option<String>,
    pub note: Option<String>,
    /// The table's span, for diagnostics about the entry as a whole.
    pub span: Range<usize>,
}

impl RiskEntry {
    /// Reads a `[[risk]]` table; `None` when it has no usable id.
    pub(crate) fn read(
        mut table: Table,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<RiskEntry> {
        let id = read_id(&mut table, "id", RiskId::new, true, d);
        let entry = id.map(|id| RiskEntry {
            id,
            title: read_line(&mut table, "title", false, d).map(|l| l.value),
            severity: table.choice::<Severity>("severity", d).map(|l| l.value),
            status: table.choice::<RiskStatus>("status", d).map(|l| l.value),
            owner: read_person(&mut table, "owner", config, false, d).map(|l| l.value),
            blocker: table.optional::<bool>("blocker", d).map(|l| l.value),
            mitigation: read_line(&mut table, "mitigation", false, d).map(|l| l.value),
            note: read_line(&mut table, "note", false, d).map(|l| l.value),
            span: table.span(),
        });
        if entry.is_none() {
            // Still read the rest, so every problem in the table is reported.
            for key in &KEYS[1..] {
                let _ = table.optional::<toml::Value>(key, d);
            }
        }
        table.finish(d);
        entry
    }
}
