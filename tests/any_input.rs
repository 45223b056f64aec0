//! "Any size of input, no crash": words of any length, deeply nested
//! Markdown and deeply nested TOML make every command either succeed or
//! stop with a clear diagnostic, never die of a stack overflow.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

const CONFIG: &str =
    "title = \"Big\"\nbase_url = \"https://big.test/\"\ntimezone = \"UTC\"\n[teams.alpha]\n";

/// A site with one wrap per `(front matter, body)`, wrap `i` at 10:`i`.
fn site(wraps: &[(String, String)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("standin.toml"), CONFIG).unwrap();
    let folder = dir.path().join("wraps/2026/11/20");
    std::fs::create_dir_all(&folder).unwrap();
    for (i, (front_matter, body)) in wraps.iter().enumerate() {
        let text = format!(
            "+++\nauthor = \"ana\"\ndate = 2026-11-20T10:{i:02}:00Z\nteam = \"alpha\"\n{front_matter}+++\n{body}"
        );
        std::fs::write(folder.join(format!("ana-10{i:02}.md")), text).unwrap();
    }
    dir
}

/// Runs `check`, `build` and `new` on `site`; returns their outputs after
/// asserting that none was killed (a stack overflow aborts the process).
fn every_command(site: &Path) -> [Output; 3] {
    let out = site.join("public");
    let dir = site.to_str().unwrap();
    let outputs = [
        run(&["check", dir, "--format", "json"]),
        run(&["build", dir, "-o", out.to_str().unwrap()]),
        standin()
            .args(["new", dir, "--author", "bo", "--at", "2026-11-21T09:00:00Z"])
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .output()
            .unwrap(),
    ];
    for (command, output) in ["check", "build", "new"].iter().zip(&outputs) {
        assert!(
            output.status.code().is_some(),
            "`standin {command}` was killed: {}",
            stderr(output).chars().take(2000).collect::<String>()
        );
    }
    outputs
}

fn assert_all_succeed(outputs: &[Output; 3]) {
    for (command, output) in ["check", "build", "new"].iter().zip(outputs) {
        assert!(
            output.status.success(),
            "`standin {command}` failed: {}",
            stderr(output).chars().take(2000).collect::<String>()
        );
    }
}

#[test]
fn words_of_any_length() {
    let word = |n: usize| "x".repeat(n);
    let dir = site(&[
        (
            String::new(),
            format!("Short first sentence. {}\n", word(18_000)),
        ),
        (String::new(), format!("## {}\n\nBody.\n", word(100_000))),
        (
            format!(
                "summary = \"{}\"\nnext = [\"{}\"]\n",
                word(1 << 20),
                word(1 << 20)
            ),
            format!("[{w}](https://x.test/{w}) `{w}` {w}\n", w = word(1 << 20)),
        ),
        (String::new(), format!("{}.\n", word(1 << 20))),
    ]);
    let outputs = every_command(dir.path());
    assert_all_succeed(&outputs);
    let out = dir.path().join("public");
    // The words are on their pages, whole.
    let html = page(&out, "wraps/2026-11-20/ana-1003/index.html");
    let body = texts(&html, "section.prose").join(" ");
    assert!(
        body.contains(&word(1 << 20)),
        "the megabyte word is missing"
    );
    // ...but not in the search index a reader downloads.
    let search_bytes: usize = read_tree(&out)
        .iter()
        .filter(|(path, _)| path.starts_with("search/shard-"))
        .map(|(_, bytes)| bytes.len())
        .sum();
    assert!(
        search_bytes < 20_000,
        "search shards hold {search_bytes} bytes"
    );
}

#[test]
fn deeply_nested_markdown() {
    let bodies = [
        format!("{}a{}\n", "[".repeat(10_000), "](y)".repeat(10_000)),
        format!(
            "# Top\n\n{}a{}\n",
            "[".repeat(10_000),
            "](y)".repeat(10_000)
        ),
        format!("{}a{}\n", "![".repeat(10_000), "](y)".repeat(10_000)),
        "*a".repeat(100_000),
        "_a".repeat(100_000),
        format!("{}a{}\n", "**".repeat(50_000), "**".repeat(50_000)),
        format!("{}a\n", "> ".repeat(100_000)),
        format!("{}a\n", "- ".repeat(100_000)),
        (0..3_000)
            .map(|i| format!("{}- a\n", "  ".repeat(i)))
            .collect(),
        format!("{}x\n", "<b>".repeat(100_000)),
        "[".repeat(100_000),
        "<".repeat(100_000),
        format!("{}\n\n[^1]: note\n", "[^1]".repeat(100_000)),
        format!("{}|\n{}|\n", "|a".repeat(20_000), "|-".repeat(20_000)),
    ];
    let wraps: Vec<(String, String)> = bodies
        .into_iter()
        .map(|body| (String::new(), format!("First sentence. {body}")))
        .collect();
    let dir = site(&wraps);
    assert_all_succeed(&every_command(dir.path()));
}

#[test]
fn deeply_nested_toml_is_a_clear_error() {
    let depth = 100_000;
    // The front matter, and the line the error points at: the nesting's
    // own (for keys of many dotted parts, which the TOML parser reports
    // without a place, the key's).
    let cases = [
        (
            format!("a = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
            5,
        ),
        (
            format!("a = {}1{}\n", "{ b = ".repeat(depth), " }".repeat(depth)),
            5,
        ),
        (
            format!(
                "a = {}1{}\n",
                "[{ b = ".repeat(depth / 2),
                " }]".repeat(depth / 2)
            ),
            5,
        ),
        // Unclosed: every level is its own error, each printed with its
        // line, so a tenth of the depth keeps the output small.
        (format!("tags = {}\n", "[".repeat(depth / 10)), 5),
        (format!("{} = 1\n", vec!["a"; depth].join(".")), 5),
        (format!("[{}]\n", vec!["a"; depth].join(".")), 5),
    ];
    for (case, line) in cases {
        let dir = site(&[(case.clone(), "Body.\n".to_string())]);
        let [check, build, _new] = every_command(dir.path());
        let shown = &case[..case.len().min(30)];
        assert_eq!(check.status.code(), Some(1), "{shown}");
        assert_eq!(build.status.code(), Some(1), "{shown}");
        let first: serde_json::Value =
            serde_json::from_str(stdout(&check).lines().next().unwrap()).unwrap();
        assert_eq!(first["code"], "E006", "{shown}: {first}");
        assert_eq!(first["line"], line, "{shown}: {first}");
        assert!(
            first["file"]
                .as_str()
                .unwrap()
                .ends_with("wraps/2026/11/20/ana-1000.md"),
            "{first}"
        );
        let message = first["message"].as_str().unwrap();
        assert!(
            message.contains("nested too deeply") || message.contains("unclosed array"),
            "{shown}: {message}"
        );
    }
}

#[test]
fn deeply_nested_html_is_capped_before_it_is_sanitised() {
    // The sanitiser's parser scans the open elements on every tag, so
    // 100,000 levels took minutes. Past 256 levels tags are shown as text,
    // with a warning: what the sanitiser sees nests no deeper than that,
    // which is what this checks (what it costs is bench/'s to measure).
    let n = 20_000;
    let bodies = [
        format!("{}deep{}\n", "<div>".repeat(n), "</div>".repeat(n)),
        format!("{}deep <b>x</b>\n", "> ".repeat(n)),
        format!("{}deep <b>x</b>\n", "- ".repeat(n / 4)),
        (0..n / 10)
            .map(|i| format!("a <b class=\"c{i}\">x\n\n"))
            .collect(),
        format!("{}deep\n", "<span><div></span>".repeat(n / 4)),
    ];
    let wraps: Vec<(String, String)> = bodies
        .into_iter()
        .map(|body| (String::new(), format!("First sentence.\n\n{body}")))
        .collect();
    let dir = site(&wraps);
    let [check, build, _new] = every_command(dir.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(build.status.success(), "{}", stderr(&build));
    let warnings: Vec<serde_json::Value> = stdout(&check)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .filter(|d: &serde_json::Value| d["code"] == "W006")
        .collect();
    let files: Vec<&str> = warnings
        .iter()
        .map(|w| w["file"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        files,
        [
            "ana-1000.md",
            "ana-1001.md",
            "ana-1002.md",
            "ana-1003.md",
            "ana-1004.md"
        ],
        "{warnings:?}"
    );
    assert!(
        warnings[0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 256 elements deep"),
        "{}",
        warnings[0]
    );
    // The text is on the page, and the HTML nests no deeper than the cap.
    let html = page(
        &dir.path().join("public"),
        "wraps/2026-11-20/ana-1000/index.html",
    );
    let prose = html.select(&selector("section.prose")).next().unwrap();
    assert!(prose.text().any(|t| t.contains("deep")));
    let deepest = prose
        .descendants()
        .filter_map(scraper::ElementRef::wrap)
        .map(|e| e.ancestors().count())
        .max()
        .unwrap();
    assert!(deepest < 300, "{deepest} levels");
}

#[test]
fn diagnostics_about_huge_lines_stay_readable() {
    // An unclosed 100,000-deep array: each level is an error on one
    // 100,000-character line. It printed 16 MB; people now see a window of
    // each line and a count of the errors past the first few of a code.
    let dir = site(&[(
        format!("tags = {}\n", "[".repeat(100_000)),
        "Body.\n".to_string(),
    )]);
    let site = dir.path().to_str().unwrap();
    let human = run(&["check", site]);
    assert_eq!(human.status.code(), Some(1));
    let text = stderr(&human);
    assert!(text.len() < 32_000, "{} bytes", text.len());
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(longest < 250, "a line of {longest} characters");
    assert!(
        text.contains("more E006 errors in ") && text.contains("not shown"),
        "{text}"
    );
    let json = run(&["check", site, "--format", "json"]);
    let all = stdout(&json).lines().count();
    assert!(all > 21, "JSON lists every error, got {all}");
    let github = run(&["check", site, "--format", "github"]);
    assert_eq!(stdout(&github).lines().count(), 21, "{}", stdout(&github));
}

/// One wrap recording `n` decisions, each superseding the one before.
fn decision_chain(n: usize, closing: bool) -> String {
    let mut front_matter = String::new();
    for i in 0..n {
        front_matter.push_str(&format!("[[decision]]\ntitle = \"d{i}\"\nwhy = \"w\"\n"));
        if i > 0 {
            front_matter.push_str(&format!("supersedes = \"d{}\"\n", i - 1));
        } else if closing {
            front_matter.push_str(&format!("supersedes = \"d{}\"\n", n - 1));
        }
    }
    front_matter
}

#[test]
fn long_supersedes_chains_keep_pages_small() {
    // Every page of a chain showed the whole chain: 1,000 links made
    // 257 MB of pages. A page now shows the 25 nearest decisions.
    let n = 300;
    let dir = site(&[(decision_chain(n, false), "Body.\n".to_string())]);
    assert_all_succeed(&every_command(dir.path()));
    let out = dir.path().join("public");
    for (id, first, last) in [
        ("d0", "d0", "d24"),
        ("d150", "d138", "d162"),
        ("d299", "d275", "d299"),
    ] {
        let html = page(&out, &format!("decisions/{id}/index.html"));
        let shown = texts(&html, ".chain li a, .chain li strong");
        assert_eq!(shown.len(), 25, "{id}: {shown:?}");
        assert_eq!(
            (shown[0].as_str(), shown[24].as_str()),
            (first, last),
            "{id}"
        );
        assert!(
            texts(&html, "#chain ~ p")
                .concat()
                .contains("The chain goes on")
        );
    }
    // A chain closed into a cycle: one error (the search for cycles now
    // follows chains with a stack of its own, not by recursion).
    let dir = site(&[(decision_chain(3, true), "Body.\n".to_string())]);
    let check = run(&["check", dir.path().to_str().unwrap(), "--format", "json"]);
    let cycles: Vec<serde_json::Value> = stdout(&check)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|d: &serde_json::Value| d["code"] == "E016")
        .collect();
    assert_eq!(cycles.len(), 1, "{}", stdout(&check));
}
