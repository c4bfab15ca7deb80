//! Dates and times as people in each Indonesian time zone read them.
use crate::i18n::Lang;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

/// The three zones a unit can work in: IANA name and the Indonesian abbreviation.
pub const ZONES: [(&str, &str); 3] = [
    ("Asia/Jakarta", "WIB"),
    ("Asia/Makassar", "WITA"),
    ("Asia/Jayapura", "WIT"),
];

pub fn tz(name: &str) -> Tz {
    name.parse().unwrap_or(chrono_tz::Asia::Jakarta)
}

/// The date at `now` where a unit works.
pub fn today_in(zone: &str, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz(zone)).date_naive()
}

pub fn zone_abbr(name: &str) -> &'static str {
    ZONES.iter().find(|(n, _)| *n == name).map(|(_, a)| *a).unwrap_or("WIB")
}

const BULAN: [&str; 12] = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
];
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
];

/// The name of a month (0 = January).
pub fn month_name(month0: usize, lang: Lang) -> &'static str {
    match lang {
        Lang::Id => BULAN[month0 % 12],
        Lang::En => MONTHS[month0 % 12],
    }
}

pub fn date(at: DateTime<Utc>, zone: &str, lang: Lang) -> String {
    day(at.with_timezone(&tz(zone)).date_naive(), lang)
}

/// "1 Desember 2026" / "1 December 2026".
pub fn day(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Id => format!("{} {} {}", d.day(), BULAN[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS[m], d.year()),
    }
}

/// "1 Desember 2026 pukul 08.00 WITA" / "1 December 2026 at 08:00 WITA".
pub fn date_time(at: DateTime<Utc>, zone: &str, lang: Lang) -> String {
    let local = at.with_timezone(&tz(zone));
    let (h, mi) = (local.hour(), local.minute());
    let abbr = zone_abbr(zone);
    match lang {
        Lang::Id => format!("{} pukul {h:02}.{mi:02} {abbr}", date(at, zone, lang)),
        Lang::En => format!("{} at {h:02}:{mi:02} {abbr}", date(at, zone, lang)),
    }
}

/// Reads a local date and time typed by a person in a unit's zone. Accepts `YYYY-MM-DD` (also
/// `DD-MM-YYYY` and `DD/MM/YYYY`) and `HH:MM` or `HH.MM`.
pub fn parse_local(date: &str, time: &str, zone: &str) -> Result<DateTime<Utc>, LocalParseError> {
    let d = parse_date(date).ok_or(LocalParseError::Date)?;
    let t = parse_time(time).ok_or(LocalParseError::Time)?;
    tz(zone)
        .from_local_datetime(&d.and_time(t))
        .single()
        .map(|dt| dt.with_timezone(&Utc))
        .ok_or(LocalParseError::Time)
}

#[derive(Debug, PartialEq, Eq)]
pub enum LocalParseError {
    Date,
    Time,
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let s = s.trim().replace('.', ":");
    NaiveTime::parse_from_str(&s, "%H:%M").ok()
}

/// The date and time at `now` in a zone, as form defaults.
pub fn local_now_fields(zone: &str, now: DateTime<Utc>) -> (String, String) {
    let now = now.with_timezone(&tz(zone));
    (now.format("%Y-%m-%d").to_string(), now.format("%H:%M").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_each_zone() {
        let at = Utc.with_ymd_and_hms(2026, 11, 30, 23, 30, 0).unwrap();
        assert_eq!(date_time(at, "Asia/Jakarta", Lang::Id), "1 Desember 2026 pukul 06.30 WIB");
        assert_eq!(date_time(at, "Asia/Makassar", Lang::Id), "1 Desember 2026 pukul 07.30 WITA");
        assert_eq!(date_time(at, "Asia/Jayapura", Lang::En), "1 December 2026 at 08:30 WIT");
    }

    #[test]
    fn parses_typed_local_times() {
        let at = parse_local("01/12/2026", "08.00", "Asia/Makassar").unwrap();
        assert_eq!(at, Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
        assert_eq!(parse_local("2026-02-30", "08:00", "Asia/Jakarta"), Err(LocalParseError::Date));
        assert_eq!(parse_local("2026-02-01", "25:00", "Asia/Jakarta"), Err(LocalParseError::Time));
    }
}
