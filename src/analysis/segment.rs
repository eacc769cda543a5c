//! Splits an article body into sentences and tokens with byte spans.
//!
//! Boundaries come from Unicode's UAX #29 rules (unicode-segmentation, with an ASCII fast path for words in
//! [`super::words`]); on top of them, sentence breaks after abbreviations and initials ("U.S. Embassy", "Mr. Li",
//! "John F. Kennedy") are undone.

use super::model::{Segments, Sentence, Span, Token, TokenKind};
use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a full stop does not end the sentence when a name or word follows.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cpt", "maj", "gov", "sen",
    "rep", "st", "jr", "sr", "inc", "ltd", "co", "corp", "vs", "no", "nos", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "ave", "approx",
    "rev", "hon", "pres", "adm", "cmdr", "supt", "insp", "const", "det", "cpl", "atty", "asst",
    "lieut", "dept", "univ", "est", "fig", "vol", "pp", "etc", "e.g", "i.e", "u.s", "u.n", "u.k",
    "e.u", "a.m", "p.m",
];

/// The start of every occurrence of `word` in `text` that stands as a whole word: no letter or digit right before
/// or after it ("Sixers" in "the Sixers' coach", not in "76Sixers").
///
/// # Examples
/// ```
/// use corroborate::analysis::segment::whole_words;
/// let starts: Vec<usize> = whole_words("THR said THRs and THR.", "THR").collect();
/// assert_eq!(starts, [0, 18]);
/// ```
pub fn whole_words<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(word).filter_map(move |(at, _)| {
        let end = at + word.len();
        let bounded = !text[..at].ends_with(char::is_alphanumeric)
            && !text[end..].starts_with(char::is_alphanumeric);
        bounded.then_some(at)
    })
}

/// Splits `text[body]` into sentences and tokens.
///
/// Both lists are sorted and non-overlapping, every token lies inside exactly one sentence,
/// and all spans are byte offsets into `text` (not into the body) on `char` boundaries.
/// White space belongs to no token and no sentence.
///
/// # Examples
/// ```
/// use corroborate::analysis::{segment, Span};
/// let text = "The U.S. Embassy warned. Nobody listened.";
/// let seg = segment(text, Span::new(0, text.len()));
/// assert_eq!(seg.sentences.len(), 2);
/// assert_eq!(seg.sentences[0].span.of(text), "The U.S. Embassy warned.");
/// ```
pub fn segment(text: &str, body: Span) -> Segments {
    let body = clamp_to_text(text, body);
    let body_text = body.of(text);
    let tokens: Vec<Token> = super::words::word_bounds(body_text)
        .into_iter()
        .filter(|(_, w)| !w.chars().all(char::is_whitespace))
        .map(|(i, w)| Token {
            span: Span::new(body.start + i, body.start + i + w.len()),
            kind: token_kind(w),
        })
        .collect();

    let mut spans: Vec<Span> = Vec::new();
    for (i, s) in body_text.split_sentence_bound_indices() {
        let Some(span) = trim(text, Span::new(body.start + i, body.start + i + s.len())) else {
            continue;
        };
        match spans.last_mut() {
            Some(prev) if continues(text, *prev, span) => prev.end = span.end,
            _ => spans.push(span),
        }
    }

    let mut sentences = Vec::with_capacity(spans.len());
    let mut next_token = 0;
    for span in spans {
        let first = next_token;
        while next_token < tokens.len() && tokens[next_token].span.start < span.end {
            next_token += 1;
        }
        sentences.push(Sentence {
            span,
            first_token: first,
            end_token: next_token,
        });
    }
    Segments { sentences, tokens }
}

/// Narrows `body` to fit `text` and its character boundaries, so a bad span never panics.
fn clamp_to_text(text: &str, body: Span) -> Span {
    let mut end = body.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = body.start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    Span::new(start, end)
}

fn token_kind(word: &str) -> TokenKind {
    let first = word.chars().next().unwrap_or(' ');
    if first.is_numeric() {
        TokenKind::Number
    } else if first.is_alphabetic() {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

/// Drops leading and trailing white space; `None` when nothing is left.
fn trim(text: &str, span: Span) -> Option<Span> {
    let s = span.of(text);
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.start + s.trim_end().len();
    (start < end).then(|| Span::new(start, end))
}

/// Whether the break between `prev` and `next` is a false one after an abbreviation or an initial.
fn continues(text: &str, prev: Span, next: Span) -> bool {
    let prev_text = prev.of(text);
    let gap = text.get(prev.end..next.start).unwrap_or("\n");
    if gap.contains('\n') || !prev_text.ends_with('.') {
        return false;
    }
    let next_first = next.of(text).chars().next().unwrap_or(' ');
    if next_first.is_lowercase() || next_first.is_ascii_digit() {
        return true;
    }
    let last_word = prev_text[..prev_text.len() - 1]
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    let is_initial = last_word.chars().count() == 1 && last_word.chars().all(char::is_uppercase);
    is_initial || ABBREVIATIONS.contains(&last_word.to_lowercase().as_str())
}
