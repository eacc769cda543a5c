//! Warnings and notices above the views: storage problems, the last action's notice, comparison warnings.

use crate::ui::hooks::use_workspace;
use crate::ui::state::Action;
use yew::prelude::*;

/// Shows what the user should know about the workspace as a whole.
#[component]
pub fn Notices() -> Html {
    let workspace = use_workspace();
    let dismiss = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::DismissNotice))
    };
    let comparison_warnings: Vec<String> = workspace
        .analysis
        .as_ref()
        .map(|a| a.comparison.warnings.clone())
        .unwrap_or_default();
    html! {
        <div class="notices">
            if let Some(warning) = &workspace.storage_warning {
                <p class="notice warning" role="alert">{ warning }</p>
            }
            if let Some(notice) = &workspace.notice {
                <p class="notice info" role="status">
                    <span>{ notice }</span>
                    <button type="button" class="link" onclick={dismiss}>{ "Dismiss" }</button>
                </p>
            }
            if !comparison_warnings.is_empty() {
                <ul class="notice warning comparison-warnings" aria-label="Comparison warnings">
                    { for comparison_warnings.iter().map(|w| html! { <li>{ w }</li> }) }
                </ul>
            }
        </div>
    }
}
