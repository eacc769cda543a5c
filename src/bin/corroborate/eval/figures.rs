//! Figures and slots against hand-made gold: the seed gold in `../shared/data/figures_gold` and the project's own
//! gold for ECB+ clusters in `tests/fixtures/figures_gold`.
//!
//! A figure counts as found when a figure of ours overlaps its span with the same measure, value and qualifier.
//! Slots are scored pairwise over the gold figures: two figures in one gold slot should share one slot of ours.
//! With `EVAL_SLOTS` set, each file also lists the gold slots split over several of ours and our slots that merge
//! several gold slots, and how many gold pairs were lost because a figure was not extracted at all.

use super::{byte_at, char_to_byte, read_json, row, Counts};
use corroborate::analysis::{analyze_with, ingest, Analysis, Figure, Span};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Whether two values are the same number: exact for counts, within rounding for shares and magnitudes
/// (the gold writes "two - thirds" as 66.7, ours is 66.666...).
fn same_value(ours: Option<f64>, gold: Option<f64>) -> bool {
    match (ours, gold) {
        (Some(a), Some(b)) => (a - b).abs() <= 0.051,
        (None, None) => true,
        _ => false,
    }
}

/// Whether our figure says what the gold figure says.
///
/// The gold has two qualifiers our `Qualifier` does not, and writes ranges and vague amounts its own way,
/// so the comparison maps the gold onto our convention (documented in
/// `tests/fixtures/figures_gold/README.md`, "Scoring against the extractor"):
/// - gold `almost` ("nearly 300") is our `about`: both say "close to, not exactly";
/// - gold `range` (`value: null`, `low`, `high`) is our `exact` with no value and the same low and high;
/// - gold `vague` (`value: null`, `low` = the lower bound, `high: null`) is our `exact` with no value and the
///   same lower bound; our upper bound ("dozens" is 24 to 99) is not compared, since the gold leaves it open;
/// - every other qualifier must be the same; values are compared within 0.051 (shares and magnitudes).
fn same_reading(ours: &Figure, gold: &Value) -> bool {
    let num = |v: &Value| v.as_f64();
    if ours.measure.as_str() != gold["measure"].as_str().unwrap_or("") {
        return false;
    }
    let gold_q = gold["qualifier"].as_str().unwrap_or("");
    let ours_q = ours.qualifier.as_str();
    match gold_q {
        "range" => {
            ours_q == "exact"
                && ours.value.is_none()
                && same_value(ours.low, num(&gold["low"]))
                && same_value(ours.high, num(&gold["high"]))
        }
        "vague" => {
            ours_q == "exact" && ours.value.is_none() && same_value(ours.low, num(&gold["low"]))
        }
        _ => {
            let expected = if gold_q == "almost" { "about" } else { gold_q };
            ours_q == expected && same_value(ours.value, num(&gold["value"]))
        }
    }
}

/// Scores one gold file; returns (figure counts, slot pair counts) and prints misses when `verbose`.
fn score_file(
    gold_path: &Path,
    data: &Path,
    verbose: bool,
) -> Result<(Counts, Counts, String), String> {
    let gold = read_json(gold_path)?;
    let source_dir = gold["source_dir"].as_str().unwrap_or_default();
    // `source_dir` is written from the workspace root that holds `shared/` (e.g. "shared/seeds").
    let root = data
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let dir: PathBuf = root.join(source_dir);
    let gold_articles = gold["articles"].as_array().ok_or("no articles")?;
    let mut articles = Vec::new();
    for a in gold_articles {
        let file = a["file"].as_str().unwrap_or_default();
        let bytes = std::fs::read(dir.join(file))
            .map_err(|e| format!("{}: {e}", dir.join(file).display()))?;
        articles.push(ingest(file, &bytes).map_err(|e| format!("{file}: {e}"))?);
    }
    let analysis: Analysis = analyze_with(articles, &crate::options(false));
    let mut figures = Counts::default();
    let mut matched: Vec<(usize, Option<usize>, String)> = Vec::new(); // (article, our figure, gold slot)
    for (a, gold_article) in gold_articles.iter().enumerate() {
        let text = &analysis.articles[a].text;
        let map = char_to_byte(text);
        let ours = &analysis.extracted[a].figures;
        let mut used = vec![false; ours.len()];
        for g in gold_article["figures"].as_array().into_iter().flatten() {
            let span = Span::new(
                byte_at(&map, g["start"].as_u64().unwrap_or(0) as usize),
                byte_at(&map, g["end"].as_u64().unwrap_or(0) as usize),
            );
            let hit = ours
                .iter()
                .enumerate()
                .position(|(i, f)| !used[i] && f.span.overlaps(span) && same_reading(f, g));
            match hit {
                Some(i) => {
                    used[i] = true;
                    figures.tp += 1;
                }
                None => {
                    figures.fn_ += 1;
                    if verbose {
                        let near: Vec<String> = ours
                            .iter()
                            .filter(|f| f.span.overlaps(span))
                            .map(|f| {
                                format!(
                                    "{} {:?} {:?} {}",
                                    f.measure.as_str(),
                                    f.value,
                                    (f.low, f.high),
                                    f.qualifier.as_str()
                                )
                            })
                            .collect();
                        println!(
                            "    missed {}: {:?} {} {} {}; ours there: {near:?}",
                            gold_article["file"].as_str().unwrap_or(""),
                            g["span"].as_str().unwrap_or(""),
                            g["measure"],
                            g["value"],
                            g["qualifier"]
                        );
                    }
                }
            }
            let loose = ours.iter().position(|f| {
                f.span.overlaps(span) && f.measure.as_str() == g["measure"].as_str().unwrap_or("")
            });
            matched.push((
                a,
                hit.or(loose),
                g["slot"].as_str().unwrap_or("").to_string(),
            ));
        }
        for (i, f) in ours.iter().enumerate().filter(|(i, _)| !used[*i]) {
            figures.fp += 1;
            if verbose {
                println!(
                    "    extra {}: {:?} {} {:?}",
                    gold_article["file"].as_str().unwrap_or(""),
                    f.span.of(text),
                    f.measure.as_str(),
                    f.value
                );
            }
            let _ = i;
        }
    }
    let our_slot =
        |a: usize, f: Option<usize>| f.and_then(|f| analysis.comparison.figure_slot[a][f]);
    let mut pairs = Counts::default();
    for (i, (a1, f1, s1)) in matched.iter().enumerate() {
        for (a2, f2, s2) in &matched[i + 1..] {
            let gold_same = !s1.is_empty() && s1 == s2;
            let (o1, o2) = (our_slot(*a1, *f1), our_slot(*a2, *f2));
            let ours_same = o1.is_some() && o1 == o2;
            match (gold_same, ours_same) {
                (true, true) => pairs.tp += 1,
                (false, true) => pairs.fp += 1,
                (true, false) => pairs.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    if std::env::var_os("EVAL_SLOTS").is_some() {
        let unextracted = matched
            .iter()
            .enumerate()
            .flat_map(|(i, x)| matched[i + 1..].iter().map(move |y| (x, y)))
            .filter(|(x, y)| !x.2.is_empty() && x.2 == y.2 && (x.1.is_none() || y.1.is_none()))
            .count();
        println!("    gold pairs lost to extraction: {unextracted}");
        explain_slots(&analysis, gold_articles, &matched);
        explain_statuses(&analysis, &gold, &matched);
    }
    let name = gold["cluster"].as_str().unwrap_or("?").to_string();
    Ok((figures, pairs, name))
}

/// Prints the figures and slots tables.
pub fn run(data: &Path, project: &Path) {
    println!("\n== Figures (measure + value + qualifier, overlapping span) and slots (pairwise)");
    let mut files = vec![data.join("figures_gold/seeds.json")];
    let is_json = |p: &Path| p.extension().is_some_and(|x| x == "json");
    if let Ok(own) = super::sorted_entries(&project.join("tests/fixtures/figures_gold"), is_json) {
        files.extend(own);
    }
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let (mut all_figures, mut all_pairs) = (Counts::default(), Counts::default());
    for file in files {
        match score_file(&file, data, verbose) {
            Ok((figures, pairs, name)) => {
                row(&format!("{name} figures"), &figures);
                row(&format!("{name} slot pairs"), &pairs);
                all_figures.add(figures);
                all_pairs.add(pairs);
            }
            Err(e) => println!("  skipped {}: {e}", file.display()),
        }
    }
    row("all figures", &all_figures);
    row("all slot pairs", &all_pairs);
}

/// A gold figure as scored: its article, our matching figure if any, and its gold slot.
type Placed<'a> = (usize, Option<usize>, &'a str);

/// Prints, for slot debugging, each gold slot split over several of our slots and each slot of ours that
/// merges several gold slots, with the figures' text, so that a reader sees why pairs were lost.
fn explain_slots(
    analysis: &Analysis,
    gold_articles: &[Value],
    matched: &[(usize, Option<usize>, String)],
) {
    use std::collections::BTreeMap;
    let describe = |a: usize, f: Option<usize>| -> String {
        let file = gold_articles[a]["file"].as_str().unwrap_or("");
        let Some(f) = f else {
            return format!("{file}: (not extracted)");
        };
        let figure = &analysis.extracted[a].figures[f];
        let slot = analysis.comparison.figure_slot[a][f]
            .and_then(|s| analysis.comparison.slots.get(s))
            .map(|s| {
                format!(
                    "{} {} {:?} bg {:?}",
                    s.id,
                    s.measure.as_str(),
                    s.label,
                    s.background
                )
            })
            .unwrap_or_default();
        format!(
            "{file}: {:?} -> [{slot}]",
            figure.span.of(&analysis.articles[a].text)
        )
    };
    let mut by_gold: BTreeMap<&str, Vec<(usize, Option<usize>)>> = BTreeMap::new();
    let mut by_ours: BTreeMap<usize, Vec<Placed>> = BTreeMap::new();
    for (a, f, g) in matched {
        by_gold.entry(g.as_str()).or_default().push((*a, *f));
        if let Some(s) = f.and_then(|f| analysis.comparison.figure_slot[*a][f]) {
            by_ours.entry(s).or_default().push((*a, *f, g.as_str()));
        }
    }
    for (gold, members) in &by_gold {
        let ours: std::collections::BTreeSet<Option<usize>> = members
            .iter()
            .map(|(a, f)| f.and_then(|f| analysis.comparison.figure_slot[*a][f]))
            .collect();
        if ours.len() > 1 {
            println!("    SPLIT gold {gold}:");
            for (a, f) in members {
                println!("      {}", describe(*a, *f));
            }
        }
    }
    for (slot, members) in &by_ours {
        let golds: std::collections::BTreeSet<&str> = members.iter().map(|m| m.2).collect();
        if golds.len() > 1 {
            println!("    MERGED ours s{}:", slot + 1);
            for (a, f, g) in members {
                println!("      {g:<28} {}", describe(*a, *f));
            }
        }
    }
}

/// Prints, for slot debugging, each gold slot held whole by one slot of ours whose status differs from the gold's.
fn explain_statuses(analysis: &Analysis, gold: &Value, matched: &[(usize, Option<usize>, String)]) {
    let (mut same, mut differ) = (0, 0);
    for slot in gold["slots"].as_array().into_iter().flatten() {
        let id = slot["id"].as_str().unwrap_or("");
        let ours: std::collections::BTreeSet<Option<usize>> = matched
            .iter()
            .filter(|(_, f, g)| g == id && f.is_some())
            .map(|(a, f, _)| f.and_then(|f| analysis.comparison.figure_slot[*a][f]))
            .collect();
        let Some(Some(only)) = ours.iter().next().filter(|_| ours.len() == 1) else {
            continue;
        };
        let status = analysis.comparison.slots[*only].status.as_str();
        let expected = slot["status"].as_str().unwrap_or("");
        if status == expected {
            same += 1;
        } else {
            differ += 1;
            println!("    STATUS gold {id}: {expected}, ours {status}");
        }
    }
    println!("    statuses: {same} as gold, {differ} differ");
}
