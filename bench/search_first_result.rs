//! Time to first search result, and what a first query downloads, in
//! headless Chromium against a built site opened from disk:
//! `cargo run --release --example search-first-result -- OUT_DIR [QUERY...]`.
//!
//! For each query it opens `search/index.html?q=QUERY` in a fresh tab and
//! reports the page's own measure (milliseconds from navigation start to the
//! first result on screen) and the search files the page loaded, raw and
//! gzipped.

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
        let loaded = tab
            .evaluate("JSON.stringify(standinSearch.loaded())", false)
            .unwrap()
            .value
            .unwrap();
        let names: Vec<String> = serde_json::from_str(loaded.as_str().unwrap()).unwrap();
        let (mut raw, mut gz, mut files) = (0, 0, 0);
        for name in &names {
            let bytes = std::fs::read(out.join("search").join(name)).unwrap();
            raw += bytes.len();
            gz += gzipped(&bytes);
            files += 1;
        }
        println!(
            "{query:>20}: first result at {ms:>5} ms; loaded {files} search files, {:.0} KB raw, {:.0} KB gzipped",
            raw as f64 / 1024.0,
            gz as f64 / 1024.0
        );
    }
}
