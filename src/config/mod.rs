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
use crate::xml_text::warnings as xml_warnings;
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
    "incidents",
    "handover",
    "check",
    "decisions",
    "repository",
];
const INCIDENT_KEYS: &[&str] = &["severities"];
const HANDOVER_KEYS: &[&str] = &["unacknowledged_after_shifts"];
const RISK_KEYS: &[&str] = &["stale_after_days"];
const MARKDOWN_KEYS: &[&str] = &["allow_html"];
const TEAM_KEYS: &[&str] = &["name", "timezone", "description"];
const CHECK_KEYS: &[&str] = &["allow_secrets"];
const REPOSITORY_KEYS: &[&str] = &["url", "file_url"];
/// Where a file is shown when `file_url` is not set: GitHub's (and
/// Forgejo's) file view, on the default branch.
const DEFAULT_FILE_URL: &str = "{url}/blob/HEAD/{path}";

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
    pub(crate) check: CheckConfig,
    /// Where decision records are read from.
    pub(crate) decisions: DecisionsConfig,
    /// Where the site's files can be browsed, if anywhere.
    pub(crate) repository: Option<RepositoryConfig>,
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

/// `[incidents]`
#[derive(Debug, Clone)]
pub(crate) struct IncidentConfig {
    /// Severity names, worst first (`sev1` … `sev4` by default).
    pub severities: Vec<String>,
}

impl Default for IncidentConfig {
    fn default() -> Self {
        Self {
            severities: ["sev1", "sev2", "sev3", "sev4"].map(String::from).to_vec(),
        }
    }
}

/// `[handover]`
#[derive(Debug, Clone)]
pub(crate) struct HandoverConfig {
    /// An ask its receiver let this many of their shifts pass without
    /// acknowledging it is "unacknowledged".
    pub unacknowledged_after_shifts: u32,
}

impl Default for HandoverConfig {
    fn default() -> Self {
        Self {
            unacknowledged_after_shifts: 1,
        }
    }
}

/// `[check]`
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckConfig {
    /// Text matching any of these is not reported as a likely secret.
    pub allow_secrets: Vec<regex::Regex>,
}

/// `[repository]`: the repository browser that shows the site's files,
/// for links from a wrap or record to a file that is not published
/// (source code, a README).
#[derive(Debug, Clone)]
pub(crate) struct RepositoryConfig {
    /// The file URL pattern with `{url}` filled in: `{path}` is left.
    file_url: String,
}

impl RepositoryConfig {
    /// Where the browser shows the file at `path` (site-relative, its
    /// segments percent-encoded).
    pub(crate) fn file_link(&self, path: &str) -> String {
        self.file_url.replace("{path}", path)
    }
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
        let title = table.optional::<String>("title", d);
        let description = table.optional::<String>("description", d);
        // Feeds carry both; a character XML forbids is dropped from them.
        for text in [&title, &description].into_iter().flatten() {
            d.extend(xml_warnings::in_value(
                &source,
                &text.value,
                text.span.clone(),
            ));
        }
        let title = title.map_or_else(|| "Handoffs".to_string(), |t| t.value);
        let description = description.map(|l| l.value);
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
        let incidents =
            read_incidents(table.table("incidents", "[incidents]", INCIDENT_KEYS, d), d);
        let handover = read_handover(
            table.table("handover", "[handover]", HANDOVER_KEYS, d),
            &source,
            d,
        );
        let check = read_check(table.table("check", "[check]", CHECK_KEYS, d), &source, d);
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
            title,
            description,
            base_url,
            timezone,
            language,
            risks,
            markdown,
            teams,
            people,
            incidents,
            handover,
            check,
            decisions,
            repository,
            source,
        })
    }

    /// Whether wraps may name `team`: any team when the config lists none,
    /// else a listed one.
    pub(crate) fn knows_team(&self, team: &TeamId) -> bool {
        self.teams.is_empty() || self.teams.contains_key(team)
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

fn read_incidents(table: Option<Table>, d: &mut Diagnostics) -> IncidentConfig {
    let mut config = IncidentConfig::default();
    let Some(mut table) = table else {
        return config;
    };
    let names: Vec<String> = table
        .strings("severities", d)
        .into_iter()
        .map(|l| l.value.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    table.finish(d);
    // An empty list would leave nothing to write: keep the default.
    if !names.is_empty() {
        config.severities = names;
    }
    config
}

fn read_handover(table: Option<Table>, source: &SourceFile, d: &mut Diagnostics) -> HandoverConfig {
    let mut config = HandoverConfig::default();
    if let Some(mut table) = table {
        if let Some(shifts) = table.optional::<u32>("unacknowledged_after_shifts", d) {
            if shifts.value == 0 {
                d.push(
                    Diagnostic::new(
                        Code::BadValue,
                        "`unacknowledged_after_shifts` must be at least 1",
                    )
                    .at(source, shifts.span)
                    .with_help("1 means: the receiver's next shift passed without picking it up"),
                );
            } else {
                config.unacknowledged_after_shifts = shifts.value;
            }
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

fn read_repository(
    mut table: Table,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<RepositoryConfig> {
    let url = table.required::<String>("url", d);
    let file_url = table.optional::<String>("file_url", d);
    table.finish(d);
    let url = url?;
    let Some(base) = normalize_base_url(&url.value) else {
        d.push(
            Diagnostic::new(
                Code::BadValue,
                format!("`{}` is not an absolute http(s) URL", url.value),
            )
            .at(source, url.span)
            .with_help("write the repository's address, e.g. `https://github.com/org/repo`"),
        );
        return None;
    };
    let base = base.trim_end_matches('/');
    let pattern = file_url
        .as_ref()
        .map_or(DEFAULT_FILE_URL, |p| p.value.as_str());
    let filled = pattern.replace("{url}", base);
    let unknown = filled.replace("{path}", "").contains(['{', '}']);
    if !filled.contains("{path}") || unknown || normalize_base_url(&filled).is_none() {
        if let Some(file_url) = file_url {
            d.push(
                Diagnostic::new(
                    Code::BadValue,
                    "`file_url` must be an http(s) URL with `{path}` in it, and nothing else in braces but `{url}`",
                )
                .at(source, file_url.span)
                .with_help("e.g. `file_url = \"{url}/blob/main/{path}\"` (GitHub) or `\"{url}/-/blob/main/{path}\"` (GitLab)"),
            );
        }
        return None;
    }
    Some(RepositoryConfig { file_url: filled })
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
    fn title_and_description_characters_xml_forbids_are_warned_at() {
        let text = "title = \"Ops\\u000Bdesk\"\ndescription = \"a\u{FFFE}\u{FFFF}b\"\nlanguage = \"\\u0001\"\n";
        let mut d = Diagnostics::new();
        let config = Config::parse(SourceFile::new("standin.toml", text), &mut d);
        assert!(config.is_some());
        let found: Vec<_> = d
            .iter()
            .map(|d| (d.code, d.line_column().unwrap(), d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].0, Code::IllegalCharacter);
        assert_eq!(found[0].1, (1, 9));
        assert!(found[0].2.contains("U+000B"), "{found:?}");
        assert_eq!(found[1].1, (2, 17));
        assert!(
            found[1].2.starts_with("2 characters from U+FFFE"),
            "{found:?}"
        );
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
    fn repository_links_fill_the_pattern() {
        let config = parse("[repository]\nurl = \"https://github.com/org/repo/\"\n");
        let repository = config.repository.unwrap();
        assert_eq!(
            repository.file_link("src/main%20x.rs"),
            "https://github.com/org/repo/blob/HEAD/src/main%20x.rs"
        );
        let config = parse(
            "[repository]\nurl = \"https://gitlab.example/g/r\"\nfile_url = \"{url}/-/blob/main/handoffs/{path}\"\n",
        );
        assert_eq!(
            config.repository.unwrap().file_link("README.md"),
            "https://gitlab.example/g/r/-/blob/main/handoffs/README.md"
        );
        assert!(parse("").repository.is_none());
        for (text, line) in [
            ("[repository]\nfile_url = \"{url}/{path}\"\n", 1),
            ("[repository]\nurl = \"github.com/org/repo\"\n", 2),
            (
                "[repository]\nurl = \"https://g.example/r\"\nfile_url = \"{url}/blob/{branch}/{path}\"\n",
                3,
            ),
            (
                "[repository]\nurl = \"https://g.example/r\"\nfile_url = \"{url}/blob/main\"\n",
                3,
            ),
            (
                "[repository]\nurl = \"https://g.example/r\"\nbranch = \"main\"\n",
                3,
            ),
        ] {
            let d = problems(text);
            assert_eq!(
                d.iter().next().unwrap().line_column().unwrap().0,
                line,
                "{text}"
            );
        }
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
