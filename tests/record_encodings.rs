//! Files in encodings other than UTF-8. A decision record saved as UTF-16
//! by a Windows editor (a byte order mark says which) is read like any
//! other, its diagnostics pointing into its decoded text; a wrap, or
//! `standin.toml`, in UTF-16 is refused with an error that names the
//! encoding and the command that converts it; UTF-16 without a byte order
//! mark is named too.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

const RECORD: &str = "architecture/decisions/0006-written-on-windows.md";

/// The adr-tools fixture in a temp dir.
fn site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    copy_dir(&fixture("adr-tools"), &site);
    (dir, site)
}

/// `text` as UTF-16 in the given byte order, with a byte order mark or not.
fn utf16(text: &str, big_endian: bool, mark: bool) -> Vec<u8> {
    let units = mark
        .then_some(0xFEFF)
        .into_iter()
        .chain(text.encode_utf16());
    units
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// `standin check --format json`: exit code and diagnostics.
fn check(site: &Path) -> (i32, Vec<Value>) {
    let output = run(&["check", site.to_str().unwrap(), "--format", "json"]);
    let diagnostics = stdout(&output)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (output.status.code().unwrap(), diagnostics)
}

const WINDOWS_RECORD: &str = "# 6. Written on Windows — café\r\n\r\nDate: 2026-03-01\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nNotepad saves UTF-16.\r\n";

#[test]
fn a_utf16_record_with_a_byte_order_mark_is_read_in_either_byte_order() {
    for big_endian in [false, true] {
        let (dir, site) = site();
        std::fs::write(site.join(RECORD), utf16(WINDOWS_RECORD, big_endian, true)).unwrap();
        assert_eq!(check(&site), (0, Vec::new()), "big endian: {big_endian}");
        let out = dir.path().join("out");
        build(&site, &out, &[]);
        let page =
            std::fs::read_to_string(out.join("decisions/0006-written-on-windows/index.html"))
                .expect("the record's page");
        let html = scraper::Html::parse_document(&page);
        let title: String = html
            .select(&selector("h1"))
            .next()
            .unwrap()
            .text()
            .collect();
        assert!(title.contains("Written on Windows — café"), "{title}");
        assert!(page.contains("Notepad saves UTF-16."));
    }
}

#[test]
fn a_diagnostic_in_a_utf16_record_points_into_its_decoded_text() {
    let (_dir, site) = site();
    let text = WINDOWS_RECORD.replace("2026-03-01", "some day");
    std::fs::write(site.join(RECORD), utf16(&text, false, true)).unwrap();
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 0);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "W014");
    assert_eq!(
        (&d["line"], &d["column"]),
        (&Value::from(3), &Value::from(1))
    );
    assert_eq!(d["end_column"], 15, "the end of `Date: some day`");
    let human = run(&["check", site.to_str().unwrap()]);
    assert!(
        stderr(&human).contains("3 | Date: some day\n"),
        "{}",
        stderr(&human)
    );
}

#[test]
fn a_utf16_wrap_is_refused_naming_the_encoding_and_how_to_convert_it() {
    let (_dir, site) = site();
    let wrap = site.join("wraps/2026/03/12/ana-1730.md");
    let text = std::fs::read_to_string(&wrap).unwrap();
    std::fs::write(&wrap, utf16(&text, false, true)).unwrap();
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 1);
    let e002: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == "E002").collect();
    assert_eq!(e002.len(), 1, "{diagnostics:?}");
    let message = e002[0]["message"].as_str().unwrap();
    assert!(message.contains("UTF-16LE"), "{message}");
    assert!(!message.contains("invalid byte"), "{message}");
    let help = e002[0]["help"].as_str().unwrap();
    assert!(help.contains("iconv -f UTF-16 -t UTF-8"), "{help}");
    assert!(e002[0]["file"].as_str().unwrap().ends_with("ana-1730.md"));
}

#[test]
fn utf16_without_a_byte_order_mark_is_named() {
    let (_dir, site) = site();
    std::fs::write(site.join(RECORD), utf16(WINDOWS_RECORD, true, false)).unwrap();
    let (code, diagnostics) = check(&site);
    assert_eq!(code, 1);
    let message = diagnostics[0]["message"].as_str().unwrap();
    assert_eq!(diagnostics[0]["code"], "E002");
    assert!(
        message.contains("UTF-16BE without a byte order mark"),
        "{message}"
    );
    let help = diagnostics[0]["help"].as_str().unwrap();
    assert!(help.contains("iconv -f UTF-16BE -t UTF-8"), "{help}");
}
