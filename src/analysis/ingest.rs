//! Files to articles: picks the reader by file type and pulls out metadata.
//!
//! Three text readers: plain text (the text is kept unchanged; leading header lines become metadata),
//! Markdown (rendered to plain text) and HTML (see [`super::html`]); and document readers for PDF
//! ([`super::pdf`]), Word ([`super::docx`]) and saved e-mail ([`super::eml`]). ZIP archives hold
//! many files: [`ingest_all`] reads them through [`super::archive`].
//! *Invariant*: only [`ingest`] can fail, and only before a reader runs; readers return warnings.

use super::decode::{decode, DecodeError, MAX_BYTES};
use super::model::{Article, Span};
use super::{archive, docx, eml, html, pdf};
use chrono::NaiveDate;

/// The input formats a reader exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text, possibly with header lines.
    Text,
    /// Markdown, possibly with front matter.
    Markdown,
    /// A saved web page.
    Html,
}

/// Reads one file into an article. Only decoding can fail.
///
/// PDF, DOCX and saved e-mails are read by their own readers; a ZIP archive is refused with
/// [`DecodeError::Archive`] (use [`ingest_all`]). Known formats that cannot be read (images, DOC) are refused by their
/// magic bytes whatever the file is called, and by their extension.
///
/// # Examples
/// ```
/// use corroborate::analysis::ingest;
/// let article = ingest("wire.txt", b"Source: Meridian Wire\nDate: 14 October 2025\n\nThe toll rose.").unwrap();
/// assert_eq!(article.source, "Meridian Wire");
/// assert_eq!(article.body.of(&article.text), "The toll rose.");
/// assert!(ingest("scan.pdf", b"%PDF-1.7 ...").is_err());
/// assert!(ingest("photo.png", b"\x89PNG\r\n").is_err());
/// ```
pub fn ingest(path: &str, bytes: &[u8]) -> Result<Article, DecodeError> {
    super::decode::check_size(bytes)?;
    let ext = extension(path);
    if let Some(result) = read_document(path, &ext, bytes) {
        return result;
    }
    if let Some(kind) = sniff_magic(bytes).or_else(|| unsupported_extension(&ext)) {
        return Err(DecodeError::Unsupported {
            kind: kind.to_string(),
        });
    }
    let (text, mut warnings) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut article = ingest_text(path, &text);
    warnings.append(&mut article.warnings);
    article.warnings = warnings;
    Ok(article)
}

/// Reads every article in a file: one entry for a single file, one per member for a ZIP archive.
///
/// Each entry is named by its path ("news.zip/folder/wire.txt") and read on its own, so a damaged
/// member never stops the others.
///
/// # Examples
/// ```
/// use corroborate::analysis::ingest::ingest_all;
/// let results = ingest_all("wire.txt", b"The toll rose.");
/// assert_eq!(results.len(), 1);
/// assert_eq!(results[0].0, "wire.txt");
/// ```
pub fn ingest_all(path: &str, bytes: &[u8]) -> Vec<(String, Result<Article, DecodeError>)> {
    if bytes.len() <= MAX_BYTES && archive::is_archive(path, bytes) {
        return archive::ingest_many(path, bytes);
    }
    vec![(path.to_string(), ingest(path, bytes))]
}

/// Reads the document formats (PDF, DOCX, e-mail) by magic bytes or extension; `None` for text formats.
fn read_document(path: &str, ext: &str, bytes: &[u8]) -> Option<Result<Article, DecodeError>> {
    let zip = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06");
    let not_really = |kind: &str, what: &str| {
        Some(Err(DecodeError::Corrupt {
            kind: kind.to_string(),
            detail: format!("its contents are not {what}"),
        }))
    };
    if bytes.starts_with(b"%PDF") {
        return Some(pdf::read_pdf(path, bytes));
    }
    if zip {
        if archive::is_archive(path, bytes) {
            return Some(Err(DecodeError::Archive));
        }
        let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
        let wordish = head.windows(5).any(|w| w == b"word/");
        if ext == "docx" || ext == "docm" || ext == "dotx" || wordish {
            return Some(docx::read_docx(path, bytes));
        }
        return None;
    }
    match ext {
        "pdf" => return not_really("PDF", "a PDF document (no %PDF header)"),
        "docx" | "docm" | "dotx" => return not_really("Word (DOCX)", "a ZIP package"),
        "zip" => return not_really("ZIP", "a ZIP archive"),
        _ => {}
    }
    if ext == "eml" || ext == "mht" || eml::looks_like_eml(bytes) {
        return Some(eml::read_eml(path, bytes));
    }
    None
}

/// Makes an article of text that is already decoded (a paste, a plain-text file).
///
/// The format comes from the extension of `path`, else from the text's first characters.
///
/// # Examples
/// ```
/// use corroborate::analysis::ingest_text;
/// let article = ingest_text("seed.txt", " date 2024-03-23 Gunmen opened fire.");
/// assert_eq!(article.date.unwrap().to_string(), "2024-03-23");
/// assert_eq!(article.body.of(&article.text), "Gunmen opened fire.");
/// ```
pub fn ingest_text(path: &str, text: &str) -> Article {
    match format_of(path, text) {
        Format::Text => read_text(path, text),
        Format::Markdown => read_markdown(path, text),
        Format::Html => html::read_html(path, text),
    }
}

/// The format by extension, else by sniffing the text.
pub fn format_of(path: &str, text: &str) -> Format {
    match extension(path).as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
        "html" | "htm" | "xhtml" | "shtml" => Format::Html,
        _ => {
            let start: String = text
                .trim_start_matches('\u{FEFF}')
                .trim_start()
                .chars()
                .take(16)
                .collect::<String>()
                .to_ascii_lowercase();
            if start.starts_with("<!doctype html") || start.starts_with("<html") {
                Format::Html
            } else {
                Format::Text
            }
        }
    }
}

/// The lower-case extension of the file name, or "".
fn extension(path: &str) -> String {
    let name = file_name(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The last component of a path written with either kind of slash.
fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The file name without its extension ("000_310e81df929d18ea" for "seeds/000_310e81df929d18ea.txt").
pub fn file_stem(path: &str) -> String {
    let name = file_name(path);
    let stem = match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    };
    if stem.trim().is_empty() {
        path.to_string()
    } else {
        stem.to_string()
    }
}

/// Names formats that cannot be read yet by their first bytes.
fn sniff_magic(bytes: &[u8]) -> Option<&'static str> {
    let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
    let contains = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        if contains(b"application/epub") {
            Some("EPUB")
        } else if contains(b"opendocument") {
            Some("OpenDocument (ODT)")
        } else {
            Some("ZIP")
        }
    } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        Some("Word 97-2003 (DOC)")
    } else if bytes.starts_with(b"{\\rtf") {
        Some("Rich Text (RTF)")
    } else if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
        || (bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(b"WEBP"))
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
    {
        Some("Image")
    } else if bytes.starts_with(b"\x1F\x8B") {
        Some("Compressed (gzip)")
    } else {
        None
    }
}

/// Names formats that cannot be read yet by their extension.
fn unsupported_extension(ext: &str) -> Option<&'static str> {
    Some(match ext {
        "doc" => "Word 97-2003 (DOC)",
        "odt" => "OpenDocument (ODT)",
        "rtf" => "Rich Text (RTF)",
        "epub" => "EPUB",
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "tif" | "tiff" | "bmp" | "heic" => "Image",
        "gz" | "tgz" | "7z" | "rar" => "Compressed",
        _ => return None,
    })
}

/// Metadata gathered from header lines, front matter or page markup.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// The outlet.
    pub source: Option<String>,
    /// The author line without "By".
    pub byline: Option<String>,
    /// The report date.
    pub date: Option<NaiveDate>,
    /// The page address.
    pub url: Option<String>,
}

impl Meta {
    /// Builds the article, falling back to the URL host, the dateline's agency and the file name where metadata
    /// is missing; an article without a headline is titled by the opening of its first sentence.
    pub fn into_article(self, path: &str, text: String, body: Span) -> Article {
        let source = self
            .source
            .filter(|s| !s.is_empty())
            .or_else(|| self.url.as_deref().and_then(url_host))
            .or_else(|| {
                // Wire copy names its agency in the dateline: "MOSCOW (AP) -".
                super::dateline::find(&text, body.start)
                    .and_then(|d| d.agency)
                    .map(|a| a.of(&text).to_string())
            })
            .unwrap_or_else(|| file_stem(path));
        let title = self
            .title
            .filter(|t| !t.is_empty())
            .or_else(|| lede_title(&text, body))
            .unwrap_or_else(|| file_stem(path));
        let date = self.date.or_else(|| date_line(body.of(&text)));
        Article {
            path: path.to_string(),
            source,
            title,
            byline: self.byline.filter(|b| !b.is_empty()),
            date,
            url: self.url,
            text,
            body,
            warnings: Vec::new(),
        }
    }

    /// Records one `key: value` header; returns whether the key is known.
    fn set(&mut self, key: &str, value: &str) -> bool {
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        let slot = match key.trim().to_ascii_lowercase().as_str() {
            "title" | "headline" => &mut self.title,
            "source" | "outlet" | "publisher" | "site" | "site_name" => &mut self.source,
            "url" | "link" | "canonical" => &mut self.url,
            "author" | "authors" | "byline" | "by" => &mut self.byline,
            "date" | "published" | "pubdate" | "published_at" | "updated" => {
                if self.date.is_none() {
                    self.date = parse_date(value);
                }
                return true;
            }
            _ => return false,
        };
        if slot.is_none() && !value.is_empty() {
            let value = if key.trim().eq_ignore_ascii_case("url")
                || key.trim().eq_ignore_ascii_case("link")
            {
                value.to_string()
            } else {
                strip_by(value).to_string()
            };
            *slot = Some(value);
        }
        true
    }
}

/// The host of a URL without "www." ("apnews.com"), or `None` when it has none.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim();
    let rest = rest
        .split_once("://")
        .map(|(_, r)| r)
        .or_else(|| rest.strip_prefix("//"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(char::is_whitespace)).then_some(host)
}

/// Removes a leading "By" from an author line.
pub fn strip_by(value: &str) -> &str {
    let value = value.trim();
    match value.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => value.get(3..).unwrap_or("").trim_start(),
        _ => value,
    }
}

/// How many lines at the top of a body are searched for a date line.
const DATE_LINE_SEARCH: usize = 4;

/// The report date from a line near the top of the body that holds nothing but a date, maybe with a time and
/// a label ("May 03, 2013", "AUGUST 2, 2013 | 08:06AM PT", "Posted: 12 January 2010 @ 09:29 pm"), as pasted
/// articles and saved pages carry below the headline; `None` when no such line is there.
///
/// A date inside a sentence is an event's date, not the report's, so a line qualifies only when every word
/// but a few is a date or time word and it holds a four-digit year.
///
/// # Examples
/// ```
/// use corroborate::analysis::ingest::date_line;
/// assert_eq!(date_line("Dam fails\n\nMay 03, 2013\nThe dam failed.").unwrap().to_string(), "2013-05-03");
/// assert_eq!(date_line("The dam built in May 2013 failed on Friday."), None);
/// ```
pub fn date_line(body: &str) -> Option<NaiveDate> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(DATE_LINE_SEARCH)
        .find_map(|line| {
            if line.chars().count() > 60 {
                return None;
            }
            let words = date_words(line);
            let has_year = words
                .iter()
                .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
            let other = words.iter().filter(|w| !is_date_or_time_word(w)).count();
            (has_year && other <= 1).then(|| parse_date(line)).flatten()
        })
}

/// Whether a word belongs to a written date or time: a number, a month, a weekday, a clock word, a time
/// zone in capitals or a label such as "Posted".
fn is_date_or_time_word(word: &str) -> bool {
    const WORDS: [&str; 24] = [
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "am",
        "pm",
        "a",
        "m",
        "p",
        "at",
        "on",
        "posted",
        "published",
        "updated",
        "last",
        "st",
        "nd",
        "th",
    ];
    let lower = word.to_ascii_lowercase();
    word.chars().all(|c| c.is_ascii_digit())
        || month_number(word).is_some()
        || WORDS.contains(&lower.as_str())
        || super::dates::weekday_full(&lower).is_some()
        || (word.len() <= 4 && word.chars().all(|c| c.is_ascii_uppercase()))
}

/// The month (1-12) a word names, full or abbreviated ("Mar", "Sept").
fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    super::dates::month_full(&lower).or_else(|| super::dates::month_abbr(&lower))
}

/// Parses a date as metadata writes it: "2024-03-23", "2024-03-23T10:00:00Z", "2024/03/23",
/// "March 23, 2024", "Sat, 23 Mar 2024 10:00:00 GMT", "23 March 2024", "20240323".
///
/// Only the calendar day written is kept; a time zone does not move it.
///
/// # Examples
/// ```
/// use corroborate::analysis::ingest::parse_date;
/// assert_eq!(parse_date("Saturday, March 23, 2024 at 10:00").unwrap().to_string(), "2024-03-23");
/// assert_eq!(parse_date("2024-03-23T23:30:00-05:00").unwrap().to_string(), "2024-03-23");
/// ```
pub fn parse_date(value: &str) -> Option<NaiveDate> {
    let value: String = value.trim().chars().take(80).collect();
    // Clock times go first: "28 November 2005, 02:24" must not read as the 24th of February.
    let value = without_clock_times(&value);
    let words = date_words(&value);
    let number = |w: &str| {
        w.parse::<u32>()
            .ok()
            .filter(|_| w.chars().all(|c| c.is_ascii_digit()))
    };
    // Numeric year-month-day first: ISO and its slash and compact variants.
    for (i, w) in words.iter().enumerate() {
        if w.len() == 8 && i == 0 {
            if let (Some(y), Some(m), Some(d)) = (
                w.get(..4).and_then(number),
                w.get(4..6).and_then(number),
                w.get(6..8).and_then(number),
            ) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
        if w.len() == 4 {
            if let (Some(y), Some(m), Some(d)) = (
                number(w),
                words.get(i + 1).and_then(|w| number(w)),
                words.get(i + 2).and_then(|w| number(w)),
            ) {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    // A month name with a day beside it and a four-digit year.
    let year = words
        .iter()
        .filter(|w| w.len() == 4)
        .filter_map(|w| number(w))
        .find(|y| (1900..=2100).contains(y))?;
    for (i, w) in words.iter().enumerate() {
        let Some(month) = month_number(w) else {
            continue;
        };
        if w.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let day_word = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .map(|w| w.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
                .filter(|w| w.len() <= 2)
                .and_then(number)
        };
        let day = day_word(i.checked_add(1)).or_else(|| day_word(i.checked_sub(1)));
        if let Some(date) = day.and_then(|d| ymd(year, month, d)) {
            return Some(date);
        }
    }
    // Day/month/year as Europe writes it, when the day cannot be a month.
    for (i, w) in words.iter().enumerate() {
        if let (Some(d), Some(m), Some(y)) = (
            number(w),
            words.get(i + 1).and_then(|w| number(w)),
            words
                .get(i + 2)
                .and_then(|w| number(w))
                .filter(|y| *y >= 1900),
        ) {
            if d > 12 || m > 12 {
                let (d, m) = if m > 12 { (m, d) } else { (d, m) };
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// The text with every clock time ("02:24", "10:00:00.5") blanked out, offsets kept.
fn without_clock_times(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut out = chars.clone();
    let digits_at = |i: usize| chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut i = 0;
    while i < chars.len() {
        let run = digits_at(i);
        let starts_number = i == 0 || !chars[i - 1].is_ascii_digit();
        let clock = starts_number
            && (1..=2).contains(&run)
            && chars.get(i + run) == Some(&':')
            && digits_at((i + run + 1).min(chars.len())) == 2;
        if !clock {
            i += run.max(1);
            continue;
        }
        // Hours, then every ":dd" and a decimal fraction of the seconds.
        let mut end = i + run;
        while chars.get(end) == Some(&':') && digits_at((end + 1).min(chars.len())) == 2 {
            end += 3;
        }
        if chars.get(end) == Some(&'.') {
            end += 1 + digits_at((end + 1).min(chars.len()));
        }
        for c in out.iter_mut().take(end).skip(i) {
            *c = ' ';
        }
        i = end;
    }
    out.into_iter().collect()
}

/// Splits a date string into runs of digits and runs of letters ("05T06:00" is "05", "T", "06", "00").
fn date_words(value: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = None;
    let mut prev_digit = false;
    for (i, c) in value.char_indices() {
        let digit = c.is_ascii_digit();
        match (start, c.is_alphanumeric()) {
            (Some(s), true) if digit == prev_digit => {
                let _ = s;
            }
            (Some(s), _) => {
                words.extend(value.get(s..i));
                start = c.is_alphanumeric().then_some(i);
            }
            (None, true) => start = Some(i),
            (None, false) => {}
        }
        prev_digit = digit;
    }
    if let Some(s) = start {
        words.extend(value.get(s..));
    }
    words
}

/// A calendar date when the numbers make one in a plausible range.
fn ymd(year: u32, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The lines of `text` with their byte offsets; each line excludes its "\n" and a "\r" before it.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n').map(move |raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches('\n').trim_end_matches('\r'))
    })
}

/// A "By Name" line: short, capitalised, not a sentence.
fn byline_line(line: &str) -> Option<&str> {
    let trimmed = line.trim();
    let rest = strip_by(trimmed);
    let is_by = rest.len() < trimmed.len();
    let first = rest.chars().next()?;
    let words = rest.split_whitespace().count();
    (is_by && first.is_uppercase() && words <= 10 && rest.len() < 100 && !rest.ends_with('.'))
        .then_some(rest)
}

/// The seed style " date 2024-03-23 Body starts here": returns the date and the length of the header part.
fn seed_date_line(line: &str) -> Option<(NaiveDate, usize)> {
    let rest = line.trim_start();
    let keyword = rest.get(..5)?;
    if !keyword.eq_ignore_ascii_case("date ") {
        return None;
    }
    let after = rest.get(5..)?.trim_start();
    let iso = after.get(..10)?;
    let date = NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok()?;
    let tail = after.get(10..)?;
    if tail.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    let tail_trimmed = tail.trim_start();
    Some((date, line.len() - tail_trimmed.len()))
}

/// Reads plain text: header lines at the top become metadata, the text is kept unchanged.
pub fn read_text(path: &str, text: &str) -> Article {
    let mut meta = Meta::default();
    let mut body_start = 0;
    for (offset, line) in lines_with_offsets(text) {
        if line.trim().is_empty() {
            // Blank lines before the body are skipped, whether before or after the headers.
            body_start = offset + line.len();
            continue;
        }
        if let Some((date, header_len)) = seed_date_line(line) {
            meta.date.get_or_insert(date);
            body_start = offset + header_len;
            if header_len < line.len() {
                break;
            }
            body_start = offset + line.len();
            continue;
        }
        if let Some((key, value)) = line.split_once(':') {
            if key.len() <= 12 && !key.trim().is_empty() && meta.set(key, value) {
                body_start = offset + line.len();
                continue;
            }
        }
        if let Some(name) = byline_line(line) {
            if meta.byline.is_none() {
                meta.byline = Some(name.to_string());
            }
            body_start = offset + line.len();
            continue;
        }
        break;
    }
    // Skip the line break and blank lines that separate the headers from the body.
    let mut start = body_start.min(text.len());
    while let Some(rest) = text.get(start..) {
        let skip = rest.len() - rest.trim_start().len();
        if skip == 0 {
            break;
        }
        start += skip;
    }
    if !text.is_char_boundary(start) {
        start = 0;
    }
    let body = Span::new(start, text.trim_end().len().max(start));
    if meta.title.is_none() {
        meta.title = title_line(body.of(text));
    }
    meta.into_article(path, text.to_string(), body)
}

/// Reads text rebuilt from a document (PDF, DOCX, e-mail) as plain text, then looks for a byline in
/// the first few paragraphs, where documents put it under the headline rather than in header lines.
pub(crate) fn read_document_text(path: &str, text: &str) -> Article {
    let mut article = read_text(path, text);
    if article.byline.is_none() {
        article.byline = text
            .split("\n\n")
            .take(4)
            .find_map(|p| byline_line(p.trim()))
            .map(str::to_string);
    }
    article
}

/// Longest title made from a lede, in characters, before it is cut at a word and marked with an ellipsis.
const LEDE_TITLE_CHARS: usize = 90;

/// A title for an article without a headline: its first sentence after any dateline, cut at a word boundary near
/// [`LEDE_TITLE_CHARS`] with an ellipsis. A file saved as "000_310e81df.txt" then reads in the sources panel by
/// what it reports rather than by its file name. `None` when the body has no words.
fn lede_title(text: &str, body: Span) -> Option<String> {
    let start = super::dateline::find(text, body.start).map_or(body.start, |d| d.span.end);
    let lede = text.get(start..body.end.max(start))?;
    let line = lede.trim_start().lines().next()?.trim();
    // The first sentence: up to a full stop, question or exclamation mark followed by a space and a capital.
    let mut end = line.len();
    for (i, c) in line.char_indices() {
        if matches!(c, '.' | '?' | '!') {
            let rest = &line[i + c.len_utf8()..];
            if rest.starts_with(' ') && rest.trim_start().starts_with(char::is_uppercase) {
                end = i;
                break;
            }
        }
    }
    let sentence = line[..end].trim_end_matches(['.', '!', '?']).trim();
    if !sentence.chars().any(char::is_alphabetic) {
        return None;
    }
    if sentence.chars().count() <= LEDE_TITLE_CHARS {
        return Some(sentence.to_string());
    }
    let limit = sentence
        .char_indices()
        .nth(LEDE_TITLE_CHARS)
        .map_or(sentence.len(), |(i, _)| i);
    let cut = sentence[..limit].rfind(' ').unwrap_or(limit);
    let words = sentence[..cut].trim_end_matches([',', ';', ':', ' ', '-', '\u{2014}']);
    Some(format!("{words}\u{2026}"))
}

/// The first line of a body when it reads as a headline: short, no final period, a blank line after it.
fn title_line(body: &str) -> Option<String> {
    let mut lines = lines_with_offsets(body);
    let (_, first) = lines.next()?;
    let (_, second) = lines.next()?;
    let first = first.trim();
    let ok = !first.is_empty()
        && first.chars().count() < 150
        && !first.ends_with(['.', ',', ':', ';'])
        && second.trim().is_empty()
        && lines.any(|(_, l)| !l.trim().is_empty());
    ok.then(|| first.to_string())
}

/// Whether a line is a Markdown code fence; returns its marker.
fn fence(line: &str) -> Option<&'static str> {
    let t = line.trim_start();
    if t.starts_with("```") {
        Some("```")
    } else if t.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// Whether a line is a thematic break ("---", "* * *", "___").
fn thematic_break(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3
        && (t.chars().all(|c| c == '-')
            || t.chars().all(|c| c == '*')
            || t.chars().all(|c| c == '_'))
}

/// Removes a list bullet or number ("- ", "* ", "+ ", "1. ", "2) ") from the start of a line.
fn strip_list_marker(line: &str) -> &str {
    let t = line.trim_start();
    for bullet in ["- ", "* ", "+ ", "• "] {
        if let Some(rest) = t.strip_prefix(bullet) {
            return rest;
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=9).contains(&digits) {
        if let Some(rest) = t
            .get(digits..)
            .and_then(|r| r.strip_prefix(". ").or_else(|| r.strip_prefix(") ")))
        {
            return rest;
        }
    }
    line
}

/// An ATX heading's level and text ("## Title ##" is level 2, "Title").
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = t.get(level..)?;
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    Some((level, rest.trim().trim_end_matches('#').trim_end()))
}

/// Renders Markdown inline syntax to plain text: emphasis, code, links, images and tags removed.
pub fn render_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' if chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) => {
                if let Some(&n) = chars.get(i + 1) {
                    out.push(n);
                }
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') => match link_end(&chars, i + 1) {
                Some((_, end)) => i = end,
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' => match link_end(&chars, i) {
                Some((text_end, end)) => {
                    let inner: String = chars.get(i + 1..text_end).unwrap_or(&[]).iter().collect();
                    out.push_str(&render_inline(&inner));
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => {
                let run = chars
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&x| x == '`')
                    .count();
                i += run;
            }
            '*' | '_' | '~' => {
                let run = chars
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&x| x == c)
                    .count();
                let before = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
                let after = chars.get(i + run).copied();
                let space_before = before.is_none_or(char::is_whitespace);
                let space_after = after.is_none_or(char::is_whitespace);
                let alnum_both = before.is_some_and(char::is_alphanumeric)
                    && after.is_some_and(char::is_alphanumeric);
                // A marker flanked by spaces on both sides ("5 * 3") or inside a word ("snake_case", "a~b") is literal.
                let literal = (space_before && space_after)
                    || (c != '*' && alnum_both)
                    || (c == '~' && run < 2);
                if literal {
                    chars
                        .get(i..i + run)
                        .unwrap_or(&[])
                        .iter()
                        .for_each(|&x| out.push(x));
                }
                i += run;
            }
            '<' => {
                let tag_like = chars
                    .get(i + 1)
                    .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!');
                let close = chars
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take(LINK_WINDOW)
                    .position(|&x| x == '>');
                match (tag_like, close) {
                    (true, Some(len)) => {
                        let inner: String =
                            chars.get(i + 1..i + len).unwrap_or(&[]).iter().collect();
                        // An autolink keeps its address; a tag disappears.
                        if inner.contains("://") || inner.starts_with("mailto:") {
                            out.push_str(&inner);
                        }
                        i += len + 1;
                    }
                    _ => {
                        out.push(c);
                        i += 1;
                    }
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    html::decode_entities(&out)
}

/// How far (in characters) link text, link targets and inline tags may reach.
const LINK_WINDOW: usize = 2000;

/// For a "[" at `open`, the index of its matching "]" and the index after "(url)" or "[ref]".
fn link_end(chars: &[char], open: usize) -> Option<(usize, usize)> {
    // Links are short; bounding the search keeps runs of brackets linear.
    let window = chars
        .get(..open.saturating_add(LINK_WINDOW).min(chars.len()))
        .unwrap_or(chars);
    let mut depth = 0usize;
    let mut close = None;
    for (j, &c) in window.iter().enumerate().skip(open) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close = Some(j);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let (opener, closer) = match chars.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let window = chars
        .get(..close.saturating_add(LINK_WINDOW).min(chars.len()))
        .unwrap_or(chars);
    let mut depth = 0usize;
    for (j, &c) in window.iter().enumerate().skip(close + 1) {
        if c == opener {
            depth += 1;
        } else if c == closer {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                return Some((close, j + 1));
            }
        }
    }
    None
}

/// Splits an italic metadata line ("By Ana Ruiz · The Coast Times · 16 October 2025") into the metadata.
fn meta_line(line: &str, meta: &mut Meta) -> bool {
    let t = line.trim();
    let inner = ["***", "**", "*", "__", "_"].iter().find_map(|m| {
        t.strip_prefix(m)
            .and_then(|r| r.strip_suffix(m))
            .filter(|r| !r.is_empty())
    });
    let italic = inner.is_some();
    let inner = inner.unwrap_or(t);
    if !italic && byline_line(inner).is_none() {
        return false;
    }
    let mut found = false;
    let mut others = Vec::new();
    for part in inner.split(['·', '|', '•', '—', '–']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if let Some(name) = byline_line(part) {
            meta.byline.get_or_insert_with(|| name.to_string());
            found = true;
        } else if let Some(date) = parse_date(part).filter(|_| part.len() < 40) {
            meta.date.get_or_insert(date);
            found = true;
        } else {
            others.push(part);
        }
    }
    if found && others.len() == 1 && meta.source.is_none() {
        meta.source = others.first().map(|s| render_inline(s));
    }
    found
}

/// Reads Markdown: front matter and the first heading become metadata; the text is rendered to plain text.
///
/// Paragraphs are separated by one blank line; headings and list items are lines of their own.
/// The body starts after the title heading and the metadata line below it.
pub fn read_markdown(path: &str, text: &str) -> Article {
    let mut meta = Meta::default();
    let mut lines: Vec<&str> = lines_with_offsets(text).map(|(_, l)| l).collect();
    if let Some(first) = lines.first_mut() {
        *first = first.trim_start_matches('\u{FEFF}');
    }
    let mut index = 0;
    // YAML-ish front matter between "---" lines.
    if lines.first().is_some_and(|l| l.trim() == "---") {
        if let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| l.trim() == "---" || l.trim() == "...")
        {
            for line in lines.get(1..=end).unwrap_or(&[]) {
                if let Some((key, value)) = line.split_once(':') {
                    meta.set(key, value);
                }
            }
            index = end + 2;
        }
    }

    let mut out = String::new();
    let mut body_start = None;
    let mut paragraph: Vec<String> = Vec::new();
    let mut in_fence: Option<&str> = None;
    let mut in_comment = false;
    let mut expect_meta = false;
    let mut in_list = false;
    let flush = |out: &mut String, paragraph: &mut Vec<String>| {
        if paragraph.is_empty() {
            return;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&paragraph.join(" "));
        paragraph.clear();
    };
    while let Some(&raw) = lines.get(index) {
        index += 1;
        if let Some(marker) = in_fence {
            if raw.trim_start().starts_with(marker) {
                in_fence = None;
            }
            continue;
        }
        let mut line = raw.to_string();
        // HTML comments, possibly spanning lines.
        loop {
            if in_comment {
                match line.find("-->") {
                    Some(end) => {
                        line = line.get(end + 3..).unwrap_or("").to_string();
                        in_comment = false;
                    }
                    None => {
                        line.clear();
                        break;
                    }
                }
            }
            match line.find("<!--") {
                Some(start) => {
                    let rest = line.get(start + 4..).unwrap_or("").to_string();
                    line = line.get(..start).unwrap_or("").to_string();
                    match rest.find("-->") {
                        Some(end) => line.push_str(rest.get(end + 3..).unwrap_or("")),
                        None => in_comment = true,
                    }
                    if in_comment {
                        break;
                    }
                }
                None => break,
            }
        }
        if raw.trim().starts_with("<!--") && line.trim().is_empty() {
            continue;
        }
        let is_item = {
            let t = line.trim_start().trim_start_matches('>').trim_start();
            strip_list_marker(t).len() != t.len()
        };
        if !is_item && !line.trim().is_empty() {
            in_list = false;
        }
        if let Some(marker) = fence(&line) {
            flush(&mut out, &mut paragraph);
            in_fence = Some(marker);
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut out, &mut paragraph);
            continue;
        }
        if expect_meta {
            expect_meta = false;
            if meta_line(&line, &mut meta) {
                flush(&mut out, &mut paragraph);
                out.push_str("\n\n");
                out.push_str(&render_inline(line.trim()));
                body_start = Some(out.len());
                continue;
            }
        }
        if let Some((level, heading)) = atx_heading(&line) {
            flush(&mut out, &mut paragraph);
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let rendered = render_inline(heading);
            out.push_str(&rendered);
            if level == 1 && body_start.is_none() && meta.title.is_none() {
                meta.title = Some(rendered);
                body_start = Some(out.len());
                expect_meta = true;
            }
            continue;
        }
        // A setext heading: a paragraph line underlined with "===" or "---".
        let next = lines.get(index).map(|l| l.trim()).unwrap_or("");
        let underline =
            !next.is_empty() && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-'));
        if underline && paragraph.is_empty() && !thematic_break(&line) {
            index += 1;
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            let rendered = render_inline(line.trim());
            out.push_str(&rendered);
            if next.starts_with('=') && body_start.is_none() && meta.title.is_none() {
                meta.title = Some(rendered);
                body_start = Some(out.len());
                expect_meta = true;
            }
            continue;
        }
        if thematic_break(&line) {
            flush(&mut out, &mut paragraph);
            continue;
        }
        // Reference definitions ("[1]: https://...") are not text.
        let t = line.trim_start();
        if t.starts_with('[') && t.contains("]:") && !t.contains("](") {
            continue;
        }
        let mut content = t;
        while let Some(rest) = content.strip_prefix('>') {
            content = rest.trim_start();
        }
        let item = strip_list_marker(content);
        if item.len() != content.len() {
            // Each list item is a line of its own; a list starts a new paragraph.
            flush(&mut out, &mut paragraph);
            if !out.is_empty() {
                out.push_str(if in_list { "\n" } else { "\n\n" });
            }
            in_list = true;
            out.push_str(render_inline(item.trim()).trim());
            continue;
        }
        if content.starts_with('|') {
            let cells: Vec<String> = content
                .trim_matches('|')
                .split('|')
                .map(|c| render_inline(c.trim()))
                .collect();
            if cells
                .iter()
                .all(|c| c.chars().all(|x| matches!(x, '-' | ':' | ' ')))
            {
                continue;
            }
            flush(&mut out, &mut paragraph);
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&cells.join("\t"));
            continue;
        }
        let rendered = render_inline(content.trim());
        if !rendered.trim().is_empty() {
            paragraph.push(rendered.trim().to_string());
        }
    }
    flush(&mut out, &mut paragraph);
    let mut start = body_start.unwrap_or(0).min(out.len());
    while let Some(rest) = out.get(start..) {
        let skip = rest.len() - rest.trim_start().len();
        if skip == 0 {
            break;
        }
        start += skip;
    }
    if !out.is_char_boundary(start) {
        start = 0;
    }
    let body = Span::new(start, out.len());
    meta.into_article(path, out, body)
}
