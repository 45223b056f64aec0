//! The daily briefs' rules, on wraps made in memory.

use super::RiskTouch;
use crate::content::Wrap;
use crate::content::risk::{RiskEntry, RiskStatus, Severity};
use crate::ledger::testing::{day, decision, ledger, raise, update, wrap};
use crate::ledger::{Ledger, RiskIdx};

fn ids(ledger: &Ledger, touches: &[RiskTouch]) -> Vec<String> {
    touches
        .iter()
        .map(|t| ledger.risk(t.risk).id.to_string())
        .collect()
}

#[test]
fn briefs_follow_the_days_of_the_site_time_zone() {
    let wraps = vec![
        // 23:30 UTC is already the next morning in Tokyo.
        wrap("ana", "2026-11-19T23:30:00+00:00"),
        wrap("bo", "2026-11-20T17:00:00+09:00"),
        wrap("cy", "2026-11-21T08:00:00+09:00"),
    ];
    let (ledger, _) = ledger(wraps, "2026-11-21");
    let days: Vec<_> = ledger
        .briefs
        .iter()
        .map(|b| (b.day, b.wraps.len()))
        .collect();
    assert_eq!(days, [(day("2026-11-20"), 2), (day("2026-11-21"), 1)]);
}

#[test]
fn needs_attention_shows_each_risk_once_blockers_and_worst_first() {
    let wraps = vec![
        Wrap {
            risks: vec![
                raise("low", "Low", Severity::Low),
                raise("later-critical", "Escalates", Severity::Medium),
                raise("in-and-out", "Raised and resolved", Severity::High),
                raise("quiet", "Untouched today", Severity::Critical),
            ],
            ..wrap("ana", "2026-11-19T09:00:00+09:00")
        },
        Wrap {
            risks: vec![
                raise("blocking", "Blocks the deploy", Severity::Low),
                RiskEntry {
                    severity: Some(Severity::Critical),
                    ..update("later-critical")
                },
                RiskEntry {
                    note: Some("looking".into()),
                    ..update("low")
                },
                raise("same-day", "Raised and resolved", Severity::High),
            ],
            ..wrap("bo", "2026-11-20T09:00:00+09:00")
        },
        Wrap {
            risks: vec![
                RiskEntry {
                    blocker: Some(true),
                    ..update("blocking")
                },
                RiskEntry {
                    status: Some(RiskStatus::Resolved),
                    ..update("same-day")
                },
                RiskEntry {
                    status: Some(RiskStatus::Resolved),
                    ..update("in-and-out")
                },
            ],
            ..wrap("cy", "2026-11-20T12:00:00+09:00")
        },
    ];
    let (ledger, _) = ledger(wraps, "2026-11-20");
    let today = &ledger.briefs[1];
    assert_eq!(
        ids(&ledger, &today.attention),
        ["blocking", "later-critical"]
    );
    // The blocker's entry is its last touch of the day, as a blocker.
    assert!(
        ledger.risk(today.attention[0].risk).history[today.attention[0].touch]
            .after
            .blocker
    );
    assert_eq!(ids(&ledger, &today.closed), ["in-and-out", "same-day"]);
    let first = &ledger.briefs[0];
    assert_eq!(
        ids(&ledger, &first.attention),
        ["quiet", "in-and-out", "later-critical", "low"]
    );
    // Active blockers and high or critical risks, in register order: the
    // blocker first, then the two critical ones (equally old, so by id).
    assert_eq!(
        ledger.needs_attention_now(),
        [RiskIdx(4), RiskIdx(1), RiskIdx(3)]
    );
}

#[test]
fn a_day_lists_decisions_made_and_restated_once_each() {
    let wraps = vec![
        Wrap {
            decisions: vec![decision("redis", "Use Redis", "TTLs")],
            ..wrap("ana", "2026-11-19T09:00:00+09:00")
        },
        Wrap {
            decisions: vec![decision("redis", "Use Redis", "still TTLs")],
            ..wrap("bo", "2026-11-20T09:00:00+09:00")
        },
        Wrap {
            decisions: vec![decision("redis", "use redis", "and again")],
            ..wrap("cy", "2026-11-20T10:00:00+09:00")
        },
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    let made: Vec<(usize, bool)> = ledger
        .briefs
        .iter()
        .flat_map(|b| b.decisions.iter().map(|d| (d.decision.0, d.new)))
        .collect();
    assert_eq!(made, [(0, true), (0, false)]);
}
