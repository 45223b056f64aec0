//! `standin serve` as a writer uses it: a real server on a free port, a
//! copy of a fixture site, edits on disk, pages fetched over HTTP.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::server::serve;
use common::*;

struct Reply {
    status: u16,
    content_type: String,
    body: String,
}

fn get(url: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    Reply {
        status: response.status().as_u16(),
        content_type: response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string(),
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// Fetches `url` until `ok` holds, for at most `limit`.
fn eventually(url: &str, limit: Duration, ok: impl Fn(&Reply) -> bool) -> Reply {
    let start = Instant::now();
    loop {
        let reply = get(url);
        if ok(&reply) {
            return reply;
        }
        assert!(
            start.elapsed() < limit,
            "not within {limit:?}; last body:\n{}",
            reply.body
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

const OVERLAY: &str = "<div id=\"standin-errors\"";

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn edits_appear_errors_overlay_and_fixes_clear() {
    let server = serve(&[]);
    let page = format!("{}wraps/2026-11-18/ana-2330/", server.url);
    let first = get(&page);
    assert_eq!(first.status, 200);
    assert!(first.body.contains("Pruned WAL on db-1."));
    assert!(
        first.body.contains("new EventSource"),
        "the live-reload client is injected"
    );

    // An edit shows up within 3 s.
    let wrap = server.site.join("wraps/2026/11/18/ana-2330.md");
    edit(&wrap, "Pruned WAL on db-1.", "Pruned WAL on db-1 and db-2.");
    eventually(&page, Duration::from_secs(3), |r| {
        r.body.contains("db-1 and db-2")
    });

    // A broken wrap: the last good page stays, with the errors over it.
    let broken = server.site.join("wraps/2026/11/18/zed-2359.md");
    std::fs::write(
        &broken,
        "+++\nauthor = \"zed\"\ndate = 2026-11-18T23:59:00+09:00\nteem = \"alpha\"\n+++\nx\n",
    )
    .unwrap();
    let reply = eventually(&page, Duration::from_secs(3), |r| r.body.contains(OVERLAY));
    assert!(
        reply.body.contains("db-1 and db-2"),
        "the last good content is still served"
    );
    assert!(
        reply.body.contains("unknown key `teem` in the wrap"),
        "the overlay shows the diagnostic"
    );
    assert!(
        get(&server.url).body.contains(OVERLAY),
        "every page shows it"
    );

    // Fixed: the overlay is gone.
    edit(&broken, "teem", "team");
    eventually(&page, Duration::from_secs(3), |r| !r.body.contains(OVERLAY));
}

#[test]
fn paths_never_escape_the_site() {
    let server = serve(&[]);
    let address = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    for path in [
        "/../standin.toml",
        "/%2e%2e/standin.toml",
        "/%2E%2E/standin.toml",
        "/..%2fstandin.toml",
        "/%2e%2e%2fstandin.toml",
        "/wraps/../../standin.toml",
        "/..%5cstandin.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/wraps/2026/11/18/ana-2330.md",
    ] {
        // Raw requests: a client would normalise the dots away.
        let mut stream = TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.split(' ').nth(1).unwrap_or("");
        assert!(
            status == "404" || status == "400",
            "{path} answered {status}"
        );
        assert!(
            !response.contains("base_url = "),
            "{path} leaked standin.toml"
        );
        assert!(!response.contains("root:"), "{path} leaked a system file");
    }
}

#[test]
fn statuses_and_content_types() {
    let server = serve(&[]);
    let cases = [
        ("", 200, "text/html; charset=utf-8"),
        ("risks/db-disk/", 200, "text/html; charset=utf-8"),
        ("assets/standin.css", 200, "text/css; charset=utf-8"),
        ("search/manifest.js", 200, "text/javascript; charset=utf-8"),
        ("api/index.json", 200, "application/json; charset=utf-8"),
        ("feeds/briefs.xml", 200, "text/xml; charset=utf-8"),
        ("no/such/page/", 404, "text/html; charset=utf-8"),
    ];
    for (path, status, content_type) in cases {
        let reply = get(&format!("{}{path}", server.url));
        assert_eq!(
            (reply.status, reply.content_type.as_str()),
            (status, content_type),
            "/{path}"
        );
    }
    // Unknown paths get the site's own 404 page, with links back home.
    let missing = get(&format!("{}nope", server.url));
    assert!(missing.body.contains("Page not found"));
    assert!(
        missing
            .body
            .contains(&format!("href=\"{}index.html\"", server.url))
    );
    // A directory without its slash is redirected, so relative links work.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let reply = agent.get(&format!("{}risks", server.url)).call().unwrap();
    assert_eq!(reply.status().as_u16(), 308);
    assert_eq!(reply.headers().get("location").unwrap(), "/risks/");
}

#[test]
fn binds_to_loopback_by_default() {
    let server = serve(&[]);
    assert!(
        server.url.starts_with("http://127.0.0.1:"),
        "{}",
        server.url
    );
}

#[test]
fn poll_mode_sees_edits_too() {
    let server = serve(&["--poll"]);
    let page = format!("{}wraps/2026-11-18/ana-2330/", server.url);
    edit(
        &server.site.join("wraps/2026/11/18/ana-2330.md"),
        "Pruned WAL on db-1.",
        "Pruned WAL everywhere.",
    );
    eventually(&page, Duration::from_secs(3), |r| {
        r.body.contains("Pruned WAL everywhere.")
    });
}

#[test]
fn the_built_site_on_disk_has_no_reload_client() {
    let dir = tempfile::tempdir().unwrap();
    build(&fixture("handoff"), dir.path(), &[]);
    for (path, bytes) in read_tree(dir.path()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__standin/events"),
            "{path}"
        );
    }
}
