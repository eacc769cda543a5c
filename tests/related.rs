//! Related entities: names held inside other names ("Islamic State" in "Islamic State in Khorasan") are linked
//! both ways without being merged, and a surname two people share links nobody.
//!
//! The cases live in `tests/fixtures/related/cases.json`: texts analysed as articles (with the rules, or with the
//! learned tagger where a case says `with_model`), pairs of entity names that must be related, and pairs that must
//! not be.

mod common;

use corroborate::analysis::{analyze, analyze_with, ingest_text, Analysis, Options};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    texts: Vec<String>,
    related: Vec<[String; 2]>,
    apart: Vec<[String; 2]>,
    /// Whether the case needs the learned name tagger, as the app runs once it has loaded (skipped without it).
    #[serde(default)]
    with_model: bool,
}

/// Whether the entities named `a` and `b` exist, are different, and are linked (both ways) or not.
fn linked(analysis: &Analysis, a: &str, b: &str) -> Result<bool, String> {
    let entities = &analysis.comparison.entities;
    let find = |name: &str| {
        entities.iter().position(|e| e.name == name).ok_or_else(|| {
            let names: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
            format!("no entity {name:?} among {names:?}")
        })
    };
    let (i, j) = (find(a)?, find(b)?);
    if i == j {
        return Err(format!("{a:?} and {b:?} are one entity"));
    }
    let related = &analysis.comparison.related;
    let forward = related[i].contains(&j);
    if forward != related[j].contains(&i) {
        return Err(format!("{a:?} and {b:?} are linked one way only"));
    }
    Ok(forward)
}

fn check(case: &Case) -> Vec<String> {
    let articles = case
        .texts
        .iter()
        .enumerate()
        .map(|(i, t)| ingest_text(&format!("{i}.txt"), t))
        .collect();
    let model = common::ner_model();
    let analysis = match (case.with_model, &model) {
        (false, _) => analyze(articles),
        (true, Some(model)) => analyze_with(articles, &Options { ner: Some(model) }),
        (true, None) => {
            println!("skipped {}: assets/ner.bin is absent", case.name);
            return Vec::new();
        }
    };
    let mut problems = Vec::new();
    assert_eq!(
        analysis.comparison.related.len(),
        analysis.comparison.entities.len()
    );
    for ([a, b], want) in case
        .related
        .iter()
        .map(|p| (p, true))
        .chain(case.apart.iter().map(|p| (p, false)))
    {
        match linked(&analysis, a, b) {
            Ok(got) if got == want => {}
            Ok(got) => problems.push(format!(
                "{}: {a:?} / {b:?} related {got}, want {want}",
                case.name
            )),
            Err(e) => problems.push(format!("{}: {e}", case.name)),
        }
    }
    problems
}

#[test]
fn related_cases() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/related/cases.json");
    let cases: Vec<Case> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("cases.json")).expect("parses");
    let problems: Vec<String> = cases.iter().flat_map(check).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
