//! What a writer waits for in `standin serve`, end to end: from saving a
//! wrap to the server answering its page with the edit, over HTTP (the
//! watcher's debounce, the rebuild, the page made on request):
//! `cargo run --release --example serve-e2e -- SITE_DIR [EDITS]`.
//!
//! Runs the release `standin` binary (build it first) on a copy of the
//! site, edits one wrap EDITS times (default 10), waits for the
//! background pass between edits as a writer's pauses would, and reports
//! the best, median and worst wait. Without the browser's own reload.

#[path = "edited_site.rs"]
mod edited_site;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use standin::build::{BuildOptions, Session};
use standin::ledger::AsOf;
use standin::site_dir::SiteDir;

/// Stops the server however the benchmark ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first() else {
        eprintln!("usage: serve-e2e SITE_DIR [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    edited_site::copy(Path::new(site), &root);
    let root = root.canonicalize().unwrap();

    // A wrap in the middle of the site's history, and its page.
    let wraps = edited_site::wraps(&root);
    let wrap = &wraps[wraps.len() / 2];
    let site_path = edited_site::site_path(&root, wrap);
    let page = {
        let mut session = Session::new(BuildOptions {
            site: SiteDir::new(&root),
            base_url: None,
            as_of: AsOf::NewestWrap,
        });
        let run = session.rebuild(&[]);
        let rendered = run.rendered.expect("the site has errors");
        rendered.wrap_page(&site_path).expect("the wrap's page")
    };

    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/standin");
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e} (cargo build --release first)", binary.display()));
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let server = Server(child);
    let mut lines = stdout.lines();
    let base = loop {
        let line = lines
            .next()
            .expect("the server said where it serves")
            .unwrap();
        if let Some(rest) = line.strip_prefix("standin: serving ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    // The rest of what it prints is not read: keep the pipe drained.
    std::thread::spawn(move || lines.for_each(drop));
    let url = format!("{base}{}", page.trim_end_matches("index.html"));
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let fetch = |url: &str| -> String {
        agent
            .get(url)
            .call()
            .map(|mut r| r.body_mut().read_to_string().unwrap_or_default())
            .unwrap_or_default()
    };
    assert!(!fetch(&url).is_empty(), "{url} answers");

    let original = std::fs::read_to_string(wrap).unwrap();
    let mut waits = Vec::new();
    for edit in 0..edits {
        let marker = format!("Served edit number {edit}.");
        std::fs::write(wrap, format!("{original}\n{marker}\n")).unwrap();
        let saved = Instant::now();
        while !fetch(&url).contains(&marker) {
            assert!(
                saved.elapsed() < Duration::from_secs(30),
                "no edit on {url}"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        waits.push(saved.elapsed());
        // A writer's pause: the background pass of this edit ends first.
        std::thread::sleep(Duration::from_secs(3));
    }
    drop(server);
    println!(
        "{} wraps; save to the edited page over HTTP, {edits} edits: {}",
        wraps.len(),
        edited_site::stats(waits)
    );
}
