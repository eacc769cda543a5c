//! Copies as one origin: sources linked by copy pairs form one group, and a group counts once as a report.
//!
//! The fixture `tests/fixtures/copies/` holds an invented wire story, a reprint of it with light edits (a new
//! headline, a few words changed, the last paragraph replaced), and an independent report of the same event.

use corroborate::analysis::similarity::{copy_groups, independent, COPY_THRESHOLD};
use corroborate::analysis::{analyze, ingest, report};
use std::path::PathBuf;

fn load(files: &[&str]) -> corroborate::analysis::Analysis {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/copies");
    let articles = files
        .iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(name)).expect("fixture file");
            ingest(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
        })
        .collect();
    analyze(articles)
}

#[test]
fn a_reprint_with_light_edits_is_one_origin() {
    let analysis = load(&["own.txt", "wire.txt", "reprint.txt"]);
    let similarity = &analysis.comparison.similarity;
    assert!(
        similarity[1][2] >= COPY_THRESHOLD,
        "the reprint shares {} of its wording",
        similarity[1][2]
    );
    assert!(similarity[0][1] < COPY_THRESHOLD && similarity[0][2] < COPY_THRESHOLD);
    assert_eq!(analysis.comparison.copies, vec![vec![1, 2]]);
    assert_eq!(independent(0..3, &analysis.comparison.copies), 2);
    let json = report::to_json(&analysis, &[]);
    assert_eq!(json["copies"], serde_json::json!([[1, 2]]));
    let alone = load(&["own.txt", "wire.txt"]);
    assert!(alone.comparison.copies.is_empty());
}

/// Checks the groups of a similarity matrix given as its upper triangle, row by row.
fn check(n: usize, upper: &[(usize, usize, f32)], want: &[&[usize]]) {
    let mut m = vec![vec![0.0f32; n]; n];
    for (i, row) in m.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for &(a, b, v) in upper {
        m[a][b] = v;
        m[b][a] = v;
    }
    let got = copy_groups(&m, COPY_THRESHOLD);
    let want: Vec<Vec<usize>> = want.iter().map(|g| g.to_vec()).collect();
    assert_eq!(got, want, "{upper:?}");
}

#[test]
fn groups_are_linked_copies() {
    check(0, &[], &[]);
    check(1, &[], &[]);
    check(3, &[(0, 1, 0.49)], &[]);
    check(3, &[(0, 1, 0.5)], &[&[0, 1]]);
    // A reprint of a reprint joins the group even when it shares less with the first.
    check(4, &[(0, 2, 0.9), (2, 3, 0.6), (0, 3, 0.3)], &[&[0, 2, 3]]);
    check(
        6,
        &[(4, 5, 0.7), (1, 3, 0.8), (0, 2, 0.2)],
        &[&[1, 3], &[4, 5]],
    );
    // Two groups joined late by a pair between their last members become one.
    check(
        4,
        &[(0, 3, 0.6), (1, 2, 0.6), (2, 3, 0.6)],
        &[&[0, 1, 2, 3]],
    );
}

#[test]
fn independent_counts_one_per_origin() {
    let copies = vec![vec![0, 3], vec![1, 4, 5]];
    let cases: [(&[usize], usize); 6] = [
        (&[], 0),
        (&[2], 1),
        (&[0, 3], 1),
        (&[0, 1, 2, 3], 3),
        (&[0, 1, 2, 3, 4, 5, 6], 4),
        (&[3, 3, 5], 2),
    ];
    for (sources, want) in cases {
        assert_eq!(
            independent(sources.iter().copied(), &copies),
            want,
            "{sources:?}"
        );
    }
}
