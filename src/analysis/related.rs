//! Entities that are related without being the same: one's name holds the other's ("Islamic State in Khorasan"
//! holds "Islamic State", "U.S. Embassy" holds "U.S.").
//!
//! Resolution keeps such pairs apart on purpose: an affiliate is not its parent and an embassy is not its country.
//! A reader still wants to see the link, so it is listed beside the entity rather than merged into it. The test is
//! on words, after the same folding the resolver uses: some spelling of one entity appears as a run of whole words
//! inside a longer spelling of the other. A one-word spelling made only of a connector ("of", "the") never counts,
//! nor does a spelling both entities share (the surname of two people). A people is also related to its country
//! ("Greeks" to "Greece"), which resolution keeps apart: the Greeks who marched are not the Greek state; so is a
//! nationality the word lists do not know to the place of the set it is formed from ("Estravian" to "Estravia").
//!
//! A place is related to the place the text puts it in: "Wasilla, Alaska", "Banstead in Surrey", "the Valley Hotel
//! in Palmer", "Crocus City Hall outside Moscow". Sources often name where an event happened at different scales, and the link shows that the town one
//! names lies in the region another names. A list of places ("Paris, London and Berlin") says nothing of the kind.

use super::aliases::{country_of_people, fold, is_country};
use super::model::{Article, ArticleAnalysis, Entity, Label, NameMention};
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
    let mut related = spelling_links(entities);
    tidy(&mut related);
    related
}

/// The links of [`link`], before they are put in order.
fn spelling_links(entities: &[Entity]) -> Vec<Vec<usize>> {
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
                        tie(&mut related, i, j);
                    }
                }
            }
        }
    }
    // A people is related to its country ("Greeks" to "Greece"), though no word of one is in the other; a
    // nationality the word lists do not know is related to a place of this set that it is formed from
    // ("Estravian" to "Estravia", "Karskis" to "Karsk").
    for (i, forms) in spellings.iter().enumerate() {
        for words in forms.iter().filter(|w| w.len() == 1) {
            let country = country_of_people(&words[0]).and_then(|c| owner.get(c));
            for &j in country.into_iter().flatten().filter(|&&j| j != i) {
                tie(&mut related, i, j);
            }
            if !matches!(entities[i].label, Label::Norp | Label::Misc) {
                continue;
            }
            for place in demonym_bases(&words[0]) {
                let owners = owner.get(&place).into_iter().flatten();
                // A one-word name that a people's name is formed from is a place even where the tagger read it
                // as an organisation ("Velloria's coast guard").
                let place = |j: usize| {
                    is_place_label(entities[j].label)
                        || (entities[j].label == Label::Org && !entities[j].name.contains(' '))
                };
                for &j in owners.filter(|&&j| j != i && place(j)) {
                    tie(&mut related, i, j);
                }
            }
        }
    }
    related
}

/// Whether an entity of this label is a place a people may be named after.
fn is_place_label(label: Label) -> bool {
    matches!(label, Label::Gpe | Label::Loc)
}

/// The place names a folded nationality may be formed from, by the usual English endings: "estravian" and
/// "estravians" give "estravia" (and "estrav"), "karski" gives "karsk", "dovese" gives "dov" and "dova".
fn demonym_bases(word: &str) -> Vec<String> {
    let singular = word
        .strip_suffix('s')
        .filter(|w| w.ends_with('n') || w.ends_with('i'));
    let word = singular.unwrap_or(word);
    let mut bases = Vec::new();
    if let Some(stem) = word.strip_suffix("ese") {
        bases.push(stem.to_string());
        bases.push(format!("{stem}a"));
    } else if let Some(stem) = word.strip_suffix("ian") {
        bases.push(format!("{stem}ia"));
        bases.push(stem.to_string());
    } else if let Some(stem) = word.strip_suffix("an") {
        bases.push(format!("{stem}a"));
        bases.push(stem.to_string());
    } else if let Some(stem) = word.strip_suffix('i') {
        bases.push(stem.to_string());
    }
    // A base must still be a name: "ian" alone or "an" gives nothing.
    bases.retain(|b| b.chars().count() >= 3);
    bases
}

/// Links entities `i` and `j` both ways.
fn tie(related: &mut [Vec<usize>], i: usize, j: usize) {
    if i != j && i < related.len() && j < related.len() {
        related[i].push(j);
        related[j].push(i);
    }
}

/// Puts every entity's related list in index order, once each.
fn tidy(related: &mut [Vec<usize>]) {
    for list in related {
        list.sort_unstable();
        list.dedup();
    }
}

/// [`link`], plus every place related to the place its text puts it in ("Wasilla, Alaska"); `name_entity` gives,
/// per article, the entity of each name, as resolution returns it.
pub fn relate(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    name_entity: &[Vec<usize>],
    entities: &[Entity],
) -> Vec<Vec<usize>> {
    let mut related = spelling_links(entities);
    for (article, (found, owners)) in articles.iter().zip(extracted.iter().zip(name_entity)) {
        for (a, b) in places_within(&article.text, &found.names) {
            if let (Some(&i), Some(&j)) = (owners.get(a), owners.get(b)) {
                tie(&mut related, i, j);
            }
        }
    }
    tidy(&mut related);
    related
}

/// Whether a name is a place: a country, city or region, a natural place, or (as the inner place only) a building.
fn is_place(name: &NameMention, building: bool) -> bool {
    matches!(name.label, Label::Gpe | Label::Loc) || (building && name.label == Label::Fac)
}

/// The pairs of names (indices into `names`, sorted by offset) where the first place is said to lie in the second:
/// "Wasilla, Alaska" and "Banstead in Surrey". A place that is one item of a list ("Paris, London and Berlin") is in
/// no pair.
fn places_within(text: &str, names: &[NameMention]) -> Vec<(usize, usize)> {
    let between =
        |x: &NameMention, y: &NameMention| text.get(x.span.end..y.span.start).unwrap_or("\n");
    let listed = |gap: &str| {
        matches!(
            gap,
            ", " | "," | " and " | " or " | ", and " | ", or " | " & "
        )
    };
    let mut pairs = Vec::new();
    for (a, pair) in names.windows(2).enumerate() {
        let (inner, outer) = (&pair[0], &pair[1]);
        if !is_place(inner, true) || !is_place(outer, false) {
            continue;
        }
        let gap = between(inner, outer);
        // A building may also be put near a town ("Crocus City Hall outside Moscow").
        let near = inner.label == Label::Fac && matches!(gap, " outside " | " near ");
        if !matches!(gap, ", " | " in ") && !near {
            continue;
        }
        // A country lies in no place named beside it ("Tajikistan, Russia's ally"; "Russia in Ukraine"), and a
        // possessive place is not where the first one is ("Kabul, Afghanistan's capital" says it differently).
        let after_outer = text.get(outer.span.end..).unwrap_or("");
        if is_country(&fold(inner.span.of(text)).join(" "))
            || after_outer.starts_with(['\'', '\u{2019}'])
        {
            continue;
        }
        // Either place inside a list: a place before the inner one, or after the outer one, joined as list items are.
        let before = a
            .checked_sub(1)
            .and_then(|p| names.get(p))
            .is_some_and(|p| is_place(p, true) && listed(between(p, inner)));
        let after = names
            .get(a + 2)
            .is_some_and(|n| is_place(n, true) && listed(between(outer, n)));
        if !before && !after {
            pairs.push((a, a + 1));
        }
    }
    pairs
}
