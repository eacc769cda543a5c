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

/// The committed tagger model, when `assets/ner.bin` is present.
pub fn ner_model() -> Option<corroborate::analysis::tagger::NerModel> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/ner.bin");
    let bytes = std::fs::read(path).ok()?;
    corroborate::analysis::tagger::NerModel::from_bytes(&bytes).ok()
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

/// Scores of a name extractor on CoNLL-2003 dev: exact-span counts per type (PER, ORG, LOC) and speed.
pub struct ConllScore {
    /// The scored types, in the order of `counts`.
    pub types: [&'static str; 3],
    /// Per type: (true positives, predicted, gold).
    pub counts: [(usize, usize, usize); 3],
    /// Bytes of text tagged.
    pub bytes: usize,
    /// Seconds spent in the extractor.
    pub seconds: f64,
}

impl ConllScore {
    /// Precision, recall and F1 of type `k`, or of all types together when `k` is `None`.
    pub fn prf(&self, k: Option<usize>) -> (f64, f64, f64) {
        let (tp, pred, gold) = match k {
            Some(k) => self.counts[k],
            None => self
                .counts
                .iter()
                .fold((0, 0, 0), |a, c| (a.0 + c.0, a.1 + c.1, a.2 + c.2)),
        };
        let p = tp as f64 / pred.max(1) as f64;
        let r = tp as f64 / gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

/// Our labels as CoNLL scores them: PERSON to PER, ORG to ORG, GPE/LOC/FAC to LOC; others are not scored.
pub fn conll_type(label: corroborate::analysis::Label) -> Option<&'static str> {
    use corroborate::analysis::Label;
    match label {
        Label::Person => Some("PER"),
        Label::Org => Some("ORG"),
        Label::Gpe | Label::Loc | Label::Fac => Some("LOC"),
        _ => None,
    }
}

/// Runs `find` over every CoNLL-2003 dev document and scores exact spans; `None` (with a note) when the data is absent.
/// With `NAMES_ERRORS` set, every false positive and false negative is printed.
pub fn conll_dev(
    find: impl Fn(&str) -> Vec<corroborate::analysis::NameMention>,
) -> Option<ConllScore> {
    use std::collections::HashSet;
    let Some(data) = shared()
        .map(|d| d.join("data/conll2003"))
        .filter(|d| d.join("dev.docs.jsonl").is_file())
    else {
        println!("skipped: ../shared/data/conll2003 is absent");
        return None;
    };
    let jsonl = std::fs::read_to_string(data.join("dev.docs.jsonl")).ok()?;
    let show_errors = std::env::var("NAMES_ERRORS").is_ok();
    let types = ["PER", "ORG", "LOC"];
    let mut score = ConllScore {
        types,
        counts: [(0, 0, 0); 3],
        bytes: 0,
        seconds: 0.0,
    };
    for line in jsonl.lines() {
        let Ok(doc) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(text) = doc["file"]
            .as_str()
            .and_then(|file| std::fs::read_to_string(data.join(file)).ok())
        else {
            continue;
        };
        // Gold offsets count code points; spans here count bytes.
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut gold: HashSet<(&str, usize, usize)> = HashSet::new();
        for e in doc["entities"].as_array().into_iter().flatten() {
            let (Some(t), Some(s), Some(en)) =
                (e["type"].as_str(), e["start"].as_u64(), e["end"].as_u64())
            else {
                continue;
            };
            let Some(t) = types.into_iter().find(|x| *x == t) else {
                continue;
            };
            if let (Some(&s), Some(&en)) = (byte_at.get(s as usize), byte_at.get(en as usize)) {
                gold.insert((t, s, en));
            }
        }
        let clock = std::time::Instant::now();
        let found = find(&text);
        score.seconds += clock.elapsed().as_secs_f64();
        score.bytes += text.len();
        let pred: HashSet<(&str, usize, usize)> = found
            .iter()
            .filter_map(|n| conll_type(n.label).map(|t| (t, n.span.start, n.span.end)))
            .collect();
        for (k, t) in types.iter().enumerate() {
            let c = &mut score.counts[k];
            c.0 += pred
                .iter()
                .filter(|p| p.0 == *t && gold.contains(p))
                .count();
            c.1 += pred.iter().filter(|p| p.0 == *t).count();
            c.2 += gold.iter().filter(|g| g.0 == *t).count();
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
    Some(score)
}
