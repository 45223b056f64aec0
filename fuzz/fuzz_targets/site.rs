//! A whole build of a small site made from the input (see
//! `standin_fuzz::SiteInput`): files written to a fresh directory on
//! tmpfs, the pipeline run on them, the output written there too when the
//! input asks. Errors are fine; a panic, a hang or a slow input is not.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use standin::build::{self, BuildOptions};
use standin::site_dir::SiteDir;
use standin::ledger::AsOf;
use standin_fuzz::{CONFIG, SiteInput, on_pool, render_all};

fn write(root: &Path, relative: &str, bytes: &[u8]) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fuzz_target!(|data: &[u8]| {
    let input = SiteInput::split(data);
    let dir = tempfile::Builder::new()
        .prefix("standin-fuzz-")
        .tempdir_in("/dev/shm")
        .unwrap();
    let root = dir.path();
    let base_url = if input.base_url {
        "base_url = \"https://fuzz.example/handoffs/\"\n"
    } else {
        ""
    };
    let config = format!(
        "{base_url}{CONFIG}[markdown]\nallow_html = {}\n",
        input.allow_html
    );
    write(root, "standin.toml", config.as_bytes());
    for (i, wrap) in input.wraps.iter().enumerate() {
        write(root, &format!("wraps/2026/11/w{i}.md"), wrap);
    }
    for (i, record) in input.records.iter().enumerate() {
        write(root, &format!("decisions/d{i}.md"), record);
    }
    for (name, text) in &input.templates {
        write(root, &format!("templates/{name}"), text);
    }
    let options = BuildOptions {
        site: SiteDir::new(root),
        base_url: None,
        as_of: AsOf::NewestWrap,
    };
    on_pool(|| {
        let diagnostics = if input.write {
            build::build(&options, root.join("public")).diagnostics
        } else {
            build::render(&options).diagnostics
        };
        render_all(&diagnostics);
    });
});
