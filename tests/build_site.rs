//! `standin build` on small fixture sites: the pages hold the right data,
//! links resolve, and bad input never damages a published site.

mod common;

use common::*;

const AS_OF: &str = "2026-11-25";

fn built_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    build(
        &fixture("handoff"),
        &dir.path().join("out"),
        &["--as-of", AS_OF],
    );
    dir
}

#[test]
fn briefs_split_days_in_the_site_time_zone() {
    let dir = built_fixture();
    let out = dir.path().join("out");
    // bo wrote at 16:30 in Berlin on the 18th: 00:30 on the 19th in Tokyo.
    let day18 = page(&out, "briefs/2026-11-18/index.html");
    let day19 = page(&out, "briefs/2026-11-19/index.html");
    let authors = |html| texts(html, "#shifts ~ ul .wrap-row .row-title strong");
    assert_eq!(authors(&day18), ["ana"]);
    assert_eq!(authors(&day19), ["bo", "ana"]);
    // bo's wrap URL names the day and time bo wrote, as the file name does
    // (`wraps/2026/11/18/bo-1630.md`), though it is in the brief of the 19th.
    let links = attrs(&day19, ".wrap-row a", "href");
    assert!(
        links.contains(&"../../wraps/2026-11-18/bo-1630/index.html".to_string()),
        "{links:?}"
    );
    // Each day's brief lists the asks open at its end, wherever they are
    // shown (to pick up, or unacknowledged).
    let asks = |html| {
        let mut asks = texts(html, ".ask .what");
        asks.sort();
        asks
    };
    assert_eq!(asks(&day18), ["Watch db-1 disk overnight"]);
    // An ask nobody acknowledged is carried over to the next day.
    assert_eq!(
        asks(&day19),
        ["Resize db-1 volume", "Watch db-1 disk overnight"]
    );
    // The escalation to critical needs attention on the 19th.
    let attention = texts(&day19, "#attention + ul .item");
    assert_eq!(
        attention.len(),
        0,
        "db-disk was resolved later that day: {attention:?}"
    );
    assert_eq!(
        texts(&day19, "#closed ~ ul.items .item-title"),
        ["db-1 disk filling up"]
    );
}

#[test]
fn superseded_decisions_link_both_ways() {
    let dir = built_fixture();
    let out = dir.path().join("out");
    let old = page(&out, "decisions/pg-sessions/index.html");
    assert_eq!(texts(&old, ".badges .dstatus"), ["Status superseded"]);
    let facts = links(&old, ".facts dd a");
    assert!(
        facts.contains(&(
            "Use Redis for sessions".to_string(),
            "../../decisions/use-redis-for-sessions/index.html".to_string()
        )),
        "{facts:?}"
    );
    let new = page(&out, "decisions/use-redis-for-sessions/index.html");
    let facts = links(&new, ".facts dd a");
    assert!(
        facts.contains(&(
            "Keep sessions in Postgres".to_string(),
            "../../decisions/pg-sessions/index.html".to_string()
        )),
        "{facts:?}"
    );
    assert_eq!(texts(&new, ".badges .dstatus"), ["Status accepted"]);
    // Both show the whole chain, oldest first.
    assert_eq!(
        texts(&new, ".chain li a, .chain li strong"),
        ["Keep sessions in Postgres", "Use Redis for sessions"]
    );
    // The long-form record's body is on the old decision's page.
    assert!(
        texts(&old, ".record")
            .concat()
            .contains("We had one database and no time.")
    );
}

#[test]
fn risk_pages_show_full_history_and_age_from_as_of() {
    let dir = built_fixture();
    let out = dir.path().join("out");
    let risk = page(&out, "risks/db-disk/index.html");
    let history = texts(&risk, ".timeline > li .events");
    // Newest first.
    assert_eq!(
        history,
        [
            "open → resolved",
            "escalated high → critical · handed from ana to bo",
            "raised as high"
        ]
    );
    assert_eq!(
        texts(&risk, ".timeline > li .note"),
        [
            "Volume resized to 2 TB",
            "WAL growth doubled after the deploy"
        ]
    );
    let facts = texts(&risk, ".facts dd");
    assert!(
        facts.contains(&"resolved on 2026-11-19, after 1 day".to_string()),
        "{facts:?}"
    );

    // vendor-keys stays open: its age counts to --as-of, and it is stale.
    let open = page(&out, "risks/vendor-keys/index.html");
    let facts = texts(&open, ".facts dd");
    assert!(facts.contains(&"open 7 days".to_string()), "{facts:?}");
    assert!(texts(&open, ".badges .stale").concat().contains("stale"));

    // A different --as-of gives a different age.
    let other = tempfile::tempdir().unwrap();
    build(
        &fixture("handoff"),
        other.path(),
        &["--as-of", "2026-11-20"],
    );
    let facts = texts(
        &page(other.path(), "risks/vendor-keys/index.html"),
        ".facts dd",
    );
    assert!(facts.contains(&"open 2 days".to_string()), "{facts:?}");
}

#[test]
fn home_puts_open_blockers_first() {
    let dir = built_fixture();
    let home = page(&dir.path().join("out"), "index.html");
    assert_eq!(texts(&home, "h1"), ["Thursday 19 November 2026"]);
    assert_eq!(
        texts(&home, ".now .card-title"),
        ["Vendor sandbox keys not issued"]
    );
    assert_eq!(
        texts(&home, ".now .is-blocker .badge.blocker"),
        ["⊘ blocker"]
    );
}

#[test]
fn drafts_are_not_published() {
    let dir = built_fixture();
    let tree = read_tree(&dir.path().join("out"));
    assert!(
        !tree.keys().any(|p| p.contains("cy-")),
        "draft page written"
    );
    assert!(
        !tree
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("DRAFT-ONLY-TEXT"))
    );
}

#[test]
fn raw_html_is_sanitized_but_formatting_survives() {
    let dir = built_fixture();
    let wrap = page(
        &dir.path().join("out"),
        "wraps/2026-11-19/ana-1800/index.html",
    );
    let prose = wrap.select(&selector(".prose")).next().unwrap().html();
    assert!(
        prose.contains("<kbd>Ctrl</kbd>")
            && prose.contains("<details>")
            && prose.contains("<summary>"),
        "{prose}"
    );
    for bad in ["<script", "onerror", "javascript:"] {
        assert!(!prose.contains(bad), "{bad} reached the page: {prose}");
    }
    // Front-matter strings are escaped, never interpreted.
    assert!(
        attrs(&wrap, "script", "src")
            .iter()
            .all(|s| s.contains("assets/standin.js"))
    );
}

#[test]
fn every_internal_link_resolves() {
    let dir = built_fixture();
    let out = dir.path().join("out");
    let broken = broken_links(&out, &["404.html"]);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn not_found_page_links_from_base_url() {
    let dir = built_fixture();
    let html = page(&dir.path().join("out"), "404.html");
    let links: Vec<String> = attrs(&html, "a", "href")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://example.test/handoffs/")),
        "{links:?}"
    );
    let preview = tempfile::tempdir().unwrap();
    build(
        &fixture("handoff"),
        preview.path(),
        &["--base-url", "https://pr-7.preview.test/"],
    );
    let links: Vec<String> = attrs(&page(preview.path(), "404.html"), "a", "href")
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert!(
        links
            .iter()
            .all(|l| l.starts_with("https://pr-7.preview.test/")),
        "{links:?}"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&fixture("handoff"), a.path(), &["--as-of", AS_OF]);
    build(&fixture("handoff"), b.path(), &["--as-of", AS_OF]);
    let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn source_date_epoch_fixes_today() {
    let dir = tempfile::tempdir().unwrap();
    // 2026-11-22T00:00:00Z is the 22nd in Tokyo.
    let output = standin()
        .args([
            "build",
            fixture("handoff").to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1795305600")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let facts = texts(
        &page(dir.path(), "risks/vendor-keys/index.html"),
        ".facts dd",
    );
    assert!(facts.contains(&"open 4 days".to_string()), "{facts:?}");
}

#[test]
fn an_error_fails_the_build_and_leaves_the_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = dir.path().join("public");
    copy_dir(&fixture("handoff"), &site);
    build(&site, &out, &["--as-of", AS_OF]);
    let before = read_tree(&out);

    std::fs::write(
        site.join("wraps/2026/11/19/dee-1900.md"),
        "+++\nauthor = \"dee\"\ndate = 2026-11-19T19:00:00+09:00\n\n[[risk]]\nid = \"db-disk\"\nsevrity = \"high\"\n+++\nbody\n",
    )
    .unwrap();
    let output = run(&[
        "build",
        site.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    let file = format!("{}/wraps/2026/11/19/dee-1900.md:7:1", site.display());
    assert!(err.contains(&file), "no file:line:col in:\n{err}");
    assert!(err.contains("unknown key `sevrity` in [[risk]]"), "{err}");
    assert!(err.contains("did you mean `severity`?"), "{err}");
    assert!(err.contains("left as it was"), "{err}");
    assert_eq!(
        read_tree(&out),
        before,
        "the output changed after a failed build"
    );
}

/// Pages are written to the output as they are rendered: a template that
/// fails on one kind of page, after others were rendered and staged, still
/// leaves the previous output exactly as it was, with no staging left.
#[test]
fn a_template_failing_mid_render_leaves_the_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = dir.path().join("public");
    copy_dir(&fixture("handoff"), &site);
    build(&site, &out, &["--as-of", AS_OF]);
    let before = read_tree(&out);

    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/risk.html"),
        "{{ page.title }} {{ no_such_variable.field }}",
    )
    .unwrap();
    let output = run(&[
        "build",
        site.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("risk.html"), "{err}");
    assert!(err.contains("left as it was"), "{err}");
    assert_eq!(
        read_tree(&out),
        before,
        "the output changed after a failed build"
    );
}

#[test]
fn every_error_of_a_run_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("handoff"), &site);
    std::fs::write(
        site.join("wraps/2026/11/19/x-1.md"),
        "+++\nauthor = \"x\"\ndate = 2026-11-19T19:00:00+09:00\nteem = \"alpha\"\n+++\n",
    )
    .unwrap();
    std::fs::write(
        site.join("wraps/2026/11/19/y-1.md"),
        "+++\nauthor = \"y\"\ndate = 2026-11-19T19:00:00+09:00\n[[risk]]\nid = \"db-disc\"\nstatus = \"open\"\n+++\nx\n",
    )
    .unwrap();
    let output = run(&[
        "build",
        site.to_str().unwrap(),
        "-o",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("unknown key `teem`"), "{err}");
    assert!(err.contains("did you mean `team`?"), "{err}");
    assert!(
        err.contains("risk `db-disc` is updated here, but no earlier wrap raised it"),
        "{err}"
    );
    assert!(err.contains("did you mean `db-disk`"), "{err}");
    assert!(
        !dir.path().join("o").exists(),
        "nothing is written on error"
    );
}

#[test]
fn refuses_to_write_into_a_foreign_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let output = run(&[
        "build",
        fixture("handoff").to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("was not made by standin"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn site_templates_override_the_theme() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("handoff"), &site);
    std::fs::create_dir_all(site.join("templates")).unwrap();
    std::fs::write(
        site.join("templates/404.html"),
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"custom\">Lost? Ask in #handoffs</h1>{% endblock main %}",
    )
    .unwrap();
    let out = dir.path().join("out");
    build(&site, &out, &[]);
    assert_eq!(
        texts(&page(&out, "404.html"), "h1.custom"),
        ["Lost? Ask in #handoffs"]
    );

    // A broken override is reported with its file, and nothing is written.
    std::fs::write(site.join("templates/404.html"), "{% if %}").unwrap();
    let output = run(&[
        "build",
        site.to_str().unwrap(),
        "-o",
        dir.path().join("o2").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("templates/404.html"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn rebuilding_writes_only_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    build(&fixture("handoff"), &out, &["--as-of", AS_OF]);
    let second = build(&fixture("handoff"), &out, &["--as-of", AS_OF]);
    assert!(
        stdout(&second).contains("(0 written,"),
        "{}",
        stdout(&second)
    );
}

#[test]
fn output_does_not_depend_on_how_the_site_was_named() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    build(&fixture("handoff"), a.path(), &["--as-of", AS_OF]);
    let output = standin()
        .current_dir(fixture("handoff"))
        .args([
            "build",
            ".",
            "-o",
            b.path().to_str().unwrap(),
            "--as-of",
            AS_OF,
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        read_tree(a.path()) == read_tree(b.path()),
        "building `.` and an absolute path differ"
    );
}

#[test]
fn commands_run_from_a_folder_inside_the_site_find_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("handoff"), &site);
    let inside = site.join("wraps/2026/11");

    // `check` names files as they are reached from where it runs.
    std::fs::write(
        inside.join("19/zed-2000.md"),
        "+++\nauthor = \"zed\"\ndate = 2026-11-19T20:00:00+09:00\nteem = \"x\"\n+++\nx\n",
    )
    .unwrap();
    let output = standin()
        .args(["check", "--format", "json"])
        .current_dir(&inside)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let error: serde_json::Value = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|d| d["code"] == "E007")
        .expect("the unknown key is reported");
    assert_eq!(error["file"], "../../../wraps/2026/11/19/zed-2000.md");
    std::fs::remove_file(inside.join("19/zed-2000.md")).unwrap();

    // `build` writes to the site's own `public/`, not the current folder's.
    let output = standin()
        .args(["build", "--as-of", AS_OF])
        .current_dir(&inside)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.join("public/index.html").is_file());
    assert!(!inside.join("public").exists());

    // `new` writes under the site's `wraps/`.
    let output = standin()
        .args([
            "new",
            "--author",
            "zed",
            "--at",
            "2026-11-21T18:00:00+09:00",
        ])
        .current_dir(&inside)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.join("wraps/2026/11/21").is_dir());

    // Outside any site, the message says what a site is.
    let outside = tempfile::tempdir().unwrap();
    let output = standin()
        .args(["check"])
        .current_dir(outside.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("standin init"),
        "{}",
        stderr(&output)
    );
}
