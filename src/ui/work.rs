//! The messages between the page and the analysis worker (`src/bin/worker.rs`), and the small decisions about
//! them (when to report progress, how to batch results) that are worth testing.
//!
//! The page sends the learned name model's bytes once per worker (an `ArrayBuffer`, transferred, before the
//! first request that wants it), then one [`Request`] as a JSON string. The worker answers [`Reply::Ready`] once
//! it has started; while it extracts, [`Reply::Progress`] and the per-article results in [`Reply::Part`] batches
//! (sent as they are made, so that the page reads them while the worker compares); then a [`Reply::Stage`] as
//! each stage of the comparison starts; then the bulky parts of the comparison in batches
//! ([`Reply::Similarity`], [`Reply::Entities`], [`Reply::Claims`]) and [`Reply::Done`] with the rest.
//! Every batch is cut at [`BATCH_BYTES`] of JSON, so that the page reads each in a short task.

use crate::analysis::{Article, ArticleAnalysis, Claim, CompareStage, Comparison, Entity};
use serde::{Deserialize, Serialize};

/// The articles of one generation to analyse.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// The workspace generation this analysis is for; replies carry it so stale ones are dropped.
    pub generation: u64,
    /// Whether to find names with the learned tagger, whose bytes the page has sent before the request.
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
    /// A stage of the comparison has started.
    Stage {
        /// The generation being analysed.
        generation: u64,
        /// The stage.
        stage: CompareStage,
    },
    /// The next rows of the similarity matrix, in order.
    Similarity {
        /// The generation analysed.
        generation: u64,
        /// Rows of `Comparison::similarity`.
        rows: Vec<Vec<f32>>,
    },
    /// The next entities of the comparison, in order.
    Entities {
        /// The generation analysed.
        generation: u64,
        /// Items of `Comparison::entities`.
        entities: Vec<Entity>,
    },
    /// The next claims of the comparison, in order.
    Claims {
        /// The generation analysed.
        generation: u64,
        /// Items of `Comparison::claims`.
        claims: Vec<Claim>,
    },
    /// The analysis is complete: the comparison, without the similarity, entities and claims already sent.
    Done {
        /// The generation analysed.
        generation: u64,
        /// Whether the learned tagger found the names (false when the model could not be read).
        with_model: bool,
        /// The cross-article comparison, its batched fields left empty.
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

/// The most JSON in one batch reply (unless one item alone is larger): the page reads 256 KB in a few
/// milliseconds, while a thousand articles' results are about 60 MB and their comparison about 14 MB.
pub const BATCH_BYTES: usize = 256 * 1024;

/// Whether to report progress after `done` of `total` articles, `since_ms` after the last report.
///
/// The first and last articles are always reported, so that the bar appears at once and ends full.
pub fn should_report(done: usize, total: usize, since_ms: f64) -> bool {
    done == 1 || done >= total || since_ms >= PROGRESS_INTERVAL_MS
}

/// What the status line says once every article is extracted: "Comparing 1,000 articles…", then with the
/// stage that runs, "Comparing 1,000 articles: shared wording (3 of 4)…", so that a long comparison is seen moving.
pub fn comparing_text(total: usize, stage: Option<CompareStage>) -> String {
    let articles = format!(
        "{} {}",
        crate::ui::format::number(total as f64),
        if total == 1 { "article" } else { "articles" }
    );
    let Some(stage) = stage else {
        return format!("Comparing {articles}…");
    };
    let what = match stage {
        CompareStage::Aliases => "matching names",
        CompareStage::Slots => "aligning figures",
        CompareStage::Similarity => "shared wording",
        CompareStage::Claims => "aligning claims",
    };
    let step = CompareStage::ALL
        .iter()
        .position(|s| *s == stage)
        .map_or(0, |i| i + 1);
    format!(
        "Comparing {articles}: {what} ({step} of {})…",
        CompareStage::ALL.len()
    )
}

/// Gathers items, each already written as JSON, into JSON arrays of about `budget` bytes.
///
/// The replies are written around these arrays by [`batch_reply`], so each item is serialised once.
#[derive(Debug)]
pub struct Batcher {
    budget: usize,
    json: String,
}

impl Batcher {
    /// An empty batcher cutting at `budget` bytes.
    pub fn new(budget: usize) -> Batcher {
        Batcher {
            budget,
            json: String::new(),
        }
    }

    /// Adds one item; returns the full batch (a JSON array) when it has reached the budget.
    pub fn push<T: Serialize>(&mut self, item: &T) -> Result<Option<String>, serde_json::Error> {
        let item = serde_json::to_string(item)?;
        self.json.push(if self.json.is_empty() { '[' } else { ',' });
        self.json.push_str(&item);
        if self.json.len() >= self.budget {
            return Ok(self.finish());
        }
        Ok(None)
    }

    /// The batch so far (a JSON array), if it holds anything; the batcher is then empty again.
    pub fn finish(&mut self) -> Option<String> {
        if self.json.is_empty() {
            return None;
        }
        let mut batch = std::mem::take(&mut self.json);
        batch.push(']');
        Some(batch)
    }
}

/// The JSON of a batch reply (`kind` is `part`, `similarity`, `entities` or `claims`) around a JSON array
/// made by a [`Batcher`], as [`Reply`] reads it.
pub fn batch_reply(kind: BatchKind, generation: u64, array: &str) -> String {
    let (tag, field) = match kind {
        BatchKind::Part => ("part", "extracted"),
        BatchKind::Similarity => ("similarity", "rows"),
        BatchKind::Entities => ("entities", "entities"),
        BatchKind::Claims => ("claims", "claims"),
    };
    format!(r#"{{"type":"{tag}","generation":{generation},"{field}":{array}}}"#)
}

/// The replies that carry items in batches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BatchKind {
    /// [`Reply::Part`].
    Part,
    /// [`Reply::Similarity`].
    Similarity,
    /// [`Reply::Entities`].
    Entities,
    /// [`Reply::Claims`].
    Claims,
}

/// The replies that end an analysis: the bulky fields of `comparison` in batches of about `budget` bytes,
/// then [`Reply::Done`] with the rest, all as JSON strings in the order to send them.
pub fn comparison_replies(
    generation: u64,
    with_model: bool,
    mut comparison: Comparison,
    budget: usize,
) -> Result<Vec<String>, serde_json::Error> {
    let mut replies = Vec::new();
    let mut send = |kind: BatchKind, items: Vec<String>| {
        replies.extend(items.iter().map(|a| batch_reply(kind, generation, a)))
    };
    send(
        BatchKind::Similarity,
        batches(&std::mem::take(&mut comparison.similarity), budget)?,
    );
    send(
        BatchKind::Entities,
        batches(&std::mem::take(&mut comparison.entities), budget)?,
    );
    send(
        BatchKind::Claims,
        batches(&std::mem::take(&mut comparison.claims), budget)?,
    );
    replies.push(serde_json::to_string(&Reply::Done {
        generation,
        with_model,
        comparison,
    })?);
    Ok(replies)
}

/// `items` as JSON arrays of about `budget` bytes each.
fn batches<T: Serialize>(items: &[T], budget: usize) -> Result<Vec<String>, serde_json::Error> {
    let mut batcher = Batcher::new(budget);
    let mut out = Vec::new();
    for item in items {
        out.extend(batcher.push(item)?);
    }
    out.extend(batcher.finish());
    Ok(out)
}

/// What the page gathers from one analysis's replies until [`Reply::Done`] completes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gathered {
    /// Per-article results, in article order.
    pub extracted: Vec<ArticleAnalysis>,
    /// Rows of the similarity matrix.
    pub similarity: Vec<Vec<f32>>,
    /// Entities of the comparison.
    pub entities: Vec<Entity>,
    /// Claims of the comparison.
    pub claims: Vec<Claim>,
}

impl Gathered {
    /// Keeps the items of a batch reply; returns false for any other reply.
    pub fn take(&mut self, reply: Reply) -> bool {
        match reply {
            Reply::Part { extracted, .. } => self.extracted.extend(extracted),
            Reply::Similarity { rows, .. } => self.similarity.extend(rows),
            Reply::Entities { entities, .. } => self.entities.extend(entities),
            Reply::Claims { claims, .. } => self.claims.extend(claims),
            _ => return false,
        }
        true
    }

    /// The per-article results and the whole comparison, the batched fields put back into `rest`.
    pub fn complete(self, mut rest: Comparison) -> (Vec<ArticleAnalysis>, Comparison) {
        rest.similarity = self.similarity;
        rest.entities = self.entities;
        rest.claims = self.claims;
        (self.extracted, rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_article, compare, ingest_text};

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
    fn the_comparison_says_its_stage() {
        let cases = [
            (1000, None, "Comparing 1,000 articles…"),
            (1, None, "Comparing 1 article…"),
            (
                1000,
                Some(CompareStage::Aliases),
                "Comparing 1,000 articles: matching names (1 of 4)…",
            ),
            (
                60,
                Some(CompareStage::Similarity),
                "Comparing 60 articles: shared wording (3 of 4)…",
            ),
            (
                2,
                Some(CompareStage::Claims),
                "Comparing 2 articles: aligning claims (4 of 4)…",
            ),
        ];
        for (total, stage, want) in cases {
            assert_eq!(comparing_text(total, stage), want);
        }
    }

    fn articles() -> Vec<crate::analysis::Article> {
        [
            "Date: 2024-03-23\n\nAt least 93 people were killed in Moscow on Friday, police said.",
            "Date: 2024-03-24\n\nThe death toll in Moscow rose to 133, Russian officials said on Saturday.",
            "Date: 2024-03-24\n\nPolice in Moscow said 133 people were killed and 100 injured.",
        ]
        .iter()
        .enumerate()
        .map(|(i, text)| ingest_text(&format!("{i}.txt"), text))
        .collect()
    }

    #[test]
    fn messages_survive_json() {
        let article = articles().remove(0);
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
            Reply::Stage {
                generation: 7,
                stage: CompareStage::Similarity,
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

    #[test]
    fn batches_are_cut_at_the_budget_and_lose_nothing() {
        // (items, budget) -> batch lengths; an item over the budget goes alone.
        let cases: [(&[u32], usize, &[usize]); 5] = [
            (&[], 10, &[]),
            (&[1], 10, &[1]),
            (&[1, 2, 3, 4], 4, &[2, 2]),
            (&[1, 2, 3, 4, 5], 1, &[1, 1, 1, 1, 1]),
            (&[10, 20, 30], 1000, &[3]),
        ];
        for (items, budget, want) in cases {
            let got = batches(items, budget).expect("numbers serialise");
            let parsed: Vec<Vec<u32>> = got
                .iter()
                .map(|b| serde_json::from_str(b).expect("each batch is a JSON array"))
                .collect();
            let lengths: Vec<usize> = parsed.iter().map(Vec::len).collect();
            assert_eq!(lengths, want, "{items:?} at {budget} bytes");
            assert_eq!(parsed.concat(), items);
        }
    }

    #[test]
    fn an_analysis_survives_its_batches() {
        let articles = articles();
        let extracted: Vec<_> = articles.iter().map(analyze_article).collect();
        let comparison = compare(&articles, &extracted);
        assert!(!comparison.entities.is_empty() && !comparison.similarity.is_empty());
        // A tiny budget cuts every field into many batches, which is the hard case.
        let mut gathered = Gathered::default();
        let mut batcher = Batcher::new(64);
        let mut replies = Vec::new();
        for e in &extracted {
            replies.extend(batcher.push(e).expect("results serialise"));
        }
        replies.extend(batcher.finish());
        let mut replies: Vec<String> = replies
            .iter()
            .map(|a| batch_reply(BatchKind::Part, 3, a))
            .collect();
        replies.extend(comparison_replies(3, true, comparison.clone(), 64).expect("serialises"));
        assert!(replies.len() > 6, "{} replies", replies.len());
        let mut done = None;
        for json in &replies {
            let reply: Reply = serde_json::from_str(json).expect("every reply reads back");
            match reply {
                Reply::Done {
                    generation,
                    with_model,
                    comparison,
                } => {
                    assert_eq!((generation, with_model), (3, true));
                    assert!(comparison.similarity.is_empty() && comparison.entities.is_empty());
                    done = Some(comparison);
                }
                other => assert!(gathered.take(other), "a batch"),
            }
        }
        let (back, whole) = gathered.complete(done.expect("Done comes last"));
        assert_eq!(back, extracted);
        assert_eq!(whole, comparison);
    }
}
