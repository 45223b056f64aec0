//! The theme: tera templates and static assets. The default theme is
//! embedded in the binary, so standin works with no theme on disk; a site's
//! `templates/` overrides any template by name (and may add partials).

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use tera::{Context, Tera};

use super::links::LineLinks;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::markup::inline;
use crate::site_dir::{SiteDir, TEMPLATES_DIR};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/templates/", $name))),)*]
    };
}

/// The default theme's templates, by name.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "components.html",
    "brief_body.html",
    "brief_meta.html",
    "home.html",
    "brief.html",
    "briefs.html",
    "wrap.html",
    "decisions.html",
    "decision.html",
    "risks.html",
    "risk.html",
    "incidents.html",
    "incident.html",
    "asks.html",
    "health.html",
    "teams.html",
    "team.html",
    "tags.html",
    "tag.html",
    "search.html",
    "404.html",
    "wrap.md",
    "feed_brief.html",
    "feed_decision.html",
    "feed_risk.html",
    "feed_wrap.html",
);

/// The default theme's static assets, by output path.
macro_rules! asset {
    ($path:expr, $file:literal) => {
        (
            $path,
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/themes/default/static/",
                $file
            )) as &[u8],
        )
    };
}

pub(crate) const ASSETS: &[(&str, &[u8])] = &[
    asset!(super::urls::STYLESHEET, "standin.css"),
    asset!(super::urls::SCRIPT, "standin.js"),
    asset!(super::urls::FAVICON, "favicon.svg"),
    asset!(super::urls::SEARCH_SCRIPT, "search.js"),
];

/// Loaded templates, ready to render.
pub(crate) struct Theme {
    tera: Tera,
    /// Display paths of templates the site overrides or adds.
    overrides: BTreeMap<String, String>,
    /// Where the links of one-line text lead, for the `inline` filter: the
    /// build's, set by [`Theme::resolve_lines_with`] before its pages.
    line_links: Arc<RwLock<Arc<LineLinks>>>,
}

impl Theme {
    /// The default theme with the site's overrides. Every template problem
    /// is reported with the file it is in; `None` if any is an error.
    pub(crate) fn load(site: &SiteDir, d: &mut Diagnostics) -> Option<Theme> {
        let errors_before = d.error_count();
        let mut templates: BTreeMap<String, String> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let mut overrides = BTreeMap::new();
        let dir = site.root.join(TEMPLATES_DIR);
        for path in site.files_under(TEMPLATES_DIR, d) {
            let name = path
                .strip_prefix(&dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            if let Some(file) = site.read_source(&path, d) {
                overrides.insert(name.clone(), file.path.clone());
                templates.insert(name, file.text.to_string());
            }
        }
        let mut tera = Tera::default();
        let line_links: Arc<RwLock<Arc<LineLinks>>> = Arc::default();
        // `{{ text | inline }}`: one line of Markdown (an ask, a risk title)
        // as inline HTML, escaped where it must be, its links to files of
        // the site made links to their pages from the page's `root`.
        let lines = Arc::clone(&line_links);
        tera.register_filter(
            "inline",
            move |text: std::borrow::Cow<'_, str>, _: tera::Kwargs, state: &tera::State| {
                let html = if text.contains("](/") {
                    let links = lines.read().map(|l| Arc::clone(&l)).unwrap_or_default();
                    let root: String = state.get("root").ok().flatten().unwrap_or_default();
                    inline::to_html_with(&text, &|to| links.href(to, &root))
                } else {
                    inline::to_html(&text)
                };
                tera::Value::safe_string(&html)
            },
        );
        if let Err(error) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            d.push(template_error(&error, &overrides));
        }
        if d.error_count() > errors_before {
            return None;
        }
        Some(Theme {
            tera,
            overrides,
            line_links,
        })
    }

    /// Makes the `inline` filter resolve the links of one-line text as
    /// `links` says: called before a build's pages are rendered.
    pub(crate) fn resolve_lines_with(&self, links: &Arc<LineLinks>) {
        if let Ok(mut lines) = self.line_links.write() {
            *lines = Arc::clone(links);
        }
    }

    /// Renders `template`; a failure is a template error in `d`, pointing
    /// at the template's file.
    pub(crate) fn render(
        &self,
        template: &str,
        context: &Context,
        d: &mut Diagnostics,
    ) -> Option<String> {
        match self.tera.render(template, context) {
            Ok(text) => Some(text),
            Err(error) => {
                d.push(
                    Diagnostic::new(
                        Code::Template,
                        format!("template `{template}` failed: {}", error_chain(&error)),
                    )
                    .at_path(self.display_path(template))
                    .with_help(
                        "fix the template, or delete the override to fall back to the default theme",
                    ),
                );
                None
            }
        }
    }

    /// Where a template comes from, for diagnostics.
    fn display_path(&self, template: &str) -> String {
        self.overrides
            .get(template)
            .cloned()
            .unwrap_or_else(|| format!("(default theme) {template}"))
    }
}

fn template_error(error: &tera::Error, overrides: &BTreeMap<String, String>) -> Diagnostic {
    let message = error_chain(error);
    let file = overrides
        .iter()
        .find(|(name, _)| message.contains(name.as_str()))
        .map(|(_, path)| path.clone());
    let diagnostic = Diagnostic::new(
        Code::Template,
        format!("a template does not compile: {message}"),
    )
    .with_help("fix the template in templates/, or delete it to use the default theme's");
    match file {
        Some(path) => diagnostic.at_path(path),
        None => diagnostic,
    }
}

/// A tera error with its causes, on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    message
}
