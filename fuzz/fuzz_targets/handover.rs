//! Asks and their acknowledgements: ana hands over the asks the input
//! holds, and bo acknowledges some of them a day later, by their short or
//! longer ids. The site is read twice, with ana's `next` in the order
//! given and reversed: no id and no acknowledgement may depend on that
//! order (unless the wrap repeats an ask, an error), and nothing may
//! panic or hang.
//!
//! Input: split at two `0x1e` bytes; the first part picks the
//! acknowledgements (each byte: which ask, how long an id, which verb),
//! the others are the asks' texts (at most 8, lossy UTF-8).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use standin::build::{self, BuildOptions};
use standin::content::generated;
use standin::site_dir::SiteDir;
use standin::ledger::AsOf;
use standin_fuzz::{CONFIG, SEPARATOR, on_pool};

const MAX_ASKS: usize = 8;

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn parts(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

/// Writes the site with `asks` in this order; returns what the asks
/// became and the codes of the diagnostics, sorted.
fn read(root: &Path, asks: &[String], acks: &str) -> (Vec<(String, String, Vec<String>)>, Vec<String>) {
    let _ = std::fs::remove_dir_all(root);
    std::fs::create_dir_all(root.join("wraps/2026/11")).unwrap();
    std::fs::write(root.join("standin.toml"), CONFIG).unwrap();
    let next: Vec<String> = asks.iter().map(|a| toml_string(a)).collect();
    let ana = format!(
        "+++\nauthor = \"ana\"\ndate = 2026-11-20T10:00:00Z\nteam = \"payments\"\nsummary = \"s\"\nnext = [{}]\n+++\nBody.\n",
        next.join(", ")
    );
    let bo = format!(
        "+++\nauthor = \"bo\"\ndate = 2026-11-21T10:00:00Z\nteam = \"payments\"\nsummary = \"s\"\n\n[ack]\n{acks}+++\nBody.\n"
    );
    std::fs::write(root.join("wraps/2026/11/ana.md"), ana).unwrap();
    std::fs::write(root.join("wraps/2026/11/bo.md"), bo).unwrap();
    let options = BuildOptions {
        site: SiteDir::new(root),
        base_url: None,
        as_of: AsOf::NewestWrap,
    };
    let (outcomes, d) = build::ask_outcomes(&options);
    let mut codes: Vec<String> = d.iter().map(|d| d.code.as_str().to_string()).collect();
    codes.sort();
    (outcomes, codes)
}

fuzz_target!(|data: &[u8]| {
    let parts = parts(data);
    let (picks, texts) = parts.split_first().unwrap();
    let asks: Vec<String> = texts
        .iter()
        .take(MAX_ASKS)
        .map(|t| String::from_utf8_lossy(t).into_owned())
        .collect();
    if asks.is_empty() {
        return;
    }
    let mut acks = String::new();
    let mut named = Vec::new();
    for &pick in picks.iter().take(MAX_ASKS) {
        let ask = &asks[pick as usize % asks.len()];
        let len = [3, 4, 12][(pick as usize >> 3) % 3];
        let id = generated("ana", 11, 20, ask.trim()).with_code(len);
        if named.contains(&id) {
            continue;
        }
        let verb = ["done", "taken", "declined: no"][(pick as usize >> 5) % 3];
        acks.push_str(&format!("{id} = \"{verb}\"\n"));
        named.push(id);
    }
    let dir = tempfile::Builder::new()
        .prefix("standin-fuzz-")
        .tempdir_in("/dev/shm")
        .unwrap();
    let root = dir.path().join("site");
    let reversed: Vec<String> = asks.iter().rev().cloned().collect();
    let (forward, backward) = on_pool(|| (read(&root, &asks, &acks), read(&root, &reversed, &acks)));
    // A repeated ask is an error; which copy is "the repeat" is by order.
    // A text that looks like a secret is masked before the wrap is read,
    // and masking can break the TOML around it (E006): no asks to compare.
    if forward.1.iter().any(|c| matches!(c.as_str(), "E021" | "E017" | "E006")) {
        return;
    }
    assert_eq!(forward, backward, "the order of `next` changed an id or an acknowledgement");
});
