//! Datelines: the "PLACE, Region (Agency) -" opening of wire copy.
//!
//! Agency stories open with the place they were filed from in capitals, sometimes a region or a date, the
//! agency in brackets, and a dash: "MOSCOW (AP) —", "LONDON, March 5 (Reuters) -",
//! "PORT HALLORAN, Estravia (Meridian Wire) -". The place is a name the tagger reads badly (all capitals),
//! and the agency is the outlet when the file says nothing else, so both are read here, once, by position.

use super::model::Span;

/// The longest head, in bytes, read as a dateline; prose that happens to hold a dash further on is not one.
const MAX_HEAD: usize = 100;

/// The most words a place or an agency name has in a dateline.
const MAX_WORDS: usize = 5;

/// The parts of a dateline, as spans of the text it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dateline {
    /// The place in capitals ("PORT HALLORAN").
    pub place: Span,
    /// The region after the place when it is a name rather than a date ("Estravia").
    pub region: Option<Span>,
    /// The agency in brackets ("Meridian Wire").
    pub agency: Option<Span>,
    /// The whole dateline up to and including its dash.
    pub span: Span,
}

/// Finds the dateline that opens the text at `start` (whitespace skipped), or `None` when there is none.
///
/// # Examples
/// ```
/// use corroborate::analysis::dateline;
/// let text = "KYIV, Ukraine (AP) — Air raid sirens sounded.";
/// let found = dateline::find(text, 0).unwrap();
/// assert_eq!(found.place.of(text), "KYIV");
/// assert_eq!(found.region.map(|r| r.of(text)), Some("Ukraine"));
/// assert_eq!(found.agency.map(|a| a.of(text)), Some("AP"));
/// assert!(dateline::find("The toll rose - again.", 0).is_none());
/// let old = "NEW YORK _ Treasury securities rallied sharply.";
/// assert_eq!(dateline::find(old, 0).unwrap().place.of(old), "NEW YORK");
/// ```
pub fn find(text: &str, start: usize) -> Option<Dateline> {
    let rest = text.get(start..)?;
    let lead = rest.len() - rest.trim_start().len();
    let begin = start + lead;
    let line = text.get(begin..)?.lines().next()?;
    let (head_len, dash_end) = dash(line)?;
    // A dateline leads into prose; "SOCCER - JAPAN WIN" is a headline in capitals, not a dateline.
    let mut after = line.get(dash_end..)?.split_whitespace().take(2).peekable();
    after.peek()?;
    if !after.any(|w| w.chars().any(char::is_lowercase)) {
        return None;
    }
    let head = line.get(..head_len)?.trim_end();
    // The agency is a bracketed group that ends the head.
    let (before, agency) = match head.strip_suffix(')') {
        Some(open) => {
            let at = open.rfind('(')?;
            let inner = open.get(at + 1..)?;
            let offset = begin + at + 1 + (inner.len() - inner.trim_start().len());
            let name = inner.trim();
            if !is_agency(name) {
                return None;
            }
            (
                open.get(..at)?.trim_end(),
                Some(Span::new(offset, offset + name.len())),
            )
        }
        None => (head, None),
    };
    let (place, region) = match before.split_once(',') {
        Some((place, region)) => (place.trim_end(), Some(region)),
        None => (before, None),
    };
    if !is_capital_place(place) {
        return None;
    }
    let region = region.and_then(|r| {
        let name = r.trim();
        let offset = begin + before.len() - r.len() + (r.len() - r.trim_start().len());
        is_region(name).then(|| Span::new(offset, offset + name.len()))
    });
    Some(Dateline {
        place: Span::new(begin, begin + place.len()),
        region,
        agency,
        span: Span::new(begin, begin + dash_end),
    })
}

/// The head's length and the end of the dash, for the first dash in the first [`MAX_HEAD`] bytes.
fn dash(line: &str) -> Option<(usize, usize)> {
    // Older wire copy sets the dash as an underscore: "JERUSALEM (AP) _ A man was injured ...".
    const DASHES: [&str; 5] = [" -- ", " — ", " – ", " - ", " _ "];
    let (at, sep) = DASHES
        .iter()
        .filter_map(|d| line.find(d).map(|at| (at, *d)))
        .chain(
            // Some outlets set the em dash closed up: "MOSCOW (AP)—The ...".
            ["—", "–"]
                .iter()
                .filter_map(|d| line.find(d).map(|at| (at, *d))),
        )
        .min_by_key(|(at, _)| *at)?;
    (at > 0 && at <= MAX_HEAD).then_some((at, at + sep.len()))
}

/// Whether the words are a place set in capitals: letters in capitals with spaces, dots, hyphens and
/// apostrophes, at least two letters and at most [`MAX_WORDS`] words.
fn is_capital_place(place: &str) -> bool {
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && place.split_whitespace().count() <= MAX_WORDS
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
}

/// Whether the words after the place's comma name a region ("Estravia", "Calif.") rather than give a date.
fn is_region(region: &str) -> bool {
    !region.is_empty()
        && region.split_whitespace().count() <= MAX_WORDS
        && !region.chars().any(|c| c.is_ascii_digit())
        && region
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether a bracketed group reads as an agency's name ("AP", "Reuters", "Meridian Wire").
fn is_agency(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= MAX_WORDS
        && !name.chars().any(|c| c.is_ascii_digit())
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks the place, region and agency found at the start of `text`.
    fn check(text: &str, expected: Option<(&str, Option<&str>, Option<&str>)>) {
        let found = find(text, 0).map(|d| {
            (
                d.place.of(text),
                d.region.map(|r| r.of(text)),
                d.agency.map(|a| a.of(text)),
            )
        });
        assert_eq!(found, expected, "{text:?}");
    }

    #[test]
    fn datelines() {
        check(
            "MOSCOW (AP) — Gunmen opened fire.",
            Some(("MOSCOW", None, Some("AP"))),
        );
        check(
            "LONDON, March 5 (Reuters) - Shares fell.",
            Some(("LONDON", None, Some("Reuters"))),
        );
        check(
            "  PORT HALLORAN, Estravia (Meridian Wire) - The toll rose.",
            Some(("PORT HALLORAN", Some("Estravia"), Some("Meridian Wire"))),
        );
        check(
            "PORT HALLORAN - Twelve people died.",
            Some(("PORT HALLORAN", None, None)),
        );
        check(
            "SAN FRANCISCO, Calif. (AP)—A quake struck.",
            Some(("SAN FRANCISCO", Some("Calif."), Some("AP"))),
        );
        check("The toll rose - again.", None);
        check("Police said (AP) - nothing.", None);
        check("NATO - a short note.", Some(("NATO", None, None)));
        check("MOSCOW (at least 5 dead) - Gunmen fired.", None);
        check("", None);
        check("—", None);
        check("SOCCER - JAPAN GET LUCKY WIN .", None);
        check("MOSCOW (AP) — ", None);
        check("É - x", None);
        check("A - b", None);
        check("ÉVORA (Lusa) - x", Some(("ÉVORA", None, Some("Lusa"))));
    }
}
