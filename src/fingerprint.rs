//! A fast, stable content hash (XXH3, 64 bits), for cache-busting asset
//! URLs and for telling which output files changed. Not cryptographic; it
//! only has to be fast and the same on every machine and every release.

/// The XXH3-64 hash of `bytes`.
pub(crate) fn fingerprint(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Reference values of the XXH3 specification.
        assert_eq!(fingerprint(b""), 0x2d06_8005_38d3_94c2);
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
