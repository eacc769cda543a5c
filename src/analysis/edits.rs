//! The user's corrections to entity resolution: merge two entities into one, split a surface form out of one.
//!
//! Edits are keyed by surface forms (the strings of [`Entity::aliases`]), never by entity ids or indices,
//! because adding or removing an article renumbers every entity while the way a name is written stays.
//! [`apply`] replays the edits, in order, over a fresh comparison; an edit that no longer matches anything
//! becomes a warning, never an error, so a saved edit can outlive the articles it was made for.

use super::aliases::{build_entity, display_form, number_entities};
use super::model::{Article, ArticleAnalysis, Comparison, Entity, ItemRef};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One correction to the entities, as the user made it.
///
/// The JSON form is `{"kind": "merge", "forms": ["NHC", "Northgate Hydro"]}`, `{"kind": "split", "form": "Ferrant"}`
/// or `{"kind": "split", "form": "Ferrant", "from": "Ines Ferrant"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum EntityEdit {
    /// The entities holding these forms are one referent: every mention of all of them joins one entity.
    Merge {
        /// Surface forms, one per entity to merge (two or more).
        forms: Vec<String>,
    },
    /// Mentions written this way are a referent of their own: they leave their entity for a new one.
    Split {
        /// The surface form, as listed in an entity's aliases.
        form: String,
        /// A form of the entity to split it from, when the form is written in several ("Ferrant" in both
        /// "Ines Ferrant" and "Luka Ferrant"); without it the form leaves every entity it is in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
    },
}

impl EntityEdit {
    /// The edit as a person reads it: "Merged “NHC” and “Northgate Hydro”", "Split “Ferrant” out".
    pub fn describe(&self) -> String {
        match self {
            EntityEdit::Merge { forms } => {
                let quoted: Vec<String> = forms.iter().map(|f| format!("“{f}”")).collect();
                match quoted.split_last() {
                    Some((last, rest)) if !rest.is_empty() => {
                        format!("Merged {} and {last}", rest.join(", "))
                    }
                    _ => format!("Merged {}", quoted.join("")),
                }
            }
            EntityEdit::Split {
                form,
                from: Some(from),
            } if from != form => format!("Split “{form}” out of “{from}”"),
            EntityEdit::Split { form, .. } => format!("Split “{form}” out"),
        }
    }
}

/// What became of one edit when it was replayed over an analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It changed the entities.
    Applied,
    /// The analysis already agrees (the forms are already one entity, or the form is already alone): nothing to do.
    AlreadySo,
    /// Some of its forms appear in no entity any more; the listed ones are missing.
    Missing(Vec<String>),
}

impl Outcome {
    /// The outcome as the DOM contract writes it in `data-status`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::AlreadySo => "already",
            Outcome::Missing(_) => "missing",
        }
    }
}

/// A comparison with the edits replayed, and what became of each edit (indexed like the edits).
#[derive(Clone, Debug, PartialEq)]
pub struct Edited {
    /// The comparison with re-derived entities and `name_entity`; its `warnings` gain one per edit that matched nothing.
    pub comparison: Comparison,
    /// One outcome per edit, in order.
    pub outcomes: Vec<Outcome>,
}

/// Replays `edits`, in order, over `comparison`, whose entities were resolved from `articles` and `extracted`.
///
/// Entities that no edit touched are kept exactly as they were; merged and split ones get their name, label,
/// aliases, mentions and counts derived again by the rules of [`super::aliases`]. Entities are then ordered
/// as the resolver orders them (most widely covered first) and numbered again, and `name_entity` follows.
/// Every mention still belongs to exactly one entity. Slots, similarity and claims are left as they are.
///
/// A form is matched as shown in alias lists (possessive dropped, white space collapsed), case and all.
/// When one form is held by several entities, a merge takes the entity with the most mentions of it, and a
/// split takes it out of the entity holding its `from` form, or without one out of each of them (into one new
/// entity per entity it left).
///
/// # Examples
/// ```
/// use corroborate::analysis::{analyze, ingest_text};
/// use corroborate::analysis::edits::{apply, EntityEdit, Outcome};
/// let analysis = analyze(vec![ingest_text("a.txt", "Ada Brandt met Karl Ostrow in Vienna.")]);
/// let merge = EntityEdit::Merge { forms: vec!["Ada Brandt".into(), "Karl Ostrow".into()] };
/// let edited = apply(&analysis.articles, &analysis.extracted, &analysis.comparison, &[merge]);
/// assert_eq!(edited.outcomes, [Outcome::Applied]);
/// assert_eq!(edited.comparison.entities.len(), analysis.comparison.entities.len() - 1);
/// ```
pub fn apply(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    comparison: &Comparison,
    edits: &[EntityEdit],
) -> Edited {
    if edits.is_empty() {
        return Edited {
            comparison: comparison.clone(),
            outcomes: Vec::new(),
        };
    }
    let mut groups = Groups::new(comparison);
    // Where each surface form is written, so that an edit finds its mentions without a scan of every text.
    let mut written: HashMap<String, Vec<ItemRef>> = HashMap::new();
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        for (index, name) in found.names.iter().enumerate() {
            if groups.group_of(ItemRef {
                article: article_idx,
                index,
            }) < groups.members.len()
            {
                written
                    .entry(display_form(name.span.of(&article.text)))
                    .or_default()
                    .push(ItemRef {
                        article: article_idx,
                        index,
                    });
            }
        }
    }
    let no_mentions: Vec<ItemRef> = Vec::new();
    let mentions_of = |form: &str| written.get(form.trim()).unwrap_or(&no_mentions);

    let mut outcomes = Vec::with_capacity(edits.len());
    for edit in edits {
        let outcome = match edit {
            EntityEdit::Merge { forms } => {
                let missing: Vec<String> = forms
                    .iter()
                    .filter(|f| mentions_of(f).is_empty())
                    .cloned()
                    .collect();
                let mut targets: Vec<usize> = forms
                    .iter()
                    .filter_map(|f| groups.main_group(mentions_of(f)))
                    .collect();
                targets.sort_unstable();
                targets.dedup();
                if targets.len() > 1 {
                    groups.merge(&targets);
                }
                if !missing.is_empty() {
                    Outcome::Missing(missing)
                } else if targets.len() > 1 {
                    Outcome::Applied
                } else {
                    Outcome::AlreadySo
                }
            }
            EntityEdit::Split { form, from } => {
                let mentions = mentions_of(form);
                let source = from.as_deref().map(|f| groups.main_group(mentions_of(f)));
                match source {
                    _ if mentions.is_empty() => Outcome::Missing(vec![form.clone()]),
                    Some(None) => Outcome::Missing(from.iter().cloned().collect()),
                    Some(Some(group)) => {
                        let inside: Vec<ItemRef> = mentions
                            .iter()
                            .copied()
                            .filter(|&m| groups.group_of(m) == group)
                            .collect();
                        if groups.split(&inside) {
                            Outcome::Applied
                        } else {
                            Outcome::AlreadySo
                        }
                    }
                    None if groups.split(mentions) => Outcome::Applied,
                    None => Outcome::AlreadySo,
                }
            }
        };
        outcomes.push(outcome);
    }

    let mut edited = comparison.clone();
    let (entities, name_entity) = groups.into_entities(articles, extracted, comparison);
    edited.entities = entities;
    edited.name_entity = name_entity;
    for (edit, outcome) in edits.iter().zip(&outcomes) {
        if let Outcome::Missing(forms) = outcome {
            let quoted: Vec<String> = forms.iter().map(|f| format!("“{f}”")).collect();
            edited.warnings.push(format!(
                "The correction “{}” no longer applies: no name is written {}.",
                edit.describe(),
                quoted.join(" or ")
            ));
        }
    }
    Edited {
        comparison: edited,
        outcomes,
    }
}

/// For each entity, the surface form that best stands for it in an edit: its name when no other entity holds
/// that form, else its first alias that no other entity holds, else its name.
///
/// A form held by one entity only keeps pointing at that entity when the analysis runs again.
pub fn key_forms(comparison: &Comparison) -> Vec<String> {
    let mut holders: HashMap<&str, usize> = HashMap::new();
    for entity in &comparison.entities {
        for alias in &entity.aliases {
            *holders.entry(alias.as_str()).or_default() += 1;
        }
    }
    comparison
        .entities
        .iter()
        .map(|entity| {
            std::iter::once(&entity.name)
                .chain(&entity.aliases)
                .find(|form| holders.get(form.as_str()).copied().unwrap_or(0) <= 1)
                .unwrap_or(&entity.name)
                .clone()
        })
        .collect()
}

/// Mentions grouped into would-be entities while the edits are replayed.
///
/// A group starts as one entity of the comparison; `touched` marks groups that gained or lost mentions and so
/// need their entity record derived again.
struct Groups {
    /// The mentions of each group; emptied when a group is merged away.
    members: Vec<Vec<ItemRef>>,
    /// For each article, the group of each of its names.
    group: Vec<Vec<usize>>,
    /// Whether each group differs from the entity it started as (or did not start as one).
    touched: Vec<bool>,
}

impl Groups {
    /// One group per entity of `comparison`.
    fn new(comparison: &Comparison) -> Groups {
        let members: Vec<Vec<ItemRef>> = comparison
            .entities
            .iter()
            .map(|e| e.mentions.clone())
            .collect();
        Groups {
            touched: vec![false; members.len()],
            members,
            group: comparison.name_entity.clone(),
        }
    }

    /// The group of a mention; past the last group when the comparison does not cover it.
    fn group_of(&self, item: ItemRef) -> usize {
        self.group
            .get(item.article)
            .and_then(|row| row.get(item.index))
            .copied()
            .filter(|&g| g < self.members.len())
            .unwrap_or(usize::MAX)
    }

    /// The group holding the most of `mentions` (ties to the earliest group, the more widely covered).
    fn main_group(&self, mentions: &[ItemRef]) -> Option<usize> {
        let mut tally: HashMap<usize, usize> = HashMap::new();
        for &item in mentions {
            let g = self.group_of(item);
            if g < self.members.len() {
                *tally.entry(g).or_default() += 1;
            }
        }
        tally
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(g, _)| g)
    }

    /// Moves every mention of `targets[1..]` into `targets[0]`; `targets` is sorted and distinct.
    fn merge(&mut self, targets: &[usize]) {
        let Some((&into, rest)) = targets.split_first() else {
            return;
        };
        for &from in rest {
            let moved = std::mem::take(&mut self.members[from]);
            for item in &moved {
                self.group[item.article][item.index] = into;
            }
            self.members[into].extend(moved);
            self.touched[from] = true;
        }
        self.touched[into] = true;
    }

    /// Moves `mentions` out of their groups into new ones, one per group left; a group made of nothing else
    /// stays. Returns whether anything moved.
    fn split(&mut self, mentions: &[ItemRef]) -> bool {
        let mut by_group: HashMap<usize, Vec<ItemRef>> = HashMap::new();
        for &item in mentions {
            let g = self.group_of(item);
            if g < self.members.len() {
                by_group.entry(g).or_default().push(item);
            }
        }
        let mut left: Vec<(usize, Vec<ItemRef>)> = by_group.into_iter().collect();
        left.sort_unstable_by_key(|(g, _)| *g);
        let mut moved_any = false;
        for (from, items) in left {
            if items.len() == self.members[from].len() {
                continue;
            }
            let new_group = self.members.len();
            let leaving: HashSet<ItemRef> = items.iter().copied().collect();
            self.members[from].retain(|m| !leaving.contains(m));
            for item in &items {
                self.group[item.article][item.index] = new_group;
            }
            self.members.push(items);
            self.touched.push(true);
            self.touched[from] = true;
            moved_any = true;
        }
        moved_any
    }

    /// The entity records, ordered and numbered as the resolver does, and the entity of each name.
    fn into_entities(
        self,
        articles: &[Article],
        extracted: &[ArticleAnalysis],
        comparison: &Comparison,
    ) -> (Vec<Entity>, Vec<Vec<usize>>) {
        let entities: Vec<Entity> = self
            .members
            .into_iter()
            .zip(self.touched)
            .enumerate()
            .filter(|(_, (mentions, _))| !mentions.is_empty())
            .map(
                |(g, (mentions, touched))| match comparison.entities.get(g) {
                    Some(entity) if !touched => entity.clone(),
                    _ => build_entity(articles, extracted, mentions),
                },
            )
            .collect();
        number_entities(entities, extracted)
    }
}
