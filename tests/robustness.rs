//! The whole pipeline never panics: nasty inputs go through ingest, analysis and comparison.

use corroborate::analysis::{analyze, ingest, ingest_text, report};

/// Inputs that have broken text tools before: empty, odd white space, odd scripts, odd bytes, huge runs.
fn nasty_inputs() -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty.txt", Vec::new()),
        ("spaces.txt", b"   \n\t\n  ".to_vec()),
        ("crlf.txt", b"Title: A\r\nDate: 2024-03-23\r\n\r\nAt least 93 people died on Friday.\r\n".to_vec()),
        ("emoji.txt", "\u{1F600} 12 \u{1F480} killed \u{1F525}\u{FE0F} in Z\u{00FC}rich \u{1F1FA}\u{1F1F8}.".as_bytes().to_vec()),
        ("combining.txt", "Cafe\u{0301} Mu\u{0308}nchen: three people were injured. e\u{0301}\u{0301}\u{0301}".as_bytes().to_vec()),
        ("rtl.txt", "\u{05E9}\u{05DC}\u{05D5}\u{05DD} 15 \u{0642}\u{062A}\u{064A}\u{0644} killed \u{202E}reversed\u{202C}".as_bytes().to_vec()),
        ("invalid.txt", vec![0x66, 0x6f, 0xff, 0xfe, 0x80, 0x20, 0x31, 0x32, 0x20, 0x64, 0x65, 0x61, 0x64]),
        ("binary.txt", (0u8..=255).cycle().take(4096).collect()),
        ("utf16.txt", {
            let mut b = vec![0xff, 0xfe];
            for u in "Date: 2024-03-23\n\n144 people were killed.".encode_utf16() {
                b.extend(u.to_le_bytes());
            }
            b
        }),
        ("numbers.txt", b"1,2,3 4.5.6 999999999999999999999999 -7 0x1F 1e308 1e999 \xe2\x85\xab 10-20-30 at least at least".to_vec()),
        ("dates.txt", b" date 9999-99-99 On Friday 31 February 0000 and March 32, 2024, mid-Smarch.".to_vec()),
        ("header_only.txt", b" date 2024-03-23".to_vec()),
        ("tags.html", b"<html><body><<<<>>>><p><p><p>< /p><script>x</script>".to_vec()),
        ("deep.html", format!("{}text{}", "<div>".repeat(20_000), "</div>".repeat(20_000)).into_bytes()),
        ("long_line.txt", "a".repeat(10 * 1024 * 1024).into_bytes()),
        ("many_caps.txt", "The Big Red Dog Of The Islamic State In Khorasan Group ".repeat(2000).into_bytes()),
        ("dots.txt", ".".repeat(100_000).into_bytes()),
        ("markdown.md", b"# \n## \n* \n[]()\n```\nunclosed".to_vec()),
    ];
    inputs.push(("nul.txt", b"killed\0\0\0 12 people".to_vec()));
    inputs
        .into_iter()
        .map(|(n, b)| (n.to_string(), b))
        .collect()
}

#[test]
fn pipeline_never_panics_on_nasty_inputs() {
    let mut articles = Vec::new();
    for (name, bytes) in nasty_inputs() {
        // Decoding may refuse a file, with a message; it must not panic.
        match ingest(&name, &bytes) {
            Ok(article) => articles.push(article),
            Err(err) => assert!(
                !err.to_string().is_empty(),
                "{name}: an error needs a message"
            ),
        }
        // Pasted text skips decoding and must be just as safe.
        articles.push(ingest_text(&name, &String::from_utf8_lossy(&bytes)));
    }
    let analysis = analyze(articles);
    let json = report::to_json(&analysis, &[]);
    assert!(json["articles"].as_array().is_some_and(|a| !a.is_empty()));
    let _ = report::to_text(&analysis, &[]);
}

#[test]
fn broken_file_never_costs_the_good_ones() {
    let good = ingest(
        "good.txt",
        b"Date: 2024-03-23\n\nAt least 93 people were killed.",
    )
    .expect("good file reads");
    assert!(
        ingest("empty.txt", b"").is_err(),
        "an empty file is refused with a message"
    );
    let analysis = analyze(vec![good]);
    assert_eq!(analysis.articles.len(), 1);
}
