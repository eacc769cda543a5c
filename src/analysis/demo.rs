//! The built-in demo corpus: a fictional event told by several fictional outlets.

/// The demo files as (file name, bytes).
pub const FILES: &[(&str, &[u8])] = &[];
