//! The dashboard pages: the period picker, tables with their bar charts, and CSV links.
use super::api::{get_all_units_dashboard, get_my_figures, get_unit_dashboard};
use super::{Dashboard, PeriodQuery, Table};
use crate::ui::PeriodPicker;
use crate::i18n::use_lang;
use crate::ui::{Loaded, Title};
use crate::satisfaction::pages::IndexBlock;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};


const CHART_WIDTH: f64 = 320.0;
const BAR_SPACE: f64 = 250.0;
const ROW: f64 = 34.0;

fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    }
}

/// Horizontal bars, one per row, each labelled above and valued at its end: narrow enough
/// for a phone. The table beside it carries the same figures for screen readers.
#[component]
pub fn BarChart(table: Table) -> impl IntoView {
    let lang = use_lang();
    let Some(col) = table.chart else { return ().into_any() };
    let values: Vec<f64> = table.rows.iter().map(|r| r.get(col).map(|c| c.amount()).unwrap_or(0.0)).collect();
    let max = if table.percent { 100.0 } else { values.iter().cloned().fold(0.0, f64::max) };
    let height = ROW * table.rows.len() as f64 + 4.0;
    let bars = table
        .rows
        .iter()
        .zip(values.iter())
        .enumerate()
        .map(|(i, (row, v))| {
            let y = ROW * i as f64;
            let w = if max > 0.0 { (v / max * BAR_SPACE).max(if *v > 0.0 { 2.0 } else { 0.0 }) } else { 0.0 };
            let label = short(&row.first().map(|c| c.show(lang)).unwrap_or_default(), 44);
            let value = row.get(col).map(|c| c.show(lang)).unwrap_or_default();
            let value = if table.percent && value != "–" { format!("{value} %") } else { value };
            view! {
                <text x="0" y=format!("{:.0}", y + 12.0) class="chart-label">{label}</text>
                <rect x="0" y=format!("{:.0}", y + 16.0) width=format!("{w:.1}") height="12" rx="2" class="chart-bar"/>
                <text x=format!("{:.1}", w + 6.0) y=format!("{:.0}", y + 27.0) class="chart-value">{value}</text>
            }
        })
        .collect_view();
    view! {
        <svg class="chart" viewBox=format!("0 0 {CHART_WIDTH} {height}") role="img" focusable="false"
            aria-label=format!("{} {}", lang.t("Grafik batang:", "Bar chart:"), table.title)>
            {bars}
        </svg>
    }
    .into_any()
}

/// A figure: its title, chart, table and CSV download.
#[component]
pub fn TableBlock(table: Table, csv: String) -> impl IntoView {
    let lang = use_lang();
    let id = format!("tabel-{}", table.key);
    let head = table.columns.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view();
    let empty = table.rows.is_empty();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let cells = r
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let text = c.show(lang);
                    let numeric = !matches!(c, super::Cell::Text(_));
                    if i == 0 {
                        view! { <th scope="row">{text}</th> }.into_any()
                    } else {
                        let label = table.columns.get(i).cloned().unwrap_or_default();
                        view! { <td class:num=numeric data-label=label>{text}</td> }.into_any()
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    let columns = table.columns.len();
    // Many columns read as labelled rows on a phone.
    let stacked = columns > 3;
    let wide = columns > 4;
    // Each part is its own view: one nested type for the whole figure is too deep for the
    // compiler's layout queries in release builds.
    let grid = view! {
        // Wide tables scroll inside their frame, which the keyboard can reach.
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby=id.clone()>
            <table class="data-table" class:stack-table=stacked>
                <thead><tr>{head}</tr></thead>
                <tbody>
                    {rows}
                    {empty.then(|| view! { <tr><td colspan=columns.to_string()>{lang.t("Tidak ada data pada periode ini.", "No data in this period.")}</td></tr> })}
                </tbody>
            </table>
        </div>
    }
    .into_any();
    let chart = (!empty).then(|| view! { <BarChart table=table.clone()/> }.into_any());
    let download = view! {
        <p><a href=csv rel="external" download="">{lang.t("Unduh CSV", "Download CSV")}<span class="visually-hidden">{format!(": {}", table.title)}</span></a></p>
    }
    .into_any();
    view! {
        <section class="figure" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{table.title.clone()}</h2>
            {table.note.clone().map(|n| view! { <p class="hint">{n}</p> })}
            // A table of many columns (the per-staff figures) takes the whole width under its
            // chart, so that no column hides at 1280 px.
            <div class="figure-body" class:figure-body-wide=wide>{chart}{grid}</div>
            {download}
        </section>
    }
}

#[component]
fn DashboardBody(d: Dashboard) -> impl IntoView {
    let lang = use_lang();
    let query = d.period.query.clone();
    // The scores per element sit with the index; the other figures follow.
    let element_table = d.tables.iter().find(|t| t.key == "ikm").cloned().map(|t| {
        let csv = format!("{}/{}.csv?{}", d.path, t.key, query);
        view! { <TableBlock table=t csv/> }
    });
    let blocks = d
        .tables
        .iter()
        .filter(|t| t.key != "ikm")
        .map(|t| {
            let csv = format!("{}/{}.csv?{}", d.path, t.key, query);
            view! { <TableBlock table=t.clone() csv/> }
        })
        .collect_view();
    let others = (!d.others.is_empty()).then(|| {
        let links = d
            .others
            .iter()
            .map(|u| view! { <li><a href=format!("/kelola/unit/{}/kinerja?{}", u.id, query)>{u.name.clone()}</a></li> })
            .collect_view();
        view! { <h2>{lang.t("Per unit", "Per unit")}</h2><ul class="link-list">{links}</ul> }
    });
    let responses_csv = d.unit.as_ref().map(|_| format!("{}/skm-jawaban.csv?{}", d.path, query));
    view! {
        <Title text=format!("{} — {}", lang.t("Kinerja", "Performance"), d.title)/>
        <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb"><a href="/kelola">{lang.t("Kelola", "Manage")}</a></nav>
        <h1>{lang.t("Kinerja dan kepuasan", "Performance and satisfaction")}</h1>
        <p class="lead">{d.title.clone()}" · "{d.period.label.clone()}</p>
        <PeriodPicker period=d.period.clone() path=d.path.clone()/>
        <section class="figure" aria-labelledby="ikm-heading">
            <h2 id="ikm-heading">{lang.t("Indeks kepuasan masyarakat (IKM)", "Citizen satisfaction index (IKM)")}</h2>
            {match d.satisfaction.clone() {
                Some(index) => view! { <IndexBlock index elements=false/> }.into_any(),
                None => view! { <p>{lang.t("Belum ada jawaban survei pada periode ini.", "No survey answers in this period.")}</p> }.into_any(),
            }}
            {responses_csv.map(|href| view! {
                <p><a href=href rel="external" download="">{lang.t("Unduh jawaban survei tanpa nama (CSV)", "Download the anonymous survey answers (CSV)")}</a></p>
            })}
        </section>
        {element_table}
        {blocks}
        {others}
    }
}

fn dashboard_view(data: Resource<Result<Dashboard, crate::error::AppError>>) -> impl IntoView {
    view! {
        <div class="container wide">
            <Loaded data=data page=move |d| view! { <DashboardBody d/> }.into_any()/>
        </div>
    }
}

/// `/kelola/unit/:id/kinerja`
#[component]
pub fn UnitDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("id").and_then(|v| v.parse::<i32>().ok()).unwrap_or(0)), query.with(PeriodQuery::from_map)),
        |(id, q)| get_unit_dashboard(id, q.periode, q.tanggal, q.dari, q.sampai),
    );
    dashboard_view(data)
}

/// `/kelola/kinerja`: every unit, for admins.
#[component]
pub fn AllUnitsDashboardPage() -> impl IntoView {
    let query = use_query_map();
    let data = Resource::new(move || query.with(PeriodQuery::from_map), |q| get_all_units_dashboard(q.periode, q.tanggal, q.dari, q.sampai));
    dashboard_view(data)
}

/// `/kinerja-saya`: a staff member's own figures.
#[component]
pub fn MyFiguresPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.with(PeriodQuery::from_map), |q| get_my_figures(q.periode, q.tanggal, q.dari, q.sampai));
    view! {
        <Title text=lang.t("Kinerja saya", "My figures")/>
        <div class="container wide">
            <Loaded data=data page=move |f| {
                    let q = f.period.query.clone();
                    let blocks = f.tables.iter().map(|t| view! { <TableBlock table=t.clone() csv=format!("/kinerja-saya/{}.csv?{q}", t.key)/> }).collect_view();
                    view! {
                        <h1>{lang.t("Kinerja saya", "My figures")}</h1>
                        <p class="lead">{f.name.clone()}" · "{f.period.label.clone()}</p>
                        <PeriodPicker period=f.period.clone() path="/kinerja-saya".to_string()/>
                        {blocks}
                    }.into_any()
                }/>
        </div>
    }
}
