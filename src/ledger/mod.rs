//! The ledger: the cross-wrap model of a site. Briefs by day, the decision
//! registry, the risk register with history, teams and tags. Pure data: no
//! I/O, no HTML, no wall clock.

pub(crate) mod brief;
pub(crate) mod decision;
pub(crate) mod handover;
pub(crate) mod incident;
mod names;
pub(crate) mod pager;
pub(crate) mod risk;
pub(crate) mod taxonomy;
#[cfg(test)]
mod testing;
mod timeline;

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
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
pub(crate) use incident::{Incident, IncidentIdx};
pub(crate) use names::Names;
pub(crate) use pager::Rota;
pub(crate) use risk::Risk;
pub(crate) use taxonomy::{TagIndex, TeamIndex};

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

/// Which day counts as "today" for ages and staleness. Never the wall
/// clock: the same inputs give the same site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AsOf {
    /// The day of the newest wrap.
    #[default]
    NewestWrap,
    /// A calendar day in the site time zone (`--as-of 2026-11-20`).
    Day(NaiveDate),
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
    /// "Today": ages and staleness are counted to this day.
    pub today: NaiveDate,
    /// Where every ask stands at the end of `today`, in item order.
    pub asks_now: Vec<handover::ItemAsOf>,
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
}

/// The last instant of `today` in `zone`: what "now" is for the
/// registers.
fn now(today: NaiveDate, zone: Tz) -> handover::Moment {
    let next = today.succ_opt().unwrap_or(today);
    handover::Moment {
        at: brief::day_start(next, zone) - chrono::Duration::nanoseconds(1),
        day: today,
    }
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
        let today = timeline::today(&wraps, as_of, config.timezone);
        timeline::warn_future(&wraps, today, d);

        // What follows reads the wraps and nothing else: asks on one core,
        // the rest on the other. Each wrap learns what it touched after.
        let (registers, (handover, handover_d)) = rayon::join(
            || {
                let mut d = Diagnostics::new();
                let names = Names::build(config, &wraps);
                let decisions = decision::build(&wraps, &records, complete, &mut d);
                let risks = risk::build(
                    &wraps,
                    today,
                    config.risks.stale_after_days,
                    complete,
                    &mut d,
                );
                let incidents = incident::build(&wraps, complete, &mut d);
                let rota = Rota::build(&wraps);
                (names, decisions, risks, incidents, rota, d)
            },
            || {
                let mut d = Diagnostics::new();
                (Handover::build(config, &wraps, complete, &mut d), d)
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
        for ((record, risks), incidents) in
            wraps.iter_mut().zip(risks_by_wrap).zip(incidents_by_wrap)
        {
            record.risks = risks;
            record.incidents = incidents;
        }
        for (i, item) in handover.items.iter().enumerate() {
            wraps[item.wrap.0].items.push(handover::ItemIdx(i));
        }
        let now = now(today, config.timezone);
        let shifts = handover::Shifts::new(&wraps);
        let asks_now = handover.now(&wraps, &shifts, now, config);
        let (briefs, (teams, tags)) = rayon::join(
            || {
                brief::build(&brief::Sources {
                    wraps: &wraps,
                    decisions: &decisions,
                    risks: &risks,
                    incidents: &incidents,
                    handover: &handover,
                    shifts: &shifts,
                    rota: &rota,
                    config,
                    names: &names,
                })
            },
            || {
                (
                    taxonomy::teams(config, &names, &wraps, &decisions, &risks),
                    taxonomy::tags(&wraps, &decisions),
                )
            },
        );
        Ledger {
            today,
            asks_now,
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
        let now = handover::Moment {
            at: brief.last_moment(),
            day: brief.day,
        };
        self.handover
            .open_on(&self.wraps, &brief.handover.open, now)
    }

    pub(crate) fn risk(&self, idx: RiskIdx) -> &Risk {
        &self.risks[idx.0]
    }

    /// The brief the home page shows: today's, else the latest before
    /// today, else the earliest (when every wrap is after `--as-of`).
    pub(crate) fn latest_brief(&self) -> Option<DayIdx> {
        let at_or_before = self.briefs.partition_point(|b| b.day <= self.today);
        if at_or_before > 0 {
            Some(DayIdx(at_or_before - 1))
        } else if self.briefs.is_empty() {
            None
        } else {
            Some(DayIdx(0))
        }
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
