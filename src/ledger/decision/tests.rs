//! The decision registry's rules, on wraps and records made in memory.

use super::*;
use crate::content::decision::DecisionEntry;
use crate::content::decision_record::other_tools::{
    RecordDetails, Relation, RelationKind, RelationTarget,
};
use crate::content::{DecisionRecord, Wrap};
use crate::diagnostics::SourceFile;
use crate::ledger::Ledger;
use crate::ledger::testing::{decision, ledger, ledger_with, record, superseding, wrap};

/// One wrap per entry, an hour apart, in order.
fn wraps_deciding(entries: Vec<DecisionEntry>) -> Vec<Wrap> {
    entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| Wrap {
            decisions: vec![entry],
            ..wrap("ana", &format!("2026-11-20T{:02}:00:00+09:00", 9 + i))
        })
        .collect()
}

fn statuses(ledger: &Ledger) -> Vec<(&str, DecisionStatus)> {
    ledger
        .decisions
        .iter()
        .map(|d| (d.id.as_str(), d.status))
        .collect()
}

#[test]
fn supersedes_links_both_ways_and_marks_the_earlier_decision_superseded() {
    let wraps = wraps_deciding(vec![
        decision("postgres", "Sessions in Postgres", "one database"),
        superseding(
            decision("redis", "Sessions in Redis", "TTLs"),
            &["postgres"],
        ),
    ]);
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    let (postgres, redis) = (&ledger.decisions[0], &ledger.decisions[1]);
    assert_eq!(postgres.superseded_by, [DecisionIdx(1)]);
    assert_eq!(redis.supersedes, [DecisionIdx(0)]);
    assert_eq!(
        (postgres.declared, postgres.status),
        (DecisionStatus::Accepted, DecisionStatus::Superseded)
    );
    assert_eq!(redis.status, DecisionStatus::Accepted);
    // The wrap that superseded it is among the earlier decision's mentions.
    let kinds: Vec<MentionKind> = postgres.mentions.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [
            MentionKind::Recorded,
            MentionKind::SupersededBy(DecisionIdx(1))
        ]
    );
    assert_eq!(ledger.wraps[1].decisions, [DecisionIdx(1)]);
}

#[test]
fn only_an_accepted_successor_supersedes() {
    let proposed = DecisionEntry {
        status: Some(DecisionStatus::Proposed),
        ..superseding(decision("b", "B", "maybe"), &["a"])
    };
    let rejected = DecisionEntry {
        status: Some(DecisionStatus::Rejected),
        ..superseding(decision("c", "C", "no"), &["a"])
    };
    let (ledger, _) = ledger(
        wraps_deciding(vec![decision("a", "A", "first"), proposed, rejected]),
        "2026-11-20",
    );
    assert_eq!(
        statuses(&ledger),
        [
            ("a", DecisionStatus::Accepted),
            ("b", DecisionStatus::Proposed),
            ("c", DecisionStatus::Rejected),
        ]
    );
}

#[test]
fn a_chain_supersedes_each_link_and_a_restatement_changes_the_status() {
    let wraps = wraps_deciding(vec![
        decision("v1", "Version one", "start"),
        superseding(decision("v2", "Version two", "better"), &["v1"]),
        superseding(decision("v3", "Version three", "best"), &["v2"]),
        DecisionEntry {
            status: Some(DecisionStatus::Rejected),
            ..decision("v3", "Version three", "rolled back")
        },
    ]);
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    // v3 is rejected now, so it no longer replaces v2.
    assert_eq!(
        statuses(&ledger),
        [
            ("v1", DecisionStatus::Superseded),
            ("v2", DecisionStatus::Accepted),
            ("v3", DecisionStatus::Rejected),
        ]
    );
    // The reason stays the one given when it was made; the restatement's
    // reason stays with its mention.
    let v3 = &ledger.decisions[2];
    assert_eq!(v3.why, "best");
    let note = v3.mentions.last().and_then(|m| m.note.as_deref());
    assert_eq!(note, Some("rolled back"));
}

#[test]
fn cycles_and_self_supersedes_are_reported_once_each() {
    let wraps = wraps_deciding(vec![
        decision("a", "A", "first"),
        superseding(decision("b", "B", "second"), &["a"]),
        superseding(decision("a", "A", "again"), &["b"]),
        superseding(decision("c", "C", "own"), &["c"]),
    ]);
    let (_, d) = ledger(wraps, "2026-11-20");
    let found: Vec<(Code, &str)> = d.iter().map(|x| (x.code, x.message.as_str())).collect();
    assert_eq!(
        found,
        [
            (Code::SupersedesCycle, "decision `c` supersedes itself"),
            (
                Code::SupersedesCycle,
                "`b` and `a` supersede each other (a cycle)"
            ),
        ]
    );
}

#[test]
fn supersedes_naming_no_decision_is_an_error_with_the_closest_ids() {
    let wraps = wraps_deciding(vec![
        decision("session-store-postgres", "Postgres", "one db"),
        superseding(
            decision("redis", "Redis", "TTLs"),
            &["session-store-postgre"],
        ),
    ]);
    let (_, d) = ledger(wraps, "2026-11-20");
    let found: Vec<(Code, Option<&str>)> = d.iter().map(|x| (x.code, x.help.as_deref())).collect();
    assert_eq!(
        found,
        [(
            Code::UnknownDecision,
            Some("did you mean `session-store-postgres`?")
        )]
    );
}

#[test]
fn one_id_for_two_titles_is_a_conflict_but_a_changed_capital_is_not() {
    let wraps = wraps_deciding(vec![
        decision("store", "Use Redis.", "TTLs"),
        decision("store", "use redis", "same one"),
        decision("store", "Use Memcached", "another"),
    ]);
    let (ledger, d) = ledger(wraps, "2026-11-20");
    let codes: Vec<Code> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, [Code::DecisionConflict]);
    assert_eq!(ledger.decisions.len(), 1);
    assert_eq!(ledger.decisions[0].mentions.len(), 2);
}

#[test]
fn a_long_form_record_defines_the_decision_its_wraps_restate() {
    let records = vec![record(
        decision("adr-7", "Adopt Redis", "from the ADR"),
        "bo",
        "2026-11-21T09:00:00+09:00",
    )];
    let wraps = wraps_deciding(vec![decision("adr-7", "Adopt Redis", "from a wrap")]);
    let (ledger, d) = ledger_with(wraps, records, "2026-11-21");
    assert!(d.is_empty(), "{d:?}");
    let adr = &ledger.decisions[0];
    assert_eq!(adr.origin, Origin::Record(0));
    assert_eq!(adr.record, Some(0));
    assert_eq!(
        (adr.author_name.as_str(), adr.why.as_str()),
        ("bo", "from the ADR")
    );
    let kinds: Vec<MentionKind> = adr.mentions.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MentionKind::Restated(None)]);
}

/// A record in another tool's format: `docs/adr/<id>.md`, numbered, with
/// `status` as written and `relations` to other files of the folder.
fn adr(
    id: &str,
    number: u32,
    status: Option<DecisionStatus>,
    label: Option<&str>,
    relations: &[(RelationKind, &str)],
    date: Option<&str>,
) -> DecisionRecord {
    let entry = DecisionEntry {
        status,
        why: None,
        ..decision(id, &format!("Record {number}"), "")
    };
    let mut record = record(entry, "", "2026-11-01T09:00:00+00:00");
    record.file = SourceFile::new(format!("docs/adr/{id}.md"), "");
    record.at = date.map(|d| chrono::DateTime::parse_from_rfc3339(d).expect("a date"));
    record.details = RecordDetails {
        number: Some(number),
        status_label: label.map(str::to_string),
        relations: relations
            .iter()
            .map(|(kind, target)| Relation {
                kind: kind.clone(),
                target: if let Some(n) = target.strip_prefix("ADR-") {
                    RelationTarget::Number(n.parse().expect("a number"))
                } else {
                    RelationTarget::File(format!("docs/adr/{target}"))
                },
                text: target.to_string(),
                span: 0..0,
            })
            .collect(),
        folder: "docs/adr".to_string(),
        ..RecordDetails::default()
    };
    record
}

#[test]
fn records_in_other_formats_link_both_ways_by_file_and_number() {
    let records = vec![
        adr(
            "0001-postgres",
            1,
            Some(DecisionStatus::Superseded),
            None,
            &[(RelationKind::SupersededBy, "0003-redis.md")],
            Some("2026-01-01T00:00:00Z"),
        ),
        adr(
            "0002-ttls",
            2,
            Some(DecisionStatus::Accepted),
            None,
            &[(RelationKind::AmendedBy, "0003-redis.md")],
            Some("2026-01-02T00:00:00Z"),
        ),
        adr(
            "0003-redis",
            3,
            Some(DecisionStatus::Accepted),
            None,
            &[
                (RelationKind::Supersedes, "0001-postgres.md"),
                (RelationKind::Amends, "ADR-2"),
                (RelationKind::Other("Clarifies".into()), "0004-eviction.md"),
            ],
            Some("2026-01-03T00:00:00Z"),
        ),
        adr(
            "0004-eviction",
            4,
            Some(DecisionStatus::Proposed),
            Some("On hold"),
            &[(RelationKind::Other("Clarified by".into()), "0003-redis.md")],
            None,
        ),
        adr(
            "0005-vague",
            5,
            None,
            None,
            &[(RelationKind::Other("Relates to".into()), "0003-redis.md")],
            None,
        ),
    ];
    let (ledger, d) = ledger_with(Vec::new(), records, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    // Undated records come first, by number; then by date.
    let ids: Vec<&str> = ledger.decisions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "0004-eviction",
            "0005-vague",
            "0001-postgres",
            "0002-ttls",
            "0003-redis"
        ]
    );
    let by_id = |id: &str| {
        ledger
            .decisions
            .iter()
            .position(|d| d.id.as_str() == id)
            .map(DecisionIdx)
            .unwrap()
    };
    let (postgres, ttls, redis, eviction, vague) = (
        by_id("0001-postgres"),
        by_id("0002-ttls"),
        by_id("0003-redis"),
        by_id("0004-eviction"),
        by_id("0005-vague"),
    );
    let get = |idx: DecisionIdx| ledger.decision(idx);
    assert_eq!(get(redis).supersedes, [postgres]);
    assert_eq!(get(postgres).superseded_by, [redis]);
    assert_eq!(get(postgres).status, DecisionStatus::Superseded);
    // Amending retires nothing.
    assert_eq!(get(redis).amends, [ttls]);
    assert_eq!(get(ttls).amended_by, [redis]);
    assert_eq!(get(ttls).status, DecisionStatus::Accepted);
    // Both sides stated (adr-tools writes both): each shows its own words.
    assert_eq!(
        get(redis).related,
        [
            Related {
                verb: "Clarifies".into(),
                other: eviction,
                outgoing: true
            },
            Related {
                verb: "Relates to".into(),
                other: vague,
                outgoing: false
            },
        ]
    );
    assert_eq!(
        get(eviction).related,
        [Related {
            verb: "Clarified by".into(),
            other: redis,
            outgoing: true
        }]
    );
    assert_eq!(get(eviction).declared_label.as_deref(), Some("On hold"));
    assert_eq!(get(vague).status, DecisionStatus::Accepted);
}

#[test]
fn a_wrap_supersedes_a_record_by_its_file_stem() {
    let records = vec![adr(
        "0003-aws-networking-outline",
        3,
        Some(DecisionStatus::Accepted),
        None,
        &[],
        None,
    )];
    let wraps = wraps_deciding(vec![superseding(
        decision("one-vpc-per-team", "One VPC per team", "blast radius"),
        &["0003-aws-networking-outline"],
    )]);
    let (ledger, d) = ledger_with(wraps, records, "2026-11-20");
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(ledger.decisions[0].status, DecisionStatus::Superseded);
    assert_eq!(ledger.decisions[0].superseded_by, [DecisionIdx(1)]);
}

#[test]
fn unresolved_relations_and_cycles_between_records_are_warnings() {
    let records = vec![
        adr(
            "0001-a",
            1,
            None,
            None,
            &[
                (RelationKind::Supersedes, "0002-b.md"),
                (RelationKind::Amends, "0009-missing.md"),
            ],
            None,
        ),
        adr(
            "0002-b",
            2,
            None,
            None,
            &[(RelationKind::Supersedes, "0001-a.md")],
            None,
        ),
    ];
    let (_, d) = ledger_with(Vec::new(), records, "2026-11-20");
    let codes: Vec<Code> = d.iter().map(|x| x.code).collect();
    assert_eq!(codes, [Code::LenientRecord, Code::LenientRecord]);
    assert!(!d.has_errors());
}
