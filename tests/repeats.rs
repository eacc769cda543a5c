//! Tests of the repairs made to the tagger's names: spreading a found name over the article's other occurrences of
//! it (`repeats::spread`), joining a place with its team's nickname (`teams::join_nicknames`) and a person's name
//! with the nickname or the initials inside it (`quoted::join`, `quoted::join_initials`), and finding numbered streets (`streets::join`) and acronyms
//! (`acronyms::join`).
//!
//! Cases live in `tests/fixtures/repeats/`, one file per repair, with the names already found marked in the input.

mod common;

use corroborate::analysis::{acronyms, quoted, repeats, streets, teams, Label, NameMention, Span};

const LABELS: [Label; 8] = [
    Label::Person,
    Label::Org,
    Label::Gpe,
    Label::Loc,
    Label::Fac,
    Label::Norp,
    Label::Event,
    Label::Misc,
];

/// Reads `[LABEL words]` marks out of `marked`: the plain text and the marked names.
fn unmark(marked: &str) -> (String, Vec<NameMention>) {
    let marked = marked.replace("\\n", "\n");
    let (mut text, mut names) = (String::new(), Vec::new());
    let mut rest = marked.as_str();
    while let Some(open) = rest.find('[') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find(']').expect("unclosed mark") + open;
        let (label, words) = rest[open + 1..close]
            .split_once(' ')
            .expect("a mark needs a label");
        let label = LABELS
            .into_iter()
            .find(|l| l.as_str() == label)
            .expect("a known label");
        names.push(NameMention {
            label,
            span: Span::new(text.len(), text.len() + words.len()),
        });
        text.push_str(words);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, names)
}

/// A repair of the tagger's names: the text and the names found in it, to the names after the repair.
type Repair = fn(&str, Vec<NameMention>) -> Vec<NameMention>;

fn check(input: &str, expected: &str, repair: Repair) -> Result<(), String> {
    let (text, names) = unmark(input);
    let found: Vec<String> = repair(&text, names)
        .iter()
        .map(|n| format!("{} {}", n.label.as_str(), n.span.of(&text)))
        .collect();
    let found = found.join(" | ");
    if found == expected {
        Ok(())
    } else {
        Err(format!(
            "{input}\n  expected {expected}\n  found    {found}"
        ))
    }
}

/// Checks every case of a fixture file against `repair`, and that the file holds at least `min_cases`.
fn check_file(cases: &str, repair: Repair, min_cases: usize) {
    let lines: Vec<&str> = cases.lines().filter(|l| !l.starts_with('#')).collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for pair in lines.split(|l| l.is_empty()).filter(|p| !p.is_empty()) {
        let (input, expected) = (pair[0], pair.get(1).copied().unwrap_or(""));
        count += 1;
        if let Err(e) = check(input, expected, repair) {
            failures.push(e);
        }
    }
    common::assert_all_passed(&failures, count, min_cases);
}

#[test]
fn fixtures() {
    check_file(
        include_str!("fixtures/repeats/cases.txt"),
        repeats::spread,
        8,
    );
}

#[test]
fn teams_joined() {
    check_file(
        include_str!("fixtures/repeats/teams.txt"),
        teams::join_nicknames,
        4,
    );
}

#[test]
fn nicknames_inside_names_joined() {
    check_file(include_str!("fixtures/repeats/quoted.txt"), quoted::join, 6);
}

#[test]
fn numbered_streets_found() {
    check_file(
        include_str!("fixtures/repeats/streets.txt"),
        streets::join,
        5,
    );
}

#[test]
fn acronyms_of_running_text_found() {
    check_file(
        include_str!("fixtures/repeats/acronyms.txt"),
        acronyms::join,
        5,
    );
}

#[test]
fn initials_inside_names_joined() {
    check_file(
        include_str!("fixtures/repeats/initials.txt"),
        quoted::join_initials,
        5,
    );
}
