//! Who is writing: the one place `standin new` and `standin init` find the
//! writer's name, so a site's first wrap and every later one are signed
//! the same way.

use std::path::Path;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::ids::PersonKey;

/// The writer's name as they write it: `given` (`--author`), else
/// `$STANDIN_AUTHOR`, else git's `user.name` as git sees it from `dir`
/// (which need not exist yet: `standin init` is often run on a new
/// folder). `None` when none of them names anyone.
pub(crate) fn writer_name(given: Option<String>, dir: &Path) -> Option<String> {
    given
        .or_else(|| {
            std::env::var("STANDIN_AUTHOR")
                .ok()
                .filter(|a| !a.trim().is_empty())
        })
        .or_else(|| git_user_name(dir))
        .map(|name| name.trim().to_string())
}

/// Who is writing (see [`writer_name`]), as written ("Zoë Ångström" stays
/// "Zoë Ångström"; pages show it so). `None`, with the reason in `d`,
/// when nobody is named or the name cannot name a person.
pub(crate) fn author_name(
    given: Option<String>,
    dir: &Path,
    d: &mut Diagnostics,
) -> Option<String> {
    let Some(name) = writer_name(given, dir) else {
        d.push(
            Diagnostic::new(Code::MissingKey, "who is writing this wrap?").with_help(
                "pass `--author ana`, set STANDIN_AUTHOR, or set `git config user.name`",
            ),
        );
        return None;
    };
    if PersonKey::from_name(&name).is_none() {
        d.push(
            Diagnostic::new(
                Code::BadId,
                format!("`{name}` cannot name a person: it has no letter or digit"),
            )
            .with_help(
                "pass your name or handle, e.g. `--author \"Zoë Ångström\"` or `--author zoe`",
            ),
        );
        return None;
    }
    Some(name)
}

/// git's `user.name` for work in `dir`: the repository's own config when
/// `dir` is in one, else the user's. git refuses a folder that does not
/// exist (`git -C` fails), so it is asked from the nearest one that does:
/// a new site folder inside a repository gets that repository's name.
fn git_user_name(dir: &Path) -> Option<String> {
    let from = dir
        .ancestors()
        .find(|a| a.is_dir())
        .unwrap_or(Path::new("."));
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(from)
        .args(["config", "user.name"])
        .output()
        .ok()?;
    let name = String::from_utf8(output.stdout).ok()?;
    let name = name.trim();
    (output.status.success() && !name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_name_wins_and_is_trimmed() {
        let dir = Path::new("/nonexistent/standin/site");
        assert_eq!(
            writer_name(Some("  Zoë Ångström ".into()), dir).as_deref(),
            Some("Zoë Ångström")
        );
    }

    #[test]
    fn a_name_without_letters_is_refused() {
        let mut d = Diagnostics::new();
        assert!(author_name(Some("!!!".into()), Path::new("."), &mut d).is_none());
        assert!(d.iter().any(|x| x.code == Code::BadId), "{d:?}");
    }
}
