//! The figure chart (`svg#figure-chart`): values over report date for the main slots, one line and
//! colour per slot, a `circle.point` per value with a tooltip, and a legend; clicking a point opens its sentence.
//!
//! The legend lists every candidate slot as a toggle; by default only the slots on the scale of the
//! most reported one are drawn, so that a toll of 12 is not flattened against 12,000 evacuated.

use crate::analysis::{Analysis, Measure};
use crate::ui::chart::{self, Frame, Point, Series};
use crate::ui::components::figures::{members_by_date, status_text};
use crate::ui::components::item_panel::figure_focus;
use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::state::Action;
use std::rc::Rc;
use yew::prelude::*;

/// The most slots offered at once, so that the chart stays readable (and the palette has six colours).
const MAX_SERIES: usize = 6;

/// How far apart (as a ratio of largest values) two slots may be and still share the default chart.
const SCALE_FACTOR: f64 = 10.0;

/// The slots worth drawing: top-level slots of the main measures with the most values;
/// other quantities (magnitudes, money) only when there are no main ones, since they share one axis badly.
fn chart_slots(analysis: &Analysis) -> Vec<usize> {
    let slots = &analysis.comparison.slots;
    // Background figures (an earlier event) are listed in the table but kept off the chart of this event.
    let top: Vec<usize> = (0..slots.len())
        .filter(|&i| slots[i].parent.is_none() && slots[i].background.is_none())
        .collect();
    let main: Vec<usize> = top
        .iter()
        .copied()
        .filter(|&i| slots[i].measure != Measure::Other)
        .collect();
    let mut chosen = if main.is_empty() { top } else { main };
    // Stable sort: slots with more values first, the analysis order for ties.
    chosen.sort_by_key(|&i| std::cmp::Reverse(slots[i].members.len()));
    chosen.truncate(MAX_SERIES);
    chosen
}

/// The chart with its legend.
#[component]
pub fn FigureChart() -> Html {
    let workspace = use_workspace();
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let candidates = chart_slots(&analysis);
    let slots = &analysis.comparison.slots;
    let maxima: Vec<f64> = candidates
        .iter()
        .map(|&s| {
            slots[s]
                .members
                .iter()
                .filter_map(|m| analysis.extracted.get(m.article)?.figures.get(m.index))
                .map(|f| f.point())
                .fold(f64::NAN, f64::max)
        })
        .collect();
    let default_shown = chart::same_scale(&maxima, SCALE_FACTOR);
    // The user's toggles, by slot id; they survive re-analysis as long as the ids do.
    let toggled = use_state(Vec::<(String, bool)>::new);
    let shown: Vec<bool> = candidates
        .iter()
        .zip(&default_shown)
        .map(|(&s, &default)| {
            toggled
                .iter()
                .find(|(id, _)| *id == slots[s].id)
                .map_or(default, |&(_, on)| on)
        })
        .collect();
    // Colours follow the candidate's place in the legend, so toggling never recolours a line.
    let chosen: Vec<(usize, usize)> = candidates
        .iter()
        .enumerate()
        .filter(|(c, _)| shown[*c])
        .map(|(c, &s)| (c, s))
        .collect();
    let members: Vec<Vec<crate::analysis::ItemRef>> = chosen
        .iter()
        .map(|&(_, s)| members_by_date(&analysis, &slots[s].members))
        .collect();
    let series: Vec<Series> = members
        .iter()
        .map(|ms| Series {
            points: ms
                .iter()
                .enumerate()
                .filter_map(|(k, m)| {
                    let figure = analysis.extracted.get(m.article)?.figures.get(m.index)?;
                    Some(Point {
                        date: analysis.articles.get(m.article).and_then(|a| a.date),
                        value: figure.point(),
                        key: k,
                    })
                })
                .collect(),
        })
        .collect();
    let frame = Frame::default();
    let geometry = chart::layout(&series, frame);

    let grid = geometry.y_ticks.iter().map(|t| html! {
        <g class="tick y">
            <line x1={format!("{:.1}", geometry.x0)} x2={format!("{:.1}", geometry.x1)} y1={format!("{:.1}", t.at)} y2={format!("{:.1}", t.at)} />
            <text x={format!("{:.1}", geometry.x0 - 8.0)} y={format!("{:.1}", t.at + 4.0)} text-anchor="end">{ &t.label }</text>
        </g>
    });
    let x_ticks = geometry.x_ticks.iter().map(|t| html! {
        <g class="tick x">
            <line x1={format!("{:.1}", t.at)} x2={format!("{:.1}", t.at)} y1={format!("{:.1}", geometry.y1)} y2={format!("{:.1}", geometry.y1 + 5.0)} />
            <text x={format!("{:.1}", t.at)} y={format!("{:.1}", geometry.y1 + 19.0)} text-anchor="middle">{ &t.label }</text>
        </g>
    });
    let lines = geometry.lines.iter().enumerate().map(|(s, line)| {
        let (colour, slot_idx) = chosen[s];
        let slot = &slots[slot_idx];
        let name = format::measure_name(slot.measure, slot.label.as_deref());
        let points = line.points.iter().filter_map(|p| {
            let member = *members[s].get(p.key)?;
            let figure = analysis
                .extracted
                .get(member.article)?
                .figures
                .get(member.index)?;
            let article = analysis.articles.get(member.article)?;
            let date = article.date;
            let outlet = outlets.get(member.article).cloned().unwrap_or_default();
            let focus = figure_focus(&analysis, member);
            let dispatcher = workspace.dispatcher();
            let open = Rc::new(move || {
                if let Some(focus) = focus.clone() {
                    dispatcher.dispatch(Action::Focus(focus));
                }
            });
            let onclick = {
                let open = open.clone();
                Callback::from(move |_: MouseEvent| open())
            };
            // A point is a button for the keyboard too: Enter or Space opens its sentence, as a click does.
            let onkeydown = Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    open();
                }
            });
            let title = format!(
                "{name}: {} ({outlet}, {})",
                format::figure_value(figure, &article.text),
                format::date_or_none(date)
            );
            Some(html! {
                <circle class="point" cx={format!("{:.1}", p.x)} cy={format!("{:.1}", p.y)} r="5"
                    tabindex="0" role="button" aria-label={title.clone()} {onclick} {onkeydown}>
                    <title>{ title }</title>
                </circle>
            })
        });
        html! {
            <g class={classes!("series", format!("series-{colour}"))}>
                if !line.path.is_empty() {
                    <polyline points={chart::polyline(&line.path)} />
                }
                { for points }
            </g>
        }
    });
    let undated = match (geometry.undated_band, geometry.undated_x) {
        (Some((left, _)), Some(x)) => {
            let all_undated = geometry.x_ticks.is_empty();
            html! {
                <g class="tick x undated">
                    if !all_undated {
                        <line x1={format!("{left:.1}")} x2={format!("{left:.1}")} y1={format!("{:.1}", geometry.y0)} y2={format!("{:.1}", geometry.y1)} />
                    }
                    <text x={format!("{x:.1}")} y={format!("{:.1}", geometry.y1 + 19.0)} text-anchor="middle">
                        { if all_undated { "no report dates: set them in the sources panel" } else { "no date" } }
                    </text>
                </g>
            }
        }
        _ => html! {},
    };
    let legend = candidates.iter().enumerate().map(|(c, &slot_idx)| {
        let slot = &slots[slot_idx];
        let on = shown[c];
        let id = slot.id.clone();
        let toggled = toggled.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let mut next: Vec<(String, bool)> = toggled.iter().filter(|(i, _)| *i != id).cloned().collect();
            next.push((id.clone(), !on));
            toggled.set(next);
        });
        html! {
            <li class={format!("series-{c}")}>
                <button type="button" class={classes!("legend-toggle", (!on).then_some("off"))} aria-pressed={on.to_string()} {onclick}
                    title={if on { "Hide from the chart" } else { "Show on the chart" }}>
                    <span class="swatch" aria-hidden="true"></span>
                    { format::capitalized(&format::measure_name(slot.measure, slot.label.as_deref())) }
                    <span class="muted">{ format!(" {}", status_text(slot.status)) }</span>
                </button>
            </li>
        }
    });
    let label = format!(
        "Chart of {} over report date",
        chosen
            .iter()
            .map(|&(_, i)| format::measure_name(slots[i].measure, slots[i].label.as_deref()))
            .collect::<Vec<_>>()
            .join(", ")
    );

    html! {
        <figure class="chart">
            <div class="chart-scroll">
                <svg id="figure-chart" viewBox={format!("0 0 {} {}", frame.width, frame.height)} role="group" aria-label={label.clone()} aria-describedby="figure-chart-desc" preserveAspectRatio="xMidYMid meet">
                    <title>{ &label }</title>
                    <desc id="figure-chart-desc">{ "Each point is one source's value, placed at its report date; the table of figure slots holds the same values as text." }</desc>
                    <g class="grid">{ for grid }</g>
                    <line class="axis" x1={format!("{:.1}", geometry.x0)} x2={format!("{:.1}", geometry.x1)} y1={format!("{:.1}", geometry.y1)} y2={format!("{:.1}", geometry.y1)} />
                    { for x_ticks }
                    { undated }
                    { for lines }
                </svg>
            </div>
            <figcaption>
                <ul class="chart-legend">{ for legend }</ul>
                <span class="muted">{ "Values by report date. Click a point to read its sentence; click a legend entry to show or hide it." }</span>
            </figcaption>
        </figure>
    }
}
