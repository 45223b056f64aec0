//! Arbitrary text as a Markdown body, rendered sanitised and trusted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use standin::content::markdown;
use standin::diagnostics::SourceFile;
use standin_fuzz::on_pool;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    on_pool(|| {
        let file = SourceFile::new("wraps/w.md", text);
        for trust_html in [false, true] {
            let rendered = markdown::render_whole_file(text, trust_html);
            // Warnings carry spans into the file: they must fall inside it.
            for warning in rendered.warnings(&file, 0) {
                let span = warning.location.and_then(|l| l.span).unwrap_or_default();
                assert!(
                    text.get(span.clone()).is_some(),
                    "warning span {span:?} outside the body"
                );
            }
            if !trust_html {
                assert!(
                    !rendered.html.to_ascii_lowercase().contains("<script"),
                    "a script survived sanitising: {}",
                    rendered.html
                );
            }
        }
    });
});
