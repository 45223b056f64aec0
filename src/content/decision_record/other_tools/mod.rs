//! Decision records in the formats teams already use, read in place and
//! leniently: adr-tools (Nygard: `# N. Title`, `Date:`, `## Status` with
//! link lines), MADR 2 (bullets under the title), MADR 3 and 4 (YAML front
//! matter) and log4brains (MADR 2 bullets, `Tags`, `yyyymmdd-slug.md`
//! names, a `## Links` section). Each file is recognised on its own; keys
//! standin does not use are ignored and statuses are shown as written (see
//! `status`). standin's own `+++` records are read strictly, elsewhere.

mod dates;
mod fields;
mod names;
mod outline;
pub(crate) mod relations;
pub(crate) mod status;

use std::ops::Range;

use serde::Serialize;

use super::DecisionRecord;
use crate::config::{Config, DecisionDir, FoundBy, PersonRef};
use crate::content::decision::DecisionEntry;
use crate::content::front_matter::Body;
use crate::content::line_links;
use crate::content::markdown::{self, Place, Reference, Rendered};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::Tag;
use crate::strict_toml::Located;
use fields::{Fields, Spanned, split_yaml};
use names::{file_stem, name_prefix, record_id, split_number};
use outline::{Outline, first_paragraph};
pub(crate) use relations::{Relation, RelationKind, RelationTarget};

/// The format a record is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RecordFormat {
    /// standin's own `+++` TOML front matter.
    #[default]
    Standin,
    /// adr-tools, after Michael Nygard.
    Nygard,
    /// MADR 2: bullets under the title.
    Madr2,
    /// MADR 3 or 4: YAML front matter.
    Madr,
    /// log4brains: MADR 2 with tags, dated names and packages.
    Log4brains,
    /// Markdown with a title and none of the above.
    Markdown,
}

impl RecordFormat {
    /// How pages name the format.
    pub(crate) fn name(self) -> &'static str {
        match self {
            RecordFormat::Standin => "standin",
            RecordFormat::Nygard => "adr-tools",
            RecordFormat::Madr2 => "MADR 2",
            RecordFormat::Madr => "MADR",
            RecordFormat::Log4brains => "log4brains",
            RecordFormat::Markdown => "Markdown",
        }
    }
}

/// What a record says beyond a decision's keys.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RecordDetails {
    pub format: RecordFormat,
    /// Its number (`0009-...md`, `# 9. ...`), shown as `ADR-0009`.
    pub number: Option<u32>,
    /// The status as written when it is not simply standin's word.
    pub status_label: Option<String>,
    /// Its links to other records.
    pub relations: Vec<Relation>,
    pub deciders: Vec<PersonRef>,
    pub consulted: Vec<PersonRef>,
    pub informed: Vec<PersonRef>,
    /// The log4brains package it belongs to.
    pub package: Option<String>,
    /// The folder it was read from (site-relative): numbers name records
    /// within it.
    pub folder: String,
}

/// Whether a Markdown file of a decision folder is a record, by its
/// name: a folder's `README.md` and `index.md`, and the templates the
/// tools ship or teams keep (`template.md`, `adr-template.md`,
/// `adr-template-minimal.md`, `0000-template.md`, `_template.md`), are
/// not. A record about templates (`0007-choose-a-template-engine.md`) is.
pub(crate) fn is_record_name(file_name: &str) -> bool {
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_ascii_lowercase();
    let unnumbered = stem.trim_start_matches(|c: char| c.is_ascii_digit());
    let unnumbered = unnumbered.trim_start_matches(['-', '_']);
    let is_template = unnumbered == "template"
        || unnumbered.starts_with("template-")
        || unnumbered.starts_with("adr-template")
        || unnumbered.starts_with("madr-template");
    !(stem == "readme" || stem == "index" || is_template)
}

/// Whether `text` (not standin's format) has a title: a `#` heading, or a
/// `title` in YAML front matter.
pub(crate) fn has_title(text: &str) -> bool {
    match split_yaml(text) {
        Some((yaml, _, rest)) => {
            yaml.lines().any(|l| l.starts_with("title:"))
                || Outline::of(&text[rest..]).title.is_some()
        }
        None => Outline::of(text).title.is_some(),
    }
}

/// Reads a record in another tool's format (`file` has passed the secret
/// and character checks). `None` when it has no title or no usable id
/// (with a warning: a folder of records may hold other notes).
pub(super) fn read(
    file: SourceFile,
    dir: &DecisionDir,
    config: &Config,
    d: &mut Diagnostics,
) -> Option<DecisionRecord> {
    let text: &str = &file.text;
    let (fields, md_offset, outline) = fields_and_outline(&file, d);
    let md = &text[md_offset..];

    let stem = file_stem(&file.site_path);
    let Some((title, title_span, title_number)) = record_title(&outline, &fields, md_offset) else {
        d.push(not_a_record(&file, "it has no title (a `# ` heading)"));
        return None;
    };
    let Some(id) = record_id(stem, dir.package.as_deref()) else {
        d.push(not_a_record(&file, "its file name gives no usable id"));
        return None;
    };
    let (stem_number, name_date) = name_prefix(stem);
    let place = Place::new(&file.site_path, &config.decisions);
    let (written, relations) = status_and_relations(&file, &fields, &outline, md_offset, place);
    let at = dates::record_date(&fields, name_date, config, &file, d);
    let mut why = record_why(&outline, md);
    let deciders = people(config, &fields.deciders);
    let tags = unique_tags(&fields.tags);

    let (mut rendered, warnings) = render_body(&file, md_offset, &outline, place, config);
    d.extend(warnings);
    let found = why_references(why.as_mut(), place, &title_span, &file);
    rendered.facts.references.extend(found);

    let format = record_format(md_offset > 0, &fields, dir, name_date.is_some(), &outline);
    let entry = DecisionEntry {
        id: Located::new(id, title_span.clone()),
        title: Located::new(title, title_span),
        why,
        link: fields.story.as_deref().and_then(story_link),
        supersedes: Vec::new(),
        status: written.as_ref().map(|w| w.mapped),
        tags,
        span: 0..0,
    };
    Some(DecisionRecord {
        entry,
        author_name: author_name(&deciders),
        at,
        team: None,
        body: rendered,
        details: RecordDetails {
            format,
            number: stem_number.or(title_number),
            status_label: written.and_then(|w| w.label),
            relations,
            deciders,
            consulted: people(config, &fields.consulted),
            informed: people(config, &fields.informed),
            package: dir.package.clone(),
            folder: dir.path.clone(),
        },
        file,
    })
}

/// The record's fields (its YAML front matter, then the lines under its
/// title), where its Markdown starts after the front matter, and the
/// outline of that Markdown.
fn fields_and_outline(file: &SourceFile, d: &mut Diagnostics) -> (Fields, usize, Outline) {
    let text: &str = &file.text;
    let (mut fields, md_offset) = match split_yaml(text) {
        Some((yaml, offset, rest)) => (Fields::from_yaml(yaml, offset, file, d), rest),
        None => (Fields::default(), 0),
    };
    let outline = Outline::of(&text[md_offset..]);
    fields.add_lines(file, shift(&outline.preamble, md_offset));
    (fields, md_offset, outline)
}

/// The people `names` name, as the config knows them (the others are
/// left out).
fn people(config: &Config, names: &[String]) -> Vec<PersonRef> {
    names
        .iter()
        .filter_map(|n| config.people.resolve(n))
        .collect()
}

/// The deciders' names, as the author of the record.
fn author_name(deciders: &[PersonRef]) -> String {
    deciders
        .iter()
        .map(|p| p.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The record's body (after its title, and the metadata under it),
/// rendered, and the warnings about it.
fn render_body(
    file: &SourceFile,
    md_offset: usize,
    outline: &Outline,
    place: Place,
    config: &Config,
) -> (Rendered, Vec<Diagnostic>) {
    let text: &str = &file.text;
    let body_start = body_start(&text[md_offset..], outline) + md_offset;
    let body = Body {
        text: &text[body_start..],
        offset: body_start,
    };
    let rendered = markdown::render(body, place, config.markdown.allow_html);
    let warnings = rendered.warnings(file, body_start);
    (rendered, warnings)
}

/// The links of the reason, anchored where the title is. The reason is
/// shown as one line (the log, a brief): its links are the body's too, so
/// a missing file is warned about there already, and not again.
fn why_references(
    why: Option<&mut String>,
    place: Place,
    title_span: &Range<usize>,
    file: &SourceFile,
) -> Vec<Reference> {
    let Some(why) = why else {
        return Vec::new();
    };
    let mut quiet = Diagnostics::new();
    line_links::anchor(why, place, title_span, file, &mut quiet)
}

/// The record's title, where it is written, and the number written before
/// it (`# 3. Use Postgres`): the `#` heading, else front matter's `title`.
fn record_title(
    outline: &Outline,
    fields: &Fields,
    md_offset: usize,
) -> Option<(String, Range<usize>, Option<u32>)> {
    match &outline.title {
        Some(heading) => {
            let (number, title) = split_number(&heading.title);
            Some((
                title.to_string(),
                shift(&heading.heading, md_offset),
                number,
            ))
        }
        None => fields
            .title
            .as_ref()
            .map(|title| (title.clone(), 0..0, None)),
    }
}

/// The reason shown in one line: the first paragraph of the context, else
/// of the decision.
fn record_why(outline: &Outline, md: &str) -> Option<String> {
    let section_text = |names: &[&str]| {
        outline
            .section(names)
            .and_then(|s| first_paragraph(&md[s.content.clone()]))
    };
    section_text(&[
        "context and problem statement",
        "context",
        "problem statement",
        "context and problem",
    ])
    .or_else(|| section_text(&["decision outcome", "decision"]))
}

/// Tags as written, each once.
fn unique_tags(written: &[String]) -> Vec<Tag> {
    let mut tags: Vec<Tag> = Vec::new();
    for tag in written.iter().filter_map(|t| Tag::from_text(t)) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Which tool's format the record is in, from what it was read with.
fn record_format(
    yaml: bool,
    fields: &Fields,
    dir: &DecisionDir,
    dated_name: bool,
    outline: &Outline,
) -> RecordFormat {
    if yaml {
        RecordFormat::Madr
    } else if fields.from_bullets {
        if fields.bullet_tags || dir.found_by == FoundBy::Log4brains || dated_name {
            RecordFormat::Log4brains
        } else {
            RecordFormat::Madr2
        }
    } else if outline.section(&["status"]).is_some() {
        RecordFormat::Nygard
    } else {
        RecordFormat::Markdown
    }
}

fn shift(range: &Range<usize>, by: usize) -> Range<usize> {
    range.start + by..range.end + by
}

fn not_a_record(file: &SourceFile, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::LenientRecord,
        format!("{} is not read as a decision record: {why}", file.path),
    )
    .at_path(file.path.clone())
    .with_help("give it a `# Title` heading, or move it out of the decision folder")
}

/// The status as written and the relations: the status from the front
/// matter or bullets, else the first line of the `## Status` section that
/// is not a link line; relations from the status, the Status section's
/// link lines and the Links section.
fn status_and_relations(
    file: &SourceFile,
    fields: &Fields,
    outline: &Outline,
    md_offset: usize,
    place: Place,
) -> (Option<status::WrittenStatus>, Vec<Relation>) {
    let mut relations: Vec<Relation> = Vec::new();
    let mut written = None;
    if let Some(Spanned { text, span }) = &fields.status {
        written = status::read(text);
        relations.extend(relations::from_status(text, span.clone(), place));
    }
    let lines = |section: &outline::Section| {
        let range = shift(&section.content, md_offset);
        let mut at = range.start;
        file.text[range]
            .split_inclusive('\n')
            .map(move |line| {
                let start = at;
                at += line.len();
                (line, start)
            })
            .collect::<Vec<_>>()
    };
    if let Some(section) = outline.section(&["status"]) {
        for (line, start) in lines(section) {
            let found = relations::from_line(line, start, place);
            if found.is_empty() && written.is_none() && !line.trim().is_empty() {
                written = status::read(line);
            }
            relations.extend(found);
        }
    }
    // MADR 2 and log4brains have a Links section; MADR 3 and 4 put links
    // to other decisions under More Information.
    for names in [
        &["links", "related decisions", "related adrs"][..],
        &["more information"][..],
    ] {
        if let Some(section) = outline.section(names) {
            for (line, start) in lines(section) {
                relations.extend(relations::from_line(line, start, place));
            }
        }
    }
    let mut unique: Vec<Relation> = Vec::new();
    for relation in relations {
        if !unique
            .iter()
            .any(|r| r.kind == relation.kind && r.target == relation.target)
        {
            unique.push(relation);
        }
    }
    if written.is_none() && unique.iter().any(|r| r.kind == RelationKind::SupersededBy) {
        written = status::read("superseded");
    }
    (written, unique)
}

/// Where the body starts: after the title heading, and after the lines
/// under it when they are metadata the page shows beside the record
/// (`Date: ...`, `* Status: ...`); at the start when something other than
/// blank lines and HTML comments comes before the title (then nothing is
/// left out, and the title shows twice).
fn body_start(md: &str, outline: &Outline) -> usize {
    let Some(title) = &outline.title else {
        return 0;
    };
    let before = md[..title.heading.start].trim();
    let only_comments = before.is_empty()
        || before
            .split("-->")
            .all(|part| part.trim().is_empty() || part.trim().starts_with("<!--"));
    if !only_comments {
        0
    } else if fields::is_metadata_only(&md[outline.preamble.clone()]) {
        outline.preamble.end
    } else {
        title.heading.end
    }
}

/// The first http(s) address in a Technical Story.
fn story_link(story: &str) -> Option<String> {
    let start = story.find("https://").or_else(|| story.find("http://"))?;
    let url: String = story[start..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | ']'))
        .collect();
    crate::url_policy::is_web(&url).then_some(url)
}

#[cfg(test)]
mod tests;
