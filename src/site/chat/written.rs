//! What people wrote (an ask, a title, a note) made fit for one line of a
//! chat message: read as the pages read it (inline Markdown), on one line,
//! control characters escaped, cut at a word when it runs long.

use crate::markup::inline::{Piece, no_links, pieces};

/// The longest a title, ask or note runs before it is cut (in characters
/// a reader sees): one line in a chat window.
pub(super) const TEXT_CAP: usize = 140;

/// `text` as pieces, on one line and at most [`TEXT_CAP`] characters
/// long (then ending in `…`).
pub(super) fn written(text: &str) -> Vec<Piece> {
    let mut budget = TEXT_CAP;
    let (mut kept, cut) = clip(tidy(pieces(text, &no_links)), &mut budget);
    if cut {
        trim_end(&mut kept);
        kept.push(Piece::Text("…".to_string()));
    }
    kept
}

/// What a reader sees of `pieces`, without markup.
pub(super) fn plain(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) | Piece::Code(text) => text.clone(),
            Piece::Emphasis(inner)
            | Piece::Strong(inner)
            | Piece::Strikethrough(inner)
            | Piece::Link { text: inner, .. } => plain(inner),
        })
        .collect()
}

/// A link written as a bare URL (its text is the address itself).
pub(super) fn is_bare(url: &str, text: &[Piece]) -> bool {
    matches!(text, [Piece::Text(t)] if t == url)
}

/// Whitespace runs as one space, no space at either end, control
/// characters escaped (`\u{1b}`): nothing written can break the line or
/// reach a terminal raw.
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    fn one_line(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut space = false;
        for c in text.chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            if c.is_control() {
                out.extend(c.escape_unicode());
            } else {
                out.push(c);
            }
        }
        if space {
            out.push(' ');
        }
        out
    }
    fn walk(pieces: Vec<Piece>) -> Vec<Piece> {
        pieces
            .into_iter()
            .map(|piece| match piece {
                Piece::Text(text) => Piece::Text(one_line(&text)),
                Piece::Code(code) => Piece::Code(one_line(&code)),
                Piece::Emphasis(inner) => Piece::Emphasis(walk(inner)),
                Piece::Strong(inner) => Piece::Strong(walk(inner)),
                Piece::Strikethrough(inner) => Piece::Strikethrough(walk(inner)),
                Piece::Link { url, text } => Piece::Link {
                    url,
                    text: walk(text),
                },
            })
            .collect()
    }
    let mut pieces = walk(pieces);
    if let Some(Piece::Text(first)) = pieces.first_mut() {
        *first = first.trim_start().to_string();
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        *last = last.trim_end().to_string();
    }
    pieces.retain(|p| !matches!(p, Piece::Text(t) if t.is_empty()));
    pieces
}

fn visible(piece: &Piece) -> usize {
    match piece {
        Piece::Text(text) | Piece::Code(text) => text.chars().count(),
        Piece::Emphasis(inner)
        | Piece::Strong(inner)
        | Piece::Strikethrough(inner)
        | Piece::Link { text: inner, .. } => inner.iter().map(visible).sum(),
    }
}

/// The pieces that fit in `budget` characters, and whether any were cut.
/// Text is cut at a word; code and links, which mean nothing in part, are
/// left out whole.
fn clip(pieces: Vec<Piece>, budget: &mut usize) -> (Vec<Piece>, bool) {
    let mut kept = Vec::new();
    for piece in pieces {
        let length = visible(&piece);
        if length <= *budget {
            *budget -= length;
            kept.push(piece);
            continue;
        }
        match piece {
            Piece::Text(text) => {
                let cut: String = text.chars().take(*budget).collect();
                let cut = match cut.rfind(' ') {
                    Some(space) if space > cut.len() / 2 => cut[..space].to_string(),
                    _ => cut,
                };
                if !cut.is_empty() {
                    kept.push(Piece::Text(cut));
                }
            }
            Piece::Emphasis(inner) => keep_part(&mut kept, inner, budget, Piece::Emphasis),
            Piece::Strong(inner) => keep_part(&mut kept, inner, budget, Piece::Strong),
            Piece::Strikethrough(inner) => {
                keep_part(&mut kept, inner, budget, Piece::Strikethrough)
            }
            Piece::Code(_) | Piece::Link { .. } => {}
        }
        *budget = 0;
        return (kept, true);
    }
    (kept, false)
}

fn keep_part(
    kept: &mut Vec<Piece>,
    inner: Vec<Piece>,
    budget: &mut usize,
    wrap: fn(Vec<Piece>) -> Piece,
) {
    let (mut part, _) = clip(inner, budget);
    trim_end(&mut part);
    if !part.is_empty() {
        kept.push(wrap(part));
    }
}

/// No space or stray punctuation before an ellipsis.
fn trim_end(pieces: &mut Vec<Piece>) {
    while let Some(Piece::Text(last)) = pieces.last_mut() {
        let trimmed = last.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—(".contains(c));
        if trimmed.is_empty() {
            pieces.pop();
        } else {
            *last = trimmed.to_string();
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Piece {
        Piece::Text(t.to_string())
    }

    #[test]
    fn one_line_with_control_characters_escaped() {
        assert_eq!(
            written("  Rotate\nthe   `db-1\tcreds` \u{1b}[31m "),
            [
                text("Rotate the "),
                Piece::Code("db-1 creds".into()),
                text(" \\u{1b}[31m")
            ]
        );
    }

    #[test]
    fn long_text_is_cut_at_a_word_and_code_is_never_cut() {
        let cut = written(&"word ".repeat(60));
        assert_eq!(plain(&cut).chars().count(), TEXT_CAP);
        assert!(plain(&cut).ends_with("word…"), "{cut:?}");

        let long = format!("{} `some_code_here`", "a ".repeat(TEXT_CAP / 2 - 2));
        let cut = written(&long);
        assert!(!cut.iter().any(|p| matches!(p, Piece::Code(_))), "{cut:?}");
        assert_eq!(cut.last(), Some(&text("…")));

        let emphasis = written(&format!("*{}*", "b ".repeat(TEXT_CAP).trim_end()));
        assert!(matches!(&emphasis[0], Piece::Emphasis(_)), "{emphasis:?}");
        assert_eq!(emphasis.len(), 2);
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(
            written("see [FE-9](https://t.example/9)"),
            [
                text("see "),
                Piece::Link {
                    url: "https://t.example/9".into(),
                    text: vec![text("FE-9")]
                }
            ]
        );
    }
}
