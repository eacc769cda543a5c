//! What the main area shows before any source is added: what the app does, and the demo one click away.

use crate::ui::hooks::use_workspace;
use crate::ui::state::Action;
use yew::prelude::*;

/// Explains the app to a newcomer.
#[component]
pub fn EmptyState() -> Html {
    let workspace = use_workspace();
    let load_demo = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::LoadDemo))
    };
    html! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">{ "See how the sources agree, and where they don't" }</h2>
            <ol class="steps">
                <li>
                    <strong>{ "Add several articles about one event." }</strong>
                    { " Drop files anywhere on this page, choose them, or paste text. Plain text, Markdown and saved web pages work." }
                </li>
                <li>
                    <strong>{ "Compare." }</strong>
                    { " Who and what each source names, which figures it reports, and whether those figures agree, update or conflict." }
                </li>
                <li>
                    <strong>{ "Check." }</strong>
                    { " Every name and number links back to the sentence it came from." }
                </li>
            </ol>
            <p>
                <button type="button" class="primary large demo-cta" onclick={load_demo}>{ "Try it with the demo articles" }</button>
            </p>
            <p class="privacy">{ "Nothing is uploaded: the articles are read and compared inside this browser tab, and kept only in this browser's storage." }</p>
        </section>
    }
}
