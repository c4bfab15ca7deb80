//! The three deadlines of a report, counted in the unit's working days and hours, in its
//! time zone: verification, first response and resolution (the service standard's
//! complaint-handling component sets how many working days each takes). The clock starts
//! when the report reaches the unit, stands still while staff wait for the citizen, and a
//! deadline falls at the end of the unit's working hours on its last working day.
use crate::i18n::Lang;
use crate::ssr::entities::{service, ticket, unit, unit_shift};
use crate::ssr::timefmt;
use crate::ssr::workdays::Calendar;
use chrono::{DateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};

pub const DEFAULT_VERIFY_DAYS: u32 = 3;
pub const DEFAULT_RESPOND_DAYS: u32 = 5;
pub const DEFAULT_RESOLVE_DAYS: u32 = 14;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Which {
    Verify,
    Respond,
    Resolve,
}

impl Which {
    pub const ALL: [Which; 3] = [Which::Verify, Which::Respond, Which::Resolve];
    pub fn code(self) -> &'static str {
        match self {
            Which::Verify => "verify",
            Which::Respond => "respond",
            Which::Resolve => "resolve",
        }
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Which::Verify => lang.t("Verifikasi", "Verification"),
            Which::Respond => lang.t("Tanggapan pertama", "First response"),
            Which::Resolve => lang.t("Penyelesaian", "Resolution"),
        }
    }
}

/// A unit's working time: its calendar, zone and the hour its working day ends.
#[derive(Clone, Debug)]
pub struct Clock {
    pub calendar: Calendar,
    pub zone: String,
    pub closes: NaiveTime,
}

impl Clock {
    /// The unit's day ends with its last shift (16:00 when it has none).
    pub fn new(calendar: Calendar, u: &unit::Model, shifts: &[unit_shift::Model]) -> Clock {
        let closes = shifts
            .iter()
            .filter_map(|s| NaiveTime::parse_from_str(&s.ends, "%H:%M").ok())
            .max()
            .unwrap_or(NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default());
        Clock { calendar, zone: u.timezone.clone(), closes }
    }

    pub fn local_date(&self, at: DateTime<Utc>) -> chrono::NaiveDate {
        at.with_timezone(&timefmt::tz(&self.zone)).date_naive()
    }

    /// The end of the working day `days` working days after `start` (the day the clock
    /// starts is not counted).
    pub fn due(&self, start: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        let date = self.calendar.add_working_days(self.local_date(start), days);
        let tz = timefmt::tz(&self.zone);
        tz.from_local_datetime(&date.and_time(self.closes))
            .earliest()
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or(start)
    }

    /// Working days passed between two instants, in the unit's calendar.
    pub fn working_days_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> u32 {
        self.calendar.working_days_between(self.local_date(from), self.local_date(to))
    }
}

/// The working days a report's deadlines take: the service's, or the defaults.
pub fn allowances(s: Option<&service::Model>) -> [(Which, u32); 3] {
    let days = |v: i32| v.max(0) as u32;
    match s {
        Some(s) => [
            (Which::Verify, days(s.verify_days)),
            (Which::Respond, days(s.respond_days)),
            (Which::Resolve, days(s.resolve_days)),
        ],
        None => [
            (Which::Verify, DEFAULT_VERIFY_DAYS),
            (Which::Respond, DEFAULT_RESPOND_DAYS),
            (Which::Resolve, DEFAULT_RESOLVE_DAYS),
        ],
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Done before the deadline.
    Met,
    /// Done, but after the deadline.
    MetLate,
    Pending,
    Overdue,
    /// The clock stands still, waiting for the citizen.
    Paused,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Deadline {
    pub which: Which,
    pub due: DateTime<Utc>,
    pub done_at: Option<DateTime<Utc>>,
    pub state: State,
}

/// When the report's clock started: when it reached the unit (after e-mail confirmation).
pub fn started(t: &ticket::Model) -> Option<DateTime<Utc>> {
    if t.status == crate::tickets::Status::AwaitingConfirmation {
        return None;
    }
    Some(t.confirmed_at.unwrap_or(t.created_at))
}

/// The report's deadlines as of `now`. None before the report reached the unit.
pub fn of_ticket(t: &ticket::Model, s: Option<&service::Model>, clock: &Clock, now: DateTime<Utc>) -> Vec<Deadline> {
    let Some(start) = started(t) else { return vec![] };
    // Working days already stood still, plus those of a pause still running.
    let running_pause = t.paused_since.map(|p| clock.working_days_between(p, now)).unwrap_or(0);
    let paused = t.paused_days.max(0) as u32 + running_pause;
    allowances(s)
        .into_iter()
        .map(|(which, days)| {
            let due = clock.due(start, days + paused);
            let done_at = match which {
                Which::Verify => t.verified_at,
                Which::Respond => t.first_response_at,
                Which::Resolve => t.resolved_at,
            };
            let state = match done_at {
                Some(at) if at <= due => State::Met,
                Some(_) => State::MetLate,
                None if t.status == crate::tickets::Status::Closed => State::Met,
                None if t.paused_since.is_some() => State::Paused,
                None if now > due => State::Overdue,
                None => State::Pending,
            };
            Deadline { which, due, done_at, state }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn unit(zone: &str) -> unit::Model {
        unit::Model {
            id: 1,
            slug: "u".into(),
            name: "U".into(),
            address: String::new(),
            timezone: zone.into(),
            working_days: "1,2,3,4,5".into(),
            maklumat: String::new(),
            report_gate: true,
            phone_only: false,
            office_cap_percent: 20,
            release_policy: "return".into(),
            auto_close_days: 10,
            created_at: Utc::now(),
        }
    }

    fn clock(zone: &str, days_off: &[&str]) -> Clock {
        let u = unit(zone);
        let mut cal = Calendar::from_unit(&u.working_days);
        cal.days_off = days_off.iter().map(|d| d.parse().unwrap()).collect();
        let shift = unit_shift::Model {
            id: 1,
            unit_id: 1,
            name: "Siang".into(),
            starts: "12:00".into(),
            ends: "16:00".into(),
            position: 1,
        };
        Clock::new(cal, &u, &[shift])
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn due_at_closing_time_in_each_zone() {
        // Thursday 24 Dec 2026 09:00 UTC; 25 Dec and the weekend are off (and 24 Dec is
        // cuti bersama, which does not matter: the start day is not counted).
        let start = utc("2026-12-24T02:00:00Z");
        for (zone, expected) in [
            ("Asia/Jakarta", "2026-12-28T09:00:00Z"),
            ("Asia/Makassar", "2026-12-28T08:00:00Z"),
            ("Asia/Jayapura", "2026-12-28T07:00:00Z"),
        ] {
            let c = clock(zone, &["2026-12-24", "2026-12-25"]);
            assert_eq!(c.due(start, 1), utc(expected), "{zone}");
        }
    }

    #[test]
    fn year_end_and_new_year() {
        let c = clock("Asia/Makassar", &["2026-12-25", "2027-01-01"]);
        // Wed 30 Dec 2026, 3 working days: 31 Dec, (1 Jan off, weekend), 4 Jan, 5 Jan.
        assert_eq!(c.due(utc("2026-12-30T01:00:00Z"), 3), utc("2027-01-05T08:00:00Z"));
    }

    #[test]
    fn a_report_late_in_the_evening_belongs_to_the_local_day() {
        // 23:30 WIT on Friday is 14:30 UTC the same day; in WIB it is 21:30 Friday too.
        let c = clock("Asia/Jayapura", &[]);
        assert_eq!(c.local_date(utc("2026-11-27T14:30:00Z")), NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        // 00:30 WIT on Saturday is 15:30 UTC Friday: the clock starts on Saturday.
        assert_eq!(c.local_date(utc("2026-11-27T15:30:00Z")), NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
        assert_eq!(c.due(utc("2026-11-27T15:30:00Z"), 1), utc("2026-11-30T07:00:00Z"));
    }

    fn zone() -> impl Strategy<Value = &'static str> {
        prop_oneof![Just("Asia/Jakarta"), Just("Asia/Makassar"), Just("Asia/Jayapura")]
    }

    proptest! {
        /// Across weekends, holidays and the year end, in every zone: a deadline lands on a
        /// working day at closing time, exactly `n` working days after the start day, and
        /// more days never give an earlier deadline.
        #[test]
        fn working_day_arithmetic(
            zone in zone(),
            start_secs in 1_767_225_600i64..1_830_297_600i64, // 2026-01-01 .. 2027-12-31
            n in 0u32..40,
            offs in proptest::collection::vec(0u32..730, 0..40),
        ) {
            let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
            let days_off: Vec<String> = offs.iter().map(|o| (base + chrono::Duration::days(*o as i64)).to_string()).collect();
            let refs: Vec<&str> = days_off.iter().map(|s| s.as_str()).collect();
            let c = clock(zone, &refs);
            let start = DateTime::from_timestamp(start_secs, 0).unwrap();
            let due = c.due(start, n);
            let due_day = c.local_date(due);
            let start_day = c.local_date(start);
            prop_assert_eq!(c.calendar.working_days_between(start_day, due_day), n);
            if n > 0 {
                prop_assert!(c.calendar.is_working_day(due_day));
            }
            let local = due.with_timezone(&timefmt::tz(zone));
            prop_assert_eq!(local.time(), c.closes);
            prop_assert!(c.due(start, n + 1) > due);
        }

        /// A pause adds exactly the working days it lasted.
        #[test]
        fn pauses_move_deadlines_by_their_working_days(
            start_secs in 1_767_225_600i64..1_798_761_600i64,
            pause_from in 0i64..20, pause_len in 0i64..20, n in 1u32..15,
        ) {
            let c = clock("Asia/Jakarta", &["2026-12-25", "2027-01-01"]);
            let start = DateTime::from_timestamp(start_secs, 0).unwrap();
            let p0 = start + chrono::Duration::days(pause_from);
            let p1 = p0 + chrono::Duration::days(pause_len);
            let paused = c.working_days_between(p0, p1);
            prop_assert!(paused as i64 <= pause_len);
            // Counting the pause day by day gives the same number.
            let (d0, d1) = (c.local_date(p0), c.local_date(p1));
            let by_hand = (1..=(d1 - d0).num_days())
                .filter(|k| c.calendar.is_working_day(d0 + chrono::Duration::days(*k)))
                .count() as u32;
            prop_assert_eq!(paused, by_hand);
            prop_assert_eq!(c.calendar.working_days_between(c.local_date(start), c.local_date(c.due(start, n + paused))), n + paused);
        }
    }
}
