//! Saved e-mails (RFC 822 / MIME, `.eml`) to articles: one article per message.
//!
//! Subject becomes the title, the sender the byline (and the outlet when the text names none), the
//! Date header the date when the text has none. The body is the first text/plain part, else the first
//! text/html part read through [`super::html`]; attachments are skipped. Quoted-printable and base64
//! are undone and the part's charset is honoured through `encoding_rs`.

use super::decode::{decode, DecodeError};
use super::html;
use super::ingest::{file_stem, read_document_text};
use super::model::Article;
use chrono::NaiveDate;
use encoding_rs::Encoding;

/// What the user calls this kind of file.
const KIND: &str = "e-mail";

/// How deep multipart parts may nest before the rest is ignored.
const MAX_DEPTH: usize = 8;

/// Header names that start a saved message; a file starting with two of them is read as an e-mail.
const MESSAGE_HEADERS: [&str; 9] = [
    "return-path",
    "received",
    "mime-version",
    "delivered-to",
    "message-id",
    "from",
    "to",
    "subject",
    "x-mailer",
];

/// Whether bytes look like a saved message: header lines at the very start, among them MIME-Version
/// or Received, so that a text file with "Date:" and "Source:" lines is never mistaken for one.
pub fn looks_like_eml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(bytes.get(..bytes.len().min(4096)).unwrap_or(bytes));
    let (headers, _) = split_head(&head);
    let names: Vec<String> = headers.iter().map(|(n, _)| n.clone()).collect();
    let known = names
        .iter()
        .filter(|n| MESSAGE_HEADERS.contains(&n.as_str()))
        .count();
    let strong = names
        .iter()
        .any(|n| n == "mime-version" || n == "received" || n == "message-id");
    known >= 2 && strong
}

/// Reads one saved message into an article.
pub fn read_eml(path: &str, bytes: &[u8]) -> Result<Article, DecodeError> {
    // Headers are ASCII by the standard; stray 8-bit bytes are read as UTF-8 or replaced.
    let raw = String::from_utf8_lossy(bytes);
    let (headers, body_at) = split_head(&raw);
    if headers.is_empty() {
        return Err(DecodeError::Corrupt {
            kind: KIND.to_string(),
            detail: "it has no message headers".to_string(),
        });
    }
    let body = bytes.get(body_at..).unwrap_or(&[]);
    let mut parts = Vec::new();
    collect_parts(&headers, body, 0, &mut parts)?;
    let part = parts
        .iter()
        .find(|p| !p.html)
        .or_else(|| parts.first())
        .ok_or_else(|| DecodeError::Corrupt {
            kind: KIND.to_string(),
            detail: "it has no text or HTML part".to_string(),
        })?;
    if part.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut article = if part.html {
        html::read_html(path, &part.text)
    } else {
        read_document_text(path, &part.text)
    };
    let header = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| decode_words(v))
    };
    if let Some(subject) = header("subject").map(|s| strip_reply_prefixes(&s)) {
        if !subject.is_empty() {
            article.title = subject;
        }
    }
    if let Some(from) = header("from") {
        let (name, address) = split_address(&from);
        if article.byline.is_none() {
            article.byline = name.clone().or_else(|| address.clone());
        }
        if article.source == file_stem(path) {
            if let Some(domain) = address.as_deref().and_then(|a| a.rsplit_once('@')) {
                article.source = domain.1.trim_start_matches("www.").to_string();
            }
        }
    }
    if article.date.is_none() {
        article.date = header("date").and_then(|d| parse_rfc2822_date(&d));
    }
    article.warnings.extend(part.warnings.iter().cloned());
    Ok(article)
}

/// A decoded text part of a message.
struct Part {
    /// Whether the part is HTML rather than plain text.
    html: bool,
    /// The decoded text.
    text: String,
    /// How the part was read, when it needed a guess.
    warnings: Vec<String>,
}

/// Collects the text parts of an entity, depth first, skipping attachments.
fn collect_parts(
    headers: &[(String, String)],
    body: &[u8],
    depth: usize,
    out: &mut Vec<Part>,
) -> Result<(), DecodeError> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    let content_type = get("content-type").unwrap_or("text/plain");
    let (mime, params) = parse_content_type(content_type);
    let attachment = get("content-disposition")
        .is_some_and(|d| d.trim().to_ascii_lowercase().starts_with("attachment"));
    if mime.starts_with("multipart/") {
        let Some(boundary) = param(&params, "boundary") else {
            return Err(DecodeError::Corrupt {
                kind: KIND.to_string(),
                detail: "a multipart part has no boundary".to_string(),
            });
        };
        if depth >= MAX_DEPTH {
            return Ok(());
        }
        for part in split_multipart(body, &boundary) {
            let text = String::from_utf8_lossy(part);
            let (part_headers, at) = split_head(&text);
            let part_body = part.get(at..).unwrap_or(&[]);
            collect_parts(&part_headers, part_body, depth + 1, out)?;
        }
        return Ok(());
    }
    if mime == "message/rfc822" && depth < MAX_DEPTH {
        let text = String::from_utf8_lossy(body);
        let (inner, at) = split_head(&text);
        return collect_parts(&inner, body.get(at..).unwrap_or(&[]), depth + 1, out);
    }
    let html = mime == "text/html";
    if attachment || !(mime == "text/plain" || html) {
        return Ok(());
    }
    let encoding = get("content-transfer-encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let raw = match encoding.as_str() {
        "base64" => base64(body).ok_or_else(|| DecodeError::Corrupt {
            kind: KIND.to_string(),
            detail: "its text is base64 but the base64 is broken".to_string(),
        })?,
        "quoted-printable" => quoted_printable(body),
        _ => body.to_vec(),
    };
    let mut warnings = Vec::new();
    let text = match param(&params, "charset").and_then(|c| Encoding::for_label(c.as_bytes())) {
        Some(encoding) => {
            let (text, had_errors) = encoding.decode_without_bom_handling(&raw);
            if had_errors {
                warnings.push(format!(
                    "Some bytes were not valid {}; they were replaced by \u{FFFD}.",
                    encoding.name()
                ));
            }
            text.into_owned()
        }
        None => match decode(&raw) {
            Ok((text, mut w)) => {
                warnings.append(&mut w);
                text
            }
            Err(DecodeError::Empty) => String::new(),
            Err(e) => return Err(e),
        },
    };
    out.push(Part {
        html,
        // Mail transport uses CRLF line ends; they are an artefact of the transport, not of the text.
        text: text.replace("\r\n", "\n"),
        warnings,
    });
    Ok(())
}

/// Splits a header block from its body: the unfolded headers (lower-case names) and the body's byte offset.
fn split_head(text: &str) -> (Vec<(String, String)>, usize) {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        offset += line.len();
        if content.is_empty() {
            return (headers, offset);
        }
        if content.starts_with([' ', '\t']) {
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(content.trim());
                }
                None => return (Vec::new(), 0),
            }
            continue;
        }
        match content.split_once(':') {
            Some((name, value))
                if !name.is_empty()
                    && name.len() <= 76
                    && name.bytes().all(|b| b.is_ascii_graphic() && b != b':') =>
            {
                headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
            }
            // A line that is no header ends the block: the body starts there (a message without a blank line).
            _ => return (headers, offset - line.len()),
        }
    }
    (headers, text.len())
}

/// The MIME type (lower case) and the parameters of a Content-Type value.
fn parse_content_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut pieces = value.split(';');
    let mime = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = pieces
        .filter_map(|p| {
            let (k, v) = p.split_once('=')?;
            Some((
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            ))
        })
        .collect();
    (mime, params)
}

/// One parameter's value.
fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

/// The parts between "--boundary" lines, up to the closing "--boundary--".
fn split_multipart<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    let mut starts = Vec::new();
    let mut line_start = 0;
    let mut closed_at = None;
    while line_start < body.len() {
        let rest = body.get(line_start..).unwrap_or(&[]);
        let line_len = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |p| p + 1);
        let line = rest.get(..line_len).unwrap_or(rest);
        if line.starts_with(delimiter) {
            let tail = line.get(delimiter.len()..).unwrap_or(&[]);
            if tail.starts_with(b"--") {
                closed_at = Some(line_start);
                break;
            }
            starts.push((line_start, line_start + line_len));
        }
        line_start += line_len;
    }
    let end = closed_at.unwrap_or(body.len());
    let mut parts = Vec::new();
    for (i, &(_, content_start)) in starts.iter().enumerate() {
        let content_end = starts.get(i + 1).map_or(end, |&(s, _)| s);
        if let Some(part) = body.get(content_start..content_end.max(content_start)) {
            parts.push(part);
        }
    }
    parts
}

/// Decodes base64, ignoring line breaks and white space; `None` for any other stray character.
fn base64(input: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(input.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut padding = false;
    for &b in input {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding = true;
                continue;
            }
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        if padding {
            // Data after padding: two encoded blocks glued together, or damage.
            return None;
        }
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
        }
    }
    Some(out)
}

/// Decodes quoted-printable: "=XX" escapes and "=" soft line breaks; malformed escapes stay as written.
fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while let Some(&b) = input.get(i) {
        if b == b'=' {
            let next = input.get(i + 1).copied();
            let after = input.get(i + 2).copied();
            match (next, after) {
                (Some(b'\n'), _) => {
                    i += 2;
                    continue;
                }
                (Some(b'\r'), Some(b'\n')) => {
                    i += 3;
                    continue;
                }
                (Some(h), Some(l)) => {
                    if let (Some(h), Some(l)) = (hex(h), hex(l)) {
                        out.push(h * 16 + l);
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The value of one hexadecimal digit.
fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// Decodes RFC 2047 encoded words ("=?utf-8?Q?Caf=C3=A9?=") in a header value.
pub fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while let Some(start) = rest.find("=?") {
        let before = rest.get(..start).unwrap_or("");
        let decoded = rest.get(start + 2..).and_then(|tail| {
            let (charset, tail) = tail.split_once('?')?;
            let (mode, tail) = tail.split_once('?')?;
            let end = tail.find("?=")?;
            let payload = tail.get(..end)?;
            let bytes = match mode.to_ascii_lowercase().as_str() {
                "b" => base64(payload.as_bytes())?,
                "q" => quoted_printable(payload.replace('_', " ").as_bytes()),
                _ => return None,
            };
            let charset = charset.split('*').next().unwrap_or(charset);
            let encoding = Encoding::for_label(charset.as_bytes()).unwrap_or(encoding_rs::UTF_8);
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            Some(text.into_owned())
        });
        match decoded {
            Some(text) => {
                // White space between two encoded words is not part of the text.
                if !(last_was_word && before.trim().is_empty()) {
                    out.push_str(before);
                }
                out.push_str(&text);
                last_was_word = true;
                let tail = rest.get(start + 2..).unwrap_or("");
                let skip = tail
                    .split_once('?')
                    .and_then(|(_, t)| t.split_once('?'))
                    .and_then(|(_, t)| t.find("?=").map(|e| t.get(e + 2..).unwrap_or("")))
                    .unwrap_or("");
                rest = skip;
            }
            None => {
                out.push_str(rest.get(..start + 2).unwrap_or(""));
                rest = rest.get(start + 2..).unwrap_or("");
                last_was_word = false;
            }
        }
    }
    out.push_str(rest);
    out.trim().to_string()
}

/// Removes "Re:", "Fwd:", "Fw:" and "[list]" prefixes that mail programs add to subjects.
fn strip_reply_prefixes(subject: &str) -> String {
    let mut s = subject.trim();
    loop {
        let lower = s.to_ascii_lowercase();
        let cut = ["re:", "fwd:", "fw:", "aw:", "wg:", "tr:"]
            .iter()
            .find(|p| lower.starts_with(**p))
            .map(|p| p.len());
        match cut.and_then(|n| s.get(n..)) {
            Some(rest) => s = rest.trim_start(),
            None => return s.to_string(),
        }
    }
}

/// Splits "Ana Ruiz <ana@example.org>" into the display name and the address.
fn split_address(from: &str) -> (Option<String>, Option<String>) {
    let from = from.trim();
    if let (Some(open), Some(close)) = (from.find('<'), from.rfind('>')) {
        let name = from
            .get(..open)
            .unwrap_or("")
            .trim()
            .trim_matches('"')
            .trim();
        let address = from.get(open + 1..close).unwrap_or("").trim();
        let name = (!name.is_empty()).then(|| name.to_string());
        let address = address.contains('@').then(|| address.to_string());
        return (name, address);
    }
    // "ana@example.org (Ana Ruiz)", the older form.
    let (address, comment) = match from.split_once('(') {
        Some((a, c)) => (a.trim(), Some(c.trim_end_matches(')').trim().to_string())),
        None => (from, None),
    };
    (
        comment.filter(|c| !c.is_empty()),
        address.contains('@').then(|| address.to_string()),
    )
}

/// The calendar date of an RFC 2822 date ("Tue, 14 Oct 2025 09:30:00 +0200"), in the sender's own zone.
pub fn parse_rfc2822_date(value: &str) -> Option<NaiveDate> {
    let value = value.split_once(',').map_or(value, |(_, rest)| rest);
    let mut words = value.split_whitespace();
    let day: u32 = words.next()?.parse().ok()?;
    let month = words.next()?.get(..3)?.to_ascii_lowercase();
    let month = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|m| *m == month)?;
    let year: i32 = words.next()?.parse().ok()?;
    // Two-digit years are from the obsolete syntax: 00-49 are 2000s, 50-99 are 1900s.
    let year = match year {
        0..=49 => year + 2000,
        50..=99 => year + 1900,
        _ => year,
    };
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()? + 1, day)
}
