//! The reader (`section#reader`): one article's text with entity, date and figure highlights,
//! the focused sentence marked and scrolled into view, and the side panel for the clicked item.

use crate::analysis::{Analysis, Span};
use crate::ui::components::ItemPanel;
use crate::ui::format;
use crate::ui::highlight::{self, Item, Kind};
use crate::ui::hooks::{scroll_into_view, use_workspace};
use crate::ui::state::{Action, Focus, FocusItem};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

/// The highlight items of article `article_idx`, names first, then dates, then figures.
fn items_of(analysis: &Analysis, article_idx: usize) -> Vec<Item> {
    let Some(extracted) = analysis.extracted.get(article_idx) else {
        return Vec::new();
    };
    let names = extracted.names.iter().enumerate().map(|(index, n)| Item {
        kind: Kind::Entity,
        span: n.span,
        index,
    });
    let dates = extracted.dates.iter().enumerate().map(|(index, d)| Item {
        kind: Kind::Date,
        span: d.span,
        index,
    });
    let figures = extracted.figures.iter().enumerate().map(|(index, f)| Item {
        kind: Kind::Figure,
        span: f.span,
        index,
    });
    names.chain(dates).chain(figures).collect()
}

/// The span to mark as focused: the sentence holding the focused item, or the item itself outside sentences.
fn focused_span(analysis: &Analysis, article_idx: usize, span: Span) -> Span {
    analysis
        .extracted
        .get(article_idx)
        .and_then(|e| {
            let sentence = e.segments.sentence_at(span.start)?;
            e.segments.sentences.get(sentence).map(|s| s.span)
        })
        .filter(|sentence| {
            sentence.start <= span.start && span.start < sentence.end.max(span.start + 1)
        })
        .unwrap_or(span)
}

/// Renders one highlighted run as a `mark.hl`, with the attributes the DOM contract and the tooltips need.
fn mark(
    analysis: &Analysis,
    article_idx: usize,
    items: &[Item],
    run: &highlight::Run,
    text: &str,
    current: Option<Span>,
) -> Html {
    let piece = text.get(run.span.start..run.span.end).unwrap_or("");
    let Some(&primary) = run.items.first() else {
        return html! { { piece } };
    };
    let item = items[primary];
    let extracted = &analysis.extracted[article_idx];
    let comparison = &analysis.comparison;
    let outer: Vec<&'static str> = run.items[1..]
        .iter()
        .map(|&i| match items[i].kind {
            Kind::Entity => "in-entity",
            Kind::Date => "in-date",
            Kind::Figure => "in-figure",
        })
        .collect();
    let (class, title, entity) = match item.kind {
        Kind::Entity => {
            let label = extracted.names.get(item.index).map(|n| n.label);
            let entity = comparison
                .name_entity
                .get(article_idx)
                .and_then(|m| m.get(item.index))
                .and_then(|&e| comparison.entities.get(e));
            let title = match (entity, label) {
                (Some(e), _) => format!(
                    "{} ({}), named in {} of the sources",
                    e.name,
                    format::label_name(e.label),
                    e.counts.iter().filter(|&&c| c > 0).count()
                ),
                (None, Some(label)) => format::label_name(label).to_string(),
                (None, None) => String::new(),
            };
            let class = format!(
                "label-{}",
                format::label_class(
                    entity
                        .map(|e| e.label)
                        .or(label)
                        .unwrap_or(crate::analysis::Label::Misc)
                )
            );
            (class, title, entity.map(|e| e.id.clone()))
        }
        Kind::Date => {
            let title = extracted
                .dates
                .get(item.index)
                .map(|d| {
                    if d.note.is_empty() {
                        d.value()
                    } else {
                        format!("{}: {}", d.value(), d.note)
                    }
                })
                .unwrap_or_default();
            (String::new(), title, None)
        }
        Kind::Figure => {
            let title = extracted
                .figures
                .get(item.index)
                .map(|f| {
                    let unit = if f.unit.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", f.unit)
                    };
                    format!(
                        "{}: {}{unit}",
                        format::measure_name(f.measure, f.label.as_deref()),
                        format::figure_value(f, text)
                    )
                })
                .unwrap_or_default();
            (String::new(), title, None)
        }
    };
    html! {
        <mark
            class={classes!("hl", format!("hl-{}", item.kind.as_str()), class, outer, (current == Some(item.span)).then_some("current"))}
            data-kind={item.kind.as_str()}
            data-entity={entity}
            data-index={item.index.to_string()}
            data-start={item.span.start.to_string()}
            data-end={item.span.end.to_string()}
            title={title}
            tabindex="0"
        >
            { piece }
        </mark>
    }
}

/// Reads the clicked mark's kind, index and span and turns it into a focus.
fn focus_from_mark(
    analysis: &Analysis,
    article_idx: usize,
    path: &str,
    mark: &Element,
) -> Option<Focus> {
    let index: usize = mark.get_attribute("data-index")?.parse().ok()?;
    let start: usize = mark.get_attribute("data-start")?.parse().ok()?;
    let end: usize = mark.get_attribute("data-end")?.parse().ok()?;
    let item = match mark.get_attribute("data-kind")?.as_str() {
        "entity" => {
            let entity = analysis
                .comparison
                .name_entity
                .get(article_idx)?
                .get(index)?;
            FocusItem::Entity(*entity)
        }
        "date" => FocusItem::Date(index),
        "figure" => FocusItem::Figure(index),
        _ => return None,
    };
    Some(Focus {
        path: path.to_string(),
        span: Span::new(start, end),
        item: Some(item),
    })
}

/// An article's entry in the picker: "Outlet: Title", without repeating a title that is just the outlet.
fn option_text(outlet: &str, title: &str) -> String {
    if title.is_empty() || title == outlet {
        outlet.to_string()
    } else {
        format!("{outlet}: {title}")
    }
}

/// The reader view.
#[component]
pub fn ReaderView() -> Html {
    let workspace = use_workspace();
    let focus = workspace.focus.clone();
    use_effect_with(focus, |focus| {
        if focus.is_some() {
            scroll_into_view("section#reader .article-text .focused");
        }
    });

    let Some(analysis) = workspace.analysis.clone() else {
        return html! { <section id="reader"></section> };
    };
    let outlets = workspace.outlets(&analysis);
    let article_idx = workspace
        .reader_path
        .as_deref()
        .and_then(|p| analysis.articles.iter().position(|a| a.path == p))
        .unwrap_or(0);
    let Some(article) = analysis.articles.get(article_idx) else {
        return html! { <section id="reader"><p class="placeholder">{ "No article to show." }</p></section> };
    };
    let path = article.path.clone();

    let pick = {
        let dispatcher = workspace.dispatcher();
        Callback::from(move |event: Event| {
            if let Some(select) = event.target_dyn_into::<HtmlSelectElement>() {
                dispatcher.dispatch(Action::SelectArticle(select.value()));
            }
        })
    };
    let activate = {
        let dispatcher = workspace.dispatcher();
        let analysis = analysis.clone();
        let path = path.clone();
        move |target: Option<web_sys::EventTarget>| {
            let mark = target
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("mark.hl").ok().flatten());
            if let Some(focus) =
                mark.and_then(|m| focus_from_mark(&analysis, article_idx, &path, &m))
            {
                dispatcher.dispatch(Action::Focus(focus));
            }
        }
    };
    let on_click = {
        let activate = activate.clone();
        Callback::from(move |event: MouseEvent| activate(event.target()))
    };
    let on_key = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            activate(event.target());
        }
    });

    // The text, split into runs; runs inside the focused sentence are wrapped together in `.focused`.
    let focus = workspace.focus.as_ref().filter(|f| f.path == path);
    let focus_span = focus.map(|f| focused_span(&analysis, article_idx, f.span));
    let items = items_of(&analysis, article_idx);
    let text = article.text.as_str();
    let body_start = article.body.start.min(text.len());
    let runs = highlight::runs(text, &items, focus_span, body_start);
    let mut nodes: Vec<Html> = Vec::new();
    let mut focused_group: Vec<Html> = Vec::new();
    for run in &runs {
        let node = if run.span.end <= body_start && run.items.is_empty() {
            html! { <span class="text-header">{ text.get(run.span.start..run.span.end).unwrap_or("") }</span> }
        } else {
            mark(
                &analysis,
                article_idx,
                &items,
                run,
                text,
                focus.map(|f| f.span),
            )
        };
        if run.focused {
            focused_group.push(node);
        } else {
            if !focused_group.is_empty() {
                nodes.push(html! { <span class="focused">{ for focused_group.drain(..) }</span> });
            }
            nodes.push(node);
        }
    }
    if !focused_group.is_empty() {
        nodes.push(html! { <span class="focused">{ for focused_group.drain(..) }</span> });
    }

    let extracted = analysis.extracted.get(article_idx);
    let mut warnings = article.warnings.clone();
    if let Some(e) = extracted {
        warnings.extend(e.warnings.iter().cloned());
    }
    let outlet = outlets.get(article_idx).cloned().unwrap_or_default();
    let mut meta = vec![outlet, format::date_or_none(article.date)];
    if let Some(byline) = &article.byline {
        meta.push(format!("By {byline}"));
    }

    html! {
        <section id="reader" aria-label="Reader">
            <div class="reader-bar">
                <label for="article-picker">{ "Article" }</label>
                <select id="article-picker" onchange={pick}>
                    { for analysis.articles.iter().enumerate().map(|(i, a)| html! {
                        <option value={a.path.clone()} selected={i == article_idx}>
                            { option_text(outlets.get(i).map(String::as_str).unwrap_or(""), &a.title) }
                        </option>
                    }) }
                </select>
                <ul class="legend" aria-label="Highlight colours">
                    <li><mark class="key hl-entity label-person">{ "person" }</mark></li>
                    <li><mark class="key hl-entity label-org">{ "organisation" }</mark></li>
                    <li><mark class="key hl-entity label-gpe">{ "place" }</mark></li>
                    <li><mark class="key hl-entity label-norp">{ "group" }</mark></li>
                    <li><mark class="key hl-date">{ "date" }</mark></li>
                    <li><mark class="key hl-figure">{ "figure" }</mark></li>
                </ul>
            </div>
            <div class="reader-body">
                <article class="reader-article" aria-labelledby="reader-title">
                    <header>
                        <h2 id="reader-title">{ &article.title }</h2>
                        <p class="muted">{ meta.join(" · ") }</p>
                        if let Some(url) = &article.url {
                            <p class="muted url">{ url }</p>
                        }
                        if !warnings.is_empty() {
                            <ul class="notice warning">{ for warnings.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
                        }
                    </header>
                    <div class="article-text" onclick={on_click} onkeydown={on_key}>
                        { for nodes }
                    </div>
                </article>
                <ItemPanel article={article_idx} />
            </div>
        </section>
    }
}
