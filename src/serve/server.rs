//! The HTTP side of `serve`: the site from memory, a live-reload event
//! stream, the site's 404 page for unknown paths. Files are looked up by
//! their path in the rendered site, never on disk, so no request can reach
//! a file outside it (`/../standin.toml` is simply not a page). Redirects
//! only ever name a path of this site, and on a loopback address only
//! requests for a loopback host are answered.

use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tokio::sync::watch;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

use super::reload::{self, EVENTS_PATH};
use crate::diagnostics::{Diagnostic, Diagnostics, Format, render};
use crate::site::urls::NOT_FOUND;
use crate::site::{Made, OnDemand, SiteFiles};

/// What the server shows: the last good site, and the errors of the latest
/// rebuild if it failed.
#[derive(Clone, Default)]
pub(crate) struct Live {
    /// Every file made so far.
    pub files: Arc<SiteFiles>,
    /// The pages not in `files` yet, made when asked for.
    pub pages: Option<Arc<OnDemand>>,
    /// Counts good builds; a page reloads when it is behind.
    pub generation: u64,
    /// The latest rebuild's diagnostics (human format), if it failed.
    pub errors: Option<Arc<str>>,
}

impl Live {
    /// Whether the site has a file at `path`.
    fn has(&self, path: &str) -> bool {
        self.files.files.contains_key(path) || self.pages.as_ref().is_some_and(|p| p.has(path))
    }

    /// The file at `path`, making it if it is a page not made yet; the
    /// errors if its template failed.
    fn read(&self, path: &str) -> Option<Made> {
        if let Some(bytes) = self.files.files.get(path) {
            return Some(Ok(bytes.clone()));
        }
        self.pages.as_ref()?.get(path)
    }
}

/// Which `Host` a request may name to be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HostPolicy {
    /// Bound to a loopback address: only loopback names and addresses, so
    /// a page elsewhere that points its own DNS name at 127.0.0.1 (DNS
    /// rebinding) cannot read the preview.
    LoopbackOnly,
    /// Bound to another address: the user chose to expose the preview.
    Any,
}

impl HostPolicy {
    /// The policy for a server listening on `bind`.
    pub(crate) fn for_bind(bind: IpAddr) -> Self {
        if bind.is_loopback() {
            HostPolicy::LoopbackOnly
        } else {
            HostPolicy::Any
        }
    }
}

/// The router, serving whatever `live` holds at the time of each request.
pub(crate) fn router(live: watch::Receiver<Live>, hosts: HostPolicy) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(file))
        .with_state(live)
        .layer(middleware::from_fn_with_state(hosts, check_host))
}

async fn check_host(State(hosts): State<HostPolicy>, request: Request, next: Next) -> Response {
    if hosts == HostPolicy::LoopbackOnly && !names_loopback(&request) {
        return (
            StatusCode::MISDIRECTED_REQUEST,
            "standin serve answers requests for localhost or 127.0.0.1 only, so that other \
             sites cannot read the preview. To reach it from another machine, run it with \
             `--bind 0.0.0.0`.\n",
        )
            .into_response();
    }
    next.run(request).await
}

/// Whether the host a request is for — the authority of an absolute
/// request target, and the `Host` header — is loopback; at least one
/// must be there.
fn names_loopback(request: &Request) -> bool {
    let authority = request.uri().authority().map(|a| a.as_str());
    let header = match request.headers().get(header::HOST) {
        Some(value) => match value.to_str() {
            Ok(host) => Some(host),
            Err(_) => return false,
        },
        None => None,
    };
    (authority.is_some() || header.is_some())
        && authority.into_iter().chain(header).all(is_loopback_host)
}

/// `localhost`, `*.localhost`, `127.x.x.x` or `[::1]`, with or without a
/// port.
pub(crate) fn is_loopback_host(host: &str) -> bool {
    let is_port = |port: &str| port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit());
    if let Some(rest) = host.strip_prefix('[') {
        let Some((address, after)) = rest.split_once(']') else {
            return false;
        };
        let port_ok = after.is_empty() || after.strip_prefix(':').is_some_and(is_port);
        return port_ok
            && address.parse::<Ipv6Addr>().is_ok_and(|ip| {
                ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
            });
    }
    let name = match host.rsplit_once(':') {
        Some((name, port)) if is_port(port) => name,
        Some(_) => return false,
        None => host,
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost"
        || (name.ends_with(".localhost") && name.len() > ".localhost".len())
        || name.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

async fn events(
    State(live): State<watch::Receiver<Live>>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let stream = WatchStream::new(live).map(|state| {
        let data = serde_json::json!({ "generation": state.generation, "errors": state.errors.as_deref() });
        Ok(Event::default().data(data.to_string()))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn file(State(live): State<watch::Receiver<Live>>, uri: Uri) -> Response {
    let state = live.borrow().clone();
    if state.files.files.is_empty() {
        // Nothing has built yet: a bare page that carries the overlay.
        let body = bare_page(state.generation, state.errors.as_deref());
        return ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    }
    match resolve(uri.path(), |path| state.has(path)) {
        Lookup::Found(path) => respond(StatusCode::OK, path, state).await,
        Lookup::Directory(location) => {
            // Only the query is carried over, after a path made here.
            let location = match uri.query() {
                Some(query) => format!("{location}?{query}"),
                None => location,
            };
            Redirect::permanent(&location).into_response()
        }
        Lookup::Missing => not_found(state).await,
    }
}

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// A file of the site, by its path in the site.
    Found(String),
    /// A directory requested without its trailing slash, with where it
    /// is: its path in the site, percent-encoded, between single slashes
    /// (`/risks/`). Never `//...` or `/\...`, which a browser would read
    /// as another site.
    Directory(String),
    Missing,
}

/// Maps a raw request path to a file of the site (`has` says which paths
/// are). Percent-escapes are decoded first, so that `%2e%2e` is treated
/// as the `..` it is; any `..` segment, backslash or NUL makes the path
/// missing.
pub(crate) fn resolve(raw: &str, has: impl Fn(&str) -> bool) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Lookup::Missing;
    };
    if decoded.contains(['\\', '\0']) {
        return Lookup::Missing;
    }
    let mut segments = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Lookup::Missing,
            other => segments.push(other),
        }
    }
    let path = segments.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        let index = if path.is_empty() {
            "index.html".to_string()
        } else {
            format!("{path}/index.html")
        };
        return if has(&index) {
            Lookup::Found(index)
        } else {
            Lookup::Missing
        };
    }
    if has(&path) {
        Lookup::Found(path)
    } else if has(&format!("{path}/index.html")) {
        Lookup::Directory(directory_location(&segments))
    } else {
        Lookup::Missing
    }
}

/// What a path segment must escape to stay one segment of a URL path.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// `/a/b/` from the decoded segments `a`, `b` (none of them empty): made
/// from the segments, not the request, so `//x` and `/%2f%2fx` lead to
/// `/x/` on this site.
fn directory_location(segments: &[&str]) -> String {
    let mut location = String::from("/");
    for segment in segments {
        location.extend(utf8_percent_encode(segment, SEGMENT));
        location.push('/');
    }
    location
}

/// The file at `path` (which the site has), with the reload client in
/// HTML. A page not made yet is made first, off the async threads.
async fn respond(status: StatusCode, path: String, state: Live) -> Response {
    let read = {
        let (state, path) = (state.clone(), path.clone());
        tokio::task::spawn_blocking(move || state.read(&path)).await
    };
    let bytes = match read {
        Ok(Some(Ok(bytes))) => bytes,
        Ok(Some(Err(errors))) => return failed_page(&state, &errors),
        Ok(None) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        // Making the page panicked (its message is in the terminal).
        Err(_) => {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "standin could not make this page; the terminal says why\n",
            )
                .into_response();
        }
    };
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html {
        reload::inject(&bytes, state.generation, state.errors.as_deref())
    } else {
        bytes.to_vec()
    };
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript"
            || mime.essence_str() == "application/json" =>
        {
            format!("{}; charset=utf-8", mime.essence_str())
        }
        _ => mime.essence_str().to_string(),
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    // A preview: never let the browser keep a stale page.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An empty page with the reload client and, if there are `errors`, the
/// overlay: what is shown where the site has no page to show.
fn bare_page(generation: u64, errors: Option<&str>) -> Vec<u8> {
    let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>standin</title></head><body></body></html>";
    reload::inject(page, generation, errors)
}

/// A page whose template failed: a bare page carrying its `errors` in the
/// overlay, which goes away with the next good build.
fn failed_page(state: &Live, errors: &[Diagnostic]) -> Response {
    let errors = render(
        &Diagnostics::from_iter(errors.iter().cloned()),
        Format::Human,
    );
    let body = bare_page(state.generation, Some(&errors));
    let mut response = (StatusCode::INTERNAL_SERVER_ERROR, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found(state: Live) -> Response {
    if state.has(NOT_FOUND) {
        respond(StatusCode::NOT_FOUND, NOT_FOUND.to_string(), state).await
    } else {
        (StatusCode::NOT_FOUND, "not found").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(site: &SiteFiles) -> impl Fn(&str) -> bool + '_ {
        |path| site.files.contains_key(path)
    }

    fn site() -> SiteFiles {
        SiteFiles {
            files: [
                "index.html",
                "risks/index.html",
                "assets/standin.css",
                "404.html",
            ]
            .iter()
            .map(|p| (p.to_string(), Vec::new().into()))
            .collect(),
        }
    }

    #[test]
    fn resolves_pages_files_and_directories() {
        let site = site();
        assert_eq!(resolve("/", has(&site)), Lookup::Found("index.html".into()));
        assert_eq!(
            resolve("/risks/", has(&site)),
            Lookup::Found("risks/index.html".into())
        );
        assert_eq!(
            resolve("/risks", has(&site)),
            Lookup::Directory("/risks/".into())
        );
        assert_eq!(
            resolve("/assets/standin.css", has(&site)),
            Lookup::Found("assets/standin.css".into())
        );
        assert_eq!(resolve("/nope", has(&site)), Lookup::Missing);
    }

    #[test]
    fn never_climbs_out() {
        let site = site();
        for raw in [
            "/../standin.toml",
            "/%2e%2e/standin.toml",
            "/..%2fstandin.toml",
            "/%2E%2E%2Fstandin.toml",
            "/risks/../../x",
            "/..\\standin.toml",
            "/%00",
        ] {
            assert_eq!(resolve(raw, has(&site)), Lookup::Missing, "{raw}");
        }
    }

    #[test]
    fn redirects_stay_on_the_site() {
        let site = site();
        for raw in [
            "//risks",
            "///risks",
            "/%2frisks",
            "/%2f%2frisks",
            "/%2F/risks",
            "/./risks",
            "//./risks",
        ] {
            assert_eq!(
                resolve(raw, has(&site)),
                Lookup::Directory("/risks/".into()),
                "{raw}"
            );
        }
        for raw in [
            "/\\risks",
            "/%5crisks",
            "/%5Crisks",
            "/\\/risks",
            "/%5c%5crisks",
        ] {
            assert_eq!(resolve(raw, has(&site)), Lookup::Missing, "{raw}");
        }
    }

    #[test]
    fn locations_are_encoded_segments() {
        assert_eq!(
            directory_location(&["a b", "c?d#e", "é"]),
            "/a%20b/c%3Fd%23e/%C3%A9/"
        );
        assert_eq!(directory_location(&[]), "/");
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "localhost:1111",
            "LOCALHOST:1",
            "localhost.",
            "preview.localhost:8080",
            "127.0.0.1",
            "127.0.0.1:1111",
            "127.1.2.3:80",
            "[::1]",
            "[::1]:1111",
            "[::ffff:127.0.0.1]:1",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "evillocalhost",
            ".localhost",
            "10.0.0.1:1111",
            "[::2]:1111",
            "[::1",
            "localhost:port",
            "localhost:1111:1",
            "",
        ] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
