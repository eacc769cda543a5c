//! The analysis status line: `#analysis-status` with its state, the number of articles analysed, and while the
//! worker runs its progress (`progress#analysis-progress`, then the stage of the comparison) and a cancel button
//! (`#analysis-cancel`).

use crate::ui::format;
use crate::ui::hooks::{use_workspace, AnalysisProgress};
use crate::ui::state::AnalysisState;
use crate::ui::work;
use yew::prelude::*;

/// Says whether the analysis is idle, running or done, for people and for tests.
#[component]
pub fn Status() -> Html {
    let workspace = use_workspace();
    let running = use_context::<AnalysisProgress>();
    let progress = running.as_ref().and_then(|r| r.progress);
    let stage = running.as_ref().and_then(|r| r.stage);
    let n_analysed = workspace.analysis.as_ref().map_or(0, |a| a.articles.len());
    let text = match workspace.state {
        AnalysisState::Idle => "No articles yet".to_string(),
        AnalysisState::Running => match progress {
            // After the last article the worker compares them all, which takes a while on large drops:
            // the stage that runs is shown, so the line is seen moving.
            Some((done, total)) if done >= total => work::comparing_text(total, stage),
            Some((done, total)) => format!(
                "Analysing {} of {}…",
                format::number(done as f64),
                format::number(total as f64)
            ),
            None => format!(
                "Analysing {}…",
                format::count(workspace.n_articles(), "article", "articles")
            ),
        },
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
            if let (AnalysisState::Running, Some((done, total))) = (workspace.state, progress) {
                <progress id="analysis-progress" value={done.to_string()} max={total.to_string()}>{ format!("{done} of {total}") }</progress>
            }
            if let Some(running) = running.filter(|r| r.cancellable && workspace.state == AnalysisState::Running) {
                <button type="button" id="analysis-cancel" class="link" onclick={running.cancel.reform(|_: MouseEvent| ())}>{ "Cancel" }</button>
            }
        </div>
    }
}
