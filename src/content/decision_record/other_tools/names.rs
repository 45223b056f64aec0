//! What a record's file name and title say: its id, its number, and
//! the day log4brains names it by.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::ids::{DecisionId, safe_slug};

/// A file's name without its folders and extension.
pub(super) fn file_stem(site_path: &str) -> &str {
    let name = site_path.rsplit('/').next().unwrap_or(site_path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// A record's id: its file stem (`0003-aws-networking-outline`), slugged
/// when it is no valid id, after its log4brains package's name.
pub(super) fn record_id(stem: &str, package: Option<&str>) -> Option<DecisionId> {
    let name = match package {
        Some(package) => format!("{package}-{stem}"),
        None => stem.to_string(),
    };
    DecisionId::new(name.clone())
        .ok()
        .or_else(|| DecisionId::new(safe_slug(&name)?).ok())
}

/// A title's number (`9. Use Redis`, `ADR-0009: Use Redis`) and the title
/// without it.
pub(super) fn split_number(title: &str) -> (Option<u32>, &str) {
    static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:ADR[-_ ]?)?(\d{1,6})\s*[.:)\-–]\s+(\S.*)$").expect("a valid regex")
    });
    match NUMBERED.captures(title) {
        Some(c) => (
            c[1].parse().ok(),
            c.get(2).map_or(title, |m| m.as_str().trim()),
        ),
        None => (None, title),
    }
}

/// What a file name's leading digits say: a number (`0009-x`), or the day
/// log4brains names files by (`20260102-x`).
pub(super) fn name_prefix(stem: &str) -> (Option<u32>, Option<NaiveDate>) {
    let digits: &str = &stem[..stem
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(stem.len())];
    if digits.is_empty() {
        return (None, None);
    }
    if digits.len() == 8
        && let Ok(day) = NaiveDate::parse_from_str(digits, "%Y%m%d")
    {
        return (None, Some(day));
    }
    (digits.parse().ok(), None)
}
