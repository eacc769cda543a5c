//! Pairwise text similarity: how much wording two articles share.
//!
//! Each article becomes the set of its word 3-shingles (hashed, lower-cased, punctuation ignored);
//! two articles' similarity is the Jaccard index of their sets. Reprints of one wire story score near 1,
//! independent reports on one event usually below 0.1.

use super::model::{Article, ArticleAnalysis, TokenKind};
use std::hash::{Hash, Hasher};

/// Words per shingle: long enough that shared shingles mean shared wording, not shared vocabulary.
const SHINGLE_WORDS: usize = 3;

/// The sorted, de-duplicated shingle hashes of one article's body.
pub fn shingles(article: &Article, found: &ArticleAnalysis) -> Vec<u64> {
    let words: Vec<String> = found
        .segments
        .tokens
        .iter()
        .filter(|t| t.kind != TokenKind::Punct)
        .map(|t| t.span.of(&article.text).to_lowercase())
        .collect();
    let mut hashes: Vec<u64> = words
        .windows(SHINGLE_WORDS)
        .map(|w| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            w.hash(&mut hasher);
            hasher.finish()
        })
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    hashes
}

/// The Jaccard index of two sorted, de-duplicated hash lists; 0 when both are empty.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

/// The symmetric similarity matrix of the articles, with 1.0 on the diagonal.
pub fn matrix(articles: &[Article], extracted: &[ArticleAnalysis]) -> Vec<Vec<f32>> {
    let sets: Vec<Vec<u64>> = articles
        .iter()
        .zip(extracted)
        .map(|(a, f)| shingles(a, f))
        .collect();
    let n = sets.len();
    let mut out = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        out[i][i] = 1.0;
        for j in i + 1..n {
            let s = jaccard(&sets[i], &sets[j]);
            out[i][j] = s;
            out[j][i] = s;
        }
    }
    out
}
