//! The timeline view (`svg#timeline`): one date axis and one lane per source, with the source's report date
//! (`circle.report`) and every date it mentions (`.event`: a dot for a day, a bar for a range), each
//! clickable to its sentence. By default it shows the weeks around the reporting, with a toggle for all dates.

use crate::analysis::Analysis;
use crate::ui::format;
use crate::ui::heatmap::short_label;
use crate::ui::hooks::{use_workspace, WorkspaceHandle};
use crate::ui::state::{Action, Focus, FocusItem};
use crate::ui::timeline::{self, Config, Event, Lane, Shape};
use yew::prelude::*;

/// How many lanes are drawn before "show all", so that a huge batch stays responsive.
const LANE_LIMIT: usize = 100;

/// The longest source name written beside a lane; the full name is in its tooltip.
const LABEL_CHARS: usize = 22;

/// Below this window width (in CSS pixels) names go above their lanes and the drawing is narrower.
const NARROW: f64 = 600.0;

/// Whether the window is phone-sized; read at render time, which follows every change of view.
fn narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW)
}

/// The focus on date `date_idx` of article `article_idx`: its sentence, and the date in the side panel.
fn date_focus(analysis: &Analysis, article_idx: usize, date_idx: usize) -> Option<Focus> {
    let date = analysis.extracted.get(article_idx)?.dates.get(date_idx)?;
    Some(Focus {
        path: analysis.articles.get(article_idx)?.path.clone(),
        span: date.span,
        item: Some(FocusItem::Date(date_idx)),
    })
}

/// A keyboard handler that runs `open` on Enter or Space, for SVG marks acting as buttons.
fn on_enter(open: Callback<MouseEvent>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            if let Ok(click) = web_sys::MouseEvent::new("click") {
                open.emit(click);
            }
        }
    })
}

/// A date or range as people read it: "12 Oct 2025" or "11 Sep 2025 to 20 Sep 2025".
fn range_text(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    if start == end {
        format::date(start)
    } else {
        format!("{} to {}", format::date(start), format::date(end))
    }
}

/// How many dates the list under the chart shows before "show all".
const DAY_LIMIT: usize = 40;

/// How many sources one date of the list names before "and N more"; every mention stays on the chart.
const MENTION_LIMIT: usize = 8;

/// The longest excerpt of a sentence shown beside its date in the list.
const EXCERPT_CHARS: usize = 110;

/// The list under the chart: every date shown on it, earliest first, with the sources that name it and the words
/// around it, each a button to its sentence. It reads down one list what the chart spreads across lanes, and a
/// screen reader gets the timeline as text.
fn day_list(
    workspace: &WorkspaceHandle,
    analysis: &Analysis,
    outlets: &[String],
    lanes: &[usize],
    groups: &[timeline::DayGroup],
    shown: usize,
) -> Html {
    let rows = groups.iter().take(shown).map(|group| {
        let n = group.mentions.len();
        let mut named_by: Vec<usize> = group.mentions.iter().map(|&(lane, _)| lane).collect();
        named_by.dedup();
        let mentions = group.mentions.iter().take(MENTION_LIMIT).filter_map(|&(lane, key)| {
            let article_idx = *lanes.get(lane)?;
            let article = analysis.articles.get(article_idx)?;
            let found = analysis.extracted.get(article_idx)?;
            let date = found.dates.get(key)?;
            let sentence = found
                .segments
                .sentence_at(date.span.start)
                .and_then(|s| found.segments.sentences.get(s))
                .map_or((date.span.start, date.span.end), |s| (s.span.start, s.span.end));
            let words = timeline::excerpt(
                &article.text,
                sentence,
                (date.span.start, date.span.end),
                EXCERPT_CHARS,
            );
            let outlet = outlets.get(article_idx).cloned().unwrap_or_default();
            let focus = date_focus(analysis, article_idx, key);
            let dispatcher = workspace.dispatcher();
            let onclick = Callback::from(move |_: MouseEvent| {
                if let Some(focus) = focus.clone() {
                    dispatcher.dispatch(Action::Focus(focus));
                }
            });
            let how = if date.note.is_empty() {
                format!("“{}”", date.span.of(&article.text))
            } else {
                format!("“{}”: {}", date.span.of(&article.text), date.note)
            };
            Some(html! {
                <li>
                    <button type="button" class="link day-mention" data-path={article.path.clone()}
                        title={format!("{how}. Click to read the sentence.")} {onclick}>
                        <strong>{ outlet }</strong>
                    </button>
                    <span class="excerpt">{ format!(" {}", words.before) }<strong>{ words.date }</strong>{ words.after }</span>
                </li>
            })
        });
        let more = n.saturating_sub(MENTION_LIMIT);
        html! {
            <tr class="day-row" data-date={group.start.to_string()}>
                <th scope="row">{ range_text(group.start, group.end) }</th>
                <td class="num">{ named_by.len() }</td>
                <td>
                    <ul class="day-mentions">{ for mentions }</ul>
                    if more > 0 {
                        <p class="muted">{ format!("and {} more (marked on the chart)", format::count(more, "mention", "mentions")) }</p>
                    }
                </td>
            </tr>
        }
    });
    html! {
        <table id="timeline-days">
            <caption>{ "Every date on the chart, earliest first: which sources name it, in their own words" }</caption>
            <thead>
                <tr><th scope="col">{ "Date" }</th><th scope="col">{ "Sources" }</th><th scope="col">{ "Named by" }</th></tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// Draws lane `lane_idx` (article `article_idx`) of `geometry`.
fn lane_marks(
    workspace: &WorkspaceHandle,
    analysis: &Analysis,
    outlet: &str,
    article_idx: usize,
    lane: &timeline::LaneLayout,
    geometry: &timeline::Layout,
) -> Html {
    let Some(article) = analysis.articles.get(article_idx) else {
        return html! {};
    };
    let dates = analysis
        .extracted
        .get(article_idx)
        .map(|e| e.dates.as_slice())
        .unwrap_or(&[]);
    let path = article.path.clone();
    let report = lane.report.map(|x| {
        let dispatcher = workspace.dispatcher();
        let path = path.clone();
        let open = Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::SelectArticle(path.clone()))
        });
        let title = format!(
            "{outlet} reported on {}. Click to read the article.",
            format::date_or_none(article.date)
        );
        html! {
            <>
            <line class="report-line" x1={format!("{x:.1}")} x2={format!("{x:.1}")} y1={format!("{:.1}", lane.top + 2.0)} y2={format!("{:.1}", lane.bottom - 2.0)} />
            <circle class="report" cx={format!("{x:.1}")} cy={format!("{:.1}", lane.first_row)} r="7"
                data-path={article.path.clone()} data-date={article.date.map(|d| d.to_string()).unwrap_or_default()}
                tabindex="0" role="button" aria-label={title.clone()}
                onclick={open.clone()} onkeydown={on_enter(open)}>
                <title>{ title }</title>
            </circle>
            </>
        }
    });
    let marks = lane.marks.iter().filter_map(|mark| {
        let date = dates.get(mark.key)?;
        let written = date.span.of(&article.text);
        let mut title = format!("“{written}” in {outlet}: {}", range_text(date.start, date.end));
        if !date.note.is_empty() {
            title.push_str(&format!(" ({})", date.note));
        }
        if mark.clipped_start || mark.clipped_end {
            title.push_str(". The range runs past the dates shown");
        }
        title.push_str(". Click to read the sentence.");
        let focus = date_focus(analysis, article_idx, mark.key);
        let dispatcher = workspace.dispatcher();
        let open = Callback::from(move |_: MouseEvent| {
            if let Some(focus) = focus.clone() {
                dispatcher.dispatch(Action::Focus(focus));
            }
        });
        let class = classes!(
            "event",
            date.relative.then_some("relative"),
            mark.clipped_start.then_some("clipped-start"),
            mark.clipped_end.then_some("clipped-end")
        );
        Some(match mark.shape {
            Shape::Dot { cx, cy } => html! {
                <circle class={class} cx={format!("{cx:.1}")} cy={format!("{cy:.1}")} r="5"
                    data-path={path.clone()} data-date={date.value()}
                    tabindex="0" role="button" aria-label={title.clone()}
                    onclick={open.clone()} onkeydown={on_enter(open)}>
                    <title>{ title }</title>
                </circle>
            },
            Shape::Bar { x, width, cy } => {
                // A clipped end is marked with a small arrow pointing off the axis.
                let arrow = |at: f64, dir: f64| {
                    format!(
                        "{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
                        at,
                        cy - 5.0,
                        at + dir * 6.0,
                        cy,
                        at,
                        cy + 5.0
                    )
                };
                html! {
                    <g class="range">
                        <rect class={class} x={format!("{x:.1}")} y={format!("{:.1}", cy - 4.0)} width={format!("{width:.1}")} height="8" rx="4"
                            data-path={path.clone()} data-date={date.value()}
                            tabindex="0" role="button" aria-label={title.clone()}
                            onclick={open.clone()} onkeydown={on_enter(open)}>
                            <title>{ title }</title>
                        </rect>
                        if mark.clipped_start {
                            <polygon class="clip-arrow" points={arrow(geometry.x0, -1.0)} />
                        }
                        if mark.clipped_end {
                            <polygon class="clip-arrow" points={arrow(geometry.x1, 1.0)} />
                        }
                    </g>
                }
            }
        })
    });
    html! {
        <g class="lane-marks" data-path={path.clone()}>
            { for marks }
            { for report }
        </g>
    }
}

/// The timeline view.
#[component]
pub fn TimelineView() -> Html {
    let workspace = use_workspace();
    let show_all_dates = use_state_eq(|| false);
    let show_all_lanes = use_state_eq(|| false);
    let all_days = use_state_eq(|| false);
    // Hooks run on every render, before any early return.
    let narrow = narrow();
    // On a phone the drawing is wider than the screen: start scrolled to the right end, where the reports are.
    use_effect_with((narrow, *show_all_dates), |&(narrow, _)| {
        if narrow {
            let scroller = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                d.query_selector("#timeline-view .chart-scroll")
                    .ok()
                    .flatten()
            });
            if let Some(scroller) = scroller {
                scroller.set_scroll_left(scroller.scroll_width());
            }
        }
    });
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);

    // A lane for every source with something to place; sources with nothing are only listed.
    let with_something: Vec<usize> = (0..analysis.articles.len())
        .filter(|&j| {
            analysis.articles[j].date.is_some()
                || analysis
                    .extracted
                    .get(j)
                    .is_some_and(|e| !e.dates.is_empty())
        })
        .collect();
    let n_lanes = with_something.len();
    let drawn: Vec<usize> = if *show_all_lanes {
        with_something.clone()
    } else {
        with_something.iter().copied().take(LANE_LIMIT).collect()
    };
    let lanes: Vec<Lane> = drawn
        .iter()
        .map(|&j| Lane {
            report: analysis.articles[j].date,
            events: analysis
                .extracted
                .get(j)
                .map(|e| {
                    e.dates
                        .iter()
                        .enumerate()
                        .map(|(key, d)| Event {
                            start: d.start,
                            end: d.end,
                            key,
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    let config = if narrow {
        Config {
            width: 600.0,
            left: 12.0,
            right: 16.0,
            label_above: 15.0,
            max_ticks: 6,
            show_all: *show_all_dates,
            ..Config::default()
        }
    } else {
        Config {
            show_all: *show_all_dates,
            ..Config::default()
        }
    };
    let geometry = timeline::layout(&lanes, config);
    let windowed = !*show_all_dates && lanes.iter().any(|l| l.report.is_some());
    // The earliest and latest dates outside the window, to say what the toggle would add.
    let all_bounds = timeline::window(&lanes, true);

    let ticks = geometry.ticks.iter().map(|t| html! {
        <g class="tick">
            <line x1={format!("{:.1}", t.x)} x2={format!("{:.1}", t.x)} y1={format!("{:.1}", geometry.axis_y)} y2={format!("{:.1}", geometry.height - 4.0)} />
            <text x={format!("{:.1}", t.x)} y={format!("{:.1}", geometry.axis_y - 8.0)} text-anchor="middle">{ &t.label }</text>
        </g>
    });
    let lane_rows = geometry.lanes.iter().zip(&drawn).enumerate().map(|(i, (lane, &j))| {
        let outlet = outlets.get(j).cloned().unwrap_or_default();
        html! {
            <g class={classes!("lane", (i % 2 == 1).then_some("odd"))}>
                <rect class="lane-bg" x="0" y={format!("{:.1}", lane.top)} width={format!("{:.1}", geometry.width)} height={format!("{:.1}", lane.bottom - lane.top)} />
                <text class="lane-label"
                    x={format!("{:.1}", if narrow { geometry.x0 } else { geometry.x0 - 10.0 })}
                    y={format!("{:.1}", if narrow { lane.top + 14.0 } else { lane.first_row + 4.0 })}
                    text-anchor={if narrow { "start" } else { "end" }}>
                    <title>{ format!("{outlet}: {}", analysis.articles.get(j).map(|a| a.path.as_str()).unwrap_or("")) }</title>
                    { short_label(&outlet, LABEL_CHARS) }
                </text>
            </g>
        }
    });
    let lane_marks = geometry.lanes.iter().zip(&drawn).map(|(lane, &j)| {
        let outlet = outlets.get(j).cloned().unwrap_or_default();
        lane_marks(&workspace, &analysis, &outlet, j, lane, &geometry)
    });

    let groups = match (geometry.first, geometry.last) {
        (Some(first), Some(last)) => timeline::by_day(&lanes, first, last),
        _ => Vec::new(),
    };
    let days_shown = if *all_days {
        groups.len()
    } else {
        groups.len().min(DAY_LIMIT)
    };
    let show_days = {
        let all_days = all_days.clone();
        Callback::from(move |_: MouseEvent| all_days.set(true))
    };
    let toggle_dates = {
        let show_all_dates = show_all_dates.clone();
        Callback::from(move |_: MouseEvent| show_all_dates.set(!*show_all_dates))
    };
    let expand_lanes = {
        let show_all_lanes = show_all_lanes.clone();
        Callback::from(move |_: MouseEvent| show_all_lanes.set(true))
    };
    let undated: Vec<String> = analysis
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.date.is_none())
        .map(|(j, _)| outlets.get(j).cloned().unwrap_or_default())
        .collect();
    let empty: Vec<String> = analysis
        .articles
        .iter()
        .enumerate()
        .filter(|(j, _)| !with_something.contains(j))
        .map(|(j, _)| outlets.get(j).cloned().unwrap_or_default())
        .collect();
    let window_text = match (geometry.first, geometry.last) {
        (Some(first), Some(last)) if windowed => format!(
            "Showing {} to {}: the weeks around the reports and the lead-up that runs on to them.",
            format::date(first),
            format::date(last)
        ),
        (Some(first), Some(last)) => format!(
            "Showing every date, {} to {}.",
            format::date(first),
            format::date(last)
        ),
        _ => String::new(),
    };
    let toggle_text = if *show_all_dates {
        "Show the weeks around the reports".to_string()
    } else {
        match all_bounds {
            Some((first, _)) if geometry.hidden > 0 => format!(
                "Show all dates ({} more, back to {})",
                geometry.hidden,
                first.format("%Y")
            ),
            _ => "Show all dates".to_string(),
        }
    };

    html! {
        <section id="timeline-view" aria-labelledby="timeline-title">
            <div class="view-head">
                <h2 id="timeline-title">{ "When each source reported, and the dates it mentions" }</h2>
                if windowed || *show_all_dates {
                    <button type="button" id="timeline-all" class="secondary" aria-pressed={show_all_dates.to_string()} onclick={toggle_dates}>
                        { toggle_text }
                    </button>
                }
            </div>
            <p class="muted">{ window_text }</p>
            <ul class="timeline-key" aria-label="Key">
                <li><svg width="18" height="18" aria-hidden="true"><line class="report-line" x1="9" x2="9" y1="0" y2="18" /><circle class="report" cx="9" cy="9" r="6" /></svg>{ "report date" }</li>
                <li><svg width="18" height="18" aria-hidden="true"><circle class="event" cx="9" cy="9" r="5" /></svg>{ "a day mentioned" }</li>
                <li><svg width="30" height="18" aria-hidden="true"><rect class="event" x="2" y="5" width="26" height="8" rx="4" /></svg>{ "a span mentioned (\"mid-February\", \"last week\")" }</li>
                <li><svg width="18" height="18" aria-hidden="true"><circle class="event relative" cx="9" cy="9" r="5" /></svg>{ "resolved from the report date (\"on Friday\")" }</li>
            </ul>
            if lanes.is_empty() {
                <p class="placeholder">{ "No source has a report date or a date that could be resolved. Set report dates in the sources panel." }</p>
            } else {
                <figure class="chart timeline">
                    <div class="chart-scroll">
                        <svg id="timeline" class={classes!(narrow.then_some("narrow"))} viewBox={format!("0 0 {:.0} {:.0}", geometry.width, geometry.height)} role="group" aria-label="Timeline of report dates and mentioned dates" aria-describedby="timeline-desc">
                            <title>{ "Timeline of report dates and mentioned dates" }</title>
                            <desc id="timeline-desc">{ "One lane per source: its report date, then each date its text mentions, each a button named with the date, the words and how the date was resolved." }</desc>
                            <g class="lanes">{ for lane_rows }</g>
                            <g class="ticks">{ for ticks }</g>
                            <line class="axis" x1={format!("{:.1}", geometry.x0)} x2={format!("{:.1}", geometry.x1)} y1={format!("{:.1}", geometry.axis_y)} y2={format!("{:.1}", geometry.axis_y)} />
                            { for lane_marks }
                        </svg>
                    </div>
                    <figcaption>
                        <span class="muted">{ "Click a mark to read its sentence; hover for how the date was resolved." }</span>
                        if geometry.hidden > 0 {
                            <span class="muted hidden-note">{ format!("{} outside these dates (background such as earlier events).", format::count(geometry.hidden, "date lies", "dates lie")) }</span>
                        }
                    </figcaption>
                </figure>
                if drawn.len() < n_lanes {
                    <button type="button" class="secondary" onclick={expand_lanes}>{ format!("Show all {n_lanes} sources") }</button>
                }
                if !groups.is_empty() {
                    { day_list(&workspace, &analysis, &outlets, &drawn, &groups, days_shown) }
                    if days_shown < groups.len() {
                        <button type="button" id="timeline-days-more" class="secondary" onclick={show_days}>
                            { format!("Show all {} dates", groups.len()) }
                        </button>
                    }
                }
            }
            if !undated.is_empty() {
                <p class="notice warning undated-note">
                    { format!("No report date: {}. ", undated.join(", ")) }
                    { "Set one in the sources panel to place them: relative dates such as \"on Friday\" depend on it." }
                </p>
            }
            if !empty.is_empty() {
                <p class="muted empty-note">{ format!("Nothing to place for {}: no report date and no date in the text.", empty.join(", ")) }</p>
            }
        </section>
    }
}
