//! Handing over the pager: `pager` in a wrap.
//!
//! ```toml
//! pager = "tomasz"                                  # your team's pager, now
//! pager = { to = "ines", team = "platform", since = 2026-11-22T08:00:00+01:00 }
//! pager = [{ to = "tomasz", since = … }, { to = "ines", since = … }]   # a rota
//! ```

use std::ops::Range;

use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use toml::value::Datetime;

use super::datetime::place;
use super::shared_keys::{person_named, read_person};
use crate::config::{Config, PersonRef};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::TeamId;
use crate::strict_toml::{Located, Table, TextOrTable};

/// The keys a pager hand-over written as a table may have.
pub(crate) const KEYS: &[&str] = &["to", "team", "since"];

/// One hand-over of a team's pager.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PagerHandover {
    pub to: PersonRef,
    /// The team whose pager it is; `None`: the writer's team.
    pub team: Option<TeamId>,
    /// From when; `None`: the wrap's time.
    pub since: Option<DateTime<FixedOffset>>,
    pub span: Range<usize>,
}

/// Reads `pager`; times without an offset are in `zone`.
pub(crate) fn read(
    table: &mut Table,
    config: &Config,
    zone: Tz,
    d: &mut Diagnostics,
) -> Vec<PagerHandover> {
    let mut out = Vec::new();
    for item in table.texts_or_tables("pager", "`pager`", KEYS, d) {
        match item {
            TextOrTable::Text(name) => {
                let span = name.span.clone();
                if let Some(to) = person_named(name, table.file(), config, d) {
                    out.push(PagerHandover {
                        to: to.value,
                        team: None,
                        since: None,
                        span,
                    });
                }
            }
            TextOrTable::Table(mut entry) => {
                let span = entry.span();
                let to = read_person(&mut entry, "to", config, true, d);
                let team = entry.optional::<String>("team", d).and_then(|raw| {
                    let team = config.resolve_team(&raw.value);
                    if team.is_none() {
                        d.push(config.unknown_team(&raw.value).at(entry.file(), raw.span));
                    }
                    team
                });
                let since = entry
                    .optional::<Datetime>("since", d)
                    .and_then(|raw| since(&raw, zone, &entry, d));
                entry.finish(d);
                if let Some(to) = to {
                    out.push(PagerHandover {
                        to: to.value,
                        team,
                        since,
                        span,
                    });
                }
            }
        }
    }
    out
}

fn since(
    raw: &Located<Datetime>,
    zone: Tz,
    table: &Table,
    d: &mut Diagnostics,
) -> Option<DateTime<FixedOffset>> {
    match place(&raw.value, zone, false) {
        Ok(placed) => Some(placed.at),
        Err(_) => {
            d.push(
                Diagnostic::new(Code::BadDate, "`since` is not a real time")
                    .at(table.file(), raw.span.clone())
                    .with_help("write `since = 2026-11-22T08:00:00+01:00`"),
            );
            None
        }
    }
}
