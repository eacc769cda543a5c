//! The figures view: `table#slots-table` with one row per figure slot (subsets indented under their parent),
//! each value in report-date order and clickable (the first 40, then "show more"), and the chart of the main slots
//! over report date.

use crate::analysis::{similarity, Analysis, ItemRef, SlotStatus};
use crate::ui::components::item_panel::figure_focus;
use crate::ui::components::FigureChart;
use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::state::Action;
use yew::prelude::*;

/// The status as people read it; colour is never the only signal.
pub fn status_text(status: SlotStatus) -> &'static str {
    match status {
        SlotStatus::Single => "• single source",
        SlotStatus::Agree => "✓ agree",
        SlotStatus::Update => "↗ update",
        SlotStatus::Conflict => "⚠ conflict",
    }
}

/// What the status means, for its tooltip.
fn status_help(status: SlotStatus) -> &'static str {
    match status {
        SlotStatus::Single => "Only one figure: nothing to compare.",
        SlotStatus::Agree => {
            "All values are compatible (hedges such as \"at least\" taken into account)."
        }
        SlotStatus::Update => "The value changes with the report date, as a rising toll does.",
        SlotStatus::Conflict => "Values differ on the same day, or go against time.",
    }
}

/// Slot indices with each subset placed right after its parent, and each slot's depth.
pub fn slot_order(analysis: &Analysis) -> Vec<(usize, usize)> {
    let slots = &analysis.comparison.slots;
    let index_of = |id: &str| slots.iter().position(|s| s.id == id);
    let mut order = Vec::with_capacity(slots.len());
    let mut placed = vec![false; slots.len()];
    fn visit(
        slot: usize,
        depth: usize,
        slots: &[crate::analysis::Slot],
        placed: &mut Vec<bool>,
        order: &mut Vec<(usize, usize)>,
    ) {
        if placed[slot] || depth > 8 {
            return;
        }
        placed[slot] = true;
        order.push((slot, depth));
        for (child, s) in slots.iter().enumerate() {
            if s.parent.as_deref() == Some(slots[slot].id.as_str()) {
                visit(child, depth + 1, slots, placed, order);
            }
        }
    }
    for (i, slot) in slots.iter().enumerate() {
        // Roots are slots without a parent, or whose parent is missing from the analysis.
        if slot.parent.as_deref().and_then(index_of).is_none() {
            visit(i, 0, slots, &mut placed, &mut order);
        }
    }
    // Slots caught in a parent cycle are still shown, at the top level.
    for i in 0..slots.len() {
        if !placed[i] {
            visit(i, 0, slots, &mut placed, &mut order);
        }
    }
    order
}

/// The members of a slot in report-date order (undated last), keeping the analysis order for ties.
pub fn members_by_date(analysis: &Analysis, members: &[ItemRef]) -> Vec<ItemRef> {
    let mut members = members.to_vec();
    members.sort_by_key(|m| {
        let date = analysis.articles.get(m.article).and_then(|a| a.date);
        (date.is_none(), date)
    });
    members
}

/// Values a slot's row draws before "more": a slot that a thousand reprints share stays one short row.
const VALUE_LIMIT: usize = 40;

/// The figures view.
#[component]
pub fn FiguresView() -> Html {
    let workspace = use_workspace();
    // Slots whose every value is drawn, by id.
    let expanded = use_state_eq(Vec::<String>::new);
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let slots = &analysis.comparison.slots;

    let copies = &analysis.comparison.copies;
    let rows = slot_order(&analysis).into_iter().map(|(slot_idx, depth)| {
        let slot = &slots[slot_idx];
        // Reprints of one story report its figure once: the count says how many sources are independent.
        let mut reporting: Vec<usize> = slot.members.iter().map(|m| m.article).collect();
        reporting.sort_unstable();
        reporting.dedup();
        let n_independent = similarity::independent(reporting.iter().copied(), copies);
        let members = members_by_date(&analysis, &slot.members);
        let n_values = members.len();
        let all_values = expanded.contains(&slot.id);
        let n_drawn = if all_values { n_values } else { n_values.min(VALUE_LIMIT) };
        let more = (n_drawn < n_values).then(|| {
            let (expanded, id) = (expanded.clone(), slot.id.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                let mut open = (*expanded).clone();
                open.push(id.clone());
                expanded.set(open);
            });
            html! {
                <li>
                    <button type="button" class="link more-values" {onclick}>
                        { format!("Show {} more", n_values - n_drawn) }
                    </button>
                </li>
            }
        });
        let values = members.into_iter().take(n_drawn).filter_map(|member| {
            let figure = analysis.extracted.get(member.article)?.figures.get(member.index)?;
            let article = analysis.articles.get(member.article)?;
            let outlet = outlets.get(member.article).cloned().unwrap_or_default();
            let focus = figure_focus(&analysis, member);
            let dispatcher = workspace.dispatcher();
            let onclick = Callback::from(move |_: MouseEvent| {
                if let Some(focus) = focus.clone() {
                    dispatcher.dispatch(Action::Focus(focus));
                }
            });
            let quote = figure.span.of(&article.text).to_string();
            Some(html! {
                <li>
                    <button
                        type="button"
                        class="slot-value"
                        data-value={format::plain(figure.value.unwrap_or_else(|| figure.point()))}
                        data-date={article.date.map(|d| d.to_string()).unwrap_or_default()}
                        data-path={article.path.clone()}
                        data-qualifier={figure.qualifier.as_str()}
                        title={format!("“{quote}”: open the sentence in {outlet}")}
                        {onclick}
                    >
                        <span class="value">{ format::figure_value(figure, &article.text) }</span>
                        <span class="outlet">{ outlet }</span>
                        <span class="date">{ article.date.map(format::date).unwrap_or_else(|| "no date".to_string()) }</span>
                    </button>
                </li>
            })
        });
        // A subset reads as the part it names ("children"), under its parent's row.
        let name = if depth == 0 {
            format::capitalized(&format::measure_name(slot.measure, slot.label.as_deref()))
        } else {
            let part = slot.label.clone().unwrap_or_else(|| format::measure_name(slot.measure, None));
            format!("↳ of which {part}")
        };
        html! {
            // Subsets are rows of their own but not `tr.slot-row`: a part of the death toll is not a
            // second death toll, and the DOM contract counts one `slot-row` per reported quantity.
            <tr
                class={classes!(if depth == 0 { "slot-row" } else { "subset-row" }, format!("depth-{}", depth.min(3)))}
                key={slot.id.clone()}
                data-slot={slot.id.clone()}
                data-parent={slot.parent.clone()}
                data-measure={slot.measure.as_str()}
                data-status={slot.status.as_str()}
            >
                <th scope="row" class="slot-name">{ name }</th>
                <td>
                    <span class={classes!("status-badge", slot.status.as_str())} title={status_help(slot.status)}>
                        { status_text(slot.status) }
                    </span>
                    <span class="sources-count" data-sources={reporting.len().to_string()} data-independent={n_independent.to_string()}
                        title="Sources whose wording is mostly shared (likely copies) count as one independent source">
                        { format::independent_sources(reporting.len(), n_independent) }
                    </span>
                </td>
                <td>
                    <ul class="slot-values">
                        { for values }
                        if let Some(more) = more {
                            { more }
                        }
                    </ul>
                </td>
            </tr>
        }
    });

    html! {
        <section id="figures" aria-labelledby="figures-title">
            <div class="view-head">
                <h2 id="figures-title">{ "Which figures each source reports" }</h2>
            </div>
            if slots.is_empty() {
                <p class="placeholder">{ "No figures (death tolls, injuries, arrests, other counts) were found in these articles." }</p>
            } else {
                <FigureChart />
                <div class="table-scroll">
                    <table id="slots-table">
                        <thead>
                            <tr>
                                <th scope="col">{ "Figure" }</th>
                                <th scope="col">{ "Status" }</th>
                                <th scope="col">{ "Values by report date (click to read)" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}
