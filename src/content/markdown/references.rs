//! Relative links and images in a body: where each leads in the site, and
//! the placeholder left in the HTML for the site stage to fill in with the
//! page or file it becomes (see [`crate::markup::html`]).

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::diagnostics::{Code, Diagnostic, Locate, SourceFile};
use crate::markup::html::{self, Element};
use crate::url_policy::Written;

mod place;

pub(crate) use place::Place;
use place::back_into_site;

/// A relative link or image in a body. Its index in
/// [`super::Rendered::references`] is the one its placeholder names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub(crate) element: Element,
    pub(crate) target: Target,
    /// The fragment, percent-decoded: `context` of `0033-x.md#context`.
    pub(crate) fragment: Option<String>,
    /// Where the target is written, in the file.
    pub(crate) span: Range<usize>,
    /// The target as written.
    pub(crate) written: String,
    /// For a link in one-line text (an ask, a `why`, a note) rather than
    /// the body: the destination the text holds now, a path from the site
    /// folder (`/docs/adr/0003-x.md#context`, see `content::line_links`),
    /// which the site stage resolves. No placeholder names such a
    /// reference; a body's references come first, so their indexes are
    /// the placeholders'.
    pub(crate) anchored: Option<String>,
}

/// Where a relative reference leads.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Target {
    /// A path in the site folder, `/`-separated, without `.` or `..`:
    /// `docs/adr/0033-ip-ranges.md` (`""` is the site folder itself); or
    /// a path in a decision folder standin.toml lists above it, with
    /// leading `..` only (`../docs/adr/0033-ip-ranges.md`). It may name a
    /// file, a folder, or nothing.
    Path(String),
    /// The body's own file: a bare `#fragment`.
    ThisFile,
    /// A path that leads out of the site folder (`../../../etc/passwd`).
    OutsideSite,
}

/// Where `written` (a link or image target, as pulldown-cmark or an HTML
/// attribute gives it) leads from the file at `at`; `None` for what is not
/// a relative reference: an absolute URL (`https:`, `mailto:`), a
/// protocol-relative one (`//host/x`), or an empty target.
///
/// As on GitHub, a target starting with `/` is read from the site folder,
/// a query (`?raw=true`) is dropped, and percent-encoding is decoded
/// (`my%20diagram.png` is `my diagram.png`). A path above the site folder
/// keeps its leading `..` when it lies in a decision folder standin.toml
/// lists there, is a path in the site when it leads back down into the
/// site folder (see [`Place::site_names`]), and is [`Target::OutsideSite`]
/// otherwise.
pub(crate) fn locate(written: &str, at: Place) -> Option<(Target, Option<String>)> {
    let written = written.trim();
    if written.is_empty() || crate::url_policy::classify(written) != Written::Relative {
        return None;
    }
    let (before_fragment, fragment) = match written.split_once('#') {
        Some((path, fragment)) => (path, Some(decode(fragment).into_owned())),
        None => (written, None),
    };
    let path = before_fragment.split('?').next().unwrap_or("");
    if path.is_empty() {
        // `#context` is this file; `?x` alone is no reference to anything.
        return fragment.map(|f| (Target::ThisFile, Some(f)));
    }
    let path = decode(path);
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        at.site_path.split('/').collect()
    };
    if !path.starts_with('/') {
        // The file's own name: the path is read from its folder.
        parts.pop();
    }
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&last) if last != ".." => {
                    parts.pop();
                }
                // Above the site folder: kept, and checked below.
                _ => parts.push(".."),
            },
            other => parts.push(other),
        }
    }
    let parts = back_into_site(parts, at.site_names);
    let path = parts.join("/");
    if parts.first() == Some(&"..") && !at.reaches(&path) {
        return Some((Target::OutsideSite, fragment));
    }
    Some((Target::Path(path), fragment))
}

fn decode(text: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy()
}

/// Turns the relative targets of links and images, in Markdown and in raw
/// `<a href>` / `<img src>`, into placeholders, and records each as a
/// [`Reference`]. Lines of an HTML block are joined first, so that a tag
/// written across lines is read whole.
pub(super) struct Referencer<'m, 'p, I> {
    events: I,
    markdown: &'m str,
    at: Place<'p>,
    /// Where the body starts in its file.
    offset: usize,
    found: Vec<Reference>,
    /// The lines of the HTML block being read: text, and where each line
    /// starts in the joined text and in the Markdown.
    block: Option<(String, Vec<(usize, usize)>)>,
    ready: VecDeque<Event<'m>>,
}

impl<'m, 'p, I: Iterator<Item = (Event<'m>, Range<usize>)>> Referencer<'m, 'p, I> {
    pub(super) fn new(events: I, markdown: &'m str, at: Place<'p>, offset: usize) -> Self {
        Self {
            events,
            markdown,
            at,
            offset,
            found: Vec::new(),
            block: None,
            ready: VecDeque::new(),
        }
    }

    /// The references found; the iterator must have been run to its end.
    pub(super) fn finish(self) -> Vec<Reference> {
        self.found
    }

    /// Records a reference to what `locate` found, written at `at` (in the
    /// Markdown), and returns its placeholder.
    fn record(
        &mut self,
        element: Element,
        (target, fragment): (Target, Option<String>),
        written: &str,
        at: Range<usize>,
    ) -> String {
        let index = self.found.len();
        self.found.push(Reference {
            element,
            target,
            fragment,
            span: self.offset + at.start..self.offset + at.end,
            written: written.to_string(),
            anchored: None,
        });
        html::placeholder(index)
    }

    /// A Markdown link's or image's target, replaced by a placeholder when
    /// it is relative.
    fn markdown_target(&mut self, element: Element, dest: &mut CowStr<'m>, range: &Range<usize>) {
        if let Some(found) = locate(dest, self.at) {
            let at = self.dest_span(dest, range);
            *dest = CowStr::from(self.record(element, found, dest, at));
        }
    }

    /// Where `dest` is written in the Markdown of a link or image at
    /// `range`: its last occurrence there (after the text), else the
    /// whole link (a reference-style link's target is elsewhere).
    fn dest_span(&self, dest: &str, range: &Range<usize>) -> Range<usize> {
        let source = self.markdown.get(range.clone()).unwrap_or("");
        match source.rfind(dest).filter(|_| !dest.is_empty()) {
            Some(at) => range.start + at..range.start + at + dest.len(),
            None => range.clone(),
        }
    }

    /// Raw HTML with the relative targets of its `<a>` and `<img>` tags
    /// replaced; `place` maps an offset in `html` to one in the Markdown.
    fn rewrite_html(&mut self, html: &str, place: impl Fn(usize) -> usize) -> Option<String> {
        html::rewrite_references(html, |found| {
            let target = locate(&found.value, self.at)?;
            let at = place(found.at.start)..place(found.at.end);
            Some(self.record(found.element, target, &found.value, at))
        })
    }

    fn inline_html(&mut self, html: CowStr<'m>, range: Range<usize>) -> Event<'m> {
        // The event's text is the source's, unless it sits in a container.
        let exact = self.markdown.get(range.clone()) == Some(&*html);
        let place = |at: usize| if exact { range.start + at } else { range.start };
        match self.rewrite_html(&html, place) {
            Some(rewritten) => Event::InlineHtml(CowStr::from(rewritten)),
            None => Event::InlineHtml(html),
        }
    }

    fn flush_block(&mut self) {
        let Some((html, lines)) = self.block.take() else {
            return;
        };
        let markdown = self.markdown;
        let place = |at: usize| {
            let line = lines
                .partition_point(|(start, _)| *start <= at)
                .saturating_sub(1);
            let (joined, source) = lines.get(line).copied().unwrap_or((0, 0));
            let exact = markdown
                .get(source..source + (at - joined))
                .is_some_and(|s| html.get(joined..at) == Some(s));
            if exact {
                source + (at - joined)
            } else {
                source
            }
        };
        let rewritten = self.rewrite_html(&html, place);
        self.ready
            .push_back(Event::Html(CowStr::from(rewritten.unwrap_or(html))));
    }
}

impl<'m, I: Iterator<Item = (Event<'m>, Range<usize>)>> Iterator for Referencer<'m, '_, I> {
    type Item = Event<'m>;

    fn next(&mut self) -> Option<Event<'m>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            let (mut event, range) = self.events.next()?;
            match &mut event {
                Event::Start(Tag::HtmlBlock) => self.block = Some((String::new(), Vec::new())),
                Event::End(TagEnd::HtmlBlock) => {
                    self.flush_block();
                    self.ready.push_back(event);
                    continue;
                }
                Event::Html(html) => {
                    if let Some((text, lines)) = &mut self.block {
                        lines.push((text.len(), range.start));
                        text.push_str(html);
                        continue;
                    }
                    let place = |_| range.start;
                    if let Some(rewritten) = self.rewrite_html(html, place) {
                        *html = CowStr::from(rewritten);
                    }
                }
                Event::InlineHtml(html) => {
                    let html = std::mem::replace(html, CowStr::Borrowed(""));
                    event = self.inline_html(html, range);
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    self.markdown_target(Element::Link, dest_url, &range);
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    self.markdown_target(Element::Image, dest_url, &range);
                }
                _ => {}
            }
            return Some(event);
        }
    }
}

impl Reference {
    /// The warning for a reference that leads out of the site.
    pub(crate) fn outside_site(&self, file: &SourceFile) -> Diagnostic {
        Diagnostic::new(
            Code::BrokenReference,
            format!(
                "`{}` leads out of the site folder; it is shown as plain text",
                self.written
            ),
        )
        .at(file, self.span.clone())
        .with_help(
            "standin publishes only files inside the site folder; link to one of them, or write an absolute URL (https://…)",
        )
    }

    /// The warning for a reference to a file that does not exist;
    /// `suggestion` is a "did you mean" for a file of that folder.
    pub(crate) fn missing(&self, file: &dyn Locate, suggestion: Option<String>) -> Diagnostic {
        let (what, shown) = match self.element {
            Element::Link => ("link", "its text is shown without a link"),
            Element::Image => ("image", "its alt text is shown instead"),
        };
        let folder = match file.site_path().rsplit_once('/') {
            Some((folder, _)) => format!("`{folder}/`"),
            None => "the site folder".to_string(),
        };
        let help = match suggestion {
            Some(suggestion) => {
                format!("{suggestion} (relative paths start from this file's folder, {folder})")
            }
            None => format!(
                "relative paths start from this file's folder ({folder}); fix the path, or remove the {what}"
            ),
        };
        Diagnostic::new(
            Code::BrokenReference,
            format!("`{}`: no such file in the site; {shown}", self.written),
        )
        .at(file, self.span.clone())
        .with_help(help)
    }

    /// The warning for a reference through a symlink.
    pub(crate) fn through_symlink(&self, file: &dyn Locate) -> Diagnostic {
        Diagnostic::new(
            Code::SkippedSymlink,
            format!(
                "`{}` is reached through a symlink, and standin follows none; it is shown as plain text",
                self.written
            ),
        )
        .at(file, self.span.clone())
        .with_help("put the file itself in the site (symlinks could publish files from outside it)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DecisionDir, FoundBy};

    fn path(p: &str) -> Option<(Target, Option<String>)> {
        Some((Target::Path(p.to_string()), None))
    }

    #[test]
    fn targets_are_read_from_the_file_folder() {
        let from = "docs/adr/0027-x.md";
        assert_eq!(
            locate("0033-ip-ranges.md", Place::in_site(from)),
            path("docs/adr/0033-ip-ranges.md")
        );
        assert_eq!(
            locate("./img/a.png?raw=true", Place::in_site(from)),
            path("docs/adr/img/a.png")
        );
        assert_eq!(
            locate("../../src/main.rs", Place::in_site(from)),
            path("src/main.rs")
        );
        assert_eq!(
            locate("my%20diagram.png", Place::in_site(from)),
            path("docs/adr/my diagram.png")
        );
        assert_eq!(
            locate("/README.md", Place::in_site(from)),
            path("README.md")
        );
        assert_eq!(locate("..", Place::in_site(from)), path("docs"));
        assert_eq!(
            locate("../decisions/pg.md#Context%20now", Place::in_site(from)),
            Some((
                Target::Path("docs/decisions/pg.md".into()),
                Some("Context now".into())
            ))
        );
        assert_eq!(
            locate("#context", Place::in_site(from)),
            Some((Target::ThisFile, Some("context".into())))
        );
        assert_eq!(
            locate("../../../etc/passwd", Place::in_site(from)),
            Some((Target::OutsideSite, None))
        );
        for absolute in [
            "https://x.example/a.md",
            "mailto:a@b",
            "//cdn.example/x.png",
            "",
            "?x",
            "c:x",
        ] {
            assert_eq!(locate(absolute, Place::in_site(from)), None, "{absolute}");
        }
        assert_eq!(locate("a.md", Place::in_site("top.md")), path("a.md"));
    }

    #[test]
    fn targets_lead_above_the_site_only_into_a_folder_listed_there() {
        let folders = [DecisionDir {
            path: "../docs/adr".into(),
            package: None,
            found_by: FoundBy::Config,
        }];
        let record = Place {
            site_path: "../docs/adr/0003-x.md",
            folders: &folders,
            site_names: &[],
        };
        assert_eq!(
            locate("0001-y.md#context", record),
            Some((
                Target::Path("../docs/adr/0001-y.md".into()),
                Some("context".into())
            ))
        );
        assert_eq!(locate("img/a.png", record), path("../docs/adr/img/a.png"));
        // Out of the listed folder.
        assert_eq!(
            locate("../../README.md", record),
            Some((Target::OutsideSite, None))
        );
        assert_eq!(
            locate("../adrs/x.md", record),
            Some((Target::OutsideSite, None))
        );
        let wrap = Place {
            site_path: "wraps/2026/a.md",
            folders: &folders,
            site_names: &[],
        };
        assert_eq!(
            locate("../../../docs/adr/0001-y.md", wrap),
            path("../docs/adr/0001-y.md")
        );
        assert_eq!(
            locate("../../../docs/adrx/0001-y.md", wrap),
            Some((Target::OutsideSite, None))
        );
        assert_eq!(
            locate(
                "../../../docs/adr/0001-y.md",
                Place::in_site("wraps/2026/a.md")
            ),
            Some((Target::OutsideSite, None))
        );
    }
}
