//! Resolving the period a page asks for (`common::period`) in a unit's time zone.
use crate::common::period::{PeriodKind, PeriodQuery, PeriodView};
use crate::i18n::Lang;
use crate::ssr::timefmt;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// The longest custom period, in days.
pub const MAX_DAYS: i64 = 366;

/// A resolved period: its first and last local day, and how pages show it.
#[derive(Clone, Debug, PartialEq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub view: PeriodView,
}

impl Period {
    /// The period's instants in a time zone: [start of `from`, start of the day after `to`).
    pub fn range_in(&self, zone: &str) -> (DateTime<Utc>, DateTime<Utc>) {
        let tz = timefmt::tz(zone);
        let at = |d: NaiveDate| {
            tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_default()
        };
        (at(self.from), at(self.to + Duration::days(1)))
    }
}

fn bounds(kind: PeriodKind, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(anchor);
    let (y, m) = (anchor.year(), anchor.month());
    match kind {
        PeriodKind::Week => {
            let monday = anchor - Duration::days(i64::from(anchor.weekday().num_days_from_monday()));
            (monday, monday + Duration::days(6))
        }
        PeriodKind::Month => {
            let next = if m == 12 { first_of(y + 1, 1) } else { first_of(y, m + 1) };
            (first_of(y, m), next - Duration::days(1))
        }
        PeriodKind::Quarter => {
            let q0 = (m - 1) / 3 * 3 + 1;
            let next = if q0 == 10 { first_of(y + 1, 1) } else { first_of(y, q0 + 3) };
            (first_of(y, q0), next - Duration::days(1))
        }
        PeriodKind::Year | PeriodKind::Custom => (first_of(y, 1), first_of(y + 1, 1) - Duration::days(1)),
    }
}

fn label(kind: PeriodKind, from: NaiveDate, to: NaiveDate, lang: Lang) -> String {
    let month = |d: NaiveDate| timefmt::month_name(d.month0() as usize, lang);
    match kind {
        PeriodKind::Month => format!("{} {}", month(from), from.year()),
        PeriodKind::Quarter => {
            let q = ["I", "II", "III", "IV"][(from.month0() / 3) as usize];
            format!("{} {q} {}", lang.t("Kuartal", "Quarter"), from.year())
        }
        PeriodKind::Year => format!("{} {}", lang.t("Tahun", "Year"), from.year()),
        PeriodKind::Week | PeriodKind::Custom => {
            if from == to {
                timefmt::day(from, lang)
            } else {
                format!("{} – {}", timefmt::day(from, lang), timefmt::day(to, lang))
            }
        }
    }
}

/// Reads the period asked for. Bad or missing dates give the default period of `default`
/// kind around today, with a message saying what was wrong, and keep what was typed.
pub fn resolve(q: &PeriodQuery, today: NaiveDate, default: PeriodKind, lang: Lang) -> Period {
    let typed = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let (dari, sampai, tanggal) = (typed(&q.dari), typed(&q.sampai), typed(&q.tanggal));
    let mut problem: Option<String> = None;
    let mut kind = match typed(&q.periode) {
        None => default,
        Some(p) => PeriodKind::parse(&p).unwrap_or_else(|| {
            problem = Some(lang.t("Jenis periode tidak dikenal. Pilih dari daftar.", "Unknown kind of period. Choose one from the list.").into());
            default
        }),
    };
    let mut custom = None;
    if kind == PeriodKind::Custom {
        let parse = |v: &Option<String>| v.as_deref().map(timefmt::parse_date);
        match (parse(&dari), parse(&sampai)) {
            (Some(Some(f)), Some(Some(t))) if f > t => {
                problem = Some(lang.t("Tanggal akhir harus sama dengan atau sesudah tanggal awal.", "The end date must be on or after the start date.").into())
            }
            (Some(Some(f)), Some(Some(t))) if (t - f).num_days() >= MAX_DAYS => {
                problem = Some(match lang {
                    Lang::Id => format!("Rentang tanggal paling panjang {MAX_DAYS} hari."),
                    Lang::En => format!("The dates may span {MAX_DAYS} days at most."),
                })
            }
            (Some(Some(f)), Some(Some(t))) => custom = Some((f, t)),
            (None, _) => problem = Some(lang.t("Tanggal awal wajib diisi.", "Enter the start date.").into()),
            (_, None) => problem = Some(lang.t("Tanggal akhir wajib diisi.", "Enter the end date.").into()),
            (Some(None), _) => {
                problem = Some(crate::forms::Problem::InvalidDate.message(lang, lang.t("Tanggal awal", "The start date")))
            }
            (_, Some(None)) => {
                problem = Some(crate::forms::Problem::InvalidDate.message(lang, lang.t("Tanggal akhir", "The end date")))
            }
        }
        if custom.is_none() {
            kind = default;
        }
    }
    let (from, to) = match custom {
        Some(c) => c,
        None => {
            let anchor = match tanggal.as_deref().map(timefmt::parse_date) {
                Some(Some(d)) => d,
                Some(None) => {
                    problem.get_or_insert_with(|| crate::forms::Problem::InvalidDate.message(lang, lang.t("Tanggal", "The date")));
                    today
                }
                None => today,
            };
            bounds(kind, anchor)
        }
    };
    let query_of = |from: NaiveDate, to: NaiveDate| match kind {
        PeriodKind::Custom => format!("periode=khusus&dari={from}&sampai={to}"),
        k => format!("periode={}&tanggal={from}", k.code()),
    };
    let (previous, next) = if kind == PeriodKind::Custom {
        (None, None)
    } else {
        let p = bounds(kind, from - Duration::days(1));
        let n = bounds(kind, to + Duration::days(1));
        (Some(query_of(p.0, p.1)), (n.0 <= today).then(|| query_of(n.0, n.1)))
    };
    Period {
        from,
        to,
        view: PeriodView {
            kind,
            from: timefmt::field_date(from),
            to: to.to_string(),
            label: label(kind, from, to, lang),
            query: query_of(from, to),
            previous,
            next,
            problem,
            typed_from: dari.unwrap_or_else(|| timefmt::field_date(from)),
            typed_to: sampai.unwrap_or_else(|| timefmt::field_date(to)),
        },
    }
}

