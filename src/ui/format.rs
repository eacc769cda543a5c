//! Text for the views: numbers with thousands separators, figures with their hedge, dates and labels.
//!
//! Everything here is a plain function so that it is tested natively with tables of cases.

use crate::analysis::{Figure, Label, Measure, Qualifier};
use chrono::{Datelike, NaiveDate};

/// Short month names, indexed by `month0`.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Formats a number for people: thousands separators, at most two decimals, no trailing zeros.
///
/// Non-finite values become "∞", "−∞" or "?", so a bad value never shows as "NaN".
pub fn number(value: f64) -> String {
    if value.is_nan() {
        return "?".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "∞" } else { "−∞" }.to_string();
    }
    let negative = value < 0.0;
    let rounded = (value.abs() * 100.0).round() / 100.0;
    let whole = rounded.trunc();
    let fraction = ((rounded - whole) * 100.0).round() as u64;
    let digits = format!("{whole:.0}");
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if fraction > 0 {
        let decimals = format!("{fraction:02}");
        grouped.push('.');
        grouped.push_str(decimals.trim_end_matches('0'));
    }
    if negative && grouped.chars().any(|c| c.is_ascii_digit() && c != '0') {
        grouped.insert(0, '−');
    }
    grouped
}

/// Formats a number compactly for axis ticks: "950", "12k", "1.5M", "2B".
pub fn compact(value: f64) -> String {
    let magnitude = value.abs();
    let (scaled, suffix) = if magnitude >= 1e9 {
        (value / 1e9, "B")
    } else if magnitude >= 1e6 {
        (value / 1e6, "M")
    } else if magnitude >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    format!("{}{suffix}", number(scaled))
}

/// Formats a number as a machine-readable attribute: no separators, "93" rather than "93.0".
pub fn plain(value: f64) -> String {
    if value.is_finite() && value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

/// The words placed before a number for its hedge ("at least "), empty for exact figures.
pub fn qualifier_prefix(qualifier: Qualifier) -> &'static str {
    match qualifier {
        Qualifier::Exact => "",
        Qualifier::About => "about ",
        Qualifier::AtLeast => "at least ",
        Qualifier::MoreThan => "more than ",
        Qualifier::UpTo => "up to ",
        Qualifier::FewerThan => "fewer than ",
    }
}

/// A figure's value as people read it: "at least 93", "1,200", "24–99", and a vague amount in the source's own
/// word ("dozens", not the 24–99 it is read as), since a range would claim a precision the source never gave.
/// `text` is the figure's article text.
pub fn figure_value(figure: &Figure, text: &str) -> String {
    let prefix = qualifier_prefix(figure.qualifier);
    if let Some(word) = figure.vague_word(text) {
        return format!("{prefix}{}", word.to_lowercase());
    }
    match (figure.value, figure.low, figure.high) {
        (Some(value), _, _) => format!("{prefix}{}", number(value)),
        (None, Some(low), Some(high)) => format!("{prefix}{}–{}", number(low), number(high)),
        (None, Some(low), None) => format!("{prefix}{}", number(low)),
        (None, None, Some(high)) => format!("{prefix}{}", number(high)),
        (None, None, None) => "?".to_string(),
    }
}

/// The name of what a figure or slot counts: the measure, or its label for other quantities.
pub fn measure_name(measure: Measure, label: Option<&str>) -> String {
    match (measure, label.map(str::trim).filter(|l| !l.is_empty())) {
        (Measure::Other, Some(label)) => label.to_string(),
        (Measure::Other, None) => "other figure".to_string(),
        (measure, Some(label)) => format!("{} ({label})", measure.as_str()),
        (measure, None) => measure.as_str().to_string(),
    }
}

/// A day as people read it, without ambiguity between day and month: "23 Mar 2024".
pub fn date(day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        MONTHS[day.month0() as usize],
        day.year()
    )
}

/// A day without its year, for axis ticks: "23 Mar".
pub fn date_short(day: NaiveDate) -> String {
    format!("{} {}", day.day(), MONTHS[day.month0() as usize])
}

/// A month's short name, for axis ticks: "Mar".
pub fn month(day: NaiveDate) -> &'static str {
    MONTHS[day.month0() as usize]
}

/// A report date or "no date" when the article has none.
pub fn date_or_none(day: Option<NaiveDate>) -> String {
    day.map(date).unwrap_or_else(|| "no date".to_string())
}

/// The label's name for people ("person", "place", ...), used in filters and badges.
pub fn label_name(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Org => "organisation",
        Label::Gpe => "country or city",
        Label::Loc => "place",
        Label::Fac => "building or venue",
        Label::Norp => "group or nationality",
        Label::Event => "event",
        Label::Misc => "other name",
    }
}

/// The CSS class suffix for a label ("person", "org", ...), shared by marks, badges and the legend.
pub fn label_class(label: Label) -> &'static str {
    match label {
        Label::Person => "person",
        Label::Org => "org",
        Label::Gpe => "gpe",
        Label::Loc => "loc",
        Label::Fac => "fac",
        Label::Norp => "norp",
        Label::Event => "event",
        Label::Misc => "misc",
    }
}

/// The text with its first letter in upper case ("killed" becomes "Killed").
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "1 name" or "3 names": a count with its noun in the right number.
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// How many sources report something and how many of them independently, copies of one story counting once:
/// "4 sources, 3 independent"; just "4 sources" when every one is independent.
pub fn independent_sources(n_sources: usize, n_independent: usize) -> String {
    let sources = count(n_sources, "source", "sources");
    if n_independent < n_sources {
        format!("{sources}, {n_independent} independent")
    } else {
        sources
    }
}

/// Where the copy groups' origins are named: "3 sources, one origin: A, B, C".
pub fn one_origin(outlets: &[&str]) -> String {
    format!(
        "{} sources, one origin: {}",
        outlets.len(),
        outlets.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;

    #[test]
    fn independent_counts() {
        let cases = [
            (1, 1, "1 source"),
            (4, 4, "4 sources"),
            (4, 3, "4 sources, 3 independent"),
            (2, 1, "2 sources, 1 independent"),
        ];
        for (n, independent, want) in cases {
            assert_eq!(independent_sources(n, independent), want);
        }
        assert_eq!(
            one_origin(&["Wire", "Post", "Courier"]),
            "3 sources, one origin: Wire, Post, Courier"
        );
    }

    #[test]
    fn numbers() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (7.0, "7"),
            (93.0, "93"),
            (1200.0, "1,200"),
            (1_234_567.0, "1,234,567"),
            (3.5, "3.5"),
            (3.456, "3.46"),
            (0.999, "1"),
            (-1200.0, "−1,200"),
            (-0.001, "0"),
            (f64::NAN, "?"),
            (f64::INFINITY, "∞"),
            (f64::NEG_INFINITY, "−∞"),
        ];
        for &(value, want) in cases {
            assert_eq!(number(value), want, "number({value})");
        }
    }

    #[test]
    fn compact_and_plain() {
        let cases: &[(f64, &str, &str)] = &[
            (950.0, "950", "950"),
            (12_000.0, "12k", "12000"),
            (1_500_000.0, "1.5M", "1500000"),
            (2e9, "2B", "2000000000"),
            (3.5, "3.5", "3.5"),
        ];
        for &(value, want_compact, want_plain) in cases {
            assert_eq!(compact(value), want_compact, "compact({value})");
            assert_eq!(plain(value), want_plain, "plain({value})");
        }
    }

    fn figure(
        value: Option<f64>,
        low: Option<f64>,
        high: Option<f64>,
        qualifier: Qualifier,
    ) -> Figure {
        Figure {
            measure: Measure::Killed,
            label: None,
            value,
            low,
            high,
            qualifier,
            unit: "people".to_string(),
            span: Span::new(0, 1),
            number: Span::new(0, 1),
            subset_of: None,
            attribution: None,
            sentence: 0,
        }
    }

    #[test]
    fn figure_values() {
        let cases = [
            (
                figure(Some(93.0), None, None, Qualifier::AtLeast),
                "at least 93",
            ),
            (figure(Some(144.0), None, None, Qualifier::Exact), "144"),
            (
                figure(Some(1200.0), None, None, Qualifier::About),
                "about 1,200",
            ),
            (
                figure(Some(10.0), None, None, Qualifier::MoreThan),
                "more than 10",
            ),
            (figure(Some(5.0), None, None, Qualifier::UpTo), "up to 5"),
            (
                figure(Some(5.0), None, None, Qualifier::FewerThan),
                "fewer than 5",
            ),
            (
                figure(None, Some(24.0), Some(99.0), Qualifier::Exact),
                "24–99",
            ),
            (
                figure(None, Some(24.0), None, Qualifier::AtLeast),
                "at least 24",
            ),
            (figure(None, None, Some(99.0), Qualifier::UpTo), "up to 99"),
            (figure(None, None, None, Qualifier::Exact), "?"),
        ];
        for (figure, want) in cases {
            assert_eq!(figure_value(&figure, "8"), want);
        }
        // A vague amount reads as the source wrote it; a range in digits or words stays a range.
        let vague = |number: Span| Figure {
            number,
            ..figure(None, Some(24.0), Some(99.0), Qualifier::Exact)
        };
        let cases = [
            ("Dozens of homes", Span::new(0, 6), "dozens"),
            (
                "tens of thousands fled",
                Span::new(0, 17),
                "tens of thousands",
            ),
            ("between 24 and 99 cars", Span::new(8, 17), "24–99"),
            ("between fifteen and twenty cars", Span::new(8, 26), "24–99"),
        ];
        for (text, number, want) in cases {
            assert_eq!(figure_value(&vague(number), text), want, "{text}");
        }
    }

    #[test]
    fn dates_and_names() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 23).expect("valid date");
        assert_eq!(date(day), "23 Mar 2024");
        assert_eq!(date_short(day), "23 Mar");
        assert_eq!(month(day), "Mar");
        assert_eq!(date_or_none(None), "no date");
        assert_eq!(measure_name(Measure::Killed, None), "killed");
        assert_eq!(measure_name(Measure::Other, Some("magnitude")), "magnitude");
        assert_eq!(measure_name(Measure::Other, Some("  ")), "other figure");
        assert_eq!(count(1, "name", "names"), "1 name");
        assert_eq!(capitalized("killed"), "Killed");
        assert_eq!(capitalized("éte"), "Éte");
        assert_eq!(capitalized(""), "");
        assert_eq!(count(0, "name", "names"), "0 names");
    }
}
