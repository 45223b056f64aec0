//! Splits a file into its `+++` TOML front matter and Markdown body.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::strict_toml::{DocumentOrigin, Table, parse_document};

/// The two parts of a content file, with their byte offsets in the file so
/// diagnostics keep real line numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Split<'a> {
    pub front_matter: &'a str,
    pub front_matter_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

const DELIMITER: &str = "+++";

/// The Markdown body of a content file, and where it starts in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Body<'a> {
    pub text: &'a str,
    /// Byte offset of `text` in the file, to turn positions in the body
    /// into positions in the file.
    pub offset: usize,
}

/// Splits `file` and reads its front matter as a strict TOML table of the
/// `known` keys; returns the table and the Markdown body. Every problem
/// goes to `d`; `None` if the front matter cannot be read at all.
pub(crate) fn parse<'a>(
    file: &'a SourceFile,
    what: &'static str,
    known: &'static [&'static str],
    d: &mut Diagnostics,
) -> Option<(Table<'a>, Body<'a>)> {
    let split = split(file, d)?;
    let origin = DocumentOrigin {
        file: file.clone(),
        offset: split.front_matter_offset,
    };
    let table = parse_document(split.front_matter, &origin, what, known, d)?;
    let body = Body {
        text: split.body,
        offset: split.body_offset,
    };
    Some((table, body))
}

/// Splits `file` at its `+++` lines; `None` if it has no front matter (in
/// `d`).
pub(crate) fn split<'a>(file: &'a SourceFile, d: &mut Diagnostics) -> Option<Split<'a>> {
    let text: &str = &file.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    let first_line = text[..first_line_end].trim_end();
    if first_line != DELIMITER {
        let help = if first_line == "---" {
            "standin front matter is TOML between `+++` lines, not YAML between `---` lines"
        } else {
            "a wrap starts with a line `+++`, then TOML keys (author, date, ...), then a closing `+++` line"
        };
        d.push(
            Diagnostic::new(
                Code::FrontMatterMissing,
                "missing front matter: the first line must be `+++`",
            )
            .at(file, 0..first_line_end)
            .with_help(help),
        );
        return None;
    }
    let front_matter_offset = (first_line_end + 1).min(text.len());
    let mut line_start = front_matter_offset;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == DELIMITER {
            let front_matter = &text[front_matter_offset..line_start];
            if front_matter.lines().all(is_blank_or_comment) {
                d.push(
                    Diagnostic::new(Code::FrontMatterEmpty, "the front matter is empty")
                        .at(file, 0..line_end)
                        .with_help("add at least `author = \"...\"` and `date = ...` between the `+++` lines"),
                );
                return None;
            }
            let body_offset = (line_end + 1).min(text.len());
            return Some(Split {
                front_matter,
                front_matter_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        line_start = line_end + 1;
    }
    d.push(
        Diagnostic::new(
            Code::FrontMatterUnclosed,
            "the front matter is never closed",
        )
        .at(file, 0..first_line_end)
        .with_help("add a line `+++` after the last TOML key, before the Markdown body"),
    );
    None
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("w.md", text)
    }

    /// The one problem of a file that does not split.
    fn problem(text: &str) -> Diagnostic {
        let mut d = Diagnostics::new();
        assert!(split(&file(text), &mut d).is_none());
        assert_eq!(d.len(), 1, "{d:?}");
        d.into_iter().next().unwrap()
    }

    #[test]
    fn splits_with_offsets() {
        let f = file("+++\nauthor = \"a\"\n+++\n## Done\n");
        let split = split(&f, &mut Diagnostics::new()).unwrap();
        assert_eq!(split.front_matter, "author = \"a\"\n");
        assert_eq!(split.front_matter_offset, 4);
        assert_eq!(split.body, "## Done\n");
        assert_eq!(&f.text[split.body_offset..], "## Done\n");
    }

    #[test]
    fn tolerates_crlf_and_no_body() {
        let f = file("+++\r\nauthor = \"a\"\r\n+++");
        let split = split(&f, &mut Diagnostics::new()).unwrap();
        assert_eq!(split.front_matter, "author = \"a\"\r\n");
        assert_eq!(split.body, "");
    }

    #[test]
    fn reports_missing_unclosed_and_empty() {
        assert_eq!(problem("# hi\n").code, Code::FrontMatterMissing);
        let yaml = problem("---\na: 1\n---\n");
        assert!(yaml.help.unwrap().contains("not YAML"));
        assert_eq!(problem("+++\na = 1\n").code, Code::FrontMatterUnclosed);
        assert_eq!(
            problem("+++\n# nothing\n\n+++\n").code,
            Code::FrontMatterEmpty
        );
        assert_eq!(problem("").code, Code::FrontMatterMissing);
    }
}
