//! Ingest tests: a table of fixture files with the metadata and body each must give,
//! inputs that must never panic, and token F1 of HTML extraction over the shared Readability pages.

mod common;

use corroborate::analysis::decode::{decode, DecodeError};
use corroborate::analysis::{ingest, ingest_text, Article};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One row of `tests/fixtures/ingest/cases.json`: a fixture file and what reading it must give.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct Case {
    /// The fixture's file name inside `tests/fixtures/ingest/`.
    file: String,
    /// Bytes to use instead of the file, written as hex (for broken encodings the editor would mangle).
    hex: Option<String>,
    /// The name the file is ingested under, when it differs from `file`.
    name: Option<String>,
    source: Option<String>,
    title: Option<String>,
    /// ISO date, or "none".
    date: Option<String>,
    /// The byline, or "none".
    byline: Option<String>,
    url: Option<String>,
    /// The first words of the body.
    body_starts: Option<String>,
    /// The last words of the body.
    body_ends: Option<String>,
    /// Fragments that must be in the text.
    contains: Vec<String>,
    /// Fragments that must not be in the text.
    excludes: Vec<String>,
    /// A fragment of some warning; "none" for no warnings.
    warning: Option<String>,
    /// The error variant expected: "Empty", "Binary", "Unsupported", "TooLarge", "Corrupt", "Archive".
    error: Option<String>,
    /// A fragment of the error message.
    message: Option<String>,
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn hex_bytes(hex: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

/// Records a difference between what a case wants and what reading gave.
fn expect(problems: &mut Vec<String>, what: &str, want: &str, got: &str) {
    if want != got {
        problems.push(format!("{what}: want {want:?}, got {got:?}"));
    }
}

/// Ingests one case and compares every field it states; returns the differences.
fn check(case: &Case) -> Vec<String> {
    let bytes = match &case.hex {
        Some(hex) => hex_bytes(hex),
        None => std::fs::read(fixtures().join(&case.file))
            .unwrap_or_else(|e| panic!("{}: {e}", case.file)),
    };
    let name = case.name.clone().unwrap_or_else(|| case.file.clone());
    let mut problems = Vec::new();
    let article = match ingest(&name, &bytes) {
        Err(error) => {
            let kind = format!("{error:?}");
            let kind = kind.split([' ', '{', '(']).next().unwrap_or("");
            expect(
                &mut problems,
                "error",
                case.error.as_deref().unwrap_or("no error"),
                kind,
            );
            if let Some(fragment) = &case.message {
                if !error.to_string().contains(fragment.as_str()) {
                    problems.push(format!(
                        "message {:?} lacks {fragment:?}",
                        error.to_string()
                    ));
                }
            }
            return problems;
        }
        Ok(article) => article,
    };
    if let Some(error) = &case.error {
        problems.push(format!("expected error {error}, got an article"));
    }
    let body = article.body.of(&article.text);
    let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "none".to_string());
    if let Some(want) = &case.source {
        expect(&mut problems, "source", want, &article.source);
    }
    if let Some(want) = &case.title {
        expect(&mut problems, "title", want, &article.title);
    }
    if let Some(want) = &case.date {
        expect(
            &mut problems,
            "date",
            want,
            &opt(&article.date.map(|d| d.to_string())),
        );
    }
    if let Some(want) = &case.byline {
        expect(&mut problems, "byline", want, &opt(&article.byline));
    }
    if let Some(want) = &case.url {
        expect(&mut problems, "url", want, &opt(&article.url));
    }
    if let Some(want) = &case.body_starts {
        expect(
            &mut problems,
            "body start",
            want,
            body.get(..want.len()).unwrap_or(body),
        );
    }
    if let Some(want) = &case.body_ends {
        expect(
            &mut problems,
            "body end",
            want,
            body.get(body.len().saturating_sub(want.len())..)
                .unwrap_or(body),
        );
    }
    for fragment in &case.contains {
        if !article.text.contains(fragment.as_str()) {
            problems.push(format!("text lacks {fragment:?}"));
        }
    }
    for fragment in &case.excludes {
        if article.text.contains(fragment.as_str()) {
            problems.push(format!("text holds {fragment:?}"));
        }
    }
    match case.warning.as_deref() {
        Some("none") if !article.warnings.is_empty() => {
            problems.push(format!("warnings: {:?}", article.warnings))
        }
        Some("none") | None => {}
        Some(fragment) => {
            if !article.warnings.iter().any(|w| w.contains(fragment)) {
                problems.push(format!(
                    "no warning with {fragment:?} in {:?}",
                    article.warnings
                ));
            }
        }
    }
    problems
}

#[test]
fn fixture_table() {
    let table = std::fs::read_to_string(fixtures().join("cases.json")).unwrap();
    let cases: Vec<Case> = serde_json::from_str(&table).unwrap();
    assert!(cases.len() >= 20, "the table lost its rows");
    let mut failures = Vec::new();
    for case in &cases {
        for problem in check(case) {
            failures.push(format!(
                "{}: {problem}",
                case.name.as_deref().unwrap_or(&case.file)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Every span must lie on char boundaries inside the text.
fn assert_sane(article: &Article) {
    assert!(article.body.end <= article.text.len());
    assert!(article.text.is_char_boundary(article.body.start));
    assert!(article.text.is_char_boundary(article.body.end));
    assert!(!article.source.is_empty() && !article.title.is_empty());
}

#[test]
fn never_panics() {
    let inputs: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   \n\t ".to_vec(),
        b"\r\n\r\n".to_vec(),
        b"Title: x\r\nDate: 2024-13-45\r\n\r\nBody \xF0\x9F\x98\x80 emoji.".to_vec(),
        "e\u{301}\u{301}\u{301} combining, \u{5e9}\u{5dc}\u{5d5}\u{5dd} right to left \u{202E}"
            .as_bytes()
            .to_vec(),
        b"\xff\xfe\x00".to_vec(),
        b"\xfe\xff\xd8\x00".to_vec(),
        b"\xef\xbb\xbf".to_vec(),
        b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc".to_vec(),
        b" date 2024-03-2".to_vec(),
        b" date ".to_vec(),
        b"By ".to_vec(),
        b"---\ntitle: x".to_vec(),
        b"# \n*".to_vec(),
        b"[[[[[[[[(((((((!![".to_vec(),
        b"<!--".to_vec(),
        b"<".to_vec(),
        b"<a href=\"".to_vec(),
        b"<script>".to_vec(),
        b"&#xFFFFFFFFFF; &#0; &#55296; &#x80; &".to_vec(),
    ];
    for bytes in &inputs {
        for name in ["x.txt", "x.md", "x.html", "x", "x.pdf"] {
            if let Ok(article) = ingest(name, bytes) {
                assert_sane(&article);
            }
            let text = String::from_utf8_lossy(bytes);
            assert_sane(&ingest_text(name, &text));
        }
    }
    // Large hostile inputs go through each reader once, to keep the test quick in debug builds.
    let large: Vec<String> = vec![
        "<div>".repeat(100_000),
        format!("<p title=\"{}\">x</p>", "a".repeat(1_000_000)),
        "</p></div></li>".repeat(10_000),
        "<br>x ".repeat(100_000),
        "*_`[<".repeat(100_000),
        "a".repeat(1_000_000),
    ];
    for text in &large {
        for name in ["x.txt", "x.md", "x.html"] {
            assert_sane(&ingest_text(name, text));
        }
    }
    assert_sane(&ingest("x.html", "<".repeat(10_000_000).as_bytes()).unwrap());
    let too_large = vec![b'a'; 50 * 1024 * 1024 + 1];
    assert!(matches!(
        ingest("big.txt", &too_large),
        Err(DecodeError::TooLarge { .. })
    ));
    assert!(matches!(
        decode(&too_large),
        Err(DecodeError::TooLarge { .. })
    ));
}

/// Lower-case word tokens, for F1 that ignores layout and punctuation.
fn tokens(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

fn f1(predicted: &str, expected: &str) -> f64 {
    let (p, e) = (tokens(predicted), tokens(expected));
    let overlap: usize = p
        .iter()
        .map(|(w, n)| (*n).min(e.get(w).copied().unwrap_or(0)))
        .sum();
    let (np, ne): (usize, usize) = (p.values().sum(), e.values().sum());
    if np == 0 && ne == 0 {
        return 1.0;
    }
    if overlap == 0 {
        return 0.0;
    }
    let precision = overlap as f64 / np as f64;
    let recall = overlap as f64 / ne as f64;
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn readability_pages() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = common::shared()
        .map(|shared| shared.join("data/readability_pages"))
        .unwrap_or_else(|| repo.join("../shared/data/readability_pages"));
    let Ok(entries) = std::fs::read_dir(&root) else {
        println!("skipped: {} is absent", root.display());
        return;
    };
    let mut dirs: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    let (mut total_f1, mut pages, mut dated, mut dates_right) = (0.0, 0usize, 0usize, 0usize);
    let mut worst: Vec<(f64, String)> = Vec::new();
    for dir in &dirs {
        let (Ok(html), Ok(expected)) = (
            std::fs::read(dir.join("source.html")),
            std::fs::read_to_string(dir.join("expected.txt")),
        ) else {
            continue;
        };
        let Ok(article) = ingest("source.html", &html) else {
            worst.push((0.0, dir.display().to_string()));
            pages += 1;
            continue;
        };
        let score = f1(&article.text, &expected);
        if std::env::var("INGEST_DUMP").is_ok_and(|d| dir.ends_with(d)) {
            println!("{}\n=====\n{:?}", article.text, article.warnings);
        }
        total_f1 += score;
        pages += 1;
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        worst.push((score, name.clone()));
        let metadata: serde_json::Value =
            std::fs::read_to_string(dir.join("expected-metadata.json"))
                .ok()
                .and_then(|m| serde_json::from_str(&m).ok())
                .unwrap_or_default();
        if let Some(published) = metadata.get("publishedTime").and_then(|v| v.as_str()) {
            dated += 1;
            let got = article.date.map(|d| d.to_string()).unwrap_or_default();
            if published.get(..10) == Some(got.as_str()) {
                dates_right += 1;
            } else if std::env::var("INGEST_VERBOSE").is_ok() {
                println!("date {name}: want {published}, got {got:?}");
            }
        }
    }
    if pages == 0 {
        println!("skipped: no pages under {}", root.display());
        return;
    }
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    if std::env::var("INGEST_VERBOSE").is_ok() {
        for (score, name) in &worst {
            println!("{score:.3} {name}");
        }
    }
    let mean = total_f1 / pages as f64;
    let date_share = if dated == 0 {
        1.0
    } else {
        dates_right as f64 / dated as f64
    };
    println!("HTML text token F1 over {pages} pages: {mean:.3}");
    println!("published date right: {dates_right}/{dated} = {date_share:.3}");
    assert!(mean >= 0.80, "token F1 {mean:.3} fell below 0.80");
    assert!(
        date_share >= 0.80,
        "date share {date_share:.3} fell below 0.80"
    );
}
