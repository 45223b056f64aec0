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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::Wrap;
    use crate::content::pager::PagerHandover;
    use crate::ledger::testing::{at, person, records, team, wrap};

    /// A wrap by `author` of `team` at `time` handing the pager to `to`
    /// from `since` (the wrap's time when `None`).
    fn hands(author: &str, team_id: &str, time: &str, to: &str, since: Option<&str>) -> Wrap {
        Wrap {
            team: team(team_id),
            pagers: vec![PagerHandover {
                to: person(to),
                team: None,
                since: since.map(at),
                span: 0..0,
            }],
            ..wrap(author, time)
        }
    }

    fn holder(on_call: &[OnCall], team_id: &str) -> (Option<String>, Option<String>) {
        let call = on_call
            .iter()
            .find(|c| c.team == team(team_id))
            .expect("the team is on the rota");
        let name = |t: &Option<PagerTurn>| t.as_ref().map(|t| t.person.name.clone());
        (name(&call.now), name(&call.next))
    }

    #[test]
    fn the_latest_hand_over_in_force_holds_the_pager_per_team() {
        let wraps = records(vec![
            hands("ana", "payments", "2026-11-20T09:00:00+09:00", "bo", None),
            hands("kim", "platform", "2026-11-20T10:00:00+09:00", "lee", None),
            // Written on Friday for the weekend: in force from Saturday.
            hands(
                "bo",
                "payments",
                "2026-11-20T18:00:00+09:00",
                "cy",
                Some("2026-11-21T09:00:00+09:00"),
            ),
        ]);
        let rota = Rota::build(&wraps);
        let friday_night = at("2026-11-20T20:00:00+09:00");
        let on_call = rota.at(friday_night, friday_night, &wraps);
        assert_eq!(
            holder(&on_call, "payments"),
            (Some("bo".into()), Some("cy".into()))
        );
        assert_eq!(holder(&on_call, "platform"), (Some("lee".into()), None));
        let saturday = at("2026-11-21T10:00:00+09:00");
        let on_call = rota.at(saturday, saturday, &wraps);
        assert_eq!(holder(&on_call, "payments"), (Some("cy".into()), None));
    }

    #[test]
    fn a_brief_knows_only_the_hand_overs_written_by_its_end() {
        let wraps = records(vec![
            hands("ana", "payments", "2026-11-20T09:00:00+09:00", "bo", None),
            // Written the next day, back-dated to the 20th.
            hands(
                "bo",
                "payments",
                "2026-11-21T09:00:00+09:00",
                "cy",
                Some("2026-11-20T12:00:00+09:00"),
            ),
        ]);
        let rota = Rota::build(&wraps);
        let end_of_20th = at("2026-11-20T23:59:59+09:00");
        let as_known_then = rota.at(end_of_20th, end_of_20th, &wraps);
        assert_eq!(
            holder(&as_known_then, "payments"),
            (Some("bo".into()), None)
        );
        let known_later = rota.at(end_of_20th, at("2026-11-21T23:59:59+09:00"), &wraps);
        assert_eq!(holder(&known_later, "payments"), (Some("cy".into()), None));
    }
}
