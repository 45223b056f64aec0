//! What the fuzz targets share: a fixed site configuration, a one-thread
//! pool to run the library in (as the binary runs it: on rayon threads,
//! with their stack size), and the formats a whole-site input and a
//! decision-record input are split by.

use std::sync::Once;

use standin::config::Config;
use standin::diagnostics::{self, Diagnostics, Format, SourceFile};

/// The teams and zones of the example site and the test fixture, so that
/// seeds taken from them parse without errors and the fuzzer starts from
/// the deep paths.
pub const CONFIG: &str = "title = \"Fuzz\"\n\
    timezone = \"America/Los_Angeles\"\n\
    [teams.payments]\nname = \"Payments\"\ntimezone = \"Asia/Tokyo\"\n\
    [teams.platform]\ntimezone = \"Europe/Berlin\"\n\
    [teams.checkout]\n\
    [teams.alpha]\ntimezone = \"Asia/Tokyo\"\n\
    [teams.beta]\ntimezone = \"Europe/Berlin\"\n";

/// The fixed configuration, with raw HTML trusted or sanitised.
pub fn config(allow_html: bool) -> Config {
    let text = format!("{CONFIG}[markdown]\nallow_html = {allow_html}\n");
    let mut d = Diagnostics::default();
    Config::parse(SourceFile::new("standin.toml", text), &mut d).expect("the fuzz config is valid")
}

/// The decision folders of [`record_config`] and [`RecordInput`]: path,
/// and the log4brains package whose records it holds.
pub const RECORD_FOLDERS: [(&str, Option<&str>); 4] = [
    ("decisions", None),
    ("docs/adr", None),
    ("docs/decisions", None),
    ("packages/web/docs/adr", Some("web")),
];

/// The fixed configuration with [`RECORD_FOLDERS`] as its decision
/// folders, so that links between records in them resolve.
pub fn record_config(allow_html: bool) -> Config {
    let dirs: Vec<String> = RECORD_FOLDERS
        .iter()
        .map(|(path, _)| format!("\"{path}\""))
        .collect();
    let text = format!(
        "{CONFIG}[markdown]\nallow_html = {allow_html}\n[decisions]\ndirs = [{}]\n",
        dirs.join(", ")
    );
    let mut d = Diagnostics::default();
    Config::parse(SourceFile::new("standin.toml", text), &mut d).expect("the fuzz config is valid")
}

/// Runs `f` on a one-thread rayon pool: one core (the machine is shared),
/// and the stack size of the threads the binary parses and renders on.
pub fn on_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        // Fails only if the pool exists already, which is what we want.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global();
    });
    rayon::scope(|_| f())
}

/// Renders diagnostics in every format, as `check` prints them: the
/// renderer must cope with any span any stage produced.
pub fn render_all(diagnostics: &Diagnostics) {
    for format in [Format::Human, Format::Json, Format::Github] {
        let text = diagnostics::render(diagnostics, format);
        std::hint::black_box(text);
    }
}

/// Separates the files of a whole-site input.
pub const SEPARATOR: &[u8] = b"\x1e\x1e";

/// A small site, as the `site` target reads it from raw bytes.
///
/// Byte 0 holds flags; the rest is split at [`SEPARATOR`] into files,
/// each led by a kind byte: `w` a wrap, `d` a decision record, `t` a
/// template override (the next byte picks which template); anything else
/// is a wrap too.
#[derive(Debug, Default)]
pub struct SiteInput<'a> {
    pub allow_html: bool,
    pub base_url: bool,
    /// Write the output (to tmpfs) rather than only render it.
    pub write: bool,
    pub wraps: Vec<&'a [u8]>,
    pub records: Vec<&'a [u8]>,
    /// Template name and text.
    pub templates: Vec<(&'static str, &'a [u8])>,
}

const MAX_WRAPS: usize = 8;
const MAX_RECORDS: usize = 3;
const MAX_TEMPLATES: usize = 2;

impl<'a> SiteInput<'a> {
    pub fn split(data: &'a [u8]) -> Self {
        let Some((&flags, rest)) = data.split_first() else {
            return Self::default();
        };
        let mut input = SiteInput {
            allow_html: flags & 1 != 0,
            base_url: flags & 2 != 0,
            write: flags & 4 != 0,
            ..Self::default()
        };
        for part in split_at(rest, SEPARATOR) {
            match part.split_first() {
                Some((b'd', text)) if input.records.len() < MAX_RECORDS => input.records.push(text),
                Some((b't', rest)) if input.templates.len() < MAX_TEMPLATES => {
                    if let Some((&which, text)) = rest.split_first() {
                        let names = standin::site::theme::TEMPLATES;
                        let name = names[usize::from(which) % names.len()].0;
                        input.templates.push((name, text));
                    }
                }
                Some((_, text)) if input.wraps.len() < MAX_WRAPS => input.wraps.push(text),
                _ => {}
            }
        }
        input
    }
}

fn split_at<'a>(mut data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = data.windows(separator.len()).position(|w| w == separator) {
        parts.push(&data[..at]);
        data = &data[at + separator.len()..];
    }
    parts.push(data);
    parts
}

/// File names that lead the record readers different ways: a number
/// (adr-tools, MADR), a log4brains date, neither, and adr-tools' first.
pub const RECORD_NAMES: [&str; 4] = [
    "0005-use-postgres.md",
    "20260520-render-at-the-edge.md",
    "use-postgres.md",
    "0001-record-architecture-decisions.md",
];

/// One file, as the `decision_record` target reads it from raw bytes.
///
/// Byte 0 picks where the rest goes: modulo 5, a folder of
/// [`RECORD_FOLDERS`] (0 to 3) or `.log4brains.yml` (4); divided by 5,
/// modulo 4, a name of [`RECORD_NAMES`]; bit 7, `allow_html`.
#[derive(Debug)]
pub struct RecordInput<'a> {
    /// The folder and package, or `None` for `.log4brains.yml`.
    pub folder: Option<(&'static str, Option<&'static str>)>,
    pub name: &'static str,
    pub allow_html: bool,
    pub text: &'a [u8],
}

impl<'a> RecordInput<'a> {
    pub fn split(data: &'a [u8]) -> Self {
        let (&pick, text) = data.split_first().unwrap_or((&0, &[]));
        let pick = usize::from(pick);
        RecordInput {
            folder: RECORD_FOLDERS.get(pick % 5).copied(),
            name: RECORD_NAMES[(pick / 5) % 4],
            allow_html: pick & 0x80 != 0,
            text,
        }
    }

    /// The file's site path.
    pub fn path(&self) -> String {
        match self.folder {
            Some((folder, _)) => format!("{folder}/{}", self.name),
            None => ".log4brains.yml".to_string(),
        }
    }
}
