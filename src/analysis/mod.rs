//! The pure analysis engine: bytes in, a comparison of articles out.
//!
//! Stages, one module each: [`decode`] and [`ingest`] (bytes to [`Article`], the only fallible step),
//! [`segment`] (sentences and tokens), [`names`] (with the learned [`tagger`] when a model is loaded), [`dates`] and [`figures`] (extraction),
//! [`aliases`] (mentions to entities across articles), [`slots`], [`similarity`] and [`claims`] (comparison; claims
//! name whom each source attributes them to, through [`attribution`]),
//! [`edits`] (the user's merges and splits of entities, replayed over a comparison), and [`report`] (the CLI's JSON contract and text report).
//! Nothing here knows about the browser; a test keeps web crates out.

pub mod acronyms;
pub mod aliases;
pub mod archive;
pub mod attribution;
pub mod claims;
pub mod dateline;
pub mod dates;
pub mod decode;
pub mod demo;
pub mod docx;
pub mod edits;
pub mod eml;
pub mod events;
pub mod figures;
pub mod gazetteer;
pub mod html;
pub mod ingest;
pub mod model;
pub mod names;
pub mod numbers;
pub mod pdf;
pub mod quoted;
pub mod regions;
pub mod related;
pub mod repeats;
pub mod report;
pub mod segment;
pub mod similarity;
pub mod slots;
pub mod streets;
pub mod tagger;
pub mod teams;
pub mod words;

pub use decode::DecodeError;
pub use ingest::{ingest, ingest_all, ingest_text};
pub use model::*;
pub use segment::segment;

use serde::{Deserialize, Serialize};

/// A whole analysis: the articles, what was extracted from each, and how they compare.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// The articles, in the order given.
    pub articles: Vec<Article>,
    /// Per-article extraction, indexed like `articles`.
    pub extracted: Vec<ArticleAnalysis>,
    /// The cross-article comparison.
    pub comparison: Comparison,
}

/// Extracts names, dates and figures from one article. Never fails: problems become warnings.
///
/// # Examples
/// ```
/// use corroborate::analysis::{analyze_article, ingest_text};
/// let article = ingest_text("note.txt", "Date: 2024-03-23\n\nAt least 93 people were killed on Friday.");
/// let found = analyze_article(&article);
/// assert_eq!(found.figures[0].value, Some(93.0));
/// assert_eq!(found.dates[0].start.to_string(), "2024-03-22");
/// ```
pub fn analyze_article(article: &Article) -> ArticleAnalysis {
    analyze_article_with(article, &Options::default())
}

/// How the analysis runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// The learned name tagger; without it names come from the rules alone (the app runs so until the model arrives).
    pub ner: Option<&'a tagger::NerModel>,
}

/// Extracts names, dates and figures from one article with the given options. Never fails.
pub fn analyze_article_with(article: &Article, options: &Options) -> ArticleAnalysis {
    let text = article.text.as_str();
    let segments = segment(text, article.body);
    let mut found = names::extract_with(text, &segments, options.ner);
    names::label_outlet(text, &article.source, &mut found);
    let names = events::widen(text, &segments, found);
    let dates = dates::extract(text, &segments, article.date);
    let figures = figures::extract(text, &segments);
    ArticleAnalysis {
        segments,
        names,
        dates,
        figures,
        warnings: Vec::new(),
    }
}

/// The stages of [`compare`], in the order they run, so that a long comparison can say where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CompareStage {
    /// Mentions to entities across articles ([`aliases`]).
    Aliases,
    /// Figures to slots ([`slots`]).
    Slots,
    /// Pairwise shared wording ([`similarity`]), the longest stage on large batches.
    Similarity,
    /// Statements aligned across sources ([`claims`]).
    Claims,
}

impl CompareStage {
    /// Every stage, in the order they run.
    pub const ALL: [CompareStage; 4] = [
        CompareStage::Aliases,
        CompareStage::Slots,
        CompareStage::Similarity,
        CompareStage::Claims,
    ];
}

/// Compares articles already analysed one by one; `extracted` is indexed like `articles`.
pub fn compare(articles: &[Article], extracted: &[ArticleAnalysis]) -> Comparison {
    compare_observed(articles, extracted, &mut |_| {})
}

/// [`compare`], calling `on_stage` as each stage starts (the browser's worker reports it as progress).
pub fn compare_observed(
    articles: &[Article],
    extracted: &[ArticleAnalysis],
    on_stage: &mut dyn FnMut(CompareStage),
) -> Comparison {
    on_stage(CompareStage::Aliases);
    let (entities, name_entity) = aliases::resolve(articles, extracted);
    let related = related::relate(articles, extracted, &name_entity, &entities);
    on_stage(CompareStage::Slots);
    let (slots, figure_slot) = slots::align(articles, extracted);
    on_stage(CompareStage::Similarity);
    let similarity = similarity::matrix(articles, extracted);
    let copies = similarity::copy_groups(&similarity, similarity::COPY_THRESHOLD);
    on_stage(CompareStage::Claims);
    let claims = claims::align(articles, extracted, &name_entity, &entities, &figure_slot);
    let mut warnings = Vec::new();
    if articles.iter().any(|a| a.date.is_none()) && articles.len() > 1 {
        warnings.push(
            "Some articles have no report date, so figure updates cannot be ordered for them; set their dates in the sources panel."
                .to_string(),
        );
    }
    Comparison {
        entities,
        name_entity,
        slots,
        figure_slot,
        similarity,
        copies,
        related,
        claims,
        warnings,
    }
}

/// Replays the user's entity corrections over an analysis (see [`edits::apply`]); returns what became of each.
///
/// The entities and `name_entity` change (and `warnings`, for an edit that matches nothing any more), and when an
/// edit took effect the claims are aligned again: a claim's clauses match on the entities they name, so merging
/// two entities can join two rows and splitting one can part them.
pub fn apply_edits(
    analysis: &mut Analysis,
    entity_edits: &[edits::EntityEdit],
) -> Vec<edits::Outcome> {
    if entity_edits.is_empty() {
        return Vec::new();
    }
    let edited = edits::apply(
        &analysis.articles,
        &analysis.extracted,
        &analysis.comparison,
        entity_edits,
    );
    analysis.comparison = edited.comparison;
    if edited.outcomes.contains(&edits::Outcome::Applied) {
        analysis.comparison.related = related::relate(
            &analysis.articles,
            &analysis.extracted,
            &analysis.comparison.name_entity,
            &analysis.comparison.entities,
        );
        let comparison = &analysis.comparison;
        let claims = claims::align(
            &analysis.articles,
            &analysis.extracted,
            &comparison.name_entity,
            &comparison.entities,
            &comparison.figure_slot,
        );
        analysis.comparison.claims = claims;
    }
    edited.outcomes
}

/// Runs the whole pipeline over ingested articles, with names from the rules alone.
pub fn analyze(articles: Vec<Article>) -> Analysis {
    analyze_with(articles, &Options::default())
}

/// Runs the whole pipeline over ingested articles with the given options.
pub fn analyze_with(articles: Vec<Article>, options: &Options) -> Analysis {
    let extracted: Vec<ArticleAnalysis> = articles
        .iter()
        .map(|a| analyze_article_with(a, options))
        .collect();
    let comparison = compare(&articles, &extracted);
    Analysis {
        articles,
        extracted,
        comparison,
    }
}
