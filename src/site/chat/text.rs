//! The message as plain text and as Markdown: the same lines, with or
//! without emphasis and links.

use super::written::is_bare;
use super::{Line, Message, Section, Span};
use crate::markup::inline::Piece;

/// How one flavour writes the pieces of a message.
trait Style {
    fn strong(&self, text: &str) -> String;
    fn span(&self, span: &Span) -> String;
    fn link(&self, label: &str, url: &str) -> String;
}

struct Plain;

impl Style for Plain {
    fn strong(&self, text: &str) -> String {
        text.to_string()
    }

    fn span(&self, span: &Span) -> String {
        match span {
            Span::Text(text) => text.clone(),
            Span::Written(pieces) => plain_pieces(pieces),
            Span::Link { text, .. } => plain_pieces(text),
            Span::Id { id, .. } => format!("[{id}]"),
        }
    }

    fn link(&self, label: &str, url: &str) -> String {
        format!("{label}: {url}")
    }
}

/// Written text as plain text: code keeps its backticks (they still say
/// "this is code"), a link shows its address.
fn plain_pieces(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Code(code) => format!("`{code}`"),
            Piece::Emphasis(inner) | Piece::Strong(inner) | Piece::Strikethrough(inner) => {
                plain_pieces(inner)
            }
            Piece::Link { url, text } if is_bare(url, text) => url.clone(),
            Piece::Link { url, text } => format!("{} ({url})", plain_pieces(text)),
        })
        .collect()
}

struct Markdown;

impl Style for Markdown {
    fn strong(&self, text: &str) -> String {
        format!("**{}**", escape_markdown(text))
    }

    fn span(&self, span: &Span) -> String {
        match span {
            Span::Text(text) => escape_markdown(text),
            Span::Written(pieces) => markdown_pieces(pieces, true),
            Span::Id { id, url: None } => code_span(id),
            Span::Id { id, url: Some(url) } => format!("[{}]({})", code_span(id), link_url(url)),
            Span::Link { text, url: None } => markdown_pieces(text, true),
            Span::Link {
                text,
                url: Some(url),
            } => format!("[{}]({})", markdown_pieces(text, false), link_url(url)),
        }
    }

    fn link(&self, label: &str, url: &str) -> String {
        format!("[{}]({})", escape_markdown(label), link_url(url))
    }
}

/// Written text as Markdown, as the pages show it; `links` false inside
/// a link, where Markdown allows none.
fn markdown_pieces(pieces: &[Piece], links: bool) -> String {
    pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => escape_markdown(text),
            Piece::Code(code) => code_span(code),
            Piece::Emphasis(inner) => format!("*{}*", markdown_pieces(inner, links)),
            Piece::Strong(inner) => format!("**{}**", markdown_pieces(inner, links)),
            Piece::Strikethrough(inner) => format!("~~{}~~", markdown_pieces(inner, links)),
            Piece::Link { text, .. } if !links => markdown_pieces(text, false),
            // Chat clients link a bare address themselves.
            Piece::Link { url, text } if is_bare(url, text) => url.clone(),
            Piece::Link { url, text } => {
                format!("[{}]({})", markdown_pieces(text, false), link_url(url))
            }
        })
        .collect()
}

/// `code` as a code span, fenced by more backticks than it holds.
pub(crate) fn code_span(code: &str) -> String {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest == 0 {
        format!("{fence}{code}{fence}")
    } else {
        format!("{fence} {code} {fence}")
    }
}

/// A link destination no Markdown reader misparses: spaces and
/// parentheses percent-encoded.
fn link_url(url: &str) -> String {
    url.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
}

/// The message as plain text.
pub(super) fn plain(message: &Message) -> String {
    write(message, &Plain)
}

/// The message as Markdown.
pub(super) fn markdown(message: &Message) -> String {
    write(message, &Markdown)
}

fn write(message: &Message, style: &impl Style) -> String {
    let mut out = String::new();
    let title = match &message.team {
        Some(team) => format!("{} · {team}", message.title),
        None => message.title.clone(),
    };
    out.push_str(&style.strong(&title));
    out.push('\n');
    out.push_str(&style.span(&Span::Text(message.site.clone())));
    out.push('\n');
    for section in &message.sections {
        out.push('\n');
        write_section(&mut out, section, style);
    }
    if !message.quiet.is_empty() {
        out.push('\n');
        let quiet = format!("Quiet: {}.", message.quiet.join("; "));
        out.push_str(&style.span(&Span::Text(quiet)));
        out.push('\n');
    }
    if let Some(health) = &message.health {
        out.push('\n');
        out.push_str(&style.span(&Span::Text(health.clone())));
        out.push('\n');
    }
    if let Some(url) = &message.link {
        out.push('\n');
        out.push_str(&style.link("Full brief", url));
        out.push('\n');
    }
    out
}

fn write_section(out: &mut String, section: &Section, style: &impl Style) {
    out.push_str(&style.strong(&heading(section)));
    out.push('\n');
    for line in &section.lines {
        out.push_str("- ");
        out.push_str(&line_text(line, style));
        out.push('\n');
    }
    if section.more > 0 {
        let more = format!("…and {} more", section.more);
        out.push_str("- ");
        out.push_str(&style.span(&Span::Text(more)));
        out.push('\n');
    }
    if let Some(note) = &section.note {
        out.push_str(&style.span(&Span::Text(note.clone())));
        out.push('\n');
    }
}

/// `Ongoing incidents (2)`
pub(super) fn heading(section: &Section) -> String {
    match section.count {
        Some(count) => format!("{} ({count})", section.heading),
        None => section.heading.to_string(),
    }
}

fn line_text(line: &Line, style: &impl Style) -> String {
    line.iter().map(|span| style.span(span)).collect()
}

/// Text as Markdown shows it literally.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_shows_text_literally_and_written_markup_as_the_pages_do() {
        assert_eq!(
            escape_markdown("*cap* [10] <b> & a_b"),
            "\\*cap\\* \\[10\\] \\<b\\> \\& a\\_b"
        );
        let pieces = crate::markup::inline::pieces(
            "raise *cap* to `max_conn_*`, see [FE-9](<https://t.example/a b>) or https://d.example/x_y",
            &crate::markup::inline::no_links,
        );
        assert_eq!(
            markdown_pieces(&pieces, true),
            "raise *cap* to `max_conn_*`, see [FE-9](https://t.example/a%20b) or https://d.example/x_y"
        );
        assert_eq!(markdown_pieces(&pieces[..], false).matches("](").count(), 0);
        assert_eq!(
            plain_pieces(&pieces),
            "raise cap to `max_conn_*`, see FE-9 (https://t.example/a b) or https://d.example/x_y"
        );
        assert_eq!(code_span("a`b"), "`` a`b ``");
    }
}
