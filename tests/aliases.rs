//! Tests of alias resolution: fixture cases of marked sentences, the nasty inputs, and spans that do not fit.
//!
//! Fixtures live in `tests/fixtures/aliases/cases.txt` (the format is described at its top). Each case feeds the
//! marked names straight to the resolver, so the cases test resolution alone, whatever the name finder does.

mod common;

use corroborate::analysis::{
    aliases, analyze, ingest_text, Article, ArticleAnalysis, Label, NameMention, Span,
};

/// One marked name: its article, its surface and where it is.
struct Marked {
    article: usize,
    index: usize,
    surface: String,
}

fn label_of(tag: &str) -> Option<Label> {
    Some(match tag {
        "PERSON" => Label::Person,
        "ORG" => Label::Org,
        "GPE" => Label::Gpe,
        "LOC" => Label::Loc,
        "FAC" => Label::Fac,
        "NORP" => Label::Norp,
        "EVENT" => Label::Event,
        "MISC" => Label::Misc,
        _ => return None,
    })
}

/// One case ready to resolve: its articles, their marked names, and the marks.
type Case = (Vec<Article>, Vec<ArticleAnalysis>, Vec<Marked>);

/// Builds the articles of one case from its lines, with the marks removed from the text and kept as names.
fn build(lines: &[&str]) -> Result<Case, String> {
    let mut texts: Vec<String> = vec![String::new()];
    let mut names: Vec<Vec<NameMention>> = vec![Vec::new()];
    let mut marked = Vec::new();
    for line in lines {
        if *line == "article" {
            texts.push(String::new());
            names.push(Vec::new());
            continue;
        }
        let Some(sentence) = line.strip_prefix("= ") else {
            continue;
        };
        let article = names.len() - 1;
        let (Some(text), Some(found)) = (texts.last_mut(), names.last_mut()) else {
            continue;
        };
        let mut rest = sentence;
        while let Some(open) = rest.find('[') {
            text.push_str(&rest[..open]);
            let close = rest[open..]
                .find(']')
                .map(|c| open + c)
                .ok_or_else(|| format!("unclosed mark in {sentence:?}"))?;
            let inner = &rest[open + 1..close];
            let (tag, surface) = inner
                .split_once(' ')
                .ok_or_else(|| format!("mark without a label in {sentence:?}"))?;
            let label = label_of(tag).ok_or_else(|| format!("unknown label {tag}"))?;
            let start = text.len();
            text.push_str(surface);
            marked.push(Marked {
                article,
                index: found.len(),
                surface: surface.to_string(),
            });
            found.push(NameMention {
                label,
                span: Span::new(start, text.len()),
            });
            rest = &rest[close + 1..];
        }
        text.push_str(rest);
        text.push('\n');
    }
    let articles: Vec<Article> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| Article {
            path: format!("case_{i}.txt"),
            body: Span::new(0, text.len()),
            text,
            ..Article::default()
        })
        .collect();
    let extracted = names
        .into_iter()
        .map(|names| ArticleAnalysis {
            names,
            ..ArticleAnalysis::default()
        })
        .collect();
    Ok((articles, extracted, marked))
}

/// The entity of every mention that a reference ("Rhee" or "Rhee@2") picks out; an error when none does.
fn entities_of(
    reference: &str,
    marked: &[Marked],
    name_entity: &[Vec<usize>],
) -> Result<Vec<usize>, String> {
    let (surface, article) = match reference.rsplit_once('@') {
        Some((s, n)) if n.parse::<usize>().is_ok() => (s, n.parse::<usize>().ok()),
        _ => (reference, None),
    };
    let found: Vec<usize> = marked
        .iter()
        .filter(|m| m.surface == surface && article.is_none_or(|a| a == m.article + 1))
        .map(|m| name_entity[m.article][m.index])
        .collect();
    if found.is_empty() {
        Err(format!("no mention {reference:?}"))
    } else {
        Ok(found)
    }
}

/// Resolves one case and checks its `same` and `apart` lines; the error lists what went wrong.
fn check(lines: &[&str]) -> Result<(), String> {
    let (articles, extracted, marked) = build(lines)?;
    let (entities, name_entity) = aliases::resolve(&articles, &extracted);
    let describe = |e: usize| {
        entities
            .get(e)
            .map(|e| format!("{:?}", e.aliases))
            .unwrap_or_default()
    };
    let mut errors = Vec::new();
    for line in lines {
        if let Some(list) = line.strip_prefix("same:") {
            let mut seen: Vec<usize> = Vec::new();
            for reference in list.split('|').map(str::trim) {
                seen.extend(entities_of(reference, &marked, &name_entity)?);
            }
            seen.sort_unstable();
            seen.dedup();
            if seen.len() != 1 {
                let groups: Vec<String> = seen.iter().map(|&e| describe(e)).collect();
                errors.push(format!("{line}: split into {}", groups.join(" / ")));
            }
        } else if let Some(pair) = line.strip_prefix("named:") {
            // "named: surface = Name": the entity of that mention shows this name.
            let Some((reference, want)) = pair.split_once('=') else {
                return Err(format!("{line}: named takes surface = name"));
            };
            for e in entities_of(reference.trim(), &marked, &name_entity)? {
                let got = entities.get(e).map_or("", |e| e.name.as_str());
                if got != want.trim() {
                    errors.push(format!("{line}: the entity is named {got:?}"));
                }
            }
        } else if let Some(list) = line.strip_prefix("apart:") {
            let refs: Vec<&str> = list.split('|').map(str::trim).collect();
            let [a, b] = refs[..] else {
                return Err(format!("{line}: apart takes two names"));
            };
            let (ea, eb) = (
                entities_of(a, &marked, &name_entity)?,
                entities_of(b, &marked, &name_entity)?,
            );
            if let Some(shared) = ea.iter().find(|e| eb.contains(e)) {
                errors.push(format!("{line}: merged in {}", describe(*shared)));
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n  "))
    }
}

#[test]
fn fixtures() {
    let text = include_str!("fixtures/aliases/cases.txt");
    let mut failures = Vec::new();
    let mut cases = 0;
    for block in text.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        // A block with nothing to check is a comment; one with only a "named:" check is still a case.
        if !lines
            .iter()
            .any(|l| l.starts_with("same:") || l.starts_with("apart:") || l.starts_with("named:"))
        {
            continue;
        }
        cases += 1;
        if let Err(e) = check(&lines) {
            let first = lines.iter().find(|l| l.starts_with("= ")).unwrap_or(&"");
            failures.push(format!("{first}\n  {e}"));
        }
    }
    common::assert_all_passed(&failures, cases, 15);
}

#[test]
fn fixture_checks_can_fail() {
    // A wrong expectation must be reported, or the fixtures prove nothing.
    let lines = [
        "= [PERSON Tomas Rhee] met [PERSON Annika Rhee].",
        "same: Tomas Rhee | Annika Rhee",
    ];
    assert!(check(&lines).is_err());
    let lines = [
        "= [ORG Halvorsen Freight Inc.] and [ORG Halvorsen] agreed.",
        "apart: Halvorsen Freight Inc. | Halvorsen",
    ];
    assert!(check(&lines).is_err());
}

#[test]
fn nasty_texts_never_panic() {
    let articles: Vec<Article> = common::nasty_texts()
        .iter()
        .enumerate()
        .map(|(i, t)| ingest_text(&format!("nasty_{i}.txt"), t))
        .collect();
    let analysis = analyze(articles);
    let comparison = &analysis.comparison;
    for (names, row) in analysis.extracted.iter().zip(&comparison.name_entity) {
        assert_eq!(names.names.len(), row.len());
        assert!(row.iter().all(|&e| e < comparison.entities.len()));
    }
}

#[test]
fn spans_that_do_not_fit_never_panic() {
    let text =
        "Zoë met José in Kraków; \u{202e}Omar\u{202c} and a\u{301} 😀 waited.\r\n".to_string();
    let article = Article {
        body: Span::new(0, text.len()),
        text,
        ..Article::default()
    };
    let bad = [
        Span::new(0, 2),
        Span::new(1, 3),
        Span::new(5, 500),
        Span::new(400, 500),
        Span::new(3, 3),
        Span::new(0, 0),
    ];
    let labels = [
        Label::Person,
        Label::Org,
        Label::Gpe,
        Label::Norp,
        Label::Event,
    ];
    let names: Vec<NameMention> = bad
        .iter()
        .zip(labels.iter().cycle())
        .map(|(span, label)| NameMention {
            label: *label,
            span: *span,
        })
        .collect();
    let extracted = vec![
        ArticleAnalysis {
            names: names.clone(),
            ..ArticleAnalysis::default()
        },
        ArticleAnalysis {
            names,
            ..ArticleAnalysis::default()
        },
    ];
    let (entities, name_entity) = aliases::resolve(&[article.clone(), article], &extracted);
    assert_eq!(name_entity[0].len(), bad.len());
    assert!(name_entity.iter().flatten().all(|&e| e < entities.len()));
    // A long run of one letter, camel-case shapes and lone quotes as names.
    for surface in [
        "a".repeat(10_000),
        "AaBbCcDdEe".to_string(),
        "\"".to_string(),
        "'s".to_string(),
    ] {
        let article = Article {
            body: Span::new(0, surface.len()),
            text: surface.clone(),
            ..Article::default()
        };
        let extracted = vec![ArticleAnalysis {
            names: vec![NameMention {
                label: Label::Person,
                span: Span::new(0, surface.len()),
            }],
            ..ArticleAnalysis::default()
        }];
        let (entities, _) = aliases::resolve(&[article], &extracted);
        assert_eq!(entities.len(), 1);
    }
}
