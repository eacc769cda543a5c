//! Sentence and token boundaries, checked against a fixture table.

use corroborate::analysis::{segment, Span, TokenKind};

/// Segments `input` and compares the sentence texts with `expected`; also checks the span invariants.
fn check(input: &str, expected: &[&str]) {
    let seg = segment(input, Span::new(0, input.len()));
    let got: Vec<&str> = seg.sentences.iter().map(|s| s.span.of(input)).collect();
    assert_eq!(got, expected, "input: {input:?}");
    let mut last_end = 0;
    for (i, sentence) in seg.sentences.iter().enumerate() {
        assert!(
            sentence.span.start >= last_end,
            "sentences are sorted and disjoint"
        );
        last_end = sentence.span.end;
        for token in seg.sentence_tokens(i) {
            assert!(
                sentence.span.contains(token.span),
                "token inside its sentence"
            );
            assert!(
                !token.span.of(input).trim().is_empty(),
                "no white-space tokens"
            );
        }
    }
    let n_tokens: usize = (0..seg.sentences.len())
        .map(|i| seg.sentence_tokens(i).len())
        .sum();
    assert_eq!(
        n_tokens,
        seg.tokens.len(),
        "every token belongs to exactly one sentence"
    );
}

#[test]
fn sentences_match_the_fixture() {
    let table = include_str!("fixtures/segment/sentences.txt");
    let mut n_cases = 0;
    for block in table.split("\n\n") {
        let lines: Vec<&str> = block.lines().filter(|l| !l.starts_with('#')).collect();
        let Some((input, expected)) = lines.split_first() else {
            continue;
        };
        let input = input.replace("\\r", "\r").replace("\\n", "\n");
        check(&input, expected);
        n_cases += 1;
    }
    assert!(n_cases >= 8, "the fixture table lost cases");
}

#[test]
fn tokens_keep_numbers_and_acronyms_whole() {
    let text = "ISIS-K said 1,200 people and the U.N. met.";
    let seg = segment(text, Span::new(0, text.len()));
    let tokens: Vec<(&str, TokenKind)> = seg
        .tokens
        .iter()
        .map(|t| (t.span.of(text), t.kind))
        .collect();
    assert!(tokens.contains(&("1,200", TokenKind::Number)));
    assert!(tokens.contains(&("U.N", TokenKind::Word)));
    assert!(tokens.contains(&("ISIS", TokenKind::Word)));
}

#[test]
fn body_span_limits_segmentation() {
    let text = " date 2024-03-23 The hall burned. Many fled.";
    let body = Span::new(17, text.len());
    let seg = segment(text, body);
    assert_eq!(seg.sentences[0].span.of(text), "The hall burned.");
    assert!(seg.tokens.iter().all(|t| t.span.start >= 17));
    // A body span that splits a character or runs past the end is narrowed, never a panic.
    let odd = "é".repeat(5);
    let seg = segment(&odd, Span::new(1, 99));
    assert!(seg
        .tokens
        .iter()
        .all(|t| odd.get(t.span.start..t.span.end).is_some()));
}
