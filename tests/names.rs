//! Tests of the name finder: fixture sentences, the seed articles, nasty inputs and a CoNLL-2003 dev score.
//!
//! Fixtures live in `tests/fixtures/names/cases.txt`: a sentence line, then one `LABEL<TAB>text` line per expected name
//! in order, then a blank line. A case with no expected lines asserts that nothing is found.

mod common;

use corroborate::analysis::tagger::NerModel;
use corroborate::analysis::{names, segment, Label, NameMention, Span};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

/// Finds names in `text` read as one body, with the rules alone.
fn find(text: &str) -> Vec<NameMention> {
    names::extract(text, &segment(text, Span::new(0, text.len())))
}

/// The committed tagger model, when `assets/ner.bin` is present.
fn model() -> Option<NerModel> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/ner.bin");
    let bytes = std::fs::read(path).ok()?;
    NerModel::from_bytes(&bytes).ok()
}

/// Checks that `input` yields exactly the `(label, text)` names in `expected`, in order, with or without the model.
fn check(
    input: &str,
    expected: &[(String, String)],
    model: Option<&NerModel>,
) -> Result<(), String> {
    let segments = segment(input, Span::new(0, input.len()));
    let found: Vec<(String, String)> = names::extract_with(input, &segments, model)
        .iter()
        .map(|n| (n.label.as_str().to_string(), n.span.of(input).to_string()))
        .collect();
    if found == expected {
        Ok(())
    } else {
        Err(format!(
            "{input}\n  expected {expected:?}\n  found    {found:?}"
        ))
    }
}

#[test]
fn fixtures() {
    run_fixtures(None);
}

#[test]
fn fixtures_model_mode() {
    let Some(model) = model() else {
        println!("skipped: assets/ner.bin is absent (run `corroborate train-ner`)");
        return;
    };
    run_fixtures(Some(&model));
}

/// Runs every fixture case in one mode.
///
/// In model mode the sentences listed in `fixtures/names/model_misses.txt` are reported, not asserted.
fn run_fixtures(model: Option<&NerModel>) {
    let cases = include_str!("fixtures/names/cases.txt");
    let misses: Vec<&str> = include_str!("fixtures/names/model_misses.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert!(
        misses.len() <= 5,
        "the model's known misses grew to {}",
        misses.len()
    );
    let mut failures = Vec::new();
    let mut n_cases = 0;
    for block in cases.split("\n\n") {
        let mut lines = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let Some(input) = lines.next() else { continue };
        let expected: Vec<(String, String)> = lines
            .map(|l| {
                let (label, text) = l.split_once('\t').unwrap_or((l, ""));
                (label.to_string(), text.to_string())
            })
            .collect();
        n_cases += 1;
        let result = check(input, &expected, model);
        if model.is_some() && misses.contains(&input) {
            match result {
                Ok(()) => println!(
                    "known model miss now passes (remove it from model_misses.txt): {input}"
                ),
                Err(e) => println!("known model miss: {e}"),
            }
            continue;
        }
        if let Err(e) = result {
            failures.push(e);
        }
    }
    common::assert_all_passed(&failures, n_cases, 40);
}

#[test]
fn spans_are_sorted_disjoint_and_on_char_boundaries() {
    for text in &common::nasty_texts() {
        let text = text.as_str();
        let found = find(text);
        let mut previous_end = 0;
        for name in &found {
            assert!(name.span.start >= previous_end, "overlap in {text:?}");
            assert!(!name.span.is_empty());
            assert!(
                text.get(name.span.start..name.span.end).is_some(),
                "bad boundary in {text:?}"
            );
            previous_end = name.span.end;
        }
    }
    // Invalid body spans reach extract through segment; neither may panic.
    let text = "Ще не вмерла Україна, Kyiv";
    for (start, end) in [(0, 1000), (3, 2), (1, 5), (usize::MAX, usize::MAX)] {
        let _ = names::extract(text, &segment(text, Span::new(start, end)));
    }
}

#[test]
fn seed_articles_name_the_main_actors() {
    seed_articles(None);
}

#[test]
fn seed_articles_model_mode() {
    let Some(model) = model() else {
        println!("skipped: assets/ner.bin is absent (run `corroborate train-ner`)");
        return;
    };
    seed_articles(Some(&model));
}

/// Checks the seed articles in one mode.
fn seed_articles(model: Option<&NerModel>) {
    let Some(dir) = common::shared()
        .map(|d| d.join("seeds"))
        .filter(|d| d.is_dir())
    else {
        println!("skipped: ../shared/seeds is absent");
        return;
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let wanted: &[(&str, &[&str])] = &[
        (
            "ORG",
            &[
                "ISIS-K",
                "IS-K",
                "Islamic State in Khorasan",
                "ISIS Khorasan",
                "ISIS",
                "Islamic State",
                "Taliban",
            ],
        ),
        (
            "GPE",
            &["Moscow", "Russia", "Ukraine", "Tajikistan", "Afghanistan"],
        ),
        ("FAC", &["Crocus City Hall"]),
        (
            "PERSON",
            &["Vladimir Putin", "Putin", "Li Wei", "Antonio Guterres"],
        ),
        ("LOC", &["Middle East"]),
    ];
    let junk = [
        "Planning",
        "Despite",
        "Following",
        "Meanwhile",
        "Advertisment",
        "Global Reactions",
        "The",
    ];
    let mut problems = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let found = names::extract_with(&text, &segment(&text, Span::new(0, text.len())), model);
        let all: Vec<String> = found
            .iter()
            .map(|n| format!("{}:{}", n.label.as_str(), n.span.of(&text)))
            .collect();
        println!("{}: {}", path.display(), all.join(", "));
        for (label, surfaces) in wanted {
            for surface in *surfaces {
                // Every standalone occurrence must be covered by a name of that label.
                for (i, _) in text.match_indices(surface) {
                    let after = text[i + surface.len()..].chars().next().unwrap_or(' ');
                    let before = text[..i].chars().last().unwrap_or(' ');
                    if after.is_alphanumeric()
                        || after == '-'
                        || before.is_alphanumeric()
                        || before == '-'
                    {
                        continue;
                    }
                    let covered = found.iter().any(|n| {
                        n.label.as_str() == *label
                            && n.span.start <= i
                            && i + surface.len() <= n.span.end
                    });
                    if !covered {
                        problems.push(format!(
                            "{}: {label} {surface} at {i} missing",
                            path.display()
                        ));
                    }
                }
            }
        }
        for word in junk {
            if found.iter().any(|n| {
                n.span.of(&text) == word || n.span.of(&text).starts_with(&format!("{word} "))
            }) {
                problems.push(format!("{}: junk name {word}", path.display()));
            }
        }
        if found
            .iter()
            .any(|n| n.span.of(&text) == "Kremlin" && !matches!(n.label, Label::Org | Label::Fac))
        {
            problems.push(format!("{}: Kremlin mistyped", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// One gold or predicted name: CoNLL type and byte span.
type Scored = (&'static str, usize, usize);

/// Maps our labels to CoNLL's scored types; MISC, NORP and EVENT are not scored.
fn conll_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Person => Some("PER"),
        Label::Org => Some("ORG"),
        Label::Gpe | Label::Loc | Label::Fac => Some("LOC"),
        _ => None,
    }
}

#[test]
fn conll_dev_score() {
    let Some(data) = common::shared()
        .map(|d| d.join("data/conll2003"))
        .filter(|d| d.join("dev.docs.jsonl").is_file())
    else {
        println!("skipped: ../shared/data/conll2003 is absent");
        return;
    };
    let Ok(jsonl) = std::fs::read_to_string(data.join("dev.docs.jsonl")) else {
        return;
    };
    let types = ["PER", "ORG", "LOC"];
    let mut tp = [0usize; 3];
    let mut n_gold = [0usize; 3];
    let mut n_pred = [0usize; 3];
    let mut bytes = 0usize;
    let mut elapsed = 0.0f64;
    let show_errors = std::env::var("NAMES_ERRORS").is_ok();
    for line in jsonl.lines() {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(file) = doc["file"].as_str() else {
            continue;
        };
        let Ok(text) = std::fs::read_to_string(data.join(file)) else {
            continue;
        };
        // Gold offsets count code points; spans here count bytes.
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut gold: HashSet<Scored> = HashSet::new();
        for e in doc["entities"].as_array().into_iter().flatten() {
            let (Some(t), Some(s), Some(en)) =
                (e["type"].as_str(), e["start"].as_u64(), e["end"].as_u64())
            else {
                continue;
            };
            let Some(t) = types.iter().find(|x| **x == t) else {
                continue;
            };
            if let (Some(&s), Some(&en)) = (byte_at.get(s as usize), byte_at.get(en as usize)) {
                gold.insert((t, s, en));
            }
        }
        let clock = Instant::now();
        let found = find(&text);
        elapsed += clock.elapsed().as_secs_f64();
        bytes += text.len();
        let pred: HashSet<Scored> = found
            .iter()
            .filter_map(|n| conll_type(n.label).map(|t| (t, n.span.start, n.span.end)))
            .collect();
        for (k, t) in types.iter().enumerate() {
            n_gold[k] += gold.iter().filter(|g| g.0 == *t).count();
            n_pred[k] += pred.iter().filter(|p| p.0 == *t).count();
            tp[k] += pred
                .iter()
                .filter(|p| p.0 == *t && gold.contains(p))
                .count();
        }
        if show_errors {
            for p in pred.difference(&gold) {
                println!("FP {} {:?}", p.0, text.get(p.1..p.2).unwrap_or(""));
            }
            for g in gold.difference(&pred) {
                println!("FN {} {:?}", g.0, text.get(g.1..g.2).unwrap_or(""));
            }
        }
    }
    let f1 = |tp: usize, pred: usize, gold: usize| {
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    for (k, t) in types.iter().enumerate() {
        let (p, r, f) = f1(tp[k], n_pred[k], n_gold[k]);
        println!(
            "{t}: precision {p:.3} recall {r:.3} F1 {f:.3} (gold {}, predicted {})",
            n_gold[k], n_pred[k]
        );
    }
    let (p, r, f) = f1(tp.iter().sum(), n_pred.iter().sum(), n_gold.iter().sum());
    println!("micro: precision {p:.3} recall {r:.3} F1 {f:.3}");
    println!(
        "speed: {:.2} MB/s over {} bytes",
        bytes as f64 / 1e6 / elapsed.max(1e-9),
        bytes
    );
    // A floor well under the measured figure, so that a regression fails the build.
    assert!(f > 0.5, "CoNLL dev micro F1 fell to {f:.3}");
}
