//! The site's URL scheme, in one place.
//!
//! Every page is a directory with an `index.html`. Pages link to each other
//! by relative paths that name `index.html` explicitly: that works on any
//! static host, under any base path, and opened straight from disk
//! (`file://` does not serve a directory's index). Templates write links as
//! `{{ root }}{{ target }}`, where `root` is the page's way back to the site
//! root (`../../`) and targets are site-root-relative paths from here.

use chrono::NaiveDate;

use crate::ids::{DecisionId, RiskId, Tag, TeamId};

pub const HOME: &str = "index.html";
pub const BRIEFS: &str = "briefs/index.html";
pub const DECISIONS: &str = "decisions/index.html";
pub const RISKS: &str = "risks/index.html";
pub const TEAMS: &str = "teams/index.html";
pub const TAGS: &str = "tags/index.html";
pub const SEARCH: &str = "search/index.html";
pub const NOT_FOUND: &str = "404.html";
pub const SITEMAP: &str = "sitemap.xml";
pub const STYLESHEET: &str = "assets/standin.css";
pub const SCRIPT: &str = "assets/standin.js";
pub const FAVICON: &str = "assets/favicon.svg";
pub const SEARCH_SCRIPT: &str = "assets/search.js";
pub const ELASTICLUNR: &str = "assets/vendor/elasticlunr.min.js";

pub fn brief(day: NaiveDate) -> String {
    format!("briefs/{}/index.html", day.format("%Y-%m-%d"))
}

/// `slug` is a wrap's `2026-11-20/ana-1742`.
pub fn wrap(slug: &str) -> String {
    format!("wraps/{slug}/index.html")
}

pub fn decision(id: &DecisionId) -> String {
    format!("decisions/{id}/index.html")
}

pub fn risk(id: &RiskId) -> String {
    format!("risks/{id}/index.html")
}

pub fn team(id: &TeamId) -> String {
    format!("teams/{id}/index.html")
}

pub fn tag(tag: &Tag) -> String {
    format!("tags/{tag}/index.html")
}

/// Page `n` (from 1) of a paginated list whose first page is `first`
/// (`teams/payments/index.html` -> `teams/payments/page/2/index.html`).
pub fn nth_page(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    let dir = first.strip_suffix("index.html").unwrap_or(first);
    format!("{dir}page/{n}/index.html")
}

/// The relative way from a page back to the site root: `""` for
/// `index.html`, `"../../"` for `briefs/2026-11-20/index.html`.
pub fn root_from(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The canonical (pretty) form of a page path: `briefs/2026-11-20/`.
pub fn pretty(page: &str) -> &str {
    page.strip_suffix("index.html").unwrap_or(page)
}

/// The absolute URL of a page under `base_url` (which ends in `/`).
pub fn absolute(base_url: &str, page: &str) -> String {
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
