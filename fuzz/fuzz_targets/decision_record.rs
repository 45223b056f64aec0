//! Arbitrary text as a decision record in each kind of decision folder,
//! or as `.log4brains.yml` (see `standin_fuzz::RecordInput`): decoding,
//! the format check, standin's strict TOML or the lenient readers of
//! adr-tools, MADR 2/3/4 (YAML front matter, read by `bounded_yaml`) and
//! log4brains, the body, and the diagnostics rendered in every format.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use standin::config::{Config, log4brains_folders};
use standin::content::DecisionRecord;
use standin::diagnostics::{Diagnostics, SourceFile};
use standin_fuzz::{RecordInput, on_pool, record_config, render_all};

static CONFIGS: LazyLock<[Config; 2]> =
    LazyLock::new(|| [record_config(false), record_config(true)]);

fuzz_target!(|data: &[u8]| {
    let input = RecordInput::split(data);
    on_pool(|| {
        let mut d = Diagnostics::new();
        let path = input.path();
        if let Some(file) = SourceFile::decode(path.as_str(), path.as_str(), input.text, &mut d) {
            match input.folder {
                Some((folder, package)) => {
                    let config = &CONFIGS[usize::from(input.allow_html)];
                    let record =
                        DecisionRecord::parse_in_folder(file, folder, package, config, &mut d);
                    std::hint::black_box(record);
                }
                None => {
                    let folders = log4brains_folders(&file, &mut d);
                    std::hint::black_box(folders);
                }
            }
        }
        d.sort();
        render_all(&d);
    });
});
