//! When a record was made: its written date, else the day its file name
//! gives.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::fields::{Fields, Spanned};
use crate::config::Config;
use crate::content::datetime::place;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};

/// When the record was made: its written date, else the day its name
/// gives (log4brains), at midnight in the site zone.
pub(super) fn record_date(
    fields: &Fields,
    name_date: Option<NaiveDate>,
    config: &Config,
    file: &SourceFile,
    d: &mut Diagnostics,
) -> Option<DateTime<FixedOffset>> {
    fields
        .date
        .as_ref()
        .and_then(|date| read_date(date, config, file, d))
        .or_else(|| name_date.and_then(|day| midnight(day, config)))
}

/// A written date (`2026-01-02`, `2026-01-02T10:00:00+01:00`), a day alone
/// at midnight in the site zone. An unreadable one is a warning.
fn read_date(
    date: &Spanned,
    config: &Config,
    file: &SourceFile,
    d: &mut Diagnostics,
) -> Option<DateTime<FixedOffset>> {
    let token = date.text.split_whitespace().next().unwrap_or("");
    let placed = token
        .replace('/', "-")
        .parse::<toml::value::Datetime>()
        .ok()
        .and_then(|value| place(&value, config.timezone, true).ok());
    if placed.is_none() {
        d.push(
            Diagnostic::new(
                Code::LenientRecord,
                format!(
                    "cannot read the date `{}`; the record is listed without one",
                    date.text
                ),
            )
            .at(file, date.span.clone())
            .with_help("write the day as YYYY-MM-DD, e.g. `2026-11-20`"),
        );
    }
    placed.map(|p| p.at)
}

/// The start of `day` in the site zone.
fn midnight(day: NaiveDate, config: &Config) -> Option<DateTime<FixedOffset>> {
    let value: toml::value::Datetime = day.format("%Y-%m-%d").to_string().parse().ok()?;
    place(&value, config.timezone, true).ok().map(|p| p.at)
}
