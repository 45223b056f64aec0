//! A wrap's file as the build keeps it: its paths and a fingerprint, not
//! its text, which is read again when a page, search or a diagnostic
//! needs it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Locate, SourceFile};
use crate::fingerprint::fingerprint;

/// A wrap's file. A wrap does not keep its text: bodies were the largest
/// thing a build held (a fifth of its memory at 100,000 wraps), and only
/// the wrap page and search read them, once each. The text is read again
/// when it is needed, and used only if it is exactly what was parsed.
#[derive(Debug, Clone)]
pub(crate) struct WrapFile {
    /// The path as diagnostics show it.
    pub(crate) path: String,
    /// The path inside the site.
    pub(crate) site_path: String,
    /// Where it is on disk.
    on_disk: PathBuf,
    /// Of the text as parsed, after secrets were masked: a file changed
    /// since, or masked, never passes for what was parsed.
    print: u64,
    /// The text for diagnostics, read again at the first that needs it
    /// (`None`: it changed). Kept from the start when secrets were masked
    /// in it, so that diagnostics show the masked text.
    text: OnceLock<Option<SourceFile>>,
}

impl WrapFile {
    /// The file parsed from `file`, read from `on_disk`; `masked` when
    /// `file` is not the text on disk (secrets masked).
    pub(super) fn new(file: &SourceFile, on_disk: &Path, masked: bool) -> WrapFile {
        let text = OnceLock::new();
        if masked {
            let _ = text.set(Some(file.clone()));
        }
        WrapFile {
            path: file.path.clone(),
            site_path: file.site_path.clone(),
            on_disk: on_disk.to_path_buf(),
            print: fingerprint(file.text.as_bytes()),
            text,
        }
    }

    /// A file whose text stays in memory: for wraps made by tests, and
    /// for a wrap checked before it is written (`standin ack`), whose
    /// diagnostics quote the text that would be written.
    pub(crate) fn in_memory(file: SourceFile) -> WrapFile {
        WrapFile::new(&file, Path::new(""), true)
    }

    /// Keeps `file` (the text as read) for diagnostics, unless a masked
    /// text is kept already: for a file whose bytes are not on disk (the
    /// base revision of `standin diff`, read from git).
    pub(crate) fn keep_text(&mut self, file: SourceFile) {
        let _ = self.text.set(Some(file));
    }

    /// A fingerprint of the text as parsed: two wraps with the same one
    /// say the same, byte for byte (for `standin diff`, which tells edited
    /// wraps from untouched ones).
    pub(crate) fn print(&self) -> u64 {
        self.print
    }

    /// The whole file, exactly as parsed: read again from disk (or as
    /// kept); else an error that says it changed (the site is then built
    /// again: by hand, or by `serve` on its own). Not kept: a page or
    /// search needs it once.
    pub(crate) fn read_again(&self) -> Result<SourceFile, Box<Diagnostic>> {
        if let Some(Some(kept)) = self.text.get() {
            return Ok(kept.clone());
        }
        let changed = |what: String| {
            Box::new(
                Diagnostic::new(Code::ChangedDuringBuild, format!("{} {what}", self.path))
                    .at_path(self.path.clone())
                    .with_help(
                        "build again (`standin serve` rebuilds by itself when a file changes)",
                    ),
            )
        };
        let bytes = std::fs::read(&self.on_disk).map_err(|e| {
            changed(format!(
                "was read at the start of the build, but not again: {e}"
            ))
        })?;
        SourceFile::decode(
            self.path.clone(),
            self.site_path.clone(),
            &bytes,
            &mut Diagnostics::new(),
        )
        .filter(|file| fingerprint(file.text.as_bytes()) == self.print)
        .ok_or_else(|| changed("changed since the build read it".to_string()))
    }
}

impl Locate for WrapFile {
    /// The text for diagnostics, read again once and kept: a wrap with
    /// one diagnostic often has more.
    fn source(&self) -> Option<&SourceFile> {
        self.text.get_or_init(|| self.read_again().ok()).as_ref()
    }

    fn display_path(&self) -> &str {
        &self.path
    }

    fn site_path(&self) -> &str {
        &self.site_path
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::content::Wrap;

    fn config() -> Config {
        Config::parse(SourceFile::new("standin.toml", ""), &mut Diagnostics::new()).unwrap()
    }

    #[test]
    fn the_body_is_read_again_only_while_the_file_is_as_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text = "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\n+++\nFixed *it*.\n";
        std::fs::write(&path, text).unwrap();
        let mut d = Diagnostics::new();
        let file = SourceFile::new("wraps/a.md", text);
        let wrap = Wrap::parse(file, &path, &config(), &mut d).unwrap();
        // The text is not kept.
        assert!(wrap.file.text.get().is_none());
        assert_eq!(
            wrap.body_html(&config()).unwrap(),
            "<p>Fixed <em>it</em>.</p>\n"
        );
        std::fs::write(&path, text.replace("it", "that")).unwrap();
        let changed = wrap.body_html(&config()).unwrap_err();
        assert_eq!(changed.code, Code::ChangedDuringBuild);
        assert!(changed.message.contains("changed"), "{}", changed.message);
        std::fs::remove_file(&path).unwrap();
        assert!(wrap.body_html(&config()).is_err());
    }

    #[test]
    fn a_masked_secret_is_never_read_again_unmasked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text =
            "+++\nauthor = \"a\"\ndate = 2026-11-20T17:42:00Z\n+++\nkey AKIAABCDEFGHIJKLMNOP\n";
        std::fs::write(&path, text).unwrap();
        let mut d = Diagnostics::new();
        let file = SourceFile::new("wraps/a.md", text);
        let wrap = Wrap::parse(file, &path, &config(), &mut d).unwrap();
        assert!(d.iter().any(|x| x.code == Code::LikelySecret), "{d:?}");
        // What was parsed was masked, and is what diagnostics show; the
        // file on disk is never read in its place.
        let shown = wrap.file.source().unwrap();
        assert!(
            !shown.text.contains("AKIAABCDEFGHIJKLMNOP"),
            "{}",
            shown.text
        );
        std::fs::write(&path, text.replace("key", "the key")).unwrap();
        assert_eq!(wrap.file.read_again().unwrap().text, shown.text);
    }
}
