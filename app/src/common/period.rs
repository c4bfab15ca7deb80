//! The period a dashboard or a published result covers, as asked for in the address and as
//! resolved for a unit (the resolving itself is server-side, in `ssr::period`).
use crate::i18n::Lang;
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

