//! Typed identifiers shared by every stage. Each becomes a URL path segment,
//! so each is checked to be one when it is made.

use std::fmt;

use serde::Serialize;

use crate::diagnostics::did_you_mean;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        // Shared, not copied: an id is cloned into every state and view
        // that names it (a receiver into each ask's state on every day).
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub(crate) struct $name(std::sync::Arc<str>);

        impl $name {
            /// The id `id`, if it can be one (see [`InvalidId`]); the error
            /// says why not, and what it could be instead.
            pub(crate) fn new(id: impl Into<String>) -> Result<Self, InvalidId> {
                let id = id.into();
                match InvalidId::check(&id) {
                    None => Ok(Self(std::sync::Arc::from(id))),
                    Some(invalid) => Err(invalid),
                }
            }

            /// The id as text.
            #[allow(dead_code, reason = "every id type has it; not every one needs it")]
            pub(crate) fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    };
}

id_type!(
    /// A risk's id, chosen by whoever raises it (`vendor-sandbox-keys`).
    RiskId
);
id_type!(
    /// A decision's id; defaults to the slug of its title.
    DecisionId
);
id_type!(
    /// A team's id, as keyed in `standin.toml` (`payments`).
    TeamId
);
id_type!(
    /// A tag, normalised to its slug (`black-friday`).
    Tag
);
id_type!(
    /// A person's key: their listed key in `[people]`, else the slug of
    /// their name as written (`zoe-angstrom`). It identifies and links them;
    /// pages show their name.
    PersonKey
);

id_type!(
    /// A handed-over ask's id: `kenji-1120-a7f` (writer, day, a hash of its
    /// text), or one its writer chose.
    ItemId
);
id_type!(
    /// An incident's id, lowercased for URLs and matching
    /// (`inc-2026-1105`); pages show it as written.
    IncidentId
);

impl IncidentId {
    /// The id of an incident written `text` (`INC-2026-1105`): the same
    /// rules as every id, in any case.
    pub(crate) fn from_written(text: &str) -> Result<Self, InvalidId> {
        Self::new(text.to_ascii_lowercase())
    }
}

impl DecisionId {
    /// The id a decision gets from its title when none is given.
    pub(crate) fn from_title(title: &str) -> Option<Self> {
        Self::new(safe_slug(&slug::slugify(title))?).ok()
    }
}

impl PersonKey {
    /// The key of a person named `name` (any text); `None` when it has no
    /// letter or digit to keep.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::new(safe_slug(&slug::slugify(name))?).ok()
    }
}

impl TeamId {
    /// The id of a team named `name` where standin.toml lists no teams.
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Self::new(safe_slug(&slug::slugify(name))?).ok()
    }
}

impl Tag {
    /// Tags are free text in wraps; they are compared and linked by slug.
    pub(crate) fn from_text(text: &str) -> Option<Self> {
        Self::new(safe_slug(&slug::slugify(text))?).ok()
    }
}

/// The longest id, in bytes: ids are path segments, and some file systems
/// cap a whole path at 260 characters.
pub(crate) const MAX_ID_LEN: usize = 100;

/// Names Windows keeps for devices: a file cannot have one as its name
/// before the first dot, in any case (`con`, `NUL.txt`, `com1.tar.gz`).
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7",
    "com8", "com9", "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// An id that cannot be a URL segment, with the id it could be instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidId {
    /// What is wrong with the id.
    pub problem: IdProblem,
    /// A valid id close to the one given (see [`safe_slug`]), or an example
    /// when nothing of it can be kept.
    pub suggestion: String,
}

/// Why an id is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdProblem {
    /// Characters outside the allowed set, a bad first character, empty,
    /// or too long.
    Characters,
    /// A Windows device name, with or without an extension.
    DeviceName,
    /// A trailing `.`, which Windows drops from file names.
    TrailingDot,
}

impl InvalidId {
    /// What is wrong with `id`, if anything. A valid id is lowercase ASCII
    /// letters, digits, `-`, `_` and `.`, starting with a letter or digit,
    /// not ending in `.`, at most [`MAX_ID_LEN`] bytes, and not a Windows
    /// device name: safe as a path segment on every host and file system.
    fn check(id: &str) -> Option<InvalidId> {
        let problem = if !has_id_characters(id) {
            IdProblem::Characters
        } else if id.ends_with('.') {
            IdProblem::TrailingDot
        } else if is_device_name(id) {
            IdProblem::DeviceName
        } else {
            return None;
        };
        let suggestion = safe_slug(id).unwrap_or_else(|| "short-name".to_string());
        Some(InvalidId {
            problem,
            suggestion,
        })
    }

    /// A hint for a diagnostic: why the id cannot be used, and the
    /// suggestion.
    pub(crate) fn hint(&self) -> String {
        let suggestion = &self.suggestion;
        match self.problem {
            IdProblem::Characters => format!(
                "ids appear in URLs: lowercase letters, digits and dashes, e.g. `{suggestion}`"
            ),
            IdProblem::DeviceName => format!(
                "ids become file names, and Windows reserves this one for a device; {}",
                did_you_mean(&[suggestion])
            ),
            IdProblem::TrailingDot => format!(
                "ids become file names, and Windows drops a trailing `.`; {}",
                did_you_mean(&[suggestion])
            ),
        }
    }
}

fn has_id_characters(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(is_id_char)
        && id.len() <= MAX_ID_LEN
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
}

/// Whether the name before the first dot is a Windows device name.
fn is_device_name(id: &str) -> bool {
    let stem = id.split('.').next().unwrap_or(id);
    DEVICE_NAMES
        .iter()
        .any(|name| stem.eq_ignore_ascii_case(name))
}

/// Turns any text into a valid id, the way every suggestion and derived
/// id is made. Text already made of id characters is kept as it is (only
/// repaired); anything else is slugged first (`Zoë Ångström` →
/// `zoe-angstrom`). Then leading `-`, `_`, `.` and trailing dots go, it is
/// cut to [`MAX_ID_LEN`] bytes, and a Windows device name gets `-1` after
/// it (`con` → `con-1`, `nul.txt` → `nul-1.txt`). `None` when no letter
/// or digit is left.
pub(crate) fn safe_slug(text: &str) -> Option<String> {
    let slug = if text.chars().all(is_id_char) {
        text.to_string()
    } else {
        slug::slugify(text)
    };
    let mut id = slug.trim_start_matches(['-', '_', '.']).to_string();
    id.truncate(MAX_ID_LEN);
    if is_device_name(&id) {
        let stem = id.find('.').unwrap_or(id.len());
        id.insert_str(stem, "-1");
        id.truncate(MAX_ID_LEN);
    }
    let id = id.trim_end_matches('.');
    (!id.is_empty()).then(|| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_valid_id(id: &str) -> bool {
        InvalidId::check(id).is_none()
    }

    #[test]
    fn ids_must_be_url_safe() {
        assert!(RiskId::new("vendor-sandbox-keys").is_ok());
        assert!(RiskId::new("k8s_1.31").is_ok());
        assert_eq!(
            RiskId::new("Vendor Keys!").unwrap_err().suggestion,
            "vendor-keys"
        );
        assert!(RiskId::new("").is_err());
        assert!(RiskId::new(".hidden").is_err());
        assert!(RiskId::new("../etc").is_err());
    }

    #[test]
    fn windows_device_names_are_refused_in_any_case_and_with_extensions() {
        for id in [
            "con",
            "prn",
            "aux",
            "nul",
            "com1",
            "com9",
            "lpt1",
            "lpt9",
            "com0",
            "nul.txt",
            "con.tar.gz",
            "aux.",
        ] {
            assert!(!is_valid_id(id), "{id}");
        }
        // Not lowercase, so refused anyway; the suggestion is still safe.
        for (id, suggestion) in [("CON", "con-1"), ("LPT9", "lpt9-1"), ("Nul.txt", "nul-txt")] {
            let invalid = RiskId::new(id).unwrap_err();
            assert_eq!(invalid.suggestion, suggestion, "{id}");
        }
        let invalid = RiskId::new("con").unwrap_err();
        assert_eq!(invalid.problem, IdProblem::DeviceName);
        assert_eq!(invalid.suggestion, "con-1");
        assert!(
            invalid.hint().contains("did you mean `con-1`?"),
            "{}",
            invalid.hint()
        );
        assert_eq!(RiskId::new("nul.txt").unwrap_err().suggestion, "nul-1.txt");
        assert_eq!(RiskId::new("com1.").unwrap_err().suggestion, "com1-1");
        // Names that only start like a device are fine.
        for id in [
            "console",
            "con-1",
            "com10",
            "lpt",
            "nul-txt",
            "x.con",
            "auxiliary.md",
        ] {
            assert!(is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn trailing_dots_are_refused() {
        let invalid = RiskId::new("x.").unwrap_err();
        assert_eq!(invalid.problem, IdProblem::TrailingDot);
        assert_eq!(invalid.suggestion, "x");
        assert_eq!(
            RiskId::new("k8s_1.31..").unwrap_err().suggestion,
            "k8s_1.31"
        );
        assert!(RiskId::new("k8s_1.31").is_ok());
    }

    #[test]
    fn safe_slug_always_gives_a_valid_id_or_nothing() {
        for (text, expected) in [
            ("Zoë Ångström", Some("zoe-angstrom")),
            ("con", Some("con-1")),
            ("Con", Some("con-1")),
            ("nul.txt", Some("nul-1.txt")),
            ("x.", Some("x")),
            ("...x", Some("x")),
            ("-ana", Some("ana")),
            ("!!!", None),
            ("", None),
            ("...", None),
        ] {
            assert_eq!(safe_slug(text).as_deref(), expected, "{text}");
        }
        let long = format!("con.{}", "a".repeat(200));
        let id = safe_slug(&long).unwrap();
        assert_eq!(id.len(), MAX_ID_LEN);
        assert!(id.starts_with("con-1.aaa"), "{id}");
        let dotted = format!("{}.b", "a".repeat(MAX_ID_LEN - 1));
        assert_eq!(safe_slug(&dotted).unwrap(), "a".repeat(MAX_ID_LEN - 1));
        for text in [
            "con",
            "PRN.x",
            "a..",
            "Ünïcödé",
            "lpt1.",
            "x".repeat(300).as_str(),
        ] {
            if let Some(id) = safe_slug(text) {
                assert!(is_valid_id(&id), "{text} -> {id}");
            }
        }
    }

    #[test]
    fn derived_ids_avoid_device_names() {
        assert_eq!(DecisionId::from_title("CON").unwrap().as_str(), "con-1");
        assert_eq!(Tag::from_text("Aux").unwrap().as_str(), "aux-1");
        assert_eq!(Tag::from_text("k8s_1.31").unwrap().as_str(), "k8s-1-31");
    }

    #[test]
    fn decision_ids_default_to_the_title_slug() {
        let id = DecisionId::from_title("Use Redis for session storage").unwrap();
        assert_eq!(id.as_str(), "use-redis-for-session-storage");
        assert!(DecisionId::from_title("!!!").is_none());
    }

    #[test]
    fn tags_are_slugged() {
        assert_eq!(
            Tag::from_text("Black Friday").unwrap().as_str(),
            "black-friday"
        );
    }
}
