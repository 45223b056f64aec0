//! Who holds the pager: per team, the latest hand-over in force at a
//! moment, and the next one already written down (a weekend rota).

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use super::{WrapIdx, WrapRecord};
use crate::config::PersonRef;
use crate::ids::TeamId;

/// One hand-over, placed in time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PagerTurn {
    pub person: PersonRef,
    pub since: DateTime<FixedOffset>,
    /// The wrap that wrote it.
    pub wrap: WrapIdx,
}

/// Who is on call for a team at a moment.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OnCall {
    /// `None`: wraps without a team.
    pub team: Option<TeamId>,
    /// `None` when the first hand-over written is still to come.
    pub now: Option<PagerTurn>,
    /// The next hand-over already written, if any.
    pub next: Option<PagerTurn>,
}

/// Every team's hand-overs, in the order they take effect.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rota {
    turns: BTreeMap<Option<TeamId>, Vec<PagerTurn>>,
}

impl Rota {
    pub(crate) fn build(wraps: &[WrapRecord]) -> Rota {
        let mut rota = Rota::default();
        for (w, record) in wraps.iter().enumerate() {
            for pager in &record.wrap.pagers {
                let team = pager.team.clone().or_else(|| record.wrap.team.clone());
                rota.turns.entry(team).or_default().push(PagerTurn {
                    person: pager.to.clone(),
                    since: pager.since.unwrap_or(record.wrap.at),
                    wrap: WrapIdx(w),
                });
            }
        }
        for turns in rota.turns.values_mut() {
            // Stable: of two hand-overs for one moment, the later-written wins.
            turns.sort_by_key(|t| t.since);
        }
        rota
    }

    /// Every hand-over written, by team, in the order they take effect.
    pub(crate) fn turns(&self) -> impl Iterator<Item = (Option<&TeamId>, &PagerTurn)> {
        self.turns
            .iter()
            .flat_map(|(team, turns)| turns.iter().map(move |turn| (team.as_ref(), turn)))
    }

    /// Per team, who holds the pager at `at` and who is next, as the wraps
    /// written by `written_by` say.
    pub(crate) fn at(
        &self,
        at: DateTime<FixedOffset>,
        written_by: DateTime<FixedOffset>,
        wraps: &[WrapRecord],
    ) -> Vec<OnCall> {
        let mut out = Vec::new();
        for (team, turns) in &self.turns {
            // Only hand-overs written by then count: a brief shows what was
            // known at its end.
            let known: Vec<&PagerTurn> = turns
                .iter()
                .filter(|t| wraps[t.wrap.0].wrap.at <= written_by)
                .collect();
            let now = known
                .iter()
                .rev()
                .find(|t| t.since <= at)
                .map(|t| (*t).clone());
            let next = known.iter().find(|t| t.since > at).map(|t| (*t).clone());
            if now.is_some() || next.is_some() {
                out.push(OnCall {
                    team: team.clone(),
                    now,
                    next,
                });
            }
        }
        out
    }
}
