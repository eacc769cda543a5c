//! Figures: numbers with their qualifier, counted noun and the measure they report.

use super::model::{Figure, Segments};

/// Finds the figures in the segmented text: sorted by offset.
pub fn extract(_text: &str, _segments: &Segments) -> Vec<Figure> {
    Vec::new()
}
