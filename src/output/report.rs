//! What writing the output did, or what a failure left behind: said to
//! the build, which says it to the user.

use crate::cache::Unwritten;
use crate::diagnostics::Diagnostic;

/// What a successful write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WriteReport {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// What a commit did: the files, and whether what the next build needs
/// to know about them could be kept (see [`super::last_build`]).
#[derive(Debug)]
pub(crate) struct Committed {
    pub report: WriteReport,
    pub hint: Result<(), Unwritten>,
}

/// What a failed build left in the output directory, said truthfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Left {
    /// Nothing in it changed.
    Untouched,
    /// Some files were updated before the failure; the next build repairs
    /// the rest.
    Incomplete { updated: usize, total: usize },
}

/// Why writing failed, and what that left behind.
#[derive(Debug, Clone)]
pub(crate) struct Failure {
    pub diagnostic: Box<Diagnostic>,
    pub left: Left,
}

impl Failure {
    pub(crate) fn untouched(diagnostic: Diagnostic) -> Self {
        Failure {
            diagnostic: Box::new(diagnostic),
            left: Left::Untouched,
        }
    }
}
