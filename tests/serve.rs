//! `standin serve` as a writer uses it: a real server on a free port, a
//! copy of a fixture site, edits on disk, pages fetched over HTTP.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use common::server::{Server, serve, serve_with_env};
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

/// How long a rebuild may take before the test calls it hung: a bound, not
/// a speed check (`bench/serve_rebuild.rs` measures how fast rebuilds are),
/// so a loaded CI machine never fails a test that only waited.
const REBUILD: Duration = Duration::from_secs(60);

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
    eventually(&page, REBUILD, |r| r.body.contains("db-1 and db-2"));

    // A broken wrap: the last good page stays, with the errors over it.
    let broken = server.site.join("wraps/2026/11/18/zed-2359.md");
    std::fs::write(
        &broken,
        "+++\nauthor = \"zed\"\ndate = 2026-11-18T23:59:00+09:00\nteem = \"alpha\"\n+++\nx\n",
    )
    .unwrap();
    let reply = eventually(&page, REBUILD, |r| r.body.contains(OVERLAY));
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
    eventually(&page, REBUILD, |r| !r.body.contains(OVERLAY));
}

#[test]
fn a_page_whose_template_fails_shows_the_error_there_and_over_every_page() {
    let server = serve(&[]);
    let page = format!("{}wraps/2026-11-18/ana-2330/", server.url);
    assert_eq!(get(&page).status, 200);

    // Parses, but fails when a wrap page is made: pages are made when
    // asked for, so the failure shows on the page itself, and the pass
    // that makes the rest puts it over every other page too.
    let templates = server.site.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    let broken = templates.join("wrap.html");
    std::fs::write(&broken, "<html><body>{{ no_such.thing }}</body></html>").unwrap();
    let reply = eventually(&page, REBUILD, |r| r.status == 500);
    assert!(reply.body.contains(OVERLAY), "{}", reply.body);
    assert!(reply.body.contains("wrap.html"), "{}", reply.body);
    let home = eventually(&server.url, REBUILD, |r| r.body.contains(OVERLAY));
    assert_eq!(home.status, 200, "the home page itself is fine");

    // Fixed: the page is back and the overlay is gone.
    std::fs::remove_file(&broken).unwrap();
    eventually(&page, REBUILD, |r| {
        r.status == 200 && !r.body.contains(OVERLAY)
    });
    eventually(&server.url, REBUILD, |r| !r.body.contains(OVERLAY));
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
    eventually(&page, REBUILD, |r| {
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

/// `host:port` of a server.
fn address(server: &Server) -> String {
    server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

/// Sends `request` as is on a new connection and reads until the server
/// closes it; `None` if it is still open after a minute (the server
/// never gave up on the connection).
fn raw(address: &str, request: &str) -> Option<String> {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    match stream.read_to_end(&mut response) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) =>
        {
            return None;
        }
        Err(e) => panic!("reading the response: {e}"),
    }
    Some(String::from_utf8_lossy(&response).into_owned())
}

/// A `GET` with this `Host`, the connection closed after it.
fn get_raw(address: &str, path: &str, host: &str) -> String {
    raw(
        address,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
    .expect("a closed connection")
}

fn status(response: &str) -> &str {
    response.split(' ').nth(1).unwrap_or("")
}

fn location(response: &str) -> Option<&str> {
    response
        .lines()
        .take_while(|l| !l.is_empty())
        .find_map(|l| {
            l.split_once(':')
                .filter(|(name, _)| name.eq_ignore_ascii_case("location"))
                .map(|(_, value)| value.trim())
        })
}

#[test]
fn redirects_never_leave_the_site() {
    let server = serve(&[]);
    let address = address(&server);
    let mut redirected = 0;
    for path in [
        "//risks",
        "///risks",
        "//risks?status=open",
        "/%2f%2frisks",
        "/%2F%2Frisks",
        "/%2f/risks",
        "//%2frisks",
        "/.//risks",
        "/\\risks",
        "/\\/risks",
        "/%5crisks",
        "/%5C%5Crisks",
        "/%5c/risks",
        "//evil.example",
        "//evil.example/risks",
        "/%2f%2fevil.example",
        "/%09/risks",
    ] {
        let response = get_raw(&address, path, &address);
        let code = status(&response);
        assert!(
            matches!(code, "308" | "404" | "400"),
            "{path} answered {code}"
        );
        if let Some(to) = location(&response) {
            // One slash, then a path: never `//host` or `/\host`, which a
            // browser reads as another site.
            assert!(
                to.starts_with('/') && !to[1..].starts_with(['/', '\\']),
                "{path} redirects to {to}"
            );
            assert!(to.starts_with("/risks/"), "{path} redirects to {to}");
            redirected += 1;
        }
    }
    assert_eq!(
        redirected, 8,
        "the eight slash forms still reach the directory"
    );
    // The query survives the redirect: a register view is a link.
    let response = get_raw(&address, "//risks?status=open", &address);
    assert_eq!(location(&response), Some("/risks/?status=open"));
}

#[test]
fn a_loopback_server_answers_only_loopback_hosts() {
    let server = serve(&[]);
    let address = address(&server);
    let port = address.rsplit(':').next().unwrap();
    for host in [
        address.clone(),
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
        "localhost".to_string(),
    ] {
        let response = get_raw(&address, "/", &host);
        assert_eq!(status(&response), "200", "Host: {host}");
    }
    for host in [
        format!("evil.example:{port}"),
        "evil.example".to_string(),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.evil.example:{port}"),
    ] {
        for path in ["/", "/risks/", "/__standin/events"] {
            let response = get_raw(&address, path, &host);
            assert_eq!(status(&response), "421", "Host: {host} {path}");
            assert!(response.contains("--bind 0.0.0.0"), "{response}");
            assert!(!response.contains("<html"), "{response}");
        }
    }
    // An absolute request target names the host too.
    let response = get_raw(&address, "http://evil.example/", &address);
    assert_eq!(status(&response), "421");
    let response = get_raw(&address, &format!("http://localhost:{port}/"), &address);
    assert_eq!(status(&response), "200");
}

#[test]
fn a_server_bound_to_every_address_answers_any_host() {
    let server = serve(&["--bind", "0.0.0.0"]);
    let port = address(&server).rsplit(':').next().unwrap().to_string();
    let response = get_raw(&format!("127.0.0.1:{port}"), "/", "evil.example");
    assert_eq!(status(&response), "200");
}

#[test]
fn slow_and_idle_connections_are_closed() {
    let server = serve_with_env(&[], &[("STANDIN_HEADER_TIMEOUT_MS", "300")]);
    let address = address(&server);
    // Half a request line, then nothing: the server hangs up.
    let response = raw(&address, "GET /risks/ HT");
    assert!(
        response.is_some(),
        "a half request held the connection open"
    );
    // A whole request on a kept-alive connection, then nothing: answered,
    // then closed.
    let response = raw(
        &address,
        &format!("GET /risks/ HTTP/1.1\r\nHost: {address}\r\n\r\n"),
    )
    .expect("an idle connection held open");
    assert_eq!(status(&response), "200");
}

#[test]
fn a_forgotten_scaffold_is_a_warning_and_the_preview_goes_on() {
    let server = serve(&[]);
    let page = format!("{}wraps/2026-11-18/ana-2330/", server.url);
    assert_eq!(get(&page).status, 200);

    // `standin new`'s scaffold, saved as it was: no page, no overlay.
    let scaffold = server.site.join("wraps/2026/11/20/zed-1800.md");
    std::fs::write(
        &scaffold,
        "+++\nauthor = \"zed\"\ndate = 2026-11-20T18:00:00+09:00\nteam = \"alpha\"\nsummary = \"\"\n+++\n\n## Done\n\n- \n",
    )
    .unwrap();
    let start = Instant::now();
    while !server.stderr().contains("warning[W017]") {
        assert!(
            start.elapsed() < REBUILD,
            "no warning in the terminal:\n{}",
            server.stderr()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        server.stderr().contains("zed-1800.md:2:1"),
        "{}",
        server.stderr()
    );
    assert_eq!(
        get(&format!("{}wraps/2026-11-20/zed-1800/", server.url)).status,
        404
    );

    // The site is rebuilt without it: an edit elsewhere shows, unmarked.
    let wrap = server.site.join("wraps/2026/11/18/ana-2330.md");
    edit(&wrap, "Pruned WAL on db-1.", "Pruned WAL on db-3.");
    let reply = eventually(&page, REBUILD, |r| r.body.contains("db-3"));
    assert!(!reply.body.contains(OVERLAY), "{}", reply.body);
}
