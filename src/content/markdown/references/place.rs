//! Where a body's file lies, and how a path that leads above the site
//! folder is read: into a decision folder standin.toml lists there, or
//! back down into the site itself.

use crate::config::{DecisionDir, DecisionsConfig};

/// Where a body's file is, which its relative references are read from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// Its path in the site: `docs/adr/0027-x.md`, or `../docs/adr/0027-x.md`
    /// for a record in a folder standin.toml lists above the site.
    pub site_path: &'a str,
    /// The decision folders. A reference may lead above the site folder
    /// only into one of them that standin.toml lists there (`../docs/adr`):
    /// the config is reviewed like code, a link in a body is not.
    pub folders: &'a [DecisionDir],
    /// The names of the folders down to the site folder, itself last (see
    /// [`DecisionsConfig::site_names`]): a path that leads above the site
    /// and back down into it is a path in the site.
    pub site_names: &'a [String],
}

impl<'a> Place<'a> {
    /// A file of a site whose decision folders are `decisions`.
    pub(crate) fn new(site_path: &'a str, decisions: &'a DecisionsConfig) -> Self {
        Self {
            site_path,
            folders: &decisions.dirs,
            site_names: &decisions.site_names,
        }
    }

    /// A file in the site, with no folder above it that references may
    /// lead into.
    pub(crate) fn in_site(site_path: &'a str) -> Self {
        Self {
            site_path,
            folders: &[],
            site_names: &[],
        }
    }

    /// Whether `path` (with leading `..`) lies in a decision folder above
    /// the site.
    pub(super) fn reaches(&self, path: &str) -> bool {
        self.folders.iter().any(|dir| {
            dir.path.starts_with("../")
                && path
                    .strip_prefix(dir.path.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
    }
}

/// A path with leading `..` (and none after) made as short as it can be:
/// as far as it goes back down the way to the site folder (`site_names`),
/// the way up and down cancel (`../../site/wraps/a.md` from a site folder
/// named `site` is `wraps/a.md`, `../../repo/docs/adr` from `repo/site`
/// is `../docs/adr`).
pub(super) fn back_into_site<'p>(parts: Vec<&'p str>, site_names: &[String]) -> Vec<&'p str> {
    let up = parts.iter().take_while(|p| **p == "..").count();
    if up == 0 || up > site_names.len() {
        return parts;
    }
    let way_down = &site_names[site_names.len() - up..];
    let same = parts[up..]
        .iter()
        .zip(way_down)
        .take_while(|(part, name)| **part == name.as_str())
        .count();
    let mut shorter = vec![".."; up - same];
    shorter.extend(&parts[up + same..]);
    shorter
}

#[cfg(test)]
mod tests {
    use super::super::{Target, locate};
    use super::*;
    use crate::config::FoundBy;

    fn path(p: &str) -> Option<(Target, Option<String>)> {
        Some((Target::Path(p.to_string()), None))
    }

    #[test]
    fn a_path_above_the_site_that_comes_back_down_into_it_is_in_the_site() {
        let folders = [DecisionDir {
            path: "../docs/adr".into(),
            package: None,
            found_by: FoundBy::Config,
        }];
        // The site is /work/repo/site; its records are in /work/repo/docs/adr.
        let site_names = ["work".to_string(), "repo".into(), "site".into()];
        let record = Place {
            site_path: "../docs/adr/0003-x.md",
            folders: &folders,
            site_names: &site_names,
        };
        assert_eq!(
            locate("../../site/wraps/2026/11/20/ana-1000.md#done", record),
            Some((
                Target::Path("wraps/2026/11/20/ana-1000.md".into()),
                Some("done".into())
            ))
        );
        assert_eq!(
            locate("../../../repo/site/decisions/pg.md", record),
            path("decisions/pg.md")
        );
        assert_eq!(locate("../../site", record), path(""));
        // Down another way: the folder listed, or outside.
        assert_eq!(
            locate("../../../repo/docs/adr/0001-y.md", record),
            path("../docs/adr/0001-y.md")
        );
        assert_eq!(
            locate("../../other/wraps/a.md", record),
            Some((Target::OutsideSite, None))
        );
        assert_eq!(
            locate("../../../../etc/passwd", record),
            Some((Target::OutsideSite, None))
        );
        // A wrap's link out and back in, too.
        let wrap = Place {
            site_path: "wraps/2026/a.md",
            folders: &folders,
            site_names: &site_names,
        };
        assert_eq!(
            locate("../../../site/wraps/2026/b.md", wrap),
            path("wraps/2026/b.md")
        );
        // Unknown names (a config parsed without its site): as before.
        assert_eq!(
            locate(
                "../../site/wraps/a.md",
                Place {
                    site_names: &[],
                    ..record
                }
            ),
            Some((Target::OutsideSite, None))
        );
    }
}
