//! Files standin keeps in a site's `.standin-cache/`: one per output
//! directory and kind (the output hint, the build stamp), postcard-encoded.
//! Each only ever saves work, so one that is missing or does not decode is
//! simply not there, and failing to write one is ignored.

use std::fs;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::fingerprint::fingerprint;

/// Where the `kind` file for the output directory `output` (canonical,
/// as text) is kept: `<cache_dir>/<kind>-<fingerprint>.bin`.
pub(crate) fn path(cache_dir: &Path, kind: &str, output: &str) -> PathBuf {
    cache_dir.join(format!(
        "{kind}-{:016x}.bin",
        fingerprint(output.as_bytes())
    ))
}

/// The value in `file`, if it is there and decodes.
pub(crate) fn read<T: DeserializeOwned>(file: &Path) -> Option<T> {
    let bytes = fs::read(file).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// Replaces `file` with `value`, atomically (a temp file renamed over it).
pub(crate) fn write<T: Serialize>(file: &Path, value: &T) {
    let Ok(bytes) = postcard::to_stdvec(value) else {
        return;
    };
    let Some(dir) = file.parent() else { return };
    if fs::create_dir_all(dir).is_err() {
        return;
    }
    let temp = file.with_extension(format!("tmp-{}", std::process::id()));
    if fs::write(&temp, bytes).is_ok() && fs::rename(&temp, file).is_err() {
        let _ = fs::remove_file(&temp);
    }
}
