//! Geometry of the figure chart: report dates on x, values on y, nice ticks, points and one line per slot.
//!
//! The chart component only draws what [`layout`] returns, so every edge case (one point, equal dates,
//! zero or huge values, undated reports) is decided and tested here.
//! Undated values are drawn in a separate "no date" band at the right and are not joined by the line,
//! since their place in time is unknown; when nothing is dated, that band is the whole plot.
//! Undated values are spread evenly across the band, in series order, so that none hides another.

use crate::ui::format;
use chrono::{Duration, NaiveDate};

/// One value to plot.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    /// The report date of the article it comes from, when known.
    pub date: Option<NaiveDate>,
    /// The value; non-finite values are not plotted.
    pub value: f64,
    /// The caller's key for the value, returned with its position.
    pub key: usize,
}

/// One line of the chart (a figure slot).
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// The values, in any order.
    pub points: Vec<Point>,
}

/// The size of the drawing and the margins around the plot area, in SVG user units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Room on the left for y labels.
    pub left: f64,
    /// Room on the right.
    pub right: f64,
    /// Room at the top.
    pub top: f64,
    /// Room at the bottom for x labels.
    pub bottom: f64,
}

impl Default for Frame {
    fn default() -> Self {
        Frame {
            width: 640.0,
            height: 280.0,
            left: 52.0,
            right: 16.0,
            top: 14.0,
            bottom: 30.0,
        }
    }
}

/// One axis tick: its position along the axis and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// x for the date axis, y for the value axis.
    pub at: f64,
    /// What to write there.
    pub label: String,
}

/// A value's place in the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
    /// The caller's key from [`Point::key`].
    pub key: usize,
}

/// One series as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// Every plotted value of the series, dated ones in date order, then undated ones.
    pub points: Vec<Placed>,
    /// The polyline through the dated values in date order (empty when fewer than two).
    pub path: Vec<(f64, f64)>,
}

/// Everything the chart component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// The frame used.
    pub frame: Frame,
    /// Left edge of the plot area.
    pub x0: f64,
    /// Right edge of the plot area.
    pub x1: f64,
    /// Top edge of the plot area.
    pub y0: f64,
    /// Bottom edge of the plot area (the value axis minimum).
    pub y1: f64,
    /// Date ticks along the bottom.
    pub x_ticks: Vec<Tick>,
    /// Value ticks along the left, bottom to top.
    pub y_ticks: Vec<Tick>,
    /// The centre of the "no date" band, when some values are undated.
    pub undated_x: Option<f64>,
    /// The left and right edges of the "no date" band, when some values are undated.
    pub undated_band: Option<(f64, f64)>,
    /// One line per input series, in input order.
    pub lines: Vec<Line>,
}

/// Width of the band for undated values.
const UNDATED_BAND: f64 = 56.0;
/// Horizontal shift between values that would otherwise sit on the same spot.
const DODGE: f64 = 7.0;

/// Rounds `range` to a "nice" number (1, 2, 5 or 10 times a power of ten), as in Heckbert's algorithm.
fn nice_number(range: f64, round: bool) -> f64 {
    let exponent = range.log10().floor();
    let fraction = range / 10f64.powf(exponent);
    let nice = if round {
        match fraction {
            f if f < 1.5 => 1.0,
            f if f < 3.0 => 2.0,
            f if f < 7.0 => 5.0,
            _ => 10.0,
        }
    } else {
        match fraction {
            f if f <= 1.0 => 1.0,
            f if f <= 2.0 => 2.0,
            f if f <= 5.0 => 5.0,
            _ => 10.0,
        }
    };
    nice * 10f64.powf(exponent)
}

/// Nice tick values covering `low..=high` with about `count` ticks; the first is <= low, the last >= high.
///
/// An empty or inverted range is widened to one unit above `low`, and non-finite input gives `[0, 1]`.
pub fn nice_ticks(low: f64, high: f64, count: usize) -> Vec<f64> {
    if !low.is_finite() || !high.is_finite() {
        return vec![0.0, 1.0];
    }
    let high = if high > low { high } else { low + 1.0 };
    let count = count.max(2) as f64;
    let step = nice_number(nice_number(high - low, false) / (count - 1.0), true);
    let first = (low / step).floor() * step;
    let last = (high / step).ceil() * step;
    let n = ((last - first) / step).round() as usize;
    (0..=n.min(1000)).map(|i| first + i as f64 * step).collect()
}

/// Chooses a day step for date ticks so that about six fit in `days`.
fn day_step(days: i64) -> i64 {
    const STEPS: [i64; 10] = [1, 2, 3, 7, 14, 30, 61, 91, 182, 365];
    STEPS
        .iter()
        .copied()
        .find(|step| days / step <= 6)
        .unwrap_or_else(|| (days / 6).max(1))
}

/// Lays out the chart for `series` in `frame`.
pub fn layout(series: &[Series], frame: Frame) -> Geometry {
    let plotted = |p: &&Point| p.value.is_finite();
    let values: Vec<f64> = series
        .iter()
        .flat_map(|s| s.points.iter().filter(plotted).map(|p| p.value))
        .collect();
    let dates: Vec<NaiveDate> = series
        .iter()
        .flat_map(|s| s.points.iter().filter(plotted).filter_map(|p| p.date))
        .collect();
    let has_undated = series
        .iter()
        .any(|s| s.points.iter().filter(plotted).any(|p| p.date.is_none()));

    let x0 = frame.left;
    let x1 = (frame.width - frame.right).max(x0 + 1.0);
    let y0 = frame.top;
    let y1 = (frame.height - frame.bottom).max(y0 + 1.0);
    let n_undated = series
        .iter()
        .map(|s| {
            s.points
                .iter()
                .filter(plotted)
                .filter(|p| p.date.is_none())
                .count()
        })
        .sum::<usize>();
    let (dated_x1, undated_band) = if !has_undated {
        (x1, None)
    } else if dates.is_empty() {
        (x1, Some((x0, x1)))
    } else {
        let edge = (x1 - UNDATED_BAND).max(x0 + 1.0);
        (edge, Some((edge, x1)))
    };
    let undated_x = undated_band.map(|(left, right)| (left + right) / 2.0);
    // The k-th undated value (counting across series) sits in the k-th of equal slices of the band.
    let undated_slot = |k: usize| {
        undated_band
            .map(|(left, right)| left + (k as f64 + 0.5) / n_undated.max(1) as f64 * (right - left))
    };
    let mut undated_seen = 0;

    // Values: the axis starts at zero (these are counts) unless a value is negative.
    let low = values.iter().copied().fold(0.0_f64, f64::min);
    let high = values.iter().copied().fold(0.0_f64, f64::max);
    let ticks = nice_ticks(low, high, 5);
    let v_low = ticks.first().copied().unwrap_or(0.0);
    let v_high = ticks.last().copied().unwrap_or(1.0);
    let v_span = if v_high > v_low { v_high - v_low } else { 1.0 };
    let y_of = |v: f64| y1 - (v - v_low) / v_span * (y1 - y0);
    let y_ticks = ticks
        .iter()
        .map(|&v| Tick {
            at: y_of(v),
            label: format::compact(v),
        })
        .collect();

    // Dates: one day of padding on each side, so single dates sit inside the plot rather than on its edge.
    let first = dates.iter().min().copied();
    let last = dates.iter().max().copied();
    let (d_low, d_high) = match (first, last) {
        (Some(first), Some(last)) => (first - Duration::days(1), last + Duration::days(1)),
        _ => {
            let today = NaiveDate::default();
            (today, today + Duration::days(1))
        }
    };
    let days = (d_high - d_low).num_days().max(1);
    let x_of = |d: NaiveDate| x0 + (d - d_low).num_days() as f64 / days as f64 * (dated_x1 - x0);
    let mut x_ticks = Vec::new();
    if let (Some(first), Some(last)) = (first, last) {
        let step = day_step((last - first).num_days());
        let mut day = first;
        while day <= last {
            x_ticks.push(Tick {
                at: x_of(day),
                label: format::date_short(day),
            });
            day += Duration::days(step);
        }
    }

    let mut lines: Vec<Line> = series
        .iter()
        .map(|s| {
            let mut points: Vec<&Point> = s.points.iter().filter(plotted).collect();
            // Dated values by date (stable, so equal dates keep input order), undated last.
            points.sort_by_key(|p| (p.date.is_none(), p.date));
            let placed: Vec<Placed> = points
                .iter()
                .map(|p| {
                    let x = match p.date {
                        Some(date) => x_of(date),
                        None => {
                            undated_seen += 1;
                            undated_slot(undated_seen - 1).unwrap_or(x1)
                        }
                    };
                    Placed {
                        x,
                        y: y_of(p.value),
                        key: p.key,
                    }
                })
                .collect();
            Line {
                points: placed,
                path: Vec::new(),
            }
        })
        .collect();

    // Values on the same spot are spread sideways so that each stays visible and clickable.
    let mut seen: Vec<(f64, f64, usize)> = Vec::new();
    for line in &mut lines {
        for point in &mut line.points {
            let spot = seen
                .iter_mut()
                .find(|(x, y, _)| (x - point.x).abs() < 0.5 && (y - point.y).abs() < 0.5);
            match spot {
                Some((_, _, n)) => {
                    *n += 1;
                    let side = if *n % 2 == 1 { 1.0 } else { -1.0 };
                    point.x += side * DODGE * (*n).div_ceil(2) as f64;
                }
                None => seen.push((point.x, point.y, 0)),
            }
        }
    }
    for (line, s) in lines.iter_mut().zip(series) {
        let n_dated = s
            .points
            .iter()
            .filter(plotted)
            .filter(|p| p.date.is_some())
            .count();
        if n_dated >= 2 {
            line.path = line.points[..n_dated].iter().map(|p| (p.x, p.y)).collect();
        }
    }

    Geometry {
        frame,
        x0,
        x1,
        y0,
        y1,
        x_ticks,
        y_ticks,
        undated_x,
        undated_band,
        lines,
    }
}

/// Which series share a scale with the first one: their largest values are within `factor` of each other.
///
/// The chart draws these by default, so that a toll of 12 is not flattened by 12,000 evacuated;
/// series with no finite value are never chosen, and the first finite series always is.
/// Values below 10 count as 10, since small counts read well on any small axis.
pub fn same_scale(maxima: &[f64], factor: f64) -> Vec<bool> {
    let anchor = maxima.iter().copied().find(|m| m.is_finite());
    maxima
        .iter()
        .map(|&m| match anchor {
            Some(anchor) if m.is_finite() => {
                let (low, high) = (
                    m.abs().min(anchor.abs()).max(10.0),
                    m.abs().max(anchor.abs()).max(10.0),
                );
                high / low <= factor
            }
            _ => false,
        })
        .collect()
}

/// The `points` attribute of an SVG polyline: "x,y x,y" with one decimal.
pub fn polyline(path: &[(f64, f64)]) -> String {
    path.iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2024, 3, d)
    }

    fn point(date: Option<NaiveDate>, value: f64, key: usize) -> Point {
        Point { date, value, key }
    }

    #[test]
    fn ticks() {
        let cases: &[(f64, f64, &[f64])] = &[
            (0.0, 144.0, &[0.0, 50.0, 100.0, 150.0]),
            (0.0, 0.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
            (0.0, 1.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
            (0.0, 7.0, &[0.0, 2.0, 4.0, 6.0, 8.0]),
            (0.0, 2.5e9, &[0.0, 1e9, 2e9, 3e9]),
            (-3.0, 4.0, &[-4.0, -2.0, 0.0, 2.0, 4.0]),
            (f64::NAN, 1.0, &[0.0, 1.0]),
        ];
        for &(low, high, want) in cases {
            let got = nice_ticks(low, high, 5);
            assert_eq!(got.len(), want.len(), "nice_ticks({low}, {high}) = {got:?}");
            for (g, w) in got.iter().zip(want) {
                assert!(
                    (g - w).abs() < 1e-9 * w.abs().max(1.0),
                    "nice_ticks({low}, {high}) = {got:?}"
                );
            }
        }
    }

    #[test]
    fn rising_toll() {
        let series = [Series {
            points: vec![
                point(day(29), 144.0, 4),
                point(day(23), 60.0, 0),
                point(day(23), 93.0, 1),
                point(day(25), 137.0, 2),
                point(day(28), 143.0, 3),
            ],
        }];
        let g = layout(&series, Frame::default());
        let line = &g.lines[0];
        let keys: Vec<usize> = line.points.iter().map(|p| p.key).collect();
        assert_eq!(
            keys,
            [0, 1, 2, 3, 4],
            "date order, equal dates in input order"
        );
        assert_eq!(line.path.len(), 5);
        // Later dates are further right and larger values higher up.
        assert!(line.points[0].x == line.points[1].x);
        assert!(line.points[2].x > line.points[1].x && line.points[4].x > line.points[3].x);
        assert!(line.points[1].y < line.points[0].y);
        assert!(g.undated_x.is_none());
        assert_eq!(g.y_ticks.last().map(|t| t.label.as_str()), Some("150"));
        assert_eq!(g.x_ticks.first().map(|t| t.label.as_str()), Some("23 Mar"));
        for p in &line.points {
            assert!(
                p.x > g.x0 && p.x < g.x1 && p.y >= g.y0 && p.y <= g.y1,
                "{p:?} outside the plot"
            );
        }
    }

    #[test]
    fn edge_cases() {
        // One point: inside the plot, no line.
        let g = layout(
            &[Series {
                points: vec![point(day(23), 93.0, 0)],
            }],
            Frame::default(),
        );
        assert_eq!(g.lines[0].points.len(), 1);
        assert!(g.lines[0].path.is_empty());
        let p = &g.lines[0].points[0];
        assert!(p.x > g.x0 && p.x < g.x1);

        // Zero values: a unit axis, points on the bottom.
        let g = layout(
            &[Series {
                points: vec![point(day(1), 0.0, 0), point(day(2), 0.0, 1)],
            }],
            Frame::default(),
        );
        assert!(g.lines[0].points.iter().all(|p| (p.y - g.y1).abs() < 1e-9));

        // Huge values: compact labels.
        let g = layout(
            &[Series {
                points: vec![point(day(1), 2.5e9, 0)],
            }],
            Frame::default(),
        );
        assert_eq!(g.y_ticks.last().map(|t| t.label.as_str()), Some("3B"));

        // Missing dates: a separate band, not joined to the line.
        let g = layout(
            &[Series {
                points: vec![
                    point(None, 50.0, 9),
                    point(day(1), 10.0, 0),
                    point(day(3), 20.0, 1),
                ],
            }],
            Frame::default(),
        );
        let undated = g.undated_x.expect("an undated band");
        let line = &g.lines[0];
        assert_eq!(line.points.last().map(|p| p.key), Some(9));
        assert_eq!(
            line.points.last().map(|p| p.x),
            Some(undated),
            "one undated value sits mid-band"
        );
        assert_eq!(line.path.len(), 2);
        assert!(line.path.iter().all(|&(x, _)| x < undated));

        // Only undated values: the band is the whole plot and the values are spread across it.
        let g = layout(
            &[
                Series {
                    points: vec![point(None, 5.0, 0), point(None, 5.0, 1)],
                },
                Series {
                    points: vec![point(None, 7.0, 2)],
                },
            ],
            Frame::default(),
        );
        assert_eq!(g.undated_band, Some((g.x0, g.x1)));
        let xs: Vec<f64> = g
            .lines
            .iter()
            .flat_map(|l| l.points.iter().map(|p| p.x))
            .collect();
        assert!(xs.windows(2).all(|w| w[1] > w[0] + 50.0), "spread: {xs:?}");
        assert!(g.x_ticks.is_empty());
        assert!(g.lines.iter().all(|l| l.path.is_empty()));
        // No values at all, and non-finite values: nothing panics.
        let g = layout(&[], Frame::default());
        assert!(g.lines.is_empty());
        let g = layout(
            &[Series {
                points: vec![point(day(1), f64::NAN, 0)],
            }],
            Frame::default(),
        );
        assert!(g.lines[0].points.is_empty());

        // Equal values on the same date in two series are spread apart.
        let g = layout(
            &[
                Series {
                    points: vec![point(day(1), 10.0, 0)],
                },
                Series {
                    points: vec![point(day(1), 10.0, 1)],
                },
            ],
            Frame::default(),
        );
        assert!((g.lines[0].points[0].x - g.lines[1].points[0].x).abs() >= DODGE);

        // A long span keeps the number of date ticks small.
        let g = layout(
            &[Series {
                points: vec![
                    point(NaiveDate::from_ymd_opt(2020, 1, 1), 1.0, 0),
                    point(day(1), 2.0, 1),
                ],
            }],
            Frame::default(),
        );
        assert!(g.x_ticks.len() <= 8, "{} ticks", g.x_ticks.len());
    }

    #[test]
    fn scales() {
        let cases: &[(&[f64], &[bool])] = &[
            (&[144.0, 200.0, 12_000.0, 15.0], &[true, true, false, true]),
            (&[12.0, 0.0, 5.0], &[true, true, true]),
            (&[f64::NAN, 3.0, 300.0], &[false, true, false]),
            (&[], &[]),
        ];
        for &(maxima, want) in cases {
            assert_eq!(same_scale(maxima, 10.0), want, "{maxima:?}");
        }
    }

    #[test]
    fn polyline_text() {
        assert_eq!(polyline(&[(1.0, 2.0), (3.25, 4.0)]), "1.0,2.0 3.2,4.0");
        assert_eq!(polyline(&[]), "");
    }
}
