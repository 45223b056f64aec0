//! A team's own handover, as its page leads with it: who holds its pager
//! now and next, its ongoing incidents, and the asks waiting for it and
//! its people (unacknowledged first), all as of the build's "now".

use ahash::AHashSet;
use serde::Serialize;

use super::RenderContext;
use crate::ids::{PersonKey, TeamId};
use crate::ledger::TeamIndex;
use crate::ledger::handover::{ItemAsOf, ItemStatus, Receiver};
use crate::site::views::{
    IncidentView, ItemView, OnCallView, incident_view, item_view, on_call_views,
};

/// How many asks a team's page lists; the register has the rest.
const ASKS_SHOWN: usize = 10;

/// What stands for one team now.
#[derive(Serialize)]
pub(super) struct TeamNow<'a> {
    pub on_call: Vec<OnCallView<'a>>,
    pub incidents: Vec<IncidentView<'a>>,
    /// Open or in hand for the team, its people, or its part of an ask to
    /// everyone: unacknowledged first, then waiting, then in hand; newest
    /// first in each.
    pub asks: Vec<ItemView<'a>>,
    /// How many there are in all, and how many nobody picked up.
    pub asks_live: usize,
    pub asks_unacknowledged: usize,
}

/// The handover of `team` as of the build's "now".
pub(super) fn team_now<'a>(cx: &RenderContext<'a>, team: &TeamIndex) -> TeamNow<'a> {
    let ledger = cx.ledger;
    let Some(standing) = &ledger.standing else {
        return TeamNow {
            on_call: Vec::new(),
            incidents: Vec::new(),
            asks: Vec::new(),
            asks_live: 0,
            asks_unacknowledged: 0,
        };
    };
    let at = standing.last_moment();
    let incidents = standing
        .incidents
        .iter()
        .filter(|i| i.state.status.is_ongoing())
        .filter(|i| ledger.incidents[i.incident.0].team.as_ref() == Some(&team.id))
        .map(|i| incident_view(ledger, cx.lines, i.incident, &i.state, at))
        .collect();
    let people = people_of(cx, team);
    let mut waiting: Vec<&ItemAsOf> = ledger
        .asks_now
        .iter()
        .filter(|o| o.state.status.is_live() && waits_for(o, &team.id, &people))
        .collect();
    let asks_unacknowledged = waiting.iter().filter(|o| o.unacknowledged).count();
    let asks_live = waiting.len();
    waiting.sort_by_key(|o| {
        let kind = match (o.unacknowledged, &o.state.status) {
            (true, _) => 0,
            (false, ItemStatus::Open) => 1,
            _ => 2,
        };
        (kind, o.age_days, std::cmp::Reverse(o.item))
    });
    TeamNow {
        on_call: on_call_views(ledger, cx.lines, cx.config, &standing.on_call)
            .into_iter()
            .filter(|o| o.team.as_ref().is_some_and(|t| t.id == team.id.as_str()))
            .collect(),
        incidents,
        asks: waiting
            .into_iter()
            .take(ASKS_SHOWN)
            .map(|o| item_view(ledger, cx.lines, o, at))
            .collect(),
        asks_live,
        asks_unacknowledged,
    }
}

/// The people of `team`: listed in `[people]` with it, or whose latest
/// wrap was written for it.
fn people_of(cx: &RenderContext, team: &TeamIndex) -> AHashSet<PersonKey> {
    let mut people: AHashSet<PersonKey> = cx
        .config
        .people
        .listed
        .iter()
        .filter(|(_, p)| p.team.as_ref() == Some(&team.id))
        .map(|(key, _)| key.clone())
        .collect();
    let mut seen: AHashSet<&PersonKey> = AHashSet::new();
    for record in cx.ledger.wraps.iter().rev() {
        let author = record.author();
        if seen.insert(author) && record.wrap.team.as_ref() == Some(&team.id) {
            people.insert(author.clone());
        }
    }
    people
}

/// Whether a live ask waits for `team` or one of its `people`.
fn waits_for(o: &ItemAsOf, team: &TeamId, people: &AHashSet<PersonKey>) -> bool {
    let mine = |receiver: &Receiver| match receiver {
        Receiver::Team(t) => t == team,
        Receiver::Person(p) => people.contains(p),
        Receiver::Everyone => false,
    };
    if o.state.parts.is_empty() {
        return mine(&o.state.receiver);
    }
    // Its part of an ask to everyone, while that part is open or in hand.
    o.state
        .parts
        .iter()
        .any(|p| p.status.is_live() && mine(&p.to))
}
