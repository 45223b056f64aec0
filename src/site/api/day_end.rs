//! The handover state a brief's day ends with, as API views: open asks,
//! incidents, who holds each pager, and next items by team.

use super::views::{
    AskJson, IncidentJson, LapsedJson, NextItemJson, OnCallJson, OpenCountJson, TeamNextJson,
};
use crate::config::Config;
use crate::ledger::handover::Receiver;
use crate::ledger::{Brief, Ledger};
use crate::site::format;
use crate::site::summaries::Lines;
use crate::site::urls;
use crate::site::views::{incident_view, item_anchor, item_view, on_call_views, receiver_ref};

pub(super) fn asks(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<AskJson> {
    ledger
        .open_asks(brief)
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
                taken_by: view.taken_by,
                unacknowledged: view.unacknowledged,
                age_days: view.age_days,
                due: view.due,
                author: view.from.author.to_string(),
                url: format!("{}#{}", pretty(view.from.url), item_anchor(view.id)),
            }
        })
        .collect()
}

/// How many asks each receiver had open or in hand at the day's end.
pub(super) fn open_asks(brief: &Brief, ledger: &Ledger) -> Vec<OpenCountJson> {
    brief
        .handover
        .counts
        .iter()
        .map(|c| {
            let to = receiver_ref(ledger, &c.receiver);
            OpenCountJson {
                to_kind: to.kind,
                to: to.key,
                to_name: to.label,
                unacknowledged: c.unacknowledged,
                waiting: c.waiting,
                in_hand: c.in_hand,
            }
        })
        .collect()
}

/// The asks that lapsed since the previous brief's day.
pub(super) fn lapsed(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    pretty: &dyn Fn(&str) -> String,
) -> Vec<LapsedJson> {
    brief
        .handover
        .lapsed
        .iter()
        .map(|&(idx, on)| {
            let item = ledger.handover.item(idx);
            let to = receiver_ref(ledger, &ledger.asks_now[idx.0].state.receiver);
            LapsedJson {
                id: item.id.to_string(),
                what: item.what(&ledger.wraps).to_string(),
                to_kind: to.kind,
                to: to.key,
                to_name: to.label,
                lapsed_on: format::iso_day(on),
                author: ledger.wrap(item.wrap).wrap.author_name.clone(),
                url: format!(
                    "{}#{}",
                    pretty(&lines.wraps[item.wrap.0].url),
                    item_anchor(item.id.as_str())
                ),
            }
        })
        .collect()
}

pub(super) fn incidents(
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

pub(super) fn on_call(
    brief: &Brief,
    ledger: &Ledger,
    lines: &Lines,
    config: &Config,
) -> Vec<OnCallJson> {
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

/// The asks open at the end of a brief's day, grouped by the team they are
/// for (asks for a person or everyone under no team).
pub(super) fn next_by_team(brief: &Brief, ledger: &Ledger, lines: &Lines) -> Vec<TeamNextJson> {
    let mut groups: Vec<TeamNextJson> = Vec::new();
    for open in &ledger.open_asks(brief) {
        let item = ledger.handover.item(open.item);
        let team = match &open.state.receiver {
            Receiver::Team(team) => Some(team.to_string()),
            _ => None,
        };
        let json = NextItemJson {
            text: item.what(&ledger.wraps).to_string(),
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
