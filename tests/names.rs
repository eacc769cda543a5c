//! Tests of the name finder: fixture sentences, the seed articles, nasty inputs and a CoNLL-2003 dev score.
//!
//! Fixtures live in `tests/fixtures/names/cases.txt`: a sentence line, then one `LABEL<TAB>text` line per expected name
//! in order, then a blank line. A case with no expected lines asserts that nothing is found. `\n` in a sentence line
//! is a line break, so a case can hold a headline above its body.

mod common;

use corroborate::analysis::tagger::NerModel;
use corroborate::analysis::{names, segment, Label, NameMention, Span};
use std::path::PathBuf;

/// Finds names in `text` read as one body, with the rules alone.
fn find(text: &str) -> Vec<NameMention> {
    names::extract(text, &segment(text, Span::new(0, text.len())))
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
    let Some(model) = common::ner_model() else {
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
        let Some(line) = lines.next() else { continue };
        // A case may hold a headline and its body: "\n" in the sentence line is a line break.
        let input = line.replace("\\n", "\n");
        let input = input.as_str();
        let expected: Vec<(String, String)> = lines
            .map(|l| {
                let (label, text) = l.split_once('\t').unwrap_or((l, ""));
                (label.to_string(), text.to_string())
            })
            .collect();
        n_cases += 1;
        let result = check(input, &expected, model);
        if model.is_some() && misses.contains(&line) {
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
    let model = common::ner_model();
    // Both the rules and, when it is present, the model path are checked.
    let modes = [None, model.as_ref()];
    for (text, mode) in common::nasty_texts()
        .iter()
        .flat_map(|t| modes.iter().map(move |m| (t, *m)))
    {
        let text = text.as_str();
        let found = names::extract_with(text, &segment(text, Span::new(0, text.len())), mode);
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
    let Some(model) = common::ner_model() else {
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

#[test]
fn conll_dev_score() {
    let Some(score) = common::conll_dev(find) else {
        return;
    };
    for (k, t) in score.types.iter().enumerate() {
        let (p, r, f) = score.prf(Some(k));
        let (_, pred, gold) = score.counts[k];
        println!("{t}: precision {p:.3} recall {r:.3} F1 {f:.3} (gold {gold}, predicted {pred})");
    }
    let (p, r, f) = score.prf(None);
    println!("micro: precision {p:.3} recall {r:.3} F1 {f:.3}");
    println!(
        "speed: {:.2} MB/s over {} bytes",
        score.bytes as f64 / 1e6 / score.seconds.max(1e-9),
        score.bytes
    );
    // A floor well under the measured figure, so that a regression fails the build.
    assert!(f > 0.5, "CoNLL dev micro F1 fell to {f:.3}");
}
