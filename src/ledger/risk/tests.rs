//! The risk register's rules, on wraps made in memory.

use super::*;
use crate::content::Wrap;
use crate::ledger::testing::{at, day, ledger, person, raise, records, team, update, wrap};

/// Day one raises `keys`; later wraps change it.
fn keys_over(updates: Vec<(&str, RiskEntry)>) -> Vec<Wrap> {
    let mut wraps = vec![Wrap {
        team: team("payments"),
        risks: vec![raise("keys", "Vendor keys missing", Severity::Medium)],
        ..wrap("ana", "2026-11-16T17:00:00+09:00")
    }];
    for (time, entry) in updates {
        wraps.push(Wrap {
            risks: vec![entry],
            ..wrap("bo", time)
        });
    }
    wraps
}

#[test]
fn a_risk_is_raised_then_changed_only_where_an_update_says_so() {
    let wraps = keys_over(vec![
        (
            "2026-11-17T17:00:00+09:00",
            RiskEntry {
                severity: Some(Severity::High),
                owner: Some(person("bo")),
                note: Some("vendor silent".into()),
                ..update("keys")
            },
        ),
        (
            "2026-11-18T17:00:00+09:00",
            RiskEntry {
                severity: Some(Severity::High),
                status: Some(RiskStatus::Resolved),
                ..update("keys")
            },
        ),
    ]);
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    let risk = &ledger.risks[0];
    let changes: Vec<&[Change]> = risk.history.iter().map(|t| &t.changes[..]).collect();
    assert_eq!(
        changes,
        [
            &[Change::Raised][..],
            &[
                Change::Severity {
                    from: Severity::Medium,
                    to: Severity::High
                },
                Change::Owner {
                    from: None,
                    to: person("bo")
                }
            ],
            // The same severity again is no change.
            &[Change::Status {
                from: RiskStatus::Open,
                to: RiskStatus::Resolved
            }],
        ]
    );
    assert_eq!(risk.history[1].note.as_deref(), Some("vendor silent"));
    assert_eq!(
        risk.state.owner.as_ref().map(|o| o.name.as_str()),
        Some("bo")
    );
    assert_eq!(risk.team, team("payments"));
    assert_eq!(
        (risk.raised_on, risk.last_touched_on, risk.closed_on),
        (
            day("2026-11-16"),
            day("2026-11-18"),
            Some(day("2026-11-18"))
        )
    );
    // Each wrap knows the risks it touched.
    assert!(ledger.wraps.iter().all(|w| w.risks == [RiskIdx(0)]));
}

#[test]
fn escalating_blocking_and_reopening_need_attention_and_the_rest_does_not() {
    let wraps = keys_over(vec![
        (
            "2026-11-17T09:00:00+09:00",
            RiskEntry {
                severity: Some(Severity::Low),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T10:00:00+09:00",
            RiskEntry {
                note: Some("still waiting".into()),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T11:00:00+09:00",
            RiskEntry {
                severity: Some(Severity::Critical),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T12:00:00+09:00",
            RiskEntry {
                status: Some(RiskStatus::Accepted),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T13:00:00+09:00",
            RiskEntry {
                status: Some(RiskStatus::Open),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T14:00:00+09:00",
            RiskEntry {
                blocker: Some(true),
                ..update("keys")
            },
        ),
        (
            "2026-11-17T15:00:00+09:00",
            RiskEntry {
                note: Some("blocked all day".into()),
                ..update("keys")
            },
        ),
    ]);
    let (ledger, _) = ledger(wraps, "2026-11-17");
    let attention: Vec<bool> = ledger.risks[0]
        .history
        .iter()
        .map(Touch::needs_attention)
        .collect();
    // raised, downgraded, note, escalated, accepted, reopened, made a
    // blocker, a note while blocking.
    assert_eq!(
        attention,
        [true, false, false, true, false, true, true, true]
    );
    let closed: Vec<bool> = ledger.risks[0].history.iter().map(Touch::closed).collect();
    assert_eq!(
        closed,
        [false, false, false, false, true, false, false, false]
    );
}

#[test]
fn an_open_risk_untouched_for_stale_after_days_is_stale() {
    let wraps = keys_over(vec![]);
    // Raised on the 16th; stale after 3 days.
    for (today, idle, stale) in [
        ("2026-11-16", 0, false),
        ("2026-11-18", 2, false),
        ("2026-11-19", 3, true),
        ("2026-11-30", 14, true),
    ] {
        let (ledger, _) = ledger(wraps.clone(), today);
        let risk = &ledger.risks[0];
        assert_eq!((risk.idle_days, risk.stale), (idle, stale), "{today}");
        assert_eq!(risk.age_days, idle, "an open risk ages to today");
    }
    let records = records(keys_over(vec![(
        "2026-11-18T09:00:00+09:00",
        RiskEntry {
            status: Some(RiskStatus::Mitigating),
            ..update("keys")
        },
    )]));
    let (never, _) = build(
        &records,
        day("2026-11-30"),
        0,
        true,
        &mut Diagnostics::new(),
    );
    assert!(!never[0].stale, "stale_after_days = 0 turns staleness off");
    let (mitigating, _) = build(
        &records,
        day("2026-11-30"),
        3,
        true,
        &mut Diagnostics::new(),
    );
    assert!(mitigating[0].stale, "mitigating is still active");
}

#[test]
fn a_closed_risk_is_never_stale_and_stops_ageing() {
    let wraps = keys_over(vec![(
        "2026-11-18T09:00:00+09:00",
        RiskEntry {
            status: Some(RiskStatus::Resolved),
            ..update("keys")
        },
    )]);
    let (ledger, _) = ledger(wraps, "2026-11-30");
    let risk = &ledger.risks[0];
    assert!(!risk.stale);
    assert_eq!((risk.age_days, risk.idle_days), (2, 12));
}

#[test]
fn an_update_to_a_risk_nobody_raised_is_an_error_with_a_hint() {
    let mut wraps = keys_over(vec![("2026-11-17T09:00:00+09:00", update("kyes"))]);
    wraps.push(Wrap {
        risks: vec![update("db-disk")],
        ..wrap("cy", "2026-11-17T10:00:00+09:00")
    });
    wraps.push(Wrap {
        risks: vec![raise("db-disk", "Disk filling", Severity::High)],
        ..wrap("cy", "2026-11-18T10:00:00+09:00")
    });
    let (_, d) = ledger(wraps.clone(), "2026-11-20");
    let helps: Vec<(Code, &str)> = d
        .iter()
        .map(|x| (x.code, x.help.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(helps.len(), 2, "{d:?}");
    assert_eq!(helps[0].0, Code::UnknownRisk);
    assert!(
        helps[0].1.starts_with("did you mean `keys`?"),
        "{}",
        helps[0].1
    );
    assert!(
        helps[1].1.starts_with("it is raised later"),
        "{}",
        helps[1].1
    );
    // When some file could not be parsed, the risk may be raised there.
    let records = records(wraps);
    let mut d = Diagnostics::new();
    build(&records, day("2026-11-20"), 3, false, &mut d);
    assert!(d.is_empty(), "{d:?}");
}

#[test]
fn the_register_lists_blockers_then_active_risks_worst_and_oldest_first_then_the_closed() {
    let raised = |id: &str, severity, time: &str| Wrap {
        risks: vec![raise(id, id, severity)],
        ..wrap("ana", time)
    };
    let closed = |id: &str, time: &str| Wrap {
        risks: vec![RiskEntry {
            status: Some(RiskStatus::Resolved),
            ..update(id)
        }],
        ..wrap("ana", time)
    };
    let wraps = vec![
        raised("old-high", Severity::High, "2026-11-10T09:00:00+09:00"),
        raised(
            "gone-first",
            Severity::Critical,
            "2026-11-11T09:00:00+09:00",
        ),
        raised("new-high", Severity::High, "2026-11-12T09:00:00+09:00"),
        raised("critical", Severity::Critical, "2026-11-13T09:00:00+09:00"),
        raised("gone-last", Severity::Low, "2026-11-13T10:00:00+09:00"),
        raised("low", Severity::Low, "2026-11-14T09:00:00+09:00"),
        Wrap {
            risks: vec![RiskEntry {
                blocker: Some(true),
                ..raise("blocked", "Blocks the deploy", Severity::Low)
            }],
            ..wrap("bo", "2026-11-14T10:00:00+09:00")
        },
        closed("gone-first", "2026-11-15T09:00:00+09:00"),
        closed("gone-last", "2026-11-16T09:00:00+09:00"),
    ];
    let (ledger, _) = ledger(wraps, "2026-11-20");
    let all: Vec<RiskIdx> = (0..ledger.risks.len()).map(RiskIdx).collect();
    let order: Vec<&str> = ledger
        .in_register_order(&all)
        .into_iter()
        .map(|r| ledger.risk(r).id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "blocked",
            "critical",
            "old-high",
            "new-high",
            "low",
            "gone-last",
            "gone-first"
        ]
    );
}

#[test]
fn what_needed_attention_at_a_moment_is_the_state_the_wraps_by_then_left() {
    let wraps = keys_over(vec![
        (
            "2026-11-17T09:00:00+09:00",
            RiskEntry {
                severity: Some(Severity::High),
                ..update("keys")
            },
        ),
        (
            "2026-11-18T09:00:00+09:00",
            RiskEntry {
                status: Some(RiskStatus::Resolved),
                ..update("keys")
            },
        ),
    ]);
    let mut wraps = wraps;
    wraps.insert(
        2,
        Wrap {
            risks: vec![RiskEntry {
                blocker: Some(true),
                ..raise("drill", "Failover drill not run", Severity::Low)
            }],
            ..wrap("cy", "2026-11-17T10:00:00+09:00")
        },
    );
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    let ids_at = |time: &str| -> Vec<(&str, Severity)> {
        ledger
            .needs_attention_at(at(time))
            .into_iter()
            .map(|(r, s)| (ledger.risk(r).id.as_str(), s.severity))
            .collect()
    };
    // Raised as medium: nothing yet.
    assert_eq!(ids_at("2026-11-16T23:00:00+09:00"), []);
    // Escalated to high, then a blocker raised: the blocker leads.
    assert_eq!(
        ids_at("2026-11-17T23:00:00+09:00"),
        [("drill", Severity::Low), ("keys", Severity::High)]
    );
    // Resolved: gone, though it was high.
    assert_eq!(
        ids_at("2026-11-18T23:00:00+09:00"),
        [("drill", Severity::Low)]
    );
    // Before anything was raised.
    assert_eq!(ids_at("2026-11-01T00:00:00+09:00"), []);
}
