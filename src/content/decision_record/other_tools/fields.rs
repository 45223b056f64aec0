//! The metadata of a record in another tool's format, read leniently:
//! MADR 3 and 4 YAML front matter (`status`, `date`, `deciders` or
//! `decision-makers`, `consulted`, `informed`, `tags`), MADR 2 and
//! log4brains bullets (`* Status: accepted`, `- Deciders: ...`, `Tags`,
//! `Technical Story`), and adr-tools' `Date:` line. Keys standin does not
//! use are ignored; values left as template placeholders (`{...}`,
//! `[...]`) count as absent.

use std::ops::Range;

use yaml_rust2::Yaml;

use crate::bounded_yaml;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};

/// A value with where it is written in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Spanned {
    pub text: String,
    pub span: Range<usize>,
}

/// What a record's metadata says; each field as the first place that
/// gives it (front matter, then the lines under the title).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Fields {
    pub title: Option<String>,
    pub status: Option<Spanned>,
    pub date: Option<Spanned>,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    /// MADR 2's `Technical Story`: a ticket or a description.
    pub story: Option<String>,
    /// Whether bullets (MADR 2, log4brains) gave any of it.
    pub from_bullets: bool,
    /// Whether `Tags` was given as a bullet, which only log4brains writes.
    pub bullet_tags: bool,
}

/// The YAML front matter of `text`, if it starts with a `---` line: the
/// YAML, its offset, and the offset of what follows the closing line.
pub(super) fn split_yaml(text: &str) -> Option<(&str, usize, usize)> {
    let first_end = text.find('\n')?;
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let start = first_end + 1;
    let mut at = start;
    while at < text.len() {
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = text[at..end].trim_end();
        if line == "---" || line == "..." {
            return Some((&text[start..at], start, (end + 1).min(text.len())));
        }
        at = end + 1;
    }
    None
}

impl Fields {
    /// Reads YAML front matter (at `offset` in `file`). A document that is
    /// not YAML, or past the reader's limits (nesting, aliases, size),
    /// gives nothing, with a warning; one that is not a mapping gives
    /// nothing.
    pub(super) fn from_yaml(
        yaml: &str,
        offset: usize,
        file: &SourceFile,
        d: &mut Diagnostics,
    ) -> Fields {
        let document = match bounded_yaml::read(yaml) {
            Ok(document) => document,
            Err(error) => {
                d.push(yaml_warning(&error, offset, file));
                return Fields::default();
            }
        };
        let Some(Yaml::Hash(map)) = document else {
            return Fields::default();
        };
        let mut fields = Fields::default();
        let span_of = |key: &str| key_span(yaml, key).map(|r| offset + r.start..offset + r.end);
        for (key, value) in map {
            let Some(key) = key.as_str().map(str::to_ascii_lowercase) else {
                continue;
            };
            match key.as_str() {
                "status" | "date" => {
                    let Some(text) = scalar(&value).filter(|t| !is_placeholder(t)) else {
                        continue;
                    };
                    let spanned = Some(Spanned {
                        span: span_of(&key).unwrap_or(offset..offset),
                        text,
                    });
                    if key == "status" {
                        fields.status = spanned;
                    } else {
                        fields.date = spanned;
                    }
                }
                "title" => fields.title = scalar(&value).filter(|t| !is_placeholder(t)),
                "deciders" | "decision-makers" | "decision makers" => {
                    fields.deciders.extend(names(&value));
                }
                "consulted" => fields.consulted.extend(names(&value)),
                "informed" => fields.informed.extend(names(&value)),
                "tags" => fields.tags.extend(words(&value)),
                _ => {}
            }
        }
        fields
    }

    /// Adds what the lines under the title say (`* Status: accepted`,
    /// `Date: 2026-01-02`), for fields the front matter left open.
    /// `preamble` is the range of those lines in `file`.
    pub(super) fn add_lines(&mut self, file: &SourceFile, preamble: Range<usize>) {
        let text = &file.text[preamble.clone()];
        let mut at = preamble.start;
        for line in text.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let Some((key, value, bullet)) = key_value(line) else {
                continue;
            };
            if is_placeholder(value) || value.is_empty() {
                continue;
            }
            let span = start..start + line.trim_end().len();
            let spanned = || Spanned {
                text: value.to_string(),
                span: span.clone(),
            };
            let known = match key.as_str() {
                "status" if self.status.is_none() => {
                    self.status = Some(spanned());
                    true
                }
                "date" if self.date.is_none() => {
                    self.date = Some(spanned());
                    true
                }
                "deciders" | "decision-makers" | "decision makers" if self.deciders.is_empty() => {
                    self.deciders = split_list(value, false);
                    true
                }
                "consulted" if self.consulted.is_empty() => {
                    self.consulted = split_list(value, false);
                    true
                }
                "informed" if self.informed.is_empty() => {
                    self.informed = split_list(value, false);
                    true
                }
                "tags" if self.tags.is_empty() => {
                    self.tags = split_list(value, true);
                    self.bullet_tags |= bullet;
                    true
                }
                "technical story" if self.story.is_none() => {
                    self.story = Some(value.to_string());
                    true
                }
                _ => false,
            };
            self.from_bullets |= known && bullet;
        }
    }
}

/// Whether `text`, the lines between a record's title and its first
/// section, holds only what the page shows beside the record: `Key: value`
/// lines standin reads, blank lines and HTML comments. A Technical Story
/// counts only when it is a link (the page links it); anything else, an
/// unknown key too, keeps the lines in the body as written.
pub(super) fn is_metadata_only(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim();
        if line.is_empty() || (line.starts_with("<!--") && line.ends_with("-->")) {
            return true;
        }
        match key_value(line) {
            Some((key, value, _)) if key == "technical story" => value.contains("://"),
            Some((key, _, _)) => matches!(
                key.as_str(),
                "status"
                    | "date"
                    | "deciders"
                    | "decision-makers"
                    | "decision makers"
                    | "consulted"
                    | "informed"
                    | "tags"
            ),
            None => false,
        }
    })
}

/// W014 for front matter that was not read: not YAML, or past a limit.
fn yaml_warning(error: &bounded_yaml::Error, offset: usize, file: &SourceFile) -> Diagnostic {
    let at = offset + error.at;
    let help = if error.is_syntax() {
        "fix the YAML between the `---` lines".to_string()
    } else {
        format!(
            "{}; MADR front matter needs only flat keys such as `status`, `date` and `decision-makers`",
            bounded_yaml::limits()
        )
    };
    Diagnostic::new(
        Code::LenientRecord,
        format!("the front matter {}; it is left out", error.describe()),
    )
    .at(file, at..at)
    .with_help(help)
}

/// `* Key: value`, `- **Key:** value`, `Key: value`: the key (lowercase),
/// the value without a trailing HTML comment, and whether it was a bullet.
fn key_value(line: &str) -> Option<(String, &str, bool)> {
    let line = line.trim();
    let (rest, bullet) = match line.strip_prefix(['*', '-', '+']) {
        Some(rest) if rest.starts_with(' ') => (rest.trim_start(), true),
        _ => (line, false),
    };
    let rest = rest.trim_start_matches(['*', '_']);
    let colon = rest.find(':')?;
    let key = rest[..colon].trim_end_matches(['*', '_']).trim();
    if key.is_empty()
        || key.len() > 30
        || !key
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
    {
        return None;
    }
    let value = rest[colon + 1..].trim_start_matches(['*', '_']);
    let value = match value.find("<!--") {
        Some(comment) => &value[..comment],
        None => value,
    };
    Some((key.to_ascii_lowercase(), value.trim(), bullet))
}

/// A template's placeholder left in place: `{...}` (MADR 3, 4) or `[...]`
/// that is not a Markdown link (MADR 2, log4brains).
fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    (value.starts_with('{') && value.ends_with('}'))
        || (value.starts_with('[') && value.ends_with(']') && !value.contains("]("))
}

/// A YAML scalar as text.
fn scalar(value: &Yaml) -> Option<String> {
    match value {
        Yaml::String(s) | Yaml::Real(s) => Some(s.trim().to_string()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// People in YAML: a list, or one text of comma-separated names.
fn names(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::Array(items) => items
            .iter()
            .filter_map(scalar)
            .filter(|t| !is_placeholder(t))
            .collect(),
        other => scalar(other)
            .filter(|t| !is_placeholder(t))
            .map_or_else(Vec::new, |t| split_list(&t, false)),
    }
}

/// Tags in YAML: a list, or text separated by commas or spaces.
fn words(value: &Yaml) -> Vec<String> {
    match value {
        Yaml::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other)
            .filter(|t| !is_placeholder(t))
            .map_or_else(Vec::new, |t| split_list(&t, true)),
    }
}

/// A written list: separated by commas and semicolons (and spaces too
/// for tags, as log4brains writes them); ` and ` joins the last name.
fn split_list(value: &str, by_spaces: bool) -> Vec<String> {
    value
        .split([',', ';'])
        .flat_map(|part| {
            if by_spaces {
                part.split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            } else {
                part.split(" and ").map(|s| s.trim().to_string()).collect()
            }
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where `key:` starts a line of `yaml`, for diagnostics.
fn key_span(yaml: &str, key: &str) -> Option<Range<usize>> {
    let mut at = 0;
    for line in yaml.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed
            .strip_prefix(key)
            .is_some_and(|rest| rest.starts_with(':'))
        {
            return Some(at..at + trimmed.len());
        }
        at += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_is_read_leniently() {
        let text = "---\nparent: Decisions\nnav_order: 3\nstatus: \"superseded by ADR-0012\"\ndate: 2026-01-02\ndecision-makers: [Ana, Bo]\nconsulted: Zoë Ångström, SRE\ninformed: {list everyone}\n---\n# T\n";
        let (yaml, offset, rest) = split_yaml(text).unwrap();
        assert_eq!(&text[rest..], "# T\n");
        let file = SourceFile::new("a.md", text);
        let mut d = Diagnostics::new();
        let fields = Fields::from_yaml(yaml, offset, &file, &mut d);
        assert!(d.is_empty(), "{d:?}");
        let status = fields.status.unwrap();
        assert_eq!(status.text, "superseded by ADR-0012");
        assert_eq!(&text[status.span], "status: \"superseded by ADR-0012\"");
        assert_eq!(fields.date.unwrap().text, "2026-01-02");
        assert_eq!(fields.deciders, ["Ana", "Bo"]);
        assert_eq!(fields.consulted, ["Zoë Ångström", "SRE"]);
        assert!(fields.informed.is_empty());
    }

    #[test]
    fn broken_yaml_is_a_warning() {
        let text = "---\nstatus: [accepted\n---\n# T\n";
        let (yaml, offset, _) = split_yaml(text).unwrap();
        let mut d = Diagnostics::new();
        let fields = Fields::from_yaml(yaml, offset, &SourceFile::new("a.md", text), &mut d);
        assert_eq!(fields, Fields::default());
        assert_eq!(d.iter().next().unwrap().code, Code::LenientRecord);
    }

    /// A warning: code, message, line and column.
    type Found = (Code, String, (usize, usize));

    /// What `from_yaml` makes of the front matter of `text`, and the
    /// warnings.
    fn read_yaml(text: &str) -> (Fields, Vec<Found>) {
        let (yaml, offset, _) = split_yaml(text).unwrap();
        let mut d = Diagnostics::new();
        let fields = Fields::from_yaml(yaml, offset, &SourceFile::new("a.md", text), &mut d);
        let found = d
            .iter()
            .map(|x| (x.code, x.message.clone(), x.line_column().unwrap()))
            .collect();
        (fields, found)
    }

    #[test]
    fn front_matter_past_the_limits_is_left_out_with_a_warning() {
        // 12,000 levels in 24 KB: YamlLoader overflows the stack on it.
        let deep = format!(
            "---\nstatus: accepted\nnotes:\n  {}x\n---\n# T\n",
            "- ".repeat(12_000)
        );
        let (fields, found) = read_yaml(&deep);
        assert_eq!(fields, Fields::default());
        let message = "the front matter nests deeper than 64 levels; it is left out";
        // At the first list too deep: line 4, after 63 levels of `- `.
        assert_eq!(
            found,
            [(Code::LenientRecord, message.to_string(), (4, 129))]
        );
        // Billion laughs: ten levels of nine aliases stand for 9^10 values.
        let mut laughs = String::from("---\nstatus: accepted\nl0: &l0 lol\n");
        for level in 1..=10 {
            let items = vec![format!("*l{}", level - 1); 9].join(", ");
            laughs.push_str(&format!("l{level}: &l{level} [{items}]\n"));
        }
        laughs.push_str("---\n# T\n");
        let (fields, found) = read_yaml(&laughs);
        assert_eq!(fields, Fields::default());
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].1,
            "the front matter has aliases that expand past 10000 values; it is left out"
        );
    }

    #[test]
    fn bullets_and_lines_under_the_title() {
        let text = "# T\n\n* Status: accepted <!-- optional -->\n- **Deciders:** Ana, Bo and Chen\n* Date: [YYYY-MM-DD when]\n- Tags: redis, sessions cache\n\nTechnical Story: https://tickets.example/T-1\n\nDate: 2026-02-03\nNot: a key, really? yes\n";
        let file = SourceFile::new("a.md", text);
        let mut fields = Fields::default();
        fields.add_lines(&file, 4..text.len());
        assert_eq!(fields.status.as_ref().unwrap().text, "accepted");
        assert_eq!(
            &text[fields.status.unwrap().span],
            "* Status: accepted <!-- optional -->"
        );
        assert_eq!(fields.deciders, ["Ana", "Bo", "Chen"]);
        assert_eq!(fields.date.unwrap().text, "2026-02-03");
        assert_eq!(fields.tags, ["redis", "sessions", "cache"]);
        assert_eq!(fields.story.as_deref(), Some("https://tickets.example/T-1"));
        assert!(fields.from_bullets && fields.bullet_tags);
    }
}
