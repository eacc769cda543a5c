//! Entities that are related without being the same: one's name holds the other's ("Islamic State in Khorasan"
//! holds "Islamic State", "U.S. Embassy" holds "U.S.").
//!
//! Resolution keeps such pairs apart on purpose: an affiliate is not its parent and an embassy is not its country.
//! A reader still wants to see the link, so it is listed beside the entity rather than merged into it. The test is
//! on words, after the same folding the resolver uses: some spelling of one entity appears as a run of whole words
//! inside a longer spelling of the other. A one-word spelling made only of a connector ("of", "the") never counts,
//! nor does a spelling both entities share (the surname of two people). A people is also related to its country
//! ("Greeks" to "Greece"), which resolution keeps apart: the Greeks who marched are not the Greek state.

use super::aliases::{country_of_people, fold};
use super::model::Entity;
use std::collections::HashMap;

/// Longest run of words looked up inside a spelling; longer names are rare and their parts are found by shorter runs.
const MAX_RUN: usize = 8;

/// Words that never stand for an entity alone, even when some name is spelt so.
const NOT_ALONE: &[&str] = &["of", "in", "for", "the", "and", "on", "at", "de", "al"];

/// For every entity (indexed like `entities`), the indices of the entities related to it, in index order.
///
/// The relation is symmetric: when "Islamic State in Khorasan" holds "Islamic State", each lists the other.
///
/// # Examples
/// ```
/// use corroborate::analysis::{analyze, ingest_text};
/// use corroborate::analysis::related::link;
/// let analysis = analyze(vec![ingest_text(
///     "a.txt",
///     "The Islamic State in Khorasan is a branch of the Islamic State, officials said in Kabul.",
/// )]);
/// let entities = &analysis.comparison.entities;
/// let branch = entities.iter().position(|e| e.name == "Islamic State in Khorasan").unwrap();
/// let parent = entities.iter().position(|e| e.name == "Islamic State").unwrap();
/// assert_eq!(link(entities)[branch], [parent]);
/// ```
pub fn link(entities: &[Entity]) -> Vec<Vec<usize>> {
    let spellings: Vec<Vec<Vec<String>>> = entities
        .iter()
        .map(|e| e.aliases.iter().map(|a| fold(a)).collect())
        .collect();
    let mut owner: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, forms) in spellings.iter().enumerate() {
        for words in forms {
            if words.is_empty() || (words.len() == 1 && NOT_ALONE.contains(&words[0].as_str())) {
                continue;
            }
            let owners = owner.entry(words.join(" ")).or_default();
            if owners.last() != Some(&i) {
                owners.push(i);
            }
        }
    }
    let mut related: Vec<Vec<usize>> = vec![Vec::new(); entities.len()];
    for (i, forms) in spellings.iter().enumerate() {
        for words in forms.iter().filter(|w| w.len() > 1) {
            for len in 1..words.len().min(MAX_RUN + 1) {
                for run in words.windows(len) {
                    let Some(owners) = owner.get(&run.join(" ")) else {
                        continue;
                    };
                    // A spelling both entities use ("Ferrant" for two Ferrants) says nothing about how they relate.
                    if owners.contains(&i) {
                        continue;
                    }
                    for &j in owners.iter().filter(|&&j| j != i) {
                        related[i].push(j);
                        related[j].push(i);
                    }
                }
            }
        }
    }
    // A people is related to its country ("Greeks" to "Greece"), though no word of one is in the other.
    for (i, forms) in spellings.iter().enumerate() {
        for words in forms.iter().filter(|w| w.len() == 1) {
            let country = country_of_people(&words[0]).and_then(|c| owner.get(c));
            for &j in country.into_iter().flatten().filter(|&&j| j != i) {
                related[i].push(j);
                related[j].push(i);
            }
        }
    }
    for list in &mut related {
        list.sort_unstable();
        list.dedup();
    }
    related
}
