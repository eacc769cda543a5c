//! Files to articles: picks the reader by file type and pulls out metadata.

use super::decode::{decode, DecodeError};
use super::model::{Article, Span};

/// Reads one file into an article. Only decoding can fail.
pub fn ingest(path: &str, bytes: &[u8]) -> Result<Article, DecodeError> {
    let (text, warnings) = decode(bytes)?;
    let mut article = ingest_text(path, &text);
    article.warnings = warnings;
    Ok(article)
}

/// Makes an article of text that is already decoded (a paste, a plain-text file).
pub fn ingest_text(path: &str, text: &str) -> Article {
    Article {
        path: path.to_string(),
        source: path.to_string(),
        title: path.to_string(),
        text: text.to_string(),
        body: Span::new(0, text.len()),
        ..Article::default()
    }
}
