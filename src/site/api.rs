//! The ledger as static JSON under `api/`, for bots and dashboards:
//! `index.json`, `briefs.json`, `briefs/YYYY-MM-DD.json`, `decisions.json`,
//! `risks.json`. The shapes are documented in `docs/api.md` and pinned by
//! JSON Schemas in `docs/api/`; every file has `"version": 1`, raised only
//! when a field changes meaning or disappears.
//!
//! URLs are site-relative (`risks/vendor-keys/`): join them with the URL
//! the JSON was fetched from. They never depend on `base_url`, so a preview
//! build (`--base-url`) changes no API file.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::format;
use super::handover::{ack_view, incident_view, item_anchor, item_view, on_call_views};
use super::lines::Lines;
use super::urls;
use super::vocabulary::describe_changes;
use super::{Destination, Stopped};
use crate::config::{Config, PersonRef};
use crate::content::decision::DecisionStatus;
use crate::content::decision_doc::RecordDetails;
use crate::content::risk::{RiskStatus, Severity};
use crate::ledger::brief::RiskTouch;
use crate::ledger::handover::Receiver;
use crate::ledger::{Brief, Ledger};

/// The version of every API file.
pub(crate) const VERSION: u32 = 1;

#[derive(Serialize)]
struct IndexJson {
    version: u32,
    /// The as-of day ages and staleness are counted to.
    today: String,
    timezone: String,
    latest_brief: Option<String>,
    files: Vec<&'static str>,
    /// Open risks that block work, worst first: "open blockers this
    /// morning" without reading anything else.
    open_blockers: Vec<RiskRefJson>,
    /// As the latest brief ends: ongoing incidents, worst first.
    ongoing_incidents: Vec<IncidentJson>,
    /// As the latest brief ends: who holds each team's pager.
    on_call: Vec<OnCallJson>,
    /// As the latest brief ends: every open ask, unacknowledged first.
    asks: Vec<AskJson>,
}

/// An ask open at the end of a day.
#[derive(Serialize)]
struct AskJson {
    id: String,
    what: String,
    /// `team`, `person` or `everyone`.
    to_kind: &'static str,
    /// The team's or person's key; empty for everyone.
    to: String,
    to_name: String,
    /// `open` or `taken`.
    status: &'static str,
    taken_by: Option<String>,
    unacknowledged: bool,
    age_days: i64,
    due: Option<String>,
    author: String,
    url: String,
}

/// An acknowledgement written that day.
#[derive(Serialize)]
struct AckJson {
    id: String,
    what: String,
    /// `taken`, `done`, `declined` or `handed on`.
    verb: &'static str,
    words: String,
    note: Option<String>,
    by: String,
    wrap_url: String,
}

/// An incident as a day left it.
#[derive(Serialize)]
struct IncidentJson {
    id: String,
    title: String,
    severity: Option<String>,
    status: &'static str,
    ongoing: bool,
    commander: Option<String>,
    links: BTreeMap<String, String>,
    note: Option<String>,
    url: String,
}

/// Who holds a team's pager.
#[derive(Serialize)]
struct OnCallJson {
    team: Option<String>,
    person: Option<String>,
    since: Option<String>,
    next: Option<String>,
    next_since: Option<String>,
}

#[derive(Serialize)]
struct RiskRefJson {
    id: String,
    title: String,
    severity: Severity,
    owner: Option<String>,
    url: String,
}

#[derive(Serialize)]
struct BriefIndexJson {
    version: u32,
    briefs: Vec<BriefSummaryJson>,
}

#[derive(Serialize)]
struct BriefSummaryJson {
    date: String,
    url: String,
    json: String,
    wraps: usize,
    needs_attention: usize,
    decisions: usize,
    reading_minutes: usize,
}

#[derive(Serialize)]
struct BriefJson {
    version: u32,
    date: String,
    url: String,
    reading_minutes: usize,
    needs_attention: Vec<RiskEventJson>,
    closed: Vec<RiskEventJson>,
    decisions: Vec<BriefDecisionJson>,
    next: Vec<TeamNextJson>,
    /// Open at the day's end, unacknowledged first, then by receiver.
    asks: Vec<AskJson>,
    /// Acknowledgements written that day.
    acknowledged: Vec<AckJson>,
    /// Ongoing at the day's end, then resolved that day.
    incidents: Vec<IncidentJson>,
    on_call: Vec<OnCallJson>,
    wraps: Vec<WrapSummaryJson>,
}

#[derive(Serialize)]
struct RiskEventJson {
    id: String,
    title: String,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    owner: Option<String>,
    changes: Vec<String>,
    note: Option<String>,
    author: String,
    url: String,
    wrap_url: String,
}

#[derive(Serialize)]
struct BriefDecisionJson {
    id: String,
    title: String,
    why: String,
    status: DecisionStatus,
    new: bool,
    url: String,
}

#[derive(Serialize)]
struct TeamNextJson {
    team: Option<String>,
    items: Vec<NextItemJson>,
}

#[derive(Serialize)]
struct NextItemJson {
    text: String,
    author: String,
    wrap_url: String,
}

#[derive(Serialize)]
struct WrapSummaryJson {
    author: String,
    team: Option<String>,
    shift: Option<String>,
    /// RFC 3339 with the author's offset.
    time: String,
    summary: Option<String>,
    tags: Vec<String>,
    url: String,
}

#[derive(Serialize)]
struct DecisionsJson {
    version: u32,
    decisions: Vec<DecisionJson>,
}

#[derive(Serialize)]
struct DecisionJson {
    id: String,
    title: String,
    why: String,
    status: DecisionStatus,
    /// The status as its record writes it, when not simply `status`.
    status_as_written: Option<String>,
    /// A numbered record's number.
    number: Option<u32>,
    link: Option<String>,
    /// `None` for a record that gives no date.
    date: Option<String>,
    author: String,
    team: Option<String>,
    tags: Vec<String>,
    supersedes: Vec<String>,
    superseded_by: Vec<String>,
    amends: Vec<String>,
    amended_by: Vec<String>,
    related: Vec<RelatedJson>,
    deciders: Vec<String>,
    consulted: Vec<String>,
    informed: Vec<String>,
    mentioned_in: Vec<String>,
    url: String,
}

#[derive(Serialize)]
struct RelatedJson {
    /// As written by the record that states it (`Clarifies`).
    relation: String,
    id: String,
    /// `outgoing`: this decision states it of `id`; `incoming`: `id`
    /// states it of this one.
    direction: &'static str,
}

#[derive(Serialize)]
struct RisksJson {
    version: u32,
    today: String,
    stale_after_days: u32,
    risks: Vec<RiskJson>,
}

#[derive(Serialize)]
struct RiskJson {
    id: String,
    title: String,
    severity: Severity,
    status: RiskStatus,
    blocker: bool,
    stale: bool,
    owner: Option<String>,
    mitigation: Option<String>,
    team: Option<String>,
    raised_by: String,
    raised_on: String,
    last_touched_on: String,
    closed_on: Option<String>,
    age_days: i64,
    idle_days: i64,
    url: String,
    history: Vec<HistoryJson>,
}

#[derive(Serialize)]
struct HistoryJson {
    time: String,
    author: String,
    wrap_url: String,
    changes: Vec<String>,
    note: Option<String>,
    severity: Severity,
    status: RiskStatus,
    owner: Option<String>,
    blocker: bool,
}

/// Makes the API files and puts each to `to` as it is made.
pub(crate) fn put(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
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
                .rev()
                .map(|b| BriefSummaryJson {
                    date: format::iso_day(b.day),
                    url: pretty(&urls::brief(b.day)),
                    json: urls::in_api(&urls::api_brief(b.day)).to_string(),
                    wraps: b.wraps.len(),
                    needs_attention: b.attention.len(),
                    decisions: b.decisions.len(),
                    reading_minutes: b.reading_minutes,
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
    // Each day's file is put as soon as it is made, never all at once.
    ledger.briefs.par_iter().try_for_each(|b| {
        put(file(
            &urls::api_brief(b.day),
            &brief(ledger, lines, config, b, &pretty),
        ))
    })
}

fn file(path: &str, value: &impl Serialize) -> (String, Vec<u8>) {
    let mut bytes = serde_json::to_vec_pretty(value).expect("API views serialize");
    bytes.push(b'\n');
    (path.to_string(), bytes)
}

fn index(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    pretty: &dyn Fn(&str) -> String,
) -> IndexJson {
    let latest = ledger.latest_brief().map(|d| &ledger.briefs[d.0]);
    IndexJson {
        version: VERSION,
        today: format::iso_day(ledger.today),
        timezone: ledger.timezone.name().to_string(),
        latest_brief: ledger
            .latest_brief()
            .map(|d| format::iso_day(ledger.briefs[d.0].day)),
        files: vec![
            urls::in_api(urls::API_BRIEFS),
            "briefs/YYYY-MM-DD.json",
            urls::in_api(urls::API_DECISIONS),
            urls::in_api(urls::API_RISKS),
        ],
        open_blockers: ledger
            .needs_attention_now()
            .into_iter()
            .filter(|r| ledger.risk(*r).state.blocker)
            .map(|r| {
                let line = &lines.risks[r.0];
                RiskRefJson {
                    id: line.id.clone(),
                    title: line.title.clone(),
                    severity: line.severity,
                    owner: line.owner.clone(),
                    url: pretty(&line.url),
                }
            })
            .collect(),
        ongoing_incidents: latest
            .map(|b| incidents(b, ledger, lines, pretty, true))
            .unwrap_or_default(),
        on_call: latest
            .map(|b| on_call(b, ledger, lines, config))
            .unwrap_or_default(),
        asks: latest
            .map(|b| asks(b, ledger, lines, pretty))
            .unwrap_or_default(),
    }
}

fn asks(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<AskJson> {
    brief
        .handover
        .open
        .iter()
        .map(|open| {
            let view = item_view(ledger, lines, open, brief.last_moment());
            AskJson {
                id: view.id.to_string(),
                what: view.what.to_string(),
                to_kind: view.to.kind,
                to: view.to.key,
                to_name: view.to.label,
                status: view.status,
                taken_by: view.taken_by.map(str::to_string),
                unacknowledged: view.unacknowledged,
                age_days: view.age_days,
                due: view.due,
                author: view.from.author.to_string(),
                url: format!("{}#{}", pretty(view.from.url), item_anchor(view.id)),
            }
        })
        .collect()
}

fn incidents(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
    ongoing_only: bool,
) -> Vec<IncidentJson> {
    brief
        .incidents
        .iter()
        .filter(|i| !ongoing_only || i.state.status.is_ongoing())
        .map(|i| {
            let view = incident_view(ledger, lines, i.incident, &i.state, brief.last_moment());
            IncidentJson {
                id: view.id.to_string(),
                title: view.title.to_string(),
                severity: view.severity.map(str::to_string),
                status: view.status,
                ongoing: view.ongoing,
                commander: view.commander.map(str::to_string),
                links: view
                    .links
                    .iter()
                    .map(|l| (l.label.to_string(), l.url.to_string()))
                    .collect(),
                note: view.note.map(str::to_string),
                url: pretty(&view.url),
            }
        })
        .collect()
}

fn on_call(brief: &Brief, ledger: &Ledger, lines: &Lines, config: &Config) -> Vec<OnCallJson> {
    on_call_views(ledger, lines, config, &brief.on_call)
        .into_iter()
        .map(|o| OnCallJson {
            team: o.team.map(|t| t.id),
            person: o.now.as_ref().map(|t| t.person.to_string()),
            since: o.now.map(|t| t.datetime),
            next: o.next.as_ref().map(|t| t.person.to_string()),
            next_since: o.next.map(|t| t.datetime),
        })
        .collect()
}

fn brief(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    brief: &Brief,
    pretty: &dyn Fn(&str) -> String,
) -> BriefJson {
    let event = |t: &RiskTouch| {
        let touch = &ledger.risk(t.risk).history[t.touch];
        let line = &lines.risks[t.risk.0];
        RiskEventJson {
            id: line.id.clone(),
            title: touch.after.title.clone(),
            severity: touch.after.severity,
            status: touch.after.status,
            blocker: touch.after.blocker,
            owner: touch.after.owner.as_ref().map(|o| o.name.clone()),
            changes: describe_changes(touch),
            note: touch.note.clone(),
            author: ledger.wrap(touch.wrap).author().to_string(),
            url: pretty(&line.url),
            wrap_url: pretty(&lines.wraps[touch.wrap.0].url),
        }
    };
    BriefJson {
        version: VERSION,
        date: format::iso_day(brief.day),
        url: pretty(&urls::brief(brief.day)),
        reading_minutes: brief.reading_minutes,
        needs_attention: brief.attention.iter().map(event).collect(),
        closed: brief.closed.iter().map(event).collect(),
        decisions: brief
            .decisions
            .iter()
            .map(|d| {
                let line = &lines.decisions[d.decision.0];
                BriefDecisionJson {
                    id: line.id.clone(),
                    title: line.title.clone(),
                    why: line.why.clone(),
                    status: line.status,
                    new: d.new,
                    url: pretty(&line.url),
                }
            })
            .collect(),
        next: next_by_team(brief, ledger, lines),
        asks: asks(brief, ledger, lines, pretty),
        acknowledged: brief
            .handover
            .acknowledged
            .iter()
            .map(|&(item, event)| {
                let ack = ack_view(ledger, lines, item, event);
                AckJson {
                    id: ack.id.to_string(),
                    what: ack.what.to_string(),
                    verb: ack.verb,
                    words: ack.words,
                    note: ack.note.map(str::to_string),
                    by: ack.by.author.to_string(),
                    wrap_url: pretty(ack.by.url),
                }
            })
            .collect(),
        incidents: incidents(brief, ledger, lines, pretty, false),
        on_call: on_call(brief, ledger, lines, config),
        wraps: brief
            .wraps
            .iter()
            .map(|w| {
                let line = &lines.wraps[w.0];
                WrapSummaryJson {
                    author: line.author.clone(),
                    team: line.team.as_ref().map(|t| t.id.clone()),
                    shift: line.shift.clone(),
                    time: line.datetime.clone(),
                    summary: line.summary.clone(),
                    tags: line.tags.iter().map(|t| t.name.clone()).collect(),
                    url: pretty(&line.url),
                }
            })
            .collect(),
    }
}

fn decisions(ledger: &Ledger, lines: &Lines, pretty: &dyn Fn(&str) -> String) -> DecisionsJson {
    let ids = |list: &[crate::ledger::DecisionIdx]| {
        list.iter()
            .map(|d| ledger.decision(*d).id.to_string())
            .collect()
    };
    DecisionsJson {
        version: VERSION,
        decisions: ledger
            .decisions
            .iter()
            .zip(&lines.decisions)
            .map(|(d, line)| {
                let details = d.record.map(|r| &ledger.records[r].details);
                let names = |people: fn(&RecordDetails) -> &Vec<PersonRef>| -> Vec<String> {
                    details.map_or_else(Vec::new, |x| {
                        people(x).iter().map(|p| p.name.clone()).collect()
                    })
                };
                DecisionJson {
                    id: line.id.clone(),
                    title: line.title.clone(),
                    why: line.why.clone(),
                    status: line.status,
                    status_as_written: line.status_label.clone(),
                    number: d.number,
                    link: line.link.clone(),
                    date: Some(line.date.clone()).filter(|date| !date.is_empty()),
                    author: line.author.clone(),
                    team: line.team.as_ref().map(|t| t.id.clone()),
                    tags: line.tags.iter().map(|t| t.name.clone()).collect(),
                    supersedes: ids(&d.supersedes),
                    superseded_by: ids(&d.superseded_by),
                    amends: ids(&d.amends),
                    amended_by: ids(&d.amended_by),
                    related: d
                        .related
                        .iter()
                        .map(|r| RelatedJson {
                            relation: r.verb.clone(),
                            id: ledger.decision(r.other).id.to_string(),
                            direction: if r.outgoing { "outgoing" } else { "incoming" },
                        })
                        .collect(),
                    deciders: names(|x| &x.deciders),
                    consulted: names(|x| &x.consulted),
                    informed: names(|x| &x.informed),
                    mentioned_in: d
                        .mentions
                        .iter()
                        .map(|m| pretty(&lines.wraps[m.wrap.0].url))
                        .collect(),
                    url: pretty(&line.url),
                }
            })
            .collect(),
    }
}

fn risks(
    ledger: &Ledger,
    lines: &Lines,
    stale_after_days: u32,
    pretty: &dyn Fn(&str) -> String,
) -> RisksJson {
    RisksJson {
        version: VERSION,
        today: format::iso_day(ledger.today),
        stale_after_days,
        risks: ledger
            .risks
            .iter()
            .zip(&lines.risks)
            .map(|(risk, line)| RiskJson {
                id: line.id.clone(),
                title: line.title.clone(),
                severity: line.severity,
                status: line.status,
                blocker: line.blocker,
                stale: line.stale,
                owner: line.owner.clone(),
                mitigation: line.mitigation.clone(),
                team: line.team.as_ref().map(|t| t.id.clone()),
                raised_by: line.raised_by.clone(),
                raised_on: line.raised_on.clone(),
                last_touched_on: line.last_touched_on.clone(),
                closed_on: line.closed_on.clone(),
                age_days: line.age_days,
                idle_days: line.idle_days,
                url: pretty(&line.url),
                history: risk
                    .history
                    .iter()
                    .map(|touch| HistoryJson {
                        time: ledger.wrap(touch.wrap).at().to_rfc3339(),
                        author: ledger.wrap(touch.wrap).author().to_string(),
                        wrap_url: pretty(&lines.wraps[touch.wrap.0].url),
                        changes: describe_changes(touch),
                        note: touch.note.clone(),
                        severity: touch.after.severity,
                        status: touch.after.status,
                        owner: touch.after.owner.as_ref().map(|o| o.name.clone()),
                        blocker: touch.after.blocker,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The asks open at the end of a brief's day, grouped by the team they are
/// for (asks for a person or everyone under no team).
fn next_by_team(brief: &Brief, ledger: &Ledger, lines: &Lines) -> Vec<TeamNextJson> {
    let mut groups: Vec<TeamNextJson> = Vec::new();
    for open in &brief.handover.open {
        let item = ledger.handover.item(open.item);
        let team = match &open.state.receiver {
            Receiver::Team(team) => Some(team.to_string()),
            _ => None,
        };
        let json = NextItemJson {
            text: item.what.clone(),
            author: ledger.wrap(item.wrap).wrap.author_name.clone(),
            wrap_url: urls::pretty(&lines.wraps[item.wrap.0].url).to_string(),
        };
        match groups.iter_mut().find(|g| g.team == team) {
            Some(group) => group.items.push(json),
            None => groups.push(TeamNextJson {
                team,
                items: vec![json],
            }),
        }
    }
    groups.sort_by_key(|g| (g.team.is_none(), g.team.clone()));
    groups
}
