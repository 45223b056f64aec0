//! Incidents and pager turns as the ledger follows them: an incident on
//! the briefs until it is resolved, and who holds the pager next.

use crate::config::PersonRef;
use crate::content::Wrap;
use crate::content::incident::{IncidentEntry, IncidentSeverity, IncidentStatus};
use crate::content::pager::PagerHandover;
use crate::diagnostics::Code;
use crate::ids::{IncidentId, PersonKey};
use crate::ledger::testing::{ledger, team, wrap};
use crate::strict_toml::Located;

fn person(name: &str) -> PersonRef {
    PersonRef {
        key: PersonKey::from_name(name).unwrap(),
        name: name.into(),
    }
}

fn touch(id: &str) -> IncidentEntry {
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

fn touching(author: &str, team_id: &str, time: &str, entry: IncidentEntry) -> Wrap {
    Wrap {
        team: team(team_id),
        incidents: vec![entry],
        ..wrap(author, time)
    }
}

#[test]
fn an_incident_across_three_wraps_leads_briefs_until_resolved() {
    let wraps = vec![
        touching(
            "marcus",
            "payments",
            "2026-11-19T20:00:00+09:00",
            IncidentEntry {
                title: Some("Checkout 502s".into()),
                severity: Some(IncidentSeverity {
                    rank: 0,
                    name: "sev1".into(),
                }),
                commander: Some(person("marcus")),
                links: vec![("ticket".into(), "https://t.example/1".into())],
                ..touch("INC-2026-1105")
            },
        ),
        touching(
            "lena",
            "platform",
            "2026-11-20T09:00:00+09:00",
            IncidentEntry {
                status: Some(IncidentStatus::Identified),
                commander: Some(person("lena")),
                note: Some("bad deploy".into()),
                ..touch("inc-2026-1105")
            },
        ),
        touching(
            "lena",
            "platform",
            "2026-11-21T09:00:00+09:00",
            IncidentEntry {
                status: Some(IncidentStatus::Resolved),
                ..touch("INC-2026-1105")
            },
        ),
        wrap("bo", "2026-11-22T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-22");
    assert!(!d.has_errors(), "{d:?}");
    assert_eq!(ledger.incidents.len(), 1);
    let incident = &ledger.incidents[0];
    assert_eq!(incident.written_id, "INC-2026-1105");
    assert_eq!(incident.timeline.len(), 3);
    assert_eq!(
        incident.timeline[1].changes,
        ["investigating → identified", "commander now lena"]
    );
    let statuses: Vec<Vec<IncidentStatus>> = ledger
        .briefs
        .iter()
        .map(|b| b.incidents.iter().map(|i| i.state.status).collect())
        .collect();
    use IncidentStatus::*;
    assert_eq!(
        statuses,
        [
            vec![Investigating],
            vec![Identified],
            vec![Resolved],
            vec![]
        ]
    );
}

#[test]
fn an_update_to_an_incident_nobody_opened_is_an_error() {
    let wraps = vec![touching(
        "lena",
        "platform",
        "2026-11-20T09:00:00+09:00",
        touch("INC-9"),
    )];
    let (_, d) = ledger(wraps, "2026-11-20");
    assert!(d.iter().any(|x| x.code == Code::UnknownIncident), "{d:?}");
}

#[test]
fn the_pager_is_with_the_latest_hand_over_and_the_next_is_shown() {
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    let wraps = vec![
        Wrap {
            team: team("platform"),
            pagers: vec![
                PagerHandover {
                    to: person("tomasz"),
                    team: None,
                    since: Some(at("2026-11-21T08:00:00+01:00")),
                    span: 0..0,
                },
                PagerHandover {
                    to: person("ines"),
                    team: None,
                    since: Some(at("2026-11-22T08:00:00+01:00")),
                    span: 0..0,
                },
            ],
            ..wrap("lena", "2026-11-20T18:00:00+01:00")
        },
        wrap("bo", "2026-11-22T12:00:00+09:00"),
        wrap("bo", "2026-11-23T12:00:00+09:00"),
    ];
    let (ledger, _) = ledger(wraps, "2026-11-23");
    let on_call = |day: usize| {
        let o = &ledger.briefs[day].on_call[0];
        (
            o.now.as_ref().map(|t| t.person.name.clone()),
            o.next.as_ref().map(|t| t.person.name.clone()),
        )
    };
    // Brief days are Tokyo days: lena's Friday evening is the brief of
    // the 21st, which ends at 16:00 CET on the 21st, when tomasz has it.
    assert_eq!(on_call(0), (Some("tomasz".into()), Some("ines".into())));
    assert_eq!(on_call(1), (Some("ines".into()), None));
    assert_eq!(on_call(2), (Some("ines".into()), None));
}
