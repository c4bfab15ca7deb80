//! The "new normal" work system: shifts, weekly rosters under the office-presence cap, who
//! is on duty, and routing reports to staff on the online desk. Shared types and the pure
//! rules live here (the grid counts office presence in the browser with the same code the
//! server checks with); the server-only half is in `ssr`, `routing` and `jobs`.
pub mod api;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use crate::common::roster::{Duty, Mode};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// One cell of the roster grid: a mode and a duty that go together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    pub mode: Mode,
    pub duty: Duty,
}

impl Cell {
    /// Every choice offered in a cell, in the order of the list.
    pub const CHOICES: [Cell; 8] = [
        Cell { mode: Mode::Wfo, duty: Duty::Desk },
        Cell { mode: Mode::Wfo, duty: Duty::Counter },
        Cell { mode: Mode::Wfo, duty: Duty::None },
        Cell { mode: Mode::Wfh, duty: Duty::Desk },
        Cell { mode: Mode::Wfh, duty: Duty::None },
        Cell { mode: Mode::Cuti, duty: Duty::None },
        Cell { mode: Mode::Sakit, duty: Duty::None },
        Cell { mode: Mode::DinasLuar, duty: Duty::None },
    ];

    /// The value in a form: "wfo-desk", "wfh", "cuti", …
    pub fn code(self) -> String {
        match self.duty {
            Duty::None => self.mode.code().to_string(),
            d => format!("{}-{}", self.mode.code(), d.code()),
        }
    }
    /// Reads a form value; only the combinations of `CHOICES` (no counter from home, no duty
    /// while away).
    pub fn parse(s: &str) -> Option<Cell> {
        Cell::CHOICES.into_iter().find(|c| c.code() == s)
    }
    /// Whether a cell's form value puts the person in the office (counted in the cap).
    pub fn in_office(value: &str) -> bool {
        Cell::parse(value).is_some_and(|c| c.mode == Mode::Wfo)
    }
    pub fn label(self, lang: Lang) -> String {
        match self.duty {
            Duty::Desk => format!("{} · {}", self.mode.label(lang), lang.t("meja daring", "online desk")),
            Duty::Counter => format!("{} · {}", self.mode.label(lang), lang.t("loket", "counter")),
            Duty::None => self.mode.label(lang).to_string(),
        }
    }
    /// A short label for grid cells and the printed roster (the legend spells them out).
    pub fn short(self, lang: Lang) -> String {
        match (self.mode, self.duty) {
            (Mode::Wfo, Duty::Desk) => lang.t("WFO · Daring", "WFO · Desk").into(),
            (Mode::Wfo, Duty::Counter) => lang.t("WFO · Loket", "WFO · Counter").into(),
            (Mode::Wfh, Duty::Desk) => lang.t("WFH · Daring", "WFH · Desk").into(),
            (Mode::Wfo, _) => "WFO".into(),
            (Mode::Wfh, _) => "WFH".into(),
            (Mode::Cuti, _) => lang.t("Cuti", "Leave").into(),
            (Mode::Sakit, _) => lang.t("Sakit", "Sick").into(),
            (Mode::DinasLuar, _) => lang.t("Dinas luar", "Travel").into(),
        }
    }
}

/// The most staff allowed in the office in one shift: a share of the staff who are counted
/// (senior officials are not), rounded down, but at least one person when anyone is
/// counted, so that an office with few staff can still open.
pub fn office_cap(counted_staff: usize, percent: u32) -> usize {
    if counted_staff == 0 {
        return 0;
    }
    (counted_staff * percent.min(100) as usize / 100).max(1)
}

/// Cap shares offered in the settings: East Kalimantan's 1/5, and the zones of circular
/// 67/2020 (100 / 75 / 50 / 25 %).
pub const CAP_PRESETS: [(u32, &str); 5] =
    [(20, "1/5 (Kalimantan Timur)"), (25, "25 % (zona merah)"), (50, "50 % (zona oranye)"), (75, "75 % (zona kuning)"), (100, "100 % (zona hijau)")];

/// The name of a grid cell in the roster form: `c[u<user>_<date>_<shift>]` (a key that
/// starts with a letter: form decoding would read a leading digit as a list index).
pub fn cell_key(user_id: i32, date: &str, shift_id: i32) -> String {
    format!("u{user_id}_{date}_{shift_id}")
}

/// Splits a cell key back into user, date and shift.
pub fn parse_cell_key(key: &str) -> Option<(i32, String, i32)> {
    let mut parts = key.strip_prefix('u')?.splitn(3, '_');
    let user = parts.next()?.parse().ok()?;
    let date = parts.next()?.to_string();
    let shift = parts.next()?.parse().ok()?;
    Some((user, date, shift))
}

/// A shift as pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftView {
    pub id: i32,
    pub name: String,
    pub starts: String,
    pub ends: String,
}

/// A day column of the week grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayView {
    /// ISO date, `2026-11-30`.
    pub date: String,
    /// "Senin 30/11".
    pub label: String,
    /// "Senin, 30 November 2026", for messages and screen readers.
    pub long: String,
    /// The holiday or day off that closes it, if any.
    pub closed: Option<String>,
}

/// One staff member's row of the week grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffRow {
    pub user_id: i32,
    pub name: String,
    /// Not counted in the office-presence cap.
    pub senior: bool,
    /// Cell codes by `cell_key`, empty for "not scheduled".
    pub cells: Vec<(String, String)>,
}

impl StaffRow {
    pub fn cell(&self, key: &str) -> String {
        self.cells.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// A unit's week plan, for the grid and its printable view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekPlan {
    pub unit_id: i32,
    pub unit_name: String,
    /// ISO week, `2026-W49`.
    pub week: String,
    pub previous: String,
    pub next: String,
    /// "30 November – 6 Desember 2026".
    pub range: String,
    pub days: Vec<DayView>,
    pub shifts: Vec<ShiftView>,
    pub staff: Vec<StaffRow>,
    pub cap_percent: u32,
    /// Staff counted in the cap (not senior officials).
    pub counted: usize,
    pub cap: usize,
}

impl WeekPlan {
    /// The cells of one day and shift that count in the office cap (senior officials' do
    /// not); a cell counts when its value is in the office (`Cell::in_office`).
    pub fn counted_cells(&self, date: &str, shift_id: i32) -> Vec<String> {
        self.staff.iter().filter(|s| !s.senior).map(|s| cell_key(s.user_id, date, shift_id)).collect()
    }
}

/// One line of a staff member's own schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleLine {
    pub unit_name: String,
    pub day: String,
    pub shift: String,
    pub hours: String,
    pub cell: String,
    pub today: bool,
}

/// A unit's work settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkSettings {
    pub unit_id: i32,
    pub unit_name: String,
    pub zone: String,
    pub shifts: Vec<ShiftView>,
    pub cap_percent: u32,
    pub release_policy: String,
    pub auto_close_days: i32,
}

/// A member of a unit with what the manager sets for routing and the cap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub role: String,
    pub senior: bool,
    pub services: Vec<i32>,
    pub open_tickets: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub unit_id: i32,
    pub unit_name: String,
    pub services: Vec<(i32, String, i32, i32, i32)>,
    pub members: Vec<MemberView>,
}

/// A day off in the calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HolidayView {
    pub id: i32,
    pub date: String,
    pub label: String,
    pub name: String,
    pub kind: String,
    pub provisional: bool,
    /// A unit's own day off (national days are shown to units but edited by admins).
    pub local: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HolidaysPage {
    /// None: the national calendar (admins).
    pub unit_id: Option<i32>,
    pub unit_name: Option<String>,
    pub year: i32,
    pub holidays: Vec<HolidayView>,
}

pub fn holiday_kind_label(kind: &str, lang: Lang) -> &'static str {
    match kind {
        "libur" => lang.t("Libur nasional", "National holiday"),
        "cuti_bersama" => lang.t("Cuti bersama", "Collective leave"),
        _ => lang.t("Libur lokal unit", "Unit's local day off"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_round_trip_and_refuse_nonsense() {
        for c in Cell::CHOICES {
            assert_eq!(Cell::parse(&c.code()), Some(c));
        }
        assert_eq!(Cell::parse("wfh-counter"), None);
        assert_eq!(Cell::parse("cuti-desk"), None);
        assert_eq!(Cell::parse(""), None);
    }

    #[test]
    fn cap_rounds_down_but_lets_one_in() {
        assert_eq!(office_cap(10, 20), 2);
        assert_eq!(office_cap(14, 20), 2);
        assert_eq!(office_cap(4, 20), 1);
        assert_eq!(office_cap(10, 100), 10);
        assert_eq!(office_cap(0, 50), 0);
    }

    #[test]
    fn cell_keys_round_trip() {
        let k = cell_key(12, "2026-11-30", 3);
        assert_eq!(parse_cell_key(&k), Some((12, "2026-11-30".to_string(), 3)));
        assert_eq!(parse_cell_key("x_2026_1"), None);
    }
}
