//! Dates against IE-ER: DATE span scores (exact and overlapping), each document resolved against its own date.
//!
//! IE-ER's DATE covers calendar names only: weekdays, months, years, decades, seasons and holidays. Not one
//! of its 251 dev DATE mentions is a deictic expression ("today", "last year", "two weeks ago"), and its spans
//! leave out modifiers ("Last [fall]", "the early [1990s]"). Users need those expressions found and resolved,
//! so the extractor keeps them, and a third row maps our mentions onto IE-ER's schema before scoring, as the
//! names table maps our types onto CoNLL's: deictic-only expressions are left out and a leading modifier is
//! trimmed. The raw rows stay beside it.

use super::{byte_at, char_to_byte, row, Counts};
use chrono::NaiveDate;
use corroborate::analysis::{dates, segment, Span};
use std::path::Path;

/// Parses IE-ER's `date_time` ("03/14/1998 10:36:00") to the document's day.
fn document_date(value: &str) -> Option<NaiveDate> {
    let day = value.split_whitespace().next()?;
    NaiveDate::parse_from_str(day, "%m/%d/%Y").ok()
}

/// Prints the dates table.
pub fn run(data: &Path) {
    println!("\n== Dates: IE-ER DATE spans, resolved against each document's date");
    let base = data.join("ieer");
    let lines = match std::fs::read_to_string(base.join("ieer.jsonl")) {
        Ok(lines) => lines,
        Err(e) => {
            println!("  skipped: ieer/ieer.jsonl: {e}");
            return;
        }
    };
    let (mut exact, mut overlap, mut schema) =
        (Counts::default(), Counts::default(), Counts::default());
    let mut n_docs = 0;
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let file = record["file"].as_str().unwrap_or_default();
        let Ok(text) = std::fs::read_to_string(base.join(file)) else {
            continue;
        };
        n_docs += 1;
        let map = char_to_byte(&text);
        let gold: Vec<Span> = record["entities"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|e| e["type"] == "DATE")
            .map(|e| {
                Span::new(
                    byte_at(&map, e["start"].as_u64().unwrap_or(0) as usize),
                    byte_at(&map, e["end"].as_u64().unwrap_or(0) as usize),
                )
            })
            .collect();
        let segments = segment(&text, Span::new(0, text.len()));
        let ours: Vec<Span> = dates::extract(
            &text,
            &segments,
            document_date(record["date_time"].as_str().unwrap_or("")),
        )
        .into_iter()
        .map(|d| d.span)
        .collect();
        if std::env::var_os("EVAL_VERBOSE").is_some() {
            for o in ours.iter().filter(|o| !gold.contains(o)) {
                let near = gold.iter().find(|g| g.overlaps(*o)).map(|g| g.of(&text));
                println!("    extra {:?} (gold there: {near:?})", o.of(&text));
            }
            for g in gold
                .iter()
                .filter(|g| !ours.iter().any(|o| o.overlaps(**g)))
            {
                println!("    missed {:?}", g.of(&text));
            }
        }
        let tp = ours.iter().filter(|o| gold.contains(o)).count();
        exact.add(Counts {
            tp,
            fp: ours.len() - tp,
            fn_: gold.len() - tp,
        });
        let mapped: Vec<Span> = ours.iter().filter_map(|o| to_ieer(&text, *o)).collect();
        let tp = mapped.iter().filter(|o| gold.contains(o)).count();
        schema.add(Counts {
            tp,
            fp: mapped.len() - tp,
            fn_: gold.len() - tp,
        });
        let found = gold
            .iter()
            .filter(|g| ours.iter().any(|o| o.overlaps(**g)))
            .count();
        let right = ours
            .iter()
            .filter(|o| gold.iter().any(|g| g.overlaps(**o)))
            .count();
        overlap.add(Counts {
            tp: found,
            fp: ours.len() - right,
            fn_: gold.len() - found,
        });
    }
    println!("  {n_docs} documents");
    row("DATE exact span", &exact);
    row("DATE overlapping span", &overlap);
    row("DATE exact, IE-ER schema", &schema);
}

/// Our mention in IE-ER's schema: `None` for a deictic-only expression, else the span with a leading
/// modifier ("last", "next", "early", "the") trimmed.
fn to_ieer(text: &str, span: Span) -> Option<Span> {
    let surface = span.of(text);
    if !surface.split_whitespace().any(is_calendar_name) {
        return None;
    }
    let mut start = span.start;
    let mut rest = surface;
    while let Some((word, tail)) = rest.split_once(' ') {
        let modifier = matches!(
            word.to_lowercase().as_str(),
            "last" | "next" | "this" | "early" | "late" | "mid" | "the" | "earlier" | "later"
        );
        if !modifier || !tail.split_whitespace().any(is_calendar_name) {
            break;
        }
        start += word.len() + 1;
        rest = tail;
    }
    Some(Span::new(start, span.end))
}

/// Whether a word names a calendar unit in its own right: a weekday, month, season, year, decade or a
/// capitalised holiday word.
fn is_calendar_name(word: &str) -> bool {
    const OTHERS: [&str; 8] = [
        "spring", "summer", "fall", "autumn", "winter", "quarter", "century", "sabbath",
    ];
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    let lower = word.to_lowercase();
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    dates::month_full(&lower).is_some()
        || dates::month_abbr(&lower).is_some()
        || dates::weekday_full(&lower).is_some()
        || ["thurs", "tues", "wed"].contains(&lower.as_str())
        || OTHERS.iter().any(|n| lower.starts_with(n))
        || digits == 4
        || (digits >= 2 && lower.ends_with('s'))
        || word.starts_with('\'')
        || (word.chars().next().is_some_and(char::is_uppercase)
            && lower.ends_with("day")
            && !matches!(lower.as_str(), "today" | "yesterday"))
}
