//! Rebuild time after a one-wrap edit, as `standin serve` does it: the
//! build up to the pages, then the edited wrap's page, which is what the
//! reloading browser asks for (every other page, search, API and feeds
//! follow in the background); and the time of that background work:
//! `cargo run --release --example serve-rebuild -- SITE_DIR [EDITS]`.
//!
//! Edits one wrap's body EDITS times (default 10) and reports the best,
//! median and worst rebuild. Works on a copy: the site is not changed.

#[path = "edited_site.rs"]
mod edited_site;

use std::path::Path;
use std::time::Instant;

use standin::build::{BuildOptions, Session};

// The same allocator as the `standin` binary, so the numbers are the ones
// `serve` gets.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use standin::ledger::AsOf;
use standin::site_dir::SiteDir;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(site) = args.first() else {
        eprintln!("usage: serve-rebuild SITE_DIR [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(10);
    // For profiling the rebuild alone.
    let pages_only = args.iter().any(|a| a == "--pages-only");
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("site");
    edited_site::copy(Path::new(site), &root);
    let root = root.canonicalize().unwrap();

    let mut session = Session::new(BuildOptions {
        site: SiteDir::new(&root),
        base_url: Some("http://127.0.0.1:1111/".into()),
        as_of: AsOf::NewestWrap,
    });
    let started = Instant::now();
    let first = session.rebuild(&[]);
    assert!(first.rendered.is_some(), "the site has errors");
    println!(
        "first build (up to the pages): {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );

    // A wrap in the middle of the site's history.
    let wraps = edited_site::wraps(&root);
    let wrap = &wraps[wraps.len() / 2];
    let site_path = edited_site::site_path(&root, wrap);
    let original = std::fs::read_to_string(wrap).unwrap();
    let mut rebuilds = Vec::new();
    let mut derived = Vec::new();
    for edit in 0..edits {
        std::fs::write(wrap, format!("{original}\nEdit number {edit}.\n")).unwrap();
        let started = Instant::now();
        let run = session.rebuild(std::slice::from_ref(wrap));
        let rendered = run.rendered.as_ref().expect("the edit builds");
        let page = rendered.wrap_page(&site_path).expect("the wrap's page");
        let html = rendered.file(&page).expect("the wrap's page renders");
        rebuilds.push(started.elapsed());
        let edit_text = format!("Edit number {edit}.");
        assert!(String::from_utf8_lossy(&html).contains(&edit_text));
        if edit + 1 == edits {
            let laps: Vec<String> = run.timings.iter().map(|lap| lap.line()).collect();
            println!("last rebuild by stage: {}", laps.join("; "));
        }
        if !pages_only {
            let started = Instant::now();
            let (files, _) = run.pending.expect("derived outputs").run();
            assert!(files.is_some());
            derived.push(started.elapsed());
        }
    }
    println!("{} wraps; one-wrap edit, {edits} times", wraps.len());
    println!(
        "  rebuild and the wrap's page (what the browser waits for): {}",
        edited_site::stats(rebuilds)
    );
    if !derived.is_empty() {
        println!(
            "  every other page, search, API and feeds (background):  {}",
            edited_site::stats(derived)
        );
    }
}
