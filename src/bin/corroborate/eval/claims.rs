//! Claims against hand-checked fixtures: the seed claims (`tests/fixtures/claims/seeds.json`, sentences picked
//! by keywords so that no seed text is copied) and the demo's claims (`tests/fixtures/demo/expected.json`).
//!
//! Alignment is scored pairwise over the fixture's distinct evidence sentences: two sentences of one fixture claim
//! should share a claim of ours, and two of different claims should not. A sentence may make several claims, both
//! in a fixture and in ours, so "share" means sharing any. The state (stated or contradicted) of every evidence
//! sentence is scored in the row of ours that holds most of its fixture claim's other evidence, in whichever
//! orientation of that row agrees with more of the claim's evidence (a row may state the negation).
//! With `CORROBORATE_CLAIMS_DUMP` set, every row of ours and where each evidence sentence landed are printed.

use super::{read_json, row, Counts};
use corroborate::analysis::{analyze_with, demo, ingest, Analysis, Article, ClaimState};
use serde_json::Value;
use std::path::Path;

/// One evidence sentence: article, sentence index, fixture claim, whether the fixture says it contradicts.
struct Evidence {
    article: usize,
    sentence: usize,
    claim: usize,
    contradicts: bool,
}

/// The sentence of `article` that the locator picks: a quoted substring, or keywords that must all occur.
fn locate(analysis: &Analysis, article: usize, locator: &Value) -> Option<usize> {
    let text = &analysis.articles[article].text;
    let sentences = &analysis.extracted[article].segments.sentences;
    let matches = |s: &str| match locator {
        Value::String(quote) => s.contains(quote.as_str()),
        Value::Array(words) => {
            let lower = s.to_lowercase();
            words
                .iter()
                .filter_map(Value::as_str)
                .all(|w| lower.contains(&w.to_lowercase()))
        }
        _ => false,
    };
    let hits: Vec<usize> = (0..sentences.len())
        .filter(|&i| matches(sentences[i].span.of(text)))
        .collect();
    // A locator that picks several sentences is ambiguous; the first is taken and the fixture should be fixed.
    hits.first().copied()
}

/// Scores one set of articles against its fixture claims; returns (pair counts, states right, states scored).
fn score(analysis: &Analysis, claims: &[Value], name: &str) -> (Counts, usize, usize) {
    let index_of = |file: &str| {
        analysis
            .articles
            .iter()
            .position(|a| a.path.ends_with(file))
    };
    let mut evidence: Vec<Evidence> = Vec::new();
    for (c, claim) in claims.iter().enumerate() {
        // Two fixture layouts: {stated: {file: locator}, contradicted: {...}} and the demo's
        // {stated_by, contradicted_by, evidence: {file: quote}}.
        let mut add = |file: &str, locator: &Value, contradicts: bool| {
            let located = index_of(file).and_then(|a| locate(analysis, a, locator).map(|s| (a, s)));
            match located {
                Some((article, sentence)) => evidence.push(Evidence {
                    article,
                    sentence,
                    claim: c,
                    contradicts,
                }),
                None => println!("  {name}: evidence not found in {file}: {locator}"),
            }
        };
        for (key, contradicts) in [("stated", false), ("contradicted", true)] {
            for (file, locator) in claim[key].as_object().into_iter().flatten() {
                add(file, locator, contradicts);
            }
        }
        let contradicted: Vec<&str> = claim["contradicted_by"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        // A source may give the claim in more than one sentence: a list of quotes.
        for (file, locators) in claim["evidence"].as_object().into_iter().flatten() {
            let locators = match locators {
                Value::Array(many) => many.clone(),
                one => vec![one.clone()],
            };
            for locator in &locators {
                add(file, locator, contradicted.contains(&file.as_str()));
            }
        }
    }
    let comparison = &analysis.comparison;
    // A sentence may make several claims, so it may sit in several rows of ours: every (row, state) holding it.
    let ours: Vec<Vec<(usize, ClaimState)>> = evidence
        .iter()
        .map(|e| {
            comparison
                .claims
                .iter()
                .enumerate()
                .filter_map(|(k, claim)| {
                    let cell = claim.cells.get(e.article)?;
                    cell.sentences
                        .contains(&e.sentence)
                        .then_some((k, cell.state))
                })
                .collect()
        })
        .collect();
    if std::env::var_os("CORROBORATE_CLAIMS_DUMP").is_some() {
        dump(analysis, &evidence, &ours);
    }
    let share = |i: usize, j: usize| ours[i].iter().any(|a| ours[j].iter().any(|b| a.0 == b.0));
    // Pairs are over distinct evidence sentences; a sentence that makes two fixture claims belongs to both, so
    // two sentences belong together when they share any fixture claim, and ours put them together when they
    // share any row.
    let gold_claims = |i: usize| -> Vec<usize> {
        let key = (evidence[i].article, evidence[i].sentence);
        evidence
            .iter()
            .filter(|e| (e.article, e.sentence) == key)
            .map(|e| e.claim)
            .collect()
    };
    let mut distinct: Vec<usize> = Vec::new();
    for (i, e) in evidence.iter().enumerate() {
        if !distinct
            .iter()
            .any(|&d| (evidence[d].article, evidence[d].sentence) == (e.article, e.sentence))
        {
            distinct.push(i);
        }
    }
    let mut pairs = Counts::default();
    for (x, &i) in distinct.iter().enumerate() {
        for &j in &distinct[x + 1..] {
            let (gi, gj) = (gold_claims(i), gold_claims(j));
            let gold_same = gi.iter().any(|c| gj.contains(c));
            match (gold_same, share(i, j)) {
                (true, true) => pairs.tp += 1,
                (false, true) => pairs.fp += 1,
                (true, false) => pairs.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    // The state scored for an evidence sentence is its state in the row of ours that holds most of the other
    // evidence of its fixture claim. A row may word the claim the other way round ("the sirens never sounded",
    // stated by those who deny they sounded), so each fixture claim is scored in the orientation of that row
    // that agrees with more of its evidence: a claim and its negation are one row of the grid.
    let row_of = |i: usize| {
        let e = &evidence[i];
        ours[i]
            .iter()
            .max_by_key(|(k, _)| {
                let partners = (0..evidence.len())
                    .filter(|&j| j != i && evidence[j].claim == e.claim)
                    .filter(|&j| ours[j].iter().any(|b| b.0 == *k))
                    .count();
                (partners, std::cmp::Reverse(*k))
            })
            .copied()
    };
    let (mut right, mut scored) = (0, 0);
    let n_claims = evidence.iter().map(|e| e.claim + 1).max().unwrap_or(0);
    for claim in 0..n_claims {
        // Per row of ours: (evidence agreeing as worded, evidence agreeing when flipped).
        let mut tallies: Vec<(usize, usize, usize)> = Vec::new();
        for (i, e) in evidence
            .iter()
            .enumerate()
            .filter(|(_, e)| e.claim == claim)
        {
            let Some((row, state)) = row_of(i) else {
                continue;
            };
            scored += 1;
            let agrees = (state == ClaimState::Contradicted) == e.contradicts;
            match tallies.iter_mut().find(|t| t.0 == row) {
                Some(t) => {
                    t.1 += usize::from(agrees);
                    t.2 += usize::from(!agrees);
                }
                None => tallies.push((row, usize::from(agrees), usize::from(!agrees))),
            }
        }
        right += tallies.iter().map(|t| t.1.max(t.2)).sum::<usize>();
    }
    (pairs, right, scored)
}

/// Prints every claim of ours with its sentences, then where each evidence sentence landed, for debugging.
fn dump(analysis: &Analysis, evidence: &[Evidence], ours: &[Vec<(usize, ClaimState)>]) {
    let sentence = |a: usize, s: usize| {
        let text = &analysis.articles[a].text;
        analysis.extracted[a]
            .segments
            .sentences
            .get(s)
            .map(|x| x.span.of(text).chars().take(110).collect::<String>())
            .unwrap_or_default()
    };
    for (k, claim) in analysis.comparison.claims.iter().enumerate() {
        println!("  claim {k} ({})", claim.id);
        for (a, cell) in claim.cells.iter().enumerate() {
            for &s in &cell.sentences {
                println!("    [{a}:{s}] {:?} {}", cell.state, sentence(a, s));
            }
        }
    }
    for (e, found) in evidence.iter().zip(ours) {
        println!(
            "  gold {} [{}:{}] {}{} -> {:?}",
            e.claim,
            e.article,
            e.sentence,
            if e.contradicts { "(contra) " } else { "" },
            sentence(e.article, e.sentence),
            found
        );
    }
}

/// Prints the claims table.
pub fn run(data: &Path, project: &Path) {
    println!("\n== Claims: alignment of hand-checked claims across sources (pairwise over evidence sentences)");
    let options = crate::options(false);
    // The seeds, when the shared data sits beside the project.
    let seeds = data.parent().map(|shared| shared.join("seeds"));
    let fixture = read_json(&project.join("tests/fixtures/claims/seeds.json"));
    match (seeds.filter(|d| d.is_dir()), fixture) {
        (Some(dir), Ok(fixture)) => {
            let files = super::sorted_entries(&dir, Path::is_file).unwrap_or_default();
            let articles: Vec<Article> = files
                .iter()
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    ingest(&name, &std::fs::read(p).ok()?).ok()
                })
                .collect();
            let analysis = analyze_with(articles, &options);
            let claims = fixture["claims"].as_array().cloned().unwrap_or_default();
            let (pairs, right, scored) = score(&analysis, &claims, "seeds");
            row("seeds claim pairs", &pairs);
            println!("  {:<28} {right} of {scored} right", "seeds states");
        }
        (None, _) => println!("  skipped seeds: ../shared/seeds is absent"),
        (_, Err(e)) => println!("  skipped seeds: {e}"),
    }
    let articles: Vec<Article> = demo::FILES
        .iter()
        .filter_map(|(name, bytes)| ingest(name, bytes).ok())
        .collect();
    let analysis = analyze_with(articles, &options);
    match read_json(&project.join("tests/fixtures/demo/expected.json")) {
        Ok(expected) => {
            let claims = expected["claims"].as_array().cloned().unwrap_or_default();
            let (pairs, right, scored) = score(&analysis, &claims, "demo");
            row("demo claim pairs", &pairs);
            println!("  {:<28} {right} of {scored} right", "demo states");
        }
        Err(e) => println!("  skipped demo: {e}"),
    }
}
