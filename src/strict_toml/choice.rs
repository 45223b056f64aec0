//! Closed sets of spellings: the enums of the file format (`severity =
//! "high"`). Each is declared once, with [`choice_enum!`], and that one
//! list gives serde its names, the strict reader its accepted values (and
//! its "did you mean"), and `Display` its text.

/// A closed set of string values (an enum in the file format). Implemented
/// by [`choice_enum!`].
pub(crate) trait Choice: Sized + Copy + 'static {
    /// Every accepted spelling with its value, in the order shown to users.
    const CHOICES: &'static [(&'static str, Self)];

    /// The spelling of a value.
    fn name(self) -> &'static str;

    /// Looks up a spelling.
    fn from_name(name: &str) -> Option<Self> {
        Self::CHOICES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }
}

/// Declares an enum of the file format from one list of variants and
/// their spellings: the enum (ordered as listed), its serde names, its
/// [`Choice`] table and its `Display`.
///
/// ```text
/// choice_enum! {
///     /// How bad it is.
///     pub enum Severity { Low = "low", High = "high", }
/// }
/// ```
macro_rules! choice_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident = $spelling:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
        )]
        $vis enum $name {
            $($(#[$variant_meta])* #[serde(rename = $spelling)] $variant,)*
        }

        impl $crate::strict_toml::Choice for $name {
            const CHOICES: &'static [(&'static str, Self)] = &[$(($spelling, $name::$variant),)*];

            fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $spelling,)*
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::strict_toml::Choice::name(*self))
            }
        }
    };
}

pub(crate) use choice_enum;
