//! Numbers written in digits, words or vague amounts.
//!
//! The parser works over the tokens of [`super::segment`]: digits with separators ("1,200", "3.5"),
//! scaled digits ("3.5 million", "1.2bn"), number words ("eleven", "twenty-one", "two hundred and fifty",
//! "a dozen", "half a million"), vague amounts read as ranges ("dozens" is 24..99, "several" is 3..9)
//! and explicit ranges ("10 to 20", "10-20", "between 10 and 20").
//! Ordinals ("first", "3rd") and decades ("the 1990s") are not numbers here: they never count anything.
//! It knows nothing about what is counted; [`super::figures`] decides that.

use super::model::{Span, Token, TokenKind};
// Fx hashing: these maps are looked up for every word of every article, where SipHash costs a tenth.
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// How a number was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumberForm {
    /// Digits, possibly scaled ("144", "1,200", "3.5 million", "1.2bn").
    Digits,
    /// Number words ("eleven", "two hundred and fifty", "a dozen").
    Words,
    /// A vague amount read as a range ("dozens", "several", "hundreds of thousands").
    Vague,
    /// An explicit range ("10 to 20", "between 10 and 20").
    Range,
}

/// One number expression: its value or range and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    /// The single value, when the text gives one.
    pub value: Option<f64>,
    /// Lower bound of a range or vague amount.
    pub low: Option<f64>,
    /// Upper bound of a range or vague amount.
    pub high: Option<f64>,
    /// How it was written.
    pub form: NumberForm,
    /// Whether a one-letter scale suffix was used ("2m", "5k"), which may also be a unit (metres).
    pub short_suffix: bool,
    /// Index of its first token in the slice given to [`parse_at`].
    pub first: usize,
    /// Index one past its last token.
    pub end: usize,
    /// Where it is in the text (byte offsets on char boundaries).
    pub span: Span,
}

/// Number words that count units: "zero" to "nineteen".
const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
];

/// Number words for tens.
const TENS: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

/// Scale words that multiply what came before ("3.5 million", "two thousand").
const SCALES: &[(&str, f64)] = &[
    ("hundred", 100.0),
    ("thousand", 1e3),
    ("million", 1e6),
    ("mln", 1e6),
    ("mn", 1e6),
    ("billion", 1e9),
    ("bn", 1e9),
    ("trillion", 1e12),
    ("tn", 1e12),
];

/// Plural vague amounts with their ranges.
const VAGUE: &[(&str, f64, f64)] = &[
    ("dozens", 24.0, 99.0),
    ("scores", 40.0, 99.0),
    ("hundreds", 200.0, 999.0),
    ("thousands", 2000.0, 9999.0),
    ("millions", 2e6, 9.99e6),
    ("several", 3.0, 9.0),
];

static UNIT_WORDS: LazyLock<HashMap<&'static str, f64>> =
    LazyLock::new(|| UNITS.iter().copied().collect());
static TEN_WORDS: LazyLock<HashMap<&'static str, f64>> =
    LazyLock::new(|| TENS.iter().copied().collect());
static SCALE_WORDS: LazyLock<HashMap<&'static str, f64>> =
    LazyLock::new(|| SCALES.iter().copied().collect());

/// Lower-cased text of token `i`, or `""` when out of range.
fn word<'t>(lower: &'t str, tokens: &[Token], i: usize) -> &'t str {
    tokens.get(i).map(|t| t.span.of(lower)).unwrap_or("")
}

/// Whether token `i` starts right where token `i - 1` ends (no space between).
fn glued(tokens: &[Token], i: usize) -> bool {
    match (i.checked_sub(1).and_then(|p| tokens.get(p)), tokens.get(i)) {
        (Some(a), Some(b)) => a.span.end == b.span.start,
        _ => false,
    }
}

/// Parses one digits token: "144", "1,200", "3.5", "1.200.000", "1.2bn", "5m".
///
/// Returns the value and whether a one-letter suffix ("m", "k") was used.
/// Ordinals ("3rd"), decades ("1990s") and anything else with letters are `None`.
/// A single dot followed by exactly three digits ("1.200") is read as a thousands separator
/// when the part before it is 1 to 3 digits without a leading zero, as in European style;
/// English news rarely writes three decimals, so this guess is the less harmful one.
pub fn parse_digits(token: &str) -> Option<(f64, bool)> {
    let split = token
        .find(|c: char| c.is_ascii_alphabetic())
        .unwrap_or(token.len());
    let (digits, suffix) = token.split_at(split);
    let (scale, short) = match suffix.to_ascii_lowercase().as_str() {
        "" => (1.0, false),
        "k" => (1e3, true),
        "m" => (1e6, true),
        "mn" | "mln" => (1e6, false),
        "bn" | "b" => (1e9, false),
        "tn" => (1e12, false),
        _ => return None,
    };
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
        || digits.ends_with([',', '.'])
    {
        return None;
    }
    let commas: Vec<&str> = digits.split(',').collect();
    let cleaned: String = if commas.len() > 1 {
        // "1,200" and "12,500.5": every group after the first has three digits.
        let (head, rest) = commas.split_first()?;
        let last = rest.last()?;
        let last_int = last.split('.').next().unwrap_or("");
        let groups_ok = rest[..rest.len() - 1]
            .iter()
            .all(|g| g.len() == 3 && !g.contains('.'))
            && last_int.len() == 3
            && head.len() <= 3
            && !head.contains('.');
        if !groups_ok {
            return None;
        }
        commas.concat()
    } else {
        let dots: Vec<&str> = digits.split('.').collect();
        match dots.len() {
            1 => digits.to_string(),
            2 => {
                let thousands = dots[1].len() == 3
                    && dots[0].len() <= 3
                    && !dots[0].starts_with('0')
                    && scale == 1.0;
                if thousands {
                    dots.concat()
                } else {
                    digits.to_string()
                }
            }
            _ => {
                // "1.200.000": dots as thousands separators throughout.
                if dots[1..].iter().all(|g| g.len() == 3) && dots[0].len() <= 3 {
                    dots.concat()
                } else {
                    return None;
                }
            }
        }
    };
    let value: f64 = cleaned.parse().ok()?;
    Some((scaled(value, scale), short))
}

/// `value` times `scale`, without the binary noise the product picks up ("16.6 billion" is 16600000000, not
/// 16600000000.000002): a written number has far fewer than 12 significant digits, so the product is rounded to
/// 12.
fn scaled(value: f64, scale: f64) -> f64 {
    let product = value * scale;
    if !product.is_finite() || product == 0.0 || scale == 1.0 {
        return product;
    }
    let digits = 12 - product.abs().log10().ceil() as i32;
    let unit = 10f64.powi(digits);
    let rounded = (product * unit).round() / unit;
    if rounded.is_finite() {
        rounded
    } else {
        product
    }
}

/// The value of one number word ("eleven" is 11, "twenty" is 20); scale words are not included.
pub fn word_value(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    UNIT_WORDS
        .get(w.as_str())
        .or_else(|| TEN_WORDS.get(w.as_str()))
        .copied()
}

/// Parses a whole string as one number expression ("1,200", "twenty-one", "dozens", "3.5 million").
///
/// # Examples
/// ```
/// use corroborate::analysis::numbers::parse_str;
/// assert_eq!(parse_str("two hundred and fifty").and_then(|n| n.value), Some(250.0));
/// assert_eq!(parse_str("dozens").map(|n| (n.low, n.high)), Some((Some(24.0), Some(99.0))));
/// ```
pub fn parse_str(text: &str) -> Option<Number> {
    let segments = super::segment::segment(text, Span::new(0, text.len()));
    let lower = text.to_ascii_lowercase();
    parse_at(&lower, &segments.tokens, 0).filter(|n| n.end == segments.tokens.len())
}

/// Finds every number expression in `text` over its `tokens`, left to right, non-overlapping.
pub fn scan(text: &str, tokens: &[Token]) -> Vec<Number> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match parse_at(&lower, tokens, i) {
            Some(n) => {
                i = n.end.max(i + 1);
                found.push(n);
            }
            None => i += 1,
        }
    }
    found
}

/// Parses the number expression starting at token `i`, if any.
///
/// `lower` must be the text lower-cased with [`str::to_ascii_lowercase`], which keeps byte offsets,
/// so that callers lower-case once per article. Token indices in the result refer to `tokens`.
/// A "to" range is not formed after "from" ("rose from 60 to 93" is two values, not a range).
pub fn parse_at(lower: &str, tokens: &[Token], i: usize) -> Option<Number> {
    let w = word(lower, tokens, i);
    if w == "between" {
        let a = parse_single(lower, tokens, i + 1)?;
        if word(lower, tokens, a.end) != "and" {
            return None;
        }
        let b = parse_single(lower, tokens, a.end + 1)?;
        return make_range(tokens, i, &a, &b);
    }
    let a = parse_single(lower, tokens, i)?;
    if a.form == NumberForm::Vague {
        return Some(a);
    }
    // Ranges: "10-20", "10 to 20", "two or three"; only when the bounds rise, so "3-1" scores are not ranges.
    let joiner = word(lower, tokens, a.end);
    let after_from = i > 0 && word(lower, tokens, i - 1) == "from";
    let is_joiner =
        matches!(joiner, "-" | "–" | "—") || (joiner == "to" && !after_from) || joiner == "or";
    if is_joiner && a.value.is_some() {
        if let Some(b) = parse_single(lower, tokens, a.end + 1) {
            let same_form = (a.form == NumberForm::Digits) == (b.form == NumberForm::Digits);
            let dash_chain = matches!(word(lower, tokens, b.end), "-" | "–")
                && word_is_digits(lower, tokens, b.end + 1);
            if same_form && !dash_chain {
                if let Some(r) = make_range(tokens, i, &a, &b) {
                    return Some(r);
                }
            }
        }
    }
    Some(a)
}

fn word_is_digits(lower: &str, tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number) && !word(lower, tokens, i).is_empty()
}

/// Joins two single numbers into a range when the second is larger.
fn make_range(tokens: &[Token], first: usize, a: &Number, b: &Number) -> Option<Number> {
    let (lo, hi) = (a.value?, b.value?);
    if lo >= hi {
        return None;
    }
    // "3 to 5 million": the scale of the second bound applies to the first.
    let lo = if a.form == NumberForm::Digits && hi >= 1e6 && lo < 1000.0 && hi / lo > 1000.0 {
        lo * scale_of(hi)
    } else {
        lo
    };
    let start = tokens.get(first)?.span.start;
    Some(Number {
        value: None,
        low: Some(lo),
        high: Some(hi),
        form: NumberForm::Range,
        short_suffix: a.short_suffix || b.short_suffix,
        first,
        end: b.end,
        span: Span::new(start, b.span.end),
    })
}

/// The power of a thousand that `v` is written in ("5 million" is in millions).
fn scale_of(v: f64) -> f64 {
    if v >= 1e12 {
        1e12
    } else if v >= 1e9 {
        1e9
    } else if v >= 1e6 {
        1e6
    } else {
        1.0
    }
}

/// Parses one number (no ranges) starting at token `i`.
fn parse_single(lower: &str, tokens: &[Token], i: usize) -> Option<Number> {
    let tok = tokens.get(i)?;
    let w = tok.span.of(lower);
    let single = |value: f64, form: NumberForm, short: bool, end: usize| {
        let last = tokens.get(end.checked_sub(1)?)?;
        Some(Number {
            value: Some(value),
            low: None,
            high: None,
            form,
            short_suffix: short,
            first: i,
            end,
            span: Span::new(tok.span.start, last.span.end),
        })
    };
    let vague = |low: f64, high: f64, end: usize| {
        let last = tokens.get(end.checked_sub(1)?)?;
        Some(Number {
            value: None,
            low: Some(low),
            high: Some(high),
            form: NumberForm::Vague,
            short_suffix: false,
            first: i,
            end,
            span: Span::new(tok.span.start, last.span.end),
        })
    };
    if tok.kind == TokenKind::Number {
        let (mut value, short) = parse_digits(w)?;
        let mut end = i + 1;
        // Tokenised corpora write "1, 400" for "1,400": a glued comma, a space, then exactly three digits.
        let plain =
            |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|c| c.is_ascii_digit());
        if plain(w) && !short {
            while word(lower, tokens, end) == ","
                && glued(tokens, end)
                && !glued(tokens, end + 1)
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| t.kind == TokenKind::Number && t.span.len() == 3)
                && word(lower, tokens, end + 1)
                    .bytes()
                    .all(|c| c.is_ascii_digit())
            {
                value = value * 1000.0
                    + parse_digits(word(lower, tokens, end + 1))
                        .map(|(v, _)| v)
                        .unwrap_or(0.0);
                end += 2;
            }
        }
        // "$8-billion": a hyphenated scale word.
        if word(lower, tokens, end) == "-" && glued(tokens, end) && glued(tokens, end + 1) {
            if let Some(&scale) = SCALE_WORDS.get(word(lower, tokens, end + 1)) {
                if scale >= 1e6 && !short {
                    value = scaled(value, scale);
                    end += 2;
                    return single(value, NumberForm::Digits, short, end);
                }
            }
        }
        // "3.5 million", "2 bn": a following scale word multiplies (not "hundred": "2 hundred" is rare).
        let next = word(lower, tokens, end);
        if let Some(&scale) = SCALE_WORDS.get(next) {
            if scale >= 1e3 && !short {
                value = scaled(value, scale);
                end += 1;
            }
        }
        return single(value, NumberForm::Digits, short, end);
    }
    if tok.kind != TokenKind::Word {
        return None;
    }
    // Vague amounts, with their compounds: "hundreds of thousands", "tens of thousands".
    if w == "tens" || w == "hundreds" {
        if word(lower, tokens, i + 1) == "of" {
            let scale = match word(lower, tokens, i + 2) {
                "thousands" => 1e3,
                "millions" => 1e6,
                _ => 0.0,
            };
            if scale > 0.0 {
                let (lo, hi) = if w == "tens" {
                    (20.0, 99.0)
                } else {
                    (200.0, 999.0)
                };
                return vague(lo * scale, hi * scale, i + 3);
            }
        }
        if w == "tens" {
            return None;
        }
    }
    if let Some(&(_, lo, hi)) = VAGUE.iter().find(|(v, _, _)| *v == w) {
        // "scores" is also a verb and a sports word; only "scores of" is an amount.
        if w == "scores" && word(lower, tokens, i + 1) != "of" {
            return None;
        }
        if w == "several" {
            if let Some(scale) = vague_scale(word(lower, tokens, i + 1)) {
                return vague(lo * scale, hi * scale, i + 2);
            }
        }
        return vague(lo, hi, i + 1);
    }
    if w == "a" || w == "half" {
        return parse_article(lower, tokens, i, vague, single);
    }
    parse_words(lower, tokens, i).and_then(|(v, end)| single(v, NumberForm::Words, false, end))
}

/// The multiplier of a scale word after a vague word ("several hundred").
fn vague_scale(w: &str) -> Option<f64> {
    match w {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        _ => None,
    }
}

/// Parses amounts that start with "a" or "half": "a dozen", "a hundred", "a few", "a handful", "half a million".
fn parse_article<V, S>(
    lower: &str,
    tokens: &[Token],
    i: usize,
    vague: V,
    single: S,
) -> Option<Number>
where
    V: Fn(f64, f64, usize) -> Option<Number>,
    S: Fn(f64, NumberForm, bool, usize) -> Option<Number>,
{
    let w = word(lower, tokens, i);
    let next = word(lower, tokens, i + 1);
    if w == "half" {
        if next != "a" {
            return None;
        }
        let scale = vague_scale(word(lower, tokens, i + 2))?;
        return single(scale / 2.0, NumberForm::Words, false, i + 3);
    }
    match next {
        "few" => match vague_scale(word(lower, tokens, i + 2)) {
            Some(scale) => vague(2.0 * scale, 5.0 * scale, i + 3),
            None => vague(2.0, 5.0, i + 2),
        },
        "handful" => vague(3.0, 6.0, i + 2),
        "dozen" | "hundred" | "thousand" | "million" | "billion" => {
            let scale = vague_scale(next).or_else(|| SCALE_WORDS.get(next).copied())?;
            // "a hundred and twenty" continues as words.
            if next == "hundred" || next == "thousand" {
                if let Some((rest, end)) = parse_words_after_scale(lower, tokens, i + 2) {
                    return single(scale + rest, NumberForm::Words, false, end);
                }
            }
            single(scale, NumberForm::Words, false, i + 2)
        }
        _ => None,
    }
}

/// After "a hundred" or "a thousand", reads "and twenty" / "twenty" when present.
fn parse_words_after_scale(lower: &str, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let start = if word(lower, tokens, i) == "and" {
        i + 1
    } else {
        i
    };
    let (v, end) = parse_words(lower, tokens, start)?;
    (v < 100.0).then_some((v, end))
}

/// Parses number words: "eleven", "twenty-one", "two hundred and fifty", "three thousand", "two dozen".
///
/// Returns the value and the index one past the last token used.
fn parse_words(lower: &str, tokens: &[Token], i: usize) -> Option<(f64, usize)> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut seen = false;
    let mut end = i;
    let mut k = i;
    // What the previous piece was, so that "twenty one" joins but "five six" does not.
    let mut last_unit = false;
    let mut last_ten = false;
    let mut last_scale = false;
    while let Some(tok) = tokens.get(k) {
        let w = tok.span.of(lower);
        if let Some(&v) = UNIT_WORDS.get(w) {
            if last_unit || (seen && !last_ten && !last_scale) {
                break;
            }
            current += v;
            last_unit = true;
            last_ten = false;
            last_scale = false;
        } else if let Some(&v) = TEN_WORDS.get(w) {
            if seen && !last_scale {
                break;
            }
            current += v;
            last_ten = true;
            last_unit = false;
            last_scale = false;
        } else if w == "-" && last_ten && glued(tokens, k) && glued(tokens, k + 1) {
            // "twenty-one": the hyphen only joins tens to a unit.
            if !tokens
                .get(k + 1)
                .is_some_and(|t| UNIT_WORDS.contains_key(t.span.of(lower)))
            {
                break;
            }
            k += 1;
            continue;
        } else if w == "and" && last_scale && seen {
            // "two hundred and fifty": "and" only inside a number, before more number words.
            let next = word(lower, tokens, k + 1);
            if !(UNIT_WORDS.contains_key(next) || TEN_WORDS.contains_key(next)) {
                break;
            }
            k += 1;
            continue;
        } else if w == "dozen" && seen && !last_scale {
            current *= 12.0;
            last_scale = true;
            last_unit = false;
            last_ten = false;
        } else if let Some(&scale) = SCALE_WORDS.get(w) {
            if !seen || last_scale && scale == 100.0 || w.len() <= 3 {
                break;
            }
            if scale == 100.0 {
                current *= 100.0;
            } else {
                total += current * scale;
                current = 0.0;
            }
            last_scale = true;
            last_unit = false;
            last_ten = false;
        } else {
            break;
        }
        seen = true;
        k += 1;
        end = k;
    }
    seen.then_some((total + current, end))
}
