//! The site's URL scheme, in one place: the output path of every page,
//! asset, search file, API file, feed and the sitemap.
//!
//! Every page is a directory with an `index.html`. Pages link to each other
//! by relative paths that name `index.html` explicitly: that works on any
//! static host, under any base path, and opened straight from disk
//! (`file://` does not serve a directory's index). Templates write links as
//! `{{ root }}{{ target }}`, where `root` is the page's way back to the site
//! root (`../../`) and targets are site-root-relative paths from here.

use chrono::NaiveDate;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

use crate::ids::{DecisionId, IncidentId, RiskId, Tag, TeamId};

pub(crate) const HOME: &str = "index.html";
pub(crate) const BRIEFS: &str = "briefs/index.html";
pub(crate) const DECISIONS: &str = "decisions/index.html";
pub(crate) const RISKS: &str = "risks/index.html";
pub(crate) const TEAMS: &str = "teams/index.html";
pub(crate) const TAGS: &str = "tags/index.html";
pub(crate) const SEARCH: &str = "search/index.html";
pub(crate) const INCIDENTS: &str = "incidents/index.html";
pub(crate) const ASKS: &str = "asks/index.html";
pub(crate) const HEALTH: &str = "health/index.html";
pub(crate) const NOT_FOUND: &str = "404.html";
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const STYLESHEET: &str = "assets/standin.css";
pub(crate) const SCRIPT: &str = "assets/standin.js";
pub(crate) const FAVICON: &str = "assets/favicon.svg";
pub(crate) const SEARCH_SCRIPT: &str = "assets/search.js";

/// The search manifest, which the search script loads first. The other
/// search files sit beside it (and beside the search page), each named by
/// a number the manifest gives: index shards, chunks of the result store,
/// the documents of each stop word and of each team.
pub(crate) const SEARCH_MANIFEST: &str = "search/manifest.js";
const SEARCH_DIR: &str = "search/";
const SEARCH_SHARD_PREFIX: &str = "shard-";
const SEARCH_DOCS_PREFIX: &str = "docs-";
const SEARCH_STOP_PREFIX: &str = "stop-";
const SEARCH_TEAM_PREFIX: &str = "team-";

pub(crate) const API_INDEX: &str = "api/index.json";
pub(crate) const API_BRIEFS: &str = "api/briefs.json";
pub(crate) const API_DECISIONS: &str = "api/decisions.json";
pub(crate) const API_RISKS: &str = "api/risks.json";
pub(crate) const API_ASKS: &str = "api/asks.json";
pub(crate) const API_HEALTH: &str = "api/health.json";
const API_DIR: &str = "api/";

pub(crate) const FEED_BRIEFS: &str = "feeds/briefs.xml";
pub(crate) const FEED_DECISIONS: &str = "feeds/decisions.xml";
pub(crate) const FEED_RISKS: &str = "feeds/risks.xml";
const FEEDS_DIR: &str = "feeds/";

/// Where files that wraps and records refer to are published.
pub(crate) const FILES_DIR: &str = "files/";

pub(crate) fn brief(day: NaiveDate) -> String {
    format!("briefs/{}/index.html", day.format("%Y-%m-%d"))
}

/// `slug` is a wrap's `2026-11-20/ana-1742`.
pub(crate) fn wrap(slug: &str) -> String {
    format!("wraps/{slug}/index.html")
}

pub(crate) fn decision(id: &DecisionId) -> String {
    format!("decisions/{id}/index.html")
}

pub(crate) fn risk(id: &RiskId) -> String {
    format!("risks/{id}/index.html")
}

pub(crate) fn incident(id: &IncidentId) -> String {
    format!("incidents/{id}/index.html")
}

pub(crate) fn team(id: &TeamId) -> String {
    format!("teams/{id}/index.html")
}

pub(crate) fn tag(tag: &Tag) -> String {
    format!("tags/{tag}/index.html")
}

/// Index shard `n` (`search/shard-3.js`).
pub(crate) fn search_shard(n: usize) -> String {
    format!("{SEARCH_DIR}{SEARCH_SHARD_PREFIX}{n}.js")
}

/// Chunk `n` of the search results' store (`search/docs-0.js`).
pub(crate) fn search_docs(chunk: usize) -> String {
    format!("{SEARCH_DIR}{SEARCH_DOCS_PREFIX}{chunk}.js")
}

/// The documents that hold stop word `n` (`search/stop-12.js`).
pub(crate) fn search_stop(n: usize) -> String {
    format!("{SEARCH_DIR}{SEARCH_STOP_PREFIX}{n}.js")
}

/// The documents of team `n` (`search/team-0.js`).
pub(crate) fn search_team(n: usize) -> String {
    format!("{SEARCH_DIR}{SEARCH_TEAM_PREFIX}{n}.js")
}

/// The register of asks, filtered as the register's form filters it
/// (`asks/index.html?to=payments&state=unacknowledged`): a view is a link.
pub(crate) fn asks_view(filters: &[(&str, &str)]) -> String {
    let query: Vec<String> = filters
        .iter()
        .map(|(name, value)| {
            let value = percent_encoding::utf8_percent_encode(value, QUERY_VALUE);
            format!("{name}={value}")
        })
        .collect();
    if query.is_empty() {
        return ASKS.to_string();
    }
    format!("{ASKS}?{}", query.join("&"))
}

/// What a query value keeps encoded: what would end it or the URL.
const QUERY_VALUE: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'&')
    .add(b'+')
    .add(b'<')
    .add(b'>')
    .add(b'=')
    .add(b'%');

/// The asks written in `year`, with where each stands now, as JSON
/// (`api/asks/2026.json`).
pub(crate) fn api_asks_year(year: i32) -> String {
    format!("{API_DIR}asks/{year}.json")
}

/// A day's brief as JSON (`api/briefs/2026-11-20.json`).
pub(crate) fn api_brief(day: NaiveDate) -> String {
    format!("{API_DIR}briefs/{}.json", day.format("%Y-%m-%d"))
}

/// An API path as seen from the API index: relative to `api/`.
pub(crate) fn in_api(path: &str) -> &str {
    path.strip_prefix(API_DIR).unwrap_or(path)
}

/// A team's Atom feed (`feeds/teams/payments.xml`).
pub(crate) fn feed_team(id: &TeamId) -> String {
    format!("{FEEDS_DIR}teams/{id}.xml")
}

/// The Atom feed of the asks handed to a team (`feeds/asks/payments.xml`).
pub(crate) fn feed_team_asks(id: &TeamId) -> String {
    format!("{FEEDS_DIR}asks/{id}.xml")
}

/// Where a file a wrap or record refers to (an image beside it) is
/// published: under `files/`, at its path in the site
/// (`files/docs/adr/0027-img01.jpg`). One copy however many pages show
/// it, at a path that stays put while the file does. A file in a
/// decision folder above the site (`../docs/adr/x.png`) goes under
/// `files/_up/`, once for each level up (`files/_up/docs/adr/x.png`).
pub(crate) fn published_file(site_path: &str) -> String {
    let mut out = FILES_DIR.to_string();
    let mut rest = site_path;
    while let Some(below) = rest.strip_prefix("../") {
        out.push_str(UP_DIR);
        rest = below;
    }
    out + rest
}

/// What a level above the site folder is called under `files/`.
const UP_DIR: &str = "_up/";

/// The characters of a path segment written as `%XX` in a URL: controls,
/// space, non-ASCII, and what a URL gives a meaning (`#`, `?`, `%`, ...).
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'|');

/// A `/`-separated path as it is written in a URL: each segment
/// percent-encoded (`my diagram.png` is `my%20diagram.png`).
pub(crate) fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, SEGMENT).to_string()
}

/// A fragment (`#` and what follows) as it is written in a URL; empty for
/// none.
pub(crate) fn encode_fragment(fragment: Option<&str>) -> String {
    match fragment {
        Some(fragment) => format!("#{}", utf8_percent_encode(fragment, SEGMENT)),
        None => String::new(),
    }
}

/// Whether `path` is a derived output (search files, API, feeds, sitemap)
/// rather than a page, asset or static file: one of the paths above.
pub(crate) fn is_derived(path: &str) -> bool {
    let search_file = path.strip_prefix(SEARCH_DIR).is_some_and(|name| {
        [
            SEARCH_SHARD_PREFIX,
            SEARCH_DOCS_PREFIX,
            SEARCH_STOP_PREFIX,
            SEARCH_TEAM_PREFIX,
        ]
        .iter()
        .any(|prefix| name.starts_with(prefix))
            && name.ends_with(".js")
    });
    path == SITEMAP
        || path == SEARCH_MANIFEST
        || search_file
        || (path.starts_with(API_DIR) && path.ends_with(".json"))
        || (path.starts_with(FEEDS_DIR) && path.ends_with(".xml"))
}

/// Page `n` (from 1) of a paginated list whose first page is `first`
/// (`teams/payments/index.html` -> `teams/payments/page/2/index.html`).
pub(crate) fn nth_page(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    let dir = first.strip_suffix("index.html").unwrap_or(first);
    format!("{dir}page/{n}/index.html")
}

/// The relative way from a page back to the site root: `""` for
/// `index.html`, `"../../"` for `briefs/2026-11-20/index.html`.
pub(crate) fn root_from(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The canonical (pretty) form of a page path: `briefs/2026-11-20/`.
pub(crate) fn pretty(page: &str) -> &str {
    page.strip_suffix("index.html").unwrap_or(page)
}

/// The pretty form of a page path that may carry a query
/// (`asks/?to=payments`).
pub(crate) fn pretty_view(view: &str) -> String {
    match view.split_once('?') {
        Some((page, query)) => format!("{}?{query}", pretty(page)),
        None => pretty(view).to_string(),
    }
}

/// The absolute URL of a page under `base_url` (which ends in `/`).
pub(crate) fn absolute(base_url: &str, page: &str) -> String {
    format!("{base_url}{}", pretty(page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_lead_back_to_the_site_root() {
        assert_eq!(root_from(HOME), "");
        assert_eq!(root_from(BRIEFS), "../");
        assert_eq!(root_from(&wrap("2026-11-20/ana-1742")), "../../../");
        assert_eq!(root_from(NOT_FOUND), "");
    }

    #[test]
    fn later_pages_live_under_page_n() {
        assert_eq!(nth_page("teams/a/index.html", 1), "teams/a/index.html");
        assert_eq!(
            nth_page("teams/a/index.html", 3),
            "teams/a/page/3/index.html"
        );
        assert_eq!(root_from(&nth_page("tags/x/index.html", 2)), "../../../../");
    }

    #[test]
    fn derived_outputs_are_told_apart_from_pages_and_assets() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let payments = TeamId::new("payments").unwrap();
        for derived in [
            SITEMAP.to_string(),
            SEARCH_MANIFEST.to_string(),
            search_shard(12),
            search_docs(3),
            search_stop(0),
            search_team(1),
            API_INDEX.to_string(),
            api_brief(day),
            FEED_RISKS.to_string(),
            feed_team(&payments),
        ] {
            assert!(is_derived(&derived), "{derived}");
        }
        for page in [
            SEARCH.to_string(),
            HOME.to_string(),
            brief(day),
            team(&payments),
        ] {
            assert!(!is_derived(&page), "{page}");
        }
        assert!(!is_derived(STYLESHEET));
        assert_eq!(search_shard(12), "search/shard-12.js");
        assert_eq!(in_api(&api_brief(day)), "briefs/2026-11-20.json");
    }

    #[test]
    fn published_files_keep_their_site_path_encoded_in_links() {
        assert_eq!(
            published_file("docs/adr/my diagram#1.png"),
            "files/docs/adr/my diagram#1.png"
        );
        assert_eq!(
            encode_path("docs/adr/my diagram#1 ü?.png"),
            "docs/adr/my%20diagram%231%20%C3%BC%3F.png"
        );
        assert_eq!(
            encode_fragment(Some("user-content-zoë")),
            "#user-content-zo%C3%AB"
        );
        assert_eq!(encode_fragment(None), "");
        assert_eq!(
            published_file("../../docs/adr/a.png"),
            "files/_up/_up/docs/adr/a.png"
        );
    }

    #[test]
    fn canonical_urls_drop_index_html() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(pretty(&brief(day)), "briefs/2026-11-20/");
        assert_eq!(pretty(HOME), "");
        assert_eq!(
            absolute("https://x.io/h/", &brief(day)),
            "https://x.io/h/briefs/2026-11-20/"
        );
        assert_eq!(
            absolute("https://x.io/h/", NOT_FOUND),
            "https://x.io/h/404.html"
        );
    }
}
