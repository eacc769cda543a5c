//! Architecture invariants as tests: the core knows nothing about the browser, and every file says what it is for.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder is readable") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files_under(folder: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(folder),
        &mut files,
    );
    assert!(!files.is_empty(), "no Rust files under {folder}");
    files
}

#[test]
fn analysis_core_imports_no_web_crate() {
    let web_crates = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "wasm_bindgen_futures",
    ];
    for file in files_under("src/analysis") {
        let source = std::fs::read_to_string(&file).expect("readable source");
        for line in source
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with("//"))
        {
            for krate in web_crates {
                let used =
                    line.contains(&format!("{krate}::")) || line.contains(&format!("use {krate}"));
                assert!(
                    !used,
                    "{} uses the web crate {krate}: {line}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn every_source_file_opens_with_a_module_comment() {
    let mut files = files_under("src");
    files.extend(files_under("tests"));
    for file in files {
        let source = std::fs::read_to_string(&file).expect("readable source");
        assert!(
            source.trim_start().starts_with("//!"),
            "{} must open with a //! line saying what it is for",
            file.display()
        );
    }
}
