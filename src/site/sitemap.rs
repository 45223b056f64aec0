//! `sitemap.xml`: every page's canonical absolute URL.

use super::urls;
use crate::markup::escape;
use crate::xml_text::xml_chars_only;

/// A sitemap of the HTML pages among `paths` (the 404 page excluded).
pub(crate) fn render<'a>(base_url: &str, paths: impl Iterator<Item = &'a String>) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in paths.filter(|p| p.ends_with("index.html")) {
        xml.push_str("  <url><loc>");
        xml.push_str(&escape::html(&urls::absolute(base_url, path)));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml_chars_only(xml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_pages_but_not_assets_or_404() {
        let paths = [
            "index.html",
            "404.html",
            "assets/standin.css",
            "risks/x/index.html",
        ]
        .map(String::from);
        let xml = render("https://h.io/a/", paths.iter());
        assert!(xml.contains("<loc>https://h.io/a/</loc>"));
        assert!(xml.contains("<loc>https://h.io/a/risks/x/</loc>"));
        assert!(!xml.contains("404") && !xml.contains("css"));
    }

    #[test]
    fn leaves_out_characters_xml_does_not_allow() {
        let paths = ["risks/x/index.html".to_string()];
        let xml = render("https://h.io/a\u{B}b\u{FFFF}/", paths.iter());
        assert!(xml.contains("<loc>https://h.io/ab/risks/x/</loc>"), "{xml}");
    }
}
