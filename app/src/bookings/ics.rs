//! The iCalendar (RFC 5545) file sent with each appointment. Times are written in the
//! unit's own zone (`TZID=Asia/Makassar`, with its VTIMEZONE: Indonesia keeps no daylight
//! saving time, so one STANDARD block says it all), so calendars show 09:00 WITA as 09:00
//! WITA wherever the visitor's phone thinks it is.
use chrono::{DateTime, NaiveDateTime, Utc};

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

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets, never inside a UTF-8 character (§3.1).
fn fold(line: &str, out: &mut String) {
    let mut count = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if count + n > 75 {
            out.push_str("\r\n ");
            count = 1;
        }
        out.push(c);
        count += n;
    }
    out.push_str("\r\n");
}

/// The zone's fixed offset, as `+0800`.
fn offset(zone: &str) -> String {
    use chrono::{Offset, TimeZone};
    let tz = crate::ssr::timefmt::tz(zone);
    let secs = tz.offset_from_utc_datetime(&chrono::Utc::now().naive_utc()).fix().local_minus_utc();
    let sign = if secs < 0 { '-' } else { '+' };
    let secs = secs.abs();
    format!("{sign}{:02}{:02}", secs / 3600, (secs % 3600) / 60)
}

pub fn calendar(e: &Event<'_>) -> String {
    let zone = crate::ssr::timefmt::tz(e.zone).name().to_string();
    let abbr = crate::ssr::timefmt::zone_abbr(&zone);
    let off = offset(&zone);
    let local = |t: &NaiveDateTime| t.format("%Y%m%dT%H%M%S").to_string();
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Layanan//Janji Temu//ID".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", if e.cancelled { "CANCEL" } else { "PUBLISH" }),
        "BEGIN:VTIMEZONE".into(),
        format!("TZID:{zone}"),
        "BEGIN:STANDARD".into(),
        "DTSTART:19700101T000000".into(),
        format!("TZOFFSETFROM:{off}"),
        format!("TZOFFSETTO:{off}"),
        format!("TZNAME:{abbr}"),
        "END:STANDARD".into(),
        "END:VTIMEZONE".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}", text(e.uid)),
        format!("SEQUENCE:{}", e.sequence.max(0)),
        format!("DTSTAMP:{}", e.stamp.format("%Y%m%dT%H%M%SZ")),
        format!("DTSTART;TZID={zone}:{}", local(&e.starts)),
        format!("DTEND;TZID={zone}:{}", local(&e.ends)),
        format!("SUMMARY:{}", text(e.summary)),
        format!("LOCATION:{}", text(e.location)),
        format!("DESCRIPTION:{}", text(e.description)),
        format!("URL:{}", e.url),
        format!("STATUS:{}", if e.cancelled { "CANCELLED" } else { "CONFIRMED" }),
        "TRANSP:OPAQUE".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    let mut out = String::new();
    for l in lines {
        fold(&l, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_long_lines_between_characters() {
        let mut out = String::new();
        let long = format!("DESCRIPTION:{}", "é".repeat(60));
        fold(&long, &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded.trim_end(), long);
    }

    #[test]
    fn escapes_text() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn offsets_of_the_three_zones() {
        assert_eq!(offset("Asia/Jakarta"), "+0700");
        assert_eq!(offset("Asia/Makassar"), "+0800");
        assert_eq!(offset("Asia/Jayapura"), "+0900");
    }
}
