//! `corroborate eval`: scores the engine against the development data in `../shared/data` and prints tables.
//!
//! Each area (names, dates, figures, slots, aliases, HTML) is one submodule that reads its data set,
//! runs the engine as the app does, and prints precision, recall and F1; sets that are absent are skipped with a note.
//! Where a reference tool exists (compromise, for names), it runs on the same texts and its scores are printed beside ours.

mod aliases;
mod claims;
mod dates;
mod figures;
mod html;
mod names;

use std::fmt;
use std::path::{Path, PathBuf};

/// Counts of true positives, false positives and false negatives.
#[derive(Clone, Copy, Debug, Default)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.3}  R {:.3}  F1 {:.3}  (tp {}, fp {}, fn {})",
            self.precision(),
            self.recall(),
            self.f1(),
            self.tp,
            self.fp,
            self.fn_
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Maps code-point offsets (as the data sets give them) to byte offsets: entry `i` is the byte offset of char `i`.
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut map: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    map.push(text.len());
    map
}

/// Converts a code-point offset, clamping past-the-end offsets to the text's end.
pub fn byte_at(map: &[usize], char_offset: usize) -> usize {
    map.get(char_offset)
        .copied()
        .unwrap_or_else(|| map.last().copied().unwrap_or(0))
}

/// Prints a table row: a left label and a score line.
pub fn row(label: &str, counts: &Counts) {
    println!("  {label:<28} {counts}");
}

/// The entries of a folder in name order, keeping those `keep` accepts; an error when it cannot be read.
pub fn sorted_entries(dir: &Path, keep: impl Fn(&Path) -> bool) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads and parses a JSON file, or says why not.
pub fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

const USAGE: &str = "\
Usage: corroborate eval [--data DIR] [AREA...]

Scores the engine against the development data and prints tables.
  --data DIR   the data folder (default: ../shared/data next to the project)
  AREA         any of: names dates figures slots aliases claims html (default: all)";

/// Runs the evaluation command; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let mut data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut areas: Vec<String> = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => match args.next() {
                Some(dir) => data = PathBuf::from(dir),
                None => {
                    eprintln!("corroborate eval: --data needs a folder\n\n{USAGE}");
                    return 2;
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            "names" | "dates" | "figures" | "slots" | "aliases" | "claims" | "html" => {
                areas.push(arg)
            }
            other => {
                eprintln!("corroborate eval: unknown area or option '{other}'\n\n{USAGE}");
                return 2;
            }
        }
    }
    if !data.is_dir() {
        eprintln!(
            "corroborate eval: the data folder {} is absent; nothing to score",
            data.display()
        );
        return 1;
    }
    let wants = |area: &str| areas.is_empty() || areas.iter().any(|a| a == area);
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if wants("names") {
        names::run(&data, &project);
    }
    if wants("dates") {
        dates::run(&data);
    }
    if wants("figures") || wants("slots") {
        figures::run(&data, &project);
    }
    if wants("aliases") {
        aliases::run(&data);
    }
    if wants("claims") {
        claims::run(&data, &project);
    }
    if wants("html") {
        html::run(&data);
    }
    0
}
