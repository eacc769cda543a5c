//! One entry of the source list: editable outlet name and report date, counts, warnings, errors, removal.

use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::state::{Action, Source};
use chrono::NaiveDate;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`SourceItem`].
#[derive(Properties, PartialEq)]
pub struct SourceItemProps {
    /// The source shown.
    pub source: Rc<Source>,
}

/// One `li.source`.
#[component]
pub fn SourceItem(props: &SourceItemProps) -> Html {
    let workspace = use_workspace();
    let path = props.source.path().to_string();
    let remove = {
        let dispatcher = workspace.dispatcher();
        let path = path.clone();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Remove(path.clone())))
    };
    let remove_button = html! {
        <button type="button" class="source-remove icon" onclick={remove}
            aria-label={format!("Remove {path}")} title="Remove this source">{ "×" }</button>
    };

    let article = match props.source.as_ref() {
        Source::Error { message, .. } => {
            return html! {
                <li class="source error" data-path={path.clone()} data-status="error">
                    <div class="source-head">
                        <span class="source-name">{ &path }</span>
                        { remove_button }
                    </div>
                    <span class="source-date muted">{ "not read" }</span>
                    <p class="source-error" role="alert">{ message }</p>
                </li>
            };
        }
        Source::Ok { article } => article,
    };

    let rename = {
        let dispatcher = workspace.dispatcher();
        let path = path.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                dispatcher.dispatch(Action::Rename {
                    path: path.clone(),
                    name: input.value(),
                });
            }
        })
    };
    let rename_keys = Callback::from(|event: KeyboardEvent| {
        // Enter commits the name by leaving the field, which fires `change`.
        if event.key() == "Enter" {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let _ = input.blur();
            }
        }
    });
    let set_date = {
        let dispatcher = workspace.dispatcher();
        let path = path.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let value = input.value();
                let date = NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok();
                // A value the browser accepted but we cannot read is ignored rather than clearing the date.
                if date.is_some() || value.trim().is_empty() {
                    dispatcher.dispatch(Action::SetDate {
                        path: path.clone(),
                        date,
                    });
                }
            }
        })
    };
    let open = {
        let dispatcher = workspace.dispatcher();
        let path = path.clone();
        Callback::from(move |_: MouseEvent| {
            dispatcher.dispatch(Action::SelectArticle(path.clone()));
            dispatcher.dispatch(Action::SelectView(crate::ui::state::View::Reader));
        })
    };

    // Counts and warnings come from the analysis, when it has this article.
    let index = workspace.article_index(&path);
    let extracted =
        index.and_then(|i| workspace.analysis.as_ref().and_then(|a| a.extracted.get(i)));
    let counts = extracted.map(|e| {
        format!(
            "{} · {} · {}",
            format::count(e.names.len(), "name", "names"),
            format::count(e.dates.len(), "date", "dates"),
            format::count(e.figures.len(), "figure", "figures"),
        )
    });
    let mut warnings: Vec<String> = article.warnings.clone();
    if let Some(e) = extracted {
        warnings.extend(e.warnings.iter().cloned());
    }
    let id = format!(
        "src-{}",
        path.bytes()
            .fold(0_u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32))
    );
    let selected = workspace.reader_path.as_deref() == Some(path.as_str());

    html! {
        <li class={classes!("source", selected.then_some("selected"))} data-path={path.clone()} data-status="ok">
            <div class="source-head">
                <label class="visually-hidden" for={format!("{id}-name")}>{ format!("Outlet name for {path}") }</label>
                <input
                    id={format!("{id}-name")}
                    class="source-name"
                    type="text"
                    value={article.source.clone()}
                    title="Outlet name (click to edit)"
                    onchange={rename}
                    onkeydown={rename_keys}
                />
                { remove_button }
            </div>
            <div class="source-meta">
                <label for={format!("{id}-date")}>{ "Report date" }</label>
                <input
                    id={format!("{id}-date")}
                    class={classes!("source-date", article.date.is_none().then_some("missing"))}
                    type="date"
                    value={article.date.map(|d| d.to_string()).unwrap_or_default()}
                    onchange={set_date}
                />
            </div>
            <button type="button" class="source-title link" onclick={open} title={format!("Open {path} in the reader")}>
                { &article.title }
            </button>
            if article.title != path {
                <div class="source-path muted">{ &path }</div>
            }
            if let Some(counts) = counts {
                <div class="source-counts muted">{ counts }</div>
            }
            if !warnings.is_empty() {
                <ul class="source-warnings">
                    { for warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </li>
    }
}
