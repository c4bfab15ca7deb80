//! Working-day arithmetic in a unit's own calendar: its working weekdays, national holidays
//! and collective leave (cuti bersama), and its local days off.
use crate::ssr::entities::{holiday, unit};
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, Default)]
pub struct Calendar {
    /// ISO weekdays worked (1 = Monday … 7 = Sunday).
    pub working_days: Vec<u32>,
    pub days_off: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn from_unit(working_days: &str) -> Calendar {
        Calendar {
            working_days: working_days.split(',').filter_map(|d| d.trim().parse().ok()).collect(),
            days_off: HashSet::new(),
        }
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        self.working_days.contains(&d.weekday().number_from_monday()) && !self.days_off.contains(&d)
    }

    /// The unit's calendar: its weekdays, the national days off and its own.
    pub async fn of_unit(db: &impl ConnectionTrait, u: &unit::Model) -> Result<Calendar, DbErr> {
        Ok(Calendar::of_units(db, &[u]).await?.remove(&u.id).unwrap_or_default())
    }

    /// The calendars of several units, by unit id, from one query.
    pub async fn of_units(db: &impl ConnectionTrait, units: &[&unit::Model]) -> Result<HashMap<i32, Calendar>, DbErr> {
        let ids: Vec<i32> = units.iter().map(|u| u.id).collect();
        let days = holiday::Entity::find()
            .filter(holiday::Column::UnitId.is_null().or(holiday::Column::UnitId.is_in(ids)))
            .all(db)
            .await?;
        let mut out: HashMap<i32, Calendar> = units.iter().map(|u| (u.id, Calendar::from_unit(&u.working_days))).collect();
        for h in days {
            match h.unit_id {
                None => out.values_mut().for_each(|c| {
                    c.days_off.insert(h.date);
                }),
                Some(u) => {
                    if let Some(c) = out.get_mut(&u) {
                        c.days_off.insert(h.date);
                    }
                }
            }
        }
        Ok(out)
    }

    /// Working days `d` with `from < d <= to` (zero when `to` is not after `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut d = from;
        while d < to {
            d = match d.succ_opt() {
                Some(next) => next,
                None => break,
            };
            if self.is_working_day(d) {
                n += 1;
            }
        }
        n
    }

    /// The date `n` working days after `from` (not counting `from` itself).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut d = from;
        let mut left = n;
        // A calendar with no working day at all would never end; give up after ten years.
        let mut guard = 0;
        while left > 0 && guard < 3660 {
            d = d.succ_opt().unwrap_or(d);
            guard += 1;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn skips_weekends_and_days_off() {
        let mut cal = Calendar::from_unit("1,2,3,4,5");
        // Friday 2026-12-18 + 10 working days, with 25 Dec and 31 Dec off.
        cal.days_off.insert(date("2026-12-25"));
        cal.days_off.insert(date("2026-12-31"));
        assert_eq!(cal.add_working_days(date("2026-12-18"), 1), date("2026-12-21"));
        assert_eq!(cal.add_working_days(date("2026-12-18"), 10), date("2027-01-05"));
    }

    #[test]
    fn six_day_week() {
        let cal = Calendar::from_unit("1,2,3,4,5,6");
        assert_eq!(cal.add_working_days(date("2026-11-27"), 1), date("2026-11-28"));
        assert_eq!(cal.add_working_days(date("2026-11-28"), 1), date("2026-11-30"));
    }
}
