//! What search reads of a line of inline Markdown (a decision's `why`, a
//! risk's or an incident's note, an ask): its visible text, so that a
//! link is found by its words and not by its Markdown, and the ids of the
//! tickets its links point to, so that `PAY-3187` finds the incident whose
//! ticket it is.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::markup::inline::{Piece, no_links, pieces};

/// The visible text of `line` (as [`crate::markup::inline::to_html`]
/// shows it, without the markup), and the web URLs it links to. A line with
/// nothing that could be markup is borrowed as it is.
pub(crate) fn visible(line: &str) -> (Cow<'_, str>, Vec<String>) {
    if !line.contains(['[', '<', '`', '*', '_', '~']) && !line.contains("://") {
        return (Cow::Borrowed(line), Vec::new());
    }
    let mut text = String::with_capacity(line.len());
    let mut urls = Vec::new();
    flatten(&pieces(line, &no_links), &mut text, &mut urls);
    (Cow::Owned(text), urls)
}

fn flatten(pieces: &[Piece], text: &mut String, urls: &mut Vec<String>) {
    for piece in pieces {
        match piece {
            Piece::Text(t) | Piece::Code(t) => text.push_str(t),
            Piece::Emphasis(inner) | Piece::Strong(inner) | Piece::Strikethrough(inner) => {
                flatten(inner, text, urls)
            }
            Piece::Link { url, text: inner } => {
                urls.push(url.clone());
                flatten(inner, text, urls);
            }
        }
    }
}

/// Tracker keys as Jira, YouTrack and Linear write them (`PAY-3187`,
/// `INC-2026-1105`), and the number of a GitHub or GitLab issue or pull
/// request (`/issues/42`), in a URL's path, query or fragment.
static TICKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)([A-Z][A-Z0-9_]+(?:-[0-9]+)+)(?-u:\b)|/(?:issues|pull|pulls|merge_requests)/([0-9]+)(?-u:\b)",
    )
    .expect("a valid pattern")
});

/// The ticket ids in `url`, in order, each once: what people paste from a
/// tracker to find what links to it.
pub(crate) fn ticket_ids(url: &str) -> Vec<&str> {
    // The host is not an id (`jira-2.example`).
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path = url[after_scheme..]
        .find('/')
        .map_or("", |i| &url[after_scheme + i..]);
    let mut ids: Vec<&str> = Vec::new();
    for found in TICKET.captures_iter(path) {
        if let Some(id) = found.get(1).or_else(|| found.get(2))
            && !ids.contains(&id.as_str())
        {
            ids.push(id.as_str());
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_read_as_their_text_and_give_their_urls() {
        let (text, urls) = visible(
            "This ADR in part supersedes [0003](0003-aws-networking-outline.md), see **`x`**.",
        );
        assert_eq!(text, "This ADR in part supersedes 0003, see x.");
        // A link between files is only its text (pieces keep web links).
        assert!(urls.is_empty());
        let (text, urls) = visible("ticket at https://jira.example/browse/PAY-3187 now");
        assert_eq!(text, "ticket at https://jira.example/browse/PAY-3187 now");
        assert_eq!(urls, ["https://jira.example/browse/PAY-3187"]);
        assert!(matches!(visible("plain words").0, Cow::Borrowed(_)));
    }

    #[test]
    fn ticket_ids_are_found_in_paths_not_hosts() {
        let cases: &[(&str, &[&str])] = &[
            (
                "https://jira.northwind.example/browse/PAY-3187",
                &["PAY-3187"],
            ),
            (
                "https://docs.example/incidents/INC-2026-1105#INC-2026-1105",
                &["INC-2026-1105"],
            ),
            (
                "https://jira.example/browse/PAY-3187?focus=OPS-12",
                &["PAY-3187", "OPS-12"],
            ),
            ("https://github.com/org/repo/issues/42", &["42"]),
            ("https://gitlab.example/g/p/-/merge_requests/7", &["7"]),
            // Slugs, lowercase keys, a key-like host, plain words: none.
            ("https://chat.example/archives/inc-2026-1120", &[]),
            ("https://AB-12.example/x", &[]),
            ("https://runbooks.example/payments/psp-failover", &[]),
            ("https://example.com/X-ray/A-1", &[]),
            ("not a url", &[]),
        ];
        for (url, ids) in cases {
            assert_eq!(ticket_ids(url), *ids, "{url}");
        }
    }
}
