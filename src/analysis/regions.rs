//! A US state after a place: "Palo Alto, Calif.", "Jackson, Miss.", "Florence (Ala.)", "Des Moines, Iowa".
//!
//! News copy names a town by its state in the abbreviated form of the wire services. The tagger reads the
//! abbreviation without its full stop ("Calif"), runs a name on over the comma ("Wells, Calif") or types the
//! town after a person it shares a name with ("Jackson"). Right after a name and a comma (or an opening bracket)
//! the abbreviation can only be the state, even when it is also a word ("Mass.", "Ill."), so it
//! is made a place of its own, full stop included, and the name before it is made a place too unless a head word
//! says otherwise ("Stanford University, Calif."). A state written in full does the same where it ends the phrase
//! ("Tyler, Texas, said" but not "Smith, Texas Attorney General").

use super::gazetteer::GAZETTEER;
use super::model::{Label, NameMention, Span};

/// `names` (sorted, apart) with each state that follows a name typed a place, and the name before it cut at the
/// comma and typed a place.
///
/// # Examples
/// ```
/// use corroborate::analysis::{regions, Label, NameMention, Span};
/// let text = "It happened in Indian Wells, Calif., on Sunday.";
/// let found = vec![NameMention { label: Label::Misc, span: Span::new(15, 32) }];
/// let found = regions::join(text, found);
/// let names: Vec<(Label, &str)> = found.iter().map(|n| (n.label, n.span.of(text))).collect();
/// assert_eq!(names, [(Label::Gpe, "Indian Wells"), (Label::Gpe, "Calif.")]);
/// ```
pub fn join(text: &str, names: Vec<NameMention>) -> Vec<NameMention> {
    // Only after a name: a sentence's first word before a comma is no place ("Critics, Ill. at ease, ...").
    let states: Vec<(usize, Span)> = state_spans(text)
        .into_iter()
        .filter(|&(place_end, _)| {
            names
                .iter()
                .any(|n| n.span.start < place_end && n.span.end >= place_end)
        })
        .collect();
    if states.is_empty() {
        return names;
    }
    let mut out: Vec<NameMention> = Vec::with_capacity(names.len() + states.len());
    for mut name in names {
        // A name run on over the comma ends before it; one that lies within the abbreviation gives way to it.
        if let Some(&(place_end, state)) =
            states.iter().find(|(_, state)| name.span.overlaps(*state))
        {
            if name.span.start >= place_end {
                if state.contains(name.span) {
                    continue;
                }
            } else {
                name.span = Span::new(name.span.start, place_end);
            }
        }
        out.push(name);
    }
    for &(place_end, state) in &states {
        // The place before the comma: the name that ends there, joined to a capitalised name right before it
        // ("Indian" and "Wells" that the tagger cut apart).
        if let Some(k) = out.iter().position(|n| n.span.end == place_end) {
            let joined = k.checked_sub(1).filter(|&j| {
                text.get(out[j].span.end..out[k].span.start) == Some(" ")
                    && !matches!(out[j].label, Label::Person | Label::Org | Label::Fac)
            });
            if let Some(j) = joined {
                let span = out[j].span.cover(out[k].span);
                out[j].span = span;
                out.remove(k);
            }
            let k = joined.unwrap_or(k);
            let words = out[k].span.of(text);
            let headed = words.split(' ').any(|w| {
                matches!(
                    GAZETTEER.head(w.trim_end_matches('.')),
                    Some(Label::Org | Label::Fac)
                )
            });
            if !headed {
                out[k].label = Label::Gpe;
            }
        }
        if let Some(named) = out.iter_mut().find(|n| n.span == state) {
            named.label = Label::Gpe;
        } else if !out.iter().any(|n| n.span.overlaps(state)) {
            out.push(NameMention {
                label: Label::Gpe,
                span: state,
            });
        }
    }
    out.sort_by_key(|n| (n.span.start, n.span.end));
    out
}

/// Each state written right after a capitalised word and ", " or " (", as (where the place before it ends, the
/// state's span, an abbreviation's full stop included), in text order.
fn state_spans(text: &str) -> Vec<(usize, Span)> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    for (at, &b) in bytes.iter().enumerate() {
        // ", Calif." or " (Ala.)": a comma or an opening bracket, a space around it, then a capital.
        let (place_end, start) = match b {
            b',' if bytes.get(at + 1) == Some(&b' ') => (at, at + 2),
            b'(' if at > 0 && bytes[at - 1] == b' ' => (at - 1, at + 1),
            _ => continue,
        };
        let Some(&first) = bytes.get(start) else {
            continue;
        };
        if !first.is_ascii_uppercase() {
            continue;
        }
        let place_word = text[..place_end].rsplit(' ').next().unwrap_or("");
        if !place_word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let rest = &text[start..];
        // A state's full name must end the phrase: before "Attorney General" or "'s" it opens another name.
        let longest = GAZETTEER.state_names().iter().find(|a| {
            if a.as_bytes()[0] != first {
                return false;
            }
            let Some(after) = rest.strip_prefix(**a) else {
                return false;
            };
            // "Ohio-based KeyCorp" after a comma is another name's modifier, not the place's state.
            !after.starts_with(|c: char| c.is_alphanumeric() || c == '-')
                && (a.ends_with('.')
                    || !(after.starts_with('\'')
                        || after.starts_with('\u{2019}')
                        || after
                            .strip_prefix(' ')
                            .is_some_and(|w| w.starts_with(char::is_uppercase))))
        });
        if let Some(state) = longest {
            found.push((place_end, Span::new(start, start + state.len())));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` with its names given as (label, surface) in order; the surfaces are found left to right.
    fn check(text: &str, given: &[(Label, &str)], expected: &[(Label, &str)]) {
        let mut from = 0;
        let names = given
            .iter()
            .map(|(label, surface)| {
                let start = from + text[from..].find(surface).expect("surface in text");
                from = start + surface.len();
                NameMention {
                    label: *label,
                    span: Span::new(start, from),
                }
            })
            .collect();
        let found: Vec<(Label, &str)> = join(text, names)
            .iter()
            .map(|n| (n.label, n.span.of(text)))
            .collect();
        assert_eq!(found, expected, "{text}");
    }

    #[test]
    fn states_after_places() {
        use Label::*;
        check(
            "A storm hit Jackson, Miss., overnight.",
            &[(Person, "Jackson"), (Person, "Miss")],
            &[(Gpe, "Jackson"), (Gpe, "Miss.")],
        );
        check(
            "She studied at Stanford University, Calif., for a year.",
            &[(Org, "Stanford University")],
            &[(Org, "Stanford University"), (Gpe, "Calif.")],
        );
        check(
            "the Florence (Ala.) Times Daily",
            &[(Gpe, "Florence"), (Org, "Times Daily")],
            &[(Gpe, "Florence"), (Gpe, "Ala."), (Org, "Times Daily")],
        );
        check(
            "He was born in Charleston, W. Va. in 1950.",
            &[(Gpe, "Charleston")],
            &[(Gpe, "Charleston"), (Gpe, "W. Va.")],
        );
        check(
            "Police in Tyler, Texas, said the man fled.",
            &[(Person, "Tyler"), (Gpe, "Texas")],
            &[(Gpe, "Tyler"), (Gpe, "Texas")],
        );
        check(
            "The suit was filed by Dana Whitcomb, Texas Attorney General.",
            &[(Person, "Dana Whitcomb"), (Org, "Texas Attorney General")],
            &[(Person, "Dana Whitcomb"), (Org, "Texas Attorney General")],
        );
        check(
            "Buyers include Norwest Corp., Ohio-based KeyCorp and others.",
            &[(Org, "Norwest Corp."), (Org, "KeyCorp")],
            &[(Org, "Norwest Corp."), (Org, "KeyCorp")],
        );
        // No place before the comma, or a word that only looks like one: nothing changes.
        check(
            "In the end, Mass. was held at noon.",
            &[(Misc, "Mass")],
            &[(Misc, "Mass")],
        );
        check("Critics, Ill. at ease, left.", &[], &[]);
    }
}
