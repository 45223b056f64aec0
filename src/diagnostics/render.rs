//! Renders diagnostics as text: rustc-style for people, JSON lines for
//! tools, workflow commands for GitHub Actions.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Chars, Config};
use serde::Serialize;

use super::quoted_lines::{KEPT, Shown, WINDOW};
use super::{Code, Diagnostic, Diagnostics, Level};
use crate::control_chars;

/// People and CI logs see at most this many diagnostics of one code in
/// one file; one note counts the rest. JSON lists every one.
pub const MAX_PER_CODE: usize = 20;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// rustc-style: the offending line with a caret and a hint.
    #[default]
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow commands, shown inline on pull requests.
    Github,
}

/// Renders every diagnostic in the given format, without colour.
pub fn render(diagnostics: &Diagnostics, format: Format) -> String {
    match format {
        Format::Human => {
            let mut buffer = Buffer::no_color();
            write_human(diagnostics, &mut buffer);
            String::from_utf8_lossy(buffer.as_slice()).into_owned()
        }
        Format::Json => diagnostics.iter().map(json_line).collect(),
        Format::Github => {
            let (shown, hidden) = select(diagnostics);
            let mut out: String = shown.into_iter().map(github_line).collect();
            out.extend(hidden.iter().map(github_note));
            out
        }
    }
}

/// Diagnostics of one code in one file beyond [`MAX_PER_CODE`].
struct Hidden<'a> {
    file: Option<&'a str>,
    code: Code,
    level: Level,
    count: usize,
}

impl Hidden<'_> {
    fn message(&self) -> String {
        let kind = match (self.level, self.count) {
            (Level::Error, 1) => "error",
            (Level::Error, _) => "errors",
            (Level::Warning, 1) => "warning",
            (Level::Warning, _) => "warnings",
        };
        let place = self
            .file
            .map(|f| format!(" in {}", control_chars::escape(f, &[])))
            .unwrap_or_default();
        format!(
            "{} more {} {kind}{place} not shown (`--format json` lists every one)",
            self.count,
            self.code.as_str()
        )
    }
}

/// The diagnostics to print, and what is left out: after
/// [`MAX_PER_CODE`] of one code in one file, the rest are only counted.
fn select(diagnostics: &Diagnostics) -> (Vec<&Diagnostic>, Vec<Hidden<'_>>) {
    let mut seen: HashMap<(Option<&str>, Code), usize> = HashMap::new();
    let mut shown = Vec::new();
    let mut hidden: Vec<Hidden> = Vec::new();
    for diagnostic in diagnostics {
        let key = (diagnostic.file_path(), diagnostic.code);
        let count = seen.entry(key).or_default();
        *count += 1;
        if *count <= MAX_PER_CODE {
            shown.push(diagnostic);
            continue;
        }
        match hidden
            .iter_mut()
            .find(|h| (h.file, h.code) == key && h.level == diagnostic.level)
        {
            Some(h) => h.count += 1,
            None => hidden.push(Hidden {
                file: key.0,
                code: key.1,
                level: diagnostic.level,
                count: 1,
            }),
        }
    }
    (shown, hidden)
}

/// A message or hint for people: control characters escaped, and cut in
/// the middle when it quotes something long (a megabyte key).
fn for_people(text: &str) -> String {
    let escaped = control_chars::escape(text, KEPT);
    let length = escaped.chars().count();
    if length <= WINDOW * 2 {
        return escaped.into_owned();
    }
    let head: String = escaped.chars().take(WINDOW).collect();
    let tail: String = escaped.chars().skip(length - WINDOW / 2).collect();
    format!("{head}…{tail}")
}

/// Prints diagnostics to stderr, coloured when stderr is a terminal and
/// `NO_COLOR` is unset.
pub(crate) fn render_to_stderr(diagnostics: &Diagnostics, format: Format) {
    if format != Format::Human {
        // Machine formats go to stdout, where tools read them.
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(render(diagnostics, format).as_bytes());
        return;
    }
    let color = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut stream = StandardStream::stderr(color);
    write_human(diagnostics, &mut stream);
}

/// Writes diagnostics rustc-style to `out`, in colour if it takes colour.
pub(crate) fn write_human(diagnostics: &Diagnostics, out: &mut dyn WriteColor) {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    let (shown, hidden) = select(diagnostics);
    for diagnostic in shown {
        // Everything from the user's files reaches the terminal escaped.
        let mut report = Report::new(match diagnostic.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        })
        .with_code(diagnostic.code.as_str())
        .with_message(for_people(&diagnostic.message));
        if let Some(help) = &diagnostic.help {
            report = report.with_note(format!("help: {}", for_people(help)));
        }
        match &diagnostic.location {
            Some(location) => {
                let file = Shown::new(&location.file, location.span.as_ref());
                if let Some(span) = &location.span {
                    report = report.with_label(Label::primary((), file.span(span)));
                } else {
                    // No span: name the file on its own line, as rustc does.
                    report.message = format!(
                        "{}\n  --> {}",
                        report.message,
                        control_chars::escape(&location.file.path, &[])
                    );
                }
                let _ = term::emit_to_write_style(out, &config, &file, &report);
            }
            None => {
                if let Some(path) = &diagnostic.path {
                    report.message = format!(
                        "{}\n  --> {}",
                        report.message,
                        control_chars::escape(path, &[])
                    );
                }
                let file = SimpleFile::new("", "");
                let _ = term::emit_to_write_style(out, &config, &file, &report);
            }
        }
    }
    for hidden in hidden {
        let report = Report::note().with_message(hidden.message());
        let _ = term::emit_to_write_style(out, &config, &SimpleFile::new("", ""), &report);
    }
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: &'a str,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

fn json_line(diagnostic: &Diagnostic) -> String {
    let (line, column) = diagnostic.line_column().unzip();
    let (end_line, end_column) = diagnostic
        .location
        .as_ref()
        .and_then(|l| l.span.as_ref().map(|s| l.file.line_column(s.end)))
        .unzip();
    let level = diagnostic.level.to_string();
    let json = JsonDiagnostic {
        file: diagnostic.file_path(),
        line,
        column,
        end_line,
        end_column,
        severity: &level,
        code: diagnostic.code.as_str(),
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
    };
    let mut line = serde_json::to_string(&json).unwrap_or_default();
    line.push('\n');
    line
}

fn github_line(diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = diagnostic.file_path() {
        properties.push(format!(
            "file={}",
            escape_property(&control_chars::escape(file, &[]))
        ));
    }
    if let Some((line, column)) = diagnostic.line_column() {
        properties.push(format!("line={line}"));
        properties.push(format!("col={column}"));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("standin {}", diagnostic.code.as_str()))
    ));
    let mut message = for_people(&diagnostic.message);
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(&for_people(help));
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(&message)
    )
}

/// A workflow notice for diagnostics left out.
fn github_note(hidden: &Hidden) -> String {
    let file = hidden
        .file
        .map(|f| format!("file={},", escape_property(&control_chars::escape(f, &[]))))
        .unwrap_or_default();
    format!(
        "::notice {file}title={}::{}\n",
        escape_property(&format!("standin {}", hidden.code.as_str())),
        escape_data(&hidden.message())
    )
}

/// A workflow notice (`::notice file=…,line=…,title=…::message`): what
/// `standin diff` says a change does, on the line that does it.
pub(crate) fn github_notice(
    file: Option<&str>,
    line: Option<usize>,
    title: &str,
    message: &str,
) -> String {
    let mut properties = Vec::new();
    if let Some(file) = file {
        properties.push(format!(
            "file={}",
            escape_property(&control_chars::escape(file, &[]))
        ));
    }
    if let Some(line) = line {
        properties.push(format!("line={line}"));
    }
    properties.push(format!("title={}", escape_property(title)));
    format!(
        "::notice {}::{}\n",
        properties.join(","),
        escape_data(&for_people(message))
    )
}

/// Escaping for the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escaping for a property value of a workflow command.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, SourceFile};

    fn sample() -> Diagnostics {
        let file = SourceFile::new("wraps/a.md", "+++\nsevrity = \"high\"\n+++\n");
        [Diagnostic::new(Code::UnknownKey, "unknown key `sevrity`")
            .at(&file, 4..11)
            .with_help("did you mean `severity`?")]
        .into_iter()
        .collect()
    }

    #[test]
    fn human_shows_location_line_caret_and_help() {
        let text = render(&sample(), Format::Human);
        assert!(
            text.contains("error[E007]: unknown key `sevrity`"),
            "{text}"
        );
        assert!(text.contains("wraps/a.md:2:1"), "{text}");
        assert!(text.contains("sevrity = \"high\""), "{text}");
        assert!(text.contains("^^^^^^^"), "{text}");
        assert!(text.contains("help: did you mean `severity`?"), "{text}");
    }

    #[test]
    fn json_is_one_object_per_line() {
        let text = render(&sample(), Format::Json);
        let value: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(value["file"], "wraps/a.md");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 1);
        assert_eq!(value["code"], "E007");
        assert_eq!(value["severity"], "error");
        assert_eq!(value["help"], "did you mean `severity`?");
    }

    #[test]
    fn github_escapes_newlines_and_separators() {
        let text = render(&sample(), Format::Github);
        assert_eq!(
            text,
            "::error file=wraps/a.md,line=2,col=1,title=standin E007::unknown key `sevrity`%0Ahelp: did you mean `severity`?\n"
        );
        assert_eq!(escape_property("a,b:c"), "a%2Cb%3Ac");
    }

    #[test]
    fn long_lines_show_a_window_with_the_caret_under_the_span() {
        let line = format!(
            "tags = [{}\"k\u{1b}y\"{}]",
            "1, ".repeat(30_000),
            ", 2".repeat(30_000)
        );
        let file = SourceFile::new("wraps/a.md", format!("+++\n{line}\n+++\n"));
        let key = file.text.find("\"k").unwrap();
        let diagnostics: Diagnostics =
            [Diagnostic::new(Code::WrongType, "not a number").at(&file, key..key + 5)]
                .into_iter()
                .collect();
        let human = render(&diagnostics, Format::Human);
        let lines: Vec<&str> = human.lines().collect();
        assert_eq!(lines[1], "  --> wraps/a.md:2:90009", "{human}");
        let quoted = lines[3].strip_prefix("2 | ").unwrap();
        assert!(quoted.starts_with('…') && quoted.ends_with('…'), "{quoted}");
        // The window's characters, two cuts, and the escape's five more.
        assert_eq!(quoted.chars().count(), WINDOW + 2 + 5, "{quoted}");
        let carets = lines[4].strip_prefix("  | ").unwrap();
        let under: String = quoted
            .chars()
            .zip(carets.chars())
            .filter(|(_, c)| *c == '^')
            .map(|(q, _)| q)
            .collect();
        assert_eq!(under, "\"k\\u{1b}y\"", "{human}");
        assert!(human.len() < 1_000, "{human}");
        // Machines get the exact place.
        let json = render(&diagnostics, Format::Json);
        let value: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
        assert_eq!(
            (value["line"].as_u64(), value["column"].as_u64()),
            (Some(2), Some(90_009))
        );
    }

    #[test]
    fn many_diagnostics_of_one_code_in_one_file_are_counted() {
        let file = SourceFile::new("wraps/a.md", "x\n".repeat(30));
        let other = SourceFile::new("wraps/b.md", "x\n");
        let mut diagnostics: Diagnostics = (0..25)
            .map(|i| {
                Diagnostic::new(Code::TomlSyntax, format!("bad {i}")).at(&file, i * 2..i * 2 + 1)
            })
            .collect();
        diagnostics.push(Diagnostic::new(Code::UnknownKey, "other code").at(&file, 0..1));
        diagnostics.push(Diagnostic::new(Code::TomlSyntax, "other file").at(&other, 0..1));
        diagnostics.sort();
        let human = render(&diagnostics, Format::Human);
        assert_eq!(
            human.matches("error[E006]").count(),
            MAX_PER_CODE + 1,
            "{human}"
        );
        assert!(human.contains("error[E007]: other code"));
        assert!(human.contains("bad 19") && !human.contains("bad 20"));
        assert!(
            human.ends_with("note: 5 more E006 errors in wraps/a.md not shown (`--format json` lists every one)\n\n"),
            "{human}"
        );
        let github = render(&diagnostics, Format::Github);
        assert_eq!(github.lines().count(), MAX_PER_CODE + 3, "{github}");
        assert!(github.ends_with(
            "::notice file=wraps/a.md,title=standin E006::5 more E006 errors in wraps/a.md not shown (`--format json` lists every one)\n"
        ));
        assert_eq!(render(&diagnostics, Format::Json).lines().count(), 27);
    }

    #[test]
    fn long_messages_are_cut_in_the_middle_for_people() {
        let key = format!("a{}z", "b".repeat(100_000));
        let diagnostics: Diagnostics = [Diagnostic::new(
            Code::UnknownKey,
            format!("unknown key `{key}` in the wrap"),
        )]
        .into_iter()
        .collect();
        for format in [Format::Human, Format::Github] {
            let text = render(&diagnostics, format);
            assert!(text.len() < 1_000, "{text}");
            assert!(
                text.contains("unknown key `abbb") && text.contains("bbz` in the wrap"),
                "{text}"
            );
            assert!(text.contains("b…b"), "{text}");
        }
        assert!(render(&diagnostics, Format::Json).contains(&key));
    }

    #[test]
    fn human_and_github_escape_control_characters() {
        let file = SourceFile::new("wraps/\u{1b}a.md", "x = \"\u{1b}[2J\u{202e}\"\nteem = 1\n");
        let diagnostics: Diagnostics = [Diagnostic::new(Code::UnknownKey, "bad \u{7}\u{9b}")
            .at(&file, 4..13)
            .with_help("\r\u{1b}]0;PWNED")]
        .into_iter()
        .collect();
        let human = render(&diagnostics, Format::Human);
        assert_eq!(
            human,
            "error[E007]: bad \\u{7}\\u{9b}\n  --> wraps/\\u{1b}a.md:1:5\n  |\n1 | x = \"\\u{1b}[2J\\u{202e}\"\n  |     ^^^^^^^^^^^^^^^^^^^\n  |\n  = help: \\u{d}\\u{1b}]0;PWNED\n\n"
        );
        let github = render(&diagnostics, Format::Github);
        assert_eq!(
            github,
            "::error file=wraps/\\u{1b}a.md,line=1,col=5,title=standin E007::bad \\u{7}\\u{9b}%0Ahelp: \\u{d}\\u{1b}]0;PWNED\n"
        );
    }
}
