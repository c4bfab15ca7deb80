//! Managers' oversight: performance dashboards per unit and across units, each staff
//! member's figures, and the period they cover. Every figure is a table; the ones that
//! read better as a picture also get a server-rendered SVG bar chart, and every table can
//! be downloaded as CSV.
pub mod api;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::i18n::Lang;
use crate::satisfaction::fmt_fixed;
use serde::{Deserialize, Serialize};

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
    fn fixed_numbers_are_shown_in_the_reader_s_language() {
        assert_eq!(Cell::Fixed(755, 1).show(Lang::Id), "75,5");
        assert_eq!(Cell::Fixed(755, 1).show(Lang::En), "75.5");
    }
}
