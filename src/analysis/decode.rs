//! Bytes to text: BOMs, UTF-8, UTF-16 and legacy single-byte encodings.
//!
//! *Invariant*: decoding never changes line endings or drops characters of a well-formed file,
//! so byte offsets into the decoded text of a UTF-8 file are offsets into the file (after any BOM).

use encoding_rs::{Encoding, KOI8_R, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251, WINDOWS_1252};
use std::fmt;

/// The largest file read, in bytes; larger files are refused rather than freezing the page.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;

/// How many leading bytes the binary and encoding sniffers look at.
const SNIFF_BYTES: usize = 64 * 1024;

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds no bytes, or only white space.
    Empty,
    /// The file holds binary data (NUL bytes or many control characters), not text.
    Binary,
    /// The file is of a known kind that cannot be read yet; `kind` names it ("PDF", "Word (DOCX)").
    Unsupported {
        /// The kind of file, as the user would call it.
        kind: String,
    },
    /// The file is larger than the limit.
    TooLarge {
        /// The size of the file.
        bytes: usize,
        /// The largest size accepted.
        limit: usize,
    },
    /// The file is of a known kind (ZIP, DOCX, PDF, e-mail) but damaged, truncated or not what its name says.
    Corrupt {
        /// The kind of file, as the user would call it.
        kind: String,
        /// What is wrong, in the user's words.
        detail: String,
    },
    /// The PDF has pages but no text layer: a scan or a picture of text.
    NoTextLayer,
    /// An archive breaks a safety limit (total size, compression ratio, member count, nesting).
    ArchiveLimit {
        /// Which limit, in the user's words.
        detail: String,
    },
    /// The file is an archive of several files; read it with `ingest_all`, which returns one result per member.
    Archive,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty; check that you picked the right file"),
            DecodeError::Binary => write!(
                f,
                "the file holds binary data, not text; open it in its own program, copy the article text and paste it instead"
            ),
            DecodeError::Unsupported { kind } => write!(
                f,
                "{kind} files are not supported yet; copy the article text and paste it instead"
            ),
            DecodeError::TooLarge { bytes, limit } => write!(
                f,
                "the file is too large ({} MB; the limit is {} MB); split it or paste the article text instead",
                bytes.div_ceil(1024 * 1024),
                limit / (1024 * 1024)
            ),
            DecodeError::Corrupt { kind, detail } => write!(
                f,
                "this {kind} file could not be read, it is damaged or not what its name says ({detail}); open it in its own program and save it again, or paste the article text"
            ),
            DecodeError::NoTextLayer => write!(
                f,
                "this PDF has no text layer (a scan?); run OCR first or paste the text"
            ),
            DecodeError::ArchiveLimit { detail } => write!(
                f,
                "the archive was not unpacked because {detail}; unpack it yourself and add the articles one by one"
            ),
            DecodeError::Archive => write!(
                f,
                "this is an archive of several files; add it through the file picker, which opens archives"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Refuses a file that is empty or larger than the single-file limit, before any reading.
pub(crate) fn check_size(bytes: &[u8]) -> Result<(), DecodeError> {
    if bytes.len() > MAX_BYTES {
        return Err(DecodeError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(())
}

/// Decodes bytes to text; returns the text and warnings about how it was read.
///
/// UTF-8 (a BOM is stripped) is taken as is; UTF-16 needs a BOM or a clear pattern of zero bytes;
/// anything else is read as a legacy single-byte encoding (Windows-1252, or Windows-1251 / KOI8-R
/// when the high bytes look Cyrillic) with a warning naming the guess.
///
/// # Examples
/// ```
/// use corroborate::analysis::decode::decode;
/// let (text, warnings) = decode(b"caf\xe9 au lait").unwrap();
/// assert_eq!(text, "café au lait");
/// assert!(warnings[0].contains("Windows-1252"));
/// ```
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), DecodeError> {
    check_size(bytes)?;
    let mut warnings = Vec::new();
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or(&[]);
        let text = decode_with(encoding, rest, &mut warnings);
        if encoding != UTF_8 && has_binary_chars(&text) {
            return Err(DecodeError::Binary);
        }
        if encoding == UTF_8 && looks_binary(rest) {
            return Err(DecodeError::Binary);
        }
        return Ok((text, warnings));
    }
    if let Some(encoding) = sniff_utf16(bytes) {
        let text = decode_with(encoding, bytes, &mut warnings);
        if has_binary_chars(&text) {
            return Err(DecodeError::Binary);
        }
        warnings.push(format!(
            "The file has no byte order mark; it was read as {} because of its zero bytes.",
            encoding.name()
        ));
        return Ok((text, warnings));
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), warnings));
    }
    if mostly_utf8(bytes) {
        let text = decode_with(UTF_8, bytes, &mut warnings);
        return Ok((text, warnings));
    }
    let encoding = guess_single_byte(bytes);
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    warnings.push(format!(
        "The file is not UTF-8; it was read as {} (a guess). If letters look wrong, save it as UTF-8 and add it again.",
        display_name(encoding)
    ));
    Ok((text.into_owned(), warnings))
}

/// Decodes with a known encoding, warning when malformed sequences had to be replaced.
fn decode_with(encoding: &'static Encoding, bytes: &[u8], warnings: &mut Vec<String>) -> String {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
        warnings.push(format!(
            "{replaced} malformed {} sequence(s) were replaced by \u{FFFD}; parts of the text may be damaged.",
            display_name(encoding)
        ));
    }
    text.into_owned()
}

/// The encoding's name as readers know it.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == WINDOWS_1252 {
        "Windows-1252 (Western European)"
    } else if encoding == WINDOWS_1251 {
        "Windows-1251 (Cyrillic)"
    } else if encoding == KOI8_R {
        "KOI8-R (Cyrillic)"
    } else {
        encoding.name()
    }
}

/// The first bytes, which all sniffers look at.
fn sample(bytes: &[u8]) -> &[u8] {
    bytes.get(..SNIFF_BYTES).unwrap_or(bytes)
}

/// Whether bytes (in an ASCII-compatible encoding) hold NULs or many control characters.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = sample(bytes);
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| is_binary_control(b as char))
        .count();
    too_many_controls(controls, sample.len())
}

/// Whether decoded text (from UTF-16) holds NULs or many control characters.
fn has_binary_chars(text: &str) -> bool {
    let mut total = 0;
    let mut controls = 0;
    for c in text.chars().take(SNIFF_BYTES / 2) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if is_binary_control(c) {
            controls += 1;
        }
    }
    too_many_controls(controls, total)
}

/// Text files hold tabs, line breaks and form feeds, but almost never other C0 controls.
fn is_binary_control(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0c' | '\x1a' | '\x1b')) || c == '\x7f'
}

/// A couple of stray controls are tolerated; a share above 2% is not text.
fn too_many_controls(controls: usize, total: usize) -> bool {
    controls > 2 && controls.saturating_mul(50) > total
}

/// Recognises UTF-16 without a BOM by zero bytes in every other position.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = sample(bytes);
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    // Latin text in UTF-16 has a zero high byte in nearly every unit; require a clear majority on one side only.
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Whether invalid UTF-8 is still mostly well-formed multi-byte UTF-8 (a damaged or truncated UTF-8 file).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multibyte = 0usize;
    let mut invalid = 0usize;
    let mut rest = sample(bytes);
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                invalid += 1;
                // A truncated sequence at the very end of the sample is not evidence against UTF-8.
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = bad.get(skip..).unwrap_or(&[]);
            }
        }
    }
    valid_multibyte >= 3 && valid_multibyte >= invalid.saturating_mul(2)
}

/// Picks a legacy single-byte encoding for bytes that are not UTF-8.
///
/// Western text has few high bytes, scattered inside Latin words; Cyrillic text is mostly high bytes.
/// Between the two Cyrillic encodings, the right one turns most letters into lower case,
/// because KOI8-R and Windows-1251 swap the lower- and upper-case ranges.
fn guess_single_byte(bytes: &[u8]) -> &'static Encoding {
    let sample = sample(bytes);
    let high = sample.iter().filter(|&&b| b >= 0xC0).count();
    let ascii_letters = sample.iter().filter(|b| b.is_ascii_alphabetic()).count();
    if high < 8 || high < ascii_letters {
        return WINDOWS_1252;
    }
    let lower_share = |encoding: &'static Encoding| {
        let (text, _) = encoding.decode_without_bom_handling(sample);
        text.chars()
            .filter(|c| ('\u{0400}'..='\u{04FF}').contains(c))
            .filter(|c| c.is_lowercase())
            .count()
    };
    if lower_share(KOI8_R) > lower_share(WINDOWS_1251) {
        KOI8_R
    } else {
        WINDOWS_1251
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bom_and_legacy() {
        assert_eq!(decode(b"\xef\xbb\xbfhi").unwrap().0, "hi");
        assert_eq!(decode(b"\xff\xfeh\0i\0").unwrap().0, "hi");
        assert_eq!(decode(b"\xfe\xff\0h\0i").unwrap().0, "hi");
        assert_eq!(decode(b"h\0i\0 \0t\0h\0e\0r\0e\0").unwrap().0, "hi there");
        assert_eq!(decode(b"a\0b"), Err(DecodeError::Binary));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
    }
}
