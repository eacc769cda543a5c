//! The messages between the page and the analysis worker (`src/bin/worker.rs`), as plain serde JSON strings,
//! and the small decisions about them (when to report progress, how to batch results) that are worth testing.
//!
//! The page sends one [`Request`]; the worker answers [`Reply::Ready`] once it has started, then
//! [`Reply::Progress`] while it extracts, the per-article results in [`Reply::Part`] batches (so the page parses
//! them in several short tasks instead of one long one), and [`Reply::Done`] with the comparison.

use crate::analysis::{Article, ArticleAnalysis, Comparison};
use serde::{Deserialize, Serialize};

/// The articles of one generation to analyse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The workspace generation this analysis is for; replies carry it so stale ones are dropped.
    pub generation: u64,
    /// Whether to find names with the learned tagger (the worker fetches `ner.bin` itself, once).
    pub with_model: bool,
    /// The articles, in workspace order.
    pub articles: Vec<Article>,
}

/// What the worker says back.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Reply {
    /// The worker has started and listens: requests sent before this would be lost.
    Ready,
    /// `done` of `total` articles have been extracted.
    Progress {
        /// The generation being analysed.
        generation: u64,
        /// Articles extracted so far.
        done: usize,
        /// Articles in the request.
        total: usize,
    },
    /// The next batch of per-article results, in article order.
    Part {
        /// The generation being analysed.
        generation: u64,
        /// Results for the next articles.
        extracted: Vec<ArticleAnalysis>,
    },
    /// The analysis is complete: the comparison follows the parts already sent.
    Done {
        /// The generation analysed.
        generation: u64,
        /// Whether the learned tagger found the names (false when the model could not be loaded).
        with_model: bool,
        /// The cross-article comparison.
        comparison: Comparison,
    },
    /// The request could not be read; the page falls back to analysing on its own thread.
    Failed {
        /// Why.
        message: String,
    },
}

/// The least time between two progress reports, in milliseconds, so that the page is not flooded.
pub const PROGRESS_INTERVAL_MS: f64 = 100.0;

/// How many articles' results go in one [`Reply::Part`]: small enough that parsing one is a short task.
pub const PART_SIZE: usize = 20;

/// Whether to report progress after `done` of `total` articles, `since_ms` after the last report.
///
/// The first and last articles are always reported, so that the bar appears at once and ends full.
pub fn should_report(done: usize, total: usize, since_ms: f64) -> bool {
    done == 1 || done >= total || since_ms >= PROGRESS_INTERVAL_MS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_article, ingest_text};

    #[test]
    fn progress_is_throttled_but_never_misses_the_ends() {
        let cases = [
            (1, 1000, 0.0, true),
            (2, 1000, 5.0, false),
            (500, 1000, 99.9, false),
            (500, 1000, 100.0, true),
            (1000, 1000, 0.0, true),
        ];
        for (done, total, since, expected) in cases {
            assert_eq!(
                should_report(done, total, since),
                expected,
                "{done}/{total} after {since} ms"
            );
        }
    }

    #[test]
    fn messages_survive_json() {
        let article = ingest_text(
            "a.txt",
            "Date: 2024-03-23\n\nAt least 93 people were killed in Moscow on Friday.",
        );
        let request = Request {
            generation: 7,
            with_model: true,
            articles: vec![article.clone()],
        };
        let json = serde_json::to_string(&request).expect("a request serialises");
        assert_eq!(serde_json::from_str::<Request>(&json).ok(), Some(request));
        let replies = [
            Reply::Ready,
            Reply::Progress {
                generation: 7,
                done: 1,
                total: 1,
            },
            Reply::Part {
                generation: 7,
                extracted: vec![analyze_article(&article)],
            },
            Reply::Failed {
                message: "no".into(),
            },
        ];
        for reply in replies {
            let json = serde_json::to_string(&reply).expect("a reply serialises");
            assert_eq!(serde_json::from_str::<Reply>(&json).ok(), Some(reply));
        }
    }
}
