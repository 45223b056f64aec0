//! An `[[incident]]` entry in a wrap: opens an incident, or says what
//! changed in one. Tracked across wraps like risks; an ongoing incident
//! leads every brief until a wrap resolves it.

use std::ops::Range;

use super::shared_keys::{read_line, read_person};
use crate::config::{Config, PersonRef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, quoted_list, suggest};
use crate::ids::IncidentId;
use crate::strict_toml::{Located, Table, TextOrTable, choice_enum};
use crate::url_policy;

/// The keys an `[[incident]]` table may have.
pub(crate) const KEYS: &[&str] = &[
    "id",
    "title",
    "severity",
    "status",
    "commander",
    "links",
    "note",
];

choice_enum! {
    /// Where an incident is, in the usual incident-response words.
    pub(crate) enum IncidentStatus {
        Investigating = "investigating",
        Identified = "identified",
        Monitoring = "monitoring",
        Resolved = "resolved",
    }
}

impl IncidentStatus {
    /// Every status but `resolved`.
    pub(crate) fn is_ongoing(self) -> bool {
        self != IncidentStatus::Resolved
    }
}

/// A severity from `[incidents] severities` (worst first): its rank there
/// (0 is the worst) and its spelling.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct IncidentSeverity {
    pub rank: usize,
    pub name: String,
}

/// One `[[incident]]` table: every field but `id` is what changed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IncidentEntry {
    pub id: Located<IncidentId>,
    /// The id as written (`INC-2026-1105`).
    pub written_id: String,
    pub title: Option<String>,
    pub severity: Option<IncidentSeverity>,
    pub status: Option<IncidentStatus>,
    pub commander: Option<PersonRef>,
    /// `(label, url)`: `links = { ticket = "…" }` or a list of URLs.
    pub links: Vec<(String, String)>,
    pub note: Option<String>,
    pub span: Range<usize>,
}

impl IncidentEntry {
    /// Reads an `[[incident]]` table; `None` when it has no usable id.
    pub(crate) fn read(
        mut table: Table,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<IncidentEntry> {
        let span = table.span();
        let raw_id = table.required::<String>("id", d);
        let id = raw_id
            .as_ref()
            .and_then(|raw| match IncidentId::from_written(raw.value.trim()) {
                Ok(id) => Some(Located::new(id, raw.span.clone())),
                Err(invalid) => {
                    d.push(
                        Diagnostic::new(
                            Code::BadId,
                            format!("`{}` cannot be an incident id", raw.value),
                        )
                        .at(table.file(), raw.span.clone())
                        .with_help(invalid.hint()),
                    );
                    None
                }
            });
        let title = read_line(&mut table, "title", false, d).map(|l| l.value);
        let severity = table
            .optional::<String>("severity", d)
            .and_then(|raw| severity(&raw, config, &table, d));
        let status = table.choice::<IncidentStatus>("status", d).map(|l| l.value);
        let commander = read_person(&mut table, "commander", config, false, d).map(|l| l.value);
        let links = links(&mut table, d);
        let note = read_line(&mut table, "note", false, d).map(|l| l.value);
        table.finish(d);
        Some(IncidentEntry {
            written_id: raw_id?.value.trim().to_string(),
            id: id?,
            title,
            severity,
            status,
            commander,
            links,
            note,
            span,
        })
    }
}

/// A severity from the configured list, in any case.
fn severity(
    raw: &Located<String>,
    config: &Config,
    table: &Table,
    d: &mut Diagnostics,
) -> Option<IncidentSeverity> {
    let names = &config.incidents.severities;
    if let Some(rank) = names
        .iter()
        .position(|n| n.eq_ignore_ascii_case(raw.value.trim()))
    {
        return Some(IncidentSeverity {
            rank,
            name: names[rank].clone(),
        });
    }
    let allowed = quoted_list(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let help = match suggest(&raw.value.to_lowercase(), names.iter().map(String::as_str)) {
        Some(suggestion) => format!("{suggestion} allowed, worst first: {allowed}"),
        None => {
            format!("allowed, worst first: {allowed} (`[incidents] severities` in standin.toml)")
        }
    };
    d.push(
        Diagnostic::new(
            Code::BadValue,
            format!("`{}` is not an incident severity", raw.value),
        )
        .at(table.file(), raw.span.clone())
        .with_help(help),
    );
    None
}

/// `links = { ticket = "https://…", channel = "https://…" }`, or a list of
/// URLs (labelled by their host). A link that is not a web link is an
/// error (see [`url_policy::check_field`]) and left out.
fn links(table: &mut Table, d: &mut Diagnostics) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let file = table.file().clone();
    for item in table.texts_or_tables("links", "`links`", &[], d) {
        match item {
            TextOrTable::Text(url) => {
                if url_policy::check_field("links", &url.value, &file, url.span, d) {
                    let label = host(&url.value).unwrap_or("link").to_string();
                    out.push((label, url.value));
                }
            }
            TextOrTable::Table(named) => {
                for (label, url) in named.named_texts(d) {
                    let key = format!("links.{}", label.value);
                    if url_policy::check_field(&key, &url.value, &file, url.span, d) {
                        out.push((label.value, url.value));
                    }
                }
            }
        }
    }
    out
}

/// The host of an http(s) URL.
fn host(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    rest.split(['/', '?', '#']).next().filter(|h| !h.is_empty())
}
