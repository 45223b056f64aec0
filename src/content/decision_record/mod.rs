//! A long-form decision record (ADR style) in a decision folder: in
//! standin's own format (`+++` TOML front matter, read strictly), or in
//! the format of another tool (see [`other_tools`], read leniently).

pub(crate) mod other_tools;

use chrono::{DateTime, FixedOffset};

use super::decision::{self, DecisionEntry};
use super::front_matter;
use super::markdown::{self, Place, Rendered};
use super::secrets;
use super::shared_keys::{read_author, read_date, read_team};
use crate::config::{Config, DecisionDir, FoundBy};
use crate::diagnostics::{Diagnostics, SourceFile};
use crate::ids::TeamId;
use crate::site_dir::DECISIONS_DIR;
use crate::xml_text::warnings as illegal_chars;
use other_tools::RecordDetails;

/// The keys a record's front matter may have: a decision's, plus who and
/// when.
pub(crate) const KEYS: &[&str] = &[
    "id",
    "title",
    "why",
    "link",
    "supersedes",
    "status",
    "tags",
    "date",
    "author",
    "team",
];

// A record reads the decision keys through `DecisionEntry`, so both lists
// must agree on those.
const _: () = assert!(decision::KEYS.len() + 3 == KEYS.len());

/// A parsed decision record: the decision, and its context as a body.
#[derive(Debug, Clone)]
pub struct DecisionRecord {
    pub(crate) file: SourceFile,
    pub(crate) entry: DecisionEntry,
    /// The author's name as written (or as `[people]` gives it); for
    /// another tool's record, its deciders (empty when it names none).
    pub(crate) author_name: String,
    /// When it was decided; `None` for a record in another format that
    /// gives no date (it is listed without one, never dated by the clock).
    pub(crate) at: Option<DateTime<FixedOffset>>,
    pub(crate) team: Option<TeamId>,
    /// Context, options and consequences.
    pub(crate) body: Rendered,
    /// Its format, number, status as written, relations and people.
    pub(crate) details: RecordDetails,
}

impl DecisionRecord {
    /// Parses a record of the folder `dir`, in whichever format it is
    /// written; `None` when it cannot be read as a record (the problems
    /// are in `d`).
    pub(crate) fn parse(
        file: SourceFile,
        dir: &DecisionDir,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<DecisionRecord> {
        let file = secrets::scan(file, &config.check.allow_secrets, d).file;
        d.extend(illegal_chars::in_text(&file));
        if is_standin_format(&file.text, dir) {
            Self::parse_standin(file, dir, config, d)
        } else {
            other_tools::read(file, dir, config, d)
        }
    }

    /// Parses `file` as a record of `decisions/`, the default folder: the
    /// entry the fuzz targets use.
    #[doc(hidden)]
    pub fn parse_in_default_folder(
        file: SourceFile,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<DecisionRecord> {
        Self::parse_in_folder(file, DECISIONS_DIR, None, config, d)
    }

    /// Parses `file` as a record of the folder `path`, as found by
    /// default (`decisions/`), by `.log4brains.yml` (with a `package`) or
    /// by convention (any other): the entry the fuzz targets use.
    #[doc(hidden)]
    pub fn parse_in_folder(
        file: SourceFile,
        path: &str,
        package: Option<&str>,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<DecisionRecord> {
        let found_by = match (package, path) {
            (Some(_), _) => FoundBy::Log4brains,
            (None, DECISIONS_DIR) => FoundBy::Default,
            (None, _) => FoundBy::Convention,
        };
        let dir = DecisionDir {
            path: path.to_string(),
            package: package.map(str::to_string),
            found_by,
        };
        Self::parse(file, &dir, config, d)
    }

    /// Reads standin's own format, strictly.
    fn parse_standin(
        file: SourceFile,
        dir: &DecisionDir,
        config: &Config,
        d: &mut Diagnostics,
    ) -> Option<DecisionRecord> {
        let (mut table, body) = front_matter::parse(&file, "the decision record", KEYS, d)?;
        d.extend(illegal_chars::in_strings(&table, &file));
        let entry = DecisionEntry::read_keys(&mut table, d);
        let author = read_author(&mut table, config, d);
        let team = read_team(&mut table, config, d).map(|(id, _)| id);
        let at = read_date(&mut table, config, team.as_ref(), true, d);
        table.finish(d);
        let rendered = markdown::render(
            body,
            Place::new(&file.site_path, &config.decisions),
            config.markdown.allow_html,
        );
        d.extend(rendered.warnings(&file, body.offset));
        Some(DecisionRecord {
            entry: entry?,
            author_name: author?.value.name,
            at: Some(at?.value),
            team,
            body: rendered,
            details: RecordDetails {
                folder: dir.path.clone(),
                ..RecordDetails::default()
            },
            file,
        })
    }
}

/// Whether a file is in standin's format: it starts with `+++`; or, in
/// standin's own `decisions/` folder, it has no title either (then it is
/// most likely a record whose front matter went missing, and the strict
/// reader says so).
fn is_standin_format(text: &str, dir: &DecisionDir) -> bool {
    let first_line = text.lines().next().unwrap_or("").trim_end();
    first_line == "+++"
        || (dir.path == DECISIONS_DIR
            && matches!(dir.found_by, FoundBy::Default | FoundBy::Config)
            && !other_tools::has_title(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn body_and_front_matter_problems_point_into_the_record() {
        let mut d = Diagnostics::new();
        let config = Config::parse(
            SourceFile::new("standin.toml", "timezone = \"UTC\"\n"),
            &mut d,
        )
        .unwrap();
        let text = "+++\ntitle = \"Keep \\u0007 Postgres\"\nwhy = \"Backups\"\ndate = 2026-11-19T09:00:00Z\nauthor = \"bo\"\n+++\nContext:\n\nthe <style> sheet \u{C} moved.\n";
        let dir = config.decisions.dirs[0].clone();
        let record = DecisionRecord::parse(
            SourceFile::new("decisions/a.md", text),
            &dir,
            &config,
            &mut d,
        );
        assert!(
            record
                .unwrap()
                .body
                .html
                .contains("the &lt;style&gt; sheet")
        );
        let mut found: Vec<_> = d
            .iter()
            .map(|x| (x.code, x.line_column().unwrap()))
            .collect();
        found.sort_by_key(|(_, at)| *at);
        assert_eq!(
            found,
            [
                (Code::IllegalCharacter, (2, 9)),
                (Code::FilteredTag, (9, 5)),
                (Code::IllegalCharacter, (9, 19)),
            ]
        );
    }
}
