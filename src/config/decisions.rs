//! `[decisions]`: the folders decision records are read from. standin.toml
//! may list them (`dirs = ["decisions", "docs/adr"]`); otherwise they are
//! found where teams conventionally keep them: `decisions/`, the folder
//! `.adr-dir` names (adr-tools), the folders `.log4brains.yml` names
//! (log4brains, with its packages), `docs/decisions/`, `docs/adr/` and
//! `doc/adr/`.
//!
//! A folder listed in standin.toml may lie outside the site (`../docs/adr`
//! for a site in a sub-folder of the repository): the config is reviewed
//! like code. A folder named by another tool's file must stay inside it.

use crate::bounded_yaml;
use crate::diagnostics::{Accept, Code, Diagnostic, Diagnostics, SourceFile};
use crate::site_dir::{
    ADR_DIR_FILE, CONVENTIONAL_DECISION_DIRS, DECISIONS_DIR, LOG4BRAINS_FILE, SiteDir,
};
use crate::strict_toml::Table;

/// The keys `[decisions]` may have.
pub(super) const KEYS: &[&str] = &["dirs"];

/// `[decisions]`
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecisionsConfig {
    /// The folders, in the order given or found, without duplicates.
    pub dirs: Vec<DecisionDir>,
    /// Whether standin.toml lists them; if not, they are discovered when
    /// the site is loaded.
    pub configured: bool,
    /// The names of the folders down to the site folder, itself last
    /// (`["work", "repo", "site"]`), from its canonical path: how a link
    /// that leads above the site (from a record in `../docs/adr`) comes
    /// back into it (`../../site/wraps/a.md`). Empty when unknown (a
    /// config parsed without its site).
    pub site_names: Vec<String>,
}

impl Default for DecisionsConfig {
    fn default() -> Self {
        Self {
            dirs: vec![DecisionDir::new(DECISIONS_DIR, FoundBy::Default)],
            configured: false,
            site_names: Vec::new(),
        }
    }
}

/// [`DecisionsConfig::site_names`] of the site at `root`: the names below
/// the last that is not UTF-8, which no link can name.
pub(super) fn site_names(root: &std::path::Path) -> Vec<String> {
    let Ok(canonical) = root.canonicalize() else {
        return Vec::new();
    };
    let mut names: Vec<String> = canonical
        .components()
        .rev()
        .map_while(|c| match c {
            std::path::Component::Normal(name) => name.to_str().map(String::from),
            _ => None,
        })
        .collect();
    names.reverse();
    names
}

/// A folder of decision records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecisionDir {
    /// Relative to the site folder, `/`-separated, without `.` or trailing
    /// `/`; starts with `../` only when standin.toml says so.
    pub path: String,
    /// The log4brains package whose records it holds: their ids start
    /// with its name, as log4brains names them (`backend/...`).
    pub package: Option<String>,
    pub found_by: FoundBy,
}

impl DecisionDir {
    fn new(path: &str, found_by: FoundBy) -> Self {
        Self {
            path: path.to_string(),
            package: None,
            found_by,
        }
    }
}

/// Why a folder is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FoundBy {
    /// `[decisions] dirs` in standin.toml.
    Config,
    /// `decisions/`, always read unless standin.toml says otherwise.
    Default,
    /// Named by `.adr-dir`.
    AdrDir,
    /// Named by `.log4brains.yml`.
    Log4brains,
    /// A conventional place (`docs/adr`, ...).
    Convention,
}

/// Reads `[decisions]`; the default when absent (discovery comes later,
/// with the site at hand).
pub(super) fn read(
    table: Option<Table>,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> DecisionsConfig {
    let Some(mut table) = table else {
        return DecisionsConfig::default();
    };
    let written = table.strings("dirs", d);
    table.finish(d);
    if written.is_empty() {
        return DecisionsConfig::default();
    }
    let mut dirs: Vec<DecisionDir> = Vec::new();
    for dir in written {
        match normalize(&dir.value, true) {
            Ok(path) => push_new(&mut dirs, DecisionDir::new(&path, FoundBy::Config)),
            Err(problem) => d.push(
                Diagnostic::new(
                    Code::BadValue,
                    format!("`{}` cannot be a decision folder: {problem}", dir.value),
                )
                .at(source, dir.span)
                .with_help(
                    "write a folder relative to standin.toml, e.g. `docs/adr` or `../docs/adr`",
                ),
            ),
        }
    }
    DecisionsConfig {
        dirs,
        configured: true,
        site_names: Vec::new(),
    }
}

/// The folders of a site whose standin.toml lists none: `decisions/`,
/// then those other tools name, then the conventional ones. Folders that
/// do not exist are listed too (they are simply empty), so that `serve`
/// picks one up when it appears.
pub(super) fn discover(site: &SiteDir, d: &mut Diagnostics) -> Vec<DecisionDir> {
    let mut dirs = vec![DecisionDir::new(DECISIONS_DIR, FoundBy::Default)];
    if let Some(dir) = adr_dir(site, d) {
        push_new(&mut dirs, dir);
    }
    for dir in log4brains_dirs(site, d) {
        push_new(&mut dirs, dir);
    }
    for path in CONVENTIONAL_DECISION_DIRS {
        push_new(&mut dirs, DecisionDir::new(path, FoundBy::Convention));
    }
    dirs
}

fn push_new(dirs: &mut Vec<DecisionDir>, dir: DecisionDir) {
    if !dirs.iter().any(|d| d.path == dir.path) {
        dirs.push(dir);
    }
}

/// The folder `.adr-dir` names (adr-tools keeps the path there, relative
/// to the file, on its first line).
fn adr_dir(site: &SiteDir, d: &mut Diagnostics) -> Option<DecisionDir> {
    let file = read_tool_file(site, ADR_DIR_FILE, d)?;
    let line = file.text.lines().next().unwrap_or("").trim();
    let path = tool_path(&file, line, 0..line.len(), d)?;
    Some(DecisionDir::new(&path, FoundBy::AdrDir))
}

/// The folders `.log4brains.yml` names, if the site has one.
fn log4brains_dirs(site: &SiteDir, d: &mut Diagnostics) -> Vec<DecisionDir> {
    match read_tool_file(site, LOG4BRAINS_FILE, d) {
        Some(file) => log4brains_file_dirs(&file, d),
        None => Vec::new(),
    }
}

/// The folders `file`, a `.log4brains.yml`, names as `(package, path)`:
/// the entry the fuzz targets use.
#[doc(hidden)]
pub fn log4brains_folders(file: &SourceFile, d: &mut Diagnostics) -> Vec<(Option<String>, String)> {
    log4brains_file_dirs(file, d)
        .into_iter()
        .map(|dir| (dir.package, dir.path))
        .collect()
}

/// The folders a `.log4brains.yml` names: `project.adrFolder`, and each
/// `project.packages[].adrFolder` with its package `name`.
fn log4brains_file_dirs(file: &SourceFile, d: &mut Diagnostics) -> Vec<DecisionDir> {
    let document = match bounded_yaml::read(&file.text) {
        Ok(document) => document,
        Err(error) => {
            d.push(log4brains_warning(&error, file));
            return Vec::new();
        }
    };
    let Some(project) = document.as_ref().map(|doc| &doc["project"]) else {
        return Vec::new();
    };
    let mut dirs = Vec::new();
    if let Some(folder) = project["adrFolder"].as_str() {
        let span = span_of(&file.text, folder);
        if let Some(path) = tool_path(file, folder, span, d) {
            dirs.push(DecisionDir::new(&path, FoundBy::Log4brains));
        }
    }
    for package in project["packages"].as_vec().into_iter().flatten() {
        let (Some(name), Some(folder)) = (package["name"].as_str(), package["adrFolder"].as_str())
        else {
            continue;
        };
        let span = span_of(&file.text, folder);
        if let Some(path) = tool_path(file, folder, span, d) {
            dirs.push(DecisionDir {
                package: Some(name.trim().to_string()).filter(|n| !n.is_empty()),
                ..DecisionDir::new(&path, FoundBy::Log4brains)
            });
        }
    }
    dirs
}

/// W015 for a `.log4brains.yml` that was not read: not YAML, or past a
/// limit of the reader.
fn log4brains_warning(error: &bounded_yaml::Error, file: &SourceFile) -> Diagnostic {
    let (fix, needs) = if error.is_syntax() {
        ("fix the YAML".to_string(), "")
    } else {
        (
            bounded_yaml::limits(),
            " (log4brains needs only `project.adrFolder` and `project.packages`)",
        )
    };
    Diagnostic::new(
        Code::DecisionFolder,
        format!(
            "{LOG4BRAINS_FILE} {}; its decision folders are not read",
            error.describe()
        ),
    )
    .at(file, error.at..error.at)
    .with_help(format!(
        "{fix}{needs}, or list the folders in standin.toml: `[decisions] dirs = [\"docs/adr\"]`"
    ))
}

/// Where `value` is written in `text`, for diagnostics (YAML values carry
/// no positions); empty at the start when it cannot be found.
fn span_of(text: &str, value: &str) -> std::ops::Range<usize> {
    text.find(value).map_or(0..0, |at| at..at + value.len())
}

/// Reads a tool's file at the site root, if there is one, in whatever
/// encoding that tool's users save it (UTF-16 from Windows editors). A
/// symlink is skipped with a warning, like any file of the site.
fn read_tool_file(site: &SiteDir, name: &str, d: &mut Diagnostics) -> Option<SourceFile> {
    let path = site.root.join(name);
    if !site.exists_no_follow(&path) {
        return None;
    }
    site.read_source_as(&path, Accept::Utf8OrUtf16, d)
}

/// A folder another tool's file names, made site-relative; `None` (with a
/// warning) when it would leave the site.
fn tool_path(
    file: &SourceFile,
    written: &str,
    span: std::ops::Range<usize>,
    d: &mut Diagnostics,
) -> Option<String> {
    match normalize(written, false) {
        Ok(path) => Some(path),
        Err(problem) => {
            d.push(
                Diagnostic::new(
                    Code::DecisionFolder,
                    format!("`{written}` is not read as a decision folder: {problem}"),
                )
                .at(file, span)
                .with_help("a folder another tool names must be inside the site; to read one outside it, list it in standin.toml: `[decisions] dirs = [\"../docs/adr\"]`"),
            );
            None
        }
    }
}

/// A folder as written, made site-relative and `/`-separated: `./docs/adr/`
/// becomes `docs/adr`. Absolute paths are refused (a checkout elsewhere
/// would not find them), and so is `..` after a folder name; leading `..`
/// only when `may_leave_site`.
fn normalize(written: &str, may_leave_site: bool) -> Result<String, &'static str> {
    let written = written.trim().replace('\\', "/");
    let is_absolute = written.starts_with('/')
        || written
            .as_bytes()
            .get(1)
            .is_some_and(|&b| b == b':' && written.as_bytes()[0].is_ascii_alphabetic());
    if is_absolute {
        return Err("it is an absolute path, which other checkouts would not have");
    }
    let mut parts: Vec<&str> = Vec::new();
    let mut named = false;
    for part in written.split('/') {
        match part {
            "" | "." => {}
            ".." if named => return Err("`..` may only lead the path"),
            ".." if !may_leave_site => return Err("it lies outside the site"),
            ".." => parts.push(part),
            _ => {
                named = true;
                parts.push(part);
            }
        }
    }
    if !named {
        return Err("it names no folder");
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_normalized() {
        assert_eq!(normalize("./docs/adr/", false).as_deref(), Ok("docs/adr"));
        assert_eq!(normalize("docs\\adr", false).as_deref(), Ok("docs/adr"));
        assert_eq!(normalize("../docs/adr", true).as_deref(), Ok("../docs/adr"));
        assert!(normalize("../docs/adr", false).is_err());
        assert!(normalize("docs/../x", true).is_err());
        assert!(normalize("/etc", true).is_err());
        assert!(normalize("C:/adr", true).is_err());
        assert!(normalize("./", true).is_err());
        assert!(normalize("..", true).is_err());
    }

    fn site_with(files: &[(&str, &str)]) -> (tempfile::TempDir, SiteDir) {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let site = SiteDir::new(dir.path());
        (dir, site)
    }

    fn paths(dirs: &[DecisionDir]) -> Vec<(&str, Option<&str>)> {
        dirs.iter()
            .map(|d| (d.path.as_str(), d.package.as_deref()))
            .collect()
    }

    #[test]
    fn discovery_reads_adr_dir_and_log4brains() {
        let (_dir, site) = site_with(&[
            (".adr-dir", "architecture/decisions\n"),
            (
                ".log4brains.yml",
                "---\nproject:\n  name: shop\n  tz: Europe/Paris\n  adrFolder: ./docs/adr\n  packages:\n    - name: billing\n      path: ./services/billing\n      adrFolder: ./services/billing/docs/adr\n",
            ),
        ]);
        let mut d = Diagnostics::new();
        let dirs = discover(&site, &mut d);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            paths(&dirs),
            [
                ("decisions", None),
                ("architecture/decisions", None),
                ("docs/adr", None),
                ("services/billing/docs/adr", Some("billing")),
                ("docs/decisions", None),
                ("doc/adr", None),
            ]
        );
    }

    #[test]
    fn tool_files_may_not_leave_the_site() {
        let (_dir, site) = site_with(&[
            (".adr-dir", "../elsewhere\n"),
            (".log4brains.yml", "project: [unclosed\n"),
        ]);
        let mut d = Diagnostics::new();
        let dirs = discover(&site, &mut d);
        assert_eq!(dirs.len(), 4, "{dirs:?}");
        let found: Vec<_> = d.iter().map(|x| (x.code, x.file_path().unwrap())).collect();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].0 == Code::DecisionFolder && found[0].1.ends_with("/.adr-dir"));
        assert!(found[1].0 == Code::DecisionFolder && found[1].1.ends_with("/.log4brains.yml"));
    }

    #[test]
    fn a_log4brains_file_past_the_reader_limits_is_not_read() {
        // 12,000 levels in 24 KB: YamlLoader overflows the stack on it.
        let deep = format!(
            "project:\n  adrFolder: ./docs/adr\n  notes:\n    {}x\n",
            "- ".repeat(12_000)
        );
        let (_dir, site) = site_with(&[(".log4brains.yml", &deep)]);
        let mut d = Diagnostics::new();
        let dirs = discover(&site, &mut d);
        assert_eq!(dirs.len(), 4, "{dirs:?}");
        let found: Vec<_> = d.iter().map(|x| (x.code, x.message.as_str())).collect();
        assert_eq!(
            found,
            [(
                Code::DecisionFolder,
                ".log4brains.yml nests deeper than 64 levels; its decision folders are not read"
            )]
        );
    }
}
