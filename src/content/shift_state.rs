//! How things stand at the end of a shift: `state = "watch"` in a wrap.

use crate::strict_toml::choice_enum;

choice_enum! {
    /// How things stand at the end of a shift: `state = "watch"`.
    pub(crate) enum ShiftState {
        Stable = "stable",
        Watch = "watch",
        Unstable = "unstable",
    }
}
