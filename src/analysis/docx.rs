//! Word documents (DOCX) to articles: the paragraphs of `word/document.xml` and the core properties.
//!
//! The XML is scanned tag by tag rather than parsed into a tree: only paragraphs (`w:p`), text runs
//! (`w:t`), tabs and breaks matter, and a scanner cannot be made to recurse or to allocate a tree.
//! Deleted text (`w:delText`) and field codes (`w:instrText`) are not `w:t`, so they are left out.

use super::archive::{corrupt, read_named};
use super::decode::DecodeError;
use super::html::decode_entities;
use super::ingest::read_document_text;
use super::model::Article;
use chrono::NaiveDate;
use std::io::Cursor;

/// What the user calls this kind of file.
const KIND: &str = "Word (DOCX)";

/// Reads a DOCX file: paragraphs separated by blank lines; title from the properties or the first heading.
///
/// The date comes from the text's own header lines when it has them; the document's created or
/// modified date is only a fallback, because it is often the date someone saved a copy.
pub fn read_docx(path: &str, bytes: &[u8]) -> Result<Article, DecodeError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(KIND, &e))?;
    let document =
        read_named(&mut zip, "word/document.xml", KIND)?.ok_or_else(|| DecodeError::Corrupt {
            kind: KIND.to_string(),
            detail: "it has no word/document.xml".to_string(),
        })?;
    let xml = String::from_utf8_lossy(&document);
    let (text, heading) = paragraphs(&xml);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let core = read_named(&mut zip, "docProps/core.xml", KIND)
        .ok()
        .flatten()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let mut article = read_document_text(path, &text);
    if let Some(title) = element_text(&core, "dc:title").or(heading) {
        article.title = title;
    }
    if article.date.is_none() {
        article.date = element_text(&core, "dcterms:created")
            .or_else(|| element_text(&core, "dcterms:modified"))
            .and_then(|d| NaiveDate::parse_from_str(d.get(..10)?, "%Y-%m-%d").ok());
    }
    Ok(article)
}

/// The document's paragraphs joined by blank lines, and the text of its first heading paragraph.
pub fn paragraphs(xml: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut para = String::new();
    let mut heading_para = false;
    let mut first_heading = None;
    let mut in_text = false;
    let mut rest = xml;
    let flush = |para: &mut String, heading: bool, out: &mut String, first: &mut Option<String>| {
        let t = para.trim();
        if !t.is_empty() {
            if heading && first.is_none() {
                *first = Some(t.to_string());
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(t);
        }
        para.clear();
    };
    while let Some(open) = rest.find('<') {
        if in_text {
            para.push_str(&decode_entities(rest.get(..open).unwrap_or("")));
        }
        let after = rest.get(open + 1..).unwrap_or("");
        let Some(close) = after.find('>') else {
            break;
        };
        let tag = after.get(..close).unwrap_or("");
        rest = after.get(close + 1..).unwrap_or("");
        let self_closing = tag.ends_with('/');
        let name = tag
            .trim_end_matches('/')
            .split(|c: char| c.is_whitespace())
            .next()
            .unwrap_or("");
        match name {
            "w:p" if !self_closing => {
                flush(&mut para, heading_para, &mut out, &mut first_heading);
                heading_para = false;
            }
            "/w:p" => {
                flush(&mut para, heading_para, &mut out, &mut first_heading);
                heading_para = false;
            }
            "w:t" => in_text = !self_closing,
            "/w:t" => in_text = false,
            "w:tab" => para.push('\t'),
            "w:br" | "w:cr" => para.push('\n'),
            "w:pStyle" => {
                let style = attribute(tag, "w:val")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                heading_para = style.starts_with("heading") || style == "title";
            }
            _ => {}
        }
    }
    flush(&mut para, heading_para, &mut out, &mut first_heading);
    (out, first_heading)
}

/// The value of an attribute inside a tag's text (`w:val="Heading1"`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag.get(start..)?;
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let inner = rest.get(1..)?;
    let end = inner.find(quote)?;
    inner.get(..end).map(decode_entities)
}

/// The text of the first element with this name (`<dc:title>...</dc:title>`), trimmed; none when empty.
pub fn element_text(xml: &str, name: &str) -> Option<String> {
    let open = format!("<{name}");
    let mut from = 0;
    loop {
        let start = from + xml.get(from..)?.find(&open)?;
        let after = xml.get(start + open.len()..)?;
        // "<dc:titleX" is another element; only ">", "/" or white space may follow the name.
        if after.starts_with(['>', ' ', '\t', '\r', '\n']) {
            let body = after.get(after.find('>')? + 1..)?;
            let end = body.find(&format!("</{name}>"))?;
            let text = decode_entities(body.get(..end)?.trim());
            return (!text.trim().is_empty()).then(|| text.trim().to_string());
        }
        from = start + open.len();
    }
}
