//! Helpers shared by the integration tests: where the shared data is, the nasty texts every extractor must
//! survive, and the report of a fixture table's failures.

// Each test file uses some of these helpers, not all.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared development folder (`data/`, `seeds/`): `$CORROBORATE_SHARED`, else `../shared` beside the
/// repository, else `../../shared` beside a worktree folder; `None` when absent, and the caller skips.
pub fn shared() -> Option<PathBuf> {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::env::var_os("CORROBORATE_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .chain(["../shared", "../../shared"].iter().map(|up| repo.join(up)))
        .find(|p| p.join("data").is_dir() || p.join("seeds").is_dir())
}

/// Texts that have broken text tools before: empty, odd white space and scripts, long runs, stray punctuation.
pub fn nasty_texts() -> Vec<String> {
    vec![
        String::new(),
        "   \n\t ".to_string(),
        "President Putin said.\r\nThe U.N. Security Council met in New York.\r\n".to_string(),
        "😀 Moscow 😀 ISIS-K's claim 👍🏽 Crocus City Hall".to_string(),
        "Ame\u{301}lie Poulain met Jose\u{301} in Paris.".to_string(),
        "قال الرئيس فلاديمير بوتين في موسكو Putin".to_string(),
        "שלום Jerusalem עולם".to_string(),
        "a".repeat(100_000),
        "Moscow ".repeat(20_000),
        "'s 's ' - -- -K K- al- -al U.S U. . .. Mr. Mr".to_string(),
        "THE U.S. AND RUSSIA'S IS WHO".to_string(),
    ]
}

/// Fails with every failed case of a fixture table listed, and when the table has fewer cases than it should.
pub fn assert_all_passed(failures: &[String], n_cases: usize, min_cases: usize) {
    assert!(
        n_cases >= min_cases,
        "only {n_cases} fixture cases (at least {min_cases} expected)"
    );
    assert!(
        failures.is_empty(),
        "{} of {n_cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
