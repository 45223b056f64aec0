//! `[risks]`, `[markdown]`, `[incidents]`, `[handover]`, `[health]` and `[check]`: the
//! small settings tables, each with its keys, its struct and its reader.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::strict_toml::Table;

pub(super) const INCIDENT_KEYS: &[&str] = &["severities"];
pub(super) const HANDOVER_KEYS: &[&str] = &["unacknowledged_after_shifts", "lapse_after_days"];
pub(super) const HEALTH_KEYS: &[&str] = &["weeks"];
pub(super) const RISK_KEYS: &[&str] = &["stale_after_days"];
pub(super) const MARKDOWN_KEYS: &[&str] = &["allow_html"];
pub(super) const CHECK_KEYS: &[&str] = &["allow_secrets"];

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
    /// An ask open or in hand this many days (of the site's time zone)
    /// after its last acknowledgement (or its writing) lapses: it is news
    /// once, on that day's brief, and no longer carried. `None`: never.
    pub lapse_after_days: Option<u32>,
}

/// Days after which an ask lapses unless `[handover] lapse_after_days`
/// says otherwise: a week, so that an ask a team never picks up is gone
/// from its briefs after one turn of every weekly rota.
pub(crate) const LAPSE_AFTER_DAYS: u32 = 7;

impl Default for HandoverConfig {
    fn default() -> Self {
        Self {
            unacknowledged_after_shifts: 1,
            lapse_after_days: Some(LAPSE_AFTER_DAYS),
        }
    }
}

/// `[health]`
#[derive(Debug, Clone)]
pub(crate) struct HealthConfig {
    /// How many weeks, ending today, the health page and the trends show.
    pub weeks: u32,
}

/// The most weeks `[health] weeks` takes: a year, which still leaves each
/// week a bar a finger can point at on a phone.
pub(crate) const MAX_HEALTH_WEEKS: u32 = 52;

impl Default for HealthConfig {
    fn default() -> Self {
        Self { weeks: 12 }
    }
}

/// `[check]`
#[derive(Debug, Clone, Default)]
pub(crate) struct CheckConfig {
    /// Text matching any of these is not reported as a likely secret.
    pub allow_secrets: Vec<regex::Regex>,
}

pub(super) fn read_risks(table: Option<Table>, d: &mut Diagnostics) -> RiskConfig {
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

pub(super) fn read_incidents(table: Option<Table>, d: &mut Diagnostics) -> IncidentConfig {
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

pub(super) fn read_handover(
    table: Option<Table>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> HandoverConfig {
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
        if let Some(days) = table.optional::<u32>("lapse_after_days", d) {
            // 0 reads as "never": no ask can lapse the day it is written.
            config.lapse_after_days = Some(days.value).filter(|&d| d > 0);
        }
        table.finish(d);
    }
    config
}

pub(super) fn read_health(
    table: Option<Table>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> HealthConfig {
    let mut config = HealthConfig::default();
    if let Some(mut table) = table {
        if let Some(weeks) = table.optional::<u32>("weeks", d) {
            if (1..=MAX_HEALTH_WEEKS).contains(&weeks.value) {
                config.weeks = weeks.value;
            } else {
                d.push(
                    Diagnostic::new(
                        Code::BadValue,
                        format!("`weeks` must be between 1 and {MAX_HEALTH_WEEKS}"),
                    )
                    .at(source, weeks.span)
                    .with_help(
                        "the health page counts this many weeks, ending today; 12 is a quarter",
                    ),
                );
            }
        }
        table.finish(d);
    }
    config
}

pub(super) fn read_markdown(table: Option<Table>, d: &mut Diagnostics) -> MarkdownConfig {
    let mut config = MarkdownConfig::default();
    if let Some(mut table) = table {
        if let Some(allow) = table.optional::<bool>("allow_html", d) {
            config.allow_html = allow.value;
        }
        table.finish(d);
    }
    config
}

pub(super) fn read_check(
    table: Option<Table>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> CheckConfig {
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
