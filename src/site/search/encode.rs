//! Lists of document numbers as short text, for the browser to read with a
//! few lines of JavaScript (`search.js`, `readList`).
//!
//! A list is a run of numbers; each number is written in base 32, most
//! significant digit first, as characters of [`DIGITS`]: a digit `d` that
//! ends its number is `DIGITS[d]`, one followed by more is `DIGITS[32 + d]`.
//! Documents are written as the gap from the previous one (less one, so
//! consecutive documents cost nothing), and a posting folds its weight into
//! the same number: `(gap - 1) * 16 + weight`. A term found in every
//! other document costs one character per document.

/// The digits: none needs escaping in a JavaScript string.
pub(crate) const DIGITS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Weights are below this.
pub(crate) const WEIGHTS: u32 = 16;

fn push_number(out: &mut String, n: u64) {
    let mut digits = [0u8; 13];
    let mut len = 0;
    let mut rest = n;
    loop {
        digits[len] = (rest % 32) as u8;
        len += 1;
        rest /= 32;
        if rest == 0 {
            break;
        }
    }
    for i in (0..len).rev() {
        let more = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[usize::from(digits[i] + more)] as char);
    }
}

/// A term's postings, written as they are added (documents ascending):
/// the index holds each term's list in this form, a few bytes a posting.
#[derive(Debug, Clone)]
pub(crate) struct PostingList {
    text: String,
    previous: i64,
}

impl Default for PostingList {
    fn default() -> Self {
        PostingList {
            text: String::new(),
            previous: -1,
        }
    }
}

impl PostingList {
    /// Adds `doc`, which is after every document added so far.
    pub(crate) fn push(&mut self, doc: u32, weight: u8) {
        debug_assert!(i64::from(doc) > self.previous && u32::from(weight) < WEIGHTS);
        let gap = (i64::from(doc) - self.previous - 1) as u64;
        push_number(&mut self.text, gap * u64::from(WEIGHTS) + u64::from(weight));
        self.previous = i64::from(doc);
    }
}

impl AsRef<str> for PostingList {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

/// Ascending documents with their weights.
#[cfg(test)]
pub(crate) fn postings(docs: impl IntoIterator<Item = (u32, u8)>) -> String {
    let mut list = PostingList::default();
    for (doc, weight) in docs {
        list.push(doc, weight);
    }
    list.text
}

/// Ascending documents.
pub(crate) fn documents(docs: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    let mut previous: i64 = -1;
    for doc in docs {
        debug_assert!(i64::from(doc) > previous);
        push_number(&mut out, (i64::from(doc) - previous - 1) as u64);
        previous = i64::from(doc);
    }
    out
}

/// The numbers of a list, as `search.js` reads them; `None` if it is not
/// one.
#[cfg(test)]
pub(crate) fn numbers(text: &str) -> Option<Vec<u64>> {
    let mut out = Vec::new();
    let mut n: u64 = 0;
    let mut open = false;
    for c in text.bytes() {
        let d = DIGITS.iter().position(|&x| x == c)? as u64;
        n = n.checked_mul(32)? + d % 32;
        open = d >= 32;
        if !open {
            out.push(n);
            n = 0;
        }
    }
    (!open).then_some(out)
}

/// Reads a list written by [`postings`].
#[cfg(test)]
pub(crate) fn read_postings(text: &str) -> Option<Vec<(u32, u8)>> {
    let mut doc: i64 = -1;
    numbers(text)?
        .into_iter()
        .map(|n| {
            doc += (n / u64::from(WEIGHTS)) as i64 + 1;
            Some((u32::try_from(doc).ok()?, (n % u64::from(WEIGHTS)) as u8))
        })
        .collect()
}

/// Reads a list written by [`documents`].
#[cfg(test)]
pub(crate) fn read_documents(text: &str) -> Option<Vec<u32>> {
    let mut doc: i64 = -1;
    numbers(text)?
        .into_iter()
        .map(|n| {
            doc += n as i64 + 1;
            u32::try_from(doc).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_documents_cost_one_character() {
        let text = postings([(0, 15), (1, 4), (2, 7)]);
        assert_eq!(text.len(), 3);
        assert_eq!(read_postings(&text), Some(vec![(0, 15), (1, 4), (2, 7)]));
        assert_eq!(documents([0, 1, 2, 3]), "AAAA");
    }

    #[test]
    fn lists_round_trip() {
        let docs = [(5, 4), (6, 15), (40, 9), (100_000, 12), (4_000_000_000, 0)];
        assert_eq!(read_postings(&postings(docs)), Some(docs.to_vec()));
        let plain = [0, 31, 32, 33, 1023, 1024, 1_000_000];
        assert_eq!(read_documents(&documents(plain)), Some(plain.to_vec()));
        assert_eq!(read_documents(""), Some(vec![]));
    }

    #[test]
    fn digits_are_unique_and_a_cut_list_is_refused() {
        for (i, a) in DIGITS.iter().enumerate() {
            assert!(!DIGITS[i + 1..].contains(a));
        }
        // `g` (32 + 0) promises another digit.
        assert_eq!(numbers("g"), None);
        assert_eq!(numbers("gA"), Some(vec![0]));
        assert_eq!(numbers("B?"), None);
    }
}
