//! One name per article: a name of several words that the article gives in one place is the same name wherever the
//! article repeats those words.
//!
//! The tagger reads one sentence at a time, so a name it finds in the prose can go unseen in a headline, where every
//! word is capitalised and the context is thin ("Obama overturns ruling on Endangered Species Act"), or in a short
//! line. Spreading a found name over its other occurrences is the classic document-level consistency of name
//! taggers. A headline in capitals ("WLADIMIR KLITSCHKO RETAINS TITLE") gets the names in their capital form too.
//! Only capitalised names of two words or more spread: a lone word ("Bush", "May", "Will") repeated may be a common
//! word or another thing, while several capitalised words together are rarely anything but the same name. The one
//! exception is a line all in capitals, which a lone name reaches when the article never writes it in lower case
//! ("RED SOX MAKE HUGE OFFER TO TEIXEIRA").

use super::model::{Label, NameMention, Span};
// Fx hashing: these maps are looked up for every word of every article, where SipHash costs a tenth.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Most words in a name that spreads: a longer run is a tagger's run-on, not a name worth looking for.
const MAX_WORDS: usize = 8;
/// Most bytes in a name that spreads, which also keeps the search cheap on degenerate input.
const MAX_BYTES: usize = 120;

/// `names` (sorted, non-overlapping) with every further occurrence of a multi-word name added.
///
/// An occurrence is taken when it stands as whole words, is not already a name, and every name it overlaps lies
/// inside it (the tagger's "Act" in "Endangered Species Act" gives way). It is left alone when a longer name holds
/// or crosses it, or when a name runs on right after or before it ("New York" of an untagged "New York Yankees",
/// where the tagger found "Yankees"). The label is the one the name bears most often in the article.
///
/// # Examples
/// ```
/// use corroborate::analysis::{repeats, Label, NameMention, Span};
/// let text = "Talks on Grain Corridor Deal\n\nThe Grain Corridor Deal expired.";
/// let found = vec![NameMention { label: Label::Misc, span: Span::new(34, 53) }];
/// let spread = repeats::spread(text, found);
/// assert_eq!(spread.len(), 2);
/// assert_eq!(spread[0].span.of(text), "Grain Corridor Deal");
/// ```
pub fn spread(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    let by_surface = labels_by_surface(text, &names);
    let single = capitals_line_words(text, &names);
    if by_surface.is_empty() && single.is_empty() {
        return names;
    }
    // A headline in capitals repeats the article's names in capitals ("WLADIMIR KLITSCHKO RETAINS TITLE"), where a
    // tagger has no case to go by: each name spreads in its upper-case form too.
    let mut labels: HashMap<String, Label> = HashMap::default();
    for (surface, label) in by_surface {
        if surface.chars().any(char::is_lowercase) {
            labels.entry(surface.to_uppercase()).or_insert(label);
        }
        labels.insert(surface.to_string(), label);
    }
    let mut single_words: HashSet<String> = HashSet::default();
    for (word, label) in single {
        if !labels.contains_key(&word) {
            labels.insert(word.clone(), label);
            single_words.insert(word);
        }
    }
    // Surfaces by their first word, longest first, so each word of the text proposes only the names it can open.
    let mut by_first: HashMap<&str, Vec<&str>> = HashMap::default();
    for surface in labels.keys() {
        let first = surface
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        by_first.entry(first).or_default().push(surface.as_str());
    }
    for surfaces in by_first.values_mut() {
        surfaces.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    }
    let mut names = names;
    names.sort_by_key(|n| (n.span.start, n.span.end));
    let mut added: Vec<NameMention> = Vec::new();
    let mut replaced: HashSet<Span> = HashSet::default();
    let mut resume = 0;
    // Only a capitalised word can open a name that spreads, which spares most words the lookup.
    for (start, word) in capitalised_words(text) {
        if start < resume {
            continue;
        }
        let Some(surface) = by_first.get(word).and_then(|candidates| {
            candidates
                .iter()
                .copied()
                .find(|c| text[start..].starts_with(*c) && ends_word(text, start + c.len()))
        }) else {
            continue;
        };
        let span = Span::new(start, start + surface.len());
        if single_words.contains(surface) && !in_capitals_line(text, span) {
            continue;
        }
        resume = span.end;
        // Names are sorted and apart, so the ones that touch `span` sit together from `first` on.
        let first = names.partition_point(|n| n.span.end + 1 < span.start);
        let near: Vec<Span> = names[first..]
            .iter()
            .take_while(|n| n.span.start <= span.end + 1)
            .map(|n| n.span)
            .collect();
        let overlapping: Vec<Span> = near.iter().copied().filter(|s| s.overlaps(span)).collect();
        if overlapping.iter().any(|s| *s == span || !span.contains(*s)) {
            continue;
        }
        if near.iter().any(|&s| runs_on(text, span, s)) {
            continue;
        }
        replaced.extend(overlapping);
        added.push(NameMention {
            label: labels[surface],
            span,
        });
    }
    if added.is_empty() {
        return names;
    }
    let mut out: Vec<NameMention> = names
        .into_iter()
        .filter(|n| !replaced.contains(&n.span))
        .chain(added)
        .collect();
    out.sort_by_key(|n| (n.span.start, n.span.end));
    out
}

/// Each multi-word surface among `names`, with the label it bears most often (the first seen on a tie).
fn labels_by_surface<'t>(text: &'t str, names: &[NameMention]) -> HashMap<&'t str, Label> {
    let mut counts: HashMap<&str, Vec<(Label, usize)>> = HashMap::default();
    for name in names {
        let surface = name.span.of(text);
        let words = surface.split_whitespace().count();
        if !(2..=MAX_WORDS).contains(&words)
            || surface.len() > MAX_BYTES
            || surface.contains('\n')
            || !surface.starts_with(char::is_uppercase)
        {
            continue;
        }
        let tally = counts.entry(surface).or_default();
        match tally.iter_mut().find(|(l, _)| *l == name.label) {
            Some((_, n)) => *n += 1,
            None => tally.push((name.label, 1)),
        }
    }
    counts
        .into_iter()
        .filter_map(|(surface, tally)| {
            let best = tally.iter().map(|&(_, n)| n).max()?;
            let label = tally.iter().find(|&&(_, n)| n == best)?.0;
            Some((surface, label))
        })
        .collect()
}

/// The upper-case forms of the one-word names that may spread into a line written all in capitals: a headline
/// such as "REPORT: RED SOX MAKE HUGE OFFER TO TEIXEIRA" names "Teixeira" as the prose does. Only a word the article
/// never writes in lower case, and only where some line is all capitals, which spares "MAY" in "PRICES MAY RISE".
fn capitals_line_words(text: &str, names: &[NameMention]) -> Vec<(String, Label)> {
    let capitals_line = text
        .lines()
        .any(|line| line.chars().any(char::is_uppercase) && !line.chars().any(char::is_lowercase));
    if !capitals_line {
        return Vec::new();
    }
    let mut out: Vec<(String, Label)> = Vec::new();
    for name in names {
        let surface = name.span.of(text);
        let plain = surface.chars().count() >= 3
            && surface.chars().all(char::is_alphabetic)
            && surface.starts_with(char::is_uppercase)
            && surface.chars().any(char::is_lowercase);
        if !plain || out.iter().any(|(w, _)| w.eq_ignore_ascii_case(surface)) {
            continue;
        }
        let lower = surface.to_lowercase();
        let written_lower = text.match_indices(lower.as_str()).any(|(at, _)| {
            !text[..at].ends_with(char::is_alphanumeric) && ends_word(text, at + lower.len())
        });
        if !written_lower {
            out.push((surface.to_uppercase(), name.label));
        }
    }
    out
}

/// Whether the line that holds `span` has no lower-case letter.
fn in_capitals_line(text: &str, span: Span) -> bool {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    !text[start..end].chars().any(char::is_lowercase)
}

/// Every capitalised word of `text` (a run of letters and digits opening with a capital) with its byte offset.
fn capitalised_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut previous_alphanumeric = false;
    text.char_indices().filter_map(move |(i, c)| {
        // ASCII letters and digits are the common case; the Unicode tables only for the rest.
        let alphanumeric = if c.is_ascii() {
            bytes[i].is_ascii_alphanumeric()
        } else {
            c.is_alphanumeric()
        };
        let starts = alphanumeric && !previous_alphanumeric && c.is_uppercase();
        previous_alphanumeric = alphanumeric;
        starts.then(|| {
            let rest = &text[i..];
            let end = rest
                .find(|c: char| !c.is_alphanumeric())
                .unwrap_or(rest.len());
            (i, &rest[..end])
        })
    })
}

/// Whether a word ends at `at`: no letter or digit right after it. Where a candidate starts needs no test, since
/// `capitalised_words` only yields word starts.
fn ends_word(text: &str, at: usize) -> bool {
    !text[at..].starts_with(char::is_alphanumeric)
}

/// Whether the name at `other` starts one space after `span` or ends one space before it, so the words would run
/// on into it.
fn runs_on(text: &str, span: Span, other: Span) -> bool {
    (other.start == span.end + 1 && text.get(span.end..other.start) == Some(" "))
        || (other.end + 1 == span.start && text.get(other.end..span.start) == Some(" "))
}
