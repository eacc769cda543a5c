//! Windowing of long tables and lists: which rows to draw so that only those near the view are in the page,
//! and which page of a paged list to draw.
//!
//! Table rows have one fixed height; the table draws rows `first..end` between two spacers of the missing
//! rows' height, and recomputes the range on scroll. The range moves in whole steps so that a small
//! scroll redraws nothing.

/// Rows drawn beyond the view on each side, so that a quick scroll does not show blank space.
pub const MARGIN: usize = 30;

/// The range moves by multiples of this many rows.
pub const STEP: usize = 10;

/// The rows `first..end` of `n` rows of `row_height` pixels to draw, when the top of the first row is
/// `scrolled` pixels above the top of a view `viewport` pixels high (negative when it is below).
pub fn visible_rows(n: usize, row_height: f64, scrolled: f64, viewport: f64) -> (usize, usize) {
    if n == 0 || row_height <= 0.0 || !row_height.is_finite() || !scrolled.is_finite() {
        return (0, n.min(MARGIN + STEP));
    }
    let top = (scrolled.max(0.0) / row_height).floor() as usize;
    let bottom = ((scrolled + viewport.max(0.0)).max(0.0) / row_height).ceil() as usize;
    let first = (top.saturating_sub(MARGIN) / STEP * STEP).min(n);
    let end = ((bottom + MARGIN).div_ceil(STEP) * STEP).clamp(first, n);
    (first, end)
}

/// Cells a source-by-row table draws at once: a grid of 1,000 sources draws a few rows, one of five draws them all.
pub const CELL_BUDGET: usize = 10_000;

/// Rows drawn at once in a table with one column per source, before "show more": as many as `CELL_BUDGET` cells
/// allow, at least 10 and at most `limit`.
pub fn rows_for(n_sources: usize, limit: usize) -> usize {
    (CELL_BUDGET / n_sources.max(1)).clamp(10.min(limit), limit)
}

/// The items `first..end` of page `page` of `n` items, `size` to a page, and the page actually shown:
/// a page past the end (after removals) shows the last one.
pub fn page_range(n: usize, page: usize, size: usize) -> (usize, usize, usize) {
    let size = size.max(1);
    let last = n.saturating_sub(1) / size;
    let page = page.min(last);
    let first = page * size;
    (first.min(n), (first + size).min(n), page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_fit_the_cell_budget() {
        for (sources, want) in [
            (0, 200),
            (1, 200),
            (5, 200),
            (50, 200),
            (100, 100),
            (1000, 10),
            (5000, 10),
        ] {
            assert_eq!(rows_for(sources, 200), want, "{sources} sources");
        }
        assert_eq!(rows_for(1000, 5), 5);
    }

    #[test]
    fn pages_cover_every_item_once() {
        let cases = [
            // (items, page, size) -> (first, end, page)
            ((0, 0, 100), (0, 0, 0)),
            ((0, 3, 100), (0, 0, 0)),
            ((5, 0, 100), (0, 5, 0)),
            ((100, 0, 100), (0, 100, 0)),
            ((100, 1, 100), (0, 100, 0)),
            ((101, 1, 100), (100, 101, 1)),
            ((1000, 3, 100), (300, 400, 3)),
            ((1000, 12, 100), (900, 1000, 9)),
            ((7, 2, 0), (2, 3, 2)),
        ];
        for ((n, page, size), want) in cases {
            assert_eq!(
                page_range(n, page, size),
                want,
                "{n} items, page {page} of {size}"
            );
        }
    }

    #[test]
    fn only_rows_near_the_view_are_drawn() {
        let cases = [
            // (rows, height, scrolled, viewport) -> range
            ((0, 30.0, 0.0, 900.0), (0, 0)),
            ((5, 30.0, 0.0, 900.0), (0, 5)),
            ((2000, 30.0, 0.0, 900.0), (0, 60)),
            ((2000, 30.0, -500.0, 900.0), (0, 50)),
            ((2000, 30.0, -5000.0, 900.0), (0, 30)),
            ((2000, 30.0, 3000.0, 900.0), (70, 160)),
            ((2000, 30.0, 3010.0, 900.0), (70, 170)),
            ((2000, 30.0, 60_000.0, 900.0), (1970, 2000)),
            ((2000, 30.0, 90_000.0, 900.0), (2000, 2000)),
            ((2000, 0.0, 3000.0, 900.0), (0, 40)),
            ((2000, 30.0, f64::NAN, 900.0), (0, 40)),
        ];
        for ((n, h, scrolled, viewport), want) in cases {
            assert_eq!(
                visible_rows(n, h, scrolled, viewport),
                want,
                "{n} rows of {h} px scrolled {scrolled}"
            );
        }
    }
}
