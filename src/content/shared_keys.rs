//! Keys that wraps and decision records share: ids, author, date, team,
//! tags.

use chrono::{DateTime, FixedOffset};
use toml::value::Datetime;

use super::datetime::{DateProblem, place};
use crate::config::{Config, PersonRef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::{InvalidId, Tag, TeamId};
use crate::strict_toml::{Located, Table};

/// Reads an id-valued key, reporting a value that cannot be an id.
pub(crate) fn read_id<I>(
    table: &mut Table,
    key: &str,
    make: fn(String) -> Result<I, InvalidId>,
    required: bool,
    d: &mut Diagnostics,
) -> Option<Located<I>> {
    let raw = if required {
        table.required::<String>(key, d)?
    } else {
        table.optional::<String>(key, d)?
    };
    match make(raw.value.clone()) {
        Ok(id) => Some(Located::new(id, raw.span)),
        Err(invalid) => {
            d.push(
                Diagnostic::new(
                    Code::BadId,
                    format!("`{}` cannot be used as an id", raw.value),
                )
                .at(table.file(), raw.span)
                .with_help(invalid.hint()),
            );
            None
        }
    }
}

/// Reads a key holding one line of inline Markdown (a title, a note),
/// warning about each link in it that is shown as its text alone (see
/// [`crate::url_policy::check_line`]).
pub(crate) fn read_line(
    table: &mut Table,
    key: &str,
    required: bool,
    d: &mut Diagnostics,
) -> Option<Located<String>> {
    let raw = if required {
        table.required::<String>(key, d)?
    } else {
        table.optional::<String>(key, d)?
    };
    crate::url_policy::check_line(&raw.value, table.file(), raw.span.clone(), d);
    Some(raw)
}

/// Reads a key naming a person (`author`, `owner`): any name as people
/// write it, found in `[people]` by any of its spellings.
pub(crate) fn read_person(
    table: &mut Table,
    key: &str,
    config: &Config,
    required: bool,
    d: &mut Diagnostics,
) -> Option<Located<PersonRef>> {
    let raw = if required {
        table.required::<String>(key, d)?
    } else {
        table.optional::<String>(key, d)?
    };
    person_named(raw, table.file(), config, d)
}

/// The person `raw` names, or an error at it in `file`: a name holding a
/// control character (which would act on a terminal that shows it, as
/// `standin brief` does) or no letter or digit names nobody.
pub(crate) fn person_named(
    raw: Located<String>,
    file: &SourceFile,
    config: &Config,
    d: &mut Diagnostics,
) -> Option<Located<PersonRef>> {
    if raw.value.chars().any(crate::control_chars::is_control) {
        d.push(
            Diagnostic::new(
                Code::BadId,
                format!(
                    "`{}` cannot name a person: it holds a control character",
                    raw.value
                ),
            )
            .at(file, raw.span)
            .with_help("write the name as it should be shown, without escapes"),
        );
        return None;
    }
    match config.people.resolve(&raw.value) {
        Some(person) => Some(Located::new(person, raw.span)),
        None => {
            d.push(
                Diagnostic::new(
                    Code::BadId,
                    format!(
                        "`{}` cannot name a person: it has no letter or digit",
                        raw.value
                    ),
                )
                .at(file, raw.span)
                .with_help("write the person's name or handle, e.g. `Zoë Ångström` or `zoe`"),
            );
            None
        }
    }
}

/// Reads the required `author`.
pub(crate) fn read_author(
    table: &mut Table,
    config: &Config,
    d: &mut Diagnostics,
) -> Option<Located<PersonRef>> {
    read_person(table, "author", config, true, d)
}

/// Reads the required `date`. Without an offset it is read in the zone of
/// `team` when standin.toml gives it one, else the site zone, with a
/// warning; `date_only` allows a plain date (midnight).
pub(crate) fn read_date(
    table: &mut Table,
    config: &Config,
    team: Option<&TeamId>,
    date_only: bool,
    d: &mut Diagnostics,
) -> Option<Located<DateTime<FixedOffset>>> {
    let raw = table.required::<Datetime>("date", d)?;
    // People write local times where they are: their team's zone.
    let zone = team
        .and_then(|t| config.teams.get(t))
        .and_then(|t| t.timezone)
        .unwrap_or(config.timezone);
    match place(&raw.value, zone, date_only) {
        Ok(placed) => {
            if !placed.had_offset {
                d.push(
                    Diagnostic::new(
                        Code::DateWithoutOffset,
                        format!(
                            "`date` has no UTC offset; read as {} in {}",
                            placed.at.format("%H:%M %:z"),
                            zone.name()
                        ),
                    )
                    .at(table.file(), raw.span.clone())
                    .with_help(format!(
                        "write the offset, e.g. `date = {}`",
                        placed.at.format("%Y-%m-%dT%H:%M:%S%:z")
                    )),
                );
            }
            Some(Located::new(placed.at, raw.span))
        }
        Err(problem) => {
            let (message, help) = match problem {
                DateProblem::NoDate => (
                    "`date` has a time but no day",
                    "write `date = 2026-11-20T17:42:00+09:00`",
                ),
                DateProblem::NoTime => (
                    "`date` needs a time of day: a wrap is placed by the end of its shift",
                    "write `date = 2026-11-20T17:42:00+09:00`",
                ),
                DateProblem::OutOfRange => (
                    "`date` is not a real date or time",
                    "check the month, day, hour and offset",
                ),
                DateProblem::Skipped => (
                    "`date` falls in a daylight-saving gap of the site time zone",
                    "write the UTC offset explicitly",
                ),
            };
            d.push(
                Diagnostic::new(Code::BadDate, message)
                    .at(table.file(), raw.span)
                    .with_help(help),
            );
            None
        }
    }
}

/// Reads the optional `team`, which must be one of the configured teams
/// when `standin.toml` lists any.
pub(crate) fn read_team(
    table: &mut Table,
    config: &Config,
    d: &mut Diagnostics,
) -> Option<(TeamId, String)> {
    let team = table.optional::<String>("team", d)?;
    match config.resolve_team(&team.value) {
        Some(id) => Some((id, team.value.trim().to_string())),
        None if config.teams.is_empty() => {
            d.push(
                Diagnostic::new(
                    Code::BadId,
                    format!(
                        "`{}` cannot name a team: it has no letter or digit",
                        team.value
                    ),
                )
                .at(table.file(), team.span),
            );
            None
        }
        None => {
            d.push(config.unknown_team(&team.value).at(table.file(), team.span));
            None
        }
    }
}

/// Reads the optional `tags`, normalised to slugs, without duplicates.
pub(crate) fn read_tags(table: &mut Table, d: &mut Diagnostics) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for raw in table.strings("tags", d) {
        match Tag::from_text(&raw.value) {
            Some(tag) if !tags.contains(&tag) => tags.push(tag),
            Some(_) => {}
            None => d.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!("`{}` is not a usable tag", raw.value),
                )
                .at(table.file(), raw.span)
                .with_help("tags are words such as `redis` or `black-friday`"),
            ),
        }
    }
    tags
}
