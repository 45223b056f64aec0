//! What a result line carries of a document's text, for `search.js` to
//! make a snippet around the words that matched: the text of its body
//! field as blocks (paragraphs, list items, notes), the headings among
//! them marked so that a heading never runs into the text after it.

use super::documents::FieldText;

/// Characters of text a result line carries at most: bodies longer than
/// this (a long decision record) show the start when the first word that
/// matched lies further in. Each result line is a file of its own (see
/// `DOCS_PER_CHUNK`), and a first page of results loads twenty.
pub(crate) const TEXT_CHARS: usize = 4_000;

/// A document's text as blocks, and the indices of the blocks that are
/// headings.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Blocks {
    pub text: Vec<String>,
    pub headings: Vec<usize>,
}

/// The blocks of `body`: each line of it, split at newlines, with its
/// whitespace collapsed; empty ones left out; cut at a word once
/// [`TEXT_CHARS`] are taken, with `…`.
pub(crate) fn blocks(body: &FieldText) -> Blocks {
    let mut out = Blocks::default();
    let mut left = TEXT_CHARS;
    for (n, line) in body.lines().enumerate() {
        let mut at = 0;
        for block in line.split('\n') {
            let start = at;
            at += block.len() + 1;
            let words: Vec<&str> = block.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            if left == 0 {
                return out;
            }
            let (text, cut) = take_words(&words, left);
            left = left.saturating_sub(text.chars().count());
            if body.is_heading(n, start) {
                out.headings.push(out.text.len());
            }
            out.text.push(text);
            if cut {
                return out;
            }
        }
    }
    out
}

/// `words` joined by spaces, up to `budget` characters (cut at a word,
/// ending in `…`, and saying so); a first word longer than the budget is
/// cut inside.
fn take_words(words: &[&str], budget: usize) -> (String, bool) {
    let mut out = String::new();
    let mut chars = 0;
    for word in words {
        let len = word.chars().count();
        let space = usize::from(!out.is_empty());
        if chars + space + len > budget {
            if out.is_empty() {
                out.extend(word.chars().take(budget));
            }
            out.push('…');
            return (out, true);
        }
        if space == 1 {
            out.push(' ');
        }
        out.push_str(word);
        chars += space + len;
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_into_blocks_with_headings_marked() {
        let mut body = FieldText::default();
        let text = "Done\nPre-scaled  the\tpool.\n\nNotes\nWatch it";
        body.push_with_headings(text, vec![0, text.find("Notes").unwrap()]);
        body.push("An ask line");
        let blocks = blocks(&body);
        assert_eq!(
            blocks.text,
            [
                "Done",
                "Pre-scaled the pool.",
                "Notes",
                "Watch it",
                "An ask line"
            ]
        );
        assert_eq!(blocks.headings, [0, 2]);
    }

    #[test]
    fn long_text_is_cut_at_a_word() {
        let mut body = FieldText::default();
        let long = "word ".repeat(TEXT_CHARS);
        body.push(long.as_str());
        body.push("never reached");
        let blocks = blocks(&body);
        assert_eq!(blocks.text.len(), 1);
        let kept = &blocks.text[0];
        assert!(kept.ends_with("word…"), "{kept}");
        assert!(kept.chars().count() <= TEXT_CHARS + 1);
        let mut one = FieldText::default();
        let x = "x".repeat(TEXT_CHARS * 2);
        one.push(x.as_str());
        assert_eq!(blocks_of(&one), [format!("{}…", "x".repeat(TEXT_CHARS))]);
    }

    fn blocks_of(body: &FieldText) -> Vec<String> {
        blocks(body).text
    }
}
