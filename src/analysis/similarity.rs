//! Pairwise text similarity: how much wording two articles share.
//!
//! Each article becomes the set of its word 3-shingles (hashed, lower-cased, punctuation ignored);
//! two articles' similarity is the Jaccard index of their sets. Reprints of one wire story score near 1,
//! independent reports on one event usually below 0.1.
//!
//! Small sets are compared exactly, pair by pair. Large sets (hundreds of articles) are first compared by MinHash
//! signatures, which estimate every pair's Jaccard index cheaply; only the pairs that look alike are then computed
//! exactly, so a thousand articles take a fraction of a second and the copies among them keep exact scores.

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

/// Sets up to this many articles are compared exactly, pair by pair.
const EXACT_UP_TO: usize = 150;

/// Hash functions in a MinHash signature: the estimate's standard error is about 1 / sqrt(64), 0.06.
const SIGNATURE_LEN: usize = 64;

/// Pairs whose estimate reaches this are computed exactly (copies and close rewrites among them).
const REFINE_FROM: f32 = 0.15;

/// A 64-bit mixer (SplitMix64's finaliser): turns one shingle hash into many independent-looking ones.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a shingle set: for each of the hash functions, the smallest hash in the set.
pub fn signature(set: &[u64]) -> [u64; SIGNATURE_LEN] {
    let mut sig = [u64::MAX; SIGNATURE_LEN];
    for &h in set {
        for (k, slot) in sig.iter_mut().enumerate() {
            let v = mix(h ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

/// The share of equal positions in two signatures: an estimate of the sets' Jaccard index.
fn estimate(a: &[u64; SIGNATURE_LEN], b: &[u64; SIGNATURE_LEN]) -> f32 {
    let same = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x == y && **x != u64::MAX)
        .count();
    same as f32 / SIGNATURE_LEN as f32
}

/// The symmetric similarity matrix of the articles, with 1.0 on the diagonal.
///
/// Exact for up to [`EXACT_UP_TO`] articles; above that, pairs that MinHash estimates below [`REFINE_FROM`]
/// keep the estimate and the others are computed exactly.
pub fn matrix(articles: &[Article], extracted: &[ArticleAnalysis]) -> Vec<Vec<f32>> {
    let sets: Vec<Vec<u64>> = articles
        .iter()
        .zip(extracted)
        .map(|(a, f)| shingles(a, f))
        .collect();
    let n = sets.len();
    let signatures: Vec<[u64; SIGNATURE_LEN]> = if n > EXACT_UP_TO {
        sets.iter().map(|s| signature(s)).collect()
    } else {
        Vec::new()
    };
    let mut out = vec![vec![0.0f32; n]; n];
    for i in 0..n {
        out[i][i] = 1.0;
        for j in i + 1..n {
            let s = if signatures.is_empty() {
                jaccard(&sets[i], &sets[j])
            } else {
                let guess = estimate(&signatures[i], &signatures[j]);
                if guess >= REFINE_FROM {
                    jaccard(&sets[i], &sets[j])
                } else {
                    guess
                }
            };
            out[i][j] = s;
            out[j][i] = s;
        }
    }
    out
}

/// Two articles at or above this similarity read like one story reprinted, not two reports.
pub const COPY_THRESHOLD: f32 = 0.5;

/// Groups of articles that share one origin: linked, directly or through each other, by pairs at or above
/// `threshold` (single linkage: the connected components of the copy pairs).
///
/// Only groups of two or more are returned; each is sorted, and groups are ordered by their first article.
/// A reprint of a reprint joins its origin's group even when it shares less with the origin itself,
/// because every copy of one story repeats it, not confirms it.
///
/// # Examples
/// ```
/// use corroborate::analysis::similarity::copy_groups;
/// let m = vec![
///     vec![1.0, 0.1, 0.8],
///     vec![0.1, 1.0, 0.0],
///     vec![0.8, 0.0, 1.0],
/// ];
/// assert_eq!(copy_groups(&m, 0.5), vec![vec![0, 2]]);
/// ```
pub fn copy_groups(similarity: &[Vec<f32>], threshold: f32) -> Vec<Vec<usize>> {
    let n = similarity.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, row) in similarity.iter().enumerate() {
        for (j, &value) in row.iter().enumerate().take(n).skip(i + 1) {
            if value >= threshold {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); n];
    for i in 0..n {
        let r = root(&mut parent, i);
        groups[r].push(i);
    }
    groups.retain(|g| g.len() > 1);
    groups
}

/// How many independent reports the sources `sources` (article indices) make: one per copy group among
/// them, plus one per source in no group. Repeated indices count once.
///
/// # Examples
/// ```
/// use corroborate::analysis::similarity::independent;
/// assert_eq!(independent([0, 1, 2, 3], &[vec![0, 3]]), 3);
/// ```
pub fn independent(sources: impl IntoIterator<Item = usize>, copies: &[Vec<usize>]) -> usize {
    let mut origins: Vec<usize> = sources
        .into_iter()
        .map(|s| {
            copies
                .iter()
                .find(|group| group.contains(&s))
                .and_then(|group| group.first().copied())
                .unwrap_or(s)
        })
        .collect();
    origins.sort_unstable();
    origins.dedup();
    origins.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minhash_estimates_jaccard() {
        let a: Vec<u64> = (0..1000).map(|x| mix(x as u64)).collect();
        let mut b: Vec<u64> = (500..1500).map(|x| mix(x as u64)).collect();
        let (mut sa, mut sb) = (a.clone(), b.clone());
        sa.sort_unstable();
        sb.sort_unstable();
        b.sort_unstable();
        let exact = jaccard(&sa, &sb);
        let guess = estimate(&signature(&a), &signature(&b));
        assert!((exact - 1.0 / 3.0).abs() < 1e-6);
        assert!(
            (guess - exact).abs() < 0.2,
            "estimate {guess} vs exact {exact}"
        );
        assert_eq!(estimate(&signature(&a), &signature(&a)), 1.0);
        assert_eq!(estimate(&signature(&[]), &signature(&[])), 0.0);
    }
}
