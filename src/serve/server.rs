//! The HTTP side of `serve`: the site from memory, a live-reload event
//! stream, the site's 404 page for unknown paths. Files are looked up by
//! their path in the rendered site, never on disk, so no request can reach
//! a file outside it (`/../standin.toml` is simply not a page).

use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use tokio::sync::watch;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

use super::reload::{self, EVENTS_PATH};
use crate::site::SiteFiles;
use crate::site::urls::NOT_FOUND;

/// What the server shows: the last good site, and the errors of the latest
/// rebuild if it failed.
#[derive(Clone, Default)]
pub struct Live {
    pub files: Arc<SiteFiles>,
    /// Counts good builds; a page reloads when it is behind.
    pub generation: u64,
    /// The latest rebuild's diagnostics (human format), if it failed.
    pub errors: Option<Arc<str>>,
}

/// The router, serving whatever `live` holds at the time of each request.
pub fn router(live: watch::Receiver<Live>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(get(file))
        .with_state(live)
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
        let page = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>standin</title></head><body></body></html>";
        let body = reload::inject(page, state.generation, state.errors.as_deref());
        return ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
    }
    match resolve(uri.path(), &state.files) {
        Lookup::Found(path) => respond(StatusCode::OK, &path, &state),
        Lookup::Directory => Redirect::permanent(&format!("{}/", uri.path())).into_response(),
        Lookup::Missing => not_found(&state),
    }
}

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A file of the site, by its path in the site.
    Found(String),
    /// A directory requested without its trailing slash.
    Directory,
    Missing,
}

/// Maps a raw request path to a file of the site. Percent-escapes are
/// decoded first, so that `%2e%2e` is treated as the `..` it is; any `..`
/// segment, backslash or NUL makes the path missing.
pub fn resolve(raw: &str, files: &SiteFiles) -> Lookup {
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
        return if files.files.contains_key(&index) {
            Lookup::Found(index)
        } else {
            Lookup::Missing
        };
    }
    if files.files.contains_key(&path) {
        Lookup::Found(path)
    } else if files.files.contains_key(&format!("{path}/index.html")) {
        Lookup::Directory
    } else {
        Lookup::Missing
    }
}

fn respond(status: StatusCode, path: &str, state: &Live) -> Response {
    let bytes: Vec<u8> = state
        .files
        .files
        .get(path)
        .map(|b| b.to_vec())
        .unwrap_or_default();
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    let body = if is_html {
        reload::inject(&bytes, state.generation, state.errors.as_deref())
    } else {
        bytes
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

fn not_found(state: &Live) -> Response {
    if state.files.files.contains_key(NOT_FOUND) {
        respond(StatusCode::NOT_FOUND, NOT_FOUND, state)
    } else {
        (StatusCode::NOT_FOUND, "not found").into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(resolve("/", &site), Lookup::Found("index.html".into()));
        assert_eq!(
            resolve("/risks/", &site),
            Lookup::Found("risks/index.html".into())
        );
        assert_eq!(resolve("/risks", &site), Lookup::Directory);
        assert_eq!(
            resolve("/assets/standin.css", &site),
            Lookup::Found("assets/standin.css".into())
        );
        assert_eq!(resolve("/nope", &site), Lookup::Missing);
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
            assert_eq!(resolve(raw, &site), Lookup::Missing, "{raw}");
        }
    }
}
