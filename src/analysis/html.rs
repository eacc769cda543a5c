//! Article text and metadata out of a saved web page.
//!
//! A small hand-written tokenizer builds a forgiving tree (implied end tags for the common cases,
//! unknown end tags ignored, nesting capped), then metadata comes from meta tags, JSON-LD and markup,
//! and the body from the best-scoring container, in the manner of Mozilla's Readability.
//! *Invariant*: any input gives an article; deep nesting, unclosed tags and huge attributes are bounded.

use super::ingest::{file_stem, parse_date, strip_by, url_host, Meta};
use super::model::{Article, Span};
use std::collections::HashMap;

/// Elements nested deeper than this become siblings instead, so that recursion and stacks stay bounded.
const MAX_DEPTH: usize = 200;

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "noscript", "iframe", "noembed", "noframes", "xmp",
    "template",
];

/// Elements that are never article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button", "svg",
    "iframe", "select", "input", "textarea", "object", "embed", "canvas", "head", "title", "menu",
    "dialog", "math", "video", "audio", "picture", "map", "link", "meta",
];

/// Elements that start a new line or paragraph in the extracted text.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "caption",
    "legend",
    "form",
];

/// Elements before which an open `<p>` closes, as the HTML parser does.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Class or id words that mark boilerplate however they are combined.
const NEGATIVE_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adsbygoogle",
    "adslot",
    "adunit",
    "dfp",
    "sponsor",
    "sponsored",
    "nav",
    "navbar",
    "menu",
    "sidebar",
    "footer",
    "masthead",
    "breadcrumb",
    "breadcrumbs",
    "pagination",
    "pager",
    "popup",
    "modal",
    "banner",
    "widget",
    "outbrain",
    "taboola",
    "disqus",
    "rss",
    "skip",
    "hidden",
    "print",
    "toolbar",
    "tags",
    "subscribe",
    "signup",
    "paywall",
    "gdpr",
    "consent",
];

/// Class or id fragments that mark boilerplate inside longer words ("sharebar", "relatedPosts").
const NEGATIVE_PARTS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "promo",
    "comment",
    "cookie",
    "recommend",
    "trending",
    "popular",
    "advert",
    "shoutbox",
    "sponsor",
    "login",
    "signin",
    "byline-social",
];

/// Class or id fragments that mark boilerplate whatever else the class says.
const STRONG_PARTS: &[&str] = &[
    "advert",
    "share",
    "social",
    "newsletter",
    "cookie",
    "comment",
    "related",
    "promo",
    "sponsor",
];

/// Class or id fragments that mark article content.
const POSITIVE_PARTS: &[&str] = &[
    "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story",
    "hentry",
];

/// A node of the parsed page.
#[derive(Clone, Debug)]
enum Data {
    /// The document root.
    Document,
    /// An element with its lower-case name and attributes (names lower-cased, values entity-decoded).
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    /// Character data, entity-decoded.
    Text(String),
}

/// One node and its place in the tree.
#[derive(Clone, Debug)]
struct Node {
    parent: usize,
    children: Vec<usize>,
    data: Data,
}

/// A parsed page: nodes in document order, so a parent's index is always below its children's.
#[derive(Debug)]
struct Dom {
    nodes: Vec<Node>,
}

impl Dom {
    fn name(&self, id: usize) -> &str {
        match self.nodes.get(id).map(|n| &n.data) {
            Some(Data::Element { name, .. }) => name,
            _ => "",
        }
    }

    fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match self.nodes.get(id).map(|n| &n.data) {
            Some(Data::Element { attrs, .. }) => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    fn children(&self, id: usize) -> &[usize] {
        self.nodes
            .get(id)
            .map(|n| n.children.as_slice())
            .unwrap_or(&[])
    }

    fn parent(&self, id: usize) -> Option<usize> {
        self.nodes.get(id).map(|n| n.parent).filter(|&p| p != id)
    }

    /// The text of a subtree with white space collapsed.
    fn text(&self, id: usize) -> String {
        let mut out = String::new();
        let mut stack = vec![id];
        while let Some(n) = stack.pop() {
            match self.nodes.get(n).map(|n| &n.data) {
                Some(Data::Text(t)) => {
                    out.push_str(t);
                    out.push(' ');
                }
                Some(Data::Element { name, .. }) if name == "script" || name == "style" => {}
                _ => stack.extend(self.children(n).iter().rev()),
            }
        }
        collapse(&out)
    }

    /// Appends a child and returns its index.
    fn push(&mut self, parent: usize, data: Data) -> usize {
        let id = self.nodes.len();
        self.nodes.push(Node {
            parent,
            children: Vec::new(),
            data,
        });
        if let Some(p) = self.nodes.get_mut(parent) {
            p.children.push(id);
        }
        id
    }

    /// Appends text, merging with a text node just before it.
    fn push_text(&mut self, parent: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        let last = self
            .nodes
            .get(parent)
            .and_then(|p| p.children.last().copied());
        if let Some(Node {
            data: Data::Text(t),
            ..
        }) = last.and_then(|l| self.nodes.get_mut(l))
        {
            t.push_str(text);
            return;
        }
        self.push(parent, Data::Text(text.to_string()));
    }
}

/// Collapses runs of white space (no-break spaces included) to one space and trims the ends.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// White space as pages use it, including no-break and zero-width spaces.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Whether `haystack` at `at` starts with `needle`, ignoring ASCII case.
fn starts_with_ci(haystack: &[u8], at: usize, needle: &[u8]) -> bool {
    haystack
        .get(at..at.saturating_add(needle.len()))
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
}

/// Finds `needle` (lower-case ASCII) in `haystack` from `from`, ignoring ASCII case.
fn find_ci(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i < haystack.len() {
        let pos = haystack
            .get(i..)?
            .iter()
            .position(|b| b.to_ascii_lowercase() == first)?;
        let at = i + pos;
        if starts_with_ci(haystack, at, needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Finds a plain byte string in `haystack` from `from`.
fn find_bytes(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let rest = haystack.get(from..)?;
    rest.windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Parses a page into a tree. Never fails; malformed markup is read as browsers roughly would.
fn parse(html: &str) -> Dom {
    let bytes = html.as_bytes();
    let mut dom = Dom {
        nodes: vec![Node {
            parent: 0,
            children: Vec::new(),
            data: Data::Document,
        }],
    };
    let mut stack: Vec<usize> = vec![0];
    let mut i = 0;
    let mut text_start = 0;
    let len = bytes.len();
    while i < len {
        let Some(pos) = bytes
            .get(i..)
            .and_then(|r| r.iter().position(|&b| b == b'<'))
        else {
            break;
        };
        let lt = i + pos;
        let next = bytes.get(lt + 1).copied().unwrap_or(0);
        let is_tag = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_tag {
            i = lt + 1;
            continue;
        }
        // Flush the text before the tag.
        let current = stack.last().copied().unwrap_or(0);
        if let Some(t) = html.get(text_start..lt) {
            dom.push_text(current, &decode_entities(t));
        }
        if starts_with_ci(bytes, lt, b"<!--") {
            let end = find_bytes(bytes, lt + 4, b"-->")
                .map(|e| e + 3)
                .unwrap_or(len);
            i = end;
            text_start = end;
            continue;
        }
        if next == b'!' || next == b'?' {
            let end = find_bytes(bytes, lt, b">").map(|e| e + 1).unwrap_or(len);
            i = end;
            text_start = end;
            continue;
        }
        if next == b'/' {
            let name_start = lt + 2;
            let name_len = bytes
                .get(name_start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|b| !b.is_ascii_whitespace() && **b != b'>' && **b != b'/')
                .count();
            let name = html
                .get(name_start..name_start + name_len)
                .unwrap_or("")
                .to_ascii_lowercase();
            let end = find_bytes(bytes, name_start, b">")
                .map(|e| e + 1)
                .unwrap_or(len);
            close_element(&dom, &mut stack, &name);
            i = end;
            text_start = end;
            continue;
        }
        // A start tag.
        let (name, attrs, self_closing, end) = parse_tag(html, lt + 1);
        i = end;
        text_start = end;
        open_implied_closes(&dom, &mut stack, &name);
        let parent = stack.last().copied().unwrap_or(0);
        let id = dom.push(
            parent,
            Data::Element {
                name: name.clone(),
                attrs,
            },
        );
        if RAW_TEXT.contains(&name.as_str()) {
            let mut needle = b"</".to_vec();
            needle.extend_from_slice(name.as_bytes());
            let close = find_ci(bytes, end, &needle).unwrap_or(len);
            if let Some(raw) = html.get(end..close) {
                let content = if name == "title" || name == "textarea" {
                    decode_entities(raw)
                } else {
                    raw.to_string()
                };
                dom.push_text(id, &content);
            }
            let after = find_bytes(bytes, close, b">").map(|e| e + 1).unwrap_or(len);
            i = after;
            text_start = after;
            continue;
        }
        if !self_closing && !VOID.contains(&name.as_str()) && stack.len() < MAX_DEPTH {
            stack.push(id);
        }
    }
    let current = stack.last().copied().unwrap_or(0);
    if let Some(t) = html.get(text_start..) {
        dom.push_text(current, &decode_entities(t));
    }
    dom
}

/// Pops the stack to the nearest open element named `name`, if any is open.
fn close_element(dom: &Dom, stack: &mut Vec<usize>, name: &str) {
    if matches!(name, "body" | "html" | "") {
        return;
    }
    if let Some(pos) = stack.iter().rposition(|&id| dom.name(id) == name) {
        if pos > 0 {
            stack.truncate(pos);
        }
    }
}

/// Closes the elements that a new start tag implicitly ends (`<p>` before a block, `<li>` before `<li>`).
fn open_implied_closes(dom: &Dom, stack: &mut Vec<usize>, name: &str) {
    let close_nearest = |stack: &mut Vec<usize>, targets: &[&str], boundaries: &[&str]| {
        for pos in (1..stack.len()).rev() {
            let open = stack.get(pos).map(|&id| dom.name(id)).unwrap_or("");
            if targets.contains(&open) {
                stack.truncate(pos);
                return;
            }
            if boundaries.contains(&open) {
                return;
            }
        }
    };
    if CLOSES_P.contains(&name) {
        close_nearest(
            stack,
            &["p"],
            &[
                "div",
                "td",
                "th",
                "li",
                "table",
                "article",
                "section",
                "blockquote",
                "button",
                "main",
                "body",
            ],
        );
    }
    match name {
        "li" => close_nearest(stack, &["li"], &["ul", "ol", "menu", "table", "body"]),
        "dt" | "dd" => close_nearest(stack, &["dt", "dd"], &["dl", "table", "body"]),
        "tr" => close_nearest(
            stack,
            &["tr"],
            &["table", "tbody", "thead", "tfoot", "body"],
        ),
        "td" | "th" => close_nearest(stack, &["td", "th"], &["tr", "table", "body"]),
        "option" => close_nearest(stack, &["option"], &["select", "body"]),
        _ => {}
    }
}

/// Parses a start tag whose name begins at `start`; returns name, attributes, self-closing flag and the index after `>`.
fn parse_tag(html: &str, start: usize) -> (String, Vec<(String, String)>, bool, usize) {
    let bytes = html.as_bytes();
    let len = bytes.len();
    let mut i = start;
    while i < len
        && !bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
    {
        i += 1;
    }
    let name = html.get(start..i).unwrap_or("").to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        match bytes.get(i) {
            None => return (name, attrs, self_closing, len),
            Some(b'>') => return (name, attrs, self_closing, i + 1),
            Some(b'/') => {
                self_closing = bytes.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        let key_start = i;
        while bytes
            .get(i)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>' && *b != b'=' && *b != b'/')
        {
            i += 1;
        }
        if i == key_start {
            // A stray "=" or similar: skip it so the loop always advances.
            i += 1;
            continue;
        }
        let key = html.get(key_start..i).unwrap_or("").to_ascii_lowercase();
        while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let value_start = i + 1;
                    let value_end = bytes
                        .get(value_start..)
                        .and_then(|r| r.iter().position(|&b| b == q))
                        .map(|p| p + value_start)
                        .unwrap_or(len);
                    value = decode_entities(html.get(value_start..value_end).unwrap_or(""));
                    i = value_end.saturating_add(1).min(len);
                }
                _ => {
                    let value_start = i;
                    while bytes
                        .get(i)
                        .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>')
                    {
                        i += 1;
                    }
                    value = decode_entities(html.get(value_start..i).unwrap_or(""));
                }
            }
        }
        if !attrs.iter().any(|(k, _)| *k == key) {
            attrs.push((key, value));
        }
    }
}

/// Named character references common in news pages; the Latin-1 block is filled in by code point.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{A0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("euro", '€'),
    ("trade", '™'),
    ("minus", '−'),
    ("larr", '←'),
    ("rarr", '→'),
    ("uarr", '↑'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("hairsp", '\u{200A}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("shy", '\u{AD}'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("alpha", 'α'),
    ("beta", 'β'),
    ("gamma", 'γ'),
    ("delta", 'δ'),
    ("mu", 'μ'),
    ("pi", 'π'),
    ("infin", '∞'),
    ("le", '≤'),
    ("ge", '≥'),
    ("ne", '≠'),
    ("asymp", '≈'),
    ("hearts", '♥'),
    ("star", '☆'),
    ("check", '✓'),
    ("Tab", '\t'),
    ("NewLine", '\n'),
];

/// Entity names for U+00A0..=U+00FF, in code-point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
    "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
    "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
    "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
    "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
    "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
    "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
    "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
    "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
    "uuml", "yacute", "thorn", "yuml",
];

/// The character a named reference stands for.
fn named_entity(name: &str) -> Option<char> {
    if let Some(&(_, c)) = NAMED.iter().find(|(n, _)| *n == name) {
        return Some(c);
    }
    let index = LATIN1.iter().position(|n| *n == name)?;
    char::from_u32(0xA0 + u32::try_from(index).ok()?)
}

/// The character a numeric reference stands for, as browsers map it (C1 codes as Windows-1252).
fn numeric_entity(code: u32) -> char {
    if (0x80..=0x9F).contains(&code) {
        let byte = [u8::try_from(code).unwrap_or(b'?')];
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        return text.chars().next().unwrap_or('\u{FFFD}');
    }
    match code {
        0 => '\u{FFFD}',
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    }
}

/// Decodes character references: `&amp;`, `&#8217;`, `&#x2019;` and the named ones common in news.
///
/// Unknown names are left as written, so text that merely contains "&" survives.
///
/// # Examples
/// ```
/// use corroborate::analysis::html::decode_entities;
/// assert_eq!(decode_entities("Q&amp;A: it&#8217;s 5&nbsp;km &bogus;"), "Q&A: it’s 5\u{a0}km &bogus;");
/// ```
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let name_len = after
            .char_indices()
            .take(33)
            .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(i, _)| i)
            .unwrap_or(after.len().min(33));
        let name = after.get(..name_len).unwrap_or("");
        let has_semicolon = after.get(name_len..).is_some_and(|r| r.starts_with(';'));
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            code.map(numeric_entity)
        } else if has_semicolon
            || matches!(name, "amp" | "lt" | "gt" | "quot" | "nbsp" | "copy" | "reg")
        {
            named_entity(name)
        } else {
            None
        };
        match decoded {
            Some(c) => {
                out.push(c);
                let consumed = name_len + usize::from(has_semicolon);
                rest = after.get(consumed..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The class and id of an element, lower-cased and split into words.
fn class_words(dom: &Dom, id: usize) -> Vec<String> {
    let mut words = Vec::new();
    for key in ["class", "id"] {
        if let Some(value) = dom.attr(id, key) {
            words.extend(
                value
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_ascii_lowercase),
            );
        }
    }
    words
}

/// Readability's class weight: +25 for content-like class or id words, -25 for boilerplate-like ones.
fn class_weight(words: &[String]) -> i32 {
    let mut weight = 0;
    if words
        .iter()
        .any(|w| POSITIVE_PARTS.iter().any(|p| w.contains(p)))
    {
        weight += 25;
    }
    if words.iter().any(|w| {
        NEGATIVE_WORDS.contains(&w.as_str()) || NEGATIVE_PARTS.iter().any(|p| w.contains(p))
    }) {
        weight -= 25;
    }
    weight
}

/// Whether an element is boilerplate by its tag, its hidden state or its class and id.
fn is_dropped(dom: &Dom, id: usize, strict: bool, holds_most_text: bool) -> bool {
    let name = dom.name(id);
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if matches!(name, "html" | "body" | "article" | "main" | "") {
        return false;
    }
    if dom.attr(id, "hidden").is_some() || dom.attr(id, "aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = dom.attr(id, "style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if dom
        .attr(id, "itemprop")
        .is_some_and(|v| v.contains("articleBody"))
    {
        return false;
    }
    // A wrapper holding most of the page's text is not a sidebar or an ad, whatever its class says.
    if holds_most_text {
        return false;
    }
    let words = class_words(dom, id);
    let positive = words
        .iter()
        .any(|w| POSITIVE_PARTS.iter().any(|p| w.contains(p)));
    // Ads, share bars, comments and the like are boilerplate even inside content-like wrappers.
    let strong = words.iter().any(|w| {
        matches!(w.as_str(), "ad" | "ads" | "adsbygoogle" | "dfp")
            || STRONG_PARTS.iter().any(|p| w.contains(p))
    });
    if !strict {
        return strong && !positive;
    }
    if matches!(
        dom.attr(id, "role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo" | "dialog")
    ) {
        return true;
    }
    let negative = words.iter().any(|w| {
        NEGATIVE_WORDS.contains(&w.as_str()) || NEGATIVE_PARTS.iter().any(|p| w.contains(p))
    });
    strong || (negative && !positive)
}

/// Per-node figures for scoring: text length, link text length, commas and whether the node is dropped.
struct Stats {
    dropped: Vec<bool>,
    text_len: Vec<usize>,
    link_len: Vec<usize>,
    commas: Vec<usize>,
    block_child: Vec<bool>,
    /// Whether class and id words may drop elements; off for the second, relaxed pass.
    strict: bool,
}

/// Computes [`Stats`] bottom-up, relying on parents preceding their children.
fn stats(dom: &Dom, strict: bool) -> Stats {
    let n = dom.nodes.len();
    // Text length per node before any class-based dropping, to protect wrappers of the whole page.
    let mut raw_len = vec![0usize; n];
    for id in (0..n).rev() {
        if DROPPED_TAGS.contains(&dom.name(id)) {
            continue;
        }
        if let Some(Data::Text(t)) = dom.nodes.get(id).map(|n| &n.data) {
            if let Some(l) = raw_len.get_mut(id) {
                *l = t.chars().filter(|c| !is_space(*c)).count();
            }
        }
        let own = raw_len.get(id).copied().unwrap_or(0);
        if let Some(pl) = dom.parent(id).and_then(|p| raw_len.get_mut(p)) {
            *pl += own;
        }
    }
    let page_len = raw_len.first().copied().unwrap_or(0);
    let mut dropped = vec![false; n];
    for id in 0..n {
        let parent_dropped = dom
            .parent(id)
            .and_then(|p| dropped.get(p).copied())
            .unwrap_or(false);
        let own = matches!(
            dom.nodes.get(id).map(|n| &n.data),
            Some(Data::Element { .. })
        ) && is_dropped(
            dom,
            id,
            strict,
            raw_len.get(id).copied().unwrap_or(0) * 2 > page_len,
        );
        if let Some(d) = dropped.get_mut(id) {
            *d = parent_dropped || own;
        }
    }
    let mut text_len = vec![0usize; n];
    let mut link_len = vec![0usize; n];
    let mut commas = vec![0usize; n];
    let mut block_child = vec![false; n];
    for id in (0..n).rev() {
        if BLOCK.contains(&dom.name(id)) {
            if let Some(b) = dom.parent(id).and_then(|p| block_child.get_mut(p)) {
                *b = true;
            }
        }
        if dropped.get(id).copied().unwrap_or(true) {
            continue;
        }
        if let Some(Data::Text(t)) = dom.nodes.get(id).map(|n| &n.data) {
            let len = t.chars().filter(|c| !is_space(*c)).count();
            if let Some(l) = text_len.get_mut(id) {
                *l = len;
            }
            if let Some(c) = commas.get_mut(id) {
                *c = t.matches([',', '，', '、', '،']).count();
            }
        }
        if dom.name(id) == "a" {
            let own = text_len.get(id).copied().unwrap_or(0);
            if let Some(l) = link_len.get_mut(id) {
                *l = own;
            }
        }
        if let Some(parent) = dom.parent(id) {
            let (t, l) = (
                text_len.get(id).copied().unwrap_or(0),
                link_len.get(id).copied().unwrap_or(0),
            );
            if let Some(pt) = text_len.get_mut(parent) {
                *pt += t;
            }
            if let Some(pl) = link_len.get_mut(parent) {
                *pl += l;
            }
            let c = commas.get(id).copied().unwrap_or(0);
            if let Some(pc) = commas.get_mut(parent) {
                *pc += c;
            }
        }
    }
    Stats {
        dropped,
        text_len,
        link_len,
        commas,
        block_child,
        strict,
    }
}

impl Stats {
    fn link_density(&self, id: usize) -> f64 {
        let text = self.text_len.get(id).copied().unwrap_or(0);
        if text == 0 {
            return 0.0;
        }
        self.link_len.get(id).copied().unwrap_or(0) as f64 / text as f64
    }

    fn dropped(&self, id: usize) -> bool {
        self.dropped.get(id).copied().unwrap_or(true)
    }

    fn text_len(&self, id: usize) -> usize {
        self.text_len.get(id).copied().unwrap_or(0)
    }

    fn commas(&self, id: usize) -> usize {
        self.commas.get(id).copied().unwrap_or(0)
    }

    /// Whether an element holds block-level children (a `div` without them reads as a paragraph).
    fn has_block_child(&self, id: usize) -> bool {
        self.block_child.get(id).copied().unwrap_or(false)
    }
}

/// The initial score of a container by its tag, as Readability gives it.
fn tag_score(name: &str) -> f64 {
    match name {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Picks the element holding the article body, and the siblings that belong with it.
fn best_container(dom: &Dom, stats: &Stats) -> Vec<usize> {
    let n = dom.nodes.len();
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for id in 0..n {
        if stats.dropped(id) {
            continue;
        }
        let len = stats.text_len(id);
        if len < 25 {
            continue;
        }
        let name = dom.name(id);
        let paragraph = matches!(name, "p" | "pre" | "td")
            || (matches!(name, "div" | "section") && !stats.has_block_child(id))
            || (name.is_empty()
                && matches!(dom.nodes.get(id).map(|n| &n.data), Some(Data::Text(_)))
                && matches!(
                    dom.parent(id).map(|p| dom.name(p)),
                    Some("div" | "section" | "article")
                )
                && dom.parent(id).is_some_and(|p| stats.has_block_child(p)));
        if !paragraph {
            continue;
        }
        let commas = stats.commas(id);
        let score = 1.0 + commas as f64 + (len as f64 / 100.0).min(3.0);
        let mut ancestor = dom.parent(id);
        let mut level = 0usize;
        while let Some(a) = ancestor {
            if level >= 5 || a == 0 {
                break;
            }
            let entry = scores.entry(a).or_insert_with(|| {
                let name = dom.name(a);
                tag_score(name) + f64::from(class_weight(&class_words(dom, a)))
            });
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            *entry += score / divider;
            level += 1;
            ancestor = dom.parent(a);
        }
    }
    let mut ranked: Vec<(usize, f64)> = scores
        .iter()
        .filter(|(&id, _)| !stats.dropped(id))
        .map(|(&id, &score)| (id, score * (1.0 - stats.link_density(id))))
        .collect();
    // Highest score first; ties go to the earlier element so the choice does not depend on hashing.
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let final_score = |id: usize| scores.get(&id).map(|s| s * (1.0 - stats.link_density(id)));
    let Some(&(mut top, mut top_score)) = ranked.first() else {
        let body = (0..n).find(|&id| dom.name(id) == "body").unwrap_or(0);
        return vec![body];
    };
    let is_body = |id: usize| id == 0 || matches!(dom.name(id), "body" | "html");
    // When several near-best candidates share an ancestor, the article is split across them:
    // that ancestor is the container (Readability's "alternative candidates").
    let close: Vec<usize> = ranked
        .iter()
        .skip(1)
        .take(4)
        .filter(|(_, s)| top_score > 0.0 && s / top_score >= 0.75)
        .map(|&(id, _)| id)
        .collect();
    if close.len() >= 3 {
        let mut ancestor = dom.parent(top);
        while let Some(a) = ancestor.filter(|&a| !is_body(a)) {
            let holding = close.iter().filter(|&&c| is_ancestor(dom, a, c)).count();
            if holding >= 3 {
                top = a;
                top_score = final_score(a).unwrap_or(top_score);
                break;
            }
            ancestor = dom.parent(a);
        }
    }
    // Climb while a scored parent beats the candidate, as long as scores do not fall below a third.
    let threshold = top_score / 3.0;
    let mut last = top_score;
    let mut ancestor = dom.parent(top);
    while let Some(a) = ancestor.filter(|&a| !is_body(a)) {
        let Some(score) = final_score(a) else {
            ancestor = dom.parent(a);
            continue;
        };
        if score < threshold {
            break;
        }
        if score > last {
            top = a;
            top_score = score;
            break;
        }
        last = score;
        ancestor = dom.parent(a);
    }
    // A lone child of its parent says nothing on its own: the parent is the container.
    while let Some(parent) = dom.parent(top) {
        let visible: Vec<usize> = dom
            .children(parent)
            .iter()
            .copied()
            .filter(|&c| !stats.dropped(c) && stats.text_len(c) > 0)
            .collect();
        if parent == 0 || dom.name(parent) == "body" || visible.len() != 1 {
            break;
        }
        top = parent;
    }
    let threshold = (top_score * 0.2).max(10.0);
    let Some(parent) = dom.parent(top) else {
        return vec![top];
    };
    let top_words = dom.attr(top, "class").unwrap_or("").to_string();
    let mut chosen = Vec::new();
    for &sibling in dom.children(parent) {
        if sibling == top {
            chosen.push(sibling);
            continue;
        }
        if stats.dropped(sibling) || stats.text_len(sibling) == 0 {
            continue;
        }
        let mut bonus = 0.0;
        if !top_words.is_empty() && dom.attr(sibling, "class") == Some(top_words.as_str()) {
            bonus += top_score * 0.2;
        }
        let score = scores.get(&sibling).copied().unwrap_or(0.0)
            * (1.0 - stats.link_density(sibling))
            + bonus;
        let include = if score >= threshold {
            true
        } else if dom.name(sibling) == "p" {
            let len = stats.text_len(sibling);
            let density = stats.link_density(sibling);
            (len > 80 && density < 0.25)
                || (len > 0 && density == 0.0 && dom.text(sibling).ends_with('.'))
        } else {
            false
        };
        if include {
            chosen.push(sibling);
        }
    }
    chosen
}

/// Whether `ancestor` holds `node` somewhere below it.
fn is_ancestor(dom: &Dom, ancestor: usize, node: usize) -> bool {
    let mut current = dom.parent(node);
    let mut steps = 0;
    while let Some(c) = current {
        if c == ancestor {
            return true;
        }
        steps += 1;
        if steps > MAX_DEPTH + 2 {
            return false;
        }
        current = dom.parent(c);
    }
    false
}

/// Whether an element inside the chosen container is a block of links or widgets rather than prose.
fn clean_conditionally(dom: &Dom, stats: &Stats, id: usize) -> bool {
    let name = dom.name(id);
    if !matches!(
        name,
        "div" | "section" | "ul" | "ol" | "table" | "header" | "figure" | "dl"
    ) {
        return false;
    }
    if stats.commas(id) >= 10 {
        return false;
    }
    let weight = class_weight(&class_words(dom, id));
    let density = stats.link_density(id);
    let is_list = matches!(name, "ul" | "ol" | "dl");
    let len = stats.text_len(id);
    if weight < 0 && stats.strict {
        return true;
    }
    if weight < 25 && density > 0.5 && !is_list {
        return true;
    }
    if is_list && density > 0.8 && len < 400 {
        return true;
    }
    if weight >= 25 && density > 0.6 {
        return true;
    }
    false
}

/// Builds plain text from a subtree: blocks become paragraphs, `<br>` a line break, inline space collapsed.
struct Renderer {
    out: String,
    /// The break owed before the next text: 0 none, 1 line, 2 paragraph.
    pending_break: u8,
    pending_space: bool,
}

impl Renderer {
    fn block(&mut self, level: u8) {
        self.pending_break = self.pending_break.max(level);
    }

    fn text(&mut self, text: &str, pre: bool) {
        if pre {
            let trimmed = text.trim_matches('\n');
            if trimmed.trim().is_empty() {
                return;
            }
            self.flush_break();
            self.out.push_str(trimmed);
            return;
        }
        if text.starts_with(is_space) {
            self.pending_space = true;
        }
        let collapsed = collapse(text);
        if collapsed.is_empty() {
            return;
        }
        self.flush_break();
        if self.pending_space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.out.push_str(&collapsed);
        self.pending_space = text.ends_with(is_space);
    }

    fn flush_break(&mut self) {
        if self.pending_break > 0 && !self.out.is_empty() {
            self.out
                .push_str(if self.pending_break > 1 { "\n\n" } else { "\n" });
            self.pending_space = false;
        }
        self.pending_break = 0;
    }
}

/// Whether an element is a short author line ("By Dana Whitfield"), which is metadata rather than text.
fn is_byline_element(dom: &Dom, stats: &Stats, id: usize) -> bool {
    let marked = dom.attr(id, "rel").is_some_and(|r| r.contains("author"))
        || dom
            .attr(id, "itemprop")
            .is_some_and(|v| v.contains("author"))
        || class_words(dom, id)
            .iter()
            .any(|w| w.contains("byline") || w == "author");
    marked && stats.text_len(id) < 100
}

/// Whether a heading repeats the page title (fully, or as the part before a " - Site" suffix).
fn repeats_title(heading: &str, title: Option<&str>) -> bool {
    let Some(title) = title else { return false };
    let (heading, title) = (
        heading.trim().to_lowercase(),
        collapse(title).to_lowercase(),
    );
    if heading.is_empty() {
        return false;
    }
    heading == title
        || [" - ", " | ", " – ", " — ", ": "].iter().any(|sep| {
            title
                .strip_prefix(&heading)
                .is_some_and(|rest| rest.starts_with(sep))
        })
}

/// Renders the chosen containers; the first h1 or h2 that repeats the title is left out.
fn render(dom: &Dom, stats: &Stats, roots: &[usize], title: Option<&str>) -> String {
    let mut title_skipped = false;
    let mut renderer = Renderer {
        out: String::new(),
        pending_break: 0,
        pending_space: false,
    };
    // An explicit stack: (node, entering) so that closing a block can emit its break.
    let mut stack: Vec<(usize, bool, bool)> =
        roots.iter().rev().map(|&r| (r, true, false)).collect();
    while let Some((id, entering, pre)) = stack.pop() {
        let name = dom.name(id);
        let is_block = BLOCK.contains(&name) || matches!(name, "td" | "th");
        if !entering {
            if is_block {
                renderer.block(if matches!(name, "li" | "tr" | "dt" | "dd" | "td" | "th") {
                    1
                } else {
                    2
                });
            }
            continue;
        }
        if stats.dropped(id) {
            continue;
        }
        match dom.nodes.get(id).map(|n| &n.data) {
            Some(Data::Text(t)) => renderer.text(t, pre),
            Some(Data::Element { .. }) => {
                if !roots.contains(&id) && clean_conditionally(dom, stats, id) {
                    continue;
                }
                if is_byline_element(dom, stats, id) {
                    continue;
                }
                if matches!(name, "h1" | "h2")
                    && !title_skipped
                    && repeats_title(&dom.text(id), title)
                {
                    title_skipped = true;
                    continue;
                }
                match name {
                    "br" => {
                        renderer.block(1);
                        continue;
                    }
                    "hr" => {
                        renderer.block(2);
                        continue;
                    }
                    "img" => continue,
                    _ => {}
                }
                if is_block {
                    let level = if matches!(name, "li" | "tr" | "dt" | "dd" | "td" | "th") {
                        1
                    } else {
                        2
                    };
                    renderer.block(level);
                }
                if matches!(name, "td" | "th") {
                    renderer.pending_space = true;
                }
                stack.push((id, false, pre));
                let child_pre = pre || name == "pre";
                for &child in dom.children(id).iter().rev() {
                    stack.push((child, true, child_pre));
                }
            }
            _ => {
                stack.push((id, false, pre));
                for &child in dom.children(id).iter().rev() {
                    stack.push((child, true, pre));
                }
            }
        }
    }
    // Drop "Advertisement" lines and squeeze blank lines.
    let mut out = String::with_capacity(renderer.out.len());
    let mut blank = false;
    for line in renderer.out.lines() {
        let line = line.trim_end();
        let word = line
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_ascii_lowercase();
        if matches!(
            word.as_str(),
            "advertisement" | "advertisment" | "advert" | "ad" | "sponsored"
        ) {
            continue;
        }
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
    }
    out
}

/// What the JSON-LD blocks of a page say about the article.
#[derive(Default)]
struct LinkedData {
    headline: Option<String>,
    date: Option<String>,
    author: Option<String>,
    publisher: Option<String>,
    url: Option<String>,
}

/// Whether a JSON-LD `@type` names an article.
fn is_article_type(value: &serde_json::Value) -> bool {
    let check = |s: &str| s.ends_with("Article") || s.ends_with("Posting") || s == "Report";
    match value {
        serde_json::Value::String(s) => check(s),
        serde_json::Value::Array(items) => items.iter().any(|v| v.as_str().is_some_and(check)),
        _ => false,
    }
}

/// A person's or organisation's name from a JSON-LD value (a string, an object or a list).
fn ld_name(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) if !s.trim().is_empty() && !s.starts_with("http") => {
            Some(s.trim().to_string())
        }
        serde_json::Value::Object(map) => map.get("name").and_then(ld_name),
        serde_json::Value::Array(items) => {
            let names: Vec<String> = items.iter().filter_map(ld_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Walks JSON-LD values, depth-limited, filling in the first article object found.
fn walk_linked_data(value: &serde_json::Value, found: &mut LinkedData, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .for_each(|v| walk_linked_data(v, found, depth + 1)),
        serde_json::Value::Object(map) => {
            if map.get("@type").is_some_and(is_article_type) {
                let text = |key: &str| {
                    map.get(key)
                        .and_then(|v| v.as_str())
                        .map(|s| s.trim().to_string())
                };
                found.headline = found
                    .headline
                    .take()
                    .or_else(|| text("headline").or_else(|| text("name")));
                found.date = found.date.take().or_else(|| text("datePublished"));
                found.author = found
                    .author
                    .take()
                    .or_else(|| map.get("author").and_then(ld_name));
                found.publisher = found
                    .publisher
                    .take()
                    .or_else(|| map.get("publisher").and_then(ld_name));
                found.url = found.url.take().or_else(|| text("url"));
            }
            if let Some(graph) = map.get("@graph") {
                walk_linked_data(graph, found, depth + 1);
            }
            if found.publisher.is_none() {
                if let Some(name) = map
                    .get("@type")
                    .filter(|t| matches!(t.as_str(), Some("WebSite" | "NewsMediaOrganization")))
                    .and(map.get("name"))
                    .and_then(ld_name)
                {
                    found.publisher = Some(name);
                }
            }
        }
        _ => {}
    }
}

/// Reads every JSON-LD block of the page, tolerating raw line breaks and CDATA wrappers.
fn linked_data(dom: &Dom) -> LinkedData {
    let mut found = LinkedData::default();
    for id in 0..dom.nodes.len() {
        if dom.name(id) != "script" || !dom.attr(id, "type").is_some_and(|t| t.contains("ld+json"))
        {
            continue;
        }
        let raw: String = dom
            .children(id)
            .iter()
            .filter_map(|&c| match dom.nodes.get(c).map(|n| &n.data) {
                Some(Data::Text(t)) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        let cleaned: String = raw
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("//]]>")
            .trim_end_matches("]]>")
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(cleaned.trim()) {
            walk_linked_data(&value, &mut found, 0);
        }
    }
    found
}

/// Removes a " | Site" or " - Site" suffix (or prefix) naming the site from a page title.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    let Some(site) = site
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
    else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if tail.to_lowercase().contains(&site) || site.contains(&tail.to_lowercase()) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if head.to_lowercase().contains(&site) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

/// Extracts the article text; when class-based cleaning leaves too little, it tries again without it.
fn extract_text(dom: &Dom, title: Option<&str>) -> String {
    let strict = stats(dom, true);
    let text = render(dom, &strict, &best_container(dom, &strict), title);
    let len = text.chars().count();
    if len >= 500 {
        return text;
    }
    let relaxed = stats(dom, false);
    let second = render(dom, &relaxed, &best_container(dom, &relaxed), title);
    // The relaxed pass keeps more boilerplate, so it wins only when it finds clearly more text.
    if second.chars().count() > len.saturating_mul(2) {
        second
    } else {
        text
    }
}

/// Reads a saved web page into an article: metadata from markup, text from the main container.
///
/// `Article.text` is the extracted article text (paragraphs separated by one blank line) and
/// `Article.body` covers all of it.
///
/// # Examples
/// ```
/// use corroborate::analysis::html::read_html;
/// let page = r#"<html><head><meta property="og:site_name" content="Coast Times">
/// <title>Ferry sinks | Coast Times</title></head><body><nav>Home</nav>
/// <article><p>Eleven people were rescued on Sunday, officials said.</p></article></body></html>"#;
/// let article = read_html("ferry.html", page);
/// assert_eq!(article.title, "Ferry sinks");
/// assert_eq!(article.source, "Coast Times");
/// assert_eq!(article.text, "Eleven people were rescued on Sunday, officials said.");
/// ```
pub fn read_html(path: &str, html: &str) -> Article {
    let dom = parse(html);
    let mut metas: HashMap<String, String> = HashMap::new();
    let mut canonical = None;
    let mut title_tag = None;
    let mut first_h1 = None;
    let mut time_datetime = None;
    let mut rel_author = None;
    let mut byline_element = None;
    for id in 0..dom.nodes.len() {
        match dom.name(id) {
            "meta" => {
                let content = dom.attr(id, "content").map(str::trim).unwrap_or("");
                if content.is_empty() {
                    continue;
                }
                for key in ["property", "name", "itemprop"] {
                    if let Some(k) = dom.attr(id, key) {
                        for k in k.split_whitespace() {
                            metas
                                .entry(k.to_ascii_lowercase())
                                .or_insert_with(|| content.to_string());
                        }
                    }
                }
            }
            "link" => {
                let rel = dom.attr(id, "rel").unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && canonical.is_none() {
                    canonical = dom.attr(id, "href").map(str::to_string);
                }
            }
            "title" if title_tag.is_none() => title_tag = Some(dom.text(id)),
            "h1" if first_h1.is_none() => first_h1 = Some(dom.text(id)).filter(|t| !t.is_empty()),
            "time" if time_datetime.is_none() => {
                time_datetime = dom.attr(id, "datetime").map(str::to_string);
            }
            "a" if rel_author.is_none()
                && dom.attr(id, "rel").is_some_and(|r| r.contains("author")) =>
            {
                rel_author = Some(dom.text(id)).filter(|t| !t.is_empty() && t.len() < 100);
            }
            _ => {}
        }
        if byline_element.is_none()
            && !matches!(
                dom.name(id),
                "" | "meta" | "link" | "script" | "body" | "html"
            )
        {
            let words = class_words(&dom, id);
            let itemprop_author = dom
                .attr(id, "itemprop")
                .is_some_and(|v| v.contains("author"));
            if itemprop_author || words.iter().any(|w| w.contains("byline") || w == "author") {
                let text = dom.text(id);
                if !text.is_empty() && text.chars().count() < 100 {
                    byline_element = Some(text);
                }
            }
        }
    }
    let ld = linked_data(&dom);
    let meta = |keys: &[&str]| keys.iter().find_map(|k| metas.get(*k).cloned());

    let site =
        meta(&["og:site_name", "application-name", "twitter:site:name"]).or(ld.publisher.clone());
    let raw_title = meta(&["og:title", "twitter:title", "dc.title"])
        .or(ld.headline.clone())
        .or(title_tag.clone())
        .or(first_h1.clone());
    let title = raw_title.map(|t| strip_site_suffix(&t, site.as_deref()));
    // JSON-LD of the article itself is the most specific source; meta tags are often the last update.
    let date = ld
        .date
        .clone()
        .and_then(|d| parse_date(&d))
        .or_else(|| {
            meta(&[
                "article:published_time",
                "og:article:published_time",
                "datepublished",
                "date",
                "pubdate",
                "publishdate",
                "dc.date",
                "dc.date.issued",
                "dcterms.date",
                "sailthru.date",
                "parsely-pub-date",
                "article.published",
                "published-date",
            ])
            .and_then(|d| parse_date(&d))
        })
        .or_else(|| time_datetime.and_then(|d| parse_date(&d)));
    let byline = meta(&[
        "author",
        "article:author",
        "dc.creator",
        "sailthru.author",
        "parsely-author",
        "byl",
    ])
    .filter(|a| !a.starts_with("http"))
    .or(ld.author.clone())
    .or(rel_author)
    .or(byline_element)
    .map(|b| collapse(strip_by(&b)));
    let url = canonical
        .or_else(|| meta(&["og:url", "twitter:url"]))
        .or(ld.url.clone())
        .filter(|u| url_host(u).is_some());

    let text = extract_text(&dom, title.as_deref());
    let mut warnings = Vec::new();
    if text.is_empty() {
        warnings.push(
            "No article text was found in this page; copy the article text and paste it instead."
                .to_string(),
        );
    }
    let body = Span::new(0, text.len());
    let mut article = Meta {
        title: title.filter(|t| !t.is_empty()),
        source: site.map(|s| collapse(&s)),
        byline: byline.filter(|b| !b.is_empty()),
        date,
        url,
    }
    .into_article(path, text, body);
    if article.title.is_empty() {
        article.title = file_stem(path);
    }
    article.warnings = warnings;
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_and_broken_markup() {
        let dom = parse("<div><p>one<p>two</div><ul><li>a<li>b</ul><p>x</b>y");
        assert_eq!(dom.text(0), "one two a b xy");
        let deep = "<div>".repeat(10_000);
        assert!(parse(&deep).nodes.len() > 10_000);
    }
}
