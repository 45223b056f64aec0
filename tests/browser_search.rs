//! Search in a real browser, opened from disk (`file://`): on the example
//! site, typing, filters from the URL, prefixes, keyboard; on
//! `tests/fixtures/search` (its base_url has a path; the search files are
//! found from the page wherever it is), a table of queries and the results each must
//! list first, what a result shows, and the query's terms against
//! elasticlunr-rs's. Every test fails if the page reports a JavaScript
//! error or a failed load.

mod common;

use std::time::Duration;

use common::browser::{Page, browser, file_url};
use common::*;

const WAIT: Duration = Duration::from_secs(15);
const RESULTS: &str = "document.querySelectorAll('#search-results li').length > 0";
/// Results, or the page's word that there are none.
const SETTLED: &str = "document.querySelectorAll('#search-results li').length > 0 || /^No /.test(document.getElementById('search-status').textContent)";

fn built_example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&repo().join("example-site"), dir.path(), &[]);
    dir
}

fn search_url(dir: &tempfile::TempDir, query: &str) -> String {
    format!("{}{query}", file_url(&dir.path().join("search/index.html")))
}

#[test]
fn typing_a_word_from_one_decision_lists_it_first() {
    let Some(browser) = browser("typing_a_word_from_one_decision_lists_it_first") else {
        return;
    };
    let dir = built_example();
    let page = Page::open(&browser, &search_url(&dir, ""));
    page.wait_until(
        "document.getElementById('search-status').textContent.startsWith('Type to search')",
        WAIT,
    );
    // The box has focus on load, so typing goes straight into it.
    page.tab
        .find_element("#search-page-input")
        .unwrap()
        .click()
        .unwrap();
    page.tab.type_str("exponential").unwrap();
    page.wait_until(RESULTS, WAIT);
    let titles = page.texts("#search-results li .result-title");
    assert_eq!(
        titles[0], "Retry failed Acquira webhook processing with exponential backoff",
        "{titles:?}"
    );
    assert_eq!(
        page.texts("#search-results li:first-child .kind"),
        ["decision"]
    );
    assert_eq!(
        page.texts("#search-results li:first-child mark"),
        ["exponential"]
    );
    // The query is in the URL, so the search is a link to paste.
    assert!(
        page.eval("location.search")
            .as_str()
            .unwrap()
            .contains("q=exponential")
    );
    page.assert_no_errors();
}

#[test]
fn kind_in_the_url_shows_only_risks() {
    let Some(browser) = browser("kind_in_the_url_shows_only_risks") else {
        return;
    };
    let dir = built_example();
    let page = Page::open(&browser, &search_url(&dir, "?q=redis&kind=risk"));
    page.wait_until(RESULTS, WAIT);
    let kinds = page.texts("#search-results li .kind");
    assert!(!kinds.is_empty());
    assert!(kinds.iter().all(|k| k == "risk"), "{kinds:?}");
    assert_eq!(
        page.eval("document.querySelector('select[name=kind]').value"),
        "risk"
    );
    let status = page.texts("#search-status").concat();
    assert!(status.contains("risks for “redis”"), "{status}");
    page.assert_no_errors();
}

#[test]
fn three_letter_prefixes_find_results() {
    let Some(browser) = browser("three_letter_prefixes_find_results") else {
        return;
    };
    let dir = built_example();
    for prefix in ["red", "fai", "pay"] {
        let page = Page::open(&browser, &search_url(&dir, &format!("?q={prefix}")));
        page.wait_until(RESULTS, WAIT);
        let marked = page.texts("#search-results mark");
        assert!(
            marked.iter().any(|m| m.to_lowercase().starts_with(prefix)),
            "{prefix}: {marked:?}"
        );
        page.assert_no_errors();
    }
}

#[test]
fn team_filter_and_no_results() {
    let Some(browser) = browser("team_filter_and_no_results") else {
        return;
    };
    let dir = built_example();
    let all = Page::open(&browser, &search_url(&dir, "?q=acquira"));
    all.wait_until(RESULTS, WAIT);
    let all_status = all.texts("#search-status").concat();
    let page = Page::open(&browser, &search_url(&dir, "?q=acquira&team=payments"));
    page.wait_until(RESULTS, WAIT);
    let teams = page.texts("#search-results li .meta");
    assert!(teams.iter().all(|m| m.ends_with("· Payments")), "{teams:?}");
    let count = |status: &str| status.split(' ').next().unwrap().parse::<usize>().unwrap();
    let filtered = page.texts("#search-status").concat();
    assert!(
        count(&filtered) < count(&all_status),
        "{filtered} vs {all_status}"
    );
    let page = Page::open(&browser, &search_url(&dir, "?q=zzzqqq"));
    page.wait_until(
        "document.getElementById('search-status').textContent.startsWith('No results')",
        WAIT,
    );
    page.assert_no_errors();
}

#[test]
fn keyboard_moves_through_results_and_enter_opens_one() {
    let Some(browser) = browser("keyboard_moves_through_results_and_enter_opens_one") else {
        return;
    };
    let dir = built_example();
    // `/` on any page focuses the header box.
    let home = Page::open(&browser, &file_url(&dir.path().join("index.html")));
    home.tab.press_key("/").unwrap();
    assert_eq!(home.eval("document.activeElement.id"), "site-search");
    home.assert_no_errors();

    let page = Page::open(&browser, &search_url(&dir, "?q=freeze"));
    page.wait_until(RESULTS, WAIT);
    page.tab
        .find_element("#search-page-input")
        .unwrap()
        .click()
        .unwrap();
    page.tab.press_key("ArrowDown").unwrap();
    page.tab.press_key("ArrowDown").unwrap();
    let second = page.eval("document.querySelectorAll('#search-results a')[1].href");
    assert_eq!(page.eval("document.activeElement.href"), second);
    page.tab.press_key("ArrowUp").unwrap();
    page.tab.press_key("ArrowUp").unwrap();
    assert_eq!(page.eval("document.activeElement.id"), "search-page-input");
    page.tab.press_key("ArrowDown").unwrap();
    let first = page.eval("document.activeElement.href");
    page.tab.press_key("Enter").unwrap();
    page.wait_until(&format!("location.href === {first}"), WAIT);
    page.assert_no_errors();
}

/// The search files a page loaded.
fn loaded(page: &Page) -> Vec<String> {
    let names = page.eval("JSON.stringify(standinSearch.loaded())");
    serde_json::from_str(names.as_str().unwrap()).unwrap()
}

#[test]
fn a_query_loads_only_the_files_it_needs() {
    let Some(browser) = browser("a_query_loads_only_the_files_it_needs") else {
        return;
    };
    let dir = built_example();
    let on_disk = |prefix: &str| {
        std::fs::read_dir(dir.path().join("search"))
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                name.to_str().unwrap().starts_with(prefix)
            })
            .count()
    };
    assert!(on_disk("shard-") > 1 && on_disk("docs-") > 1);
    let of =
        |names: &[String], prefix: &str| names.iter().filter(|n| n.starts_with(prefix)).count();

    // One word: the manifest, its shard, the chunks of its results.
    let page = search(&browser, &dir, "exponential");
    let names = loaded(&page);
    let results = page.texts("#search-results li").len();
    assert!(names.contains(&"manifest.js".to_string()), "{names:?}");
    assert_eq!(of(&names, "shard-"), 1, "{names:?}");
    assert!((1..=results).contains(&of(&names, "docs-")), "{names:?}");
    assert_eq!(names.len(), 2 + of(&names, "docs-"), "{names:?}");

    // A hyphenated word with a stop word part loads that stop word's
    // documents; a team filter the team's.
    let page = Page::open(&browser, &search_url(&dir, "?q=on-call&team=payments"));
    page.wait_until(SETTLED, WAIT);
    let names = loaded(&page);
    assert_eq!(of(&names, "stop-"), 1, "{names:?}");
    assert_eq!(of(&names, "team-"), 1, "{names:?}");
    // Its words' shards: the run of terms the last word is a prefix of
    // (`call`, `callback`, ...) may cross into the next shard.
    assert!(of(&names, "shard-") <= 3, "{names:?}");
    page.assert_no_errors();
}

fn built_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("search"), dir.path(), &[]);
    dir
}

/// The page of a query, with its results on screen.
fn search(browser: &headless_chrome::Browser, dir: &tempfile::TempDir, query: &str) -> Page {
    let q: String = query
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let page = Page::open(browser, &search_url(dir, &format!("?q={q}")));
    page.wait_until(SETTLED, WAIT);
    page.assert_no_errors();
    page
}

/// Queries and the titles each must list first, in order: every word
/// must match; a hyphenated word as written ranks above its parts; ids
/// above titles and summaries above bodies; open and accepted above
/// resolved and superseded; newer above older.
const RANKING: &[(&str, &[&str])] = &[
    // The accepted decision, not the superseded one it replaced nor the
    // newer rejected one.
    ("redis", &["Move sessions to a Redis cluster"]),
    // Both words in titles first, a wrap (no status) above the newer
    // rejected decision; then title and body, accepted above superseded.
    (
        "redis ttls",
        &[
            "Session store evaluation finished; Redis looks right for TTLs.",
            "Keep Redis sessions without TTLs",
            "Move sessions to a Redis cluster",
            "Use Redis for session storage",
        ],
    ),
    // The last word while typed is a prefix.
    ("redis clus", &["Move sessions to a Redis cluster"]),
    // The open risk above the resolved one on the same subject, though
    // the resolved one was touched later.
    ("consumer lag", &["Consumer lag during the backfill"]),
    // Every word: only the two documents with all three.
    (
        "consumer lag peak",
        &[
            "Consumer lag at evening peak",
            "Kafka consumers fall behind every evening; raised a risk.",
        ],
    ),
    // "on-call" as written (in a body) above "on call" (in a summary);
    // "Call the vendor every week" has no "on" and is not found.
    (
        "on-call",
        &[
            "Quiet night with no pages and no alerts at all.",
            "Bo is on call for the rest of this week.",
        ],
    ),
    // A summary above a newer body.
    (
        "failover",
        &["Failover drill on sessions-1 passed in 94 seconds."],
    ),
    // Equal matches: newer first, then bodies.
    (
        "pager",
        &[
            "Pager alerts for the checkout queue were tuned.",
            "Pager escalation policy was reviewed with the team.",
            "Quiet night with no pages and no alerts at all.",
        ],
    ),
    // Ids, as written: even a resolved risk's, exactly.
    (
        "redis-cluster-sessions",
        &["Move sessions to a Redis cluster"],
    ),
    ("consumer-lag-peak", &["Consumer lag at evening peak"]),
    // An ongoing incident above a resolved one touched later.
    (
        "refunds",
        &[
            "Refunds consumer slow after the reprocessing job",
            "Refunds consumer stalls on a poison message",
        ],
    ),
    // An id typed whole finds what it names first, even resolved, above
    // a newer wrap whose summary names it.
    (
        "inc-7",
        &[
            "Refunds consumer stalls on a poison message",
            "Wrote up the INC-7 postmortem.",
        ],
    ),
    (
        "ongoing",
        &["Refunds consumer slow after the reprocessing job"],
    ),
    // An ask's id finds the wrap that handed it over.
    (
        "zq-handoff-7",
        &["Looked again at keeping sessions without TTLs."],
    ),
    // Statuses are words to search for.
    ("superseded", &["Use Redis for session storage"]),
    // Inline code in a title shows as code.
    ("enable", &["Enable sessions.redis in eu-1 first"]),
];

/// Queries whose whole result list is known.
const COMPLETE: &[&str] = &[
    "redis ttls",
    "consumer lag peak",
    "on-call",
    "pager",
    "refunds",
    "ongoing",
];

#[test]
fn queries_list_the_right_results_first() {
    let Some(browser) = browser("queries_list_the_right_results_first") else {
        return;
    };
    let dir = built_fixture();
    let mut wrong = Vec::new();
    for (query, expected) in RANKING {
        let page = search(&browser, &dir, query);
        let titles = page.texts("#search-results li .result-title");
        let first = &titles[..expected.len().min(titles.len())];
        let complete = COMPLETE.contains(query);
        if first != *expected || (complete && titles.len() != expected.len()) {
            wrong.push(format!("{query:?}: expected {expected:?}, got {titles:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn results_show_status_author_team_and_code() {
    let Some(browser) = browser("results_show_status_author_team_and_code") else {
        return;
    };
    let dir = built_fixture();

    let page = search(&browser, &dir, "redis");
    let titles = page.texts("#search-results li .result-title");
    let accepted = titles
        .iter()
        .position(|t| t == "Move sessions to a Redis cluster")
        .unwrap();
    let superseded = titles
        .iter()
        .position(|t| t == "Use Redis for session storage")
        .unwrap();
    assert!(accepted < superseded, "{titles:?}");
    let nth = |n: usize, selector: &str| {
        page.texts(&format!(
            "#search-results li:nth-child({}) {selector}",
            n + 1
        ))
    };
    assert_eq!(nth(superseded, ".status"), ["superseded"]);
    assert_eq!(nth(accepted, ".status"), ["accepted"]);
    assert_eq!(
        page.eval(&format!(
            "document.querySelectorAll('#search-results li')[{superseded}].classList.contains('result-closed')"
        )),
        true
    );

    let page = search(&browser, &dir, "consumer lag");
    assert_eq!(
        page.texts("#search-results li:first-child .badge"),
        ["risk", "open", "medium", "blocker", "stale"]
    );
    let statuses = page.texts("#search-results li .status");
    assert!(statuses.contains(&"resolved".to_string()), "{statuses:?}");

    // An incident: its status, that it is ongoing, its severity and
    // commander.
    let page = search(&browser, &dir, "refunds");
    assert_eq!(
        page.texts("#search-results li:first-child .badge"),
        ["incident", "monitoring", "ongoing", "sev3"]
    );
    assert!(
        page.texts("#search-results li:first-child .meta")
            .concat()
            .ends_with("· commander lu · Payments")
    );
    assert_eq!(
        page.texts("#search-results li:nth-child(2) .badge"),
        ["incident", "resolved", "sev2"]
    );
    let href = page.eval("document.querySelector('#search-results li a').href");
    assert!(
        href.as_str()
            .unwrap()
            .ends_with("/incidents/inc-8/index.html"),
        "{href}"
    );

    // A wrap names its author and team.
    let page = search(&browser, &dir, "failover");
    let meta = page.texts("#search-results li:first-child .meta").concat();
    assert_eq!(meta, "2026-11-05 · ana · Platform");
    assert_eq!(page.texts("#search-results li:first-child .kind"), ["wrap"]);

    // Inline code is a <code> element made with DOM calls, its text
    // never parsed as HTML.
    let page = search(&browser, &dir, "enable");
    assert_eq!(
        page.texts("#search-results li:first-child .result-title code"),
        ["sessions.redis"]
    );
    assert_eq!(
        page.eval("document.querySelector('#search-results li .result-title').innerHTML"),
        "<mark>Enable</mark> <code>sessions.redis</code> in eu-1 first"
    );
    let href = page.eval("document.querySelector('#search-results li a').href");
    assert!(
        href.as_str()
            .unwrap()
            .ends_with("/decisions/enable-sessions-redis-in-eu-1-first/index.html"),
        "{href}"
    );

    // A hyphenated word is marked as written.
    let page = search(&browser, &dir, "on-call");
    assert_eq!(
        page.texts("#search-results li:first-child mark"),
        ["on-call"]
    );
}

/// On a phone (390 px wide) results wrap: long code in a title and long
/// links in a teaser never make the page scroll sideways.
#[test]
fn results_fit_a_phone_screen() {
    let Some(browser) = browser("results_fit_a_phone_screen") else {
        return;
    };
    let dir = built_fixture();
    for query in ["timeout", "timings", "redis", "consumer lag"] {
        let page = search(&browser, &dir, query);
        page.set_viewport(390, 844, true);
        page.wait_until("document.documentElement.clientWidth === 390", WAIT);
        let wide = page.eval(
            "JSON.stringify(Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > 390.5).map(e => e.tagName + '.' + e.className))",
        );
        assert_eq!(
            page.eval("document.documentElement.scrollWidth"),
            390,
            "{query:?}: wider than the screen: {wide}"
        );
    }
}

/// The query's terms, made in the browser, are the terms elasticlunr-rs
/// makes of the same words folded as the index folds them: the index and
/// the query agree.
#[test]
fn the_browser_makes_the_terms_elasticlunr_rs_makes() {
    use elasticlunr::Language;

    let Some(browser) = browser("the_browser_makes_the_terms_elasticlunr_rs_makes") else {
        return;
    };
    let dir = built_fixture();
    let page = Page::open(&browser, &search_url(&dir, ""));
    page.wait_until("window.standinSearch && standinSearch.analyse", WAIT);

    // Every word of the example site and the fixture, and words that walk
    // the stemmer's rules, its corners and Unicode.
    let mut words: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for site in [repo().join("example-site"), fixture("search")] {
        for entry in walkdir::WalkDir::new(site) {
            let entry = entry.unwrap();
            if entry
                .path()
                .extension()
                .is_some_and(|e| e == "md" || e == "toml")
            {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                words.extend(text.split_whitespace().map(str::to_string));
            }
        }
    }
    let rules = "caresses ponies ties caress cats feed agreed disabled matting mating meeting \
        milling messing meetings happy sky relational conditional rational valenci hesitanci \
        digitizer conformabli radicalli differentli vileli analogousli vietnamization \
        predication operator feudalism decisiveness hopefulness callousness formaliti \
        sensitiviti sensibiliti triplicate formative formalize electriciti electrical hopeful \
        goodness revival allowance inference airliner gyroscopic adjustable defensible \
        irritant replacement adjustment dependent adoption homologou communism activate \
        angulariti homologous effective bowdlerize probate rate cease controll roll leeshyy \
        syzygy generalizations oscillators archaeology logi ies sses eed ing yyy \
        naïve café Zoë Ωmega straße İstanbul ÉÉING 中文 emoji😀s तत्त्व on-call --flag x- a-b-c \
        Inés ＰＡＹ－３１８７ ﬁle Ⅻ x² ¨a ｶﾀｶﾅ Việt ΣΟΦΟΣ \
        The THE Redis's (redis) «quoted» 2026-11-20 p99 k8s UUID-550e8400-e29b-41d4-a716-446655440000";
    words.extend(rules.split_whitespace().map(str::to_string));
    words.insert("x".repeat(70));
    words.insert(format!("{}-tail", "y".repeat(70)));
    words.insert("z".repeat(400));
    let words: Vec<String> = words.into_iter().collect();
    assert!(words.len() > 2000, "{} words", words.len());

    let language = elasticlunr::lang::English::new();
    let pipeline = language.make_pipeline();
    let fits = |t: &String| t.chars().count() <= 64;
    let max_bytes = 4 * 64 + 64;
    // One folded word: its compound and its parts.
    let analyse = |word: &str| {
        let compound = word
            .contains('-')
            .then(|| pipeline.run(vec![word.to_string()]).pop())
            .flatten()
            .filter(|t| t.contains('-') && fits(t));
        let parts: Vec<serde_json::Value> = word
            .split('-')
            .filter(|p| !p.is_empty())
            .map(|part| {
                let tokens = language.tokenize(part);
                let trimmed = tokens.first().map(|t| {
                    t.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                        .to_string()
                });
                match (pipeline.run(tokens).pop(), trimmed) {
                    (Some(term), _) if fits(&term) => serde_json::json!({"term": term}),
                    (Some(_), _) => serde_json::Value::Null,
                    (None, Some(stop)) if !stop.is_empty() => serde_json::json!({"stop": stop}),
                    (None, _) => serde_json::Value::Null,
                }
            })
            .collect();
        serde_json::json!({"compound": compound, "parts": parts})
    };
    // A word as written: folded (which may split it), each piece analysed.
    let expected: Vec<serde_json::Value> = words
        .iter()
        .map(|word| {
            if word.len() > max_bytes {
                return serde_json::json!([]);
            }
            let folded = standin::site::search_fold(word);
            let pieces: Vec<serde_json::Value> = folded
                .split_whitespace()
                .filter(|p| p.len() <= max_bytes)
                .map(analyse)
                .collect();
            serde_json::Value::Array(pieces)
        })
        .collect();

    let mut wrong = Vec::new();
    for (batch, expected) in words.chunks(500).zip(expected.chunks(500)) {
        let got = page.eval(&format!(
            "JSON.stringify({}.map(standinSearch.analyse))",
            serde_json::to_string(batch).unwrap()
        ));
        let got: Vec<serde_json::Value> = serde_json::from_str(got.as_str().unwrap()).unwrap();
        for ((word, want), got) in batch.iter().zip(expected).zip(&got) {
            if want != got {
                wrong.push(format!("{word:?}: elasticlunr-rs {want}, browser {got}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} words differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    page.assert_no_errors();
}
