//! The view of each API file but the list of briefs: `index.json`, a
//! day's `briefs/YYYY-MM-DD.json`, `decisions.json` and `risks.json`.

use super::VERSION;
use super::day_end::{asks, incidents, lapsed, next_by_team, on_call, open_asks};
use super::views::{
    AckJson, BriefDecisionJson, BriefJson, DecisionJson, DecisionsJson, HistoryJson, IndexJson,
    RelatedJson, RiskEventJson, RiskJson, RiskRefJson, RisksJson, WrapSummaryJson,
};
use crate::config::{Config, PersonRef};
use crate::content::decision_record::other_tools::RecordDetails;
use crate::ledger::brief::RiskTouch;
use crate::ledger::{Brief, Ledger};
use crate::site::format;
use crate::site::summaries::Lines;
use crate::site::urls;
use crate::site::views::{ack_view, state_views};
use crate::site::wording::describe_changes;

pub(super) fn index(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    pretty: &dyn Fn(&str) -> String,
) -> IndexJson {
    let latest = ledger.standing.as_ref();
    IndexJson {
        version: VERSION,
        today: format::iso_day(ledger.today),
        now: format::rfc3339(ledger.now.at),
        timezone: ledger.timezone.name().to_string(),
        latest_brief: ledger
            .latest_brief()
            .map(|d| format::iso_day(ledger.briefs[d.0].day)),
        files: vec![
            urls::in_api(urls::API_BRIEFS),
            "briefs/YYYY-MM-DD.json",
            urls::in_api(urls::API_DECISIONS),
            urls::in_api(urls::API_RISKS),
            urls::in_api(urls::API_ASKS),
            "asks/YYYY.json",
            urls::in_api(urls::API_HEALTH),
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

pub(super) fn brief(
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
    brief: &Brief,
    reading_minutes: usize,
    pretty: &dyn Fn(&str) -> String,
) -> BriefJson {
    BriefJson {
        version: VERSION,
        date: format::iso_day(brief.day),
        url: pretty(&urls::brief(brief.day)),
        reading_minutes,
        needs_attention: risk_events(&brief.attention, ledger, lines, pretty),
        closed: risk_events(&brief.closed, ledger, lines, pretty),
        decisions: brief_decisions(brief, lines, pretty),
        next: next_by_team(brief, ledger, lines),
        asks: asks(brief, ledger, lines, pretty),
        open_asks: open_asks(brief, ledger),
        written: brief
            .handover
            .written
            .iter()
            .map(|&i| ledger.handover.item(i).id.to_string())
            .collect(),
        lapsed: lapsed(brief, ledger, lines, pretty),
        acknowledged: acknowledged(brief, ledger, lines, pretty),
        incidents: incidents(brief, ledger, lines, pretty, false),
        on_call: on_call(brief, ledger, lines, config),
        states: state_views(ledger, brief),
        wraps: wrap_summaries(brief, lines, pretty),
    }
}

/// Risks as the day's `touches` left them.
fn risk_events(
    touches: &[RiskTouch],
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<RiskEventJson> {
    touches
        .iter()
        .map(|t| {
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
        })
        .collect()
}

/// The decisions made or restated on the day.
fn brief_decisions(
    brief: &Brief,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<BriefDecisionJson> {
    brief
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
        .collect()
}

/// The asks acknowledged on the day, and how.
fn acknowledged(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<AckJson> {
    brief
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
        .collect()
}

/// The day's wraps, each in a line.
fn wrap_summaries(
    brief: &Brief,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<WrapSummaryJson> {
    brief
        .wraps
        .iter()
        .map(|w| WrapSummaryJson::of(&lines.wraps[w.0], pretty))
        .collect()
}

pub(super) fn decisions(
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> DecisionsJson {
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

pub(super) fn risks(
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
