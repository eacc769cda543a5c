//! The similarity view's decisions: heatmap geometry and colour levels, the pairs that read like copies,
//! the most similar pairs of a large batch, and the sentence two articles share most wording in.
//!
//! Similarity is the Jaccard index of word 3-shingle sets (see `analysis::similarity`): independent
//! reports of one event score well under 0.1, while reprints of one wire story score near 1.

use crate::analysis::{Article, ArticleAnalysis, TokenKind};
use std::collections::HashSet;
use std::hash::{Hash, Hasher};

/// Pairs at or above this similarity read like one story reprinted, not independent confirmations.
///
/// Half of all distinct three-word sequences shared is far beyond what two reporters writing about one
/// event produce on their own (the demo's and the seeds' independent reports share under 5%).
/// The engine's copy groups use the same value, so a listed pair is always inside a listed group.
pub const COPY_THRESHOLD: f32 = crate::analysis::similarity::COPY_THRESHOLD;

/// Above this many sources a heatmap is too large to read, and a ranked list of pairs replaces it.
pub const HEATMAP_LIMIT: usize = 40;

/// How many pairs the ranked list shows.
pub const PAIR_LIMIT: usize = 50;

/// Upper bounds of the colour levels below the last: level `k` holds values below `LEVELS[k]`.
pub const LEVELS: [f32; 5] = [0.05, 0.1, 0.2, 0.35, COPY_THRESHOLD];

/// The colour level (0 to 5) of a similarity; level 5 is a likely copy.
pub fn level(value: f32) -> usize {
    LEVELS
        .iter()
        .position(|&bound| value < bound)
        .unwrap_or(LEVELS.len())
}

/// A similarity as people read it: a whole percentage, "<1%" for a little, never "NaN".
pub fn percent(value: f32) -> String {
    if !value.is_finite() {
        return "?".to_string();
    }
    let p = (value.clamp(0.0, 1.0) * 100.0).round();
    if p == 0.0 && value > 0.0 {
        "<1%".to_string()
    } else {
        format!("{p:.0}%")
    }
}

/// Sizes of the heatmap, in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Side of one cell.
    pub cell: f64,
    /// Width of one character of a label, to size the label areas.
    pub char_width: f64,
    /// Longest label drawn, in characters; longer names are shortened.
    pub max_label: usize,
    /// Margin around the whole drawing.
    pub margin: f64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            cell: 46.0,
            char_width: 7.0,
            max_label: 24,
            margin: 8.0,
        }
    }
}

/// One cell: row `a`, column `b`, its top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    /// Row (source index).
    pub a: usize,
    /// Column (source index).
    pub b: usize,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
}

/// Everything the heatmap component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Left edge of the grid (row labels end here).
    pub grid_x: f64,
    /// Top edge of the grid (column labels, slanted, end here).
    pub grid_y: f64,
    /// Side of a cell.
    pub cell: f64,
    /// Row by row, `n * n` cells.
    pub cells: Vec<Cell>,
}

/// Shortens a label to `max` characters, with an ellipsis when cut.
pub fn short_label(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let kept: String = label.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// Lays out an `n x n` heatmap whose rows and columns are labelled with `labels` (the longest sets the room).
///
/// Column labels are slanted at 45 degrees above the grid, so they need about `0.71` of their length in height.
pub fn layout(labels: &[String], config: Config) -> Layout {
    let n = labels.len();
    let longest = labels
        .iter()
        .map(|l| l.chars().count().min(config.max_label))
        .max()
        .unwrap_or(0) as f64;
    let label_room = longest * config.char_width + 12.0;
    let grid_x = config.margin + label_room;
    let grid_y = config.margin + label_room * std::f64::consts::FRAC_1_SQRT_2 + 8.0;
    let cells = (0..n)
        .flat_map(|a| {
            (0..n).map(move |b| Cell {
                a,
                b,
                x: grid_x + b as f64 * config.cell,
                y: grid_y + a as f64 * config.cell,
            })
        })
        .collect();
    // The last slanted column label reaches past the grid's right edge by about its own width.
    let width = grid_x + n as f64 * config.cell + label_room * 0.71 + config.margin;
    let height = grid_y + n as f64 * config.cell + config.margin;
    Layout {
        width,
        height,
        grid_x,
        grid_y,
        cell: config.cell,
        cells,
    }
}

/// One pair of different sources with their similarity, `a < b`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    /// The first source.
    pub a: usize,
    /// The second source.
    pub b: usize,
    /// Their similarity.
    pub value: f32,
}

/// The value at `(a, b)`, or 0 where the matrix is ragged or the value is not a number.
fn value_at(matrix: &[Vec<f32>], a: usize, b: usize) -> f32 {
    matrix
        .get(a)
        .and_then(|row| row.get(b))
        .copied()
        .filter(|v| v.is_finite())
        .unwrap_or(0.0)
}

/// The value of the similarity matrix for `a` and `b` (symmetric; 1 on the diagonal, 0 when missing).
pub fn value(matrix: &[Vec<f32>], a: usize, b: usize) -> f32 {
    if a == b {
        1.0
    } else {
        value_at(matrix, a, b).max(value_at(matrix, b, a))
    }
}

/// The `limit` most similar pairs of different sources with a similarity in `min..below`,
/// most similar first, then by source order.
pub fn ranked_pairs(matrix: &[Vec<f32>], min: f32, below: f32, limit: usize) -> Vec<Pair> {
    let n = matrix.len();
    let mut pairs: Vec<Pair> = (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
        .map(|(a, b)| Pair {
            a,
            b,
            value: value(matrix, a, b),
        })
        .filter(|p| p.value >= min && p.value < below)
        .collect();
    let by_rank = |x: &Pair, y: &Pair| {
        y.value
            .total_cmp(&x.value)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    };
    // A thousand sources make half a million pairs: select the top ones before sorting them.
    if pairs.len() > limit && limit > 0 {
        pairs.select_nth_unstable_by(limit - 1, by_rank);
    }
    pairs.truncate(limit);
    pairs.sort_by(by_rank);
    pairs
}

/// The pairs that read like one story reprinted: similarity at or above [`COPY_THRESHOLD`].
pub fn copy_pairs(matrix: &[Vec<f32>], limit: usize) -> Vec<Pair> {
    ranked_pairs(matrix, COPY_THRESHOLD, f32::INFINITY, limit)
}

/// Lower-cased words (numbers included, punctuation left out) of an article's body, with the sentence each is in.
fn words(article: &Article, found: &ArticleAnalysis) -> Vec<(String, usize)> {
    let mut out = Vec::with_capacity(found.segments.tokens.len());
    for (s, sentence) in found.segments.sentences.iter().enumerate() {
        for token in found
            .segments
            .tokens
            .get(sentence.first_token..sentence.end_token)
            .unwrap_or(&[])
        {
            if token.kind != TokenKind::Punct {
                out.push((token.span.of(&article.text).to_lowercase(), s));
            }
        }
    }
    out
}

/// Hashes three words the way the similarity measure does, so that "shared" here means shared there.
fn shingle(words: &[String]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

/// The sentence of article `a` that shares the most three-word sequences with article `b`,
/// or its first sentence when they share none; `None` when `a` has no sentences.
///
/// This is where a reader should look to judge whether two similar articles are copies.
pub fn shared_sentence(
    a: (&Article, &ArticleAnalysis),
    b: (&Article, &ArticleAnalysis),
) -> Option<usize> {
    if a.1.segments.sentences.is_empty() {
        return None;
    }
    let b_words: Vec<String> = words(b.0, b.1).into_iter().map(|(w, _)| w).collect();
    let b_set: HashSet<u64> = b_words.windows(3).map(shingle).collect();
    let a_words = words(a.0, a.1);
    let texts: Vec<String> = a_words.iter().map(|(w, _)| w.clone()).collect();
    let mut shared = vec![0usize; a.1.segments.sentences.len()];
    for (i, window) in texts.windows(3).enumerate() {
        if b_set.contains(&shingle(window)) {
            if let Some(count) = shared.get_mut(a_words[i].1) {
                *count += 1;
            }
        }
    }
    // The first sentence with the highest count; the first sentence when nothing is shared.
    let best = shared
        .iter()
        .enumerate()
        .fold(0, |best, (s, &c)| if c > shared[best] { s } else { best });
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_article, ingest_text, similarity};

    #[test]
    fn levels_and_percents() {
        let cases: &[(f32, usize, &str)] = &[
            (0.0, 0, "0%"),
            (0.004, 0, "<1%"),
            (0.03, 0, "3%"),
            (0.05, 1, "5%"),
            (0.12, 2, "12%"),
            (0.3, 3, "30%"),
            (0.49, 4, "49%"),
            (0.5, 5, "50%"),
            (1.0, 5, "100%"),
            (f32::NAN, 5, "?"),
        ];
        for &(value, want_level, want_text) in cases {
            if value.is_finite() {
                assert_eq!(level(value), want_level, "level({value})");
            }
            assert_eq!(percent(value), want_text, "percent({value})");
        }
    }

    #[test]
    fn grid_geometry() {
        let labels: Vec<String> = ["A", "The Vellmar Courier", "C"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let config = Config::default();
        let g = layout(&labels, config);
        assert_eq!(g.cells.len(), 9);
        assert_eq!((g.cells[5].a, g.cells[5].b), (1, 2));
        assert!((g.cells[5].x - (g.grid_x + 2.0 * config.cell)).abs() < 1e-9);
        assert!((g.cells[5].y - (g.grid_y + config.cell)).abs() < 1e-9);
        // Labels fit: the room grows with the longest name, up to the cap.
        assert!(g.grid_x >= 19.0 * config.char_width);
        let long = layout(&["x".repeat(200)], config);
        assert!(long.grid_x < 30.0 * config.char_width);
        assert!(
            g.width >= g.grid_x + 3.0 * config.cell && g.height >= g.grid_y + 3.0 * config.cell
        );
        // No sources: an empty grid, no panic.
        assert!(layout(&[], config).cells.is_empty());
        assert_eq!(short_label("The Vellmar Courier", 8), "The Vel…");
        assert_eq!(short_label("Post", 8), "Post");
    }

    #[test]
    fn pairs_ranked_and_copies() {
        let m = vec![
            vec![1.0, 0.6, 0.02, 0.9],
            vec![0.6, 1.0, 0.5, 0.1],
            vec![0.02, 0.5, 1.0, f32::NAN],
            vec![0.9, 0.1, f32::NAN, 1.0],
        ];
        let ranked: Vec<(usize, usize)> = ranked_pairs(&m, 0.0, f32::INFINITY, 10)
            .iter()
            .map(|p| (p.a, p.b))
            .collect();
        assert_eq!(ranked, [(0, 3), (0, 1), (1, 2), (1, 3), (0, 2), (2, 3)]);
        let top: Vec<(usize, usize)> = ranked_pairs(&m, 0.0, f32::INFINITY, 2)
            .iter()
            .map(|p| (p.a, p.b))
            .collect();
        assert_eq!(top, [(0, 3), (0, 1)]);
        let below: Vec<(usize, usize)> = ranked_pairs(&m, 0.0, COPY_THRESHOLD, 2)
            .iter()
            .map(|p| (p.a, p.b))
            .collect();
        assert_eq!(below, [(1, 3), (0, 2)], "copies left out");
        let copies: Vec<(usize, usize)> = copy_pairs(&m, 10).iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(copies, [(0, 3), (0, 1), (1, 2)], "0.5 is a copy");
        assert!(copy_pairs(&[], 10).is_empty());
        // A ragged matrix reads missing values as 0 and never panics.
        let ragged = vec![vec![1.0], vec![0.7, 1.0]];
        assert_eq!(value(&ragged, 0, 1), 0.7);
        assert_eq!(value(&ragged, 1, 1), 1.0);
    }

    #[test]
    fn shared_sentence_points_at_the_copied_passage() {
        let wire = "Date: 2024-03-23\n\nThe weather was fine on Friday. Rescuers pulled nine people from the rubble of the market hall. Officials will meet again on Monday.";
        let copy = "Date: 2024-03-23\n\nA local view opens this report. Rescuers pulled nine people from the rubble of the market hall, officials said.";
        let other = "Date: 2024-03-23\n\nNothing in common here at all.";
        let parse = |path: &str, text: &str| {
            let article = ingest_text(path, text);
            let found = analyze_article(&article);
            (article, found)
        };
        let (wa, wf) = parse("wire.txt", wire);
        let (ca, cf) = parse("copy.txt", copy);
        let (oa, of) = parse("other.txt", other);
        assert_eq!(shared_sentence((&wa, &wf), (&ca, &cf)), Some(1));
        assert_eq!(shared_sentence((&ca, &cf), (&wa, &wf)), Some(1));
        assert_eq!(shared_sentence((&wa, &wf), (&oa, &of)), Some(0));
        // The hashing matches the similarity measure: a shared sentence means a non-zero similarity.
        let sim = similarity::jaccard(
            &similarity::shingles(&wa, &wf),
            &similarity::shingles(&ca, &cf),
        );
        assert!(sim > 0.0);
        let empty = ingest_text("empty.txt", " ");
        let nothing = analyze_article(&empty);
        assert_eq!(shared_sentence((&empty, &nothing), (&wa, &wf)), None);
    }
}
