//! Leaves out what says nothing, so that no empty section is published: a
//! list item with no content (the `- ` a scaffold leaves), a list left
//! with no items, and a heading whose section holds nothing before the
//! next heading of its level or above, or the end (an empty `## Notes`).

use std::collections::VecDeque;
use std::iter::Peekable;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};

/// The events of a body without its empty items, lists and sections.
pub(super) struct EmptySections<'a, I: Iterator<Item = Event<'a>>> {
    inner: Peekable<I>,
    out: VecDeque<Event<'a>>,
    /// Off, every event passes: a decision record is kept as its team
    /// wrote it, empty headings included.
    on: bool,
}

impl<'a, I: Iterator<Item = Event<'a>>> EmptySections<'a, I> {
    pub(super) fn new(inner: I, on: bool) -> Self {
        EmptySections {
            inner: inner.peekable(),
            out: VecDeque::new(),
            on,
        }
    }

    /// The rest of a list whose start was just read, without its empty
    /// items; `None` when no item is left.
    fn list(&mut self, start: Event<'a>) -> Option<Vec<Event<'a>>> {
        let mut events = vec![start];
        let mut depth = 1;
        let mut items = 0;
        while let Some(event) = self.inner.next() {
            match &event {
                Event::Start(Tag::Item)
                    if depth == 1
                        && matches!(self.inner.peek(), Some(Event::End(TagEnd::Item))) =>
                {
                    self.inner.next();
                    continue;
                }
                Event::Start(Tag::Item) if depth == 1 => items += 1,
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth -= 1,
                _ => {}
            }
            events.push(event);
            if depth == 0 {
                break;
            }
        }
        (items > 0).then_some(events)
    }

    /// The section of a heading whose start was just read: the heading
    /// and everything up to the next heading of its level or above, or
    /// nothing when that holds nothing (subsections included).
    fn section(&mut self, start: Event<'a>, level: HeadingLevel) -> Vec<Event<'a>> {
        let mut heading = vec![start];
        for event in self.inner.by_ref() {
            let end = matches!(event, Event::End(TagEnd::Heading(_)));
            heading.push(event);
            if end {
                break;
            }
        }
        let mut body = Vec::new();
        while let Some(peeked) = self.inner.peek() {
            match peeked {
                Event::Start(Tag::Heading { level: next, .. }) if *next <= level => break,
                Event::Start(Tag::Heading { level: next, .. }) => {
                    let next = *next;
                    let start = self.inner.next().expect("peeked");
                    body.extend(self.section(start, next));
                }
                Event::Start(Tag::List(_)) => {
                    let start = self.inner.next().expect("peeked");
                    body.extend(self.list(start).unwrap_or_default());
                }
                _ => body.push(self.inner.next().expect("peeked")),
            }
        }
        if body.is_empty() {
            return body;
        }
        heading.extend(body);
        heading
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for EmptySections<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.out.pop_front() {
                return Some(event);
            }
            let event = self.inner.next()?;
            if !self.on {
                return Some(event);
            }
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    let section = self.section(event, level);
                    self.out.extend(section);
                }
                Event::Start(Tag::List(_)) => {
                    if let Some(list) = self.list(event) {
                        self.out.extend(list);
                    }
                }
                event => return Some(event),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Parser, html};

    use super::*;

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, EmptySections::new(Parser::new(markdown), true));
        out
    }

    #[test]
    fn a_scaffold_left_as_it_was_publishes_nothing_empty() {
        assert_eq!(render("## Done\n\n- \n\n## Notes\n"), "");
        assert_eq!(
            render("## Done\n\n- Rotated the keys\n- \n\n## Notes\n"),
            "<h2>Done</h2>\n<ul>\n<li>Rotated the keys</li>\n</ul>\n"
        );
    }

    #[test]
    fn a_heading_with_a_subsection_or_text_stays() {
        assert_eq!(
            render("## Notes\n### Later\ntext\n"),
            "<h2>Notes</h2>\n<h3>Later</h3>\n<p>text</p>\n"
        );
        assert_eq!(render("# A\n## B\n"), "");
        assert_eq!(render("text\n\n- \n"), "<p>text</p>\n");
        assert_eq!(
            render("# A\n## B\ntext\n"),
            "<h1>A</h1>\n<h2>B</h2>\n<p>text</p>\n"
        );
    }
}
