//! Heading ids: GitHub's slugs (`## Context and Problem` is
//! `context-and-problem`), so that a link written for GitHub
//! (`0033-ip-ranges.md#context`) finds its heading on the site.
//!
//! On the page an id carries a prefix, as on GitHub (`user-content-`), so
//! that a heading can never take an id the page's template uses (`risks`,
//! `next`); links to a heading are given the prefix by the site stage.

use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

/// What a heading's id starts with on the page.
pub(crate) const ID_PREFIX: &str = "user-content-";

/// GitHub's slug of a heading's text: lowercase; letters, digits, `_`
/// and `-` kept, spaces made `-`, everything else dropped.
pub(crate) fn slug(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Gives every heading an id from its text: its slug, then `slug-1`,
/// `slug-2` for later headings with the same slug, as GitHub numbers them.
/// A heading's events are held until its end, since its text decides its
/// id.
pub(super) struct HeadingIds<'a, I> {
    events: I,
    held: Vec<Event<'a>>,
    text: String,
    ready: VecDeque<Event<'a>>,
    used: HashMap<String, usize>,
    /// The slugs given, in order (without the prefix).
    slugs: Vec<String>,
}

impl<'a, I: Iterator<Item = Event<'a>>> HeadingIds<'a, I> {
    pub(super) fn new(events: I) -> Self {
        Self {
            events,
            held: Vec::new(),
            text: String::new(),
            ready: VecDeque::new(),
            used: HashMap::new(),
            slugs: Vec::new(),
        }
    }

    /// The slugs of the headings, in order; the iterator must have been
    /// run to its end.
    pub(super) fn finish(self) -> Vec<String> {
        self.slugs
    }

    /// A unique slug for a heading with `text`; `None` when it has none.
    /// Numbered as github-slugger does: each slug counts its repeats.
    fn unique(&mut self, text: &str) -> Option<String> {
        let base = slug(text);
        if base.is_empty() {
            return None;
        }
        let mut candidate = base.clone();
        while self.used.contains_key(&candidate) {
            let repeats = self.used.entry(base.clone()).or_insert(0);
            *repeats += 1;
            candidate = format!("{base}-{repeats}");
        }
        self.used.insert(candidate.clone(), 0);
        self.slugs.push(candidate.clone());
        Some(candidate)
    }
}

impl<'a, I: Iterator<Item = Event<'a>>> Iterator for HeadingIds<'a, I> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Some(event);
            }
            let event = self.events.next()?;
            let holding = !self.held.is_empty();
            match &event {
                Event::Start(Tag::Heading { .. }) => {
                    self.text.clear();
                    self.held.push(event);
                }
                Event::End(TagEnd::Heading(_)) if holding => {
                    let text = std::mem::take(&mut self.text);
                    let id = self.unique(&text);
                    let mut held = std::mem::take(&mut self.held);
                    if let (Some(id), Some(Event::Start(Tag::Heading { id: slot, .. }))) =
                        (id, held.first_mut())
                    {
                        *slot = Some(CowStr::from(format!("{ID_PREFIX}{id}")));
                    }
                    self.ready.extend(held);
                    self.ready.push_back(event);
                    self.text = text;
                }
                Event::Text(text) | Event::Code(text) if holding => {
                    self.text.push_str(text);
                    self.held.push(event);
                }
                _ if holding => self.held.push(event),
                _ => return Some(event),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(
            slug("Context and Problem Statement"),
            "context-and-problem-statement"
        );
        assert_eq!(
            slug("Decision Outcome: `redis` (v2)!"),
            "decision-outcome-redis-v2"
        );
        assert_eq!(slug("Pros  and_cons -- of Zoë"), "pros--and_cons----of-zoë");
        assert_eq!(slug("¿?"), "");
    }

    #[test]
    fn repeated_headings_are_numbered() {
        let r = super::super::tests::render_md(
            "## Options\n### Pros\n## Options\n### Pros\n# Pros 1\n",
            false,
        );
        assert_eq!(
            r.anchors,
            ["options", "pros", "options-1", "pros-1", "pros-1-1"]
        );
        assert!(
            r.html.contains("<h4 id=\"user-content-pros\">Pros</h4>"),
            "{}",
            r.html
        );
    }
}
