//! Renders diagnostics as text: rustc-style for people, JSON lines for
//! tools, workflow commands for GitHub Actions.

use std::io::{IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, ColorChoice, StandardStream, WriteColor};
use codespan_reporting::term::{self, Chars, Config};
use serde::Serialize;

use super::shown::{KEPT, Shown};
use super::{Diagnostic, Diagnostics, Level};
use crate::controls;

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
        Format::Github => diagnostics.iter().map(github_line).collect(),
    }
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

fn write_human(diagnostics: &Diagnostics, out: &mut dyn WriteColor) {
    let config = Config {
        chars: Chars::ascii(),
        ..Config::default()
    };
    for diagnostic in diagnostics {
        // Everything from the user's files reaches the terminal escaped.
        let mut report = Report::new(match diagnostic.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
        })
        .with_code(diagnostic.code.as_str())
        .with_message(controls::escape(&diagnostic.message, KEPT));
        if let Some(help) = &diagnostic.help {
            report = report.with_note(format!("help: {}", controls::escape(help, KEPT)));
        }
        match &diagnostic.location {
            Some(location) => {
                let file = Shown::new(&location.file);
                if let Some(span) = &location.span {
                    report = report.with_label(Label::primary((), file.span(span)));
                } else {
                    // No span: name the file on its own line, as rustc does.
                    report.message = format!(
                        "{}\n  --> {}",
                        report.message,
                        controls::escape(&location.file.path, &[])
                    );
                }
                let _ = term::emit_to_write_style(out, &config, &file, &report);
            }
            None => {
                if let Some(path) = &diagnostic.path {
                    report.message =
                        format!("{}\n  --> {}", report.message, controls::escape(path, &[]));
                }
                let file = SimpleFile::new("", "");
                let _ = term::emit_to_write_style(out, &config, &file, &report);
            }
        }
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
            escape_property(&controls::escape(file, &[]))
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
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} {}::{}\n",
        properties.join(","),
        escape_data(&controls::escape(&message, KEPT))
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
