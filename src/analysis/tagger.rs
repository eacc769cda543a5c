//! A learned name tagger: an averaged perceptron over tokens with BIO tags for PER, ORG, LOC and MISC.
//!
//! The tagger reads the segmenter's tokens, with one change made the same way in training and at inference:
//! a possessive `'s` that UAX #29 keeps inside a word ("Germany's") becomes a token of its own, so a name can end before it.
//! Each token gets hashed features (the word, its shape, affixes, neighbours, word-list flags from
//! [`super::gazetteer`], what the rest of the document says about the word) and tags are chosen greedily
//! left to right, the previous two predicted tags being features too.
//! The weights are one flat table of `2^bits` rows of [`N_TAGS`] 16-bit integers, so the model is a plain byte file:
//! [`NerModel::from_bytes`] reads it and never panics on bad bytes; [`Trainer`] makes it.

use super::gazetteer::{Gazetteer, GAZETTEER};
use super::model::{Label, NameMention, Segments, Span, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;

/// Number of tags: O, then B- and I- for each of PER, ORG, LOC, MISC.
pub const N_TAGS: usize = 9;

/// The entity types the model knows, in tag order: tag `1 + k` is B- of type `k`, tag `5 + k` is I- of it.
const KINDS: [Label; 4] = [Label::Person, Label::Org, Label::Loc, Label::Misc];

/// Words whose full stop belongs to a name ("Microsoft Corp.", "Martin Luther King Jr.").
const ABBREVIATIONS: &[&str] = &[
    "corp", "inc", "co", "ltd", "plc", "bros", "jr", "sr", "st", "mt", "ft", "dr", "mr", "mrs",
    "ms", "gen", "col", "capt", "lt", "sgt", "gov", "sen", "rep", "prof", "no", "ave", "intl",
    "assn", "dept", "univ",
];

/// Identifies a model file.
const MAGIC: &[u8; 6] = b"CRBNER";

/// Version of the file layout.
const FORMAT_VERSION: u16 = 2;

/// Quantisation steps on each side of zero: the largest weight becomes this many.
///
/// Coarser steps make most weights fit in one varint byte. Measured by training at each setting (tagger alone on
/// CoNLL dev, then `eval names` with the rules; file gzipped): 32767 steps 0.8929 / 0.902 (251 KB), 4095 steps
/// 0.8926 / 0.902 (192 KB), 2047 steps 0.8903 / 0.899 (176 KB), 1023 steps 0.8920 / 0.900 (152 KB); the spread is
/// the noise of rounding. Re-quantising a trained model to 511 steps lost 0.008, and 255 steps (`i8`) several
/// points: the weights span too many magnitudes for so few steps.
const WEIGHT_STEPS: f32 = 1023.0;

/// Version of the feature set: a model trained with other features would score nonsense, so it is refused.
const FEATURES_VERSION: u16 = 2;

/// Why a model file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with the model file's magic number: this is not a name model.
    NotAModel,
    /// The file was written by another version of the program; retrain or download the matching model.
    Version {
        /// The layout version found.
        format: u16,
        /// The feature set version found.
        features: u16,
    },
    /// The file ends early or holds values out of range: it is damaged; download or train it again.
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "this file is not a Corroborate name model"),
            ModelError::Version { format, features } => write!(
                f,
                "the name model was made by another version (layout {format}, features {features}); \
                 run `corroborate train-ner` or reload the page to get the matching one"
            ),
            ModelError::Corrupt(what) => write!(
                f,
                "the name model file is damaged ({what}); run `corroborate train-ner` or reload the page"
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// A trained tagger: quantised weights, `N_TAGS` per hashed feature bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct NerModel {
    /// Feature buckets are `2^bits`.
    bits: u8,
    /// Weight `q` stands for `q * scale`; only the ordering of scores matters for tagging.
    scale: f32,
    /// `weights[bucket * N_TAGS + tag]`.
    weights: Vec<i16>,
}

/// Reads the weights of one bucket into a score vector.
trait Weights {
    /// Adds the weights of `bucket` to `scores`.
    fn add_row(&self, bucket: usize, scores: &mut [f32; N_TAGS]);
    /// The bucket of a feature hash.
    fn bucket(&self, hash: u32) -> usize;
}

impl Weights for NerModel {
    fn add_row(&self, bucket: usize, scores: &mut [f32; N_TAGS]) {
        if let Some(row) = self.weights.get(bucket * N_TAGS..bucket * N_TAGS + N_TAGS) {
            for (score, w) in scores.iter_mut().zip(row) {
                *score += f32::from(*w);
            }
        }
    }
    fn bucket(&self, hash: u32) -> usize {
        bucket_of(hash, self.bits)
    }
}

/// The bucket of a feature hash: its top `bits` bits, which mix best.
fn bucket_of(hash: u32, bits: u8) -> usize {
    (u64::from(hash) >> (32 - u32::from(bits.clamp(1, 32)))) as usize
}

impl NerModel {
    /// Reads a model written by [`NerModel::to_bytes`]; any damage gives an error, never a panic.
    ///
    /// # Examples
    /// ```
    /// use corroborate::analysis::tagger::{ModelError, NerModel};
    /// assert_eq!(NerModel::from_bytes(b"not a model"), Err(ModelError::NotAModel));
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<NerModel, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len()) != Some(&MAGIC[..]) {
            return Err(ModelError::NotAModel);
        }
        let format = r.u16().ok_or(ModelError::Corrupt("header"))?;
        let features = r.u16().ok_or(ModelError::Corrupt("header"))?;
        if format != FORMAT_VERSION || features != FEATURES_VERSION {
            return Err(ModelError::Version { format, features });
        }
        let bits = r.u8().ok_or(ModelError::Corrupt("header"))?;
        let n_tags = r.u8().ok_or(ModelError::Corrupt("header"))?;
        if !(8..=24).contains(&bits) || usize::from(n_tags) != N_TAGS {
            return Err(ModelError::Corrupt("table size"));
        }
        let scale = f32::from_bits(r.u32().ok_or(ModelError::Corrupt("header"))?);
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Corrupt("scale"));
        }
        let n_rows = r.u32().ok_or(ModelError::Corrupt("header"))? as usize;
        let n_buckets = 1usize << bits;
        if n_rows > n_buckets {
            return Err(ModelError::Corrupt("row count"));
        }
        // The file is columnar (every row's bucket, then every row's tag mask, then every weight),
        // because like values side by side compress best: gzipped, it is about 7% smaller than row by row.
        let mut buckets = Vec::with_capacity(n_rows);
        let mut bucket = 0usize;
        for row in 0..n_rows {
            let delta = r.varint().ok_or(ModelError::Corrupt("row index"))?;
            bucket = if row == 0 {
                delta
            } else {
                bucket
                    .checked_add(delta)
                    .filter(|_| delta > 0)
                    .ok_or(ModelError::Corrupt("row order"))?
            };
            if bucket >= n_buckets {
                return Err(ModelError::Corrupt("row index"));
            }
            buckets.push(bucket);
        }
        let mut masks = Vec::with_capacity(n_rows);
        for _ in 0..n_rows {
            let mask = r.varint().ok_or(ModelError::Corrupt("row mask"))?;
            if mask == 0 || mask >> N_TAGS != 0 {
                return Err(ModelError::Corrupt("row mask"));
            }
            masks.push(mask);
        }
        let mut weights = vec![0i16; n_buckets * N_TAGS];
        for (bucket, mask) in buckets.into_iter().zip(masks) {
            for tag in (0..N_TAGS).filter(|tag| mask & (1 << tag) != 0) {
                let w = r.varint().ok_or(ModelError::Corrupt("weights"))?;
                let w = unzigzag(w).ok_or(ModelError::Corrupt("weights"))?;
                if let Some(slot) = weights.get_mut(bucket * N_TAGS + tag) {
                    *slot = w;
                }
            }
        }
        if r.at != bytes.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(NerModel {
            bits,
            scale,
            weights,
        })
    }

    /// Writes the model: a header, then only the rows holding a non-zero weight.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
        out.push(self.bits);
        out.push(N_TAGS as u8);
        out.extend_from_slice(&self.scale.to_bits().to_le_bytes());
        let rows: Vec<(usize, &[i16])> = self
            .weights
            .chunks(N_TAGS)
            .enumerate()
            .filter(|(_, row)| row.iter().any(|w| *w != 0))
            .collect();
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        let mut previous = 0usize;
        for (bucket, _) in &rows {
            write_varint(&mut out, bucket - previous);
            previous = *bucket;
        }
        for (_, row) in &rows {
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .fold(0usize, |m, (tag, _)| m | (1 << tag));
            write_varint(&mut out, mask);
        }
        for (_, row) in &rows {
            for w in row.iter().filter(|w| **w != 0) {
                write_varint(&mut out, zigzag(*w));
            }
        }
        out
    }

    /// Number of non-zero weights.
    pub fn n_weights(&self) -> usize {
        self.weights.iter().filter(|w| **w != 0).count()
    }

    /// Finds the names in the segmented text with CoNLL types: PERSON, ORG, LOC and MISC.
    ///
    /// Spans are sorted, non-overlapping, on `char` boundaries, and never include a possessive `'s`.
    pub fn tag(&self, text: &str, segments: &Segments) -> Vec<NameMention> {
        let doc = prepare(text, segments, &[]);
        let tags = decode(&doc, self);
        mentions(&doc, &tags)
    }
}

/// A cursor over model bytes whose reads return `None` past the end.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Option<&'b [u8]> {
        let slice = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(slice)
    }
    fn u8(&mut self) -> Option<u8> {
        self.take(1).map(|b| b[0])
    }
    fn u16(&mut self) -> Option<u16> {
        self.take(2).map(|b| u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Option<u32> {
        self.take(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn varint(&mut self) -> Option<usize> {
        let mut value = 0usize;
        for shift in (0..32).step_by(7) {
            let b = self.u8()?;
            value |= usize::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: usize) {
    loop {
        let b = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A signed weight as an unsigned number whose size follows its magnitude (0, -1, 1, -2, ... become 0, 1, 2, 3, ...),
/// so small weights of either sign take one varint byte.
fn zigzag(w: i16) -> usize {
    let w = i32::from(w);
    ((w << 1) ^ (w >> 31)) as u32 as usize
}

/// The inverse of [`zigzag`]; `None` for a value no `i16` gives.
fn unzigzag(z: usize) -> Option<i16> {
    let z = u32::try_from(z).ok()?;
    let w = (z >> 1) as i32 ^ -((z & 1) as i32);
    i16::try_from(w).ok()
}

/// An FxHash-like running hash of a feature: a template number, then its parts.
///
/// It works on `u64` whatever the platform, so that wasm32 and native builds agree on every bucket.
struct FeatureHash(u64);

impl FeatureHash {
    const K: u64 = 0x517c_c1b7_2722_0a95;

    fn new(template: u8) -> FeatureHash {
        let mut h = FeatureHash(0x243f_6a88_85a3_08d3);
        h.byte(template);
        h
    }
    fn byte(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(Self::K);
    }
    fn str(mut self, s: &str) -> FeatureHash {
        for b in s.bytes() {
            self.byte(b);
        }
        self.byte(0xff);
        self
    }
    fn num(mut self, n: u8) -> FeatureHash {
        self.byte(n);
        self.byte(0xfe);
        self
    }
    fn finish(self) -> u32 {
        let h = self.0 ^ (self.0 >> 31);
        (h.wrapping_mul(Self::K) >> 32) as u32
    }
}

/// One token as the tagger sees it.
#[derive(Clone, Debug)]
struct Tok {
    span: Span,
    /// Index of the sentence.
    sentence: usize,
    /// The tag from the gold names, in training.
    gold: u8,
    /// Hash of the lower-cased word, for the document's memory of earlier tags.
    word_key: u32,
    /// Hash of the word's shape, for conjunctions with the previous tag.
    shape_key: u32,
    /// Starts with an upper-case letter.
    cap: bool,
    /// Is a full stop.
    is_period: bool,
    /// Is a word that a full stop may belong to: it holds a dot ("U.S"), is capitalised and at most three
    /// letters long ("Fla", "Inc"), or is a known abbreviation ("Corp", "Bros").
    abbreviation: bool,
    /// Where the token's hashed features that do not depend on earlier predictions lie in the document's
    /// `features`.
    features: std::ops::Range<usize>,
}

/// A document ready to tag: tokens with their fixed features, kept in one vector for all tokens rather than one
/// allocation per token.
#[derive(Clone, Debug)]
pub struct PreparedDoc {
    tokens: Vec<Tok>,
    features: Vec<u32>,
}

impl PreparedDoc {
    /// The fixed features of `tok`.
    fn features_of(&self, tok: &Tok) -> &[u32] {
        self.features.get(tok.features.clone()).unwrap_or(&[])
    }
}

impl PreparedDoc {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

/// Per-token surface facts computed once.
struct Word<'t> {
    text: &'t str,
    lower: String,
    shape: String,
    short: String,
    kind: TokenKind,
    cap: bool,
    all_caps: bool,
    initial: bool,
    /// What the word lists say of the word, looked up once: it serves as its own feature and as its neighbours'.
    lists: ListFlags,
}

/// The word lists' flags of one word: a given name, a title, a head word of some type, a common word.
#[derive(Clone, Copy)]
struct ListFlags {
    first_name: bool,
    title: bool,
    head: Option<Label>,
    common: bool,
}

impl ListFlags {
    fn of(text: &str, lower: &str, gaz: &super::gazetteer::Gazetteer) -> ListFlags {
        ListFlags {
            first_name: gaz.is_tagger_first_name(text),
            title: gaz.is_title(lower.trim_end_matches('.')),
            head: gaz.head(text),
            common: gaz.is_common(lower),
        }
    }
}

/// Splits a possessive off the segmenter's word tokens: "Germany's" becomes "Germany" and "'s".
fn sub_tokens(text: &str, segments: &Segments) -> Vec<(Span, TokenKind, usize)> {
    let mut out = Vec::with_capacity(segments.tokens.len() + 16);
    for index in 0..segments.sentences.len() {
        for token in segments.sentence_tokens(index) {
            let s = token.span.of(text);
            if s.is_empty() {
                continue;
            }
            let stem = ["'s", "’s", "'S", "’S"]
                .iter()
                .find_map(|p| s.strip_suffix(p))
                .filter(|stem| !stem.is_empty());
            match stem {
                Some(stem) if token.kind == TokenKind::Word => {
                    let cut = token.span.start + stem.len();
                    out.push((Span::new(token.span.start, cut), token.kind, index));
                    out.push((Span::new(cut, token.span.end), TokenKind::Punct, index));
                }
                _ => out.push((token.span, token.kind, index)),
            }
        }
    }
    out
}

fn shapes(word: &str) -> (String, String) {
    let mut long = String::new();
    let mut short = String::new();
    let mut run = 0;
    let mut last = '\0';
    for c in word.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if matches!(c, '.' | '-' | '\'' | '’' | '&' | '/') {
            c
        } else {
            'o'
        };
        if m == last {
            run += 1;
        } else {
            run = 1;
            short.push(m);
        }
        if run <= 4 {
            long.push(m);
        }
        last = m;
    }
    (long, short)
}

/// Whether most longer words of a sentence are in capitals, as headlines and datelines are.
fn capitals_line(words: &[Word]) -> bool {
    let long: Vec<&Word> = words
        .iter()
        .filter(|w| w.kind == TokenKind::Word && w.text.chars().count() >= 2)
        .collect();
    !long.is_empty() && long.iter().filter(|w| w.all_caps).count() * 3 >= long.len() * 2
}

/// Gazetteer matches over a sentence: for each token, the label of the known name covering it and whether it opens it.
fn gazetteer_matches(
    text: &str,
    words: &[Word],
    spans: &[Span],
    folded: bool,
    gaz: &Gazetteer,
) -> Vec<Option<(Label, bool)>> {
    let mut out = vec![None; words.len()];
    let max_tokens = gaz.max_words().saturating_mul(3).max(1);
    let mut i = 0;
    while i < words.len() {
        let opens = if folded {
            words[i].kind == TokenKind::Word
        } else {
            words[i].cap
        };
        if !opens {
            i += 1;
            continue;
        }
        let mut key = String::new();
        let mut best: Option<(usize, Label)> = None;
        for j in i..words.len().min(i + max_tokens) {
            if j > i {
                let gap = text.get(spans[j - 1].end..spans[j].start).unwrap_or("\n");
                if gap.contains('\n') {
                    break;
                }
                if !gap.is_empty() {
                    key.push(' ');
                }
            }
            if folded {
                key.push_str(&words[j].lower);
            } else {
                key.push_str(words[j].text);
            }
            let found = if folded {
                gaz.folded_name(&key).filter(|_| !gaz.is_common(&key))
            } else {
                gaz.name(&key)
            };
            if let Some(label) = found {
                best = Some((j + 1, label));
            }
            // At a word boundary a key that begins no known name cannot grow into one.
            let boundary = spans
                .get(j + 1)
                .is_some_and(|next| next.start > spans[j].end);
            if boundary && !gaz.continues(&key) {
                break;
            }
        }
        match best {
            Some((end, label)) => {
                for (k, slot) in out.iter_mut().enumerate().take(end).skip(i) {
                    *slot = Some((label, k == i));
                }
                i = end;
            }
            None => i += 1,
        }
    }
    out
}

/// Template numbers of the fixed features.
mod template {
    pub const BIAS: u8 = 0;
    pub const LOWER: u8 = 1;
    pub const EXACT: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const SHORT: u8 = 4;
    pub const PREFIX: u8 = 5;
    pub const SUFFIX: u8 = 6;
    pub const FLAG: u8 = 7;
    pub const CONTEXT_WORD: u8 = 8;
    pub const CONTEXT_SHAPE: u8 = 9;
    pub const BIGRAM_LEFT: u8 = 10;
    pub const BIGRAM_RIGHT: u8 = 11;
    pub const SHAPE_TRIGRAM: u8 = 12;
    pub const GAZ: u8 = 13;
    pub const GAZ_CONTEXT: u8 = 14;
    pub const LIST: u8 = 15;
    pub const DOC: u8 = 16;
    pub const CAPS_LINE_WORD: u8 = 17;
    pub const PREV_TAG: u8 = 30;
    pub const PREV_TAGS: u8 = 31;
    pub const PREV_TAG_WORD: u8 = 32;
    pub const PREV_TAG_SHAPE: u8 = 33;
    pub const MEMORY: u8 = 34;
    pub const MEMORY_NEXT: u8 = 35;
}

fn label_code(label: Label) -> u8 {
    label as u8
}

/// Turns a text into tagger tokens with fixed features; `gold` (type, span) names set the training tags.
fn prepare(text: &str, segments: &Segments, gold: &[(Label, Span)]) -> PreparedDoc {
    use template::*;
    let gaz = &*GAZETTEER;
    let subs = sub_tokens(text, segments);
    let words: Vec<Word> = subs
        .iter()
        .enumerate()
        .map(|(i, (span, kind, sentence))| {
            let s = span.of(text);
            let (shape, short) = shapes(s);
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            let previous = i
                .checked_sub(1)
                .and_then(|p| subs.get(p))
                .filter(|p| p.2 == *sentence);
            let initial = match previous {
                None => true,
                Some(p) => matches!(
                    p.0.of(text),
                    "\"" | "“" | "‘" | "'" | "(" | "[" | ":" | "-" | "–" | "—" | "«"
                ),
            };
            let lower = s.to_lowercase();
            Word {
                text: s,
                lists: ListFlags::of(s, &lower, gaz),
                lower,
                shape,
                short,
                kind: *kind,
                cap: s.chars().next().is_some_and(char::is_uppercase),
                all_caps: letters >= 2 && !s.chars().any(char::is_lowercase),
                initial,
            }
        })
        .collect();
    let spans: Vec<Span> = subs.iter().map(|s| s.0).collect();

    // What the whole document says about each word, whatever this occurrence looks like.
    let mut lower_seen: FxHashSet<&str> = FxHashSet::default();
    let mut cap_mid: FxHashSet<&str> = FxHashSet::default();
    let mut sentence_ranges: Vec<(usize, usize)> = Vec::new();
    for (i, sub) in subs.iter().enumerate() {
        match sentence_ranges.last_mut() {
            Some(last) if subs.get(last.0).is_some_and(|s| s.2 == sub.2) => last.1 = i + 1,
            _ => sentence_ranges.push((i, i + 1)),
        }
    }
    let mut caps_lines = vec![false; words.len()];
    for &(a, b) in &sentence_ranges {
        let caps = capitals_line(&words[a..b]);
        for slot in &mut caps_lines[a..b] {
            *slot = caps;
        }
        for w in &words[a..b] {
            if w.kind != TokenKind::Word {
                continue;
            }
            if w.text.starts_with(char::is_lowercase) {
                lower_seen.insert(w.lower.as_str());
            } else if w.cap && !w.initial && !caps && !w.all_caps {
                cap_mid.insert(w.lower.as_str());
            }
        }
    }

    // Gold tags: B on the first token inside a name, I on the following ones; partial tokens stay O.
    let mut gold_tags = vec![0u8; words.len()];
    for (label, span) in gold {
        let Some(kind) = KINDS.iter().position(|k| k == label) else {
            continue;
        };
        let mut first = true;
        for (i, s) in spans.iter().enumerate() {
            if span.contains(*s) && !s.is_empty() {
                let starts_sentence = i == 0 || subs[i - 1].2 != subs[i].2;
                gold_tags[i] = if first || starts_sentence {
                    1 + kind as u8
                } else {
                    5 + kind as u8
                };
                first = false;
            }
        }
    }

    let mut tokens = Vec::with_capacity(words.len());
    let mut features: Vec<u32> = Vec::with_capacity(words.len() * 48);
    for &(a, b) in &sentence_ranges {
        let sentence_words = &words[a..b];
        let exact = gazetteer_matches(text, sentence_words, &spans[a..b], false, gaz);
        let folded = if caps_lines[a] {
            gazetteer_matches(text, sentence_words, &spans[a..b], true, gaz)
        } else {
            vec![None; sentence_words.len()]
        };
        let gaz_at = |k: usize| {
            exact
                .get(k)
                .copied()
                .flatten()
                .or(folded.get(k).copied().flatten())
        };
        for i in 0..sentence_words.len() {
            let first_feature = features.len();
            let w = &sentence_words[i];
            let at = |offset: isize| -> Option<&Word> {
                let k = i as isize + offset;
                (k >= 0).then(|| sentence_words.get(k as usize)).flatten()
            };
            let word_or = |offset: isize| -> &str {
                at(offset).map_or(if offset < 0 { "<s>" } else { "</s>" }, |w| {
                    w.lower.as_str()
                })
            };
            let shape_or = |offset: isize| -> &str {
                at(offset).map_or(if offset < 0 { "<s>" } else { "</s>" }, |w| {
                    w.short.as_str()
                })
            };
            let mut push = |h: FeatureHash| features.push(h.finish());
            push(FeatureHash::new(BIAS));
            push(FeatureHash::new(LOWER).str(&w.lower));
            if w.lower != w.text {
                push(FeatureHash::new(EXACT).str(w.text));
            }
            push(FeatureHash::new(SHAPE).str(&w.shape));
            push(FeatureHash::new(SHORT).str(&w.short));
            if w.kind == TokenKind::Word {
                let chars: Vec<(usize, char)> = w.lower.char_indices().collect();
                for n in 1..=4.min(chars.len()) {
                    let cut = chars.get(n).map_or(w.lower.len(), |c| c.0);
                    push(FeatureHash::new(PREFIX).num(n as u8).str(&w.lower[..cut]));
                    let from = chars[chars.len() - n].0;
                    push(FeatureHash::new(SUFFIX).num(n as u8).str(&w.lower[from..]));
                }
            }
            let flags = [
                w.cap,
                w.all_caps,
                w.text.chars().any(|c| c.is_numeric()),
                w.text.contains('-'),
                w.text.contains('.'),
                w.initial,
                caps_lines[a],
                w.cap && w.initial,
                w.cap && !w.initial,
            ];
            for (n, on) in flags.iter().enumerate() {
                if *on {
                    push(FeatureHash::new(FLAG).num(n as u8));
                }
            }
            for offset in [-2isize, -1, 1, 2] {
                push(
                    FeatureHash::new(CONTEXT_WORD)
                        .num(offset as u8)
                        .str(word_or(offset)),
                );
                push(
                    FeatureHash::new(CONTEXT_SHAPE)
                        .num(offset as u8)
                        .str(shape_or(offset)),
                );
            }
            push(FeatureHash::new(BIGRAM_LEFT).str(word_or(-1)).str(&w.lower));
            push(FeatureHash::new(BIGRAM_RIGHT).str(&w.lower).str(word_or(1)));
            push(
                FeatureHash::new(SHAPE_TRIGRAM)
                    .str(shape_or(-1))
                    .str(&w.short)
                    .str(shape_or(1)),
            );
            if let Some((label, opens)) = gaz_at(i) {
                push(
                    FeatureHash::new(GAZ)
                        .num(label_code(label))
                        .num(u8::from(opens)),
                );
            }
            for offset in [-1isize, 1] {
                let k = i as isize + offset;
                if k >= 0 {
                    if let Some((label, _)) = gaz_at(k as usize) {
                        push(
                            FeatureHash::new(GAZ_CONTEXT)
                                .num(offset as u8)
                                .num(label_code(label)),
                        );
                    }
                }
            }
            // Word-list flags of this word and its neighbours: given names, titles, head words, common words.
            for offset in [-1isize, 0, 1] {
                let Some(v) = at(offset) else { continue };
                let o = offset as u8;
                if v.lists.first_name {
                    push(FeatureHash::new(LIST).num(o).num(0));
                }
                if v.lists.title {
                    push(FeatureHash::new(LIST).num(o).num(1));
                }
                if let Some(label) = v.lists.head {
                    push(FeatureHash::new(LIST).num(o).num(2).num(label_code(label)));
                }
                if v.lists.common {
                    push(FeatureHash::new(LIST).num(o).num(3));
                }
            }
            if w.kind == TokenKind::Word {
                let context = if caps_lines[a] || w.all_caps {
                    0
                } else if w.initial {
                    1
                } else {
                    2
                };
                if cap_mid.contains(w.lower.as_str()) {
                    push(FeatureHash::new(DOC).num(0).num(context));
                }
                if w.cap && lower_seen.contains(w.lower.as_str()) {
                    push(FeatureHash::new(DOC).num(1).num(context));
                }
                if caps_lines[a] {
                    push(FeatureHash::new(CAPS_LINE_WORD).str(&w.lower));
                }
            }
            tokens.push(Tok {
                span: spans[a + i],
                sentence: subs[a + i].2,
                gold: gold_tags[a + i],
                word_key: FeatureHash::new(LOWER).str(&w.lower).finish(),
                shape_key: FeatureHash::new(SHAPE).str(&w.shape).finish(),
                cap: w.cap,
                is_period: w.text == ".",
                abbreviation: w.text.contains('.')
                    || (w.cap && w.text.chars().count() <= 3)
                    || ABBREVIATIONS.contains(&w.lower.as_str()),
                features: first_feature..features.len(),
            });
        }
    }
    PreparedDoc { tokens, features }
}

/// Whether `tag` may follow `previous` (I-X only after B-X or I-X).
fn allowed(previous: u8, tag: usize) -> bool {
    tag < 5 || {
        let kind = tag - 5;
        previous as usize == 1 + kind || previous as usize == 5 + kind
    }
}

/// The entity type of a tag, if any.
fn kind_of(tag: u8) -> Option<u8> {
    match tag {
        1..=4 => Some(tag - 1),
        5..=8 => Some(tag - 5),
        _ => None,
    }
}

/// The features that depend on earlier predictions: previous tags and the document's memory.
fn dynamic_features(
    doc: &PreparedDoc,
    i: usize,
    p1: u8,
    p2: u8,
    memory: &FxHashMap<u32, u8>,
    out: &mut Vec<u32>,
) {
    use template::*;
    let tok = &doc.tokens[i];
    out.push(FeatureHash::new(PREV_TAG).num(p1).finish());
    out.push(FeatureHash::new(PREV_TAGS).num(p2).num(p1).finish());
    out.push(FeatureHash::new(PREV_TAG_WORD).num(p1).num(0).finish() ^ tok.word_key);
    out.push(FeatureHash::new(PREV_TAG_SHAPE).num(p1).finish() ^ tok.shape_key);
    if tok.cap {
        if let Some(kind) = memory.get(&tok.word_key) {
            out.push(FeatureHash::new(MEMORY).num(*kind).finish());
        }
    }

    if let Some(next) = doc
        .tokens
        .get(i + 1)
        .filter(|n| n.sentence == tok.sentence && n.cap)
    {
        if let Some(kind) = memory.get(&next.word_key) {
            out.push(FeatureHash::new(MEMORY_NEXT).num(*kind).finish());
        }
    }
}

/// The state of a left-to-right pass over one document.
struct Pass {
    /// Tags chosen so far.
    tags: Vec<u8>,
    /// For each capitalised word (by hash), the type it was last tagged with in this document.
    memory: FxHashMap<u32, u8>,
    /// The features of the token being tagged.
    features: Vec<u32>,
}

impl Pass {
    fn new(n: usize) -> Pass {
        Pass {
            tags: Vec::with_capacity(n),
            memory: FxHashMap::default(),
            features: Vec::with_capacity(96),
        }
    }

    /// Chooses the tag of token `i` (the tags before it being chosen), leaving its features in `self.features`.
    fn choose<W: Weights>(&mut self, doc: &PreparedDoc, i: usize, weights: &W) -> u8 {
        let Some(tok) = doc.tokens.get(i) else {
            return 0;
        };
        let before = |k: usize| {
            i.checked_sub(k)
                .filter(|&p| {
                    doc.tokens
                        .get(p)
                        .is_some_and(|t| t.sentence == tok.sentence)
                })
                .and_then(|p| self.tags.get(p).copied())
                .unwrap_or(NO_TAG)
        };
        let (p1, p2) = (before(1), before(2));
        self.features.clear();
        self.features.extend_from_slice(doc.features_of(tok));
        dynamic_features(doc, i, p1, p2, &self.memory, &mut self.features);
        let mut scores = [0f32; N_TAGS];
        for f in &self.features {
            weights.add_row(weights.bucket(*f), &mut scores);
        }
        let previous = if p1 == NO_TAG { 0 } else { p1 };
        let mut best = 0usize;
        for tag in 1..N_TAGS {
            if allowed(previous, tag) && scores[tag] > scores[best] {
                best = tag;
            }
        }
        best as u8
    }

    /// Records the tag of the next token.
    fn push(&mut self, doc: &PreparedDoc, i: usize, tag: u8) {
        if let (Some(kind), Some(tok)) = (kind_of(tag), doc.tokens.get(i)) {
            if tok.cap {
                self.memory.insert(tok.word_key, kind);
            }
        }
        self.tags.push(tag);
    }
}

/// The previous-tag value before the first token of a sentence.
const NO_TAG: u8 = N_TAGS as u8;

/// Tags a document greedily, left to right.
///
/// A second pass that saw the first pass's types of each word anywhere in the document (later mentions
/// included) was tried: it scored no better on dev, as the first pass is near perfect on the training set
/// and the second learns to trust it too much, and it halved the speed.
fn decode<W: Weights>(doc: &PreparedDoc, weights: &W) -> Vec<u8> {
    one_pass(doc, weights, Pass::new(doc.tokens.len()))
}

/// One greedy left-to-right pass.
fn one_pass<W: Weights>(doc: &PreparedDoc, weights: &W, mut pass: Pass) -> Vec<u8> {
    for i in 0..doc.tokens.len() {
        let tag = pass.choose(doc, i, weights);
        pass.push(doc, i, tag);
    }
    pass.tags
}

/// Turns tags into names.
fn mentions(doc: &PreparedDoc, tags: &[u8]) -> Vec<NameMention> {
    // A full stop that ends a name belongs to it only after an abbreviation ("U.S.", "Corp."); after a
    // plain word it ends the sentence ("... the roof of Crocus City Hall.").
    let mut tags = tags.to_vec();
    for i in 1..tags.len() {
        let closes = tags.get(i + 1).is_none_or(|t| *t < 5);
        let after_word = doc.tokens.get(i - 1).is_some_and(|t| !t.abbreviation);
        if tags[i] >= 5 && closes && doc.tokens[i].is_period && after_word {
            tags[i] = 0;
        }
    }
    let tags = &tags[..];
    let mut out: Vec<NameMention> = Vec::new();
    let mut open: Option<(u8, Span, usize)> = None;
    for (tok, tag) in doc.tokens.iter().zip(tags) {
        let continues = matches!(open, Some((kind, _, sentence))
            if *tag >= 5 && kind_of(*tag) == Some(kind) && sentence == tok.sentence);
        if continues {
            if let Some((_, span, _)) = open.as_mut() {
                span.end = tok.span.end;
            }
            continue;
        }
        if let Some((kind, span, _)) = open.take() {
            out.push(NameMention {
                label: KINDS[kind as usize],
                span,
            });
        }
        if let Some(kind) = kind_of(*tag) {
            open = Some((kind, tok.span, tok.sentence));
        }
    }
    if let Some((kind, span, _)) = open {
        out.push(NameMention {
            label: KINDS[kind as usize],
            span,
        });
    }
    out
}

/// Trains a model with the averaged perceptron, one document at a time.
///
/// Training is deterministic: the same documents in the same order give the same weights, bit for bit.
#[derive(Clone, Debug)]
pub struct Trainer {
    bits: u8,
    /// Current weights.
    weights: Vec<f32>,
    /// Sum of `step * update` for averaging.
    totals: Vec<f32>,
    /// Number of tokens seen, the averaging clock.
    step: u32,
}

struct Current<'a>(&'a Trainer);

impl Weights for Current<'_> {
    fn add_row(&self, bucket: usize, scores: &mut [f32; N_TAGS]) {
        if let Some(row) = self
            .0
            .weights
            .get(bucket * N_TAGS..bucket * N_TAGS + N_TAGS)
        {
            for (score, w) in scores.iter_mut().zip(row) {
                *score += *w;
            }
        }
    }
    fn bucket(&self, hash: u32) -> usize {
        bucket_of(hash, self.0.bits)
    }
}

impl Trainer {
    /// A trainer with `2^bits` feature buckets (clamped to 8..=24).
    pub fn new(bits: u8) -> Trainer {
        let bits = bits.clamp(8, 24);
        let n = (1usize << bits) * N_TAGS;
        Trainer {
            bits,
            weights: vec![0.0; n],
            totals: vec![0.0; n],
            step: 1,
        }
    }

    /// Prepares a training document: `gold` lists its names with CoNLL types (PERSON, ORG, LOC, MISC).
    pub fn prepare(text: &str, segments: &Segments, gold: &[(Label, Span)]) -> PreparedDoc {
        prepare(text, segments, gold)
    }

    /// Tags one document with the current weights and corrects them where a tag is wrong.
    ///
    /// Returns the number of wrong tags.
    pub fn learn(&mut self, doc: &PreparedDoc) -> usize {
        let mut errors = 0;
        let mut pass = Pass::new(doc.tokens.len());
        // Updates are applied token by token, so the next decision already sees them.
        for (i, tok) in doc.tokens.iter().enumerate() {
            let best = pass.choose(doc, i, &Current(self));
            if best != tok.gold {
                errors += 1;
                let step = self.step as f32;
                for f in &pass.features {
                    let row = bucket_of(*f, self.bits) * N_TAGS;
                    for (tag, delta) in [(tok.gold, 1.0f32), (best, -1.0)] {
                        if let Some(w) = self.weights.get_mut(row + tag as usize) {
                            *w += delta;
                        }
                        if let Some(t) = self.totals.get_mut(row + tag as usize) {
                            *t += step * delta;
                        }
                    }
                }
            }
            self.step = self.step.saturating_add(1);
            pass.push(doc, i, best);
        }
        errors
    }

    /// The averaged weights, quantised with one scale (the largest weight becomes [`WEIGHT_STEPS`]).
    ///
    /// Weights under `prune` times the largest become zero, and zero weights are left out of the file.
    pub fn model(&self, prune: f32) -> NerModel {
        let step = self.step as f32;
        let averaged: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.totals)
            .map(|(w, t)| w - t / step)
            .collect();
        let max = averaged.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / WEIGHT_STEPS } else { 1.0 };
        let cut = prune * max;
        let weights = averaged
            .iter()
            .map(|w| {
                if w.abs() < cut {
                    0
                } else {
                    (w / scale).round().clamp(-WEIGHT_STEPS, WEIGHT_STEPS) as i16
                }
            })
            .collect();
        NerModel {
            bits: self.bits,
            scale,
            weights,
        }
    }
}

/// Tags a prepared document with a model (for evaluation during training).
pub fn tag_prepared(model: &NerModel, doc: &PreparedDoc) -> Vec<NameMention> {
    let tags = decode(doc, model);
    mentions(doc, &tags)
}
