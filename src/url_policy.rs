//! Whether a URL someone wrote may be published as a link: one rule for
//! wrap and record bodies, asks, risk and incident fields, decision links,
//! chat messages and the config's own URLs.
//!
//! Three kinds of URL come out of it:
//! - a web link (`http`, `https`, `mailto`) with no user name or password
//!   in it, published as written;
//! - a relative reference (`../docs/adr/0003-x.md`, `graph.png`,
//!   `#context`), which is never published as written: the site stage
//!   makes it a link to the page or file it leads to, or shows its text
//!   alone (see `content::markdown::references` and `site::links`);
//! - everything else, refused: any other scheme (`javascript:`, `data:`,
//!   `file:`, `vbscript:`, a Windows drive), a protocol-relative URL
//!   (`//host/x`, which opened from disk is a `file:` share), and a URL
//!   that carries credentials (`https://user:token@host/`).
//!
//! The scheme is read as browsers read it: ASCII tabs and line breaks
//! anywhere are ignored, and spaces or control characters around it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, LinkType, Tag};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate};
use crate::markup::inline;

/// The schemes a published link may have.
pub(crate) const SCHEMES: &[&str] = &["http", "https", "mailto"];

/// What a written URL is, for publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// An `http`, `https` or `mailto` link: published as written.
    Web,
    /// A path (or a bare `#fragment`) read from the file it is written
    /// in; it may only become a link to what the site publishes there.
    Relative,
    /// Never published as a link.
    Refused(Refusal),
}

/// Why a URL is never published as a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A scheme other than [`SCHEMES`], lowercased: `javascript`.
    Scheme(String),
    /// `//host/path`: no scheme of its own.
    NoScheme,
    /// A user name or password before the host.
    Credentials,
}

impl Refusal {
    /// Why, in words for a diagnostic: "… is not published as a link:
    /// {why}".
    pub(crate) fn why(&self) -> String {
        match self {
            Refusal::Scheme(scheme) => {
                format!("`{scheme}:` links can run code or open local files")
            }
            Refusal::NoScheme => "a URL starting with `//` has no scheme of its own (opened from disk, it is a `file:` share)".to_string(),
            Refusal::Credentials => {
                "it holds a user name or password, which every reader would see".to_string()
            }
        }
    }

    /// What to write instead.
    pub(crate) fn help(&self) -> &'static str {
        match self {
            Refusal::Scheme(_) | Refusal::NoScheme => {
                "link with an http(s) or mailto URL, or a path to a file in the site"
            }
            Refusal::Credentials => {
                "remove the `user:password@` part; keep the secret out of the repository"
            }
        }
    }
}

/// What `url` is, for publishing.
pub(crate) fn classify(url: &str) -> Written {
    let url = as_browsers_read(url);
    if url.starts_with("//") || url.starts_with("\\\\") {
        return Written::Refused(Refusal::NoScheme);
    }
    let Some(scheme) = scheme(&url) else {
        return Written::Relative;
    };
    if !SCHEMES.contains(&scheme.as_str()) {
        return Written::Refused(Refusal::Scheme(scheme));
    }
    if scheme != "mailto" && has_credentials(&url[scheme.len() + 1..]) {
        return Written::Refused(Refusal::Credentials);
    }
    Written::Web
}

/// Whether `url` is a web link that may be published as written.
pub(crate) fn is_web(url: &str) -> bool {
    classify(url) == Written::Web
}

/// An error (E009) at `span` of `file` unless `url`, the value of `key`
/// (a decision's `link`, an incident's `links`), is a web link; whether
/// it is.
pub(crate) fn check_field(
    key: &str,
    url: &str,
    file: &(impl Locate + ?Sized),
    span: Range<usize>,
    d: &mut Diagnostics,
) -> bool {
    let why = match classify(url) {
        Written::Web => return true,
        Written::Relative if url.trim().is_empty() => "it is empty".to_string(),
        Written::Relative => {
            "it is a path; this field takes the address of a page elsewhere".to_string()
        }
        Written::Refused(refusal) => refusal.why(),
    };
    d.push(
        Diagnostic::new(
            Code::BadValue,
            format!("`{key}` is not published as a link: {why}"),
        )
        .at(file, span)
        .with_help("write an http(s) URL, e.g. `https://chat.example.com/archives/p1763`"),
    );
    false
}

/// A warning (W016) at `span` of `file` for each link in `line` (one
/// line of inline Markdown: an ask, a title, a note) that is never a link:
/// a refused scheme or address. Paths are resolved as a body's are (see
/// `content::line_links`).
pub(crate) fn check_line(
    line: &str,
    file: &(impl Locate + ?Sized),
    span: Range<usize>,
    d: &mut Diagnostics,
) {
    for (_, target) in inline::link_targets(line) {
        let Written::Refused(refusal) = classify(&target) else {
            continue;
        };
        let (why, help) = (refusal.why(), refusal.help());
        let shown = crate::control_chars::escape(&target, &[])
            .chars()
            .take(80)
            .collect::<String>();
        d.push(
            Diagnostic::new(
                Code::RefusedLink,
                format!("`{shown}` is shown as its text, without the link: {why}"),
            )
            .at(file, span.clone())
            .with_help(help),
        );
    }
}

/// `url` with any `user:password@` before its host shown as `***@`: for
/// messages, which must not repeat a credential.
pub(crate) fn without_credentials(url: &str) -> String {
    let Some(colon) = url.find("://") else {
        return url.to_string();
    };
    let start = colon + 3;
    let end = url[start..]
        .find(['/', '\\', '?', '#'])
        .map_or(url.len(), |i| start + i);
    match url[start..end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..start], &url[start + at..]),
        None => url.to_string(),
    }
}

/// `url` without the tabs and line breaks browsers drop anywhere in it,
/// and without the spaces and control characters around it.
fn as_browsers_read(url: &str) -> String {
    url.trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The scheme, lowercased: whatever comes before a `:` that no `/`, `?`
/// or `#` precedes. Anything there counts, even what is no valid scheme
/// (`c:`, `!x:`), so that nothing odd passes as a path.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let path = url.find(['/', '?', '#', '\\']).unwrap_or(url.len());
    (colon < path).then(|| url[..colon].to_ascii_lowercase())
}

/// Whether the authority of `rest` (what follows `scheme:`) has a
/// `user@` or `user:password@` part. Browsers read `\` as `/` in web URLs.
fn has_credentials(rest: &str) -> bool {
    let rest = rest.trim_start_matches(['/', '\\']);
    let authority = rest.split(['/', '\\', '?', '#']).next().unwrap_or("");
    authority.contains('@')
}

/// CommonMark's e-mail autolink `<user@host.example>` as the `mailto:`
/// link it means: the parser gives the address alone (its HTML writer
/// adds `mailto:`), which every other rule would read as a file next to
/// the page. Made a plain autolink to the `mailto:` URL, every rule and
/// writer reads it alike.
pub(crate) fn mail_autolink(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::Link {
            link_type: LinkType::Email,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(format!("mailto:{dest_url}")),
            title,
            id,
        }),
        event => event,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_links_pass() {
        for url in [
            "https://chat.example.com/archives/p1763",
            "HTTP://x.example",
            "mailto:ana@example.com",
            " https://x.example/a:b ",
            "https://x.example/p?next=a@b",
        ] {
            assert_eq!(classify(url), Written::Web, "{url}");
        }
    }

    #[test]
    fn paths_and_fragments_are_relative() {
        for url in [
            "graph.png",
            "../docs/adr/0003-x.md#context",
            "#context",
            "/wraps/a.md",
            "a/b:c",
            "!channel",
            "@U0123ABCD",
        ] {
            assert_eq!(classify(url), Written::Relative, "{url}");
        }
    }

    #[test]
    fn other_schemes_are_refused_however_written() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("  JaVa\tScRiPt:alert(1)", "javascript"),
            ("java\nscript:alert(1)", "javascript"),
            ("\u{1}javascript:alert(1)", "javascript"),
            ("data:text/html,hi", "data"),
            ("file:///etc/passwd", "file"),
            ("vbscript:x", "vbscript"),
            ("c:\\windows", "c"),
            ("!subteam^S0123ABC:x", "!subteam^s0123abc"),
        ] {
            assert_eq!(
                classify(url),
                Written::Refused(Refusal::Scheme(scheme.to_string())),
                "{url:?}"
            );
        }
        assert_eq!(
            classify("//evil.example/x"),
            Written::Refused(Refusal::NoScheme)
        );
    }

    #[test]
    fn messages_show_no_credentials() {
        assert_eq!(
            without_credentials("https://gitlab-ci-token:glpat-abc@gitlab.example/x.git"),
            "https://***@gitlab.example/x.git"
        );
        assert_eq!(
            without_credentials("https://h.example/a@b"),
            "https://h.example/a@b"
        );
    }

    #[test]
    fn credentials_are_refused() {
        for url in [
            "https://u:p@h.example/",
            "https://gitlab-ci-token:glpat-abc@gitlab.example/x.git",
            "http://user@h.example",
            "https:\\\\u:p@h.example\\x",
        ] {
            assert_eq!(
                classify(url),
                Written::Refused(Refusal::Credentials),
                "{url}"
            );
        }
    }
}
