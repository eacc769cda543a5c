//! The Yew layer: state, components and SVG charts. Pure view helpers compile everywhere; components only on wasm32.
//!
//! The pure modules ([`format`], [`highlight`], [`chart`], [`heatmap`], [`timeline`], [`claim_filter`], [`claim_figures`], [`state`], [`persist`], [`export`], [`work`], [`rows`]) hold every decision worth testing and
//! are tested natively with `cargo test --lib ui::`; the components only turn their results into HTML.

pub mod chart;
pub mod claim_figures;
pub mod claim_filter;
pub mod export;
pub mod format;
pub mod heatmap;
pub mod highlight;
pub mod persist;
pub mod rows;
pub mod state;
pub mod timeline;
pub mod work;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod components;
#[cfg(target_arch = "wasm32")]
mod hooks;
#[cfg(target_arch = "wasm32")]
mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::App;
