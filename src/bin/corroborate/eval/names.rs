//! Names against CoNLL-2003 dev: exact-span PER/ORG/LOC scores, ours beside compromise's on the same texts;
//! then the same scores on IE-ER's newswire as an independent check.
//!
//! Two rows sets are ours: the learned tagger (`assets/ner.bin`, when present) and the rules alone.
//! Our labels map as DESIGN.md §3 says: PERSON to PER, ORG to ORG, GPE, LOC and FAC to LOC; MISC, NORP and EVENT are not scored.
//!
//! The tagger learned from CoNLL's training split, Reuters copy of August 1996 that was tokenised before it was
//! rebuilt as text. IE-ER is other agencies' copy from 1998 in its own untyped spacing, what users paste: how far
//! its scores fall below CoNLL dev's is the best estimate here of how the names hold up on text the model never saw.
//! Its conventions differ in places (a title inside an organisation, "optional" names that either answer is right
//! for), so the figure is a check on generalisation and not a second bar.

use super::{byte_at, char_to_byte, row, Counts};
use corroborate::analysis::tagger::NerModel;
use corroborate::analysis::{names, segment, Label, Span};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// Scored names per document: (CoNLL type, start byte, end byte).
type Found = Vec<NameSet>;

/// The names found in one document, as (CoNLL type, byte start, byte end).
type NameSet = HashSet<(&'static str, usize, usize)>;

fn conll_type(label: Label) -> Option<&'static str> {
    match label {
        Label::Person => Some("PER"),
        Label::Org => Some("ORG"),
        Label::Gpe | Label::Loc | Label::Fac => Some("LOC"),
        _ => None,
    }
}

/// One document: its text, the gold (type, byte span) set, and spans that count neither way when found.
struct Doc {
    text: String,
    gold: NameSet,
    optional: HashSet<(usize, usize)>,
}

/// CoNLL-2003 dev's documents with their PER, ORG and LOC names.
fn load(data: &Path) -> Result<Vec<Doc>, String> {
    load_jsonl(&data.join("conll2003"), "dev.docs.jsonl", |kind| {
        TYPES.iter().find(|t| **t == kind).copied()
    })
}

/// IE-ER's documents with their PERSON, ORGANIZATION and LOCATION names as PER, ORG and LOC. A name marked
/// optional is left out of the gold, and finding it is no error either (MUC's rule for names the annotators
/// could not agree on).
fn load_ieer(data: &Path) -> Result<Vec<Doc>, String> {
    load_jsonl(&data.join("ieer"), "ieer.jsonl", |kind| match kind {
        "PERSON" => Some("PER"),
        "ORGANIZATION" => Some("ORG"),
        "LOCATION" => Some("LOC"),
        _ => None,
    })
}

/// The documents listed in `base/index` (one JSON record a line: `file`, `entities` with `type`, `start`, `end`
/// in code points and an optional `optional`), each entity typed by `scored` or left out.
fn load_jsonl(
    base: &Path,
    index: &str,
    scored: impl Fn(&str) -> Option<&'static str>,
) -> Result<Vec<Doc>, String> {
    let lines = std::fs::read_to_string(base.join(index))
        .map_err(|e| format!("{}: {e}", base.join(index).display()))?;
    let mut docs = Vec::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let file = record["file"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(base.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let map = char_to_byte(&text);
        let (mut gold, mut optional) = (HashSet::new(), HashSet::new());
        for entity in record["entities"].as_array().into_iter().flatten() {
            let Some(kind) = scored(entity["type"].as_str().unwrap_or_default()) else {
                continue;
            };
            let start = byte_at(&map, entity["start"].as_u64().unwrap_or(0) as usize);
            let end = byte_at(&map, entity["end"].as_u64().unwrap_or(0) as usize);
            if entity["optional"].as_bool() == Some(true) {
                optional.insert((start, end));
            } else {
                gold.insert((kind, start, end));
            }
        }
        docs.push(Doc {
            text,
            gold,
            optional,
        });
    }
    Ok(docs)
}

/// Scores predictions per type and in total.
fn score(docs: &[Doc], predicted: &[NameSet]) -> (HashMap<&'static str, Counts>, Counts) {
    let mut per_type: HashMap<&'static str, Counts> = HashMap::new();
    let mut micro = Counts::default();
    for (doc, pred) in docs.iter().zip(predicted) {
        for kind in TYPES {
            let gold: HashSet<_> = doc.gold.iter().filter(|g| g.0 == kind).collect();
            let ours: HashSet<_> = pred
                .iter()
                .filter(|p| p.0 == kind && !doc.optional.contains(&(p.1, p.2)))
                .collect();
            let tp = gold.intersection(&ours).count();
            let counts = Counts {
                tp,
                fp: ours.len() - tp,
                fn_: gold.len() - tp,
            };
            per_type.entry(kind).or_default().add(counts);
            micro.add(counts);
        }
    }
    (per_type, micro)
}

fn print_scores(who: &str, per_type: &HashMap<&'static str, Counts>, micro: &Counts) {
    for kind in TYPES {
        row(
            &format!("{who} {kind}"),
            per_type.get(kind).unwrap_or(&Counts::default()),
        );
    }
    row(&format!("{who} micro"), micro);
}

/// compromise's matches carry trailing punctuation and possessives ("Scotland.", "Norfolk's", "Leeds)");
/// they are trimmed so that it is scored on the name alone, as we are. An acronym keeps its final dot ("U.S.").
fn fair_span(text: &str, span: Span) -> Span {
    let mut s = span.of(text);
    let lead = s.len() - s.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    s = &s[lead..];
    loop {
        let before = s.len();
        s = s
            .strip_suffix("'s")
            .or_else(|| s.strip_suffix("\u{2019}s"))
            .unwrap_or(s);
        s = s.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, ')' | '(' | ',' | ';' | ':' | '!' | '?' | '"' | '\'')
        });
        let acronym = s.len() > 2 && s[..s.len() - 1].contains('.');
        if s.ends_with('.') && !acronym {
            s = &s[..s.len() - 1];
        }
        if s.len() == before {
            break;
        }
    }
    Span::new(span.start + lead, span.start + lead + s.len())
}

/// Runs compromise (npm, evaluation only) over the texts through `scripts/eval/compromise.mjs`.
fn compromise(project: &Path, docs: &[Doc]) -> Result<Found, String> {
    let script = project.join("scripts/eval/compromise.mjs");
    if !project
        .join("scripts/eval/node_modules/compromise")
        .is_dir()
    {
        return Err("compromise is not installed (scripts/setup installs it)".into());
    }
    let input = std::env::temp_dir().join(format!("corroborate-eval-{}.json", std::process::id()));
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    std::fs::write(
        &input,
        serde_json::to_string(&texts).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let out = Command::new("node")
        .arg(&script)
        .arg(&input)
        .output()
        .map_err(|e| format!("node: {e}"))?;
    let _ = std::fs::remove_file(&input);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let result: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let mut predicted = Vec::new();
    for (doc, found) in docs
        .iter()
        .zip(result["docs"].as_array().into_iter().flatten())
    {
        // compromise reports UTF-16 offsets, as JavaScript strings index.
        let mut utf16_to_byte = Vec::new();
        for (b, c) in doc.text.char_indices() {
            for _ in 0..c.len_utf16() {
                utf16_to_byte.push(b);
            }
        }
        utf16_to_byte.push(doc.text.len());
        let mut set = HashSet::new();
        for item in found.as_array().into_iter().flatten() {
            let kind = match item["type"].as_str() {
                Some("PER") => "PER",
                Some("ORG") => "ORG",
                Some("LOC") => "LOC",
                _ => continue,
            };
            let start = byte_at(&utf16_to_byte, item["start"].as_u64().unwrap_or(0) as usize);
            let end = byte_at(&utf16_to_byte, item["end"].as_u64().unwrap_or(0) as usize);
            let span = fair_span(&doc.text, Span::new(start, end));
            set.insert((kind, span.start, span.end));
        }
        predicted.push(set);
    }
    let seconds = result["seconds"].as_f64().unwrap_or(0.0);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "  compromise time: {seconds:.2} s for {:.2} MB ({:.3} MB/s, node)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds.max(1e-9)
    );
    Ok(predicted)
}

/// Our scored names per document, with the model or the rules alone, and the speed in MB/s (segmentation included).
fn ours(docs: &[Doc], model: Option<&NerModel>) -> (Found, f64) {
    let started = std::time::Instant::now();
    let predicted = docs
        .iter()
        .map(|doc| {
            let segments = segment(&doc.text, Span::new(0, doc.text.len()));
            names::extract_with(&doc.text, &segments, model)
                .into_iter()
                .filter_map(|m| conll_type(m.label).map(|t| (t, m.span.start, m.span.end)))
                .collect()
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    (predicted, bytes as f64 / 1e6 / seconds.max(1e-9))
}

/// The tagger's own speed in MB/s: segmentation done beforehand, the best of three runs.
fn tagging_speed(docs: &[Doc], model: &NerModel) -> f64 {
    let segmented: Vec<_> = docs
        .iter()
        .map(|d| segment(&d.text, Span::new(0, d.text.len())))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let mut n_names = 0;
        for (doc, segments) in docs.iter().zip(&segmented) {
            n_names += model.tag(&doc.text, segments).len();
        }
        std::hint::black_box(n_names);
        best = best.min(started.elapsed().as_secs_f64());
    }
    bytes as f64 / 1e6 / best.max(1e-9)
}

/// Prints the names tables: CoNLL dev with compromise beside ours, then IE-ER.
pub fn run(data: &Path, project: &Path) {
    println!("\n== Names: CoNLL-2003 dev, exact span (PER/ORG/LOC)");
    let model = load_model(project);
    match load(data) {
        Ok(docs) => {
            print_counts(&docs);
            score_ours(&docs, model.as_ref());
            match compromise(project, &docs) {
                Ok(theirs) => {
                    let (per_type, micro) = score(&docs, &theirs);
                    print_scores("compromise", &per_type, &micro);
                }
                Err(e) => println!("  compromise skipped: {e}"),
            }
        }
        Err(e) => println!("  skipped: {e}"),
    }
    println!("\n== Names: IE-ER newswire, exact span (independent check: other agencies, other years, untokenised)");
    match load_ieer(data) {
        Ok(docs) => {
            print_counts(&docs);
            score_ours(&docs, model.as_ref());
        }
        Err(e) => println!("  skipped: {e}"),
    }
}

/// With `EVAL_VERBOSE`, each name we got wrong and each we missed, with its document's number, so that an
/// error's kind (boundary, type, invented, unseen) can be read off.
fn print_errors(docs: &[Doc], predicted: &[NameSet]) {
    for (n, (doc, pred)) in docs.iter().zip(predicted).enumerate() {
        let mut lines = Vec::new();
        for p in pred
            .iter()
            .filter(|p| !doc.gold.contains(*p) && !doc.optional.contains(&(p.1, p.2)))
        {
            lines.push((
                p.1,
                format!("    {n:>3} extra  {} {:?}", p.0, &doc.text[p.1..p.2]),
            ));
        }
        for g in doc.gold.iter().filter(|g| !pred.contains(*g)) {
            lines.push((
                g.1,
                format!("    {n:>3} missed {} {:?}", g.0, &doc.text[g.1..g.2]),
            ));
        }
        lines.sort();
        for (_, line) in lines {
            println!("{line}");
        }
    }
}

fn print_counts(docs: &[Doc]) {
    println!(
        "  {} documents, {} gold names",
        docs.len(),
        docs.iter().map(|d| d.gold.len()).sum::<usize>(),
    );
}

/// The committed name model, or `None` with the reason printed.
fn load_model(project: &Path) -> Option<NerModel> {
    let model_path = project.join("assets/ner.bin");
    match std::fs::read(&model_path) {
        Ok(bytes) => match NerModel::from_bytes(&bytes) {
            Ok(model) => Some(model),
            Err(e) => {
                println!("  model {} not used: {e}", model_path.display());
                None
            }
        },
        Err(_) => {
            println!(
                "  no model at {} (run `corroborate train-ner`)",
                model_path.display()
            );
            None
        }
    }
}

/// Prints our rows on `docs`: with the model when there is one, then the rules alone.
fn score_ours(docs: &[Doc], model: Option<&NerModel>) {
    if let Some(model) = model {
        let (predicted, speed) = ours(docs, Some(model));
        let tag_speed = tagging_speed(docs, model);
        println!("  ours (model): {speed:.2} MB/s native with segmentation, {tag_speed:.2} MB/s tagging alone");
        let (per_type, micro) = score(docs, &predicted);
        print_scores("ours (model)", &per_type, &micro);
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            print_errors(docs, &predicted);
        }
    }
    let (predicted, speed) = ours(docs, None);
    println!("  ours (rules only): {speed:.2} MB/s native with segmentation");
    let (per_type, micro) = score(docs, &predicted);
    print_scores("ours (rules only)", &per_type, &micro);
}
