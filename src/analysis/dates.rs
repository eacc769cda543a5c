//! Date expressions, absolute and relative, resolved against the report date.

use super::model::{DateMention, Segments};
use chrono::NaiveDate;

/// Finds date expressions and resolves them against `report_date`: sorted by offset.
pub fn extract(
    _text: &str,
    _segments: &Segments,
    _report_date: Option<NaiveDate>,
) -> Vec<DateMention> {
    Vec::new()
}
