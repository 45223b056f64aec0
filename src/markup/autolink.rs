//! Bare `http(s)://` URLs in Markdown text become links, as on GitHub: in
//! bodies and in one-line text alike, never inside code, a link, or a raw
//! `<a>`. The `linkify` crate finds where a URL ends: balanced
//! parentheses (`…/wiki/Foo_(bar)`) are kept, the punctuation that ends
//! the sentence around it (`.`, `,`, a closing parenthesis it did not
//! open) is not.
//!
//! pulldown-cmark cuts text into several events at characters that might
//! have been emphasis (`_`, `*`) or a link (`[`), so the text of one run is
//! joined before it is scanned: otherwise `Foo_(bar)` would be cut at the
//! underscore.

use std::collections::VecDeque;
use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};
use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

static FINDER: LazyLock<LinkFinder> = LazyLock::new(|| {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(true);
    finder
});

/// The events of `inner` with every bare web URL in text made a link.
pub(crate) struct Autolink<'a, I> {
    inner: I,
    /// Links and images open (a raw `<a>` counts): their text is not
    /// scanned.
    in_link: usize,
    in_code: bool,
    /// The text of the current run: its first event's, and the rest
    /// appended (a run can be many thousand events: `*a*a*a…`).
    text: Option<CowStr<'a>>,
    joined: String,
    ready: VecDeque<Event<'a>>,
}

impl<'a, I: Iterator<Item = Event<'a>>> Autolink<'a, I> {
    pub(crate) fn new(inner: I) -> Self {
        Self {
            inner,
            in_link: 0,
            in_code: false,
            text: None,
            joined: String::new(),
            ready: VecDeque::new(),
        }
    }

    /// Follows what the scanner must not look inside.
    fn note(&mut self, event: &Event<'a>) {
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => self.in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => {
                self.in_link = self.in_link.saturating_sub(1)
            }
            Event::Start(Tag::CodeBlock(_)) => self.in_code = true,
            Event::End(TagEnd::CodeBlock) => self.in_code = false,
            Event::InlineHtml(html) | Event::Html(html) => {
                let tag = html.trim_start().to_ascii_lowercase();
                if tag.starts_with("<a ") || tag.starts_with("<a>") {
                    self.in_link += 1;
                } else if tag.starts_with("</a") {
                    self.in_link = self.in_link.saturating_sub(1);
                }
            }
            _ => {}
        }
    }

    /// Queues the joined text of the run that just ended.
    fn flush(&mut self) {
        let Some(first) = self.text.take() else {
            return;
        };
        let text = if self.joined.is_empty() {
            first
        } else {
            let mut text = first.into_string();
            text.push_str(&self.joined);
            self.joined.clear();
            CowStr::from(text)
        };
        if self.in_link == 0 && !self.in_code && text.contains("://") {
            link_urls(&text, &mut self.ready);
        } else {
            self.ready.push_back(Event::Text(text));
        }
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for Autolink<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            match self.inner.next() {
                Some(Event::Text(text)) => match self.text {
                    None => self.text = Some(text),
                    Some(_) => self.joined.push_str(&text),
                },
                Some(event) => {
                    self.flush();
                    self.note(&event);
                    self.ready.push_back(event);
                }
                None => {
                    self.flush();
                    return self.ready.pop_front();
                }
            }
        }
    }
}

/// Whether a URL is one GitHub links bare: `http://` or `https://`.
fn is_bare_link(url: &str) -> bool {
    let scheme = url.split_once("://").map_or("", |(s, _)| s);
    scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
}

/// `text` as text and link events, one link per bare web URL.
fn link_urls<'a>(text: &str, out: &mut VecDeque<Event<'a>>) {
    let mut rest = 0;
    for found in FINDER.links(text).filter(|l| is_bare_link(l.as_str())) {
        if found.start() > rest {
            out.push_back(Event::Text(CowStr::from(
                text[rest..found.start()].to_string(),
            )));
        }
        let url = found.as_str().to_string();
        out.push_back(Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(url.clone()),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        out.push_back(Event::Text(CowStr::from(url)));
        out.push_back(Event::End(TagEnd::Link));
        rest = found.end();
    }
    if rest < text.len() {
        out.push_back(Event::Text(CowStr::from(text[rest..].to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{Parser, html};

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, Autolink::new(Parser::new(markdown)));
        out
    }

    #[test]
    fn urls_are_linked_whole_as_on_github() {
        let cases = [
            (
                "https://x.example/wiki/Foo(bar)",
                "https://x.example/wiki/Foo(bar)",
            ),
            (
                "https://x.example/wiki/Foo_(bar)",
                "https://x.example/wiki/Foo_(bar)",
            ),
            ("(https://a.example/b).", "https://a.example/b"),
            (
                "see https://g.example/d/x?run=3, then",
                "https://g.example/d/x?run=3",
            ),
            (
                "https://w.example/wiki/Foo_(bar)).",
                "https://w.example/wiki/Foo_(bar)",
            ),
            ("https://x.example/a_b_c", "https://x.example/a_b_c"),
        ];
        for (markdown, url) in cases {
            let html = render(markdown);
            assert!(
                html.contains(&format!(
                    "<a href=\"{}\">{}</a>",
                    url.replace('&', "&amp;"),
                    url
                )),
                "{markdown} gave {html}"
            );
        }
    }

    #[test]
    fn code_links_and_other_schemes_are_left_alone() {
        assert_eq!(
            render("`https://in.code/x` [named](https://c.example/) ftp://f.example/x"),
            "<p><code>https://in.code/x</code> <a href=\"https://c.example/\">named</a> ftp://f.example/x</p>\n"
        );
        assert_eq!(
            render("<a href=\"https://x.example/\">https://x.example/</a>")
                .matches("<a ")
                .count(),
            1
        );
    }
}
