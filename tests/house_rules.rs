//! The sizes the code keeps (docs/architecture.md, "Checks"): no file in
//! `src/` over 500 lines, no function over 80. A long function is where
//! the next field lands and the next reader gets lost; this test says
//! which one grew, so a review does not have to count.
//!
//! A function is counted from the line of its `fn` to the line of its
//! closing brace, braces counted outside strings, characters and comments.
//! Unit tests (`tests.rs`, and everything after `#[cfg(test)]` followed by
//! `mod`) are left out: a test reads best whole.

use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 500;
const MAX_FN_LINES: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src` with comments, strings and character literals blanked to spaces
/// (line breaks kept), so that only the code's own braces are left.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let blank = |out: &mut Vec<u8>, part: &[u8]| {
        out.extend(part.iter().map(|&c| if c == b'\n' { b'\n' } else { b' ' }))
    };
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        let after_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
        let end = if rest.starts_with(b"//") {
            rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())
        } else if rest.starts_with(b"/*") {
            block_comment_len(rest)
        } else if !after_ident && raw_string_start(rest).is_some() {
            let (open, hashes) = raw_string_start(rest).unwrap();
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            find(&rest[open..], &close).map_or(rest.len(), |at| open + at + close.len())
        } else if rest[0] == b'"' {
            string_len(rest)
        } else if rest[0] == b'\'' {
            char_literal_len(rest).unwrap_or(0)
        } else {
            0
        };
        if end == 0 {
            out.push(b[i]);
            i += 1;
        } else {
            blank(&mut out, &rest[..end]);
            i += end;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn block_comment_len(rest: &[u8]) -> usize {
    let (mut depth, mut j) = (0, 0);
    while j < rest.len() {
        if rest[j..].starts_with(b"/*") {
            depth += 1;
            j += 2;
        } else if rest[j..].starts_with(b"*/") {
            depth -= 1;
            j += 2;
            if depth == 0 {
                return j;
            }
        } else {
            j += 1;
        }
    }
    rest.len()
}

/// `r"`, `r#"`, `br##"`…: the length of the opening and its `#`s.
fn raw_string_start(rest: &[u8]) -> Option<(usize, usize)> {
    let r = usize::from(rest.first() == Some(&b'b'));
    if rest.get(r) != Some(&b'r') {
        return None;
    }
    let hashes = rest[r + 1..].iter().take_while(|&&c| c == b'#').count();
    (rest.get(r + 1 + hashes) == Some(&b'"')).then_some((r + 2 + hashes, hashes))
}

fn string_len(rest: &[u8]) -> usize {
    let mut j = 1;
    while j < rest.len() && rest[j] != b'"' {
        j += if rest[j] == b'\\' { 2 } else { 1 };
    }
    (j + 1).min(rest.len())
}

/// A character literal (`'{'`, `'\n'`, `'\u{7b}'`), not a lifetime (`'a`).
fn char_literal_len(rest: &[u8]) -> Option<usize> {
    let body = rest.get(1..)?;
    let len = if body.first() == Some(&b'\\') {
        body.iter().skip(1).position(|&c| c == b'\'')? + 1
    } else {
        let c = std::str::from_utf8(&body[..body.len().min(4)])
            .or_else(|e| std::str::from_utf8(&body[..e.valid_up_to()]))
            .ok()?
            .chars()
            .next()?;
        c.len_utf8()
    };
    (body.get(len) == Some(&b'\'')).then_some(len + 2)
}

/// The name of the function a line starts, if it starts one.
fn fn_name(line: &str) -> Option<&str> {
    let mut words = line.split_whitespace().peekable();
    while let Some(w) = words.next() {
        match w {
            "fn" => {
                let name = words.next()?;
                return Some(name.split(['(', '<']).next().unwrap_or(name));
            }
            "pub" | "const" | "async" | "unsafe" | "extern" | "\"C\"" => {}
            w if w.starts_with("pub(") => {}
            _ => return None,
        }
    }
    None
}

/// (lines, first line, name) of each function with a body in `code`.
fn functions(code: &str) -> Vec<(usize, usize, String)> {
    let lines: Vec<&str> = code.lines().collect();
    let test_from = lines
        .windows(2)
        .position(|w| {
            // `#[cfg(test)] mod testing;` is a declaration; a test module has a body.
            w[0].trim() == "#[cfg(test)]"
                && w[1].trim_start().starts_with("mod ")
                && w[1].contains('{')
        })
        .unwrap_or(lines.len());
    let mut found = Vec::new();
    for (start, line) in lines[..test_from].iter().enumerate() {
        let Some(name) = fn_name(line) else { continue };
        let (mut depth, mut opened) = (0i32, false);
        'scan: for (end, l) in lines.iter().enumerate().skip(start) {
            for c in l.chars() {
                match c {
                    '{' => (depth, opened) = (depth + 1, true),
                    '}' => depth -= 1,
                    ';' if !opened => break 'scan, // a declaration in a trait
                    _ => {}
                }
            }
            if opened && depth == 0 {
                found.push((end - start + 1, start + 1, name.to_string()));
                break;
            }
        }
    }
    found
}

fn src_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    files
}

#[test]
fn no_file_in_src_is_over_500_lines() {
    let long: Vec<String> = src_files()
        .iter()
        .map(|p| (p, fs::read_to_string(p).unwrap().lines().count()))
        .filter(|(_, n)| *n > MAX_FILE_LINES)
        .map(|(p, n)| format!("{}: {n} lines", p.display()))
        .collect();
    assert!(
        long.is_empty(),
        "split by what each part holds:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_function_in_src_is_over_80_lines() {
    let mut long = Vec::new();
    let mut counted = 0;
    for path in src_files() {
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        for (n, line, name) in functions(&code_only(&fs::read_to_string(&path).unwrap())) {
            counted += 1;
            if n > MAX_FN_LINES {
                long.push(format!("{}:{line} {name}: {n} lines", path.display()));
            }
        }
    }
    assert!(counted > 500, "the counter found only {counted} functions");
    assert!(
        long.is_empty(),
        "split by what each part does:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_counter_sees_braces_only_in_code() {
    let code = code_only(
        "fn a() {\n    let s = \"}\"; // }\n    let c = '}';\n    let r = r#\"}\"#;\n    /* } */\n    x::<'static>()\n}\nfn b();\n",
    );
    assert_eq!(functions(&code), vec![(7, 1, "a".to_string())]);
    let long = format!("pub(crate) fn long() {{\n{}}}\n", "    x();\n".repeat(85));
    assert_eq!(functions(&code_only(&long))[0].0, 87);
}
