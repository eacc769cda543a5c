//! Figure slots: the same quantity of the same event across sources.

use super::model::{Article, ArticleAnalysis, Slot};

/// Groups figures into slots; returns them and, per article, each figure's slot index.
pub fn align(_articles: &[Article], extracted: &[ArticleAnalysis]) -> (Vec<Slot>, Vec<Vec<Option<usize>>>) {
    (Vec::new(), extracted.iter().map(|a| vec![None; a.figures.len()]).collect())
}
