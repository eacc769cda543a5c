//! `corroborate bench`: times every stage of the engine natively on a synthetic corpus and prints figures.
//!
//! The corpus is made from the demo articles: each synthetic article takes the sentences of one demo article
//! in a shuffled order, with its numbers varied, so that a thousand articles differ like a thousand real reports
//! of one event do (shared names, different wording and figures). It is deterministic: the same N gives the same text.

use corroborate::analysis::{
    aliases, claims, dates, demo, figures, ingest, names, segment, similarity, slots, Article,
    ArticleAnalysis,
};
use std::time::Instant;

/// A small deterministic generator (64-bit LCG): the benchmark must not depend on a random seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Builds `n` articles from the demo corpus.
pub fn corpus(n: usize) -> Vec<Article> {
    let base: Vec<Article> = demo::FILES
        .iter()
        .filter_map(|(name, bytes)| ingest(name, bytes).ok())
        .collect();
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| {
            let source = &base[i % base.len()];
            let body = source.body.of(&source.text);
            let mut sentences: Vec<&str> = body.split_inclusive(". ").collect();
            for k in (1..sentences.len()).rev() {
                sentences.swap(k, (rng.next() as usize) % (k + 1));
            }
            let shuffled: String = sentences.concat();
            let varied: String = shuffled
                .split(' ')
                .map(|w| match w.parse::<u32>() {
                    Ok(v) if v > 3 && v < 1900 => (v + (rng.next() % 7) as u32).to_string(),
                    _ => w.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ");
            let text = format!(
                "Title: Report {i}\nSource: Outlet {}\nDate: 2025-10-{:02}\n\n{varied}",
                i % 97,
                13 + i % 5
            );
            ingest(&format!("synthetic-{i:04}.txt"), text.as_bytes()).unwrap_or_default()
        })
        .collect()
}

fn rate(bytes: usize, seconds: f64) -> String {
    format!("{:8.2} MB/s", bytes as f64 / 1e6 / seconds.max(1e-9))
}

/// Runs the benchmark and prints one line per stage; returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    let n: usize = match args.as_slice() {
        [] => 1000,
        [flag, value] if flag == "--articles" => match value.parse() {
            Ok(n) if n > 0 => n,
            _ => {
                eprintln!("corroborate bench: --articles takes a positive whole number");
                return 2;
            }
        },
        _ => {
            eprintln!("Usage: corroborate bench [--articles N]   (default 1000)");
            return 2;
        }
    };
    let articles = corpus(n);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "bench: {n} synthetic articles, {:.2} MB",
        bytes as f64 / 1e6
    );

    let time = |label: &str, f: &mut dyn FnMut()| {
        let started = Instant::now();
        f();
        let seconds = started.elapsed().as_secs_f64();
        println!("  {label:<22} {seconds:8.3} s  {}", rate(bytes, seconds));
        seconds
    };
    let mut segments = Vec::new();
    let mut total = time("segment", &mut || {
        segments = articles.iter().map(|a| segment(&a.text, a.body)).collect();
    });
    let mut found: Vec<ArticleAnalysis> = articles
        .iter()
        .zip(&segments)
        .map(|(_, s)| ArticleAnalysis {
            segments: s.clone(),
            ..Default::default()
        })
        .collect();
    total += time("names", &mut || {
        for (a, f) in articles.iter().zip(found.iter_mut()) {
            f.names = names::extract(&a.text, &f.segments);
        }
    });
    total += time("dates", &mut || {
        for (a, f) in articles.iter().zip(found.iter_mut()) {
            f.dates = dates::extract(&a.text, &f.segments, a.date);
        }
    });
    total += time("figures", &mut || {
        for (a, f) in articles.iter().zip(found.iter_mut()) {
            f.figures = figures::extract(&a.text, &f.segments);
        }
    });
    let mut resolved = (Vec::new(), Vec::new());
    total += time("aliases (all)", &mut || {
        resolved = aliases::resolve(&articles, &found)
    });
    let mut slotted = (Vec::new(), Vec::new());
    total += time("slots (all)", &mut || {
        slotted = slots::align(&articles, &found)
    });
    total += time("similarity (all pairs)", &mut || {
        let _ = similarity::matrix(&articles, &found);
    });
    total += time("claims (all)", &mut || {
        let _ = claims::align(&articles, &found, &resolved.1, &resolved.0, &slotted.1);
    });
    println!("  {:<22} {total:8.3} s  {}", "total", rate(bytes, total));
    println!(
        "  found {} entities, {} slots",
        resolved.0.len(),
        slotted.0.len()
    );
    0
}
