//! The figures behind the dashboards, read from reports, appointments, rosters and survey
//! answers. Dates are the unit's local days; a period runs from the start of its first day
//! to the end of its last, in the unit's time zone.
use super::{Cell, Dashboard, MyFigures, PeriodKind, PeriodQuery, Table, UnitLink};
use crate::error::AppError;
use crate::common::roster::Mode;
use crate::i18n::Lang;
use crate::satisfaction::{Index, IndexView, ELEMENTS};
use crate::ssr::entities::{booking, booking_slot, roster_entry, service, ticket, ticket_event, unit, unit_member, user};
use crate::ssr::csv::Sheet;
use crate::ssr::timefmt;
use crate::tickets::deadlines::{self, State, Which};
use crate::tickets::{Kind, Status};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub use crate::ssr::period::{resolve, Period, MAX_DAYS};

/// The nearest-rank percentile of sorted values (p in percent).
pub fn percentile(sorted: &[i64], p: i64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len() as i64 + 99) / 100; // ceil(p·n/100)
    Some(sorted[(rank.max(1) - 1) as usize])
}

/// A share in tenths of a percent, rounded half up (None of nothing).
pub fn share(part: i64, whole: i64) -> Cell {
    if whole == 0 {
        Cell::Empty
    } else {
        Cell::Fixed((2 * part * 1000 + whole) / (2 * whole), 1)
    }
}

/// Minutes as hours with one decimal.
fn hours(minutes: Option<i64>) -> Cell {
    minutes.map(|m| Cell::Fixed((2 * m * 10 + 60) / 120, 1)).unwrap_or(Cell::Empty)
}

const STOPWORDS: &[&str] = &[
    "yang", "dan", "dari", "untuk", "dengan", "tidak", "belum", "sudah", "saya", "kami", "kita", "ini", "itu", "ada",
    "pada", "karena", "atau", "juga", "akan", "oleh", "dalam", "tentang", "mohon", "tolong", "bagaimana", "kenapa",
    "mengapa", "apakah", "sangat", "masih", "bisa", "dapat", "lagi", "sejak", "hari", "sampai", "agar", "para", "harus",
    "bapak", "terlalu", "kapan", "lama", "sekali", "kantor", "layanan", "pelayanan", "minta", "adalah", "saat", "setelah",
    "the", "and", "for", "with", "not", "this", "that", "from",
];

/// The words of a report's subject that say what it is about (each once).
pub fn topic_words(subject: &str) -> BTreeSet<String> {
    subject
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()) && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// Everything counted for one or more units over one period.
#[derive(Default)]
struct Tally {
    by_status: BTreeMap<usize, i64>,
    by_kind: BTreeMap<usize, i64>,
    by_service: BTreeMap<String, i64>,
    /// Per deadline: met, late, overdue, running (or paused).
    deadlines: [[i64; 4]; 3],
    /// Per deadline: minutes from the clock's start to the step.
    minutes: [Vec<i64>; 3],
    backlog: [i64; 5],
    topics: HashMap<String, i64>,
    visits: BTreeMap<&'static str, i64>,
    places: i64,
    places_taken: i64,
    staff: Vec<(i32, String, Vec<Cell>)>,
    respondents: i64,
    answer_sums: [i64; 9],
}

const BACKLOG: [(i64, &str, &str); 5] = [
    (2, "0–2 hari", "0–2 days"),
    (7, "3–7 hari", "3–7 days"),
    (14, "8–14 hari", "8–14 days"),
    (30, "15–30 hari", "15–30 days"),
    (i64::MAX, "Lebih dari 30 hari", "Over 30 days"),
];

/// The reports a dashboard reads, in one query: those received, first answered or resolved
/// in the period, and those open now. Without their description, which can be 4,000
/// characters and is not counted.
async fn reports(db: &impl ConnectionTrait, unit_id: i32, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<Vec<ticket::Model>, AppError> {
    let mut q = ticket::Entity::find().select_only();
    for c in ticket::Column::iter().filter(|c| !matches!(c, ticket::Column::Body)) {
        q = q.column(c);
    }
    let within = |c: ticket::Column| Condition::all().add(c.gte(start)).add(c.lt(end));
    Ok(q.column_as(Expr::value(""), "body")
        .filter(ticket::Column::UnitId.eq(unit_id))
        .filter(
            Condition::any()
                .add(within(ticket::Column::CreatedAt))
                .add(within(ticket::Column::FirstResponseAt))
                .add(within(ticket::Column::ResolvedAt))
                .add(ticket::Column::Status.is_in(Status::OPEN_CODES)),
        )
        .into_model::<ticket::Model>()
        .all(db)
        .await?)
}

async fn tally_unit(db: &impl ConnectionTrait, u: &unit::Model, period: &Period, now: DateTime<Utc>, t: &mut Tally, lang: Lang) -> Result<(), AppError> {
    let (start, end) = period.range_in(&u.timezone);
    let within = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at >= start && at < end);
    let services: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let clock = crate::tickets::ssr::clock_of(db, u).await?;
    let reports = reports(db, u.id, start, end).await?;
    for tk in reports.iter().filter(|tk| within(Some(tk.created_at))) {
        let status = tk.status;
        *t.by_status.entry(Status::ALL.iter().position(|s| *s == status).unwrap_or(0)).or_default() += 1;
        let kind = Kind::parse(&tk.kind).unwrap_or(Kind::Konsultasi);
        *t.by_kind.entry(Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)).or_default() += 1;
        let service = tk.service_id.and_then(|s| services.get(&s));
        let name = service.map(|s| s.name.clone()).unwrap_or_else(|| lang.t("(tanpa layanan)", "(no service)").into());
        *t.by_service.entry(name).or_default() += 1;
        if kind == Kind::Pengaduan {
            for w in topic_words(&tk.subject) {
                *t.topics.entry(w).or_default() += 1;
            }
        }
        // Merged reports are answered through the one they joined.
        if tk.merged_into.is_some() {
            continue;
        }
        let started = deadlines::started(tk);
        for d in deadlines::of_ticket(tk, service, &clock, now) {
            let i = Which::ALL.iter().position(|w| *w == d.which).unwrap_or(0);
            let col = match d.state {
                State::Met if d.done_at.is_some() => 0,
                State::Met => continue, // closed without this step: not counted
                State::MetLate => 1,
                State::Overdue => 2,
                State::Pending | State::Paused => 3,
            };
            t.deadlines[i][col] += 1;
            if let (Some(s), Some(done)) = (started, d.done_at) {
                t.minutes[i].push((done - s).num_minutes().max(0));
            }
        }
    }
    // The backlog is what is open now, by age.
    for tk in reports.iter().filter(|tk| Status::WORKING.contains(&tk.status)) {
        let Some(s) = deadlines::started(tk) else { continue };
        let age = (clock.local_date(now) - clock.local_date(s)).num_days();
        let bucket = BACKLOG.iter().position(|(max, ..)| age <= *max).unwrap_or(BACKLOG.len() - 1);
        t.backlog[bucket] += 1;
    }
    // Appointments for visits in the period.
    let visits: Vec<(bool, String)> = booking::Entity::find()
        .select_only()
        .columns([booking::Column::WalkIn, booking::Column::Status])
        .filter(booking::Column::UnitId.eq(u.id))
        .filter(booking::Column::Date.gte(period.from))
        .filter(booking::Column::Date.lte(period.to))
        .into_tuple()
        .all(db)
        .await?;
    for (walk_in, status) in &visits {
        let key = if *walk_in { "walk_in" } else { "online" };
        *t.visits.entry(key).or_default() += 1;
        for s in crate::bookings::Status::ALL {
            if s.code() == status {
                *t.visits.entry(s.code()).or_default() += 1;
            }
        }
    }
    let slots = booking_slot::Entity::find()
        .filter(booking_slot::Column::UnitId.eq(u.id))
        .filter(booking_slot::Column::Date.gte(period.from))
        .filter(booking_slot::Column::Date.lte(period.to))
        .all(db)
        .await?;
    for s in &slots {
        t.places += i64::from(s.places);
        t.places_taken += i64::from(s.booked + s.walkins);
    }
    let (n, sums) = crate::satisfaction::ssr::sums(db, u.id, start, end).await?;
    t.respondents += n;
    for (total, s) in t.answer_sums.iter_mut().zip(sums) {
        *total += s;
    }
    t.staff.extend(staff_rows(db, u, period, &reports, &services, &clock, now).await?);
    Ok(())
}

/// Each member's figures in one unit: reports handled, answered on time, average rating,
/// and days in the office, at home, on leave or sick, and travelling.
async fn staff_rows(
    db: &impl ConnectionTrait,
    u: &unit::Model,
    period: &Period,
    reports: &[ticket::Model],
    services: &HashMap<i32, service::Model>,
    clock: &deadlines::Clock,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, String, Vec<Cell>)>, AppError> {
    let (start, end) = period.range_in(&u.timezone);
    let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(u.id)).all(db).await?;
    let ids: Vec<i32> = members.iter().map(|m| m.user_id).collect();
    let users = user::Entity::find().filter(user::Column::Id.is_in(ids.clone())).order_by_asc(user::Column::Name).all(db).await?;
    // Reports handled: a public reply or a status change by the member in the period,
    // counted by the database.
    let handled: HashMap<i32, i64> = ticket_event::Entity::find()
        .select_only()
        .column(ticket_event::Column::ActorUserId)
        .column_as(Expr::cust("COUNT(DISTINCT ticket_id)"), "handled")
        .filter(ticket_event::Column::ActorUserId.is_in(ids.clone()))
        .filter(ticket_event::Column::Kind.is_in([crate::tickets::EventKind::Reply, crate::tickets::EventKind::Status]))
        .filter(ticket_event::Column::At.gte(start))
        .filter(ticket_event::Column::At.lt(end))
        .filter(
            ticket_event::Column::TicketId.in_subquery(
                Query::select().column(ticket::Column::Id).from(ticket::Entity).and_where(ticket::Column::UnitId.eq(u.id)).to_owned(),
            ),
        )
        .group_by(ticket_event::Column::ActorUserId)
        .into_tuple::<(Option<i32>, i64)>()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(actor, n)| actor.map(|a| (a, n)))
        .collect();
    let within = |at: Option<DateTime<Utc>>| at.is_some_and(|at| at >= start && at < end);
    // First responses in the period, against their deadline, by the holder.
    let mut on_time: HashMap<i32, (i64, i64)> = HashMap::new();
    for t in reports.iter().filter(|t| within(t.first_response_at)) {
        let Some(holder) = t.assigned_to else { continue };
        let s = t.service_id.and_then(|id| services.get(&id));
        let met = deadlines::of_ticket(t, s, clock, now).iter().any(|d| d.which == Which::Respond && d.state == State::Met);
        let e = on_time.entry(holder).or_default();
        e.0 += i64::from(met);
        e.1 += 1;
    }
    // Ratings of reports resolved in the period, by the holder.
    let mut ratings: HashMap<i32, (i64, i64)> = HashMap::new();
    for t in reports.iter().filter(|t| within(t.resolved_at)) {
        if let (Some(holder), Some(r)) = (t.assigned_to, t.rating) {
            let e = ratings.entry(holder).or_default();
            e.0 += i64::from(r);
            e.1 += 1;
        }
    }
    // Days by where the member worked: a day with an office shift is an office day; a day
    // with only home shifts a home day; otherwise the day's absence.
    let entries: Vec<(i32, NaiveDate, Mode)> = roster_entry::Entity::find()
        .select_only()
        .columns([roster_entry::Column::UserId, roster_entry::Column::Date, roster_entry::Column::Mode])
        .filter(roster_entry::Column::UnitId.eq(u.id))
        .filter(roster_entry::Column::Date.gte(period.from))
        .filter(roster_entry::Column::Date.lte(period.to))
        .into_tuple()
        .all(db)
        .await?;
    let mut days: HashMap<(i32, NaiveDate), HashSet<Mode>> = HashMap::new();
    for (user_id, date, mode) in entries {
        days.entry((user_id, date)).or_default().insert(mode);
    }
    let mut places: HashMap<i32, [i64; 4]> = HashMap::new();
    for ((user_id, _), modes) in days {
        let col = if modes.contains(&Mode::Wfo) {
            0
        } else if modes.contains(&Mode::Wfh) {
            1
        } else if modes.contains(&Mode::Cuti) || modes.contains(&Mode::Sakit) {
            2
        } else {
            3
        };
        places.entry(user_id).or_default()[col] += 1;
    }
    Ok(users
        .into_iter()
        .map(|p| {
            let (ok, all) = on_time.get(&p.id).copied().unwrap_or_default();
            let (sum, n) = ratings.get(&p.id).copied().unwrap_or_default();
            let d = places.get(&p.id).copied().unwrap_or_default();
            let average = if n == 0 { Cell::Empty } else { Cell::Fixed((2 * sum * 10 + n) / (2 * n), 1) };
            (
                p.id,
                p.name.clone(),
                vec![
                    Cell::Text(p.name),
                    Cell::Text(u.name.clone()),
                    Cell::Int(handled.get(&p.id).copied().unwrap_or(0)),
                    Cell::Int(all),
                    share(ok, all),
                    average,
                    Cell::Int(n),
                    Cell::Int(d[0]),
                    Cell::Int(d[1]),
                    Cell::Int(d[2]),
                    Cell::Int(d[3]),
                ],
            )
        })
        .collect())
}

fn staff_columns(lang: Lang) -> Vec<String> {
    [
        lang.t("Petugas", "Staff member"),
        lang.t("Unit", "Unit"),
        lang.t("Laporan ditangani", "Reports handled"),
        lang.t("Tanggapan pertama", "First responses"),
        lang.t("Tepat waktu (%)", "On time (%)"),
        lang.t("Rata-rata penilaian (1–4)", "Average rating (1–4)"),
        lang.t("Jumlah penilaian", "Ratings"),
        lang.t("Hari WFO", "Office days"),
        lang.t("Hari WFH", "Home days"),
        lang.t("Hari cuti/sakit", "Days on leave or sick"),
        lang.t("Hari dinas luar", "Days travelling"),
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

fn count_table(key: &str, title: String, head: (&str, &str), rows: Vec<(String, i64)>, lang: Lang) -> Table {
    Table {
        key: key.into(),
        title,
        note: None,
        columns: vec![head.0.into(), lang.t("Jumlah", "Count").into()],
        rows: rows.into_iter().map(|(l, n)| vec![Cell::Text(l), Cell::Int(n)]).collect(),
        chart: Some(1),
        percent: false,
    }
}

fn tables(t: &Tally, lang: Lang) -> Vec<Table> {
    let mut out = Vec::new();
    out.push(count_table(
        "status",
        lang.t("Laporan menurut status", "Reports by status").into(),
        (lang.t("Status", "Status"), ""),
        Status::ALL.iter().enumerate().map(|(i, s)| (s.label(lang).to_string(), t.by_status.get(&i).copied().unwrap_or(0))).collect(),
        lang,
    ));
    out.push(count_table(
        "jenis",
        lang.t("Laporan menurut jenis", "Reports by kind").into(),
        (lang.t("Jenis", "Kind"), ""),
        Kind::ALL.iter().enumerate().map(|(i, k)| (k.label(lang).to_string(), t.by_kind.get(&i).copied().unwrap_or(0))).collect(),
        lang,
    ));
    let mut services: Vec<(String, i64)> = t.by_service.iter().map(|(k, v)| (k.clone(), *v)).collect();
    services.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.push(count_table("layanan", lang.t("Laporan menurut layanan", "Reports by service").into(), (lang.t("Layanan", "Service"), ""), services, lang));
    out.push(Table {
        key: "tenggat".into(),
        title: lang.t("Ketepatan tenggat", "Deadlines met").into(),
        note: Some(lang.t(
            "Laporan yang masuk pada periode ini. Tepat waktu dihitung dari laporan yang tenggatnya sudah tercapai atau terlewati; yang masih berjalan belum dihitung.",
            "Reports received in the period. The share on time counts reports whose deadline was met or missed; those still running are not counted yet.",
        ).into()),
        columns: [
            lang.t("Tenggat", "Deadline"),
            lang.t("Tepat waktu", "On time"),
            lang.t("Terlambat", "Late"),
            lang.t("Terlewat, belum selesai", "Missed, not done"),
            lang.t("Masih berjalan", "Still running"),
            lang.t("Tepat waktu (%)", "On time (%)"),
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        rows: Which::ALL
            .iter()
            .zip(t.deadlines.iter())
            .map(|(w, c)| {
                vec![Cell::Text(w.label(lang).into()), Cell::Int(c[0]), Cell::Int(c[1]), Cell::Int(c[2]), Cell::Int(c[3]), share(c[0], c[0] + c[1] + c[2])]
            })
            .collect(),
        chart: Some(5),
        percent: true,
    });
    out.push(Table {
        key: "waktu".into(),
        title: lang.t("Lama penanganan (jam)", "Time taken (hours)").into(),
        note: Some(lang.t(
            "Jam kalender sejak laporan diterima unit. Median dan persentil ke-90 dengan metode peringkat terdekat.",
            "Calendar hours since the report reached the unit. Median and 90th percentile by the nearest-rank method.",
        ).into()),
        columns: [lang.t("Langkah", "Step"), lang.t("Laporan", "Reports"), lang.t("Median", "Median"), lang.t("Persentil ke-90", "90th percentile")]
            .into_iter()
            .map(String::from)
            .collect(),
        rows: Which::ALL
            .iter()
            .zip(t.minutes.iter())
            .map(|(w, m)| {
                let mut v = m.clone();
                v.sort_unstable();
                vec![Cell::Text(w.label(lang).into()), Cell::Int(v.len() as i64), hours(percentile(&v, 50)), hours(percentile(&v, 90))]
            })
            .collect(),
        chart: None,
        percent: false,
    });
    let mut backlog = count_table(
        "tunggakan",
        lang.t("Laporan terbuka saat ini, menurut umur", "Reports open now, by age").into(),
        (lang.t("Umur", "Age"), ""),
        BACKLOG.iter().zip(t.backlog.iter()).map(|((_, id, en), n)| (lang.t(id, en).to_string(), *n)).collect(),
        lang,
    );
    backlog.note = Some(lang.t("Tidak bergantung pada periode: semua laporan yang masih terbuka.", "Not tied to the period: every report still open.").into());
    out.push(backlog);
    let mut topics: Vec<(String, i64)> = t.topics.iter().map(|(k, v)| (k.clone(), *v)).collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    topics.truncate(10);
    let mut topic_table = count_table(
        "topik",
        lang.t("Topik pengaduan terbanyak", "Most common complaint topics").into(),
        (lang.t("Kata dalam judul", "Word in the subject"), ""),
        topics,
        lang,
    );
    topic_table.note = Some(lang.t(
        "Kata yang paling sering muncul dalam judul pengaduan, dihitung sekali per pengaduan; kata umum tidak dihitung.",
        "The words most often in complaint subjects, counted once per complaint; common words are left out.",
    ).into());
    out.push(topic_table);
    let v = |k: &str| t.visits.get(k).copied().unwrap_or(0);
    out.push(Table {
        key: "janji".into(),
        title: lang.t("Janji temu dan kunjungan", "Appointments and visits").into(),
        note: Some(lang.t("Kunjungan yang tanggalnya dalam periode ini.", "Visits dated in the period.").into()),
        columns: vec![lang.t("Ukuran", "Measure").into(), lang.t("Jumlah", "Count").into()],
        rows: vec![
            vec![Cell::Text(lang.t("Janji temu dibuat (daring)", "Appointments booked online").into()), Cell::Int(v("online"))],
            vec![Cell::Text(lang.t("Dibatalkan", "Cancelled").into()), Cell::Int(v("cancelled"))],
            vec![Cell::Text(lang.t("Perlu dijadwal ulang", "Needing a new time").into()), Cell::Int(v("displaced"))],
            vec![Cell::Text(lang.t("Selesai dilayani", "Served").into()), Cell::Int(v("served"))],
            vec![Cell::Text(lang.t("Tidak datang", "Did not come").into()), Cell::Int(v("no_show"))],
            vec![Cell::Text(lang.t("Datang langsung (tanpa janji)", "Walk-ins").into()), Cell::Int(v("walk_in"))],
            vec![Cell::Text(lang.t("Tempat terpakai", "Places used").into()), Cell::Int(t.places_taken)],
            vec![Cell::Text(lang.t("Tempat tersedia pada slot yang dipesan", "Places in booked slots").into()), Cell::Int(t.places)],
        ],
        chart: Some(1),
        percent: false,
    });
    if let Some(index) = Index::new(t.respondents, t.answer_sums) {
        out.push(Table {
            key: "ikm".into(),
            title: lang.t("Nilai per unsur (NRR, skala 1–4)", "Score per element (NRR, 1–4)").into(),
            note: None,
            columns: vec![lang.t("Unsur", "Element").into(), lang.t("Nama", "Name").into(), "NRR".into()],
            rows: ELEMENTS
                .iter()
                .enumerate()
                .map(|(i, e)| vec![Cell::Text(e.code.to_uppercase()), Cell::Text(e.name(lang).into()), Cell::Fixed(index.nrr_hundredths(i), 2)])
                .collect(),
            chart: Some(2),
            percent: false,
        });
    }
    out.push(Table {
        key: "petugas".into(),
        title: lang.t("Kinerja per petugas", "Figures per staff member").into(),
        note: Some(lang.t(
            "Ditangani: laporan yang dijawab atau diubah statusnya oleh petugas. Tepat waktu: tanggapan pertama pada periode ini yang memenuhi tenggat. Hari dihitung dari jadwal: hari dengan shift di kantor adalah hari WFO.",
            "Handled: reports the member replied to or moved on. On time: first responses in the period within their deadline. Days come from the roster: a day with an office shift is an office day.",
        ).into()),
        columns: staff_columns(lang),
        rows: t.staff.iter().map(|(.., r)| r.clone()).collect(),
        chart: None,
        percent: false,
    });
    out
}

/// The period a unit's dashboard shows for a query (a month by default).
pub fn unit_period(u: &unit::Model, q: &PeriodQuery, lang: Lang, now: DateTime<Utc>) -> Period {
    resolve(q, now.with_timezone(&timefmt::tz(&u.timezone)).date_naive(), PeriodKind::Month, lang)
}

/// One table as CSV, by its key: the column titles, then the rows (numbers with a decimal
/// point, nothing where a cell is empty). `Ok(None)`: no table has that key.
pub fn table_csv(tables: &[Table], key: &str) -> Result<Option<String>, AppError> {
    let Some(t) = tables.iter().find(|t| t.key == key) else { return Ok(None) };
    let mut out = Sheet::new(&t.columns)?;
    for r in &t.rows {
        out.row(r.iter().map(Cell::csv))?;
    }
    out.finish().map(Some)
}

/// One unit's dashboard.
pub async fn unit_dashboard(db: &impl ConnectionTrait, u: &unit::Model, q: &PeriodQuery, lang: Lang, now: DateTime<Utc>) -> Result<Dashboard, AppError> {
    let period = unit_period(u, q, lang, now);
    let mut t = Tally::default();
    tally_unit(db, u, &period, now, &mut t, lang).await?;
    Ok(Dashboard {
        unit: Some(UnitLink { id: u.id, name: u.name.clone() }),
        title: u.name.clone(),
        satisfaction: Index::new(t.respondents, t.answer_sums).map(|i| IndexView::of(&i, lang)),
        tables: tables(&t, lang),
        period: period.view,
        path: format!("/kelola/unit/{}/kinerja", u.id),
        others: vec![],
    })
}

/// Every unit's figures together, for admins; each unit counted in its own time zone.
pub async fn all_units_dashboard(db: &impl ConnectionTrait, q: &PeriodQuery, lang: Lang, now: DateTime<Utc>) -> Result<Dashboard, AppError> {
    let units = unit::Entity::find().order_by_asc(unit::Column::Name).all(db).await?;
    let period = resolve(q, now.with_timezone(&timefmt::tz("Asia/Jakarta")).date_naive(), PeriodKind::Month, lang);
    let mut t = Tally::default();
    for u in &units {
        tally_unit(db, u, &period, now, &mut t, lang).await?;
    }
    t.staff.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(Dashboard {
        unit: None,
        title: lang.t("Semua unit", "All units").into(),
        satisfaction: Index::new(t.respondents, t.answer_sums).map(|i| IndexView::of(&i, lang)),
        tables: tables(&t, lang),
        period: period.view,
        path: "/kelola/kinerja".into(),
        others: units.into_iter().map(|u| UnitLink { id: u.id, name: u.name }).collect(),
    })
}

/// A staff member's own figures in each unit they belong to.
pub async fn my_figures(db: &impl ConnectionTrait, user_id: i32, q: &PeriodQuery, lang: Lang, now: DateTime<Utc>) -> Result<MyFigures, AppError> {
    let person = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    let unit_ids: Vec<i32> =
        unit_member::Entity::find().filter(unit_member::Column::UserId.eq(user_id)).all(db).await?.iter().map(|m| m.unit_id).collect();
    let units = unit::Entity::find().filter(unit::Column::Id.is_in(unit_ids)).order_by_asc(unit::Column::Name).all(db).await?;
    let zone = units.first().map(|u| u.timezone.clone()).unwrap_or_else(|| "Asia/Jakarta".into());
    let period = resolve(q, now.with_timezone(&timefmt::tz(&zone)).date_naive(), PeriodKind::Month, lang);
    let mut rows = Vec::new();
    for u in &units {
        let services = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
        let clock = crate::tickets::ssr::clock_of(db, u).await?;
        let (start, end) = period.range_in(&u.timezone);
        let reports = reports(db, u.id, start, end).await?;
        for (id, _, row) in staff_rows(db, u, &period, &reports, &services, &clock, now).await? {
            if id == person.id {
                rows.push(row);
            }
        }
    }
    Ok(MyFigures {
        name: person.name,
        period: period.view,
        tables: vec![Table {
            key: "saya".into(),
            title: lang.t("Kinerja saya", "My figures").into(),
            note: None,
            columns: staff_columns(lang),
            rows,
            chart: None,
            percent: false,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_as_csv() {
        let t = Table {
            key: "x".into(),
            title: "X".into(),
            note: None,
            columns: vec!["Layanan".into(), "Jumlah".into(), "Bagian".into()],
            rows: vec![
                vec![Cell::Text("Akta \"kelahiran\"".into()), Cell::Int(3), Cell::Fixed(755, 1)],
                vec![Cell::Text("=1+1".into()), Cell::Int(-2), Cell::Empty],
            ],
            chart: Some(1),
            percent: false,
        };
        assert_eq!(
            table_csv(&[t], "x").unwrap().unwrap(),
            "\"Layanan\",\"Jumlah\",\"Bagian\"\r\n\"Akta \"\"kelahiran\"\"\",\"3\",\"75.5\"\r\n\"'=1+1\",\"-2\",\"\"\r\n"
        );
        assert_eq!(table_csv(&[], "x").unwrap(), None);
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn q(periode: &str, tanggal: &str, dari: &str, sampai: &str) -> PeriodQuery {
        let v = |s: &str| (!s.is_empty()).then(|| s.to_string());
        PeriodQuery { periode: v(periode), tanggal: v(tanggal), dari: v(dari), sampai: v(sampai) }
    }

    #[test]
    fn periods_around_a_day() {
        let today = d("2027-03-03"); // a Wednesday
        let p = resolve(&q("", "", "", ""), today, PeriodKind::Month, Lang::Id);
        assert_eq!((p.from, p.to, p.view.label.as_str()), (d("2027-03-01"), d("2027-03-31"), "Maret 2027"));
        assert_eq!(p.view.previous.as_deref(), Some("periode=bulan&tanggal=2027-02-01"));
        assert_eq!(p.view.next, None, "no period after the current one");
        let p = resolve(&q("minggu", "", "", ""), today, PeriodKind::Month, Lang::Id);
        assert_eq!((p.from, p.to), (d("2027-03-01"), d("2027-03-07")));
        let p = resolve(&q("kuartal", "2026-11-24", "", ""), today, PeriodKind::Month, Lang::En);
        assert_eq!((p.from, p.to, p.view.label.as_str()), (d("2026-10-01"), d("2026-12-31"), "Quarter IV 2026"));
        assert_eq!(p.view.next.as_deref(), Some("periode=kuartal&tanggal=2027-01-01"));
        let p = resolve(&q("bulan", "2024-02-10", "", ""), today, PeriodKind::Month, Lang::Id);
        assert_eq!((p.from, p.to), (d("2024-02-01"), d("2024-02-29")));
        let p = resolve(&q("tahun", "", "", ""), today, PeriodKind::Month, Lang::Id);
        assert_eq!((p.from, p.to), (d("2027-01-01"), d("2027-12-31")));
    }

    #[test]
    fn chosen_dates_and_their_problems() {
        let today = d("2027-03-03");
        let p = resolve(&q("khusus", "", "2027-02-10", "2027-02-20"), today, PeriodKind::Month, Lang::Id);
        assert_eq!((p.from, p.to, p.view.problem.clone()), (d("2027-02-10"), d("2027-02-20"), None));
        assert_eq!(p.view.query, "periode=khusus&dari=2027-02-10&sampai=2027-02-20");
        // Each problem gets its own message, the typed dates are kept, and the default
        // period is shown.
        for (dari, sampai, says) in [
            ("2027-02-20", "2027-02-10", "sesudah tanggal awal"),
            ("2025-01-01", "2027-01-01", "366 hari"),
            ("", "2027-01-01", "Tanggal awal wajib diisi"),
            ("31-02-2027", "2027-03-01", "Tanggal awal harus berupa tanggal yang benar"),
            ("2027-03-01", "kemarin", "Tanggal akhir harus berupa tanggal yang benar"),
        ] {
            let p = resolve(&q("khusus", "", dari, sampai), today, PeriodKind::Month, Lang::Id);
            assert!(p.view.problem.as_deref().unwrap_or("").contains(says), "{dari}..{sampai}: {:?}", p.view.problem);
            assert_eq!((p.from, p.view.kind), (d("2027-03-01"), PeriodKind::Month));
            if !dari.is_empty() {
                assert_eq!(p.view.typed_from, dari);
            }
        }
        let p = resolve(&q("setahun", "", "", ""), today, PeriodKind::Year, Lang::En);
        assert!(p.view.problem.unwrap().contains("Unknown kind"));
    }

    #[test]
    fn a_period_in_a_time_zone() {
        let p = resolve(&q("khusus", "", "2027-03-01", "2027-03-01"), d("2027-03-03"), PeriodKind::Month, Lang::Id);
        let (s, e) = p.range_in("Asia/Makassar");
        assert_eq!((s.to_rfc3339(), e.to_rfc3339()), ("2027-02-28T16:00:00+00:00".to_string(), "2027-03-01T16:00:00+00:00".to_string()));
    }

    #[test]
    fn percentiles_shares_and_topics() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!((percentile(&v, 50), percentile(&v, 90), percentile(&v, 100)), (Some(5), Some(9), Some(10)));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(share(2, 3), Cell::Fixed(667, 1));
        assert_eq!(share(1, 8), Cell::Fixed(125, 1));
        assert_eq!(share(0, 0), Cell::Empty);
        assert_eq!(hours(Some(90)), Cell::Fixed(15, 1));
        let words: Vec<String> = topic_words("Antrean lama sekali, antrean KTP-el tidak jalan sejak 2027").into_iter().collect();
        assert_eq!(words, ["antrean", "jalan"]);
    }
}
