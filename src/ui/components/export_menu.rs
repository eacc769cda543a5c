//! The header's "Export & share" menu (`details#export-menu`): the workspace as JSON, the tables as CSV, a
//! self-contained HTML report, the figure chart as SVG, importing a workspace file, and a share link.

use crate::ui::export;
use crate::ui::hooks::use_workspace;
use crate::ui::persist;
use crate::ui::state::{Action, Source};
use crate::ui::storage;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// What a download button makes.
#[derive(Clone, Copy, PartialEq)]
enum Export {
    Workspace,
    Report,
    EntitiesCsv,
    SlotsCsv,
    ClaimsCsv,
    ChartSvg,
}

/// The file name, MIME type and content of an export, or why it cannot be made now.
fn build(
    export: Export,
    workspace: &crate::ui::state::Workspace,
) -> Result<(String, &'static str, String), String> {
    let sources: Vec<&Source> = workspace.sources.iter().map(|s| s.as_ref()).collect();
    let analysis = workspace.analysis.as_deref();
    let outlets = analysis.map(|a| workspace.outlets(a)).unwrap_or_default();
    let need =
        || analysis.ok_or_else(|| "there is no analysis yet: add articles first".to_string());
    Ok(match export {
        Export::Workspace => (
            "corroborate-workspace.json".into(),
            "application/json",
            persist::to_json(sources, &workspace.edits, analysis)?,
        ),
        Export::Report => (
            "corroborate-report.html".into(),
            "text/html;charset=utf-8",
            export::report_html(&sources, analysis, &outlets),
        ),
        Export::EntitiesCsv => (
            "corroborate-entities.csv".into(),
            "text/csv;charset=utf-8",
            export::entities_csv(need()?, &outlets),
        ),
        Export::SlotsCsv => (
            "corroborate-figure-slots.csv".into(),
            "text/csv;charset=utf-8",
            export::slots_csv(need()?, &outlets),
        ),
        Export::ClaimsCsv => (
            "corroborate-claims.csv".into(),
            "text/csv;charset=utf-8",
            export::claims_csv(need()?, &outlets),
        ),
        Export::ChartSvg => (
            "corroborate-figures.svg".into(),
            "image/svg+xml",
            storage::figure_chart_svg()?,
        ),
    })
}

/// Exports, import and sharing, in one menu so the header stays quiet.
#[component]
pub fn ExportMenu() -> Html {
    let workspace = use_workspace();
    let share_url = use_state_eq(|| None::<String>);

    let download = |export: Export| {
        let workspace = workspace.clone();
        Callback::from(move |_: MouseEvent| {
            let result = build(export, &workspace)
                .and_then(|(name, mime, content)| storage::download(&name, mime, &content));
            if let Err(error) = result {
                workspace.dispatch(Action::Notify(format!(
                    "The export could not be made: {error}."
                )));
            }
        })
    };
    let import = Callback::from(|_: MouseEvent| {
        // The sources panel's picker reads the file; a workspace export is recognised by its format marker.
        let input = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("file-input"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            input.click();
        }
    });
    let share = {
        let workspace = workspace.clone();
        let share_url = share_url.clone();
        Callback::from(move |_: MouseEvent| {
            let fragment = persist::encode_fragment(
                workspace.sources.iter().map(|s| s.as_ref()),
                &workspace.edits,
            );
            match fragment {
                Ok(fragment) => {
                    let url = format!("{}#{fragment}", storage::share_base().unwrap_or_default());
                    share_url.set(Some(url.clone()));
                    let dispatcher = workspace.dispatcher();
                    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
                    wasm_bindgen_futures::spawn_local(async move {
                        let copied = match clipboard {
                            Some(clipboard) => {
                                JsFuture::from(clipboard.write_text(&url)).await.is_ok()
                            }
                            None => false,
                        };
                        dispatcher.dispatch(Action::Notify(if copied {
                            "Share link copied. It holds the sources and your entity corrections (not the analysis, which is recomputed) and never reaches a server.".to_string()
                        } else {
                            "The share link is shown in the menu: copy it from there.".to_string()
                        }));
                    });
                }
                Err(length) => {
                    share_url.set(None);
                    workspace.dispatch(Action::Notify(format!(
                        "This workspace is too large for a link ({} KB; links stop at {} KB). Use “Export analysis (.json)” and send the file instead.",
                        length.div_ceil(1024),
                        persist::MAX_FRAGMENT / 1024
                    )));
                }
            }
        })
    };

    let has_sources = !workspace.sources.is_empty();
    let has_analysis = workspace.analysis.is_some();
    let button = |id: &'static str,
                  label: &'static str,
                  enabled: bool,
                  onclick: Callback<MouseEvent>| {
        html! {
            <button type="button" id={id} disabled={!enabled} onclick={onclick}>{ label }</button>
        }
    };
    html! {
        <details id="export-menu" class="export-menu">
            <summary>{ "Export & share" }</summary>
            <div class="export-items">
                <p class="menu-group">{ "Workspace" }</p>
                { button("export-json", "Export analysis (.json)", has_sources, download(Export::Workspace)) }
                { button("import-json", "Import…", true, import) }
                { button("share-link", "Copy share link", has_sources, share) }
                if let Some(url) = &*share_url {
                    <label class="share-url">
                        <span class="visually-hidden">{ "Share link" }</span>
                        <input id="share-url" type="text" readonly=true value={url.clone()} />
                    </label>
                }
                <p class="menu-group">{ "Files" }</p>
                { button("export-report", "Report (.html)", has_sources, download(Export::Report)) }
                { button("export-csv-entities", "Entities (.csv)", has_analysis, download(Export::EntitiesCsv)) }
                { button("export-csv-slots", "Figure slots (.csv)", has_analysis, download(Export::SlotsCsv)) }
                { button("export-csv-claims", "Claims (.csv)", has_analysis, download(Export::ClaimsCsv)) }
                { button("export-chart-svg", "Figure chart (.svg)", has_analysis, download(Export::ChartSvg)) }
            </div>
        </details>
    }
}
