//! Dates against IE-ER: DATE span scores (exact and overlapping), each document resolved against its own date.

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
    let (mut exact, mut overlap) = (Counts::default(), Counts::default());
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
}
