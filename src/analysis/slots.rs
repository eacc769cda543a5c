//! Figure slots: the figures that report the same quantity of the same event, across sources.
//!
//! A figure's slot key is its measure, refined by what it counts when that is specific
//! ("children", "firefighters"; generic nouns such as "people" do not refine), by the slot of the figure it is a part of,
//! and by the year of an earlier event when its sentence is anchored to a date long before the report date
//! (background figures never join the main event's slots).
//! The slot's status then compares the values with their qualifiers and report dates.

use super::model::{
    Article, ArticleAnalysis, Figure, ItemRef, Measure, Qualifier, Slot, SlotStatus,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Counted nouns that say nothing about who was counted, so they do not split a slot.
const GENERIC_UNITS: &[&str] = &[
    "",
    "people",
    "person",
    "persons",
    "individual",
    "individuals",
    "resident",
    "residents",
    "civilian",
    "civilians",
    "victim",
    "victims",
    "life",
    "lives",
    "death",
    "deaths",
    "dead",
    "body",
    "bodies",
    "casualty",
    "casualties",
    "injury",
    "injuries",
    "injured",
    "wounded",
    "fatality",
    "fatalities",
    "other",
    "others",
    "men",
    "suspect",
    "suspects",
    "passenger",
    "passengers",
    "worshipper",
    "worshippers",
    "attendee",
    "attendees",
    "spectator",
    "spectators",
    "concertgoer",
    "concertgoers",
    "inhabitant",
    "inhabitants",
    "citizen",
    "citizens",
];

/// How many tokens may lie between a figure and the earlier date that makes it background.
const BACKGROUND_REACH: usize = 12;

/// How long before the report date a date in the same sentence marks the figure as about another event.
const BACKGROUND_DAYS: i64 = 60;

/// What makes two figures report the same quantity.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct SlotKey {
    /// The year of the earlier event a background figure is about; `None` for the main event.
    background: Option<i32>,
    measure: Measure,
    /// The quantity's name for other measures.
    label: String,
    /// The key of the slot this one is part of, flattened to its label chain.
    parent: Option<Box<SlotKey>>,
    /// The specific counted noun, singular ("child"), or empty.
    unit: String,
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
    let fallback = consensus_date(articles, extracted);
    let mut keyed: HashMap<SlotKey, Vec<ItemRef>> = HashMap::new();
    for (article_idx, (article, found)) in articles.iter().zip(extracted).enumerate() {
        let mut keys: Vec<SlotKey> = Vec::with_capacity(found.figures.len());
        for (index, figure) in found.figures.iter().enumerate() {
            let parent = figure
                .subset_of
                .filter(|&p| p < index)
                .and_then(|p| keys.get(p).cloned())
                .map(Box::new);
            let key = SlotKey {
                background: background_year(
                    article.date.or(fallback),
                    &article.text,
                    found,
                    figure,
                ),
                measure: figure.measure,
                label: figure
                    .label
                    .as_deref()
                    .filter(|_| figure.measure == Measure::Other)
                    .unwrap_or("")
                    .to_lowercase(),
                // A labelled quantity ("aftershocks") is named by its label; its noun adds nothing.
                unit: if figure.measure == Measure::Other && figure.label.is_some() {
                    String::new()
                } else {
                    specific_unit(&figure.unit)
                },
                parent,
            };
            keyed.entry(key.clone()).or_default().push(ItemRef {
                article: article_idx,
                index,
            });
            keys.push(key);
        }
    }

    let mut entries: Vec<(SlotKey, Vec<ItemRef>)> = keyed.into_iter().collect();
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
            status: status(key.measure, &dated),
            parent: key.parent.as_deref().and_then(|p| ids.get(p).cloned()),
            background: key.background,
            members,
        });
    }
    (slots, figure_slot)
}

/// Orders slots: main event before background, by measure, each subset right after its parent.
fn sort_key(key: &SlotKey) -> (Option<i32>, Vec<(Measure, String, String)>) {
    let mut chain = Vec::new();
    let mut cursor = Some(key);
    while let Some(k) = cursor {
        chain.push((k.measure, k.label.clone(), k.unit.clone()));
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
    if let Some(year) = key.background {
        parts.push(format!("earlier event ({year})"));
    }
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The counted noun's head in singular form when it names a specific group, else empty.
///
/// Only the head counts: "young children" and "children" are one group.
fn specific_unit(unit: &str) -> String {
    let unit = unit.split_whitespace().last().unwrap_or("").to_lowercase();
    if GENERIC_UNITS.contains(&unit.as_str()) {
        return String::new();
    }
    let singular = if unit == "children" {
        "child".to_string()
    } else if let Some(stem) = unit.strip_suffix("ies") {
        format!("{stem}y")
    } else if unit.ends_with("ss") {
        unit.clone()
    } else {
        unit.strip_suffix('s').unwrap_or(&unit).to_string()
    };
    if GENERIC_UNITS.contains(&singular.as_str()) {
        String::new()
    } else {
        singular
    }
}

/// The date against which an undated article's dates are judged: the latest report date of the set,
/// else the latest date mentioned in the most common year among all resolved dates (undated copy of one event shares it).
fn consensus_date(articles: &[Article], extracted: &[ArticleAnalysis]) -> Option<NaiveDate> {
    if let Some(latest) = articles.iter().filter_map(|a| a.date).max() {
        return Some(latest);
    }
    let mut years: HashMap<i32, usize> = HashMap::new();
    for found in extracted {
        for date in &found.dates {
            *years.entry(chrono::Datelike::year(&date.end)).or_default() += 1;
        }
    }
    let (year, _) = years.into_iter().max_by_key(|&(year, n)| (n, year))?;
    extracted
        .iter()
        .flat_map(|found| found.dates.iter().map(|d| d.end))
        .filter(|d| chrono::Datelike::year(d) == year)
        .max()
}

/// The year of the earlier event a figure is about, when its sentence holds a date long before the reference date
/// (the report date, or the set's consensus date for an undated article).
fn background_year(
    reference: Option<NaiveDate>,
    text: &str,
    found: &ArticleAnalysis,
    figure: &Figure,
) -> Option<i32> {
    let reference = reference.or_else(|| found.dates.iter().map(|d| d.end).max())?;
    let sentence = found.segments.sentences.get(figure.sentence)?;
    let tokens = found.segments.sentence_tokens(figure.sentence);
    let token_at = |offset: usize| tokens.partition_point(|t| t.span.end <= offset);
    let figure_tokens = token_at(figure.span.start)..token_at(figure.span.end);
    found
        .dates
        .iter()
        .filter(|d| sentence.span.contains(d.span))
        .filter(|d| (reference - d.end).num_days() > BACKGROUND_DAYS)
        .filter(|d| {
            let first = token_at(d.span.start);
            // "the deadliest since 1983" measures from that date; it does not date the figure.
            let after_since = first > 0
                && tokens[first - 1]
                    .span
                    .of(text)
                    .eq_ignore_ascii_case("since");
            let last = token_at(d.span.end);
            let gap = if last <= figure_tokens.start {
                figure_tokens.start - last
            } else {
                first.saturating_sub(figure_tokens.end)
            };
            !after_since && gap <= BACKGROUND_REACH
        })
        .map(|d| chrono::Datelike::year(&d.start))
        .min()
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
