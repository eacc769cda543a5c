//! The sources panel (`section#sources`): drop zone, file picker, paste box, demo button and the source list,
//! drawn a page of [`PAGE_SIZE`] sources at a time so that a drop of a thousand files stays quick to draw.

use crate::ui::components::SourceItem;
use crate::ui::format;
use crate::ui::hooks::{on_files_read, read_files, use_workspace};
use crate::ui::rows;
use crate::ui::state::Action;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// How many sources the list draws at once; more are reached with the page buttons below it.
///
/// Every drawn source is a component with inputs, and each change of the workspace redraws them all, so a
/// thousand at once cost hundreds of milliseconds per change; a hundred cost a few.
pub const PAGE_SIZE: usize = 100;

/// Properties of [`SourcesPanel`].
#[derive(Properties, PartialEq)]
pub struct SourcesPanelProps {
    /// Whether files are being dragged over the window, to light up the drop zone.
    pub dragging: bool,
}

/// Where sources are added and edited.
#[component]
pub fn SourcesPanel(props: &SourcesPanelProps) -> Html {
    let workspace = use_workspace();
    let file_input = use_node_ref();
    let paste_box = use_node_ref();
    let paste_empty = use_state_eq(|| true);
    let page = use_state_eq(|| 0_usize);

    let choose = {
        let file_input = file_input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = file_input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let on_files = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(files) = input.files() {
                read_files(files, on_files_read(dispatcher.clone()));
            }
            // Clearing the picker lets the same file be chosen again later.
            input.set_value("");
        })
    };
    let on_paste_input = {
        let paste_empty = paste_empty.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                paste_empty.set(area.value().trim().is_empty());
            }
        })
    };
    let add_paste = {
        let dispatcher = workspace.dispatcher();
        let paste_box = paste_box.clone();
        let paste_empty = paste_empty.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste_box.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                if !text.trim().is_empty() {
                    dispatcher.dispatch(Action::AddPaste(text));
                    area.set_value("");
                    paste_empty.set(true);
                }
            }
        })
    };
    let load_demo = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::LoadDemo))
    };

    let n_sources = workspace.sources.len();
    let (first, end, shown_page) = rows::page_range(n_sources, *page, PAGE_SIZE);
    let paged = n_sources > PAGE_SIZE;
    let go = |to: usize| {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(to))
    };
    let last_page = n_sources.saturating_sub(1) / PAGE_SIZE;
    html! {
        <section id="sources" aria-labelledby="sources-title">
            <div class="panel-head">
                <h2 id="sources-title">{ "Sources" }</h2>
                if n_sources > 0 {
                    <span class="muted">{ n_sources }</span>
                }
            </div>
            <div id="dropzone" class={classes!("dropzone", props.dragging.then_some("active"))}>
                <p class="drop-title">{ "Drop articles here" }</p>
                <p class="hint">{ "Text, Markdown, saved web pages, PDF, Word, e-mail or ZIP, several at once." }</p>
                <button type="button" class="primary" onclick={choose}>{ "Choose files" }</button>
                <label for="file-input" class="visually-hidden">{ "Choose article files" }</label>
                <input
                    ref={file_input}
                    id="file-input"
                    class="visually-hidden"
                    type="file"
                    multiple=true
                    tabindex="-1"
                    onchange={on_files}
                />
            </div>
            <div class="paste">
                <label for="paste-text">{ "Or paste an article" }</label>
                <textarea
                    ref={paste_box}
                    id="paste-text"
                    rows="4"
                    placeholder={"Date: 2024-03-23\nTitle: …\n\nArticle text…"}
                    oninput={on_paste_input}
                />
                <div class="row">
                    <button type="button" id="paste-add" onclick={add_paste} aria-disabled={(*paste_empty).to_string()}>
                        { "Add pasted text" }
                    </button>
                    <button type="button" id="load-demo" class="secondary" onclick={load_demo}>{ "Load demo" }</button>
                </div>
            </div>
            <ul id="source-list" aria-label="Sources" data-sources={n_sources.to_string()} data-first={first.to_string()}>
                { for workspace.sources[first..end].iter().map(|source| html! {
                    <SourceItem key={source.path().to_string()} source={source.clone()} />
                }) }
            </ul>
            if paged {
                <nav id="source-pages" class="row" aria-label="Pages of sources">
                    <button type="button" id="sources-prev" class="secondary" onclick={go(shown_page.saturating_sub(1))}
                        disabled={shown_page == 0}>{ "‹ Previous" }</button>
                    <span class="muted" aria-live="polite">
                        { format!("{}–{} of {}", format::number((first + 1) as f64), format::number(end as f64), format::number(n_sources as f64)) }
                    </span>
                    <button type="button" id="sources-next" class="secondary" onclick={go((shown_page + 1).min(last_page))}
                        disabled={shown_page >= last_page}>{ "Next ›" }</button>
                </nav>
            }
        </section>
    }
}
