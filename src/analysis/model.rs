//! Plain data types shared by every stage: articles, spans, mentions, figures and the comparison.
//!
//! Every extracted item carries a [`Span`] of byte offsets into its article's `text`,
//! so that any name, date or figure shown anywhere links back to the sentence it came from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A half-open range of byte offsets `start..end` into an article's `text`.
///
/// Spans made by the analysis always lie on `char` boundaries and satisfy `start <= end`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// Makes a span; `start` is clamped so that the span is never inverted.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start.min(end),
            end,
        }
    }

    /// Number of bytes covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered text, or `""` when the span does not fit `text` or splits a character.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// Whether `other` lies wholly inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// One news article as ingested: metadata plus the text that every span indexes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The file name (or a made-up name for pasted text); unique within a workspace.
    pub path: String,
    /// The outlet, from metadata, the URL host or the file name; the user may edit it.
    pub source: String,
    /// The headline, or the file name when none was found.
    pub title: String,
    /// The author line without its leading "By", when one was found.
    pub byline: Option<String>,
    /// The report date, against which relative dates are resolved.
    pub date: Option<NaiveDate>,
    /// The page address, when the input named one.
    pub url: Option<String>,
    /// The analysed text. For plain text it is the decoded file unchanged, header lines included.
    pub text: String,
    /// The part of `text` that is the article body; header lines before it are metadata.
    pub body: Span,
    /// Things the reader should know about how the file was read (a guessed encoding, dropped parts).
    pub warnings: Vec<String>,
}

/// What kind of token a word boundary produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes or dots ("don't", "U.S").
    Word,
    /// Starts with a digit ("144", "1,200", "3.5", "2024-03-23" is three numbers and two dashes).
    Number,
    /// Anything else that is not white space.
    Punct,
}

/// One token: a non-space word-boundary segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token is.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// One sentence: its span and the range of its tokens in [`Segments::tokens`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// The sentence text without surrounding white space.
    pub span: Span,
    /// Index of its first token.
    pub first_token: usize,
    /// Index one past its last token.
    pub end_token: usize,
}

/// Sentences and tokens of an article body, both sorted by offset and non-overlapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segments {
    /// Every sentence of the body, in order.
    pub sentences: Vec<Sentence>,
    /// Every token of the body, in order; each belongs to exactly one sentence.
    pub tokens: Vec<Token>,
}

impl Segments {
    /// The index of the sentence holding byte `offset`, or the nearest one before it.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        match self
            .sentences
            .binary_search_by(|s| s.span.start.cmp(&offset))
        {
            Ok(i) => Some(i),
            Err(0) => None,
            Err(i) => Some(i - 1),
        }
    }

    /// The tokens of sentence `index`.
    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        self.sentences
            .get(index)
            .and_then(|s| self.tokens.get(s.first_token..s.end_token))
            .unwrap_or(&[])
    }
}

/// The type of a named entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Label {
    /// People, fictional or real.
    Person,
    /// Companies, agencies, institutions, armed groups.
    Org,
    /// Countries, cities, states: places with a government.
    Gpe,
    /// Places without one: regions, rivers, mountains.
    Loc,
    /// Buildings, venues, airports, bridges.
    Fac,
    /// Nationalities, religious and political groups ("Russian", "Islamist").
    Norp,
    /// Named events ("Olympics", "World War II").
    Event,
    /// Any other name.
    Misc,
}

impl Label {
    /// The label as written in the JSON contract ("PERSON", "ORG", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Gpe => "GPE",
            Label::Loc => "LOC",
            Label::Fac => "FAC",
            Label::Norp => "NORP",
            Label::Event => "EVENT",
            Label::Misc => "MISC",
        }
    }
}

/// One name found in an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameMention {
    /// Its type.
    pub label: Label,
    /// Where it is; names never overlap each other.
    pub span: Span,
}

/// One date expression and the calendar days it resolves to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The expression as written ("on Friday", "mid-February", "2024-03-23").
    pub span: Span,
    /// First day meant.
    pub start: NaiveDate,
    /// Last day meant (equal to `start` for a single day).
    pub end: NaiveDate,
    /// Whether the value needed the article's date to resolve.
    pub relative: bool,
    /// How the value was reached, for the reader ("Friday before the report date 2024-03-23").
    pub note: String,
}

impl DateMention {
    /// The value as the JSON contract writes it: one ISO day, or `first/last` for a range.
    pub fn value(&self) -> String {
        if self.start == self.end {
            self.start.to_string()
        } else {
            format!("{}/{}", self.start, self.end)
        }
    }
}

/// The quantity a figure reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// People killed, dead, deaths, lives lost.
    Killed,
    /// People injured, wounded, hurt, hospitalised.
    Injured,
    /// People missing or unaccounted for.
    Missing,
    /// People arrested, detained, held, charged.
    Arrested,
    /// People evacuated, displaced, made homeless.
    Evacuated,
    /// Any other counted quantity; [`Figure::label`] names it.
    Other,
}

impl Measure {
    /// The measure as written in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Killed => "killed",
            Measure::Injured => "injured",
            Measure::Missing => "missing",
            Measure::Arrested => "arrested",
            Measure::Evacuated => "evacuated",
            Measure::Other => "other",
        }
    }
}

/// How a figure's number is hedged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as is ("144 people").
    Exact,
    /// "about", "approximately", "nearly", "some".
    About,
    /// "at least", "a minimum of".
    AtLeast,
    /// "more than", "over", "upwards of".
    MoreThan,
    /// "up to", "as many as".
    UpTo,
    /// "fewer than", "less than", "under".
    FewerThan,
}

impl Qualifier {
    /// The qualifier as written in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
            Qualifier::MoreThan => "more_than",
            Qualifier::UpTo => "up_to",
            Qualifier::FewerThan => "fewer_than",
        }
    }
}

/// One reported quantity: a number with its hedge, the counted noun and the measure it reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// What it counts.
    pub measure: Measure,
    /// For [`Measure::Other`], the name of the quantity ("homes destroyed", "magnitude"); else a detail such as "detained".
    pub label: Option<String>,
    /// The single value, when the text gives one.
    pub value: Option<f64>,
    /// Lower bound of a range or vague amount ("dozens" is 24..99).
    pub low: Option<f64>,
    /// Upper bound of a range or vague amount.
    pub high: Option<f64>,
    /// How the number is hedged.
    pub qualifier: Qualifier,
    /// The counted noun as written ("people", "lives"), or empty when elided.
    pub unit: String,
    /// The whole figure expression ("at least 93 lives").
    pub span: Span,
    /// Just the number ("93", "eleven", "dozens").
    pub number: Span,
    /// Index (in the same article's figures) of the figure this one is a part of ("including three children").
    pub subset_of: Option<usize>,
    /// Who the figure is attributed to, when stated ("according to police").
    pub attribution: Option<String>,
    /// Index of the sentence holding it.
    pub sentence: usize,
}

impl Figure {
    /// The smallest value compatible with the figure, taking its qualifier into account.
    pub fn min_value(&self) -> f64 {
        let v = self.value.or(self.low).unwrap_or(0.0);
        match self.qualifier {
            Qualifier::About => v * 0.9,
            Qualifier::UpTo | Qualifier::FewerThan => 0.0,
            Qualifier::MoreThan => v + f64::EPSILON,
            _ => v,
        }
    }

    /// The largest value compatible with the figure; infinite for "at least" and "more than".
    pub fn max_value(&self) -> f64 {
        let v = self.value.or(self.high).unwrap_or(f64::INFINITY);
        match self.qualifier {
            Qualifier::About => v * 1.1,
            Qualifier::AtLeast | Qualifier::MoreThan => f64::INFINITY,
            Qualifier::FewerThan => v - f64::EPSILON,
            _ => v,
        }
    }

    /// The source's own word for a vague amount ("dozens", "tens of thousands"), read from `text`, the figure's
    /// article: `None` for a value or a range written in digits or as two numbers ("between fifteen and twenty").
    /// A reader is shown this word rather than the range it is read as, which would claim a precision the source
    /// never gave.
    pub fn vague_word<'t>(&self, text: &'t str) -> Option<&'t str> {
        let written = self.number.of(text).trim();
        let bounded = self.low.is_some() || self.high.is_some();
        let two_numbers = written
            .split([' ', '-', '–'])
            .any(|w| matches!(w, "and" | "to" | "or"));
        (self.value.is_none()
            && bounded
            && !written.is_empty()
            && !written.chars().any(|c| c.is_ascii_digit())
            && !two_numbers)
            .then_some(written)
    }

    /// The value to plot or sort by: the exact value, else the middle of the range.
    pub fn point(&self) -> f64 {
        match (self.value, self.low, self.high) {
            (Some(v), _, _) => v,
            (None, Some(l), Some(h)) => (l + h) / 2.0,
            (None, Some(l), None) => l,
            (None, None, Some(h)) => h,
            _ => 0.0,
        }
    }
}

/// Everything extracted from one article; spans index that article's `text`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnalysis {
    /// Sentences and tokens of the body.
    pub segments: Segments,
    /// Names, sorted by offset and non-overlapping.
    pub names: Vec<NameMention>,
    /// Date expressions, sorted by offset.
    pub dates: Vec<DateMention>,
    /// Figures, sorted by offset.
    pub figures: Vec<Figure>,
    /// Things that went wrong without stopping the analysis.
    pub warnings: Vec<String>,
}

/// Points at one item of one article: `article` indexes the article list, `index` the item list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ItemRef {
    /// Index of the article.
    pub article: usize,
    /// Index of the item inside that article's names or figures.
    pub index: usize,
}

/// A real-world referent named by one or more mentions across the articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id within one analysis ("e3").
    pub id: String,
    /// The fullest name used for it.
    pub name: String,
    /// Its type, by majority of its mentions.
    pub label: Label,
    /// Every distinct surface form, the name included, most frequent first.
    pub aliases: Vec<String>,
    /// Every mention, in article order then offset order.
    pub mentions: Vec<ItemRef>,
    /// Mention count per article, indexed like the article list.
    pub counts: Vec<u32>,
}

/// How the values in a figure slot relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlotStatus {
    /// One figure only: nothing to compare.
    Single,
    /// All values are compatible.
    Agree,
    /// Values change with report date in one direction, as a rising toll does.
    Update,
    /// Incompatible values on the same report date, or values that go against time.
    Conflict,
}

impl SlotStatus {
    /// The status as written in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotStatus::Single => "single",
            SlotStatus::Agree => "agree",
            SlotStatus::Update => "update",
            SlotStatus::Conflict => "conflict",
        }
    }
}

/// The figures that report the same quantity of the same event, across sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Slot {
    /// Stable id within one analysis ("s1").
    pub id: String,
    /// What the figures count.
    pub measure: Measure,
    /// The quantity's name for [`Measure::Other`] and subsets ("children"), else `None`.
    pub label: Option<String>,
    /// How the values relate.
    pub status: SlotStatus,
    /// The figures, in report-date order (undated last), then article order.
    pub members: Vec<ItemRef>,
    /// The slot this one is a part of ("including three children" is part of the death toll).
    pub parent: Option<String>,
    /// The year of the earlier event the figures are about, for background figures; `None` for the main event.
    #[serde(default)]
    pub background: Option<i32>,
}

/// The cross-article comparison.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// One row per real-world referent, most widely covered first.
    pub entities: Vec<Entity>,
    /// For each article, the entity index of each of its names.
    pub name_entity: Vec<Vec<usize>>,
    /// Figure slots, main measures first.
    pub slots: Vec<Slot>,
    /// For each article, the slot index of each of its figures.
    pub figure_slot: Vec<Vec<Option<usize>>>,
    /// Pairwise text similarity in `0.0..=1.0`, symmetric, 1.0 on the diagonal.
    pub similarity: Vec<Vec<f32>>,
    /// Groups of articles (indices, sorted) that read like one story reprinted: linked by similarity at or above
    /// [`crate::analysis::similarity::COPY_THRESHOLD`]; groups of two or more only, ordered by first article.
    #[serde(default)]
    pub copies: Vec<Vec<usize>>,
    /// For each entity (indexed like `entities`), the entities related to it without being it: one's name holds
    /// the other's ("Islamic State in Khorasan" and "Islamic State"); see [`crate::analysis::related`].
    #[serde(default)]
    pub related: Vec<Vec<usize>>,
    /// Statements made by two or more sources, with what every source does with each.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Things the reader should know about the comparison.
    pub warnings: Vec<String>,
}

/// What one source does with a claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimState {
    /// The source states it.
    Stated,
    /// The source does not mention it.
    NotMentioned,
    /// The source says the opposite or reports a denial of it.
    Contradicted,
}

impl ClaimState {
    /// The state as written in the JSON contract.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimState::Stated => "stated",
            ClaimState::NotMentioned => "not_mentioned",
            ClaimState::Contradicted => "contradicted",
        }
    }
}

/// One source's cell in a claim's row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimCell {
    /// What the source does with the claim.
    pub state: ClaimState,
    /// The sentences (indices into that article's sentences) that state or contradict it.
    pub sentences: Vec<usize>,
    /// Who the source attributes its sentence to ("the regional health office"), when it names someone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<String>,
    /// A denial of the claim that the same source reports close by ("the council has denied any ..."), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disputed: Option<Dispute>,
}

/// A denial that a source reports of a claim it also states: who denies it, and in which sentence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dispute {
    /// Who denies it ("the U.S. National Security Council").
    pub by: String,
    /// The sentence (an index into that article's sentences) that reports the denial.
    pub sentence: usize,
}

/// A statement that sentences in several sources make, aligned across all sources.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Stable id within one analysis ("c1").
    pub id: String,
    /// The sentence that best represents the claim, as written by its first source.
    pub text: String,
    /// Where that sentence is: the article and its sentence index.
    pub origin: ItemRef,
    /// One cell per article, indexed like the article list.
    pub cells: Vec<ClaimCell>,
}

impl Claim {
    /// How many sources state or contradict the claim: one for a statement a single source attributes to someone.
    pub fn sources(&self) -> usize {
        self.cells
            .iter()
            .filter(|c| c.state != ClaimState::NotMentioned)
            .count()
    }
}
