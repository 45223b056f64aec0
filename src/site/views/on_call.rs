//! How the site shows who holds each team's pager, and who is next.

use serde::Serialize;

use crate::config::Config;
use crate::content::shift_state::ShiftState;
use crate::ledger::pager::{OnCall, PagerTurn};
use crate::ledger::{Brief, Ledger};
use crate::site::format;
use crate::site::summaries::{Lines, TeamRef, team_ref};
use crate::site::wording::{WrapRef, wrap_ref};

/// Who holds a team's pager.
#[derive(Debug, Serialize)]
pub(crate) struct OnCallView<'a> {
    pub team: Option<TeamRef>,
    /// The team's name, or `No team`.
    pub label: String,
    pub now: Option<TurnView<'a>>,
    pub next: Option<TurnView<'a>>,
}

/// One hand-over of the pager.
#[derive(Debug, Serialize)]
pub(crate) struct TurnView<'a> {
    pub person: &'a str,
    /// `Sat 21 Nov 08:00 CET`, in the team's zone.
    pub since: String,
    pub datetime: String,
    pub wrap: WrapRef<'a>,
}

/// The view of every team's pager.
pub(crate) fn on_call_views<'a>(
    ledger: &'a Ledger,
    lines: &'a Lines,
    config: &Config,
    on_call: &'a [OnCall],
) -> Vec<OnCallView<'a>> {
    on_call
        .iter()
        .map(|o| {
            let zone = config.zone_of(o.team.as_ref());
            let turn = |t: &'a PagerTurn| TurnView {
                person: &t.person.name,
                since: format!(
                    "{} {}",
                    t.since.with_timezone(&zone).format("%a %-d %b"),
                    format::site_time(&t.since.with_timezone(&zone))
                ),
                datetime: format::rfc3339(t.since),
                wrap: wrap_ref(lines, t.wrap),
            };
            OnCallView {
                team: o.team.as_ref().map(|t| team_ref(t, ledger.names.team(t))),
                label: o
                    .team
                    .as_ref()
                    .map_or("No team".to_string(), |t| ledger.names.team(t).to_string()),
                now: o.now.as_ref().map(turn),
                next: o.next.as_ref().map(turn),
            }
        })
        .collect()
}

/// How a team said things stand (`state` in its wraps): the worst state
/// its wraps of the day gave. The brief page and `api/briefs/*.json` both
/// serialise it.
#[derive(Debug, Serialize)]
pub(crate) struct StateView {
    /// The team's key; `None` for wraps of no team.
    pub team: Option<String>,
    /// The team's name, or `No team`.
    pub team_name: String,
    pub state: ShiftState,
}

/// The view of how each team said things stand on `brief`'s day.
pub(crate) fn state_views(ledger: &Ledger, brief: &Brief) -> Vec<StateView> {
    brief
        .states
        .iter()
        .map(|(team, state)| StateView {
            team: team.as_ref().map(ToString::to_string),
            team_name: team
                .as_ref()
                .map_or("No team".to_string(), |t| ledger.names.team(t).to_string()),
            state: *state,
        })
        .collect()
}
