//! Managers' oversight: performance dashboards per unit and across units, each staff
//! member's figures, and the period they cover. Every figure is a table; the ones that
//! read better as a picture also get a server-rendered SVG bar chart, and every table can
//! be downloaded as CSV.
pub mod api;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::i18n::Lang;
use crate::satisfaction::fmt_fixed;
use serde::{Deserialize, Serialize};

/// The length of a period to look at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PeriodKind {
    Week,
    Month,
    Quarter,
    Year,
    Custom,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 5] = [PeriodKind::Week, PeriodKind::Month, PeriodKind::Quarter, PeriodKind::Year, PeriodKind::Custom];
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Week => "minggu",
            PeriodKind::Month => "bulan",
            PeriodKind::Quarter => "kuartal",
            PeriodKind::Year => "tahun",
            PeriodKind::Custom => "khusus",
        }
    }
    pub fn parse(s: &str) -> Option<PeriodKind> {
        PeriodKind::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            PeriodKind::Week => lang.t("Minggu", "Week"),
            PeriodKind::Month => lang.t("Bulan", "Month"),
            PeriodKind::Quarter => lang.t("Kuartal", "Quarter"),
            PeriodKind::Year => lang.t("Tahun", "Year"),
            PeriodKind::Custom => lang.t("Tanggal pilihan", "Chosen dates"),
        }
    }
}

/// The period as asked for in the address (`?periode=bulan&tanggal=2027-03-01`, or
/// `?periode=khusus&dari=…&sampai=…`). Empty and missing values are the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodQuery {
    pub periode: Option<String>,
    pub tanggal: Option<String>,
    pub dari: Option<String>,
    pub sampai: Option<String>,
}

impl PeriodQuery {
    pub fn from_map(q: &leptos_router::params::ParamsMap) -> PeriodQuery {
        let get = |k: &str| q.get(k).filter(|v| !v.trim().is_empty());
        PeriodQuery { periode: get("periode"), tanggal: get("tanggal"), dari: get("dari"), sampai: get("sampai") }
    }
}

/// The period a page covers, resolved in the unit's time zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodView {
    pub kind: PeriodKind,
    /// First and last day, "YYYY-MM-DD", both included.
    pub from: String,
    pub to: String,
    /// In words: "Maret 2027", "Kuartal I 2027", "1–7 Maret 2027".
    pub label: String,
    /// The query string that selects this period again (for links and CSV).
    pub query: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// What was wrong with typed dates (the default period is shown instead).
    pub problem: Option<String>,
    /// The dates as typed, kept for the form.
    pub typed_from: String,
    pub typed_to: String,
}

/// One value in a table. Numbers keep their value for CSV; pages show them in the
/// reader's language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A fixed-point number: value and decimals (1234, 1) = 123.4.
    Fixed(i64, u32),
    /// Nothing to show (no data), e.g. an average of nothing.
    Empty,
}

impl Cell {
    pub fn show(&self, lang: Lang) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Fixed(v, d) => fmt_fixed(*v, *d, lang),
            Cell::Empty => "–".into(),
        }
    }
    pub fn csv(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Fixed(v, d) => fmt_fixed(*v, *d, Lang::En),
            Cell::Empty => String::new(),
        }
    }
    /// The value a chart draws.
    pub fn amount(&self) -> f64 {
        match self {
            Cell::Int(v) => *v as f64,
            Cell::Fixed(v, d) => *v as f64 / 10f64.powi(*d as i32),
            _ => 0.0,
        }
    }
}

/// A figure of the dashboard: a titled table, optionally drawn as bars.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable name, used in the CSV address and file name.
    pub key: String,
    pub title: String,
    pub note: Option<String>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Draw column `chart` of each row as a bar labelled by column 0.
    pub chart: Option<usize>,
    /// Bars show a share (0–100 %).
    pub percent: bool,
}

impl Table {
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let line = |cells: Vec<String>| cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(",") + "\r\n";
        out.push_str(&line(self.columns.clone()));
        for r in &self.rows {
            out.push_str(&line(r.iter().map(Cell::csv).collect()));
        }
        out
    }
}

/// Quotes a CSV field and neutralises spreadsheet formulas.
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A unit a signed-in person may look at.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitLink {
    pub id: i32,
    pub name: String,
}

/// A dashboard: one unit's (or, for admins, every unit's) figures over one period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// None: across all units.
    pub unit: Option<UnitLink>,
    pub title: String,
    pub period: PeriodView,
    pub satisfaction: Option<crate::satisfaction::IndexView>,
    pub tables: Vec<Table>,
    /// Where this dashboard lives, e.g. "/kelola/unit/3/kinerja".
    pub path: String,
    /// Other dashboards the reader may open.
    pub others: Vec<UnitLink>,
}

/// One staff member's own figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyFigures {
    pub name: String,
    pub period: PeriodView,
    pub tables: Vec<Table>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_of_a_table() {
        let t = Table {
            key: "x".into(),
            title: "X".into(),
            note: None,
            columns: vec!["Layanan".into(), "Jumlah".into(), "Bagian".into()],
            rows: vec![
                vec![Cell::Text("Akta \"kelahiran\"".into()), Cell::Int(3), Cell::Fixed(755, 1)],
                vec![Cell::Text("=1+1".into()), Cell::Int(-2), Cell::Empty],
            ],
            chart: Some(1),
            percent: false,
        };
        assert_eq!(
            t.to_csv(),
            "\"Layanan\",\"Jumlah\",\"Bagian\"\r\n\"Akta \"\"kelahiran\"\"\",\"3\",\"75.5\"\r\n\"'=1+1\",\"-2\",\"\"\r\n"
        );
        assert_eq!(Cell::Fixed(755, 1).show(Lang::Id), "75,5");
    }
}
