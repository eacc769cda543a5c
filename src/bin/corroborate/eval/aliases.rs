//! Aliases against ECB+ (topics 1-22): pairwise precision, recall and F1 over named mentions, cluster by cluster.
//!
//! Gold named mentions are the annotated mentions of the chains in `named_entity_chains.json` whose text is one of
//! the chain's named forms. Two scores are printed: resolution alone (our resolver over the gold mentions) and
//! end to end (our own names, matched to gold mentions by span; a gold mention we did not find stays alone).

use super::{byte_at, char_to_byte, read_json, Counts};
use corroborate::analysis::{
    aliases, analyze_with, ingest, Article, ArticleAnalysis, Label, NameMention, Span,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

fn label_of(tag: &str) -> Label {
    match tag {
        "HUMAN_PART_PER" => Label::Person,
        "HUMAN_PART_ORG" => Label::Org,
        "HUMAN_PART_GPE" | "LOC_GEO" => Label::Gpe,
        "LOC_FAC" => Label::Fac,
        "LOC_OTHER" => Label::Loc,
        _ => Label::Misc,
    }
}

/// One gold named mention: document index, byte span, chain id, label from its tag.
struct GoldMention {
    doc: usize,
    span: Span,
    chain: String,
    label: Label,
}

/// Pronoun contractions that the gold's named forms include by accident.
const NOT_NAMES: &[&str] = &[
    "I'm", "I'd", "I've", "I'll", "He's", "She's", "It's", "We're", "They're",
];

/// The name inside a gold mention: leading lower-case words ("at the"), a leading "The", quotes and a possessive
/// trimmed off; `None` when nothing name-like is left.
fn name_core(text: &str, span: Span) -> Option<Span> {
    let mut start = span.start;
    let end_text = span.of(text);
    let mut rest = end_text;
    loop {
        let trimmed =
            rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`'));
        let word_len = trimmed.find(' ').unwrap_or(trimmed.len());
        let word = &trimmed[..word_len];
        let skip = word.starts_with(char::is_lowercase) || word == "The";
        start += rest.len() - trimmed.len();
        rest = trimmed;
        if skip && word_len < trimmed.len() {
            start += word_len;
            rest = &trimmed[word_len..];
        } else {
            break;
        }
    }
    let mut core = rest
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ',' | '.'));
    core = core.strip_suffix("'s").unwrap_or(core);
    core = core.trim_end_matches(['\'', '"']);
    let named = core.chars().next().is_some_and(|c| c.is_uppercase()) && !NOT_NAMES.contains(&core);
    named.then(|| Span::new(start, start + core.len()))
}

/// Pairwise counts over mentions given each one's gold chain and predicted group (None: a singleton).
fn pairwise(gold: &[&str], predicted: &[Option<usize>]) -> Counts {
    let mut counts = Counts::default();
    for i in 0..gold.len() {
        for j in i + 1..gold.len() {
            let gold_same = gold[i] == gold[j];
            let ours_same = predicted[i].is_some() && predicted[i] == predicted[j];
            match (gold_same, ours_same) {
                (true, true) => counts.tp += 1,
                (false, true) => counts.fp += 1,
                (true, false) => counts.fn_ += 1,
                (false, false) => {}
            }
        }
    }
    counts
}

/// Prints the aliases table.
pub fn run(data: &Path) {
    println!("\n== Aliases: ECB+ named mentions, pairwise within each cluster");
    let base = data.join("ecbplus");
    let chains = match read_json(&base.join("named_entity_chains.json")) {
        Ok(chains) => chains,
        Err(e) => {
            println!("  skipped: {e}");
            return;
        }
    };
    let mut named_forms: HashMap<String, HashSet<String>> = HashMap::new();
    for chain in chains.as_array().into_iter().flatten() {
        let forms = chain["named_forms"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        named_forms.insert(
            chain["chain"].as_str().unwrap_or_default().to_string(),
            forms,
        );
    }
    let clusters = match super::sorted_entries(&base.join("clusters"), Path::is_dir) {
        Ok(clusters) => clusters,
        Err(e) => {
            println!("  skipped: {e}");
            return;
        }
    };
    let (mut alone_total, mut e2e_total) = (Counts::default(), Counts::default());
    let (mut alone_f1s, mut e2e_f1s) = (Vec::new(), Vec::new());
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    for cluster in clusters {
        let Ok(annotations) = read_json(&cluster.join("annotations.json")) else {
            continue;
        };
        let mut articles: Vec<Article> = Vec::new();
        let mut gold: Vec<GoldMention> = Vec::new();
        for document in annotations["documents"].as_array().into_iter().flatten() {
            let file = document["file"].as_str().unwrap_or_default();
            let Ok(bytes) = std::fs::read(cluster.join(file)) else {
                continue;
            };
            let Ok(article) = ingest(file, &bytes) else {
                continue;
            };
            let map = char_to_byte(&article.text);
            let doc = articles.len();
            for m in document["mentions"].as_array().into_iter().flatten() {
                let (Some(chain), Some(start), Some(end)) =
                    (m["chain"].as_str(), m["start"].as_u64(), m["end"].as_u64())
                else {
                    continue;
                };
                let is_named = named_forms
                    .get(chain)
                    .is_some_and(|forms| forms.contains(m["text"].as_str().unwrap_or("")));
                let span = Span::new(byte_at(&map, start as usize), byte_at(&map, end as usize));
                if let Some(span) = is_named.then(|| name_core(&article.text, span)).flatten() {
                    gold.push(GoldMention {
                        doc,
                        span,
                        chain: chain.to_string(),
                        label: label_of(m["tag"].as_str().unwrap_or("")),
                    });
                }
            }
            articles.push(article);
        }
        // A lone capitalised word that the same texts also write in lower case is a common noun at a sentence start.
        let lower_words: HashSet<String> = articles
            .iter()
            .flat_map(|a| {
                a.text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.starts_with(char::is_lowercase))
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        gold.retain(|g| {
            let text = g.span.of(&articles[g.doc].text);
            text.contains(' ') || !lower_words.contains(&text.to_lowercase())
        });
        if gold.len() < 2 {
            continue;
        }
        gold.sort_by_key(|g| (g.doc, g.span.start, g.span.end));
        gold.dedup_by_key(|g| (g.doc, g.span.start));
        let chain_ids: Vec<&str> = gold.iter().map(|g| g.chain.as_str()).collect();

        // Resolution alone: the gold mentions, typed by their gold tag, through our resolver.
        let mut extracted: Vec<ArticleAnalysis> = articles
            .iter()
            .map(|_| ArticleAnalysis::default())
            .collect();
        let mut index_of: Vec<(usize, usize)> = Vec::new();
        for g in &gold {
            let names = &mut extracted[g.doc].names;
            index_of.push((g.doc, names.len()));
            names.push(NameMention {
                label: g.label,
                span: g.span,
            });
        }
        let (_, name_entity) = aliases::resolve(&articles, &extracted);
        let predicted: Vec<Option<usize>> = index_of
            .iter()
            .map(|&(d, i)| Some(name_entity[d][i]))
            .collect();
        let alone = pairwise(&chain_ids, &predicted);

        // End to end: our own names, matched by span.
        let analysis = analyze_with(articles.clone(), &crate::options(false));
        let predicted: Vec<Option<usize>> = gold
            .iter()
            .map(|g| {
                let names = &analysis.extracted[g.doc].names;
                let hit = names
                    .iter()
                    .position(|n| n.span == g.span)
                    .or_else(|| names.iter().position(|n| n.span.overlaps(g.span)));
                hit.map(|i| analysis.comparison.name_entity[g.doc][i])
            })
            .collect();
        let e2e = pairwise(&chain_ids, &predicted);
        if std::env::var("EVAL_VERBOSE").is_ok_and(|v| v == "2") {
            let alone_groups: Vec<usize> =
                index_of.iter().map(|&(d, i)| name_entity[d][i]).collect();
            let mut missed: HashMap<(String, String), usize> = HashMap::new();
            let mut wrong: HashMap<(String, String), usize> = HashMap::new();
            for i in 0..gold.len() {
                for j in i + 1..gold.len() {
                    let (a, b) = (
                        gold[i].span.of(&articles[gold[i].doc].text),
                        gold[j].span.of(&articles[gold[j].doc].text),
                    );
                    let key = if a <= b {
                        (a.to_string(), b.to_string())
                    } else {
                        (b.to_string(), a.to_string())
                    };
                    if chain_ids[i] == chain_ids[j] && alone_groups[i] != alone_groups[j] {
                        *missed.entry(key).or_default() += 1;
                    } else if chain_ids[i] != chain_ids[j] && alone_groups[i] == alone_groups[j] {
                        *wrong.entry(key).or_default() += 1;
                    }
                }
            }
            let mut missed: Vec<_> = missed.into_iter().collect();
            missed.sort_by_key(|m| std::cmp::Reverse(m.1));
            let mut wrong: Vec<_> = wrong.into_iter().collect();
            wrong.sort_by_key(|w| std::cmp::Reverse(w.1));
            println!("    missed {:?}", &missed[..missed.len().min(8)]);
            println!("    wrong  {:?}", &wrong[..wrong.len().min(5)]);
        }
        let name = cluster
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if verbose {
            println!("  {name:<14} alone {alone}");
            println!("  {name:<14} e2e   {e2e}");
        }
        alone_total.add(alone);
        e2e_total.add(e2e);
        alone_f1s.push(alone.f1());
        e2e_f1s.push(e2e.f1());
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    println!(
        "  {} clusters; macro F1 is the mean of per-cluster F1",
        alone_f1s.len()
    );
    super::row("resolution alone (micro)", &alone_total);
    println!(
        "  {:<28} {:.3}",
        "resolution alone (macro F1)",
        mean(&alone_f1s)
    );
    super::row("end to end (micro)", &e2e_total);
    println!("  {:<28} {:.3}", "end to end (macro F1)", mean(&e2e_f1s));
}
