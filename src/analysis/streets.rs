//! Numbered streets: "117th Street", "97th Avenue and 117th Street", "W. 42nd St.".
//!
//! A name finder that starts names at capitalised words never opens one at a number, so a street named by an
//! ordinal goes unfound or leaves a bare "Street". An ordinal followed by a capitalised street word is a street's
//! name, typed a facility like other streets and buildings.

use super::model::{Label, NameMention, Span};

/// Words that end a street's name after its ordinal, as written.
const STREET_WORDS: &[&str] = &[
    "Street",
    "St.",
    "St",
    "Avenue",
    "Ave.",
    "Ave",
    "Road",
    "Rd.",
    "Boulevard",
    "Blvd.",
    "Place",
    "Drive",
    "Lane",
    "Parkway",
    "Terrace",
];

/// Ordinal suffixes, after the digits ("117th", "21st").
const SUFFIXES: &[&str] = &["st", "nd", "rd", "th"];

/// `names` (sorted, apart) with every numbered street added, over any name that lies inside it (a bare "Street");
/// a street that a longer name holds or crosses is left to that name.
///
/// # Examples
/// ```
/// use corroborate::analysis::streets;
/// let text = "The crash happened at 97th Avenue and 117th Street.";
/// let found = streets::join(text, Vec::new());
/// let spans: Vec<&str> = found.iter().map(|n| n.span.of(text)).collect();
/// assert_eq!(spans, ["97th Avenue", "117th Street"]);
/// ```
pub fn join(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    let streets = numbered_streets(text);
    if streets.is_empty() {
        return names;
    }
    let mut out: Vec<NameMention> = names
        .into_iter()
        .filter(|n| !streets.iter().any(|s| s.contains(n.span)))
        .collect();
    for street in streets {
        if !out.iter().any(|n| n.span.overlaps(street)) {
            out.push(NameMention {
                label: Label::Fac,
                span: street,
            });
        }
    }
    out.sort_by_key(|n| n.span.start);
    out
}

/// The spans of every ordinal and street word that follows it, in text order.
fn numbered_streets(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        if !(starts_word && bytes[i].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let digits_end = i + bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        let rest = &text[digits_end..];
        let ordinal_end = SUFFIXES
            .iter()
            .find(|s| rest.starts_with(**s))
            .map(|s| digits_end + s.len());
        let street_end = ordinal_end.and_then(|end| {
            let after = text[end..].strip_prefix(' ')?;
            let word = STREET_WORDS.iter().find(|w| {
                after.starts_with(**w)
                    && !after[w.len()..].starts_with(|c: char| c.is_alphanumeric())
            })?;
            Some(end + 1 + word.len())
        });
        match street_end {
            Some(end) => {
                found.push(Span::new(i, end));
                i = end;
            }
            None => i = digits_end,
        }
    }
    found
}
