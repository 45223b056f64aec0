//! The message as plain text and as Markdown: the same lines, with or
//! without emphasis and links.

use super::{Line, Message, Section, Span};

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
            Span::Text(text) | Span::Link { text, .. } => text.clone(),
            Span::Id { id, .. } => format!("[{id}]"),
        }
    }

    fn link(&self, label: &str, url: &str) -> String {
        format!("{label}: {url}")
    }
}

struct Markdown;

impl Style for Markdown {
    fn strong(&self, text: &str) -> String {
        format!("**{}**", escape_markdown(text))
    }

    fn span(&self, span: &Span) -> String {
        match span {
            Span::Text(text) => escape_markdown(text),
            Span::Id { id, url: None } => format!("`{id}`"),
            Span::Id { id, url: Some(url) } => format!("[`{id}`]({url})"),
            Span::Link { text, url: None } => escape_markdown(text),
            Span::Link {
                text,
                url: Some(url),
            } => format!("[{}]({url})", escape_markdown(text)),
        }
    }

    fn link(&self, label: &str, url: &str) -> String {
        format!("[{label}]({url})")
    }
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

/// Text as Markdown shows it literally, except inline code, which stays
/// code: what wraps write in backticks is meant as code.
fn escape_markdown(text: &str) -> String {
    let pieces: Vec<&str> = text.split('`').collect();
    // An unclosed backtick is a character, not code.
    let code_closes = pieces.len() % 2 == 1;
    let mut out = String::with_capacity(text.len());
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            out.push_str(if code_closes { "`" } else { "\\`" });
        }
        if code_closes && i % 2 == 1 {
            out.push_str(piece);
            continue;
        }
        for c in piece.chars() {
            if matches!(
                c,
                '\\' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '#'
            ) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_shows_text_literally_and_keeps_inline_code() {
        assert_eq!(
            escape_markdown("raise *cap* to [10] for `max_conn_*`"),
            "raise \\*cap\\* to \\[10\\] for `max_conn_*`"
        );
        assert_eq!(escape_markdown("a ` b_c"), "a \\` b\\_c");
        assert_eq!(escape_markdown("<b> & c"), "\\<b\\> & c");
    }
}
