//! A person's name with something inside it that a tagger cuts at: a nickname (`Luis Gerardo "Jerry" Ortiz`,
//! `Luis Gerardo (Jerry) Ortiz`) or middle initials ("George H. W. Bush", "George H.W. Bush").
//!
//! A tagger reading word by word tends to stop at the quote mark or the initial's dot and start again after it,
//! leaving "Luis Gerardo", "Jerry" and "Ortiz" as three names, the last one often mistyped, or "George H" and
//! "W. Bush", which would then pass for George W. Bush. Joined, the whole name resolves as one person.

use super::gazetteer::GAZETTEER;
use super::model::{Label, NameMention, Span};

/// Marks that open a nickname inside a name, with the mark that closes each.
const OPENERS: &[(char, char)] = &[
    ('"', '"'),
    ('\u{201c}', '\u{201d}'),
    ('\u{2018}', '\u{2019}'),
    ('\'', '\''),
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
    // A name of one or two words that a nickname in quotes and a surname follow is a person's, whatever the
    // tagger made of it ("Tamsin 'Tam' Orrick"); before brackets it must open with a given name.
    let person = |name: &NameMention| {
        let surface = name.span.of(text);
        let first = surface.split(' ').next().unwrap_or("");
        let quoted = text
            .get(name.span.end..)
            .and_then(|rest| rest.strip_prefix(' ')?.chars().next())
            .is_some_and(|c| c != '(' && OPENERS.iter().any(|(open, _)| *open == c));
        name.label == Label::Person
            || GAZETTEER.is_first_name(first)
            || (quoted && surface.split(' ').count() <= 2)
    };
    widen_people(names, |name| {
        person(name)
            .then(|| nicknamed_end(text, name.span.end))
            .flatten()
    })
}

/// `names` (sorted, apart) with every name widened to where `end_of` says a person's name there really ends,
/// swallowing the names inside; a name that would only partly fall inside keeps things as they were.
fn widen_people(
    names: Vec<NameMention>,
    end_of: impl Fn(&NameMention) -> Option<usize>,
) -> Vec<NameMention> {
    let mut out: Vec<NameMention> = Vec::with_capacity(names.len());
    let mut names = names.into_iter().peekable();
    while let Some(name) = names.next() {
        let end = end_of(&name);
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
    let surname = surname_at(text, text.len() - after.len())?;
    let word = surname.of(text);
    // Plain single quotes also mark titles in headlines ("Gary Ross 'Catching Fire' Negotiations Continue"): there
    // the word after the surname is no capitalised one.
    let next_capitalised = text[surname.end..]
        .strip_prefix(' ')
        .is_some_and(|rest| rest.starts_with(char::is_uppercase));
    if open == '\'' && next_capitalised {
        return None;
    }
    (word.chars().count() >= 2 && name_like(word)).then_some(surname.end)
}

/// The word one space after `at` that may be a surname: letters, hyphens and apostrophes, without a possessive.
fn surname_at(text: &str, at: usize) -> Option<Span> {
    let surname = text.get(at..)?.strip_prefix(' ')?;
    let len = surname
        .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '\''))
        .unwrap_or(surname.len());
    let word = surname[..len].trim_end_matches("'s").trim_end_matches('\'');
    Some(Span::new(at + 1, at + 1 + word.len()))
}

/// `names` (sorted, apart) with every person's name that middle initials and a surname follow widened over them,
/// and any name inside them dropped: "George H" and "W. Bush" become "George H. W. Bush".
///
/// # Examples
/// ```
/// use corroborate::analysis::model::{Label, NameMention, Span};
/// use corroborate::analysis::quoted;
///
/// let text = "President George H. W. Bush spoke.";
/// let found = vec![
///     NameMention { label: Label::Person, span: Span::new(10, 18) },
///     NameMention { label: Label::Person, span: Span::new(20, 27) },
/// ];
/// let joined = quoted::join_initials(text, found);
/// assert_eq!(joined.len(), 1);
/// assert_eq!(joined[0].span.of(text), "George H. W. Bush");
/// ```
pub fn join_initials(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    widen_people(names, |name| {
        (name.label == Label::Person)
            .then(|| initials_end(text, name.span))
            .flatten()
    })
}

/// Where the name at `span` ends when it is cut inside its middle initials: the initials that follow it (with the
/// dot of one it ends in) and a capitalised surname after them.
fn initials_end(text: &str, span: Span) -> Option<usize> {
    let surface = span.of(text);
    let last = surface.rsplit(' ').next()?;
    let opens_with_given = surface
        .split(' ')
        .next()
        .is_some_and(|first| GAZETTEER.is_first_name(first));
    // A one-word name goes on over initials only when it is a given name ("Marta J. Quill").
    if surface.split(' ').count() < 2 && !surface.contains('.') && !opens_with_given {
        return None;
    }
    let mut initials = 0;
    let mut at = span.end;
    // A name cut before an initial's dot ("George H") or one that ends in its initials ("George H.W.").
    // The dot after a lone capital may end a sentence ("Plan B. Johnson said"), so only a name that opens with a
    // given name takes it as an initial's.
    let lone_capital =
        last.len() == 1 && last.starts_with(|c: char| c.is_ascii_uppercase()) && opens_with_given;
    if lone_capital && text.get(at..)?.starts_with('.') {
        at += 1;
        initials += 1;
    } else if is_initials(last) {
        initials += 1;
    }
    loop {
        let rest = text.get(at..)?;
        let word = rest.strip_prefix(' ').unwrap_or(rest);
        let letter = word.chars().next().filter(char::is_ascii_uppercase);
        if letter.is_none() || word.get(1..2) != Some(".") {
            break;
        }
        at += rest.len() - word.len() + 2;
        initials += 1;
    }
    if initials == 0 {
        return None;
    }
    let surname = surname_at(text, at)?;
    let word = surname.of(text);
    let name_like = word.chars().count() >= 2
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase);
    name_like.then_some(surname.end)
}

/// Whether a word is initials with their dots ("H.W.", "J.").
fn is_initials(word: &str) -> bool {
    !word.is_empty()
        && word
            .split_terminator('.')
            .all(|p| p.len() == 1 && p.starts_with(|c: char| c.is_ascii_uppercase()))
        && word.ends_with('.')
}
