//! Claims: sentences in different sources that state the same thing, aligned into a claim x source grid.
//!
//! Each sentence becomes a weighted set of features: its content-word stems, the entities it names (after alias
//! resolution, so "U.S." and "United States" count as one) and the figure slots it reports. Weights are inverse
//! sentence frequencies over the whole set, so shared rare words and names count for much, shared common ones for little.
//! Two sentences in different articles are aligned when each is the other's best match in its article and their
//! weighted Jaccard similarity passes a threshold; aligned pairs join claims by average link, one sentence per source. Within a claim, a sentence that
//! denies or negates what the others state marks its source as contradicting the claim.

use super::model::{
    Article, ArticleAnalysis, Claim, ClaimCell, ClaimState, Entity, ItemRef, TokenKind,
};
use std::collections::{HashMap, HashSet};

/// Minimum weighted Jaccard similarity for two sentences to state the same thing.
const THRESHOLD: f64 = 0.10;

/// A sentence that negates a claim must be at least this similar to one that states it to count as contradicting.
const CONTRADICT_THRESHOLD: f64 = 0.25;

/// Two groups of aligned sentences merge when their average similarity is at least this share of the threshold.
const LINK_SHARE: f64 = 0.7;

/// A sentence needs this many features to be a claim at all (headings and fragments are not).
const MIN_FEATURES: usize = 5;

/// Only features shared by at most this many sentences propose candidate pairs (all features still score),
/// which keeps candidate lists short in a large set and lets every telling word and name count in a small one.
const MAX_POSTING: u32 = 50;

/// Words that carry no claim of their own.
const STOPWORDS: &[&str] = &[
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

/// Words that turn a statement into its denial or negation.
const NEGATIONS: &[&str] = &[
    "not",
    "no",
    "never",
    "n't",
    "deny",
    "denied",
    "denies",
    "denying",
    "denial",
    "rejected",
    "rejects",
    "dismissed",
    "refuted",
    "false",
    "untrue",
    "neither",
    "nor",
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
            return format!("{}{}", &w[..w.len() - suffix.len()], replacement);
        }
    }
    w.to_string()
}

/// One candidate sentence: where it is, its features, and whether it negates.
struct ClaimSentence {
    article: usize,
    sentence: usize,
    features: Vec<u32>,
    negated: bool,
}

/// Aligns sentences across articles into claims, most widely stated first.
///
/// Every claim has one cell per article; a cell lists the sentences that state or contradict the claim.
/// Only statements that at least two sources make are returned.
pub fn align(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    name_entity: &[Vec<usize>],
    entities: &[Entity],
    figure_slot: &[Vec<Option<usize>>],
) -> Vec<Claim> {
    let _ = entities;
    let stopwords: HashSet<&str> = STOPWORDS.iter().copied().collect();
    let mut vocabulary: HashMap<String, u32> = HashMap::new();
    let mut intern = |feature: String| {
        let next = vocabulary.len() as u32;
        *vocabulary.entry(feature).or_insert(next)
    };
    let mut sentences: Vec<ClaimSentence> = Vec::new();
    for (a, (article, found)) in articles.iter().zip(extracted).enumerate() {
        let text = article.text.as_str();
        for (s, sentence) in found.segments.sentences.iter().enumerate() {
            let mut features: Vec<u32> = Vec::new();
            let mut negated = false;
            let tokens = found.segments.sentence_tokens(s);
            for (t, token) in tokens.iter().enumerate() {
                let word = token.span.of(text);
                let lower = word.to_lowercase();
                // "not only ... but also" adds to a statement rather than denying it.
                let next = tokens.get(t + 1).map(|n| n.span.of(text).to_lowercase());
                if NEGATIONS.contains(&lower.as_str()) && next.as_deref() != Some("only") {
                    negated = true;
                }
                if token.kind == TokenKind::Word
                    && word.chars().count() > 2
                    && !stopwords.contains(lower.as_str())
                {
                    features.push(intern(format!("w:{}", stem(word))));
                }
            }
            for (i, name) in found.names.iter().enumerate() {
                if sentence.span.contains(name.span) {
                    if let Some(e) = name_entity.get(a).and_then(|row| row.get(i)) {
                        features.push(intern(format!("e:{e}")));
                    }
                }
            }
            for (i, figure) in found.figures.iter().enumerate() {
                if figure.sentence == s {
                    if let Some(Some(slot)) = figure_slot.get(a).and_then(|row| row.get(i)) {
                        features.push(intern(format!("s:{slot}")));
                    }
                }
            }
            features.sort_unstable();
            features.dedup();
            if features.len() >= MIN_FEATURES {
                sentences.push(ClaimSentence {
                    article: a,
                    sentence: s,
                    features,
                    negated,
                });
            }
        }
    }
    if articles.len() < 2 || sentences.is_empty() {
        return Vec::new();
    }

    // Inverse sentence frequency of every feature.
    let mut df = vec![0u32; vocabulary.len()];
    for s in &sentences {
        for &f in &s.features {
            df[f as usize] += 1;
        }
    }
    let n = sentences.len() as f64;
    let idf: Vec<f64> = df
        .iter()
        .map(|&d| (n / d.max(1) as f64).ln().max(0.0) + 0.1)
        .collect();
    let common = MAX_POSTING;

    // Candidate pairs through rare features only, then each sentence's best match in every other article.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); vocabulary.len()];
    for (i, s) in sentences.iter().enumerate() {
        for &f in &s.features {
            if df[f as usize] <= common {
                postings[f as usize].push(i);
            }
        }
    }
    let similarity = |a: &ClaimSentence, b: &ClaimSentence| {
        let (mut i, mut j, mut shared, mut total) = (0, 0, 0.0, 0.0);
        while i < a.features.len() || j < b.features.len() {
            let (fa, fb) = (a.features.get(i), b.features.get(j));
            match (fa, fb) {
                (Some(x), Some(y)) if x == y => {
                    shared += idf[*x as usize];
                    total += idf[*x as usize];
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
        if total == 0.0 {
            0.0
        } else {
            shared / total
        }
    };
    // best[(sentence, other article)] = (score, other sentence)
    let mut best: HashMap<(usize, usize), (f64, usize)> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        let mut candidates: HashSet<usize> = HashSet::new();
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
    let groups = members_of;

    let mut claims: Vec<Claim> = groups
        .into_values()
        .filter_map(|members| {
            let members = drop_weak_denials(&sentences, members, &similarity);
            build_claim(articles, extracted, &sentences, members)
        })
        .collect();
    claims.sort_by(|a, b| {
        let count = |c: &Claim, state: ClaimState| {
            c.cells.iter().filter(|cell| cell.state == state).count()
        };
        count(b, ClaimState::Stated)
            .cmp(&count(a, ClaimState::Stated))
            .then(count(b, ClaimState::Contradicted).cmp(&count(a, ClaimState::Contradicted)))
            .then(a.origin.cmp(&b.origin))
    });
    for (i, claim) in claims.iter_mut().enumerate() {
        claim.id = format!("c{}", i + 1);
    }
    claims
}

/// Keeps a sentence of the minority polarity in a claim only when it is close to a sentence of the majority:
/// a denial contradicts a claim when it speaks of the same thing, not when it merely shares some names.
fn drop_weak_denials(
    sentences: &[ClaimSentence],
    members: Vec<usize>,
    similarity: &dyn Fn(&ClaimSentence, &ClaimSentence) -> f64,
) -> Vec<usize> {
    let negated = members.iter().filter(|&&m| sentences[m].negated).count();
    let majority_negated = negated * 2 > members.len();
    let (majority, minority): (Vec<usize>, Vec<usize>) = members
        .iter()
        .partition(|&&m| sentences[m].negated == majority_negated);
    let mut kept = majority.clone();
    for m in minority {
        let close = majority
            .iter()
            .any(|&k| similarity(&sentences[m], &sentences[k]) >= CONTRADICT_THRESHOLD);
        if close {
            kept.push(m);
        }
    }
    kept
}

/// Makes a claim row from a group of aligned sentences; `None` when they all come from one article.
fn build_claim(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    sentences: &[ClaimSentence],
    mut members: Vec<usize>,
) -> Option<Claim> {
    members.sort_unstable();
    let n_articles: HashSet<usize> = members.iter().map(|&m| sentences[m].article).collect();
    if n_articles.len() < 2 {
        return None;
    }
    // The claim's polarity is the majority's; ties go to the positive statement.
    let negated = members.iter().filter(|&&m| sentences[m].negated).count();
    let claim_negated = negated * 2 > members.len();
    let mut cells: Vec<ClaimCell> = (0..articles.len())
        .map(|_| ClaimCell {
            state: ClaimState::NotMentioned,
            sentences: Vec::new(),
        })
        .collect();
    for &m in &members {
        let s = &sentences[m];
        let cell = &mut cells[s.article];
        cell.sentences.push(s.sentence);
        let agrees = s.negated == claim_negated;
        cell.state = match (cell.state, agrees) {
            (ClaimState::Stated, _) | (_, true) => ClaimState::Stated,
            _ => ClaimState::Contradicted,
        };
    }
    // The representative sentence comes from the earliest report that states the claim.
    let origin_member = members
        .iter()
        .copied()
        .filter(|&m| sentences[m].negated == claim_negated)
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
        .map(|s| s.span.of(&articles[origin.article].text).to_string())
        .unwrap_or_default();
    Some(Claim {
        id: String::new(),
        text,
        origin,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn stems_meet() {
        assert_eq!(stem("warnings"), stem("warned"));
        assert_eq!(stem("warning"), "warn");
        assert_eq!(stem("attacks"), stem("attacked"));
        assert_eq!(stem("authorities"), "authority");
        assert_eq!(stem("Russia's"), "russia");
    }
}
