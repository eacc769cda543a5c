//! Exports of the analysis as files people open elsewhere: CSV tables (entities, figure slots, claims) and a
//! self-contained HTML report (inline CSS, no scripts) that opens offline anywhere.
//!
//! All article and user text is untrusted: the report escapes every piece of it with [`escape_html`], and the
//! CSV quotes every field that needs it and defuses cells a spreadsheet would run as a formula.

use crate::analysis::{Analysis, Article, Figure};
use crate::ui::claim_figures;
use crate::ui::claim_filter::Agreement;
use crate::ui::format;
use crate::ui::state::Source;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, quotes doubled.
///
/// Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@` first, and not a number) gets a
/// leading apostrophe, so that opening an export of a hostile article runs nothing.
pub fn csv_field(text: &str) -> String {
    let formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.trim().parse::<f64>().is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A CSV document from rows of fields, with CRLF line ends as RFC 4180 says.
pub fn csv<I, R, F>(rows: I) -> String
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = F>,
    F: AsRef<str>,
{
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row.into_iter().map(|f| csv_field(f.as_ref())).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

/// A number for a CSV cell: empty when absent.
fn number(value: Option<f64>) -> String {
    value.map(format::plain).unwrap_or_default()
}

/// The entities table: one row per entity, a mention count per source.
pub fn entities_csv(analysis: &Analysis, outlets: &[String]) -> String {
    let mut header = vec![
        "id".to_string(),
        "name".into(),
        "label".into(),
        "aliases".into(),
    ];
    header.extend(outlets.iter().cloned());
    let rows = analysis.comparison.entities.iter().map(|entity| {
        let mut row = vec![
            entity.id.clone(),
            entity.name.clone(),
            entity.label.as_str().to_string(),
            entity.aliases.join("; "),
        ];
        row.extend(entity.counts.iter().map(u32::to_string));
        row
    });
    csv(std::iter::once(header).chain(rows))
}

/// The figure of an item reference, if the analysis holds it.
fn figure_at(analysis: &Analysis, article: usize, index: usize) -> Option<(&Article, &Figure)> {
    let figure = analysis.extracted.get(article)?.figures.get(index)?;
    Some((analysis.articles.get(article)?, figure))
}

/// The figure slots table: one row per value reported, in the slot's report-date order.
pub fn slots_csv(analysis: &Analysis, outlets: &[String]) -> String {
    let header = [
        "slot",
        "parent",
        "measure",
        "status",
        "source",
        "path",
        "report date",
        "value",
        "low",
        "high",
        "qualifier",
        "as written",
        "attribution",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = vec![header];
    for slot in &analysis.comparison.slots {
        for member in &slot.members {
            let Some((article, figure)) = figure_at(analysis, member.article, member.index) else {
                continue;
            };
            rows.push(vec![
                slot.id.clone(),
                slot.parent.clone().unwrap_or_default(),
                format::measure_name(slot.measure, slot.label.as_deref()),
                slot.status.as_str().to_string(),
                outlets.get(member.article).cloned().unwrap_or_default(),
                article.path.clone(),
                article.date.map(|d| d.to_string()).unwrap_or_default(),
                number(figure.value),
                number(figure.low),
                number(figure.high),
                figure.qualifier.as_str().to_string(),
                figure.span.of(&article.text).to_string(),
                figure.attribution.clone().unwrap_or_default(),
            ]);
        }
    }
    csv(rows)
}

/// The claims table: one row per claim, its state in each source.
pub fn claims_csv(analysis: &Analysis, outlets: &[String]) -> String {
    let mut header = vec!["id".to_string(), "agreement".into(), "claim".into()];
    header.extend(outlets.iter().cloned());
    let rows = analysis.comparison.claims.iter().map(|claim| {
        let mut row = vec![
            claim.id.clone(),
            Agreement::of(claim).as_str().to_string(),
            claim.text.clone(),
        ];
        // A cell reads "stated: at least 93" where the row's sources give different values for one figure, and
        // "stated (per the ministry; denied by the council)" where its sentence attributes the claim to someone and
        // the source reports a denial.
        let figures = claim_figures::differing(analysis, claim);
        row.extend(claim.cells.iter().enumerate().map(|(j, c)| {
            let mut state = c.state.as_str().to_string();
            if let Some(values) = figures
                .as_ref()
                .and_then(|f| f.values.get(j))
                .filter(|v| !v.is_empty())
            {
                state = format!("{state}: {}", values.join(", "));
            }
            let notes: Vec<String> = c
                .attribution
                .iter()
                .map(|who| format!("per {who}"))
                .chain(c.disputed.iter().map(|d| format!("denied by {}", d.by)))
                .collect();
            if notes.is_empty() {
                state
            } else {
                format!("{state} ({})", notes.join("; "))
            }
        }));
        row
    });
    csv(std::iter::once(header).chain(rows))
}

/// The report's styles: readable on screen and on paper, light and dark.
const REPORT_CSS: &str = "body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2330;background:#fff}\
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccd;padding-bottom:.2rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d5d9e2;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#f1f3f8}td.num{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5d6678}\
.agree,.unanimous,.stated{color:#1b6e3a}.update,.partial{color:#8a5a00}.conflict,.contested,.contradicted{color:#b3261e;font-weight:600}\
@media (prefers-color-scheme:dark){body{background:#14171e;color:#e3e6ee}th{background:#222835}th,td{border-color:#3a4150}.muted{color:#a3abbb}\
.agree,.unanimous,.stated{color:#6fd08f}.update,.partial{color:#f0b44c}.conflict,.contested,.contradicted{color:#ff8a80}}";

/// A self-contained HTML report of the sources and the analysis: no scripts, no external resources.
pub fn report_html(sources: &[&Source], analysis: Option<&Analysis>, outlets: &[String]) -> String {
    let e = escape_html;
    let mut html = String::new();
    html.push_str("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    // The report forbids scripts and remote loads itself, in case a viewer is lax.
    html.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
    html.push_str("<title>Corroborate report</title><style>");
    html.push_str(REPORT_CSS);
    html.push_str("</style></head><body>\n<h1>Corroborate report</h1>\n");
    html.push_str(&format!(
        "<p class=\"muted\">{} compared on this device with Corroborate.</p>\n",
        e(&format::count(sources.len(), "source", "sources"))
    ));

    html.push_str("<h2>Sources</h2>\n<table><thead><tr><th>Outlet</th><th>Title</th><th>Report date</th><th>File</th><th>Notes</th></tr></thead><tbody>\n");
    for source in sources {
        match source {
            Source::Ok { article } => html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                e(&article.source),
                e(&article.title),
                e(&article.date.map(|d| d.to_string()).unwrap_or_else(|| "none".into())),
                e(&article.path),
                e(&article.warnings.join(" "))
            )),
            Source::Error { path, message } => html.push_str(&format!(
                "<tr><td class=\"muted\">—</td><td class=\"muted\">not read</td><td></td><td>{}</td><td>{}</td></tr>\n",
                e(path),
                e(message)
            )),
        }
    }
    html.push_str("</tbody></table>\n");

    let Some(analysis) = analysis else {
        html.push_str("<p class=\"muted\">No analysis yet.</p>\n</body></html>\n");
        return html;
    };
    let outlet = |article: usize| outlets.get(article).map(String::as_str).unwrap_or("");

    html.push_str("<h2>Figure slots</h2>\n<table><thead><tr><th>Slot</th><th>Status</th><th>Source</th><th>Report date</th><th>Value</th><th>As written</th></tr></thead><tbody>\n");
    for slot in &analysis.comparison.slots {
        let name = format::measure_name(slot.measure, slot.label.as_deref());
        let name = match &slot.parent {
            Some(parent) => format!("{name} (part of {parent})"),
            None => name,
        };
        for member in &slot.members {
            let Some((article, figure)) = figure_at(analysis, member.article, member.index) else {
                continue;
            };
            let status = slot.status.as_str();
            html.push_str(&format!(
                "<tr><td>{} <span class=\"muted\">{}</span></td><td class=\"{status}\">{status}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>\n",
                e(&name),
                e(&slot.id),
                e(outlet(member.article)),
                e(&format::date_or_none(article.date)),
                e(&format::figure_value(figure, &article.text)),
                e(figure.span.of(&article.text))
            ));
        }
    }
    html.push_str("</tbody></table>\n");

    html.push_str(
        "<h2>Entities</h2>\n<table><thead><tr><th>Name</th><th>Type</th><th>Also written</th>",
    );
    for name in outlets {
        html.push_str(&format!("<th>{}</th>", e(name)));
    }
    html.push_str("</tr></thead><tbody>\n");
    for entity in &analysis.comparison.entities {
        html.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td>",
            e(&entity.name),
            e(format::label_name(entity.label)),
            e(&entity.aliases.join(", "))
        ));
        for count in &entity.counts {
            html.push_str(&format!("<td class=\"num\">{count}</td>"));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table>\n");

    html.push_str("<h2>Claims</h2>\n<table><thead><tr><th>Claim</th><th>Agreement</th>");
    for name in outlets {
        html.push_str(&format!("<th>{}</th>", e(name)));
    }
    html.push_str("</tr></thead><tbody>\n");
    for claim in &analysis.comparison.claims {
        let agreement = Agreement::of(claim).as_str();
        let figures = claim_figures::differing(analysis, claim);
        let note = figures.as_ref().map_or(String::new(), |f| {
            format!(
                "<br><span class=\"muted\">{}</span>",
                e(&claim_figures::note(f))
            )
        });
        html.push_str(&format!(
            "<tr><td>{}{note}</td><td class=\"{agreement}\">{agreement}</td>",
            e(&claim.text)
        ));
        for (j, cell) in claim.cells.iter().enumerate() {
            let state = cell.state.as_str();
            let value = figures
                .as_ref()
                .and_then(|f| f.values.get(j))
                .filter(|v| !v.is_empty())
                .map_or(String::new(), |v| format!(": {}", e(&v.join(", "))));
            let mut who = cell.attribution.as_ref().map_or(String::new(), |who| {
                format!("<br><span class=\"muted\">per {}</span>", e(who))
            });
            if let Some(dispute) = &cell.disputed {
                who.push_str(&format!(
                    "<br><span class=\"contradicted\">denied by {}</span>",
                    e(&dispute.by)
                ));
            }
            html.push_str(&format!(
                "<td class=\"{state}\">{}{value}{who}</td>",
                state.replace('_', " ")
            ));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody></table>\n</body></html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;

    #[test]
    fn html_escaping() {
        let cases = [
            ("", ""),
            ("plain é ✓", "plain é ✓"),
            (
                "<script>alert(1)</script>",
                "&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
            ("a & b", "a &amp; b"),
            ("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;"),
            ("&amp;", "&amp;amp;"),
            (
                "<img src=x onerror=\"x()\">",
                "&lt;img src=x onerror=&quot;x()&quot;&gt;",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(escape_html(text), want);
        }
    }

    #[test]
    fn csv_quoting() {
        let cases = [
            ("", ""),
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
            ("+1 555", "'+1 555"),
            ("@cmd", "'@cmd"),
            ("-3", "-3"),
            ("-2.5", "-2.5"),
            ("=1,2", "\"'=1,2\""),
            ("é ✓", "é ✓"),
        ];
        for (text, want) in cases {
            assert_eq!(csv_field(text), want, "{text:?}");
        }
        assert_eq!(csv([["a", "b,c"], ["1", ""]]), "a,\"b,c\"\r\n1,\r\n");
    }

    fn hostile_analysis() -> (Vec<Source>, Analysis, Vec<String>) {
        let texts = [
            ("a.txt", "Date: 2024-03-23\nTitle: <script>alert(1)</script>\n\nPolice in Lyon said 12 people were injured. Mayor <b>Grégory Doucet</b> visited."),
            ("b.txt", "Date: 2024-03-24\n\nAt least 14 people were injured in Lyon, police said. Mayor Grégory Doucet visited."),
        ];
        let articles: Vec<_> = texts
            .iter()
            .map(|(p, t)| analysis::ingest_text(p, t))
            .collect();
        let sources = articles
            .iter()
            .cloned()
            .map(|article| Source::Ok { article })
            .chain([Source::Error {
                path: "<x>.pdf".into(),
                message: "bad \"file\"".into(),
            }])
            .collect();
        let outlets = vec!["Daily <Planet>".to_string(), "B & C".to_string()];
        (sources, analysis::analyze(articles), outlets)
    }

    #[test]
    fn report_is_escaped_and_scriptless() {
        let (sources, analysis, outlets) = hostile_analysis();
        let refs: Vec<&Source> = sources.iter().collect();
        let html = report_html(&refs, Some(&analysis), &outlets);
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b>"));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("Daily &lt;Planet&gt;"));
        assert!(html.contains("&lt;x&gt;.pdf"));
        assert!(html.contains("<h2>Figure slots</h2>") && html.contains("<h2>Claims</h2>"));
        assert!(!html.contains("://"), "nothing remote");
        let empty = report_html(&refs, None, &outlets);
        assert!(empty.contains("No analysis yet"));
    }

    #[test]
    fn tables_have_one_row_per_item() {
        let (_, analysis, outlets) = hostile_analysis();
        let lines = |csv: &str| csv.split("\r\n").filter(|l| !l.is_empty()).count();
        let entities = entities_csv(&analysis, &outlets);
        assert!(entities.starts_with("id,name,label,aliases,Daily <Planet>,B & C\r\n"));
        assert_eq!(lines(&entities), analysis.comparison.entities.len() + 1);
        let slots = slots_csv(&analysis, &outlets);
        let n_values: usize = analysis
            .comparison
            .slots
            .iter()
            .map(|s| s.members.len())
            .sum();
        assert_eq!(lines(&slots), n_values + 1);
        assert!(n_values >= 2, "both injury figures are listed");
        let claims = claims_csv(&analysis, &outlets);
        assert_eq!(lines(&claims), analysis.comparison.claims.len() + 1);
    }

    /// The demo's rising death toll: the exported claims carry each source's own value, as the grid does.
    #[test]
    fn exported_claims_carry_differing_figures() {
        let articles: Vec<_> = analysis::demo::FILES
            .iter()
            .filter_map(|(name, bytes)| analysis::ingest(name, bytes).ok())
            .collect();
        let sources: Vec<Source> = articles
            .iter()
            .cloned()
            .map(|article| Source::Ok { article })
            .collect();
        let outlets: Vec<String> = articles.iter().map(|a| a.source.clone()).collect();
        let analysis = analysis::analyze(articles);
        let claims = claims_csv(&analysis, &outlets);
        assert!(
            claims.contains("stated: 12") && claims.contains("stated: 41"),
            "{claims}"
        );
        let refs: Vec<&Source> = sources.iter().collect();
        let html = report_html(&refs, Some(&analysis), &outlets);
        assert!(html.contains("killed: the sources give different figures (updated over time)"));
    }
}
