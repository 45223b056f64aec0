//! Typed identifiers shared by every stage. Each becomes a URL path segment,
//! so each is checked to be one when it is made.

use std::fmt;

use serde::Serialize;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string already known to be a valid id.
            pub fn new(id: impl Into<String>) -> Result<Self, InvalidId> {
                let id = id.into();
                if is_valid_id(&id) {
                    Ok(Self(id))
                } else {
                    Err(InvalidId { suggestion: slug::slugify(&id) })
                }
            }

            pub fn as_str(&self) -> &str {
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
    /// An author's handle (`ana`).
    Author
);

impl DecisionId {
    /// The id a decision gets from its title when none is given.
    pub fn from_title(title: &str) -> Option<Self> {
        Self::new(slug::slugify(title)).ok()
    }
}

impl Tag {
    /// Tags are free text in wraps; they are compared and linked by slug.
    pub fn from_text(text: &str) -> Option<Self> {
        Self::new(slug::slugify(text)).ok()
    }
}

/// An id that cannot be a URL segment, with the slug it could be instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidId {
    pub suggestion: String,
}

/// Lowercase ASCII letters, digits, `-`, `_` and `.`, starting with a letter
/// or digit: safe as a path segment on every host and file system.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
        && id.len() <= 100
}

#[cfg(test)]
mod tests {
    use super::*;

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
