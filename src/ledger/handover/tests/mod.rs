use super::*;
use crate::content::Wrap;
use crate::content::ack::AckVerb;
use crate::content::ask::AskTo;
use crate::diagnostics::Code;
use crate::ids::PersonKey;
use crate::ledger::Ledger;
use crate::ledger::testing::{ack, ask, ledger, team, wrap};

/// A wrap by `author` of `team` at `time` handing over `asks`.
fn asking(author: &str, team_id: &str, time: &str, asks: &[&str]) -> Wrap {
    Wrap {
        team: team(team_id),
        asks: asks.iter().map(|a| ask(a)).collect(),
        ..wrap(author, time)
    }
}

/// A wrap by `author` of `team` at `time` acknowledging `acks`.
fn acking(author: &str, team_id: &str, time: &str, acks: Vec<(&str, AckVerb)>) -> Wrap {
    Wrap {
        team: team(team_id),
        acks: acks.into_iter().map(|(id, verb)| ack(id, verb)).collect(),
        ..wrap(author, time)
    }
}

fn key(name: &str) -> PersonKey {
    PersonKey::from_name(name).unwrap()
}

/// `(receiver, what)` of every ask open at the end of brief `day`.
fn open_on(ledger: &Ledger, day: usize) -> Vec<(Receiver, String)> {
    ledger
        .open_asks(&ledger.briefs[day])
        .iter()
        .map(|o| {
            (
                o.state.receiver.clone(),
                ledger.handover.item(o.item).what(&ledger.wraps).to_string(),
            )
        })
        .collect()
}

#[test]
fn asks_reach_the_team_the_person_or_everyone_they_name() {
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &[
                "Run the drill",
                "platform: shard 4 Monday",
                "Platform: rotate the cert",
                "@bo check the export",
                "bo: look at the alert",
                "everyone: war room doc",
                "Note: the runbook moved",
            ],
        ),
        wrap("bo", "2026-11-20T10:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(d.iter().all(|x| x.code != Code::UnknownReceiver), "{d:?}");
    let platform = Receiver::Team(team("platform").unwrap());
    let payments = Receiver::Team(team("payments").unwrap());
    let mut got = open_on(&ledger, 0);
    got.sort();
    let mut want = vec![
        (payments.clone(), "Run the drill".to_string()),
        (platform.clone(), "shard 4 Monday".to_string()),
        (platform, "rotate the cert".to_string()),
        (Receiver::Person(key("bo")), "check the export".to_string()),
        (Receiver::Person(key("bo")), "look at the alert".to_string()),
        (Receiver::Everyone, "war room doc".to_string()),
        // Not a name: the whole text, for the writer's own team.
        (payments, "Note: the runbook moved".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn an_unknown_receiver_is_a_warning_with_a_hint() {
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["paltform: shard 4", "@jonsa check it"],
        ),
        wrap("jonas", "2026-11-19T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    let warnings: Vec<_> = d
        .iter()
        .filter(|x| x.code == Code::UnknownReceiver)
        .collect();
    assert_eq!(warnings.len(), 2, "{d:?}");
    assert!(warnings[0].help.as_deref().unwrap().contains("`platform`"));
    assert!(warnings[1].help.as_deref().unwrap().contains("`jonas`"));
    // The typo'd team falls back to the writer's team; the person stays.
    let receivers: Vec<Receiver> = open_on(&ledger, 1).into_iter().map(|(r, _)| r).collect();
    assert!(receivers.contains(&Receiver::Team(team("payments").unwrap())));
    assert!(receivers.contains(&Receiver::Person(key("jonsa"))));
}

#[test]
fn ids_name_writer_and_day_and_survive_other_edits() {
    let first = asking(
        "ana",
        "payments",
        "2026-11-20T09:00:00+09:00",
        &["Run the drill", "platform: shard 4"],
    );
    let reordered = Wrap {
        written_summary: Some("edited".into()),
        ..asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["platform: shard 4", "Run  the drill"],
        )
    };
    let ids = |w: Wrap| {
        let (ledger, _) = ledger(vec![w], "2026-11-20");
        let mut ids: Vec<String> = ledger
            .handover
            .items
            .iter()
            .map(|i| i.id.to_string())
            .collect();
        ids.sort();
        ids
    };
    let a = ids(first);
    assert_eq!(a, ids(reordered));
    assert!(
        a.iter()
            .all(|id| id.starts_with("ana-1120-") && id.len() == "ana-1120-xxx".len()),
        "{a:?}"
    );
}

#[test]
fn an_ask_is_carried_over_until_it_is_done() {
    let drill = generated(
        "ana",
        "2026-11-18T18:00:00+09:00",
        "platform: run the drill",
    );
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-18T18:00:00+09:00",
            &["platform: run the drill"],
        ),
        acking(
            "bo",
            "platform",
            "2026-11-19T18:00:00+09:00",
            vec![(drill.as_str(), AckVerb::Taken { by: None })],
        ),
        wrap("cy", "2026-11-20T09:00:00+09:00"),
        acking(
            "bo",
            "platform",
            "2026-11-21T18:00:00+09:00",
            vec![(drill.as_str(), AckVerb::Done)],
        ),
        wrap("ana", "2026-11-22T09:00:00+09:00"),
    ];
    let (ledger, d) = ledger(wraps, "2026-11-22");
    assert!(!d.has_errors(), "{d:?}");
    let status = |day: usize| {
        ledger
            .open_asks(&ledger.briefs[day])
            .iter()
            .map(|o| (o.state.status.clone(), o.age_days))
            .collect::<Vec<_>>()
    };
    assert_eq!(status(0), [(ItemStatus::Open, 0)]);
    let taken = ItemStatus::Taken {
        by: key("bo"),
        name: "bo".into(),
    };
    assert_eq!(status(1), [(taken.clone(), 1)]);
    assert_eq!(status(2), [(taken, 2)], "carried over with its age");
    assert!(status(3).is_empty(), "done on the 21st");
    assert_eq!(ledger.briefs[3].handover.acknowledged.len(), 1);
    assert!(status(4).is_empty());
}

/// The generated id of `written` by `author` at `time`.
fn generated(author: &str, time: &str, written: &str) -> String {
    crate::content::ask::generated_id(
        &key(author),
        chrono::DateTime::parse_from_rfc3339(time).unwrap(),
        written,
    )
    .short()
    .to_string()
}

#[test]
fn an_ask_its_team_let_a_shift_pass_is_unacknowledged() {
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["platform: shard 4"],
        ),
        // A teammate of the writer in the same shift does not count.
        wrap("cy", "2026-11-20T09:30:00+09:00"),
        Wrap {
            team: team("platform"),
            ..wrap("bo", "2026-11-20T18:00:00+09:00")
        },
        Wrap {
            team: team("platform"),
            ..wrap("di", "2026-11-21T18:00:00+09:00")
        },
    ];
    let (ledger, _) = ledger(wraps, "2026-11-21");
    // bo's shift on the 20th passed without picking it up.
    let open = &ledger.briefs[0].handover.open[0];
    assert_eq!((open.shifts_passed, open.unacknowledged), (1, true));
    // And so it stands now (what `check` warns about).
    assert!(ledger.asks_now[0].unacknowledged);
    assert_eq!(
        ledger.briefs[1].handover.open[0].shifts_passed, 1,
        "counts stop at enough"
    );
}

#[test]
fn an_own_team_ask_waits_for_the_next_shift_of_the_team() {
    let wraps = vec![
        Wrap {
            shift: Some("apac".into()),
            ..asking(
                "ana",
                "payments",
                "2026-11-20T09:00:00+09:00",
                &["Run the drill"],
            )
        },
        Wrap {
            team: team("payments"),
            shift: Some("apac".into()),
            ..wrap("cy", "2026-11-20T09:30:00+09:00")
        },
    ];
    let (ledger, d) = ledger(wraps, "2026-11-20");
    assert!(!ledger.briefs[0].handover.open[0].unacknowledged);
    assert!(d.iter().all(|x| x.code != Code::Unacknowledged));
}

#[test]
fn handed_on_asks_wait_for_their_new_receiver() {
    let id = generated("ana", "2026-11-20T09:00:00+09:00", "platform: shard 4");
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["platform: shard 4"],
        ),
        acking(
            "bo",
            "platform",
            "2026-11-20T18:00:00+09:00",
            vec![(
                id.as_str(),
                AckVerb::HandedOn {
                    to: AskTo::Person("di".into()),
                },
            )],
        ),
        Wrap {
            team: team("platform"),
            ..wrap("di", "2026-11-19T18:00:00+09:00")
        },
    ];
    let (ledger, _) = ledger(wraps, "2026-11-20");
    let open = &ledger.open_asks(&ledger.briefs[1])[0];
    assert_eq!(open.state.receiver, Receiver::Person(key("di")));
    assert_eq!(open.state.status, ItemStatus::Open);
    assert!(!open.unacknowledged, "di has had no shift since");
}

#[test]
fn an_unknown_ask_id_is_an_error_with_the_closest_ids() {
    let id = generated("ana", "2026-11-20T09:00:00+09:00", "platform: shard 4");
    let mut typo = id.clone();
    typo.pop();
    typo.push('x');
    if typo == id {
        typo.pop();
        typo.push('y');
    }
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["platform: shard 4"],
        ),
        acking(
            "bo",
            "platform",
            "2026-11-20T18:00:00+09:00",
            vec![(typo.as_str(), AckVerb::Done)],
        ),
    ];
    let (_, d) = ledger(wraps, "2026-11-20");
    let error = d
        .iter()
        .find(|x| x.code == Code::UnknownItem)
        .expect("an error");
    assert!(error.message.contains(&typo));
    assert!(error.help.as_deref().unwrap().contains(&id), "{error:?}");
}

#[test]
fn acknowledging_before_the_ask_is_written_says_so() {
    let id = generated("ana", "2026-11-21T09:00:00+09:00", "platform: shard 4");
    let wraps = vec![
        acking(
            "bo",
            "platform",
            "2026-11-20T18:00:00+09:00",
            vec![(id.as_str(), AckVerb::Done)],
        ),
        asking(
            "ana",
            "payments",
            "2026-11-21T09:00:00+09:00",
            &["platform: shard 4"],
        ),
    ];
    let (_, d) = ledger(wraps, "2026-11-21");
    let error = d
        .iter()
        .find(|x| x.code == Code::UnknownItem)
        .expect("an error");
    assert!(
        error.help.as_deref().unwrap().contains("handed over later"),
        "{error:?}"
    );
}

#[test]
fn the_same_text_twice_in_a_day_gets_a_longer_code_the_second_time() {
    let wraps = vec![
        asking(
            "ana",
            "payments",
            "2026-11-20T09:00:00+09:00",
            &["Check the queue"],
        ),
        asking(
            "ana",
            "payments",
            "2026-11-20T18:00:00+09:00",
            &["Check the queue"],
        ),
    ];
    let (ledger, _) = ledger(wraps, "2026-11-20");
    let ids: Vec<&str> = ledger
        .handover
        .items
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    // The earlier ask keeps its id; the later one's code goes on.
    assert!(ids[1].starts_with(ids[0]) && ids[1].len() == ids[0].len() + 1);
}

mod broadcasts;
mod incidents_and_pager;
