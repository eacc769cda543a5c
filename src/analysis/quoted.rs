//! A person's name with a nickname inside it: `Luis Gerardo "Jerry" Ortiz`, `Luis Gerardo (Jerry) Ortiz`.
//!
//! A tagger reading word by word tends to stop at the quote mark and start again after it, leaving "Luis Gerardo",
//! "Jerry" and "Ortiz" as three names, the last one often mistyped. Joined, the whole name resolves as one person
//! with the short full name ("Jerry Ortiz") and the surname of other articles.

use super::gazetteer::GAZETTEER;
use super::model::{Label, NameMention, Span};

/// Marks that open a nickname inside a name, with the mark that closes each.
const OPENERS: &[(char, char)] = &[
    ('"', '"'),
    ('\u{201c}', '\u{201d}'),
    ('\u{2018}', '\u{2019}'),
    ('(', ')'),
];

/// Most words in a nickname: a longer run in quotes is a quotation, not a name.
const MAX_NICKNAME_WORDS: usize = 2;

/// `names` (sorted, apart) with every person's name that a quoted or bracketed nickname and a capitalised surname
/// follow widened over both, and any name inside them dropped.
///
/// # Examples
/// ```
/// use corroborate::analysis::model::{Label, NameMention, Span};
/// use corroborate::analysis::quoted;
///
/// let text = "Deputy Luis Gerardo \"Jerry\" Ortiz, 35, was shot.";
/// let found = vec![
///     NameMention { label: Label::Person, span: Span::new(7, 19) },
///     NameMention { label: Label::Gpe, span: Span::new(28, 33) },
/// ];
/// let joined = quoted::join(text, found);
/// assert_eq!(joined.len(), 1);
/// assert_eq!(joined[0].span.of(text), "Luis Gerardo \"Jerry\" Ortiz");
/// ```
pub fn join(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    let mut out: Vec<NameMention> = Vec::with_capacity(names.len());
    let mut names = names.into_iter().peekable();
    while let Some(name) = names.next() {
        let end = (name.label == Label::Person)
            .then(|| nicknamed_end(text, name.span.end))
            .flatten();
        let Some(end) = end else {
            out.push(name);
            continue;
        };
        let mut inside = Vec::new();
        while let Some(next) = names.next_if(|n| n.span.start < end) {
            inside.push(next);
        }
        if inside.iter().all(|n| n.span.end <= end) {
            out.push(NameMention {
                label: Label::Person,
                span: Span::new(name.span.start, end),
            });
        } else {
            out.push(name);
            out.extend(inside);
        }
    }
    out
}

/// Where a name that ends at `at` ends when a nickname in quotes or brackets and a capitalised surname follow it.
fn nicknamed_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    let open = rest.chars().next()?;
    let &(_, close) = OPENERS.iter().find(|(o, _)| *o == open)?;
    let inner_start = open.len_utf8();
    let inner_len = rest[inner_start..].find(close)?;
    let nickname = &rest[inner_start..inner_start + inner_len];
    let words: Vec<&str> = nickname.split(' ').collect();
    let name_like = |w: &str| {
        w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
    };
    if words.len() > MAX_NICKNAME_WORDS || !words.iter().all(|w| name_like(w)) {
        return None;
    }
    // Brackets after a name hold many things ("Erik Dekker (Netherlands) Rabobank"): only a given name or
    // initials in them make a nickname.
    let initials = |w: &str| w.len() > 1 && w.split_terminator('.').all(|p| p.chars().count() == 1);
    if open == '('
        && !words
            .iter()
            .all(|w| GAZETTEER.is_first_name(w) || initials(w))
    {
        return None;
    }
    let after = &rest[inner_start + inner_len + close.len_utf8()..];
    let surname = after.strip_prefix(' ')?;
    let len = surname
        .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
        .unwrap_or(surname.len());
    // A possessive after the surname is not part of it.
    let word = surname[..len].trim_end_matches("'s").trim_end_matches('\'');
    if word.chars().count() < 2 || !name_like(word) {
        return None;
    }
    Some(text.len() - surname.len() + word.len())
}
