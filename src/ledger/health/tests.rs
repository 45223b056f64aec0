//! Every figure on small ledgers whose answers are known.

use super::{AskWeek, Cell, DecisionWeek, IncidentWeek, OpenWeek, ShiftWeek};
use crate::content::Wrap;
use crate::content::ack::AckVerb;
use crate::content::ask::Ask;
use crate::content::incident::{IncidentEntry, IncidentStatus};
use crate::content::risk::{RiskStatus, Severity};
use crate::ids::{IncidentId, ItemId};
use crate::ledger::Ledger;
use crate::ledger::testing::{ack, ask, decision, ledger, raise, superseding, team, update, wrap};
use crate::strict_toml::Located;

/// `written` with the id `id`, as `[[ask]] id = ...` chooses it.
fn ask_with_id(id: &str, written: &str) -> Ask {
    Ask {
        id: Some(Located::new(ItemId::new(id).unwrap(), 0..0)),
        ..ask(written)
    }
}

fn of(author: &str, team_id: &str, time: &str) -> Wrap {
    Wrap {
        team: team(team_id),
        ..wrap(author, time)
    }
}

fn acking(author: &str, team_id: &str, time: &str, ids: &[String]) -> Wrap {
    Wrap {
        acks: ids
            .iter()
            .map(|id| ack(id, AckVerb::Taken { by: None }))
            .collect(),
        ..of(author, team_id, time)
    }
}

fn platform(ledger: &Ledger) -> usize {
    ledger
        .teams
        .iter()
        .position(|t| t.id.as_str() == "platform")
        .unwrap()
}

/// The week of 31 Oct to 6 Nov, of twelve ending on 20 Nov.
const EARLY: usize = 9;
const LAST: usize = 11;

#[test]
fn ten_asks_seven_within_a_shift_two_later_one_lapsed_is_seventy_percent() {
    let ids: Vec<String> = (0..10).map(|i| format!("ask-{i}")).collect();
    let wraps = vec![
        Wrap {
            asks: ids
                .iter()
                .map(|id| ask_with_id(id, &format!("platform: task {id}")))
                .collect(),
            ..of("ana", "payments", "2026-11-02T09:00:00+09:00")
        },
        // Platform's next shift takes seven: within a shift, 9 hours on.
        acking("bo", "platform", "2026-11-02T18:00:00+09:00", &ids[..7]),
        of("bo", "platform", "2026-11-03T18:00:00+09:00"),
        // Two shifts later: picked up, but later, 57 hours on.
        acking("bo", "platform", "2026-11-04T18:00:00+09:00", &ids[7..9]),
        of("cy", "payments", "2026-11-20T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let health = &ledger.health;
    assert_eq!(health.weeks.len(), 12);
    let want = AskWeek {
        written: 10,
        within_shift: 7,
        later: 2,
        lapsed: 1,
        unanswered: 0,
        waiting: 0,
        // Seven at 540 minutes, two at 3420: the fifth of nine.
        median_minutes: Some(540),
    };
    assert_eq!(health.site.asks[EARLY], want);
    assert_eq!(health.site.asks[EARLY].within_share(), Some(70));
    // Asks to Platform count for Platform, not for Payments who wrote them.
    assert_eq!(health.teams[platform(&ledger)].asks[EARLY], want);
    let payments = 1 - platform(&ledger);
    assert_eq!(health.teams[payments].asks[EARLY].written, 0);
    assert_eq!(health.teams[payments].asks[EARLY].within_share(), None);
    assert_eq!(health.site.asks[LAST], AskWeek::default());
}

#[test]
fn an_ask_is_waiting_until_a_shift_of_its_receiver_passes_then_unanswered() {
    let wraps = vec![
        Wrap {
            asks: vec![
                ask_with_id("early", "platform: rotate the cert"),
                ask_with_id("bo-only", "@bo check the export"),
            ],
            ..of("ana", "payments", "2026-11-18T09:00:00+09:00")
        },
        // Platform's shift passes without a word; bo writes no wrap.
        of("cy", "platform", "2026-11-18T18:00:00+09:00"),
        Wrap {
            asks: vec![ask_with_id("late", "platform: look at the alert")],
            ..of("ana", "payments", "2026-11-20T09:00:00+09:00")
        },
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let week = &ledger.health.site.asks[LAST];
    assert_eq!(
        (week.written, week.unanswered, week.waiting, week.lapsed),
        (3, 1, 2, 0)
    );
    // Only the decided one counts: none of one picked up.
    assert_eq!(week.decided(), 1);
    assert_eq!(week.within_share(), Some(0));
    assert_eq!(week.median_minutes, None);
}

#[test]
fn an_ask_to_everyone_counts_once_for_the_site_and_per_team_for_each() {
    let wraps = vec![
        of("bo", "platform", "2026-11-17T08:00:00+09:00"),
        Wrap {
            asks: vec![ask_with_id("freeze", "everyone: code freeze Thursday")],
            ..of("ana", "payments", "2026-11-18T09:00:00+09:00")
        },
        // Platform answers in its next shift; Payments never does.
        acking(
            "bo",
            "platform",
            "2026-11-18T18:00:00+09:00",
            &["freeze".to_string()],
        ),
        of("cy", "payments", "2026-11-19T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let health = &ledger.health;
    let p = platform(&ledger);
    assert_eq!(health.site.asks[LAST].written, 1);
    assert_eq!(health.site.asks[LAST].within_shift, 1);
    assert_eq!(health.teams[p].asks[LAST].within_shift, 1);
    let payments = &health.teams[1 - p].asks[LAST];
    assert_eq!((payments.written, payments.unanswered), (1, 1));
}

#[test]
fn risks_open_at_each_weeks_end_by_severity_stale_and_blocking() {
    let wraps = vec![
        Wrap {
            risks: vec![raise("keys", "Vendor keys", Severity::High)],
            ..of("ana", "payments", "2026-11-02T09:00:00+09:00")
        },
        Wrap {
            risks: vec![
                raise("disk", "Disk fills", Severity::Medium),
                crate::content::risk::RiskEntry {
                    blocker: Some(true),
                    ..update("keys")
                },
            ],
            ..of("bo", "platform", "2026-11-12T09:00:00+09:00")
        },
        Wrap {
            risks: vec![crate::content::risk::RiskEntry {
                status: Some(RiskStatus::Resolved),
                ..update("keys")
            }],
            ..of("ana", "payments", "2026-11-19T09:00:00+09:00")
        },
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let open = &ledger.health.site.open;
    // Ends 6, 13 and 20 Nov. "keys" untouched from 2 Nov: stale (3 days)
    // by the 6th; touched on the 12th, not stale on the 13th.
    assert_eq!(
        open[EARLY],
        OpenWeek {
            risks: [0, 0, 1, 0],
            risks_stale: 1,
            ..OpenWeek::default()
        }
    );
    assert_eq!(
        open[EARLY + 1],
        OpenWeek {
            risks: [0, 1, 1, 0],
            risks_blocking: 1,
            ..OpenWeek::default()
        }
    );
    // "keys" resolved on the 19th; "disk" untouched since the 12th.
    assert_eq!(
        open[LAST],
        OpenWeek {
            risks: [0, 1, 0, 0],
            risks_stale: 1,
            ..OpenWeek::default()
        }
    );
    assert_eq!(open[EARLY - 1].risks_open(), 0);
    let p = platform(&ledger);
    assert_eq!(ledger.health.teams[p].open[LAST].risks, [0, 1, 0, 0]);
    assert_eq!(ledger.health.teams[1 - p].open[LAST].risks_open(), 0);
}

#[test]
fn open_asks_at_a_weeks_end_are_the_last_briefs_of_the_week() {
    let wraps = vec![
        Wrap {
            asks: vec![
                ask_with_id("one", "platform: one"),
                ask_with_id("two", "platform: two"),
            ],
            ..of("ana", "payments", "2026-11-12T09:00:00+09:00")
        },
        of("bo", "platform", "2026-11-12T18:00:00+09:00"),
        acking(
            "bo",
            "platform",
            "2026-11-16T18:00:00+09:00",
            &["one".to_string()],
        ),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let p = platform(&ledger);
    let open = &ledger.health.teams[p].open;
    assert_eq!(
        (open[LAST - 1].asks_open, open[LAST - 1].asks_unacknowledged),
        (2, 2)
    );
    // "one" taken on the 16th; "two" lapsed on the 19th (seven days).
    assert_eq!(
        (open[LAST].asks_open, open[LAST].asks_unacknowledged),
        (1, 0)
    );
    assert_eq!(ledger.health.site.open[LAST].asks_open, 1);
}

fn incident(id: &str) -> IncidentEntry {
    IncidentEntry {
        id: Located::new(IncidentId::from_written(id).unwrap(), 0..0),
        written_id: id.into(),
        title: None,
        severity: None,
        status: None,
        commander: None,
        links: Vec::new(),
        note: None,
        span: 0..0,
    }
}

#[test]
fn incidents_per_week_with_the_time_to_resolve_them() {
    let opened = |id: &str, time: &str| Wrap {
        incidents: vec![IncidentEntry {
            title: Some(format!("{id} down")),
            ..incident(id)
        }],
        ..of("bo", "platform", time)
    };
    let resolved = |id: &str, time: &str| Wrap {
        incidents: vec![IncidentEntry {
            status: Some(IncidentStatus::Resolved),
            ..incident(id)
        }],
        ..of("bo", "platform", time)
    };
    let wraps = vec![
        opened("INC-1", "2026-11-10T09:00:00+09:00"),
        opened("INC-2", "2026-11-11T09:00:00+09:00"),
        resolved("INC-1", "2026-11-10T10:30:00+09:00"),
        resolved("INC-2", "2026-11-16T09:00:00+09:00"),
        opened("INC-3", "2026-11-19T09:00:00+09:00"),
    ];
    let mut wraps = wraps;
    wraps.sort_by_key(|w| w.at);
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let incidents = &ledger.health.site.incidents;
    assert_eq!(
        incidents[LAST - 1],
        IncidentWeek {
            opened: 2,
            resolved: 1,
            median_minutes: Some(90),
            ongoing: 1,
        }
    );
    assert_eq!(
        incidents[LAST],
        IncidentWeek {
            opened: 1,
            resolved: 1,
            median_minutes: Some(5 * 24 * 60),
            ongoing: 1,
        }
    );
    let p = platform(&ledger);
    assert_eq!(ledger.health.teams[p].incidents[LAST].opened, 1);
    assert_eq!(ledger.health.teams[1 - p].incidents[LAST].opened, 0);
}

#[test]
fn decisions_made_and_superseded_per_week() {
    let wraps = vec![
        Wrap {
            decisions: vec![decision("pg", "Postgres sessions", "simple")],
            ..of("ana", "payments", "2026-11-02T09:00:00+09:00")
        },
        Wrap {
            decisions: vec![
                superseding(decision("redis", "Redis sessions", "TTLs"), &["pg"]),
                decision("freeze", "Freeze Thursdays", "calm"),
            ],
            ..of("bo", "platform", "2026-11-18T09:00:00+09:00")
        },
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let decisions = &ledger.health.site.decisions;
    assert_eq!(
        decisions[EARLY],
        DecisionWeek {
            made: 1,
            superseded: 0
        }
    );
    assert_eq!(
        decisions[LAST],
        DecisionWeek {
            made: 2,
            superseded: 1
        }
    );
    // Superseded counts for the team whose decision it was.
    let p = platform(&ledger);
    assert_eq!(ledger.health.teams[1 - p].decisions[LAST].superseded, 1);
    assert_eq!(ledger.health.teams[p].decisions[LAST].superseded, 0);
}

#[test]
fn the_chain_shows_each_shift_that_wrote_handed_over_or_left_a_gap() {
    let shift = |author: &str, label: &str, time: &str, asks: &[&str]| Wrap {
        shift: Some(label.to_string()),
        asks: asks.iter().map(|a| ask(a)).collect(),
        ..of(author, "platform", time)
    };
    let wraps = vec![
        shift(
            "bo",
            "early",
            "2026-11-17T08:00:00+09:00",
            &["payments: check"],
        ),
        shift("cy", "late", "2026-11-17T20:00:00+09:00", &[]),
        shift("bo", "early", "2026-11-18T08:00:00+09:00", &[]),
        // Nobody of the late shift on the 18th; Payments writes on the 19th.
        of("ana", "payments", "2026-11-19T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!d.has_errors(), "{d:?}");
    let health = &ledger.health;
    assert_eq!(
        health.days,
        vec![
            crate::ledger::testing::day("2026-11-17"),
            crate::ledger::testing::day("2026-11-18"),
            crate::ledger::testing::day("2026-11-19"),
        ]
    );
    let rows = &health.chains[platform(&ledger)];
    let shown: Vec<(Option<&str>, &[Cell])> = rows
        .iter()
        .map(|r| (r.label.as_deref(), r.cells.as_slice()))
        .collect();
    assert_eq!(
        shown,
        vec![
            (
                Some("early"),
                &[Cell::HandedOver, Cell::Wrote, Cell::Gap][..]
            ),
            (Some("late"), &[Cell::Wrote, Cell::Gap, Cell::Gap][..]),
        ]
    );
    let week = &health.teams[platform(&ledger)].shifts[LAST];
    assert_eq!(
        week,
        &ShiftWeek {
            shifts: 6,
            wrote: 3,
            handed_over: 1
        }
    );
    assert_eq!(week.gaps(), 3);
    // The site counts every team's shifts: Payments wrote its one.
    assert_eq!(health.site.shifts[LAST].shifts, 9);
    assert_eq!(health.site.shifts[LAST].gaps(), 5);
}
