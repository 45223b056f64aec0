//! Who the site knows: the teams and people an ask, a hand-on, a pager
//! turn or an incident may name, and the warning (W011) for a name that
//! looks like a typo of one of them.

use std::collections::BTreeMap;

use ahash::{AHashMap as HashMap, AHashSet as HashSet};

use super::super::WrapRecord;
use super::items::Receiver;
use crate::config::Config;
use crate::content::ask::{Ask, AskTo};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate, suggest};
use crate::ids::{PersonKey, TeamId};

/// Who the site knows: teams and people an ask may name.
pub(crate) struct Directory<'a> {
    config: &'a Config,
    /// Teams by slug of their id and name.
    teams: HashMap<String, TeamId>,
    team_names: Vec<String>,
    /// People by key: every author and everyone `[people]` lists.
    people: BTreeMap<PersonKey, String>,
}

impl<'a> Directory<'a> {
    pub(crate) fn new(config: &'a Config, wraps: &[WrapRecord]) -> Directory<'a> {
        let mut teams = HashMap::new();
        let mut team_names = Vec::new();
        let mut add_team = |id: &TeamId, name: &str| {
            teams.insert(slug::slugify(id.as_str()), id.clone());
            teams.insert(slug::slugify(name), id.clone());
            team_names.push(name.to_string());
        };
        if config.teams.is_empty() {
            let mut seen = HashSet::new();
            for record in wraps {
                if let Some(team) = &record.wrap.team {
                    let name = record.wrap.team_name.as_deref().unwrap_or(team.as_str());
                    if seen.insert((team, name)) {
                        add_team(team, name);
                    }
                }
            }
        } else {
            for team in config.teams.values() {
                add_team(&team.id, &team.name);
            }
        }
        team_names.sort();
        team_names.dedup();
        // Each author as their latest wrap names them.
        let mut seen = HashSet::new();
        let mut people: BTreeMap<PersonKey, String> = BTreeMap::new();
        for record in wraps.iter().rev() {
            if seen.insert(&record.wrap.author) {
                people.insert(record.wrap.author.clone(), record.wrap.author_name.clone());
            }
        }
        for person in config.people.listed.values() {
            people.insert(person.key.clone(), person.name.clone());
        }
        Directory {
            config,
            teams,
            team_names,
            people,
        }
    }

    fn team(&self, name: &str) -> Option<TeamId> {
        self.teams.get(&slug::slugify(name)).cloned()
    }

    /// A person the site knows by `name`.
    fn known_person(&self, name: &str) -> Option<PersonKey> {
        let person = self.config.people.resolve(name)?;
        self.people.contains_key(&person.key).then_some(person.key)
    }

    /// Every name a receiver may be written as, for hints.
    fn names(&self) -> impl Iterator<Item = &str> {
        self.team_names
            .iter()
            .map(String::as_str)
            .chain(self.people.keys().map(PersonKey::as_str))
    }

    /// Whom an ask is for, and whether its words named them (else the
    /// words are part of its text); warns when it names someone nobody
    /// knows.
    pub(super) fn receiver(
        &self,
        ask: &Ask,
        record: &WrapRecord,
        d: &mut Diagnostics,
    ) -> (Receiver, bool) {
        let own = || match &record.wrap.team {
            Some(team) => Receiver::Team(team.clone()),
            None => Receiver::Everyone,
        };
        match &ask.to {
            AskTo::OwnTeam => (own(), false),
            AskTo::Everyone => (Receiver::Everyone, true),
            AskTo::Person(name) => {
                if let Some(person) = self.known_person(name) {
                    return (Receiver::Person(person), true);
                }
                if let Some(team) = self.team(name) {
                    return (Receiver::Team(team), true);
                }
                d.push(self.unknown(name, ask, record, true));
                match self.config.people.resolve(name) {
                    Some(person) => (Receiver::Person(person.key), true),
                    None => (own(), false),
                }
            }
            AskTo::Name(name) => {
                if let Some(team) = self.team(name) {
                    return (Receiver::Team(team), true);
                }
                if let Some(person) = self.known_person(name) {
                    return (Receiver::Person(person), true);
                }
                // Words before a colon that name nobody are part of the
                // text; a near miss of a name is probably a typo.
                if !name.contains(char::is_whitespace) && suggest(name, self.names()).is_some() {
                    d.push(self.unknown(name, ask, record, false));
                }
                (own(), false)
            }
        }
    }

    fn unknown(&self, name: &str, ask: &Ask, record: &WrapRecord, person: bool) -> Diagnostic {
        let what = if person { "person" } else { "team or person" };
        let fallback = if person {
            "it stays addressed to them"
        } else {
            "it goes to your own team"
        };
        let help = match suggest(name, self.names()) {
            Some(suggestion) => format!("{suggestion} ({fallback} until then)"),
            None => {
                format!("no wrap is written by them and `[people]` does not list them; {fallback}")
            }
        };
        Diagnostic::new(
            Code::UnknownReceiver,
            format!("this ask is for `{name}`, an unknown {what}"),
        )
        .at(&record.wrap.file, ask.to_span.clone())
        .with_help(help)
    }

    /// Whom an ask was handed on to (`handed on to platform`, `to @dan`).
    /// A name nobody knows stays a person, as written; a near miss of a
    /// name the site knows is warned about (W011).
    pub(super) fn handed_to(
        &self,
        to: &AskTo,
        record: &WrapRecord,
        span: std::ops::Range<usize>,
        d: &mut Diagnostics,
    ) -> Receiver {
        match to {
            AskTo::OwnTeam => match &record.wrap.team {
                Some(team) => Receiver::Team(team.clone()),
                None => Receiver::Everyone,
            },
            AskTo::Everyone => Receiver::Everyone,
            AskTo::Person(name) | AskTo::Name(name) => {
                if let Some(team) = self.team(name) {
                    return Receiver::Team(team);
                }
                if let Some(person) = self.known_person(name) {
                    return Receiver::Person(person);
                }
                self.check_name(name, "hands this ask on to", &record.wrap.file, span, d);
                match self.config.people.resolve(name) {
                    Some(person) => Receiver::Person(person.key),
                    // No letter or digit to name anyone by: everyone sees it.
                    None => Receiver::Everyone,
                }
            }
        }
    }

    /// Warns (W011) when `name`, which names nobody the site knows, looks
    /// like a typo of someone or some team it does know. A new name that
    /// resembles nobody is accepted quietly: people join teams.
    pub(crate) fn check_name(
        &self,
        name: &str,
        what: &str,
        file: &dyn Locate,
        span: std::ops::Range<usize>,
        d: &mut Diagnostics,
    ) {
        if self.team(name).is_some() || self.known_person(name).is_some() {
            return;
        }
        if let Some(hint) = suggest(name, self.names()) {
            d.push(
                Diagnostic::new(
                    Code::UnknownReceiver,
                    format!("this wrap {what} `{name}`, a name no team or person here has"),
                )
                .at(file, span)
                .with_help(format!(
                    "{hint} If `{name}` is new, list them under [people] in standin.toml"
                )),
            );
        }
    }
}
