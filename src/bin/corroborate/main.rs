//! The `corroborate` command-line tool: the analysis core over files, for batch work and evaluation.
//!
//! `corroborate analyze [--json] FILE|DIR...` prints the comparison; `--demo` analyses the built-in demo corpus,
//! and `--edits FILE.json` replays entity corrections (merges and splits) made in the app or by hand.
//! Files that cannot be read are reported and skipped; the exit code is non-zero only when nothing could be read.

#[cfg(not(target_arch = "wasm32"))]
mod bench;
#[cfg(not(target_arch = "wasm32"))]
mod eval;
#[cfg(not(target_arch = "wasm32"))]
mod train;

/// The learned name tagger, built into the native binary (the browser fetches the same file lazily instead).
#[cfg(not(target_arch = "wasm32"))]
static MODEL: std::sync::LazyLock<Option<corroborate::analysis::tagger::NerModel>> =
    std::sync::LazyLock::new(|| {
        corroborate::analysis::tagger::NerModel::from_bytes(include_bytes!(
            "../../../assets/ner.bin"
        ))
        .ok()
    });

/// The analysis options the CLI runs with: the learned tagger unless `rules_only`.
#[cfg(not(target_arch = "wasm32"))]
pub fn options(rules_only: bool) -> corroborate::analysis::Options<'static> {
    corroborate::analysis::Options {
        ner: if rules_only { None } else { MODEL.as_ref() },
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("eval") => eval::run(args[1..].to_vec()),
        Some("bench") => bench::run(args[1..].to_vec()),
        Some("train-ner") => train::run(args[1..].to_vec()),
        _ => cli::run(args),
    };
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use corroborate::analysis::edits::EntityEdit;
    use corroborate::analysis::report::{self, Failure};
    use corroborate::analysis::{analyze_with, apply_edits, demo, ingest, ingest_all, Article};
    use std::io::Write;
    use std::path::{Path, PathBuf};

    const USAGE: &str = "\
Usage: corroborate analyze [--json] [--demo] [--edits FILE.json] FILE|DIR...
       corroborate eval [--data DIR] [AREA...]
       corroborate bench [--articles N]
       corroborate train-ner [--data DIR] [--out PATH]

Compares news articles about one event: names, aliases, figures and how they agree.

  --json    print the full analysis as JSON (the contract in DESIGN.md section 5)
  --demo    add the built-in demo corpus (a fictional event told by five outlets)
  --no-model  find names with the rules alone, without the learned tagger
  --edits FILE.json  merge and split entities as the file says: a list such as
            [{\"kind\": \"merge\", \"forms\": [\"NHC\", \"Northgate Hydro\"]}, {\"kind\": \"split\", \"form\": \"Ferrant\"}],
            or a workspace exported by the app (its \"edits\"); edits that match nothing become warnings
  DIR       every file below the folder, in name order

Files that cannot be read are reported and skipped; the exit code is 1 only when nothing could be read.
`corroborate eval --help` describes the evaluation against the development data.";

    /// Runs the command line and returns the process exit code.
    pub fn run(args: Vec<String>) -> i32 {
        let mut json = false;
        let mut rules_only = false;
        let mut use_demo = false;
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut edits: Vec<EntityEdit> = Vec::new();
        let mut args = args.into_iter();
        match args.next().as_deref() {
            Some("analyze") => {}
            Some("-h" | "--help" | "help") => {
                println!("{USAGE}");
                return 0;
            }
            Some(other) => {
                eprintln!("corroborate: unknown command '{other}'\n\n{USAGE}");
                return 2;
            }
            None => {
                eprintln!("{USAGE}");
                return 2;
            }
        }
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--json" => json = true,
                "--edits" => {
                    let Some(file) = args.next() else {
                        eprintln!("corroborate: --edits needs a file\n\n{USAGE}");
                        return 2;
                    };
                    match read_edits(Path::new(&file)) {
                        Ok(read) => edits.extend(read),
                        Err(message) => {
                            eprintln!("corroborate: {file}: {message}");
                            return 2;
                        }
                    }
                }
                "--demo" => use_demo = true,
                "--no-model" => rules_only = true,
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return 0;
                }
                flag if flag.starts_with("--") => {
                    eprintln!("corroborate: unknown option '{flag}'\n\n{USAGE}");
                    return 2;
                }
                _ => paths.push(PathBuf::from(arg)),
            }
        }
        if paths.is_empty() && !use_demo {
            eprintln!("corroborate: no files given\n\n{USAGE}");
            return 2;
        }

        let mut articles: Vec<Article> = Vec::new();
        let mut failures: Vec<Failure> = Vec::new();
        if use_demo {
            for (name, bytes) in demo::FILES {
                match ingest(name, bytes) {
                    Ok(article) => articles.push(article),
                    Err(err) => failures.push(Failure {
                        path: name.to_string(),
                        message: err.to_string(),
                    }),
                }
            }
        }
        for path in expand(&paths, &mut failures) {
            let shown = path.display().to_string();
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    failures.push(Failure {
                        path: shown,
                        message: format!("cannot read the file: {e}"),
                    });
                    continue;
                }
            };
            // One entry per file, or one per member of a ZIP archive ("news.zip/folder/wire.txt").
            for (name, result) in ingest_all(&shown, &bytes) {
                match result {
                    Ok(mut article) => {
                        article.path = name;
                        articles.push(article);
                    }
                    Err(err) => failures.push(Failure {
                        path: name,
                        message: err.to_string(),
                    }),
                }
            }
        }
        for failure in &failures {
            eprintln!("corroborate: {}: {}", failure.path, failure.message);
        }
        if articles.is_empty() {
            eprintln!("corroborate: nothing could be read");
            return 1;
        }
        let mut analysis = analyze_with(articles, &crate::options(rules_only));
        apply_edits(&mut analysis, &edits);
        let output = if json {
            format!("{}\n", report::to_json(&analysis, &failures))
        } else {
            report::to_text(&analysis, &failures)
        };
        // A reader that stops early (`| head`) closes the pipe; that is not an error worth a panic.
        let _ = std::io::stdout().lock().write_all(output.as_bytes());
        0
    }

    /// Reads entity edits from a JSON file: a bare list of edits, or any object with an `edits` list (a workspace).
    fn read_edits(path: &Path) -> Result<Vec<EntityEdit>, String> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum EditsFile {
            List(Vec<EntityEdit>),
            Workspace { edits: Vec<EntityEdit> },
        }
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read the file: {e}"))?;
        match serde_json::from_str::<EditsFile>(text.trim_start_matches('\u{feff}')) {
            Ok(EditsFile::List(edits) | EditsFile::Workspace { edits }) => Ok(edits),
            Err(_) => Err(
                "not a list of edits: expected [{\"kind\": \"merge\", \"forms\": [...]}, {\"kind\": \"split\", \"form\": \"...\"}] or a workspace with \"edits\""
                    .to_string(),
            ),
        }
    }

    /// Lists files, walking folders in name order; missing paths become failures.
    fn expand(paths: &[PathBuf], failures: &mut Vec<Failure>) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for path in paths {
            walk(path, &mut out, failures);
        }
        out
    }

    fn walk(path: &Path, out: &mut Vec<PathBuf>, failures: &mut Vec<Failure>) {
        if path.is_dir() {
            let entries = match std::fs::read_dir(path) {
                Ok(entries) => entries,
                Err(e) => {
                    failures.push(Failure {
                        path: path.display().to_string(),
                        message: format!("cannot read the folder: {e}"),
                    });
                    return;
                }
            };
            let mut children: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            for child in children {
                let hidden = child
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
                if !hidden {
                    walk(&child, out, failures);
                }
            }
        } else if path.exists() {
            out.push(path.to_path_buf());
        } else {
            failures.push(Failure {
                path: path.display().to_string(),
                message: "no such file".to_string(),
            });
        }
    }
}
