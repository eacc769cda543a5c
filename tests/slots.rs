//! Figure slots across articles, checked against invented multi-article sets in `fixtures/slots/*.json`.
//!
//! Each fixture gives a few short articles (path, optional report date, text) and what the slots must say:
//! `together` lists figures (article index and the figure's text) that must share one slot, optionally with that
//! slot's `status`, whether it is `background`, and the figure whose slot is its `parent`; `apart` lists figures
//! that must all lie in different slots. Figures are found by their text inside the article, so a fixture fails
//! when the extractor stops finding them too.

mod common;

use corroborate::analysis::{analyze, ingest_text, Analysis, Article};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Builds the articles of a fixture: the text as pasted, with the fixture's report date when it gives one.
fn articles(fixture: &Value) -> Vec<Article> {
    fixture["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let mut article = ingest_text(
                a["path"].as_str().unwrap_or("article.txt"),
                a["text"].as_str().unwrap_or(""),
            );
            article.date = a["date"].as_str().and_then(|d| d.parse().ok());
            article
        })
        .collect()
}

/// The slot index of the figure of article `article` whose text is `text`, or why there is none.
fn slot_of(analysis: &Analysis, reference: &Value) -> Result<usize, String> {
    let article = reference[0].as_u64().unwrap_or(0) as usize;
    let text = reference[1].as_str().unwrap_or("");
    let source = analysis
        .articles
        .get(article)
        .ok_or(format!("no article {article}"))?;
    let figures = &analysis.extracted[article].figures;
    let index = figures
        .iter()
        .position(|f| f.span.of(&source.text) == text)
        .ok_or_else(|| {
            let found: Vec<&str> = figures.iter().map(|f| f.span.of(&source.text)).collect();
            format!("article {article}: no figure {text:?}; figures are {found:?}")
        })?;
    analysis.comparison.figure_slot[article][index]
        .ok_or(format!("article {article}: {text:?} has no slot"))
}

/// Analyses the fixture's articles and compares the slots with its expectations; returns what differs.
fn check(input: &Value, expected: &[Value]) -> Vec<String> {
    let analysis = analyze(articles(input));
    let slots = &analysis.comparison.slots;
    let mut failures = Vec::new();
    for expectation in expected {
        let note = expectation["note"].as_str().unwrap_or("");
        if let Some(together) = expectation["together"].as_array() {
            let found: Vec<Result<usize, String>> =
                together.iter().map(|r| slot_of(&analysis, r)).collect();
            let mut ids = Vec::new();
            for (reference, slot) in together.iter().zip(found) {
                match slot {
                    Ok(s) => ids.push((reference, s)),
                    Err(e) => failures.push(format!("{note}: {e}")),
                }
            }
            let Some(&(_, first)) = ids.first() else {
                continue;
            };
            for (reference, s) in &ids {
                if *s != first {
                    failures.push(format!(
                        "{note}: {reference} is in {} ({:?}), not with the others in {} ({:?})",
                        slots[*s].id, slots[*s].label, slots[first].id, slots[first].label
                    ));
                }
            }
            let slot = &slots[first];
            if let Some(status) = expectation["status"].as_str() {
                if slot.status.as_str() != status {
                    failures.push(format!(
                        "{note}: status {} instead of {status}",
                        slot.status.as_str()
                    ));
                }
            }
            if let Some(background) = expectation["background"].as_bool() {
                if slot.background.is_some() != background {
                    failures.push(format!(
                        "{note}: background {:?}, expected {background}",
                        slot.background
                    ));
                }
            }
            if let Some(year) = expectation["year"].as_i64() {
                if slot.background != Some(year as i32) {
                    failures.push(format!(
                        "{note}: background year {:?}, expected {year}",
                        slot.background
                    ));
                }
            }
            if !expectation["parent"].is_null() {
                match slot_of(&analysis, &expectation["parent"]) {
                    Ok(parent) if slot.parent.as_deref() == Some(slots[parent].id.as_str()) => {}
                    Ok(parent) => failures.push(format!(
                        "{note}: parent {:?}, expected {}",
                        slot.parent, slots[parent].id
                    )),
                    Err(e) => failures.push(format!("{note}: parent: {e}")),
                }
            }
        }
        if let Some(apart) = expectation["apart"].as_array() {
            let mut seen: Vec<(usize, &Value)> = Vec::new();
            for reference in apart {
                match slot_of(&analysis, reference) {
                    Ok(s) => {
                        if let Some((_, other)) = seen.iter().find(|(o, _)| *o == s) {
                            failures.push(format!(
                                "{note}: {reference} shares {} with {other}",
                                slots[s].id
                            ));
                        }
                        seen.push((s, reference));
                    }
                    Err(e) => failures.push(format!("{note}: {e}")),
                }
            }
        }
    }
    failures
}

/// The fixture files, in name order.
fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/slots");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn slots_match_the_fixtures() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("fixture readable");
        let fixture: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected = fixture["expect"].as_array().cloned().unwrap_or_default();
        cases += expected.len();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        failures.extend(
            check(&fixture, &expected)
                .into_iter()
                .map(|f| format!("{name}: {f}")),
        );
    }
    common::assert_all_passed(&failures, cases, 25);
}

#[test]
fn slots_never_panic_on_nasty_texts() {
    let texts = common::nasty_texts();
    let mut articles: Vec<Article> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| ingest_text(&format!("nasty{i}.txt"), t))
        .collect();
    articles.push(ingest_text(
        "figures.txt",
        "In September, 40 people were hurt.\r\nIt killed 7.\u{200f} 😀 12 Somali and 11 Yemeni pirates, 3 AK-47s.",
    ));
    let mut analysis = analyze(articles);
    // Positions that point outside the text or into a character must not break the comparison either.
    for found in &mut analysis.extracted {
        for figure in &mut found.figures {
            figure.sentence += 1000;
            figure.span.start = figure.span.start.saturating_add(1);
            figure.number.end = usize::MAX;
        }
    }
    let comparison = corroborate::analysis::compare(&analysis.articles, &analysis.extracted);
    let figures: usize = analysis.extracted.iter().map(|a| a.figures.len()).sum();
    let placed: usize = comparison
        .figure_slot
        .iter()
        .flatten()
        .filter(|s| s.is_some())
        .count();
    assert_eq!(placed, figures, "every figure has a slot");
}
