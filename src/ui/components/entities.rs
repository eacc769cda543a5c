//! The entities view: `table#entities-table`, one row per entity and one coverage cell per source,
//! with filters by label and by coverage; a coverage cell opens the reader on the first mention.
//! The user corrects the aliasing here: ticked rows merge into one (`button#merge-entities`), an alias splits out
//! into a row of its own (`button.split-alias`), and the corrections in force are listed with undo (`#entity-edits`).

use crate::analysis::edits::{self, Outcome};
use crate::analysis::Label;
use crate::ui::components::item_panel::entity_focus;
use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::rows;
use crate::ui::state::Action;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How many rows are drawn before "show all", so that a huge batch stays responsive.
const ROW_LIMIT: usize = 200;

/// The row height assumed until a drawn row has been measured, in pixels.
const ROW_HEIGHT_GUESS: i32 = 33;

/// Which entities to show by how many sources name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Coverage {
    /// Every entity.
    Any,
    /// Named by every source.
    All,
    /// Named by more than one source but not all.
    Some,
    /// Named by exactly one source.
    One,
}

impl Coverage {
    const ALL: [Coverage; 4] = [Coverage::Any, Coverage::All, Coverage::Some, Coverage::One];

    fn value(self) -> &'static str {
        match self {
            Coverage::Any => "any",
            Coverage::All => "all",
            Coverage::Some => "some",
            Coverage::One => "one",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Coverage::Any => "Any coverage",
            Coverage::All => "Named by all sources",
            Coverage::Some => "Named by some sources",
            Coverage::One => "Named by one source only",
        }
    }

    fn keeps(self, n_naming: usize, n_sources: usize) -> bool {
        match self {
            Coverage::Any => true,
            Coverage::All => n_naming == n_sources,
            Coverage::Some => n_naming > 1 && n_naming < n_sources,
            Coverage::One => n_naming == 1,
        }
    }
}

/// The entities x sources matrix.
#[component]
pub fn EntitiesView() -> Html {
    let workspace = use_workspace();
    let label_filter = use_state_eq(|| None::<Label>);
    let coverage_filter = use_state_eq(|| Coverage::Any);
    let show_all = use_state_eq(|| false);
    // After "show all" on a long list only the rows near the view are drawn (see `crate::ui::rows`).
    let range = use_state_eq(|| (0_usize, 0_usize));
    let row_height = use_state_eq(|| ROW_HEIGHT_GUESS);
    let body_ref = use_node_ref();
    let top_spacer = use_node_ref();
    let bottom_spacer = use_node_ref();
    // The rows ticked for merging, by their key forms (which outlive the renumbering an edit causes).
    let selected = use_state_eq(Vec::<String>::new);
    // Set by a merge or split made here: the row it acted on is gone, so the focus moves to the new edit's undo.
    let acted = use_mut_ref(|| false);
    {
        let acted = acted.clone();
        use_effect_with(workspace.edits.len(), move |_| {
            if std::mem::take(&mut *acted.borrow_mut()) {
                let undo = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| {
                        d.query_selector("#entity-edits li.entity-edit:last-child .undo-edit")
                            .ok()
                            .flatten()
                    })
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(undo) = undo {
                    let _ = undo.focus();
                }
            }
        });
    }
    let analysis_ptr = workspace
        .analysis
        .as_ref()
        .map_or(0, |a| std::rc::Rc::as_ptr(a) as usize);
    let key_forms = {
        let analysis = workspace.analysis.clone();
        use_memo(analysis_ptr, move |_| {
            analysis
                .map(|a| edits::key_forms(&a.comparison))
                .unwrap_or_default()
        })
    };
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let n_sources = analysis.articles.len();
    let entities = &analysis.comparison.entities;
    // A ticked form that no row holds any more (after an edit or a new analysis) is no longer ticked.
    let n_selected = selected
        .iter()
        .filter(|form| key_forms.contains(form))
        .count();

    let mut labels: Vec<Label> = entities.iter().map(|e| e.label).collect();
    labels.sort();
    labels.dedup();

    let on_label = {
        let label_filter = label_filter.clone();
        let labels = labels.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                label_filter.set(labels.iter().copied().find(|l| l.as_str() == value));
            }
        })
    };
    let on_coverage = {
        let coverage_filter = coverage_filter.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                let value = select.value();
                coverage_filter.set(
                    Coverage::ALL
                        .into_iter()
                        .find(|c| c.value() == value)
                        .unwrap_or(Coverage::Any),
                );
            }
        })
    };

    let kept: Vec<usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| label_filter.is_none_or(|l| e.label == l))
        .filter(|(_, e)| {
            coverage_filter.keeps(e.counts.iter().filter(|&&c| c > 0).count(), n_sources)
        })
        .map(|(i, _)| i)
        .collect();
    let n_kept = kept.len();
    // A set of many sources draws fewer rows at first, so that 1,000 columns open in a moment.
    let first_rows = rows::rows_for(n_sources, ROW_LIMIT);
    let shown = if *show_all {
        n_kept
    } else {
        n_kept.min(first_rows)
    };

    let windowed = *show_all && n_kept > first_rows;
    {
        let (range, row_height, body_ref) = (range.clone(), row_height.clone(), body_ref.clone());
        use_effect_with((windowed, n_kept), move |&(windowed, n_kept)| {
            let mut listeners = Vec::new();
            if let (true, Some(window)) = (windowed, web_sys::window()) {
                let update = move || {
                    let Some(body) = body_ref.cast::<web_sys::HtmlElement>() else {
                        return;
                    };
                    // Every row has the same height (the windowed table does not wrap), so one tells all.
                    let measured = body
                        .query_selector("tr.entity-row")
                        .ok()
                        .flatten()
                        .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok())
                        .map(|row| row.offset_height())
                        .filter(|&h| h > 0)
                        .unwrap_or(*row_height);
                    row_height.set(measured);
                    let viewport = web_sys::window()
                        .and_then(|w| w.inner_height().ok())
                        .and_then(|h| h.as_f64())
                        .unwrap_or(900.0);
                    let scrolled = -body.get_bounding_client_rect().top();
                    range.set(rows::visible_rows(
                        n_kept,
                        f64::from(measured),
                        scrolled,
                        viewport,
                    ));
                };
                update();
                let update = std::rc::Rc::new(update);
                for event in ["scroll", "resize"] {
                    let update = update.clone();
                    listeners.push(EventListener::new_with_options(
                        &window,
                        event,
                        EventListenerOptions::run_in_capture_phase(),
                        move |_| update(),
                    ));
                }
            }
            move || drop(listeners)
        });
    }
    let (first, end) = if windowed {
        (
            range.0.min(n_kept),
            range.1.clamp(range.0.min(n_kept), n_kept),
        )
    } else {
        (0, shown)
    };
    {
        // Spacers stand in for the rows not drawn; their heights are set here because the CSP allows no inline styles.
        let (top_spacer, bottom_spacer) = (top_spacer.clone(), bottom_spacer.clone());
        let height = *row_height;
        use_effect_with(
            (first, end, n_kept, height, windowed),
            move |&(first, end, n_kept, height, windowed)| {
                let set = |spacer: &NodeRef, rows: usize| {
                    if let Some(element) = spacer.cast::<web_sys::HtmlElement>() {
                        let px = if windowed {
                            rows as i64 * i64::from(height)
                        } else {
                            0
                        };
                        let _ = element.style().set_property("height", &format!("{px}px"));
                    }
                };
                set(&top_spacer, first);
                set(&bottom_spacer, n_kept.saturating_sub(end));
            },
        );
    }

    let rows = kept[first..end].iter().map(|&entity_idx| {
        let entity = &entities[entity_idx];
        let paths: Vec<&str> = analysis
            .articles
            .iter()
            .enumerate()
            .filter(|(j, _)| entity.counts.get(*j).copied().unwrap_or(0) > 0)
            .map(|(_, a)| a.path.as_str())
            .collect();
        let others: Vec<&str> = entity.aliases.iter().map(String::as_str).filter(|a| *a != entity.name).collect();
        let related: Vec<&str> = analysis
            .comparison
            .related
            .get(entity_idx)
            .into_iter()
            .flatten()
            .filter_map(|&j| entities.get(j).map(|r| r.name.as_str()))
            .collect();
        let key_form = key_forms.get(entity_idx).cloned().unwrap_or_else(|| entity.name.clone());
        let is_selected = selected.contains(&key_form);
        let on_select = {
            let selected = selected.clone();
            let key_form = key_form.clone();
            Callback::from(move |_: Event| {
                let mut next: Vec<String> = (*selected).clone();
                match next.iter().position(|f| *f == key_form) {
                    Some(i) => {
                        next.remove(i);
                    }
                    None => next.push(key_form.clone()),
                }
                selected.set(next);
            })
        };
        let aliases = others.into_iter().map(|alias| {
            let dispatcher = workspace.dispatcher();
            let (form, from) = (alias.to_string(), key_form.clone());
            let acted = acted.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                *acted.borrow_mut() = true;
                dispatcher.dispatch(Action::SplitAlias { form: form.clone(), from: from.clone() })
            });
            html! {
                <span class="alias" data-form={alias.to_string()}>
                    { alias }
                    <button type="button" class="split-alias" data-form={alias.to_string()} {onclick}
                        aria-label={format!("Split “{alias}” out of {}", entity.name)}
                        title={format!("“{alias}” is not {}: give it a row of its own", entity.name)}>
                        <span aria-hidden="true">{ "✂" }</span>
                    </button>
                </span>
            }
        });
        let cells = analysis.articles.iter().enumerate().map(|(j, article)| {
            let count = entity.counts.get(j).copied().unwrap_or(0);
            let outlet = outlets.get(j).cloned().unwrap_or_default();
            if count == 0 {
                html! {
                    <td class="coverage none" data-path={article.path.clone()} data-count="0" title={format!("Not named by {outlet}")}>
                        <span aria-hidden="true">{ "·" }</span>
                        <span class="visually-hidden">{ "not named" }</span>
                    </td>
                }
            } else {
                let focus = entity_focus(&analysis, entity_idx, j);
                let dispatcher = workspace.dispatcher();
                let onclick = Callback::from(move |_: MouseEvent| {
                    if let Some(focus) = focus.clone() {
                        dispatcher.dispatch(Action::Focus(focus));
                    }
                });
                html! {
                    <td class="coverage named" data-path={article.path.clone()} data-count={count.to_string()} {onclick}>
                        // The name starts with the visible count (so speech input can say it) and says whose and what.
                        <button type="button" class="cell"
                            aria-label={format!("{count}: {} named by {outlet}", entity.name)}
                            title={format!("{}: named {} by {outlet}; show the first mention", entity.name, format::count(count as usize, "time", "times"))}>
                            { count }
                        </button>
                    </td>
                }
            }
        });
        html! {
            <tr
                class="entity-row"
                key={entity.id.clone()}
                data-entity={entity.id.clone()}
                data-label={entity.label.as_str()}
                data-name={entity.name.clone()}
                data-aliases={entity.aliases.join("|")}
                data-paths={paths.join("|")}
                data-form={key_form.clone()}
            >
                <td class="select">
                    <input type="checkbox" class="entity-select" checked={is_selected} onchange={on_select}
                        aria-label={format!("Select {} for merging", entity.name)} />
                </td>
                <th scope="row" class="entity-name">
                    { &entity.name }
                    if !related.is_empty() {
                        <span class="related" title="Named within the other's name, or holding it: related, not the same">
                            { format!("related to {}", related.join(", ")) }
                        </span>
                    }
                </th>
                <td><span class={classes!("badge", format!("label-{}", format::label_class(entity.label)))}>{ format::label_name(entity.label) }</span></td>
                <td class="aliases">{ for aliases }</td>
                { for cells }
            </tr>
        }
    });

    let expand = {
        let show_all = show_all.clone();
        Callback::from(move |_: MouseEvent| show_all.set(true))
    };
    let merge = {
        let selected = selected.clone();
        let key_forms = key_forms.clone();
        let dispatcher = workspace.dispatcher();
        let acted = acted.clone();
        Callback::from(move |_: MouseEvent| {
            *acted.borrow_mut() = true;
            let forms: Vec<String> = selected
                .iter()
                .filter(|form| key_forms.contains(form))
                .cloned()
                .collect();
            selected.set(Vec::new());
            dispatcher.dispatch(Action::MergeEntities(forms));
        })
    };
    let clear_selection = {
        let selected = selected.clone();
        Callback::from(move |_: MouseEvent| selected.set(Vec::new()))
    };
    let edit_list = edit_list(&workspace);

    html! {
        <section id="entities" aria-labelledby="entities-title">
            <div class="view-head">
                <h2 id="entities-title">{ "Who and what each source names" }</h2>
                <div class="filters">
                    <label for="label-filter">{ "Type" }</label>
                    <select id="label-filter" onchange={on_label}>
                        <option value="" selected={label_filter.is_none()}>{ "All types" }</option>
                        { for labels.iter().map(|l| html! {
                            <option value={l.as_str()} selected={*label_filter == Some(*l)}>{ format::label_name(*l) }</option>
                        }) }
                    </select>
                    <label for="coverage-filter">{ "Coverage" }</label>
                    <select id="coverage-filter" onchange={on_coverage}>
                        { for Coverage::ALL.iter().map(|c| html! {
                            <option value={c.value()} selected={*coverage_filter == *c}>{ c.title() }</option>
                        }) }
                    </select>
                </div>
            </div>
            <p class="muted">
                { format!("{} of {} shown. Numbers are mentions per source; click one to read the first mention.", n_kept, format::count(entities.len(), "entity", "entities")) }
            </p>
            <div class="entity-edit-bar" role="group" aria-label="Correct the entities">
                <button type="button" id="merge-entities" class="secondary" disabled={n_selected < 2} onclick={merge}
                    title="The ticked rows name one thing: show them as one row">
                    { if n_selected < 2 { "Merge selected".to_string() } else { format!("Merge {n_selected} selected") } }
                </button>
                if n_selected > 0 {
                    <button type="button" id="clear-selection" class="link" onclick={clear_selection}>{ "Clear selection" }</button>
                }
                <span class="muted">{ "Tick rows that name the same thing to merge them; press ✂ beside a spelling that is something else to split it out. Corrections are kept and apply to every view." }</span>
            </div>
            { edit_list }
            if entities.is_empty() {
                <p class="placeholder">{ "No names were found in these articles." }</p>
            } else {
                <div class="table-scroll">
                    <table id="entities-table" class={classes!("matrix", windowed.then_some("windowed"))} data-rows={n_kept.to_string()}>
                        <thead>
                            <tr>
                                <th scope="col" class="select"><span class="visually-hidden">{ "Select" }</span></th>
                                <th scope="col">{ "Name" }</th>
                                <th scope="col">{ "Type" }</th>
                                <th scope="col">{ "Also written" }</th>
                                { for analysis.articles.iter().enumerate().map(|(j, a)| html! {
                                    <th scope="col" class="source-col" title={a.path.clone()}>
                                        <span>{ outlets.get(j).cloned().unwrap_or_default() }</span>
                                    </th>
                                }) }
                            </tr>
                        </thead>
                        <tbody ref={body_ref}>
                            <tr class="spacer" aria-hidden="true" ref={top_spacer}></tr>
                            { for rows }
                            <tr class="spacer" aria-hidden="true" ref={bottom_spacer}></tr>
                        </tbody>
                    </table>
                </div>
                if shown < n_kept {
                    <button type="button" class="secondary" onclick={expand}>{ format!("Show all {n_kept} rows") }</button>
                }
            }
        </section>
    }
}

/// The corrections in force (`section#entity-edits`), each with what became of it and an undo button; nothing
/// when there are none.
fn edit_list(workspace: &crate::ui::hooks::WorkspaceHandle) -> Html {
    if workspace.edits.is_empty() {
        return html! {};
    }
    let items = workspace.edits.iter().enumerate().map(|(i, edit)| {
        let outcome = workspace.edit_outcomes.get(i);
        let (status, note) = match outcome {
            Some(Outcome::Applied) => ("applied", String::new()),
            Some(Outcome::AlreadySo) => ("already", " (the analysis already agrees)".to_string()),
            Some(Outcome::Missing(forms)) => (
                "missing",
                format!(
                    " (no longer applies: {} not in these articles)",
                    forms.iter().map(|f| format!("“{f}”")).collect::<Vec<_>>().join(", ")
                ),
            ),
            None => ("pending", String::new()),
        };
        let kind = match edit {
            edits::EntityEdit::Merge { .. } => "merge",
            edits::EntityEdit::Split { .. } => "split",
        };
        let description = edit.describe();
        let dispatcher = workspace.dispatcher();
        let undo = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::UndoEdit(i)));
        html! {
            <li class={classes!("entity-edit", status)} data-kind={kind} data-status={status}>
                <span class="edit-text">{ &description }</span>
                <span class="muted">{ note }</span>
                <button type="button" class="link undo-edit" onclick={undo} aria-label={format!("Undo: {description}")}>{ "Undo" }</button>
            </li>
        }
    });
    let dispatcher = workspace.dispatcher();
    let clear = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ClearEdits));
    html! {
        <section id="entity-edits" aria-labelledby="entity-edits-title">
            <h3 id="entity-edits-title">{ format!("Your corrections ({})", workspace.edits.len()) }</h3>
            <ol class="edit-list">{ for items }</ol>
            if workspace.edits.len() > 1 {
                <button type="button" id="clear-edits" class="link" onclick={clear}>{ "Undo all corrections" }</button>
            }
        </section>
    }
}
