//! `[repository]`: where the site's files can be browsed, for links to
//! files that are not published.

use super::normalize_base_url;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};
use crate::strict_toml::Table;

pub(super) const REPOSITORY_KEYS: &[&str] = &["url", "file_url"];
/// Where a file is shown when `file_url` is not set: GitHub's (and
/// Forgejo's) file view, on the default branch.
const DEFAULT_FILE_URL: &str = "{url}/blob/HEAD/{path}";

/// `[repository]`: the repository browser that shows the site's files,
/// for links from a wrap or record to a file that is not published
/// (source code, a README).
#[derive(Debug, Clone)]
pub(crate) struct RepositoryConfig {
    /// The file URL pattern with `{url}` filled in: `{path}` is left.
    file_url: String,
}

impl RepositoryConfig {
    /// Where the browser shows the file at `path` (site-relative, its
    /// segments percent-encoded).
    pub(crate) fn file_link(&self, path: &str) -> String {
        self.file_url.replace("{path}", path)
    }
}

pub(super) fn read_repository(
    mut table: Table,
    source: &SourceFile,
    d: &mut Diagnostics,
) -> Option<RepositoryConfig> {
    let url = table.required::<String>("url", d);
    let file_url = table.optional::<String>("file_url", d);
    table.finish(d);
    let url = url?;
    let base = match normalize_base_url(&url.value) {
        Ok(base) => base,
        Err(problem) => {
            d.push(
                Diagnostic::new(Code::BadValue, problem.message("url", &url.value))
                    .at(source, url.span)
                    .with_help(problem.help(
                        "write the repository's address, e.g. `https://github.com/org/repo`",
                    )),
            );
            return None;
        }
    };
    let base = base.trim_end_matches('/');
    let pattern = file_url
        .as_ref()
        .map_or(DEFAULT_FILE_URL, |p| p.value.as_str());
    let filled = pattern.replace("{url}", base);
    let unknown = filled.replace("{path}", "").contains(['{', '}']);
    if !filled.contains("{path}") || unknown || normalize_base_url(&filled).is_err() {
        if let Some(file_url) = file_url {
            d.push(
                Diagnostic::new(
                    Code::BadValue,
                    "`file_url` must be an http(s) URL with `{path}` in it, and nothing else in braces but `{url}`",
                )
                .at(source, file_url.span)
                .with_help("e.g. `file_url = \"{url}/blob/main/{path}\"` (GitHub) or `\"{url}/-/blob/main/{path}\"` (GitLab)"),
            );
        }
        return None;
    }
    Some(RepositoryConfig { file_url: filled })
}
