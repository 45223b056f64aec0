//! Time to first search result, and what a first query downloads, in
//! headless Chromium against a built site opened from disk:
//! `cargo run --release --example search-first-result -- OUT_DIR [QUERY...]`.
//!
//! For each query it opens `search/index.html?q=QUERY` in a fresh tab and
//! reports the page's own measure (milliseconds from navigation start to the
//! first result on screen) and what the page downloaded, each file gzipped
//! on its own (`gzip -9`): for search, `assets/search.js` and every file
//! under `search/` it loaded; and the whole page (its HTML, stylesheet and
//! every script).

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions};

fn gzipped(bytes: &[u8]) -> usize {
    let mut child = std::process::Command::new("gzip")
        .arg("-9c")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("gzip runs");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    child.wait_with_output().unwrap().stdout.len()
}

/// What some files weigh.
#[derive(Default)]
struct Sizes {
    files: usize,
    raw: usize,
    gzipped: usize,
}

impl Sizes {
    fn add(&mut self, bytes: &[u8]) {
        self.files += 1;
        self.raw += bytes.len();
        self.gzipped += gzipped(bytes);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first() else {
        eprintln!("usage: search-first-result OUT_DIR [QUERY...]");
        std::process::exit(2);
    };
    let out = Path::new(out).canonicalize().expect("output dir exists");
    let queries: Vec<&str> = if args.len() > 1 {
        args[1..].iter().map(String::as_str).collect()
    } else {
        vec!["latency", "rollback failover", "repl"]
    };
    let browser = Browser::new(LaunchOptions {
        path: Some("/usr/bin/chromium".into()),
        sandbox: false,
        args: [
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .iter()
        .map(std::ffi::OsStr::new)
        .collect(),
        ..LaunchOptions::default()
    })
    .expect("Chromium starts");
    for query in queries {
        let tab = browser.new_tab().unwrap();
        let url = format!(
            "file://{}/search/index.html?q={}",
            out.display(),
            query.replace(' ', "+")
        );
        tab.navigate_to(&url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        let start = Instant::now();
        let ms = loop {
            let v = tab
                .evaluate(
                    "document.documentElement.getAttribute('data-first-result-ms')",
                    false,
                )
                .unwrap()
                .value;
            if let Some(ms) = v.as_ref().and_then(|v| v.as_str()) {
                break ms.to_string();
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "no result for {query}"
            );
            std::thread::sleep(Duration::from_millis(10));
        };
        // Every file the page is made of: itself, its stylesheets and
        // scripts (those it links and the search files it added;
        // `standinSearch.loaded()` names the same).
        let files = tab
            .evaluate(
                "JSON.stringify([location.href].concat(\
                 Array.from(document.scripts).map(s => s.src), \
                 Array.from(document.querySelectorAll('link[rel=stylesheet]')).map(l => l.href)\
                 ).filter(Boolean))",
                false,
            )
            .unwrap()
            .value
            .unwrap();
        let files: Vec<String> = serde_json::from_str(files.as_str().unwrap()).unwrap();
        let root = format!("file://{}/", out.display());
        let mut search = Sizes::default();
        let mut page = Sizes::default();
        for src in &files {
            let path = src.strip_prefix(&root).unwrap_or(src);
            let path = path.split(['?', '#']).next().unwrap_or(path);
            let bytes = std::fs::read(out.join(path)).unwrap();
            let is_search = path.starts_with("search/") && path != "search/index.html"
                || path.starts_with("assets/search");
            if is_search {
                search.add(&bytes);
            }
            page.add(&bytes);
        }
        println!(
            "{query:>24}: first result at {ms:>5} ms; search: {} files, {:.1} KB raw, {:.1} KB gzipped; \
             whole page (HTML, CSS, every script): {} files, {:.1} KB gzipped",
            search.files,
            search.raw as f64 / 1024.0,
            search.gzipped as f64 / 1024.0,
            page.files,
            page.gzipped as f64 / 1024.0,
        );
    }
}
