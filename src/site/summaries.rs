//! One-line summaries of wraps, decisions and risks, as every list on the
//! site shows them. Each is built once per build and reused by every page
//! that lists it. URLs are site-root-relative (see `urls`).

use ahash::AHashMap as HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::{format, urls};
use crate::config::Config;
use crate::content::Wrap;
use crate::content::decision::DecisionStatus;
use crate::content::risk::{RiskStatus, Severity};
use crate::fingerprint::fingerprint;
use crate::ids::{Tag, TeamId};
use crate::ledger::{Decision, Ledger, Risk, WrapRecord};

/// A link to a team.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TeamRef {
    pub id: String,
    pub name: String,
    pub url: String,
}

/// A link to a tag.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TagRef {
    pub name: String,
    pub url: String,
}

/// A wrap in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WrapLine {
    pub url: String,
    pub author: String,
    pub team: Option<TeamRef>,
    pub shift: Option<String>,
    /// `2026-11-20`, the day of its brief.
    pub date: String,
    /// `Fri 20 Nov 2026`
    pub day_label: String,
    /// `08:42 GMT`, in the site zone.
    pub time: String,
    /// `17:42 JST`, as the author lived it.
    pub author_time: String,
    /// ISO 8601 with the author's offset, for `<time datetime>`.
    pub datetime: String,
    pub summary: Option<String>,
    pub tags: Vec<TagRef>,
    pub decision_count: usize,
    pub risk_count: usize,
}

/// A decision in a list.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct DecisionLine {
    pub url: String,
    pub id: String,
    pub title: String,
    /// Empty for a record in another format with no context to quote.
    pub why: String,
    /// The status filters know it by.
    pub status: DecisionStatus,
    /// The status as its record writes it (`Deprecated`), when that is
    /// what is shown and not simply standin's word.
    pub status_label: Option<String>,
    /// `ADR-0009`, for a numbered record.
    pub number: Option<String>,
    pub link: Option<String>,
    /// Empty when nobody is named (a record without deciders).
    pub author: String,
    pub team: Option<TeamRef>,
    /// Empty, like `day_label`, for a record that gives no date.
    pub date: String,
    pub day_label: String,
    pub tags: Vec<TagRef>,
    /// RFC 3339, when it was made; empty for a record that gives no date.
    pub at: String,
}

/// A risk in a list, in its current state.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct RiskLine {
    pub url: String,
    pub id: String,
    pub title: String,
    pub severity: Severity,
    pub status: RiskStatus,
    pub active: bool,
    pub owner: Option<String>,
    /// The owner's key, for filters (names may be written many ways).
    pub owner_key: Option<String>,
    pub blocker: bool,
    pub mitigation: Option<String>,
    pub stale: bool,
    pub team: Option<TeamRef>,
    pub raised_by: String,
    pub raised_url: String,
    pub raised_on: String,
    pub raised_label: String,
    pub age_days: i64,
    /// `5 days`
    pub age_label: String,
    pub idle_days: i64,
    /// `3 days ago`
    pub last_touched_label: String,
    pub last_touched_on: String,
    pub closed_on: Option<String>,
    /// RFC 3339: when it was raised, and when a wrap last touched it.
    pub raised_at: String,
    pub touched_at: String,
}

/// Every line of the site, indexed like the ledger.
pub(crate) struct Lines {
    pub wraps: Vec<Arc<WrapLine>>,
    pub decisions: Vec<DecisionLine>,
    pub risks: Vec<RiskLine>,
    /// The minutes each brief page takes to read, counted once when the
    /// index of briefs or the API first needs them (see
    /// `pages::reading_minutes`).
    pub reading_minutes: std::sync::OnceLock<Vec<usize>>,
}

/// Wrap lines kept between builds (for `serve`): a wrap whose parsed file,
/// slug and counts did not change keeps its line, and its formatting is not
/// done again.
#[derive(Default)]
pub(crate) struct LineCache {
    /// The config the lines were made with (team names and zones show).
    config: u64,
    /// By the address of the parsed wrap. Each entry holds that wrap, so
    /// the address cannot be reused by another while the entry exists.
    wraps: HashMap<usize, CachedLine>,
}

struct CachedLine {
    wrap: Arc<Wrap>,
    slug: String,
    counts: (usize, usize),
    line: Arc<WrapLine>,
}

impl CachedLine {
    fn fits(&self, record: &WrapRecord) -> bool {
        Arc::ptr_eq(&self.wrap, &record.wrap)
            && self.slug == record.slug
            && self.counts == (record.decisions.len(), record.risks.len())
    }
}

impl Lines {
    pub(crate) fn build(ledger: &Ledger, config: &Config, cache: Option<&mut LineCache>) -> Lines {
        let config_print = fingerprint(config.source.text.as_bytes());
        let cached = cache
            .as_ref()
            .filter(|c| c.config == config_print)
            .map(|c| &c.wraps);
        let make_wraps = || -> Vec<(Arc<WrapLine>, bool)> {
            ledger
                .wraps
                .par_iter()
                .map(|record| {
                    let hit = cached
                        .and_then(|c| c.get(&(Arc::as_ptr(&record.wrap) as usize)))
                        .filter(|c| c.fits(record));
                    match hit {
                        Some(c) => (c.line.clone(), true),
                        None => (Arc::new(wrap_line(record, config)), false),
                    }
                })
                .collect()
        };
        let make_others = || {
            let decisions = ledger
                .decisions
                .par_iter()
                .map(|d| decision_line(d, ledger, config))
                .collect();
            let risks = ledger
                .risks
                .par_iter()
                .map(|r| risk_line(r, ledger))
                .collect();
            (decisions, risks)
        };
        let (made, (decisions, risks)) = rayon::join(make_wraps, make_others);
        if let Some(cache) = cache {
            cache.remember(ledger, &made, config_print);
        }
        Lines {
            wraps: made.into_iter().map(|(line, _)| line).collect(),
            decisions,
            risks,
            reading_minutes: std::sync::OnceLock::new(),
        }
    }
}

impl LineCache {
    /// Keeps the lines just made (`(line, whether it came from here)`, by
    /// wrap) for the next build, and forgets the wraps that are gone.
    fn remember(&mut self, ledger: &Ledger, made: &[(Arc<WrapLine>, bool)], config_print: u64) {
        if self.config != config_print {
            self.wraps.clear();
            self.config = config_print;
        }
        for (record, (line, hit)) in ledger.wraps.iter().zip(made) {
            if !hit {
                let entry = CachedLine {
                    wrap: record.wrap.clone(),
                    slug: record.slug.clone(),
                    counts: (record.decisions.len(), record.risks.len()),
                    line: line.clone(),
                };
                self.wraps.insert(Arc::as_ptr(&record.wrap) as usize, entry);
            }
        }
        // An edited wrap is a new one (a new address): drop the old.
        if self.wraps.len() > ledger.wraps.len() {
            let live: ahash::AHashSet<usize> = ledger
                .wraps
                .iter()
                .map(|r| Arc::as_ptr(&r.wrap) as usize)
                .collect();
            self.wraps.retain(|address, _| live.contains(address));
        }
    }
}

/// A link to a team, named `name`.
pub(crate) fn team_ref(team: &TeamId, name: &str) -> TeamRef {
    TeamRef {
        id: team.to_string(),
        name: name.to_string(),
        url: urls::team(team),
    }
}

pub(crate) fn tag_ref(tag: &Tag) -> TagRef {
    TagRef {
        name: tag.to_string(),
        url: urls::tag(tag),
    }
}

fn wrap_line(record: &WrapRecord, config: &Config) -> WrapLine {
    let wrap = &record.wrap;
    let team_zone = wrap
        .team
        .as_ref()
        .and_then(|t| config.teams.get(t))
        .and_then(|t| t.timezone);
    WrapLine {
        url: urls::wrap(&record.slug),
        author: wrap.author_name.clone(),
        // Named as this wrap names it (a line depends on its wrap alone, so
        // `serve` can keep it while other wraps change).
        team: wrap.team.as_ref().map(|t| {
            let name = config.teams.get(t).map(|c| c.name.as_str());
            team_ref(t, name.or(wrap.team_name.as_deref()).unwrap_or(t.as_str()))
        }),
        shift: wrap.shift.clone(),
        date: format::iso_day(record.day),
        day_label: format::day(record.day),
        time: format::site_time(&record.site_time),
        author_time: format::author_time(wrap.at, team_zone),
        datetime: format::rfc3339(wrap.at),
        summary: wrap.summary().map(str::to_string),
        tags: wrap.tags.iter().map(tag_ref).collect(),
        decision_count: record.decisions.len(),
        risk_count: record.risks.len(),
    }
}

fn decision_line(decision: &Decision, ledger: &Ledger, config: &Config) -> DecisionLine {
    let day = decision
        .at
        .map(|at| at.with_timezone(&config.timezone).date_naive());
    DecisionLine {
        url: urls::decision(&decision.id),
        id: decision.id.to_string(),
        title: decision.title.clone(),
        why: decision.why.clone(),
        status: decision.status,
        status_label: decision
            .declared_label
            .clone()
            .filter(|_| decision.status == decision.declared),
        number: decision.number.map(format::record_number),
        link: decision.link.clone(),
        author: decision.author_name.clone(),
        team: decision
            .team
            .as_ref()
            .map(|t| team_ref(t, ledger.names.team(t))),
        date: day.map(format::iso_day).unwrap_or_default(),
        day_label: day.map(format::day).unwrap_or_default(),
        tags: decision.tags.iter().map(tag_ref).collect(),
        at: decision.at.map(format::rfc3339).unwrap_or_default(),
    }
}

fn risk_line(risk: &Risk, ledger: &Ledger) -> RiskLine {
    let raised = ledger.wrap(risk.raised);
    RiskLine {
        url: urls::risk(&risk.id),
        id: risk.id.to_string(),
        title: risk.state.title.clone(),
        severity: risk.state.severity,
        status: risk.state.status,
        active: risk.state.status.is_active(),
        owner: risk.state.owner.as_ref().map(|o| o.name.clone()),
        owner_key: risk.state.owner.as_ref().map(|o| o.key.to_string()),
        blocker: risk.state.blocker,
        mitigation: risk.state.mitigation.clone(),
        stale: risk.stale,
        team: risk
            .team
            .as_ref()
            .map(|t| team_ref(t, ledger.names.team(t))),
        raised_by: raised.wrap.author_name.clone(),
        raised_url: urls::wrap(&raised.slug),
        raised_on: format::iso_day(risk.raised_on),
        raised_label: format::day(risk.raised_on),
        age_days: risk.age_days,
        age_label: format::duration_days(risk.age_days),
        idle_days: risk.idle_days,
        last_touched_label: format::days_ago(risk.idle_days),
        last_touched_on: format::iso_day(risk.last_touched_on),
        closed_on: risk.closed_on.map(format::iso_day),
        raised_at: format::rfc3339(raised.at()),
        touched_at: format::rfc3339(ledger.wrap(risk.last_touched).at()),
    }
}
