//! Named events built from a place or name and an event noun: "the 1983 Tessel floods", "the 2004 Indian Ocean tsunami".
//!
//! Name finders see "Tessel" as a river and stop before the lower-case noun; this pass widens such a name into an
//! EVENT when a year leads it ("1983 Tessel floods") or when "the" and a plural event noun frame it ("the Tessel floods").
//! The plural is required without a year so that "the Moscow attack" keeps Moscow a place.

use super::model::{Label, NameMention, Segments, Span, TokenKind};

/// Nouns that name an event when a name or year stands before them.
const EVENT_NOUNS: &[&str] = &[
    "flood",
    "floods",
    "flooding",
    "earthquake",
    "earthquakes",
    "quake",
    "tsunami",
    "hurricane",
    "typhoon",
    "cyclone",
    "storm",
    "storms",
    "wildfire",
    "wildfires",
    "fire",
    "fires",
    "eruption",
    "landslide",
    "landslides",
    "drought",
    "famine",
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "massacre",
    "riots",
    "protests",
    "uprising",
    "siege",
    "shooting",
    "shootings",
    "disaster",
    "crisis",
    "spill",
    "war",
    "games",
    "olympics",
    "summit",
    "election",
    "elections",
    "referendum",
    "blackout",
    "collapse",
    "derailment",
    "crash",
];

/// Widens names into EVENT mentions where the text frames them as events; the result stays sorted and non-overlapping.
pub fn widen(text: &str, segments: &Segments, names: Vec<NameMention>) -> Vec<NameMention> {
    let tokens = &segments.tokens;
    let word = |i: usize| tokens.get(i).map(|t| t.span.of(text)).unwrap_or("");
    let mut out: Vec<NameMention> = Vec::with_capacity(names.len());
    for name in names {
        // Tokens of the name, and the ones around it.
        let first = tokens.partition_point(|t| t.span.end <= name.span.start);
        let last = tokens.partition_point(|t| t.span.start < name.span.end);
        if first >= last || name.label == Label::Person || name.label == Label::Event {
            out.push(name);
            continue;
        }
        let noun = word(last);
        let is_event_noun = EVENT_NOUNS.contains(&noun.to_lowercase().as_str())
            && noun.starts_with(char::is_lowercase);
        if !is_event_noun {
            out.push(name);
            continue;
        }
        let year_before = first > 0
            && tokens[first - 1].kind == TokenKind::Number
            && word(first - 1).len() == 4
            && word(first - 1)
                .parse::<u32>()
                .is_ok_and(|y| (1000..=2200).contains(&y));
        let the_before = first > 0 && word(first - 1).eq_ignore_ascii_case("the");
        let plural = noun.ends_with('s') || noun == "flooding";
        if !(year_before || (the_before && plural)) {
            out.push(name);
            continue;
        }
        let start = if year_before {
            tokens[first - 1].span.start
        } else {
            name.span.start
        };
        let span = Span::new(start, tokens[last].span.end);
        // A year that an earlier name already ends on cannot be taken twice.
        if out.last().is_some_and(|prev| prev.span.end > span.start) {
            out.push(name);
            continue;
        }
        out.push(NameMention {
            label: Label::Event,
            span,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment;

    fn check(text: &str, name: &str, label: Label, expected: Option<&str>) {
        let seg = segment(text, Span::new(0, text.len()));
        let start = text.find(name).expect("name in text");
        let names = vec![NameMention {
            label,
            span: Span::new(start, start + name.len()),
        }];
        let out = widen(text, &seg, names);
        let event = out
            .iter()
            .find(|n| n.label == Label::Event)
            .map(|n| n.span.of(text));
        assert_eq!(event, expected, "{text}");
    }

    #[test]
    fn events_need_a_year_or_a_plural_frame() {
        check(
            "memories of the 1983 Tessel floods",
            "Tessel",
            Label::Loc,
            Some("1983 Tessel floods"),
        );
        check(
            "when the Tessel floods killed 212",
            "Tessel",
            Label::Loc,
            Some("Tessel floods"),
        );
        check(
            "after the 2004 Indian Ocean tsunami hit",
            "Indian Ocean",
            Label::Loc,
            Some("2004 Indian Ocean tsunami"),
        );
        check(
            "the Moscow attack shocked Russia",
            "Moscow",
            Label::Gpe,
            None,
        );
        check("the Tessel River rose", "Tessel River", Label::Loc, None);
        check(
            "Vladimir Putin attacks critics",
            "Vladimir Putin",
            Label::Person,
            None,
        );
    }
}
