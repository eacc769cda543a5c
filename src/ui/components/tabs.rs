//! The view tabs: `nav#views` with one `role=tab` button per view, arrow keys moving between them.

use crate::ui::hooks::use_workspace;
use crate::ui::state::{Action, View};
use yew::prelude::*;

/// The tab bar.
#[component]
pub fn Tabs() -> Html {
    let workspace = use_workspace();
    let current = workspace.view;
    let on_key = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |event: KeyboardEvent| {
            let index = View::ALL.iter().position(|v| *v == current).unwrap_or(0);
            let n = View::ALL.len();
            let next = match event.key().as_str() {
                "ArrowRight" => (index + 1) % n,
                "ArrowLeft" => (index + n - 1) % n,
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            event.prevent_default();
            dispatcher.dispatch(Action::SelectView(View::ALL[next]));
            // Focus follows the selection, as the tabs pattern expects.
            let selector = format!("#tab-{}", View::ALL[next].as_str());
            let tab = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector(&selector).ok().flatten())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            if let Some(tab) = tab {
                let _ = tab.focus();
            }
        })
    };
    html! {
        <nav id="views" aria-label="Views">
            <div role="tablist" aria-label="Views" onkeydown={on_key}>
                { for View::ALL.iter().map(|&view| {
                    let selected = view == current;
                    let dispatcher = workspace.dispatcher();
                    let onclick = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SelectView(view)));
                    html! {
                        <button
                            type="button"
                            role="tab"
                            id={format!("tab-{}", view.as_str())}
                            class={classes!("tab", selected.then_some("selected"))}
                            data-view={view.as_str()}
                            aria-selected={selected.to_string()}
                            aria-controls="view-panel"
                            tabindex={if selected { "0" } else { "-1" }}
                            {onclick}
                        >
                            { view.title() }
                        </button>
                    }
                }) }
            </div>
        </nav>
    }
}
