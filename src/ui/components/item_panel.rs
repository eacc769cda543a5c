//! The reader's side panel: what the clicked item is, and where else it appears.
//!
//! For an entity: its aliases and the other sources that name it; for a figure: the values of its
//! slot in every source; for a date: its resolved value and how it was reached. Every entry is clickable.

use crate::analysis::{Analysis, ItemRef, Span};
use crate::ui::format;
use crate::ui::hooks::use_workspace;
use crate::ui::state::{Action, Focus, FocusItem};
use yew::prelude::*;

/// Properties of [`ItemPanel`].
#[derive(Properties, PartialEq)]
pub struct ItemPanelProps {
    /// Index of the article open in the reader.
    pub article: usize,
}

/// The focus on the first mention of entity `entity` in article `article_idx`, if it has one there.
pub fn entity_focus(analysis: &Analysis, entity: usize, article_idx: usize) -> Option<Focus> {
    let e = analysis.comparison.entities.get(entity)?;
    let mention = e.mentions.iter().find(|m| m.article == article_idx)?;
    let name = analysis
        .extracted
        .get(article_idx)?
        .names
        .get(mention.index)?;
    Some(Focus {
        path: analysis.articles.get(article_idx)?.path.clone(),
        span: name.span,
        item: Some(FocusItem::Entity(entity)),
    })
}

/// The focus on figure `member` of a slot.
pub fn figure_focus(analysis: &Analysis, member: ItemRef) -> Option<Focus> {
    let figure = analysis
        .extracted
        .get(member.article)?
        .figures
        .get(member.index)?;
    Some(Focus {
        path: analysis.articles.get(member.article)?.path.clone(),
        span: figure.span,
        item: Some(FocusItem::Figure(member.index)),
    })
}

/// The side panel.
#[component]
pub fn ItemPanel(props: &ItemPanelProps) -> Html {
    let workspace = use_workspace();
    let Some(analysis) = workspace.analysis.clone() else {
        return html! {};
    };
    let outlets = workspace.outlets(&analysis);
    let article_idx = props.article;
    let focus_item = workspace
        .focus
        .as_ref()
        .filter(|f| {
            analysis
                .articles
                .get(article_idx)
                .is_some_and(|a| a.path == f.path)
        })
        .and_then(|f| f.item);
    let go = |focus: Option<Focus>| {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |_: MouseEvent| {
            if let Some(focus) = focus.clone() {
                dispatcher.dispatch(Action::Focus(focus));
            }
        })
    };

    let body = match focus_item {
        None => html! {
            <>
                <h3>{ "Click a highlight" }</h3>
                <p class="muted">{ "Click a highlighted name, date or figure to see how the other sources report it." }</p>
                <p class="muted">{ "Use the Entities and Figures tabs to compare all sources at once; every cell leads back here." }</p>
            </>
        },
        Some(FocusItem::Entity(entity_idx)) => match analysis.comparison.entities.get(entity_idx) {
            None => html! {},
            Some(entity) => {
                let others: Vec<String> = entity
                    .aliases
                    .iter()
                    .filter(|a| **a != entity.name)
                    .cloned()
                    .collect();
                html! {
                    <>
                        <h3>{ &entity.name }</h3>
                        <p><span class={classes!("badge", format!("label-{}", format::label_class(entity.label)))}>{ format::label_name(entity.label) }</span></p>
                        if !others.is_empty() {
                            <p><span class="muted">{ "Also written " }</span>{ others.join(", ") }</p>
                        }
                        <h4>{ format!("Named in {} of {} sources", entity.counts.iter().filter(|&&c| c > 0).count(), analysis.articles.len()) }</h4>
                        <ul class="panel-list">
                            { for entity.counts.iter().enumerate().map(|(j, &count)| {
                                let outlet = outlets.get(j).cloned().unwrap_or_default();
                                let here = j == article_idx;
                                if count == 0 {
                                    html! { <li class="absent"><span>{ outlet }</span><span class="muted">{ "not named" }</span></li> }
                                } else {
                                    html! {
                                        <li class={classes!(here.then_some("here"))}>
                                            <button type="button" class="link" onclick={go(entity_focus(&analysis, entity_idx, j))}>{ outlet }</button>
                                            <span class="muted">{ format::count(count as usize, "mention", "mentions") }</span>
                                        </li>
                                    }
                                }
                            }) }
                        </ul>
                    </>
                }
            }
        },
        Some(FocusItem::Figure(figure_idx)) => {
            let text_of = |a: usize| analysis.articles.get(a).map_or("", |a| a.text.as_str());
            let figure = analysis
                .extracted
                .get(article_idx)
                .and_then(|e| e.figures.get(figure_idx));
            let slot = analysis
                .comparison
                .figure_slot
                .get(article_idx)
                .and_then(|m| m.get(figure_idx).copied().flatten())
                .and_then(|s| analysis.comparison.slots.get(s));
            match figure {
                None => html! {},
                Some(figure) => html! {
                    <>
                        <h3>{ format!("{} {}", format::figure_value(figure, text_of(article_idx)), figure.unit) }</h3>
                        <p class="muted">{ format::measure_name(figure.measure, figure.label.as_deref()) }</p>
                        if let Some(attribution) = &figure.attribution {
                            <p>{ format!("Attributed to {attribution}") }</p>
                        }
                        if let Some(slot) = slot {
                            <h4>
                                { "Every source " }
                                <span class={classes!("status-badge", slot.status.as_str())}>{ super::figures::status_text(slot.status) }</span>
                            </h4>
                            <ul class="panel-list">
                                { for slot.members.iter().map(|&member| {
                                    let value = analysis.extracted.get(member.article).and_then(|e| e.figures.get(member.index));
                                    let outlet = outlets.get(member.article).cloned().unwrap_or_default();
                                    let date = analysis.articles.get(member.article).and_then(|a| a.date);
                                    let here = member.article == article_idx && member.index == figure_idx;
                                    html! {
                                        <li class={classes!(here.then_some("here"))}>
                                            <button type="button" class="link" onclick={go(figure_focus(&analysis, member))}>
                                                <strong>{ value.map(|v| format::figure_value(v, text_of(member.article))).unwrap_or_default() }</strong>
                                                { format!(" {outlet}") }
                                            </button>
                                            <span class="muted">{ format::date_or_none(date) }</span>
                                        </li>
                                    }
                                }) }
                            </ul>
                        } else {
                            <p class="muted">{ "No other source reports this quantity." }</p>
                        }
                    </>
                },
            }
        }
        Some(FocusItem::Date(date_idx)) => {
            let date = analysis
                .extracted
                .get(article_idx)
                .and_then(|e| e.dates.get(date_idx));
            let text = analysis
                .articles
                .get(article_idx)
                .map(|a| a.text.as_str())
                .unwrap_or("");
            match date {
                None => html! {},
                Some(date) => html! {
                    <>
                        <h3>{ Span::of(&date.span, text) }</h3>
                        <p>
                            { if date.start == date.end { format::date(date.start) } else { format!("{} to {}", format::date(date.start), format::date(date.end)) } }
                        </p>
                        if date.relative {
                            <p class="muted">{ "Resolved against the report date." }</p>
                        }
                        if !date.note.is_empty() {
                            <p class="muted">{ &date.note }</p>
                        }
                    </>
                },
            }
        }
    };
    html! {
        <aside class="item-panel" aria-live="polite" aria-label="Selected item">
            { body }
        </aside>
    }
}
