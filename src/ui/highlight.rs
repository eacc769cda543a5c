//! Splits an article's text into runs for the reader: plain text, highlighted items and the focused sentence.
//!
//! The rule for overlapping items (a date inside a figure, a name inside a date) is:
//! a run is a maximal stretch of text over which the set of covering items and the focus do not change;
//! its items are listed innermost first (shortest span, then earliest start, then entity before date
//! before figure, then input order), and the first of them is the one the reader shows and links.
//! The outer items stay listed so that the view can still say the run is also part of a figure.
//!
//! **Invariant:** the runs cover the text exactly once, in order, and every boundary lies on a `char` boundary.

use crate::analysis::Span;

/// What a highlighted item is; the order is the tie-break order for runs covered by several items.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A name that belongs to an entity.
    Entity,
    /// A date expression.
    Date,
    /// A figure expression.
    Figure,
}

impl Kind {
    /// The kind as the DOM contract writes it in `data-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Entity => "entity",
            Kind::Date => "date",
            Kind::Figure => "figure",
        }
    }
}

/// One thing to highlight: its kind, its span in the text and the caller's index for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Item {
    /// What it is.
    pub kind: Kind,
    /// Where it is, in byte offsets into the text.
    pub span: Span,
    /// The caller's index (into the article's names, dates or figures).
    pub index: usize,
}

/// One stretch of text with what covers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The stretch, on char boundaries.
    pub span: Span,
    /// Indices into the input items that cover the stretch, innermost first; empty for plain text.
    pub items: Vec<usize>,
    /// Whether the stretch lies inside the focused span.
    pub focused: bool,
}

/// Moves `offset` down to the nearest char boundary of `text`, clamped to its length.
fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Moves `offset` up to the nearest char boundary of `text`, clamped to its length.
fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// Widens a span to char boundaries inside the text; `None` when nothing is left of it.
fn snap(text: &str, span: Span) -> Option<Span> {
    let start = floor_boundary(text, span.start);
    let end = ceil_boundary(text, span.end.max(span.start));
    (start < end).then_some(Span { start, end })
}

/// Splits `text` into runs given the highlight `items` and the `focus` span (usually a sentence).
///
/// Spans that reach past the text are clipped and spans that split a character are widened to
/// whole characters, so the result is usable even when an item is slightly off.
/// Empty spans are ignored. Adjacent stretches with the same items and focus are merged, except across
/// `header_end`, the end of the article's header (the seed style's " date 2024-03-23"), so that the header
/// can be shown apart from the body; 0 when there is none.
pub fn runs(text: &str, items: &[Item], focus: Option<Span>, header_end: usize) -> Vec<Run> {
    let focus = focus.and_then(|span| snap(text, span));
    // Each item as (snapped span, kind, input index), sorted by start for the sweep below.
    let mut snapped: Vec<(Span, Kind, usize)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| snap(text, item.span).map(|span| (span, item.kind, i)))
        .collect();
    snapped.sort_by_key(|&(span, _, i)| (span.start, i));

    let mut cuts: Vec<usize> = vec![0, text.len()];
    if text.is_char_boundary(header_end) {
        cuts.push(header_end);
    }
    for &(span, _, _) in &snapped {
        cuts.push(span.start);
        cuts.push(span.end);
    }
    if let Some(span) = focus {
        cuts.push(span.start);
        cuts.push(span.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut result: Vec<Run> = Vec::new();
    let mut active: Vec<(Span, Kind, usize)> = Vec::new();
    let mut next = 0;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        active.retain(|&(span, _, _)| span.end > start);
        while next < snapped.len() && snapped[next].0.start <= start {
            if snapped[next].0.end > start {
                active.push(snapped[next]);
            }
            next += 1;
        }
        let mut covering = active.clone();
        covering.sort_by_key(|&(span, kind, i)| (span.len(), span.start, kind, i));
        let run_items: Vec<usize> = covering.iter().map(|&(_, _, i)| i).collect();
        let focused = focus.is_some_and(|f| f.start <= start && end <= f.end);
        match result.last_mut() {
            Some(last)
                if last.items == run_items && last.focused == focused && start != header_end =>
            {
                last.span.end = end
            }
            _ => result.push(Run {
                span: Span { start, end },
                items: run_items,
                focused,
            }),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: Kind, start: usize, end: usize) -> Item {
        Item {
            kind,
            span: Span::new(start, end),
            index: 0,
        }
    }

    /// Renders runs as a compact string: `[text|items|f]` per run, so a table of cases stays readable.
    fn show(text: &str, runs: &[Run]) -> String {
        runs.iter()
            .map(|r| {
                let items: Vec<String> = r.items.iter().map(|i| i.to_string()).collect();
                format!(
                    "[{}|{}{}]",
                    &text[r.span.start..r.span.end],
                    items.join(","),
                    if r.focused { "|f" } else { "" }
                )
            })
            .collect()
    }

    fn check(text: &str, items: &[Item], focus: Option<(usize, usize)>, want: &str) {
        check_with_header(text, items, focus, 0, want);
    }

    fn check_with_header(
        text: &str,
        items: &[Item],
        focus: Option<(usize, usize)>,
        header_end: usize,
        want: &str,
    ) {
        let got = runs(text, items, focus.map(|(s, e)| Span::new(s, e)), header_end);
        // The runs must tile the text exactly once.
        let mut at = 0;
        for run in &got {
            assert_eq!(run.span.start, at, "gap or overlap in {got:?}");
            assert!(run.span.start < run.span.end, "empty run in {got:?}");
            assert!(text.is_char_boundary(run.span.start) && text.is_char_boundary(run.span.end));
            at = run.span.end;
        }
        assert_eq!(at, text.len(), "runs do not reach the end: {got:?}");
        assert_eq!(show(text, &got), want, "text {text:?}, items {items:?}");
    }

    #[test]
    fn cases() {
        use Kind::*;
        let t = "At least 93 people died on Friday in Moscow.";
        // Plain text is one run; the empty text has none.
        check(
            t,
            &[],
            None,
            "[At least 93 people died on Friday in Moscow.|]",
        );
        check("", &[item(Entity, 0, 3)], Some((0, 4)), "");
        // Separate items.
        check(
            t,
            &[
                item(Figure, 0, 18),
                item(Date, 24, 33),
                item(Entity, 37, 43),
            ],
            None,
            "[At least 93 people|0][ died |][on Friday|1][ in |][Moscow|2][.|]",
        );
        // A date inside a figure: the date is innermost, the figure stays listed as outer.
        check(
            "3 killed on Friday",
            &[item(Figure, 0, 18), item(Date, 9, 18)],
            None,
            "[3 killed |0][on Friday|1,0]",
        );
        // Identical spans: entity wins over date, then input order.
        check(
            "Friday",
            &[item(Date, 0, 6), item(Entity, 0, 6)],
            None,
            "[Friday|1,0]",
        );
        check(
            "Friday",
            &[item(Date, 0, 6), item(Date, 0, 6)],
            None,
            "[Friday|0,1]",
        );
        // Focus splits runs, including inside an item that straddles it.
        check(
            "One. Two 93 dead. Three.",
            &[item(Figure, 9, 16)],
            Some((5, 17)),
            "[One. |][Two ||f][93 dead|0|f][.||f][ Three.|]",
        );
        check(
            "ab cd",
            &[item(Entity, 0, 5)],
            Some((0, 2)),
            "[ab|0|f][ cd|0]",
        );
        // Out-of-range and empty spans are clipped or ignored.
        check(
            "abc",
            &[item(Entity, 1, 99), item(Date, 2, 2)],
            Some((0, 99)),
            "[a||f][bc|0|f]",
        );
        check("abc", &[item(Entity, 5, 9)], None, "[abc|]");
        // Spans that split a multi-byte character are widened to whole characters.
        check("é x", &[item(Entity, 1, 2)], None, "[é|0][ x|]");
        check("a é", &[item(Entity, 0, 3)], None, "[a é|0]");
        // Overlapping but not nested items.
        check(
            "abcdef",
            &[item(Entity, 0, 4), item(Date, 2, 6)],
            None,
            "[ab|0][cd|0,1][ef|1]",
        );
        // The header ends a run even where nothing else changes; past the text it is ignored.
        let t = " date 2024-03-23 Gunmen fired.";
        check_with_header(t, &[], None, 17, "[ date 2024-03-23 |][Gunmen fired.|]");
        check_with_header(
            t,
            &[item(Entity, 17, 23)],
            None,
            17,
            "[ date 2024-03-23 |][Gunmen|0][ fired.|]",
        );
        check_with_header("abc", &[], None, 99, "[abc|]");
        check_with_header("é", &[], None, 1, "[é|]");
    }

    #[test]
    fn never_panics_on_nasty_spans() {
        let texts = [
            "",
            " ",
            "\r\n",
            "👩‍👩‍👧 family",
            "e\u{301}te\u{301}",
            "مرحبا بالعالم",
        ];
        for text in texts {
            for start in 0..text.len() + 2 {
                for end in 0..text.len() + 2 {
                    let items = [
                        item(Kind::Entity, start, end),
                        item(Kind::Figure, end, start + 1),
                    ];
                    let got = runs(text, &items, Some(Span { start, end }), start);
                    let covered: usize = got.iter().map(|r| r.span.len()).sum();
                    assert_eq!(covered, text.len());
                }
            }
        }
    }
}
