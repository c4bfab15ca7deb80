//! Where staff work in a shift and on what: stored in `roster_entries.mode` and `.duty` as
//! their codes; a stored value outside these lists is an error when read.
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where someone works in a shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Mode {
    /// Work from office.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "wfo"))]
    Wfo,
    /// Work from home.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "wfh"))]
    Wfh,
    /// Annual or other leave.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cuti"))]
    Cuti,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sakit"))]
    Sakit,
    /// Official travel.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "dinas_luar"))]
    DinasLuar,
}

impl Mode {
    pub const ALL: [Mode; 5] = [Mode::Wfo, Mode::Wfh, Mode::Cuti, Mode::Sakit, Mode::DinasLuar];
    pub fn code(self) -> &'static str {
        match self {
            Mode::Wfo => "wfo",
            Mode::Wfh => "wfh",
            Mode::Cuti => "cuti",
            Mode::Sakit => "sakit",
            Mode::DinasLuar => "dinas_luar",
        }
    }
    pub fn parse(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Mode::Wfo => lang.t("WFO (kantor)", "WFO (office)"),
            Mode::Wfh => lang.t("WFH (rumah)", "WFH (home)"),
            Mode::Cuti => lang.t("Cuti", "Leave"),
            Mode::Sakit => lang.t("Sakit", "Sick"),
            Mode::DinasLuar => lang.t("Dinas luar", "Official travel"),
        }
    }
    pub fn is_working(self) -> bool {
        matches!(self, Mode::Wfo | Mode::Wfh)
    }
}

/// What someone works on in a shift.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Duty {
    /// The online desk: answers reports.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "desk"))]
    Desk,
    /// The counter: serves visitors (in the office only).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "counter"))]
    Counter,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "none"))]
    None,
}

impl Duty {
    pub fn code(self) -> &'static str {
        match self {
            Duty::Desk => "desk",
            Duty::Counter => "counter",
            Duty::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Duty> {
        [Duty::Desk, Duty::Counter, Duty::None].into_iter().find(|d| d.code() == s)
    }
}

