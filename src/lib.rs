//! Corroborate: compare news articles about one event, entirely on the reader's machine.
//!
//! [`analysis`] is the pure engine (decode, segment, extract, resolve, compare); it knows nothing about the browser.
//! [`ui`] is the Yew layer that shows it; its pure view helpers compile and are tested natively.

pub mod analysis;
pub mod ui;
