//! Arbitrary bytes as a wrap file and as a decision record: decoding,
//! front matter, strict TOML, every key's reader, the body, and the
//! diagnostics about all of it rendered in every format.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use standin::config::Config;
use standin::content::{DecisionRecord, Wrap};
use standin::diagnostics::{Diagnostics, SourceFile};
use standin_fuzz::{config, on_pool, render_all};

static CONFIG: LazyLock<Config> = LazyLock::new(|| config(false));

fuzz_target!(|data: &[u8]| {
    on_pool(|| {
        let mut d = Diagnostics::new();
        if let Some(file) = SourceFile::decode("wraps/w.md", "wraps/w.md", data, &mut d) {
            let path = std::path::Path::new("wraps/w.md");
            let wrap = Wrap::parse(file.clone(), path, &CONFIG, &mut d);
            let record = DecisionRecord::parse_in_default_folder(file, &CONFIG, &mut d);
            std::hint::black_box((wrap, record));
        }
        d.sort();
        render_all(&d);
    });
});
