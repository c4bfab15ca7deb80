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

/// A date as a person types it: day first, as Indonesians write it (`01-12-2026`,
/// `1/12/2026`, `1.12.26`, `01122026`, `1 Desember 2026`, `Selasa, 1 Des 2026`, English month
/// names too), or year first as date widgets and links send it (`2026-12-01`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let lower = s.trim().to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | '.' | ','))
        .filter(|t| !t.is_empty())
        .filter(|t| !is_weekday(t))
        .collect();
    let year = |t: &str| -> Option<i32> {
        match (t.len(), t.parse::<i32>().ok()?) {
            (4, y) => Some(y),
            (2, y) => Some(2000 + y),
            _ => None,
        }
    };
    let number = |t: &str| -> Option<u32> { (t.len() <= 2).then(|| t.parse().ok()).flatten() };
    let (y, m, d) = match tokens.as_slice() {
        [one] if one.len() == 8 && one.chars().all(|c| c.is_ascii_digit()) => {
            let ddmmyyyy = (one[4..].parse().ok()?, one[2..4].parse().ok()?, one[..2].parse().ok()?);
            if NaiveDate::from_ymd_opt(ddmmyyyy.0, ddmmyyyy.1, ddmmyyyy.2).is_some() {
                ddmmyyyy
            } else {
                (one[..4].parse().ok()?, one[4..6].parse().ok()?, one[6..].parse().ok()?)
            }
        }
        [a, b, c] if a.len() == 4 => (a.parse().ok()?, number(b)?, number(c)?),
        [a, b, c] => (year(c)?, number(b).or_else(|| month_of(b))?, number(a)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A month by its name in either language, whole or by its first three letters ("des", "agu", "aug").
fn month_of(t: &str) -> Option<u32> {
    if t.chars().count() < 3 {
        return None;
    }
    let at = |names: &[&str; 12]| names.iter().position(|n| n.to_lowercase().starts_with(t));
    at(&BULAN).or_else(|| at(&MONTHS)).map(|i| i as u32 + 1).or((t == "agt").then_some(8))
}

fn is_weekday(t: &str) -> bool {
    const DAYS: [&str; 14] = [
        "senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday",
    ];
    DAYS.contains(&t) || t == "jum'at"
}

/// A time as a person types it: `08.00`, `8.00`, `08:00`, `0800`, `8`, with or without
/// "pukul" and the zone's name after it.
pub fn parse_time(s: &str) -> Option<NaiveTime> {
    let lower = s.trim().to_lowercase();
    let words: Vec<&str> =
        lower.split_whitespace().filter(|w| !matches!(*w, "pukul" | "jam" | "wib" | "wita" | "wit")).collect();
    let [t] = words.as_slice() else { return None };
    let parts: Vec<&str> = t.split(['.', ':']).collect();
    let (h, m): (u32, u32) = match parts.as_slice() {
        [hm] if hm.chars().all(|c| c.is_ascii_digit()) => match hm.len() {
            1 | 2 => (hm.parse().ok()?, 0),
            3 | 4 => (hm[..hm.len() - 2].parse().ok()?, hm[hm.len() - 2..].parse().ok()?),
            _ => return None,
        },
        [h, m] if !h.is_empty() && h.len() <= 2 && m.len() == 2 => (h.parse().ok()?, m.parse().ok()?),
        _ => return None,
    };
    NaiveTime::from_hms_opt(h, m, 0)
}

/// A date as forms show it: `01-12-2026`.
pub fn field_date(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

/// A time as forms show it: `08.00`.
pub fn field_time(t: NaiveTime) -> String {
    t.format("%H.%M").to_string()
}

/// The date and time at `now` in a zone, as form defaults (`01-12-2026`, `08.00`).
pub fn local_now_fields(zone: &str, now: DateTime<Utc>) -> (String, String) {
    let now = now.with_timezone(&tz(zone));
    (field_date(now.date_naive()), field_time(now.time()))
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

    #[test]
    fn every_common_way_of_typing_a_date_reads_the_same() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for typed in [
            "01-12-2026", "1-12-2026", "01/12/2026", "1/12/26", "01.12.2026", " 1 12 2026 ", "01122026", "2026-12-01",
            "1 Desember 2026", "1 desember 2026", "1 Des 2026", "Selasa, 1 Desember 2026", "1 December 2026", "1 Dec 2026",
            "Tuesday, 1 December 2026",
        ] {
            assert_eq!(parse_date(typed), Some(d), "{typed}");
        }
        assert_eq!(parse_date("17 Agustus 2027"), NaiveDate::from_ymd_opt(2027, 8, 17));
        assert_eq!(parse_date("17 Agt 2027"), NaiveDate::from_ymd_opt(2027, 8, 17));
        assert_eq!(parse_date("2 Okt 2027"), NaiveDate::from_ymd_opt(2027, 10, 2));
        assert_eq!(parse_date("20271231"), NaiveDate::from_ymd_opt(2027, 12, 31), "year first when day first is no date");
        for wrong in ["", "31-02-2026", "13/13/2026", "1 Dsb 2026", "besok", "2026-12", "1-12-202"] {
            assert_eq!(parse_date(wrong), None, "{wrong}");
        }
        // What forms show reads back.
        assert_eq!(parse_date(&field_date(d)), Some(d));
        assert_eq!(field_date(d), crate::i18n::DATE_EXAMPLE);
    }

    #[test]
    fn every_common_way_of_typing_a_time_reads_the_same() {
        let t = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
        for typed in ["08.00", "8.00", "08:00", "8:00", "0800", "800", "8", "08", "pukul 08.00", "08.00 WITA", "jam 8"] {
            assert_eq!(parse_time(typed), Some(t), "{typed}");
        }
        assert_eq!(parse_time("13.30"), NaiveTime::from_hms_opt(13, 30, 0));
        for wrong in ["", "24.00", "8.5", "08.60", "delapan", "8 30"] {
            assert_eq!(parse_time(wrong), None, "{wrong}");
        }
        assert_eq!(field_time(t), crate::i18n::TIME_EXAMPLE);
    }
}
