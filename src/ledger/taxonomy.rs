//! Teams and tags: the same views, filtered. Built in one pass over the
//! ledger, so a team or tag page never scans every wrap.

use std::collections::BTreeMap;

use super::decision::Decision;
use super::risk::Risk;
use super::{DecisionIdx, Names, RiskIdx, WrapIdx, WrapRecord};
use crate::config::Config;
use crate::ids::{Tag, TeamId};

/// A team's wraps, decisions and risks.
#[derive(Debug, Clone)]
pub(crate) struct TeamIndex {
    pub id: TeamId,
    pub name: String,
    pub description: Option<String>,
    pub wraps: Vec<WrapIdx>,
    pub decisions: Vec<DecisionIdx>,
    /// Risks raised by the team.
    pub risks: Vec<RiskIdx>,
}

/// Everything carrying a tag.
#[derive(Debug, Clone)]
pub(crate) struct TagIndex {
    pub tag: Tag,
    pub wraps: Vec<WrapIdx>,
    pub decisions: Vec<DecisionIdx>,
}

/// The configured teams (all of them, even quiet ones), plus any team named
/// in wraps when the config lists none; in id order.
pub(crate) fn teams(
    config: &Config,
    names: &Names,
    wraps: &[WrapRecord],
    decisions: &[Decision],
    risks: &[Risk],
) -> Vec<TeamIndex> {
    let mut teams: BTreeMap<TeamId, TeamIndex> = config
        .teams
        .values()
        .map(|t| (t.id.clone(), empty_team(t.id.clone(), config, names)))
        .collect();
    fn team<'a>(
        teams: &'a mut BTreeMap<TeamId, TeamIndex>,
        id: &TeamId,
        config: &Config,
        names: &Names,
    ) -> &'a mut TeamIndex {
        teams
            .entry(id.clone())
            .or_insert_with(|| empty_team(id.clone(), config, names))
    }
    for (i, record) in wraps.iter().enumerate() {
        if let Some(id) = &record.wrap.team {
            team(&mut teams, id, config, names).wraps.push(WrapIdx(i));
        }
    }
    for (i, decision) in decisions.iter().enumerate() {
        if let Some(id) = &decision.team {
            team(&mut teams, id, config, names)
                .decisions
                .push(DecisionIdx(i));
        }
    }
    for (i, risk) in risks.iter().enumerate() {
        if let Some(id) = &risk.team {
            team(&mut teams, id, config, names).risks.push(RiskIdx(i));
        }
    }
    teams.into_values().collect()
}

fn empty_team(id: TeamId, config: &Config, names: &Names) -> TeamIndex {
    let configured = config.teams.get(&id);
    TeamIndex {
        name: names.team(&id).to_string(),
        description: configured.and_then(|t| t.description.clone()),
        id,
        wraps: Vec::new(),
        decisions: Vec::new(),
        risks: Vec::new(),
    }
}

/// Every tag used on a wrap or decision, in tag order.
pub(crate) fn tags(wraps: &[WrapRecord], decisions: &[Decision]) -> Vec<TagIndex> {
    fn entry<'a>(tags: &'a mut BTreeMap<Tag, TagIndex>, tag: &Tag) -> &'a mut TagIndex {
        tags.entry(tag.clone()).or_insert_with(|| TagIndex {
            tag: tag.clone(),
            wraps: Vec::new(),
            decisions: Vec::new(),
        })
    }
    let mut tags: BTreeMap<Tag, TagIndex> = BTreeMap::new();
    for (i, record) in wraps.iter().enumerate() {
        for tag in &record.wrap.tags {
            entry(&mut tags, tag).wraps.push(WrapIdx(i));
        }
    }
    for (i, decision) in decisions.iter().enumerate() {
        for tag in &decision.tags {
            entry(&mut tags, tag).decisions.push(DecisionIdx(i));
        }
    }
    tags.into_values().collect()
}
