//! Claims: sentences in different sources that state the same thing, aligned into a claim x source grid.
//!
//! Each sentence is cut into clauses (at commas, semicolons, dashes and words that open a clause such as "which"
//! or "when"), short pieces joined to their neighbours, because one sentence often makes several claims.
//! Each clause becomes a weighted set of features: its content-word stems, with words that news reports use
//! interchangeably folded into one paraphrase group (`lexicon/paraphrase.txt`: "warned" meets "alert"); the entities
//! it names after alias resolution (so "U.S." and "United States" count as one, and "U.S. Embassy" also names the
//! country); the figure slots it reports; and the days its dates resolve to.
//! Weights are inverse sentence frequencies over the whole set, so shared rare words and names count for much,
//! shared common ones for little. Names alone never make two clauses the same claim: what two clauses share in
//! names counts only as far as they also share words, figures or dates.
//! Two clauses in different articles are aligned when each is the other's best match in its article and their
//! weighted Jaccard similarity passes a threshold; aligned pairs join claims by average link, one clause per source.
//! Within a claim, a clause that denies or negates what the others state marks its source as contradicting the claim.

use super::aliases::fold;
use super::attribution::{self, Attribution, BE_FORMS};
use super::gazetteer::GAZETTEER;
use super::model::{
    Article, ArticleAnalysis, Claim, ClaimCell, ClaimState, Dispute, Entity, ItemRef, Label,
    NameMention, Span, Token, TokenKind,
};
use super::names::RANKS;
// Fx hashing: the maps are keyed by small integers and words on every clause, where SipHash costs a tenth.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Minimum weighted Jaccard similarity for two sentences to state the same thing.
const THRESHOLD: f64 = 0.12;

/// Two groups of aligned sentences merge when their average similarity is at least this share of the threshold.
const LINK_SHARE: f64 = 0.6;

/// A source a claim lacks joins it with the clause whose average similarity to the claim's members is at least
/// this share of the threshold.
const FILL_SHARE: f64 = 1.0;

/// A sentence needs this many features to be a claim at all (headings and fragments are not).
const MIN_FEATURES: usize = 4;

/// Only features shared by at most this many sentences propose candidate pairs (all features still score),
/// which keeps candidate lists short in a large set and lets every telling word and name count in a small one.
const MAX_POSTING: u32 = 50;

/// A word in more than one sentence in this many is the event's own ("quake", "dam"): it cannot carry a denial.
const TOPICAL_SHARE: usize = 5;

/// A denial disputes a statement of its own source at most this many sentences away.
const DISPUTE_REACH: usize = 2;

/// Single-source rows hold one cell per article; a huge set keeps at most this many such cells in all.
const MAX_ALONE_CELLS: usize = 200_000;

/// A word in this few sentences is never the event's own, however short the texts: a statement, its denial and one
/// more report.
const TOPICAL_MIN: u32 = 3;

/// Words that carry no claim of their own, as a set.
static STOPWORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOPWORD_LIST.iter().copied().collect());

/// Words that carry no claim of their own.
const STOPWORD_LIST: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "tell",
    "tells",
    "told",
    "added",
    "adds",
    // Who passed a statement on is no part of what it states ("told the AFP news agency", "IRNA reported").
    "reported",
    "according",
    "quoted",
    "news",
    "agency",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yet",
    "anyone",
    "anybody",
    "anything",
    "someone",
    "somebody",
    "something",
    "everyone",
    "everybody",
    "everything",
    "nobody",
    "according",
    "however",
    "meanwhile",
    "moreover",
    "additionally",
    "amid",
    "amidst",
    "within",
    "without",
    "across",
    "toward",
    "towards",
    "among",
    "per",
    "via",
    "despite",
    "still",
    "already",
    "another",
    "many",
    "several",
    "new",
    "one",
    "two",
];

/// Words that negate the whole clause they stand in ("the sirens never sounded").
const VERBAL_NEGATIONS: &[&str] = &["not", "never", "neither", "nor", "false", "untrue"];

/// Words that open a subordinate clause, which a negation before them does not reach.
const SCOPE_ENDS: &[&str] = &[
    "before",
    "after",
    "following",
    "when",
    "while",
    "until",
    "because",
    "since",
    "although",
    "though",
    "as",
    "whereas",
];

/// Verbs of telling that a negation or a refusal before them turns into keeping something back ("would not say").
const WITHHOLDING: &[&str] = &[
    "say",
    "said",
    "reveal",
    "revealed",
    "disclose",
    "disclosed",
    "comment",
    "commented",
    "confirm",
    "confirmed",
    "specify",
    "specified",
    "discuss",
    "discussed",
    "elaborate",
    "speculate",
    "identify",
    "identified",
];

/// Verbs that, before "to", refuse what follows ("declined to reveal the reason").
const REFUSALS: &[&str] = &[
    "declined",
    "declines",
    "declining",
    "decline",
    "refused",
    "refuses",
    "refusing",
    "refuse",
];

/// Words that make what follows a hypothesis, under which a negation denies nothing.
const CONDITIONALS: &[&str] = &["if", "unless"];

/// Words that, after a copula, say the clause's matter is not known ("the reason is unknown").
const UNKNOWN: &[&str] = &["unknown", "unclear", "unconfirmed", "undisclosed"];

/// Besides the forms of "be", the words a predicate "unknown" follows ("remains unclear", "is still unknown").
const STAYS: &[&str] = &["remains", "remained", "remain", "still"];

/// Words that deny or negate what follows them ("no siren", "denied that it had been warned").
const NEGATIONS: &[&str] = &[
    "no",
    "none",
    "nobody",
    "deny",
    "denied",
    "denies",
    "denying",
    "denial",
    "rejected",
    "rejects",
    "dismissed",
    "refuted",
    "nothing",
];

/// A crude stemmer: enough to let "warned", "warning" and "warnings" meet, and cheap.
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(&w);
    let chars = w.chars().count();
    for (suffix, replacement, min_len) in [
        ("ings", "", 6),
        ("ing", "", 5),
        ("ied", "y", 4),
        ("ies", "y", 4),
        ("ed", "", 4),
        ("es", "", 5),
        ("s", "", 3),
    ] {
        if chars >= min_len && w.ends_with(suffix) && !w.ends_with("ss") {
            // The suffix is ASCII, so cutting its length off the end stays on a character boundary.
            let cut = w.len() - suffix.len();
            return format!("{}{}", w.get(..cut).unwrap_or(w), replacement);
        }
    }
    w.to_string()
}

/// The longest paraphrase entry, in words.
const LONGEST_PHRASE: usize = 3;

/// Paraphrase groups: a stemmed phrase (words joined by one space) to its group number.
static PARAPHRASES: LazyLock<HashMap<String, u32>> = LazyLock::new(|| {
    let mut groups = HashMap::default();
    let lines = include_str!("lexicon/paraphrase.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'));
    for (g, line) in lines.enumerate() {
        for entry in line.split('|') {
            let key: Vec<String> = entry
                .split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| !w.is_empty())
                .map(stem)
                .collect();
            if !key.is_empty() && key.len() <= LONGEST_PHRASE {
                groups.entry(key.join(" ")).or_insert(g as u32);
            }
        }
    }
    groups
});

/// Words that open a clause of their own inside a sentence, so a sentence is cut before them.
const CLAUSE_OPENERS: &[&str] = &[
    "which", "who", "whom", "whose", "when", "while", "whereas", "but", "although", "though",
    "because",
];

/// Verbs of saying that, after "and", open a second statement in the same sentence.
const REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "warned",
    "denied",
    "insisted",
    "stressed",
    "noted",
    "announced",
    "confirmed",
    "promised",
    "urged",
];

/// Words that open a trailing attribution rather than a statement.
const ATTRIBUTIONS: &[&str] = &["said", "says", "told", "according"];

/// Verbs that end a trailing attribution whose speaker comes first ("..., the agency said.").
const ATTRIBUTION_ENDS: &[&str] = &["said", "says", "reported", "reports", "added", "stated"];

/// Quotation marks, which end a quoted statement and its negation with it.
const QUOTE_MARKS: &[&str] = &["\"", "\u{201c}", "\u{201d}"];

/// Punctuation that ends a clause.
const CLAUSE_BREAKS: &[&str] = &[",", ";", ":", "\u{2014}", "\u{2013}", "(", ")"];

/// A clause needs this many features to stand alone; shorter pieces join the clause before or after them.
const MIN_CLAUSE_FEATURES: usize = 4;

/// The features of one clause: interned ids, and those that a negation or denial in the clause governs.
struct ClauseFeatures {
    span: Span,
    features: Vec<u32>,
    negated: Vec<u32>,
    /// The first feature after the clause's negation, what it denies ("sounded" in "never sounded").
    denied: Option<u32>,
    /// The name nearest before the negation in its clause, the one it speaks of ("Ross" in "Ross is not signed").
    subject: Option<u32>,
    /// Whether the clause keeps something back ("would not say where", "declined to comment").
    noncommittal: bool,
}

/// One candidate clause: where it is, its features, and the features under a negation or denial.
struct ClaimSentence {
    article: usize,
    sentence: usize,
    /// The clause itself, inside the sentence.
    span: Span,
    features: Vec<u32>,
    negated: Vec<u32>,
    denied: Option<u32>,
    subject: Option<u32>,
    noncommittal: bool,
    /// Who the sentence attributes the clause to: an index into the attributions found, kept apart so that the
    /// clauses of one sentence share them.
    attribution: Option<usize>,
}

/// Interns feature strings and remembers which ones are names.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, u32>,
    is_name: Vec<bool>,
}

impl Vocabulary {
    fn intern(&mut self, feature: String) -> u32 {
        let next = self.ids.len() as u32;
        let is_name = feature.starts_with("e:");
        let id = *self.ids.entry(feature).or_insert(next);
        if id == next {
            self.is_name.push(is_name);
        }
        id
    }
}

/// What one article offers the feature builder: its text, extraction, resolved names and slotted figures.
struct ArticleView<'a> {
    text: &'a str,
    found: &'a ArticleAnalysis,
    name_entity: &'a [usize],
    figure_slot: &'a [Option<usize>],
}

/// For names that begin with a country or nationality ("U.S. Embassy", "Russian investigators"), the entity
/// of that country: folded alias of a place or nationality entity to its index.
fn country_aliases(entities: &[Entity]) -> HashMap<String, usize> {
    let mut map = HashMap::default();
    for (i, entity) in entities.iter().enumerate() {
        if matches!(entity.label, Label::Gpe | Label::Norp) {
            for alias in &entity.aliases {
                map.entry(fold(alias).join(" ")).or_insert(i);
            }
        }
    }
    map
}

/// Cuts a sentence's tokens into clauses: ranges of token indices, each with enough features to stand alone.
fn clauses(
    view: &ArticleView,
    s: usize,
    vocabulary: &mut Vocabulary,
    countries: &HashMap<String, usize>,
) -> Vec<ClauseFeatures> {
    let tokens = view.found.segments.sentence_tokens(s);
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (t, token) in tokens.iter().enumerate() {
        let lower = token.span.of(view.text).to_lowercase();
        if CLAUSE_BREAKS.contains(&lower.as_str()) {
            pieces.push((start, t));
            start = t + 1;
        } else if t > start && CLAUSE_OPENERS.contains(&lower.as_str()) {
            pieces.push((start, t));
            start = t;
        } else if t > start && lower == "and" {
            // "... denied that it had been warned and said the dam had passed": a second statement begins.
            let next = tokens
                .get(t + 1)
                .map(|n| n.span.of(view.text).to_lowercase());
            if next.is_some_and(|n| REPORTING_VERBS.contains(&n.as_str())) {
                pieces.push((start, t));
                start = t;
            }
        }
    }
    pieces.push((start, tokens.len()));
    let mut out: Vec<(usize, usize, ClauseFeatures)> = Vec::new();
    let mut pending: Option<usize> = None;
    let mut attribution_tail = false;
    for (a, b) in pieces {
        if a >= b {
            continue;
        }
        // A trailing attribution ("..., said Zoe Lindqvist, a spokeswoman for the agency") names who says the
        // clause before it; standing alone it would align every statement of that speaker.
        let opener = tokens
            .get(a)
            .map(|t| t.span.of(view.text).to_lowercase())
            .unwrap_or_default();
        // "said in a statement that ..." frames a statement of its own, which stays a clause.
        let frames_statement = tokens
            .get(a..b)
            .unwrap_or(&[])
            .iter()
            .any(|t| t.span.of(view.text).eq_ignore_ascii_case("that"));
        // The same attribution with its speaker first ("..., Iran's official news agency IRNA said."): the last
        // piece of the sentence, ending in a verb of saying.
        let closer = tokens
            .get(a..b)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|t| t.kind == TokenKind::Word)
            .map(|t| t.span.of(view.text).to_lowercase())
            .unwrap_or_default();
        let speaker_first = b == tokens.len() && ATTRIBUTION_ENDS.contains(&closer.as_str());
        if !out.is_empty()
            && (ATTRIBUTIONS.contains(&opener.as_str()) || speaker_first)
            && !frames_statement
        {
            attribution_tail = true;
            break;
        }
        let from = pending.take().unwrap_or(a);
        let clause = clause_features(view, s, tokens, (from, b), vocabulary, countries);
        if clause.features.len() >= MIN_CLAUSE_FEATURES {
            out.push((from, b, clause));
        } else {
            pending = Some(from);
        }
    }
    // A short piece or an attribution at the end joins the clause before it.
    if pending.is_some() || attribution_tail {
        let merged_from = out.pop().map(|(a, _, _)| a).or(pending).unwrap_or(0);
        let clause = clause_features(
            view,
            s,
            tokens,
            (merged_from, tokens.len()),
            vocabulary,
            countries,
        );
        out.push((merged_from, tokens.len(), clause));
    }
    out.into_iter().map(|(_, _, c)| c).collect()
}

/// The features of the tokens `range` of sentence `s`.
fn clause_features(
    view: &ArticleView,
    s: usize,
    tokens: &[Token],
    range: (usize, usize),
    vocabulary: &mut Vocabulary,
    countries: &HashMap<String, usize>,
) -> ClauseFeatures {
    let sentence_tokens = tokens;
    let tokens = tokens.get(range.0..range.1).unwrap_or(&[]);
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return ClauseFeatures {
            span: Span::default(),
            features: Vec::new(),
            negated: Vec::new(),
            denied: None,
            subject: None,
            noncommittal: false,
        };
    };
    let span = first.span.cover(last.span);
    // Names, figures and dates are sorted by offset, so the clause's own start where its span does.
    let first_name = view
        .found
        .names
        .partition_point(|n| n.span.start < span.start);
    let names: Vec<(usize, &NameMention)> = view
        .found
        .names
        .iter()
        .enumerate()
        .skip(first_name)
        .take_while(|(_, n)| n.span.start < span.end)
        .filter(|(_, n)| span.contains(n.span))
        .collect();
    let mut features: Vec<u32> = Vec::new();
    // Negation scope: "not", "never" and their kind deny the clause's whole predication ("the sirens never
    // sounded"); "no", "nothing" and verbs of denial govern what follows them ("gave no figure", "denied that it
    // had been warned"), so a clause that merely denies something else does not contradict the claim.
    let mut whole_clause = false;
    // A verbal negation reaches back to the start of its own clause ("that", "when", "because"), not into the clause
    // that frames it: in "told AFP that 10 people had been killed and that the toll was not expected to rise", the
    // killing is not denied, nor the throwing in "threw bottles when the police would not release her".
    let mut whole_from = 0;
    let mut negation_at: Option<usize> = None;
    let mut after: Option<usize> = None;
    // A subordinate clause after the negation ("... before the dam gave way") is outside its scope.
    let mut scope_end: Option<usize> = None;
    let mut feature_at: Vec<(usize, u32)> = Vec::new();
    let mut conditional = false;
    let mut noncommittal = false;
    let words_raw: Vec<&str> = tokens.iter().map(|t| t.span.of(view.text)).collect();
    let words: Vec<String> = words_raw.iter().map(|w| w.to_lowercase()).collect();
    let mut t = 0;
    while t < tokens.len() {
        let token = &tokens[t];
        let lower = words[t].as_str();
        // "not only ... but also" adds to a statement rather than denying it.
        let next = words.get(t + 1).map(String::as_str);
        // "Is unknown", "remains unclear": a predicate that says something is not known negates its clause; an
        // "unknown gunman" does not.
        let predicate_unknown = UNKNOWN.contains(&lower)
            && (t.saturating_sub(2)..t).any(|k| {
                let w = words[k].as_str();
                BE_FORMS.contains(&w) || STAYS.contains(&w)
            });
        let verbal = VERBAL_NEGATIONS.contains(&lower)
            || lower.ends_with("n't")
            || lower.ends_with("n\u{2019}t")
            || (lower == "yet" && next == Some("to"))
            || predicate_unknown;
        // "Was denied a permit" is a refusal, not a denial of what follows.
        let passive = t > 0 && BE_FORMS.contains(&words[t - 1].as_str());
        // "Declined to reveal" and "refused to say" deny what follows like "would not reveal".
        let refusal = REFUSALS.contains(&lower) && next == Some("to");
        let governing = (NEGATIONS.contains(&lower) && !passive) || refusal;
        if CONDITIONALS.contains(&lower) {
            conditional = true;
        } else if CLAUSE_BREAKS.contains(&lower) {
            conditional = false;
        }
        // A negation under "if" or "unless" is a hypothesis, not a denial: "if the agencies determined that the
        // species would not be harmed".
        // "Would not say", "declined to comment": a source that keeps something back neither states nor denies it.
        let withheld = (verbal || governing) && {
            let mut k = t + 1;
            while words.get(k).is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "to" | "immediately" | "publicly" | "yet" | "be" | "been"
                )
            }) {
                k += 1;
            }
            words
                .get(k)
                .is_some_and(|w| WITHHOLDING.contains(&w.as_str()))
        };
        if withheld {
            noncommittal = true;
        }
        let negation = (verbal || governing) && !conditional && !withheld;
        // "not only ... but also" and "not just" add to a statement rather than denying it.
        // So is what follows a break after the negation: "... while the rich pay nothing," said the union's head.
        if scope_end.is_none()
            && (whole_clause || after.is_some())
            && (SCOPE_ENDS.contains(&lower)
                || CLAUSE_BREAKS.contains(&lower)
                || QUOTE_MARKS.contains(&lower))
        {
            scope_end = Some(t);
        }
        if !whole_clause
            && token.kind == TokenKind::Word
            && (lower == "that" || SCOPE_ENDS.contains(&lower) || CLAUSE_OPENERS.contains(&lower))
        {
            whole_from = t + 1;
        }
        if negation && !matches!(next, Some("only" | "just")) && scope_end.is_none() {
            negation_at.get_or_insert(t);
            if verbal {
                whole_clause = true;
            } else if after.is_none() {
                after = Some(t);
            }
        }
        let in_name = names.iter().any(|(_, n)| n.span.contains(token.span));
        // Polarity is kept apart from content, so "not" and "denied" never make two clauses alike.
        if token.kind != TokenKind::Word || in_name || negation || lower == "yet" {
            t += 1;
            continue;
        }
        // The longest paraphrase phrase starting here, over consecutive words.
        let mut matched = None;
        for len in (1..=LONGEST_PHRASE).rev() {
            let Some(run) = tokens.get(t..t + len) else {
                continue;
            };
            if run.iter().any(|r| r.kind != TokenKind::Word) {
                continue;
            }
            let key: Vec<String> = (t..t + len).map(|i| stem(&words[i])).collect();
            if let Some(&g) = PARAPHRASES.get(&key.join(" ")) {
                matched = Some((g, len));
                break;
            }
        }
        if let Some((g, len)) = matched {
            let id = vocabulary.intern(format!("g:{g}"));
            features.push(id);
            feature_at.push((t, id));
            t += len;
            continue;
        }
        if lower.chars().count() > 2 && !STOPWORDS.contains(&lower) {
            // A capitalised word inside the sentence that no name covers ("Governor", "Hydro") is still part of a
            // name or title, and counts as a name: it cannot make two clauses alike on its own.
            // At the start of a sentence only a word just before a name counts so ("Governor Aurelia Voss").
            let sentence_start = sentence_tokens
                .get(..range.0 + t)
                .is_some_and(|before| before.iter().all(|b| b.kind == TokenKind::Punct));
            let capitalised = words_raw[t].chars().next().is_some_and(char::is_uppercase);
            let before_name = tokens
                .get(t + 1)
                .is_some_and(|next| names.iter().any(|(_, n)| n.span.start == next.span.start));
            let prefix = if capitalised && (!sentence_start || before_name) {
                "e:w:"
            } else {
                "w:"
            };
            let id = vocabulary.intern(format!("{prefix}{}", stem(lower)));
            features.push(id);
            feature_at.push((t, id));
        }
        t += 1;
    }
    for (i, name) in &names {
        if let Some(&e) = view.name_entity.get(*i) {
            features.push(vocabulary.intern(format!("e:{e}")));
        }
        // A name that opens with a country ("U.S. Embassy", "Russian officials") also names that country.
        if !matches!(name.label, Label::Gpe | Label::Norp) {
            let folded = fold(name.span.of(view.text));
            for len in 1..=2.min(folded.len().saturating_sub(1)) {
                if let Some(&c) = folded.get(..len).and_then(|w| countries.get(&w.join(" "))) {
                    features.push(vocabulary.intern(format!("e:{c}")));
                }
            }
        }
    }
    let first_figure = view
        .found
        .figures
        .partition_point(|f| f.span.start < span.start);
    let figures = view.found.figures.iter().enumerate().skip(first_figure);
    for (i, figure) in figures.take_while(|(_, f)| f.span.start < span.end) {
        if figure.sentence == s && span.contains(figure.span) {
            if let Some(Some(slot)) = view.figure_slot.get(i) {
                features.push(vocabulary.intern(format!("s:{slot}")));
            }
        }
    }
    let first_date = view
        .found
        .dates
        .partition_point(|d| d.span.start < span.start);
    let dates = view.found.dates.iter().skip(first_date);
    for date in dates.take_while(|d| d.span.start < span.end) {
        if span.contains(date.span) && date.start == date.end {
            features.push(vocabulary.intern(format!("d:{}", date.start)));
        }
    }
    features.sort_unstable();
    features.dedup();
    let from = if whole_clause {
        Some(whole_from)
    } else {
        after
    };
    let mut negated: Vec<u32> = if let Some(from) = from {
        // Names count as governed when they lie in the scope too; figures and dates are left to the words.
        let until = scope_end.unwrap_or(tokens.len());
        let start = tokens.get(from).map_or(usize::MAX, |tok| tok.span.start);
        let end = tokens.get(until).map_or(usize::MAX, |tok| tok.span.start);
        let mut governed: Vec<u32> = feature_at
            .iter()
            .filter(|(t, _)| (if whole_clause { *t >= from } else { *t > from }) && *t < until)
            .map(|(_, id)| *id)
            .collect();
        for (i, name) in &names {
            if name.span.start >= start && name.span.end <= end {
                if let Some(&e) = view.name_entity.get(*i) {
                    governed.push(vocabulary.intern(format!("e:{e}")));
                }
            }
        }
        governed
    } else {
        Vec::new()
    };
    negated.sort_unstable();
    negated.dedup();
    let denied =
        negation_at.and_then(|n| feature_at.iter().find(|(t, _)| *t > n).map(|(_, id)| *id));
    let subject = negation_at.and_then(|n| {
        let from = tokens.get(whole_from)?.span.start;
        let until = tokens.get(n)?.span.start;
        names
            .iter()
            .rev()
            .find(|(_, name)| name.span.start >= from && name.span.end <= until)
            .and_then(|(i, _)| view.name_entity.get(*i))
            .map(|e| vocabulary.intern(format!("e:{e}")))
    });
    ClauseFeatures {
        span,
        features,
        negated,
        denied,
        subject,
        noncommittal,
    }
}

/// Aligns sentences across articles into claims, most widely stated first.
///
/// Every claim has one cell per article; a cell lists the sentences that state or contradict the claim.
/// A sentence that makes several claims may appear in several rows.
/// Only statements that at least two sources make are returned.
pub fn align(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    name_entity: &[Vec<usize>],
    entities: &[Entity],
    figure_slot: &[Vec<Option<usize>>],
) -> Vec<Claim> {
    if articles.len() < 2 {
        return Vec::new();
    }
    let countries = country_aliases(entities);
    let mut vocabulary = Vocabulary::default();
    let mut sentences: Vec<ClaimSentence> = Vec::new();
    // Sentence frequency of every feature, counted once per sentence however many clauses carry it.
    let mut df: Vec<u32> = Vec::new();
    let mut n_sentences = 0usize;
    // Every attribution found, which clauses point into.
    let mut attributions: Vec<Attribution> = Vec::new();
    for (a, (article, found)) in articles.iter().zip(extracted).enumerate() {
        let view = ArticleView {
            text: article.text.as_str(),
            found,
            name_entity: name_entity.get(a).map(Vec::as_slice).unwrap_or(&[]),
            figure_slot: figure_slot.get(a).map(Vec::as_slice).unwrap_or(&[]),
        };
        for s in 0..found.segments.sentences.len() {
            let pieces = clauses(&view, s, &mut vocabulary, &countries);
            let mut seen: Vec<u32> = pieces
                .iter()
                .flat_map(|c| c.features.iter().copied())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            if seen.len() < MIN_FEATURES {
                continue;
            }
            n_sentences += 1;
            df.resize(vocabulary.ids.len(), 0);
            for f in seen {
                df[f as usize] += 1;
            }
            let first_said = attributions.len();
            attributions.extend(
                attribution::find_all(view.text, found.segments.sentence_tokens(s))
                    .into_iter()
                    .map(|a| named_speaker(&view, entities, a)),
            );
            let spans: Vec<Span> = pieces.iter().map(|c| c.span).collect();
            for (i, clause) in pieces.into_iter().enumerate() {
                let attribution = clause_attribution(&attributions[first_said..], &spans, i)
                    .map(|k| first_said + k);
                sentences.push(ClaimSentence {
                    article: a,
                    sentence: s,
                    span: clause.span,
                    features: clause.features,
                    negated: clause.negated,
                    denied: clause.denied,
                    subject: clause.subject,
                    noncommittal: clause.noncommittal,
                    attribution,
                });
            }
        }
    }
    if sentences.is_empty() {
        return Vec::new();
    }
    df.resize(vocabulary.ids.len(), 0);

    // Inverse sentence frequency of every feature.
    let n = n_sentences.max(1) as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (n / d.max(1) as f64).ln().max(0.0) + 0.1)
        .collect();
    let is_name = &vocabulary.is_name;
    let common = MAX_POSTING;
    // Words that can carry a denial: not names, and not the event's own words, which nearly every sentence has
    // ("quake" in a story about an earthquake). "Dismissed concerns that the earthquake would cause tsunamis" does
    // not deny that "a magnitude-6 quake can cause severe damage".
    let distinctive: Vec<bool> = df
        .iter()
        .zip(is_name)
        .map(|(&d, &name)| {
            !name && (d <= TOPICAL_MIN || (d as usize) * TOPICAL_SHARE <= n_sentences)
        })
        .collect();

    // Candidate pairs through rare features only, then each clause's best match in every other article.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); df.len()];
    for (i, s) in sentences.iter().enumerate() {
        for &f in &s.features {
            if df[f as usize] <= common {
                postings[f as usize].push(i);
            }
        }
    }
    let similarity = |a: &ClaimSentence, b: &ClaimSentence| {
        let (mut i, mut j) = (0, 0);
        let (mut shared_names, mut shared_other, mut total) = (0.0, 0.0, 0.0);
        while i < a.features.len() || j < b.features.len() {
            let (fa, fb) = (a.features.get(i), b.features.get(j));
            match (fa, fb) {
                (Some(x), Some(y)) if x == y => {
                    let w = idf[*x as usize];
                    if is_name[*x as usize] {
                        shared_names += w;
                    } else {
                        shared_other += w;
                    }
                    total += w;
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    total += idf[*x as usize];
                    i += 1;
                }
                (Some(x), None) => {
                    total += idf[*x as usize];
                    i += 1;
                }
                (_, Some(y)) => {
                    total += idf[*y as usize];
                    j += 1;
                }
                (None, None) => break,
            }
        }
        // Shared names count only as far as shared words, figures and dates back them.
        let shared = shared_other + f64::min(shared_names, shared_other);
        if total == 0.0 {
            0.0
        } else {
            shared / total
        }
    };
    // best[(sentence, other article)] = (score, other sentence)
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::default();
    for (i, s) in sentences.iter().enumerate() {
        let mut candidates: HashSet<usize> = HashSet::default();
        for &f in &s.features {
            for &j in postings.get(f as usize).map(Vec::as_slice).unwrap_or(&[]) {
                if sentences[j].article != s.article {
                    candidates.insert(j);
                }
            }
        }
        for j in candidates {
            let score = similarity(s, &sentences[j]);
            let entry = best
                .entry((i, sentences[j].article))
                .or_insert((0.0, usize::MAX));
            if score > entry.0 || (score == entry.0 && j < entry.1) {
                *entry = (score, j);
            }
        }
    }

    // Mutual best matches above the threshold, strongest first, join groups by average link: two groups merge
    // when they share no article (a claim takes one sentence per source) and stay similar on average,
    // so that one loose sentence cannot chain two different claims together.
    let mut edges: Vec<(f64, usize, usize)> = best
        .iter()
        .filter(|(_, (score, _))| *score >= THRESHOLD)
        .filter_map(|(&(i, _), &(score, j))| {
            let back = best.get(&(j, sentences[i].article)).map(|b| b.1);
            (back == Some(i) && i < j).then_some((score, i, j))
        })
        .collect();
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut group_of: Vec<usize> = (0..sentences.len()).collect();
    let mut members_of: HashMap<usize, Vec<usize>> =
        (0..sentences.len()).map(|i| (i, vec![i])).collect();
    for (_, i, j) in edges {
        let (gi, gj) = (group_of[i], group_of[j]);
        if gi == gj {
            continue;
        }
        let (a, b) = (&members_of[&gi], &members_of[&gj]);
        let shares_article = a.iter().any(|&x| {
            b.iter()
                .any(|&y| sentences[x].article == sentences[y].article)
        });
        if shares_article {
            continue;
        }
        let total: f64 = a
            .iter()
            .flat_map(|&x| b.iter().map(move |&y| (x, y)))
            .map(|(x, y)| similarity(&sentences[x], &sentences[y]))
            .sum();
        if total / ((a.len() * b.len()) as f64) < THRESHOLD * LINK_SHARE {
            continue;
        }
        let moved = members_of.remove(&gj).unwrap_or_default();
        for &m in &moved {
            group_of[m] = gi;
        }
        if let Some(into) = members_of.get_mut(&gi) {
            into.extend(moved);
        }
    }
    // Mutual best matches miss a source whose clause is another clause's best match too; a group of two or more
    // sources takes, from every source it lacks, the clause most like all its members when that is close enough.
    // Candidates come through the members' rarer features, as for pairs, so a large set stays fast.
    let mut groups: Vec<Vec<usize>> = members_of.into_values().filter(|m| m.len() >= 2).collect();
    groups.sort_unstable();
    for members in &mut groups {
        let covered: HashSet<usize> = members.iter().map(|&m| sentences[m].article).collect();
        let mut candidates: Vec<usize> = members
            .iter()
            .flat_map(|&m| sentences[m].features.iter())
            .flat_map(|&f| postings.get(f as usize).map(Vec::as_slice).unwrap_or(&[]))
            .copied()
            .filter(|&c| !covered.contains(&sentences[c].article))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // The best fit per lacking article: (score, clause).
        let mut best_fit: HashMap<usize, (f64, usize)> = HashMap::default();
        for c in candidates {
            let total: f64 = members
                .iter()
                .map(|&m| similarity(&sentences[c], &sentences[m]))
                .sum();
            let score = total / members.len() as f64;
            let entry = best_fit
                .entry(sentences[c].article)
                .or_insert((f64::MIN, usize::MAX));
            if score > entry.0 {
                *entry = (score, c);
            }
        }
        let mut added: Vec<usize> = best_fit
            .into_values()
            .filter(|(score, _)| *score >= THRESHOLD * FILL_SHARE)
            .map(|(_, c)| c)
            .collect();
        added.sort_unstable();
        members.extend(added);
    }

    // Clauses in a row of two or more sources; the rest may still make a row of one source's attribution.
    let mut used: HashSet<usize> = HashSet::default();
    let mut rows: Vec<Row> = groups
        .into_iter()
        .filter_map(|members| {
            let members = drop_weak_denials(
                &sentences,
                polarity(&sentences, &members),
                &similarity,
                &distinctive,
            );
            let clauses: Vec<usize> = members.iter().map(|m| m.0).collect();
            let claim = build_claim(articles, extracted, &sentences, &attributions, members)?;
            used.extend(clauses.iter().copied());
            Some(Row { claim, clauses })
        })
        .collect();
    rows.sort_by(|a, b| {
        let count = |c: &Claim, state: ClaimState| {
            c.cells.iter().filter(|cell| cell.state == state).count()
        };
        let (a, b) = (&a.claim, &b.claim);
        count(b, ClaimState::Stated)
            .cmp(&count(a, ClaimState::Stated))
            .then(count(b, ClaimState::Contradicted).cmp(&count(a, ClaimState::Contradicted)))
            .then(a.origin.cmp(&b.origin))
    });
    // Two clauses of one sentence can align with two clauses of another sentence separately; a row whose
    // sentences all stand, with the same states, in a wider row already shown says nothing new to the reader.
    let mut kept: Vec<Row> = Vec::with_capacity(rows.len());
    for row in rows {
        let covered = kept.iter().any(|wider| {
            row.claim
                .cells
                .iter()
                .zip(&wider.claim.cells)
                .all(|(cell, other)| {
                    cell.sentences.is_empty()
                        || (cell.state == other.state
                            && cell.sentences.iter().all(|s| other.sentences.contains(s)))
                })
        });
        if covered {
            continue;
        }
        // Rows that one clause represents read the same: they are one claim, found twice through different
        // partners, so they become one row.
        match kept
            .iter_mut()
            .find(|k| k.claim.origin == row.claim.origin && k.claim.text == row.claim.text)
        {
            Some(same) => {
                merge_cells(&mut same.claim.cells, row.claim.cells);
                same.clauses.extend(row.clauses);
            }
            None => kept.push(row),
        }
    }
    let mut rows = kept;
    rows.extend(attributed_alone(
        articles,
        extracted,
        &sentences,
        &attributions,
        &used,
    ));
    link_disputes(&mut rows, &sentences, &attributions, &used, &distinctive);
    let mut claims: Vec<Claim> = rows.into_iter().map(|row| row.claim).collect();
    for (i, claim) in claims.iter_mut().enumerate() {
        claim.id = format!("c{}", i + 1);
    }
    claims
}

/// Words that link a speaker's words to a name that is not the speaker ("the president of Chrysler", "residents
/// along 117th Street"), unlike a describing noun ("the automobile company General Motors").
#[rustfmt::skip]
const LINKS_BEFORE_NAMES: &[&str] = &[
    "and", "the", "for", "from", "with", "who", "along", "near", "outside", "inside", "across", "around",
    "behind", "beside", "between", "into", "over", "under", "within", "through", "toward", "towards", "off",
    "against", "about", "after", "before", "than", "like", "via", "per", "during",
];

/// A claim being built, with the clauses it holds (indices into the candidate clauses).
struct Row {
    claim: Claim,
    clauses: Vec<usize>,
}

/// A speaker as the entity it names, so that one body reads one way in every cell: a speaker that is a name
/// ("the NCPA") takes its entity's name ("National Civil Protection Agency"), and "the agency" or "the company"
/// the body the article last named with that word; any other speaker stays as written ("Governor Aurelia Voss").
fn named_speaker(view: &ArticleView, entities: &[Entity], mut said: Attribution) -> Attribution {
    let entity_name = |k: usize| {
        view.name_entity
            .get(k)
            .and_then(|&e| entities.get(e))
            .map(|e| e.name.clone())
    };
    // The speaker without a leading article, as a span.
    let head = match said.span.of(view.text).get(..4) {
        Some(article) if article.eq_ignore_ascii_case("the ") => {
            Span::new(said.span.start + 4, said.span.end)
        }
        _ => said.span,
    };
    if let Some(k) = view.found.names.iter().position(|name| name.span == head) {
        if let Some(name) = entity_name(k) {
            said.source = name;
        }
        return said;
    }
    // A name after a common noun that describes it ("the United States automobile company General Motors",
    // "analyst Himanshu Patel") or after a title ("Mayor Ines Ferrant", "Const. Tim Fanning") is the speaker, so
    // that one person reads one way in every cell; after a link it is someone else's ("the president of Chrysler").
    let described = view.found.names.iter().position(|name| {
        if name.span.end != said.span.end || name.span.start <= said.span.start {
            return false;
        }
        let before = view
            .text
            .get(said.span.start..name.span.start)
            .unwrap_or("")
            .trim_end();
        let last_word = before.rsplit(' ').next().unwrap_or("");
        let bare = last_word.trim_end_matches('.').to_ascii_lowercase();
        let title = GAZETTEER.is_title(&bare) || RANKS.contains(bare.as_str());
        let noun = last_word.len() > 2
            && last_word.bytes().all(|b| b.is_ascii_lowercase())
            && !LINKS_BEFORE_NAMES.contains(&last_word);
        noun || title
    });
    if let Some(name) = described.and_then(entity_name) {
        said.source = name;
        return said;
    }
    let Some(noun) = said
        .source
        .strip_prefix("the ")
        .filter(|w| w.len() > 2 && w.bytes().all(|b| b.is_ascii_lowercase()))
    else {
        return said;
    };
    let named = view
        .found
        .names
        .iter()
        .enumerate()
        .take_while(|(_, name)| name.span.end <= said.span.start)
        .filter(|(_, name)| matches!(name.label, Label::Org | Label::Fac | Label::Gpe))
        .filter(|(_, name)| {
            name.span
                .of(view.text)
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case(noun))
        })
        .last();
    if let Some((k, name)) = named {
        said.source = entity_name(k).unwrap_or_else(|| name.span.of(view.text).to_string());
    }
    said
}

/// The attribution of clause `i` of a sentence (`clauses` in order) among the sentence's attributions: the one
/// whose reporting word lies in the clause; else the nearest verb before it ("the chief said that A, B": B too);
/// else a closing one in the last clause ("A, B, police said": A too). "The committee's claims of ties" carries only
/// its own clause: "a charge that adds complexity" after it is the writer's.
fn clause_attribution(said: &[Attribution], clauses: &[Span], i: usize) -> Option<usize> {
    let clause = *clauses.get(i)?;
    if let Some(k) = said.iter().position(|a| clause.contains(a.cue)) {
        return Some(k);
    }
    let before = (0..said.len())
        .filter(|&k| !said[k].noun && said[k].cue.end <= clause.start)
        .max_by_key(|&k| said[k].cue.start);
    before.or_else(|| {
        let last = *clauses.last()?;
        (0..said.len())
            .find(|&k| !said[k].noun && last.contains(said[k].cue) && clause.end <= last.start)
    })
}

/// Marks the stated cells whose source reports, a sentence or two away, someone denying what the cell states
/// ("investigators claim ties to Dovia ... the council has denied any Dovian involvement"): the cell says who
/// disputes it, and the denial's own row of one source goes, since the row it disputes now shows it.
/// A denial disputes a statement when the two share a distinctive word (after paraphrase groups: "ties" meets
/// "involvement") and one more feature, a name or another word.
fn link_disputes(
    rows: &mut Vec<Row>,
    sentences: &[ClaimSentence],
    attributions: &[Attribution],
    used: &HashSet<usize>,
    distinctive: &[bool],
) {
    let backs = |statement: &ClaimSentence, denial: &ClaimSentence| {
        let (mut words, mut names) = (0, 0);
        for f in &denial.features {
            if statement.features.binary_search(f).is_ok() {
                if distinctive.get(*f as usize).copied().unwrap_or(false) {
                    words += 1;
                } else {
                    names += 1;
                }
            }
        }
        words >= 1 && words + names >= 2
    };
    let mut absorbed: HashSet<usize> = HashSet::default();
    for (d, denial) in sentences.iter().enumerate() {
        let Some(by) = denial
            .attribution
            .map(|k| &attributions[k])
            .filter(|a| a.denies)
        else {
            continue;
        };
        if used.contains(&d) {
            continue;
        }
        for row in rows.iter_mut() {
            let Some(cell) = row.claim.cells.get_mut(denial.article) else {
                continue;
            };
            if cell.state != ClaimState::Stated
                || cell.disputed.is_some()
                || cell.sentences.contains(&denial.sentence)
            {
                continue;
            }
            let disputes = row.clauses.iter().any(|&c| {
                let statement = &sentences[c];
                statement.article == denial.article
                    && statement.sentence.abs_diff(denial.sentence) <= DISPUTE_REACH
                    && backs(statement, denial)
            });
            if disputes {
                cell.disputed = Some(Dispute {
                    by: by.source.clone(),
                    sentence: denial.sentence,
                });
                absorbed.insert(d);
            }
        }
    }
    rows.retain(|row| {
        !(row.claim.sources() == 1 && row.clauses.iter().all(|c| absorbed.contains(c)))
    });
}

/// Rows for statements that a single source attributes to someone and no other source makes: an allegation, a
/// denial, an official's account. A reader needs to see what rests on one source's word ("investigators claim
/// ties to Dovia"), and whom it rests on. Denials come first when the rows must be cut to keep a huge set light.
fn attributed_alone(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    sentences: &[ClaimSentence],
    attributions: &[Attribution],
    used: &HashSet<usize>,
) -> Vec<Row> {
    // One candidate per sentence: its first clause with an attribution that no other row holds.
    let mut seen: HashSet<(usize, usize)> = HashSet::default();
    let mut candidates: Vec<(usize, &ClaimSentence)> = sentences
        .iter()
        .enumerate()
        .filter(|(i, s)| s.attribution.is_some() && !used.contains(i))
        .filter(|(_, s)| seen.insert((s.article, s.sentence)))
        .collect();
    let budget = MAX_ALONE_CELLS / articles.len().max(1);
    if candidates.len() > budget {
        candidates.sort_by_key(|(_, s)| !s.attribution.is_some_and(|k| attributions[k].denies));
        candidates.truncate(budget);
    }
    candidates.sort_by_key(|(_, s)| (articles[s.article].date, s.article, s.sentence));
    candidates
        .into_iter()
        .filter_map(|(clause, s)| {
            let sentence = extracted[s.article].segments.sentences.get(s.sentence)?;
            let cells = (0..articles.len())
                .map(|a| ClaimCell {
                    state: if a == s.article {
                        ClaimState::Stated
                    } else {
                        ClaimState::NotMentioned
                    },
                    sentences: if a == s.article {
                        vec![s.sentence]
                    } else {
                        Vec::new()
                    },
                    attribution: (a == s.article)
                        .then(|| s.attribution.map(|k| attributions[k].source.clone()))
                        .flatten(),
                    disputed: None,
                })
                .collect();
            let claim = Claim {
                id: String::new(),
                text: excerpt(&articles[s.article].text, sentence.span, s.span),
                origin: ItemRef {
                    article: s.article,
                    index: s.sentence,
                },
                cells,
            };
            Some(Row {
                claim,
                clauses: vec![clause],
            })
        })
        .collect()
}

/// Adds a second row's cells to a row about the same claim: sentences joined, a statement outweighing a
/// denial and a denial outweighing silence.
fn merge_cells(cells: &mut [ClaimCell], other: Vec<ClaimCell>) {
    let rank = |state: ClaimState| match state {
        ClaimState::Stated => 2,
        ClaimState::Contradicted => 1,
        ClaimState::NotMentioned => 0,
    };
    for (cell, add) in cells.iter_mut().zip(other) {
        if rank(add.state) > rank(cell.state) {
            cell.state = add.state;
        }
        if cell.attribution.is_none() {
            cell.attribution = add.attribution;
        }
        for s in add.sentences {
            if !cell.sentences.contains(&s) {
                cell.sentences.push(s);
            }
        }
        cell.sentences.sort_unstable();
    }
}

/// A clause in a group: its index, and whether it denies what the others state.
type Member = (usize, bool);

/// Which members of a group deny what the others state: those with a negation that governs a feature another
/// member shares ("never sounded" over "sirens"), not merely a negation somewhere in the clause.
fn polarity(sentences: &[ClaimSentence], members: &[usize]) -> Vec<Member> {
    members
        .iter()
        .map(|&m| {
            let denies = sentences[m].negated.iter().any(|f| {
                members
                    .iter()
                    .any(|&k| k != m && sentences[k].features.binary_search(f).is_ok())
            });
            (m, denies)
        })
        .collect()
}

/// Keeps a clause of the minority polarity in a claim only when it denies what a clause of the majority states:
/// the two are alike and the negation governs at least two distinctive words of the statement. Sharing names, or a
/// negation about something else in the same sentence ("the toll was not expected to rise"), is not a denial.
fn drop_weak_denials(
    sentences: &[ClaimSentence],
    members: Vec<Member>,
    similarity: &dyn Fn(&ClaimSentence, &ClaimSentence) -> f64,
    distinctive: &[bool],
) -> Vec<Member> {
    let negated = members.iter().filter(|m| m.1).count();
    let majority_negated = negated * 2 > members.len();
    let (majority, minority): (Vec<Member>, Vec<Member>) =
        members.iter().partition(|m| m.1 == majority_negated);
    let mut kept = majority.clone();
    // A clause that keeps something back ("would not say where she is treated") contradicts nothing.
    for m in minority
        .into_iter()
        .filter(|m| !sentences[m.0].noncommittal)
    {
        let close = majority.iter().any(|k| {
            let score = similarity(&sentences[m.0], &sentences[k.0]);
            let (denial, other) = if m.1 { (m.0, k.0) } else { (k.0, m.0) };
            let governed = governed_shared(sentences, denial, other, distinctive);
            // What the negation bears on must be in the statement too: "do not have the expertise" does not deny
            // that agencies "will have to consult", whatever else the two share.
            let head_shared = sentences[denial]
                .denied
                .is_some_and(|h| sentences[other].features.binary_search(&h).is_ok());
            // And it must speak of someone the statement names: "Ross is not signed" does not deny that "Lawrence,
            // Hutcherson and Hemsworth are signed".
            let same_subject = sentences[denial]
                .subject
                .is_none_or(|s| sentences[other].features.binary_search(&s).is_ok());
            score >= THRESHOLD && governed >= 2 && head_shared && same_subject
        });
        // And it must speak of the row's claim as a whole, not of one member's aside.
        let on_the_row = || {
            let total: f64 = majority
                .iter()
                .map(|k| similarity(&sentences[m.0], &sentences[k.0]))
                .sum();
            total / majority.len().max(1) as f64 >= THRESHOLD * LINK_SHARE
        };
        if close && on_the_row() {
            kept.push(m);
        }
    }
    kept
}

/// How many of the distinctive words that clause `other` also has lie under a negation in clause `denial`: "the
/// sirens never sounded" governs both words of "sirens had sounded", which makes it a denial of that very thing.
fn governed_shared(
    sentences: &[ClaimSentence],
    denial: usize,
    other: usize,
    distinctive: &[bool],
) -> usize {
    let other = &sentences[other].features;
    sentences[denial]
        .negated
        .iter()
        .filter(|f| {
            distinctive.get(**f as usize).copied().unwrap_or(false)
                && other.binary_search(f).is_ok()
        })
        .count()
}

/// Makes a claim row from a group of aligned clauses with their polarity; `None` when they all come from one article.
fn build_claim(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    sentences: &[ClaimSentence],
    attributions: &[Attribution],
    mut members: Vec<Member>,
) -> Option<Claim> {
    members.sort_unstable();
    let n_articles: HashSet<usize> = members.iter().map(|m| sentences[m.0].article).collect();
    if n_articles.len() < 2 {
        return None;
    }
    // The claim's polarity is the majority's; ties go to the positive statement.
    let negated = members.iter().filter(|m| m.1).count();
    let claim_negated = negated * 2 > members.len();
    let mut cells: Vec<ClaimCell> = (0..articles.len())
        .map(|_| ClaimCell {
            state: ClaimState::NotMentioned,
            sentences: Vec::new(),
            attribution: None,
            disputed: None,
        })
        .collect();
    for &(m, denies) in &members {
        let s = &sentences[m];
        let Some(cell) = cells.get_mut(s.article) else {
            continue;
        };
        if !cell.sentences.contains(&s.sentence) {
            cell.sentences.push(s.sentence);
        }
        if cell.attribution.is_none() {
            cell.attribution = s.attribution.map(|k| attributions[k].source.clone());
        }
        let agrees = denies == claim_negated;
        cell.state = match (cell.state, agrees) {
            (ClaimState::Stated, _) | (_, true) => ClaimState::Stated,
            _ => ClaimState::Contradicted,
        };
    }
    // The representative sentence comes from the earliest report that states the claim.
    let origin_member = members
        .iter()
        .filter(|m| m.1 == claim_negated)
        .map(|m| m.0)
        .min_by_key(|&m| {
            (
                articles[sentences[m].article].date,
                sentences[m].article,
                sentences[m].sentence,
            )
        })?;
    let origin = ItemRef {
        article: sentences[origin_member].article,
        index: sentences[origin_member].sentence,
    };
    let text = extracted[origin.article]
        .segments
        .sentences
        .get(origin.index)
        .map(|s| {
            excerpt(
                &articles[origin.article].text,
                s.span,
                sentences[origin_member].span,
            )
        })
        .unwrap_or_default();
    Some(Claim {
        id: String::new(),
        text,
        origin,
        cells,
    })
}

/// The words of a claim as its row shows them: the clause that makes it, with an ellipsis where the sentence
/// goes on before or after, so that two claims made by one sentence read differently; the whole sentence when
/// the clause is all of it (or does not lie inside it).
fn excerpt(text: &str, sentence: Span, clause: Span) -> String {
    // A wire story's dateline ("PORT HALLORAN (Meridian Wire) -") says where it was filed, not what it claims.
    let (sentence, clause) = match super::dateline::find(text, sentence.start) {
        Some(d) if d.span.end < sentence.end => (
            Span::new(d.span.end, sentence.end),
            Span::new(clause.start.max(d.span.end), clause.end.max(d.span.end)),
        ),
        _ => (sentence, clause),
    };
    let whole = sentence.of(text).trim();
    if clause.is_empty() || !sentence.contains(clause) {
        return whole.to_string();
    }
    let part = clause.of(text).trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '—' | '–')
    });
    if part.is_empty() || part.len() + 3 >= whole.len() {
        return whole.to_string();
    }
    let before = text
        .get(sentence.start..clause.start)
        .is_some_and(|b| b.chars().any(char::is_alphanumeric));
    let after = text
        .get(clause.end..sentence.end)
        .is_some_and(|a| a.chars().any(char::is_alphanumeric));
    format!(
        "{}{part}{}",
        if before { "… " } else { "" },
        if after { " …" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::{excerpt, stem, PARAPHRASES};
    use crate::analysis::Span;

    #[test]
    fn excerpts_mark_what_the_sentence_adds() {
        let text = "Twelve people died, officials said, when the dam gave way on Sunday.";
        let sentence = Span::new(0, text.len());
        let check = |clause: Span, want: &str| assert_eq!(excerpt(text, sentence, clause), want);
        check(Span::new(0, 18), "Twelve people died …");
        check(
            Span::new(35, text.len()),
            "… when the dam gave way on Sunday.",
        );
        check(Span::new(0, text.len()), text);
        check(Span::default(), text);
        check(Span::new(5, 500), text);
    }

    #[test]
    fn paraphrases_meet() {
        let group = |phrase: &str| {
            let key: Vec<String> = phrase.split(' ').map(stem).collect();
            PARAPHRASES.get(&key.join(" ")).copied()
        };
        assert!(group("warned").is_some());
        assert_eq!(group("warned"), group("alert"));
        assert_eq!(group("gave way"), group("collapsed"));
        assert_eq!(group("killed"), group("deaths"));
        assert_ne!(group("killed"), group("injured"));
        assert_eq!(group("nonsense"), None);
    }

    #[test]
    fn stems_meet() {
        assert_eq!(stem("warnings"), stem("warned"));
        assert_eq!(stem("warning"), "warn");
        assert_eq!(stem("attacks"), stem("attacked"));
        assert_eq!(stem("authorities"), "authority");
        assert_eq!(stem("Russia's"), "russia");
    }
}
