//! The site configuration, `standin.toml`.

mod decisions;
mod lint;
mod people;
mod repository;
mod settings;
mod teams;

use std::collections::BTreeMap;

use chrono_tz::Tz;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, quoted_list, suggest};
use crate::ids::TeamId;
use crate::site_dir::{CONFIG_FILE, SiteDir};
use crate::strict_toml::{self, DocumentOrigin, Located, Table};
use crate::url_policy::{self, Refusal, Written};
use crate::xml_text::warnings as xml_warnings;
#[doc(hidden)]
pub use decisions::log4brains_folders;
pub(crate) use decisions::{DecisionDir, DecisionsConfig, FoundBy};
use lint::{LINT_KEYS, read_lint};
pub(crate) use lint::{Lint, LintConfig};
pub(crate) use people::{People, PersonRef};
pub(crate) use repository::RepositoryConfig;
use repository::{REPOSITORY_KEYS, read_repository};
use settings::{
    CHECK_KEYS, HANDOVER_KEYS, HEALTH_KEYS, INCIDENT_KEYS, MARKDOWN_KEYS, RISK_KEYS, read_check,
    read_handover, read_health, read_incidents, read_markdown, read_risks,
};
pub(crate) use settings::{
    CheckConfig, HandoverConfig, HealthConfig, IncidentConfig, MarkdownConfig, RiskConfig,
};
pub(crate) use teams::TeamConfig;
use teams::{find_team, parse_timezone, read_teams};

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "timezone",
    "language",
    "risks",
    "markdown",
    "teams",
    "people",
    "incidents",
    "handover",
    "health",
    "check",
    "lint",
    "decisions",
    "repository",
];

/// The parsed `standin.toml`.
#[derive(Debug, Clone)]
pub struct Config {
    pub(crate) title: String,
    pub(crate) description: Option<String>,
    /// Absolute URL of the published site, always ending in `/`.
    pub(crate) base_url: Option<String>,
    /// Day boundaries of the daily briefs, and the zone of dates written
    /// without an offset.
    pub(crate) timezone: Tz,
    pub(crate) language: String,
    pub(crate) risks: RiskConfig,
    pub(crate) markdown: MarkdownConfig,
    /// Teams by id; empty means any team name is accepted.
    pub(crate) teams: BTreeMap<TeamId, TeamConfig>,
    /// People by key, and every name they answer to.
    pub(crate) people: People,
    pub(crate) incidents: IncidentConfig,
    pub(crate) handover: HandoverConfig,
    /// What the health page counts.
    pub(crate) health: HealthConfig,
    pub(crate) check: CheckConfig,
    /// Which of the reviewer's lints are on.
    pub(crate) lint: LintConfig,
    /// Where decision records are read from.
    pub(crate) decisions: DecisionsConfig,
    /// Where the site's files can be browsed, if anywhere.
    pub(crate) repository: Option<RepositoryConfig>,
    /// The config file itself, for diagnostics that point into it.
    pub(crate) source: SourceFile,
}

impl Config {
    /// Reads `standin.toml` from a site directory; `None` (with the
    /// problems in `d`) unless it reads without errors.
    pub(crate) fn load(site: &SiteDir, d: &mut Diagnostics) -> Option<Config> {
        let path = site.root.join(CONFIG_FILE);
        let display = site.display_path(&path);
        let bytes = match site.read_followed(&path) {
            Ok(bytes) => bytes,
            Err(error) => {
                let help = if error.kind() == std::io::ErrorKind::NotFound {
                    "a site is a directory with a standin.toml; pass its path, or create one with `standin init`"
                } else {
                    "check the file's permissions"
                };
                d.push(
                    Diagnostic::new(Code::Config, format!("cannot read {display}: {error}"))
                        .at_path(display)
                        .with_help(help),
                );
                return None;
            }
        };
        let source = SourceFile::decode(display.clone(), display, &bytes, d)?;
        let mut config = Self::parse(source, d)?;
        if !config.decisions.configured {
            config.decisions.dirs = decisions::discover(site, d);
        }
        config.decisions.site_names = decisions::site_names(&site.root);
        Some(config)
    }

    /// Parses config text; every problem is reported, not just the first.
    pub fn parse(source: SourceFile, d: &mut Diagnostics) -> Option<Config> {
        let errors_before = d.error_count();
        let origin = DocumentOrigin {
            file: source.clone(),
            offset: 0,
        };
        let text = source.clone();
        let mut table = strict_toml::parse_document(&text.text, &origin, "standin.toml", KEYS, d)?;
        let site = read_site_keys(&mut table, &source, d);
        let risks = read_risks(table.table("risks", "[risks]", RISK_KEYS, d), d);
        let markdown = read_markdown(table.table("markdown", "[markdown]", MARKDOWN_KEYS, d), d);
        let teams = match table.table("teams", "[teams]", &[], d) {
            Some(teams) => read_teams(teams, &source, d),
            None => BTreeMap::new(),
        };
        let people = match table.table("people", "[people]", &[], d) {
            Some(people) => people::read(people, &source, |t| find_team(&teams, t), d),
            None => People::default(),
        };
        let incidents =
            read_incidents(table.table("incidents", "[incidents]", INCIDENT_KEYS, d), d);
        let handover = read_handover(
            table.table("handover", "[handover]", HANDOVER_KEYS, d),
            &source,
            d,
        );
        let health = read_health(
            table.table("health", "[health]", HEALTH_KEYS, d),
            &source,
            d,
        );
        let check = read_check(table.table("check", "[check]", CHECK_KEYS, d), &source, d);
        let lint = read_lint(table.table("lint", "[lint]", LINT_KEYS, d), d);
        let decisions = decisions::read(
            table.table("decisions", "[decisions]", decisions::KEYS, d),
            &source,
            d,
        );
        let repository = table
            .table("repository", "[repository]", REPOSITORY_KEYS, d)
            .and_then(|t| read_repository(t, &source, d));
        table.finish(d);
        if d.error_count() > errors_before {
            return None;
        }
        Some(Config {
            title: site.title,
            description: site.description,
            base_url: site.base_url,
            timezone: site.timezone,
            language: site.language,
            risks,
            markdown,
            teams,
            people,
            incidents,
            handover,
            health,
            check,
            lint,
            decisions,
            repository,
            source,
        })
    }

    /// The zone of `team` when standin.toml gives it one, else the site's:
    /// where its people write local times.
    pub(crate) fn zone_of(&self, team: Option<&TeamId>) -> Tz {
        team.and_then(|t| self.teams.get(t))
            .and_then(|t| t.timezone)
            .unwrap_or(self.timezone)
    }

    /// The team a wrap names as written (`"Payments"`, `"payments"`,
    /// `"SRE"`): a listed team by its key or name, in any case; where
    /// standin.toml lists no teams, any name, by its slug. `None` when the
    /// name is not a listed team (see [`Config::unknown_team`]).
    pub(crate) fn resolve_team(&self, written: &str) -> Option<TeamId> {
        if self.teams.is_empty() {
            return TeamId::from_name(written);
        }
        find_team(&self.teams, written)
    }

    /// The error for a team `name` (as written) that the config does not
    /// list, with the closest listed team; the caller says where it is.
    pub(crate) fn unknown_team(&self, name: &str) -> Diagnostic {
        let known: Vec<&str> = self.teams.keys().map(TeamId::as_str).collect();
        let list = quoted_list(&known);
        let help = match suggest(name, known.iter().copied()) {
            Some(suggestion) => format!("{suggestion} teams in standin.toml: {list}"),
            None => {
                format!("teams in standin.toml: {list}; add `[teams.{name}]` there if it is new")
            }
        };
        Diagnostic::new(Code::UnknownTeam, format!("unknown team `{name}`")).with_help(help)
    }
}

/// The keys of the site itself, at the top of `standin.toml`.
struct SiteKeys {
    title: String,
    description: Option<String>,
    base_url: Option<String>,
    timezone: Tz,
    language: String,
}

/// Reads the site's own keys, each with its default.
fn read_site_keys(table: &mut Table, source: &SourceFile, d: &mut Diagnostics) -> SiteKeys {
    let title = table.optional::<String>("title", d);
    let description = table.optional::<String>("description", d);
    // Feeds carry both; a character XML forbids is dropped from them.
    for text in [&title, &description].into_iter().flatten() {
        d.extend(xml_warnings::in_value(
            source,
            &text.value,
            text.span.clone(),
        ));
    }
    let title = title.map_or_else(|| "Handoffs".to_string(), |t| t.value);
    let description = description.map(|l| l.value);
    let base_url = table
        .optional::<String>("base_url", d)
        .and_then(|url| parse_base_url(url, source, d));
    let timezone = table
        .optional::<String>("timezone", d)
        .and_then(|tz| parse_timezone(&tz, source, d))
        .unwrap_or(Tz::UTC);
    let language = table
        .optional::<String>("language", d)
        .map_or_else(|| "en".to_string(), |l| l.value);
    SiteKeys {
        title,
        description,
        base_url,
        timezone,
        language,
    }
}

fn parse_base_url(
    url: Located<String>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<String> {
    normalize_base_url(&url.value)
        .map_err(|problem| {
            d.push(
                Diagnostic::new(Code::BadValue, problem.message("base_url", &url.value))
                    .at(source, url.span)
                    .with_help(problem.help(
                        "write the address the site is published at, e.g. `https://example.github.io/handoffs/`",
                    )),
            )
        })
        .ok()
}

/// Why a URL cannot be where the site (or its repository) is published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseUrlProblem {
    /// Not an absolute http(s) URL with a host.
    NotAbsolute,
    /// `user:password@` before the host: every page, feed and the sitemap
    /// would publish it.
    Credentials,
}

impl BaseUrlProblem {
    /// What is wrong with `url`, the value of `key`; the URL is quoted
    /// without its user name and password, which CI logs must not repeat.
    pub(crate) fn message(self, key: &str, url: &str) -> String {
        let shown = url_policy::without_credentials(url);
        match self {
            BaseUrlProblem::NotAbsolute => format!("`{shown}` is not an absolute http(s) URL"),
            BaseUrlProblem::Credentials => format!(
                "`{key}` holds a user name or password (`{shown}`): every page, feed and the sitemap would publish it"
            ),
        }
    }

    /// What to do: `example` for a URL that is no URL.
    pub(crate) fn help(self, example: &str) -> String {
        match self {
            BaseUrlProblem::NotAbsolute => example.to_string(),
            BaseUrlProblem::Credentials => {
                "remove the `user:password@` part; a token belongs in CI's secrets, not in the site"
                    .to_string()
            }
        }
    }
}

/// An absolute http(s) URL with exactly one trailing slash.
pub(crate) fn normalize_base_url(url: &str) -> Result<String, BaseUrlProblem> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or(BaseUrlProblem::NotAbsolute)?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return Err(BaseUrlProblem::NotAbsolute);
    }
    if url_policy::classify(url) == Written::Refused(Refusal::Credentials) {
        return Err(BaseUrlProblem::Credentials);
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

#[cfg(test)]
mod tests;
