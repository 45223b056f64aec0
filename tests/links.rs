//! Links and images in wraps and decision records (`tests/fixtures/links`):
//! a link to another source file becomes a link to its page, at the
//! heading it names; images and files beside the Markdown are published
//! byte for byte; a file that is not part of the site links to the
//! repository browser or is plain text; what is missing, outside the site
//! or behind a symlink is a warning, never a broken link.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use scraper::Html;
use serde_json::Value;

const ANA: &str = "wraps/2026-11-19/ana-1800/index.html";
const BO: &str = "wraps/2026-11-20/bo-0900/index.html";
const IP_RANGES: &str = "decisions/ip-ranges/index.html";
const NETWORK: &str = "decisions/network-layout/index.html";

/// The fixture copied into a temp dir (so a test can change it), with
/// `config` appended to its standin.toml.
fn site_with(config: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("links"), &site);
    let toml = site.join("standin.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}{config}")).unwrap();
    (dir, site)
}

/// Builds the site into `out` beside it; asserts no link in it is broken.
fn built(site: &Path) -> PathBuf {
    let out = site.with_file_name("out");
    build(site, &out, &[]);
    assert_eq!(broken_links(&out, &[]), Vec::<String>::new());
    out
}

/// The href of the link with `text` in the body (`.prose`) of a page.
fn href(html: &Html, text: &str) -> Option<String> {
    links(html, ".prose a")
        .into_iter()
        .find(|(t, _)| t == text)
        .map(|(_, href)| href)
}

/// Asserts that `link`, written on `page`, leads to a file of the output
/// and, with a fragment, to an element of that page with the id.
fn assert_lands(out: &Path, page: &str, link: &str) {
    let target = if link.starts_with('#') {
        page.to_string()
    } else {
        resolve(page, link)
    };
    assert!(out.join(&target).is_file(), "{page} -> {link}: no {target}");
    if let Some((_, fragment)) = link.split_once('#') {
        let id = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy();
        let html = common::page(out, &target);
        assert_eq!(
            attrs(&html, &format!("[id=\"{id}\"]"), "id").len(),
            1,
            "{page} -> {link}: no element with id {id} in {target}"
        );
    }
}

/// The visible text of the bodies of a page.
fn body_text(html: &Html) -> String {
    texts(html, ".prose").join(" ")
}

#[test]
fn links_between_source_files_become_links_between_pages() {
    let (_dir, site) = site_with("");
    let out = built(&site);
    let ana = page(&out, ANA);
    let cases = [
        (
            "ADR 33",
            "../../../decisions/ip-ranges/index.html#user-content-consequences",
        ),
        (
            "the old layout",
            "../../../decisions/network-layout/index.html",
        ),
        ("my notes", "#user-content-notes-for-bo"),
        // `#Next` names the heading `## Next`, whatever its case.
        (
            "morning wrap",
            "../../../wraps/2026-11-20/bo-0900/index.html#user-content-next",
        ),
    ];
    for (text, expected) in cases {
        let found = href(&ana, text).unwrap_or_else(|| panic!("no link {text:?} on {ANA}"));
        assert_eq!(found, expected, "{text}");
        assert_lands(&out, ANA, &found);
    }

    // Raw HTML links, and a reference written `<...>`, are read the same way.
    let bo = page(&out, BO);
    for (text, expected) in [
        (
            "ana's wrap",
            "../../../wraps/2026-11-19/ana-1800/index.html#user-content-done",
        ),
        (
            "network ADR",
            "../../../decisions/network-layout/index.html#user-content-context",
        ),
        (
            "sessions, in raw HTML",
            "../../../decisions/pg-sessions/index.html",
        ),
    ] {
        assert_eq!(href(&bo, text).as_deref(), Some(expected), "{text}");
        assert_lands(&out, BO, expected);
    }

    // A record links to another record and to a wrap, from its own page.
    let record = page(&out, IP_RANGES);
    for (text, expected) in [
        (
            "ADR 27",
            "../../decisions/network-layout/index.html#user-content-decision",
        ),
        ("ana's wrap", "../../wraps/2026-11-19/ana-1800/index.html"),
    ] {
        assert_eq!(href(&record, text).as_deref(), Some(expected), "{text}");
        assert_lands(&out, IP_RANGES, expected);
    }

    // Headings keep ids of their own, apart from the template's (`#next`).
    assert_eq!(attrs(&bo, "#next", "id").len(), 0);
    assert_eq!(attrs(&bo, ".prose h2", "id"), ["user-content-next"]);

    // No placeholder is left anywhere, search files and feeds included.
    for (path, bytes) in read_tree(&out) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("standin-ref-"), "a placeholder in {path}");
    }
}

#[test]
fn images_and_files_beside_the_markdown_are_published_byte_identical() {
    let (_dir, site) = site_with("");
    let out = built(&site);
    let ana = page(&out, ANA);
    let images = attrs(&ana, ".prose img", "src");
    assert_eq!(
        images,
        [
            // A space in the name, written `%20`.
            "../../../files/wraps/2026/11/19/disk%20graph.png",
            // GitHub's `?raw=true` is dropped.
            "../../../files/wraps/2026/11/19/graph.png",
        ]
    );
    let bo = page(&out, BO);
    // The same file shown by two pages (here from raw HTML) is one copy.
    let bo_images = attrs(&bo, ".prose img", "src");
    assert_eq!(bo_images, ["../../../files/wraps/2026/11/19/graph.png"]);
    assert_eq!(attrs(&bo, ".prose img", "width"), ["40"]);
    let record = page(&out, IP_RANGES);
    let record_images = attrs(&record, ".prose img", "src");
    assert_eq!(
        record_images,
        ["../../files/decisions/0033-ip-ranges-img01.jpg"]
    );
    // A file (not Markdown) linked from a record, beside it.
    let network = page(&out, NETWORK);
    let capture = href(&network, "packet capture").unwrap();
    assert_eq!(
        capture,
        "../../files/decisions/attachments/capture%20log.txt"
    );

    let published = [
        (ANA, &images[0], "wraps/2026/11/19/disk graph.png"),
        (ANA, &images[1], "wraps/2026/11/19/graph.png"),
        (BO, &bo_images[0], "wraps/2026/11/19/graph.png"),
        (
            IP_RANGES,
            &record_images[0],
            "decisions/0033-ip-ranges-img01.jpg",
        ),
        (NETWORK, &capture, "decisions/attachments/capture log.txt"),
    ];
    for (page, link, source) in published {
        let target = resolve(page, link);
        let copy = std::fs::read(out.join(&target)).unwrap();
        assert_eq!(copy, std::fs::read(site.join(source)).unwrap(), "{source}");
    }
    // Exactly those files: not the draft's image, not the Markdown, not
    // the files that are not part of the site.
    let files: Vec<String> = read_tree(&out)
        .into_keys()
        .filter(|p| p.starts_with("files/"))
        .collect();
    assert_eq!(
        files,
        [
            "files/decisions/0033-ip-ranges-img01.jpg",
            "files/decisions/attachments/capture log.txt",
            "files/wraps/2026/11/19/disk graph.png",
            "files/wraps/2026/11/19/graph.png",
        ]
    );
}

#[test]
fn files_that_are_not_part_of_the_site_are_plain_text_without_a_repository() {
    let (_dir, site) = site_with("");
    let out = built(&site);
    let ana = page(&out, ANA);
    let texts_of_links: Vec<String> = links(&ana, ".prose a")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    for text in ["main.rs", "readme", "draft", "runbook", "this"] {
        assert!(
            !texts_of_links.contains(&text.to_string()),
            "{text} is still a link"
        );
    }
    let body = body_text(&ana);
    for words in [
        "The fix is in main.rs; the readme explains",
        "cy's draft is not out yet",
        "The runbook moved",
        "Never this.",
    ] {
        assert!(body.contains(words), "{words:?} not in {body}");
    }
}

#[test]
fn files_that_are_not_part_of_the_site_link_to_the_repository_browser() {
    let (_dir, site) = site_with("\n[repository]\nurl = \"https://github.com/org/repo\"\n");
    let out = built(&site);
    let ana = page(&out, ANA);
    assert_eq!(
        href(&ana, "main.rs").as_deref(),
        Some("https://github.com/org/repo/blob/HEAD/src/main.rs#L10")
    );
    assert_eq!(
        href(&ana, "readme").as_deref(),
        Some("https://github.com/org/repo/blob/HEAD/README.md")
    );
    // A draft is no page, but it is a file of the repository.
    assert_eq!(
        href(&ana, "draft").as_deref(),
        Some("https://github.com/org/repo/blob/HEAD/wraps/2026/11/21/cy-1000.md")
    );
    // What does not exist, or is outside the site, is still no link.
    assert_eq!(href(&ana, "runbook"), None);
    assert_eq!(href(&ana, "this"), None);

    let (_dir, site) = site_with(
        "\n[repository]\nurl = \"https://github.com/org/repo\"\nfile_url = \"{url}/blob/main/handoffs/{path}\"\n",
    );
    let out = built(&site);
    let ana = page(&out, ANA);
    assert_eq!(
        href(&ana, "main.rs").as_deref(),
        Some("https://github.com/org/repo/blob/main/handoffs/src/main.rs#L10")
    );
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

/// `(code, file, line, column)` of each diagnostic (line 0 for one about
/// a whole file).
fn places(diagnostics: &[Value]) -> Vec<(String, String, u64, u64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn check_warns_where_a_link_leads_to_nothing_or_out_of_the_site() {
    let (_dir, site) = site_with("");
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0, "warnings only: {diagnostics:#?}");
    let file = site
        .join("wraps/2026/11/19/ana-1800.md")
        .display()
        .to_string();
    assert_eq!(
        places(&diagnostics),
        [
            ("W013".to_string(), file.clone(), 18, 15),
            ("W013".to_string(), file, 19, 14),
        ]
    );
    let missing = &diagnostics[0];
    assert!(
        missing["message"]
            .as_str()
            .unwrap()
            .contains("`../../../../docs/runbok.md`: no such file"),
        "{missing:#}"
    );
    assert!(
        missing["help"]
            .as_str()
            .unwrap()
            .contains("did you mean `runbook.md`?"),
        "{missing:#}"
    );
    let outside = &diagnostics[1];
    assert!(
        outside["message"]
            .as_str()
            .unwrap()
            .contains("leads out of the site folder"),
        "{outside:#}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_are_never_followed() {
    use std::os::unix::fs::symlink;
    let (dir, site) = site_with("");
    let secret = dir.path().join("secret");
    std::fs::create_dir_all(&secret).unwrap();
    std::fs::write(secret.join("key.png"), b"not for publishing").unwrap();
    symlink(
        secret.join("key.png"),
        site.join("wraps/2026/11/20/key.png"),
    )
    .unwrap();
    symlink(&secret, site.join("decisions/linked")).unwrap();
    std::fs::write(
        site.join("wraps/2026/11/20/dan-1200.md"),
        "+++\nauthor = \"dan\"\ndate = 2026-11-20T12:00:00Z\n+++\nSee ![the key](key.png) and [the folder's](../../../../decisions/linked/key.png).\n",
    )
    .unwrap();
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0, "{diagnostics:#?}");
    let file = site
        .join("wraps/2026/11/20/dan-1200.md")
        .display()
        .to_string();
    let found: Vec<_> = places(&diagnostics)
        .into_iter()
        .filter(|(_, f, _, _)| *f == file)
        .collect();
    assert_eq!(
        found,
        [
            ("W008".to_string(), file.clone(), 5, 16),
            ("W008".to_string(), file, 5, 44),
        ]
    );

    let out = built(&site);
    let dan = page(&out, "wraps/2026-11-20/dan-1200/index.html");
    assert_eq!(attrs(&dan, ".prose img", "src"), Vec::<String>::new());
    assert_eq!(links(&dan, ".prose a"), Vec::<(String, String)>::new());
    assert!(body_text(&dan).contains("See the key and the folder's."));
    for (path, bytes) in read_tree(&out) {
        assert_ne!(bytes, b"not for publishing", "{path} was published");
    }
}

#[test]
fn feeds_link_to_pages_and_files_by_absolute_urls() {
    let (_dir, site) = site_with("");
    let out = built(&site);
    let xml = std::fs::read_to_string(out.join("feeds/teams/ops.xml")).unwrap();
    let feed = roxmltree::Document::parse(&xml).unwrap();
    let bodies: Vec<Html> = feed
        .descendants()
        .filter(|n| n.has_tag_name("content"))
        .map(|n| Html::parse_fragment(n.text().unwrap_or("")))
        .collect();
    assert_eq!(bodies.len(), 2);
    let mut urls: Vec<String> = bodies
        .iter()
        .flat_map(|b| {
            let mut found = attrs(b, "a[href]", "href");
            found.extend(attrs(b, "img[src]", "src"));
            found
        })
        .collect();
    urls.sort();
    urls.dedup();
    assert!(!urls.is_empty());
    for url in &urls {
        assert!(url.starts_with("https://example.test/links/"), "{url}");
    }
    for expected in [
        "https://example.test/links/decisions/ip-ranges/#user-content-consequences",
        "https://example.test/links/wraps/2026-11-19/ana-1800/#user-content-notes-for-bo",
        "https://example.test/links/files/wraps/2026/11/19/disk%20graph.png",
    ] {
        assert!(
            urls.contains(&expected.to_string()),
            "{expected} not in {urls:#?}"
        );
    }
    // Each absolute URL names a file of the output.
    for url in urls {
        let path = url
            .strip_prefix("https://example.test/links/")
            .unwrap()
            .split('#')
            .next()
            .unwrap();
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let file = if path.ends_with('/') {
            format!("{path}index.html")
        } else {
            path.to_string()
        };
        assert!(out.join(&file).is_file(), "{url}: no {file}");
    }
}

#[test]
fn the_same_site_builds_the_same_files() {
    let (_dir, site) = site_with("");
    let first = built(&site);
    let again = site.with_file_name("again");
    build(&site, &again, &[]);
    assert!(read_tree(&first) == read_tree(&again));
}
