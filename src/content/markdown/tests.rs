//! Tests of the Markdown renderer, and `render_md`, which the sibling
//! modules' tests render with.

use super::references::Target;
use super::*;
use crate::diagnostics::SourceFile;

/// Renders `markdown` as the body of `wraps/a.md`, from its start.
pub(crate) fn render_md(markdown: &str, trust_html: bool) -> Rendered {
    let body = Body {
        text: markdown,
        offset: 0,
    };
    render(body, Place::in_site("wraps/a.md"), trust_html)
}

#[test]
fn plain_markdown_renders_without_the_sanitizer() {
    let r = render_md("## Done\n- Moved *writes* to `redis`.\n", false);
    assert!(!r.had_raw_html);
    assert!(
        r.html.contains("<h2 id=\"user-content-done\">Done</h2>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<em>writes</em>"));
    assert_eq!(r.first_sentence.as_deref(), Some("Moved writes to redis."));
}

#[test]
fn headings_shift_so_the_body_starts_at_h2() {
    let r = render_md("# Top\n## Sub\n", false);
    assert!(
        r.html.contains("<h2 id=\"user-content-top\">Top</h2>")
            && r.html.contains("<h3 id=\"user-content-sub\">Sub</h3>"),
        "{}",
        r.html
    );
    let r = render_md("### Deep\n", false);
    assert!(r.html.contains("<h3 id=\"user-content-deep\">Deep</h3>"));
}

#[test]
fn github_style_html_survives() {
    let md = "Press <kbd>Ctrl</kbd>+<kbd>C</kbd><br>then\n\n<details><summary>log</summary>\n\n```\nboom\n```\n</details>\n\n| a | b |\n|:-:|---|\n| x<br>y | <b>z</b> |\n\n- [x] done\n";
    let r = render_md(md, false);
    assert!(r.had_raw_html);
    for needle in [
        "<kbd>Ctrl</kbd>",
        "<br>",
        "<details>",
        "<summary>log</summary>",
        "<b>z</b>",
        "text-align: center",
        "type=\"checkbox\"",
    ] {
        assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
    }
}

#[test]
fn dangerous_html_is_removed() {
    let md = "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n<a href=\"javascript:alert(1)\">x</a>\n<p style=\"position:fixed\">y</p>\n";
    let r = render_md(md, false);
    for needle in ["<script", "onerror", "javascript:", "position:fixed"] {
        assert!(!r.html.contains(needle), "{needle} survived in {}", r.html);
    }
}

#[test]
fn prose_tags_are_shown_as_text_in_both_modes() {
    let md = "Fixed the focus bug in the <script> element. Then lunch.\n\nNext <STYLE> day.\n";
    for trust in [false, true] {
        let r = render_md(md, trust);
        assert!(
            r.html
                .contains("the &lt;script&gt; element. Then lunch.</p>"),
            "{}",
            r.html
        );
        assert!(r.html.contains("Next &lt;STYLE&gt; day."), "{}", r.html);
        assert_eq!(
            r.first_sentence.as_deref(),
            Some("Fixed the focus bug in the <script> element.")
        );
        let found: Vec<(usize, &str)> =
            r.filtered_tags.iter().map(|t| (t.offset, t.name)).collect();
        assert_eq!(found, [(27, "script"), (63, "style")]);
    }
}

#[test]
fn filtered_tags_in_html_blocks_show_what_they_enclose() {
    let md = "<script>\nalert(1)\n</script>\n\n<div><iframe src=x></iframe> kept</div>\n\nafter\n";
    for trust in [false, true] {
        let r = render_md(md, trust);
        for needle in [
            "&lt;script",
            "alert(1)",
            "&lt;/script",
            "&lt;iframe",
            "kept</div>",
            "<p>after</p>",
        ] {
            assert!(r.html.contains(needle), "missing {needle} in {}", r.html);
        }
        assert!(!r.html.contains("<script") && !r.html.contains("<iframe"));
    }
}

#[test]
fn character_references_to_control_characters_are_noted() {
    let r = render_md(
        "Tab&#9;ok, vertical &#11; tab, `&#11;` in code, &#xFFFE; too.\n",
        false,
    );
    assert_eq!(r.illegal_references, [20..25, 48..56]);
}

#[test]
fn markdown_links_with_unsafe_schemes_are_neutralised() {
    let r = render_md(
        "[x](javascript:alert(1)) [y](https://ok.example/a:b) [z](../rel) ![i](data:text/html,hi)",
        false,
    );
    assert!(!r.html.contains("javascript:"), "{}", r.html);
    assert!(!r.html.contains("data:"), "{}", r.html);
    assert!(r.html.contains("https://ok.example/a:b"));
    assert!(r.html.contains("href=\"#standin-ref-0\""), "{}", r.html);
    assert_eq!(r.references[0].target, Target::Path("rel".into()));
}

/// `(element, target, fragment, the text at its span)` of each
/// reference of a body written at offset 4 of `docs/adr/0027-x.md`.
fn references_of(markdown: &str, trust_html: bool) -> (Rendered, Vec<String>) {
    let text = format!("+++\n{markdown}");
    let body = Body {
        text: &text[4..],
        offset: 4,
    };
    let r = render(body, Place::in_site("docs/adr/0027-x.md"), trust_html);
    let found = r
        .references
        .iter()
        .map(|x| {
            format!(
                "{:?} {:?} {:?} `{}`",
                x.element,
                x.target,
                x.fragment,
                &text[x.span.clone()]
            )
        })
        .collect();
    (r, found)
}

#[test]
fn relative_links_and_images_become_placeholders() {
    let md = "See [ADR 33](0033-ip-ranges.md#context \"t\") and [home](https://x.example/a.md), [here](#decision).\n\n![diagram](0027-img01.jpg?raw=true) ![ref][r]\n\n[r]: <my diagram.png>\n";
    for trust in [false, true] {
        let (r, found) = references_of(md, trust);
        assert_eq!(
            found,
            [
                "Link Path(\"docs/adr/0033-ip-ranges.md\") Some(\"context\") `0033-ip-ranges.md#context`",
                "Link ThisFile Some(\"decision\") `#decision`",
                "Image Path(\"docs/adr/0027-img01.jpg\") None `0027-img01.jpg?raw=true`",
                "Image Path(\"docs/adr/my diagram.png\") None `![ref][r]`",
            ]
        );
        for needle in [
            r##"<a href="#standin-ref-0" title="t">ADR 33</a>"##,
            r##"<a href="https://x.example/a.md">home</a>"##,
            r##"<a href="#standin-ref-1">here</a>"##,
            r##"<img src="#standin-ref-2" alt="diagram""##,
            r##"<img src="#standin-ref-3" alt="ref""##,
        ] {
            assert!(r.html.contains(needle), "{needle} not in {}", r.html);
        }
    }
}

#[test]
fn raw_html_links_and_images_get_placeholders_that_survive_sanitizing() {
    let md = "Inline <a href=\"../decisions/pg.md\">pg</a> and <img src='a&amp;b.png' width=\"50\">.\n\n<p align=\"center\">\n  <img\n    src=\"img/wide.png\" alt=\"wide\">\n</p>\n\n> <img src=\"q.png\">\n";
    for trust in [false, true] {
        let (r, found) = references_of(md, trust);
        assert_eq!(
            found,
            [
                "Link Path(\"docs/decisions/pg.md\") None `../decisions/pg.md`",
                "Image Path(\"docs/adr/a&b.png\") None `a&amp;b.png`",
                "Image Path(\"docs/adr/img/wide.png\") None `img/wide.png`",
                "Image Path(\"docs/adr/q.png\") None `q.png`",
            ],
            "trust {trust}"
        );
        for i in 0..4 {
            assert!(
                r.html.contains(&crate::markup::html::placeholder(i)),
                "{i} in {}",
                r.html
            );
        }
        assert!(!r.html.contains("wide.png"), "{}", r.html);
    }
}

#[test]
fn a_written_placeholder_is_a_reference_like_any_other() {
    let (r, found) = references_of(
        "[x](#standin-ref-0) <a href=\"#standin-ref-0\">y</a>",
        false,
    );
    assert_eq!(found.len(), 2);
    assert!(r.html.contains("#standin-ref-1"), "{}", r.html);
}

#[test]
fn links_out_of_the_site_warn_where_they_are_written() {
    let text = "+++\nx\n+++\n[passwd](../../../etc/passwd)\n";
    let file = SourceFile::new("docs/adr/0027-x.md", text);
    let body = Body {
        text: &text[10..],
        offset: 10,
    };
    let r = render(body, Place::in_site("docs/adr/0027-x.md"), false);
    assert_eq!(r.references[0].target, Target::OutsideSite);
    let warnings = r.warnings(&file, 10);
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, crate::diagnostics::Code::BrokenReference);
    assert_eq!(warnings[0].line_column(), Some((4, 10)));
}

#[test]
fn heading_ids_survive_sanitizing_and_name_fragments() {
    let r = render_md("## Context\n\n<b>raw</b>\n\n## Décision & Outcome\n", false);
    assert!(r.had_raw_html);
    assert!(
        r.html
            .contains("<h2 id=\"user-content-context\">Context</h2>"),
        "{}",
        r.html
    );
    assert_eq!(
        r.heading_id("context").as_deref(),
        Some("user-content-context")
    );
    assert_eq!(
        r.heading_id("Context").as_deref(),
        Some("user-content-context")
    );
    assert_eq!(
        r.heading_id("user-content-décision--outcome").as_deref(),
        Some("user-content-décision--outcome")
    );
    assert_eq!(r.heading_id("nothing"), None);
}

#[test]
fn trusted_html_passes_through() {
    let r = render_md("<span style=\"color:red\">x</span>", true);
    assert!(r.html.contains("style=\"color:red\""));
}

#[test]
fn setext_top_headings_shift_too() {
    let r = render_md("Title\n=====\n\ntext\n", false);
    assert!(
        r.html.contains("<h2 id=\"user-content-title\">Title</h2>"),
        "{}",
        r.html
    );
    assert!(!may_have_top_heading("## Done\n- x\n"));
}

#[test]
fn an_email_autolink_is_a_mailto_link_not_a_file() {
    let r = render_md("Joe Sepi @<sepi@joesepi.example> chaired.\n", false);
    assert!(
        r.html
            .contains("<a href=\"mailto:sepi@joesepi.example\">sepi@joesepi.example</a>"),
        "{}",
        r.html
    );
    // Not a reference to a file of the site, so no "no such file".
    assert!(r.references.is_empty(), "{:?}", r.references);
}

#[test]
fn text_keeps_where_headings_start() {
    let r = render_md(
        "\n## Done\n\nPre-scaled the pool.\n\n##\n\n## Notes\n\n- one\n- two\n",
        false,
    );
    assert_eq!(r.text, "Done\nPre-scaled the pool.\nNotes\none\ntwo");
    let lines: Vec<&str> = r
        .headings
        .iter()
        .map(|&at| r.text[at..].lines().next().unwrap())
        .collect();
    // The empty heading has no line.
    assert_eq!(lines, ["Done", "Notes"]);
}
