//! The root component: owns the workspace, runs the hooks, and lays out the sources panel and the views.

use crate::ui::components::{
    ClaimsView, EmptyState, EntitiesView, ExportMenu, FiguresView, Notices, ReaderView,
    SimilarityView, SourcesPanel, Status, Tabs, TimelineView,
};
use crate::ui::hooks::{
    use_analysis_runner, use_model_loader, use_persistence, use_restore, use_window_drop,
    AnalysisProgress,
};
use crate::ui::state::{View, Workspace};
use yew::prelude::*;

/// Moves the keyboard focus past the sources panel: to the selected view tab when there are views,
/// else to the main area. Done in code rather than by following `#main`, so the URL's fragment
/// (which may carry a shared analysis) is never touched.
fn skip_to_views(event: MouseEvent) {
    event.prevent_default();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = document
        .query_selector("nav#views [role=tab][aria-selected=true]")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("main"));
    if let Some(target) =
        target.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        let _ = target.focus();
    }
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let workspace = use_reducer(Workspace::default);
    use_restore(&workspace);
    use_persistence(&workspace);
    let progress = use_analysis_runner(&workspace);
    use_model_loader(&workspace);
    let dragging = use_window_drop(&workspace);

    let main = if workspace.sources.is_empty() {
        html! { <EmptyState /> }
    } else if workspace.n_articles() == 0 {
        html! {
            <div class="placeholder">
                <p>{ "None of the sources could be read. Their errors are listed on the left; add other files, paste text, or load the demo." }</p>
            </div>
        }
    } else if workspace.analysis.is_none() {
        html! {
            <div class="placeholder">
                <p>{ "Reading the articles…" }</p>
            </div>
        }
    } else {
        let view = match workspace.view {
            View::Reader => html! { <ReaderView /> },
            View::Entities => html! { <EntitiesView /> },
            View::Figures => html! { <FiguresView /> },
            View::Claims => html! { <ClaimsView /> },
            View::Similarity => html! { <SimilarityView /> },
            View::Timeline => html! { <TimelineView /> },
        };
        html! {
            <>
                <Tabs />
                <div class="view" role="tabpanel" id="view-panel" aria-labelledby={format!("tab-{}", workspace.view.as_str())}>
                    { view }
                </div>
            </>
        }
    };

    html! {
        <ContextProvider<UseReducerHandle<Workspace>> context={workspace.clone()}>
            <div class={classes!("app", dragging.then_some("dragging"))} data-ready="true">
                <a class="skip-link" id="skip-to-views" href="#main" onclick={Callback::from(skip_to_views)}>{ "Skip to the views" }</a>
                <header class="topbar">
                    <div class="brand">
                        <h1>{ "Corroborate" }</h1>
                        <p class="tagline">{ "Compare how news sources report one event. Everything stays on this device." }</p>
                    </div>
                    <div class="topbar-actions">
                        <ContextProvider<AnalysisProgress> context={progress}>
                            <Status />
                        </ContextProvider<AnalysisProgress>>
                        <ExportMenu />
                    </div>
                </header>
                <div class="layout">
                    <aside class="sidebar">
                        <SourcesPanel dragging={dragging} />
                    </aside>
                    <main class="main" id="main" tabindex="-1">
                        <Notices />
                        { main }
                    </main>
                </div>
            </div>
        </ContextProvider<UseReducerHandle<Workspace>>>
    }
}
