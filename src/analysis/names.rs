//! Named entities: people, organisations, places, facilities, groups.

use super::model::{NameMention, Segments};

/// Finds the names in the segmented text: sorted by offset, non-overlapping.
pub fn extract(_text: &str, _segments: &Segments) -> Vec<NameMention> {
    Vec::new()
}
