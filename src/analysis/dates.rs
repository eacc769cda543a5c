//! Date expressions, absolute and relative, resolved to calendar days against the report date.
//!
//! Matching walks each sentence's tokens once, left to right, and at each token tries the date
//! patterns from the longest to the shortest, keeping the first that fits; the cost is linear in
//! tokens, and mentions come out sorted by offset and non-overlapping.
//!
//! Spans cover the expression with its modifiers ("last Friday", "mid-February", "early 2000s",
//! "three days ago") but not a leading preposition or article ("on", "in", "since", "the"):
//! the preposition is context, not part of the date, and tight spans line up with other tools' spans.
//!
//! Span conventions where corpora differ (IE-ER's DATE spans, for one):
//! - Modifiers that change the days meant are part of the span: "last fall", "next spring", "early 1990s". IE-ER
//!   marks only "fall" or "1990s", but the modifier decides which fall, so it belongs to the expression.
//! - A range written with a dash is one mention with a first and last day ("May 1-31", "1997-98"), not two.
//! - "the day before", "the previous day" and "the following day" keep their article, since "day before" alone is
//!   not an expression. They count from the single day mentioned last in the article, or from the report date.
//! - Not dates: a season word that is neither after a preposition ("in the spring") nor given a year or a
//!   modifier ("summer residence", "spring training", "at winter and summer solstices"), recurring days ("on
//!   Thursdays"), religious days of the week ("the Jewish Sabbath") and a calendar quarter outside talk of money
//!   or the economy ("the third quarter" of a game). None of them names concrete days of the story.
//!
//! Without a report date, only expressions that carry their own year ("March 22, 2024", "in 2013",
//! "the 1990s") are returned: relative ones ("on Friday", "last week") and year-less ones
//! ("March 22") are left out, because a mention must name concrete days and a guessed year would
//! mislead more than a missing date.

use super::model::{DateMention, Segments, Span, TokenKind};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// Finds date expressions and resolves them against `report_date`.
///
/// The mentions are sorted by offset and never overlap; every span lies on `char` boundaries of
/// `text` and inside one sentence of `segments`. `start..=end` are the days meant, and `note`
/// tells the reader how they were reached.
///
/// # Examples
/// ```
/// use chrono::NaiveDate;
/// use corroborate::analysis::{dates, segment, Span};
/// let text = "Gunmen attacked the hall on Friday, two days after the March 20 warning.";
/// let seg = segment(text, Span::new(0, text.len()));
/// let found = dates::extract(text, &seg, NaiveDate::from_ymd_opt(2024, 3, 23));
/// assert_eq!(found[0].span.of(text), "Friday");
/// assert_eq!(found[0].value(), "2024-03-22");
/// assert_eq!(found[1].value(), "2024-03-20");
/// ```
pub fn extract(
    text: &str,
    segments: &Segments,
    report_date: Option<NaiveDate>,
) -> Vec<DateMention> {
    let us_style = prefers_month_first(text, segments);
    let mut mentions = Vec::new();
    for index in 0..segments.sentences.len() {
        let tokens: Vec<Tok> = segments
            .sentence_tokens(index)
            .iter()
            .map(|t| Tok::new(text, t.span, t.kind))
            .collect();
        let found = scan(&tokens, text);
        for item in found {
            let (Some(first), Some(last)) =
                (tokens.get(item.first), tokens.get(item.end.wrapping_sub(1)))
            else {
                continue;
            };
            // A possessive belongs to the sentence, not the date: "Saturday's rally" marks "Saturday".
            let possessive = ["'s", "\u{2019}s"]
                .iter()
                .find(|p| last.text.ends_with(**p))
                .map_or(0, |p| p.len());
            let end = if last.text.len() > possessive {
                last.span.end - possessive
            } else {
                last.span.end
            };
            let span = Span::new(first.span.start, end);
            if span.of(text).is_empty() {
                continue;
            }
            let value = match item.expr {
                Expr::Adjacent { days, what } => adjacent(days, what, mentions.last(), report_date),
                ref expr => resolve(expr, report_date, us_style),
            };
            let Some(value) = value else {
                continue;
            };
            mentions.push(DateMention {
                span,
                start: value.start,
                end: value.end,
                relative: value.relative,
                note: value.note,
            });
        }
    }
    mentions
}

/// One token with its lower-cased text, apostrophes unified.
struct Tok<'t> {
    text: &'t str,
    low: String,
    /// Whether an "'s" was cut from `low` ("Saturday's", "women's").
    possessive: bool,
    kind: TokenKind,
    span: Span,
}

impl<'t> Tok<'t> {
    fn new(text: &'t str, span: Span, kind: TokenKind) -> Tok<'t> {
        let raw = span.of(text);
        let mut low = raw.to_lowercase();
        if low.contains('\u{2019}') {
            low = low.replace('\u{2019}', "'");
        }
        // Names are matched without a possessive ending ("Saturday's", "Christmas's").
        let (low, possessive) = match low.strip_suffix("'s") {
            Some(base) if base.chars().count() > 2 && base.chars().all(char::is_alphabetic) => {
                (base.to_string(), true)
            }
            _ => (low, false),
        };
        Tok {
            text: raw,
            low,
            possessive,
            kind,
            span,
        }
    }

    /// Whether the token starts with a capital letter (month and weekday names must).
    fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// A matched expression before resolution: which tokens, and what they say.
struct Found {
    first: usize,
    end: usize,
    expr: Expr,
}

/// Which third of a month or year, or which side of the report date, an expression means.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Part {
    Whole,
    Early,
    Mid,
    Late,
    /// "earlier this month": from the start to the report date.
    Before,
    /// "later this month": from the report date to the end.
    After,
}

/// Which occurrence of a weekday, weekend, month name or season is meant.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Pick {
    /// The latest one on or before the report date ("on Friday").
    Back,
    /// The latest one strictly before the report date ("last Friday").
    BackStrict,
    /// The first one on or after the report date ("this Friday", "on Friday" in the future tense).
    Forward,
    /// The first one strictly after the report date ("next Friday").
    ForwardStrict,
}

/// Named days whose date is fixed or computed each year.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Holiday {
    Fixed(u32, u32),
    GoodFriday,
    Easter,
    EasterMonday,
    /// The nth (1-based; 5 = last) given weekday of a month.
    Nth(u32, Weekday, u32),
}

/// What a matched expression says, before the report date is applied.
#[derive(Clone, Debug, PartialEq)]
enum Expr {
    /// One day; `year` is `None` when not written.
    Day {
        year: Option<i32>,
        month: u32,
        day: u32,
        weekday: Option<Weekday>,
        prefix: &'static str,
    },
    /// "May 1-31".
    DayRange {
        year: Option<i32>,
        month: u32,
        first: u32,
        last: u32,
    },
    /// A numeric date whose order may be ambiguous: parts as written.
    Numeric { a: u32, b: u32, year: i32 },
    /// A month or a third of it.
    Month {
        year: Option<i32>,
        month: u32,
        part: Part,
    },
    /// "last March", "next May".
    MonthPick { month: u32, pick: Pick },
    /// Whole years, or a part of one year.
    Years {
        first: i32,
        last: i32,
        part: Part,
        what: &'static str,
    },
    /// A season, of a year or picked relative to the report date.
    Season {
        year: Option<i32>,
        season: u32,
        pick: Option<Pick>,
    },
    /// A holiday, of a given year or of the report year.
    Holiday {
        year: Option<i32>,
        holiday: Holiday,
        name: &'static str,
    },
    /// A weekday name.
    Weekday { weekday: Weekday, pick: Pick },
    /// A number of days from the report date.
    DayShift { days: i64, what: &'static str },
    /// A number of months (whole month meant) before the report date.
    MonthsAgo(u32),
    /// A number of years (whole year meant) before the report date.
    YearsAgo(u32),
    /// The week `offset` weeks from the report date's week (Monday to Sunday).
    Week { offset: i64, part: Part },
    /// A weekend.
    Weekend { pick: Pick },
    /// The month `offset` months from the report month.
    RelMonth { offset: i32, part: Part },
    /// The year `offset` years from the report year.
    RelYear { offset: i32, part: Part },
    /// A calendar quarter ("the second quarter", "the first quarter of 1998"), of a given year or of the report year.
    Quarter { year: Option<i32>, quarter: u32 },
    /// The day before or after the date mentioned last ("the day before", "the following day"): resolved in
    /// [`extract`] against that mention, or the report date when there is none.
    Adjacent { days: i64, what: &'static str },
    /// A year-less day or month followed by "next year", "last year" or "this year" ("May 13 next year").
    InRelYear { inner: Box<Expr>, offset: i32 },
}

impl Expr {
    /// A plain written day ("March 22", "22/03/2024"): no weekday, nothing before it.
    fn day(year: Option<i32>, month: u32, day: u32) -> Expr {
        Expr::Day {
            year,
            month,
            day,
            weekday: None,
            prefix: "",
        }
    }
}

/// Walks one sentence's tokens and returns the matched expressions, in order, non-overlapping.
fn scan(tokens: &[Tok], text: &str) -> Vec<Found> {
    let mut found: Vec<Found> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let cx = Cx {
            t: tokens,
            text,
            prev_year_end: found
                .last()
                .filter(|f| {
                    matches!(
                        f.expr,
                        Expr::Years { .. } | Expr::Month { year: Some(_), .. }
                    )
                })
                .map(|f| f.end),
        };
        match cx
            .match_at(i)
            .map(|(end, expr)| cx.with_relative_year(end, expr))
        {
            Some((end, expr)) if end > i => {
                found.push(Found {
                    first: i,
                    end,
                    expr,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    carry_years(&mut found, tokens);
    found
}

/// Gives a year-less day the year of the dated one it is joined to ("June 19-July 10, 1999").
fn carry_years(found: &mut [Found], tokens: &[Tok]) {
    for k in 1..found.len() {
        let year = match &found[k].expr {
            Expr::Day { year: Some(y), .. } | Expr::DayRange { year: Some(y), .. } => *y,
            _ => continue,
        };
        let gap_ok = found[k].first == found[k - 1].end + 1
            && tokens.get(found[k - 1].end).is_some_and(|t| {
                matches!(
                    t.low.as_str(),
                    "-" | "–" | "to" | "through" | "until" | "and"
                )
            });
        if !gap_ok {
            continue;
        }
        if let Expr::Day { year: y @ None, .. } | Expr::DayRange { year: y @ None, .. } =
            &mut found[k - 1].expr
        {
            *y = Some(year);
        }
    }
}

/// The matching context: one sentence's tokens.
struct Cx<'a, 't> {
    t: &'a [Tok<'t>],
    text: &'t str,
    /// Where the previous match ended, when it was a year ("from 1950 to 1956").
    prev_year_end: Option<usize>,
}

/// Words before a bare year that make it a year ("in 2013", "since 2015").
#[rustfmt::skip]
const YEAR_CUES: &[&str] = &[
    "in", "since", "until", "till", "through", "thru", "from", "between", "before", "after", "during", "around",
    "circa", "c.", "copyright", "year", "fiscal", "early", "late", "mid", "spring", "summer", "fall", "autumn",
    "winter", "of", "by", "for", "act",
];

/// Words before a bare month name that make it a month ("in May", "since March").
#[rustfmt::skip]
const MONTH_CUES: &[&str] = &[
    "in", "since", "until", "till", "through", "from", "by", "during", "before", "after", "last",
    "next", "this", "early", "mid", "late", "of", "between", "and", "to", "or", "that", "each", "every",
];

/// Nouns that follow a count, not a year ("2013 people", "March 22 residents").
#[rustfmt::skip]
const COUNTED: &[&str] = &[
    "people", "persons", "residents", "men", "women", "children", "soldiers", "troops", "police", "officers",
    "workers", "employees", "jobs", "homes", "houses", "buildings", "cases", "deaths", "votes", "students",
    "families", "households", "units", "tons", "tonnes", "dollars", "euros", "pounds", "yuan", "rupees", "miles",
    "kilometers", "kilometres", "km", "meters", "metres", "feet", "acres", "hectares", "barrels", "cars", "vehicles",
    "passengers", "refugees", "migrants", "protesters", "demonstrators", "fighters", "militants", "prisoners",
    "inmates", "patients", "victims", "casualties", "members", "delegates", "words", "pages", "points", "shares",
    "copies", "times", "calls", "visitors", "tourists", "participants", "percent", "per", "votes", "seats", "rounds",
    "rockets", "missiles", "shells", "others", "more", "were", "are", "have", "had", "dead", "killed", "injured",
    "wounded", "hurt", "missing", "died",
];

/// Words that put a bare weekday or weekend in the future ("will meet on Friday").
#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "will", "won't", "shall", "scheduled", "slated", "due", "expected", "expects", "plan", "plans", "planned",
    "upcoming", "going", "next", "until", "till", "ahead",
];

/// Finite past forms that are rarely participles: the nearest one before a weekday puts it in the past
/// ("broke out on Sunday"), whatever future-looking word comes before it.
const PAST_CUES: &[&str] = &[
    "was", "were", "did", "took", "went", "came", "broke", "began", "struck", "fell", "rose",
    "happened", "occurred", "died", "saw", "gave", "stood", "spoke", "wrote", "drove", "flew",
    "arose", "erupted",
];

impl Cx<'_, '_> {
    fn low(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.low.as_str())
    }

    fn prev(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |p| self.low(p))
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.t.get(i).map(|t| t.kind)
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(Tok::capitalized)
    }

    /// Whether tokens `i` and `i + 1` touch, with no space between ("mid-February").
    fn touching(&self, i: usize) -> bool {
        match (self.t.get(i), self.t.get(i + 1)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    fn is_dash(&self, i: usize) -> bool {
        matches!(self.low(i), "-" | "–" | "—")
    }

    /// Skips an optional hyphen ("mid-", "19th-century").
    fn skip_dash(&self, i: usize) -> usize {
        if self.is_dash(i) {
            i + 1
        } else {
            i
        }
    }

    /// Whether token `i` is a noun that counts follow; "the 1994 men's final" is a possessive, not a count.
    fn counted_noun(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| !t.possessive && COUNTED.contains(&t.low.as_str()))
    }

    /// Extends a year-less day or month over a following "next year" ("May 13 next year").
    fn with_relative_year(&self, end: usize, expr: Expr) -> (usize, Expr) {
        let yearless = matches!(
            expr,
            Expr::Day { year: None, .. }
                | Expr::DayRange { year: None, .. }
                | Expr::Month { year: None, .. }
        );
        let offset = match self.low(end) {
            "last" => -1,
            "this" => 0,
            "next" => 1,
            _ => return (end, expr),
        };
        if !yearless || self.low(end + 1) != "year" {
            return (end, expr);
        }
        (
            end + 2,
            Expr::InRelYear {
                inner: Box::new(expr),
                offset,
            },
        )
    }

    /// Tries every pattern at token `i`: returns where the match ends (exclusive) and what it says.
    fn match_at(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        match tok.kind {
            TokenKind::Number => self
                .iso(i)
                .or_else(|| self.numeric(i))
                .or_else(|| self.day_month(i))
                .or_else(|| self.decade(i))
                .or_else(|| self.century(i))
                .or_else(|| self.year_range(i))
                .or_else(|| self.bc_year(i))
                .or_else(|| self.amount_ago(i))
                .or_else(|| self.bare_year(i)),
            TokenKind::Word => self
                .adjacent_day(i)
                .or_else(|| self.quarter(i))
                .or_else(|| self.night_of(i))
                .or_else(|| self.holiday(i))
                .or_else(|| self.part_of(i))
                .or_else(|| self.weekday_date(i))
                .or_else(|| self.month_date(i))
                .or_else(|| self.pick_word(i))
                .or_else(|| self.season(i))
                .or_else(|| self.deictic(i))
                .or_else(|| self.weekday(i))
                .or_else(|| self.amount_ago(i))
                .or_else(|| self.weekend(i))
                .or_else(|| self.bare_month(i)),
            TokenKind::Punct => self.short_decade(i),
        }
    }

    // ---- numbers ----

    /// A day of the month, with or without an ordinal suffix ("22", "22nd").
    fn day_num(&self, i: usize) -> Option<u32> {
        let tok = self.t.get(i)?;
        if tok.kind != TokenKind::Number {
            return None;
        }
        let digits = tok.low.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &tok.low[digits.len()..];
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
            return None;
        }
        let day: u32 = digits.parse().ok()?;
        (1..=31).contains(&day).then_some(day)
    }

    fn ordinal(&self, i: usize) -> bool {
        self.t
            .get(i)
            .is_some_and(|t| t.low.ends_with(|c: char| c.is_ascii_alphabetic()))
    }

    /// A four-digit year from 1000 to 2099.
    fn year_num(&self, i: usize) -> Option<i32> {
        let tok = self.t.get(i)?;
        if tok.kind != TokenKind::Number
            || tok.low.len() != 4
            || !tok.low.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let year: i32 = tok.low.parse().ok()?;
        (1000..=2099).contains(&year).then_some(year)
    }

    /// An optional year after a day or month: "22, 2024", "22 2024" or "March of 2024".
    fn trailing_year(&self, i: usize) -> Option<(usize, i32)> {
        let (at, year) = if let Some(y) = self.year_num(i) {
            (i, y)
        } else if matches!(self.low(i), "," | "of") {
            (i + 1, self.year_num(i + 1)?)
        } else {
            return None;
        };
        // "March 22, 2000 people" counts people; a year is not followed by a counted noun.
        if self.counted_noun(at + 1) {
            return None;
        }
        Some((at + 1, year))
    }

    /// ISO dates and datetimes: "2024-03-23", "2024-03-23T08:30:00Z".
    fn iso(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        let rest = self.text.get(tok.span.start..)?;
        let bytes = rest.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range.clone())
                .filter(|s| s.iter().all(u8::is_ascii_digit))
                .and_then(|s| std::str::from_utf8(s).ok()?.parse::<u32>().ok())
        };
        let year = digits(0..4)?;
        if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        if bytes.get(10).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let mut end_byte = 10;
        if bytes.get(10) == Some(&b'T') && bytes.get(11).is_some_and(u8::is_ascii_digit) {
            end_byte = 11;
            while bytes.get(end_byte).is_some_and(|b| {
                b.is_ascii_digit() || matches!(b, b':' | b'.' | b'Z' | b'+' | b'-')
            }) {
                end_byte += 1;
            }
        }
        let end_offset = tok.span.start + end_byte;
        let mut end = i;
        while self.t.get(end).is_some_and(|t| t.span.end <= end_offset) {
            end += 1;
        }
        // A datetime token can run past the date ("23T08"); take it whole when it ends inside the match.
        if self.t.get(end).is_some_and(|t| t.span.start < end_offset) {
            end += 1;
        }
        NaiveDate::from_ymd_opt(year as i32, month, day)?;
        Some((end, Expr::day(Some(year as i32), month, day)))
    }

    /// Numeric dates: "22/03/2024", "03/22/2024", "2024/03/23", "22.03.2024".
    fn numeric(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        // UAX #29 keeps "22.03.2024" as one number token.
        if tok.low.matches('.').count() == 2 {
            let parts: Vec<&str> = tok.low.split('.').collect();
            if let [a, b, y] = parts.as_slice() {
                if a.len() <= 2 && b.len() <= 2 && y.len() == 4 {
                    let (a, b, y) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
                    return Some((i + 1, Expr::Numeric { a, b, year: y }));
                }
            }
            return None;
        }
        if self.low(i + 1) != "/"
            || self.low(i + 3) != "/"
            || !self.touching(i)
            || !self.touching(i + 2)
        {
            return None;
        }
        let parse = |k: usize| -> Option<(u32, usize)> {
            let t = self.t.get(k)?;
            (t.kind == TokenKind::Number
                && t.low.bytes().all(|b| b.is_ascii_digit())
                && t.low.len() <= 4)
                .then(|| t.low.parse().ok().map(|v| (v, t.low.len())))
                .flatten()
        };
        let (a, a_len) = parse(i)?;
        let (b, b_len) = parse(i + 2)?;
        let (c, c_len) = parse(i + 4)?;
        if a_len == 4 && b_len <= 2 && c_len <= 2 {
            NaiveDate::from_ymd_opt(a as i32, b, c)?;
            return Some((
                i + 5,
                Expr::Day {
                    year: Some(a as i32),
                    month: b,
                    day: c,
                    weekday: None,
                    prefix: "",
                },
            ));
        }
        if a_len > 2 || b_len > 2 || !(c_len == 4 || c_len == 2) {
            return None;
        }
        let year = if c_len == 2 {
            if c < 50 {
                2000 + c
            } else {
                1900 + c
            }
        } else {
            c
        };
        Some((
            i + 5,
            Expr::Numeric {
                a,
                b,
                year: year as i32,
            },
        ))
    }

    /// "22 March", "22nd of March 2024", "1 Dec. 2023".
    fn day_month(&self, i: usize) -> Option<(usize, Expr)> {
        let day = self.day_num(i)?;
        let mut j = i + 1;
        if self.low(j) == "of" {
            j += 1;
        }
        let (month, after) = self.month_at(j)?;
        let (end, year) = match self.trailing_year(after) {
            Some((end, y)) => (end, Some(y)),
            None => (after, None),
        };
        Some((end, Expr::day(year, month, day)))
    }

    /// "1990s", "1990's".
    fn decade(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        let (digits, end) = if let Some(d) = tok.low.strip_suffix('s') {
            (d, i + 1)
        } else if self.low(i + 1) == "'"
            && self.low(i + 2) == "s"
            && self.touching(i)
            && self.touching(i + 1)
        {
            if !matches!(self.prev(i), "the" | "early" | "mid" | "late" | "-") {
                return None;
            }
            (tok.low.as_str(), i + 3)
        } else {
            return None;
        };
        if digits.len() != 4
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !digits.ends_with('0')
        {
            return None;
        }
        let first: i32 = digits.parse().ok()?;
        Some((
            end,
            Expr::Years {
                first,
                last: first + 9,
                part: Part::Whole,
                what: "decade",
            },
        ))
    }

    /// "'90s", "’60s".
    fn short_decade(&self, i: usize) -> Option<(usize, Expr)> {
        if self.low(i) != "'" || !self.touching(i) {
            return None;
        }
        let next = self.t.get(i + 1)?;
        let digits = next.low.strip_suffix('s')?;
        if digits.len() != 2
            || !digits.ends_with('0')
            || !digits.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let d: i32 = digits.parse().ok()?;
        let first = if d < 30 { 2000 + d } else { 1900 + d };
        Some((
            i + 2,
            Expr::Years {
                first,
                last: first + 9,
                part: Part::Whole,
                what: "decade",
            },
        ))
    }

    /// "19th century", "19th-century".
    fn century(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.ordinal(i) {
            return None;
        }
        let n = self.day_num(i)?;
        if n > 21 {
            return None;
        }
        let j = self.skip_dash(i + 1);
        // "20th Century Fox" is a company.
        if self.low(j) != "century"
            || (self.cap(j) && self.cap(j + 1) && self.kind(j + 1) == Some(TokenKind::Word))
        {
            return None;
        }
        let first = (n as i32 - 1) * 100;
        Some((
            j + 1,
            Expr::Years {
                first,
                last: first + 99,
                part: Part::Whole,
                what: "century",
            },
        ))
    }

    /// "1997-98", "1997-1998", "1997/98": a span of years, usually a season or fiscal year.
    fn year_range(&self, i: usize) -> Option<(usize, Expr)> {
        let first = self.year_num(i)?;
        if !(self.is_dash(i + 1) || self.low(i + 1) == "/")
            || !self.touching(i)
            || !self.touching(i + 1)
        {
            return None;
        }
        let next = self.t.get(i + 2)?;
        if next.kind != TokenKind::Number || !next.low.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let last = match next.low.len() {
            2 => first - first % 100 + next.low.parse::<i32>().ok()?,
            4 => next.low.parse().ok()?,
            _ => return None,
        };
        (last > first && last <= first + 10).then_some((
            i + 3,
            Expr::Years {
                first,
                last,
                part: Part::Whole,
                what: "years",
            },
        ))
    }

    /// "2000 B.C.", "500 BC".
    fn bc_year(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        if tok.low.is_empty() || tok.low.len() > 4 || !tok.low.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let end = match self.low(i + 1) {
            "b.c" if self.low(i + 2) == "." => i + 3,
            "b.c" | "bc" | "bce" => i + 2,
            _ => return None,
        };
        let n: i32 = tok.low.parse().ok()?;
        // Astronomical numbering: 1 BC is year 0.
        let year = 1 - n;
        Some((
            end,
            Expr::Years {
                first: year,
                last: year,
                part: Part::Whole,
                what: "year BC",
            },
        ))
    }

    /// A four-digit number that the words around it make a year ("in 2013", "the 2013 attack").
    fn bare_year(&self, i: usize) -> Option<(usize, Expr)> {
        let year = self.year_num(i)?;
        let prev = self.prev(i);
        let next_counted = self.counted_noun(i + 1);
        let after_year = self.prev_year_end == Some(i.saturating_sub(1))
            && matches!(prev, "and" | "to" | "or" | "-" | "–" | "through" | "until");
        // "by", "of" and "for" also precede amounts ("a total of 1500"), so they cue only modern years.
        let cue =
            YEAR_CUES.contains(&prev) && !(matches!(prev, "by" | "of" | "for") && year < 1900);
        let determiner = matches!(
            prev,
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "this" | "that"
        ) || prev.ends_with("'s");
        let attributive = determiner
            && year >= 1900
            && self.kind(i + 1) == Some(TokenKind::Word)
            && !next_counted
            && !matches!(self.low(i + 1), "of" | "and" | "to" | "or" | "in");
        let bracketed = prev == "(" && self.low(i + 1) == ")";
        if !((cue || after_year || attributive || bracketed) && !next_counted) {
            return None;
        }
        let mut end = i + 1;
        if self.low(end) == "fiscal" && self.low(end + 1) == "year" {
            end += 2;
        }
        Some((
            end,
            Expr::Years {
                first: year,
                last: year,
                part: Part::Whole,
                what: "year",
            },
        ))
    }

    // ---- names of months and days ----

    /// A month name at `i`, with a following abbreviation dot: returns the month and the next index.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let tok = self.t.get(i)?;
        if tok.kind != TokenKind::Word || !tok.capitalized() {
            return None;
        }
        if let Some(m) = month_full(&tok.low) {
            return Some((m, i + 1));
        }
        let m = month_abbr(&tok.low)?;
        Some((m, if self.low(i + 1) == "." { i + 2 } else { i + 1 }))
    }

    /// "March 22", "Mar. 22, 2024", "March 2024", "May, 1997", "May 1-31".
    fn month_date(&self, i: usize) -> Option<(usize, Expr)> {
        let (month, j) = self.month_at(i)?;
        if let Some(day) = self.day_num(j).filter(|_| !self.counted_noun(j + 1)) {
            let mut k = j + 1;
            if self.is_dash(k) && self.touching(j) {
                if let Some(last) = self.day_num(k + 1).filter(|&d| d > day) {
                    if self.month_at(k + 2).is_none() {
                        let (end, year) = match self.trailing_year(k + 2) {
                            Some((end, y)) => (end, Some(y)),
                            None => (k + 2, None),
                        };
                        return Some((
                            end,
                            Expr::DayRange {
                                year,
                                month,
                                first: day,
                                last,
                            },
                        ));
                    }
                }
            }
            let year = match self.trailing_year(k) {
                Some((end, y)) => {
                    k = end;
                    Some(y)
                }
                None => None,
            };
            return Some((k, Expr::day(year, month, day)));
        }
        let (end, year) = self.trailing_year(j)?;
        Some((
            end,
            Expr::Month {
                year: Some(year),
                month,
                part: Part::Whole,
            },
        ))
    }

    /// A month name standing alone, when the words around it make it a month ("in May", "December").
    fn bare_month(&self, i: usize) -> Option<(usize, Expr)> {
        let tok = self.t.get(i)?;
        if !tok.capitalized() {
            return None;
        }
        let month = month_full(&tok.low)?;
        let prev = self.prev(i);
        let cued = MONTH_CUES.contains(&prev);
        // "March" and "May" are also a noun, a verb and a modal: only a cue word makes them months.
        if matches!(month, 3 | 5) && !cued {
            return None;
        }
        // "April Smith" and "June Carter" are people.
        let next_is_name = self.kind(i + 1) == Some(TokenKind::Word) && self.cap(i + 1);
        if !cued
            && (next_is_name
                || i.checked_sub(1)
                    .is_some_and(|p| self.cap(p) && self.kind(p) == Some(TokenKind::Word) && p > 0))
        {
            return None;
        }
        Some((
            i + 1,
            Expr::Month {
                year: None,
                month,
                part: Part::Whole,
            },
        ))
    }

    /// "Friday, March 22, 2024": one mention, valued by the date, weekday kept for a check.
    fn weekday_date(&self, i: usize) -> Option<(usize, Expr)> {
        let (weekday, j) = self.weekday_at(i)?;
        let k = if self.low(j) == "," { j + 1 } else { j };
        let (end, expr) = self.month_date(k).or_else(|| self.day_month(k))?;
        match expr {
            Expr::Day {
                year, month, day, ..
            } => Some((
                end,
                Expr::Day {
                    year,
                    month,
                    day,
                    weekday: Some(weekday),
                    prefix: "",
                },
            )),
            _ => None,
        }
    }

    /// A weekday name at `i` ("Friday", "Fri.", "Thurs."): the day and the next index.
    fn weekday_at(&self, i: usize) -> Option<(Weekday, usize)> {
        let tok = self.t.get(i)?;
        if tok.kind != TokenKind::Word || !tok.capitalized() {
            return None;
        }
        if let Some(w) = weekday_full(&tok.low) {
            return Some((w, i + 1));
        }
        // Abbreviations only with their dot, and never "Sun." (a newspaper's name).
        let w = match tok.low.as_str() {
            "mon" => Weekday::Mon,
            "tue" | "tues" => Weekday::Tue,
            "wed" => Weekday::Wed,
            "thu" | "thur" | "thurs" => Weekday::Thu,
            "fri" => Weekday::Fri,
            "sat" => Weekday::Sat,
            _ => return None,
        };
        (self.low(i + 1) == "." && self.touching(i)).then_some((w, i + 2))
    }

    /// A weekday standing alone: the latest one up to the report date, or the next one in the future tense.
    fn weekday(&self, i: usize) -> Option<(usize, Expr)> {
        let (weekday, end) = self.weekday_at(i)?;
        // "Saturday Night Live", "Friday Night Lights" are titles.
        if self.low(end) == "night" && self.cap(end) && self.cap(end + 1) {
            return None;
        }
        let pick = if self.future(i) {
            Pick::Forward
        } else {
            Pick::Back
        };
        Some((end, Expr::Weekday { weekday, pick }))
    }

    /// Whether the clause before token `i` is in the future tense ("will meet on Friday"). The tense word
    /// nearest the date decides, so "the planned raid went ahead on Friday" looks back although "planned"
    /// looks forward.
    fn future(&self, i: usize) -> bool {
        let from = i.saturating_sub(12);
        for k in (from..i).rev() {
            let word = self.low(k);
            // "Ahead of Monday's holiday" looks forward; "went ahead on Friday" says nothing by "ahead".
            if word == "ahead" && self.low(k + 1) != "of" {
                continue;
            }
            if FUTURE_CUES.contains(&word) || word.ends_with("'ll") {
                return true;
            }
            if PAST_CUES.contains(&word) {
                return false;
            }
        }
        false
    }

    /// "the night of 12 October", "the morning of March 3": the day, with the part of day noted.
    fn night_of(&self, i: usize) -> Option<(usize, Expr)> {
        let prefix = match self.low(i) {
            "night" => "night of",
            "morning" => "morning of",
            "evening" => "evening of",
            "afternoon" => "afternoon of",
            _ => return None,
        };
        if self.low(i + 1) != "of" {
            return None;
        }
        let (end, expr) = self.day_month(i + 2).or_else(|| self.month_date(i + 2))?;
        match expr {
            Expr::Day {
                year,
                month,
                day,
                weekday,
                ..
            } => Some((
                end,
                Expr::Day {
                    year,
                    month,
                    day,
                    weekday,
                    prefix,
                },
            )),
            _ => None,
        }
    }

    /// Holidays: "Christmas Day", "Good Friday", "the Fourth of July", "Memorial Day".
    fn holiday(&self, i: usize) -> Option<(usize, Expr)> {
        if !self.cap(i) {
            return None;
        }
        for (words, holiday, name, needs_cue) in HOLIDAYS {
            let matched = words.iter().enumerate().all(|(k, w)| self.low(i + k) == *w);
            if !matched {
                continue;
            }
            if *needs_cue
                && !matches!(
                    self.prev(i),
                    "on" | "at"
                        | "before"
                        | "after"
                        | "by"
                        | "since"
                        | "until"
                        | "over"
                        | "for"
                        | "till"
                )
            {
                return None;
            }
            let after = i + words.len();
            let (end, year) = match self.trailing_year(after) {
                Some((end, y)) => (end, Some(y)),
                None => (after, None),
            };
            return Some((
                end,
                Expr::Holiday {
                    year,
                    holiday: *holiday,
                    name,
                },
            ));
        }
        None
    }

    /// "mid-February", "early March 2024", "late 2023", "the early 2000s", "end of March".
    fn part_of(&self, i: usize) -> Option<(usize, Expr)> {
        let (part, j) = match self.low(i) {
            "early" => (Part::Early, self.skip_dash(i + 1)),
            "mid" => (Part::Mid, self.skip_dash(i + 1)),
            "late" => (Part::Late, self.skip_dash(i + 1)),
            "beginning" | "start" if self.low(i + 1) == "of" => (Part::Early, i + 2),
            "middle" if self.low(i + 1) == "of" => (Part::Mid, i + 2),
            "end" if self.low(i + 1) == "of" => (Part::Late, i + 2),
            _ => return None,
        };
        if let Some((month, k)) = self.month_at(j) {
            // "late March 22" is a day; let the day pattern take it.
            if self.day_num(k).is_some() {
                return None;
            }
            let (end, year) = match self.trailing_year(k) {
                Some((end, y)) => (end, Some(y)),
                None => (k, None),
            };
            return Some((end, Expr::Month { year, month, part }));
        }
        // "the early 1990s", "mid-'90s": a third of the decade.
        if let Some((end, Expr::Years { first, last, .. })) =
            self.decade(j).or_else(|| self.short_decade(j))
        {
            let (a, b) = match part {
                Part::Early => (first, first + 3),
                Part::Mid => (first + 4, first + 6),
                _ => (first + 7, last),
            };
            return Some((
                end,
                Expr::Years {
                    first: a,
                    last: b,
                    part: Part::Whole,
                    what: "part of a decade",
                },
            ));
        }
        if let Some(year) = self.year_num(j) {
            if self.counted_noun(j + 1) || self.low(j + 1) == "'" {
                return None;
            }
            return Some((
                j + 1,
                Expr::Years {
                    first: year,
                    last: year,
                    part,
                    what: "year",
                },
            ));
        }
        // "early this year", "late last month", "early next week".
        if let Some((end, expr)) = self.pick_word(j) {
            return match expr {
                Expr::RelMonth {
                    offset,
                    part: Part::Whole,
                } => Some((end, Expr::RelMonth { offset, part })),
                Expr::RelYear {
                    offset,
                    part: Part::Whole,
                } => Some((end, Expr::RelYear { offset, part })),
                Expr::Week {
                    offset,
                    part: Part::Whole,
                } => Some((end, Expr::Week { offset, part })),
                _ => None,
            };
        }
        None
    }

    /// "last week", "this month", "next year", "last Friday", "this coming Friday", "last March",
    /// "next spring", "earlier this month", "later this year".
    fn pick_word(&self, i: usize) -> Option<(usize, Expr)> {
        let (offset, mut j, part) = match self.low(i) {
            "last" => (-1, i + 1, Part::Whole),
            "this" | "coming" => (0, i + 1, Part::Whole),
            "next" => (1, i + 1, Part::Whole),
            "earlier" | "later" => {
                let part = if self.low(i) == "earlier" {
                    Part::Before
                } else {
                    Part::After
                };
                match self.low(i + 1) {
                    "this" => (0, i + 2, part),
                    "last" => (-1, i + 2, Part::Late),
                    "next" => (1, i + 2, Part::Early),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let coming = self.low(i) == "coming" || (self.low(i) == "this" && self.low(j) == "coming");
        if self.low(i) == "this" && self.low(j) == "coming" {
            j += 1;
        }
        let word = self.low(j);
        let expr = match word {
            "week" => Expr::Week {
                offset: i64::from(offset),
                part,
            },
            "month" => Expr::RelMonth { offset, part },
            "year" => Expr::RelYear { offset, part },
            "weekend" if part == Part::Whole => Expr::Weekend {
                pick: match offset {
                    -1 => Pick::BackStrict,
                    0 => Pick::Forward,
                    _ => Pick::ForwardStrict,
                },
            },
            "morning" | "afternoon" | "evening"
                if offset == 0 && part == Part::Whole && !coming =>
            {
                Expr::DayShift {
                    days: 0,
                    what: "this morning",
                }
            }
            "night" if offset == -1 && part == Part::Whole => Expr::DayShift {
                days: -1,
                what: "last night",
            },
            _ if part == Part::Whole => {
                if let Some((weekday, end)) = self.weekday_at(j) {
                    let pick = match (offset, coming) {
                        (-1, _) => Pick::BackStrict,
                        (0, false) => Pick::Forward,
                        _ => Pick::ForwardStrict,
                    };
                    return Some((end, Expr::Weekday { weekday, pick }));
                }
                if let Some((month, end)) = self.month_at(j) {
                    let pick = match offset {
                        -1 => Pick::BackStrict,
                        0 => Pick::Forward,
                        _ => Pick::ForwardStrict,
                    };
                    if coming {
                        return None;
                    }
                    return Some((end, Expr::MonthPick { month, pick }));
                }
                if let Some(season) = season_of(word) {
                    let pick = match offset {
                        -1 => Pick::BackStrict,
                        0 => Pick::Forward,
                        _ => Pick::ForwardStrict,
                    };
                    return Some((
                        j + 1,
                        Expr::Season {
                            year: None,
                            season,
                            pick: Some(pick),
                        },
                    ));
                }
                return None;
            }
            _ => return None,
        };
        if coming
            && !matches!(
                expr,
                Expr::Week { .. }
                    | Expr::RelMonth { .. }
                    | Expr::RelYear { .. }
                    | Expr::Weekend { .. }
            )
        {
            return None;
        }
        // "coming week" means next week when said alone; "this coming week" likewise.
        let expr = match expr {
            Expr::Week { offset: 0, part } if coming => Expr::Week { offset: 1, part },
            other => other,
        };
        Some((j + 1, expr))
    }

    /// "spring 1998", "the summer of 1998", "in the fall", "in spring".
    fn season(&self, i: usize) -> Option<(usize, Expr)> {
        let season = season_of(self.low(i))?;
        if let Some((end, year)) = self.trailing_year(i + 1) {
            return Some((
                end,
                Expr::Season {
                    year: Some(year),
                    season,
                    pick: None,
                },
            ));
        }
        let prev = self.prev(i);
        let prev2 = i.checked_sub(1).map_or("", |p| self.prev(p));
        let cued = matches!(prev, "in" | "by" | "until" | "since" | "during" | "through")
            || (prev == "the"
                && matches!(
                    prev2,
                    "in" | "by" | "until" | "since" | "during" | "over" | "through"
                ));
        // "in the fall of prices" is not a season.
        if !cued || self.low(i + 1) == "of" {
            return None;
        }
        Some((
            i + 1,
            Expr::Season {
                year: None,
                season,
                pick: None,
            },
        ))
    }

    /// "the day before", "the previous day", "the day after", "the following day", "the next day", and "the day
    /// before yesterday". Not when an event follows ("the day before the vote"): that day is not known.
    fn adjacent_day(&self, i: usize) -> Option<(usize, Expr)> {
        if self.low(i) != "the" {
            return None;
        }
        let (days, end, what) = match (self.low(i + 1), self.low(i + 2)) {
            ("day", "before") => (-1, i + 3, "the day before"),
            ("day", "after") => (1, i + 3, "the day after"),
            ("previous" | "preceding", "day") => (-1, i + 3, "the day before"),
            ("following" | "next", "day") => (1, i + 3, "the day after"),
            _ => return None,
        };
        match self.low(end) {
            "yesterday" if days < 0 => {
                return Some((
                    end + 1,
                    Expr::DayShift {
                        days: -2,
                        what: "the day before yesterday",
                    },
                ))
            }
            "tomorrow" if days > 0 => {
                return Some((
                    end + 1,
                    Expr::DayShift {
                        days: 2,
                        what: "the day after tomorrow",
                    },
                ))
            }
            _ => {}
        }
        // "the day before the vote", "the day after Christmas", "the day after 9/11": relative to something else.
        let next = self.t.get(end);
        let blocked = matches!(
            self.low(end),
            "the"
                | "a"
                | "an"
                | "his"
                | "her"
                | "its"
                | "their"
                | "this"
                | "that"
                | "our"
                | "my"
                | "your"
        ) || next.is_some_and(|t| {
            t.kind == TokenKind::Number || (t.kind == TokenKind::Word && t.capitalized())
        });
        if blocked {
            return None;
        }
        Some((end, Expr::Adjacent { days, what }))
    }

    /// "the second quarter", "the first quarter of 1998", "Q3 2023": calendar quarters. A year-less quarter is read
    /// only in a sentence about money or the economy, since "the third quarter" of a game is not a date.
    fn quarter(&self, i: usize) -> Option<(usize, Expr)> {
        let (quarter, after) = match self.low(i) {
            "first" => (1, i + 1),
            "second" => (2, i + 1),
            "third" => (3, i + 1),
            "fourth" | "final" | "last"
                if self.low(i + 1) == "quarter" && self.low(i) != "last" =>
            {
                (4, i + 1)
            }
            "q1" => (1, i),
            "q2" => (2, i),
            "q3" => (3, i),
            "q4" => (4, i),
            _ => return None,
        };
        let end = if after > i {
            if !matches!(self.low(after), "quarter" | "quarters") {
                return None;
            }
            after + 1
        } else {
            i + 1
        };
        if let Some((year_end, year)) = self.trailing_year(end) {
            return Some((
                year_end,
                Expr::Quarter {
                    year: Some(year),
                    quarter,
                },
            ));
        }
        // "the second quarter of the game", "a quarter of the city".
        if self.low(end) == "of" {
            return None;
        }
        let economic = self.t.iter().any(|t| {
            matches!(
                t.low.as_str(),
                "profit"
                    | "profits"
                    | "earnings"
                    | "revenue"
                    | "revenues"
                    | "sales"
                    | "growth"
                    | "gdp"
                    | "economy"
                    | "economic"
                    | "results"
                    | "fiscal"
                    | "quarterly"
                    | "loss"
                    | "losses"
                    | "market"
                    | "markets"
                    | "inflation"
                    | "output"
                    | "demand"
                    | "shares"
                    | "prices"
                    | "investors"
                    | "income"
                    | "deficit"
                    | "exports"
                    | "imports"
            )
        });
        economic.then_some((
            end,
            Expr::Quarter {
                year: None,
                quarter,
            },
        ))
    }

    /// "today", "tonight", "yesterday", "tomorrow".
    fn deictic(&self, i: usize) -> Option<(usize, Expr)> {
        let (days, what) = match self.low(i) {
            "today" => (0, "today"),
            "tonight" => (0, "tonight"),
            "yesterday" => (-1, "yesterday"),
            "tomorrow" => (1, "tomorrow"),
            _ => return None,
        };
        // "today's children" is generic, and '"Today" show' names a programme.
        if self.low(i) == "today" && self.t.get(i).is_some_and(|t| t.text.len() > 5) {
            return None;
        }
        // '"Today" show' names a programme.
        if self.cap(i) && self.prev(i) == "\"" && self.low(i + 1) == "\"" {
            return None;
        }
        Some((i + 1, Expr::DayShift { days, what }))
    }

    /// "three days ago", "a week ago", "two days earlier", "two weeks later", "two years ago".
    fn amount_ago(&self, i: usize) -> Option<(usize, Expr)> {
        let n = self.count_at(i)?;
        let unit = self.low(i + 1);
        let dir = self.low(i + 2);
        let unit = unit.strip_suffix('s').unwrap_or(unit);
        let n64 = i64::from(n);
        let expr = match (unit, dir) {
            ("day", "ago" | "earlier") => Expr::DayShift {
                days: -n64,
                what: "before",
            },
            ("day", "later") => Expr::DayShift {
                days: n64,
                what: "after",
            },
            ("week", "ago" | "earlier") => Expr::DayShift {
                days: -7 * n64,
                what: "before",
            },
            ("week", "later") => Expr::DayShift {
                days: 7 * n64,
                what: "after",
            },
            ("month", "ago") => Expr::MonthsAgo(n),
            ("year", "ago") => Expr::YearsAgo(n),
            _ => return None,
        };
        Some((i + 3, expr))
    }

    /// A small count written as digits or a word ("3", "three", "a").
    fn count_at(&self, i: usize) -> Option<u32> {
        let word = self.low(i);
        let n = match word {
            "a" | "an" | "one" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "fifteen" => 15,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            _ if !word.is_empty()
                && word.len() <= 3
                && word.bytes().all(|b| b.is_ascii_digit()) =>
            {
                word.parse().ok()?
            }
            _ => return None,
        };
        Some(n)
    }

    /// "on the weekend", "over the weekend", "at the weekend".
    fn weekend(&self, i: usize) -> Option<(usize, Expr)> {
        if self.low(i) != "weekend" || self.prev(i) != "the" {
            return None;
        }
        let prep = i.checked_sub(1).map_or("", |p| self.prev(p));
        if !matches!(
            prep,
            "on" | "over" | "at" | "during" | "for" | "this" | "by" | "until"
        ) {
            return None;
        }
        let pick = if self.future(i) {
            Pick::Forward
        } else {
            Pick::Back
        };
        Some((i + 1, Expr::Weekend { pick }))
    }
}

/// Holidays as lower-case token sequences; the flag asks for a cue word before ("on Christmas").
type HolidayRow = (&'static [&'static str], Holiday, &'static str, bool);

#[rustfmt::skip]
const HOLIDAYS: &[HolidayRow] = &[
    (&["christmas", "eve"], Holiday::Fixed(12, 24), "Christmas Eve", false),
    (&["christmas", "day"], Holiday::Fixed(12, 25), "Christmas Day", false),
    (&["christmas"], Holiday::Fixed(12, 25), "Christmas", true),
    (&["new", "year", "eve"], Holiday::Fixed(12, 31), "New Year's Eve", false),
    (&["new", "year", "day"], Holiday::Fixed(1, 1), "New Year's Day", false),
    (&["good", "friday"], Holiday::GoodFriday, "Good Friday", false),
    (&["easter", "sunday"], Holiday::Easter, "Easter Sunday", false),
    (&["easter", "monday"], Holiday::EasterMonday, "Easter Monday", false),
    (&["easter"], Holiday::Easter, "Easter", true),
    (&["thanksgiving", "day"], Holiday::Nth(11, Weekday::Thu, 4), "Thanksgiving", false),
    (&["thanksgiving"], Holiday::Nth(11, Weekday::Thu, 4), "Thanksgiving", true),
    (&["memorial", "day"], Holiday::Nth(5, Weekday::Mon, 5), "Memorial Day", false),
    (&["labor", "day"], Holiday::Nth(9, Weekday::Mon, 1), "Labor Day", false),
    (&["labour", "day"], Holiday::Nth(9, Weekday::Mon, 1), "Labor Day", false),
    (&["fourth", "of", "july"], Holiday::Fixed(7, 4), "the Fourth of July", false),
    (&["july", "fourth"], Holiday::Fixed(7, 4), "the Fourth of July", false),
    (&["halloween"], Holiday::Fixed(10, 31), "Halloween", true),
    (&["valentine", "day"], Holiday::Fixed(2, 14), "Valentine's Day", false),
    (&["boxing", "day"], Holiday::Fixed(12, 26), "Boxing Day", false),
    (&["bastille", "day"], Holiday::Fixed(7, 14), "Bastille Day", false),
    (&["veterans", "day"], Holiday::Fixed(11, 11), "Veterans Day", false),
    (&["armistice", "day"], Holiday::Fixed(11, 11), "Armistice Day", false),
    (&["remembrance", "day"], Holiday::Fixed(11, 11), "Remembrance Day", false),
    (&["may", "day"], Holiday::Fixed(5, 1), "May Day", false),
];

/// The full month names in lower case, January first.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month (1-12) a lower-case full month name names ("march" is 3).
pub fn month_full(word: &str) -> Option<u32> {
    MONTHS.iter().position(|m| *m == word).map(|i| i as u32 + 1)
}

/// The month (1-12) a lower-case abbreviation names ("sept" is 9); "may" is a full name, not an abbreviation.
pub fn month_abbr(word: &str) -> Option<u32> {
    Some(match word {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// The weekday a lower-case full weekday name names.
pub fn weekday_full(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Seasons numbered 0 (spring) to 3 (winter).
fn season_of(word: &str) -> Option<u32> {
    Some(match word {
        "spring" => 0,
        "summer" => 1,
        "fall" | "autumn" => 2,
        "winter" => 3,
        _ => return None,
    })
}

const SEASON_NAMES: [&str; 4] = ["spring", "summer", "fall", "winter"];

#[rustfmt::skip]
const MONTH_NAMES: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Whether the article writes dates month first ("March 22", "3/22/2024"), which decides "03/04/2024".
fn prefers_month_first(text: &str, segments: &Segments) -> bool {
    let tokens = &segments.tokens;
    let mut month_first = 0i32;
    let mut day_first = 0i32;
    for (k, pair) in tokens.windows(2).enumerate() {
        let a = pair[0].span.of(text);
        let b = pair[1].span.of(text);
        let is_day =
            |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|c| c.is_ascii_digit());
        // The rare day number is tested first, so most pairs never compare a word with the month names.
        if is_day(b) && is_month_name(a) {
            month_first += 1;
        } else if is_day(a) && is_month_name(b) {
            day_first += 1;
        }
        // An unambiguous numeric date ("3/22/2024" or "22/3/2024") is the strongest sign.
        if b == "/" && is_day(a) {
            let second = tokens.get(k + 2).map_or("", |t| t.span.of(text));
            if is_day(second) && tokens.get(k + 3).is_some_and(|t| t.span.of(text) == "/") {
                let (x, y) = (
                    a.parse::<u32>().unwrap_or(0),
                    second.parse::<u32>().unwrap_or(0),
                );
                if y > 12 && x <= 12 {
                    month_first += 5;
                } else if x > 12 && y <= 12 {
                    day_first += 5;
                }
            }
        }
    }
    month_first > day_first
}

/// Whether `word` is a month's full name in any case, without the allocation of lower-casing every token.
fn is_month_name(word: &str) -> bool {
    (3..=9).contains(&word.len()) && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// A resolved value.
struct Value {
    start: NaiveDate,
    end: NaiveDate,
    relative: bool,
    note: String,
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn shift(date: NaiveDate, days: i64) -> Option<NaiveDate> {
    if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    ymd(year, month, 1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

fn day_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

fn long_day_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// "Sat 2024-03-23": the report date as notes show it.
fn show(date: NaiveDate) -> String {
    format!("{} {}", day_name(date.weekday()), date)
}

fn month_name(month: u32) -> &'static str {
    MONTH_NAMES
        .get(month.wrapping_sub(1) as usize)
        .copied()
        .unwrap_or("?")
}

/// Days of a month's third: 1-10, 11-20, 21-end.
fn month_part(year: i32, month: u32, part: Part) -> Option<(NaiveDate, NaiveDate)> {
    let last = month_end(year, month)?;
    Some(match part {
        Part::Early => (ymd(year, month, 1)?, ymd(year, month, 10)?),
        Part::Mid => (ymd(year, month, 11)?, ymd(year, month, 20)?),
        Part::Late => (ymd(year, month, 21)?, last),
        _ => (ymd(year, month, 1)?, last),
    })
}

/// Months of a year's third: January-April, May-August, September-December.
fn year_part(year: i32, part: Part) -> Option<(NaiveDate, NaiveDate)> {
    Some(match part {
        Part::Early => (ymd(year, 1, 1)?, ymd(year, 4, 30)?),
        Part::Mid => (ymd(year, 5, 1)?, ymd(year, 8, 31)?),
        Part::Late => (ymd(year, 9, 1)?, ymd(year, 12, 31)?),
        _ => (ymd(year, 1, 1)?, ymd(year, 12, 31)?),
    })
}

fn part_word(part: Part) -> &'static str {
    match part {
        Part::Early => "early",
        Part::Mid => "mid",
        Part::Late => "late",
        Part::Before => "earlier in",
        Part::After => "later in",
        Part::Whole => "",
    }
}

/// Meteorological seasons of the northern hemisphere; winter `year` runs December `year` to February.
fn season_days(year: i32, season: u32) -> Option<(NaiveDate, NaiveDate)> {
    Some(match season {
        0 => (ymd(year, 3, 1)?, ymd(year, 5, 31)?),
        1 => (ymd(year, 6, 1)?, ymd(year, 8, 31)?),
        2 => (ymd(year, 9, 1)?, ymd(year, 11, 30)?),
        _ => (ymd(year, 12, 1)?, month_end(year.checked_add(1)?, 2)?),
    })
}

/// "the day before", "the following day": one day from the single day mentioned last in the article, which is
/// what such phrases count from in news ("The fire broke out on Friday. The day before, ..."); from the report
/// date when no single day was mentioned before.
fn adjacent(
    days: i64,
    what: &'static str,
    last: Option<&DateMention>,
    report: Option<NaiveDate>,
) -> Option<Value> {
    match last.filter(|m| m.start == m.end) {
        Some(m) => Some(Value {
            start: shift(m.start, days)?,
            end: shift(m.start, days)?,
            relative: true,
            note: format!(
                "{what}: counted from the date mentioned before it, {}",
                show(m.start)
            ),
        }),
        None => resolve(&Expr::Adjacent { days, what }, report, false),
    }
}

/// The year for a year-less day: the report year, unless that lands well away from the report date.
///
/// News mostly looks back, so a date more than six months after the report date is taken from the
/// previous year (a January article's "December 28"); one more than ten months before it is taken
/// from the next year (a late-December article's "January 3").
fn year_for_day(report: NaiveDate, month: u32, day: u32) -> Option<(i32, String)> {
    let year = report.year();
    let in_report_year = ymd(year, month, day);
    match in_report_year {
        Some(d) if d > shift(report, 183)? => Some((year - 1, format!("no year given: {}, since {} would be more than six months after the report date {}", year - 1, d, show(report)))),
        Some(d) if d < shift(report, -300)? => Some((year + 1, format!("no year given: {}, since {} would be more than ten months before the report date {}", year + 1, d, show(report)))),
        Some(_) => Some((year, format!("no year given: the report year {year}"))),
        // February 29 outside a leap year: the nearest leap year before.
        None => {
            let back = (1..4).map(|k| year - k).find(|y| ymd(*y, month, day).is_some())?;
            Some((back, format!("no year given; {year} has no such day, so {back}")))
        }
    }
}

/// The year for a year-less month, season or holiday starting on `start` in the report year.
fn year_for_range(report: NaiveDate, start_in_report_year: NaiveDate) -> Option<(i32, String)> {
    let year = report.year();
    if start_in_report_year > shift(report, 183)? {
        Some((year - 1, format!("no year given: {}, since {year} would be more than six months after the report date {}", year - 1, show(report))))
    } else {
        Some((year, format!("no year given: the report year {year}")))
    }
}

/// Easter Sunday of `year` (Gregorian computus, Meeus/Jones/Butcher).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    ymd(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn holiday_day(year: i32, holiday: Holiday) -> Option<NaiveDate> {
    match holiday {
        Holiday::Fixed(m, d) => ymd(year, m, d),
        Holiday::Easter => easter(year),
        Holiday::GoodFriday => shift(easter(year)?, -2),
        Holiday::EasterMonday => shift(easter(year)?, 1),
        Holiday::Nth(month, weekday, 5) => {
            let last = month_end(year, month)?;
            let back =
                (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
            shift(last, -i64::from(back))
        }
        Holiday::Nth(month, weekday, n) => {
            NaiveDate::from_weekday_of_month_opt(year, month, weekday, u8::try_from(n).ok()?)
        }
    }
}

/// The occurrence of `weekday` picked relative to `report`.
fn pick_weekday(report: NaiveDate, weekday: Weekday, pick: Pick) -> Option<NaiveDate> {
    let today = i64::from(report.weekday().num_days_from_monday());
    let want = i64::from(weekday.num_days_from_monday());
    let back = (today - want).rem_euclid(7);
    let forward = (want - today).rem_euclid(7);
    match pick {
        Pick::Back => shift(report, -back),
        Pick::BackStrict => shift(report, -(if back == 0 { 7 } else { back })),
        Pick::Forward => shift(report, forward),
        Pick::ForwardStrict => shift(report, if forward == 0 { 7 } else { forward }),
    }
}

/// Turns a matched expression into days; `None` when it needs a report date that is missing or names no real day.
fn resolve(expr: &Expr, report: Option<NaiveDate>, us_style: bool) -> Option<Value> {
    let absolute = |start: NaiveDate, end: NaiveDate, note: String| {
        Some(Value {
            start,
            end,
            relative: false,
            note,
        })
    };
    let relative = |start: NaiveDate, end: NaiveDate, note: String| {
        Some(Value {
            start,
            end,
            relative: true,
            note,
        })
    };
    match *expr {
        Expr::InRelYear { ref inner, offset } => {
            let report = report?;
            let year = report.year().checked_add(offset)?;
            let dated = match **inner {
                Expr::Day {
                    month,
                    day,
                    weekday,
                    prefix,
                    ..
                } => Expr::Day {
                    year: Some(year),
                    month,
                    day,
                    weekday,
                    prefix,
                },
                Expr::DayRange {
                    month, first, last, ..
                } => Expr::DayRange {
                    year: Some(year),
                    month,
                    first,
                    last,
                },
                Expr::Month { month, part, .. } => Expr::Month {
                    year: Some(year),
                    month,
                    part,
                },
                _ => return None,
            };
            let value = resolve(&dated, Some(report), us_style)?;
            let which = match offset {
                -1 => "last",
                0 => "this",
                _ => "next",
            };
            let note = format!(
                "\"{which} year\" from the report date {}: {year}",
                show(report)
            );
            Some(Value {
                relative: true,
                note,
                ..value
            })
        }
        Expr::Day {
            year,
            month,
            day,
            weekday,
            prefix,
        } => {
            let (date, note, is_relative) = match year {
                Some(y) => (ymd(y, month, day)?, "date as written".to_string(), false),
                None => {
                    let report = report?;
                    let (y, note) = year_for_day(report, month, day)?;
                    (ymd(y, month, day)?, note, true)
                }
            };
            let mut note = note;
            if !prefix.is_empty() {
                note = format!("{prefix} {date}; {note}");
            }
            if let Some(w) = weekday {
                if w != date.weekday() {
                    note = format!(
                        "{note}; note that {date} is a {}, not a {}",
                        long_day_name(date.weekday()),
                        long_day_name(w)
                    );
                }
            }
            Some(Value {
                start: date,
                end: date,
                relative: is_relative,
                note,
            })
        }
        Expr::DayRange {
            year,
            month,
            first,
            last,
        } => {
            let (y, note, is_relative) = match year {
                Some(y) => (y, "days as written".to_string(), false),
                None => {
                    let (y, note) = year_for_day(report?, month, first)?;
                    (y, note, true)
                }
            };
            Some(Value {
                start: ymd(y, month, first)?,
                end: ymd(y, month, last)?,
                relative: is_relative,
                note,
            })
        }
        Expr::Numeric { a, b, year } => {
            let (day, month, note) = if a > 12 && b <= 12 {
                (
                    a,
                    b,
                    "numeric date, day first (the first part is over 12)".to_string(),
                )
            } else if b > 12 && a <= 12 {
                (
                    b,
                    a,
                    "numeric date, month first (the second part is over 12)".to_string(),
                )
            } else if a == b {
                (a, b, "numeric date".to_string())
            } else if us_style {
                (b, a, format!("ambiguous numeric date read month first ({} {b}), as the article writes dates US-style", month_name(a)))
            } else {
                (
                    a,
                    b,
                    format!(
                        "ambiguous numeric date read day first ({a} {}); it could be {} {b}",
                        month_name(b),
                        month_name(a)
                    ),
                )
            };
            let date = ymd(year, month, day)?;
            absolute(date, date, note)
        }
        Expr::Month { year, month, part } => {
            let (y, note, is_relative) = match year {
                Some(y) => (y, String::new(), false),
                None => {
                    let (y, note) = year_for_range(report?, ymd(report?.year(), month, 1)?)?;
                    (y, note, true)
                }
            };
            let (start, end) = month_part(y, month, part)?;
            let what = match part {
                Part::Whole => format!("{} {y}", month_name(month)),
                Part::Mid => format!(
                    "mid-{} {y}: days {}-{}",
                    month_name(month),
                    start.day(),
                    end.day()
                ),
                _ => format!(
                    "{} {} {y}: days {}-{}",
                    part_word(part),
                    month_name(month),
                    start.day(),
                    end.day()
                ),
            };
            let note = if note.is_empty() {
                what
            } else {
                format!("{what}; {note}")
            };
            Some(Value {
                start,
                end,
                relative: is_relative,
                note,
            })
        }
        Expr::MonthPick { month, pick } => {
            let report = report?;
            let mut year = report.year();
            let this_month = report.month();
            match pick {
                Pick::BackStrict if month >= this_month => year -= 1,
                Pick::ForwardStrict if month <= this_month => year += 1,
                _ => {}
            }
            let (start, end) = month_part(year, month, Part::Whole)?;
            let name = month_name(month);
            let note = match pick {
                Pick::BackStrict => format!("the {name} before the report date {}", show(report)),
                Pick::ForwardStrict => format!("the {name} after the report date {}", show(report)),
                _ => format!("{name} of the report year {year}"),
            };
            relative(start, end, note)
        }
        Expr::Years {
            first,
            last,
            part,
            what,
        } => {
            let (start, end) = if first == last {
                year_part(first, part)?
            } else {
                (ymd(first, 1, 1)?, ymd(last, 12, 31)?)
            };
            let note = match (what, part) {
                ("year", Part::Whole) => format!("the year {first}"),
                ("year", _) => format!(
                    "{} {first}: {} to {}",
                    part_word(part),
                    month_name(start.month()),
                    month_name(end.month())
                ),
                ("decade", _) => format!("the {first}s"),
                ("century", _) => format!(
                    "the {}{} century, counted as {first}-{last}",
                    first / 100 + 1,
                    ordinal_suffix(first / 100 + 1)
                ),
                ("year BC", _) => format!("{} BC (astronomical year {first})", 1 - first),
                ("part of a decade", _) => format!("part of a decade: {first}-{last}"),
                _ => format!("the years {first}-{last}"),
            };
            absolute(start, end, note)
        }
        Expr::Season { year, season, pick } => {
            let name = SEASON_NAMES
                .get(season as usize)
                .copied()
                .unwrap_or("season");
            let (start, end, note, is_relative) = match (year, pick) {
                (Some(y), _) => {
                    let (s, e) = season_days(y, season)?;
                    (
                        s,
                        e,
                        format!("{name} {y} (meteorological, northern hemisphere)"),
                        false,
                    )
                }
                (None, Some(pick)) => {
                    let report = report?;
                    let this_year = if season == 3 && report.month() <= 2 {
                        report.year() - 1
                    } else {
                        report.year()
                    };
                    let (s, e) = season_days(this_year, season)?;
                    let y = match pick {
                        Pick::BackStrict if e >= report => this_year - 1,
                        Pick::ForwardStrict if s <= report => this_year + 1,
                        _ => this_year,
                    };
                    let (s, e) = season_days(y, season)?;
                    (s, e, format!("{name} {y} relative to the report date {} (meteorological, northern hemisphere)", show(report)), true)
                }
                (None, None) => {
                    let report = report?;
                    let (s, _) = season_days(report.year(), season)?;
                    let (y, why) = year_for_range(report, s)?;
                    let (s, e) = season_days(y, season)?;
                    (s, e, format!("{name} {y}; {why}"), true)
                }
            };
            Some(Value {
                start,
                end,
                relative: is_relative,
                note,
            })
        }
        Expr::Holiday {
            year,
            holiday,
            name,
        } => match year {
            Some(y) => {
                let d = holiday_day(y, holiday)?;
                absolute(d, d, format!("{name} {y}"))
            }
            None => {
                let report = report?;
                let (y, why) = year_for_range(report, holiday_day(report.year(), holiday)?)?;
                let d = holiday_day(y, holiday)?;
                relative(d, d, format!("{name} {y}; {why}"))
            }
        },
        Expr::Weekday { weekday, pick } => {
            let report = report?;
            let d = pick_weekday(report, weekday, pick)?;
            let day = long_day_name(weekday);
            let note = match pick {
                Pick::Back if d == report => {
                    format!("the report date {} is itself a {day}", show(report))
                }
                Pick::Back => format!("{day} before the report date {}", show(report)),
                Pick::BackStrict => format!(
                    "last {day}: the {day} before the report date {}",
                    show(report)
                ),
                Pick::Forward if d == report => format!(
                    "the report date {} is itself a {day} (future tense)",
                    show(report)
                ),
                Pick::Forward => format!(
                    "{day} after the report date {} (future tense)",
                    show(report)
                ),
                Pick::ForwardStrict => format!(
                    "next {day}: the {day} after the report date {}",
                    show(report)
                ),
            };
            relative(d, d, note)
        }
        Expr::DayShift { days, what } => {
            let report = report?;
            let d = shift(report, days)?;
            let note = match what {
                "before" => format!("{} days before the report date {} (counted from the report date)", -days, show(report)),
                "after" => format!("{days} days after the report date {} (counted from the report date; the text may count from another event)", show(report)),
                _ => format!("{what}, from the report date {}", show(report)),
            };
            relative(d, d, note)
        }
        Expr::Quarter { year, quarter } => {
            let first_month = quarter.checked_sub(1)?.checked_mul(3)?.checked_add(1)?;
            let (year, note) = match year {
                Some(y) => (y, format!("quarter {quarter} of {y}")),
                None => {
                    let report = report?;
                    let (y, why) = year_for_range(report, ymd(report.year(), first_month, 1)?)?;
                    (y, format!("quarter {quarter} ({why})"))
                }
            };
            let start = ymd(year, first_month, 1)?;
            let end = month_end(year, first_month.checked_add(2)?)?;
            if matches!(expr, Expr::Quarter { year: Some(_), .. }) {
                absolute(start, end, note)
            } else {
                relative(start, end, note)
            }
        }
        // Resolved in `extract`, which knows the mention before it; alone it counts from the report date.
        Expr::Adjacent { days, what } => {
            let report = report?;
            let d = shift(report, days)?;
            relative(
                d,
                d,
                format!("{what}: counted from the report date {}", show(report)),
            )
        }
        Expr::MonthsAgo(n) => {
            let report = report?;
            let d = report.checked_sub_months(Months::new(n))?;
            let (s, e) = month_part(d.year(), d.month(), Part::Whole)?;
            relative(
                s,
                e,
                format!(
                    "{n} months before the report date {}: {} {}",
                    show(report),
                    month_name(d.month()),
                    d.year()
                ),
            )
        }
        Expr::YearsAgo(n) => {
            let report = report?;
            let y = report.year().checked_sub(i32::try_from(n).ok()?)?;
            let (s, e) = year_part(y, Part::Whole)?;
            relative(
                s,
                e,
                format!("{n} years before the report year {}", report.year()),
            )
        }
        Expr::Week { offset, part } => {
            let report = report?;
            let monday = shift(report, -i64::from(report.weekday().num_days_from_monday()))?;
            let first = shift(monday, 7 * offset)?;
            let last = shift(first, 6)?;
            let (s, e) = match part {
                Part::Before => (first, shift(report, -1)?.max(first)),
                Part::After => (shift(report, 1)?.min(last), last),
                Part::Early => (first, shift(first, 2)?),
                Part::Late => (shift(first, 4)?, last),
                _ => (first, last),
            };
            let which = match offset {
                -1 => "the week before",
                0 => "the week of",
                _ => "the week after",
            };
            relative(
                s,
                e,
                format!(
                    "{} {which} the report date {} (Monday-Sunday)",
                    part_word(part),
                    show(report)
                )
                .trim_start()
                .to_string(),
            )
        }
        Expr::Weekend { pick } => {
            let report = report?;
            let saturday = match pick {
                // On a Sunday the weekend in progress is meant, in either direction.
                Pick::Back | Pick::Forward => {
                    if report.weekday() == Weekday::Sun {
                        shift(report, -1)?
                    } else {
                        pick_weekday(report, Weekday::Sat, pick)?
                    }
                }
                Pick::BackStrict | Pick::ForwardStrict => {
                    let monday =
                        shift(report, -i64::from(report.weekday().num_days_from_monday()))?;
                    let days = if pick == Pick::BackStrict { -2 } else { 12 };
                    shift(monday, days)?
                }
            };
            let which = match pick {
                Pick::Back => "the latest weekend up to",
                Pick::BackStrict => "the weekend before the week of",
                Pick::Forward => "the first weekend from",
                Pick::ForwardStrict => "the weekend after the week of",
            };
            relative(
                saturday,
                shift(saturday, 1)?,
                format!("{which} the report date {}", show(report)),
            )
        }
        Expr::RelMonth { offset, part } => {
            let report = report?;
            let first = ymd(report.year(), report.month(), 1)?;
            let first = if offset >= 0 {
                first.checked_add_months(Months::new(offset.unsigned_abs()))?
            } else {
                first.checked_sub_months(Months::new(offset.unsigned_abs()))?
            };
            let (y, m) = (first.year(), first.month());
            let (s, e) = match part {
                Part::Before => (first, shift(report, -1)?.max(first)),
                Part::After => (shift(report, 1)?.min(month_end(y, m)?), month_end(y, m)?),
                _ => month_part(y, m, part)?,
            };
            let which = match offset {
                -1 => "the month before",
                0 => "the month of",
                _ => "the month after",
            };
            relative(
                s,
                e,
                format!(
                    "{} {which} the report date {}: {} {y}",
                    part_word(part),
                    show(report),
                    month_name(m)
                )
                .trim_start()
                .to_string(),
            )
        }
        Expr::RelYear { offset, part } => {
            let report = report?;
            let y = report.year().checked_add(offset)?;
            let (s, e) = match part {
                Part::Before => (ymd(y, 1, 1)?, shift(report, -1)?.max(ymd(y, 1, 1)?)),
                Part::After => (shift(report, 1)?.min(ymd(y, 12, 31)?), ymd(y, 12, 31)?),
                _ => year_part(y, part)?,
            };
            let which = match offset {
                -1 => format!("the year before the report year {}: {y}", report.year()),
                0 => format!("the report year {y}"),
                _ => format!("the year after the report year {}: {y}", report.year()),
            };
            let note = match part {
                Part::Whole => which,
                Part::Before | Part::After => format!(
                    "{} {which}, up to or from the report date {}",
                    part_word(part),
                    show(report)
                ),
                _ => format!(
                    "{} {which}: {} to {}",
                    part_word(part),
                    month_name(s.month()),
                    month_name(e.month())
                ),
            };
            relative(s, e, note)
        }
    }
}

fn ordinal_suffix(n: i32) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}
