//! Word boundaries (UAX #29) with a fast path for plain ASCII.
//!
//! unicode-segmentation looks every character up in its Unicode tables, which is a tenth of extraction time in
//! the browser build. Most of an English article is ASCII, where the word rules reduce to a few byte classes, so
//! stretches of ASCII are split here and only the rest goes to the crate. The result is the crate's, boundary
//! for boundary: a test compares the two on random text built from every class the rules tell apart.
//!
//! The text is cut into pieces after white space that is followed by an ASCII character other than white space.
//! No word rule joins across such a place or looks past it (space, tab and line breaks are none of the letters,
//! digits or mid-word marks the joining rules ask for), so each piece can be split alone.

use unicode_segmentation::UnicodeSegmentation;

/// The word-break classes of ASCII bytes that the rules tell apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    Newline,
    Space,
    Letter,
    Digit,
    /// ":" joins letters only.
    MidLetter,
    /// "." and "'" join letters and digits.
    MidNumLet,
    /// "," and ";" join digits only.
    MidNum,
    /// "_" joins anything on either side that is a letter, digit or underscore.
    ExtendNumLet,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        0x0b | 0x0c => Class::Newline,
        b' ' => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b':' => Class::MidLetter,
        b'.' | b'\'' => Class::MidNumLet,
        b',' | b';' => Class::MidNum,
        b'_' => Class::ExtendNumLet,
        _ => Class::Other,
    }
}

/// Whether the rules keep bytes `i - 1` and `i` of the ASCII `bytes` in one word.
fn joined(bytes: &[u8], i: usize) -> bool {
    use Class::*;
    let at = |k: usize| bytes.get(k).map_or(Other, |&b| class(b));
    let (before, after) = (at(i - 1), at(i));
    match (before, after) {
        (Cr, Lf) => true,
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,
        (Space, Space) => true,
        (Letter | Digit, Letter | Digit) => true,
        (Letter, MidLetter | MidNumLet) => at(i + 1) == Letter,
        (MidLetter | MidNumLet, Letter) => i >= 2 && at(i - 2) == Letter,
        (Digit, MidNum | MidNumLet) => at(i + 1) == Digit,
        (MidNum | MidNumLet, Digit) => i >= 2 && at(i - 2) == Digit,
        (Letter | Digit | ExtendNumLet, ExtendNumLet) => true,
        (ExtendNumLet, Letter | Digit) => true,
        _ => false,
    }
}

/// Splits ASCII `piece` into words, passing each with its byte offset plus `offset`.
fn split_ascii<'t>(piece: &'t str, offset: usize, out: &mut Vec<(usize, &'t str)>) {
    let bytes = piece.as_bytes();
    let mut start = 0;
    for i in 1..bytes.len() {
        if !joined(bytes, i) {
            out.push((offset + start, &piece[start..i]));
            start = i;
        }
    }
    if start < bytes.len() {
        out.push((offset + start, &piece[start..]));
    }
}

/// The words of `text` by UAX #29, white space and punctuation included, each with its byte offset: what
/// `text.split_word_bound_indices()` gives, computed faster on ASCII.
///
/// # Examples
/// ```
/// use corroborate::analysis::words::word_bounds;
/// let words: Vec<&str> = word_bounds("U.S. troops, 3.5 km off.").into_iter().map(|(_, w)| w).collect();
/// assert_eq!(words, ["U.S", ".", " ", "troops", ",", " ", "3.5", " ", "km", " ", "off", "."]);
/// ```
pub fn word_bounds(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(text.len() / 3);
    let bytes = text.as_bytes();
    let mut start = 0;
    for i in 1..bytes.len() {
        let cut = bytes[i - 1].is_ascii_whitespace()
            && bytes[i].is_ascii()
            && !bytes[i].is_ascii_whitespace();
        if cut {
            split_piece(text, start, i, &mut out);
            start = i;
        }
    }
    if start < bytes.len() {
        split_piece(text, start, bytes.len(), &mut out);
    }
    out
}

/// Splits `text[from..to]`, a piece that starts and ends at a boundary, by the fast path when it is ASCII.
fn split_piece<'t>(text: &'t str, from: usize, to: usize, out: &mut Vec<(usize, &'t str)>) {
    let piece = &text[from..to];
    if piece.is_ascii() {
        split_ascii(piece, from, out);
    } else {
        out.extend(piece.split_word_bound_indices().map(|(i, w)| (from + i, w)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let ours = word_bounds(text);
        let theirs: Vec<(usize, &str)> = text.split_word_bound_indices().collect();
        assert_eq!(ours, theirs, "text {text:?}");
    }

    #[test]
    fn cases() {
        for text in [
            "",
            " ",
            "a",
            "U.S. Embassy",
            "don't won't 'quoted' rock'n'roll",
            "3.5 1,000 2;3 4:5 a:b a.b. a..b 1..2 .5 5.",
            "snake_case _x x_ 1_2 __",
            "tab\tand\t\ttabs  two  spaces\r\nCRLF\n\nLF\r\rCR\x0bVT\x0cFF",
            "e-mail (AP) — “quoted” don’t naïve café 12–13 😀 flags 🇺🇸🇬🇧",
            " \u{301}combining after space x\u{301}y a\u{200d}b",
        ] {
            check(text);
        }
    }

    #[test]
    fn matches_the_crate_on_random_text() {
        // Text drawn from every class the rules tell apart, ASCII and beyond, with a small fixed generator.
        const PARTS: &[&str] = &[
            "a", "Z", "7", "0", ".", "'", ":", ",", ";", "_", " ", "  ", "\t", "\r", "\n", "\r\n",
            "\x0b", "-", "\"", "(", "é", "’", "—", "\u{301}", "\u{200d}", "\u{a0}", "😀", "🇺", "א",
            "ア", "。", "$",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            check(&text);
        }
    }
}
