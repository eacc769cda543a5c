//! Tests of the learned name tagger: loading `assets/ner.bin`, refusing bad bytes, fixture sentences
//! through `names::extract_with`, nasty inputs, and the CoNLL-2003 dev score.
//!
//! Fixtures live in `tests/fixtures/tagger/cases.txt`, in the format of the name finder's:
//! a sentence line, then one `LABEL<TAB>text` line per expected name in order, then a blank line.

mod common;

use corroborate::analysis::tagger::{ModelError, NerModel};
use corroborate::analysis::{names, segment, Span};
use std::path::PathBuf;
use std::sync::LazyLock;

/// The committed model, or `None` (with a printed note) when it is absent.
static MODEL: LazyLock<Option<NerModel>> = LazyLock::new(|| {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/ner.bin");
    let Ok(bytes) = std::fs::read(&path) else {
        println!(
            "skipped: {} is absent (run `corroborate train-ner`)",
            path.display()
        );
        return None;
    };
    Some(NerModel::from_bytes(&bytes).expect("assets/ner.bin must load"))
});

/// Names found with the model.
fn find(model: &NerModel, text: &str) -> Vec<(String, String)> {
    names::extract_with(text, &segment(text, Span::new(0, text.len())), Some(model))
        .iter()
        .map(|n| (n.label.as_str().to_string(), n.span.of(text).to_string()))
        .collect()
}

/// Checks that `input` yields exactly the `(label, text)` names in `expected`, in order.
fn check(model: &NerModel, input: &str, expected: &[(String, String)]) -> Result<(), String> {
    let found = find(model, input);
    if found == expected {
        Ok(())
    } else {
        Err(format!(
            "{input}\n  expected {expected:?}\n  found    {found:?}"
        ))
    }
}

/// Reads a fixture file into (sentence, expected names) cases.
fn cases(file: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    for block in file.split("\n\n") {
        let mut lines = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        let Some(input) = lines.next() else { continue };
        let expected = lines
            .map(|l| {
                let (label, text) = l.split_once('\t').unwrap_or((l, ""));
                (label.to_string(), text.to_string())
            })
            .collect();
        out.push((input.to_string(), expected));
    }
    out
}

#[test]
fn model_loads_and_round_trips() {
    let Some(model) = MODEL.as_ref() else { return };
    assert!(model.n_weights() > 10_000, "the model is nearly empty");
    let again = NerModel::from_bytes(&model.to_bytes()).expect("written model reads back");
    assert_eq!(&again, model);
}

#[test]
fn bad_bytes_are_an_error_not_a_panic() {
    assert_eq!(NerModel::from_bytes(b""), Err(ModelError::NotAModel));
    assert_eq!(
        NerModel::from_bytes(b"GIF89a nothing"),
        Err(ModelError::NotAModel)
    );
    let mut header = b"CRBNER".to_vec();
    header.extend_from_slice(&[9, 0, 1, 0]);
    assert!(matches!(
        NerModel::from_bytes(&header),
        Err(ModelError::Version { format: 9, .. })
    ));
    let Some(model) = MODEL.as_ref() else { return };
    let good = model.to_bytes();
    // Every truncation and a spread of single-byte corruptions must fail cleanly or load.
    for cut in (0..good.len()).step_by(997).chain([good.len() - 1]) {
        assert!(NerModel::from_bytes(&good[..cut]).is_err(), "cut at {cut}");
    }
    for at in (0..good.len()).step_by(1013) {
        let mut bad = good.clone();
        bad[at] ^= 0xa5;
        if let Ok(loaded) = NerModel::from_bytes(&bad) {
            let _ = find(
                &loaded,
                "A damaged model still tags Paris without panicking.",
            );
        }
    }
    let mut longer = good.clone();
    longer.push(0);
    assert!(NerModel::from_bytes(&longer).is_err());
}

#[test]
fn fixtures() {
    let Some(model) = MODEL.as_ref() else { return };
    let all = cases(include_str!("fixtures/tagger/cases.txt"));
    assert!(all.len() >= 20, "only {} fixture cases", all.len());
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(input, expected)| check(model, input, expected).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

/// Cases the model gets wrong today, each with the reason: reported, not asserted, so a fix shows up.
#[test]
fn known_misses() {
    let Some(model) = MODEL.as_ref() else { return };
    for (input, expected) in cases(include_str!("fixtures/tagger/misses.txt")) {
        match check(model, &input, &expected) {
            Ok(()) => println!("known miss now passes (move it to cases.txt): {input}"),
            Err(e) => println!("known miss: {e}"),
        }
    }
}

/// Sorted, disjoint spans on char boundaries are checked for the model path in `tests/names.rs`; here, what only
/// the tagger's output can break: a possessive kept in a name, and `tag` itself on body spans that do not fit.
#[test]
fn model_names_keep_no_possessive_and_tagging_survives_bad_spans() {
    let Some(model) = MODEL.as_ref() else { return };
    for text in &common::nasty_texts() {
        let text = text.as_str();
        let found =
            names::extract_with(text, &segment(text, Span::new(0, text.len())), Some(model));
        for name in &found {
            assert!(
                !name.span.of(text).ends_with("'s"),
                "possessive kept in {text:?}"
            );
        }
    }
    let text = "Ще не вмерла Україна, Kyiv";
    for (start, end) in [(0, 1000), (3, 2), (1, 5), (usize::MAX, usize::MAX)] {
        let _ = model.tag(text, &segment(text, Span::new(start, end)));
    }
}

#[test]
fn conll_dev_score() {
    let Some(model) = MODEL.as_ref() else { return };
    let find = |text: &str| {
        names::extract_with(text, &segment(text, Span::new(0, text.len())), Some(model))
    };
    let Some(score) = common::conll_dev(find) else {
        return;
    };
    let (p, r, f) = score.prf(None);
    println!(
        "model path, CoNLL dev: precision {p:.3} recall {r:.3} F1 {f:.3}; {:.2} MB/s",
        score.bytes as f64 / 1e6 / score.seconds.max(1e-9)
    );
    assert!(f >= 0.85, "CoNLL dev micro F1 fell to {f:.3}");
}
