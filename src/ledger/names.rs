//! How pages name people and teams: as `[people]` and `[teams]` name them,
//! else as their own wraps write them (the latest spelling wins, so a
//! person who fixes the accents in their name fixes it everywhere).

use std::collections::BTreeMap;

use super::WrapRecord;
use crate::config::Config;
use crate::ids::{PersonKey, TeamId};

/// Display names by key.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    people: BTreeMap<PersonKey, String>,
    teams: BTreeMap<TeamId, String>,
}

impl Names {
    /// The names in `config`, then as written in `wraps` (oldest first).
    pub(crate) fn build(config: &Config, wraps: &[WrapRecord]) -> Names {
        let mut names = Names::default();
        for record in wraps {
            let wrap = &record.wrap;
            names
                .people
                .insert(wrap.author.clone(), wrap.author_name.clone());
            if let (Some(team), Some(name)) = (&wrap.team, &wrap.team_name) {
                names.teams.insert(team.clone(), name.clone());
            }
        }
        for person in config.people.listed.values() {
            names.people.insert(person.key.clone(), person.name.clone());
        }
        for team in config.teams.values() {
            names.teams.insert(team.id.clone(), team.name.clone());
        }
        names
    }

    /// How pages name a person; their key if nothing names them better.
    pub(crate) fn person<'a>(&'a self, key: &'a PersonKey) -> &'a str {
        self.people.get(key).map_or(key.as_str(), String::as_str)
    }

    /// Every person's key, in order: how asks may address them.
    pub(crate) fn people(&self) -> impl Iterator<Item = &str> {
        self.people.keys().map(PersonKey::as_str)
    }

    /// How pages name a team; its id if nothing names it better.
    pub(crate) fn team<'a>(&'a self, id: &'a TeamId) -> &'a str {
        self.teams.get(id).map_or(id.as_str(), String::as_str)
    }
}
