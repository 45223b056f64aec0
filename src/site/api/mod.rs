//! The ledger as static JSON under `api/`, for bots and dashboards:
//! `index.json`, `briefs.json`, `briefs/YYYY-MM-DD.json`, `decisions.json`,
//! `risks.json`, `asks.json`, `asks/YYYY.json` and `health.json`. The shapes are documented in `docs/api.md` and pinned by
//! JSON Schemas in `docs/api/`; every file has `"version": 1`, raised only
//! when a field changes meaning or disappears.
//!
//! URLs are site-relative (`risks/vendor-keys/`): join them with the URL
//! the JSON was fetched from. They never depend on `base_url`, so a preview
//! build (`--base-url`) changes no API file.

mod asks;
mod day_end;
mod files;
mod views;

use rayon::prelude::*;
use serde::Serialize;

use super::format;
use super::health::HealthView;
use super::summaries::Lines;
use super::urls;
use super::{Destination, Stopped};
use crate::config::Config;
use crate::ledger::Ledger;
use files::{brief, decisions, index, risks};
use views::{BriefIndexJson, BriefSummaryJson};

/// `health.json`: the health page's view, as it is.
#[derive(Serialize)]
struct HealthJson {
    version: u32,
    #[serde(flatten)]
    health: HealthView,
}

/// The version of every API file.
pub(crate) const VERSION: u32 = 1;

/// Makes the API files and puts each to `to` as it is made.
pub(crate) fn put(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    reading_minutes: &[usize],
    to: &dyn Destination,
) -> Result<(), Stopped> {
    let stale_after_days = config.risks.stale_after_days;
    let pretty = |page: &str| urls::pretty(page).to_string();
    let put = |(path, bytes): (String, Vec<u8>)| to.put(path, bytes);
    put(file(
        urls::API_INDEX,
        &index(ledger, lines, config, &pretty),
    ))?;
    put(file(
        urls::API_BRIEFS,
        &BriefIndexJson {
            version: VERSION,
            briefs: ledger
                .briefs
                .iter()
                .enumerate()
                .rev()
                .map(|(i, b)| BriefSummaryJson {
                    date: format::iso_day(b.day),
                    url: pretty(&urls::brief(b.day)),
                    json: urls::in_api(&urls::api_brief(b.day)).to_string(),
                    wraps: b.wraps.len(),
                    needs_attention: b.attention.len(),
                    decisions: b.decisions.len(),
                    reading_minutes: reading_minutes[i],
                })
                .collect(),
        },
    ))?;
    put(file(
        urls::API_DECISIONS,
        &decisions(ledger, lines, &pretty),
    ))?;
    put(file(
        urls::API_RISKS,
        &risks(ledger, lines, stale_after_days, &pretty),
    ))?;
    asks::put(ledger, lines, config, to)?;
    put(file(
        urls::API_HEALTH,
        &HealthJson {
            version: VERSION,
            health: HealthView::new(ledger),
        },
    ))?;
    // Each day's file is put as soon as it is made, never all at once.
    ledger
        .briefs
        .par_iter()
        .zip(reading_minutes)
        .try_for_each(|(b, &minutes)| {
            put(file(
                &urls::api_brief(b.day),
                &brief(ledger, lines, config, b, minutes, &pretty),
            ))
        })
}

fn file(path: &str, value: &impl Serialize) -> (String, Vec<u8>) {
    let mut bytes = serde_json::to_vec_pretty(value).expect("API views serialize");
    bytes.push(b'\n');
    (path.to_string(), bytes)
}
