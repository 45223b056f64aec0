//! Finds text that looks like a credential. Handoff notes leak keys more
//! than code does (a pasted curl, a log line), and the site is often public
//! inside a company, so a likely secret is an error. A site allows known
//! false positives with `[check] allow_secrets = ["regex", ...]`.

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use crate::diagnostics::{Code, Diagnostic, Diagnostics, SourceFile};

/// What a pattern looks for, and its name in messages.
struct SecretPattern {
    name: &'static str,
    regex: Regex,
    /// The capture group holding the secret itself (0: the whole match).
    group: usize,
}

// Word boundaries are ASCII (`(?-u:\b)`): every pattern is made of ASCII
// classes, and a Unicode `\b` keeps the regex engine off its fast DFA for
// any file with a non-ASCII letter (most names), which made this scan a
// fifth of a whole build's time.
static PATTERNS: LazyLock<Vec<SecretPattern>> = LazyLock::new(|| {
    let pattern = |name, regex: &str, group| SecretPattern {
        name,
        regex: Regex::new(regex).expect("secret patterns compile"),
        group,
    };
    vec![
        pattern(
            "a private key",
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
            0,
        ),
        pattern(
            "an AWS access key id",
            r"(?-u:\b)(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}(?-u:\b)",
            0,
        ),
        pattern(
            "a Google API key",
            r"(?-u:\b)AIza[0-9A-Za-z_\-]{35}(?-u:\b)",
            0,
        ),
        pattern(
            "a GitHub token",
            r"(?-u:\b)(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})(?-u:\b)",
            0,
        ),
        pattern(
            "a Slack token",
            r"(?-u:\b)xox[abposr]-[A-Za-z0-9-]{10,}(?-u:\b)",
            0,
        ),
        pattern(
            "a Stripe secret key",
            r"(?-u:\b)[sr]k_(?:live|test)_[A-Za-z0-9]{20,}(?-u:\b)",
            0,
        ),
        pattern(
            "a JSON web token",
            r"(?-u:\b)eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}",
            0,
        ),
        pattern(
            "a bearer token",
            r"(?i)(?-u:\b)bearer\s+([A-Za-z0-9._~+/=-]{20,})",
            1,
        ),
        pattern(
            "a password in a connection string",
            r"(?-u:\b)[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]*:([^\s@/]{3,})@[^\s/@]+",
            1,
        ),
        // The name may be part of a longer one (`DB_PASSWORD`,
        // `aws_secret_access_key`), and spaces may surround the `=` or `:`.
        pattern(
            "a password or secret assignment",
            r#"(?i)(?-u:\b)[A-Za-z0-9_.-]*?(?:password|passwd|pwd|secret|api[_-]?key|access[_-]?key|client[_-]?secret|auth[_-]?token)\s*[:=]\s*["']?([^\s"'`,;]{6,})"#,
            1,
        ),
    ]
});

/// Every pattern at once: one pass tells whether a file needs a closer
/// look (most files hold no secret).
static ANY: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new(PATTERNS.iter().map(|p| p.regex.as_str())).expect("secret patterns compile")
});

/// Values that are obviously not secrets, even after `password=`.
fn is_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    lower.starts_with('$')
        || lower.starts_with("{{")
        || lower.starts_with('<')
        || lower.contains("redacted")
        || lower.contains("example")
        || lower.contains("placeholder")
        || lower.contains("changeme")
        || lower.chars().all(|c| c == '*' || c == 'x' || c == '.')
}

/// The file to parse from after [`scan`].
pub(crate) struct Scanned {
    pub file: SourceFile,
    /// Whether secrets were masked in it: it is then not the file on disk.
    pub masked: bool,
}

/// Reports every likely secret in `file`, except those an allow pattern
/// matches, and returns the file to parse from then on: with each secret
/// masked when there are any. A secret is an error, so a masked file is
/// never published; every diagnostic about the file (any stage's, not just
/// these) then shows the masked text, so CI logs never repeat it.
pub(crate) fn scan(file: SourceFile, allow: &[Regex], d: &mut Diagnostics) -> Scanned {
    let as_read = |file| Scanned {
        file,
        masked: false,
    };
    let text: &str = &file.text;
    if !ANY.is_match(text) {
        return as_read(file);
    }
    let mut found: Vec<(std::ops::Range<usize>, &'static str)> = Vec::new();
    for pattern in PATTERNS.iter() {
        for captures in pattern.regex.captures_iter(text) {
            let Some(secret) = captures.get(pattern.group) else {
                continue;
            };
            if pattern.group > 0 && is_placeholder(secret.as_str()) {
                continue;
            }
            if allow.iter().any(|a| a.is_match(secret.as_str())) {
                continue;
            }
            if found
                .iter()
                .any(|(r, _)| r.start < secret.end() && secret.start() < r.end)
            {
                continue;
            }
            found.push((secret.range(), pattern.name));
        }
    }
    if found.is_empty() {
        return as_read(file);
    }
    let masked = mask(text, found.iter().map(|(r, _)| r.clone()));
    let shown = SourceFile::in_site(file.path.clone(), file.site_path.clone(), masked);
    found.sort_by_key(|(r, _)| r.start);
    d.extend(found.into_iter().map(|(range, name)| {
        Diagnostic::new(Code::LikelySecret, format!("this looks like {name}"))
            .at(&shown, range)
            .with_help(
                "remove it and rotate the credential: the site and the git history keep it. \
                 If it is not a secret, allow it in standin.toml: [check] allow_secrets = [\"<regex>\"]",
            )
    }));
    Scanned {
        file: shown,
        masked: true,
    }
}

/// File names that hold keys or credentials whatever their text says:
/// SSH private keys, and the extensions of key and credential stores.
const SECRET_NAMES: &[&str] = &[
    "id_rsa",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "credentials",
    "htpasswd",
    "kubeconfig",
];
const SECRET_EXTENSIONS: &[&str] = &["pem", "key", "p12", "pfx", "jks", "keystore", "kdbx", "ppk"];

/// Why a file a body links to or shows must not be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkedSecret {
    /// Its name is that of a key or credential file (`id_rsa`, `*.pem`).
    Name,
    /// Its text holds what looks like a credential: what, and on which
    /// line.
    Text { what: String, line: usize },
}

impl std::fmt::Display for LinkedSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkedSecret::Name => f.write_str("its name is that of a key or credential file"),
            LinkedSecret::Text { what, line } => write!(f, "line {line} looks like {what}"),
        }
    }
}

/// Why a file a body links to or shows (published under `files/`) must
/// not be published, if it must not: a name that keys and credential
/// stores have, or text that looks like a credential (the patterns a wrap
/// is scanned with, allow list and placeholders included).
pub(crate) fn in_linked_file(path: &str, bytes: &[u8], allow: &[Regex]) -> Option<LinkedSecret> {
    let name = path.rsplit('/').next().unwrap_or(path).to_ascii_lowercase();
    let extension = name.rsplit_once('.').map(|(_, e)| e);
    if SECRET_NAMES.contains(&name.as_str())
        || extension.is_some_and(|e| SECRET_EXTENSIONS.contains(&e))
    {
        return Some(LinkedSecret::Name);
    }
    // Binary files (images) hold no text to scan; a NUL says binary.
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let mut d = Diagnostics::new();
    let scanned = scan(SourceFile::new(path, text.into_owned()), allow, &mut d);
    if !scanned.masked {
        return None;
    }
    let first = d.iter().next()?;
    Some(LinkedSecret::Text {
        what: first
            .message
            .trim_start_matches("this looks like ")
            .to_string(),
        line: first.line_column().map_or(1, |(line, _)| line),
    })
}

/// `text` with each range replaced by its first four characters and `*`s of
/// the same byte length, so line and column numbers stay true.
fn mask(text: &str, ranges: impl Iterator<Item = std::ops::Range<usize>>) -> String {
    let mut out = text.to_string();
    for range in ranges {
        let secret = &text[range.clone()];
        let keep: usize = secret
            .char_indices()
            .nth(4)
            .map_or(secret.len(), |(i, _)| i);
        let replacement = format!("{}{}", &secret[..keep], "*".repeat(secret.len() - keep));
        out.replace_range(range, &replacement);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Vec<Diagnostic> {
        let mut d = Diagnostics::new();
        scan(SourceFile::new("w.md", text), &[], &mut d);
        d.into_iter().collect()
    }

    #[test]
    fn finds_common_credentials() {
        let cases = [
            "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
            "key AKIAABCDEFGHIJKLMNOP used",
            "export GITHUB_TOKEN=ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa1",
            "curl -H 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz123456'",
            "db password=hunter2hunter2",
            "api_key: \"q8w7e6r5t4y3\"",
            "slack xoxb-1234567890-abcdefghij",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop",
            "DATABASE_URL=postgres://app:S3cr3tPw@db.internal:5432/app",
            "cache at redis://:hunter22@cache-1:6379/0",
            "amqp://svc:p4ssw0rd!@mq.internal",
            "DB_PASSWORD: correcthorsebattery",
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz",
            "MY_SERVICE_API_KEY=q8w7e6r5t4y3u2",
        ];
        for text in cases {
            assert_eq!(scan_text(text).len(), 1, "missed: {text}");
        }
    }

    #[test]
    fn ignores_placeholders_and_prose() {
        for text in [
            "password=$DB_PASSWORD",
            "password: <redacted>",
            "api_key = \"{{ vault }}\"",
            "set the password in the vault, not here",
            "secret = ********",
            "the AKIA prefix means an access key",
            "postgres://app:${DB_PASSWORD}@db.internal/app",
            "see https://docs.example.com:8443/path@v2 for details",
            "ssh://git@github.com:22/org/repo",
            "DB_PASSWORD: <from vault>",
            "the aws_secret_access_key is rotated weekly",
        ] {
            assert!(scan_text(text).is_empty(), "false positive: {text}");
        }
    }

    #[test]
    fn linked_files_are_refused_by_name_or_by_what_they_hold() {
        let key = b"-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n";
        assert!(in_linked_file("notes/id_rsa", b"anything", &[]).is_some());
        assert!(in_linked_file("notes/Server.PEM", b"x", &[]).is_some());
        let found = in_linked_file("notes/deploy.log", key, &[]).unwrap();
        assert_eq!(found.to_string(), "line 1 looks like a private key");
        let log = b"deploy ok\nDB_PASSWORD: correcthorsebattery\n";
        assert_eq!(
            in_linked_file("notes/deploy.log", log, &[])
                .unwrap()
                .to_string(),
            "line 2 looks like a password or secret assignment"
        );
        assert_eq!(in_linked_file("notes/deploy.log", b"all fine\n", &[]), None);
        assert_eq!(
            in_linked_file("graph.png", b"\x89PNG\0\0password=hunter2hunter2", &[]),
            None
        );
    }

    #[test]
    fn allowed_patterns_pass_and_secrets_are_masked_in_output() {
        let file = SourceFile::new("w.md", "line one\ntoken AKIAABCDEFGHIJKLMNOP here\n");
        let allow = [Regex::new("^AKIAABCD").unwrap()];
        let mut d = Diagnostics::new();
        let kept = scan(file.clone(), &allow, &mut d);
        assert!(d.is_empty());
        assert!(!kept.masked);
        assert_eq!(kept.file.text, file.text);
        let parsed_from = scan(file, &[], &mut d);
        assert!(parsed_from.masked);
        let parsed_from = parsed_from.file;
        assert!(
            !parsed_from.text.contains("ABCDEFGHIJKLMNOP"),
            "the rest of the parse sees it masked"
        );
        let d = d.iter().next().unwrap();
        assert_eq!(d.line_column(), Some((2, 7)));
        let shown = &d.location.as_ref().unwrap().file.text;
        assert!(shown.contains("AKIA****************"), "{shown}");
        assert!(!shown.contains("ABCDEFGHIJKLMNOP"));
    }
}
