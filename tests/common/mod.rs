//! Helpers shared by the integration tests: run the real binary on real
//! sites in temporary directories and read the output with an HTML parser.
#![allow(dead_code)]

pub mod browser;
pub mod git;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// The `standin` binary built for this test run.
pub fn standin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_standin"));
    command.env_remove("SOURCE_DATE_EPOCH").env("NO_COLOR", "1");
    command
}

/// Runs `standin` with arguments; returns the output.
pub fn run(args: &[&str]) -> Output {
    standin().args(args).output().expect("standin runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Builds `site` into `out`, asserting success.
pub fn build(site: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", site.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert!(
        output.status.success(),
        "build of {} failed:\n{}{}",
        site.display(),
        stdout(&output),
        stderr(&output)
    );
    output
}

/// Copies a directory tree (a fixture into a temp dir, to edit it).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by relative path.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let relative = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (relative, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Parses an output page.
pub fn page(out: &Path, path: &str) -> Html {
    let file = out.join(path);
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    Html::parse_document(&text)
}

pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// The whitespace-normalised text of every element matching `css`.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&selector(css))
        .map(|e| {
            e.text()
                .collect::<Vec<_>>()
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The `attr` of every element matching `css`.
pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&selector(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}

/// `(text, href)` of every link matching `css`.
pub fn links(html: &Html, css: &str) -> Vec<(String, String)> {
    html.select(&selector(css))
        .map(|a| {
            (
                a.text().collect::<String>(),
                a.value().attr("href").unwrap_or("").to_string(),
            )
        })
        .collect()
}

/// Resolves a relative link from the page at `page` (output-relative),
/// percent-decoded as a browser does (`my%20diagram.png`).
pub fn resolve(page: &str, link: &str) -> String {
    let link = link.split(['#', '?']).next().unwrap_or("");
    let link = percent_encoding::percent_decode_str(link).decode_utf8_lossy();
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// Every internal link target in the output that does not exist, as
/// `page -> link`. External links, fragments and `mailto:` are skipped.
pub fn broken_links(out: &Path, skip_pages: &[&str]) -> Vec<String> {
    let tree = read_tree(out);
    let mut broken = Vec::new();
    for path in tree
        .keys()
        .filter(|p| p.ends_with(".html") && !skip_pages.contains(&p.as_str()))
    {
        let html = page(out, path);
        let links = [
            ("a", "href"),
            ("link", "href"),
            ("script", "src"),
            ("img", "src"),
            ("form", "action"),
        ]
        .iter()
        .flat_map(|(tag, attr)| attrs(&html, &format!("{tag}[{attr}]"), attr))
        .collect::<Vec<_>>();
        for link in links {
            if link.starts_with('#') || link.contains(':') || link.is_empty() {
                continue;
            }
            let target = resolve(path, &link);
            if !tree.contains_key(&target) {
                broken.push(format!("{path} -> {link}"));
            }
        }
    }
    broken
}
