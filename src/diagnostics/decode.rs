//! A file's bytes as text. standin's own files (wraps, `standin.toml`,
//! templates) are UTF-8, read strictly: a wrap saved as UTF-16 is refused
//! with the command that converts it, because git shows such a file as
//! binary (no diff in review) and `standin new` writes UTF-8 anyway. Files
//! in formats teams already use (decision records, `.adr-dir`,
//! `.log4brains.yml`) are read as they are: Windows editors save them as
//! UTF-16, and a byte order mark says which, so those are decoded.
//!
//! Whatever is refused is named: a byte order mark says UTF-16 or UTF-32;
//! without one, a NUL in every other byte betrays UTF-16 text.

use super::{Code, Diagnostic, Diagnostics, SourceFile};

/// Which encodings a file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Accept {
    /// UTF-8 only, a leading byte order mark dropped: standin's own files.
    Utf8,
    /// UTF-8, or UTF-16 that a byte order mark announces: files in other
    /// tools' formats.
    Utf8OrUtf16,
}

/// The order of the bytes of a UTF-16 code unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Little,
    Big,
}

impl Order {
    fn unit(self, pair: [u8; 2]) -> u16 {
        match self {
            Order::Little => u16::from_le_bytes(pair),
            Order::Big => u16::from_be_bytes(pair),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Order::Little => "UTF-16LE",
            Order::Big => "UTF-16BE",
        }
    }
}

/// What a file's first bytes say its encoding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sniffed {
    /// UTF-8, or nothing else recognisable: bytes after `skip` are read
    /// as UTF-8.
    Utf8 { skip: usize },
    /// UTF-16 announced by a byte order mark (2 bytes).
    Utf16Marked(Order),
    /// UTF-16 without a mark, betrayed by its NULs.
    Utf16Unmarked(Order),
    /// UTF-32, announced by its byte order mark.
    Utf32,
}

fn sniff(bytes: &[u8]) -> Sniffed {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => Sniffed::Utf32,
        [0xEF, 0xBB, 0xBF, ..] => Sniffed::Utf8 { skip: 3 },
        [0xFF, 0xFE, ..] => Sniffed::Utf16Marked(Order::Little),
        [0xFE, 0xFF, ..] => Sniffed::Utf16Marked(Order::Big),
        _ => match unmarked_utf16(bytes) {
            Some(order) => Sniffed::Utf16Unmarked(order),
            None => Sniffed::Utf8 { skip: 0 },
        },
    }
}

/// The byte order of text that has a NUL in every other byte of its
/// first pairs (ASCII as UTF-16), if it does. UTF-8 text has no NUL.
fn unmarked_utf16(bytes: &[u8]) -> Option<Order> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(64).collect();
    if pairs.len() < 2 {
        return None;
    }
    let share = |test: fn(&[u8]) -> bool| pairs.iter().filter(|p| test(p)).count() * 4;
    // Three pairs in four, so a few non-Latin characters do not hide it.
    if share(|p| p[0] != 0 && p[1] == 0) >= pairs.len() * 3 {
        Some(Order::Little)
    } else if share(|p| p[0] == 0 && p[1] != 0) >= pairs.len() * 3 {
        Some(Order::Big)
    } else {
        None
    }
}

impl SourceFile {
    /// A file's bytes as text, in the encodings `accept` allows (see the
    /// module doc). Anything else is an error (E002) that names what the
    /// file seems to be and how to convert it; bytes that are not UTF-8
    /// are pointed at, with their line (decoded lossily) to show.
    pub(crate) fn decode_as(
        path: impl Into<String>,
        site_path: impl Into<String>,
        bytes: &[u8],
        accept: Accept,
        d: &mut Diagnostics,
    ) -> Option<Self> {
        let path = path.into();
        // Standin's own files are UTF-8; other tools' may be marked UTF-16.
        let only_utf8 = "wraps, standin.toml and templates are read as UTF-8 only";
        let marked = "standin reads UTF-8, and UTF-16 with a byte order mark in decision records";
        let mut refuse = |what: String, from: &str, why: &str| {
            d.push(refused(&path, &what, from, why));
            None
        };
        match sniff(bytes) {
            Sniffed::Utf8 { skip } => decode_utf8(path.clone(), site_path, &bytes[skip..], d),
            Sniffed::Utf16Marked(order) if accept == Accept::Utf8OrUtf16 => {
                decode_utf16(path.clone(), site_path, &bytes[2..], order, d)
            }
            Sniffed::Utf16Marked(order) => refuse(
                format!("{} (it starts with a byte order mark)", order.name()),
                "UTF-16",
                only_utf8,
            ),
            Sniffed::Utf16Unmarked(order) => refuse(
                format!(
                    "{} without a byte order mark (a NUL in every other byte)",
                    order.name()
                ),
                order.name(),
                marked,
            ),
            Sniffed::Utf32 => refuse(
                "UTF-32 (it starts with a byte order mark)".to_string(),
                "UTF-32",
                marked,
            ),
        }
    }
}

/// E002 for a file in an encoding standin does not read here: `what` it
/// seems to be, the `iconv` name to convert `from`, and `why` it is not read.
fn refused(path: &str, what: &str, from: &str, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotUtf8,
        format!("this file is not UTF-8: it looks like {what}; {why}"),
    )
    .at_path(path)
    .with_help(format!(
        "convert it with `iconv -f {from} -t UTF-8 '{path}' > converted.md && mv converted.md '{path}'`, or save it as UTF-8 in your editor"
    ))
}

fn decode_utf8(
    path: String,
    site_path: impl Into<String>,
    bytes: &[u8],
    d: &mut Diagnostics,
) -> Option<SourceFile> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(SourceFile::in_site(path, site_path, text)),
        Err(error) => {
            let at = error.valid_up_to();
            let file = SourceFile::in_site(path, site_path, String::from_utf8_lossy(bytes));
            // The lossy text matches the bytes up to `at`, where the bad
            // bytes became one U+FFFD.
            d.push(broken(&file, at, "this file is not UTF-8"));
            None
        }
    }
}

fn decode_utf16(
    path: String,
    site_path: impl Into<String>,
    bytes: &[u8],
    order: Order,
    d: &mut Diagnostics,
) -> Option<SourceFile> {
    let units = bytes.chunks(2).map(|pair| match pair {
        [a, b] => order.unit([*a, *b]),
        // A lone last byte is no character: decoded as an unpaired
        // surrogate, so it is reported as broken like one.
        _ => 0xD800,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut first_bad = None;
    for unit in char::decode_utf16(units) {
        let c = unit.unwrap_or_else(|_| {
            first_bad.get_or_insert(text.len());
            char::REPLACEMENT_CHARACTER
        });
        text.push(c);
    }
    let file = SourceFile::in_site(path, site_path, text);
    match first_bad {
        None => Some(file),
        Some(at) => {
            let what = format!("this {} file has a broken character", order.name());
            d.push(broken(&file, at, &what));
            None
        }
    }
}

/// E002 at the U+FFFD that stands for bad bytes at `at` in `file`.
fn broken(file: &SourceFile, at: usize, what: &str) -> Diagnostic {
    let (line, column) = file.line_column(at);
    Diagnostic::new(
        Code::NotUtf8,
        format!("{what} (invalid byte at line {line}, column {column})"),
    )
    .at(file, at..at + char::REPLACEMENT_CHARACTER.len_utf8())
    .with_help("save the file as UTF-8 in your editor")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, order: Order, mark: bool) -> Vec<u8> {
        let mut bytes = Vec::new();
        let units = mark
            .then_some(0xFEFF)
            .into_iter()
            .chain(text.encode_utf16());
        for unit in units {
            bytes.extend(match order {
                Order::Little => unit.to_le_bytes(),
                Order::Big => unit.to_be_bytes(),
            });
        }
        bytes
    }

    fn decode(bytes: &[u8], accept: Accept) -> (Option<SourceFile>, Diagnostics) {
        let mut d = Diagnostics::new();
        let file = SourceFile::decode_as("a.md", "a.md", bytes, accept, &mut d);
        (file, d)
    }

    #[test]
    fn utf16_with_a_mark_is_read_where_accepted() {
        let text = "# 1. Café ✓\r\n\r\nDate: 2026-11-20 😀\n";
        for order in [Order::Little, Order::Big] {
            let (file, d) = decode(&utf16(text, order, true), Accept::Utf8OrUtf16);
            assert!(d.is_empty(), "{d:?}");
            assert_eq!(file.unwrap().text, text);
        }
    }

    #[test]
    fn utf16_is_refused_with_its_name_and_how_to_convert_it_where_not_accepted() {
        let (file, d) = decode(&utf16("+++\n", Order::Little, true), Accept::Utf8);
        assert!(file.is_none());
        let error = d.iter().next().unwrap();
        assert_eq!(error.code, Code::NotUtf8);
        assert!(error.message.contains("UTF-16LE"), "{}", error.message);
        let help = error.help.as_deref().unwrap();
        assert!(help.contains("iconv -f UTF-16 -t UTF-8 'a.md'"), "{help}");
    }

    #[test]
    fn utf16_without_a_mark_is_named_and_refused_everywhere() {
        for (order, name) in [(Order::Little, "UTF-16LE"), (Order::Big, "UTF-16BE")] {
            let bytes = utf16("# 1. Record\n\nDate: 2026-11-20\n", order, false);
            let (file, d) = decode(&bytes, Accept::Utf8OrUtf16);
            assert!(file.is_none());
            let error = d.iter().next().unwrap();
            assert!(error.message.contains(name), "{}", error.message);
            assert!(error.message.contains("without a byte order mark"));
            assert!(
                error
                    .help
                    .as_deref()
                    .unwrap()
                    .contains(&format!("-f {name} "))
            );
        }
    }

    #[test]
    fn utf32_is_named() {
        let (_, d) = decode(&[0xFF, 0xFE, 0, 0, b'a', 0, 0, 0], Accept::Utf8OrUtf16);
        assert!(d.iter().next().unwrap().message.contains("UTF-32"));
    }

    #[test]
    fn a_broken_utf16_character_is_pointed_at_in_the_decoded_text() {
        let mut bytes = utf16("ok\nbé", Order::Little, true);
        bytes.extend(0xDC00u16.to_le_bytes());
        let (file, d) = decode(&bytes, Accept::Utf8OrUtf16);
        assert!(file.is_none());
        let error = d.iter().next().unwrap();
        assert_eq!(error.line_column(), Some((2, 3)));
        let location = error.location.as_ref().unwrap();
        let span = location.span.clone().unwrap();
        assert_eq!(&location.file.text[span], "\u{fffd}");

        // An odd last byte is broken too.
        let mut odd = utf16("ok", Order::Big, true);
        odd.push(b'x');
        assert!(decode(&odd, Accept::Utf8OrUtf16).0.is_none());
    }

    #[test]
    fn utf8_with_or_without_a_mark_and_a_stray_nul_is_read() {
        for bytes in [&b"\xEF\xBB\xBFa\n"[..], b"a\n", b"a\0b c d e f\n"] {
            let (file, d) = decode(bytes, Accept::Utf8);
            assert!(d.is_empty(), "{bytes:?}: {d:?}");
            assert!(file.unwrap().text.starts_with('a'));
        }
    }

    #[test]
    fn bytes_that_are_not_utf8_are_pointed_at() {
        let (file, d) = decode(b"ab\ncd\xFFe\n", Accept::Utf8OrUtf16);
        assert!(file.is_none());
        let error = d.iter().next().unwrap();
        assert_eq!(error.line_column(), Some((2, 3)));
        assert!(
            error
                .message
                .starts_with("this file is not UTF-8 (invalid byte")
        );
    }
}
