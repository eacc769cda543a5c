//! The `corroborate` binary as users and the evaluation call it: the JSON contract, the text report, exit codes.

mod common;

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/cli")
        .join(name)
        .display()
        .to_string()
}

/// Runs `analyze --json` and checks the contract's shape: every span indexes its article's text.
fn check_contract(args: &[&str]) -> Value {
    let mut full = vec!["analyze", "--json"];
    full.extend_from_slice(args);
    let out = run(&full);
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON object");
    for key in [
        "articles",
        "entities",
        "slots",
        "claims",
        "similarity",
        "copies",
        "warnings",
    ] {
        assert!(json.get(key).is_some(), "missing top-level key {key}");
    }
    for article in json["articles"].as_array().expect("articles") {
        let text = article["text"].as_str().expect("text");
        for list in ["entities", "dates", "figures"] {
            for item in article[list].as_array().expect("list") {
                let (start, end) = (
                    item["start"].as_u64().unwrap() as usize,
                    item["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(
                    text.get(start..end),
                    item["text"].as_str(),
                    "{list} span must index the text"
                );
            }
        }
    }
    json
}

#[test]
fn demo_json_follows_the_contract() {
    let json = check_contract(&["--demo"]);
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(5));
    let slot_ids: Vec<&str> = json["slots"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    for article in json["articles"].as_array().unwrap() {
        for figure in article["figures"].as_array().unwrap() {
            assert!(
                slot_ids.contains(&figure["slot"].as_str().unwrap_or("")),
                "every figure has a slot"
            );
        }
    }
}

#[test]
fn one_bad_file_is_reported_and_the_rest_analysed() {
    let good = fixture("good.txt");
    let empty = fixture("empty.txt");
    let json = check_contract(&[&good, &empty, "no-such-file.txt"]);
    assert_eq!(json["articles"].as_array().map(Vec::len), Some(1));
    let warnings = json["warnings"].as_array().unwrap();
    let paths: Vec<&str> = warnings.iter().filter_map(|w| w["path"].as_str()).collect();
    assert!(
        paths.iter().any(|p| p.ends_with("empty.txt")),
        "{warnings:?}"
    );
    assert!(paths.contains(&"no-such-file.txt"), "{warnings:?}");
    assert!(warnings
        .iter()
        .all(|w| !w["message"].as_str().unwrap_or("").is_empty()));
}

#[test]
fn nothing_readable_exits_non_zero_with_a_message() {
    let out = run(&["analyze", &fixture("empty.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt") && stderr.contains("nothing could be read"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_say_what_is_wrong() {
    for (args, needle) in [
        (vec![], "Usage"),
        (vec!["frobnicate"], "unknown command"),
        (vec!["analyze"], "no files given"),
        (vec!["analyze", "--colour"], "unknown option"),
        (vec!["analyze", "--edits"], "needs a file"),
        (
            vec!["analyze", "--edits", "/nonexistent/e.json"],
            "cannot read",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{args:?}"
        );
    }
}

#[test]
fn text_report_names_sources_and_slots() {
    let out = run(&["analyze", "--demo"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Sources (5)"), "{text}");
    assert!(
        text.contains("Figures (") && text.contains("Entities ("),
        "{text}"
    );
}

#[test]
fn edits_from_a_file_merge_and_split_entities() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edits");
    let file = |name: &str| dir.join(name).display().to_string();
    let (a, b, edits) = (file("a.txt"), file("b.txt"), file("cli-edits.json"));
    let json = check_contract(&["--edits", &edits, &a, &b]);
    let names: Vec<&str> = json["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .filter_map(|e| e["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Brennik") && names.contains(&"Brennik Lines"),
        "{names:?}"
    );
    let warned = json["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|w| {
            w["message"]
                .as_str()
                .is_some_and(|m| m.contains("Nobody Here"))
        });
    assert!(warned, "the edit that matches nothing is a warning");
    let bad = run(&["analyze", "--edits", &a, &b]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a list of edits"));
}

/// The committed name model is the one `train-ner` makes from the current code and word lists, bit for bit: a
/// change to the features or to the word lists they read must come with a retrained `assets/ner.bin`.
#[test]
fn committed_model_is_what_train_ner_makes() {
    let Some(shared) = common::shared().filter(|s| s.join("data/conll2003").is_dir()) else {
        println!("skipped: the CoNLL-2003 data is absent");
        return;
    };
    let out_path = std::env::temp_dir().join(format!("corroborate-ner-{}.bin", std::process::id()));
    let data = shared.join("data");
    let out = run(&[
        "train-ner",
        "--data",
        &data.display().to_string(),
        "--out",
        &out_path.display().to_string(),
    ]);
    assert!(
        out.status.success(),
        "train-ner failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let trained = std::fs::read(&out_path).expect("train-ner wrote the model");
    let _ = std::fs::remove_file(&out_path);
    let committed = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/ner.bin"))
        .expect("assets/ner.bin is committed");
    assert!(
        trained == committed,
        "assets/ner.bin is not what `corroborate train-ner` makes now ({} bytes against {}): run it and commit the file",
        trained.len(),
        committed.len()
    );
}
