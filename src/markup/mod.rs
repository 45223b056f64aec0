//! The edges of the text formats standin reads and writes: one scanner per
//! format, each in one file, used by every stage that meets the format.
//!
//! - [`escape`]: text made safe in HTML (one escaper, for text and
//!   attribute values alike), and attribute values read back.
//! - [`autolink`]: bare URLs in Markdown text become links, as on GitHub
//!   (the `linkify` crate finds them), in bodies and one-line text alike.
//! - [`html`]: the links and images in rendered HTML, found and rewritten
//!   with the `lol_html` streaming rewriter, and the placeholders the
//!   content stage writes for the site stage to fill in.
//! - [`depth`]: a cap on how deeply raw HTML nests before it is sanitised
//!   (hand-written; its module doc says why no crate does it).
//! - [`inline`]: one line of Markdown (an ask, a title, a note) as inline
//!   HTML or as pieces for chat.
//!
//! Which URLs may become links at all is [`crate::url_policy`]'s to say.

pub(crate) mod autolink;
pub(crate) mod depth;
pub(crate) mod escape;
pub(crate) mod html;
pub(crate) mod inline;
