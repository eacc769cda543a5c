//! Figures and numbers, checked against fixture tables and, when present, the seed gold.
//!
//! `fixtures/figures/cases.txt` holds invented newswire sentences, each followed by the figures it must
//! give in order (or `none`); `fixtures/figures/numbers.txt` holds number expressions and their values.
//! The seed gold lives in `../shared/data/figures_gold/seeds.json` (or under `$CORROBORATE_SHARED`)
//! and is skipped with a message when absent.

mod common;

use corroborate::analysis::numbers::{parse_str, NumberForm};
use corroborate::analysis::{figures, segment, Figure, Span};

/// Extracts the figures of a whole text, as the pipeline does for a body spanning all of it.
fn extract(text: &str) -> Vec<Figure> {
    figures::extract(text, &segment(text, Span::new(0, text.len())))
}

/// One expected figure from a fixture line.
#[derive(Debug)]
struct Expected {
    measure: String,
    value: String,
    qualifier: String,
    span: String,
    keys: Vec<(String, String)>,
}

/// Reads `measure value|low-high qualifier "span" [sub=N] [by="source"] [label="name"] [unit="noun"]`.
fn parse_expected(line: &str) -> Expected {
    let (head, rest) = line
        .split_once('"')
        .unwrap_or_else(|| panic!("no span in fixture line {line:?}"));
    let (span, tail) = rest
        .split_once('"')
        .unwrap_or_else(|| panic!("unclosed span in {line:?}"));
    let fields: Vec<&str> = head.split_whitespace().collect();
    assert_eq!(
        fields.len(),
        3,
        "fixture line needs measure, value and qualifier: {line:?}"
    );
    let mut keys = Vec::new();
    let mut tail = tail.trim();
    while let Some((key, after)) = tail.split_once('=') {
        let (value, next) = if let Some(quoted) = after.strip_prefix('"') {
            quoted.split_once('"').unwrap_or((quoted, ""))
        } else {
            after.split_once(' ').unwrap_or((after, ""))
        };
        keys.push((key.trim().to_string(), value.to_string()));
        tail = next.trim();
    }
    Expected {
        measure: fields[0].to_string(),
        value: fields[1].to_string(),
        qualifier: fields[2].to_string(),
        span: span.to_string(),
        keys,
    }
}

/// The value of a figure as the fixtures write it: `93`, `3.5` or `24-99`.
fn value_text(f: &Figure) -> String {
    match (f.value, f.low, f.high) {
        (Some(v), _, _) => format!("{v}"),
        (None, Some(l), Some(h)) => format!("{l}-{h}"),
        _ => "?".to_string(),
    }
}

/// Extracts the figures of `input` and compares them, in order, with the `expected` fixture lines.
///
/// Returns what differs, so that one run reports every failing case.
fn check(input: &str, expected: &[&str]) -> Vec<String> {
    let outcome = std::panic::catch_unwind(|| check_or_panic(input, expected));
    match outcome {
        Ok(()) => Vec::new(),
        Err(e) => vec![e
            .downcast_ref::<String>()
            .cloned()
            .unwrap_or_else(|| format!("{input}: failed"))],
    }
}

fn check_or_panic(input: &str, expected: &[&str]) {
    let found = extract(input);
    let show = |fs: &[Figure]| {
        fs.iter()
            .map(|f| {
                format!(
                    "{} {} {} {:?}",
                    f.measure.as_str(),
                    value_text(f),
                    f.qualifier.as_str(),
                    f.span.of(input)
                )
            })
            .collect::<Vec<_>>()
            .join("\n    ")
    };
    let expected: Vec<Expected> = expected
        .iter()
        .filter(|l| l.trim() != "none")
        .map(|l| parse_expected(l))
        .collect();
    assert_eq!(
        found.len(),
        expected.len(),
        "input: {input}\n  found:\n    {}\n  expected: {expected:#?}",
        show(&found)
    );
    for (f, e) in found.iter().zip(&expected) {
        let context = format!("input: {input}\n  found:\n    {}", show(&found));
        assert_eq!(f.measure.as_str(), e.measure, "measure; {context}");
        assert_eq!(value_text(f), e.value, "value; {context}");
        assert_eq!(f.qualifier.as_str(), e.qualifier, "qualifier; {context}");
        assert_eq!(f.span.of(input), e.span, "span; {context}");
        for (key, value) in &e.keys {
            let got = match key.as_str() {
                "sub" => f.subset_of.map(|s| s.to_string()).unwrap_or_default(),
                "by" => f.attribution.clone().unwrap_or_default(),
                "label" => f.label.clone().unwrap_or_default(),
                "unit" => f.unit.clone(),
                other => panic!("unknown fixture key {other}"),
            };
            assert_eq!(&got, value, "{key}; {context}");
        }
        assert!(
            f.span.contains(f.number),
            "the number lies inside the figure: {context}"
        );
        assert!(
            f.subset_of.is_none_or(|p| p < found.len()),
            "subset_of points into the list"
        );
    }
}

/// Splits a fixture file into blocks of non-comment lines.
fn blocks(table: &str) -> Vec<Vec<&str>> {
    table
        .split("\n\n")
        .map(|b| {
            b.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect()
}

#[test]
fn figures_match_the_fixture() {
    let table = include_str!("fixtures/figures/cases.txt");
    let mut n_cases = 0;
    let mut problems = Vec::new();
    for block in blocks(table) {
        let (input, expected) = block.split_first().expect("non-empty block");
        problems.extend(check(input, expected));
        n_cases += 1;
    }
    assert!(
        problems.is_empty(),
        "{} of {n_cases} cases failed:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
    assert!(n_cases >= 60, "the fixture table lost cases: {n_cases}");
}

#[test]
fn numbers_match_the_fixture() {
    let table = include_str!("fixtures/figures/numbers.txt");
    let mut n_cases = 0;
    for line in table
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (input, expected) = line
            .split_once(" => ")
            .unwrap_or_else(|| panic!("bad numbers line {line:?}"));
        let got = parse_str(input.trim());
        let got_text = match &got {
            None => "none".to_string(),
            Some(n) => match (n.value, n.low, n.high, n.form) {
                (Some(v), _, _, _) => format!("{v}"),
                (None, Some(l), Some(h), NumberForm::Vague) => format!("~{l}-{h}"),
                (None, Some(l), Some(h), _) => format!("{l}-{h}"),
                _ => "?".to_string(),
            },
        };
        assert_eq!(got_text, expected.trim(), "number {input:?}");
        n_cases += 1;
    }
    assert!(n_cases >= 30, "the numbers table lost cases");
}

#[test]
fn never_panics_on_nasty_input() {
    let long_digits = "9".repeat(100_000);
    let long_commas = "1,".repeat(20_000);
    let inputs = [
        "",
        " ",
        "\r\n\r\n",
        "At least 93 people\r\nwere killed.\r\n",
        "🔥 12 🔥 people 💀 dead",
        "e\u{301}leven injured, cafe\u{301} 3 dead",
        "قتل 12 شخصا في الهجوم",
        "\u{202E}12 killed\u{202C}",
        "killed",
        "at least",
        "between 5 and",
        "twenty-",
        "- - - 1 - 2 - 3 -",
        "$",
        "magnitude",
        "a",
        "half a",
        "hundreds of",
        "1.2.3.4 killed",
        "1,,000 dead",
        "according to",
        "said",
        "two men, , , ( ( were",
        "12 men (3 and",
        "— 3 — 4 —",
        "between 5 and 9 percent damage to",
        "5 percent to",
        "one",
        "No-one",
        "the bodies of",
        "after being",
        "99999999999999999999999999999999999999 killed",
        &long_digits,
        &long_commas,
    ];
    for input in inputs {
        let found = extract(input);
        for f in &found {
            assert!(
                input.get(f.span.start..f.span.end).is_some(),
                "span on char boundaries: {input:?}"
            );
        }
        let _ = parse_str(input);
    }
    // Invalid segment positions: a body beyond the text.
    let text = "12 killed";
    let seg = segment(text, Span::new(5, 500));
    let _ = figures::extract(text, &seg);
}

#[test]
fn a_long_run_is_fast_enough() {
    let sentence = "Police said at least 12 people were killed and dozens injured in the blast. ";
    let text = sentence.repeat(5000);
    let started = std::time::Instant::now();
    let found = extract(&text);
    assert_eq!(found.len(), 10_000);
    assert!(
        started.elapsed().as_secs() < 20,
        "extraction is linear in tokens"
    );
}

#[test]
fn seed_gold_is_found_and_nothing_invented() {
    let Some(shared) = common::shared() else {
        println!("SKIPPED: ../shared (or $CORROBORATE_SHARED) is absent, so the seed figure gold was not checked.");
        return;
    };
    let gold_text = std::fs::read_to_string(shared.join("data/figures_gold/seeds.json"))
        .expect("seeds.json readable");
    let gold: serde_json::Value = serde_json::from_str(&gold_text).expect("seeds.json parses");
    let (mut n_expected, mut n_found, mut n_invented) = (0, 0, 0);
    let mut problems = Vec::new();
    for article in gold["articles"].as_array().expect("articles list") {
        let file = article["file"].as_str().expect("file name");
        let text =
            std::fs::read_to_string(shared.join("seeds").join(file)).expect("seed text readable");
        let found = extract(&text);
        let mut matched = vec![false; found.len()];
        for g in article["figures"].as_array().expect("figures list") {
            n_expected += 1;
            // Offsets are code points; the seeds are ASCII, but convert anyway.
            let to_byte = |cp: u64| {
                text.char_indices()
                    .nth(cp as usize)
                    .map(|(b, _)| b)
                    .unwrap_or(text.len())
            };
            let span = Span::new(
                to_byte(g["start"].as_u64().unwrap_or(0)),
                to_byte(g["end"].as_u64().unwrap_or(0)),
            );
            let hit = found.iter().position(|f| {
                f.span.overlaps(span)
                    && f.measure.as_str() == g["measure"].as_str().unwrap_or("")
                    && f.value == g["value"].as_f64()
                    && f.low == g["low"].as_f64()
                    && f.high == g["high"].as_f64()
                    && f.qualifier.as_str() == g["qualifier"].as_str().unwrap_or("")
            });
            match hit {
                Some(i) => {
                    matched[i] = true;
                    n_found += 1;
                    let subset = g["subset"].as_bool().unwrap_or(false);
                    if subset != found[i].subset_of.is_some() {
                        problems.push(format!("{file}: subset flag differs for {:?}", g["span"]));
                    }
                }
                None => problems.push(format!(
                    "{file}: missed {} {:?} ({})",
                    g["measure"], g["span"], g["qualifier"]
                )),
            }
        }
        for (f, m) in found.iter().zip(&matched) {
            if !m {
                n_invented += 1;
                problems.push(format!(
                    "{file}: invented {} {:?} {:?}",
                    f.measure.as_str(),
                    f.value,
                    f.span.of(&text)
                ));
            }
        }
    }
    println!("seed figures: found {n_found} of {n_expected} expected, {n_invented} invented");
    assert!(
        problems.is_empty(),
        "seed gold problems:\n{}",
        problems.join("\n")
    );
    assert_eq!(n_found, n_expected);
}
