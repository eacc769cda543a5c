//! The claims view: `table#claims-table`, one row per claim (most widely stated first) and one cell per source
//! saying, with a symbol and a word, whether it states the claim, says nothing, or contradicts it;
//! a filter by agreement, and a stated or contradicting cell opens its sentence in the reader. A cell names whom its
//! sentence attributes the claim to ("per the ministry"), and statements that one source alone attributes to someone
//! are rows of their own. Where the sources of
//! a row give different values for one figure, each cell shows its own and the row says how they relate.

use crate::analysis::{similarity, Analysis, Claim, ClaimState, Span};
use crate::ui::claim_figures;
use crate::ui::claim_filter::{Agreement, ClaimFilter};
use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::rows;
use crate::ui::state::{Action, Focus, View};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// How many rows a small set draws before "show more"; a set of many sources draws fewer (`rows::rows_for`), so
/// that a grid of 1,000 sources opens in a moment.
const ROW_LIMIT: usize = 200;

/// Where sentence `sentence` of article `article_idx` is, if both exist.
fn sentence_span(analysis: &Analysis, article_idx: usize, sentence: usize) -> Option<Span> {
    Some(
        analysis
            .extracted
            .get(article_idx)?
            .segments
            .sentences
            .get(sentence)?
            .span,
    )
}

/// The focus on sentence `sentence` of article `article_idx`, for views that point at whole sentences.
pub fn sentence_focus(analysis: &Analysis, article_idx: usize, sentence: usize) -> Option<Focus> {
    let span = sentence_span(analysis, article_idx, sentence)?;
    Some(Focus {
        path: analysis.articles.get(article_idx)?.path.clone(),
        span,
        item: None,
    })
}

/// The symbol and word for a state; the symbol is hidden from screen readers, which read the word.
fn state_label(state: ClaimState) -> (&'static str, &'static str) {
    match state {
        ClaimState::Stated => ("✓", "stated"),
        ClaimState::NotMentioned => ("–", "not mentioned"),
        ClaimState::Contradicted => ("✗", "contradicted"),
    }
}

/// How a claim's row is summed up at its end: "4/5" sources state it, ", 1 ✗" when one contradicts it, and
/// ", denied" when a source reports someone denying it.
fn tally(claim: &Claim) -> String {
    let n = claim.cells.len();
    let stated = claim
        .cells
        .iter()
        .filter(|c| c.state == ClaimState::Stated)
        .count();
    let contradicted = claim
        .cells
        .iter()
        .filter(|c| c.state == ClaimState::Contradicted)
        .count();
    let disputed = claim.cells.iter().filter(|c| c.disputed.is_some()).count();
    let mut text = format!("{stated}/{n}");
    if contradicted > 0 {
        text.push_str(&format!(", {contradicted} ✗"));
    }
    if disputed > 0 {
        text.push_str(", denied");
    }
    text
}

/// The text of sentence `sentence` of article `article_idx`, cut to about 240 characters for a tooltip.
fn sentence_text(analysis: &Analysis, article_idx: usize, sentence: usize) -> String {
    let Some(text) = analysis
        .articles
        .get(article_idx)
        .and_then(|a| sentence_span(analysis, article_idx, sentence).map(|span| span.of(&a.text)))
    else {
        return String::new();
    };
    crate::ui::heatmap::short_label(text.trim(), 240)
}

/// The claims x sources grid.
#[component]
pub fn ClaimsView() -> Html {
    let workspace = use_workspace();
    let filter = use_state_eq(ClaimFilter::default);
    let pages = use_state_eq(|| 1usize);
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let claims = &analysis.comparison.claims;

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                filter.set(ClaimFilter::from_value(&select.value()));
            }
        })
    };
    let kept: Vec<&Claim> = claims.iter().filter(|c| filter.keeps(c)).collect();
    let n_kept = kept.len();
    let page_size = rows::rows_for(analysis.articles.len(), ROW_LIMIT);
    let shown = n_kept.min(page_size.saturating_mul(*pages));

    let rows = kept.iter().take(shown).map(|claim| {
        let figures = claim_figures::differing(&analysis, claim);
        let cells = analysis.articles.iter().enumerate().map(|(j, article)| {
            let cell = claim.cells.get(j);
            let state = cell.map_or(ClaimState::NotMentioned, |c| c.state);
            let (symbol, word) = state_label(state);
            let outlet = outlets.get(j).cloned().unwrap_or_default();
            let first = cell.and_then(|c| c.sentences.first().copied());
            let attribution = cell.and_then(|c| c.attribution.clone());
            // The source's own value where the row's sources disagree on a figure ("stated · 93").
            let value = figures
                .as_ref()
                .and_then(|f| f.values.get(j))
                .filter(|v| !v.is_empty())
                .map(|v| v.join(", "));
            let content = html! {
                <>
                    <span class="symbol" aria-hidden="true">{ symbol }</span>
                    <span class="word">{ word }</span>
                    if let Some(value) = value {
                        <span class="figure" data-value={value.clone()}>{ value }</span>
                    }
                    if let Some(who) = attribution.clone() {
                        <span class="attribution" data-attribution={who.clone()}>{ format!("per {who}") }</span>
                    }
                </>
            };
            let body = match (state, first) {
                (ClaimState::NotMentioned, _) | (_, None) => html! {
                    <span class="cell" title={format!("{outlet} does not mention this")}>{ content }</span>
                },
                (_, Some(sentence)) => {
                    let focus = sentence_focus(&analysis, j, sentence);
                    let dispatcher = workspace.dispatcher();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        if let Some(focus) = focus.clone() {
                            dispatcher.dispatch(Action::Focus(focus));
                        }
                    });
                    let verb = if state == ClaimState::Stated { "states" } else { "contradicts" };
                    let quote = sentence_text(&analysis, j, sentence);
                    let per = attribution.as_ref().map_or(String::new(), |who| format!(", attributing it to {who}"));
                    html! {
                        <button type="button" class="cell" {onclick}
                            title={format!("{outlet} {verb} this{per}: “{quote}” Click to read it.")}>
                            { content }
                        </button>
                    }
                }
            };
            // A denial the same source reports opens its own sentence.
            let dispute = cell.and_then(|c| c.disputed.clone()).map(|dispute| {
                let focus = sentence_focus(&analysis, j, dispute.sentence);
                let dispatcher = workspace.dispatcher();
                let onclick = Callback::from(move |_: MouseEvent| {
                    if let Some(focus) = focus.clone() {
                        dispatcher.dispatch(Action::Focus(focus));
                    }
                });
                let quote = sentence_text(&analysis, j, dispute.sentence);
                html! {
                    <button type="button" class="link dispute" data-by={dispute.by.clone()} {onclick}
                        title={format!("{outlet} also reports a denial: “{quote}” Click to read it.")}>
                        <span aria-hidden="true">{ "✗ " }</span>{ format!("denied by {}", dispute.by) }
                    </button>
                }
            });
            html! {
                <td class={classes!("claim-cell", state.as_str())} data-path={article.path.clone()} data-state={state.as_str()}>
                    { body }
                    if let Some(dispute) = dispute {
                        { dispute }
                    }
                </td>
            }
        });
        let open_figures = {
            let dispatcher = workspace.dispatcher();
            Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SelectView(View::Figures)))
        };
        let origin = sentence_focus(&analysis, claim.origin.article, claim.origin.index);
        let dispatcher = workspace.dispatcher();
        let open_origin = Callback::from(move |_: MouseEvent| {
            if let Some(focus) = origin.clone() {
                dispatcher.dispatch(Action::Focus(focus));
            }
        });
        let agreement = Agreement::of(claim).as_str();
        let origin_outlet = outlets.get(claim.origin.article).cloned().unwrap_or_default();
        // Reprints of one story state its claims once: how many of the stating sources are independent.
        let stating = claim.cells.iter().enumerate().filter(|(_, c)| c.state == ClaimState::Stated).map(|(j, _)| j);
        let n_stating = stating.clone().count();
        let n_independent = similarity::independent(stating, &analysis.comparison.copies);
        html! {
            <tr class={classes!("claim-row", agreement)} key={claim.id.clone()} data-claim={claim.id.clone()} data-agreement={agreement}>
                <th scope="row" class="claim-text">
                    <button type="button" class="link" onclick={open_origin} title={format!("As written by {origin_outlet}; click to read it there")}>
                        { &claim.text }
                    </button>
                    if let Some(figures) = &figures {
                        <button type="button" class="link claim-figures" data-status={figures.status.as_str()}
                            onclick={open_figures.clone()} title="Open the figures view">
                            { claim_figures::note(figures) }
                        </button>
                    }
                </th>
                { for cells }
                <td class="claim-tally" data-independent={n_independent.to_string()}>
                    { tally(claim) }
                    if n_independent < n_stating {
                        <span class="independent" title="Sources whose wording is mostly shared (likely copies) count as one">
                            { format!("{n_independent} independent") }
                        </span>
                    }
                </td>
            </tr>
        }
    });

    let expand = {
        let pages = pages.clone();
        Callback::from(move |_: MouseEvent| pages.set(*pages + 1))
    };

    html! {
        <section id="claims" aria-labelledby="claims-title">
            <div class="view-head">
                <h2 id="claims-title">{ "What each source states" }</h2>
                <div class="filters">
                    <label for="claim-filter">{ "Show" }</label>
                    <select id="claim-filter" onchange={on_filter}>
                        { for ClaimFilter::ALL.iter().map(|f| html! {
                            <option value={f.value()} selected={*filter == *f}>
                                { format!("{} ({})", f.title(), f.count(claims)) }
                            </option>
                        }) }
                    </select>
                </div>
            </div>
            <p class="muted">
                { format!("{} of {} shown, most widely stated first. ", n_kept, format::count(claims.len(), "claim", "claims")) }
                { "A claim is a statement that two or more sources make in similar words, or one that a single source attributes to someone. “per …” names whom a source says it comes from; “denied by …” a denial that source reports. Click ✓, ✗ or a denial to read the sentence." }
            </p>
            <ul class="claim-key" aria-label="Key">
                <li class="stated"><span class="symbol" aria-hidden="true">{ "✓" }</span>{ " stated" }</li>
                <li class="not_mentioned"><span class="symbol" aria-hidden="true">{ "–" }</span>{ " not mentioned" }</li>
                <li class="contradicted"><span class="symbol" aria-hidden="true">{ "✗" }</span>{ " contradicted (says the opposite or reports a denial)" }</li>
            </ul>
            if claims.is_empty() {
                <p class="placeholder">{ "No statement is made by two or more of these sources in similar words, and none is attributed to anyone by one source alone." }</p>
            } else {
                <div class="table-scroll">
                    <table id="claims-table" class="matrix">
                        <thead>
                            <tr>
                                <th scope="col">{ "Claim" }</th>
                                { for analysis.articles.iter().enumerate().map(|(j, a)| html! {
                                    <th scope="col" class="source-col" title={a.path.clone()}>
                                        <span>{ outlets.get(j).cloned().unwrap_or_default() }</span>
                                    </th>
                                }) }
                                <th scope="col">{ "Stated by" }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                if shown < n_kept {
                    <button type="button" class="secondary" id="claims-more" onclick={expand}>
                        { format!("Show {} more of {n_kept} rows", page_size.min(n_kept - shown)) }
                    </button>
                }
            }
        </section>
    }
}
