//! HTML article extraction against Mozilla Readability's test pages: token F1 of the text, and published dates.

use super::read_json;
use corroborate::analysis::ingest;
use std::collections::HashMap;
use std::path::Path;

/// Lower-cased alphanumeric words, counted.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

/// Token F1 between two texts, as multisets of words.
pub fn token_f1(ours: &str, expected: &str) -> f64 {
    let (a, b) = (bag(ours), bag(expected));
    let shared: usize = a
        .iter()
        .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
        .sum();
    let (n_a, n_b): (usize, usize) = (a.values().sum(), b.values().sum());
    if n_a == 0 && n_b == 0 {
        return 1.0;
    }
    if shared == 0 {
        return 0.0;
    }
    let (p, r) = (shared as f64 / n_a as f64, shared as f64 / n_b as f64);
    2.0 * p * r / (p + r)
}

/// Prints the HTML table.
pub fn run(data: &Path) {
    println!("\n== HTML: Readability test pages, token F1 of the article text, published date");
    let base = data.join("readability_pages");
    let pages = match super::sorted_entries(&base, Path::is_dir) {
        Ok(pages) => pages,
        Err(e) => {
            println!("  skipped: {e}");
            return;
        }
    };
    let (mut f1s, mut dated, mut dates_right, mut failed) = (Vec::new(), 0, 0, 0);
    let mut worst: Vec<(f64, String)> = Vec::new();
    for page in &pages {
        let (Ok(html), Ok(expected)) = (
            std::fs::read(page.join("source.html")),
            std::fs::read_to_string(page.join("expected.txt")),
        ) else {
            continue;
        };
        let name = page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let article = match ingest("source.html", &html) {
            Ok(article) => article,
            Err(_) => {
                failed += 1;
                f1s.push(0.0);
                continue;
            }
        };
        let f1 = token_f1(&article.text, &expected);
        f1s.push(f1);
        worst.push((f1, name));
        if let Ok(meta) = read_json(&page.join("expected-metadata.json")) {
            if let Some(published) = meta["publishedTime"].as_str().filter(|s| s.len() >= 10) {
                dated += 1;
                if article.date.map(|d| d.to_string()).as_deref() == published.get(..10) {
                    dates_right += 1;
                }
            }
        }
    }
    let mean = if f1s.is_empty() {
        0.0
    } else {
        f1s.iter().sum::<f64>() / f1s.len() as f64
    };
    println!(
        "  {} pages ({} unreadable); mean token F1 {:.3}",
        f1s.len(),
        failed,
        mean
    );
    println!(
        "  published date right: {dates_right} of {dated} ({:.3})",
        if dated == 0 {
            0.0
        } else {
            dates_right as f64 / dated as f64
        }
    );
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let lows: Vec<String> = worst
        .iter()
        .take(5)
        .map(|(f, n)| format!("{n} {f:.2}"))
        .collect();
    println!("  lowest: {}", lows.join(", "));
}
