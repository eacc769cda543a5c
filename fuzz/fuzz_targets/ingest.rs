//! Fuzz target: `ingest_all` on arbitrary bytes under arbitrary names must return, never panic.
//!
//! The first byte picks the file name's extension, so that every reader (text, Markdown, HTML, PDF,
//! DOCX, ZIP, e-mail) is reached by extension as well as by magic bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

/// The names the input is read under.
const NAMES: [&str; 9] = [
    "a.txt", "a.md", "a.html", "a.pdf", "a.docx", "a.zip", "a.eml", "a", "dir/a.b.c",
];

fuzz_target!(|data: &[u8]| {
    let (name, bytes) = match data.split_first() {
        Some((&pick, rest)) => (NAMES[usize::from(pick) % NAMES.len()], rest),
        None => ("a.txt", data),
    };
    for (_, result) in corroborate::analysis::ingest_all(name, bytes) {
        if let Err(error) = result {
            // The message is what users read; building it must not panic either.
            let _ = error.to_string();
        }
    }
});
