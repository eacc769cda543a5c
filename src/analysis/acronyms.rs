//! Acronyms in running text: "THR is reporting that ...", "according to NCPA figures".
//!
//! A word written all in capitals inside a sentence in ordinary case is nearly always an acronym, and an acronym
//! in news nearly always names an organisation, a place or a group. A tagger trained on mixed-case text misses
//! some of them, most of all the ones it never saw. Words in capitals that are no names (job titles, units,
//! times of day, "TV", "GDP") are kept out by a list, as are common words in capitals ("NOTE", "TAX") and a
//! field's label before a colon; a line written all in capitals (a headline) proposes nothing, since every word
//! there is in capitals.

use super::gazetteer::GAZETTEER;
use super::model::{Label, NameMention, Span};
use super::segment::whole_words;
use rustc_hash::FxHashMap as HashMap;

/// Words in capitals that news writes in running text but that name nothing.
const NOT_NAMES: &[&str] = &[
    "AM", "PM", "TV", "OK", "CEO", "CFO", "COO", "CTO", "GDP", "GMT", "UTC", "EST", "EDT", "PST",
    "PDT", "CST", "CDT", "BST", "DNA", "HIV", "AIDS", "ID", "PC", "USB", "MP", "MPS", "CCTV",
    "ATM", "SUV", "VIP", "DJ", "IQ", "PR", "HR", "IT", "AI", "FAQ", "PDF", "URL", "GPS", "LED",
    "IPO", "CV", "RIP", "PS", "NB", "AD", "BC", "BCE", "CE", "MPH", "KPH", "KM", "KG", "MW", "GW",
    "KW", "MB", "GB", "TB", "ER", "ICU", "PTSD", "DUI", "DWI", "MVP", "NO", "YES", "II", "III",
    "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "COVID", "SARS", "MERS", "ADHD", "MRI", "CT",
    "EMS", "EMT", "SWAT", "RPG", "IED", "IEDS", "WMD", "SMS", "NGO", "NGOS", "LGBT", "LGBTQ",
    "GMO", "ASAP", "DIY", "FYI", "KO", "TKO", "CET", "CEST", "MSK", "AEST", "AEDT",
];

/// Time zones that are no name only after a clock time ("10:04 PM ET"): elsewhere they may be one ("CT" for
/// Connecticut, "PT" in a company's name) or a common abbreviation. Zones that are never names ("GMT", "EST") are
/// in [`NOT_NAMES`].
const CLOCK_ZONES: &[&str] = &["ET", "CT", "MT", "MST", "MDT", "PT", "IST", "JST"];

/// Whether the capitals at `span` are no name: a word of the list of capitals that name nothing, or a time zone
/// right after a clock time.
///
/// # Examples
/// ```
/// use corroborate::analysis::{acronyms, Span};
/// let text = "Updated 10:04 PM ET by the CT desk; the GMT line.";
/// assert!(acronyms::names_nothing(text, Span::new(17, 19)));
/// assert!(!acronyms::names_nothing(text, Span::new(27, 29)));
/// assert!(acronyms::names_nothing(text, Span::new(40, 43)));
/// ```
pub fn names_nothing(text: &str, span: Span) -> bool {
    let Some(word) = text.get(span.start..span.end) else {
        return false;
    };
    if !CLOCK_ZONES.contains(&word) {
        return NOT_NAMES.contains(&word);
    }
    let before = text[..span.start].trim_end_matches([' ', '(']);
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    last.ends_with(|c: char| c.is_ascii_digit())
        || ["am", "pm", "a.m.", "p.m."]
            .iter()
            .any(|m| last.ends_with(m))
}

/// Fewest and most letters in an acronym taken from running text.
const LETTERS: std::ops::RangeInclusive<usize> = 2..=6;

/// `names` (sorted, apart) with every acronym of running text that no name covers added, when the article writes
/// it twice or spells it out in brackets, typed by the word lists when they know it ("US" a place) and as an
/// organisation otherwise.
///
/// # Examples
/// ```
/// use corroborate::analysis::acronyms;
/// let text = "Sources tell THR that a deal is close. THR says the TV rights were sold at 9 PM.";
/// let found = acronyms::join(text, Vec::new());
/// let spans: Vec<&str> = found.iter().map(|n| n.span.of(text)).collect();
/// assert_eq!(spans, ["THR", "THR"]);
/// ```
pub fn join(text: &str, mut names: Vec<NameMention>) -> Vec<NameMention> {
    let mut added = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        // A line without a lower-case word is a headline or a label, where capitals say nothing.
        let running = line
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.chars().count() > 1 && w.chars().all(char::is_lowercase));
        if running {
            added.extend(in_line(line, line_start, &names));
        }
        line_start += line.len();
    }
    // One use alone may be emphasis ("CRUDE OIL", "ERA"); an acronym is written again, or spelt out first in
    // brackets ("(NAPM)"). Each word's uses are counted once, however often it was proposed.
    let mut uses: HashMap<&str, usize> = HashMap::default();
    added.retain(|n| {
        let word = n.span.of(text);
        let (before, after) = (&text[..n.span.start], &text[n.span.end..]);
        let count = *uses
            .entry(word)
            .or_insert_with(|| whole_words(text, word).count());
        (before.ends_with('(') && after.starts_with(')')) || count >= 2 || word.contains('&')
    });
    if added.is_empty() {
        return names;
    }
    // Pieces of a firm's initials the tagger named ("G" and "C" of "G&C") give way to the whole.
    names.retain(|n| !added.iter().any(|a| a.span.contains(n.span)));
    names.extend(added);
    names.sort_by_key(|n| n.span.start);
    names
}

/// The acronyms of one line that starts at `offset`, where no name already lies.
fn in_line(line: &str, offset: usize, names: &[NameMention]) -> Vec<NameMention> {
    let mut found = Vec::new();
    let mut start = None;
    for (i, c) in line
        .char_indices()
        .chain(std::iter::once((line.len(), ' ')))
    {
        if c.is_alphanumeric() || matches!(c, '-' | '&' | '$' | '/' | '.') {
            start.get_or_insert(i);
            continue;
        }
        let Some(s) = start.take() else {
            continue;
        };
        let word = &line[s..i];
        let letters = word.len();
        // Initials joined by an ampersand name a firm ("G&C", "P&O"); the tagger reads them as two names.
        let joined = word.contains('&') && !word.starts_with('&') && !word.ends_with('&');
        if !LETTERS.contains(&letters)
            || !word
                .bytes()
                .all(|b| b.is_ascii_uppercase() || (joined && b == b'&'))
            || NOT_NAMES.contains(&word)
        {
            continue;
        }
        // A common word in capitals ("NOTE", "TAX") is emphasis, and a word before a colon a field's label.
        if GAZETTEER.is_common(&word.to_lowercase()) || line[i..].starts_with(':') {
            continue;
        }
        let span = Span::new(offset + s, offset + i);
        if names
            .iter()
            .any(|n| n.span.overlaps(span) && !(joined && span.contains(n.span)))
        {
            continue;
        }
        let label = match GAZETTEER.name(word) {
            Some(label @ (Label::Gpe | Label::Loc | Label::Norp)) => label,
            _ => Label::Org,
        };
        found.push(NameMention { label, span });
    }
    found
}
