//! Figures inside a claim's row. When the sentences that state one claim report the same quantity (one figure
//! slot) with different values, the grid shows each source's value and the slot's verdict, so that a row of
//! "stated" never hides that one source counts 60 dead and another 143.

use crate::analysis::{Analysis, Claim, ClaimState, SlotStatus};
use crate::ui::format;

/// The values one figure slot takes across a claim's row.
#[derive(Clone, Debug, PartialEq)]
pub struct RowFigures {
    /// The slot's index in the comparison.
    pub slot: usize,
    /// What the slot counts ("killed", "homes destroyed").
    pub measure: String,
    /// How the slot's values relate over all sources, not only this row's.
    pub status: SlotStatus,
    /// Per cell, indexed like the articles: the values its sentences give, as read ("at least 93"), in text order.
    pub values: Vec<Vec<String>>,
}

/// The first slot (main measures come first) that two or more of a claim's stating or contradicting cells report
/// with different values, if any. Cells that do not mention the claim give no values.
pub fn differing(analysis: &Analysis, claim: &Claim) -> Option<RowFigures> {
    let n = claim.cells.len();
    // Slot index to the values of each cell, gathered from the cells' own sentences.
    let mut by_slot: Vec<(usize, Vec<Vec<String>>)> = Vec::new();
    for (j, cell) in claim.cells.iter().enumerate() {
        if cell.state == ClaimState::NotMentioned {
            continue;
        }
        let (Some(article), Some(found), Some(slots)) = (
            analysis.articles.get(j),
            analysis.extracted.get(j),
            analysis.comparison.figure_slot.get(j),
        ) else {
            continue;
        };
        for (i, figure) in found.figures.iter().enumerate() {
            if !cell.sentences.contains(&figure.sentence) {
                continue;
            }
            let Some(Some(slot)) = slots.get(i).copied() else {
                continue;
            };
            let k = match by_slot.iter().position(|(s, _)| *s == slot) {
                Some(k) => k,
                None => {
                    by_slot.push((slot, vec![Vec::new(); n]));
                    by_slot.len() - 1
                }
            };
            let value = format::figure_value(figure, &article.text);
            let cell_values = &mut by_slot[k].1[j];
            if !cell_values.contains(&value) {
                cell_values.push(value);
            }
        }
    }
    by_slot.sort_by_key(|(slot, _)| *slot);
    by_slot.into_iter().find_map(|(slot, values)| {
        let reported: Vec<&Vec<String>> = values.iter().filter(|v| !v.is_empty()).collect();
        let differ = reported.len() >= 2 && reported.iter().any(|v| *v != reported[0]);
        let info = analysis.comparison.slots.get(slot)?;
        differ.then(|| RowFigures {
            slot,
            measure: format::measure_name(info.measure, info.label.as_deref()),
            status: info.status,
            values,
        })
    })
}

/// The note under a claim whose sources give different values: "killed: the figures differ (update)".
pub fn note(row: &RowFigures) -> String {
    let verdict = match row.status {
        SlotStatus::Update => "updated over time",
        SlotStatus::Conflict => "in conflict",
        SlotStatus::Agree => "compatible",
        SlotStatus::Single => "one report",
    };
    format!(
        "{}: the sources give different figures ({verdict})",
        row.measure
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, demo, ingest};

    fn demo_analysis() -> Analysis {
        let articles = demo::FILES
            .iter()
            .filter_map(|(name, bytes)| ingest::ingest(name, bytes).ok())
            .collect();
        analyze(articles)
    }

    /// The demo's death toll rises from 12 to 41 to 58 over the week: the claim row that states it must show each
    /// source's value, and no row may show values for a slot whose values are all the same.
    #[test]
    fn a_rising_toll_shows_in_its_claim_row() {
        let analysis = demo_analysis();
        let rows: Vec<RowFigures> = analysis
            .comparison
            .claims
            .iter()
            .filter_map(|c| differing(&analysis, c))
            .collect();
        let killed = rows
            .iter()
            .find(|r| r.measure == "killed")
            .expect("a claim row with differing death tolls");
        let all: Vec<&str> = killed.values.iter().flatten().map(String::as_str).collect();
        for value in ["12", "41", "58"] {
            assert!(all.contains(&value), "{value} missing from {all:?}");
        }
        assert_eq!(killed.status, SlotStatus::Update);
        assert!(note(killed).starts_with("killed: "), "{}", note(killed));
        for row in &rows {
            let reported: Vec<&Vec<String>> = row.values.iter().filter(|v| !v.is_empty()).collect();
            assert!(reported.len() >= 2, "{row:?}");
            assert!(reported.iter().any(|v| *v != reported[0]), "{row:?}");
        }
    }
}
