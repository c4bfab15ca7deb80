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

pub use crate::common::csv::csv_field;
pub use crate::common::period::{PeriodKind, PeriodQuery, PeriodView};

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
