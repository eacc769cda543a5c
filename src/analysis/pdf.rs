//! PDF text layers to articles: a small reader of objects, page trees and content streams.
//!
//! It reads what simple news PDFs hold (a printed web page, an exported Word file): FlateDecode
//! streams, object streams, fonts with ToUnicode maps or single-byte encodings, and the text
//! operators (`Tj`, `TJ`, `'`, `"`, `Td`, `TD`, `Tm`, `T*`). Lines are rebuilt from the text
//! positions and joined into paragraphs where the vertical gap grows. It does not decrypt, run
//! fonts' glyph programs or read form XObjects; a PDF without extractable text is reported as such.
//! It was chosen over `lopdf`/`pdf-extract` for size: it adds a few tens of KB to the wasm build
//! (inflate is shared with ZIP), so no lazily loaded module is needed.

use super::decode::{DecodeError, MAX_BYTES};
use super::ingest::read_document_text;
use super::model::Article;
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// What the user calls this kind of file.
const KIND: &str = "PDF";

/// The most bytes all of a PDF's streams may inflate to.
const MAX_INFLATED: usize = 200 * 1024 * 1024;

/// How deep page trees and references are followed.
const MAX_DEPTH: usize = 32;

/// One indirect object: its dictionary (or whole value) as text and its raw stream, if any.
struct Object<'a> {
    /// The object's value before any stream, decoded as Latin-1 so that offsets stay simple.
    dict: String,
    /// The stream bytes between "stream" and "endstream".
    stream: Option<&'a [u8]>,
}

/// Reads a PDF's text layer into an article.
pub fn read_pdf(path: &str, bytes: &[u8]) -> Result<Article, DecodeError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(corrupt("it does not start with %PDF"));
    }
    let mut budget = MAX_INFLATED;
    let mut objects = parse_objects(bytes);
    if objects.is_empty() {
        return Err(corrupt(
            "no objects could be read; the file may be truncated",
        ));
    }
    expand_object_streams(&mut objects, &mut budget);
    if find_in(bytes, b"/Encrypt").is_some() {
        return Err(corrupt(
            "it is encrypted; print it to a new PDF without a password",
        ));
    }
    let pages = page_order(&objects);
    if pages.is_empty() {
        return Err(corrupt("it has no pages that could be found"));
    }
    let mut fonts_cache: HashMap<u32, Font> = HashMap::new();
    let mut page_lines = Vec::new();
    for page in &pages {
        let fonts = page_fonts(&objects, *page, &mut fonts_cache, &mut budget);
        let mut lines = Vec::new();
        for content in page_contents(&objects, *page) {
            if let Some(data) = objects
                .get(&content)
                .and_then(|o| stream_data(o, &mut budget))
            {
                run_content(&data, &fonts, &mut lines);
            }
        }
        page_lines.push(lines);
    }
    drop_running_lines(&mut page_lines);
    let text = page_lines
        .iter()
        .map(|lines| assemble(lines))
        .filter(|t| !t.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if text.trim().is_empty() {
        return Err(DecodeError::NoTextLayer);
    }
    let mut article = read_document_text(path, &text);
    if let Some(title) = info_title(&objects, bytes) {
        article.title = title;
    }
    Ok(article)
}

/// A damage report for a PDF.
fn corrupt(detail: &str) -> DecodeError {
    DecodeError::Corrupt {
        kind: KIND.to_string(),
        detail: detail.to_string(),
    }
}

/// The first position of `needle` in `hay`.
fn find_in(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Finds every "N G obj ... endobj" in the file by scanning, so a broken cross-reference table does not matter.
fn parse_objects(bytes: &[u8]) -> HashMap<u32, Object<'_>> {
    let mut objects = HashMap::new();
    let mut at = 0;
    while let Some(found) = bytes.get(at..).and_then(|r| find_in(r, b" obj")) {
        let obj_at = at + found;
        at = obj_at + 4;
        let Some(number) = object_number(bytes, obj_at) else {
            continue;
        };
        let rest = bytes.get(obj_at + 4..).unwrap_or(&[]);
        let closed = find_in(rest, b"endobj");
        let end = closed.unwrap_or(rest.len());
        let body = rest.get(..end).unwrap_or(rest);
        let (dict_bytes, stream) = match find_in(body, b"stream") {
            Some(s) if !body.get(..s).unwrap_or(&[]).ends_with(b"end") => {
                let mut start = s + 6;
                if body.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if body.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let data = body.get(start..).unwrap_or(&[]);
                let data_end = find_in(data, b"endstream").unwrap_or(data.len());
                (body.get(..s).unwrap_or(&[]), data.get(..data_end))
            }
            _ => (body, None),
        };
        // A stream may itself contain "endobj"; continue scanning after the stream's end.
        let consumed = match stream {
            Some(data) => data.len() + (data.as_ptr() as usize - rest.as_ptr() as usize),
            None => end,
        };
        at = obj_at + 4 + consumed.min(rest.len());
        objects.insert(
            number,
            Object {
                dict: latin1(dict_bytes),
                stream,
            },
        );
        // Without a closing "endobj" the rest of the file is this object; scanning on would be quadratic.
        if closed.is_none() {
            break;
        }
    }
    objects
}

/// The object number before " obj" at `obj_at` ("12 0 obj"), when the bytes before it are "N G".
fn object_number(bytes: &[u8], obj_at: usize) -> Option<u32> {
    let head = bytes.get(obj_at.saturating_sub(24)..obj_at)?;
    let text = latin1(head);
    let mut words = text.split_whitespace().rev();
    let generation = words.next()?;
    let number = words.next()?;
    let number = number.trim_start_matches(|c: char| !c.is_ascii_digit());
    if generation.bytes().all(|b| b.is_ascii_digit()) && !generation.is_empty() {
        number.parse().ok()
    } else {
        None
    }
}

/// Bytes as Latin-1 text: every byte one character, so nothing is lost or rejected.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

/// Adds the objects packed inside object streams (PDF 1.5 and later).
fn expand_object_streams(objects: &mut HashMap<u32, Object<'_>>, budget: &mut usize) {
    let mut packed = Vec::new();
    for object in objects.values() {
        if !object.dict.contains("/ObjStm") {
            continue;
        }
        let Some(data) = stream_data(object, budget) else {
            continue;
        };
        let count = dict_int(&object.dict, "/N").unwrap_or(0);
        let first = dict_int(&object.dict, "/First").unwrap_or(0) as usize;
        let header = latin1(data.get(..first.min(data.len())).unwrap_or(&[]));
        let numbers: Vec<usize> = header
            .split_whitespace()
            .filter_map(|w| w.parse().ok())
            .collect();
        let pairs: Vec<(usize, usize)> = numbers
            .chunks(2)
            .take(count as usize)
            .filter_map(|c| Some((*c.first()?, *c.get(1)?)))
            .collect();
        for (i, &(number, offset)) in pairs.iter().enumerate() {
            let start = first.saturating_add(offset);
            let end = pairs
                .get(i + 1)
                .map_or(data.len(), |&(_, o)| first.saturating_add(o));
            if let (Some(value), Ok(number)) =
                (data.get(start..end.max(start)), u32::try_from(number))
            {
                packed.push((number, latin1(value)));
            }
        }
    }
    for (number, dict) in packed {
        objects
            .entry(number)
            .or_insert(Object { dict, stream: None });
    }
}

/// The integer after a key in a dictionary ("/Length 42").
fn dict_int(dict: &str, key: &str) -> Option<i64> {
    let at = find_key(dict, key)?;
    dict.get(at + key.len()..)?
        .split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .find(|w| !w.is_empty())?
        .parse()
        .ok()
}

/// The position of a key in a dictionary, not a longer key that starts with it ("/Font" is not "/FontFile").
fn find_key(dict: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + dict.get(from..)?.find(key)?;
        let next = dict.get(at + key.len()..)?.chars().next();
        if next.is_none_or(|c| !c.is_ascii_alphanumeric()) {
            return Some(at);
        }
        from = at + key.len();
    }
}

/// The reference after a key ("/Contents 12 0 R" is 12).
fn dict_ref(dict: &str, key: &str) -> Option<u32> {
    let at = find_key(dict, key)?;
    let mut words = dict.get(at + key.len()..)?.split_whitespace();
    let number = words.next()?.parse().ok()?;
    let _generation: u32 = words.next()?.parse().ok()?;
    words.next()?.starts_with('R').then_some(number)
}

/// All references inside the value after a key, either one reference or an array of them.
fn dict_refs(dict: &str, key: &str) -> Vec<u32> {
    if let Some(single) = dict_ref(dict, key) {
        return vec![single];
    }
    let Some(at) = find_key(dict, key) else {
        return Vec::new();
    };
    let rest = dict.get(at + key.len()..).unwrap_or("").trim_start();
    let Some(inner) = rest.strip_prefix('[') else {
        return Vec::new();
    };
    let inner = inner
        .get(..inner.find(']').unwrap_or(inner.len()))
        .unwrap_or("");
    refs_in(inner)
}

/// The "N G R" references in a piece of text, in order.
fn refs_in(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w.get(2).is_some_and(|r| r.starts_with('R')))
        .filter_map(|w| {
            w.get(1)?.parse::<u32>().ok()?;
            w.first()?.parse().ok()
        })
        .collect()
}

/// A stream's decoded bytes (FlateDecode or none); `None` for other filters (images) or when the budget is spent.
fn stream_data(object: &Object<'_>, budget: &mut usize) -> Option<Vec<u8>> {
    let raw = object.stream?;
    let dict = &object.dict;
    let filter = find_key(dict, "/Filter").map(|at| dict.get(at..).unwrap_or(""));
    let filters: Vec<&str> = filter
        .map(|f| {
            let f = f.get(7..).unwrap_or("").trim_start();
            if let Some(inner) = f.strip_prefix('[') {
                inner
                    .get(..inner.find(']').unwrap_or(inner.len()))
                    .unwrap_or("")
                    .split('/')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            } else {
                f.strip_prefix('/')
                    .and_then(|n| n.split(|c: char| !c.is_ascii_alphanumeric()).next())
                    .into_iter()
                    .collect()
            }
        })
        .unwrap_or_default();
    match filters.as_slice() {
        [] => Some(raw.to_vec()),
        ["FlateDecode"] | ["Fl"] => {
            let limit = MAX_BYTES.min(*budget) as u64;
            let mut out = Vec::new();
            // A damaged stream still yields what inflated before the damage.
            let _ = flate2::read::ZlibDecoder::new(raw)
                .take(limit)
                .read_to_end(&mut out);
            *budget = budget.saturating_sub(out.len());
            Some(out)
        }
        _ => None,
    }
}

/// The page objects in reading order: the page tree from its root, else every page object by number.
fn page_order(objects: &HashMap<u32, Object<'_>>) -> Vec<u32> {
    let is_type = |o: &Object<'_>, t: &str| {
        find_key(&o.dict, "/Type").is_some_and(|at| {
            o.dict
                .get(at + 5..)
                .unwrap_or("")
                .trim_start()
                .strip_prefix(t)
                .is_some_and(|r| r.chars().next().is_none_or(|c| !c.is_ascii_alphanumeric()))
        })
    };
    let mut roots: Vec<u32> = objects
        .iter()
        .filter(|(_, o)| is_type(o, "/Pages") && find_key(&o.dict, "/Parent").is_none())
        .map(|(n, _)| *n)
        .collect();
    roots.sort_unstable();
    let mut pages = Vec::new();
    let mut seen = HashSet::new();
    fn walk(
        objects: &HashMap<u32, Object<'_>>,
        node: u32,
        depth: usize,
        seen: &mut HashSet<u32>,
        pages: &mut Vec<u32>,
    ) {
        if depth > MAX_DEPTH || !seen.insert(node) {
            return;
        }
        let Some(object) = objects.get(&node) else {
            return;
        };
        let kids = dict_refs(&object.dict, "/Kids");
        if kids.is_empty() {
            if find_key(&object.dict, "/Contents").is_some() {
                pages.push(node);
            }
            return;
        }
        for kid in kids {
            walk(objects, kid, depth + 1, seen, pages);
        }
    }
    for root in roots {
        walk(objects, root, 0, &mut seen, &mut pages);
    }
    if pages.is_empty() {
        pages = objects
            .iter()
            .filter(|(_, o)| is_type(o, "/Page"))
            .map(|(n, _)| *n)
            .collect();
        pages.sort_unstable();
    }
    pages
}

/// The content streams of a page.
fn page_contents(objects: &HashMap<u32, Object<'_>>, page: u32) -> Vec<u32> {
    let Some(object) = objects.get(&page) else {
        return Vec::new();
    };
    let refs = dict_refs(&object.dict, "/Contents");
    // "/Contents 7 0 R" may point at an array object listing the streams.
    match refs.as_slice() {
        [single] => match objects.get(single) {
            Some(o) if o.stream.is_none() => refs_in(&o.dict),
            _ => refs,
        },
        _ => refs,
    }
}

/// How a font's string bytes become text.
#[derive(Clone, Default)]
struct Font {
    /// Bytes per character code: 2 for composite (Type0) fonts.
    width: usize,
    /// The ToUnicode map, when the font has one.
    map: HashMap<u32, String>,
}

/// The fonts a page's resources name ("/F1"), following inherited resources up the page tree.
fn page_fonts(
    objects: &HashMap<u32, Object<'_>>,
    page: u32,
    cache: &mut HashMap<u32, Font>,
    budget: &mut usize,
) -> HashMap<String, Font> {
    let mut node = Some(page);
    let mut depth = 0;
    let mut font_dict = None;
    while let (Some(n), true) = (node, depth < MAX_DEPTH) {
        depth += 1;
        let Some(object) = objects.get(&n) else {
            break;
        };
        let resources = match dict_ref(&object.dict, "/Resources") {
            Some(r) => objects.get(&r).map(|o| o.dict.clone()),
            None => find_key(&object.dict, "/Resources")
                .map(|at| object.dict.get(at..).unwrap_or("").to_string()),
        };
        if let Some(resources) = resources {
            font_dict = match dict_ref(&resources, "/Font") {
                Some(r) => objects.get(&r).map(|o| o.dict.clone()),
                None => find_key(&resources, "/Font").map(|at| {
                    let rest = resources.get(at + 5..).unwrap_or("");
                    let end = rest.find(">>").unwrap_or(rest.len());
                    rest.get(..end).unwrap_or("").to_string()
                }),
            };
            if font_dict.is_some() {
                break;
            }
        }
        node = dict_ref(&object.dict, "/Parent");
    }
    let mut fonts = HashMap::new();
    let Some(font_dict) = font_dict else {
        return fonts;
    };
    // "/F1 5 0 R /F2 6 0 R": a name, then its reference.
    let words: Vec<&str> = font_dict.split_whitespace().collect();
    for w in words.windows(4) {
        let [name, number, _, r] = w else { continue };
        let Some(name) = name.rsplit('/').next().filter(|n| !n.is_empty()) else {
            continue;
        };
        if !r.starts_with('R') {
            continue;
        }
        let Ok(number) = number.parse::<u32>() else {
            continue;
        };
        let font = cache
            .entry(number)
            .or_insert_with(|| load_font(objects, number, budget))
            .clone();
        fonts.insert(name.to_string(), font);
    }
    fonts
}

/// Reads one font's code width and ToUnicode map.
fn load_font(objects: &HashMap<u32, Object<'_>>, number: u32, budget: &mut usize) -> Font {
    let Some(object) = objects.get(&number) else {
        return Font {
            width: 1,
            ..Font::default()
        };
    };
    let composite = object.dict.contains("/Type0") || object.dict.contains("Identity-H");
    let mut font = Font {
        width: if composite { 2 } else { 1 },
        map: HashMap::new(),
    };
    if let Some(data) = dict_ref(&object.dict, "/ToUnicode")
        .and_then(|r| objects.get(&r))
        .and_then(|o| stream_data(o, budget))
    {
        parse_cmap(&latin1(&data), &mut font.map);
    }
    font
}

/// Reads "bfchar" and "bfrange" sections of a ToUnicode CMap.
fn parse_cmap(cmap: &str, map: &mut HashMap<u32, String>) {
    let hexes = |s: &str| -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('<') {
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('>') else { break };
            out.push(after.get(..close).unwrap_or("").to_string());
            rest = after.get(close + 1..).unwrap_or("");
        }
        out
    };
    let code = |h: &str| u32::from_str_radix(h.trim(), 16).ok();
    for section in cmap.split("beginbfchar").skip(1) {
        let body = section.split("endbfchar").next().unwrap_or("");
        for pair in hexes(body).chunks(2) {
            if let [from, to] = pair {
                if let Some(c) = code(from) {
                    map.insert(c, utf16_hex(to));
                }
            }
        }
    }
    for section in cmap.split("beginbfrange").skip(1) {
        let body = section.split("endbfrange").next().unwrap_or("");
        for line in body.lines() {
            let values = hexes(line);
            let (Some(lo), Some(hi), Some(dst)) = (
                values.first().and_then(|h| code(h)),
                values.get(1).and_then(|h| code(h)),
                values.get(2),
            ) else {
                continue;
            };
            if line.contains('[') {
                // "<lo> <hi> [<a> <b> ...]": one destination per code.
                for (i, d) in values.iter().skip(2).enumerate() {
                    map.insert(lo.saturating_add(i as u32), utf16_hex(d));
                }
                continue;
            }
            let Some(base) = code(dst) else { continue };
            // Ranges are bounded so that a hostile map cannot allocate millions of entries.
            for (i, c) in (lo..=hi.min(lo.saturating_add(0xFFFF))).enumerate() {
                let target = base.saturating_add(i as u32);
                if let Some(ch) = char::from_u32(target) {
                    map.insert(c, ch.to_string());
                }
            }
        }
    }
}

/// UTF-16BE text written as hex ("00660069" is "fi").
fn utf16_hex(hex: &str) -> String {
    let digits: Vec<u8> = hex.bytes().filter(u8::is_ascii_hexdigit).collect();
    let units: Vec<u16> = digits
        .chunks(4)
        .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
        .collect();
    String::from_utf16_lossy(&units)
}

/// One line of text and the vertical position it was drawn at.
struct Line {
    /// The text on the line.
    text: String,
    /// Its baseline's height on the page (larger is higher).
    y: f64,
}

/// A token of a content stream.
enum Token {
    /// A number operand.
    Number(f64),
    /// A string operand, raw bytes.
    Str(Vec<u8>),
    /// A name operand ("/F1" without the slash).
    Name(String),
    /// An array of strings and numbers (for TJ).
    Array(Vec<Token>),
    /// An operator.
    Op(String),
}

/// Runs a content stream's text operators, appending lines.
fn run_content(data: &[u8], fonts: &HashMap<String, Font>, lines: &mut Vec<Line>) {
    let mut stack: Vec<Token> = Vec::new();
    let mut font = Font {
        width: 1,
        ..Font::default()
    };
    let mut y = 0.0;
    let mut line_y = f64::NAN;
    let mut leading = 0.0;
    let mut current = String::new();
    let mut pos = 0;
    let number = |stack: &[Token], back: usize| -> f64 {
        match stack.len().checked_sub(back).and_then(|i| stack.get(i)) {
            Some(Token::Number(n)) => *n,
            _ => 0.0,
        }
    };
    let push_line = |current: &mut String, line_y: f64, lines: &mut Vec<Line>| {
        if !current.trim().is_empty() {
            lines.push(Line {
                text: current.trim().to_string(),
                y: line_y,
            });
        }
        current.clear();
    };
    while let Some(token) = next_token(data, &mut pos) {
        let Token::Op(op) = token else {
            stack.push(token);
            if stack.len() > 64 {
                stack.remove(0);
            }
            continue;
        };
        match op.as_str() {
            "BT" => {
                y = 0.0;
            }
            "Tf" => {
                if let Some(Token::Name(name)) =
                    stack.len().checked_sub(2).and_then(|i| stack.get(i))
                {
                    font = fonts.get(name).cloned().unwrap_or(Font {
                        width: 1,
                        ..Font::default()
                    });
                }
            }
            "TL" => leading = number(&stack, 1),
            "Td" | "TD" => {
                let ty = number(&stack, 1);
                if op == "TD" {
                    leading = -ty;
                }
                y += ty;
                if ty.abs() > 0.01 {
                    push_line(&mut current, line_y, lines);
                } else if number(&stack, 2) > 0.0 && !current.ends_with(' ') && !current.is_empty()
                {
                    current.push(' ');
                }
            }
            "Tm" => {
                let new_y = number(&stack, 1);
                if (new_y - y).abs() > 0.01 {
                    push_line(&mut current, line_y, lines);
                } else if !current.ends_with(' ') && !current.is_empty() {
                    current.push(' ');
                }
                y = new_y;
            }
            "T*" => {
                y -= leading;
                push_line(&mut current, line_y, lines);
            }
            "Tj" | "'" | "\"" => {
                if op != "Tj" {
                    y -= leading;
                    push_line(&mut current, line_y, lines);
                }
                if let Some(Token::Str(s)) = stack.last() {
                    if current.is_empty() {
                        line_y = y;
                    }
                    current.push_str(&show(s, &font));
                }
            }
            "TJ" => {
                if let Some(Token::Array(items)) = stack.last() {
                    if current.is_empty() {
                        line_y = y;
                    }
                    for item in items {
                        match item {
                            Token::Str(s) => current.push_str(&show(s, &font)),
                            // A large negative adjustment (thousandths of an em) is a word space.
                            Token::Number(n) if *n < -180.0 && !current.ends_with(' ') => {
                                current.push(' ')
                            }
                            _ => {}
                        }
                    }
                }
            }
            "ET" => push_line(&mut current, line_y, lines),
            "BI" => skip_inline_image(data, &mut pos),
            _ => {}
        }
        stack.clear();
    }
    push_line(&mut current, line_y, lines);
}

/// Skips an inline image's binary data, from "ID" to "EI".
fn skip_inline_image(data: &[u8], pos: &mut usize) {
    let rest = data.get(*pos..).unwrap_or(&[]);
    let Some(id) = find_in(rest, b"ID") else {
        *pos = data.len();
        return;
    };
    let after = rest.get(id..).unwrap_or(&[]);
    let ei = after.windows(4).position(|w| {
        w.first().is_some_and(u8::is_ascii_whitespace)
            && w.get(1..3) == Some(b"EI")
            && w.get(3).is_some_and(u8::is_ascii_whitespace)
    });
    *pos = match ei {
        Some(e) => *pos + id + e + 3,
        None => data.len(),
    };
}

/// Turns a shown string's bytes into text through the font's map, else as Windows-1252.
fn show(bytes: &[u8], font: &Font) -> String {
    if font.map.is_empty() {
        if font.width == 2 {
            // A composite font without a map: the codes are glyph numbers, not letters.
            return String::new();
        }
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        return text.into_owned();
    }
    let width = font.width.max(1);
    let mut out = String::new();
    for chunk in bytes.chunks(width) {
        let code = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b));
        match font.map.get(&code) {
            Some(s) => out.push_str(s),
            None if width == 1 => out.push(char::from(chunk.first().copied().unwrap_or(b' '))),
            None => {}
        }
    }
    out
}

/// How deep arrays may nest in a content stream; deeper brackets are skipped, so a run of "[" cannot overflow the stack.
const MAX_ARRAY_DEPTH: usize = 16;

/// The next token from `pos`, skipping white space and comments.
fn next_token(data: &[u8], pos: &mut usize) -> Option<Token> {
    token_at_depth(data, pos, 0)
}

/// The next token, inside `depth` nested arrays.
fn token_at_depth(data: &[u8], pos: &mut usize, depth: usize) -> Option<Token> {
    loop {
        let &b = data.get(*pos)?;
        match b {
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => *pos += 1,
            b'%' => {
                while data.get(*pos).is_some_and(|&c| c != b'\n' && c != b'\r') {
                    *pos += 1;
                }
            }
            _ => break,
        }
    }
    let &b = data.get(*pos)?;
    match b {
        b'(' => Some(Token::Str(literal_string(data, pos))),
        b'<' if data.get(*pos + 1) == Some(&b'<') => {
            *pos += 2;
            Some(Token::Op("<<".to_string()))
        }
        b'>' if data.get(*pos + 1) == Some(&b'>') => {
            *pos += 2;
            Some(Token::Op(">>".to_string()))
        }
        b'<' => {
            *pos += 1;
            let start = *pos;
            while data.get(*pos).is_some_and(|&c| c != b'>') {
                *pos += 1;
            }
            let hex: Vec<u8> = data
                .get(start..*pos)
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(u8::is_ascii_hexdigit)
                .collect();
            *pos += 1;
            let bytes = hex
                .chunks(2)
                .map(|c| {
                    let h = (*c.first().unwrap_or(&b'0') as char)
                        .to_digit(16)
                        .unwrap_or(0);
                    let l = (*c.get(1).unwrap_or(&b'0') as char)
                        .to_digit(16)
                        .unwrap_or(0);
                    u8::try_from(h * 16 + l).unwrap_or(0)
                })
                .collect();
            Some(Token::Str(bytes))
        }
        b'[' if depth >= MAX_ARRAY_DEPTH => {
            *pos += 1;
            Some(Token::Op("[".to_string()))
        }
        b'[' => {
            *pos += 1;
            let mut items = Vec::new();
            loop {
                while data.get(*pos).is_some_and(u8::is_ascii_whitespace) {
                    *pos += 1;
                }
                match data.get(*pos) {
                    None => break,
                    Some(b']') => {
                        *pos += 1;
                        break;
                    }
                    Some(_) => match token_at_depth(data, pos, depth + 1) {
                        Some(Token::Op(_)) | None => break,
                        Some(t) => {
                            if items.len() < 100_000 {
                                items.push(t);
                            }
                        }
                    },
                }
            }
            Some(Token::Array(items))
        }
        b'/' => {
            *pos += 1;
            let start = *pos;
            while data.get(*pos).is_some_and(|&c| is_regular(c)) {
                *pos += 1;
            }
            Some(Token::Name(latin1(data.get(start..*pos).unwrap_or(&[]))))
        }
        _ => {
            let start = *pos;
            while data.get(*pos).is_some_and(|&c| is_regular(c)) {
                *pos += 1;
            }
            if *pos == start {
                // A stray delimiter (")", "]", "{"): skip it as an operator nobody handles.
                *pos += 1;
            }
            let word = latin1(data.get(start..*pos).unwrap_or(&[]));
            Some(match word.parse::<f64>() {
                Ok(n) if n.is_finite() => Token::Number(n),
                _ => Token::Op(word),
            })
        }
    }
}

/// Whether a byte belongs to a name, number or operator (not white space or a delimiter).
fn is_regular(c: u8) -> bool {
    !c.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&c) && c != 0
}

/// Reads a "(...)" string with its escapes and balanced parentheses.
fn literal_string(data: &[u8], pos: &mut usize) -> Vec<u8> {
    *pos += 1;
    let mut out = Vec::new();
    let mut depth = 0usize;
    while let Some(&c) = data.get(*pos) {
        *pos += 1;
        match c {
            b'\\' => {
                let Some(&e) = data.get(*pos) else { break };
                *pos += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        for _ in 0..2 {
                            match data.get(*pos) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    *pos += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(u8::try_from(value & 0xFF).unwrap_or(0));
                    }
                    b'\r' => {
                        if data.get(*pos) == Some(&b'\n') {
                            *pos += 1;
                        }
                    }
                    b'\n' => {}
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(c);
            }
            b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Removes running heads and page numbers: a page's first or last line when it is a bare number
/// ("3", "Page 3 of 9", "iv") or when the same line starts or ends at least three pages and half of them.
fn drop_running_lines(pages: &mut [Vec<Line>]) {
    let edge = |lines: &Vec<Line>| -> Vec<String> {
        let mut out: Vec<String> = lines.first().map(|l| l.text.clone()).into_iter().collect();
        if lines.len() > 1 {
            out.extend(lines.last().map(|l| l.text.clone()));
        }
        out
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        for text in edge(page) {
            *counts.entry(text).or_default() += 1;
        }
    }
    let total = pages.len();
    let running = |text: &str| {
        let count = counts.get(text).copied().unwrap_or(0);
        let lower = text.trim().to_ascii_lowercase();
        let lower = lower.strip_prefix("page ").unwrap_or(&lower);
        let core = lower.split(" of ").next().unwrap_or(lower).trim();
        let number = !core.is_empty()
            && core.len() <= 6
            && (core.bytes().all(|b| b.is_ascii_digit())
                || core.chars().all(|c| matches!(c, 'i' | 'v' | 'x' | 'l')));
        number || (count >= 3 && count * 2 >= total)
    };
    for page in pages.iter_mut() {
        if page.len() > 1 && page.last().is_some_and(|l| running(&l.text)) {
            page.pop();
        }
        if page.len() > 1 && page.first().is_some_and(|l| running(&l.text)) {
            page.remove(0);
        }
    }
}

/// Joins lines into paragraphs: a blank line where the gap to the next line is clearly larger than usual.
fn assemble(lines: &[Line]) -> String {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .filter_map(|w| Some(w.first()?.y - w.get(1)?.y))
        .filter(|g| g.is_finite() && *g > 0.5)
        .collect();
    gaps.sort_by(f64::total_cmp);
    // The lower quartile is the line spacing: paragraph gaps are fewer than line gaps in running text,
    // but not always in a short page, where the median could be a paragraph gap.
    let usual = gaps.get(gaps.len() / 4).copied().unwrap_or(0.0);
    let mut out = String::new();
    let mut previous: Option<&Line> = None;
    for line in lines {
        if let Some(prev) = previous {
            let gap = prev.y - line.y;
            let new_paragraph =
                !gap.is_finite() || gap < -0.5 || (usual > 0.0 && gap > usual * 1.4);
            if new_paragraph {
                out.push_str("\n\n");
            } else if out.ends_with('-') && line.text.chars().next().is_some_and(char::is_lowercase)
            {
                // A word hyphenated at the line's end is joined again.
                out.pop();
            } else {
                out.push(' ');
            }
        }
        out.push_str(&line.text);
        previous = Some(line);
    }
    out
}

/// The document title from the Info dictionary, unless it is a program's default ("Microsoft Word - x.docx").
fn info_title(objects: &HashMap<u32, Object<'_>>, bytes: &[u8]) -> Option<String> {
    // The last "/Info N 0 R" is the newest trailer's (or cross-reference stream's) after incremental saves.
    let at = bytes.windows(5).rposition(|w| w == b"/Info")?;
    let tail = latin1(bytes.get(at..bytes.len().min(at + 64))?);
    let info = dict_ref(&tail, "/Info")?;
    let dict = &objects.get(&info)?.dict;
    let at = find_key(dict, "/Title")?;
    let mut pos = 0;
    let value = dict.get(at + 6..)?;
    let value_bytes: Vec<u8> = value
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    let Some(Token::Str(raw)) = next_token(&value_bytes, &mut pos) else {
        return None;
    };
    let title = if raw.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = raw
            .get(2..)
            .unwrap_or(&[])
            .chunks(2)
            .map(|c| u16::from_be_bytes([*c.first().unwrap_or(&0), *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&raw)
            .0
            .into_owned()
    };
    let title = title.trim().to_string();
    let default = title.starts_with("Microsoft Word - ")
        || title.ends_with(".docx")
        || title.ends_with(".pdf")
        || title.eq_ignore_ascii_case("untitled");
    (!title.is_empty() && !default).then_some(title)
}
