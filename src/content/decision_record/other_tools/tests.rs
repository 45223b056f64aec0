//! Reading each format's records, made in memory.

use chrono::NaiveDate;

use super::*;
use crate::content::decision::DecisionStatus;

fn config() -> Config {
    let mut d = Diagnostics::new();
    let text =
        "timezone = \"Europe/Berlin\"\n[people.ana]\nname = \"Ana Lima\"\naliases = [\"alima\"]\n";
    Config::parse(SourceFile::new("standin.toml", text), &mut d).expect("a config")
}

fn dir(path: &str, package: Option<&str>) -> DecisionDir {
    DecisionDir {
        path: path.to_string(),
        package: package.map(str::to_string),
        found_by: FoundBy::Convention,
    }
}

fn read_in(folder: &DecisionDir, path: &str, text: &str) -> (Option<DecisionRecord>, Diagnostics) {
    let mut d = Diagnostics::new();
    let record = read(SourceFile::new(path, text), folder, &config(), &mut d);
    (record, d)
}

fn record(path: &str, text: &str) -> DecisionRecord {
    let folder = path.rsplit_once('/').map_or("", |(f, _)| f);
    let (record, d) = read_in(&dir(folder, None), path, text);
    assert!(d.is_empty(), "{d:?}");
    record.expect("a record")
}

const NYGARD: &str = "# 3. Use Redis for sessions\n\nDate: 2026-03-04\n\n## Status\n\nAccepted\n\nSupercedes [1. Keep sessions in Postgres](0001-keep-sessions-in-postgres.md)\n\nClarifies [2. Session TTLs](0002-session-ttls.md)\n\n## Context\n\nSessions need per-key TTLs;\nthe sweeper lags.\n\nMore context.\n\n## Decision\n\nWe will use Redis.\n";

#[test]
fn nygard_records() {
    let r = record("doc/adr/0003-use-redis-for-sessions.md", NYGARD);
    assert_eq!(r.entry.id.value.as_str(), "0003-use-redis-for-sessions");
    assert_eq!(r.entry.title.value, "Use Redis for sessions");
    assert_eq!(
        r.entry.why.as_deref(),
        Some("Sessions need per-key TTLs; the sweeper lags.")
    );
    assert_eq!(r.entry.status, Some(DecisionStatus::Accepted));
    assert_eq!(r.details.format, RecordFormat::Nygard);
    assert_eq!(r.details.number, Some(3));
    assert_eq!(r.details.status_label, None);
    assert_eq!(r.at.unwrap().to_rfc3339(), "2026-03-04T00:00:00+01:00");
    let relations: Vec<(RelationKind, RelationTarget)> = r
        .details
        .relations
        .iter()
        .map(|x| (x.kind.clone(), x.target.clone()))
        .collect();
    assert_eq!(
        relations,
        [
            (
                RelationKind::Supersedes,
                RelationTarget::File("doc/adr/0001-keep-sessions-in-postgres.md".into())
            ),
            (
                RelationKind::Other("Clarifies".into()),
                RelationTarget::File("doc/adr/0002-session-ttls.md".into())
            ),
        ]
    );
    // The title is the page's heading, not the body's.
    assert!(
        !r.body.html.contains("Use Redis for sessions</h"),
        "{}",
        r.body.html
    );
    // `Date:` is shown beside the record; the Status section is the
    // record's own.
    assert!(
        r.body
            .html
            .starts_with("<h2 id=\"user-content-status\">Status</h2>"),
        "{}",
        r.body.html
    );
    assert!(r.author_name.is_empty());
}

#[test]
fn a_superseded_nygard_record_without_a_status_word() {
    let r = record(
        "doc/adr/0001-keep-sessions-in-postgres.md",
        "# 1. Keep sessions in Postgres\n\nDate: 2026-01-02\n\n## Status\n\nSuperceded by [3. Use Redis](0003-use-redis-for-sessions.md)\n\n## Context\n\nOne database.\n",
    );
    assert_eq!(r.entry.status, Some(DecisionStatus::Superseded));
    assert_eq!(r.details.status_label, None);
    assert_eq!(r.details.relations[0].kind, RelationKind::SupersededBy);
}

#[test]
fn madr2_bullets() {
    let text = "# Use Kafka for order events\n\n* Status: deprecated\n* Deciders: alima, Bo Chen\n* Date: 2025-06-30\n\nTechnical Story: [ORD-12](https://tickets.example/ORD-12)\n\n## Context and Problem Statement\n\nOrders must reach billing in order.\n\n## Decision Outcome\n\nChosen option: \"Kafka\".\n\n## Links\n\n* Amends [ADR-0002](0002-order-ids.md)\n* Refined by [ADR-0009](0009-partitions.md)\n";
    let r = record("docs/adr/0004-use-kafka-for-order-events.md", text);
    assert_eq!(r.details.format, RecordFormat::Madr2);
    assert_eq!(r.entry.status, Some(DecisionStatus::Superseded));
    assert_eq!(r.details.status_label.as_deref(), Some("deprecated"));
    let deciders: Vec<&str> = r.details.deciders.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(deciders, ["Ana Lima", "Bo Chen"]);
    assert_eq!(r.author_name, "Ana Lima, Bo Chen");
    assert_eq!(
        r.entry.link.as_deref(),
        Some("https://tickets.example/ORD-12")
    );
    assert_eq!(
        r.entry.why.as_deref(),
        Some("Orders must reach billing in order.")
    );
    let kinds: Vec<RelationKind> = r.details.relations.iter().map(|x| x.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            RelationKind::Amends,
            RelationKind::Other("Refined by".into())
        ]
    );
    // The page shows the bullets beside the record; the body starts at
    // its first section.
    assert!(
        r.body
            .html
            .starts_with("<h2 id=\"user-content-context-and-problem-statement\""),
        "{}",
        r.body.html
    );
    // A line standin does not read keeps them all in the body, as written.
    let kept = text.replace(
        "* Date: 2025-06-30\n",
        "* Date: 2025-06-30\n* Reviewers: Cleo\n",
    );
    let r = record("docs/adr/0004-use-kafka-for-order-events.md", &kept);
    assert!(r.body.html.contains("Reviewers: Cleo"), "{}", r.body.html);
    assert!(r.body.html.contains("Deciders: alima"), "{}", r.body.html);
}

#[test]
fn madr_yaml_front_matter() {
    let text = "---\nparent: Decisions\nnav_order: 7\nstatus: \"superseded by ADR-0012\"\ndate: 2026-02-01\ndecision-makers: Ana Lima\nconsulted: [SRE]\ninformed: everyone in payments\n---\n<!-- markdownlint-disable-next-line MD025 -->\n# Retry card payments twice\n\n## Context and Problem Statement\n\nCard networks drop one request in a thousand.\n";
    let r = record("docs/decisions/0007-retry-card-payments.md", text);
    assert_eq!(r.details.format, RecordFormat::Madr);
    assert_eq!(r.entry.title.value, "Retry card payments twice");
    assert_eq!(r.entry.status, Some(DecisionStatus::Superseded));
    assert_eq!(r.details.relations[0].target, RelationTarget::Number(12));
    assert_eq!(r.details.consulted[0].name, "SRE");
    assert_eq!(r.details.informed[0].name, "everyone in payments");
    assert_eq!(r.details.number, Some(7));
    assert!(!r.body.html.contains("nav_order"));
}

#[test]
fn log4brains_records_and_packages() {
    let text = "# Bill in euros only\n\n- Status: on hold\n- Date: [YYYY-MM-DD when the decision was last updated]\n- Tags: billing, currency\n\n## Context and Problem Statement\n\nOne currency keeps invoices simple.\n\n## Links\n\n- Supersedes [20250101-bill-in-local-currency](20250101-bill-in-local-currency.md)\n";
    let folder = dir("services/billing/docs/adr", Some("billing"));
    let (r, d) = read_in(
        &folder,
        "services/billing/docs/adr/20260115-bill-in-euros-only.md",
        text,
    );
    let r = r.unwrap();
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(r.details.format, RecordFormat::Log4brains);
    assert_eq!(
        r.entry.id.value.as_str(),
        "billing-20260115-bill-in-euros-only"
    );
    assert_eq!(r.details.number, None);
    assert_eq!(r.details.package.as_deref(), Some("billing"));
    // The placeholder is no date; the file name's day is.
    assert_eq!(r.at.unwrap().to_rfc3339(), "2026-01-15T00:00:00+01:00");
    assert_eq!(r.entry.status, Some(DecisionStatus::Proposed));
    assert_eq!(r.details.status_label.as_deref(), Some("on hold"));
    let tags: Vec<&str> = r.entry.tags.iter().map(|t| t.as_str()).collect();
    assert_eq!(tags, ["billing", "currency"]);
}

#[test]
fn lenient_problems_are_warnings() {
    let folder = dir("docs/adr", None);
    let (r, d) = read_in(
        &folder,
        "docs/adr/0005-x.md",
        "# 5. X\n\nDate: sometime in May\n\n## Status\n\nAccepted\n",
    );
    assert!(r.unwrap().at.is_none());
    assert_eq!(d.len(), 1);
    let warning = d.iter().next().unwrap();
    assert_eq!(warning.code, Code::LenientRecord);
    assert_eq!(warning.line_column(), Some((3, 1)));

    let (r, d) = read_in(&folder, "docs/adr/notes.md", "Just some notes.\n");
    assert!(r.is_none());
    assert_eq!(d.iter().next().unwrap().code, Code::LenientRecord);
}

#[test]
fn ids_come_from_file_names_made_safe() {
    assert_eq!(
        record_id("0003-aws-networking-outline", None)
            .unwrap()
            .as_str(),
        "0003-aws-networking-outline"
    );
    assert_eq!(
        record_id("ADR-0004 Use Kafka", None).unwrap().as_str(),
        "adr-0004-use-kafka"
    );
    assert_eq!(record_id("CON", None).unwrap().as_str(), "con-1");
    assert_eq!(
        record_id("20260115-x", Some("billing")).unwrap().as_str(),
        "billing-20260115-x"
    );
    assert!(record_id("!!!", None).is_none());
}

#[test]
fn numbers_and_names() {
    assert_eq!(split_number("12. Use X"), (Some(12), "Use X"));
    assert_eq!(split_number("ADR-0004: Use Kafka"), (Some(4), "Use Kafka"));
    assert_eq!(split_number("2FA for admins"), (None, "2FA for admins"));
    assert_eq!(name_prefix("0009-x"), (Some(9), None));
    assert_eq!(
        name_prefix("20260115-x"),
        (None, NaiveDate::from_ymd_opt(2026, 1, 15))
    );
    assert_eq!(name_prefix("use-x"), (None, None));
    for name in [
        "README.md",
        "index.md",
        "template.md",
        "adr-template.md",
        "adr-template-bare-minimal.md",
        "0000-template.md",
        "_template.md",
        "TEMPLATE.md",
    ] {
        assert!(!is_record_name(name), "{name}");
    }
    assert!(is_record_name(
        "0000-use-markdown-architectural-decision-records.md"
    ));
    assert!(is_record_name("0007-choose-a-template-engine.md"));
    assert!(is_record_name("0008-templates-for-alerts.md"));
}
