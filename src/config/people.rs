//! `[people]`: one person, whatever name they write. People are named as
//! they write themselves ("Zoë Ångström", "Kobzol"); pages show that name
//! and URLs use a key derived from it. A `[people.<key>]` table gives a
//! person a display name, aliases (handle, git name, e-mail) and a team, so
//! that every way of writing them finds the same person.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::{PersonKey, TeamId};
use crate::strict_toml::{Located, Table};

/// The keys a `[people.<key>]` table may have.
pub(super) const PERSON_KEYS: &[&str] = &["name", "aliases", "team"];

/// A person as a file names them: the key that identifies them (and
/// appears in URLs), and the name pages show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonRef {
    pub key: PersonKey,
    pub name: String,
}

impl std::fmt::Display for PersonRef {
    /// How pages name the person.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl serde::Serialize for PersonRef {
    /// As the name pages show (a page's data speaks of people by name).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

/// `[people.<key>]`
#[derive(Debug, Clone)]
pub(crate) struct PersonConfig {
    pub key: PersonKey,
    /// How pages name them.
    pub name: String,
    /// Their team, for asks addressed to them and for `standin new`.
    pub team: Option<TeamId>,
}

/// Everyone `[people]` lists, and every name they answer to.
#[derive(Debug, Clone, Default)]
pub(crate) struct People {
    pub(crate) listed: BTreeMap<PersonKey, PersonConfig>,
    /// The key of each name, handle and alias, compared as slugs (so case,
    /// accents and punctuation do not matter: "Zoë", "zoe", "ZOE").
    answers_to: HashMap<String, PersonKey>,
}

impl People {
    /// The person `written` names: a listed one when any of their names
    /// matches, else a person known by the name as written. `None` when
    /// the name has no letter or digit to make a key of, or holds a
    /// control character.
    pub(crate) fn resolve(&self, written: &str) -> Option<PersonRef> {
        let written = written.trim();
        // A name shown on a terminal (`standin brief`) must not act on it.
        if written.chars().any(crate::control_chars::is_control) {
            return None;
        }
        let slug = slug::slugify(written);
        if let Some(key) = self.answers_to.get(&slug) {
            let listed = &self.listed[key];
            return Some(PersonRef {
                key: key.clone(),
                name: listed.name.clone(),
            });
        }
        Some(PersonRef {
            key: PersonKey::from_name(written)?,
            name: written.to_string(),
        })
    }

    /// A listed person's team.
    pub(crate) fn team_of(&self, key: &PersonKey) -> Option<&TeamId> {
        self.listed.get(key).and_then(|p| p.team.as_ref())
    }
}

/// Reads `[people]`; `team_of` resolves a written team name.
pub(super) fn read(
    people: Table,
    source: &SourceFile,
    team_of: impl Fn(&str) -> Option<TeamId>,
    d: &mut Diagnostics,
) -> People {
    let mut out = People::default();
    // Which listed person each slug came from, and where it was written.
    let mut claimed: HashMap<String, (PersonKey, Range<usize>)> = HashMap::new();
    for (key, mut table) in people.named_tables("[people.*]", PERSON_KEYS, d) {
        let name = table.optional::<String>("name", d);
        let aliases = table.strings("aliases", d);
        let team = table.optional::<String>("team", d);
        table.finish(d);
        let Some(person) = PersonKey::from_name(&key.value) else {
            d.push(
                Diagnostic::new(
                    Code::BadId,
                    format!(
                        "`{}` cannot name a person: it has no letter or digit",
                        key.value
                    ),
                )
                .at(source, key.span.clone())
                .with_help("key each person by their handle, e.g. `[people.zoe]`"),
            );
            continue;
        };
        let team = team.and_then(|t| match team_of(&t.value) {
            Some(id) => Some(id),
            None => {
                d.push(
                    Diagnostic::new(Code::UnknownTeam, format!("unknown team `{}`", t.value))
                        .at(source, t.span)
                        .with_help("name a team listed under [teams]"),
                );
                None
            }
        });
        let names = std::iter::once(Located::new(key.value.clone(), key.span.clone()))
            .chain(name.clone())
            .chain(aliases);
        for written in names {
            let slug = slug::slugify(&written.value);
            if slug.is_empty() {
                continue;
            }
            match claimed.get(&slug) {
                Some((other, _)) if *other != person => d.push(
                    Diagnostic::new(
                        Code::PeopleClash,
                        format!(
                            "`{}` would name two people: `{other}` and `{person}` both answer to it",
                            written.value
                        ),
                    )
                    .at(source, written.span.clone())
                    .with_help("names are compared without case, accents or punctuation; give each person names of their own"),
                ),
                Some(_) => {}
                None => {
                    claimed.insert(slug.clone(), (person.clone(), written.span.clone()));
                    out.answers_to.insert(slug, person.clone());
                }
            }
        }
        out.listed.insert(
            person.clone(),
            PersonConfig {
                name: name.map_or_else(|| key.value.clone(), |n| n.value),
                key: person,
                team,
            },
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use crate::diagnostics::{Code, Diagnostics, SourceFile};

    fn config(text: &str) -> (Option<Config>, Diagnostics) {
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
        (config, d)
    }

    const PEOPLE: &str = "[teams.platform]\nname = \"Platform\"\n\
        [people.zoe]\nname = \"Zoë Ångström\"\naliases = [\"zangstrom\", \"zoe@example.com\"]\nteam = \"Platform\"\n";

    #[test]
    fn every_name_of_a_listed_person_finds_them() {
        let (config, d) = config(PEOPLE);
        assert!(d.is_empty(), "{d:?}");
        let people = &config.unwrap().people;
        for written in [
            "Zoë Ångström",
            "zoe",
            "ZOE",
            "Zoe Angstrom",
            "zangstrom",
            "zoe@example.com",
        ] {
            let person = people.resolve(written).unwrap();
            assert_eq!(
                (person.key.as_str(), person.name.as_str()),
                ("zoe", "Zoë Ångström"),
                "{written}"
            );
        }
        assert_eq!(
            people
                .team_of(&people.resolve("zoe").unwrap().key)
                .unwrap()
                .as_str(),
            "platform"
        );
    }

    #[test]
    fn people_not_listed_are_named_as_they_write() {
        let people = config("").0.unwrap().people;
        let person = people.resolve("Kobzol").unwrap();
        assert_eq!(
            (person.key.as_str(), person.name.as_str()),
            ("kobzol", "Kobzol")
        );
        let person = people.resolve(" Zoë Ångström ").unwrap();
        assert_eq!(
            (person.key.as_str(), person.name.as_str()),
            ("zoe-angstrom", "Zoë Ångström")
        );
        assert!(people.resolve("!!!").is_none());
    }

    #[test]
    fn two_people_answering_to_one_name_is_an_error_naming_both() {
        let (config, d) = config(
            "[people.zoe]\nname = \"Zoë Ångström\"\n[people.zoe-a]\nname = \"Zoe Angstrom\"\n",
        );
        assert!(config.is_none());
        let clash = d
            .iter()
            .find(|x| x.code == Code::PeopleClash)
            .expect("a clash");
        assert!(
            clash.message.contains("`zoe`") && clash.message.contains("`zoe-a`"),
            "{}",
            clash.message
        );
        assert_eq!(clash.line_column(), Some((4, 8)));
    }
}
