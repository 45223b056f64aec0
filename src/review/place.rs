//! Where a change is written, for the annotations on a pull request.

use std::ops::Range;

use crate::diagnostics::Locate;

/// A file of the site and the line a change is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    /// The path as `check` shows it.
    pub file: String,
    /// 1-based; `None` when the file's text cannot be had.
    pub line: Option<usize>,
}

impl Place {
    /// The line of `span` in `file`.
    pub(crate) fn at(file: &(impl Locate + ?Sized), span: &Range<usize>) -> Place {
        Place {
            file: file.display_path().to_string(),
            line: file.source().map(|source| source.line_column(span.start).0),
        }
    }

    /// A file as a whole.
    pub(crate) fn file(file: &(impl Locate + ?Sized)) -> Place {
        Place {
            file: file.display_path().to_string(),
            line: None,
        }
    }
}
