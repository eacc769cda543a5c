//! Sports teams named after their place: their full names, and a place that stands for its team. In sports reports
//! "Boston offered eight years" and "Boston's lineup" mean the Boston Red Sox, not the city.
//!
//! A place followed by a team's nickname is one name, the team's ("Philadelphia 76ers", which a tagger cuts at the
//! digits), and in an article that names the team so, its nicknames alone are the team too ("the Sixers").
//! The reading of a place alone as a team is only taken when the articles themselves name exactly one team after
//! that place, "<place> <nickname>" with a nickname from `lexicon/teams.txt`, so a city in a story without its team
//! stays a city. Each
//! mention is then read by its context: the place is the city after a preposition of place ("playing in Boston"),
//! before a capitalised word ("Boston WCVB") or a word for a place ("the Boston area"), and in a dateline; anywhere
//! else, as the subject, the possessor or the partner of a deal ("sign with Boston"), it is the team.

use super::gazetteer::GAZETTEER;
use super::model::{Article, ArticleAnalysis, Label, NameMention, Span};
use super::segment::whole_words;
// Fx hashing: these maps are looked up for every word of every article, where SipHash costs a tenth.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Team nicknames, as written ("Red Sox", "76ers"), to the line of `lexicon/teams.txt` that holds them: one line
/// holds the nicknames of one team ("76ers|Sixers").
static NICKNAMES: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    include_str!("lexicon/teams.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .enumerate()
        .flat_map(|(line, l)| l.split('|').map(move |n| (n.trim(), line)))
        .collect()
});

/// Words before a place that say it is the place itself ("in Boston", "the mayor of Boston").
const PLACE_WORDS_BEFORE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "around",
    "across",
    "throughout",
    "into",
    "of",
    "downtown",
];

/// Words after a place that make it the place itself ("the Boston area", "Boston residents").
const PLACE_WORDS_AFTER: &[&str] = &[
    "area",
    "suburbs",
    "suburb",
    "region",
    "city",
    "metro",
    "neighborhood",
    "neighbourhood",
    "residents",
    "native",
    "mayor",
    "police",
    "council",
    "airport",
    "harbor",
    "harbour",
    "marathon",
    "time",
];

/// `names` (sorted, apart) with every known place that a team's nickname follows widened over the nickname and
/// typed an organisation: "Philadelphia" and "76ers" become "Philadelphia 76ers". The place may run past the
/// tagger's name, which cut "Los Angeles Angels" into "Los" and "Angeles Angels". A name that would only partly
/// fall inside the widened one keeps the place as it was.
///
/// # Examples
/// ```
/// use corroborate::analysis::model::{Label, NameMention, Span};
/// use corroborate::analysis::teams;
///
/// let text = "The Philadelphia 76ers fired their coach.";
/// let found = vec![NameMention { label: Label::Gpe, span: Span::new(4, 16) }];
/// let joined = teams::join_nicknames(text, found);
/// assert_eq!((joined[0].label, joined[0].span.of(text)), (Label::Org, "Philadelphia 76ers"));
/// ```
pub fn join_nicknames(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    let mut out: Vec<NameMention> = Vec::with_capacity(names.len());
    let mut names = names.into_iter().peekable();
    while let Some(mut name) = names.next() {
        if let Some(end) = team_end(text, name.span.start) {
            let mut swallowed = Vec::new();
            while let Some(next) = names.next_if(|n| n.span.start < end) {
                swallowed.push(next);
            }
            if name.span.end <= end && swallowed.iter().all(|n| n.span.end <= end) {
                name = NameMention {
                    label: Label::Org,
                    span: Span::new(name.span.start, end),
                };
                out.push(name);
                continue;
            }
            out.push(name);
            out.extend(swallowed);
            continue;
        }
        out.push(name);
    }
    with_bare_nicknames(text, out)
}

/// `names` (sorted, apart) with every capitalised use of a nickname of a team that the article names in full, where
/// no name holds it already: in a story about the "New Orleans Saints", "the Saints" is the team, and in one about
/// the "Philadelphia 76ers", so is "the Sixers". A nickname alone is not taken in other stories, where "the Saints"
/// or "the Senators" may be something else.
fn with_bare_nicknames(text: &str, mut names: Vec<NameMention>) -> Vec<NameMention> {
    let lines: HashSet<usize> = names
        .iter()
        .filter_map(|n| split_team(n.span.of(text)))
        .filter_map(|(_, nickname)| NICKNAMES.get(nickname).copied())
        .collect();
    if lines.is_empty() {
        return names;
    }
    let mut added = Vec::new();
    for (nickname, _) in NICKNAMES.iter().filter(|(_, l)| lines.contains(l)) {
        for start in whole_words(text, nickname) {
            let span = Span::new(start, start + nickname.len());
            if !names.iter().any(|n| n.span.overlaps(span)) {
                added.push(NameMention {
                    label: Label::Org,
                    span,
                });
            }
        }
    }
    if !added.is_empty() {
        names.extend(added);
        names.sort_by_key(|n| n.span.start);
    }
    names
}

/// Where a team's full name that starts at `start` ends: a known place of one or more words, then a nickname.
fn team_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    // The ends of the first few words, so that the place is tried from its longest reading down.
    let mut word_ends = Vec::new();
    let mut offset = 0;
    for word in rest.split(' ').take(GAZETTEER.max_words()) {
        if word.is_empty() || !word.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        offset += word.len();
        word_ends.push(start + offset);
        offset += 1;
    }
    word_ends.into_iter().rev().find_map(|end| {
        let place = &text[start..end];
        matches!(GAZETTEER.name(place), Some(Label::Gpe | Label::Loc))
            .then(|| nickname_end(text, end))
            .flatten()
    })
}

/// Where a team's nickname that starts one space after `at` ends, when one does ("Red Sox" after "Boston").
fn nickname_end(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?.strip_prefix(' ')?;
    NICKNAMES
        .keys()
        .filter(|n| {
            rest.starts_with(**n) && !rest[n.len()..].starts_with(|c: char| c.is_alphanumeric())
        })
        .map(|n| at + 1 + n.len())
        .max()
}

/// For every place the articles name a team after, that team's full name ("Boston" to "Boston Red Sox"). A place
/// with two teams in the articles ("New York Yankees", "New York Mets") is left out: the place alone does not say
/// which.
pub fn teams(articles: &[Article], extracted: &[ArticleAnalysis]) -> HashMap<String, String> {
    // Place to the full names of its teams; the full name is the place and the nickname, so one per nickname.
    let mut seen: HashMap<&str, HashSet<&str>> = HashMap::default();
    for (article, found) in articles.iter().zip(extracted) {
        for name in &found.names {
            let surface = name.span.of(&article.text);
            if let Some((place, _)) = split_team(surface) {
                seen.entry(place).or_default().insert(surface);
            }
        }
    }
    seen.into_iter()
        .filter_map(
            |(place, full)| match full.into_iter().collect::<Vec<_>>()[..] {
                [only] => Some((place.to_string(), only.to_string())),
                _ => None,
            },
        )
        .collect()
}

/// The place and the nickname of a team's name ("Boston Red Sox" is "Boston" and "Red Sox"), when the name is a
/// known place followed by a known nickname.
fn split_team(surface: &str) -> Option<(&str, &str)> {
    let words: Vec<(usize, &str)> = surface
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .collect();
    (1..words.len()).find_map(|cut| {
        let (start, _) = words[cut];
        let place = surface[..start].trim_end();
        let nickname = &surface[start..];
        let is_place = matches!(GAZETTEER.name(place), Some(Label::Gpe | Label::Loc));
        (is_place && NICKNAMES.contains_key(nickname)).then_some((place, nickname))
    })
}

/// Whether the place named at `span` of `text` stands for a team rather than for the place, by the words around
/// it (see the module notes).
///
/// # Examples
/// ```
/// use corroborate::analysis::{teams, Span};
/// let text = "Boston offered eight years. He grew up in Boston.";
/// assert!(teams::stands_for_team(text, Span::new(0, 6)));
/// assert!(!teams::stands_for_team(text, Span::new(42, 48)));
/// ```
pub fn stands_for_team(text: &str, span: Span) -> bool {
    let (Some(before), Some(after)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let line_start = before
        .rsplit('\n')
        .next()
        .is_none_or(|l| l.trim().is_empty());
    let after = after
        .strip_prefix(['\'', '’'])
        .map_or(after, |rest| rest.strip_prefix('s').unwrap_or(rest));
    // A dateline: the place opens its line and a comma, a bracket or a dash follows ("BOSTON (AP) -").
    if line_start && after.trim_start().starts_with([',', '(', '-', '–', '—']) {
        return false;
    }
    let previous = before.split_whitespace().next_back().unwrap_or("");
    if PLACE_WORDS_BEFORE
        .iter()
        .any(|w| previous.eq_ignore_ascii_case(w))
    {
        return false;
    }
    // A hyphen joins the place into a word about the place ("Boston-based", "Boston-area").
    if after.starts_with('-') {
        return false;
    }
    let rest = after.trim_start();
    let punctuated = rest.starts_with(|c: char| c.is_ascii_punctuation());
    let next = rest
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // A capitalised word right after runs on into another name ("Boston WCVB"); after a comma, a place names the
    // region ("Boston, Massachusetts").
    if next.starts_with(char::is_uppercase)
        && (!punctuated || matches!(GAZETTEER.name(next), Some(Label::Gpe | Label::Loc)))
    {
        return false;
    }
    let next = next.to_lowercase();
    !PLACE_WORDS_AFTER.contains(&next.as_str())
}
