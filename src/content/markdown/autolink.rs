//! Bare `http(s)://` URLs in text become links, as on GitHub.

use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// Turns bare `http(s)://` URLs in text into links, as GitHub does; never
/// inside code, a link, or a raw `<a>`.
#[derive(Default)]
pub(super) struct Autolinker {
    in_link: usize,
    in_code: bool,
}

static BARE_URL: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r#"https?://[^\s<>"'`]+"#).expect("the URL pattern compiles")
});

impl Autolinker {
    pub(super) fn expand<'a>(&mut self, event: Event<'a>) -> Vec<Event<'a>> {
        match &event {
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
            Event::Text(text) if self.in_link == 0 && !self.in_code && text.contains("://") => {
                return link_urls(text);
            }
            _ => {}
        }
        vec![event]
    }
}

/// `text` as text and link events, one link per bare URL.
fn link_urls<'a>(text: &str) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut rest = 0;
    for found in BARE_URL.find_iter(text) {
        let url = trim_url(found.as_str());
        let (start, end) = (found.start(), found.start() + url.len());
        if start > rest {
            events.push(Event::Text(CowStr::from(text[rest..start].to_string())));
        }
        events.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Autolink,
            dest_url: CowStr::from(url.to_string()),
            title: CowStr::Borrowed(""),
            id: CowStr::Borrowed(""),
        }));
        events.push(Event::Text(CowStr::from(url.to_string())));
        events.push(Event::End(TagEnd::Link));
        rest = end;
    }
    if rest < text.len() {
        events.push(Event::Text(CowStr::from(text[rest..].to_string())));
    }
    events
}

/// A URL without the punctuation that ends the sentence around it, or a
/// closing parenthesis it did not open.
fn trim_url(url: &str) -> &str {
    let mut url = url;
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_', '~']);
        let trimmed = if trimmed.ends_with(')')
            && trimmed.matches('(').count() < trimmed.matches(')').count()
        {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            return url;
        }
        url = trimmed;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_md as render;
    use super::*;

    #[test]
    fn bare_urls_become_links() {
        let r = render(
            "See https://grafana.example/d/x?run=3, and (https://a.example/b).\n\n`https://in.code/x`\n\n[named](https://c.example/) https://d.example/",
            false,
        );
        assert!(r.html.contains(r#"<a href="https://grafana.example/d/x?run=3">https://grafana.example/d/x?run=3</a>, and"#), "{}", r.html);
        assert!(
            r.html
                .contains(r#"(<a href="https://a.example/b">https://a.example/b</a>)."#),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<code>https://in.code/x</code>"),
            "{}",
            r.html
        );
        assert!(r.html.contains(r#"<a href="https://c.example/">named</a> <a href="https://d.example/">https://d.example/</a>"#), "{}", r.html);
        let r = render(
            "<a href=\"https://x.example/\">https://x.example/</a>",
            false,
        );
        assert_eq!(r.html.matches("<a ").count(), 1, "{}", r.html);
        assert_eq!(
            trim_url("https://w.example/wiki/Foo_(bar))."),
            "https://w.example/wiki/Foo_(bar)"
        );
    }
}
