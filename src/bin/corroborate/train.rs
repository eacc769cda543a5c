//! `corroborate train-ner`: trains the name tagger on CoNLL-2003 train and writes `assets/ner.bin`.
//!
//! The model file is a build artifact, but a reproducible one: training has a fixed seed, a fixed number of epochs
//! and no threads, so running this command again over the same data regenerates `assets/ner.bin` bit for bit.
//! The dev set is only read to print a score after each epoch, which is how the epoch count was chosen;
//! nothing is fitted to it.

use corroborate::analysis::tagger::{tag_prepared, NerModel, PreparedDoc, Trainer};
use corroborate::analysis::{segment, Label, Span};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Passes over the training set, chosen from the per-epoch dev scores the command prints
/// (dev micro F1 rises to 0.895 by epoch 12 and stays within 0.002 of it up to 15, then slips).
const EPOCHS: usize = 15;

/// Feature buckets are `2^BITS`: collisions cost little accuracy and the file stays small.
/// The weight table takes `2^BITS * 9 * 2` bytes in memory (4.7 MB); 17 bits halves that and scored 0.8925
/// on dev against 0.8943.
const BITS: u8 = 18;

/// Averaged weights under this fraction of the largest are dropped, which shrinks the file.
/// Measured at 15 epochs with 16-bit weights: 0 gave 661 KB raw (387 KB gzipped) at dev F1 0.8954; 0.0005 gave
/// 508 KB (299 KB) at 0.8943; 0.001 gave 267 KB (173 KB) at 0.8921; 0.002 gave 114 KB (78 KB) at 0.8755.
/// With the weights now quantised to 1,023 steps (see `tagger`), this cut sits at half a step, where rounding
/// would zero the weight anyway: it keeps the file as it was chosen when the steps were finer.
const PRUNE: f32 = 0.0005;

/// Seed of the shuffling of documents between epochs.
const SEED: u64 = 0x5eed_c0de_2003;

const USAGE: &str = "\
Usage: corroborate train-ner [--data DIR] [--out PATH] [--epochs N]

Trains the name tagger on CoNLL-2003 train (DIR/conll2003/train.*) and writes the model.
  --data DIR   the data folder (default: ../shared/data next to the project)
  --out PATH   where to write the model (default: assets/ner.bin in the project)
  --epochs N   passes over the training set (default: the chosen count)
Dev scores are printed after each epoch; the dev set is never trained on.";

/// One CoNLL document: text, gold names with our labels, and its tagger input.
struct Doc {
    gold: HashSet<(Label, usize, usize)>,
    prepared: PreparedDoc,
    bytes: usize,
}

fn label_of(kind: &str) -> Option<Label> {
    match kind {
        "PER" => Some(Label::Person),
        "ORG" => Some(Label::Org),
        "LOC" => Some(Label::Loc),
        "MISC" => Some(Label::Misc),
        _ => None,
    }
}

/// Reads `split` of CoNLL-2003 and prepares each document for the tagger.
fn load(data: &Path, split: &str) -> Result<Vec<Doc>, String> {
    let base = data.join("conll2003");
    let path = base.join(format!("{split}.docs.jsonl"));
    let lines = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for line in lines.lines().filter(|l| !l.trim().is_empty()) {
        let record: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let file = record["file"].as_str().unwrap_or_default();
        let text = std::fs::read_to_string(base.join(file)).map_err(|e| format!("{file}: {e}"))?;
        // Offsets in the data count code points; spans count bytes.
        let byte_at: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut gold = Vec::new();
        for entity in record["entities"].as_array().into_iter().flatten() {
            let Some(label) = entity["type"].as_str().and_then(label_of) else {
                continue;
            };
            let at = |key: &str| {
                byte_at
                    .get(entity[key].as_u64().unwrap_or(0) as usize)
                    .copied()
            };
            if let (Some(start), Some(end)) = (at("start"), at("end")) {
                gold.push((label, Span::new(start, end)));
            }
        }
        let segments = segment(&text, Span::new(0, text.len()));
        let prepared = Trainer::prepare(&text, &segments, &gold);
        docs.push(Doc {
            gold: gold.iter().map(|(l, s)| (*l, s.start, s.end)).collect(),
            prepared,
            bytes: text.len(),
        });
    }
    Ok(docs)
}

/// Exact-span micro F1 over PER, ORG and LOC, with the per-type F1s.
fn score(model: &NerModel, docs: &[Doc]) -> (f64, [f64; 3]) {
    let kinds = [Label::Person, Label::Org, Label::Loc];
    let mut tp = [0usize; 3];
    let mut n_pred = [0usize; 3];
    let mut n_gold = [0usize; 3];
    for doc in docs {
        let found: HashSet<(Label, usize, usize)> = tag_prepared(model, &doc.prepared)
            .into_iter()
            .map(|m| (m.label, m.span.start, m.span.end))
            .collect();
        for (k, kind) in kinds.iter().enumerate() {
            n_gold[k] += doc.gold.iter().filter(|g| g.0 == *kind).count();
            n_pred[k] += found.iter().filter(|p| p.0 == *kind).count();
            tp[k] += found
                .iter()
                .filter(|p| p.0 == *kind && doc.gold.contains(p))
                .count();
        }
    }
    let f1 = |tp: usize, pred: usize, gold: usize| {
        let (p, r) = (
            tp as f64 / pred.max(1) as f64,
            tp as f64 / gold.max(1) as f64,
        );
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    };
    let per_type = [0, 1, 2].map(|k| f1(tp[k], n_pred[k], n_gold[k]));
    (
        f1(tp.iter().sum(), n_pred.iter().sum(), n_gold.iter().sum()),
        per_type,
    )
}

/// A small deterministic generator (xorshift64*) for shuffling.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// Size of `bytes` after `gzip -9`, when the gzip program is at hand.
fn gzipped_size(bytes: &[u8]) -> Option<usize> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new("gzip")
        .arg("-9c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let input = bytes.to_vec();
    // Writing from another thread keeps both pipes moving; one thread alone would deadlock on a full pipe.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().ok()?;
    writer.join().ok()?.ok()?;
    out.status.success().then_some(out.stdout.len())
}

/// Runs the training command; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // A worktree sits one folder deeper than the main checkout, so the shared data may be two levels up.
    let mut data = ["../shared/data", "../../shared/data"]
        .iter()
        .map(|p| project.join(p))
        .find(|p| p.is_dir())
        .unwrap_or_else(|| project.join("../shared/data"));
    let mut out = project.join("assets/ner.bin");
    let mut epochs = EPOCHS;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" | "--out" | "--epochs" => {
                let Some(value) = args.next() else {
                    eprintln!("corroborate train-ner: {arg} needs a value\n\n{USAGE}");
                    return 2;
                };
                match arg.as_str() {
                    "--data" => data = PathBuf::from(value),
                    "--out" => out = PathBuf::from(value),
                    _ => match value.parse() {
                        Ok(n) if n > 0 => epochs = n,
                        _ => {
                            eprintln!("corroborate train-ner: --epochs needs a positive number");
                            return 2;
                        }
                    },
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return 0;
            }
            other => {
                eprintln!("corroborate train-ner: unknown option '{other}'\n\n{USAGE}");
                return 2;
            }
        }
    }
    let started = Instant::now();
    let train = match load(&data, "train") {
        Ok(docs) => docs,
        Err(e) => {
            eprintln!("corroborate train-ner: cannot read the training set: {e}");
            return 1;
        }
    };
    let dev = load(&data, "dev").unwrap_or_else(|e| {
        println!("dev set not read ({e}); no per-epoch scores");
        Vec::new()
    });
    let n_tokens: usize = train.iter().map(|d| d.prepared.len()).sum();
    println!(
        "train: {} documents, {n_tokens} tokens; dev: {} documents; prepared in {:.1} s",
        train.len(),
        dev.len(),
        started.elapsed().as_secs_f64()
    );
    let mut trainer = Trainer::new(BITS);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut rng = Rng(SEED);
    for epoch in 1..=epochs {
        // Fisher-Yates with the fixed generator: the same order on every run.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let errors: usize = order
            .iter()
            .map(|&i| trainer.learn(&train[i].prepared))
            .sum();
        if dev.is_empty() {
            println!("epoch {epoch}: {errors} training errors");
            continue;
        }
        let (f1, per_type) = score(&trainer.model(PRUNE), &dev);
        println!(
            "epoch {epoch}: {errors} training errors; dev micro F1 {f1:.4} (PER {:.3}, ORG {:.3}, LOC {:.3}); {:.1} s",
            per_type[0],
            per_type[1],
            per_type[2],
            started.elapsed().as_secs_f64()
        );
    }
    let model = trainer.model(PRUNE);
    let bytes = model.to_bytes();
    if let Err(e) = NerModel::from_bytes(&bytes).map(|m| assert_eq!(m, model)) {
        eprintln!("corroborate train-ner: the written model does not read back: {e}");
        return 1;
    }
    if let Some(dir) = out.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("corroborate train-ner: cannot write {}: {e}", out.display());
        return 1;
    }
    let gz = gzipped_size(&bytes).map_or("unknown (no gzip program)".to_string(), |n| {
        format!("{:.1} KB", n as f64 / 1024.0)
    });
    println!(
        "wrote {}: {epochs} epochs, {} non-zero weights, {:.1} KB raw, {gz} gzipped; {:.1} s in all",
        out.display(),
        model.n_weights(),
        bytes.len() as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    let dev_bytes: usize = dev.iter().map(|d| d.bytes).sum();
    if !dev.is_empty() {
        let (f1, _) = score(&model, &dev);
        println!("final model dev micro F1 {f1:.4} over {dev_bytes} bytes");
    }
    0
}
