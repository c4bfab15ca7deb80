//! What the test modules share.
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// A date written as `2027-03-01`.
pub fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A local time in WITA (the demo unit's zone).
pub fn wita(d: &str, hm: &str) -> DateTime<Utc> {
    let naive = date(d).and_time(chrono::NaiveTime::parse_from_str(hm, "%H:%M").unwrap());
    chrono_tz::Asia::Makassar.from_local_datetime(&naive).unwrap().with_timezone(&Utc)
}
