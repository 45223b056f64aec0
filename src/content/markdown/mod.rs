//! Markdown to safe HTML, plus the plain text that summaries and search
//! are made from, the relative links and images the site stage resolves,
//! the headings' ids, and what the body's warnings need (tags shown as
//! text, character references XML does not allow).

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

mod anchors;
mod empty;
pub(crate) mod references;
mod rendered;
mod text;

use super::front_matter::Body;
use super::tag_filter::TagFilter;
use crate::markup::autolink::Autolink;
use crate::markup::depth;
use crate::url_policy::{self, Refusal, Written};
use crate::xml_text::has_illegal;
use anchors::HeadingIds;
use empty::EmptySections;
pub(crate) use references::Place;
pub use references::Reference;
use references::Referencer;
pub use rendered::{BodyFacts, Rendered};
use text::{TextCollector, first_sentence};

/// Headings in a body start at this level: the page's own title is `<h1>`.
const TOP_HEADING: usize = 2;

/// Renders GitHub-flavoured Markdown, the body of the file at `at` (which
/// relative links are read from). Raw HTML goes
/// through GitHub's tag filter, then an allow-list sanitizer unless
/// `trust_html`; link targets with unsafe schemes are neutralised either
/// way, because Markdown links bypass the sanitizer.
///
/// One pass over the events makes the HTML, the text and the summary
/// together; events are buffered only when a heading must be shifted (and
/// each heading until its end, for its id).
pub(crate) fn render<'a>(body: Body<'a>, at: Place, trust_html: bool) -> Rendered {
    render_with(body, at, trust_html, false)
}

/// Renders a wrap's body as [`render`] does, leaving out what says
/// nothing: an empty list item, a list or a section with nothing in it
/// (the `## Notes` a scaffold leaves). A wrap is standin's own format; a
/// decision record is kept as its team wrote it.
pub(crate) fn render_wrap<'a>(body: Body<'a>, at: Place, trust_html: bool) -> Rendered {
    render_with(body, at, trust_html, true)
}

fn render_with<'a>(body: Body<'a>, at: Place, trust_html: bool, drop_empty: bool) -> Rendered {
    let markdown = body.text;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM;
    let mut watch = SourceWatch::new(markdown);
    let parser = Parser::new_ext(markdown, options)
        .into_offset_iter()
        .map(|(event, range)| (url_policy::mail_autolink(event), range))
        .map(|(event, range)| watch.see(event, range));
    let mut references = Referencer::new(parser, markdown, at, body.offset);
    let mut visitor = Visitor::new(markdown.len());
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    let anchors = push_body_html(
        references.by_ref(),
        may_have_top_heading(markdown),
        drop_empty,
        &mut visitor,
        &mut html,
    );
    // Ends the parser's borrows of the spans it recorded.
    let references = references.finish();
    let had_raw_html = visitor.had_raw_html;
    let nested_too_deeply = if had_raw_html && !trust_html {
        sanitize(&mut html, watch.first_raw_html)
    } else {
        None
    };
    let (mut text, first_block, headings) = visitor.collector.finish();
    // Kept until the site is written: without the room left for growth
    // (up to half again), a site's bodies take a third less memory.
    html.shrink_to_fit();
    text.shrink_to_fit();
    Rendered {
        html,
        text,
        headings,
        facts: BodyFacts {
            first_sentence: first_block.as_deref().and_then(first_sentence),
            references,
            anchors,
            had_raw_html,
        },
        filtered_tags: watch.filter.finish(),
        illegal_references: watch.illegal_references,
        nested_too_deeply,
        refused_links: watch.refused_links,
    }
}

/// What the parser's events show of the source, noted as they pass
/// through the tag filter: where raw HTML first is, the links refused,
/// and the character references that make what XML does not allow.
struct SourceWatch<'m> {
    markdown: &'m str,
    filter: TagFilter<'m>,
    first_raw_html: Option<Range<usize>>,
    refused_links: Vec<(Range<usize>, Refusal)>,
    illegal_references: Vec<Range<usize>>,
}

impl<'m> SourceWatch<'m> {
    fn new(markdown: &'m str) -> Self {
        SourceWatch {
            markdown,
            filter: TagFilter::new(markdown),
            first_raw_html: None,
            refused_links: Vec::new(),
            illegal_references: Vec::new(),
        }
    }

    /// Notes what `event`, at `range` of the source, shows, and passes it
    /// through the tag filter.
    fn see<'e>(&mut self, event: Event<'e>, range: Range<usize>) -> (Event<'e>, Range<usize>) {
        if self.first_raw_html.is_none() && matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            self.first_raw_html = Some(range.clone());
        }
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &event
            && let Written::Refused(refusal) = url_policy::classify(dest_url)
        {
            self.refused_links.push((range.clone(), refusal));
        }
        // Text that holds what its source does not: a reference.
        let made = matches!(&event, Event::Text(text) if has_illegal(text));
        if made && !self.markdown.get(range.clone()).is_some_and(has_illegal) {
            self.illegal_references.push(range.clone());
        }
        (self.filter.apply(event, range.clone()), range)
    }
}

/// Follows the events as they are written out: notes raw HTML, makes the
/// links and images that are not web links their text alone, and collects
/// the text.
struct Visitor {
    collector: TextCollector,
    had_raw_html: bool,
    /// For each link or image open: whether it is dropped.
    dropped: Vec<bool>,
}

impl Visitor {
    fn new(capacity: usize) -> Self {
        Visitor {
            collector: TextCollector::with_capacity(capacity),
            had_raw_html: false,
            dropped: Vec::new(),
        }
    }

    fn visit<'e>(&mut self, event: Event<'e>) -> Event<'e> {
        let event = match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                self.had_raw_html = true;
                event
            }
            // Relative targets are placeholders by now; a link that is
            // not a web link is its text alone (and was warned about), an
            // image its alt text.
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let refused = matches!(url_policy::classify(dest_url), Written::Refused(_));
                self.dropped.push(refused);
                if refused {
                    Event::Text(CowStr::Borrowed(""))
                } else {
                    event
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) if self.dropped.pop().unwrap_or(false) => {
                Event::Text(CowStr::Borrowed(""))
            }
            event => event,
        };
        self.collector.visit(&event);
        event
    }
}

/// Writes the body's `events` to `out` through `visitor`, headings shifted
/// down first when `shift` (which buffers the events), empty sections left
/// out when `drop_empty`. Returns the headings' ids.
fn push_body_html<'a>(
    events: impl Iterator<Item = Event<'a>>,
    shift: bool,
    drop_empty: bool,
    visitor: &mut Visitor,
    out: &mut String,
) -> Vec<String> {
    if shift {
        let mut events: Vec<Event<'a>> = events.collect();
        shift_headings(&mut events);
        push_events_html(events.into_iter(), drop_empty, visitor, out)
    } else {
        push_events_html(events, drop_empty, visitor, out)
    }
}

/// Writes `events` to `out` as they stream, with the headings' ids.
fn push_events_html<'a>(
    events: impl Iterator<Item = Event<'a>>,
    drop_empty: bool,
    visitor: &mut Visitor,
    out: &mut String,
) -> Vec<String> {
    let mut ids = HeadingIds::new(EmptySections::new(events, drop_empty));
    html::push_html(
        out,
        Autolink::new(ids.by_ref()).map(|event| visitor.visit(event)),
    );
    ids.finish()
}

/// Runs raw HTML through the sanitizer, capping deep nesting first (the
/// sanitiser's parser is slow on it; see markup::depth). Returns
/// `first_raw_html` when it had to cap, for a warning.
fn sanitize(html: &mut String, first_raw_html: Option<Range<usize>>) -> Option<Range<usize>> {
    let mut nested_too_deeply = None;
    if let Some(capped) = depth::escape_deep_tags(html) {
        *html = capped;
        nested_too_deeply = first_raw_html;
    }
    *html = SANITIZER.clean(html).to_string();
    nested_too_deeply
}

/// Renders `markdown` as the whole of a wrap at `wraps/w.md`: the entry
/// the fuzz targets use, as bodies reach `render` only through the reader.
#[doc(hidden)]
pub fn render_whole_file(markdown: &str, trust_html: bool) -> Rendered {
    let body = Body {
        text: markdown,
        offset: 0,
    };
    render_wrap(body, Place::in_site("wraps/w.md"), trust_html)
}

/// Whether the body may contain an `<h1>` (an `# ATX` line or a `===`
/// setext underline). A cheap scan that lets most bodies stream.
fn may_have_top_heading(markdown: &str) -> bool {
    markdown.lines().any(|line| {
        let line = line.trim_start();
        line == "#" || line.starts_with("# ") || line.starts_with("#\t") || line.starts_with("==")
    })
}

/// Moves headings down so the body's highest heading is an `<h2>`, keeping
/// the page's heading outline in order.
fn shift_headings(events: &mut [Event]) {
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min();
    let Some(top) = top else { return };
    if top >= TOP_HEADING {
        return;
    }
    let shift = TOP_HEADING - top;
    let lower = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + shift).min(6)).unwrap_or(HeadingLevel::H6)
    };
    for event in events {
        match event {
            Event::Start(Tag::Heading { level, .. }) => *level = lower(*level),
            Event::End(TagEnd::Heading(level)) => *level = lower(*level),
            _ => {}
        }
    }
}

/// A relative URL of raw HTML as it is; anything that only looks relative
/// (`//host/x`) dropped.
fn relative_only(url: &str) -> Option<Cow<'_, str>> {
    (url_policy::classify(url) == Written::Relative).then_some(Cow::Borrowed(url))
}

/// GitHub-like allow-list: the formatting engineers paste (`<details>`,
/// `<kbd>`, `<br>`, tables) passes; scripts, event handlers, styles and
/// unsafe URL schemes do not.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("th", ["style", "colspan", "rowspan"])
        .add_tag_attributes("td", ["style", "colspan", "rowspan"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("div", ["class", "id"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("h1", ["id"])
        .add_tag_attributes("h2", ["id"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"])
        .add_tag_attributes("h5", ["id"])
        .add_tag_attributes("h6", ["id"])
        .url_schemes(url_policy::SCHEMES.iter().copied().collect())
        // `//host/x` and the like go, as in Markdown links.
        .url_relative(ammonia::UrlRelative::Custom(Box::new(relative_only)))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") => (value == "checkbox").then_some(Cow::Borrowed(value)),
            // A web URL with a password in it is no link either.
            (_, "href" | "src" | "cite") => {
                (!matches!(url_policy::classify(value), Written::Refused(_)))
                    .then_some(Cow::Borrowed(value))
            }
            // Table alignment is the only inline style Markdown produces.
            (_, "style") => value
                .strip_prefix("text-align: ")
                .filter(|a| matches!(*a, "left" | "center" | "right"))
                .map(|_| Cow::Borrowed(value)),
            _ => Some(Cow::Borrowed(value)),
        });
    builder
});

#[cfg(test)]
pub(super) mod tests;
