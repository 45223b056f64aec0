//! Links and images in wraps and records, resolved for the page (or feed)
//! they are written into: a link to the file of another wrap or record
//! becomes a link to its page, at the heading it names; an image or file
//! beside a body is published under `files/`; a file of the repository
//! that is not published is linked in the repository browser when
//! `[repository]` names one; anything else is shown as plain text. So the
//! output never links to a page or file it lacks.
//!
//! What is published: every file shown as an image, and every file linked
//! from a body that sits in a folder of wraps or records (`wraps/`,
//! `docs/adr/`) and is not Markdown. A link elsewhere (`../../src/main.rs`,
//! the repository's `README.md`) is to the repository, not to the site.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use ahash::AHashMap as HashMap;

use rayon::prelude::*;

use super::{SiteFiles, is_publishable_name, urls};
use crate::config::{Config, RepositoryConfig};
use crate::content::LinkedFiles;
use crate::content::markdown::BodyFacts;
use crate::content::markdown::references::{Reference, Target};
use crate::content::secrets::{self, LinkedSecret};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate};
use crate::ledger::{DecisionIdx, Ledger, WrapIdx};
use crate::markup::html::{self, Element, Fill};
use crate::site_dir::{Entry, STATIC_DIR, SiteDir, WRAPS_DIR, is_ignored_name};

/// What the links of every body resolve to, for one build.
#[derive(Debug, Default)]
pub(crate) struct Links {
    /// The page built from each wrap or record, by the file's site path.
    pages: HashMap<String, PageSource>,
    /// Published files: site path to output path, in path order.
    published: BTreeMap<String, String>,
    files: LinkedFiles,
    repository: Option<RepositoryConfig>,
    /// Where the links of one-line text lead.
    lines: Arc<LineLinks>,
}

/// Where the links of one-line text (an ask, a `why`, a note) lead, by the
/// destination the text holds (a path from the site folder, see
/// `content::line_links`): an href from the site folder, or an absolute
/// URL (a file in the repository browser). A destination it lacks leads
/// nowhere: the link is its text.
#[derive(Debug, Default)]
pub(crate) struct LineLinks(HashMap<String, String>);

impl LineLinks {
    /// The href of `destination` on a page whose way back to the site
    /// folder is `root` (`../../`).
    pub(crate) fn href(&self, destination: &str, root: &str) -> Option<String> {
        let href = self.0.get(destination)?;
        Some(if href.contains("://") {
            href.clone()
        } else {
            format!("{root}{href}")
        })
    }

    /// The absolute URL of `destination` for a site at `base` (ending in
    /// `/`): for feeds and chat messages.
    pub(crate) fn url(&self, destination: &str, base: &str) -> Option<String> {
        let href = self.0.get(destination)?;
        Some(if href.contains("://") {
            href.clone()
        } else {
            urls::absolute(base, href)
        })
    }
}

/// What a page is built from.
#[derive(Debug, Clone, Copy)]
enum PageSource {
    Wrap(WrapIdx),
    Record {
        decision: DecisionIdx,
        record: usize,
    },
}

/// Where hrefs are written from.
#[derive(Debug, Clone, Copy)]
pub(crate) enum From<'a> {
    /// The page at this output path: hrefs relative to it.
    Page(&'a str),
    /// A feed: absolute URLs under this base URL (ending in `/`).
    Feed(&'a str),
}

impl Links {
    /// The links of the published wraps and records of `ledger`, whose
    /// targets on disk are `files`.
    pub(crate) fn new(ledger: &Ledger, files: LinkedFiles, config: &Config) -> Links {
        let mut pages = HashMap::with_capacity(ledger.wraps.len() + ledger.records.len());
        for (i, record) in ledger.wraps.iter().enumerate() {
            pages.insert(
                record.wrap.file.site_path.clone(),
                PageSource::Wrap(WrapIdx(i)),
            );
        }
        for (i, decision) in ledger.decisions.iter().enumerate() {
            if let Some(record) = decision.record {
                pages.insert(
                    ledger.records[record].file.site_path.clone(),
                    PageSource::Record {
                        decision: DecisionIdx(i),
                        record,
                    },
                );
            }
        }
        let mut links = Links {
            pages,
            published: BTreeMap::new(),
            files,
            repository: config.repository.clone(),
            lines: Arc::default(),
        };
        links.published = links.to_publish(ledger);
        links.lines = Arc::new(links.line_links(ledger));
        links
    }

    /// Where the links of one-line text lead (see [`LineLinks`]).
    pub(crate) fn lines(&self) -> &Arc<LineLinks> {
        &self.lines
    }

    /// Resolves every link of one-line text, from the site folder.
    fn line_links(&self, ledger: &Ledger) -> LineLinks {
        let mut resolved = HashMap::new();
        for (_, body) in bodies(ledger) {
            for reference in &body.references {
                let Some(destination) = &reference.anchored else {
                    continue;
                };
                if resolved.contains_key(destination) {
                    continue;
                }
                if let Fill::Href(href) = self.resolve(ledger, "", body, reference, From::Page(""))
                {
                    resolved.insert(destination.clone(), href);
                }
            }
        }
        LineLinks(resolved)
    }

    /// The files the bodies of published pages show or link to that are
    /// published with the site.
    fn to_publish(&self, ledger: &Ledger) -> BTreeMap<String, String> {
        let mut folders: Vec<String> = vec![format!("{WRAPS_DIR}/")];
        for record in &ledger.records {
            if let Some((folder, _)) = record.file.site_path.rsplit_once('/') {
                folders.push(format!("{folder}/"));
            }
        }
        folders.sort();
        folders.dedup();
        let in_content_folder = |path: &str| folders.iter().any(|f| path.starts_with(f.as_str()));
        let bodies = ledger
            .wraps
            .iter()
            .map(|w| &w.wrap.body)
            .chain(ledger.records.iter().map(|r| &*r.body));
        let mut published = BTreeMap::new();
        for reference in bodies.flat_map(|body| &body.references) {
            let Target::Path(path) = &reference.target else {
                continue;
            };
            // Markdown is a page or nothing: a draft's source, or a wrap
            // left out for its errors, is never published as a file.
            let wanted = !is_markdown(path)
                && match reference.element {
                    Element::Image => true,
                    Element::Link => in_content_folder(path),
                };
            if wanted
                && !published.contains_key(path)
                && !self.pages.contains_key(path)
                && self.files.entry(path) == Entry::File
                && is_publishable(path)
            {
                published.insert(path.clone(), urls::published_file(path));
            }
        }
        published
    }

    /// Copies the published files into `files`, except those that hold
    /// keys or credentials (see [`secrets::in_linked_file`]): each of
    /// those is an error at the first link to it, as the same text pasted
    /// into a wrap would be.
    pub(crate) fn copy(
        &self,
        site: &SiteDir,
        ledger: &Ledger,
        allow_secrets: &[regex::Regex],
        files: &mut SiteFiles,
        d: &mut Diagnostics,
    ) {
        let read: Vec<(&String, &String, Option<Vec<u8>>, Diagnostics)> = self
            .published
            .par_iter()
            .map(|(path, out)| {
                let mut d = Diagnostics::new();
                let bytes = site.read_bytes(&site.root.join(path), &mut d);
                (path, out, bytes, d)
            })
            .collect();
        for (path, out, bytes, diagnostics) in read {
            d.extend(diagnostics);
            let Some(bytes) = bytes else { continue };
            if let Some(found) = secrets::in_linked_file(path, &bytes, allow_secrets) {
                d.push(secret_in_linked_file(ledger, path, &found));
                continue;
            }
            if files.files.contains_key(out.as_str()) {
                d.push(static_file_replaced(site, out));
            }
            files.insert(out.clone(), bytes);
        }
    }

    /// `html`, the HTML of `body`, the body of the file at `source` (site
    /// path), with its links and images resolved for `from`.
    pub(crate) fn body<'h>(
        &self,
        ledger: &Ledger,
        source: &str,
        html: &'h str,
        body: &BodyFacts,
        from: From,
    ) -> Cow<'h, str> {
        html::fill(html, |index, _| match body.references.get(index) {
            Some(reference) => self.resolve(ledger, source, body, reference, from),
            None => Fill::Drop,
        })
    }

    fn resolve(
        &self,
        ledger: &Ledger,
        source: &str,
        body: &BodyFacts,
        reference: &Reference,
        from: From,
    ) -> Fill {
        let fragment = reference.fragment.as_deref();
        match &reference.target {
            Target::OutsideSite => Fill::Drop,
            Target::ThisFile => {
                let fragment =
                    fragment.map(|f| body.heading_id(f).unwrap_or_else(|| f.to_string()));
                let fragment = urls::encode_fragment(fragment.as_deref());
                match (from, self.pages.get(source)) {
                    (From::Feed(base), Some(page)) => {
                        let (page, _) = self.page(ledger, *page);
                        Fill::Href(format!("{}{fragment}", urls::absolute(base, &page)))
                    }
                    _ => Fill::Href(fragment),
                }
            }
            Target::Path(path) => {
                if let Some(page) = self.pages.get(path) {
                    let (page, target) = self.page(ledger, *page);
                    let fragment =
                        fragment.map(|f| target.heading_id(f).unwrap_or_else(|| f.to_string()));
                    let fragment = urls::encode_fragment(fragment.as_deref());
                    let href = match from {
                        From::Page(at) => format!("{}{page}", urls::root_from(at)),
                        From::Feed(base) => urls::absolute(base, &page),
                    };
                    return Fill::Href(href + &fragment);
                }
                let fragment = urls::encode_fragment(fragment);
                if let Some(out) = self.published.get(path) {
                    let out = urls::encode_path(out);
                    let href = match from {
                        From::Page(at) => format!("{}{out}", urls::root_from(at)),
                        From::Feed(base) => format!("{base}{out}"),
                    };
                    return Fill::Href(href + &fragment);
                }
                let exists = matches!(self.files.entry(path), Entry::File | Entry::Folder);
                match &self.repository {
                    Some(repository) if exists && reference.element == Element::Link => {
                        let link = repository.file_link(&urls::encode_path(path));
                        Fill::Href(link + &fragment)
                    }
                    _ => Fill::Drop,
                }
            }
        }
    }

    /// The output path of a page, and the body its links may name
    /// headings of.
    fn page<'l>(&self, ledger: &'l Ledger, source: PageSource) -> (String, &'l BodyFacts) {
        match source {
            PageSource::Wrap(i) => {
                let record = ledger.wrap(i);
                (urls::wrap(&record.slug), &record.wrap.body)
            }
            PageSource::Record { decision, record } => (
                urls::decision(&ledger.decision(decision).id),
                &*ledger.records[record].body,
            ),
        }
    }
}

/// Whether `path` names a Markdown file (a wrap, a record, a README).
fn is_markdown(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// The body of every published wrap and record, with its file.
fn bodies(ledger: &Ledger) -> impl Iterator<Item = (&dyn Locate, &BodyFacts)> {
    ledger
        .wraps
        .iter()
        .map(|w| (&w.wrap.file as &dyn Locate, &w.wrap.body))
        .chain(
            ledger
                .records
                .iter()
                .map(|r| (&r.file as &dyn Locate, &*r.body)),
        )
}

/// E017 at the first link or image that leads to `path`, a file that
/// holds `found`.
fn secret_in_linked_file(ledger: &Ledger, path: &str, found: &LinkedSecret) -> Diagnostic {
    let diagnostic = Diagnostic::new(
        Code::LikelySecret,
        format!("`{path}` is not published: {found}"),
    )
    .with_help(
        "remove the link and the file, and rotate the credential: the git history keeps it. \
         If it is not a secret, allow it in standin.toml: [check] allow_secrets = [\"<regex>\"]",
    );
    for (file, body) in bodies(ledger) {
        let first = body
            .references
            .iter()
            .find(|r| matches!(&r.target, Target::Path(p) if p == path));
        if let Some(reference) = first {
            return diagnostic.at(file, reference.span.clone());
        }
    }
    diagnostic.at_path(path.to_string())
}

/// Whether a file at `path` may be published: no hidden folder or file on
/// the way (`.git/`, `.env`), and a name a URL can hold. The leading `..`
/// of a path in a decision folder above the site are no hidden names
/// (the content stage lets paths lead there only).
fn is_publishable(path: &str) -> bool {
    let mut below = path;
    while let Some(rest) = below.strip_prefix("../") {
        below = rest;
    }
    !below.is_empty() && !below.split('/').any(is_ignored_name) && is_publishable_name(below)
}

/// W010 for a file of `static/` at the path where a file a body links to
/// is published (`files/...`): the linked file wins, so that its links
/// hold, and the static one is said to be left out rather than lost.
fn static_file_replaced(site: &SiteDir, out: &str) -> Diagnostic {
    let shown = site.display_path(&site.root.join(STATIC_DIR).join(out));
    Diagnostic::new(
        Code::UnpublishableName,
        format!(
            "skipped {shown}: a file the pages link to is published at {out}, and the links must hold"
        ),
    )
    .at_path(shown)
    .with_help(format!("move it out of {STATIC_DIR}/{}", urls::FILES_DIR))
}
