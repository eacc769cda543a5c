//! The CLI's output: the JSON contract of DESIGN.md §5 and a readable text report.
//!
//! Offsets in the JSON are byte offsets into each article's `text`, exactly as the analysis holds them.

use super::model::{Claim, ClaimState, Figure, SlotStatus};
use super::Analysis;
use serde_json::{json, Map, Value};
use std::fmt::Write;

/// A file that could not be read, with the message shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The file as the user named it.
    pub path: String,
    /// What went wrong and what to do.
    pub message: String,
}

/// A number as JSON: whole values as integers, so 93.0 prints as 93.
fn number(v: Option<f64>) -> Value {
    match v {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => json!(v as i64),
        Some(v) => json!(v),
        None => Value::Null,
    }
}

fn figure_json(text: &str, figure: &Figure, slot: Option<&str>) -> Value {
    json!({
        "measure": figure.measure.as_str(),
        "label": figure.label,
        "value": number(figure.value),
        "low": number(figure.low),
        "high": number(figure.high),
        "qualifier": figure.qualifier.as_str(),
        "unit": figure.unit,
        "start": figure.span.start,
        "end": figure.span.end,
        "text": figure.span.of(text),
        "number_start": figure.number.start,
        "number_end": figure.number.end,
        "subset_of": figure.subset_of,
        "attribution": figure.attribution,
        "sentence": figure.sentence,
        "slot": slot,
    })
}

/// Builds the JSON object the CLI prints for `analyze --json`.
///
/// `failures` are the files that could not be read; they appear in `warnings` with their path.
pub fn to_json(analysis: &Analysis, failures: &[Failure]) -> Value {
    let comparison = &analysis.comparison;
    let articles: Vec<Value> = analysis
        .articles
        .iter()
        .zip(&analysis.extracted)
        .enumerate()
        .map(|(a, (article, found))| {
            let text = article.text.as_str();
            let entities: Vec<Value> = found
                .names
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    let entity = comparison
                        .name_entity
                        .get(a)
                        .and_then(|row| row.get(i))
                        .and_then(|&e| comparison.entities.get(e))
                        .map(|e| e.id.as_str());
                    json!({
                        "label": name.label.as_str(),
                        "start": name.span.start,
                        "end": name.span.end,
                        "text": name.span.of(text),
                        "entity": entity,
                    })
                })
                .collect();
            let dates: Vec<Value> = found
                .dates
                .iter()
                .map(|d| {
                    json!({
                        "start": d.span.start,
                        "end": d.span.end,
                        "text": d.span.of(text),
                        "value": d.value(),
                        "relative": d.relative,
                        "note": d.note,
                    })
                })
                .collect();
            let figures: Vec<Value> = found
                .figures
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let slot = comparison
                        .figure_slot
                        .get(a)
                        .and_then(|row| row.get(i).copied().flatten())
                        .and_then(|s| comparison.slots.get(s))
                        .map(|s| s.id.as_str());
                    figure_json(text, f, slot)
                })
                .collect();
            let sentences: Vec<Value> = found
                .segments
                .sentences
                .iter()
                .map(|s| json!([s.span.start, s.span.end]))
                .collect();
            json!({
                "path": article.path,
                "title": article.title,
                "source": article.source,
                "byline": article.byline,
                "date": article.date.map(|d| d.to_string()),
                "url": article.url,
                "text": text,
                "body": [article.body.start, article.body.end],
                "sentences": sentences,
                "entities": entities,
                "dates": dates,
                "figures": figures,
                "warnings": article.warnings.iter().chain(&found.warnings).collect::<Vec<_>>(),
            })
        })
        .collect();
    let entities: Vec<Value> = comparison
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            // Entities related without being the same (an affiliate and its parent), by id.
            let related: Vec<&str> = comparison
                .related
                .get(i)
                .into_iter()
                .flatten()
                .filter_map(|&j| comparison.entities.get(j).map(|r| r.id.as_str()))
                .collect();
            json!({
                "id": e.id,
                "name": e.name,
                "label": e.label.as_str(),
                "aliases": e.aliases,
                "counts": e.counts,
                "related": related,
            })
        })
        .collect();
    let slots: Vec<Value> = comparison
        .slots
        .iter()
        .map(|s| {
            json!({
                "id": s.id,
                "measure": s.measure.as_str(),
                "label": s.label,
                "status": s.status.as_str(),
                "parent": s.parent,
                "background": s.background,
                "members": s.members.iter().map(|m| json!([m.article, m.index])).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut warnings: Vec<Value> = failures
        .iter()
        .map(|f| json!({ "path": f.path, "message": f.message }))
        .collect();
    warnings.extend(
        comparison
            .warnings
            .iter()
            .map(|w| json!({ "path": null, "message": w })),
    );
    let mut out = Map::new();
    out.insert("articles".into(), Value::Array(articles));
    out.insert("entities".into(), Value::Array(entities));
    out.insert("slots".into(), Value::Array(slots));
    let claims: Vec<Value> = comparison
        .claims
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "text": c.text,
                "origin": [c.origin.article, c.origin.index],
                "sources": c.sources(),
                "cells": c.cells.iter().map(|cell| {
                    let mut out = json!({ "state": cell.state.as_str(), "sentences": cell.sentences });
                    if let Some(who) = &cell.attribution {
                        out["attribution"] = json!(who);
                    }
                    if let Some(dispute) = &cell.disputed {
                        out["disputed"] = json!({ "by": dispute.by, "sentence": dispute.sentence });
                    }
                    out
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    out.insert("claims".into(), Value::Array(claims));
    out.insert("similarity".into(), json!(comparison.similarity));
    out.insert("copies".into(), json!(comparison.copies));
    out.insert("warnings".into(), Value::Array(warnings));
    Value::Object(out)
}

/// A figure as a reader says it: "at least 93", "24-99", or a vague amount as `text` (its article) words it
/// ("dozens").
pub fn describe_figure(figure: &Figure, text: &str) -> String {
    let amount = match (figure.value, figure.low, figure.high) {
        _ if let Some(word) = figure.vague_word(text) => word.to_lowercase(),
        (Some(v), _, _) => format_number(v),
        (None, Some(l), Some(h)) => format!("{}-{}", format_number(l), format_number(h)),
        (None, Some(l), None) => format!("{}+", format_number(l)),
        (None, None, Some(h)) => format!("up to {}", format_number(h)),
        _ => "?".to_string(),
    };
    let hedge = match figure.qualifier.as_str() {
        "exact" => "",
        "about" => "about ",
        "at_least" => "at least ",
        "more_than" => "more than ",
        "up_to" => "up to ",
        _ => "fewer than ",
    };
    format!("{hedge}{amount}")
}

/// A number without a needless ".0", with thousands separators.
pub fn format_number(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 1e15 {
        return format!("{v}");
    }
    let digits = (v.abs() as u64).to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 {
        out.insert(0, '-');
    }
    out
}

/// A plain-text report for people: sources, figure slots, the most widely named entities, similarity.
pub fn to_text(analysis: &Analysis, failures: &[Failure]) -> String {
    let mut out = String::new();
    let comparison = &analysis.comparison;
    let _ = writeln!(out, "Sources ({})", analysis.articles.len());
    for (i, (article, found)) in analysis
        .articles
        .iter()
        .zip(&analysis.extracted)
        .enumerate()
    {
        let date = article
            .date
            .map(|d| d.to_string())
            .unwrap_or_else(|| "no date".into());
        let _ = writeln!(
            out,
            "  [{i}] {} | {} | {} | {} names, {} dates, {} figures",
            article.source,
            date,
            article.path,
            found.names.len(),
            found.dates.len(),
            found.figures.len()
        );
    }
    for failure in failures {
        let _ = writeln!(out, "  [!] {}: {}", failure.path, failure.message);
    }

    let _ = writeln!(out, "\nFigures ({} slots)", comparison.slots.len());
    for slot in &comparison.slots {
        let label = slot
            .label
            .as_deref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {} {}{} [{}]",
            slot.id,
            slot.measure.as_str(),
            label,
            slot.status.as_str()
        );
        for m in &slot.members {
            let article = &analysis.articles[m.article];
            let figure = &analysis.extracted[m.article].figures[m.index];
            let date = article
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| "no date".into());
            let _ = writeln!(
                out,
                "      {date}  {:<16} {:<24} \"{}\"",
                describe_figure(figure, &article.text),
                article.source,
                figure.span.of(&article.text)
            );
        }
    }

    let shown = comparison.entities.len().min(30);
    let _ = writeln!(
        out,
        "\nEntities (top {shown} of {})",
        comparison.entities.len()
    );
    for entity in &comparison.entities[..shown] {
        let covered: Vec<String> = entity
            .counts
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, c)| format!("[{i}]x{c}"))
            .collect();
        let others: Vec<&str> = entity
            .aliases
            .iter()
            .filter(|a| **a != entity.name)
            .map(String::as_str)
            .collect();
        let aka = if others.is_empty() {
            String::new()
        } else {
            format!(" (also {})", others.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:<7} {}{} in {}",
            entity.label.as_str(),
            entity.name,
            aka,
            covered.join(" ")
        );
    }

    let (shared, alone): (Vec<&Claim>, Vec<&Claim>) =
        comparison.claims.iter().partition(|c| c.sources() >= 2);
    if !shared.is_empty() {
        let _ = writeln!(
            out,
            "\nClaims made by two or more sources ({})",
            shared.len()
        );
        for claim in shared.iter().take(30) {
            let cells: String = claim
                .cells
                .iter()
                .map(|c| match c.state {
                    ClaimState::Stated => '+',
                    ClaimState::Contradicted => 'x',
                    ClaimState::NotMentioned => '.',
                })
                .collect();
            let _ = writeln!(out, "  {:<4} [{cells}] {}", claim.id, claim.text);
        }
    }
    if !alone.is_empty() {
        let _ = writeln!(
            out,
            "\nStatements one source attributes to someone, made by no other ({})",
            alone.len()
        );
        for claim in alone.iter().take(30) {
            let cell = claim.cells.get(claim.origin.article);
            let who = cell.and_then(|c| c.attribution.as_deref()).unwrap_or("?");
            let denied = cell
                .and_then(|c| c.disputed.as_ref())
                .map_or(String::new(), |d| format!(" (denied by {})", d.by));
            let _ = writeln!(
                out,
                "  {:<4} [{}] per {who}{denied}: {}",
                claim.id, claim.origin.article, claim.text
            );
        }
    }

    if analysis.articles.len() > 1 {
        let _ = writeln!(out, "\nSimilarity (shared 3-word phrases, Jaccard)");
        for (i, row) in comparison.similarity.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|s| format!("{s:.2}")).collect();
            let _ = writeln!(out, "  [{i}] {}", cells.join(" "));
        }
        for group in &comparison.copies {
            let members: Vec<String> = group.iter().map(|i| format!("[{i}]")).collect();
            let _ = writeln!(out, "  One origin (likely copies): {}", members.join(", "));
        }
    }
    let conflicts = comparison
        .slots
        .iter()
        .filter(|s| s.status == SlotStatus::Conflict)
        .count();
    if conflicts > 0 {
        let _ = writeln!(
            out,
            "\n{conflicts} figure slot(s) in conflict: sources disagree on the same quantity."
        );
    }
    for warning in &comparison.warnings {
        let _ = writeln!(out, "Note: {warning}");
    }
    out
}
