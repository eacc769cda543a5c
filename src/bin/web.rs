//! The browser app's entry point, built by Trunk: mounts [`corroborate::ui::App`] on the page body.
//!
//! It also exports one function for benchmarks, [`bench_extract`], which Trunk's loader makes
//! reachable as `window.wasmBindings.bench_extract` once the module has started; the app never calls it.
//! On native targets it is an empty program, so that `cargo build` of the whole workspace still works.

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<corroborate::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}

/// Runs the app's per-article extraction (ingest, segmentation, names, dates, figures) over `texts`,
/// an array of strings, and returns JSON `{"articles", "bytes", "seconds", "names", "dates", "figures"}`.
///
/// Only the extraction is timed, with `performance.now()`: the strings are copied out of JavaScript
/// first, so that the figure compares the engine itself with another library run on the same page.
/// Values that are not strings are skipped. `scripts/bench-browser` and
/// `tests/browser/bench_export.test.mjs` call it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_extract(texts: js_sys::Array) -> String {
    use corroborate::analysis::{analyze_article, ingest_text};

    let texts: Vec<String> = texts.iter().filter_map(|t| t.as_string()).collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut names, mut dates, mut figures) = (0usize, 0usize, 0usize);
    let started = now_ms();
    for (i, text) in texts.iter().enumerate() {
        // The path only picks the reader; a .txt name gives the plain-text reader that pastes use.
        let article = ingest_text(&format!("bench-{i}.txt"), text);
        let found = analyze_article(&article);
        names += found.names.len();
        dates += found.dates.len();
        figures += found.figures.len();
    }
    let seconds = (now_ms() - started) / 1000.0;
    format!(
        r#"{{"articles":{},"bytes":{bytes},"seconds":{seconds},"names":{names},"dates":{dates},"figures":{figures}}}"#,
        texts.len()
    )
}

/// Milliseconds from `performance.now()`, reached through the global object so that web-sys needs no
/// extra feature; falls back to `Date.now()` (millisecond steps) where there is no `performance`.
#[cfg(target_arch = "wasm32")]
fn now_ms() -> f64 {
    use wasm_bindgen::JsCast;

    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok();
    performance
        .and_then(|p| {
            let now = js_sys::Reflect::get(&p, &"now".into()).ok()?;
            now.dyn_into::<js_sys::Function>()
                .ok()?
                .call0(&p)
                .ok()?
                .as_f64()
        })
        .unwrap_or_else(js_sys::Date::now)
}
