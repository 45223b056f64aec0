//! The site configuration, `standin.toml`.

mod decisions;
mod people;

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono_tz::Tz;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile, quoted_list, suggest};
use crate::ids::TeamId;
use crate::layout::{CONFIG_FILE, SiteDir};
use crate::strict_toml::{self, DocumentOrigin, Located, Table};
pub(crate) use decisions::{DecisionDir, DecisionsConfig, FoundBy};
pub(crate) use people::{People, PersonRef};

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
    "check",
    "decisions",
];
const RISK_KEYS: &[&str] = &["stale_after_days"];
const MARKDOWN_KEYS: &[&str] = &["allow_html"];
const TEAM_KEYS: &[&str] = &["name", "timezone", "description"];
const CHECK_KEYS: &[&str] = &["allow_secrets"];

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
    pub(crate) check: CheckConfig,
    /// Where decision records are read from.
    pub(crate) decisions: DecisionsConfig,
    /// The config file itself, for diagnostics that point into it.
    pub(crate) source: SourceFile,
}

/// `[risks]`
#[derive(Debug, Clone)]
pub(crate) struct RiskConfig {
    /// An open risk untouched for this many days is marked stale.
    pub stale_after_days: u32,
}

/// `[markdown]`
#[derive(Debug, Clone, Default)]
pub(crate) struct MarkdownConfig {
    /// Trust raw HTML in wraps fully instead of sanitizing it.
    pub allow_html: bool,
}

/// `[check]`
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckConfig {
    /// Text matching any of these is not reported as a likely secret.
    pub allow_secrets: Vec<regex::Regex>,
}

/// `[teams.<id>]`
#[derive(Debug, Clone)]
pub(crate) struct TeamConfig {
    pub id: TeamId,
    pub name: String,
    pub timezone: Option<Tz>,
    pub description: Option<String>,
}

impl Config {
    /// Reads `standin.toml` from a site directory; `None` (with the
    /// problems in `d`) unless it reads without errors.
    pub(crate) fn load(site: &SiteDir, d: &mut Diagnostics) -> Option<Config> {
        let path = site.root.join(CONFIG_FILE);
        let display = site.display_path(&path);
        let bytes = match std::fs::read(&path) {
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
        let title = table
            .optional::<String>("title", d)
            .map_or_else(|| "Handoffs".to_string(), |t| t.value);
        let description = table.optional::<String>("description", d).map(|l| l.value);
        let base_url = table
            .optional::<String>("base_url", d)
            .and_then(|url| parse_base_url(url, &source, d));
        let timezone = table
            .optional::<String>("timezone", d)
            .and_then(|tz| parse_timezone(&tz, &source, d))
            .unwrap_or(Tz::UTC);
        let language = table
            .optional::<String>("language", d)
            .map_or_else(|| "en".to_string(), |l| l.value);
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
        let check = read_check(table.table("check", "[check]", CHECK_KEYS, d), &source, d);
        let decisions = decisions::read(
            table.table("decisions", "[decisions]", decisions::KEYS, d),
            &source,
            d,
        );
        table.finish(d);
        if d.error_count() > errors_before {
            return None;
        }
        Some(Config {
            title,
            description,
            base_url,
            timezone,
            language,
            risks,
            markdown,
            teams,
            people,
            check,
            decisions,
            source,
        })
    }

    /// Whether wraps may name `team`: any team when the config lists none,
    /// else a listed one.
    pub(crate) fn knows_team(&self, team: &TeamId) -> bool {
        self.teams.is_empty() || self.teams.contains_key(team)
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

/// A listed team by its key or display name, compared without case,
/// accents or punctuation.
fn find_team(teams: &BTreeMap<TeamId, TeamConfig>, written: &str) -> Option<TeamId> {
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

fn read_risks(table: Option<Table>, d: &mut Diagnostics) -> RiskConfig {
    let mut config = RiskConfig {
        stale_after_days: 3,
    };
    if let Some(mut table) = table {
        if let Some(days) = table.optional::<u32>("stale_after_days", d) {
            config.stale_after_days = days.value;
        }
        table.finish(d);
    }
    config
}

fn read_markdown(table: Option<Table>, d: &mut Diagnostics) -> MarkdownConfig {
    let mut config = MarkdownConfig::default();
    if let Some(mut table) = table {
        if let Some(allow) = table.optional::<bool>("allow_html", d) {
            config.allow_html = allow.value;
        }
        table.finish(d);
    }
    config
}

fn read_check(table: Option<Table>, source: &SourceFile, d: &mut Diagnostics) -> CheckConfig {
    let mut config = CheckConfig::default();
    let Some(mut table) = table else {
        return config;
    };
    for pattern in table.strings("allow_secrets", d) {
        match regex::Regex::new(&pattern.value) {
            Ok(regex) => config.allow_secrets.push(regex),
            Err(error) => d.push(
                Diagnostic::new(
                    Code::BadValue,
                    "`allow_secrets` holds an invalid regular expression",
                )
                .at(source, pattern.span)
                .with_help(format!("{error}")),
            ),
        }
    }
    table.finish(d);
    config
}

fn read_teams(
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

fn parse_timezone(name: &Located<String>, source: &SourceFile, d: &mut Diagnostics) -> Option<Tz> {
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

fn parse_base_url(
    url: Located<String>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<String> {
    normalize_base_url(&url.value).or_else(|| {
        d.push(
            Diagnostic::new(Code::BadValue, format!("`{}` is not an absolute http(s) URL", url.value))
                .at(source, url.span)
                .with_help("write the address the site is published at, e.g. `https://example.github.io/handoffs/`"),
        );
        None
    })
}

/// An absolute http(s) URL with exactly one trailing slash, or `None`.
pub(crate) fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    if rest.is_empty() || rest.starts_with('/') || url.chars().any(char::is_whitespace) {
        return None;
    }
    Some(format!("{}/", url.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Config {
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
        assert!(d.is_empty(), "{d:?}");
        config.expect("a config")
    }

    /// The problems of a config that does not parse.
    fn problems(text: &str) -> Diagnostics {
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
        assert!(config.is_none() && d.has_errors(), "{d:?}");
        d
    }

    #[test]
    fn defaults() {
        let config = parse("");
        assert_eq!(config.timezone, Tz::UTC);
        assert_eq!(config.risks.stale_after_days, 3);
        assert!(!config.markdown.allow_html);
        assert!(config.base_url.is_none());
        assert!(config.teams.is_empty());
    }

    #[test]
    fn full_config() {
        let config = parse(
            "title = \"T\"\nbase_url = \"https://x.github.io/handoffs\"\ntimezone = \"Asia/Tokyo\"\n\
             [risks]\nstale_after_days = 5\n[markdown]\nallow_html = true\n\
             [teams.payments]\nname = \"Payments\"\ntimezone = \"Europe/Berlin\"\n",
        );
        assert_eq!(
            config.base_url.as_deref(),
            Some("https://x.github.io/handoffs/")
        );
        assert_eq!(config.timezone, chrono_tz::Asia::Tokyo);
        assert_eq!(config.risks.stale_after_days, 5);
        assert!(config.markdown.allow_html);
        let team = &config.teams[&TeamId::new("payments").unwrap()];
        assert_eq!(team.name, "Payments");
        assert_eq!(team.timezone, Some(chrono_tz::Europe::Berlin));
    }

    #[test]
    fn errors_name_the_line_and_suggest() {
        let diags = problems("timezone = \"Asia/Tokio\"\n[risks]\nstale_after = 2\n");
        let found: Vec<_> = diags
            .iter()
            .map(|d| {
                (
                    d.code,
                    d.line_column().unwrap().0,
                    d.help.clone().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .any(|(c, l, h)| *c == Code::BadValue && *l == 1 && h.contains("Asia/Tokyo"))
        );
        assert!(
            found.iter().any(|(c, l, h)| *c == Code::UnknownKey
                && *l == 3
                && h.contains("stale_after_days"))
        );
    }

    #[test]
    fn allow_secrets_compile_or_report() {
        let config = parse("[check]\nallow_secrets = [\"^AKIAEXAMPLE\"]\n");
        assert!(config.check.allow_secrets[0].is_match("AKIAEXAMPLE123"));
        let diags = problems("[check]\nallow_secrets = [\"(\"]\n");
        assert_eq!(diags.iter().next().unwrap().line_column(), Some((2, 18)));
    }

    #[test]
    fn base_urls_are_normalized() {
        assert_eq!(
            normalize_base_url("https://a.b").as_deref(),
            Some("https://a.b/")
        );
        assert_eq!(
            normalize_base_url("http://a.b/x//").as_deref(),
            Some("http://a.b/x/")
        );
        assert_eq!(normalize_base_url("a.b/x"), None);
        assert_eq!(normalize_base_url("https:///x"), None);
    }
}
