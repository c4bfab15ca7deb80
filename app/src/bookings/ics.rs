//! The iCalendar (RFC 5545) file sent with each appointment, written by the `icalendar`
//! crate (escaping, line folding at 75 octets, property types). Times are written in the
//! unit's own zone (`TZID=Asia/Makassar`, with its VTIMEZONE: Indonesia keeps no daylight
//! saving time, so one STANDARD block says it all), so calendars show 09:00 WITA as 09:00
//! WITA wherever the visitor's phone thinks it is.
//!
//! The crate has no time-zone component: its generic one writes a DTSTAMP and a UID into
//! VTIMEZONE and STANDARD, where RFC 5545 has neither. So that one fixed block, which holds
//! nothing anybody typed, is set before the event as text.
use crate::ssr::timefmt;
use chrono::{DateTime, NaiveDateTime, Offset, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus, Property};

pub struct Event<'a> {
    /// Unique and stable for the booking: the same UID updates the same calendar entry.
    pub uid: &'a str,
    /// Grows with every change, so calendars take the newest.
    pub sequence: i64,
    pub stamp: DateTime<Utc>,
    pub zone: &'a str,
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    pub url: &'a str,
    pub cancelled: bool,
}

/// The zone's offset at `at`, as `+0800`.
fn offset(zone: chrono_tz::Tz, at: DateTime<Utc>) -> String {
    let secs = zone.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}{:02}", secs / 3600, (secs % 3600) / 60)
}

/// The zone's VTIMEZONE: one STANDARD block, as the zone keeps one offset all year.
fn vtimezone(zone: chrono_tz::Tz, at: DateTime<Utc>) -> String {
    let off = offset(zone, at);
    let name = zone.name();
    let abbr = timefmt::zone_abbr(name);
    [
        "BEGIN:VTIMEZONE".to_string(),
        format!("TZID:{name}"),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        format!("TZOFFSETFROM:{off}"),
        format!("TZOFFSETTO:{off}"),
        format!("TZNAME:{abbr}"),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
    ]
    .iter()
    .map(|l| format!("{l}\r\n"))
    .collect()
}

/// Text as a calendar takes it: line breaks as `\n` only (a bare CR has no place in a
/// content line).
fn plain(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// The METHOD a calendar file declares (`PUBLISH` or `CANCEL`): its mail part says the same.
pub fn method_of(ics: &str) -> &'static str {
    if ics.contains("\r\nMETHOD:CANCEL\r\n") {
        "CANCEL"
    } else {
        "PUBLISH"
    }
}

pub fn calendar(e: &Event<'_>) -> String {
    let zone = timefmt::tz(e.zone);
    let event = icalendar::Event::new()
        .uid(&plain(e.uid))
        .sequence(u32::try_from(e.sequence).unwrap_or(0))
        .timestamp(e.stamp)
        .starts((e.starts, zone))
        .ends((e.ends, zone))
        .summary(&plain(e.summary))
        .location(&plain(e.location))
        .description(&plain(e.description))
        .url(e.url)
        .status(if e.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed })
        .append_property(Property::new("TRANSP", "OPAQUE"))
        .done();
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Layanan//Janji Temu//ID"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", if e.cancelled { "CANCEL" } else { "PUBLISH" }))
        .push(event);
    let text = cal.done().to_string();
    text.replacen("BEGIN:VEVENT\r\n", &format!("{}BEGIN:VEVENT\r\n", vtimezone(zone, e.stamp)), 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn event<'a>(summary: &'a str, description: &'a str, cancelled: bool) -> String {
        let day = NaiveDate::from_ymd_opt(2027, 3, 2).unwrap();
        calendar(&Event {
            uid: "booking-7@layanan.test",
            sequence: 2,
            stamp: Utc.with_ymd_and_hms(2027, 3, 1, 2, 0, 0).unwrap(),
            zone: "Asia/Makassar",
            starts: day.and_hms_opt(9, 0, 0).unwrap(),
            ends: day.and_hms_opt(9, 30, 0).unwrap(),
            summary,
            location: "Loket 2, Jl. Jenderal Sudirman",
            description,
            url: "https://layanan.test/janji/ABC",
            cancelled,
        })
    }

    #[test]
    fn lines_are_folded_between_characters_and_text_escaped() {
        let long = "é".repeat(60);
        let ics = event("Akta; kelahiran, anak", &format!("{long}\r\nbaris dua"), false);
        for line in ics.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Akta\\; kelahiran\\, anak\r\n"), "{unfolded}");
        assert!(unfolded.contains(&format!("DESCRIPTION:{long}\\nbaris dua\r\n")), "{unfolded}");
        assert!(!unfolded.replace("\r\n", "").contains('\r'), "no bare CR");
    }

    #[test]
    fn the_event_is_in_the_units_zone_with_one_vtimezone_before_it() {
        let ics = event("s", "d", false);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"), "{ics}");
        assert!(ics.contains("DTSTART;TZID=Asia/Makassar:20270302T090000\r\n"), "{ics}");
        assert!(ics.contains("DTEND;TZID=Asia/Makassar:20270302T093000\r\n"), "{ics}");
        assert!(ics.contains("METHOD:PUBLISH\r\n") && ics.contains("STATUS:CONFIRMED\r\n") && ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("DTSTAMP:20270301T020000Z\r\n"), "{ics}");
        let tz = &ics[ics.find("BEGIN:VTIMEZONE").unwrap()..ics.find("END:VTIMEZONE").unwrap()];
        assert!(ics.find("END:VTIMEZONE").unwrap() < ics.find("BEGIN:VEVENT").unwrap());
        assert!(!tz.contains("DTSTAMP") && !tz.contains("UID"), "{tz}");
        assert!(tz.contains("TZNAME:WITA") && tz.contains("TZOFFSETTO:+0800"), "{tz}");
        assert_eq!(ics.matches("UID:").count(), 1);
        let cancelled = event("s", "d", true);
        assert!(cancelled.contains("METHOD:CANCEL\r\n") && cancelled.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn offsets_of_the_three_zones() {
        let at = Utc::now();
        assert_eq!(offset(timefmt::tz("Asia/Jakarta"), at), "+0700");
        assert_eq!(offset(timefmt::tz("Asia/Makassar"), at), "+0800");
        assert_eq!(offset(timefmt::tz("Asia/Jayapura"), at), "+0900");
    }
}
