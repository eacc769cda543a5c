//! Document format tests: DOCX, ZIP, EML and PDF fixtures read with their text and metadata, and a
//! hostile corpus (corrupt and truncated files, a zip bomb, a scan, broken base64) where each bad
//! file gives its own clear error while the good files in the same batch are still read.
//! The fixtures are written by `tests/fixtures/formats/make.py`.

use corroborate::analysis::decode::DecodeError;
use corroborate::analysis::{ingest, ingest_all, Article};
use std::path::Path;

/// What reading one fixture (or one member of an archive) must give.
#[derive(Default)]
struct Expect {
    /// The title.
    title: Option<&'static str>,
    /// The byline.
    byline: Option<&'static str>,
    /// The outlet.
    source: Option<&'static str>,
    /// The date as ISO text.
    date: Option<&'static str>,
    /// Fragments the text must contain.
    contains: &'static [&'static str],
    /// Fragments the text must not contain.
    excludes: &'static [&'static str],
    /// The error variant's name, when reading must fail.
    error: Option<&'static str>,
    /// A fragment of the error message.
    message: Option<&'static str>,
}

/// The bytes of a fixture.
fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The name of an error's variant.
fn variant(error: &DecodeError) -> &'static str {
    match error {
        DecodeError::Empty => "Empty",
        DecodeError::Binary => "Binary",
        DecodeError::Unsupported { .. } => "Unsupported",
        DecodeError::TooLarge { .. } => "TooLarge",
        DecodeError::Corrupt { .. } => "Corrupt",
        DecodeError::NoTextLayer => "NoTextLayer",
        DecodeError::ArchiveLimit { .. } => "ArchiveLimit",
        DecodeError::Archive => "Archive",
    }
}

/// Checks one result against what it must give; `label` names it in failures.
fn check(label: &str, result: &Result<Article, DecodeError>, expect: &Expect) {
    match (result, expect.error) {
        (Ok(article), None) => {
            let text = &article.text;
            if let Some(title) = expect.title {
                assert_eq!(article.title, title, "{label}: title");
            }
            if let Some(byline) = expect.byline {
                assert_eq!(article.byline.as_deref(), Some(byline), "{label}: byline");
            }
            if let Some(source) = expect.source {
                assert_eq!(article.source, source, "{label}: source");
            }
            if let Some(date) = expect.date {
                assert_eq!(
                    article.date.map(|d| d.to_string()).as_deref(),
                    Some(date),
                    "{label}: date"
                );
            }
            for fragment in expect.contains {
                assert!(
                    text.contains(fragment),
                    "{label}: text lacks {fragment:?}:\n{text}"
                );
            }
            for fragment in expect.excludes {
                assert!(
                    !text.contains(fragment),
                    "{label}: text has {fragment:?}:\n{text}"
                );
            }
        }
        (Err(error), Some(name)) => {
            assert_eq!(variant(error), name, "{label}: error variant ({error})");
            if let Some(message) = expect.message {
                assert!(
                    error.to_string().contains(message),
                    "{label}: message {error:?} lacks {message:?}"
                );
            }
        }
        (Ok(article), Some(name)) => panic!("{label}: expected {name}, read {:?}", article.title),
        (Err(error), None) => panic!("{label}: expected an article, got {error}"),
    }
}

/// The DOCX fixture: heading title overridden by the core title, body paragraphs, no deleted text.
const FLOOD_DOCX: Expect = Expect {
    title: Some("Valdora flood: bridges closed"),
    byline: Some("Marta Ilves"),
    source: None,
    date: Some("2025-10-14"),
    contains: &[
        "Flood waters close three bridges in Valdora\n\nBy Marta Ilves\n\nRiver levels in Valdora rose by 2.4 metres overnight, officials said on Tuesday.",
        "Closed:\tOld Mill Bridge\nReopened: the ring road",
        "shelters & schools, the mayor's office said.",
    ],
    excludes: &["DRAFT ONLY", "<w:", "&amp;"],
    error: None,
    message: None,
};

/// The plain-text e-mail fixture.
const FERRY_EML: Expect = Expect {
    title: Some("Ferry capsizes off Port Arlen"),
    byline: Some("Tomas Brandt"),
    source: Some("harbourpost.example"),
    date: Some("2025-10-14"),
    contains: &["14 people are\nconfirmed dead", "café owner José Ortega"],
    excludes: &["=C3", "Subject:"],
    error: None,
    message: None,
};

/// The hand-written PDF fixture.
const LANDSLIDE_PDF: Expect = Expect {
    title: Some("Korvo landslide"),
    byline: Some("Elin Sarr"),
    source: None,
    date: None,
    contains: &[
        "Landslide buries road near Korvo\n\nBy Elin Sarr\n\nRescue teams recovered 11 bodies after a landslide buried a mountain road near Korvo on Sunday, the regional governor said.",
        "About 40 homes were damaged (officials) and roads closed. Cafés in the valley opened as shelters.",
    ],
    excludes: &["Tj", "BT"],
    error: None,
    message: None,
};

/// An error expectation with a message fragment.
const fn fails(error: &'static str, message: &'static str) -> Expect {
    Expect {
        title: None,
        byline: None,
        source: None,
        date: None,
        contains: &[],
        excludes: &[],
        error: Some(error),
        message: Some(message),
    }
}

#[test]
fn single_files() {
    let table: Vec<(&str, Expect)> = vec![
        ("flood.docx", FLOOD_DOCX),
        (
            "heading_title.docx",
            Expect {
                title: Some("Flood waters close three bridges in Valdora"),
                contains: &["At least 1,200 residents"],
                ..Expect::default()
            },
        ),
        ("ferry.eml", FERRY_EML),
        (
            "quarry.eml",
            Expect {
                title: Some("Quarry collapse: 6 of 9 workers reached"),
                byline: Some("Ridgeline Dépêches"),
                source: Some("ridgeline.example"),
                date: Some("2025-10-15"),
                contains: &[
                    "Rescuers reached 6 of the 9 trapped workers",
                    "Société Brenna declined",
                ],
                excludes: &["<p>", "PNG", "not an article"],
                ..Expect::default()
            },
        ),
        ("landslide.pdf", LANDSLIDE_PDF),
        (
            "cid.pdf",
            Expect {
                contains: &["The bridge was shut at dawn\n\nThen traffic resumed"],
                ..Expect::default()
            },
        ),
        (
            "scan.pdf",
            fails(
                "NoTextLayer",
                "this PDF has no text layer (a scan?); run OCR first or paste the text",
            ),
        ),
        ("truncated.pdf", fails("Corrupt", "PDF")),
        ("fake.docx", fails("Corrupt", "not a ZIP package")),
        ("truncated.docx", fails("Corrupt", "Word (DOCX)")),
        ("broken_base64.eml", fails("Corrupt", "base64")),
        ("corrupt.zip", fails("Archive", "archive")),
    ];
    for (name, expect) in &table {
        check(name, &ingest(name, &fixture(name)), expect);
    }
}

/// The expected result of each member of `batch.zip`, by name; members not listed must not appear.
#[test]
fn batch_archive_reads_good_members_despite_bad_ones() {
    let results = ingest_all("batch.zip", &fixture("batch.zip"));
    let names: Vec<&str> = results.iter().map(|(n, _)| n.as_str()).collect();
    let table: Vec<(&str, Expect)> = vec![
        (
            "batch.zip/news/wire.txt",
            Expect {
                source: Some("Coast Times"),
                date: Some("2025-10-14"),
                contains: &["14 people died"],
                ..Expect::default()
            },
        ),
        (
            "batch.zip/news/deep/report.md",
            Expect {
                title: Some("Ferry toll rises"),
                byline: Some("Ana Ruiz"),
                contains: &["The toll rose to 17"],
                ..Expect::default()
            },
        ),
        ("batch.zip/news/flood.docx", FLOOD_DOCX),
        ("batch.zip/news/ferry.eml", FERRY_EML),
        ("batch.zip/news/landslide.pdf", LANDSLIDE_PDF),
        (
            "batch.zip/news/older.zip/inner/wire.txt",
            Expect {
                source: Some("Meridian Wire"),
                date: Some("2025-10-16"),
                contains: &["The death toll rose to 19"],
                ..Expect::default()
            },
        ),
        (
            "batch.zip/bad/fake.docx",
            fails("Corrupt", "not a ZIP package"),
        ),
        (
            "batch.zip/bad/scan.pdf",
            fails("NoTextLayer", "no text layer"),
        ),
        (
            "batch.zip/bad/broken_base64.eml",
            fails("Corrupt", "base64"),
        ),
        (
            "batch.zip/bad/bomb.zip/zeros.txt",
            fails("ArchiveLimit", "zip bomb"),
        ),
        ("batch.zip/bad/empty.txt", fails("Empty", "empty")),
    ];
    assert_eq!(names.len(), table.len(), "members read: {names:#?}");
    for (name, expect) in &table {
        let result = results
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r)
            .unwrap_or_else(|| panic!("{name} missing from {names:#?}"));
        check(name, result, expect);
        if let Ok(article) = result {
            assert_eq!(article.path, *name, "{name}: article path");
        }
    }
}

#[test]
fn hostile_archives() {
    let table: Vec<(&str, &str, Expect)> = vec![
        ("corrupt.zip", "corrupt.zip", fails("Corrupt", "ZIP")),
        (
            "bomb.zip",
            "bomb.zip/zeros.txt",
            fails("ArchiveLimit", "zip bomb"),
        ),
        (
            "deep.zip",
            "deep.zip/level3.zip/level2.zip",
            fails("ArchiveLimit", "nest more than 2 deep"),
        ),
    ];
    for (file, member, expect) in &table {
        let results = ingest_all(file, &fixture(file));
        assert_eq!(
            results.len(),
            1,
            "{file}: {:?}",
            results.iter().map(|r| &r.0).collect::<Vec<_>>()
        );
        let (name, result) = &results[0];
        assert_eq!(name, member);
        check(member, result, expect);
    }
}

#[test]
fn truncations_never_panic_and_fail_clearly() {
    // Every prefix length class of every fixture: the readers must return, never panic or hang.
    for name in [
        "flood.docx",
        "ferry.eml",
        "quarry.eml",
        "landslide.pdf",
        "cid.pdf",
        "batch.zip",
        "deep.zip",
    ] {
        let bytes = fixture(name);
        let mut cut = 0;
        while cut < bytes.len() {
            let prefix = &bytes[..cut];
            for (member, result) in ingest_all(name, prefix) {
                if let Err(error) = result {
                    assert!(!error.to_string().is_empty(), "{member}");
                }
            }
            cut += 1 + cut / 7;
        }
    }
}

#[test]
fn never_panics_on_odd_inputs() {
    let long = "x".repeat(100_000);
    let inputs: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"   \n\t ".to_vec(),
        b"%PDF".to_vec(),
        b"%PDF-1.7\r\n1 0 obj << /Type /Page /Contents 2 0 R >> endobj 2 0 obj << /Length 5 >> stream\r\nBT (\xF0\x9F\x98\x80 caf\xC3\xA9 e\xCC\x81 \xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D) Tj ET".to_vec(),
        b"PK\x03\x04".to_vec(),
        b"PK\x05\x06".to_vec(),
        b"MIME-Version: 1.0\r\nMessage-ID: <a@b>\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x--".to_vec(),
        format!("MIME-Version: 1.0\nReceived: x\nSubject: =?utf-8?B?{long}?=\n\n{long}").into_bytes(),
        "From: a@b\r\nMIME-Version: 1.0\r\nSubject: שלום \u{1F600} e\u{301}\r\n\r\nbody".as_bytes().to_vec(),
        format!("%PDF-1.4 {}", "(".repeat(50_000)).into_bytes(),
        format!("%PDF-1.4 1 0 obj << /Kids [{}] >> endobj", "1 0 R ".repeat(10_000)).into_bytes(),
        // Deeply nested arrays in a content stream must not overflow the stack.
        format!(
            "%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R] >> endobj\n2 0 obj << /Type /Page /Parent 1 0 R /Contents 3 0 R >> endobj\n3 0 obj << >> stream\nBT {} ] TJ ET\nendstream endobj",
            "[".repeat(200_000)
        )
        .into_bytes(),
    ];
    for bytes in &inputs {
        for name in ["a.pdf", "a.docx", "a.zip", "a.eml", "a.txt", "a"] {
            let _ = ingest_all(name, bytes);
        }
    }
}

/// A small xorshift generator: fixed seed, so a failure can be replayed.
struct Rng(u64);

impl Rng {
    /// The next pseudo-random number.
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The stable-Rust stand-in for the cargo-fuzz target (run by `scripts/fuzz` when libFuzzer cannot
/// run): mutates the fixtures (bit flips, byte runs, cuts, splices) and random bytes for
/// `FUZZ_SECONDS` (default 20), asserting only that every reader returns.
#[test]
#[ignore]
fn fuzz_random_bytes() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_C0FF_EE15_F00D);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/formats");
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| std::fs::read(e.ok()?.path()).ok())
                .filter(|b| b.len() < 200_000)
                .collect()
        })
        .unwrap_or_default();
    seeds.sort();
    seeds.push(Vec::new());
    let names = [
        "a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a.zip", "a.eml", "a",
    ];
    let mut rng = Rng(seed | 1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    let mut runs = 0u64;
    while std::time::Instant::now() < deadline {
        let mut bytes = seeds[rng.below(seeds.len())].clone();
        for _ in 0..=rng.below(8) {
            let len = bytes.len();
            match rng.below(5) {
                0 if len > 0 => {
                    let i = rng.below(len);
                    bytes[i] ^= 1 << rng.below(8);
                }
                1 if len > 0 => {
                    let i = rng.below(len);
                    let run = rng.below(64).min(len - i);
                    let value = rng.next() as u8;
                    bytes[i..i + run].iter_mut().for_each(|b| *b = value);
                }
                2 => bytes.truncate(rng.below(len + 1)),
                3 => {
                    let other = &seeds[rng.below(seeds.len())];
                    let from = rng.below(other.len() + 1);
                    let at = rng.below(len + 1);
                    let piece: Vec<u8> =
                        other[from..].iter().take(rng.below(512)).copied().collect();
                    bytes.splice(at..at, piece);
                }
                _ => bytes.extend((0..rng.below(64)).map(|_| rng.next() as u8)),
            }
        }
        let name = names[rng.below(names.len())];
        for (member, result) in ingest_all(name, &bytes) {
            if let Err(error) = result {
                assert!(!error.to_string().is_empty(), "{member}");
            }
        }
        runs += 1;
    }
    println!("fuzz_random_bytes: {runs} inputs in {seconds} s (seed {seed}), no panics");
}
