//! The CLI's JSON contract and text report.
