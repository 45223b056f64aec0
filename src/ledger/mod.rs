//! The ledger: the cross-wrap model of a site. Briefs by day, the decision
//! registry, the risk register with history, teams and tags. Pure data: no
//! I/O, no HTML, no wall clock.

pub(crate) mod brief;
pub(crate) mod decision;
pub(crate) mod handover;
pub(crate) mod health;
pub(crate) mod incident;
mod names;
pub(crate) mod pager;
pub(crate) mod risk;
pub(crate) mod taxonomy;
#[cfg(test)]
mod testing;
mod timeline;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::config::Config;
use crate::content::{Content, DecisionRecord, Wrap};
use crate::diagnostics::Diagnostics;
use crate::ids::PersonKey;
pub(crate) use brief::Brief;
pub(crate) use decision::Decision;
pub(crate) use handover::Handover;
#[doc(hidden)]
pub use handover::ids::{Assigned, assign_ids};
pub(crate) use health::Health;
pub(crate) use incident::{Incident, IncidentIdx};
pub(crate) use names::Names;
pub(crate) use pager::Rota;
pub(crate) use risk::Risk;
pub(crate) use taxonomy::{TagIndex, TeamIndex};
pub(crate) use timeline::end_of as end_of_day;

/// Index of a published wrap in [`Ledger::wraps`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct WrapIdx(pub usize);
/// Index of a decision in [`Ledger::decisions`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct DecisionIdx(pub usize);
/// Index of a risk in [`Ledger::risks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct RiskIdx(pub usize);
/// Index of a day in [`Ledger::briefs`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct DayIdx(pub usize);

/// When "now" is for the build: ages, staleness, lapses and who is on
/// call are all taken at this one instant. Never the wall clock: the same
/// inputs give the same site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AsOf {
    /// The end of the newest wrap's day.
    #[default]
    NewestWrap,
    /// The end of a calendar day in the site time zone (`--as-of 2026-11-20`).
    Day(NaiveDate),
    /// A wall time in the site time zone (`--as-of 2026-11-23T05:00`).
    LocalTime(NaiveDateTime),
    /// An instant (`SOURCE_DATE_EPOCH`, `--as-of 2026-11-20T09:00:00Z`).
    Instant(DateTime<Utc>),
}

/// A published wrap, placed on the site's timeline.
#[derive(Debug, Clone)]
pub(crate) struct WrapRecord {
    pub wrap: Arc<Wrap>,
    /// `2026-11-20/ana-1742`: its URL path under `wraps/`.
    pub slug: String,
    /// The day of the brief it belongs to, in the site time zone.
    pub day: NaiveDate,
    /// Its time in the site time zone.
    pub site_time: DateTime<Tz>,
    /// Decisions this wrap records or restates.
    pub decisions: Vec<DecisionIdx>,
    /// Risks this wrap raises or updates.
    pub risks: Vec<RiskIdx>,
    /// Incidents this wrap opens or updates.
    pub incidents: Vec<IncidentIdx>,
    /// The asks this wrap hands over, in the order written.
    pub items: Vec<handover::ItemIdx>,
}

impl WrapRecord {
    pub(crate) fn author(&self) -> &PersonKey {
        &self.wrap.author
    }

    pub(crate) fn at(&self) -> DateTime<FixedOffset> {
        self.wrap.at
    }
}

/// The whole cross-wrap model.
#[derive(Debug, Clone)]
pub(crate) struct Ledger {
    /// The build's "now" (see [`AsOf`]).
    pub now: handover::Moment,
    /// The day of `now` in the site time zone: ages and staleness are
    /// counted to it.
    pub today: NaiveDate,
    /// Where every ask stands `now`, in item order.
    pub asks_now: Vec<handover::ItemAsOf>,
    /// The latest brief carried on to `now`: its day's news, with the
    /// incidents, on call and asks as they stand now. What the home page,
    /// the API's index and `standin brief` show.
    pub standing: Option<Brief>,
    pub timezone: Tz,
    /// Published wraps (no drafts, no untouched scaffolds), oldest first.
    pub wraps: Vec<WrapRecord>,
    /// One brief per day that has wraps, oldest first.
    pub briefs: Vec<Brief>,
    /// Decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// Long-form decision records, by [`Decision::record`].
    pub records: Vec<Arc<DecisionRecord>>,
    /// Risks, in the order they were raised.
    pub risks: Vec<Risk>,
    /// Incidents, in the order they were opened.
    pub incidents: Vec<Incident>,
    /// Every ask handed over, and what became of it.
    pub handover: Handover,
    /// Who held each team's pager when.
    pub rota: Rota,
    pub teams: Vec<TeamIndex>,
    pub tags: Vec<TagIndex>,
    /// How pages name people and teams.
    pub names: Names,
    /// How the handover went over the last weeks.
    pub health: Health,
}

/// The registers read from the wraps alone, besides the asks.
struct Registers {
    names: Names,
    decisions: Vec<Decision>,
    risks: Vec<Risk>,
    incidents: Vec<Incident>,
    rota: Rota,
}

/// The registers and the asks, read from the wraps: asks on one core, the
/// rest on the other. Each wrap learns what it touched after.
fn read_wraps(
    config: &Config,
    wraps: &mut [WrapRecord],
    records: &[Arc<DecisionRecord>],
    today: NaiveDate,
    complete: bool,
    d: &mut Diagnostics,
) -> (Registers, Handover) {
    let wraps_read: &[WrapRecord] = wraps;
    let (registers, (handover, handover_d)) = rayon::join(
        || {
            let mut d = Diagnostics::new();
            let names = Names::build(config, wraps_read);
            let decisions = decision::build(wraps_read, records, complete, &mut d);
            let risks = risk::build(
                wraps_read,
                today,
                config.risks.stale_after_days,
                complete,
                &mut d,
            );
            let incidents = incident::build(wraps_read, complete, &mut d);
            let rota = Rota::build(wraps_read);
            (names, decisions, risks, incidents, rota, d)
        },
        || {
            let mut d = Diagnostics::new();
            (Handover::build(config, wraps_read, complete, &mut d), d)
        },
    );
    let (names, (decisions, recorded), (risks, risks_by_wrap), incidents, rota, registers_d) =
        registers;
    let (incidents, incidents_by_wrap) = incidents;
    d.extend(registers_d);
    d.extend(handover_d);
    for (wrap, decision) in recorded {
        wraps[wrap.0].decisions.push(decision);
    }
    for ((record, risks), incidents) in wraps.iter_mut().zip(risks_by_wrap).zip(incidents_by_wrap) {
        record.risks = risks;
        record.incidents = incidents;
    }
    for (i, item) in handover.items.iter().enumerate() {
        wraps[item.wrap.0].items.push(handover::ItemIdx(i));
    }
    let registers = Registers {
        names,
        decisions,
        risks,
        incidents,
        rota,
    };
    (registers, handover)
}

/// The briefs, day by day, and the teams and tags, on a core each.
fn briefs_and_taxonomy(sources: &brief::Sources) -> (Vec<Brief>, (Vec<TeamIndex>, Vec<TagIndex>)) {
    let config = sources.config;
    rayon::join(
        || brief::build(sources),
        || {
            (
                taxonomy::teams(
                    config,
                    sources.names,
                    sources.wraps,
                    sources.decisions,
                    sources.risks,
                ),
                taxonomy::tags(sources.wraps, sources.decisions),
            )
        },
    )
}

/// How the handover went over the last weeks, from the registers the briefs
/// were built from, the briefs and the teams.
fn health_of(
    sources: &brief::Sources,
    now: handover::Moment,
    briefs: &[Brief],
    standing: Option<&Brief>,
    teams: &[TeamIndex],
) -> Health {
    Health::build(&health::Sources {
        config: sources.config,
        now,
        wraps: sources.wraps,
        shifts: sources.shifts,
        handover: sources.handover,
        briefs,
        standing,
        risks: sources.risks,
        incidents: sources.incidents,
        decisions: sources.decisions,
        teams,
    })
}

impl Ledger {
    /// Builds the ledger from parsed content. Cross-file problems (unknown
    /// ids, conflicts, cycles) go to `d`.
    pub(crate) fn build(
        config: &Config,
        content: Content,
        as_of: AsOf,
        d: &mut Diagnostics,
    ) -> Ledger {
        let Content {
            wraps,
            records,
            complete,
        } = content;
        let mut wraps = timeline::place(wraps, config.timezone, d);
        let now = timeline::now(&wraps, as_of, config.timezone);
        let today = now.day;
        timeline::warn_future(&wraps, today, d);
        let (registers, handover) = read_wraps(config, &mut wraps, &records, today, complete, d);
        let Registers {
            names,
            decisions,
            risks,
            incidents,
            rota,
        } = registers;
        let shifts = handover::Shifts::new(&wraps);
        let asks_now = handover.now(&wraps, &shifts, now, config);
        let sources = brief::Sources {
            wraps: &wraps,
            decisions: &decisions,
            risks: &risks,
            incidents: &incidents,
            handover: &handover,
            shifts: &shifts,
            rota: &rota,
            config,
            names: &names,
        };
        let (briefs, (teams, tags)) = briefs_and_taxonomy(&sources);
        let standing = brief::standing(&briefs, &sources, &asks_now, now);
        let health = health_of(&sources, now, &briefs, standing.as_ref(), &teams);
        Ledger {
            now,
            today,
            asks_now,
            standing,
            timezone: config.timezone,
            wraps,
            briefs,
            decisions,
            records,
            risks,
            incidents,
            handover,
            rota,
            teams,
            tags,
            names,
            health,
        }
    }

    pub(crate) fn wrap(&self, idx: WrapIdx) -> &WrapRecord {
        &self.wraps[idx.0]
    }

    pub(crate) fn decision(&self, idx: DecisionIdx) -> &Decision {
        &self.decisions[idx.0]
    }

    /// The asks a brief's day kept as open at its end, as they stood then.
    pub(crate) fn open_asks(&self, brief: &Brief) -> Vec<handover::ItemAsOf> {
        self.handover
            .open_on(&self.wraps, &brief.handover.open, brief.as_of)
    }

    pub(crate) fn risk(&self, idx: RiskIdx) -> &Risk {
        &self.risks[idx.0]
    }

    /// The brief the home page shows: today's, else the latest before
    /// today, else the earliest (when every wrap is after `--as-of`).
    pub(crate) fn latest_brief(&self) -> Option<DayIdx> {
        brief::latest(&self.briefs, self.today).map(DayIdx)
    }

    /// Active risks that block work or are high or critical, in the
    /// register's order: what the home page puts first.
    pub(crate) fn needs_attention_now(&self) -> Vec<RiskIdx> {
        let risks: Vec<RiskIdx> = (0..self.risks.len())
            .map(RiskIdx)
            .filter(|&i| {
                let r = self.risk(i);
                r.state.status.is_active()
                    && (r.state.blocker || r.state.severity >= crate::content::risk::Severity::High)
            })
            .collect();
        self.in_register_order(&risks)
    }

    /// Risks that blocked work or were high or critical at `at`, as the
    /// wraps written by then left them: blockers first, then the worst,
    /// then the oldest. What a brief of a past day leads with.
    pub(crate) fn needs_attention_at(
        &self,
        at: DateTime<FixedOffset>,
    ) -> Vec<(RiskIdx, &risk::RiskState)> {
        let mut risks: Vec<(RiskIdx, &risk::RiskState)> = self
            .risks
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.state_at(&self.wraps, at).map(|s| (RiskIdx(i), s)))
            .filter(|(_, s)| {
                s.status.is_active()
                    && (s.blocker || s.severity >= crate::content::risk::Severity::High)
            })
            .collect();
        risks.sort_by(|(a, sa), (b, sb)| {
            sb.blocker
                .cmp(&sa.blocker)
                .then(sb.severity.cmp(&sa.severity))
                .then(self.risk(*a).raised_on.cmp(&self.risk(*b).raised_on))
                .then_with(|| self.risk(*a).id.cmp(&self.risk(*b).id))
        });
        risks
    }

    /// `risks` in the register's order: active ones first, worst and
    /// oldest first, then closed ones (see [`risk::register_order`]).
    pub(crate) fn in_register_order(&self, risks: &[RiskIdx]) -> Vec<RiskIdx> {
        let mut risks = risks.to_vec();
        risks.sort_by(|&a, &b| risk::register_order(self.risk(a), self.risk(b)));
        risks
    }
}
