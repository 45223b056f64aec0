//! Stable diagnostic codes. Each names one kind of problem, so CI logs and
//! docs can refer to it; the code never changes once published.

use super::Level;

macro_rules! codes {
    ($($variant:ident = $code:literal, $level:ident, $doc:literal;)*) => {
        /// A stable identifier for a kind of problem.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in code order.
            #[cfg(test)]
            pub(crate) const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `E007`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The level a diagnostic of this code has.
            pub fn level(self) -> Level {
                match self { $(Code::$variant => Level::$level,)* }
            }

        }
    };
}

codes! {
    ReadFailed = "E001", Error, "A file could not be read.";
    NotUtf8 = "E002", Error, "A file is not valid UTF-8.";
    FrontMatterMissing = "E003", Error, "A file does not start with a `+++` front matter block.";
    FrontMatterUnclosed = "E004", Error, "The front matter block has no closing `+++` line.";
    FrontMatterEmpty = "E005", Error, "The front matter block is empty.";
    TomlSyntax = "E006", Error, "The front matter or config is not valid TOML.";
    UnknownKey = "E007", Error, "A key that standin does not know.";
    WrongType = "E008", Error, "A value of the wrong type (a number where text is expected, ...).";
    BadValue = "E009", Error, "A value outside the allowed set or format.";
    MissingKey = "E010", Error, "A required key is missing.";
    BadDate = "E011", Error, "A date that cannot be placed in time.";
    UnknownTeam = "E012", Error, "A team that standin.toml does not list.";
    UnknownRisk = "E013", Error, "An update to a risk that no earlier wrap raised.";
    UnknownDecision = "E014", Error, "`supersedes` names a decision that does not exist.";
    DecisionConflict = "E015", Error, "One decision id used for two different decisions.";
    SupersedesCycle = "E016", Error, "Decisions that supersede each other in a cycle.";
    LikelySecret = "E017", Error, "Text that looks like a credential.";
    Config = "E018", Error, "The site configuration is missing or invalid.";
    Template = "E019", Error, "A template failed to parse or render.";
    Output = "E020", Error, "The output directory could not be written.";
    DuplicateEntry = "E021", Error, "The same risk or decision id twice in one file.";
    BadId = "E022", Error, "An id that cannot be used in a URL.";
    Serve = "E023", Error, "`standin serve` could not start: the address is taken, or the site cannot be watched.";
    PeopleClash = "E024", Error, "Two people in `[people]` answer to the same name.";
    UnknownItem = "E025", Error, "An acknowledgement names an ask that no earlier wrap handed over.";
    UnknownIncident = "E027", Error, "An update to an incident that no earlier wrap opened.";
    NoBrief = "E028", Error, "`standin brief` was asked for a day without a brief (no wrap was written that day), or the site has no wraps.";
    ChangedDuringBuild = "E029", Error, "A wrap changed while the site was being built from it (its body is read again for its page and search); build again.";
    DateWithoutOffset = "W001", Warning, "A date without a UTC offset, read in the site time zone.";
    FutureDate = "W002", Warning, "A date after the build's as-of day.";
    EmptyWrap = "W003", Warning, "A wrap with no summary and no sentence in its body.";
    NoBaseUrl = "W004", Warning, "No `base_url`: feeds and sitemap need absolute URLs and are skipped.";
    UrlCollision = "W005", Warning, "Two wraps by one author in the same minute; the later gets a suffix.";
    FilteredTag = "W006", Warning, "A raw `<script>`, `<style>`, ... tag in the text, shown as text (GitHub's tag filter).";
    IllegalCharacter = "W007", Warning, "A character XML does not allow (a control character, U+FFFE, U+FFFF); feeds and the sitemap leave it out.";
    UnknownReceiver = "W011", Warning, "An ask addressed to a team or person standin does not know.";
    Unacknowledged = "W012", Warning, "An ask its receiver let a shift pass without acknowledging.";
    SkippedSymlink = "W008", Warning, "A symlink in the site, skipped: nothing is read through symlinks.";
    OffsetOutsideTeamZone = "W009", Warning, "A wrap's `date` is written with a UTC offset its team's zone (`[teams.<team>] timezone`) never has that year, neither at that instant nor in its other (daylight-saving) season.";
    UnpublishableName = "W010", Warning, "A file of the site skipped because its name cannot be read back or published (not UTF-8, a backslash, a control character in a static file), or a static file at the path of a file the pages link to.";
    LenientRecord = "W014", Warning, "Part of a decision record in another tool's format (adr-tools, MADR, log4brains) cannot be read: a date, front matter that is not YAML or is past the YAML reader's limits (nesting, aliases, size), a relation to no record, a file with no title; the record is shown without it.";
    DecisionFolder = "W015", Warning, "A decision folder named by `.adr-dir` or `.log4brains.yml` that cannot be read or lies outside the site.";
    RefusedLink = "W016", Warning, "A link that is never published as a link: a scheme other than http, https or mailto (`javascript:`), a URL starting with `//`, or a URL with a user name or password; its text is shown without the link. (A path in one-line text, an ask or a note, was one too until it was resolved as a body's links are.)";
    BrokenReference = "W013", Warning, "A relative link or image to a file that does not exist, or that lies outside the site; its text is shown without the link.";
    UntouchedScaffold = "W017", Warning, "A wrap that says nothing (a scaffold nobody filled in): not published; the rest of the site builds without it. Error E026 (retired) before.";
    RiskWithoutOwner = "W018", Warning, "A high or critical risk, still active, with no owner or no mitigation: who acts on it, and what is the fallback? (`[lint] risk_owner = false` turns it off)";
    IncidentWithoutCommand = "W019", Warning, "An ongoing incident with no commander, or whose latest word has no status note: who leads it, and where does it stand? (`[lint] incident_command = false`)";
    BlockerWithoutAsk = "W020", Warning, "A wrap makes a risk a blocker but hands over no ask: work is stopped and nobody is asked to unblock it (`[lint] blocker_ask = false`)";
    SimilarDecision = "W021", Warning, "A decision that supersedes nothing while an accepted decision with a similar title stands: does it replace it? (`[lint] similar_decision = false`)";
    VagueAsk = "W022", Warning, "An ask that names a thing but no action (`the thing`, `that ticket`): the next shift cannot tell what to do (`[lint] vague_ask = false`)";
    CommitDate = "W023", Warning, "A wrap whose date is more than a day from the date of the commit that added it: a wrong date, or a handover written long after the shift (`[lint] commit_date = false`)";
}

/// Codes no longer emitted. Their numbers are never given to another
/// problem: a CI log, a script or a page of docs that names one must not
/// come to mean something else.
#[cfg(test)]
const RETIRED: &[&str] = &[
    // An untouched scaffold, an error until it became warning W017.
    "E026",
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn retired_codes_are_never_reused() {
        for code in Code::ALL {
            assert!(
                !RETIRED.contains(&code.as_str()),
                "{code:?} reuses a retired code"
            );
        }
    }

    #[test]
    fn codes_are_unique_and_prefixed_by_level() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {}", code.as_str());
            let prefix = match code.level() {
                Level::Error => 'E',
                Level::Warning => 'W',
            };
            assert!(code.as_str().starts_with(prefix), "{code:?}");
        }
    }
}
