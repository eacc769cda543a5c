//! The similarity view: a heatmap of how much wording every two sources share (`svg#similarity-heatmap`),
//! the pairs that read like one story reprinted (`ul#copy-pairs`), and for large batches a ranked list of
//! the most similar pairs instead of the heatmap. Every cell and pair opens the passage the two share.

use crate::analysis::Analysis;
use crate::ui::components::claims::sentence_focus;
use crate::ui::format;
use crate::ui::heatmap::{self, Pair, COPY_THRESHOLD, HEATMAP_LIMIT, PAIR_LIMIT};
use crate::ui::hooks::use_workspace;
use crate::ui::state::{Action, Focus};
use std::rc::Rc;
use yew::prelude::*;

/// The focus on the sentence of article `a` that shares the most wording with article `b`.
fn passage_focus(analysis: &Analysis, a: usize, b: usize) -> Option<Focus> {
    let side = |i: usize| Some((analysis.articles.get(i)?, analysis.extracted.get(i)?));
    let sentence = heatmap::shared_sentence(side(a)?, side(b)?)?;
    sentence_focus(analysis, a, sentence)
}

/// A callback that opens article `a` in the reader at the passage it shares with `b`.
fn open_passage(
    workspace: &crate::ui::hooks::WorkspaceHandle,
    analysis: &Rc<Analysis>,
    a: usize,
    b: usize,
) -> Callback<MouseEvent> {
    let dispatcher = workspace.dispatcher();
    let analysis = analysis.clone();
    // The passage is found on click, not on render: it reads both texts, and most cells are never clicked.
    Callback::from(move |_: MouseEvent| {
        if let Some(focus) = passage_focus(&analysis, a, b) {
            dispatcher.dispatch(Action::Focus(focus));
        }
    })
}

/// One pair as a list item: the two outlets, their similarity, and a button to read each at the shared passage.
fn pair_item(
    workspace: &crate::ui::hooks::WorkspaceHandle,
    analysis: &Rc<Analysis>,
    outlets: &[String],
    pair: Pair,
    class: &'static str,
) -> Html {
    let name = |i: usize| outlets.get(i).cloned().unwrap_or_default();
    let path = |i: usize| article_path(analysis, i);
    html! {
        <li class={class} data-a={path(pair.a)} data-b={path(pair.b)} data-value={format!("{:.3}", pair.value)}>
            <span class="pair-names">
                <strong>{ name(pair.a) }</strong>{ " and " }<strong>{ name(pair.b) }</strong>
            </span>
            <span class={classes!("pair-value", format!("heat-{}", heatmap::level(pair.value)))}>
                { format!("{} shared wording", heatmap::percent(pair.value)) }
            </span>
            <span class="pair-open">
                <button type="button" class="open-a" onclick={open_passage(workspace, analysis, pair.a, pair.b)}
                    title={format!("Read the passage {} shares with {}", name(pair.a), name(pair.b))}>
                    { format!("Read in {}", heatmap::short_label(&name(pair.a), 24)) }
                </button>
                <button type="button" class="open-b secondary" onclick={open_passage(workspace, analysis, pair.b, pair.a)}
                    title={format!("Read the passage {} shares with {}", name(pair.b), name(pair.a))}>
                    { format!("Read in {}", heatmap::short_label(&name(pair.b), 24)) }
                </button>
            </span>
        </li>
    }
}

/// The heatmap of a batch small enough to draw every pair.
fn heatmap_svg(
    workspace: &crate::ui::hooks::WorkspaceHandle,
    analysis: &Rc<Analysis>,
    outlets: &[String],
) -> Html {
    let config = heatmap::Config::default();
    let labels: Vec<String> = outlets
        .iter()
        .map(|o| heatmap::short_label(o, config.max_label))
        .collect();
    let geometry = heatmap::layout(&labels, config);
    let matrix = &analysis.comparison.similarity;
    let path = |i: usize| article_path(analysis, i);
    let half = geometry.cell / 2.0;
    let row_labels = labels.iter().enumerate().map(|(i, label)| {
        let y = geometry.grid_y + i as f64 * geometry.cell + half + 4.0;
        html! {
            <text class="row-label" x={format!("{:.1}", geometry.grid_x - 8.0)} y={format!("{y:.1}")} text-anchor="end">
                <title>{ outlets.get(i).cloned().unwrap_or_default() }</title>
                { label }
            </text>
        }
    });
    let column_labels = labels.iter().enumerate().map(|(i, label)| {
        let x = geometry.grid_x + i as f64 * geometry.cell + half;
        let y = geometry.grid_y - 8.0;
        html! {
            <text class="col-label" x={format!("{x:.1}")} y={format!("{y:.1}")} transform={format!("rotate(-45 {x:.1} {y:.1})")}>
                <title>{ outlets.get(i).cloned().unwrap_or_default() }</title>
                { label }
            </text>
        }
    });
    let cells = geometry.cells.iter().map(|cell| {
        let value = heatmap::value(matrix, cell.a, cell.b);
        let same = cell.a == cell.b;
        let name = |i: usize| outlets.get(i).cloned().unwrap_or_default();
        let title = if same {
            format!("{}: the same article", name(cell.a))
        } else {
            format!(
                "{} and {}: {} of their three-word sequences are shared{}. Click to read the shared passage in {}.",
                name(cell.a),
                name(cell.b),
                heatmap::percent(value),
                if value >= COPY_THRESHOLD { " (likely copies)" } else { "" },
                name(cell.a)
            )
        };
        let level = heatmap::level(value);
        let text = if same { "—".to_string() } else { heatmap::percent(value) };
        let (x, y) = (cell.x, cell.y);
        let onclick = (!same).then(|| open_passage(workspace, analysis, cell.a, cell.b));
        let onkeydown = onclick.clone().map(|open| {
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Enter" || event.key() == " " {
                    event.prevent_default();
                    if let Ok(click) = web_sys::MouseEvent::new("click") {
                        open.emit(click);
                    }
                }
            })
        });
        html! {
            <g class={classes!("pair", same.then_some("self"))}>
                <rect
                    class={classes!("cell", format!("heat-{level}"), same.then_some("self"))}
                    x={format!("{:.1}", x + 1.0)} y={format!("{:.1}", y + 1.0)}
                    width={format!("{:.1}", geometry.cell - 2.0)} height={format!("{:.1}", geometry.cell - 2.0)}
                    rx="4"
                    data-a={path(cell.a)} data-b={path(cell.b)} data-value={format!("{value:.3}")}
                    tabindex={(!same && cell.a < cell.b).then_some("0")}
                    role={(!same).then_some("button")}
                    aria-label={(!same).then(|| title.clone())}
                    {onclick} {onkeydown}
                >
                    <title>{ title }</title>
                </rect>
                <text class={classes!("cell-value", format!("heat-{level}"))} x={format!("{:.1}", x + half)} y={format!("{:.1}", y + half + 4.0)} text-anchor="middle" aria-hidden="true">
                    { text }
                </text>
            </g>
        }
    });
    html! {
        <div class="chart-scroll">
            <svg id="similarity-heatmap" width={format!("{:.0}", geometry.width)} height={format!("{:.0}", geometry.height)}
                viewBox={format!("0 0 {:.0} {:.0}", geometry.width, geometry.height)} role="group" aria-label="Similarity of every two sources" aria-describedby="similarity-heatmap-desc">
                <title>{ "Similarity of every two sources" }</title>
                <desc id="similarity-heatmap-desc">{ "A grid with one row and one column per source; each cell is a button named with the two sources and the share of wording they have in common." }</desc>
                <g class="labels">{ for row_labels }{ for column_labels }</g>
                <g class="cells">{ for cells }</g>
            </svg>
        </div>
    }
}

/// The similarity view.
#[component]
pub fn SimilarityView() -> Html {
    let workspace = use_workspace();
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let n = analysis.articles.len();
    let matrix = &analysis.comparison.similarity;
    let mut copies = heatmap::copy_pairs(matrix, usize::MAX);
    let n_copies = copies.len();
    copies.truncate(PAIR_LIMIT);
    let large = n > HEATMAP_LIMIT;

    // The list is always in the page (empty when there are no copies), so its place never moves.
    let copy_note = if copies.is_empty() {
        format!("No two sources read like copies: every pair shares less than {} of its wording, so each counts as its own report.", heatmap::percent(COPY_THRESHOLD))
    } else {
        format!("These pairs share {} or more of their wording. They read like one story reprinted: not independent confirmations.", heatmap::percent(COPY_THRESHOLD))
    };
    let copy_note = if n_copies > copies.len() {
        format!(
            "{copy_note} The {} closest of {n_copies} pairs are listed.",
            copies.len()
        )
    } else {
        copy_note
    };
    // Copies of copies are one origin too: the groups come from the engine (single linkage over the copy pairs).
    let groups = analysis.comparison.copies.iter().map(|group| {
        let names: Vec<&str> = group
            .iter()
            .filter_map(|&i| outlets.get(i).map(String::as_str))
            .collect();
        let paths: Vec<&str> = group
            .iter()
            .filter_map(|&i| analysis.articles.get(i).map(|a| a.path.as_str()))
            .collect();
        html! {
            <li class="copy-group" data-paths={paths.join("|")} data-size={group.len().to_string()}>
                { format::one_origin(&names) }
            </li>
        }
    });
    let n_independent = n - analysis
        .comparison
        .copies
        .iter()
        .map(|g| g.len() - 1)
        .sum::<usize>();
    let copy_list = html! {
        <>
            <p class={classes!(if copies.is_empty() { "no-copies" } else { "copies-note" })}>{ copy_note }</p>
            if !analysis.comparison.copies.is_empty() {
                <p class="muted">{ format!("Counting each origin once, these {n} sources are {n_independent} independent reports:") }</p>
            }
            <ul id="copy-groups" class="group-list">{ for groups }</ul>
            <ul id="copy-pairs" class="pair-list">
                { for copies.iter().map(|&p| pair_item(&workspace, &analysis, &outlets, p, "copy-pair")) }
            </ul>
        </>
    };
    let legend = (0..=heatmap::LEVELS.len()).map(|level| {
        let low = if level == 0 { 0.0 } else { heatmap::LEVELS[level - 1] };
        let text = match heatmap::LEVELS.get(level) {
            Some(&high) => format!("{}–{}", heatmap::percent(low), heatmap::percent(high)),
            None => format!("{}+ likely copy", heatmap::percent(low)),
        };
        html! {
            <li><span class={classes!("swatch-box", format!("heat-{level}"))} aria-hidden="true"></span>{ text }</li>
        }
    });

    html! {
        <section id="similarity" aria-labelledby="similarity-title">
            <div class="view-head">
                <h2 id="similarity-title">{ "How much wording the sources share" }</h2>
            </div>
            <p class="muted">
                { "Each number is the share of three-word sequences two articles have in common. Independent reports of one event usually share under 10%; a reprinted wire story shares most of its text." }
            </p>
            <h3>{ "Likely copies" }</h3>
            { copy_list }
            if n < 2 {
                <p class="placeholder">{ "Add a second source to compare wording." }</p>
            } else if large {
                <h3>{ format!("The closest other pairs of {n} sources") }</h3>
                <p class="muted">{ format!("With more than {HEATMAP_LIMIT} sources a grid of every pair is too large to read, so the most similar pairs below the copy threshold are listed instead.") }</p>
                <ol id="similar-pairs" class="pair-list">
                    { for heatmap::ranked_pairs(matrix, 0.0, COPY_THRESHOLD, PAIR_LIMIT).into_iter().map(|p| pair_item(&workspace, &analysis, &outlets, p, "similar-pair")) }
                </ol>
            } else {
                <h3>{ "Every pair" }</h3>
                <figure class="chart heatmap">
                    { heatmap_svg(&workspace, &analysis, &outlets) }
                    <figcaption>
                        <ul class="heat-legend" aria-label="Colour key">{ for legend }</ul>
                        <span class="muted">{ "Click a cell to read the passage the row's source shares with the column's." }</span>
                    </figcaption>
                </figure>
            }
        </section>
    }
}

/// The path of article `i`, or "" when there is none.
fn article_path(analysis: &Analysis, i: usize) -> String {
    analysis
        .articles
        .get(i)
        .map(|a| a.path.clone())
        .unwrap_or_default()
}
