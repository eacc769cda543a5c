//! Attributions: who a sentence says its statement comes from ("according to police", "the ministry said",
//! "the committee's claims of ...", "the council has denied ...").
//!
//! A reader weighs "the attackers had ties to Ukraine" very differently from "investigators claim the attackers had
//! ties to Ukraine", so every claim cell carries its attribution, and a statement that one source attributes to
//! someone is worth showing even when no other source makes it.
//! The rules read the words around a reporting verb and never guess: a sentence without a named speaker (a pronoun,
//! "it was said") has no attribution.

use super::model::{Span, Token, TokenKind};
use super::names::RANKS;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Who a sentence attributes its statement to, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The speaker as written, a leading "The" lower-cased: "the U.S. National Security Council".
    pub source: String,
    /// Where the speaker's words are (byte offsets into the article text).
    pub span: Span,
    /// Where the reporting word is ("said", "according", "denied"), so a caller can tell which clause it governs.
    pub cue: Span,
    /// Whether the speaker denies the statement rather than makes it ("the council denied any involvement").
    pub denies: bool,
    /// Whether the cue is a noun ("the committee's claims of ..."), which carries only the words of its own clause,
    /// where a verb or "according to" carries the rest of the sentence.
    pub noun: bool,
}

/// Verbs that attribute whatever follows or precedes them to their subject.
#[rustfmt::skip]
const SAYING: &[&str] = &[
    "said", "says", "say", "told", "tells", "stated", "added", "adds", "insisted", "insists", "warned", "warns",
    "noted", "notes", "wrote", "writes", "tweeted", "posted", "explained", "announced", "announces", "confirmed",
    "confirms", "reported", "acknowledged", "acknowledges", "admitted", "admits", "argued", "argues", "maintained",
    "maintains", "asserted", "asserts", "revealed", "reveals", "estimated", "estimates", "testified",
];

/// Verbs that may come before their speaker: "..., said the ministry." ("told" may not: "told AFP" names the hearer).
#[rustfmt::skip]
const INVERTING: &[&str] = &[
    "said", "says", "added", "noted", "wrote", "explained", "stated", "reported", "warned", "insisted", "admitted",
    "acknowledged", "announced", "confirmed",
];

/// Saying verbs that also take a plain object ("added a category", "noted the date"): they attribute only before a
/// proposition, a quote or a comma, or at the end of a clause.
const LOOSE: &[&str] = &[
    "added",
    "adds",
    "noted",
    "notes",
    "posted",
    "wrote",
    "writes",
    "explained",
];

/// Forms of "be": before a participle they make it passive ("was denied" has no speaker before it; in claims,
/// "was denied a permit" refuses something rather than denying it), and before a predicate they state it ("the
/// reason is unknown").
pub(super) const BE_FORMS: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

/// Words that negate the verb after them: someone who "did not say" states nothing.
#[rustfmt::skip]
const NEGATIONS: &[&str] = &[
    "not", "never", "didn't", "did't", "don't", "doesn't", "won't", "wouldn't", "couldn't", "cannot", "can't",
    "didn’t", "don’t", "doesn’t", "won’t", "wouldn’t", "couldn’t", "can’t",
];

/// Verbs that attribute only a proposition: "claimed that ...", not "claimed responsibility" (an act).
#[rustfmt::skip]
const CLAIMING: &[&str] = &[
    "claimed", "claims", "claim", "alleged", "alleges", "allege", "suggested", "suggests", "suggest", "believe",
    "believes", "believed", "contended", "contends", "concluded", "concludes", "found", "determined",
];

/// Verbs by which the subject rejects a statement.
#[rustfmt::skip]
const DENYING: &[&str] = &[
    "denied", "denies", "deny", "rejected", "rejects", "dismissed", "dismisses", "disputed", "disputes",
    "refuted", "refutes", "contradicted",
];

/// Participles that attribute in a participial clause ("with the chief revealing that ...").
#[rustfmt::skip]
const PARTICIPLES: &[&str] = &[
    "saying", "claiming", "alleging", "revealing", "adding", "warning", "insisting", "suggesting", "denying",
    "noting", "stating", "arguing", "asserting", "announcing", "confirming",
];

/// Nouns that, after a possessive, carry someone's statement ("the committee's claims of ...").
#[rustfmt::skip]
const STATEMENT_NOUNS: &[&str] = &[
    "claim", "claims", "allegation", "allegations", "accusation", "accusations", "assertion", "assertions",
    "statement", "statements", "denial", "denials", "account", "findings", "assessment", "contention",
];

/// What "claim of ..." takes when it is an act, not a statement: "a claim of responsibility".
#[rustfmt::skip]
const ACTS: &[&str] = &["responsibility", "victory", "credit", "asylum", "ownership", "self-defence", "self-defense"];

/// Nouns among [`STATEMENT_NOUNS`] that reject rather than state.
const DENIAL_NOUNS: &[&str] = &["denial", "denials"];

/// Words that may stand between a subject and its verb without being part of the subject.
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "has", "have", "had", "also", "later", "earlier", "previously", "categorically", "repeatedly", "publicly",
    "strongly", "firmly", "flatly", "quickly", "swiftly", "already", "officially", "initially", "now", "again",
    "immediately", "since", "vehemently", "emphatically", "reportedly", "subsequently", "then", "today",
    "yesterday", "once", "privately", "separately", "far", "both",
];

/// Words that a speaker's name may hold besides content words: articles and the links of "head of the committee".
const NAME_LINKS: &[&str] = &[
    "the", "a", "an", "of", "for", "at", "'s", "’s", "'", "’", "&", "-", ".",
];

/// Words that end a speaker's name when reading backwards: clause openers, conjunctions and other function words.
#[rustfmt::skip]
const NAME_STOPS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "or", "but", "while", "when", "as", "because", "meanwhile",
    "however", "where", "after", "before", "if", "than", "with", "without", "by", "to", "in", "on", "from", "into",
    "is", "are", "was", "were", "be", "been", "being", "not", "no", "it", "this", "these", "those", "there", "also",
    "what", "why", "how", "would", "could", "should", "will", "may", "might", "can", "must", "did", "do", "does",
    "so", "yet", "nor", "although", "though", "whether", "said", "says", "instead", "even", "only", "just",
    "about", "over", "under", "against", "between", "among", "through", "during", "despite", "amid", "amidst",
    "up", "out", "off", "down", "all", "any", "some", "many", "such", "more", "most", "other", "its", "their",
    "his", "her", "our", "your", "my", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "today", "yesterday", "tonight", "earlier", "later", "whereas", "regarding", "concerning",
    "following", "like", "unlike", "per", "via",
];

/// Prepositions before a place: a name after one is where, not who.
const PLACE_LINKS: &[&str] = &["in", "at", "from", "near", "on", "of"];

/// Speakers that name nobody: pronouns and words for "it".
#[rustfmt::skip]
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "there", "one", "someone",
    "anyone", "everyone", "nobody", "people", "some", "others", "many", "few",
];

/// Every word that can open an attribution, so that the other words of a sentence cost one look-up each.
static CUES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    [
        SAYING,
        CLAIMING,
        DENYING,
        PARTICIPLES,
        STATEMENT_NOUNS,
        &["according"],
    ]
    .into_iter()
    .flatten()
    .copied()
    .collect()
});

/// The longest speaker's name read, in words.
const MAX_NAME_WORDS: usize = 8;

/// The words of a piece of text with their tokens, and the text's ASCII lower-case copy that `w` reads them from.
struct Words<'a> {
    text: &'a str,
    tokens: &'a [Token],
    /// The tokens' stretch of text lower-cased (ASCII only, so every byte offset stays where it was).
    lower: String,
    /// Where `lower` starts in `text`.
    base: usize,
}

impl Words<'_> {
    fn w(&self, k: usize) -> &str {
        self.tokens
            .get(k)
            .and_then(|t| {
                self.lower
                    .get(t.span.start - self.base..t.span.end - self.base)
            })
            .unwrap_or("")
    }

    fn is_word(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
    }

    /// Whether token `k` may stand between a subject and its verb: an auxiliary or an adverb ("recently").
    fn between(&self, k: usize) -> bool {
        let w = self.w(k);
        BETWEEN.contains(&w)
            || (w.len() > 4 && w.ends_with("ly") && !self.capitalised(k) && self.is_word(k))
    }

    /// Whether token `k` may be part of a speaker's name.
    fn name_part(&self, k: usize) -> bool {
        let w = self.w(k);
        if w == "." {
            return self.abbreviation_dot(k);
        }
        (self.is_word(k) && !NAME_STOPS.contains(&w)) || NAME_LINKS.contains(&w)
    }

    /// Whether the full stop at `k` closes an abbreviation ("U.S.", "Gen.") rather than the sentence.
    fn abbreviation_dot(&self, k: usize) -> bool {
        let Some(prev) = k.checked_sub(1).and_then(|p| self.tokens.get(p)) else {
            return false;
        };
        let glued = self
            .tokens
            .get(k)
            .is_some_and(|t| t.span.start == prev.span.end);
        let word = prev.span.of(self.text);
        // A rank's abbreviation of any length ("Const. Fanning", "Supt. Hale") is one too.
        let rank = RANKS.contains(word.to_ascii_lowercase().as_str());
        glued
            && (word.contains('.') || word.chars().count() <= 3 || rank)
            && word.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether token `k` is a possessive: "inquiry's", "Dovia’s", or the mark after "police'".
    fn possessive(&self, k: usize) -> bool {
        let w = self.w(k);
        w.ends_with("'s") || w.ends_with("’s") || matches!(w, "'" | "’")
    }

    fn capitalised(&self, k: usize) -> bool {
        self.tokens
            .get(k)
            .and_then(|t| t.span.of(self.text).chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// The attribution whose speaker runs over tokens `start..end`, or `None` when that names nobody.
    fn speaker(&self, start: usize, end: usize, cue: usize, denies: bool) -> Option<Attribution> {
        // Links cannot open or close a name: "of the ministry" is "the ministry", "police's" is "police".
        let mut start = start;
        let mut end = end;
        while start < end
            && NAME_LINKS.contains(&self.w(start))
            && !matches!(self.w(start), "the" | "a" | "an")
        {
            start += 1;
        }
        while end > start && NAME_LINKS.contains(&self.w(end - 1)) && self.w(end - 1) != "." {
            end -= 1;
        }
        let content: Vec<usize> = (start..end)
            .filter(|&k| self.is_word(k) && !NAME_LINKS.contains(&self.w(k)))
            .collect();
        let first = *content.first()?;
        // "in 2001 announced", "1, 000 euros a month said": a speaker's name does not open with a number.
        if self
            .tokens
            .get(first)
            .is_some_and(|t| t.kind == TokenKind::Number)
        {
            return None;
        }
        // A pronoun names nobody, nor does a lone letter ("t" of "can ’ t believe" written apart).
        if content.len() == 1
            && (PRONOUNS.contains(&self.w(first)) || self.w(first).chars().count() < 2)
        {
            return None;
        }
        if PRONOUNS.contains(&self.w(start)) && self.w(start) != "one" {
            return None;
        }
        // A subject pronoun right before the verb is the speaker, whatever words run before it ("Regarding the
        // process he said"): it names nobody.
        let last = *content.last()?;
        if matches!(self.w(last), "he" | "she" | "they" | "we" | "i" | "you") {
            return None;
        }
        let mut span = Span::new(self.tokens[start].span.start, self.tokens[end - 1].span.end);
        // The speaker of "the inquiry's claims" is "the inquiry".
        let whole = span.of(self.text);
        if let Some(name) = ["'s", "’s"]
            .iter()
            .find_map(|mark| whole.strip_suffix(mark))
        {
            span = Span::new(span.start, span.start + name.len());
        }
        let written = span.of(self.text).trim();
        let source = ["The ", "A ", "An "]
            .iter()
            .find_map(|article| {
                let rest = written.strip_prefix(article)?;
                Some(format!("{}{rest}", article.to_lowercase()))
            })
            .unwrap_or_else(|| written.to_string());
        Some(Attribution {
            source,
            span,
            cue: self.tokens[cue].span,
            denies,
            noun: STATEMENT_NOUNS.contains(&self.w(cue)) && cue > 0 && self.possessive(cue - 1),
        })
    }

    /// The speaker whose name ends right before token `end`, read backwards over at most [`MAX_NAME_WORDS`] words.
    fn speaker_before(&self, end: usize, cue: usize, denies: bool) -> Option<Attribution> {
        let mut start = end;
        while start > 0 && end - start < MAX_NAME_WORDS && self.name_part(start - 1) {
            start -= 1;
        }
        if start == end {
            return None;
        }
        // Before a participle, an article inside the run opens the name unless a link holds it there ("the head
        // of the committee"): "will issue a press release stating" is stated by "a press release".
        if PARTICIPLES.contains(&self.w(cue)) {
            if let Some(article) = (start + 1..end).rev().find(|&k| {
                matches!(self.w(k), "the" | "a" | "an") && !NAME_LINKS.contains(&self.w(k - 1))
            }) {
                start = article;
            }
        }
        // "A person familiar with the matter said", "a source with knowledge of the talks", "sources close to the
        // inquiry": the speaker is the person, whose standing the words after the noun describe.
        let standing = start >= 2
            && match self.w(start - 1) {
                "with" => {
                    self.w(start - 2) == "familiar"
                        || matches!(
                            self.w(start),
                            "knowledge" | "direct" | "intimate" | "first-hand"
                        )
                }
                "to" => self.w(start - 2) == "close",
                _ => false,
            };
        if standing && self.name_part(start - 2) {
            let mut head = start - 2;
            while head > 0 && end - head < MAX_NAME_WORDS + 4 && self.name_part(head - 1) {
                head -= 1;
            }
            return self.speaker(head, end, cue, denies);
        }
        // "Fishermen in the lower town alleged": the speaker is the fishermen, whose place follows them.
        if start >= 2
            && matches!(self.w(start - 1), "in" | "at" | "from" | "near")
            && self.name_part(start - 2)
            && !NAME_LINKS.contains(&self.w(start - 2))
        {
            let mut head = start - 1;
            while head > 0 && end - head < MAX_NAME_WORDS + 2 && self.name_part(head - 1) {
                head -= 1;
            }
            return self.speaker(head, end, cue, denies);
        }
        self.speaker(start, end, cue, denies)
    }

    /// The speaker of "X, Y, said", where `comma` is the second comma: X when it is a whole subject ("The Relief
    /// Society, the largest charity, said"), else Y ("Her spokesman, Bill Ames, says"), and nobody when X ends a
    /// place ("Prosecutors in Draveny, the provincial capital, said" names no single speaker).
    fn appositive(&self, comma: usize, cue: usize, denies: bool) -> Option<Attribution> {
        let run_before = |end: usize| {
            let mut start = end;
            while start > 0 && end - start < MAX_NAME_WORDS && self.name_part(start - 1) {
                start -= 1;
            }
            start
        };
        // "Tova Rand, who lives next door, said": the speaker is the name before the relative clause.
        if let Some(who) = (comma.saturating_sub(MAX_NAME_WORDS + 4)..comma)
            .rev()
            .find(|&j| self.w(j) == "who" && j > 0 && self.w(j - 1) == ",")
        {
            let start = run_before(who - 1);
            return (start < who - 1)
                .then(|| self.speaker(start, who - 1, cue, denies))
                .flatten();
        }
        let y = run_before(comma);
        if y == comma || y == 0 || self.w(y - 1) != "," {
            return None;
        }
        let first_comma = y - 1;
        let x = run_before(first_comma);
        if x > 0 && PLACE_LINKS.contains(&self.w(x - 1)) {
            return None;
        }
        // X must be a whole subject, and it gives way to a proper name in Y ("The ferry's owner, Selko Lines").
        let whole_subject = x < first_comma && (x == 0 || !self.is_word(x - 1));
        if whole_subject
            && (self.has_proper_name(x, first_comma) || !self.has_proper_name(y, comma))
        {
            return self.speaker(x, first_comma, cue, denies);
        }
        self.speaker(y, comma, cue, denies)
    }

    /// Whether tokens `start..end` hold a capitalised word that is not merely the sentence's first.
    fn has_proper_name(&self, start: usize, end: usize) -> bool {
        (start.max(1)..end).any(|k| self.is_word(k) && self.capitalised(k))
    }

    /// The speaker whose name starts at token `start`, read forwards ("according to the ministry of health").
    /// With `proper`, a name that opens with a capital stops at a lower-case past form: in "..., said Hiller moved
    /// in" the speaker would be "Hiller", not "Hiller moved" (titles such as "police spokesperson" stay).
    fn speaker_after(&self, start: usize, cue: usize, proper: bool) -> Option<Attribution> {
        let proper =
            proper && self.capitalised(start) && !matches!(self.w(start), "the" | "a" | "an");
        let mut end = start;
        while end < self.tokens.len() && end - start < MAX_NAME_WORDS {
            // "according to figures from Nielsen Media": a named place or body after the speaker stays with it.
            let place_follows = end > start
                && matches!(self.w(end), "in" | "at" | "from")
                && self.capitalised(end + 1)
                && !proper;
            if !(self.name_part(end) || place_follows) {
                break;
            }
            // A second article opens a new phrase: "according to police the attackers ..." stops at "the".
            if end > start && matches!(self.w(end), "the" | "a" | "an") {
                break;
            }
            if proper && self.is_word(end) && !self.capitalised(end) && self.w(end).ends_with("ed")
            {
                break;
            }
            end += 1;
        }
        self.speaker(start, end, cue, false)
    }

    /// Whether the verb at `k` is followed by a proposition rather than an object: "claimed that ...",
    /// "claimed, ..." or a quote, or it ends its clause ("..., the group claimed.").
    fn proposition_follows(&self, k: usize) -> bool {
        let next = self.w(k + 1);
        matches!(next, "that" | ":" | "\"" | "“" | "." | "" | ";")
            || (next == "to" && self.w(k + 2) == "have")
    }
}

/// Every attribution in the tokens of one sentence (or clause) of `text`, in the order their cues appear.
///
/// The spans lie inside the tokens' range. Returns nothing for a sentence without a named speaker.
pub fn find_all(text: &str, tokens: &[Token]) -> Vec<Attribution> {
    // Most sentences attribute nothing: look for a cue before copying the sentence to lower case.
    let is_cue = |t: &Token| {
        let word = t.span.of(text);
        let mut buffer = [0u8; 16];
        let Some(slot) = buffer.get_mut(..word.len()) else {
            return false;
        };
        slot.copy_from_slice(word.as_bytes());
        slot.make_ascii_lowercase();
        std::str::from_utf8(slot).is_ok_and(|w| CUES.contains(w))
    };
    let cues: Vec<usize> = (0..tokens.len()).filter(|&k| is_cue(&tokens[k])).collect();
    if cues.is_empty() {
        return Vec::new();
    }
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Vec::new();
    };
    let base = first.span.start;
    let Some(stretch) = text.get(base..last.span.end) else {
        return Vec::new();
    };
    let words = Words {
        text,
        tokens,
        lower: stretch.to_ascii_lowercase(),
        base,
    };
    let mut found = Vec::new();
    for k in cues {
        let w = words.w(k);
        let found_here = if w == "according" && words.w(k + 1) == "to" {
            words.speaker_after(k + 2, k, false)
        } else if STATEMENT_NOUNS.contains(&w)
            && k >= 1
            && words.possessive(k - 1)
            && matches!(words.w(k + 1), "of" | "that")
            // "claim of responsibility" is an act; a statement has some words to it.
            && !ACTS.contains(&words.w(k + 2))
            && (k + 2..tokens.len().min(k + 5)).filter(|&j| words.is_word(j)).count() >= 3
        {
            // "the inquiry's claims": the possessive word is the name's last; "police' claims": the mark follows it.
            let end = if matches!(words.w(k - 1), "'" | "’") {
                k - 1
            } else {
                k
            };
            words.speaker_before(end, k, DENIAL_NOUNS.contains(&w))
        } else if SAYING.contains(&w) || DENYING.contains(&w) || CLAIMING.contains(&w) {
            let denies = DENYING.contains(&w);
            if CLAIMING.contains(&w) && !words.proposition_follows(k) {
                continue;
            }
            // "added a category" is an act; "added that ..." or "..., he added." a statement.
            if LOOSE.contains(&w) && !(words.proposition_follows(k) || words.w(k + 1) == ",") {
                continue;
            }
            // After a possessive or an article the word is a noun: "the group's claim", "the claim".
            if k > 0
                && (words.possessive(k - 1)
                    || matches!(words.w(k - 1), "the" | "a" | "an" | "this"))
            {
                continue;
            }
            let mut end = k;
            while end > 0 && words.between(end - 1) {
                end -= 1;
            }
            // A passive verb ("was denied", "was only later revealed") has no speaker before it, and one who
            // "did not say" withholds rather than states.
            let passive = (end.saturating_sub(3)..end)
                .rev()
                .take_while(|&j| words.is_word(j))
                .any(|j| BE_FORMS.contains(&words.w(j)));
            if passive || NEGATIONS.contains(&words.w(end.wrapping_sub(1))) {
                continue;
            }
            // "the $184 million reported by ...": a verb followed by "by" is passive.
            if words.w(k + 1) == "by" {
                continue;
            }
            match words.speaker_before(end, k, denies) {
                Some(a) => Some(a),
                // An apposition: "His successor, Dovran Kuliyev, says ..." is said by the name between the commas.
                None if words.w(end.wrapping_sub(1)) == "," => words.appositive(end - 1, k, denies),
                None => None,
            }
            .or_else(|| {
                // Inverted: "..., said the health ministry." or "said Police Chief Ann Reyes, who ...".
                let after_break = k == 0 || matches!(words.w(k - 1), "," | "\"" | "”" | "'" | "’");
                let next = k + 1;
                let opens = words.w(next) == "the"
                    || words.capitalised(next)
                    || matches!(words.w(next), "police" | "officials" | "authorities");
                if !(INVERTING.contains(&w) && after_break && opens) {
                    return None;
                }
                let a = words.speaker_after(next, k, true)?;
                // The name must end its clause; "says the election is ..." has a subject, not a speaker.
                let end = words
                    .tokens
                    .iter()
                    .position(|t| t.span.start >= a.span.end)
                    .unwrap_or(words.tokens.len());
                let closes = end >= words.tokens.len()
                    || matches!(
                        words.w(end),
                        "," | "."
                            | ";"
                            | ":"
                            | "\""
                            | "”"
                            | "in"
                            | "on"
                            | "at"
                            | "who"
                            | "whose"
                            | "when"
                    );
                closes.then_some(a)
            })
        } else if PARTICIPLES.contains(&w) && words.proposition_follows(k) {
            // "and merely saying that": an adverb before the participle is not its speaker.
            let mut end = k;
            while end > 0 && words.between(end - 1) {
                end -= 1;
            }
            words.speaker_before(end, k, w == "denying")
        } else {
            None
        };
        if let Some(a) = found_here {
            found.push(a);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::find_all;
    use crate::analysis::segment;

    /// The first attribution of `sentence` as "source" or "denied by source", or "" when there is none.
    fn first(sentence: &str) -> String {
        let segments = segment(sentence, crate::analysis::Span::new(0, sentence.len()));
        match find_all(sentence, &segments.tokens).first() {
            Some(a) if a.denies => format!("denied by {}", a.source),
            Some(a) => a.source.clone(),
            None => String::new(),
        }
    }

    #[test]
    fn speakers() {
        let cases = [
            ("The toll rose to 40, according to the regional health office.", "the regional health office"),
            ("Police said the driver had fled.", "Police"),
            ("The bridge was closed, said Mayor Ilse Varga.", "Mayor Ilse Varga"),
            (
                "A spokesman for the port authority told reporters the crane had failed.",
                "a spokesman for the port authority",
            ),
            (
                "The Harwick inquiry's claims of payments between the firm and officials in Dovia strained ties.",
                "the Harwick inquiry",
            ),
            (
                "Meanwhile, the Coastal Safety Board has categorically denied any negligence by its crews.",
                "denied by the Coastal Safety Board",
            ),
            (
                "The reaction was swift, with Dovia's fisheries chief revealing that the quota had been exceeded.",
                "Dovia's fisheries chief",
            ),
            ("Investigative reports suggest that the guards were warned days before.", "Investigative reports"),
            ("The company claimed that its pumps were working.", "the company"),
            // An act, a pronoun, a passive and a figure of speech attribute nothing.
            ("The Red Hand claimed responsibility for the blast.", ""),
            ("The Red Hand's claim of responsibility came hours later.", ""),
            ("Despite the group's claim, officials named no suspect.", ""),
            ("He said the road would reopen on Monday.", ""),
            ("The permit was denied in March.", ""),
            ("It was reported that two ferries collided.", ""),
            ("The ferry line, said the harbour master, had been closed.", "the harbour master"),
            ("Her deputy, Ona Brisk, says the vote is a first step.", "Ona Brisk"),
            ("Fishermen in the lower harbour alleged that the nets were cut.", "Fishermen in the lower harbour"),
            ("The Tarn Relief Society, the largest charity, said the camps were full.", "the Tarn Relief Society"),
            ("The ferry's owner, Selko Lines, has flatly denied any overloading.", "denied by Selko Lines"),
            ("Judges in Orlo, the old capital, said on Friday that the ban stands.", ""),
            ("The guide says the path is closed.", "the guide"),
            (
                "A source with knowledge of the club's thinking said the offer was rejected.",
                "a source with knowledge of the club's thinking",
            ),
            (
                "Two people familiar with the talks said a deal was close.",
                "Two people familiar with the talks",
            ),
            ("Sources close to the inquiry said the report was ready.", "Sources close to the inquiry"),
            ("The office was empty by then, Const. Orla Fenn said.", "Const. Orla Fenn"),
            // Words that open a clause, and a pronoun subject after them, name nobody.
            ("Whereas a union negotiator has said that no deal is near, the firm disagrees.", "a union negotiator"),
            ("Regarding the bankruptcy process he said that it would be quick.", ""),
            ("He left the room, merely saying that he expected a long wait.", ""),
            ("Vessa and the rival carmaker Orlin both reported a loss of a third.", "the rival carmaker Orlin"),
            ("Nobody doubted the sum of 9 million reported by the auditors.", ""),
            ("The clerk spoke to a reporter, said the mayor on Friday.", "the mayor"),
            ("\"We are ready,\" said Harbour spokesperson Ivo Marsh.", "Harbour spokesperson Ivo Marsh"),
            ("Tova Rand, who lives next door, said Oren moved in last year.", "Tova Rand"),
            ("The vote, which was delayed twice, said nothing.", ""),
            ("\"We will rebuild,\" said Pell Arnow, who runs the mill.", "Pell Arnow"),
            ("The toll is 12, according to a port statement Monday.", "a port statement"),
            ("The bid matched the highest offer so far reported for the club.", ""),
            ("Ratings rose, according to figures from Halden Media Research.", "figures from Halden Media Research"),
            ("The runway was icy, a pilot told AFP.", "a pilot"),
            ("Lead engineer Kai Moss recently confirmed that the dam held.", "Lead engineer Kai Moss"),
            ("A retiree living on less than 1, 000 euros a month said the cuts hurt.", ""),
            ("When the storm had concluded, the ferries sailed.", ""),
            ("It was only weeks later revealed that the pumps failed.", ""),
            ("Officials didn't say why the gate was shut.", ""),
            ("They can ’ t believe that the pier is gone.", ""),
            ("The port will issue a notice stating that the pier is closed.", "a notice"),
            ("The head of the pilots' union said the strike would go on.", "the head of the pilots' union"),
            ("The academy added a category for stunt work.", ""),
            ("\"We are ready,\" the coach added.", "the coach"),
            ("The runway was icy, told AFP one pilot.", ""),
            ("The storm left 12 people dead.", ""),
        ];
        let failed: Vec<String> = cases
            .iter()
            .filter_map(|(sentence, want)| {
                let got = first(sentence);
                (got != *want).then(|| format!("{sentence:?}: got {got:?}, want {want:?}"))
            })
            .collect();
        assert!(failed.is_empty(), "{}", failed.join("\n"));
    }
}
