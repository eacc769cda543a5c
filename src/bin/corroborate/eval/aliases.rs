//! Aliases against ECB+ (topics 1-22) and, as an independent check, MEANTIME (4 topics): pairwise precision,
//! recall and F1 over named mentions, cluster by cluster.
//!
//! ECB+ gold named mentions are the annotated mentions of the chains in `named_entity_chains.json` whose text is one
//! of the chain's named forms and whose head is a name (ACE's NAM, see [`name_core`]): the chains' "named forms"
//! also hold descriptions with a capitalised word ("a bank in Athens", "the Waitrose supermarket"), which are
//! nominal mentions, and reading "Athens" out of the first as the bank's name would score the city as the bank. MEANTIME gold named mentions are its entity mentions whose text is a proper name
//! (capitalised words only, after a leading article). Both go through the same scorer, which prints two scores:
//! resolution alone (our resolver over the gold mentions) and end to end (our own names, matched to gold mentions
//! by span; a gold mention we did not find stays alone). `EVAL_VERBOSE=1` adds a row per cluster,
//! `EVAL_VERBOSE=2` the resolver's errors per cluster, sorted into kinds.

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

/// Words a gold mention may open with that are not part of any name ("at the", "in").
const LEADING: &[&str] = &[
    "a", "an", "the", "The", "A", "An", "at", "in", "on", "of", "near", "from", "to", "by", "with",
    "inside", "outside", "along", "into", "onto", "over", "under", "around", "across", "off",
    "for", "In", "At", "On",
];

/// Prepositions that open a place or setting after a mention's head ("a bank in Athens", "Waitrose in Wellington");
/// they end the head's phrase even after a capitalised word. Other prepositions ("of", "for") end it only after a
/// lower-case word, since they also join the words of one name ("City of Palmer", "Bank of America").
const LOCATIVE: &[&str] = &[
    "in", "on", "at", "near", "off", "along", "inside", "outside", "from", "around",
];
const JOINING: &[&str] = &["of", "for", "and", "&", "de", "the", "to", "with"];

/// The name inside a gold mention, or `None` when the mention is a description rather than a name.
///
/// As in ACE's NAM/NOM distinction, the mention's head decides: leading articles and prepositions are dropped, the
/// phrase ends at a comma, a bracket or a preposition that opens a post-modifier, and its last word is the head.
/// "a bank in Athens" has the head "bank" and is a description (its "Athens" names another referent); "in downtown
/// Palmer" has the head "Palmer", and the name is the capitalised run that ends at the head ("Palmer"). Quotes and
/// a possessive are trimmed off.
fn name_core(text: &str, span: Span) -> Option<Span> {
    let written = span.of(text);
    // Words with their byte offsets inside the mention, cut at the first comma, bracket or semicolon.
    let cut = written.find([',', '(', ';', ':']).unwrap_or(written.len());
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for piece in written[..cut].split(' ') {
        if !piece.is_empty() {
            words.push((at, piece));
        }
        at += piece.len() + 1;
    }
    let opening = words
        .iter()
        .take_while(|(_, w)| LEADING.contains(&bare(w)))
        .count();
    let words = &words[opening..];
    // The phrase ends before a locative preposition, or before any joining word that follows a lower-case word.
    let end = (1..words.len())
        .find(|&i| {
            let w = words[i].1;
            LOCATIVE.contains(&w)
                || (JOINING.contains(&w) && words[i - 1].1.starts_with(char::is_lowercase))
        })
        .unwrap_or(words.len());
    let phrase = &words[..end];
    let head = phrase.last()?;
    if !bare(head.1).starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    // The name is the run of capitalised words (and the connectors between them) that ends at the head.
    let mut first = phrase.len() - 1;
    while first > 0 {
        let w = bare(phrase[first - 1].1);
        let capital = w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let connector = JOINING.contains(&w)
            && first >= 2
            && bare(phrase[first - 2].1).starts_with(char::is_uppercase);
        if !(capital || connector || w == "-") {
            break;
        }
        first -= 1;
    }
    let start = span.start + phrase[first].0;
    let core_text = &written[phrase[first].0..head.0 + head.1.len()];
    let mut core = core_text.trim_start_matches(['"', '\'', '`']);
    let start = start + (core_text.len() - core.len());
    core = core.trim_end_matches(['"', '\'', '`', '.']);
    core = core.strip_suffix("'s").unwrap_or(core);
    core = core.trim_end_matches(['\'', '"', '\u{2019}']);
    let named = core.chars().any(char::is_alphabetic) && !NOT_NAMES.contains(&core);
    named.then(|| Span::new(start, start + core.len()))
}

/// A word without the quotes and dots around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| matches!(c, '"' | '\'' | '`' | '.'))
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

/// One cluster of articles about one event with its gold named mentions.
struct GoldSet {
    name: String,
    articles: Vec<Article>,
    gold: Vec<GoldMention>,
}

/// Prints the aliases tables: ECB+, then MEANTIME.
pub fn run(data: &Path) {
    println!("\n== Aliases: ECB+ named mentions, pairwise within each cluster");
    match load_ecb(&data.join("ecbplus")) {
        Ok(sets) => score(&sets),
        Err(e) => println!("  skipped: {e}"),
    }
    println!(
        "\n== Aliases: MEANTIME named mentions, pairwise within each topic (independent check)"
    );
    match load_meantime(&data.join("meantime")) {
        Ok(sets) => score(&sets),
        Err(e) => println!("  skipped: {e}"),
    }
}

/// Reads every ECB+ cluster with the mentions of named-entity chains whose text is a named form.
fn load_ecb(base: &Path) -> Result<Vec<GoldSet>, String> {
    let chains = read_json(&base.join("named_entity_chains.json"))?;
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
    load_clusters(base, |text, span, chain, m| {
        let is_named = named_forms
            .get(chain)
            .is_some_and(|forms| forms.contains(m["text"].as_str().unwrap_or("")));
        let core = is_named.then(|| name_core(text, span)).flatten()?;
        Some((
            core,
            chain.to_string(),
            label_of(m["tag"].as_str().unwrap_or("")),
        ))
    })
}

/// Words that make a capitalised mention a description of a role rather than a name ("Apple CEO").
const ROLE_WORDS: &[&str] = &[
    "CEO",
    "Chairman",
    "Chief",
    "President",
    "Director",
    "Executive",
    "Spokesman",
    "Spokeswoman",
    "Minister",
    "Secretary",
    "Officer",
    "Analyst",
    "Founder",
];

/// Reads every MEANTIME topic with its entity mentions that are proper names.
///
/// A chain id is a prefix (`cross_`, `cross_intra_`, `intra_`) and an instance id; mentions of the same instance
/// are one referent whatever the prefix, so the instance id is the chain.
fn load_meantime(base: &Path) -> Result<Vec<GoldSet>, String> {
    load_clusters(base, |text, span, chain, m| {
        if m["kind"].as_str() != Some("entity") || m["contiguous"].as_bool() == Some(false) {
            return None;
        }
        let instance = chain
            .trim_start_matches("cross_")
            .trim_start_matches("intra_");
        // The whole mention must be the name, after an article: "the new Airbus" describes a plane.
        let written = span.of(text);
        let bare = ["the ", "The ", "a ", "A ", "an ", "An "]
            .iter()
            .find_map(|d| written.strip_prefix(d))
            .unwrap_or(written);
        let core = name_core(text, span)?;
        if !is_proper_name(bare) || !is_proper_name(core.of(text)) {
            return None;
        }
        let label = match m["type"].as_str().unwrap_or("") {
            "PER" => Label::Person,
            "ORG" => Label::Org,
            "LOC" => Label::Gpe,
            _ => Label::Misc,
        };
        Some((core, instance.to_string(), label))
    })
}

/// Reads every cluster folder of `base/clusters` (`annotations.json` and its documents), keeping the mentions
/// that `pick` makes gold of: it gets the article's text, the mention's byte span, its chain and its record,
/// and returns the span to score, the referent and the type.
fn load_clusters(
    base: &Path,
    mut pick: impl FnMut(&str, Span, &str, &serde_json::Value) -> Option<(Span, String, Label)>,
) -> Result<Vec<GoldSet>, String> {
    let clusters =
        super::sorted_entries(&base.join("clusters"), Path::is_dir).map_err(|e| e.to_string())?;
    let mut sets = Vec::new();
    for cluster in clusters {
        let Ok(annotations) = read_json(&cluster.join("annotations.json")) else {
            continue;
        };
        let mut articles: Vec<Article> = Vec::new();
        let mut gold: Vec<GoldMention> = Vec::new();
        for document in annotations["documents"].as_array().into_iter().flatten() {
            let Some(article) = read_article(&cluster, document) else {
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
                let span = Span::new(byte_at(&map, start as usize), byte_at(&map, end as usize));
                if let Some((span, chain, label)) = pick(&article.text, span, chain, m) {
                    gold.push(GoldMention {
                        doc,
                        span,
                        chain,
                        label,
                    });
                }
            }
            articles.push(article);
        }
        sets.push(GoldSet {
            name: file_name(&cluster),
            articles,
            gold,
        });
    }
    Ok(sets)
}

/// Whether a mention's text is a proper name: capitalised words (or numbers) joined by connectors only, no
/// punctuation that makes it an apposition or list, and no role word that makes it a description.
fn is_proper_name(text: &str) -> bool {
    const JOINERS: &[&str] = &["of", "and", "&", "de", "for", "the", "on", "in"];
    let words: Vec<&str> = text.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 6
        && !text.contains([',', '(', ')', '"', ';', ':'])
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || JOINERS.contains(w)
        })
        && words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && text != "I"
        && !words.iter().any(|w| ROLE_WORDS.contains(w))
}

/// Reads one annotated document as the app would ingest it.
fn read_article(folder: &Path, document: &serde_json::Value) -> Option<Article> {
    let file = document["file"].as_str().unwrap_or_default();
    let bytes = std::fs::read(folder.join(file)).ok()?;
    ingest(file, &bytes).ok()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Scores every set and prints per-set rows (verbose), errors by kind (very verbose) and the totals.
fn score(sets: &[GoldSet]) {
    let (mut alone_total, mut e2e_total) = (Counts::default(), Counts::default());
    let (mut alone_f1s, mut e2e_f1s) = (Vec::new(), Vec::new());
    let (mut proper_total, mut proper_f1s) = (Counts::default(), Vec::new());
    let level = std::env::var("EVAL_VERBOSE").map_or(0, |v| v.parse::<u8>().unwrap_or(1));
    let mut below_ceiling: Vec<String> = Vec::new();
    for set in sets {
        let articles = &set.articles;
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
        let mut gold: Vec<&GoldMention> = set
            .gold
            .iter()
            .filter(|g| {
                let text = g.span.of(&articles[g.doc].text);
                text.contains(' ') || !lower_words.contains(&text.to_lowercase())
            })
            .collect();
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
        // Gold mentions may nest ("Airbus parent EADS" holds "EADS"); the resolver expects them sorted.
        let (_, name_entity) = aliases::resolve(articles, &extracted);
        let predicted: Vec<Option<usize>> = index_of
            .iter()
            .map(|&(d, i)| Some(name_entity[d][i]))
            .collect();
        let alone = pairwise(&chain_ids, &predicted);
        let ceiling = spelling_ceiling(&gold, articles, &chain_ids);
        // The same, over the gold mentions that are proper names: descriptions such as "Woodburn bank" left out.
        let proper: Vec<usize> = (0..gold.len())
            .filter(|&i| is_proper_name(gold[i].span.of(&articles[gold[i].doc].text)))
            .collect();
        let proper_alone = pairwise(
            &proper.iter().map(|&i| chain_ids[i]).collect::<Vec<_>>(),
            &proper.iter().map(|&i| predicted[i]).collect::<Vec<_>>(),
        );

        // End to end: our own names, matched by span.
        let analysis = analyze_with(articles.clone(), &crate::options(false));
        let (mut exact, mut overlapping) = (0, 0);
        let e2e_predicted: Vec<Option<usize>> = gold
            .iter()
            .map(|g| {
                let names = &analysis.extracted[g.doc].names;
                let hit = match names.iter().position(|n| n.span == g.span) {
                    Some(i) => {
                        exact += 1;
                        Some(i)
                    }
                    None => {
                        let i = names.iter().position(|n| n.span.overlaps(g.span));
                        overlapping += usize::from(i.is_some());
                        i
                    }
                };
                hit.map(|i| analysis.comparison.name_entity[g.doc][i])
            })
            .collect();
        let e2e = pairwise(&chain_ids, &e2e_predicted);
        if level >= 3 {
            for entity in &analysis.comparison.entities {
                println!(
                    "    entity {} {} {:?}",
                    entity.label.as_str(),
                    entity.mentions.len(),
                    entity.aliases
                );
            }
        }
        if ceiling.f1() < 0.85 {
            below_ceiling.push(format!("{} {:.2}", set.name, ceiling.f1()));
        }
        if level >= 1 {
            println!("  {:<14} ceil  {ceiling}", set.name);
            println!("  {:<14} alone {alone}", set.name);
            println!("  {:<14} names {proper_alone}", set.name);
            println!("  {:<14} e2e   {e2e}", set.name);
        }
        if level >= 2 {
            println!(
                "    e2e names: {exact} of {} gold mentions found exactly, {overlapping} by overlap, {} not found",
                gold.len(),
                gold.len() - exact - overlapping
            );
            let texts: Vec<&str> = gold
                .iter()
                .map(|g| g.span.of(&articles[g.doc].text))
                .collect();
            if level >= 3 {
                let missed: Vec<&str> = gold
                    .iter()
                    .zip(&texts)
                    .zip(&e2e_predicted)
                    .filter(|(_, p)| p.is_none())
                    .map(|((_, t), _)| *t)
                    .collect();
                println!("    not found by our names: {missed:?}");
            }
            print_errors(&texts, &chain_ids, &predicted);
            // End-to-end errors among the gold mentions our names found, shown as our names with our types.
            let mut found_texts: Vec<String> = Vec::new();
            let (mut found_chains, mut found_groups) = (Vec::new(), Vec::new());
            for ((g, chain), group) in gold.iter().zip(&chain_ids).zip(&e2e_predicted) {
                let names = &analysis.extracted[g.doc].names;
                let Some(name) = names.iter().find(|n| n.span.overlaps(g.span)) else {
                    continue;
                };
                let text = name.span.of(&articles[g.doc].text);
                found_texts.push(format!("{text} {}", name.label.as_str()));
                found_chains.push(*chain);
                found_groups.push(*group);
            }
            let found_refs: Vec<&str> = found_texts.iter().map(String::as_str).collect();
            println!("    end to end, among gold mentions our names found:");
            print_errors(&found_refs, &found_chains, &found_groups);
        }
        alone_total.add(alone);
        proper_total.add(proper_alone);
        if proper_alone.tp + proper_alone.fp + proper_alone.fn_ > 0 {
            proper_f1s.push(proper_alone.f1());
        }
        e2e_total.add(e2e);
        // A set with no coreferent pair and no merge scores nothing either way; it stays out of the mean.
        if alone.tp + alone.fp + alone.fn_ > 0 {
            alone_f1s.push(alone.f1());
        }
        if e2e.tp + e2e.fp + e2e.fn_ > 0 {
            e2e_f1s.push(e2e.f1());
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    println!(
        "  {} clusters with pairs to score; macro F1 is the mean of per-cluster F1",
        alone_f1s.len()
    );
    let clusters_at = |f1s: &[f64]| f1s.iter().filter(|&&f| f >= 0.85).count();
    println!(
        "  clusters at F1 >= 0.85: resolution alone {} of {}, end to end {} of {}",
        clusters_at(&alone_f1s),
        alone_f1s.len(),
        clusters_at(&e2e_f1s),
        e2e_f1s.len()
    );
    println!(
        "  clusters whose gold no spelling-consistent grouping can score 0.85 in (same text, same entity): {}",
        if below_ceiling.is_empty() {
            "none".to_string()
        } else {
            below_ceiling.join(", ")
        }
    );
    super::row("resolution alone (micro)", &alone_total);
    println!(
        "  {:<28} {:.3}",
        "resolution alone (macro F1)",
        mean(&alone_f1s)
    );
    super::row("proper names alone (micro)", &proper_total);
    println!(
        "  {:<28} {:.3}",
        "proper names alone (macro F1)",
        mean(&proper_f1s)
    );
    super::row("end to end (micro)", &e2e_total);
    println!("  {:<28} {:.3}", "end to end (macro F1)", mean(&e2e_f1s));
}

/// The score of the best grouping that gives one spelling one entity: every folded spelling joins the gold chain
/// most of its mentions belong to. Gold that puts one spelling in two chains ("Athens" the city in one, the city as
/// the scene in another) caps what any resolver that reads names, not contexts, can reach; the ceiling shows where.
fn spelling_ceiling(gold: &[&GoldMention], articles: &[Article], chain_ids: &[&str]) -> Counts {
    let spelling: Vec<String> = gold
        .iter()
        .map(|g| aliases::fold(g.span.of(&articles[g.doc].text)).join(" "))
        .collect();
    let mut votes: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (s, chain) in spelling.iter().zip(chain_ids) {
        *votes.entry(s).or_default().entry(chain).or_default() += 1;
    }
    let chains: Vec<&str> = {
        let mut all: Vec<&str> = chain_ids.to_vec();
        all.sort_unstable();
        all.dedup();
        all
    };
    let predicted: Vec<Option<usize>> = spelling
        .iter()
        .map(|s| {
            let best = votes[s.as_str()]
                .iter()
                .max_by_key(|(chain, n)| (**n, std::cmp::Reverse(**chain)))
                .map(|(chain, _)| *chain)?;
            chains.binary_search(&best).ok()
        })
        .collect();
    pairwise(chain_ids, &predicted)
}

/// The kind of a pair of surface forms that the resolver got wrong, to see which mechanism is missing.
fn error_kind(a: &str, b: &str) -> &'static str {
    let words = |s: &str| -> Vec<String> { aliases::fold(s) };
    let (wa, wb) = (words(a), words(b));
    let lower = |s: &str| {
        s.split_whitespace().any(|w| {
            w.starts_with(char::is_lowercase) && !matches!(w, "of" | "and" | "the" | "in" | "de")
        })
    };
    if wa == wb {
        "same name"
    } else if lower(a) || lower(b) {
        "descriptive"
    } else if wa.iter().all(|w| wb.contains(w)) || wb.iter().all(|w| wa.contains(w)) {
        "part of the other"
    } else if [a, b]
        .iter()
        .any(|s| !s.contains(' ') && s.chars().filter(|c| c.is_uppercase()).count() >= 2)
    {
        "acronym or short form"
    } else if wa.iter().any(|w| wb.contains(w)) {
        "shares a word"
    } else {
        "nothing shared"
    }
}

/// Prints the resolver's missed and wrong pairs of one set, counted by kind, with the commonest pairs of each kind.
fn print_errors(texts: &[&str], chain_ids: &[&str], predicted: &[Option<usize>]) {
    type Tally = HashMap<&'static str, (usize, HashMap<(String, String), usize>)>;
    let (mut missed, mut wrong): (Tally, Tally) = (HashMap::new(), HashMap::new());
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            let gold_same = chain_ids[i] == chain_ids[j];
            let ours_same = predicted[i].is_some() && predicted[i] == predicted[j];
            let tally = match (gold_same, ours_same) {
                (true, false) => &mut missed,
                (false, true) => &mut wrong,
                _ => continue,
            };
            let (a, b) = (texts[i].min(texts[j]), texts[i].max(texts[j]));
            let entry = tally.entry(error_kind(a, b)).or_default();
            entry.0 += 1;
            *entry.1.entry((a.to_string(), b.to_string())).or_default() += 1;
        }
    }
    for (title, tally) in [("missed", missed), ("wrong", wrong)] {
        let mut kinds: Vec<_> = tally.into_iter().collect();
        kinds.sort_by_key(|k| std::cmp::Reverse(k.1 .0));
        for (kind, (n, pairs)) in kinds {
            let mut pairs: Vec<_> = pairs.into_iter().collect();
            pairs.sort_by_key(|p| std::cmp::Reverse(p.1));
            let shown: Vec<String> = pairs
                .iter()
                .take(4)
                .map(|((a, b), n)| format!("{a:?}/{b:?} {n}"))
                .collect();
            println!("    {title:<6} {kind:<22} {n:>5}: {}", shown.join(", "));
        }
    }
}
