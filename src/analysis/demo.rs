//! The built-in demo corpus: a fictional dam failure told by five fictional outlets over five days.
//!
//! The texts live in `src/demo/` (written for Corroborate; see its README) in the formats users bring:
//! plain text with header lines, the one-line ` date` header, Markdown and a saved web page.

/// The demo files as (file name, bytes), in the order the app lists them.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "01_vellmar_courier.txt",
        include_bytes!("../demo/01_vellmar_courier.txt"),
    ),
    (
        "02_meridian_wire.txt",
        include_bytes!("../demo/02_meridian_wire.txt"),
    ),
    (
        "03_estravia_observer.md",
        include_bytes!("../demo/03_estravia_observer.md"),
    ),
    (
        "04_lowland_post.html",
        include_bytes!("../demo/04_lowland_post.html"),
    ),
    (
        "05_brightwater_tribune.txt",
        include_bytes!("../demo/05_brightwater_tribune.txt"),
    ),
];
