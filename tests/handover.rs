//! Handing over, end to end on `tests/fixtures/handover`: asks reach whom
//! they are for and stay until acknowledged, incidents lead the briefs
//! until resolved, the pager says who is on call, and `standin new` hands
//! the writer what is waiting for them.
//!
//! The fixture (site zone UTC): on the 18th ana (alpha, Tokyo) hands over
//! four asks and opens INC-1; bo (beta, Berlin) takes one, hands another on
//! to alpha and finds the cause. On the 19th cy (alpha) closes the ask to
//! everyone and writes a weekend pager turn for Dee; bo finishes his ask
//! and resolves INC-1. On the 20th ana closes her own team's ask and takes
//! the one handed on.

mod common;

use std::path::Path;

use common::*;
use scraper::Html;

fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("handover"), &dir.path().join("out"), &[]);
    dir
}

fn brief(out: &Path, day: &str) -> Html {
    page(
        &out.join("out"),
        &format!("briefs/2026-11-{day}/index.html"),
    )
}

/// `(id, what)` of the asks in the section labelled `section`.
fn asks(html: &Html, section: &str) -> Vec<(String, String)> {
    let ids = texts(
        html,
        &format!("section[aria-labelledby={section}] .ask .item-id"),
    );
    let whats = texts(
        html,
        &format!("section[aria-labelledby={section}] .ask .what"),
    );
    ids.into_iter().zip(whats).collect()
}

fn ids(html: &Html, section: &str) -> Vec<String> {
    asks(html, section).into_iter().map(|(id, _)| id).collect()
}

fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("handover"), dir.path());
    dir
}

fn check_json(site: &Path) -> (bool, Vec<serde_json::Value>) {
    let output = run(&["check", site.to_str().unwrap(), "--format", "json"]);
    let lines = stdout(&output)
        .lines()
        .chain(stderr(&output).lines())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    (output.status.success(), lines)
}

fn new(site: &Path, author: &str, at: &str) -> String {
    let output = standin()
        .args([
            "new",
            site.to_str().unwrap(),
            "--author",
            author,
            "--at",
            at,
        ])
        .env_remove("STANDIN_AUTHOR")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    std::fs::read_to_string(stdout(&output).trim()).unwrap()
}

#[test]
fn asks_reach_the_team_person_or_everyone_they_are_for() {
    let dir = built();
    let day18 = brief(dir.path(), "18");
    // Receivers: the handed-on ask and ana's own-team ask wait for Alpha.
    assert_eq!(
        texts(&day18, "section[aria-labelledby=pick-up] h3.team-heading"),
        ["Alpha", "In hand 1"]
    );
    assert_eq!(
        asks(&day18, "pick-up"),
        [
            (
                "rotate-creds".to_string(),
                "Rotate the db-1 credentials".to_string()
            ),
            (
                "watch-disk".to_string(),
                "Watch the disk on db-1".to_string()
            ),
            (
                "ana-1118-bmc".to_string(),
                "check the backup job".to_string()
            ),
        ]
    );
    // The ask to bo, taken by him, is in hand and says so.
    let in_hand = texts(
        &day18,
        "section[aria-labelledby=pick-up] .ask.is-taken .meta",
    );
    assert_eq!(in_hand.len(), 1);
    assert!(in_hand[0].contains("taken by bo"), "{in_hand:?}");
    // The ask to everyone: bo's shift (any team's) passed without it.
    assert_eq!(ids(&day18, "unacknowledged"), ["ana-1118-tnb"]);
    assert_eq!(
        texts(&day18, "section[aria-labelledby=unacknowledged] .ask-to"),
        ["Everyone:"]
    );
}

#[test]
fn an_ask_is_carried_over_until_acknowledged_then_closed() {
    let dir = built();
    let (day18, day19, day20) = (
        brief(dir.path(), "18"),
        brief(dir.path(), "19"),
        brief(dir.path(), "20"),
    );
    assert!(ids(&day18, "pick-up").contains(&"watch-disk".to_string()));
    // Alpha's next shift (cy) let it pass: unacknowledged, at the top.
    assert_eq!(
        ids(&day19, "unacknowledged"),
        ["rotate-creds", "watch-disk"]
    );
    assert!(!ids(&day19, "pick-up").contains(&"watch-disk".to_string()));
    // Done on the 20th: off the open lists, and news in "picked up".
    assert!(ids(&day20, "unacknowledged").is_empty());
    assert!(!ids(&day20, "pick-up").contains(&"watch-disk".to_string()));
    let closed = texts(&day20, "section[aria-labelledby=closed] .ack");
    assert!(
        closed
            .iter()
            .any(|a| a.starts_with("done Watch the disk on db-1 — 71% and steady")),
        "{closed:?}"
    );
    // The handed-on ask is taken by ana, in hand.
    let in_hand = texts(
        &day20,
        "section[aria-labelledby=pick-up] .ask.is-taken .item-id",
    );
    assert_eq!(in_hand, ["rotate-creds"]);
}

#[test]
fn ids_link_to_the_ask_on_the_page_of_the_wrap_that_wrote_it() {
    let dir = built();
    let out = dir.path().join("out");
    let day18 = brief(dir.path(), "18");
    let hrefs = attrs(
        &day18,
        "section[aria-labelledby=pick-up] .ask a.item-id",
        "href",
    );
    assert!(
        hrefs.contains(&"../../wraps/2026-11-18/ana-1800/index.html#item-watch-disk".to_string()),
        "{hrefs:?}"
    );
    let wrap = page(&out, "wraps/2026-11-18/ana-1800/index.html");
    assert_eq!(
        texts(&wrap, "#item-watch-disk .what"),
        ["Watch the disk on db-1"]
    );
    // The wrap page says what became of each ask, and who did it.
    let history = texts(&wrap, "#item-rotate-creds .ask-history li");
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[0].starts_with("handed on to Alpha: needs root on the alpha vault"));
    assert!(history[1].starts_with("taken by ana"));
    // bo's wrap lists what he picked up.
    let bo = page(&out, "wraps/2026-11-18/bo-1700/index.html");
    let acks = texts(&bo, "section[aria-labelledby=acks] .ack-verb");
    assert_eq!(acks, ["taken by bo", "handed on to Alpha"]);
}

#[test]
fn a_computed_id_survives_edits_elsewhere_in_its_wrap() {
    let dir = copy();
    let path = dir.path().join("wraps/2026/11/18/ana-1800.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // Reorder the asks, edit the summary and the body: bo's acks of
    // `ana-1118-bmc` must still find it.
    let edited = text
        .replace("  \"@bo check the backup job\",\n", "")
        .replace(
            "  \"everyone: the freeze starts Friday\",\n",
            "  \"everyone: the freeze starts Friday\",\n  \"@bo check the backup job\",\n",
        )
        .replace("rolled back 4.82.", "rolled back 4.82 (edited).")
        .replace(
            "Rolled back 4.82 at 17:10.",
            "Rolled back at 17:10, see the ticket.",
        );
    assert_ne!(edited, text);
    std::fs::write(&path, edited).unwrap();
    let (ok, diagnostics) = check_json(dir.path());
    assert!(ok && diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn check_warns_about_asks_nobody_acknowledged_at_their_line() {
    let dir = copy();
    std::fs::remove_dir_all(dir.path().join("wraps/2026/11/20")).unwrap();
    let (ok, diagnostics) = check_json(dir.path());
    assert!(ok, "warnings do not fail check: {diagnostics:?}");
    let found: Vec<(String, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [("W012".to_string(), 9, 3), ("W012".to_string(), 11, 3)]
    );
    assert!(
        diagnostics[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("wraps/2026/11/18/ana-1800.md")
    );
    assert!(
        diagnostics[0]["message"]
            .as_str()
            .unwrap()
            .contains("`rotate-creds`")
    );
}

#[test]
fn an_unknown_ask_id_is_an_error_with_the_closest_ids() {
    let dir = copy();
    let path = dir.path().join("wraps/2026/11/20/ana-1800.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("watch-disk = ", "watch-dsk = ")).unwrap();
    let (ok, diagnostics) = check_json(dir.path());
    assert!(!ok);
    let error = diagnostics
        .iter()
        .find(|d| d["code"] == "E025")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert!(
        error["file"]
            .as_str()
            .unwrap()
            .ends_with("wraps/2026/11/20/ana-1800.md")
    );
    assert_eq!(
        (error["line"].as_u64(), error["column"].as_u64()),
        (Some(8), Some(1))
    );
    assert!(
        error["help"].as_str().unwrap().contains("watch-disk"),
        "{error}"
    );
}

#[test]
fn an_incident_leads_the_briefs_until_resolved_and_keeps_its_timeline() {
    let dir = built();
    let out = dir.path().join("out");
    let day18 = brief(dir.path(), "18");
    // The first section of the brief.
    assert_eq!(
        attrs(&day18, ".brief-section", "aria-labelledby")
            .first()
            .map(String::as_str),
        Some("incidents")
    );
    assert_eq!(
        texts(
            &day18,
            "section[aria-labelledby=incidents] .incident-card.is-ongoing .card-title"
        ),
        ["Checkout 502s"]
    );
    assert_eq!(
        texts(&day18, ".incident-card .istatus"),
        ["Status identified"]
    );
    // Resolved on the 19th: shown that day as resolved, gone after.
    let day19 = brief(dir.path(), "19");
    assert_eq!(texts(&day19, "#incidents"), ["Incidents resolved"]);
    assert_eq!(
        texts(&day19, ".incident-card .istatus"),
        ["Status resolved"]
    );
    assert!(texts(&brief(dir.path(), "20"), ".incident-card").is_empty());

    let incident = page(&out, "incidents/inc-1/index.html");
    assert_eq!(texts(&incident, "h1"), ["Checkout 502s"]);
    let timeline = texts(&incident, ".timeline .events");
    assert_eq!(
        timeline,
        [
            "identified → resolved · postmortem linked",
            "investigating → identified",
            "opened"
        ]
    );
    let links = attrs(&incident, ".facts a", "href");
    assert!(
        links.contains(&"https://docs.example.test/pm-1".to_string()),
        "{links:?}"
    );
    let log = page(&out, "incidents/index.html");
    assert!(texts(&log, "section[aria-labelledby=ongoing] .card").is_empty());
    assert_eq!(texts(&log, ".incident-row .row-title"), ["Checkout 502s"]);
}

#[test]
fn the_pager_says_who_is_on_call_and_who_is_next() {
    let dir = built();
    let day19 = brief(dir.path(), "19");
    let on_call = texts(&day19, ".on-call li");
    assert_eq!(on_call.len(), 1, "{on_call:?}");
    assert!(
        on_call[0].starts_with(
            "Alpha ana since Wed 18 Nov 18:00 JST · then Dee from Sat 21 Nov 09:00 JST"
        ),
        "{on_call:?}"
    );
    assert_eq!(
        texts(&brief(dir.path(), "18"), ".states .state"),
        ["Alpha: unstable"]
    );
}

#[test]
fn new_hands_the_writer_what_waits_for_them_and_never_their_own_asks() {
    let dir = copy();
    // cy (alpha), before writing on the 19th: alpha's asks and everyone's.
    let cy = new(dir.path(), "cy", "2026-11-19T08:00:00+09:00");
    for line in [
        "# rotate-creds = \"taken\"",
        "# watch-disk = \"taken\"",
        "# ana-1118-tnb = \"taken\"",
    ] {
        assert!(cy.contains(line), "{line} missing:\n{cy}");
    }
    assert!(!cy.contains("ana-1118-bmc"), "bo's ask is not cy's:\n{cy}");
    assert!(cy.contains("# [ack]"), "{cy}");
    // ana: her own asks are listed as hers, never handed back to her.
    let ana = new(dir.path(), "ana", "2026-11-19T18:00:00+09:00");
    let waiting = |text: &str| {
        let start = text.find("# Waiting for you:").unwrap_or(text.len());
        let end = text.find("# Your own asks").unwrap_or(text.len());
        text[start..end.max(start)].to_string()
    };
    assert!(!waiting(&ana).contains("watch-disk"), "{ana}");
    assert!(
        ana.contains("# watch-disk = \"done\"   # Watch the disk on db-1 (for Alpha, open)"),
        "{ana}"
    );
    assert!(ana.contains("You hold the Alpha pager since"), "{ana}");
    assert!(
        ana.contains("# id = \"INC-1\""),
        "still ongoing then:\n{ana}"
    );
    let ana_later = new(dir.path(), "ana", "2026-11-20T08:00:00+09:00");
    assert!(
        !ana_later.contains("INC-1"),
        "resolved by then:\n{ana_later}"
    );
    // Handed on to her team, her own ask is hers to acknowledge again.
    assert!(
        ana_later.contains("# rotate-creds = \"taken\"   # Rotate the db-1 credentials"),
        "{ana_later}"
    );
    // bo took his ask: the scaffold offers to close it.
    let bo = new(dir.path(), "bo", "2026-11-18T20:00:00+01:00");
    assert!(bo.contains("# ana-1118-bmc = \"done\""), "{bo}");
    // ...and the incident bo's team does not own but is ongoing: ana's.
    let ana_early = new(dir.path(), "ana", "2026-11-18T20:00:00+09:00");
    assert!(ana_early.contains("# id = \"INC-1\""), "{ana_early}");
}

#[test]
fn acknowledging_from_the_scaffold_is_uncommenting_a_line() {
    let dir = copy();
    std::fs::remove_dir_all(dir.path().join("wraps/2026/11/20")).unwrap();
    let scaffold = new(dir.path(), "ana", "2026-11-20T18:00:00+09:00");
    let path = dir.path().join("wraps/2026/11/20/ana-1800.md");
    // The scaffold untouched is left out, with a warning: it says nothing.
    let (ok, diagnostics) = check_json(dir.path());
    assert!(ok, "{diagnostics:?}");
    assert!(
        diagnostics.iter().any(|d| d["code"] == "W017"),
        "{diagnostics:?}"
    );
    let filled = scaffold
        .replace("summary = \"\"", "summary = \"Took the credentials.\"")
        .replace("# [ack]", "[ack]")
        .replace("# rotate-creds = \"taken\"", "rotate-creds = \"taken\"")
        .replace("# watch-disk = \"done\"", "watch-disk = \"done\"")
        .replace("# bo-1119-r1v = \"taken\"", "bo-1119-r1v = \"done\"");
    std::fs::write(&path, filled).unwrap();
    let (ok, diagnostics) = check_json(dir.path());
    assert!(ok && diagnostics.is_empty(), "{diagnostics:?}");
}

#[test]
fn a_typo_in_a_name_outside_next_is_warned_with_the_name_meant() {
    let dir = copy();
    let bo = dir.path().join("wraps/2026/11/18/bo-1700.md");
    let text = std::fs::read_to_string(&bo).unwrap();
    std::fs::write(
        &bo,
        text.replace("handed on to alpha:", "handed on to alpah:"),
    )
    .unwrap();
    let cy = dir.path().join("wraps/2026/11/19/cy-0900.md");
    let text = std::fs::read_to_string(&cy).unwrap();
    std::fs::write(&cy, text.replace("to = \"dee\"", "to = \"dea\"")).unwrap();
    let (ok, diagnostics) = check_json(dir.path());
    assert!(ok, "{diagnostics:?}");
    let warnings: Vec<(&str, &str)> = diagnostics
        .iter()
        .filter(|d| d["code"] == "W011")
        .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(warnings.len(), 2, "{diagnostics:?}");
    assert!(warnings[0].0.contains("`alpah`") && warnings[0].1.contains("`Alpha`"));
    assert!(warnings[1].0.contains("pager to `dea`") && warnings[1].1.contains("dee"));
}

#[test]
fn an_asks_markdown_renders_inline_and_its_html_stays_text() {
    let dir = built();
    let wrap = page(
        &dir.path().join("out"),
        "wraps/2026-11-19/bo-1700/index.html",
    );
    let what = "#item-bo-1119-r1v .what";
    assert_eq!(texts(&wrap, &format!("{what} code")), ["pool_size"]);
    assert_eq!(
        attrs(&wrap, &format!("{what} a"), "href"),
        ["https://docs.example.test/pool"]
    );
    assert!(
        texts(&wrap, &format!("{what} b")).is_empty(),
        "raw HTML ran"
    );
    let text = texts(&wrap, what).join("");
    assert!(text.contains("in <b>every</b> env"), "{text}");
}

#[test]
fn each_team_has_a_feed_of_the_asks_handed_to_it() {
    let dir = built();
    let xml = std::fs::read_to_string(dir.path().join("out/feeds/asks/alpha.xml")).unwrap();
    let feed: atom_syndication::Feed = xml.parse().unwrap();
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    // Newest first: bo's ask of the 19th, then rotate-creds handed on to
    // alpha on the 18th, then ana's asks to alpha and to everyone.
    assert_eq!(
        titles,
        [
            "bo-1119-r1v: set `pool_size` to 40 in <b>every</b> env, see https://docs.example.test/pool.",
            "rotate-creds: Rotate the db-1 credentials",
            "watch-disk: Watch the disk on db-1",
            "ana-1118-tnb: the freeze starts Friday",
        ]
    );
    let link = feed.entries()[1].links()[0].href();
    assert_eq!(
        link,
        "https://example.test/handover/wraps/2026-11-18/ana-1800/#item-rotate-creds"
    );
    // Beta's feed has what was written to beta, and to everyone.
    let xml = std::fs::read_to_string(dir.path().join("out/feeds/asks/beta.xml")).unwrap();
    let feed: atom_syndication::Feed = xml.parse().unwrap();
    let ids: Vec<&str> = feed
        .entries()
        .iter()
        .map(|e| e.title().split(':').next().unwrap())
        .collect();
    assert_eq!(ids, ["rotate-creds", "ana-1118-tnb"]);
}
