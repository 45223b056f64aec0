//! Asks over time: an ask nobody picks up lapses on the right day and is
//! news once; a late acknowledgement still counts; the register of asks
//! lists them and filters by link; a large backlog keeps every brief within
//! its reading budget and `check` within a few lines per team.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;
use scraper::Html;
use serde_json::Value;

const CONFIG: &str = "title = \"T\"\nbase_url = \"https://handoffs.test/\"\ntimezone = \"UTC\"\n[teams.payments]\n[teams.platform]\n[teams.checkout]\n";

/// A site in a temp dir: `wraps` as `(file name, text)` under `wraps/`.
fn site(config: &str, wraps: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), config).unwrap();
    for (name, text) in wraps {
        let path = dir.path().join("wraps").join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// A wrap by `author` of `team` on day `day` of November 2026 at `hour`.
fn wrap(author: &str, team: &str, day: u32, hour: u32, extra: &str) -> (String, String) {
    (
        format!("2026/11/{day:02}/{author}-{hour:02}00.md"),
        format!(
            "+++\nauthor = \"{author}\"\ndate = 2026-11-{day:02}T{hour:02}:00:00Z\nteam = \"{team}\"\nsummary = \"Shift of the {day}th.\"\n{extra}+++\nBody.\n"
        ),
    )
}

fn built(dir: &Path, as_of: &str) -> std::path::PathBuf {
    let out = dir.join("public");
    build(dir, &out, &["--as-of", as_of]);
    out
}

fn brief(out: &Path, day: u32) -> Html {
    page(out, &format!("briefs/2026-11-{day:02}/index.html"))
}

/// The ids of the asks listed in the brief's section `section`.
fn ids_in(html: &Html, section: &str) -> Vec<String> {
    texts(
        html,
        &format!("section[aria-labelledby={section}] .item-id code"),
    )
}

/// ana (payments) asks platform something on the 2nd; platform writes
/// every day after and never acknowledges it; `extra` is bo's wrap of the
/// `ack_day`, if any.
fn never_picked_up(ack_day: Option<(u32, &str)>) -> tempfile::TempDir {
    let mut wraps = vec![wrap(
        "ana",
        "payments",
        2,
        9,
        "next = [\"platform: rotate the db-1 credentials\"]\n",
    )];
    for day in 3..=12 {
        let extra = match ack_day {
            Some((d, ack)) if d == day => format!("\n[ack]\n{ack}\n"),
            _ => String::new(),
        };
        wraps.push(wrap("bo", "platform", day, 10, &extra));
    }
    site(CONFIG, &wraps)
}

fn the_ask_id() -> String {
    standin::content::generated("ana", 11, 2, "platform: rotate the db-1 credentials")
        .short()
        .to_string()
}

#[test]
fn an_ask_nobody_picks_up_lapses_on_its_day_and_is_news_once() {
    let dir = never_picked_up(None);
    let out = built(dir.path(), "2026-11-12");
    let id = the_ask_id();
    // Open, then unacknowledged, until the 8th; gone from the 9th on.
    assert_eq!(
        ids_in(&brief(&out, 2), "pick-up"),
        std::slice::from_ref(&id)
    );
    for day in 3..=8 {
        assert_eq!(
            ids_in(&brief(&out, day), "unacknowledged"),
            std::slice::from_ref(&id),
            "{day}"
        );
        assert!(ids_in(&brief(&out, day), "lapsed").is_empty(), "{day}");
    }
    // Written on the 2nd, with the default of 7 days: lapses on the 9th.
    let ninth = brief(&out, 9);
    assert_eq!(ids_in(&ninth, "lapsed"), std::slice::from_ref(&id));
    assert!(ids_in(&ninth, "unacknowledged").is_empty());
    let lapsed = texts(&ninth, "section[aria-labelledby=lapsed] .ask .meta");
    assert!(
        lapsed[0].contains("from ana") && lapsed[0].contains("after 7 days"),
        "{lapsed:?}"
    );
    assert_eq!(
        texts(&ninth, "section[aria-labelledby=lapsed] .ask-to"),
        ["platform:"]
    );
    for day in 10..=12 {
        let html = brief(&out, day);
        assert!(ids_in(&html, "lapsed").is_empty(), "shown once: {day}");
        assert!(ids_in(&html, "unacknowledged").is_empty(), "{day}");
    }
    // Still on its wrap's page, in the register and in the API.
    let wrap_page = page(&out, "wraps/2026-11-02/ana-0900/index.html");
    let status = texts(&wrap_page, ".written-ask .meta");
    assert!(status[0].contains("lapsed on"), "{status:?}");
    let register = page(&out, "asks/index.html");
    assert_eq!(
        attrs(
            &register,
            "section[aria-labelledby=lapsed] li.ask-row",
            "data-state"
        ),
        ["lapsed"]
    );
    let asks: Value =
        serde_json::from_slice(&std::fs::read(out.join("api/asks/2026.json")).unwrap()).unwrap();
    assert_eq!(asks["asks"][0]["status"], "lapsed");
    assert_eq!(asks["asks"][0]["lapsed_on"], "2026-11-09");
    let day9: Value =
        serde_json::from_slice(&std::fs::read(out.join("api/briefs/2026-11-09.json")).unwrap())
            .unwrap();
    assert_eq!(day9["lapsed"][0]["id"], id);
    assert_eq!(day9["asks"], serde_json::json!([]));
}

#[test]
fn a_lapsed_ask_acknowledged_later_is_news_that_day() {
    let id = the_ask_id();
    let dir = never_picked_up(Some((11, &format!("{id} = \"done: rotated at last\""))));
    let out = built(dir.path(), "2026-11-12");
    let eleventh = brief(&out, 11);
    let acks = texts(&eleventh, "section[aria-labelledby=closed] .ack");
    assert_eq!(acks.len(), 1, "{acks:?}");
    assert!(acks[0].contains("rotated at last"), "{acks:?}");
    let wrap_page = page(&out, "wraps/2026-11-02/ana-0900/index.html");
    let status = texts(&wrap_page, ".written-ask .meta");
    assert!(
        status[0].contains("done") && !status[0].contains("lapsed"),
        "{status:?}"
    );
    // Taking it after it lapsed starts it again.
    let dir = never_picked_up(Some((11, &format!("{id} = \"taken\""))));
    let out = built(dir.path(), "2026-11-12");
    let twelfth = brief(&out, 12);
    assert_eq!(
        texts(
            &twelfth,
            "section[aria-labelledby=pick-up] .ask.is-taken .item-id code"
        ),
        [id]
    );
}

#[test]
fn lapse_after_days_is_configurable_and_zero_means_never() {
    let id = the_ask_id();
    let wraps: Vec<(String, String)> = std::iter::once(wrap(
        "ana",
        "payments",
        2,
        9,
        "next = [\"platform: rotate the db-1 credentials\"]\n",
    ))
    .chain((3..=12).map(|day| wrap("bo", "platform", day, 10, "")))
    .collect();
    let three = site(
        &format!("{CONFIG}[handover]\nlapse_after_days = 3\n"),
        &wraps,
    );
    let out = built(three.path(), "2026-11-12");
    assert_eq!(ids_in(&brief(&out, 5), "lapsed"), std::slice::from_ref(&id));
    let never = site(
        &format!("{CONFIG}[handover]\nlapse_after_days = 0\n"),
        &wraps,
    );
    let out = built(never.path(), "2026-11-12");
    assert_eq!(ids_in(&brief(&out, 12), "unacknowledged"), [id]);
}

/// `days` days of wraps by three teams from 1 September 2026, two asks
/// each to another team, nobody acknowledging anything: the backlog of
/// teams that have not adopted `[ack]`.
fn backlog(days: u32) -> tempfile::TempDir {
    let teams = ["payments", "platform", "checkout"];
    let start = chrono::NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    let mut wraps = Vec::new();
    for n in 0..days {
        let day = start + chrono::Days::new(u64::from(n));
        for (t, team) in teams.iter().enumerate() {
            let to = teams[(t + 1) % 3];
            let mut next = String::new();
            for shard in 0..2 {
                write!(
                    next,
                    "\"{to}: look at the queue lag of shard {shard} on {day} and tell us what you find\", "
                )
                .unwrap();
            }
            wraps.push((
                format!("{}/{team}.md", day.format("%Y/%m/%d")),
                format!(
                    "+++\nauthor = \"{team}-lead\"\ndate = {day}T{:02}:00:00Z\nteam = \"{team}\"\nsummary = \"Shift notes of {team} for {day}, all quiet.\"\nnext = [{next}]\n+++\nBody.\n",
                    8 + t
                ),
            ));
        }
    }
    site(CONFIG, &wraps)
}

#[test]
fn a_large_backlog_keeps_every_brief_within_its_reading_budget() {
    let dir = backlog(56);
    let out = dir.path().join("public");
    build(dir.path(), &out, &[]);
    let mut pages = vec!["index.html".to_string()];
    for entry in std::fs::read_dir(out.join("briefs")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.starts_with("2026-") {
            pages.push(format!("briefs/{name}/index.html"));
        }
    }
    assert!(pages.len() > 50);
    for path in &pages {
        let html = page(&out, path);
        let words = visible_words(&html);
        assert!(words <= 1000, "{path}: {words} words, over five minutes");
        let printed: usize = texts(&html, ".brief-meta strong")[0]
            .trim_end_matches(" min read")
            .parse()
            .unwrap();
        let read = words.div_ceil(200).max(1);
        assert!(
            printed.abs_diff(read) <= 1,
            "{path}: says {printed} min, shows {words} words"
        );
    }
    // The home page shows the newest asks nobody picked up, and links the
    // register for the rest.
    let home = page(&out, "index.html");
    let shown = texts(&home, "section[aria-labelledby=unacknowledged] li.ask").len();
    assert!((2..=8).contains(&shown), "{shown}");
    let more = attrs(
        &home,
        "section[aria-labelledby=unacknowledged] .more a",
        "href",
    );
    assert_eq!(more, ["asks/index.html?state=unacknowledged"]);
}

/// The words a reader sees in a page's `main`: its text, without what is
/// hidden (the filter forms before scripts run).
fn visible_words(html: &Html) -> usize {
    let main = html.select(&selector("main")).next().unwrap();
    let hidden: Vec<_> = main.select(&selector("[hidden], script, style")).collect();
    main.descendants()
        .filter_map(|node| {
            let text = node.value().as_text()?;
            let inside_hidden = node
                .ancestors()
                .any(|a| scraper::ElementRef::wrap(a).is_some_and(|e| hidden.contains(&e)));
            (!inside_hidden).then(|| text.split_whitespace().count())
        })
        .sum()
}

#[test]
fn check_warns_about_a_large_backlog_in_a_few_lines_per_team() {
    let dir = backlog(56);
    let output = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let diagnostics: Vec<Value> = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(output.status.success(), "{diagnostics:#?}");
    let w012: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "W012").collect();
    // One line per team, with how many and the register's view.
    assert_eq!(w012.len(), 3, "{w012:#?}");
    let summaries: Vec<&str> = w012
        .iter()
        .filter(|d| d["line"].is_null())
        .map(|d| d["help"].as_str().unwrap())
        .collect();
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert!(
        summaries
            .iter()
            .any(|h| h.ends_with("https://handoffs.test/asks/?to=platform&state=unacknowledged")),
        "{summaries:?}"
    );
}

#[test]
fn the_register_of_asks_filters_by_link() {
    let dir = backlog(20);
    let out = dir.path().join("public");
    build(dir.path(), &out, &[]);
    let register = page(&out, "asks/index.html");
    let rows: Vec<(String, String)> = register
        .select(&selector("li.ask-row"))
        .map(|row| {
            (
                row.value().attr("data-to").unwrap().to_string(),
                row.value().attr("data-state").unwrap().to_string(),
            )
        })
        .collect();
    let expected = rows
        .iter()
        .filter(|(to, state)| to == "platform" && state.split(' ').any(|s| s == "unacknowledged"))
        .count();
    assert!(
        expected > 2 && expected < rows.len(),
        "{expected} of {}",
        rows.len()
    );
    let Some(browser) = browser("the_register_of_asks_filters_by_link") else {
        return;
    };
    let url = format!(
        "{}?to=platform&state=unacknowledged",
        file_url(&out.join("asks/index.html"))
    );
    let page = Page::open(&browser, &url);
    page.wait_until(
        "!document.querySelector('form[data-filter=asks]').hidden",
        Duration::from_secs(15),
    );
    let visible = page
        .eval("Array.from(document.querySelectorAll('li.ask-row')).filter(r => !r.hidden).length");
    assert_eq!(visible, serde_json::json!(expected));
    page.assert_no_errors();
}

#[test]
fn new_leaves_out_lapsed_asks_and_says_how_many_lapsed() {
    let dir = never_picked_up(None);
    let output = standin()
        .args([
            "new",
            dir.path().to_str().unwrap(),
            "--author",
            "bo",
            "--at",
            "2026-11-12T18:00:00Z",
        ])
        .env_remove("STANDIN_AUTHOR")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let written = std::fs::read_dir(dir.path().join("wraps/2026/11/12"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| !p.ends_with("bo-1000.md"))
        .unwrap();
    let scaffold = std::fs::read_to_string(written).unwrap();
    assert!(!scaffold.contains(&the_ask_id()), "{scaffold}");
    // bo's last wrap was on the 12th, after it lapsed on the 9th.
    assert!(
        !scaffold.contains("lapsed since your last wrap"),
        "{scaffold}"
    );
    // Written by someone whose last wrap was before the lapse, it says so.
    let dir = never_picked_up(None);
    let output = standin()
        .args([
            "new",
            dir.path().to_str().unwrap(),
            "--author",
            "cy",
            "--team",
            "platform",
            "--at",
            "2026-11-12T18:00:00Z",
        ])
        .env_remove("STANDIN_AUTHOR")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let scaffold = std::fs::read_to_string(dir.path().join("wraps/2026/11/12/cy-1800.md")).unwrap();
    assert!(
        scaffold.contains("1 ask for you or your team lapsed"),
        "{scaffold}"
    );
}
