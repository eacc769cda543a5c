//! The analysis status line: `#analysis-status` with its state and the number of articles analysed.

use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::state::AnalysisState;
use yew::prelude::*;

/// Says whether the analysis is idle, running or done, for people and for tests.
#[component]
pub fn Status() -> Html {
    let workspace = use_workspace();
    let n_analysed = workspace.analysis.as_ref().map_or(0, |a| a.articles.len());
    let text = match workspace.state {
        AnalysisState::Idle => "No articles yet".to_string(),
        AnalysisState::Running => format!(
            "Analysing {}…",
            format::count(workspace.n_articles(), "article", "articles")
        ),
        AnalysisState::Done => match &workspace.analysis {
            Some(analysis) => format!(
                "{} compared · {} · {}",
                format::count(n_analysed, "article", "articles"),
                format::count(analysis.comparison.entities.len(), "entity", "entities"),
                format::count(
                    analysis.comparison.slots.len(),
                    "figure slot",
                    "figure slots"
                ),
            ),
            None => "Done".to_string(),
        },
    };
    html! {
        <div
            id="analysis-status"
            class={classes!("status", workspace.state.as_str())}
            data-state={workspace.state.as_str()}
            data-articles={n_analysed.to_string()}
            data-names={if workspace.names_by_model { "model" } else { "rules" }}
            role="status"
            aria-live="polite"
        >
            if workspace.state == AnalysisState::Running {
                <span class="spinner" aria-hidden="true"></span>
            }
            <span>{ text }</span>
        </div>
    }
}
