//! Entity edits (merge and split, keyed by surface forms) replayed over real analyses of invented articles.
//!
//! The cases live in `tests/fixtures/edits/cases.json`: the files analysed (in order), the edits as the app saves
//! them, what became of each edit, and the rows that must then exist. Every case also checks the invariants:
//! every name in exactly one entity, `name_entity` agreeing with the mentions, the resolver's order and numbering,
//! and untouched entities kept as they were.

use corroborate::analysis::edits::{self, EntityEdit};
use corroborate::analysis::{analyze, apply_edits, ingest, Analysis, Entity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct Case {
    name: String,
    files: Vec<String>,
    edits: Vec<EntityEdit>,
    outcomes: Vec<String>,
    #[serde(default)]
    warnings: usize,
    rows: Vec<Row>,
    /// Claim cells that must hold once the edits are applied through the whole pipeline (claims re-aligned).
    #[serde(default)]
    claims: Vec<ClaimCell>,
}

/// One cell of the claims grid: the row whose text starts so, the source, and the sentences it cites there.
#[derive(Deserialize)]
struct ClaimCell {
    claim: String,
    file: String,
    sentences: Vec<usize>,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Row {
    name: String,
    aliases: Vec<String>,
    counts: BTreeMap<String, u32>,
}

fn fixture_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edits")
}

fn load(files: &[String]) -> Analysis {
    let articles = files
        .iter()
        .map(|name| {
            let bytes = std::fs::read(fixture_dir().join(name)).expect("fixture file");
            ingest(name, &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
        })
        .collect();
    analyze(articles)
}

/// The row as the cases write it: counts by file, sources that do not name it left out.
fn row_of(analysis: &Analysis, entity: &Entity) -> Row {
    Row {
        name: entity.name.clone(),
        aliases: entity.aliases.clone(),
        counts: entity
            .counts
            .iter()
            .zip(&analysis.articles)
            .filter(|(&c, _)| c > 0)
            .map(|(&c, a)| (a.path.clone(), c))
            .collect(),
    }
}

/// Applies the case's edits and checks outcomes, rows and invariants; returns a failure message, if any.
fn check(case: &Case) -> Result<(), String> {
    let before = load(&case.files);
    let edited = edits::apply(
        &before.articles,
        &before.extracted,
        &before.comparison,
        &case.edits,
    );
    let comparison = &edited.comparison;
    let outcomes: Vec<&str> = edited.outcomes.iter().map(|o| o.as_str()).collect();
    if outcomes != case.outcomes {
        return Err(format!("outcomes {outcomes:?}, want {:?}", case.outcomes));
    }
    let added = comparison.warnings.len() - before.comparison.warnings.len();
    if added != case.warnings {
        return Err(format!(
            "{added} warnings, want {}: {:?}",
            case.warnings, comparison.warnings
        ));
    }
    let after = Analysis {
        comparison: comparison.clone(),
        ..before.clone()
    };
    let mut replayed = before.clone();
    apply_edits(&mut replayed, &case.edits);
    for want in &case.claims {
        let row = replayed
            .comparison
            .claims
            .iter()
            .find(|c| c.text.starts_with(&want.claim))
            .ok_or_else(|| format!("no claim starting {:?}", want.claim))?;
        let source = replayed
            .articles
            .iter()
            .position(|a| a.path == want.file)
            .ok_or_else(|| format!("no file {}", want.file))?;
        let cited = &row.cells[source].sentences;
        if *cited != want.sentences {
            return Err(format!(
                "claim {:?} cites sentences {cited:?} of {}, want {:?}",
                want.claim, want.file, want.sentences
            ));
        }
    }
    let rows: Vec<Row> = comparison
        .entities
        .iter()
        .map(|e| row_of(&after, e))
        .collect();
    for want in &case.rows {
        if !rows.contains(want) {
            let near: Vec<&Row> = rows.iter().filter(|r| r.name == want.name).collect();
            return Err(format!("no row {want:?}; rows named so: {near:?}"));
        }
    }
    // Every name is in exactly one entity, and `name_entity` says which.
    let mut seen = 0;
    for (idx, entity) in comparison.entities.iter().enumerate() {
        if entity.id != format!("e{}", idx + 1) {
            return Err(format!("entity {idx} has id {}", entity.id));
        }
        let n: u32 = entity.counts.iter().sum();
        if n as usize != entity.mentions.len() || entity.mentions.is_empty() {
            return Err(format!("{}: counts and mentions disagree", entity.name));
        }
        if !entity.aliases.contains(&entity.name) {
            return Err(format!(
                "{}: the name is not among the aliases",
                entity.name
            ));
        }
        for item in &entity.mentions {
            seen += 1;
            if comparison.name_entity[item.article][item.index] != idx {
                return Err(format!("{}: name_entity disagrees", entity.name));
            }
        }
    }
    let n_names: usize = before.extracted.iter().map(|f| f.names.len()).sum();
    if seen != n_names {
        return Err(format!("{seen} mentions in entities, {n_names} names"));
    }
    // Most widely covered first, as the resolver orders them.
    let covered = |e: &Entity| e.counts.iter().filter(|&&c| c > 0).count();
    for pair in comparison.entities.windows(2) {
        if (covered(&pair[0]), pair[0].mentions.len()) < (covered(&pair[1]), pair[1].mentions.len())
        {
            return Err(format!(
                "{} is ordered before {}",
                pair[0].name, pair[1].name
            ));
        }
    }
    // Entities no edit touched are unchanged (ids aside).
    let same = |a: &Entity, b: &Entity| {
        a.mentions == b.mentions && a.name == b.name && a.aliases == b.aliases && a.label == b.label
    };
    let kept = before
        .comparison
        .entities
        .iter()
        .filter(|e| comparison.entities.iter().any(|f| same(e, f)))
        .count();
    let touched = case
        .edits
        .iter()
        .zip(&edited.outcomes)
        .filter(|(_, o)| o.as_str() != "already")
        .map(|(e, _)| match e {
            EntityEdit::Merge { forms } => forms.len(),
            EntityEdit::Split { from: Some(_), .. } => 1,
            EntityEdit::Split { form, from: None } => before
                .comparison
                .entities
                .iter()
                .filter(|e| e.aliases.contains(form))
                .count(),
        })
        .sum::<usize>();
    if kept + touched < before.comparison.entities.len() {
        return Err(format!(
            "only {kept} of {} entities kept after edits touching at most {touched}",
            before.comparison.entities.len()
        ));
    }
    Ok(())
}

#[test]
fn edit_cases() {
    let text = std::fs::read_to_string(fixture_dir().join("cases.json")).expect("cases.json");
    let cases: Vec<Case> = serde_json::from_str(&text).expect("cases.json parses");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| check(case).err().map(|e| format!("{}: {e}", case.name)))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_edits_change_nothing() {
    let before = load(&["a.txt".to_string(), "b.txt".to_string()]);
    let edited = edits::apply(&before.articles, &before.extracted, &before.comparison, &[]);
    assert_eq!(edited.comparison, before.comparison);
    assert!(edited.outcomes.is_empty());
}

#[test]
fn edits_read_and_describe() {
    let cases = [
        (
            r#"{"kind":"merge","forms":["NHC","Northgate Hydro"]}"#,
            "Merged “NHC” and “Northgate Hydro”",
        ),
        (
            r#"{"kind":"merge","forms":["A","B","C"]}"#,
            "Merged “A”, “B” and “C”",
        ),
        (
            r#"{"kind":"split","form":"Ferrant"}"#,
            "Split “Ferrant” out",
        ),
    ];
    for (json, want) in cases {
        let edit: EntityEdit = serde_json::from_str(json).expect(json);
        assert_eq!(edit.describe(), want);
        assert_eq!(serde_json::to_string(&edit).expect("serialisable"), json);
    }
    for bad in [r#"{"kind":"rename"}"#, r#"{"kind":"split"}"#, "[]"] {
        assert!(serde_json::from_str::<EntityEdit>(bad).is_err(), "{bad}");
    }
}

#[test]
fn key_forms_point_at_one_entity() {
    // "Klinsmark" is in two people's rows here; neither row is keyed by it.
    let files = ["a.txt", "b.txt", "c.txt", "d.txt"].map(String::from);
    let analysis = load(&files);
    let comparison = &analysis.comparison;
    let forms = edits::key_forms(comparison);
    assert_eq!(forms.len(), comparison.entities.len());
    for (idx, form) in forms.into_iter().enumerate() {
        let holders = comparison
            .entities
            .iter()
            .filter(|e| e.aliases.contains(&form))
            .count();
        assert!(comparison.entities[idx].aliases.contains(&form));
        assert_eq!(holders, 1, "{form} is held by {holders} entities");
    }
}
