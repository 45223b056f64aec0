//! The visible text of a body, and the first sentence a summary is made
//! of, gathered as the events pass by.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Gathers the visible text of the body, and the text of its first
/// paragraph or list item (not a heading, table or code block), as events
/// pass by.
pub(super) struct TextCollector {
    text: String,
    first_block: Option<String>,
    /// The depth the captured block started at, and its text so far.
    capturing: Option<(usize, String)>,
    depth: usize,
    in_heading: bool,
    /// Where each heading's line starts in `text`.
    headings: Vec<usize>,
}

impl TextCollector {
    pub(super) fn with_capacity(capacity: usize) -> Self {
        Self {
            text: String::with_capacity(capacity),
            first_block: None,
            capturing: None,
            depth: 0,
            in_heading: false,
            headings: Vec::new(),
        }
    }

    pub(super) fn visit(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                match tag {
                    Tag::Heading { .. } => {
                        self.in_heading = true;
                        self.headings.push(self.text.len());
                    }
                    Tag::Paragraph | Tag::Item
                        if self.first_block.is_none()
                            && self.capturing.is_none()
                            && !self.in_heading =>
                    {
                        self.capturing = Some((self.depth, String::new()));
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                if matches!(end, TagEnd::Heading(_)) {
                    self.in_heading = false;
                    // A heading without text has no line.
                    if self.headings.last() == Some(&self.text.len()) {
                        self.headings.pop();
                    }
                }
                if is_block_end(end) {
                    push_separator(&mut self.text, '\n');
                }
                if let Some((start_depth, captured)) = &mut self.capturing {
                    if *start_depth == self.depth {
                        let block = collapse_whitespace(captured);
                        self.capturing = None;
                        if !block.is_empty() {
                            self.first_block = Some(block);
                        }
                    } else if is_block_end(end) {
                        push_separator(captured, ' ');
                    }
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Event::Text(t) | Event::Code(t) => {
                self.text.push_str(t);
                if let Some((_, captured)) = &mut self.capturing {
                    captured.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                push_separator(&mut self.text, ' ');
                if let Some((_, captured)) = &mut self.capturing {
                    push_separator(captured, ' ');
                }
            }
            _ => {}
        }
    }

    /// The text, the first block, and where each heading's line starts
    /// in the text.
    pub(super) fn finish(self) -> (String, Option<String>, Vec<usize>) {
        let trimmed = self.text.trim();
        let lead = self.text.len() - self.text.trim_start().len();
        let headings = self
            .headings
            .iter()
            .filter(|&&at| at >= lead && at - lead < trimmed.len())
            .map(|&at| at - lead)
            .collect();
        (trimmed.to_string(), self.first_block, headings)
    }
}

fn is_block_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_)
            | TagEnd::TableCell
            | TagEnd::TableRow
            | TagEnd::TableHead
    )
}

fn push_separator(text: &mut String, separator: char) {
    if !text.is_empty() && !text.ends_with(char::is_whitespace) {
        text.push(separator);
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Summaries longer than this are cut at a word boundary.
const MAX_SENTENCE: usize = 220;

/// The first sentence of a block of text.
pub(super) fn first_sentence(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let mut end = text.len();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?')
            && chars.peek().is_none_or(|(_, next)| next.is_whitespace())
            && !ends_with_abbreviation(&text[..i])
        {
            end = i + c.len_utf8();
            break;
        }
    }
    let sentence = &text[..end];
    if sentence.chars().count() <= MAX_SENTENCE {
        return Some(sentence.to_string());
    }
    let cut: String = sentence.chars().take(MAX_SENTENCE).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':'])))
}

fn ends_with_abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.to_ascii_lowercase();
    matches!(
        word.as_str(),
        "e.g" | "i.e" | "etc" | "vs" | "approx" | "incl" | "cf"
    ) || (word.len() == 1 && word.chars().all(|c| c.is_ascii_alphabetic()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::render_md as render;
    use super::*;

    #[test]
    fn first_sentence_rules() {
        assert_eq!(
            first_sentence("Redis is up. Keys missing.").as_deref(),
            Some("Redis is up.")
        );
        assert_eq!(
            first_sentence("Bumped to v1.2.3 today").as_deref(),
            Some("Bumped to v1.2.3 today")
        );
        assert_eq!(
            first_sentence("Use e.g. Redis. Then").as_deref(),
            Some("Use e.g. Redis.")
        );
        let long = "word ".repeat(100);
        let s = first_sentence(&long).unwrap();
        assert!(s.ends_with('…') && s.chars().count() <= MAX_SENTENCE + 1);
    }

    #[test]
    fn first_block_skips_headings_and_code() {
        let r = render(
            "## Done\n\n```\ncode.\n```\n\nShipped the fix. More.\n",
            false,
        );
        assert_eq!(r.first_sentence.as_deref(), Some("Shipped the fix."));
        assert!(r.text.contains("code."));
    }
}
