//! One line of Markdown as inline HTML: the text of an ask, a risk, a
//! decision or an incident note, as it shows in lists. Code spans,
//! emphasis and links render; bare `http(s)://` URLs become links; raw
//! HTML is shown as text; what would start a block (`# `, `- `, `1. `)
//! is text as written.
//! Shared by the pages (a template filter) and anything else that shows
//! such a line.

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::autolink::Autolink;
use super::escape;

use crate::url_policy;

/// Distinct lines kept per thread before the memo starts over: a line
/// shows on many pages (an open ask on every brief until it is done).
const MEMO_LIMIT: usize = 50_000;

/// Where the links of one-line text that are not web links lead: the
/// destination as the text holds it (`/docs/adr/0003-x.md#context`, see
/// `content::line_links`) to an href, or `None` (the link is its text).
pub(crate) type Resolve<'r> = &'r dyn Fn(&str) -> Option<String>;

/// Resolves nothing: every link that is not a web link is its text.
pub(crate) fn no_links(_: &str) -> Option<String> {
    None
}

/// `text` as inline HTML, safe to put in a page as it is, with the links
/// that are not web links resolved by `resolve`.
pub(crate) fn to_html_with(text: &str, resolve: Resolve) -> String {
    if !text.contains("](") {
        return to_html(text);
    }
    let line = as_one_line(text);
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, safe_events(&line.text, resolve).into_iter());
    out
}

/// `text` as inline HTML, safe to put in a page as it is.
pub(crate) fn to_html(text: &str) -> String {
    thread_local! {
        static MEMO: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }
    if !text.contains(['`', '*', '_', '[', '<', '&', ':', '~', '\\']) {
        return escape::html(text);
    }
    MEMO.with(|memo| {
        if let Some(html) = memo.borrow().get(text) {
            return html.clone();
        }
        let html = render(text);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(text.to_string(), html.clone());
        html
    })
}

/// `text` with what would make it a block (a heading, list, quote, rule
/// or code block) escaped: one line is always a line of text.
fn as_one_line(text: &str) -> OneLine {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let digits = trimmed.len()
        - trimmed
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let bytes = trimmed.as_bytes();
    let spaced = |i: usize| matches!(bytes.get(i), None | Some(b' ' | b'\t'));
    let marker = match bytes.first() {
        Some(b'#' | b'>') => Some(0),
        Some(b'-' | b'+' | b'*') if spaced(1) => Some(0),
        _ if trimmed.starts_with("```") || trimmed.starts_with("~~~") => Some(0),
        // A thematic break (`---`, `***`, `___`).
        Some(b'-' | b'*' | b'_')
            if trimmed.chars().filter(|c| !c.is_whitespace()).count() >= 3
                && trimmed
                    .chars()
                    .all(|c| c.is_whitespace() || c == trimmed.as_bytes()[0] as char) =>
        {
            Some(0)
        }
        Some(b'0'..=b'9')
            if matches!(bytes.get(digits), Some(b'.' | b')')) && spaced(digits + 1) =>
        {
            Some(digits)
        }
        _ => None,
    };
    let text = match marker {
        Some(at) => format!("{}\\{}", &trimmed[..at], &trimmed[at..]),
        None => trimmed.to_string(),
    };
    OneLine {
        text,
        lead,
        escaped_at: marker,
    }
}

/// One line as it is parsed: trimmed, a block marker escaped.
struct OneLine {
    text: String,
    /// The white space trimmed from its start.
    lead: usize,
    /// Where a `\\` went in, if one did.
    escaped_at: Option<usize>,
}

impl OneLine {
    /// The offset in the text as written of offset `at` in the line.
    fn written(&self, at: usize) -> usize {
        let inserted = self.escaped_at.is_some_and(|e| at > e);
        self.lead + at - usize::from(inserted)
    }
}

fn render(text: &str) -> String {
    let line = as_one_line(text);
    let mut out = String::with_capacity(text.len() + 16);
    html::push_html(&mut out, safe_events(&line.text, &no_links).into_iter());
    out
}

/// The inline events of one line, made safe: raw HTML as text, links
/// kept where [`url_policy`] calls them web links or `resolve` gives them
/// an href (any other is its text alone), bare URLs linked, block
/// structure and images reduced to their text.
fn safe_events<'l>(line: &'l str, resolve: Resolve) -> Vec<Event<'l>> {
    let mut events: Vec<Event> = Vec::new();
    // For each link open: whether it is kept.
    let mut links: Vec<bool> = Vec::new();
    let parser =
        Parser::new_ext(line, Options::ENABLE_STRIKETHROUGH).map(url_policy::mail_autolink);
    for event in Autolink::new(parser) {
        match event {
            // Raw HTML is shown, never run.
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = if url_policy::is_web(&dest_url) {
                    Some(dest_url)
                } else {
                    resolve(&dest_url).map(CowStr::from)
                };
                links.push(dest_url.is_some());
                if let Some(dest_url) = dest_url {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) if links.pop().unwrap_or(false) => events.push(event),
            Event::End(TagEnd::Link) => {}
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
            | Event::Text(_)
            | Event::Code(_) => events.push(event),
            Event::SoftBreak | Event::HardBreak => events.push(Event::Text(" ".into())),
            // Block structure and images: their text stays, the markup goes.
            _ => {}
        }
    }
    events
}

/// The link targets written in one line, as [`to_html`] reads it (bare
/// URLs aside), each with where it is written in `text` (the whole link
/// when the target cannot be told apart in it): what the content stage
/// checks against [`url_policy`] and resolves.
pub(crate) fn link_targets(text: &str) -> Vec<(Range<usize>, String)> {
    if !text.contains(['[', '<']) {
        return Vec::new();
    }
    let line = as_one_line(text);
    Parser::new_ext(&line.text, Options::ENABLE_STRIKETHROUGH)
        .into_offset_iter()
        .map(|(event, range)| (url_policy::mail_autolink(event), range))
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                let written = &line.text[range.clone()];
                let at = match written.rfind(&*dest_url).filter(|_| !dest_url.is_empty()) {
                    Some(i) => range.start + i..range.start + i + dest_url.len(),
                    None => range,
                };
                Some((
                    line.written(at.start)..line.written(at.end),
                    dest_url.into_string(),
                ))
            }
            _ => None,
        })
        .collect()
}

/// One line of inline Markdown as a tree, for outputs that are not HTML
/// (chat messages): what [`to_html`] shows, in pieces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Text(String),
    Code(String),
    Emphasis(Vec<Piece>),
    Strong(Vec<Piece>),
    Strikethrough(Vec<Piece>),
    /// A web link (see [`url_policy`]); any other link is its text.
    Link {
        url: String,
        text: Vec<Piece>,
    },
}

/// `text` parsed as [`to_html_with`] reads it.
pub(crate) fn pieces(text: &str, resolve: Resolve) -> Vec<Piece> {
    enum Frame {
        Emphasis,
        Strong,
        Strikethrough,
        Link(String),
    }
    fn close(frame: Frame, inner: Vec<Piece>, into: &mut Vec<Piece>) {
        match frame {
            Frame::Emphasis => into.push(Piece::Emphasis(inner)),
            Frame::Strong => into.push(Piece::Strong(inner)),
            Frame::Strikethrough => into.push(Piece::Strikethrough(inner)),
            Frame::Link(url) => into.push(Piece::Link { url, text: inner }),
        }
    }
    /// Adds `piece`, joining text to the text before it.
    fn push(into: &mut Vec<Piece>, piece: Piece) {
        match (into.last_mut(), piece) {
            (Some(Piece::Text(last)), Piece::Text(text)) => last.push_str(&text),
            (_, piece) => into.push(piece),
        }
    }
    let line = as_one_line(text);
    let mut root: Vec<Piece> = Vec::new();
    let mut open: Vec<(Frame, Vec<Piece>)> = Vec::new();
    for event in safe_events(&line.text, resolve) {
        let top = match open.last_mut() {
            Some((_, inner)) => inner,
            None => &mut root,
        };
        match event {
            Event::Text(text) => push(top, Piece::Text(text.into_string())),
            Event::Code(code) => push(top, Piece::Code(code.into_string())),
            Event::Start(Tag::Emphasis) => open.push((Frame::Emphasis, Vec::new())),
            Event::Start(Tag::Strong) => open.push((Frame::Strong, Vec::new())),
            Event::Start(Tag::Strikethrough) => open.push((Frame::Strikethrough, Vec::new())),
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((Frame::Link(dest_url.into_string()), Vec::new()))
            }
            Event::End(_) => {
                if let Some((frame, inner)) = open.pop() {
                    let into = match open.last_mut() {
                        Some((_, inner)) => inner,
                        None => &mut root,
                    };
                    close(frame, inner, into);
                }
            }
            _ => {}
        }
    }
    // The parser closes what it opens; this is only in case it did not.
    while let Some((frame, inner)) = open.pop() {
        let into = match open.last_mut() {
            Some((_, inner)) => inner,
            None => &mut root,
        };
        close(frame, inner, into);
    }
    root
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_email_autolink_is_a_mailto_link() {
        assert_eq!(
            to_html("ask <a@b.example>"),
            "ask <a href=\"mailto:a@b.example\">a@b.example</a>"
        );
    }

    use super::{Piece, no_links, pieces, to_html};

    #[test]
    fn pieces_are_what_the_html_shows() {
        let text = |t: &str| Piece::Text(t.to_string());
        assert_eq!(
            pieces(
                "scale `mailer` to **6**, see [FE-*9*](https://t.example/9) or https://d.example/x.",
                &no_links
            ),
            [
                text("scale "),
                Piece::Code("mailer".into()),
                text(" to "),
                Piece::Strong(vec![text("6")]),
                text(", see "),
                Piece::Link {
                    url: "https://t.example/9".into(),
                    text: vec![text("FE-"), Piece::Emphasis(vec![text("9")])],
                },
                text(" or "),
                Piece::Link {
                    url: "https://d.example/x".into(),
                    text: vec![text("https://d.example/x")],
                },
                text("."),
            ]
        );
        assert_eq!(
            pieces("<b>raw</b> [x](javascript:alert(1)) - ~~old~~", &no_links),
            [
                text("<b>raw</b> x - "),
                Piece::Strikethrough(vec![text("old")]),
            ]
        );
        assert_eq!(
            pieces("# not a heading", &no_links),
            [text("# not a heading")]
        );
    }

    #[test]
    fn code_emphasis_and_links_render() {
        assert_eq!(
            to_html("scale `mailer-worker` to *6*, see [FE-9](https://t.example/9)"),
            "scale <code>mailer-worker</code> to <em>6</em>, see <a href=\"https://t.example/9\">FE-9</a>"
        );
    }

    #[test]
    fn bare_urls_become_links_without_their_full_stop() {
        assert_eq!(
            to_html("doc: https://docs.example/bf-2026."),
            "doc: <a href=\"https://docs.example/bf-2026\">https://docs.example/bf-2026</a>."
        );
    }

    #[test]
    fn raw_html_and_bad_schemes_are_harmless() {
        assert_eq!(
            to_html("fix the <script>alert(1)</script> tag"),
            "fix the &lt;script&gt;alert(1)&lt;/script&gt; tag"
        );
        assert_eq!(to_html("[x](javascript:alert(1))"), "x");
        assert_eq!(
            to_html("[x](../../../../etc/passwd) [y](missing.md) [z](!channel)"),
            "x y z"
        );
        assert_eq!(
            to_html("see https://u:p@h.example/x or <https://u:p@h.example/y>"),
            "see https://u:p@h.example/x or https://u:p@h.example/y"
        );
    }

    #[test]
    fn what_would_start_a_block_is_text() {
        assert_eq!(to_html("# not a heading"), "# not a heading");
        assert_eq!(to_html("- a `list`"), "- a <code>list</code>");
        assert_eq!(to_html("1. first *thing*"), "1. first <em>thing</em>");
        assert_eq!(to_html("`code` first"), "<code>code</code> first");
        assert_eq!(to_html("plain & simple"), "plain &amp; simple");
    }
}
