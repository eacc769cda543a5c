//! Geometry of the timeline: one horizontal date axis with nice ticks, and one lane per source holding
//! its report date and the event dates it mentions (a dot for a day, a bar for a range).
//!
//! The timeline component only draws what [`layout`] returns, so the window, the ticks, the clipping of
//! ranges at the window's edges and the stacking of marks that would overlap are decided and tested here.
//! Each calendar day occupies the interval `[day, day + 1)` on the axis; a single day is drawn at its middle.

use crate::ui::format;
use chrono::{Datelike, Duration, NaiveDate};

/// Days shown before the earliest report date by default: background within a month stays visible.
pub const DAYS_BEFORE: i64 = 30;

/// Days shown after the latest report date by default, so that "next week" announcements still show.
pub const DAYS_AFTER: i64 = 7;

/// The window also reaches back to a date that ends within this many days of its start, and from there to
/// the next, so a lead-up that runs on from the reports ("warned as early as mid-February") stays in view.
pub const LEAD_UP_GAP: i64 = 15;

/// How far before the earliest report date a lead-up may reach; older dates are background.
pub const LEAD_UP_MAX: i64 = 90;

/// One date a source mentions, resolved to the days `start..=end`.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// First day meant.
    pub start: NaiveDate,
    /// Last day meant (equal to `start` for a single day).
    pub end: NaiveDate,
    /// The caller's key, returned with the mark.
    pub key: usize,
}

/// One source's row: its report date and the dates it mentions.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The report date, when known.
    pub report: Option<NaiveDate>,
    /// Every resolved date, in any order.
    pub events: Vec<Event>,
}

/// Sizes of the drawing, in SVG user units, and which dates to show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    /// Total width.
    pub width: f64,
    /// Room on the left for the source names (small when they are written above their lanes).
    pub left: f64,
    /// Extra height at the top of every lane for its name, when names are written above lanes (narrow screens).
    pub label_above: f64,
    /// Room on the right.
    pub right: f64,
    /// Room at the top for the tick labels.
    pub top: f64,
    /// Height of one row of marks inside a lane.
    pub row: f64,
    /// Padding above and below the rows of a lane.
    pub pad: f64,
    /// Radius of a day's dot (the report marker is larger).
    pub radius: f64,
    /// Most rows of marks in one lane; beyond it, marks share the last row, so that a hundred
    /// mentions of "Monday" (or a century squeezed into the axis) do not make a lane a page tall.
    pub max_rows: usize,
    /// Most ticks wanted along the axis.
    pub max_ticks: usize,
    /// Show every date, however far from the report dates; else the window around them.
    pub show_all: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            width: 900.0,
            left: 180.0,
            label_above: 0.0,
            right: 28.0,
            top: 34.0,
            row: 15.0,
            pad: 8.0,
            radius: 5.0,
            max_rows: 4,
            max_ticks: 9,
            show_all: false,
        }
    }
}

/// One tick of the date axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Horizontal position.
    pub x: f64,
    /// What to write there ("12 Oct", "Oct 2025", "1990").
    pub label: String,
}

/// How a mark is drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A single day: a dot centred at `(cx, cy)`.
    Dot {
        /// Centre x.
        cx: f64,
        /// Centre y.
        cy: f64,
    },
    /// A range of days: a bar from `x` to `x + width`, centred on `cy`.
    Bar {
        /// Left edge (clipped to the plot).
        x: f64,
        /// Width, at least a dot's diameter so that short ranges stay clickable.
        width: f64,
        /// Centre y.
        cy: f64,
    },
}

/// One event as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// The caller's key from [`Event::key`].
    pub key: usize,
    /// Where and how.
    pub shape: Shape,
    /// Whether the range starts before the window (drawn with an open left end).
    pub clipped_start: bool,
    /// Whether the range ends after the window.
    pub clipped_end: bool,
}

/// One lane as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneLayout {
    /// Top edge.
    pub top: f64,
    /// Bottom edge.
    pub bottom: f64,
    /// Centre y of the first row, where the report marker and the lane's name sit.
    pub first_row: f64,
    /// The report marker's centre x, when the lane has a report date inside the window.
    pub report: Option<f64>,
    /// The visible events, in input order.
    pub marks: Vec<Mark>,
    /// How many of the lane's events lie wholly outside the window.
    pub hidden: usize,
}

/// Everything the timeline component draws.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Left edge of the plot area.
    pub x0: f64,
    /// Right edge of the plot area.
    pub x1: f64,
    /// The y of the axis line, above the lanes.
    pub axis_y: f64,
    /// First day shown, when anything is dated.
    pub first: Option<NaiveDate>,
    /// Last day shown.
    pub last: Option<NaiveDate>,
    /// Ticks, left to right.
    pub ticks: Vec<Tick>,
    /// One per input lane, in input order.
    pub lanes: Vec<LaneLayout>,
    /// How many events (over all lanes) lie outside the window; zero when every date is shown.
    pub hidden: usize,
}

/// The days shown: around the report dates by default, every date with `show_all` or without report dates.
///
/// The default window runs from [`DAYS_BEFORE`] days before the earliest report date to [`DAYS_AFTER`] days
/// after the latest, so that a dam built in 1974 does not squash a week of reporting into one pixel. Its start
/// moves back to take in a chain of dates, each ending within [`LEAD_UP_GAP`] days of the next, that starts no
/// more than [`LEAD_UP_MAX`] days before the first report.
/// Returns `None` when nothing at all is dated.
pub fn window(lanes: &[Lane], show_all: bool) -> Option<(NaiveDate, NaiveDate)> {
    let reports: Vec<NaiveDate> = lanes.iter().filter_map(|l| l.report).collect();
    let everything = || {
        let days = lanes.iter().flat_map(|l| {
            l.report
                .into_iter()
                .chain(l.events.iter().flat_map(|e| [e.start, e.end]))
        });
        let first = days.clone().min()?;
        let last = days.max()?;
        Some((first, last))
    };
    if show_all || reports.is_empty() {
        return everything();
    }
    let first = *reports.iter().min()?;
    let last = *reports.iter().max()?;
    let floor = first - Duration::days(LEAD_UP_MAX);
    // Earlier dates by their end, latest first, so one pass follows the chain back.
    let mut earlier: Vec<(NaiveDate, NaiveDate)> = lanes
        .iter()
        .flat_map(|l| l.events.iter().map(|e| (e.end, e.start)))
        .filter(|&(_, start)| start >= floor)
        .collect();
    earlier.sort_unstable_by(|a, b| b.cmp(a));
    let mut start = first - Duration::days(DAYS_BEFORE);
    for (end, event_start) in earlier {
        if end >= start - Duration::days(LEAD_UP_GAP) {
            start = start.min(event_start);
        }
    }
    Some((start, last + Duration::days(DAYS_AFTER)))
}

/// How far apart ticks are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Days(i64),
    Weeks(i64),
    Months(u32),
    Years(i32),
}

/// Candidate steps, finest first.
const STEPS: [Step; 16] = [
    Step::Days(1),
    Step::Days(2),
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
    Step::Years(10),
    Step::Years(20),
    Step::Years(50),
    Step::Years(100),
    Step::Years(500),
];

impl Step {
    /// Roughly how many days one step is, to pick a step before laying ticks.
    fn days(self) -> f64 {
        match self {
            Step::Days(n) => n as f64,
            Step::Weeks(n) => 7.0 * n as f64,
            Step::Months(n) => 30.44 * n as f64,
            Step::Years(n) => 365.25 * n as f64,
        }
    }

    /// The first tick day on or after `day`: any day, Mondays, the first of a month, or the first of a year.
    fn align(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Days(_) => Some(day),
            Step::Weeks(_) => {
                let offset = (7 - day.weekday().num_days_from_monday() as i64) % 7;
                Some(day + Duration::days(offset))
            }
            Step::Months(n) => {
                let mut month0 = day.month0();
                let mut year = day.year();
                if day.day() > 1 {
                    month0 += 1;
                }
                while month0 % n != 0 {
                    month0 += 1;
                }
                year += (month0 / 12) as i32;
                NaiveDate::from_ymd_opt(year, month0 % 12 + 1, 1)
            }
            Step::Years(n) => {
                let mut year = day.year();
                if day.ordinal() > 1 {
                    year += 1;
                }
                let year = year + (n - year.rem_euclid(n)) % n;
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
        }
    }

    /// The next tick after `day`, which is aligned.
    fn next(self, day: NaiveDate) -> Option<NaiveDate> {
        match self {
            Step::Days(n) => day.checked_add_signed(Duration::days(n)),
            Step::Weeks(n) => day.checked_add_signed(Duration::days(7 * n)),
            Step::Months(n) => day.checked_add_months(chrono::Months::new(n)),
            Step::Years(n) => NaiveDate::from_ymd_opt(day.year() + n, 1, 1),
        }
    }

    /// Ticks within a day or two mark a day's middle, where its dot sits; coarser ticks mark a boundary.
    fn centred(self) -> bool {
        matches!(self, Step::Days(_) | Step::Weeks(_))
    }
}

/// A tick's label: the day and month for day steps, the month for month steps, the year for year steps;
/// the first tick and the first tick of each new year also carry the year, so that no label is ambiguous.
fn tick_label(step: Step, day: NaiveDate, previous: Option<NaiveDate>) -> String {
    let new_year = previous.is_none_or(|p| p.year() != day.year());
    match step {
        Step::Days(_) | Step::Weeks(_) if new_year => format::date(day),
        Step::Days(_) | Step::Weeks(_) => format::date_short(day),
        Step::Months(_) if new_year => format!("{} {}", format::month(day), day.year()),
        Step::Months(_) => format::month(day).to_string(),
        Step::Years(_) => day.year().to_string(),
    }
}

/// Nice ticks for the days `first..=last`: the finest step that gives at most `max_ticks` ticks,
/// placed by `x_of` (which takes a day count from `first`, fractional for a day's middle).
fn ticks(
    first: NaiveDate,
    last: NaiveDate,
    max_ticks: usize,
    x_of: &dyn Fn(f64) -> f64,
) -> Vec<Tick> {
    let days = (last - first).num_days() as f64 + 1.0;
    let max_ticks = max_ticks.max(2) as f64;
    let step = STEPS
        .iter()
        .copied()
        .find(|s| days / s.days() <= max_ticks)
        .unwrap_or_else(|| {
            // Beyond the table, a power of ten of years keeps the count within the maximum.
            let years = days / 365.25 / max_ticks;
            let step = 10f64.powf(years.log10().ceil()).min(1e6);
            Step::Years(step as i32)
        });
    let mut out = Vec::new();
    let mut day = step.align(first);
    let mut previous = None;
    while let Some(d) = day.filter(|d| *d <= last) {
        let offset = (d - first).num_days() as f64 + if step.centred() { 0.5 } else { 0.0 };
        out.push(Tick {
            x: x_of(offset),
            label: tick_label(step, d, previous),
        });
        previous = Some(d);
        day = step.next(d);
        if out.len() > 1000 {
            break;
        }
    }
    out
}

/// Lays out the timeline of `lanes` with `config`.
pub fn layout(lanes: &[Lane], config: Config) -> Layout {
    let x0 = config.left;
    let x1 = (config.width - config.right).max(x0 + 1.0);
    let axis_y = config.top;
    let bounds = window(lanes, config.show_all);
    let n_days = bounds.map_or(1.0, |(first, last)| {
        (last - first).num_days().max(0) as f64 + 1.0
    });
    // A day count from the first day (fractional inside a day) to x.
    let x_at = |offset: f64| x0 + offset / n_days * (x1 - x0);
    let offset_of =
        |day: NaiveDate| bounds.map_or(0.0, |(first, _)| (day - first).num_days() as f64);
    let ticks = bounds.map_or_else(Vec::new, |(first, last)| {
        ticks(first, last, config.max_ticks, &x_at)
    });

    let mut top = axis_y + 6.0;
    let mut hidden = 0;
    let mut out_lanes = Vec::with_capacity(lanes.len());
    for lane in lanes {
        let inside = |start: NaiveDate, end: NaiveDate| {
            bounds.is_some_and(|(first, last)| start <= last && end >= first)
        };
        // Horizontal extents already taken in each row, so that marks never overlap; the report
        // marker takes its place in the first row before the events.
        let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        let report = lane
            .report
            .filter(|&d| inside(d, d))
            .map(|d| x_at(offset_of(d) + 0.5));
        if let Some(x) = report {
            let r = config.radius * 1.6;
            rows[0].push((x - r, x + r));
        }
        // Ranges first (widest first) so that bars stay in low rows and dots pack around them.
        let mut order: Vec<usize> = (0..lane.events.len()).collect();
        order.sort_by_key(|&i| {
            let e = &lane.events[i];
            (std::cmp::Reverse((e.end - e.start).num_days()), e.start)
        });
        let mut placed: Vec<Option<(Shape, bool, bool, usize)>> = vec![None; lane.events.len()];
        let mut lane_hidden = 0;
        for i in order {
            let event = &lane.events[i];
            let (start, end) = if event.end < event.start {
                (event.end, event.start)
            } else {
                (event.start, event.end)
            };
            if !inside(start, end) {
                lane_hidden += 1;
                continue;
            }
            let Some((first, last)) = bounds else {
                continue;
            };
            let clipped_start = start < first;
            let clipped_end = end > last;
            let (start, end) = (start.max(first), end.min(last));
            let (left, right, bar) = if start == end && !clipped_start && !clipped_end {
                let cx = x_at(offset_of(start) + 0.5);
                (cx - config.radius, cx + config.radius, None)
            } else {
                let mut left = x_at(offset_of(start));
                let mut right = x_at(offset_of(end) + 1.0);
                // Very short bars grow around their middle so that they stay visible and clickable.
                let min_width = config.radius * 2.0;
                if right - left < min_width {
                    let middle = (left + right) / 2.0;
                    left = middle - config.radius;
                    right = middle + config.radius;
                }
                (left, right, Some((left, right - left)))
            };
            let gap = 2.0;
            let row = rows
                .iter()
                .position(|taken| {
                    taken
                        .iter()
                        .all(|&(a, b)| right + gap <= a || left >= b + gap)
                })
                .unwrap_or_else(|| {
                    if rows.len() < config.max_rows.max(1) {
                        rows.push(Vec::new());
                    }
                    rows.len() - 1
                });
            rows[row].push((left, right));
            let shape = match bar {
                None => Shape::Dot {
                    cx: (left + right) / 2.0,
                    cy: 0.0,
                },
                Some((x, width)) => Shape::Bar { x, width, cy: 0.0 },
            };
            placed[i] = Some((shape, clipped_start, clipped_end, row));
        }
        let first_row = top + config.label_above + config.pad + config.row / 2.0;
        let marks = placed
            .into_iter()
            .zip(&lane.events)
            .filter_map(|(p, event)| {
                let (shape, clipped_start, clipped_end, row) = p?;
                let cy = first_row + row as f64 * config.row;
                let shape = match shape {
                    Shape::Dot { cx, .. } => Shape::Dot { cx, cy },
                    Shape::Bar { x, width, .. } => Shape::Bar { x, width, cy },
                };
                Some(Mark {
                    key: event.key,
                    shape,
                    clipped_start,
                    clipped_end,
                })
            })
            .collect();
        let bottom = top + config.label_above + 2.0 * config.pad + rows.len() as f64 * config.row;
        out_lanes.push(LaneLayout {
            top,
            bottom,
            first_row,
            report,
            marks,
            hidden: lane_hidden,
        });
        hidden += lane_hidden;
        top = bottom;
    }

    Layout {
        width: config.width,
        height: top + 4.0,
        x0,
        x1,
        axis_y,
        first: bounds.map(|b| b.0),
        last: bounds.map(|b| b.1),
        ticks,
        lanes: out_lanes,
        hidden,
    }
}

/// The sources that name one day or span, for the list of dates under the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct DayGroup {
    /// First day meant.
    pub start: NaiveDate,
    /// Last day meant.
    pub end: NaiveDate,
    /// Each mention as (index of its lane, the caller's key), in lane order.
    pub mentions: Vec<(usize, usize)>,
}

/// Gathers the dates of every lane by the days they mean, earliest first (a day before a span that starts on
/// it), keeping those that touch `first..=last`: who names which day, read down one list rather than across lanes.
pub fn by_day(lanes: &[Lane], first: NaiveDate, last: NaiveDate) -> Vec<DayGroup> {
    let mut groups: Vec<DayGroup> = Vec::new();
    let mut mentions: Vec<(NaiveDate, NaiveDate, usize, usize)> = lanes
        .iter()
        .enumerate()
        .flat_map(|(lane, l)| l.events.iter().map(move |e| (e.start, e.end, lane, e.key)))
        .filter(|&(start, end, _, _)| start <= last && end >= first)
        .collect();
    mentions.sort();
    for (start, end, lane, key) in mentions {
        match groups.last_mut() {
            Some(g) if g.start == start && g.end == end => g.mentions.push((lane, key)),
            _ => groups.push(DayGroup {
                start,
                end,
                mentions: vec![(lane, key)],
            }),
        }
    }
    groups
}

/// An excerpt of a sentence in three pieces, so that the date's own words can be marked: the words before it
/// (opening with "…" when the sentence began earlier), the date as written, and the words after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt {
    /// The words before the date.
    pub before: String,
    /// The date as written.
    pub date: String,
    /// The words after the date.
    pub after: String,
}

/// Up to about `max_chars` of `sentence` around the words at `at` (both byte spans into `text`), cut at spaces
/// with "…" where the sentence goes on: enough to say what happened on the day without the whole paragraph.
pub fn excerpt(
    text: &str,
    sentence: (usize, usize),
    at: (usize, usize),
    max_chars: usize,
) -> Excerpt {
    let (from, to) = (sentence.0.min(at.0), sentence.1.max(at.1));
    let at = (at.0.clamp(from, to), at.1.clamp(from, to));
    let side = max_chars.saturating_sub(at.1 - at.0) / 2;
    let mut start = at.0.saturating_sub(side).max(from);
    let mut end = (at.1 + side).min(to);
    // Room unused on one side goes to the other.
    if start == from {
        end = (from + max_chars).min(to);
    } else if end == to {
        start = to.saturating_sub(max_chars).max(from);
    }
    if text.get(from..to).map_or(0, |s| s.chars().count()) <= max_chars {
        (start, end) = (from, to);
    }
    while start > from && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < to && !text.is_char_boundary(end) {
        end += 1;
    }
    let before = text.get(start..at.0).unwrap_or("");
    let after = text.get(at.1..end).unwrap_or("");
    // Whole words only: drop a word cut at either end.
    let before = if start > from {
        before.split_once(' ').map_or("", |(_, rest)| rest)
    } else {
        before
    };
    let after = if end < to {
        after.rsplit_once(' ').map_or("", |(kept, _)| kept)
    } else {
        after
    };
    Excerpt {
        before: format!(
            "{}{}",
            if start > from { "…" } else { "" },
            before.trim_start()
        ),
        date: text.get(at.0..at.1).unwrap_or("").to_string(),
        after: format!("{}{}", after.trim_end(), if end < to { "…" } else { "" }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn event(start: NaiveDate, end: NaiveDate, key: usize) -> Event {
        Event { start, end, key }
    }

    fn labels(lanes: &[Lane], config: Config) -> Vec<String> {
        layout(lanes, config)
            .ticks
            .into_iter()
            .map(|t| t.label)
            .collect()
    }

    #[test]
    fn nice_ticks_for_every_span() {
        let lane = |first: NaiveDate, last: NaiveDate| Lane {
            report: None,
            events: vec![event(first, first, 0), event(last, last, 1)],
        };
        let config = Config::default();
        let cases: &[(NaiveDate, NaiveDate, &[&str])] = &[
            // A few days: one tick per day, the first with its year.
            (
                day(2025, 10, 12),
                day(2025, 10, 15),
                &["12 Oct 2025", "13 Oct", "14 Oct", "15 Oct"],
            ),
            // A month: Mondays.
            (
                day(2025, 10, 1),
                day(2025, 10, 31),
                &["6 Oct 2025", "13 Oct", "20 Oct", "27 Oct"],
            ),
            // Across New Year: the new year is named again.
            (
                day(2024, 12, 28),
                day(2025, 1, 3),
                &[
                    "28 Dec 2024",
                    "29 Dec",
                    "30 Dec",
                    "31 Dec",
                    "1 Jan 2025",
                    "2 Jan",
                    "3 Jan",
                ],
            ),
            // Most of a year: every other month, the first with its year.
            (
                day(2024, 2, 11),
                day(2024, 12, 31),
                &["Mar 2024", "May", "Jul", "Sep", "Nov"],
            ),
            // Fifty years: decades.
            (
                day(1974, 1, 1),
                day(2025, 10, 17),
                &["1980", "1990", "2000", "2010", "2020"],
            ),
        ];
        for &(first, last, want) in cases {
            let got = labels(
                &[lane(first, last)],
                Config {
                    show_all: true,
                    ..config
                },
            );
            assert_eq!(got, want, "{first}..{last}");
        }
    }

    #[test]
    fn ticks_are_inside_and_ordered() {
        for (first, last) in [
            (day(2025, 10, 12), day(2025, 10, 12)),
            (day(2025, 9, 12), day(2025, 10, 24)),
            (day(1900, 1, 1), day(2025, 1, 1)),
            (day(-500, 1, 1), day(2025, 1, 1)),
        ] {
            let g = layout(
                &[Lane {
                    report: None,
                    events: vec![event(first, last, 0)],
                }],
                Config::default(),
            );
            assert!(!g.ticks.is_empty(), "{first}..{last}");
            assert!(g.ticks.len() <= Config::default().max_ticks);
            assert!(g.ticks.windows(2).all(|w| w[0].x < w[1].x));
            assert!(g.ticks.iter().all(|t| t.x >= g.x0 && t.x <= g.x1));
        }
    }

    #[test]
    fn default_window_hides_far_background() {
        let lanes = [
            Lane {
                report: Some(day(2025, 10, 13)),
                events: vec![
                    event(day(2025, 10, 12), day(2025, 10, 12), 0),
                    event(day(1974, 1, 1), day(1974, 12, 31), 1),
                    event(day(2025, 10, 6), day(2025, 10, 12), 2),
                    // Late August ends within the lead-up gap of the month before the reports: shown.
                    event(day(2025, 8, 20), day(2025, 8, 31), 6),
                ],
            },
            Lane {
                report: Some(day(2025, 10, 17)),
                events: vec![
                    // From July, before the lead-up can reach, to September: clipped, not followed.
                    event(day(2025, 7, 1), day(2025, 9, 20), 3),
                    event(day(2025, 10, 20), day(2025, 10, 26), 4),
                    event(day(2025, 3, 1), day(2025, 5, 31), 5),
                ],
            },
        ];
        assert_eq!(
            window(&lanes, false),
            Some((day(2025, 8, 20), day(2025, 10, 24)))
        );
        assert_eq!(
            window(&lanes, true),
            Some((day(1974, 1, 1), day(2025, 10, 26)))
        );
        let g = layout(&lanes, Config::default());
        assert_eq!(g.hidden, 2, "1974 and the spring are outside the window");
        assert_eq!(g.lanes[0].hidden, 1);
        let keys: Vec<usize> = g.lanes[1].marks.iter().map(|m| m.key).collect();
        assert_eq!(keys, [3, 4], "input order");
        // July to September starts before the window and "next week" runs past it: both are clipped.
        let (sept, next_week) = (&g.lanes[1].marks[0], &g.lanes[1].marks[1]);
        assert!(sept.clipped_start && !sept.clipped_end);
        assert!(next_week.clipped_end && !next_week.clipped_start);
        match (&sept.shape, &next_week.shape) {
            (Shape::Bar { x, .. }, Shape::Bar { x: nx, width, .. }) => {
                assert!((x - g.x0).abs() < 1e-9, "clipped at the left edge");
                assert!(
                    (nx + width - g.x1).abs() < 1e-9,
                    "clipped at the right edge"
                );
            }
            other => panic!("ranges are bars: {other:?}"),
        }
        // Showing everything hides nothing.
        let all = layout(
            &lanes,
            Config {
                show_all: true,
                ..Config::default()
            },
        );
        assert_eq!(all.hidden, 0);
        assert_eq!(all.lanes.iter().map(|l| l.marks.len()).sum::<usize>(), 7);
    }

    #[test]
    fn marks_never_overlap() {
        let report = day(2025, 10, 13);
        let lanes = [Lane {
            report: Some(report),
            events: vec![
                event(report, report, 0),
                event(report, report, 1),
                event(day(2025, 10, 6), day(2025, 10, 12), 2),
                event(day(2025, 10, 12), day(2025, 10, 12), 3),
            ],
        }];
        let g = layout(&lanes, Config::default());
        let lane = &g.lanes[0];
        let report_x = lane.report.expect("report inside the window");
        let extent = |m: &Mark| match m.shape {
            Shape::Dot { cx, cy } => (cx - 5.0, cx + 5.0, cy),
            Shape::Bar { x, width, cy } => (x, x + width, cy),
        };
        let mut boxes: Vec<(f64, f64, f64)> = lane.marks.iter().map(extent).collect();
        boxes.push((report_x - 8.0, report_x + 8.0, lane.first_row));
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                let same_row = (a.2 - b.2).abs() < 1e-9;
                assert!(
                    !same_row || a.1 <= b.0 || b.1 <= a.0,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
        assert!(lane.bottom > lane.top + 3.0 * Config::default().row);
        // Many mentions of one day share the last allowed row rather than growing the lane without end.
        let crowded = [Lane {
            report: Some(report),
            events: (0..50).map(|k| event(report, report, k)).collect(),
        }];
        let g = layout(&crowded, Config::default());
        let rows = (g.lanes[0].bottom - g.lanes[0].top - 2.0 * Config::default().pad)
            / Config::default().row;
        assert!(
            (rows - Config::default().max_rows as f64).abs() < 1e-9,
            "{rows} rows"
        );
        assert_eq!(g.lanes[0].marks.len(), 50, "every mark is still drawn");
        // A single day is a dot at the middle of its day, and its day is right of the day before.
        let dot = |k: usize| match lane.marks.iter().find(|m| m.key == k).map(|m| &m.shape) {
            Some(Shape::Dot { cx, .. }) => *cx,
            other => panic!("key {k} is not a dot: {other:?}"),
        };
        assert!((dot(0) - report_x).abs() < 1e-9);
        assert!(dot(3) < dot(0));
    }

    #[test]
    fn edge_cases() {
        // Nothing dated: no window, no ticks, empty lanes still laid out.
        let g = layout(
            &[Lane {
                report: None,
                events: Vec::new(),
            }],
            Config::default(),
        );
        assert!(g.first.is_none() && g.ticks.is_empty());
        assert_eq!(g.lanes.len(), 1);
        assert!(g.lanes[0].report.is_none() && g.lanes[0].marks.is_empty());
        // Names above lanes make each lane taller by their room, and move the marks down with them.
        let above = Config {
            label_above: 14.0,
            ..Config::default()
        };
        let one = [Lane {
            report: Some(day(2024, 3, 23)),
            events: Vec::new(),
        }];
        let (plain, labelled) = (layout(&one, Config::default()), layout(&one, above));
        let height = |g: &Layout| g.lanes[0].bottom - g.lanes[0].top;
        assert!((height(&labelled) - height(&plain) - 14.0).abs() < 1e-9);
        assert!((labelled.lanes[0].first_row - plain.lanes[0].first_row - 14.0).abs() < 1e-9);
        // No lanes at all.
        let g = layout(&[], Config::default());
        assert!(g.lanes.is_empty() && g.height > 0.0);
        // Undated sources with absolute dates: the window is their dates.
        let lanes = [Lane {
            report: None,
            events: vec![event(day(2024, 3, 22), day(2024, 3, 22), 0)],
        }];
        assert_eq!(
            window(&lanes, false),
            Some((day(2024, 3, 22), day(2024, 3, 22)))
        );
        let g = layout(&lanes, Config::default());
        assert_eq!(g.lanes[0].marks.len(), 1);
        // An inverted range is read the right way round; extreme dates never panic.
        let g = layout(
            &[Lane {
                report: Some(day(2024, 3, 23)),
                events: vec![
                    event(day(2024, 3, 20), day(2024, 3, 10), 0),
                    event(NaiveDate::MIN, NaiveDate::MAX, 1),
                ],
            }],
            Config {
                show_all: true,
                ..Config::default()
            },
        );
        assert_eq!(g.lanes[0].marks.len(), 2);
    }

    #[test]
    fn dates_gathered_by_day() {
        let lane = |events: Vec<Event>| Lane {
            report: None,
            events,
        };
        let (d10, d12, d13) = (day(2025, 10, 10), day(2025, 10, 12), day(2025, 10, 13));
        let lanes = [
            lane(vec![event(d12, d12, 0), event(d10, d10, 1)]),
            lane(vec![event(d12, d13, 0), event(d12, d12, 1)]),
            lane(vec![event(day(1983, 4, 1), day(1983, 4, 30), 0)]),
        ];
        let group = |start, end, mentions: &[(usize, usize)]| DayGroup {
            start,
            end,
            mentions: mentions.to_vec(),
        };
        assert_eq!(
            by_day(&lanes, day(2025, 9, 1), day(2025, 10, 20)),
            vec![
                group(d10, d10, &[(0, 1)]),
                group(d12, d12, &[(0, 0), (1, 1)]),
                group(d12, d13, &[(1, 0)]),
            ]
        );
        // The whole range keeps the background month.
        assert_eq!(by_day(&lanes, day(1980, 1, 1), d13).len(), 4);
    }

    #[test]
    fn excerpts_keep_the_date_and_whole_words() {
        let text = "Two days earlier, on 10 October, a safety engineer e-mailed senior managers to warn of seepage at the dam.";
        let sentence = (0, text.len());
        let at = |w: &str| {
            let i = text.find(w).expect("in text");
            (i, i + w.len())
        };
        let cases = [
            (at("10 October"), 200, text.to_string()),
            (
                at("10 October"),
                40,
                "…earlier, on 10 October, a safety…".to_string(),
            ),
            (at("Two days"), 30, "Two days earlier, on 10…".to_string()),
            (
                at("the dam"),
                30,
                "…warn of seepage at the dam.".to_string(),
            ),
        ];
        for (span, max, want) in cases {
            let got = excerpt(text, sentence, span, max);
            assert_eq!(got.date, &text[span.0..span.1]);
            assert_eq!(
                format!("{}{}{}", got.before, got.date, got.after),
                want,
                "{max}"
            );
        }
        // Cuts never split a character, whatever the width asked for.
        let text =
            "Ça a duré 😀😀😀 jusqu’au 12 octobre, à l’aube, écrit le député Jérôme Lévêque.";
        let i = text.find("12 octobre").expect("in text");
        for max in 0..text.len() {
            let got = excerpt(text, (0, text.len()), (i, i + "12 octobre".len()), max);
            assert_eq!(got.date, "12 octobre");
        }
    }
}
