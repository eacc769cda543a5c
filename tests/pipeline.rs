//! End to end over whole corpora: the figure slots and entity rows a user sees for the demo and the seed articles.
//!
//! The demo's expectations live in `tests/fixtures/demo/expected.json` (hand-checked);
//! the seed expectations are the ones the product promises for `../shared/seeds`, skipped when absent.

mod common;

use corroborate::analysis::{analyze, demo, ingest, Analysis, Entity, ItemRef, Slot};
use serde_json::Value;
use std::path::Path;

fn load(files: &[(String, Vec<u8>)]) -> Analysis {
    let articles = files
        .iter()
        .map(|(name, bytes)| ingest(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}")))
        .collect();
    analyze(articles)
}

fn demo_analysis() -> Analysis {
    load(
        &demo::FILES
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_vec()))
            .collect::<Vec<_>>(),
    )
}

fn seed_analysis() -> Option<Analysis> {
    let dir = common::shared()
        .map(|shared| shared.join("seeds"))
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return None;
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("readable seed"),
            )
        })
        .collect();
    files.sort();
    Some(load(&files))
}

fn path_of(analysis: &Analysis, item: &ItemRef) -> String {
    analysis.articles[item.article].path.clone()
}

/// The slot holding the figure whose text overlaps `text` in `file`.
fn slot_with<'a>(analysis: &'a Analysis, file: &str, text: &str) -> Option<&'a Slot> {
    let (a, article) = analysis
        .articles
        .iter()
        .enumerate()
        .find(|(_, art)| art.path == file)?;
    let start = article.text.find(text)?;
    let span = corroborate::analysis::Span::new(start, start + text.len());
    let f = analysis.extracted[a]
        .figures
        .iter()
        .position(|f| f.span.overlaps(span))?;
    let s = analysis.comparison.figure_slot[a][f]?;
    analysis.comparison.slots.get(s)
}

/// Whether `text` occurs in the body of `file`.
fn body_contains(analysis: &Analysis, file: &str, text: &str) -> bool {
    analysis
        .articles
        .iter()
        .find(|a| a.path == file)
        .is_some_and(|a| a.body.of(&a.text).contains(text))
}

/// Whether the first occurrence of `text` in `file` lies inside the article body.
fn in_body(analysis: &Analysis, file: &str, text: &str) -> bool {
    let Some(article) = analysis.articles.iter().find(|a| a.path == file) else {
        return false;
    };
    article
        .text
        .find(text)
        .is_some_and(|start| start >= article.body.start)
}

/// The distinct values of a slot's members in member order.
fn slot_values(analysis: &Analysis, slot: &Slot) -> Vec<f64> {
    let mut values: Vec<f64> = Vec::new();
    for m in &slot.members {
        let v = analysis.extracted[m.article].figures[m.index].point();
        if values.last() != Some(&v) {
            values.push(v);
        }
    }
    values
}

/// Checks one expected slot: the figures it names share one slot, with these values in order and this status.
fn check_slot(analysis: &Analysis, expected: &Value) {
    let id = expected["id"].as_str().unwrap_or("?");
    let reports = expected["reports"].as_array().expect("reports");
    let first = &reports[0];
    let file = first["file"].as_str().expect("file");
    let text = first["text"].as_str().expect("text");
    let slot = slot_with(analysis, file, text)
        .unwrap_or_else(|| panic!("slot {id}: no figure found at {file}: {text:?}"));
    for report in reports {
        let (file, text) = (
            report["file"].as_str().unwrap_or(""),
            report["text"].as_str().unwrap_or(""),
        );
        // Header lines (a "Title:" headline) are metadata, not analysed body text.
        if !in_body(analysis, file, text) {
            continue;
        }
        let other = slot_with(analysis, file, text);
        assert_eq!(
            other.map(|s| &s.id),
            Some(&slot.id),
            "slot {id}: {file}: {text:?} is not in the same slot"
        );
    }
    let values: Vec<f64> = expected["values_in_date_order"]
        .as_array()
        .expect("values")
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect();
    if values.iter().all(|v| !v.is_nan()) {
        assert_eq!(
            slot_values(analysis, slot),
            values,
            "slot {id}: values in report-date order"
        );
    }
    assert_eq!(
        slot.status.as_str(),
        expected["status"].as_str().unwrap_or("?"),
        "slot {id}: status"
    );
}

/// The entity one of whose mentions reads exactly `surface`.
fn entity_named<'a>(analysis: &'a Analysis, surface: &str) -> Option<&'a Entity> {
    analysis
        .comparison
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == surface))
}

fn covered_paths(analysis: &Analysis, entity: &Entity) -> Vec<String> {
    let mut paths: Vec<String> = entity
        .mentions
        .iter()
        .map(|m| path_of(analysis, m))
        .collect();
    paths.dedup();
    paths
}

#[test]
fn demo_slots_match_the_hand_checked_fixture() {
    let analysis = demo_analysis();
    let expected: Value =
        serde_json::from_str(include_str!("fixtures/demo/expected.json")).expect("fixture parses");
    let slots = expected["slots"].as_array().expect("slots");
    let multi_source: Vec<&Value> = slots
        .iter()
        .filter(|s| s["reports"].as_array().is_some_and(|r| r.len() > 1))
        .collect();
    assert!(
        multi_source.len() >= 6,
        "the fixture must keep its multi-source slots"
    );
    for slot in multi_source {
        check_slot(&analysis, slot);
    }
}

#[test]
fn demo_entities_match_the_hand_checked_fixture() {
    let analysis = demo_analysis();
    let expected: Value =
        serde_json::from_str(include_str!("fixtures/demo/expected.json")).expect("fixture parses");
    for group in expected["entities"].as_array().expect("entities") {
        let name = group["name"].as_str().expect("name");
        let entity =
            entity_named(&analysis, name).unwrap_or_else(|| panic!("no entity named {name:?}"));
        let files: Vec<String> = group["files"]
            .as_array()
            .expect("files")
            .iter()
            .filter_map(|f| f.as_str().map(String::from))
            .collect();
        let covered = covered_paths(&analysis, entity);
        let mut forms: Vec<&str> = vec![name];
        forms.extend(
            group["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str()),
        );
        for file in &files {
            // A name that only the headline or byline carries is metadata, not body text.
            if !forms
                .iter()
                .any(|form| body_contains(&analysis, file, form))
            {
                continue;
            }
            assert!(
                covered.contains(file),
                "{name:?} should be named in {file}; covered {covered:?}, aliases {:?}",
                entity.aliases
            );
        }
    }
    for pair in expected["distinct"].as_array().expect("distinct") {
        let (a, b) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or(""),
        );
        let (ea, eb) = (entity_named(&analysis, a), entity_named(&analysis, b));
        if let (Some(ea), Some(eb)) = (ea, eb) {
            assert_ne!(ea.id, eb.id, "{a:?} and {b:?} must stay distinct entities");
        }
    }
}

#[test]
fn seed_death_toll_is_one_rising_slot() {
    let Some(analysis) = seed_analysis() else {
        return;
    };
    let killed: Vec<&Slot> = analysis
        .comparison
        .slots
        .iter()
        .filter(|s| s.measure.as_str() == "killed" && s.parent.is_none() && s.label.is_none())
        .collect();
    assert_eq!(killed.len(), 1, "one death-toll slot: {killed:#?}");
    assert_eq!(
        slot_values(&analysis, killed[0]),
        vec![60.0, 93.0, 137.0, 143.0, 144.0]
    );
    assert_eq!(killed[0].status.as_str(), "update");
    let injured: Vec<&Slot> = analysis
        .comparison
        .slots
        .iter()
        .filter(|s| s.measure.as_str() == "injured")
        .collect();
    assert_eq!(injured.len(), 1);
    assert_eq!(injured[0].members.len(), 2);
    assert_eq!(injured[0].status.as_str(), "agree");
}

#[test]
fn seed_khorasan_branch_and_islamic_state_are_two_rows() {
    let Some(analysis) = seed_analysis() else {
        return;
    };
    let branch = entity_named(&analysis, "ISIS-K").expect("an entity for ISIS-K");
    for alias in ["IS-K", "Islamic State in Khorasan"] {
        assert!(
            branch.aliases.iter().any(|a| a == alias),
            "{alias} belongs with ISIS-K: {:?}",
            branch.aliases
        );
    }
    assert!(
        branch.aliases.iter().any(|a| a.contains("ISIS Khorasan")),
        "{:?}",
        branch.aliases
    );
    let covered: Vec<String> = covered_paths(&analysis, branch)
        .iter()
        .map(|p| p[..3].to_string())
        .collect();
    assert_eq!(covered, ["000", "001", "002", "004"]);

    let group = entity_named(&analysis, "ISIS").expect("an entity for ISIS");
    assert_ne!(group.id, branch.id);
    assert!(
        group.aliases.iter().any(|a| a.starts_with("Islamic State")),
        "{:?}",
        group.aliases
    );
    assert_eq!(
        covered_paths(&analysis, group).len(),
        5,
        "{:?}",
        group.aliases
    );
}

/// Each entity as the set of (file, name start) it holds, so analyses of the same files in different orders compare.
fn partition(analysis: &Analysis) -> std::collections::BTreeSet<Vec<(String, usize)>> {
    analysis
        .comparison
        .entities
        .iter()
        .map(|entity: &Entity| {
            let mut members: Vec<(String, usize)> = entity
                .mentions
                .iter()
                .map(|m| {
                    let start = analysis.extracted[m.article].names[m.index].span.start;
                    (path_of(analysis, m), start)
                })
                .collect();
            members.sort();
            members
        })
        .collect()
}

/// Asserts that `files` give the same entities forwards, backwards and rotated.
fn check_order_free(what: &str, files: Vec<(String, Vec<u8>)>) {
    let forward = partition(&load(&files));
    let mut reversed = files.clone();
    reversed.reverse();
    assert_eq!(partition(&load(&reversed)), forward, "{what}, reversed");
    let mut rotated = files;
    rotated.rotate_left(2);
    assert_eq!(partition(&load(&rotated)), forward, "{what}, rotated");
}

#[test]
fn entities_do_not_depend_on_file_order() {
    let files: Vec<(String, Vec<u8>)> = demo::FILES
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    check_order_free("demo", files);
    // Two ECB+ clusters whose entities once changed with the order ("U.N." took "U.S. Navy" when it came first).
    let Some(shared) = common::shared() else {
        eprintln!("skipped the ECB+ clusters: ../shared is absent");
        return;
    };
    for cluster in ["12_ecb", "20_ecbplus"] {
        let dir = shared.join("data/ecbplus/clusters").join(cluster);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: {} is absent", dir.display());
            continue;
        };
        let mut files: Vec<(String, Vec<u8>)> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
            .map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).expect("readable article"))
            })
            .collect();
        files.sort();
        check_order_free(cluster, files);
    }
}
