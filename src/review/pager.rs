//! Pager hand-overs the change writes.

use std::collections::BTreeSet;

use chrono::{DateTime, FixedOffset};

use super::Place;
use crate::ledger::Ledger;

/// A hand-over of a team's pager.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PagerChange {
    /// The team, as pages name it (`None`: wraps without a team).
    pub team: Option<String>,
    /// Who takes the pager.
    pub to: String,
    pub since: DateTime<FixedOffset>,
    pub place: Option<Place>,
}

pub(super) fn compare(base: &Ledger, head: &Ledger) -> Vec<PagerChange> {
    let known: BTreeSet<_> = base
        .rota
        .turns()
        .map(|(team, turn)| (team.cloned(), turn.person.key.clone(), turn.since))
        .collect();
    head.rota
        .turns()
        .filter(|(team, turn)| {
            !known.contains(&(team.cloned(), turn.person.key.clone(), turn.since))
        })
        .map(|(team, turn)| {
            let wrap = &head.wrap(turn.wrap).wrap;
            let place = wrap
                .pagers
                .iter()
                .find(|p| p.to.key == turn.person.key)
                .map(|p| Place::at(&wrap.file, &p.span));
            PagerChange {
                team: team.map(|t| head.names.team(t).to_string()),
                to: head.names.person(&turn.person.key).to_string(),
                since: turn.since,
                place,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::lint::testing::wrap;
    use crate::review::testing::review;

    #[test]
    fn a_new_hand_over_is_listed_once() {
        let first = wrap(
            "ana",
            "2026-11-19T17:00:00+09:00",
            "payments",
            "pager = \"bo\"",
        );
        let second = wrap(
            "bo",
            "2026-11-20T17:00:00+09:00",
            "payments",
            "pager = \"cy\"",
        );
        let review = review(&[("a.md", &first)], &[("a.md", &first), ("b.md", &second)]);
        assert_eq!(review.pagers.len(), 1);
        assert_eq!(review.pagers[0].to, "cy");
        assert_eq!(review.pagers[0].team.as_deref(), Some("payments"));
    }
}
