//! `standin brief`: the day's brief as a chat message, as text, Markdown
//! and a Slack webhook body, on `tests/fixtures/handover` and the example
//! site.
//!
//! The handover fixture (site zone UTC, base_url https://example.test/handover/):
//! on the 18th ana (alpha) hands over four asks (rotate-creds to beta, then
//! handed on to alpha; ana-1118-bmc to @bo, taken; watch-disk to alpha; the
//! freeze to everyone) and opens INC-1, which bo (beta) identifies. On the
//! 19th the ask to everyone and bo's are closed, INC-1 is resolved, bo asks
//! alpha something in Markdown (bo-1119-r1v) and cy writes a weekend pager
//! turn for Dee. On the 20th ana closes watch-disk and bo-1119-r1v and
//! takes rotate-creds.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;
use serde_json::Value;

fn brief(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["brief", site.to_str().unwrap()];
    all.extend_from_slice(args);
    run(&all)
}

/// The message, asserting the command succeeded.
fn message(site: &Path, args: &[&str]) -> String {
    let output = brief(site, args);
    assert!(
        output.status.success(),
        "standin brief {args:?} failed:\n{}",
        stderr(&output)
    );
    stdout(&output)
}

/// A text or Markdown message as blocks (separated by blank lines), each
/// its lines.
fn blocks(text: &str) -> Vec<Vec<String>> {
    text.split("\n\n")
        .map(|block| block.lines().map(str::to_string).collect())
        .filter(|lines: &Vec<String>| !lines.is_empty())
        .collect()
}

/// The list entries (`- ...`) of the block headed `heading` (the heading
/// without its count), or `None` if there is no such block.
fn entries(text: &str, heading: &str) -> Option<Vec<String>> {
    blocks(text)
        .into_iter()
        .find(|b| {
            let first = b[0].trim_matches('*');
            first == heading || first.starts_with(&format!("{heading} ("))
        })
        .map(|b| {
            b.iter()
                .filter_map(|l| l.strip_prefix("- "))
                .map(str::to_string)
                .collect()
        })
}

/// The first line of the block headed `heading`.
fn heading_line(text: &str, heading: &str) -> String {
    blocks(text)
        .into_iter()
        .map(|b| b[0].clone())
        .find(|first| first.trim_matches('*').starts_with(heading))
        .unwrap_or_else(|| panic!("no block headed {heading} in:\n{text}"))
}

fn handover() -> std::path::PathBuf {
    fixture("handover")
}

fn slack(site: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--format", "slack"];
    all.extend_from_slice(args);
    let body = message(site, &all);
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("not JSON ({e}):\n{body}"))
}

/// The `mrkdwn` texts of the section blocks.
fn section_texts(body: &Value) -> Vec<String> {
    body["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["type"] == "section")
        .map(|b| b["text"]["text"].as_str().unwrap().to_string())
        .collect()
}

/// Checks what Slack requires of a webhook body with blocks.
fn assert_slack_shape(body: &Value) {
    let text = body["text"].as_str().expect("a top-level text fallback");
    assert!(!text.is_empty());
    let blocks = body["blocks"].as_array().expect("blocks");
    assert!(!blocks.is_empty() && blocks.len() <= 50, "{blocks:?}");
    assert_eq!(blocks[0]["type"], "header");
    assert_eq!(blocks[0]["text"]["type"], "plain_text");
    assert!(blocks[0]["text"]["text"].as_str().unwrap().chars().count() <= 150);
    for block in blocks {
        match block["type"].as_str().unwrap() {
            "header" => {}
            "section" => {
                assert_eq!(block["text"]["type"], "mrkdwn");
                let text = block["text"]["text"].as_str().unwrap();
                assert!(!text.is_empty() && text.chars().count() <= 3000);
            }
            "context" => {
                let elements = block["elements"].as_array().unwrap();
                assert!(!elements.is_empty() && elements.len() <= 10);
                assert!(elements.iter().all(|e| e["type"] == "mrkdwn"));
            }
            other => panic!("unexpected block type {other}"),
        }
    }
}

#[test]
fn the_text_brief_leads_with_incidents_then_the_pager_then_the_asks() {
    let text = message(&handover(), &["--date", "2026-11-18"]);
    let blocks = blocks(&text);
    assert_eq!(
        blocks[0],
        ["Brief for Wed 18 Nov 2026", "Handover fixture"],
        "{text}"
    );
    let headings: Vec<&str> = blocks[1..].iter().map(|b| b[0].as_str()).collect();
    assert_eq!(
        headings,
        [
            "Ongoing incidents (1)",
            "On call",
            "Nobody picked these up (1)",
            "To pick up (2)",
            "Quiet: no blockers or high risks; no decisions.",
            "Full brief: https://example.test/handover/briefs/2026-11-18/",
        ],
        "{text}"
    );
    assert_eq!(
        entries(&text, "Ongoing incidents").unwrap(),
        [
            "[INC-1] Checkout 502s (sev2, identified, commander ana, opened today): Pool size 4 instead of 40 in 4.82"
        ]
    );
    assert_eq!(
        entries(&text, "On call").unwrap(),
        ["Alpha: ana since Wed 18 Nov 18:00 JST"]
    );
    assert!(text.contains("How things stand: Alpha unstable."), "{text}");
    assert_eq!(
        entries(&text, "Nobody picked these up").unwrap(),
        ["[ana-1118-tnb] the freeze starts Friday (for Everyone, from ana today)"]
    );
    assert_eq!(
        entries(&text, "To pick up").unwrap(),
        [
            "[rotate-creds] Rotate the db-1 credentials (for Alpha, from ana today, handed on)",
            "[watch-disk] Watch the disk on db-1 (for Alpha, from ana today, due Thu 19 Nov)",
        ]
    );
    // bo took the ask to him: in hand, counted, not listed.
    assert!(
        text.contains("And 1 in hand (taken, not yet done)."),
        "{text}"
    );
}

#[test]
fn asks_a_shift_let_pass_come_first_with_their_age() {
    let text = message(&handover(), &["--date", "2026-11-19"]);
    assert_eq!(
        entries(&text, "Nobody picked these up").unwrap(),
        [
            "[rotate-creds] Rotate the db-1 credentials (for Alpha, from ana yesterday, handed on)",
            "[watch-disk] Watch the disk on db-1 (for Alpha, from ana yesterday, due Thu 19 Nov)",
        ],
        "{text}"
    );
    // bo's ask of the day, its Markdown read as the pages read it.
    assert_eq!(
        entries(&text, "To pick up").unwrap(),
        [
            "[bo-1119-r1v] set `pool_size` to 40 in <b>every</b> env, see https://docs.example.test/pool. (for Alpha, from bo today)"
        ]
    );
    let markdown = message(
        &handover(),
        &["--date", "2026-11-19", "--format", "markdown"],
    );
    assert_eq!(
        entries(&markdown, "To pick up").unwrap(),
        [
            "[`bo-1119-r1v`](https://example.test/handover/wraps/2026-11-19/bo-1700/#item-bo-1119-r1v) set `pool_size` to 40 in \\<b\\>every\\</b\\> env, see https://docs.example.test/pool. (for Alpha, from bo today)"
        ]
    );
    // Resolved that day: shown as such, not as ongoing.
    assert_eq!(
        heading_line(&text, "Incidents resolved"),
        "Incidents resolved (1)"
    );
    assert_eq!(
        entries(&text, "On call").unwrap(),
        ["Alpha: ana since Wed 18 Nov 18:00 JST, then Dee from Sat 21 Nov 09:00 JST"]
    );
}

#[test]
fn without_a_date_the_brief_is_the_latest_as_on_the_home_page() {
    let text = message(&handover(), &[]);
    assert_eq!(blocks(&text)[0][0], "Brief for Fri 20 Nov 2026", "{text}");
    // Everything was acknowledged by then: the sections collapse.
    assert!(
        text.contains("Quiet: no incidents; nothing to pick up, 1 in hand (taken, not yet done); no blockers or high risks; no decisions."),
        "{text}"
    );
    // As the home page: "today" moves the latest brief.
    let earlier = message(&handover(), &["--as-of", "2026-11-19"]);
    assert_eq!(blocks(&earlier)[0][0], "Brief for Thu 19 Nov 2026");
}

#[test]
fn the_site_is_found_from_any_folder_inside_it() {
    let output = standin()
        .args(["brief", "--date", "2026-11-18"])
        .current_dir(handover().join("wraps/2026/11"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        message(&handover(), &["--date", "2026-11-18"])
    );
}

#[test]
fn markdown_links_every_id_and_title_to_the_published_site() {
    let text = message(
        &handover(),
        &["--date", "2026-11-18", "--format", "markdown"],
    );
    assert_eq!(blocks(&text)[0][0], "**Brief for Wed 18 Nov 2026**");
    assert_eq!(
        heading_line(&text, "Ongoing incidents"),
        "**Ongoing incidents (1)**"
    );
    assert_eq!(
        entries(&text, "Ongoing incidents").unwrap()[0],
        "[`INC-1`](https://example.test/handover/incidents/inc-1/) Checkout 502s (sev2, identified, commander ana, opened today): Pool size 4 instead of 40 in 4.82"
    );
    assert_eq!(
        entries(&text, "Nobody picked these up").unwrap()[0],
        "[`ana-1118-tnb`](https://example.test/handover/wraps/2026-11-18/ana-1800/#item-ana-1118-tnb) the freeze starts Friday (for Everyone, from ana today)"
    );
    assert!(
        text.ends_with("[Full brief](https://example.test/handover/briefs/2026-11-18/)\n"),
        "{text}"
    );
    // The links lead to pages a build makes.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&handover(), &out, &[]);
    for page in [
        "incidents/inc-1/index.html",
        "wraps/2026-11-18/ana-1800/index.html",
        "briefs/2026-11-18/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    let wrap = common::page(&out, "wraps/2026-11-18/ana-1800/index.html");
    assert_eq!(attrs(&wrap, "#item-ana-1118-tnb", "id").len(), 1);
}

#[test]
fn the_slack_body_is_block_kit_with_a_text_fallback() {
    let body = slack(&handover(), &["--date", "2026-11-18"]);
    assert_slack_shape(&body);
    assert_eq!(
        body["text"],
        "Brief for Wed 18 Nov 2026: 1 ongoing incident, 1 ask nobody picked up, 2 asks to pick up"
    );
    let blocks = body["blocks"].as_array().unwrap();
    assert_eq!(blocks[0]["text"]["text"], "Brief for Wed 18 Nov 2026");
    assert_eq!(blocks[1]["type"], "context");
    assert_eq!(blocks[1]["elements"][0]["text"], "Handover fixture");
    assert_eq!(body["unfurl_links"], false);
    let sections = section_texts(&body);
    let headings: Vec<&str> = sections.iter().map(|s| s.lines().next().unwrap()).collect();
    assert_eq!(
        headings,
        [
            "*Ongoing incidents (1)*",
            "*On call*",
            "*Nobody picked these up (1)*",
            "*To pick up (2)*",
            "<https://example.test/handover/briefs/2026-11-18/|Full brief →>",
        ]
    );
    assert_eq!(
        sections[2].lines().nth(1).unwrap(),
        "• <https://example.test/handover/wraps/2026-11-18/ana-1800/#item-ana-1118-tnb|ana-1118-tnb> the freeze starts Friday (for Everyone, from ana today)"
    );
    let quiet = blocks
        .iter()
        .rev()
        .find(|b| b["type"] == "context")
        .map(|b| b["elements"][0]["text"].as_str().unwrap())
        .unwrap();
    assert_eq!(quiet, "Quiet: no blockers or high risks; no decisions.");
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let example = repo().join("example-site");
    for site in [handover(), example] {
        for format in ["text", "markdown", "slack"] {
            for team in [None, Some("payments"), Some("alpha")] {
                let mut args = vec!["--format", format];
                let teams = std::fs::read_to_string(site.join("standin.toml")).unwrap();
                if let Some(team) = team {
                    if !teams.contains(&format!("[teams.{team}]")) {
                        continue;
                    }
                    args.extend(["--team", team]);
                }
                let first = brief(&site, &args);
                let second = brief(&site, &args);
                assert!(first.status.success(), "{}", stderr(&first));
                assert!(!first.stdout.is_empty());
                assert_eq!(first.stdout, second.stdout, "{} {args:?}", site.display());
            }
        }
    }
}

#[test]
fn a_team_gets_its_pager_its_asks_and_its_peoples() {
    let beta = message(&handover(), &["--date", "2026-11-18", "--team", "Beta"]);
    assert_eq!(blocks(&beta)[0][0], "Brief for Wed 18 Nov 2026 · Beta");
    // Incidents concern everyone; alpha's pager and asks do not concern beta.
    assert_eq!(entries(&beta, "Ongoing incidents").unwrap().len(), 1);
    assert_eq!(entries(&beta, "On call"), None);
    assert_eq!(entries(&beta, "To pick up"), None);
    assert_eq!(
        entries(&beta, "Nobody picked these up").unwrap(),
        ["[ana-1118-tnb] the freeze starts Friday (for Everyone, from ana today)"]
    );
    // The ask to @bo, who is in beta, is beta's: in hand.
    assert!(
        beta.contains("nothing else to pick up, 1 in hand (taken, not yet done)"),
        "{beta}"
    );

    let alpha = message(&handover(), &["--date", "2026-11-18", "--team", "alpha"]);
    assert_eq!(entries(&alpha, "To pick up").unwrap().len(), 2, "{alpha}");
    assert!(!alpha.contains("in hand"), "{alpha}");
    assert_eq!(
        entries(&alpha, "On call").unwrap(),
        ["Alpha: ana since Wed 18 Nov 18:00 JST"]
    );
}

#[test]
fn a_team_on_the_example_site_sees_only_what_concerns_it() {
    let site = repo().join("example-site");
    let everyone = message(&site, &[]);
    let platform = message(&site, &["--team", "platform"]);
    assert_eq!(
        entries(&everyone, "On call").unwrap().len(),
        3,
        "{everyone}"
    );
    let on_call = entries(&platform, "On call").unwrap();
    assert_eq!(on_call.len(), 1);
    assert!(on_call[0].starts_with("Platform: "), "{on_call:?}");
    let asks = entries(&platform, "To pick up").unwrap_or_default();
    assert!(!asks.is_empty());
    for ask in &asks {
        assert!(
            ask.contains("(for Platform,")
                || ask.contains("(for Everyone,")
                || ask.contains("(for tomasz,")
                || ask.contains("(for Inés,"),
            "{ask}"
        );
    }
    let everyone_asks = entries(&everyone, "To pick up").unwrap();
    assert!(everyone_asks.iter().any(|a| a.contains("(for Payments,")));
    assert!(everyone_asks.len() > asks.len());
}

#[test]
fn the_example_site_reads_in_every_format() {
    let site = repo().join("example-site");
    let text = message(&site, &["--date", "2026-11-05"]);
    for heading in [
        "Ongoing incidents",
        "Nobody picked these up",
        "To pick up",
        "Blockers and high risks",
        "Decisions",
    ] {
        let list = entries(&text, heading).unwrap_or_else(|| panic!("{heading}:\n{text}"));
        assert!(!list.is_empty() && list.len() <= 9, "{heading}: {list:?}");
    }
    // The blocker-or-high list as that day's end left it: worst first.
    let risks = entries(&text, "Blockers and high risks").unwrap();
    assert!(risks[0].contains("critical"), "{risks:?}");
    assert!(
        text.ends_with("Full brief: https://handoffs.northwind.example/briefs/2026-11-05/\n"),
        "{text}"
    );
    let markdown = message(&site, &["--date", "2026-11-05", "--format", "markdown"]);
    assert!(
        markdown.contains(
            "](https://handoffs.northwind.example/decisions/mobile-force-upgrade/) — why: "
        )
    );
    let body = slack(&site, &["--date", "2026-11-05"]);
    assert_slack_shape(&body);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .starts_with("Brief for Thu 5 Nov 2026: 1 ongoing incident,"),
        "{body}"
    );
    // The text says as much as the blocks: every section is there.
    let sections = section_texts(&body);
    assert_eq!(sections.len(), 6, "{sections:?}");
}

/// A copy of the handover fixture with one more wrap on the 20th.
fn with_extra_wrap(front_matter: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&handover(), dir.path());
    std::fs::write(
        dir.path().join("wraps/2026/11/20/bo-1700.md"),
        format!(
            "+++\nauthor = \"bo\"\ndate = 2026-11-20T17:00:00+01:00\nteam = \"beta\"\nsummary = \"Lots to hand over.\"\n{front_matter}+++\nBody.\n"
        ),
    )
    .unwrap();
    dir
}

#[test]
fn long_lists_stop_at_eight_and_say_how_many_more() {
    let asks: Vec<String> = (1..=11)
        .map(|i| format!("  \"alpha: check replica {i}\",\n"))
        .collect();
    let site = with_extra_wrap(&format!("next = [\n{}]\n", asks.concat()));
    let text = message(site.path(), &[]);
    let listed = entries(&text, "To pick up").unwrap();
    assert_eq!(heading_line(&text, "To pick up"), "To pick up (11)");
    assert_eq!(listed.len(), 9, "{text}");
    assert_eq!(listed[8], "…and 3 more");
    let body = slack(site.path(), &[]);
    assert_slack_shape(&body);
    let sections = section_texts(&body);
    let pick_up = sections
        .iter()
        .find(|s| s.starts_with("*To pick up (11)*"))
        .unwrap();
    assert_eq!(pick_up.lines().filter(|l| l.starts_with("• ")).count(), 9);
    assert!(pick_up.contains("• _…and 3 more_"), "{pick_up}");
}

#[test]
fn what_people_wrote_reads_as_on_the_pages_and_markup_characters_stay_text() {
    let site = with_extra_wrap(
        "next = [\"alpha: compare <db-1> & <db-2> *before* the [freeze] on `max_conn`, see [FE-9](https://t.example/9)\"]\n\
         [[risk]]\nid = \"db-lag\"\ntitle = \"Replica lag > 5 min & rising\"\nseverity = \"critical\"\nowner = \"bo\"\n",
    );
    let body = slack(site.path(), &[]);
    assert_slack_shape(&body);
    let all = section_texts(&body).join("\n");
    assert!(
        all.contains("compare &lt;db-1&gt; &amp; &lt;db-2&gt; _before_ the [freeze] on `max_conn`, see <https://t.example/9|FE-9> (for Alpha,"),
        "{all}"
    );
    assert!(
        all.contains("|Replica lag &gt; 5 min &amp; rising> (critical, owner bo, opened today)"),
        "{all}"
    );
    assert!(!all.contains("<db-1>"));

    let markdown = message(site.path(), &["--format", "markdown"]);
    assert!(
        markdown.contains(
            "compare \\<db-1\\> \\& \\<db-2\\> *before* the \\[freeze\\] on `max_conn`, see [FE-9](https://t.example/9) (for Alpha,"
        ),
        "{markdown}"
    );
    let text = message(site.path(), &[]);
    assert!(
        text.contains("compare <db-1> & <db-2> before the [freeze] on `max_conn`, see FE-9 (https://t.example/9) (for Alpha,"),
        "{text}"
    );
    assert_eq!(
        entries(&text, "Blockers and high risks").unwrap(),
        ["Replica lag > 5 min & rising (critical, owner bo, opened today)"]
    );
}

#[test]
fn without_base_url_nothing_is_linked_and_nothing_complains() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&handover(), dir.path());
    let config = dir.path().join("standin.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    let without: String = text
        .lines()
        .filter(|l| !l.starts_with("base_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&config, without).unwrap();
    for format in ["text", "markdown", "slack"] {
        let output = brief(dir.path(), &["--date", "2026-11-18", "--format", format]);
        assert!(output.status.success(), "{}", stderr(&output));
        let out = stdout(&output);
        assert!(!out.contains("http"), "{format}:\n{out}");
        assert!(!out.contains("Full brief"), "{format}:\n{out}");
        assert!(!stderr(&output).contains("base_url"), "{}", stderr(&output));
    }
    let markdown = message(
        dir.path(),
        &["--date", "2026-11-18", "--format", "markdown"],
    );
    assert_eq!(
        entries(&markdown, "Ongoing incidents").unwrap()[0],
        "`INC-1` Checkout 502s (sev2, identified, commander ana, opened today): Pool size 4 instead of 40 in 4.82"
    );
    // `--base-url` gives the address, as for `standin build`.
    let linked = message(
        dir.path(),
        &[
            "--date",
            "2026-11-18",
            "--base-url",
            "https://x.example/handoffs",
        ],
    );
    assert!(
        linked.ends_with("Full brief: https://x.example/handoffs/briefs/2026-11-18/\n"),
        "{linked}"
    );
}

#[test]
fn a_day_without_a_brief_is_an_error_naming_the_nearest_days() {
    let output = brief(&handover(), &["--date", "2026-11-17"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert!(
        err.contains("error[E028]: there is no brief for 2026-11-17"),
        "{err}"
    );
    assert!(
        err.contains("the nearest day with a brief is 2026-11-18"),
        "{err}"
    );

    // Nobody wrote on the weekend of 7-8 November.
    let output = brief(&repo().join("example-site"), &["--date", "2026-11-07"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("the nearest days with a brief are 2026-11-06 and 2026-11-09"),
        "{}",
        stderr(&output)
    );
    let output = brief(&handover(), &["--date", "2026-12-01"]);
    assert!(
        stderr(&output).contains("the nearest day with a brief is 2026-11-20"),
        "{}",
        stderr(&output)
    );

    let output = brief(&handover(), &["--date", "yesterday"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`yesterday` is not a day"));
}

#[test]
fn an_unknown_team_is_an_error_with_the_closest() {
    let output = brief(&handover(), &["--team", "alhpa"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert!(err.contains("error[E012]: unknown team `alhpa`"), "{err}");
    assert!(err.contains("did you mean `alpha`?"), "{err}");
    assert!(err.contains("the site's teams: `alpha`, `beta`"), "{err}");
}

#[test]
fn a_site_with_errors_gets_no_message() {
    let site = with_extra_wrap("[ack]\nno-such-ask = \"taken\"\n");
    let output = brief(site.path(), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("E025"), "{}", stderr(&output));
}
