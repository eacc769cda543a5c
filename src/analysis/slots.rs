//! Figure slots: the figures that report the same quantity of the same event, across sources.
//!
//! A figure's slot key is made of:
//! - its event: the main one, or an earlier one when the nearest date in its clause lies long before the set's
//!   reference date (the median of the articles' report dates, or of the latest full date each text gives), when a
//!   bare month ("in September") points before it, when its sentence opens by referring back to such a sentence
//!   ("It killed 612 people"), or when the proper noun next to it is named mostly beside earlier events;
//! - its measure, and for other measures its label (magnitudes of aftershocks apart from the main shock's; a
//!   participle that only restates the noun dropped: "bullets fired" are "bullets", "three people shot" people;
//!   "four prior arrests" and "arrested four times" both count arrests);
//! - whether it is an increment ("two more victims") rather than the count itself;
//! - for sums of money, their currency ("$", "dollars" and "US$" are one; "yuan" another);
//! - the group it counts when that marks a part of a toll ("children", or one nationality of a breakdown
//!   "12 Somali and 11 Yemeni", "12 are from Somalia and 11 from Yemen"), under the whole count as its parent
//!   (as is a part written "30 of the 80 wounded"); nouns that name everyone ("pirates", "suspects") do not split
//!   a slot;
//! - for counts of other things sharing one name, which quantity its value belongs to, since one article giving
//!   two values counts two things; arrests, counted afresh on each night of a protest, are split the same way
//!   when two disagreeing counts are tied to different days (by a date in their own sentence, or by a report
//!   written before the other's day).
//!
//! The slot's status then compares the values with their qualifiers and report dates.

use super::model::{
    Article, ArticleAnalysis, Figure, ItemRef, Label, Measure, Qualifier, Slot, SlotStatus, Token,
    TokenKind,
};
use chrono::{Datelike, NaiveDate};
use std::collections::HashMap;

/// How long before the reference date a date near a figure marks the figure as about another event.
const BACKGROUND_DAYS: i64 = 28;

/// How long after a bare month ends the reference must lie for the month to mark an earlier event.
const BARE_MONTH_DAYS: i64 = 7;

/// How far (in tokens, clause breaks counted extra) a date before a figure may lie and still date it:
/// a date that opens a sentence ("In February, a gunman killed five people") frames all of it.
const CUE_REACH_BEFORE: usize = 60;

/// How far a date after a figure may lie and still date it; a later clause is often about another event.
const CUE_REACH_AFTER: usize = 20;

/// Words that name a quake, and which of them name an aftershock.
const QUAKE_WORDS: &[&str] = &["earthquake", "quake", "temblor", "tremor", "shock", "jolt"];

/// How far below the main shock's magnitude a reported magnitude must be to be an aftershock's.
const AFTERSHOCK_GAP: f64 = 1.0;

/// What a comma or semicolon between a figure and a date adds to their distance: another clause may be another event.
const CLAUSE_PENALTY: usize = 15;

/// Words that put a bare month in the past as a period ("in September", "last March", "early February").
const MONTH_LEADS: &[&str] = &["in", "last", "early", "late", "mid", "during", "of"];

/// Sentence openers that refer back to the previous sentence's subject ("It killed 612 people").
const BACK_REFERENCES: &[&str] = &["it", "that", "this", "they", "the same"];

/// Labels of other quantities that just count people (victims, or a crowd however it is called), so they name one
/// quantity; different counts among them are told apart by value.
const PEOPLE_LABELS: &[&str] = &[
    "people",
    "persons",
    "person",
    "victims",
    "individuals",
    "crowd",
    "protesters",
    "demonstrators",
    "mourners",
    "rioters",
    "marchers",
];

/// Counted groups that mark a part of a toll ("including three children"); any other noun just names the whole.
const SUBSET_GROUPS: &[&str] = &[
    "child",
    "kid",
    "baby",
    "infant",
    "toddler",
    "minor",
    "student",
    "pupil",
    "schoolchild",
    "woman",
    "girl",
    "boy",
    "foreigner",
    "tourist",
    "soldier",
    "troop",
    "officer",
    "policeman",
    "policemen",
    "firefighter",
    "rescuer",
    "journalist",
    "reporter",
    "worker",
    "miner",
    "doctor",
    "nurse",
    "teacher",
    "pilgrim",
    "employee",
];

/// What makes two figures report the same quantity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct SlotKey {
    /// The year of the earlier event a background figure is about (0 when unknown); `None` for the main event.
    background: Option<i32>,
    measure: Measure,
    /// The quantity's name for other measures.
    label: String,
    /// The key of the slot this one is part of, flattened to its label chain.
    parent: Option<Box<SlotKey>>,
    /// The specific counted group, singular ("child"), or empty.
    unit: String,
    /// Which of several quantities sharing one name this is (0 for the most reported), from their values.
    cut: usize,
}

/// A date near figures: where it is in its sentence and what it says about the event.
#[derive(Clone, Copy, Debug)]
struct Cue {
    /// Index of its first token in the sentence.
    first: usize,
    /// Index one past its last token.
    end: usize,
    /// The year of the earlier event it dates (0 when unknown), or `None` when it dates the main event.
    background: Option<i32>,
    /// The single day it names, when it names one.
    day: Option<NaiveDate>,
}

/// Groups figures into slots.
///
/// Returns the slots (main event first, measures in a fixed order, each subset right after its parent,
/// background events last) and, per article, the slot index of each figure.
/// Every figure belongs to exactly one slot; members are in report-date order (undated last),
/// then by value, then by article.
pub fn align(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
) -> (Vec<Slot>, Vec<Vec<Option<usize>>>) {
    let (events, days) = figure_events(articles, extracted);
    let main_magnitude = main_magnitude(articles, extracted, &events);
    let groups = breakdown_groups(articles, extracted);
    let counted = counted_events(extracted);
    let mut keyed: HashMap<SlotKey, Vec<ItemRef>> = HashMap::new();
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        let text = article.text.as_str();
        let mut keys: Vec<SlotKey> = Vec::with_capacity(found.figures.len());
        for (index, figure) in found.figures.iter().enumerate() {
            let background = events
                .get(article_idx)
                .and_then(|e| e.get(index))
                .copied()
                .flatten();
            let label = figure
                .label
                .as_deref()
                .filter(|_| figure.measure == Measure::Other)
                .unwrap_or("")
                .to_lowercase();
            let label = refine_label(text, found, figure, label, main_magnitude);
            let label = plain_label(label);
            let label = counted.get(&label).cloned().unwrap_or(label);
            // "three people" and "three victims" name one group of people; the label says nothing more.
            // "Three people shot" counts people too: a participle after a people noun does not make another quantity.
            let people_noun = figure
                .unit
                .split_whitespace()
                .last()
                .is_some_and(|w| PEOPLE_LABELS.contains(&w.to_lowercase().as_str()));
            let participle = !label.contains(' ') && is_participle(&label);
            let label = if PEOPLE_LABELS.contains(&label.as_str()) || (people_noun && participle) {
                "people".to_string()
            } else {
                label
            };
            let group = groups
                .get(article_idx)
                .and_then(|g| g.get(index))
                .cloned()
                .flatten();
            let labelled = figure.measure == Measure::Other && figure.label.is_some();
            let unit = if let Some(group) = group {
                group
            } else if is_increment(text, found, figure) {
                // "Two more victims" adds to a toll; it is not the toll.
                INCREMENT_UNIT.to_string()
            } else if labelled && label == "money" {
                // Sums in different currencies are different quantities: "$11bn" is not "9.9 billion yuan".
                currency(&figure.unit)
            } else if labelled {
                // A labelled quantity ("aftershocks") is named by its label; its noun adds only a model name.
                model_designation(text, found, figure).unwrap_or_default()
            } else {
                specific_unit(&figure.unit)
            };
            // The slot of the plain count of this figure's measure, which parts without a keyed whole go under.
            let plain_count = || SlotKey {
                background,
                measure: figure.measure,
                label: label.clone(),
                parent: None,
                unit: String::new(),
                cut: 0,
            };
            // A part is of a whole of its own kind: "seven rifles" is not a part of "23 pirates".
            let parent = figure
                .subset_of
                .or_else(|| partitive_whole(text, found, index))
                .filter(|&p| p != index)
                .filter(|&p| {
                    found.figures.get(p).is_some_and(|whole| {
                        whole.measure == figure.measure
                            && (figure.measure != Measure::Other || whole.label == figure.label)
                    })
                })
                // A whole written after its part ("30 of the 80 wounded") has no key yet: it is the plain count.
                .map(|p| keys.get(p).cloned().unwrap_or_else(plain_count))
                .or_else(|| {
                    // A group ("two children") or a part of a breakdown ("12 Somali and 11 Yemeni") belongs under
                    // the whole count of its measure even when no whole is written beside it.
                    (!unit.is_empty() && !labelled).then(plain_count)
                })
                .map(Box::new);
            let key = SlotKey {
                background,
                measure: figure.measure,
                label,
                unit,
                parent,
                cut: 0,
            };
            keyed.entry(key.clone()).or_default().push(ItemRef {
                article: article_idx,
                index,
            });
            keys.push(key);
        }
    }

    let figure_of = |m: &ItemRef| {
        extracted
            .get(m.article)
            .and_then(|a| a.figures.get(m.index))
    };
    let mut entries: Vec<(SlotKey, Vec<ItemRef>)> = Vec::with_capacity(keyed.len());
    for (key, members) in keyed {
        let day_of = |m: &ItemRef| {
            days.get(m.article)
                .and_then(|d| d.get(m.index))
                .copied()
                .flatten()
        };
        let report_of = |m: &ItemRef| articles.get(m.article).and_then(|a| a.date);
        let occasions = per_occasion(key.measure)
            && several_occasions(&members, &figure_of, &day_of, &report_of);
        if !occasions && !splits_by_value(&key) {
            entries.push((key, members));
            continue;
        }
        for (cut, group) in value_cuts(&members, &figure_of).into_iter().enumerate() {
            entries.push((SlotKey { cut, ..key.clone() }, group));
        }
    }
    entries.sort_by_key(|a| sort_key(&a.0));
    let ids: HashMap<SlotKey, String> = entries
        .iter()
        .enumerate()
        .map(|(i, (key, _))| (key.clone(), format!("s{}", i + 1)))
        .collect();

    let mut figure_slot: Vec<Vec<Option<usize>>> = extracted
        .iter()
        .map(|a| vec![None; a.figures.len()])
        .collect();
    let mut slots = Vec::with_capacity(entries.len());
    for (slot_idx, (key, mut members)) in entries.into_iter().enumerate() {
        let figure = |m: &ItemRef| &extracted[m.article].figures[m.index];
        members.sort_by(|a, b| {
            let date = |m: &ItemRef| articles[m.article].date.unwrap_or(NaiveDate::MAX);
            date(a)
                .cmp(&date(b))
                .then(figure(a).point().total_cmp(&figure(b).point()))
                .then(a.cmp(b))
        });
        for m in &members {
            figure_slot[m.article][m.index] = Some(slot_idx);
        }
        let dated: Vec<(Option<NaiveDate>, &Figure)> = members
            .iter()
            .map(|m| (articles[m.article].date, figure(m)))
            .collect();
        slots.push(Slot {
            id: ids.get(&key).cloned().unwrap_or_default(),
            measure: key.measure,
            label: slot_label(&key),
            status: match status(key.measure, &dated) {
                // One source repeating a value it gives once is still a single report; a source that gives
                // two incompatible values is in conflict with itself.
                SlotStatus::Agree
                    if members
                        .iter()
                        .all(|m| members.first().is_some_and(|f| f.article == m.article)) =>
                {
                    SlotStatus::Single
                }
                other => other,
            },
            parent: key.parent.as_deref().and_then(|p| ids.get(p).cloned()),
            background: key.background,
            members,
        });
    }
    (slots, figure_slot)
}

/// The median magnitude the set reports for its main event, leaving out aftershocks named as such.
fn main_magnitude(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    events: &[Vec<Option<i32>>],
) -> Option<f64> {
    let mut values: Vec<f64> = Vec::new();
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        for (index, figure) in found.figures.iter().enumerate() {
            let main = events
                .get(article_idx)
                .and_then(|e| e.get(index))
                .is_some_and(|e| e.is_none());
            let magnitude = figure.measure == Measure::Other
                && figure
                    .label
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case("magnitude"));
            if main && magnitude && !is_aftershock_sentence(&article.text, found, figure) {
                values.push(figure.point());
            }
        }
    }
    values.sort_by(f64::total_cmp);
    values.get(values.len().checked_sub(1)? / 2).copied()
}

/// Whether figures sharing a key may still be different quantities told apart by value: counts of other things
/// ("seven bullets" hit, "four bullets" left in the gun). Tolls are one quantity that is updated or disputed,
/// and magnitudes are one quake's reading by different agencies, so neither is split.
fn splits_by_value(key: &SlotKey) -> bool {
    key.measure == Measure::Other && !key.label.ends_with("magnitude")
}

/// Whether a measure is counted afresh on each occasion of a drawn-out event (arrests each night of protest),
/// so that counts dated to different days are different quantities rather than one toll updated.
fn per_occasion(measure: Measure) -> bool {
    matches!(measure, Measure::Arrested)
}

/// Whether figures sharing a key count on several occasions: two disagreeing values tied to different days, one
/// by the date in its own sentence and the other by its own date or by a report written before that day (which
/// cannot know of it).
fn several_occasions<'a>(
    members: &[ItemRef],
    figure_of: &dyn Fn(&ItemRef) -> Option<&'a Figure>,
    day_of: &dyn Fn(&ItemRef) -> Option<NaiveDate>,
    report_of: &dyn Fn(&ItemRef) -> Option<NaiveDate>,
) -> bool {
    members.iter().any(|a| {
        let (Some(day), Some(fa)) = (day_of(a), figure_of(a)) else {
            return false;
        };
        members.iter().any(|b| {
            let Some(fb) = figure_of(b) else {
                return false;
            };
            let disagree = fa.min_value() > fb.max_value() || fb.min_value() > fa.max_value();
            let other_day = match day_of(b) {
                Some(d) => d != day,
                None => report_of(b).is_some_and(|r| r < day),
            };
            disagree && other_day
        })
    })
}

/// How far apart two values of one quantity may lie and still be one source disputing another (factor).
const DISPUTE_RATIO: f64 = 2.0;

/// Splits figures that share a name into the quantities their values tell apart, most reported first.
///
/// Figures join when their values are compatible, but never when one article gives the two values side by side
/// (an article does not dispute itself: "seven bullets" and "two other bullets" are two counts). A value that
/// matches nothing then joins the nearest quantity within a factor of two, as one source disputing the others.
fn value_cuts<'a>(
    members: &[ItemRef],
    figure_of: &dyn Fn(&ItemRef) -> Option<&'a Figure>,
) -> Vec<Vec<ItemRef>> {
    // An open bound ("at least 14 vessels") rarely hides more than twice its value, so a count far above it is
    // another quantity, not the same one told more precisely.
    let low = |f: &Figure| f.min_value().max(f.point() / DISPUTE_RATIO);
    let high = |f: &Figure| f.max_value().min(f.point() * DISPUTE_RATIO);
    let compatible = |a: &Figure, b: &Figure| low(a) <= high(b) && low(b) <= high(a);
    let fits = |group: &[ItemRef], m: &ItemRef| -> bool {
        let Some(f) = figure_of(m) else {
            return true;
        };
        let first = group.first().and_then(figure_of);
        first.is_none_or(|g| compatible(g, f))
            && group
                .iter()
                .filter(|g| g.article == m.article)
                .filter_map(figure_of)
                .all(|g| compatible(g, f))
    };
    let mut groups: Vec<Vec<ItemRef>> = Vec::new();
    for m in members {
        match groups.iter_mut().find(|g| fits(g, m)) {
            Some(group) => group.push(*m),
            None => groups.push(vec![*m]),
        }
    }
    // Lone values join the nearest quantity they may dispute; larger groups stay apart.
    let (mut kept, lone): (Vec<Vec<ItemRef>>, Vec<Vec<ItemRef>>) =
        groups.into_iter().partition(|g| g.len() > 1);
    for group in lone {
        let Some(m) = group.first() else { continue };
        let point = figure_of(m).map(Figure::point).unwrap_or(0.0);
        let distance = |g: &Vec<ItemRef>| {
            let other = g
                .first()
                .and_then(figure_of)
                .map(Figure::point)
                .unwrap_or(0.0);
            if point > 0.0 && other > 0.0 {
                (point / other).max(other / point)
            } else {
                f64::INFINITY
            }
        };
        let nearest = kept
            .iter_mut()
            .filter(|g| g.iter().all(|x| x.article != m.article))
            .map(|g| (distance(g), g))
            .filter(|(d, _)| *d <= DISPUTE_RATIO)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        match nearest {
            Some((_, g)) => g.push(*m),
            None => kept.push(group),
        }
    }
    kept.sort_by_key(|g| std::cmp::Reverse(g.len()));
    kept
}

/// One level of a slot key's chain from the whole down to the part: measure, label, group and cut.
type ChainLink = (Measure, String, String, usize);

/// Orders slots: main event before background, by measure, each subset right after its parent.
fn sort_key(key: &SlotKey) -> (Option<i32>, Vec<ChainLink>) {
    let mut chain = Vec::new();
    let mut cursor = Some(key);
    while let Some(k) = cursor {
        chain.push((k.measure, k.label.clone(), k.unit.clone(), k.cut));
        cursor = k.parent.as_deref();
    }
    chain.reverse();
    (key.background.map(|y| -y), chain)
}

/// A short human name for what the slot counts beyond its measure.
fn slot_label(key: &SlotKey) -> Option<String> {
    let mut parts = Vec::new();
    if !key.label.is_empty() {
        parts.push(key.label.clone());
    }
    if !key.unit.is_empty() {
        parts.push(key.unit.clone());
    }
    match key.background {
        Some(0) => parts.push("earlier event".to_string()),
        Some(year) => parts.push(format!("earlier event ({year})")),
        None => {}
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// A sum's currency as one symbol or word however it is written ("dollars", "US$" and "$" are "$"; "euros" is
/// "€"), so that a slot holds sums of one currency.
fn currency(unit: &str) -> String {
    let lower = unit.trim().to_lowercase();
    let word = lower.trim_end_matches('s');
    match word {
        "$" | "us$" | "usd" | "dollar" | "us dollar" => "$".to_string(),
        "€" | "eur" | "euro" => "€".to_string(),
        "£" | "gbp" | "pound" | "pound sterling" | "sterling" => "£".to_string(),
        "yuan" | "renminbi" | "rmb" | "cny" => "yuan".to_string(),
        "¥" | "yen" | "jpy" => "yen".to_string(),
        _ => lower,
    }
}

/// Words before a count of past events that do not change what is counted ("four prior arrests").
const PAST_MODIFIERS: &[&str] = &["prior", "previous", "earlier", "past", "former"];

/// Labels that count the same events as another label of the set, mapped to it: "prior arrests" is "arrests",
/// and "times arrested" ("arrested four times") is "arrests" too when some figure of the set counts arrests by
/// that noun. A verb whose noun no figure uses keeps its own label ("times stabbed").
fn counted_events(extracted: &[ArticleAnalysis]) -> HashMap<String, String> {
    let labels: Vec<String> = extracted
        .iter()
        .flat_map(|a| &a.figures)
        .filter(|f| f.measure == Measure::Other)
        .filter_map(|f| f.label.as_deref())
        .map(|l| plain_label(l.to_lowercase()))
        .collect();
    let bare = |label: &str| -> String {
        match label.split_once(' ') {
            Some((first, rest)) if PAST_MODIFIERS.contains(&first) => rest.to_string(),
            _ => label.to_string(),
        }
    };
    // Each noun counted by some figure, singular, to the label it is counted under.
    let nouns: HashMap<String, String> = labels
        .iter()
        .map(|l| bare(l))
        .filter(|l| !l.contains(' '))
        .map(|l| (singular(&l), l))
        .collect();
    let mut map = HashMap::new();
    for label in &labels {
        let plain = bare(label);
        if plain != *label {
            map.insert(label.clone(), plain.clone());
        }
        let Some(verb) = plain.strip_prefix("times ") else {
            continue;
        };
        let Some(stem) = verb.strip_suffix("ed") else {
            continue;
        };
        // "arrested" is "arrest"; "charged" is "charge"; "stabbed" is "stab".
        let mut last_two = stem.chars().rev();
        let doubled = stem.chars().count() > 2 && last_two.next() == last_two.next();
        let undoubled = stem
            .char_indices()
            .last()
            .filter(|_| doubled)
            .map(|(at, _)| stem[..at].to_string());
        let candidates = [Some(stem.to_string()), Some(format!("{stem}e")), undoubled];
        if let Some(noun) = candidates.iter().flatten().find_map(|c| nouns.get(c)) {
            map.insert(label.clone(), noun.clone());
        }
    }
    map
}

/// A plural noun in singular form ("children" is "child", "casualties" is "casualty").
fn singular(word: &str) -> String {
    let word = word.to_lowercase();
    if word == "children" {
        "child".to_string()
    } else if word == "women" {
        "woman".to_string()
    } else if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") {
        word
    } else {
        word.strip_suffix('s').unwrap_or(&word).to_string()
    }
}

/// The counted noun's head in singular form when it names a group that is part of a toll, else empty.
///
/// Only the head counts ("young children" and "children" are one group), and only groups that news reports
/// break a toll down by (children, women, foreigners, officers): "pirates", "villagers" or "suspects" just
/// name everyone counted, so "23 pirates" and "23 suspects" report one quantity.
fn specific_unit(unit: &str) -> String {
    let head = singular(unit.split_whitespace().last().unwrap_or(""));
    if SUBSET_GROUPS.contains(&head.as_str()) {
        head
    } else {
        String::new()
    }
}

/// The tokens of a figure's sentence and the range of them the figure covers.
fn figure_tokens<'a>(
    found: &'a ArticleAnalysis,
    figure: &Figure,
) -> (&'a [Token], std::ops::Range<usize>) {
    let tokens = found.segments.sentence_tokens(figure.sentence);
    let token_at = |offset: usize| tokens.partition_point(|t| t.span.end <= offset);
    (
        tokens,
        token_at(figure.span.start)..token_at(figure.span.end),
    )
}

/// The figure a bare number is a part of when the sentence says so with "of the" ("30 of the 80 wounded"): the
/// index of the figure whose number follows, when it reports the same measure.
fn partitive_whole(text: &str, found: &ArticleAnalysis, index: usize) -> Option<usize> {
    let figure = found.figures.get(index)?;
    let tokens = found.segments.sentence_tokens(figure.sentence);
    let end = tokens.partition_point(|t| t.span.end <= figure.number.end);
    let word = |i: usize| tokens.get(i).map(|t| t.span.of(text).to_lowercase());
    if word(end).as_deref() != Some("of") || word(end + 1).as_deref() != Some("the") {
        return None;
    }
    let whole = tokens
        .get(end + 2)
        .filter(|t| t.kind == TokenKind::Number)?;
    found.figures.iter().position(|f| {
        f.sentence == figure.sentence
            && f.measure == figure.measure
            && f.number.overlaps(whole.span)
    })
}

/// The model a labelled figure counts when its noun names one ("seven AK-47 rifles", "two F-16 jets"):
/// the model's letters, lower case. Different models seized or flown together are different quantities.
fn model_designation(text: &str, found: &ArticleAnalysis, figure: &Figure) -> Option<String> {
    let (tokens, range) = figure_tokens(found, figure);
    let number_end = tokens.partition_point(|t| t.span.end <= figure.number.end);
    let words = tokens.get(number_end.max(range.start)..range.end)?;
    words.iter().enumerate().find_map(|(i, t)| {
        let word = t.span.of(text);
        let upper = word.chars().count() >= 2 && word.chars().all(|c| c.is_ascii_uppercase());
        let next = |k: usize| words.get(i + k);
        let numbered = match next(1) {
            Some(n) if n.kind == TokenKind::Number => true,
            Some(n) if n.span.of(text) == "-" => {
                next(2).is_some_and(|m| m.kind == TokenKind::Number)
            }
            _ => false,
        };
        (upper && numbered).then(|| word.to_lowercase())
    })
}

/// Whether the quake word nearest a magnitude names an aftershock ("aftershocks varying from 2.8 to 3.8").
fn is_aftershock_sentence(text: &str, found: &ArticleAnalysis, figure: &Figure) -> bool {
    let (tokens, range) = figure_tokens(found, figure);
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let word = t.span.of(text).to_lowercase();
            let after = word.starts_with("aftershock");
            let quake = after || QUAKE_WORDS.iter().any(|q| word.starts_with(q));
            let distance = if i < range.start {
                range.start - i
            } else {
                i.saturating_sub(range.end)
            };
            quake.then_some((distance, after))
        })
        .min_by_key(|(d, _)| *d)
        .is_some_and(|(_, after)| after)
}

/// Past participles that do not end in "-ed".
const IRREGULAR_PARTICIPLES: &[&str] =
    &["shot", "hit", "hurt", "struck", "taken", "held", "caught"];

/// Whether a word is a past participle ("shot", "rescued").
fn is_participle(word: &str) -> bool {
    word.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&word)
}

/// Participles that only restate what the counted thing is for ("bullets fired" are the bullets), unlike those
/// that cut a part of it ("villages destroyed" are some of the villages).
const NEUTRAL_PARTICIPLES: &[&str] = &[
    "fired",
    "used",
    "reported",
    "recorded",
    "registered",
    "involved",
    "launched",
];

/// A label without a participle that adds nothing to its noun: "bullets fired" is "bullets".
fn plain_label(label: String) -> String {
    match label.rsplit_once(' ') {
        Some((noun, participle)) if NEUTRAL_PARTICIPLES.contains(&participle) => noun.to_string(),
        _ => label,
    }
}

/// Splits a label whose figures measure different things: a magnitude is an aftershock's when its sentence calls
/// the quake an aftershock, or when it lies well below the main shock's magnitude (`main_magnitude`).
fn refine_label(
    text: &str,
    found: &ArticleAnalysis,
    figure: &Figure,
    label: String,
    main_magnitude: Option<f64>,
) -> String {
    if label != "magnitude" {
        return label;
    }
    let weaker = main_magnitude.is_some_and(|m| figure.point() < m - AFTERSHOCK_GAP);
    if weaker || is_aftershock_sentence(text, found, figure) {
        "aftershock magnitude".to_string()
    } else {
        label
    }
}

/// Words right after a number that make it an increment of a count ("two more victims", "three additional bodies").
const INCREMENT_WORDS: &[&str] = &["more", "additional", "further", "extra"];

/// Words after "more" that show no counted noun follows it.
const NOT_NOUNS: &[&str] = &["than", "and", "or", "but", "as", "in", "on", "at", "of"];

/// The group name of increments.
const INCREMENT_UNIT: &str = "more";

/// Whether a figure counts an addition to a quantity rather than the quantity: its number is followed by "more"
/// ("two more victims") or preceded by "another" ("another three people").
fn is_increment(text: &str, found: &ArticleAnalysis, figure: &Figure) -> bool {
    let tokens = found.segments.sentence_tokens(figure.sentence);
    let first = tokens.partition_point(|t| t.span.end <= figure.number.start);
    let end = tokens.partition_point(|t| t.span.end <= figure.number.end);
    let word = |i: Option<usize>| {
        i.and_then(|i| tokens.get(i))
            .map(|t| t.span.of(text).to_lowercase())
            .unwrap_or_default()
    };
    let after = word(Some(end));
    // Only "more" before the counted noun adds: "two more than last year" compares, and "injuring dozens more"
    // counts others beside the dead.
    let noun_follows = tokens
        .get(end + 1)
        .is_some_and(|t| t.kind == TokenKind::Word)
        && !NOT_NOUNS.contains(&word(Some(end + 1)).as_str());
    INCREMENT_WORDS.contains(&after.as_str()) && noun_follows
        || word(first.checked_sub(1)) == "another"
}

/// How many tokens after a bare number its nationality may lie ("12 are reported to be Somali").
const NATIONALITY_REACH: usize = 6;

/// The breakdown group of every figure of every article (`breakdown_group`), with a country and its people named
/// as one group: "from Somalia" and "Somali", "Yemen" and "Yemenis" share the shorter form when one begins the other.
fn breakdown_groups(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
) -> Vec<Vec<Option<String>>> {
    let mut groups: Vec<Vec<Option<String>>> = articles
        .iter()
        .zip(extracted)
        .map(|(article, found)| {
            (0..found.figures.len())
                .map(|index| breakdown_group(&article.text, found, index))
                .collect()
        })
        .collect();
    let mut names: Vec<String> = groups.iter().flatten().flatten().cloned().collect();
    names.sort_by_key(|n| (n.chars().count(), n.clone()));
    names.dedup();
    for group in groups.iter_mut().flatten().flatten() {
        let shortest = names
            .iter()
            .find(|n| n.chars().count() >= MIN_GROUP_STEM && group.starts_with(n.as_str()));
        if let Some(shortest) = shortest {
            *group = shortest.clone();
        }
    }
    groups
}

/// How long a shared beginning of two group names must be to name one people ("Iran" and "Iranian").
const MIN_GROUP_STEM: usize = 4;

/// The nationality or group a figure counts when its sentence breaks one quantity down by nationality
/// ("12 Somali and 11 Yemeni nationals"): the group, singular and lower case; else `None`.
///
/// A single nationality ("23 Somali pirates") names everyone counted, so only a sentence with two figures of one
/// measure naming different nationalities is a breakdown.
fn breakdown_group(text: &str, found: &ArticleAnalysis, index: usize) -> Option<String> {
    let figure = found.figures.get(index)?;
    let nationality = |f: &Figure| -> Option<String> {
        let (tokens, range) = figure_tokens(found, f);
        // The nationality is the first word after the number inside the figure ("12 Somali", "11 Yemenis"); a bare
        // number takes the first capitalised word after it in its clause ("12 are reported to be Somali",
        // "11 from Yemen").
        let number_end = tokens.partition_point(|t| t.span.end <= f.number.end);
        let inside = tokens.get(number_end.max(range.start)..range.end)?;
        let word = match inside.first() {
            Some(word) => word,
            None => tokens
                .get(number_end..)?
                .iter()
                .take(NATIONALITY_REACH)
                .take_while(|t| {
                    t.kind != TokenKind::Number && !matches!(t.span.of(text), "," | ";")
                })
                .find(|t| {
                    t.kind == TokenKind::Word
                        && !t.span.of(text).starts_with(|c: char| c.is_lowercase())
                })?,
        };
        // The tagger may miss a plural demonym ("Yemenis"), so a capitalised word there counts too.
        let is_norp = found
            .names
            .iter()
            .any(|n| n.label == Label::Norp && n.span.overlaps(word.span))
            || (word.kind == TokenKind::Word
                && word.span.of(text).starts_with(|c: char| c.is_uppercase()));
        is_norp.then(|| singular(word.span.of(text)))
    };
    let own = nationality(figure)?;
    let sibling = found.figures.iter().enumerate().any(|(i, f)| {
        i != index
            && f.sentence == figure.sentence
            && f.measure == figure.measure
            && nationality(f).is_some_and(|n| n != own)
    });
    sibling.then_some(own)
}

/// The date an article reports from: its report date, else the latest full date its text gives
/// (a dateline or an "updated" line), never written back into the article.
fn article_anchor(article: &Article, found: &ArticleAnalysis) -> Option<NaiveDate> {
    article.date.or_else(|| {
        found
            .dates
            .iter()
            .filter(|d| !d.relative && d.start == d.end)
            .map(|d| d.end)
            .max()
    })
}

/// The date the set's main event is judged from: the median of the articles' anchors,
/// so that one follow-up a year later does not make the main event look like background.
fn set_reference(anchors: &[Option<NaiveDate>]) -> Option<NaiveDate> {
    let mut dated: Vec<NaiveDate> = anchors.iter().flatten().copied().collect();
    dated.sort();
    dated.get(dated.len().checked_sub(1)? / 2).copied()
}

/// The dates in one sentence that may say which event its figures are about.
///
/// A resolved date long before the reference is an earlier event; so is a bare month ("in September") that the
/// date extractor could not place, when it is not the reference's month (or there is no reference at all,
/// since a current event is told by weekday or full date, not by month alone).
/// A date after "since" measures from that date ("the deadliest since 1983") and dates nothing.
fn sentence_cues(
    text: &str,
    found: &ArticleAnalysis,
    sentence: usize,
    reference: Option<NaiveDate>,
) -> Vec<Cue> {
    let Some(span) = found.segments.sentences.get(sentence).map(|s| s.span) else {
        return Vec::new();
    };
    let tokens = found.segments.sentence_tokens(sentence);
    let token_at = |offset: usize| tokens.partition_point(|t| t.span.end <= offset);
    let word = |i: usize| tokens.get(i).map(|t| t.span.of(text).to_lowercase());
    let after_since = |first: usize| first > 0 && word(first - 1).as_deref() == Some("since");
    let mut cues = Vec::new();
    for date in found.dates.iter().filter(|d| span.contains(d.span)) {
        let first = token_at(date.span.start);
        if after_since(first) {
            continue;
        }
        let background = reference
            .filter(|r| (*r - date.end).num_days() > BACKGROUND_DAYS)
            .map(|_| date.start.year());
        cues.push(Cue {
            first,
            end: token_at(date.span.end),
            background,
            day: (date.start == date.end).then_some(date.start),
        });
    }
    for (i, token) in tokens.iter().enumerate() {
        let Some(month) = super::dates::month_full(&token.span.of(text).to_lowercase()) else {
            continue;
        };
        let capitalised = token.span.of(text).starts_with(|c: char| c.is_uppercase());
        let led = i > 0 && word(i - 1).is_some_and(|w| MONTH_LEADS.contains(&w.as_str()));
        let dated = found.dates.iter().any(|d| d.span.overlaps(token.span));
        let day_follows = tokens
            .get(i + 1)
            .is_some_and(|t| t.kind == TokenKind::Number);
        if !capitalised || !led || dated || day_follows || after_since(i.saturating_sub(1)) {
            continue;
        }
        let background = match reference {
            Some(r) => {
                let year = if month <= r.month() {
                    r.year()
                } else {
                    r.year().saturating_sub(1)
                };
                // "In November" in a report of December 2 may still be last week's event.
                month_end(year, month)
                    .filter(|end| (r - *end).num_days() > BARE_MONTH_DAYS)
                    .map(|_| year)
            }
            None => Some(0),
        };
        cues.push(Cue {
            first: i,
            end: i + 1,
            background,
            day: None,
        });
    }
    cues
}

/// The last day of a month, or `None` for an impossible one.
fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (next_year, next_month) = if month >= 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)?.pred_opt()
}

/// The cue nearest a figure inside its sentence, counting clause breaks between them as extra distance.
fn nearest_cue(
    text: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    cues: &[Cue],
) -> Option<Cue> {
    let distance = |cue: &Cue| {
        let between = if cue.end <= range.start {
            cue.end..range.start
        } else {
            range.end..cue.first.max(range.end)
        };
        // A comma between digits ("26, 000" as some wires space it) is part of a number, not a clause break.
        let breaks = between
            .clone()
            .filter(|&i| {
                let is_break = tokens
                    .get(i)
                    .is_some_and(|t| matches!(t.span.of(text), "," | ";"));
                let number = |j: Option<usize>| {
                    j.and_then(|j| tokens.get(j))
                        .is_some_and(|t| t.kind == TokenKind::Number)
                };
                is_break && !(number(i.checked_sub(1)) && number(Some(i + 1)))
            })
            .count();
        between.len() + breaks * CLAUSE_PENALTY
    };
    cues.iter()
        .map(|c| (distance(c), *c))
        .filter(|(d, c)| {
            if c.end <= range.start {
                *d <= CUE_REACH_BEFORE
            } else {
                *d <= CUE_REACH_AFTER
            }
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Per article and figure: the year of the earlier event it is about (`None` for the main event), and the day its
/// own sentence dates it to.
type FigureEvents = (Vec<Vec<Option<i32>>>, Vec<Vec<Option<NaiveDate>>>);

/// For every figure of every article, the year of the earlier event it is about (0 when unknown), or `None` for the main event.
///
/// A figure is dated by the nearest date in its sentence; a sentence without dates that opens by referring back
/// ("It killed 612 people") takes the previous sentence's last date. Places named only beside earlier events
/// (the city of an earlier quake) then mark undated figures next to them as that event's too.
fn figure_events(articles: &[Article], extracted: &[ArticleAnalysis]) -> FigureEvents {
    let anchors: Vec<Option<NaiveDate>> = articles
        .iter()
        .zip(extracted)
        .map(|(a, f)| article_anchor(a, f))
        .collect();
    let set = set_reference(&anchors);
    let mut events: Vec<Vec<Option<i32>>> = Vec::with_capacity(extracted.len());
    let mut days: Vec<Vec<Option<NaiveDate>>> = Vec::with_capacity(extracted.len());
    // Whether each figure's event came from a date, so places only decide for the rest.
    let mut dated: Vec<Vec<bool>> = Vec::with_capacity(extracted.len());
    // Per place: the earlier event's year, and how often it is named beside earlier-event and other figures.
    let mut background_places: HashMap<String, i32> = HashMap::new();
    let mut place_counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        let text = article.text.as_str();
        let reference = set.or(anchors.get(article_idx).copied().flatten());
        let mut cache: HashMap<usize, Vec<Cue>> = HashMap::new();
        let mut cues_of = |sentence: usize| {
            cache
                .entry(sentence)
                .or_insert_with(|| sentence_cues(text, found, sentence, reference))
                .clone()
        };
        let mut seen: std::collections::HashSet<(usize, String)> = std::collections::HashSet::new();
        let mut article_events = Vec::with_capacity(found.figures.len());
        let mut article_dated = Vec::with_capacity(found.figures.len());
        let mut article_days = Vec::with_capacity(found.figures.len());
        for figure in &found.figures {
            let (tokens, range) = figure_tokens(found, figure);
            let own = cues_of(figure.sentence);
            let cue = nearest_cue(text, tokens, range.clone(), &own).or_else(|| {
                // "That temblor killed at least six people": the previous sentence's last date dates it.
                opens_with_back_reference(text, tokens)
                    .then(|| figure.sentence.checked_sub(1))
                    .flatten()
                    .and_then(|previous| cues_of(previous).into_iter().max_by_key(|c| c.first))
            });
            let event = cue.and_then(|c| c.background);
            // An earlier event's place is the one named nearest its figure; the main event's sentences
            // claim every place they name. Each sentence counts once.
            match event {
                Some(year) => {
                    if let Some(place) = nearest_place(text, found, figure) {
                        if seen.insert((figure.sentence, place.clone())) {
                            place_counts.entry(place.clone()).or_default().0 += 1;
                        }
                        background_places.entry(place).or_insert(year);
                    }
                }
                None => {
                    for (_, place) in proper_nouns(text, found, figure.sentence) {
                        if seen.insert((figure.sentence, place.clone())) {
                            place_counts.entry(place).or_default().1 += 1;
                        }
                    }
                }
            }
            article_events.push(event);
            article_dated.push(cue.is_some());
            // Only a date in the figure's own sentence says which day it counts.
            article_days.push(
                nearest_cue(text, tokens, range, &own)
                    .filter(|c| c.background.is_none())
                    .and_then(|c| c.day),
            );
        }
        events.push(article_events);
        dated.push(article_dated);
        days.push(article_days);
    }
    // A place named more often beside the main event's figures (the island hit again) is the main event's.
    background_places.retain(|place, _| {
        place_counts
            .get(place)
            .is_some_and(|(earlier, other)| earlier > other)
    });
    if background_places.is_empty() {
        return (events, days);
    }
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        for (index, figure) in found.figures.iter().enumerate() {
            let undated = !dated
                .get(article_idx)
                .and_then(|d| d.get(index))
                .copied()
                .unwrap_or(true);
            if !undated {
                continue;
            }
            let place = nearest_place(&article.text, found, figure);
            if let Some(year) = place.and_then(|p| background_places.get(&p)) {
                if let Some(slot) = events.get_mut(article_idx).and_then(|e| e.get_mut(index)) {
                    *slot = Some(*year);
                }
            }
        }
    }
    (events, days)
}

/// Whether a sentence opens by referring back to the previous one ("It", "That temblor", "The same island").
fn opens_with_back_reference(text: &str, tokens: &[Token]) -> bool {
    let first = tokens.first().map(|t| t.span.of(text).to_lowercase());
    let two = tokens
        .get(..2)
        .map(|t| format!("{} {}", t[0].span.of(text), t[1].span.of(text)).to_lowercase());
    BACK_REFERENCES
        .iter()
        .any(|r| first.as_deref() == Some(*r) || two.as_deref() == Some(*r))
}

/// The proper nouns of one sentence with their token positions, lower case: capitalised words after the first
/// (names such as "Bam" that no tagger knows count too), leaving out month and weekday names.
fn proper_nouns(text: &str, found: &ArticleAnalysis, sentence: usize) -> Vec<(usize, String)> {
    found
        .segments
        .sentence_tokens(sentence)
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, t)| t.kind == TokenKind::Word)
        .map(|(i, t)| (i, t.span.of(text)))
        .filter(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
        .map(|(i, w)| (i, w.to_lowercase()))
        .filter(|(_, w)| {
            super::dates::month_full(w).is_none() && super::dates::weekday_full(w).is_none()
        })
        .collect()
}

/// The proper noun in a figure's sentence nearest to it, lower case.
fn nearest_place(text: &str, found: &ArticleAnalysis, figure: &Figure) -> Option<String> {
    let (_, range) = figure_tokens(found, figure);
    proper_nouns(text, found, figure.sentence)
        .into_iter()
        .filter(|(i, _)| !range.contains(i))
        .min_by_key(|(i, _)| {
            if *i < range.start {
                range.start - i
            } else {
                i.saturating_sub(range.end)
            }
        })
        .map(|(_, w)| w)
}

/// Whether a measure only grows as reports come in (a toll), so a later, larger figure is an update.
fn is_cumulative(measure: Measure) -> bool {
    matches!(
        measure,
        Measure::Killed | Measure::Injured | Measure::Arrested | Measure::Evacuated
    )
}

/// Compares a slot's values: agree when one value fits them all, update when they move with report date,
/// conflict when two disagree on the same day or a later report goes against an earlier one.
///
/// On one day, a larger figure given as a lower bound ("at least 93" after "about 60") is read as
/// the count rising during that day, not as a contradiction.
fn status(measure: Measure, members: &[(Option<NaiveDate>, &Figure)]) -> SlotStatus {
    if members.len() < 2 {
        return SlotStatus::Single;
    }
    let low = members
        .iter()
        .map(|(_, f)| f.min_value())
        .fold(f64::MIN, f64::max);
    let high = members
        .iter()
        .map(|(_, f)| f.max_value())
        .fold(f64::MAX, f64::min);
    if low <= high {
        return SlotStatus::Agree;
    }
    let cumulative = is_cumulative(measure);
    for (i, (date_a, a)) in members.iter().enumerate() {
        for (date_b, b) in &members[i + 1..] {
            let compatible = a.min_value() <= b.max_value() && b.min_value() <= a.max_value();
            if compatible {
                continue;
            }
            // Without both dates nothing explains the difference by time, so it is judged as on one day.
            let same_day = match (date_a, date_b) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            let (earlier, later) = if date_a <= date_b { (a, b) } else { (b, a) };
            if same_day {
                let larger = if a.point() >= b.point() { a } else { b };
                let rising = matches!(larger.qualifier, Qualifier::AtLeast | Qualifier::MoreThan);
                if !(cumulative && rising) {
                    return SlotStatus::Conflict;
                }
            } else if cumulative && later.max_value() < earlier.min_value() {
                return SlotStatus::Conflict;
            }
        }
    }
    SlotStatus::Update
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::model::Span;

    fn fig(value: f64, qualifier: Qualifier) -> Figure {
        Figure {
            measure: Measure::Killed,
            label: None,
            value: Some(value),
            low: None,
            high: None,
            qualifier,
            unit: String::new(),
            span: Span::default(),
            number: Span::default(),
            subset_of: None,
            attribution: None,
            sentence: 0,
        }
    }

    fn check(measure: Measure, series: &[(&str, f64, Qualifier)], expected: SlotStatus) {
        let figures: Vec<(Option<NaiveDate>, Figure)> = series
            .iter()
            .map(|(d, v, q)| (d.parse().ok(), fig(*v, *q)))
            .collect();
        let members: Vec<(Option<NaiveDate>, &Figure)> =
            figures.iter().map(|(d, f)| (*d, f)).collect();
        assert_eq!(status(measure, &members), expected, "{series:?}");
    }

    #[test]
    fn statuses() {
        use Qualifier::*;
        let rising = [
            ("2024-03-23", 60.0, About),
            ("2024-03-23", 93.0, AtLeast),
            ("2024-03-25", 137.0, Exact),
            ("2024-03-28", 143.0, AtLeast),
            ("2024-03-29", 144.0, Exact),
        ];
        check(Measure::Killed, &rising, SlotStatus::Update);
        check(
            Measure::Injured,
            &[
                ("2024-03-23", 100.0, MoreThan),
                ("2024-03-25", 100.0, MoreThan),
            ],
            SlotStatus::Agree,
        );
        check(
            Measure::Killed,
            &[("2024-03-23", 93.0, AtLeast), ("2024-03-29", 137.0, Exact)],
            SlotStatus::Agree,
        );
        check(
            Measure::Missing,
            &[("2025-10-15", 30.0, Exact), ("2025-10-15", 45.0, Exact)],
            SlotStatus::Conflict,
        );
        check(
            Measure::Killed,
            &[("2024-03-23", 144.0, Exact), ("2024-03-29", 60.0, Exact)],
            SlotStatus::Conflict,
        );
        check(
            Measure::Missing,
            &[("2025-10-14", 50.0, Exact), ("2025-10-17", 11.0, Exact)],
            SlotStatus::Update,
        );
        check(
            Measure::Killed,
            &[("2024-03-23", 12.0, Exact)],
            SlotStatus::Single,
        );
    }

    #[test]
    fn units() {
        assert_eq!(specific_unit("children"), "child");
        assert_eq!(specific_unit("People"), "");
        assert_eq!(specific_unit("firefighters"), "firefighter");
        assert_eq!(specific_unit("casualties"), "");
    }
}
