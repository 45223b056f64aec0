//! `[teams.<id>]`: the teams wraps may name, how a written team name finds
//! one, and the time-zone names the site and its teams give.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono_tz::Tz;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, suggest};
use crate::ids::TeamId;
use crate::strict_toml::{Located, Table};

const TEAM_KEYS: &[&str] = &["name", "timezone", "description"];

/// `[teams.<id>]`
#[derive(Debug, Clone)]
pub(crate) struct TeamConfig {
    pub id: TeamId,
    pub name: String,
    pub timezone: Option<Tz>,
    pub description: Option<String>,
}

/// A listed team by its key or display name, compared without case,
/// accents or punctuation.
pub(super) fn find_team(teams: &BTreeMap<TeamId, TeamConfig>, written: &str) -> Option<TeamId> {
    let slug = slug::slugify(written);
    teams
        .values()
        .find(|t| {
            t.id.as_str() == written.trim()
                || slug::slugify(t.id.as_str()) == slug
                || slug::slugify(&t.name) == slug
        })
        .map(|t| t.id.clone())
}

pub(super) fn read_teams(
    teams: Table,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> BTreeMap<TeamId, TeamConfig> {
    let mut out = BTreeMap::new();
    for (key, mut table) in teams.named_tables("[teams.*]", TEAM_KEYS, d) {
        let name = table.optional::<String>("name", d).map(|l| l.value);
        let timezone = table
            .optional::<String>("timezone", d)
            .and_then(|tz| parse_timezone(&tz, source, d));
        let description = table.optional::<String>("description", d).map(|l| l.value);
        table.finish(d);
        match TeamId::new(key.value.clone()) {
            Ok(id) => {
                out.insert(
                    id.clone(),
                    TeamConfig {
                        name: name.unwrap_or_else(|| id.to_string()),
                        id,
                        timezone,
                        description,
                    },
                );
            }
            Err(invalid) => d.push(
                Diagnostic::new(Code::BadId, format!("`{}` cannot be a team id", key.value))
                    .at(source, key.span)
                    .with_help(invalid.hint()),
            ),
        }
    }
    out
}

pub(super) fn parse_timezone(
    name: &Located<String>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<Tz> {
    match Tz::from_str(&name.value) {
        Ok(tz) => Some(tz),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let help = match suggest(&name.value, names) {
                Some(suggestion) => {
                    format!("{suggestion} use an IANA name such as `Asia/Tokyo`")
                }
                None => "use an IANA time zone name such as `Asia/Tokyo`, `Europe/Berlin` or `UTC`"
                    .into(),
            };
            d.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!("unknown time zone `{}`", name.value),
                )
                .at(source, name.span.clone())
                .with_help(help),
            );
            None
        }
    }
}
