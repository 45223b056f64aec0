//! "Did you mean …?": the closest of the names a value could have been,
//! and the one place the words of the suggestion are written.

/// "did you mean `a`?", or "did you mean `a`, `b`?" for several names.
pub(crate) fn did_you_mean(names: &[&str]) -> String {
    format!("did you mean {}?", quoted_list(names))
}

/// Names as code, for hints: "`a`, `b`, `c`".
pub(crate) fn quoted_list<S: AsRef<str>>(names: &[S]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("`{}`", n.as_ref())).collect();
    names.join(", ")
}

/// "did you mean `x`?" for the candidate closest to `word` (case aside),
/// if one is close enough to be a typo of it.
pub(crate) fn suggest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|name| did_you_mean(&[name]))
}

/// "did you mean `x`, `y`?" for up to `n` candidates close enough to
/// `word` to be a typo of it, closest first.
pub(crate) fn suggest_n<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Option<String> {
    let near = closest_n(word, candidates, n);
    (!near.is_empty()).then(|| did_you_mean(&near))
}

/// The closest candidate to `word` by edit distance, for "did you mean"
/// hints; `None` when nothing is close enough to be a plausible typo.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = typo_limit(word);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// Up to `n` candidates close enough to `word` to be a typo of it, closest
/// first.
fn closest_n<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let limit = typo_limit(word);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// How many edits still make a plausible typo of `word`.
fn typo_limit(word: &str) -> usize {
    (word.chars().count() / 3).max(1) + 1
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_basics() {
        assert_eq!(edit_distance("severity", "severity"), 0);
        assert_eq!(edit_distance("sevrity", "severity"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_suggests_typos_only() {
        let keys = ["severity", "status", "owner", "title"];
        assert_eq!(closest("sevrity", keys), Some("severity"));
        assert_eq!(closest("Owner", keys), Some("owner"));
        assert_eq!(closest("zzzzzzzz", keys), None);
    }

    #[test]
    fn closest_n_keeps_only_plausible_typos() {
        let ids = [
            "payharbor-partial-capture",
            "bf-load-test-gap",
            "dst-cron-double-run",
        ];
        assert_eq!(
            closest_n("payharbor-partial-captur", ids, 3),
            ["payharbor-partial-capture"]
        );
        assert!(closest_n("zzz", ids, 3).is_empty());
    }

    #[test]
    fn suggestions_read_the_same_everywhere() {
        assert_eq!(did_you_mean(&["a"]), "did you mean `a`?");
        assert_eq!(did_you_mean(&["a", "b"]), "did you mean `a`, `b`?");
        assert_eq!(
            suggest("sevrity", ["severity", "status"]).as_deref(),
            Some("did you mean `severity`?")
        );
        assert_eq!(suggest("zzzzzzzz", ["severity"]), None);
        assert_eq!(
            suggest_n("db-dsk", ["db-disk", "db-disks", "cache"], 3).as_deref(),
            Some("did you mean `db-disk`, `db-disks`?")
        );
        assert_eq!(suggest_n("zzz", ["db-disk"], 3), None);
    }
}
