//! Whom a message is for: everyone, or one team with its people.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, quoted_list, suggest};
use crate::ids::{PersonKey, TeamId};
use crate::ledger::handover::Receiver;
use crate::ledger::{Brief, Ledger};

/// Everyone, or one team.
#[derive(Debug)]
pub(super) enum Audience {
    Everyone,
    Team {
        id: TeamId,
        /// As pages name it.
        name: String,
        /// Its people when the brief's day ended: by `[people]`, else by
        /// the team of their latest wrap by then.
        members: BTreeSet<PersonKey>,
    },
}

impl Audience {
    /// The team `written` names (its key or name, any case), with its
    /// people as of the end of `brief`'s day; `None` when no team of the
    /// site has that name (in `d`, with the closest).
    pub(super) fn team(
        config: &Config,
        ledger: &Ledger,
        written: &str,
        brief: &Brief,
        d: &mut Diagnostics,
    ) -> Option<Audience> {
        let Some(team) = ledger
            .teams
            .iter()
            .find(|t| names_team(written, &t.id, &t.name))
        else {
            d.push(unknown_team(ledger, written));
            return None;
        };
        let mut team_of: BTreeMap<&PersonKey, &TeamId> = BTreeMap::new();
        for record in ledger.wraps.iter().take_while(|w| w.at() < brief.ends) {
            if let Some(team) = &record.wrap.team {
                team_of.insert(record.author(), team);
            }
        }
        for person in config.people.listed.values() {
            if let Some(team) = &person.team {
                team_of.insert(&person.key, team);
            }
        }
        Some(Audience::Team {
            id: team.id.clone(),
            name: team.name.clone(),
            members: team_of
                .into_iter()
                .filter(|(_, t)| **t == team.id)
                .map(|(p, _)| p.clone())
                .collect(),
        })
    }

    /// The team's name; `None` for everyone.
    pub(super) fn name(&self) -> Option<&str> {
        match self {
            Audience::Everyone => None,
            Audience::Team { name, .. } => Some(name),
        }
    }

    /// An ask for `receiver` is for this audience: for the team, one of
    /// its people, or everyone.
    pub(super) fn receives(&self, receiver: &Receiver) -> bool {
        match receiver {
            Receiver::Team(team) => self.is_team(Some(team)),
            Receiver::Person(person) => self.has_member(person),
            Receiver::Everyone => true,
        }
    }

    /// Something of `team` is this audience's.
    /// The team's id, for one team.
    pub(super) fn id(&self) -> Option<&TeamId> {
        match self {
            Audience::Everyone => None,
            Audience::Team { id, .. } => Some(id),
        }
    }

    pub(super) fn is_team(&self, team: Option<&TeamId>) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Team { id, .. } => team == Some(id),
        }
    }

    /// `person` is one of this audience.
    pub(super) fn has_member(&self, person: &PersonKey) -> bool {
        match self {
            Audience::Everyone => true,
            Audience::Team { members, .. } => members.contains(person),
        }
    }
}

/// `written` names the team `id` called `name`, as people write it: its
/// key or name, compared without case, accents or punctuation.
fn names_team(written: &str, id: &TeamId, name: &str) -> bool {
    let wanted = slug::slugify(written);
    !wanted.is_empty() && (slug::slugify(id.as_str()) == wanted || slug::slugify(name) == wanted)
}

fn unknown_team(ledger: &Ledger, written: &str) -> Diagnostic {
    let diagnostic = Diagnostic::new(Code::UnknownTeam, format!("unknown team `{written}`"));
    if ledger.teams.is_empty() {
        return diagnostic.with_help(
            "this site has no teams: standin.toml lists none and no wrap names one; leave out `--team`",
        );
    }
    let known: Vec<&str> = ledger.teams.iter().map(|t| t.id.as_str()).collect();
    let list = format!("the site's teams: {}", quoted_list(&known));
    // A key is what people type; a name only when no key is near.
    let suggestion = suggest(written, known.iter().copied())
        .or_else(|| suggest(written, ledger.teams.iter().map(|t| t.name.as_str())));
    diagnostic.with_help(match suggestion {
        Some(suggestion) => format!("{suggestion} {list}"),
        None => list,
    })
}
