//! Where every ask stands now, written once (not once per day):
//! `api/asks.json` lists the asks open or in hand and one file per year
//! of writing, `api/asks/YYYY.json`, holds every ask written that year.
//! A file costs what its year holds, so no file grows with the history.

use chrono::Datelike;
use serde::Serialize;

use super::{VERSION, file};
use crate::config::Config;
use crate::ledger::Ledger;
use crate::ledger::handover::ItemAsOf;
use crate::site::asks::{AskEvent, AskNow, ask_now};
use crate::site::format;
use crate::site::summaries::Lines;
use crate::site::urls;
use crate::site::{Destination, Stopped};

/// An ask as the API writes it: what [`AskNow`] says of it, without what
/// only the register's page and filters use.
#[derive(Serialize)]
struct AskJson<'a> {
    id: &'a str,
    what: &'a str,
    /// `team`, `person` or `everyone`.
    to_kind: &'static str,
    /// The team's or person's key; empty for everyone.
    to: &'a str,
    to_name: &'a str,
    author: &'a str,
    author_key: &'a str,
    written: &'a str,
    status: &'static str,
    unacknowledged: bool,
    taken_by: Option<&'a str>,
    lapsed_on: Option<&'a str>,
    age_days: i64,
    url: &'a str,
    history: &'a [AskEvent<'a>],
}

impl<'a> From<&'a AskNow<'a>> for AskJson<'a> {
    fn from(ask: &'a AskNow<'a>) -> Self {
        AskJson {
            id: ask.id,
            what: ask.what,
            to_kind: ask.to.kind,
            to: &ask.to.key,
            to_name: &ask.to.label,
            author: ask.author,
            author_key: ask.author_key,
            written: &ask.written,
            status: ask.status,
            unacknowledged: ask.unacknowledged,
            taken_by: ask.taken_by,
            lapsed_on: ask.lapsed_on.as_deref(),
            age_days: ask.age_days,
            url: &ask.url,
            history: &ask.history,
        }
    }
}

#[derive(Serialize)]
struct AsksJson<'a> {
    version: u32,
    /// The as-of day the asks stand at.
    today: String,
    /// `[handover] lapse_after_days`; `null` when asks never lapse.
    lapse_after_days: Option<u32>,
    /// Open or in hand now: unacknowledged first, then by receiver,
    /// oldest first.
    live: Vec<AskJson<'a>>,
    /// Every year asks were written in, newest first, with its file.
    years: Vec<YearJson>,
}

#[derive(Serialize)]
struct YearJson {
    year: i32,
    asks: usize,
    /// Relative to `api/`.
    json: String,
}

#[derive(Serialize)]
struct YearFileJson<'a> {
    version: u32,
    year: i32,
    today: String,
    /// Every ask written that year, in the order written.
    asks: Vec<AskJson<'a>>,
}

/// Makes the asks files and puts each to `to` as it is made.
pub(super) fn put(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    to: &dyn Destination,
) -> Result<(), Stopped> {
    let year_of = |now: &ItemAsOf| ledger.wrap(ledger.handover.item(now.item).wrap).day.year();
    let mut years: Vec<(i32, usize)> = Vec::new();
    for now in &ledger.asks_now {
        match years.last_mut() {
            Some((year, count)) if *year == year_of(now) => *count += 1,
            _ => years.push((year_of(now), 1)),
        }
    }
    let mut live: Vec<&ItemAsOf> = ledger
        .asks_now
        .iter()
        .filter(|o| o.state.status.is_live())
        .collect();
    live.sort_by(|a, b| {
        b.unacknowledged
            .cmp(&a.unacknowledged)
            .then_with(|| a.state.receiver.cmp(&b.state.receiver))
            .then(b.age_days.cmp(&a.age_days))
            .then(a.item.cmp(&b.item))
    });
    let today = format::iso_day(ledger.today);
    let live: Vec<AskNow> = live
        .into_iter()
        .map(|o| ask_now(ledger, lines, o))
        .collect();
    let (path, bytes) = file(
        urls::API_ASKS,
        &AsksJson {
            version: VERSION,
            today: today.clone(),
            lapse_after_days: config.handover.lapse_after_days,
            live: live.iter().map(AskJson::from).collect(),
            years: years
                .iter()
                .rev()
                .map(|&(year, asks)| YearJson {
                    year,
                    asks,
                    json: urls::in_api(&urls::api_asks_year(year)).to_string(),
                })
                .collect(),
        },
    );
    to.put(path, bytes)?;
    // Items are in the order their wraps were written: a year is a run.
    let mut start = 0;
    for (year, count) in years {
        let asks: Vec<AskNow> = ledger.asks_now[start..start + count]
            .iter()
            .map(|o| ask_now(ledger, lines, o))
            .collect();
        start += count;
        let (path, bytes) = file(
            &urls::api_asks_year(year),
            &YearFileJson {
                version: VERSION,
                year,
                today: today.clone(),
                asks: asks.iter().map(AskJson::from).collect(),
            },
        );
        to.put(path, bytes)?;
    }
    Ok(())
}
