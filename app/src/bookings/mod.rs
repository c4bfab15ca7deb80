//! Offline appointments under physical-distancing limits. A unit's rooms give the most
//! visitors present at once; the counters on duty give how many can be served; a slot's
//! places are the smaller of the two, with a share kept for walk-ins. Places are taken
//! only by a conditional update in the same transaction as the booking, so a slot is
//! never overbooked, however many people press "confirm" at once.
//!
//! The pure rules and the types pages receive live here; the server-only half is in `ssr`.
pub mod api;
#[cfg(feature = "ssr")]
pub mod counter;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// Where a booking stands. Bookings are never deleted; each change is a status and an
/// event in its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    Booked,
    CheckedIn,
    Served,
    NoShow,
    Cancelled,
    /// Moved out of its slot by a cut in capacity; the visitor is offered other slots.
    Displaced,
}

impl Status {
    pub const ALL: [Status; 6] =
        [Status::Booked, Status::CheckedIn, Status::Served, Status::NoShow, Status::Cancelled, Status::Displaced];
    pub fn code(self) -> &'static str {
        match self {
            Status::Booked => "booked",
            Status::CheckedIn => "checked_in",
            Status::Served => "served",
            Status::NoShow => "no_show",
            Status::Cancelled => "cancelled",
            Status::Displaced => "displaced",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|x| x.code() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::Booked => lang.t("Terjadwal", "Booked"),
            Status::CheckedIn => lang.t("Sudah datang", "Checked in"),
            Status::Served => lang.t("Selesai dilayani", "Served"),
            Status::NoShow => lang.t("Tidak datang", "Did not come"),
            Status::Cancelled => lang.t("Dibatalkan", "Cancelled"),
            Status::Displaced => lang.t("Perlu dijadwal ulang", "Needs a new time"),
        }
    }
    /// Holds a place in its slot.
    pub fn holds_place(self) -> bool {
        matches!(self, Status::Booked | Status::CheckedIn | Status::Served)
    }
    /// The visitor may still cancel or move it.
    pub fn changeable(self) -> bool {
        matches!(self, Status::Booked | Status::Displaced)
    }
}

/// How a room's visitor limit is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rule {
    /// Floor area divided by the square metres each visitor needs, rounded down.
    Area,
    /// A fixed maximum.
    Fixed,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::Area => "area",
            Rule::Fixed => "fixed",
        }
    }
    pub fn parse(s: &str) -> Option<Rule> {
        [Rule::Area, Rule::Fixed].into_iter().find(|r| r.code() == s)
    }
}

/// The most visitors a room may hold at once.
pub fn room_limit(rule: Rule, area_m2: f64, m2_per_visitor: f64, max_visitors: i32) -> i32 {
    match rule {
        Rule::Area if m2_per_visitor > 0.0 && area_m2 > 0.0 => {
            // A small tolerance so that 40 m² at 4 m² per visitor is 10, whatever the
            // floating-point representation of the figures typed.
            ((area_m2 / m2_per_visitor) + 1e-9).floor().max(0.0) as i32
        }
        Rule::Area => 0,
        Rule::Fixed => max_visitors.max(0),
    }
}

/// A slot's places: the smaller of what the rooms hold and what the counters serve.
pub fn slot_places(rooms: i32, counters: i32, per_counter: i32) -> i32 {
    rooms.min(counters.max(0) * per_counter.max(0)).max(0)
}

/// Places of a slot kept for walk-ins: the share rounded down.
pub fn walkin_places(places: i32, percent: i32) -> i32 {
    (places.max(0) * percent.clamp(0, 100)) / 100
}

/// Places still open to online booking.
pub fn online_free(places: i32, walkin_places: i32, booked: i32, walkins: i32) -> i32 {
    let by_share = places - walkin_places - booked;
    let by_room = places - booked - walkins;
    by_share.min(by_room).max(0)
}

/// Places still open to a walk-in at the counter (the kept share and any free place).
pub fn walkin_free(places: i32, booked: i32, walkins: i32) -> i32 {
    (places - booked - walkins).max(0)
}

/// Slot start and end times, in minutes after midnight, from opening to closing time.
/// A slot that would end after closing time is not offered.
pub fn slot_times(opens: u32, closes: u32, minutes: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    if minutes == 0 {
        return out;
    }
    let mut t = opens;
    while t + minutes <= closes {
        out.push((t, t + minutes));
        t += minutes;
    }
    out
}

/// "HH:MM" to minutes after midnight.
pub fn minutes_of(hhmm: &str) -> Option<u32> {
    let (h, m) = hhmm.trim().split_once([':', '.'])?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60 && m.to_string().len() <= 2).then_some(h * 60 + m)
}

pub fn hhmm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Weekday names, Monday first.
pub fn weekday_name(iso: u32, lang: Lang) -> &'static str {
    const ID: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
    const EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let i = (iso.clamp(1, 7) - 1) as usize;
    match lang {
        Lang::Id => ID[i],
        Lang::En => EN[i],
    }
}

// ---------------------------------------------------------------------------------------
// What pages receive.

/// A service one may book a visit for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookableService {
    pub unit_slug: String,
    pub unit_name: String,
    pub service_slug: String,
    pub service_name: String,
    /// The unit takes no visitors at all (no room set up).
    pub closed: bool,
}

/// What `/janji` offers: every service when the portal has few, otherwise first the units
/// (a province has hundreds), then the services of the unit chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookStart {
    /// The units to choose from (slug, name, takes visits); empty when `services` lists all.
    pub units: Vec<(String, String, bool)>,
    /// The unit chosen (its name), whose services `services` lists.
    pub unit: Option<String>,
    pub services: Vec<BookableService>,
}

/// Up to this many services, `/janji` lists them all on one page.
pub const BOOK_START_ALL_AT_ONCE: u64 = 60;

/// A slot offered to a citizen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotOption {
    /// `2026-12-01T09:00`: the day and start in the unit's time zone.
    pub key: String,
    pub date: String,
    /// "Selasa, 1 Desember 2026".
    pub date_label: String,
    pub starts: String,
    pub ends: String,
    pub free: i32,
}

/// One day in the list of days one may book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DayOption {
    pub date: String,
    pub label: String,
    pub free: i32,
    /// Why nobody can come that day (a holiday's name, "Tutup", …).
    pub closed: Option<String>,
}

/// The page that picks a date and a slot, for a new booking or to move one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotPage {
    pub unit_slug: String,
    pub unit_name: String,
    pub unit_address: String,
    pub service_slug: String,
    pub service_name: String,
    /// WIB, WITA or WIT.
    pub zone: String,
    pub days: Vec<DayOption>,
    /// The date asked for, as typed (kept when it is wrong).
    pub date: String,
    pub date_label: Option<String>,
    pub slots: Vec<SlotOption>,
    /// Why the date asked for cannot be booked.
    pub date_problem: Option<crate::forms::Problem>,
    /// The next free slots, offered when the date or the slot chosen cannot be had.
    pub next_free: Vec<SlotOption>,
    /// The slot chosen before (kept when going back).
    pub chosen: Option<String>,
    pub error: Option<crate::error::AppError>,
    /// Set when moving a booking: its code.
    pub moving: Option<String>,
    /// When moving: the booking's time now ("Kamis, 8 April 2027, 09:00–09:30 WITA").
    pub moving_from: Option<String>,
    /// When moving a booking that can no longer change (cancelled, served, …): its status.
    pub not_movable: Option<Status>,
    pub notice_minutes: i32,
    pub ahead_days: i32,
}

/// What the citizen typed about themselves.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Visitor {
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The details page, and "check your answers".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftPage {
    pub unit_slug: String,
    pub unit_name: String,
    pub unit_address: String,
    pub service_slug: String,
    pub service_name: String,
    pub slot: SlotOption,
    pub zone: String,
    pub visitor: Visitor,
    pub key: String,
    pub error: Option<crate::error::AppError>,
    /// The slot filled up meanwhile (or is no longer offered): choose another.
    pub next_free: Vec<SlotOption>,
}

/// A booking as its visitor sees it (on the confirmation page and by its code).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookingView {
    pub code: String,
    pub status: Status,
    pub unit_slug: String,
    pub unit_name: String,
    pub unit_address: String,
    pub service_slug: String,
    pub service_name: String,
    pub date_label: String,
    pub starts: String,
    pub ends: String,
    pub zone: String,
    pub name: String,
    /// The e-mail address with most of it hidden.
    pub email_hint: String,
    /// The QR code of the booking code, as SVG, for the counter's scanner.
    pub qr_svg: String,
    /// What to bring: the documents of the requirements component, as HTML.
    pub documents_html: String,
    /// The conditions of the requirements component (not things to bring), as HTML.
    pub conditions_html: String,
    pub history: Vec<(String, String)>,
    /// For a displaced booking: the nearest free slots.
    pub next_free: Vec<SlotOption>,
}

/// One booking on the counter's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterBooking {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub service_name: String,
    pub status: Status,
    pub walk_in: bool,
    pub checked_in_at: Option<String>,
    /// The grace period is over: the visitor may be marked absent.
    pub may_mark_absent: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterSlot {
    pub id: i32,
    pub starts: String,
    pub ends: String,
    pub places: i32,
    pub walkin_places: i32,
    pub booked: i32,
    pub walkins: i32,
    pub checked_in: i32,
    pub served: i32,
    pub bookings: Vec<CounterBooking>,
    /// The slot running now.
    pub now: bool,
}

/// The counter's day.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterPage {
    pub unit_id: i32,
    pub unit_name: String,
    pub date: String,
    pub date_label: String,
    pub zone: String,
    pub slots: Vec<CounterSlot>,
    pub services: Vec<(i32, String)>,
    /// Staff on counter duty today, by shift ("Pagi: Ani, Budi").
    pub on_duty: Vec<String>,
    pub message: Option<String>,
    pub error: Option<crate::error::AppError>,
}

/// A room on the settings page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomView {
    pub id: i32,
    pub name: String,
    pub area_m2: String,
    pub rule: Rule,
    pub m2_per_visitor: String,
    pub max_visitors: i32,
    pub active: bool,
    pub limit: i32,
}

/// The manager's appointment settings of one unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsPage {
    pub unit_id: i32,
    pub unit_name: String,
    pub rooms: Vec<RoomView>,
    /// Monday first: (ISO weekday, opens, closes); empty times mean closed.
    pub hours: Vec<(u32, String, String)>,
    pub slot_minutes: i32,
    pub ahead_days: i32,
    pub notice_minutes: i32,
    pub walkin_percent: i32,
    pub counter_source: String,
    pub fixed_counters: i32,
    pub per_counter: i32,
    pub grace_minutes: i32,
    /// Upcoming closures: (id, date, label, reason).
    pub closures: Vec<(i32, String, String, String)>,
    pub values: std::collections::BTreeMap<String, String>,
    pub error: Option<crate::error::AppError>,
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_limits() {
        assert_eq!(room_limit(Rule::Area, 40.0, 4.0, 0), 10);
        assert_eq!(room_limit(Rule::Area, 39.9, 4.0, 0), 9);
        assert_eq!(room_limit(Rule::Area, 0.3 * 30.0, 0.3, 0), 30);
        assert_eq!(room_limit(Rule::Area, 10.0, 0.0, 0), 0);
        assert_eq!(room_limit(Rule::Fixed, 100.0, 4.0, 6), 6);
    }

    #[test]
    fn places_are_the_smaller_limit() {
        assert_eq!(slot_places(10, 3, 2), 6);
        assert_eq!(slot_places(4, 3, 2), 4);
        assert_eq!(slot_places(10, 0, 2), 0);
        assert_eq!(walkin_places(10, 20), 2);
        assert_eq!(walkin_places(4, 20), 0);
        assert_eq!(online_free(10, 2, 8, 0), 0);
        assert_eq!(online_free(10, 2, 5, 4), 1);
        assert_eq!(walkin_free(10, 8, 1), 1);
    }

    #[test]
    fn slots_fit_inside_opening_hours() {
        let s = slot_times(8 * 60, 9 * 60 + 45, 30);
        assert_eq!(s, vec![(480, 510), (510, 540), (540, 570)]);
        assert!(slot_times(480, 600, 0).is_empty());
        assert_eq!(minutes_of("07.30"), Some(450));
        assert_eq!(minutes_of("24:00"), None);
        assert_eq!(hhmm(450), "07:30");
    }
}
