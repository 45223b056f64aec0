//! `standin ack` and `standin ask`: mid-shift one-liners. Each adds one
//! line to the writer's wrap of the current shift (see [`shift`] for which
//! wrap that is), making it first as `standin new` would when there is
//! none. The front matter is edited in place with `toml_edit`: every line
//! the edit does not touch, comments included, stays byte for byte.
//!
//! Nothing is written unless the edited wrap passes what `standin check`
//! asks of it (see [`verify`]); an existing wrap is replaced whole, through
//! a temporary file, so it is never left half-written.

mod ack;
mod ask;
mod regions;
mod shift;
mod text;
mod verify;

use std::io::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::config::Config;
use crate::content::{self, Wrap};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::ids::ItemId;
use crate::new::{self, NewOptions, Scaffold, ShiftEnd};
use crate::site_dir::SiteDir;
pub(crate) use ack::AckEdit;
use text::Opened;

/// Who is writing, when, and in which site: as for `standin new`.
#[derive(Debug, Clone)]
pub(crate) struct AmendOptions {
    pub site: SiteDir,
    pub author: Option<String>,
    pub at: Option<ShiftEnd>,
}

/// The line to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Addition {
    /// `standin ack ID VERB[: note]`: `ID = "VERB[: note]"` under `[ack]`.
    Ack { id: String, value: String },
    /// `standin ask TEXT`: one more item of `next`.
    Ask { text: String },
}

/// What was done to the wrap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Done {
    Ack(AckEdit),
    Ask,
}

/// The wrap written.
#[derive(Debug, Clone)]
pub(crate) struct Amended {
    pub path: PathBuf,
    /// Made for this line: there was no wrap of this shift.
    pub created: bool,
    pub done: Done,
    /// `date`, moved on to now: the shift is still on (as written).
    pub date_moved: Option<String>,
}

/// Adds `addition` to the writer's wrap of the current shift. `None`, with
/// the reasons in `d` and nothing written, when it cannot.
pub(crate) fn amend(
    options: &AmendOptions,
    addition: &Addition,
    d: &mut Diagnostics,
) -> Option<Amended> {
    let config = Config::load(&options.site, d)?;
    let addition = addition.checked(&config, d)?;
    let new_options = NewOptions {
        site: options.site.clone(),
        author: options.author.clone(),
        team: None,
        at: options.at,
        answers: Default::default(),
    };
    // What `standin new` would write now: its date is "now" in the
    // writer's zone, its author the writer as the site knows them.
    let scaffold = new::scaffold(&new_options, d)?;
    let now = read_scaffold(&options.site, &config, &scaffold, d)?;
    let mut ignored = Diagnostics::new();
    let content = content::load(&options.site, &config, &mut ignored);
    let target = match shift::current(&options.site, &content.wraps, &now.author, now.at) {
        Some((wrap, path)) => Target::read(path, wrap.at, d)?,
        None => Target::made(scaffold),
    };
    let edited = edit(&options.site, &target, &addition, now.at, d)?;
    let candidate = verify::Candidate {
        path: &target.path,
        text: &edited.text,
        edited: edited.span.clone(),
        created: target.dated.is_none(),
    };
    let id = match &addition {
        Addition::Ack { id, .. } => Some(id.as_str()),
        Addition::Ask { .. } => None,
    };
    verify::sound(&options.site, &config, content, &candidate, id, d)?;
    target.write(&edited.text, d)?;
    Some(Amended {
        path: target.path,
        created: target.dated.is_none(),
        done: edited.done,
        date_moved: edited.date_moved,
    })
}

impl Addition {
    /// The addition trimmed, once its id and verb read as `[ack]` reads
    /// them; `None` (in `d`) when they do not.
    fn checked(&self, config: &Config, d: &mut Diagnostics) -> Option<Addition> {
        match self {
            Addition::Ack { id, value } => {
                let (id, value) = (id.trim(), value.trim());
                if let Err(invalid) = ItemId::new(id) {
                    d.push(
                        Diagnostic::new(Code::BadId, format!("`{id}` is not an ask's id"))
                            .with_help(invalid.hint()),
                    );
                    return None;
                }
                if let Err(problem) = content::ack::parse(value, config) {
                    d.push(problem);
                    return None;
                }
                Some(Addition::Ack {
                    id: id.to_string(),
                    value: value.to_string(),
                })
            }
            Addition::Ask { text } if text.trim().is_empty() => {
                d.push(
                    Diagnostic::new(Code::BadValue, "the ask says nothing")
                        .with_help("say what to pick up, e.g. `standin ask \"billing: rotate the vendor keys\"`"),
                );
                None
            }
            Addition::Ask { text } => Some(Addition::Ask {
                text: text.trim().to_string(),
            }),
        }
    }
}

/// The writer and the time, as the scaffold `standin new` made says
/// them.
struct Now {
    author: crate::ids::PersonKey,
    at: DateTime<FixedOffset>,
}

/// Reads the scaffold as a wrap. `None` (in `d`) when it does not read:
/// a site's own `templates/wrap.md` that is no wrap.
fn read_scaffold(
    site: &SiteDir,
    config: &Config,
    scaffold: &Scaffold,
    d: &mut Diagnostics,
) -> Option<Now> {
    let file = SourceFile::in_site(
        site.display_path(&scaffold.path),
        site.relative(&scaffold.path),
        scaffold.text.as_str(),
    );
    let mut found = Diagnostics::new();
    let Some(wrap) = Wrap::parse(file, &scaffold.path, config, &mut found) else {
        d.extend(found.iter().filter(|x| x.is_error()).cloned());
        d.push(
            Diagnostic::new(
                Code::Template,
                format!(
                    "the wrap `standin new` makes ({}) does not read as a wrap",
                    new::TEMPLATE
                ),
            )
            .with_help("fix the site's templates/wrap.md (`standin new` writes one to try)"),
        );
        return None;
    };
    Some(Now {
        author: wrap.author,
        at: wrap.at,
    })
}

/// The wrap to add to.
#[derive(Debug)]
struct Target {
    path: PathBuf,
    text: String,
    /// A byte order mark before the text, kept.
    bom: bool,
    /// Its date, for a wrap that is there; `None` for one made now.
    dated: Option<DateTime<FixedOffset>>,
}

impl Target {
    /// A wrap on disk, dated `dated`.
    fn read(path: PathBuf, dated: DateTime<FixedOffset>, d: &mut Diagnostics) -> Option<Target> {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                d.push(
                    Diagnostic::new(
                        Code::ReadFailed,
                        format!("cannot read {}: {error}", path.display()),
                    )
                    .at_path(path.display().to_string()),
                );
                return None;
            }
        };
        let (bom, text) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest.to_string()),
            None => (false, text),
        };
        Some(Target {
            path,
            text,
            bom,
            dated: Some(dated),
        })
    }

    /// The scaffold `standin new` would write.
    fn made(scaffold: Scaffold) -> Target {
        Target {
            path: scaffold.path,
            text: scaffold.text,
            bom: false,
            dated: None,
        }
    }

    /// Writes `text` in place of the wrap: a new file as `standin new`
    /// writes one (never over another), an existing one through a
    /// temporary file renamed over it.
    fn write(&self, text: &str, d: &mut Diagnostics) -> Option<()> {
        let text = if self.bom {
            format!("\u{feff}{text}")
        } else {
            text.to_string()
        };
        if self.dated.is_none() {
            let scaffold = Scaffold {
                path: self.path.clone(),
                text,
            };
            return new::write(&scaffold, d);
        }
        if let Err(error) = replace(&self.path, &text) {
            d.push(
                Diagnostic::new(
                    Code::Output,
                    format!("cannot write {}: {error}", self.path.display()),
                )
                .at_path(self.path.display().to_string())
                .with_help("it is left as it was"),
            );
            return None;
        }
        Some(())
    }
}

/// Replaces the file at `path` with `text` at once: written beside it
/// under a hidden name (which no build reads), then renamed over it.
fn replace(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.standin-{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&temp, meta.permissions())?;
        }
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// The wrap's text with the addition made.
struct Edited {
    text: String,
    /// Where the added line is in `text`.
    span: Range<usize>,
    done: Done,
    date_moved: Option<String>,
}

/// Makes the addition in the target's front matter; moves its `date` on
/// to `at` when the shift it ends is evidently still on.
fn edit(
    site: &SiteDir,
    target: &Target,
    addition: &Addition,
    at: DateTime<FixedOffset>,
    d: &mut Diagnostics,
) -> Option<Edited> {
    let file = SourceFile::in_site(
        site.display_path(&target.path),
        site.relative(&target.path),
        target.text.as_str(),
    );
    let (opened, mut doc) = Opened::open(&file, d)?;
    let done = match addition {
        Addition::Ack { id, value } => ack::set(&mut doc, id, value).map(Done::Ack),
        Addition::Ask { text } => ask::add(&mut doc, text).map(|()| Done::Ask),
    };
    let done = match done {
        Ok(done) => done,
        Err(problem) => {
            d.push(problem.at_path(file.path.clone()));
            return None;
        }
    };
    let date_moved = target
        .dated
        .filter(|dated| *dated < at)
        .and_then(|dated| text::move_date(&mut doc, at.with_timezone(dated.offset())));
    let (text, range) = opened.close(&doc);
    let front_matter = &text[range.clone()];
    let span = match addition {
        Addition::Ack { id, .. } => ack::span(front_matter, id),
        Addition::Ask { .. } => ask::span(front_matter),
    };
    let span = span.map_or(range.clone(), |s| {
        range.start + s.start..range.start + s.end
    });
    Some(Edited {
        text,
        span,
        done,
        date_moved,
    })
}
