//! Decision records read in place, in the formats teams already write
//! (`tests/fixtures/{adr-tools,madr2,madr3,madr4,log4brains}`): each site
//! builds with no warning; every record is a page under its file stem,
//! README, index and template files are not; statuses show as written and
//! filter as what they map to; supersedes and amends link both ways;
//! images beside a record are published; links between records, and from
//! wraps to records, lead to their pages; no internal link is broken.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use scraper::{ElementRef, Html};
use serde_json::Value;

/// What one fixture site must show.
struct Expected {
    /// The site folder, under `tests/fixtures/`.
    site: &'static str,
    /// Every decision of the log: id and title.
    decisions: &'static [(&'static str, &'static str)],
    /// `(older, newer)`: the newer supersedes the older.
    superseded: (&'static str, &'static str),
    /// `(amended, amending)`.
    amended: (&'static str, &'static str),
    /// `(id, status as written, status the log's filter finds it by)`.
    unusual: (&'static str, &'static str, &'static str),
    /// `(id, file beside the record in the fixture, output path)`.
    image: (&'static str, &'static str, &'static str),
    /// `(id, link text in its record, the decision it leads to)`.
    record_link: (&'static str, &'static str, &'static str),
    /// `(wrap page, link text, the decision it leads to, fragment)`.
    wrap_link: (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
    ),
}

fn decision_page(id: &str) -> String {
    format!("decisions/{id}/index.html")
}

/// Builds the fixture into a temp dir; asserts `check` finds nothing and
/// no link of the output is broken.
fn built(site: &str) -> (tempfile::TempDir, PathBuf) {
    let site = fixture(site);
    let (code, diagnostics) = check(&site);
    assert_eq!((code, diagnostics), (0, Vec::new()), "{}", site.display());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    assert_eq!(broken_links(&out, &[]), Vec::<String>::new());
    (dir, out)
}

/// `standin check --format json` on `site`: exit code and diagnostics.
fn check(site: &Path) -> (i32, Vec<Value>) {
    let output = run(&["check", site.to_str().unwrap(), "--format", "json"]);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect();
    (output.status.code().unwrap(), diagnostics)
}

/// The facts of a decision page (`.facts`): each `<dt>` with the text of
/// its `<dd>` and the pages its links lead to (output paths).
fn facts(html: &Html, page: &str) -> Vec<(String, String, Vec<String>)> {
    let mut found: Vec<(String, String, Vec<String>)> = Vec::new();
    let Some(list) = html.select(&selector(".facts")).next() else {
        return found;
    };
    for child in list.children().filter_map(ElementRef::wrap) {
        let text = child.text().collect::<Vec<_>>().join(" ");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match child.value().name() {
            "dt" => found.push((text, String::new(), Vec::new())),
            "dd" => {
                let (_, dd, links) = found.last_mut().expect("a dd after a dt");
                *dd = text;
                *links = child
                    .select(&selector("a[href]"))
                    .map(|a| resolve(page, a.value().attr("href").unwrap()))
                    .collect();
            }
            _ => {}
        }
    }
    found
}

/// The pages the `term` fact of a page links to.
fn fact_links(out: &Path, id: &str, term: &str) -> Vec<String> {
    let page = decision_page(id);
    facts(&common::page(out, &page), &page)
        .into_iter()
        .find(|(dt, _, _)| dt == term)
        .map(|(_, _, links)| links)
        .unwrap_or_default()
}

/// The text of a decision page's status badges.
fn badges(out: &Path, id: &str) -> String {
    texts(&page(out, &decision_page(id)), ".page-head .badges").join(" ")
}

/// The href of the link with `text` in the body (`.prose`) of a page.
fn body_href(out: &Path, page: &str, text: &str) -> String {
    links(&common::page(out, page), ".prose a")
        .into_iter()
        .find(|(t, _)| t == text)
        .map(|(_, href)| href)
        .unwrap_or_else(|| panic!("no link {text:?} in the body of {page}"))
}

/// Builds `expected.site` and checks everything it lists.
fn assert_site(expected: &Expected) -> (tempfile::TempDir, PathBuf) {
    let (dir, out) = built(expected.site);
    let log = page(&out, "decisions/index.html");

    // Every record is a page, under its file stem; nothing else is.
    let mut listed: Vec<String> = attrs(&log, ".decision-row .row-title a", "href")
        .iter()
        .map(|href| resolve("decisions/index.html", href))
        .collect();
    listed.sort();
    let mut wanted: Vec<String> = expected
        .decisions
        .iter()
        .map(|(id, _)| decision_page(id))
        .collect();
    wanted.sort();
    assert_eq!(listed, wanted, "{}", expected.site);
    for (id, title) in expected.decisions {
        let html = page(&out, &decision_page(id));
        assert_eq!(texts(&html, "h1"), [title.to_string()], "{id}");
    }

    // Supersedes, both ways, and the chain on both pages.
    let (older, newer) = expected.superseded;
    assert_eq!(
        fact_links(&out, newer, "Supersedes"),
        [decision_page(older)]
    );
    assert_eq!(
        fact_links(&out, older, "Superseded by"),
        [decision_page(newer)]
    );
    assert!(
        badges(&out, older).starts_with("Status superseded"),
        "{older}"
    );
    for id in [older, newer] {
        let chain = texts(&page(&out, &decision_page(id)), ".chain li");
        assert_eq!(chain.len(), 2, "{id}: {chain:?}");
    }

    // Amends, both ways; the amended decision stays in force.
    let (amended, amending) = expected.amended;
    assert_eq!(
        fact_links(&out, amending, "Amends"),
        [decision_page(amended)]
    );
    assert_eq!(
        fact_links(&out, amended, "Amended by"),
        [decision_page(amending)]
    );
    assert!(
        badges(&out, amended).starts_with("Status accepted"),
        "{amended}"
    );

    // A status outside standin's words: shown as written, filtered as
    // what it maps to.
    let (id, written, filed) = expected.unusual;
    assert!(
        badges(&out, id).contains(written),
        "{id}: {}",
        badges(&out, id)
    );
    let row = format!(".decision-row:has(a[href=\"../decisions/{id}/index.html\"])");
    assert_eq!(
        attrs(&log, &row, "data-status"),
        [filed.to_string()],
        "{id}"
    );
    // The log shows the words while they are the record's status (not
    // once a later decision superseded it).
    if !badges(&out, id).contains("recorded as") {
        assert!(
            texts(&log, &row).join(" ").contains(written),
            "{id} in the log"
        );
    }

    // The image beside a record, published byte for byte.
    let (id, source, published) = expected.image;
    let record = decision_page(id);
    let images = attrs(&page(&out, &record), ".prose img", "src");
    assert_eq!(images.len(), 1, "{id}");
    assert_eq!(resolve(&record, &images[0]), published);
    let source_dir = fixture(expected.site.split('/').next().unwrap());
    assert_eq!(
        std::fs::read(out.join(published)).unwrap(),
        std::fs::read(source_dir.join(source)).unwrap()
    );

    // A link in a record to another record leads to its page.
    let (id, text, target) = expected.record_link;
    let record = decision_page(id);
    assert_eq!(
        resolve(&record, &body_href(&out, &record, text)),
        decision_page(target)
    );

    // So does a link from a wrap, at the heading it names.
    let (wrap, text, target, fragment) = expected.wrap_link;
    let href = body_href(&out, wrap, text);
    assert_eq!(resolve(wrap, &href), decision_page(target));
    assert_eq!(href.split_once('#').map(|(_, f)| f), fragment);
    if let Some(fragment) = fragment {
        let html = page(&out, &decision_page(target));
        assert_eq!(attrs(&html, &format!("[id=\"{fragment}\"]"), "id").len(), 1);
    }
    (dir, out)
}

#[test]
fn adr_tools_records_in_the_folder_adr_dir_names() {
    let (_dir, out) = assert_site(&Expected {
        site: "adr-tools",
        decisions: &[
            (
                "0001-record-architecture-decisions",
                "Record architecture decisions",
            ),
            (
                "0002-keep-sessions-in-postgres",
                "Keep sessions in Postgres",
            ),
            (
                "0003-session-lifetime-of-thirty-minutes",
                "Session lifetime of thirty minutes",
            ),
            ("0004-move-sessions-to-redis", "Move sessions to Redis"),
            ("0005-redis-eviction-policy", "Redis eviction policy"),
            (
                "evict-least-recently-used-sessions",
                "Evict least recently used sessions",
            ),
        ],
        // Written `Superceded by` and `Supercedes`, adr-tools' old spelling.
        superseded: (
            "0002-keep-sessions-in-postgres",
            "0004-move-sessions-to-redis",
        ),
        amended: (
            "0003-session-lifetime-of-thirty-minutes",
            "0004-move-sessions-to-redis",
        ),
        // Superseded since by a wrap: the words written stay on the page.
        unusual: ("0005-redis-eviction-policy", "On hold", "superseded"),
        image: (
            "0004-move-sessions-to-redis",
            "architecture/decisions/0004-session-flow.png",
            "files/architecture/decisions/0004-session-flow.png",
        ),
        record_link: (
            "0004-move-sessions-to-redis",
            "5. Redis eviction policy",
            "0005-redis-eviction-policy",
        ),
        wrap_link: (
            "wraps/2026-03-12/ana-1730/index.html",
            "ADR 5",
            "0005-redis-eviction-policy",
            Some("user-content-decision"),
        ),
    });
    let adr = page(&out, &decision_page("0004-move-sessions-to-redis"));
    assert!(texts(&adr, ".eyebrow")[0].contains("ADR-0004"));
    // A custom relation pair (`Clarifies` / `Clarified by`), both ways.
    assert_eq!(
        texts(&adr, ".facts .relations li"),
        ["Clarifies Redis eviction policy"]
    );
    // `Date:` is shown beside the record, not repeated in it.
    assert!(
        !texts(&adr, ".prose p")
            .iter()
            .any(|p| p.starts_with("Date:"))
    );
    assert_eq!(texts(&adr, ".prose h2")[0], "Status");
}

#[test]
fn a_wrap_supersedes_a_record_by_its_file_stem() {
    let (_dir, out) = built("adr-tools");
    let record = "0005-redis-eviction-policy";
    let wrap_decision = "evict-least-recently-used-sessions";
    assert_eq!(
        fact_links(&out, record, "Superseded by"),
        [decision_page(wrap_decision)]
    );
    assert_eq!(
        fact_links(&out, wrap_decision, "Supersedes"),
        [decision_page(record)]
    );
    assert_eq!(
        badges(&out, record),
        "Status superseded recorded as On hold"
    );
    let mentions = texts(
        &page(&out, &decision_page(record)),
        "#mentions + ul .row-title",
    );
    assert_eq!(mentions.len(), 1, "{mentions:?}");
    assert!(mentions[0].contains("superseded it with"), "{mentions:?}");
}

#[test]
fn madr2_bullets_in_docs_adr() {
    let (_dir, out) = assert_site(&Expected {
        site: "madr2",
        decisions: &[
            (
                "0001-use-markdown-architectural-decision-records",
                "Use Markdown Architectural Decision Records",
            ),
            (
                "0002-publish-order-events-with-rabbitmq",
                "Publish order events with RabbitMQ",
            ),
            ("0003-order-ids-are-uuids", "Order ids are UUIDs"),
            (
                "0004-publish-order-events-with-kafka",
                "Publish order events with Kafka",
            ),
            (
                "0005-split-the-orders-database",
                "Split the orders database by region",
            ),
        ],
        superseded: (
            "0002-publish-order-events-with-rabbitmq",
            "0004-publish-order-events-with-kafka",
        ),
        amended: (
            "0003-order-ids-are-uuids",
            "0004-publish-order-events-with-kafka",
        ),
        unusual: ("0005-split-the-orders-database", "draft", "proposed"),
        image: (
            "0004-publish-order-events-with-kafka",
            "docs/adr/0004-order-events.png",
            "files/docs/adr/0004-order-events.png",
        ),
        record_link: (
            "0004-publish-order-events-with-kafka",
            "ADR-0002",
            "0002-publish-order-events-with-rabbitmq",
        ),
        wrap_link: (
            "wraps/2026-04-02/priya-raman-1800/index.html",
            "ADR-0004",
            "0004-publish-order-events-with-kafka",
            Some("user-content-decision-outcome"),
        ),
    });
    let kafka = decision_page("0004-publish-order-events-with-kafka");
    let facts = facts(&page(&out, &kafka), &kafka);
    let decided = &facts.iter().find(|(dt, _, _)| dt == "Decided").unwrap().1;
    assert!(
        decided.starts_with("Mon 30 Mar 2026 by Priya Raman, Tomasz Nowak"),
        "{decided}"
    );
    assert!(decided.ends_with("MADR 2)"), "{decided}");
    let discussed = facts.iter().find(|(dt, _, _)| dt == "Discussed").unwrap();
    assert_eq!(discussed.1, "https://tickets.example.test/browse/ORD-311");
    // A record without a date is listed without one, never dated by the clock.
    let draft = page(&out, &decision_page("0005-split-the-orders-database"));
    assert!(texts(&draft, ".facts dd")[0].starts_with("Undated, by Tomasz Nowak"));
}

#[test]
fn madr3_front_matter_in_a_folder_standin_toml_lists() {
    let (_dir, out) = assert_site(&Expected {
        site: "madr3",
        decisions: &[
            ("0001-deploy-with-helm", "Deploy services with Helm from CI"),
            ("0002-one-namespace-per-team", "One namespace per team"),
            ("0003-deploy-with-argo-cd", "Deploy with Argo CD"),
            ("0004-service-mesh", "Run a service mesh"),
        ],
        // `status: "superseded by [ADR-0003](0003-deploy-with-argo-cd.md)"`.
        superseded: ("0001-deploy-with-helm", "0003-deploy-with-argo-cd"),
        amended: ("0002-one-namespace-per-team", "0003-deploy-with-argo-cd"),
        unusual: ("0004-service-mesh", "deprecated", "superseded"),
        image: (
            "0003-deploy-with-argo-cd",
            "docs/decisions/0003-pull-deploys.png",
            "files/docs/decisions/0003-pull-deploys.png",
        ),
        record_link: (
            "0002-one-namespace-per-team",
            "ADR-0003",
            "0003-deploy-with-argo-cd",
        ),
        wrap_link: (
            "wraps/2026-05-06/kenji-sato-1900/index.html",
            "ADR-0003",
            "0003-deploy-with-argo-cd",
            None,
        ),
    });
    let argo = decision_page("0003-deploy-with-argo-cd");
    let facts = facts(&page(&out, &argo), &argo);
    let fact = |term: &str| {
        facts
            .iter()
            .find(|(dt, _, _)| dt == term)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(fact("Consulted"), "Security guild, SRE");
    assert_eq!(fact("Informed"), "All engineering");
    // Navigation keys of a documentation site are not the record's.
    let html = std::fs::read_to_string(out.join(&argo)).unwrap();
    assert!(!html.contains("nav_order"));
}

#[test]
fn madr4_records_above_the_site_folder() {
    let (_dir, out) = assert_site(&Expected {
        site: "madr4/handoffs",
        decisions: &[
            (
                "0001-nightly-batch-exports",
                "Export warehouse tables in a nightly batch",
            ),
            ("0002-parquet-for-exports", "Write exports as Parquet"),
            (
                "0003-stream-changes-to-the-lake",
                "Stream warehouse changes to the lake",
            ),
            (
                "0004-retire-the-reporting-replica",
                "Retire the reporting replica",
            ),
        ],
        // `status: "superseded by ADR-0003"`: a number, no link.
        superseded: (
            "0001-nightly-batch-exports",
            "0003-stream-changes-to-the-lake",
        ),
        amended: (
            "0002-parquet-for-exports",
            "0003-stream-changes-to-the-lake",
        ),
        unusual: ("0004-retire-the-reporting-replica", "on hold", "proposed"),
        image: (
            "0003-stream-changes-to-the-lake",
            "docs/decisions/0003-cdc.png",
            "files/_up/docs/decisions/0003-cdc.png",
        ),
        record_link: (
            "0003-stream-changes-to-the-lake",
            "ADR-0001",
            "0001-nightly-batch-exports",
        ),
        wrap_link: (
            "wraps/2026-06-18/lucia-1700/index.html",
            "confirmation in ADR-0003",
            "0003-stream-changes-to-the-lake",
            Some("user-content-confirmation"),
        ),
    });
    // `decision-makers` by alias and by name: one person, as [people] names her.
    let lake = decision_page("0003-stream-changes-to-the-lake");
    let decided = texts(&page(&out, &lake), ".facts dd")[0].clone();
    assert!(
        decided.contains("by Lucía Fernández, Omar Haddad"),
        "{decided}"
    );
    let exports = texts(
        &page(&out, &decision_page("0002-parquet-for-exports")),
        ".facts dd",
    )[0]
    .clone();
    assert!(
        exports.contains("by Lucía Fernández, Omar Haddad"),
        "{exports}"
    );
}

#[test]
fn log4brains_records_of_every_package() {
    let (_dir, out) = assert_site(&Expected {
        site: "log4brains",
        decisions: &[
            (
                "20250601-use-log4brains-to-manage-the-adrs",
                "Use Log4brains to manage the ADRs",
            ),
            (
                "payments-20250901-prices-come-from-the-payments-service",
                "Prices come from the payments service",
            ),
            (
                "payments-20260610-accept-wallet-payments",
                "Accept wallet payments",
            ),
            (
                "storefront-20250710-render-product-pages-on-the-server",
                "Render product pages on the server",
            ),
            (
                "storefront-20260520-render-product-pages-at-the-edge",
                "Render product pages at the edge",
            ),
        ],
        superseded: (
            "storefront-20250710-render-product-pages-on-the-server",
            "storefront-20260520-render-product-pages-at-the-edge",
        ),
        // Across packages: `../../../payments/docs/adr/...`.
        amended: (
            "payments-20250901-prices-come-from-the-payments-service",
            "storefront-20260520-render-product-pages-at-the-edge",
        ),
        unusual: (
            "payments-20260610-accept-wallet-payments",
            "deprecated",
            "superseded",
        ),
        image: (
            "storefront-20260520-render-product-pages-at-the-edge",
            "packages/storefront/docs/adr/20260520-edge-render.png",
            "files/packages/storefront/docs/adr/20260520-edge-render.png",
        ),
        record_link: (
            "payments-20250901-prices-come-from-the-payments-service",
            "20260520-render-product-pages-at-the-edge",
            "storefront-20260520-render-product-pages-at-the-edge",
        ),
        wrap_link: (
            "wraps/2026-07-01/hugo-martin-1830/index.html",
            "the decision",
            "storefront-20260520-render-product-pages-at-the-edge",
            None,
        ),
    });
    let edge = decision_page("storefront-20260520-render-product-pages-at-the-edge");
    let facts = facts(&page(&out, &edge), &edge);
    let fact = |term: &str| {
        facts
            .iter()
            .find(|(dt, _, _)| dt == term)
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(fact("Package"), "storefront");
    assert_eq!(fact("Tags"), "#frontend #performance #cdn");
    // Dated names carry no number.
    assert!(!texts(&page(&out, &edge), ".eyebrow")[0].contains("ADR-"));
}

#[test]
fn the_decisions_api_keeps_statuses_as_written() {
    let (_dir, out) = built("madr3");
    let api: Value =
        serde_json::from_slice(&std::fs::read(out.join("api/decisions.json")).unwrap()).unwrap();
    let decisions = api["decisions"].as_array().expect("a list of decisions");
    let mesh = decisions
        .iter()
        .find(|d| d["id"] == "0004-service-mesh")
        .expect("the mesh record");
    assert_eq!(mesh["status"], "superseded");
    assert_eq!(mesh["status_as_written"], "deprecated");
    assert_eq!(mesh["number"], 4);
    let argo = decisions
        .iter()
        .find(|d| d["id"] == "0003-deploy-with-argo-cd")
        .unwrap();
    assert_eq!(
        argo["supersedes"],
        serde_json::json!(["0001-deploy-with-helm"])
    );
    assert_eq!(
        argo["amends"],
        serde_json::json!(["0002-one-namespace-per-team"])
    );
}

#[test]
fn check_warns_once_where_a_relation_names_no_record() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("madr2"), &site);
    let record = "docs/adr/0006-archive-old-orders.md";
    std::fs::write(
        site.join(record),
        "# Archive old orders\n\n* Status: superseded by ADR-0042\n* Date: 2026-04-01\n\n## Context and Problem Statement\n\nThe orders table holds ten years.\n\n## Links\n\n* Amends [ADR-0009](0009-order-retention.md)\n",
    )
    .unwrap();
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0, "warnings only: {diagnostics:?}");
    let found: Vec<(&str, &str, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let file = site.join(record);
    let file = file.to_str().unwrap();
    // The number names no record (W014); the link names no file (W013,
    // and no second warning for the relation it states).
    assert_eq!(found, [("W014", file, 3, 1), ("W013", file, 12, 21)]);
}
