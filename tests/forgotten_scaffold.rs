//! A scaffold nobody filled in (`tests/fixtures/scaffold`: quentin's of
//! Sat 21 Nov, next to two real wraps) is left out of the site with a
//! warning at its file; the rest of the site builds. Real errors still
//! fail the build.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const SCAFFOLD: &str = "wraps/2026/11/21/quentin-1800.md";

/// The fixture copied into a temp dir, to edit or build into.
fn copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("scaffold"), dir.path());
    dir
}

/// Every diagnostic of `standin check --format json`, and its exit code.
fn check_json(site: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut args = vec!["check", site.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let output = run(&args);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (output.status.code().unwrap(), diagnostics)
}

/// Every string in a JSON document, keys excluded.
fn strings(value: &Value) -> Vec<&str> {
    match value {
        Value::String(s) => vec![s.as_str()],
        Value::Array(items) => items.iter().flat_map(strings).collect(),
        Value::Object(map) => map.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

fn json(out: &Path, path: &str) -> Value {
    serde_json::from_slice(&std::fs::read(out.join(path)).unwrap()).unwrap()
}

#[test]
fn check_warns_at_the_scaffold_and_passes() {
    let site = fixture("scaffold");
    let (code, diagnostics) = check_json(&site, &[]);
    assert_eq!(code, 0, "{diagnostics:#?}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let warning = &diagnostics[0];
    assert_eq!(warning["code"], "W017");
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["file"], site.join(SCAFFOLD).display().to_string());
    assert_eq!(
        (&warning["line"], &warning["column"]),
        (&2.into(), &1.into())
    );
    let message = warning["message"].as_str().unwrap();
    assert!(message.starts_with("not published:"), "{message}");
    assert!(message.ends_with("fill it in or delete it"), "{message}");

    // As people read it: the file and line, and the counts.
    let human = run(&["check", site.to_str().unwrap()]);
    assert!(human.status.success());
    let err = stderr(&human);
    assert!(err.contains("warning[W017]: not published"), "{err}");
    let at = format!("--> {}:2:1", site.join(SCAFFOLD).display());
    assert!(err.contains(&at), "{err}");
    assert!(
        err.ends_with("standin check: 2 wraps, 0 decisions, 1 risk: 0 errors, 1 warning\n"),
        "{err}"
    );
}

#[test]
fn the_site_builds_without_it() {
    let out = tempfile::tempdir().unwrap();
    let built = build(&fixture("scaffold"), out.path(), &[]);
    assert!(
        stderr(&built).contains("warning[W017]"),
        "{}",
        stderr(&built)
    );
    assert!(stdout(&built).contains("built 2 wraps, 2 briefs"));
    let out = out.path();

    // No page, and no day: "today" is the newest published wrap's.
    assert!(!out.join("wraps/2026-11-21").exists());
    assert!(!out.join("briefs/2026-11-21").exists());
    let home = page(out, "index.html");
    assert_eq!(texts(&home, "h1"), ["Friday 20 November 2026"]);
    let briefs = page(out, "briefs/index.html");
    let days: Vec<String> = attrs(&briefs, "a[href^='../briefs/2026-']", "href")
        .iter()
        .map(|href| resolve("briefs/index.html", href))
        .collect();
    assert_eq!(
        days,
        [
            "briefs/2026-11-20/index.html",
            "briefs/2026-11-19/index.html"
        ]
    );

    // No page links to it, nor names its author.
    let real = [
        "wraps/2026-11-19/ana-1700/index.html",
        "wraps/2026-11-20/bo-0900/index.html",
    ];
    for path in read_tree(out).keys().filter(|p| p.ends_with(".html")) {
        let html = page(out, path);
        for href in attrs(&html, "a[href*='wraps/']", "href") {
            let target = resolve(path, &href);
            assert!(real.contains(&target.as_str()), "{path} -> {href}");
        }
        let text = texts(&html, "body").join(" ");
        assert!(!text.contains("quentin"), "{path}: {text}");
    }

    // Nor the API, nor the sitemap.
    let api: Vec<String> = read_tree(out)
        .into_keys()
        .filter(|p| p.starts_with("api/"))
        .collect();
    assert!(api.contains(&"api/briefs/2026-11-20.json".to_string()));
    assert!(!api.contains(&"api/briefs/2026-11-21.json".to_string()));
    for path in &api {
        let document = json(out, path);
        let found: Vec<&str> = strings(&document)
            .into_iter()
            .filter(|s| s.contains("quentin") || s.contains("2026-11-21"))
            .collect();
        assert!(found.is_empty(), "{path}: {found:?}");
    }
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    let sitemap = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.iter()
            .any(|l| l.ends_with("wraps/2026-11-20/bo-0900/"))
    );
    assert!(!locs.iter().any(|l| l.contains("2026-11-21")), "{locs:?}");
}

#[test]
fn the_scaffold_is_no_shift_and_acknowledges_nothing() {
    // Its `[ack]` for bo's ask is commented out, as `standin new` offers
    // it: left untouched, the ask is still open for alpha, and no alpha
    // shift has let it pass (a scaffold is nobody's shift).
    let out = tempfile::tempdir().unwrap();
    let built = build(&fixture("scaffold"), out.path(), &["--as-of", "2026-11-22"]);
    assert!(!stderr(&built).contains("W012"), "{}", stderr(&built));
    let asks = json(out.path(), "api/index.json")["asks"].clone();
    let ask = asks
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "bo-1120-prq")
        .expect("bo's ask to alpha")
        .clone();
    assert_eq!(
        (&ask["status"], &ask["unacknowledged"]),
        (&"open".into(), &false.into())
    );

    // Filled in (one sentence, no ack), it is a shift that let it pass.
    let site = copy();
    let path = site.path().join(SCAFFOLD);
    let text = std::fs::read_to_string(&path).unwrap();
    let filled = text.replacen("summary = \"\"", "summary = \"A quiet shift.\"", 1);
    assert_ne!(filled, text);
    std::fs::write(&path, filled).unwrap();
    let (code, diagnostics) = check_json(site.path(), &["--as-of", "2026-11-22"]);
    assert_eq!(code, 0);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["W012"], "{diagnostics:#?}");
}

#[test]
fn a_real_error_elsewhere_still_fails_the_build() {
    let site = copy();
    let bo = site.path().join("wraps/2026/11/20/bo-0900.md");
    let text = std::fs::read_to_string(&bo).unwrap();
    std::fs::write(&bo, text.replacen("team = \"beta\"", "teem = \"beta\"", 1)).unwrap();
    let out = site.path().join("public");
    let built = run(&[
        "build",
        site.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!out.join("index.html").exists(), "nothing is published");
    let err = stderr(&built);
    assert!(err.contains("error[E007]: unknown key `teem`"), "{err}");
    assert!(err.contains("warning[W017]"), "{err}");
    assert!(
        err.contains("standin: build failed with 1 error, 1 warning;"),
        "{err}"
    );

    let (code, diagnostics) = check_json(site.path(), &[]);
    assert_eq!(code, 1);
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E007", "W017"], "{diagnostics:#?}");
}
