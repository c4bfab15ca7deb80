//! Domain tests of the work system: the office-presence cap, routing to staff on duty, the
//! holiday calendar, deadlines, scheduled work and its lease, and a simulated week of a
//! unit. Each runs on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
use app::auth::ssr::{create_account, NewAccount};
use app::admin::ssr::set_membership;
use app::auth::Role;
use app::error::AppError;
use app::forms::Problem;
use app::i18n::Lang;
use app::tickets::routing::{self, Routed};
use app::jobs;
use app::rosters::{cell_key, ssr as rs, Cell, Duty, Mode};
use app::ssr::entities::{audit_log, member_service, outbox, roster_entry, service, ticket, unit, unit_member, user};
use app::tickets::deadlines::{self, State};
use app::tickets::ssr::{self as tk, Env};
use app::tickets::ReportAnswers;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use proptest::prelude::*;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};
use std::collections::{BTreeMap, HashMap, HashSet};

const ENV: Env<'static> = Env { public_url: "https://layanan.test" };
const UNIT: &str = "disdukcapil-balikpapan";

use crate::support::{date, wita};

struct Unit {
    u: unit::Model,
    manager: i32,
    staff: Vec<i32>,
    shifts: Vec<i32>,
    services: Vec<i32>,
}

/// The demo unit with `extra` more staff members (all competent for every service).
async fn unit_with_staff(db: &DatabaseConnection, extra: usize) -> Unit {
    server::demo::seed(db, chrono::Utc::now()).await.unwrap();
    let u = unit::Entity::find().filter(unit::Column::Slug.eq(UNIT)).one(db).await.unwrap().unwrap();
    for i in 0..extra {
        let a = create_account(
            db,
            NewAccount { name: format!("Staf {i:02}"), email: format!("staf{i}@layanan.test"), password: "rahasia-panjang-123".into(), is_admin: false },
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        set_membership(db, a.id, u.id, Role::Staff, None, chrono::Utc::now()).await.unwrap();
    }
    let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(u.id)).all(db).await.unwrap();
    let manager = members.iter().find(|m| m.role == app::auth::Role::Manager).unwrap().user_id;
    let mut staff: Vec<i32> = members.iter().filter(|m| m.role == app::auth::Role::Staff).map(|m| m.user_id).collect();
    staff.sort();
    let shifts = rs::shifts_of(db, u.id).await.unwrap().into_iter().map(|s| s.id).collect();
    let services = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await.unwrap().into_iter().map(|s| s.id).collect();
    Unit { u, manager, staff, shifts, services }
}

fn over_cap_problem(e: AppError) -> Vec<Problem> {
    match e {
        AppError::Invalid(fe) => fe.0.into_iter().map(|e| e.problem).collect(),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[tokio::test]
async fn a_plan_over_the_cap_is_refused_naming_the_shift_and_the_count() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 9).await; // 1 manager + 10 staff = 11 counted: cap 20 % = 2
        let monday = date("2027-03-01");
        let mut cells = BTreeMap::new();
        for id in x.staff.iter().take(3) {
            cells.insert(cell_key(*id, "2027-03-02", x.shifts[0]), "wfo-desk".to_string());
        }
        let err = rs::save_week(&db, x.manager, &x.u, monday, &cells, Lang::Id, chrono::Utc::now()).await.unwrap_err();
        let problems = over_cap_problem(err);
        assert_eq!(problems.len(), 1, "{kind}");
        match &problems[0] {
            Problem::OverCap { shift, day, count, cap } => {
                assert_eq!((shift.as_str(), day.as_str(), *count, *cap), ("Pagi (07:30–12:00)", "Selasa, 2 Maret 2027", 3, 2), "{kind}");
                let text = problems[0].message(Lang::Id, "");
                assert!(text.contains("Shift Pagi") && text.contains("3 orang") && text.contains("batas 2"), "{text}");
            }
            other => panic!("{other:?}"),
        }
        let saved = roster_entry::Entity::find().filter(roster_entry::Column::UnitId.eq(x.u.id)).all(&db).await.unwrap();
        assert!(saved.is_empty(), "{kind}: nothing of a refused plan is kept");

        // A senior official in the office is not counted.
        rs::save_member(&db, x.manager, &x.u, x.staff[0], true, &x.services, Lang::Id, chrono::Utc::now()).await.unwrap();
        let n = rs::save_week(&db, x.manager, &x.u, monday, &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(n, 3, "{kind}");
        // …and cannot be counted again while the plan would go over.
        let err = rs::save_member(&db, x.manager, &x.u, x.staff[0], false, &x.services, Lang::Id, chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(over_cap_problem(err)[0], Problem::OverCap { count: 3, cap: 2, .. }), "{kind}");
        // A cap lowered under an existing plan is refused too.
        let input = rs::WorkInput {
            shifts: vec![("Pagi".into(), "07:30".into(), "12:00".into()), ("Siang".into(), "12:00".into(), "16:00".into())],
            cap_percent: "10".into(),
            release_policy: "return".into(),
            auto_close_days: "10".into(),
        };
        // 10 % of 10 counted = 1: the two counted people in the office are too many.
        let err = rs::save_work_settings(&db, x.manager, &x.u, &input, Lang::Id, chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(over_cap_problem(err)[0], Problem::OverCap { count: 2, cap: 1, .. }), "{kind}");
        // Days off are not planned: 2027-03-10 is Idulfitri in the calendar.
        let mut holiday = BTreeMap::new();
        holiday.insert(cell_key(x.staff[1], "2027-03-10", x.shifts[0]), "wfh-desk".to_string());
        assert_eq!(rs::save_week(&db, x.manager, &x.u, date("2027-03-08"), &holiday, Lang::Id, chrono::Utc::now()).await.unwrap(), 0, "{kind}");
    }
}

#[tokio::test]
async fn copying_last_week_moves_every_cell_seven_days() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 2).await;
        let mut cells = BTreeMap::new();
        cells.insert(cell_key(x.staff[0], "2027-02-22", x.shifts[0]), "wfh-desk".to_string());
        cells.insert(cell_key(x.staff[1], "2027-02-26", x.shifts[1]), "cuti".to_string());
        rs::save_week(&db, x.manager, &x.u, date("2027-02-22"), &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
        let copied = rs::previous_week_cells(&db, &x.u, date("2027-03-01")).await.unwrap();
        assert_eq!(copied.get(&cell_key(x.staff[0], "2027-03-01", x.shifts[0])).map(|s| s.as_str()), Some("wfh-desk"), "{kind}");
        assert_eq!(copied.get(&cell_key(x.staff[1], "2027-03-05", x.shifts[1])).map(|s| s.as_str()), Some("cuti"), "{kind}");
        assert_eq!(copied.len(), 2);
    }
}

/// Modes and duties are enums on their columns: a stored value outside the lists is a fault
/// when read, never a cell silently left out of the plan (and of the office count).
#[tokio::test]
async fn an_unknown_stored_mode_is_a_fault_not_a_missing_cell() {
    use sea_orm::ConnectionTrait;
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 2).await;
        let mut cells = BTreeMap::new();
        cells.insert(cell_key(x.staff[0], "2027-02-22", x.shifts[0]), "wfo-desk".to_string());
        rs::save_week(&db, x.manager, &x.u, date("2027-02-22"), &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert_eq!(rs::week_plan(&db, &x.u, date("2027-02-22"), Lang::Id).await.map(|_| ()), Ok(()), "{kind}");
        db.execute_unprepared(&format!("UPDATE roster_entries SET mode = 'remote' WHERE unit_id = {}", x.u.id)).await.unwrap();
        assert!(rs::week_plan(&db, &x.u, date("2027-02-22"), Lang::Id).await.is_err(), "{kind}: an unknown mode is not skipped");
        assert!(rs::previous_week_cells(&db, &x.u, date("2027-03-01")).await.is_err(), "{kind}: nor copied away");
    }
}

/// A roster of one day: per staff member and shift, a cell (or none).
fn arb_day(staff: usize, shifts: usize) -> impl Strategy<Value = Vec<Option<usize>>> {
    proptest::collection::vec(proptest::option::of(0..Cell::CHOICES.len()), staff * shifts)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever a manager sends, a saved roster never has more counted people in the office
    /// in a shift than the cap; a refused one leaves the stored plan as it was. And routing
    /// never gives a report to someone off the desk, away, or not competent for its service.
    #[test]
    fn saved_rosters_keep_the_cap_and_routing_only_picks_staff_on_duty(
        day in arb_day(6, 2),
        seniors in proptest::collection::vec(any::<bool>(), 6),
        competences in proptest::collection::vec(proptest::collection::vec(any::<bool>(), 3), 6),
        services in proptest::collection::vec(0usize..4, 1..8),
        minute in 0i64..(9 * 60),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            for (kind, db) in server::testing::databases().await {
                let x = unit_with_staff(&db, 5).await;
                let staff: Vec<i32> = x.staff.iter().copied().take(6).collect();
                for (i, id) in staff.iter().enumerate() {
                    let mine: Vec<i32> = x.services.iter().zip(&competences[i]).filter(|(_, c)| **c).map(|(s, _)| *s).collect();
                    unit_member::Entity::update_many()
                        .col_expr(unit_member::Column::Senior, Expr::value(seniors[i]))
                        .filter(unit_member::Column::UnitId.eq(x.u.id))
                        .filter(unit_member::Column::UserId.eq(*id))
                        .exec(&db).await.unwrap();
                    member_service::Entity::delete_many().filter(member_service::Column::UserId.eq(*id)).exec(&db).await.unwrap();
                    for s in mine {
                        member_service::ActiveModel { unit_id: Set(x.u.id), user_id: Set(*id), service_id: Set(s) }.insert(&db).await.unwrap();
                    }
                }
                let d = "2027-03-02";
                let mut cells = BTreeMap::new();
                for (i, choice) in day.iter().enumerate() {
                    if let Some(c) = choice {
                        cells.insert(cell_key(staff[i / 2], d, x.shifts[i % 2]), Cell::CHOICES[*c].code());
                    }
                }
                let before = roster_entry::Entity::find().all(&db).await.unwrap();
                let seniors_set: HashSet<i32> = unit_member::Entity::find().filter(unit_member::Column::Senior.eq(true)).all(&db).await.unwrap().into_iter().map(|m| m.user_id).collect();
                let counted = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(x.u.id)).all(&db).await.unwrap().len() - seniors_set.len();
                let cap = app::rosters::office_cap(counted, 20);
                match rs::save_week(&db, x.manager, &x.u, date("2027-03-01"), &cells, Lang::Id, chrono::Utc::now()).await {
                    Ok(_) => {
                        let saved = roster_entry::Entity::find().filter(roster_entry::Column::UnitId.eq(x.u.id)).all(&db).await.unwrap();
                        let mut per: HashMap<(NaiveDate, i32), usize> = HashMap::new();
                        for e in &saved {
                            if e.mode == Mode::Wfo && !seniors_set.contains(&e.user_id) {
                                *per.entry((e.date, e.shift_id)).or_default() += 1;
                            }
                        }
                        assert!(per.values().all(|n| *n <= cap), "{kind}: saved over the cap {per:?} > {cap}");
                    }
                    Err(AppError::Invalid(_)) => {
                        assert_eq!(roster_entry::Entity::find().all(&db).await.unwrap(), before, "{kind}: a refused plan changed the roster");
                        continue;
                    }
                    Err(e) => panic!("{e:?}"),
                }
                // Reports of random services (or none) arrive during the day.
                let now = wita(d, "07:30") + Duration::minutes(minute);
                let shift = routing::active_shift(&db, &x.u, now).await.unwrap();
                let desk = match &shift { Some((dd, s)) => routing::on_desk(&db, x.u.id, *dd, s.id).await.unwrap(), None => HashMap::new() };
                for (n, s) in services.iter().enumerate() {
                    let service = x.services.get(*s).copied();
                    let t = new_ticket(&db, service, &format!("p{n}")).await;
                    let routed = routing::route(&db, &x.u, &t, shift.as_ref(), &app::ssr::Env { public_url: "https://layanan.test" }, now).await.unwrap();
                    if let Routed::Assigned { user_id } = routed {
                        let (dd, s) = shift.as_ref().unwrap();
                        let e = roster_entry::Entity::find()
                            .filter(roster_entry::Column::UserId.eq(user_id))
                            .filter(roster_entry::Column::Date.eq(*dd))
                            .filter(roster_entry::Column::ShiftId.eq(s.id))
                            .one(&db).await.unwrap().expect("assignee is on the roster now");
                        assert_eq!(e.duty, Duty::Desk, "{kind}");
                        assert!(e.mode.is_working(), "{kind}");
                        if let Some(svc) = service {
                            assert!(member_service::Entity::find_by_id((x.u.id, svc, user_id)).one(&db).await.unwrap().is_some(), "{kind}: not competent");
                        }
                        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
                    } else {
                        // Waiting is only right when nobody competent is on the desk.
                        let competent_on_desk = desk.keys().any(|id| service.is_none() || competences[staff.iter().position(|s| s == id).unwrap_or(0)][x.services.iter().position(|x| Some(*x) == service).unwrap()]);
                        assert!(!competent_on_desk || !desk.keys().all(|id| staff.contains(id)), "{kind}: waited although {desk:?} could take it");
                    }
                }
            }
        });
    }
}

/// A report submitted as the demo citizen (whose address is verified), its clock started.
async fn new_ticket(db: &DatabaseConnection, service_id: Option<i32>, key: &str) -> ticket::Model {
    let svc = match service_id {
        Some(id) => service::Entity::find_by_id(id).one(db).await.unwrap().map(|s| s.slug).unwrap_or_default(),
        None => String::new(),
    };
    let a = ReportAnswers {
        kind: "konsultasi".into(),
        unit: UNIT.into(),
        service: svc,
        subject: "Pertanyaan tentang syarat".into(),
        body: "Apakah fotokopi KTP orang tua wajib dilegalisir untuk pengurusan ini?".into(),
        place: String::new(),
        name: "Warga".into(),
        email: "warga@contoh.id".into(),
        phone: String::new(),
        anonymous: false,
        confidential: true,
        attachments: vec![],
    };
    let s = tk::submit(db, &a, &format!("key-{key}-{}", rand_suffix()), Lang::Id, &ENV, chrono::Utc::now()).await.unwrap();
    ticket::Entity::find_by_id(s.ticket_id).one(db).await.unwrap().unwrap()
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

async fn set_started(db: &DatabaseConnection, id: i32, at: DateTime<Utc>) {
    ticket::Entity::update_many()
        .col_expr(ticket::Column::CreatedAt, Expr::value(at))
        .col_expr(ticket::Column::ConfirmedAt, Expr::value(Some(at)))
        .filter(ticket::Column::Id.eq(id))
        .exec(db)
        .await
        .unwrap();
}

async fn plan(db: &DatabaseConnection, x: &Unit, monday: &str, f: impl Fn(usize, i32, &str, usize) -> Option<Cell>) {
    let mut cells = BTreeMap::new();
    let start = date(monday);
    for day in 0..5 {
        let d = (start + Duration::days(day)).to_string();
        for (si, shift) in x.shifts.iter().enumerate() {
            for (i, id) in x.staff.iter().enumerate() {
                if let Some(c) = f(i, *id, &d, si) {
                    cells.insert(cell_key(*id, &d, *shift), c.code());
                }
            }
        }
    }
    rs::save_week(db, x.manager, &x.u, start, &cells, Lang::Id, chrono::Utc::now()).await.unwrap();
}

const DESK_HOME: Cell = Cell { mode: Mode::Wfh, duty: Duty::Desk };
const DESK_OFFICE: Cell = Cell { mode: Mode::Wfo, duty: Duty::Desk };
const LEAVE: Cell = Cell { mode: Mode::Cuti, duty: Duty::None };

#[tokio::test]
async fn a_simulated_week_of_a_unit() {
    for (kind, db) in server::testing::databases().await {
        // Staff: s0 (the demo staff member), s1, s2, s3. s2 handles only the first service.
        let x = unit_with_staff(&db, 3).await;
        let (s0, s1, s2, s3) = (x.staff[0], x.staff[1], x.staff[2], x.staff[3]);
        member_service::Entity::delete_many().filter(member_service::Column::UserId.eq(s2)).exec(&db).await.unwrap();
        member_service::ActiveModel { unit_id: Set(x.u.id), user_id: Set(s2), service_id: Set(x.services[0]) }.insert(&db).await.unwrap();
        // Mon–Fri 1–5 March 2027. Morning: s0 at home, s1 in the office; afternoon: s2 and s3
        // at home. Wednesday s0 is on leave. Thursday afternoon nobody is on the desk.
        plan(&db, &x, "2027-03-01", |i, _, d, shift| match (i, shift, d) {
            (0, _, "2027-03-03") => Some(LEAVE),
            (0, 0, _) => Some(DESK_HOME),
            (1, 0, _) => Some(DESK_OFFICE),
            (2 | 3, 1, "2027-03-04") => Some(Cell { mode: Mode::Wfh, duty: Duty::None }),
            (2 | 3, 1, _) => Some(DESK_HOME),
            _ => None,
        })
        .await;
        let mut created = Vec::new();
        let mut owner_turn = 0;
        let mut last_audit = 0;
        let mut routed_on_wednesday = 0;
        let mut t = wita("2027-03-01", "06:00");
        let end = wita("2027-03-05", "18:00");
        while t <= end {
            // Two reports an hour during the day, one at night.
            let local_hour = (t + Duration::hours(8)).format("%H").to_string().parse::<u32>().unwrap();
            let arrivals = if (7..17).contains(&local_hour) { 2 } else { 1 };
            for n in 0..arrivals {
                let service = x.services.get((created.len() + n) % 3).copied();
                let tk = new_ticket(&db, service, "week").await;
                set_started(&db, tk.id, t).await;
                created.push(tk.id);
            }
            // Two server processes take turns; each run needs the lease.
            owner_turn += 1;
            let owner = if owner_turn % 2 == 0 { "proses-a" } else { "proses-b" };
            let tally = jobs::run(&db, &ENV, owner, t).await.unwrap();
            assert!(tally.ran, "{kind}: the lease of the previous run (an hour ago) had expired");
            // Every assignment of this run went to someone on the desk now and competent.
            let shift = routing::active_shift(&db, &x.u, t).await.unwrap();
            let routed_now = audit_log::Entity::find().filter(audit_log::Column::Action.eq("ticket.route")).filter(audit_log::Column::Id.gt(last_audit)).all(&db).await.unwrap();
            if let Some(a) = audit_log::Entity::find().order_by_desc(audit_log::Column::Id).one(&db).await.unwrap() {
                last_audit = a.id;
            }
            assert_eq!(routed_now.len(), tally.routed, "{kind}");
            for a in &routed_now {
                let tkt = ticket::Entity::find_by_id(a.entity_id.parse::<i32>().unwrap()).one(&db).await.unwrap().unwrap();
                let (d, s) = shift.as_ref().expect("routing happens only in a shift");
                let to = tkt.assigned_to.unwrap();
                let e = roster_entry::Entity::find().filter(roster_entry::Column::UserId.eq(to)).filter(roster_entry::Column::Date.eq(*d)).filter(roster_entry::Column::ShiftId.eq(s.id)).one(&db).await.unwrap().unwrap();
                assert_eq!(e.duty, Duty::Desk, "{kind} at {t}");
                assert!(e.mode.is_working(), "{kind} at {t}");
                if to == s2 {
                    assert!(tkt.service_id.is_none() || tkt.service_id == Some(x.services[0]), "{kind}: s2 only handles the first service");
                }
                if *d == date("2027-03-03") {
                    assert_ne!(to, s0, "{kind}: routed to someone on leave");
                    routed_on_wednesday += 1;
                }
            }
            t += Duration::hours(1);
        }
        let tickets = ticket::Entity::find().filter(ticket::Column::Id.is_in(created.clone())).all(&db).await.unwrap();
        assert!(routed_on_wednesday > 0, "{kind}");
        // Every report ended with someone (Friday afternoon's shift took the last ones).
        let unassigned = tickets.iter().filter(|t| t.assigned_to.is_none()).count();
        let friday_evening = tickets.iter().filter(|t| t.created_at >= wita("2027-03-05", "16:00")).count();
        assert!(unassigned <= friday_evening, "{kind}: {unassigned} left unassigned");
        // Shift ends returned unanswered reports (policy "return") and they were routed again.
        let returned = audit_log::Entity::find().filter(audit_log::Column::Action.eq("ticket.return")).all(&db).await.unwrap();
        assert!(!returned.is_empty(), "{kind}");
        // Thursday afternoon nobody was on the desk: managers heard once for that batch, not per report.
        let notices = outbox::Entity::find().filter(outbox::Column::Subject.contains("menunggu petugas")).all(&db).await.unwrap();
        let manager = user::Entity::find_by_id(x.manager).one(&db).await.unwrap().unwrap();
        let to_manager: Vec<_> = notices.iter().filter(|m| m.to_addr == manager.email).collect();
        assert!(!to_manager.is_empty(), "{kind}");
        let batches = audit_log::Entity::find().filter(audit_log::Column::Action.eq("routing.nobody_on_duty")).all(&db).await.unwrap();
        let reports: u64 = batches.iter().map(|b| serde_json::from_str::<serde_json::Value>(&b.detail).unwrap()["reports"].as_u64().unwrap()).sum();
        assert_eq!(to_manager.len(), batches.len(), "{kind}: one mail per batch");
        assert!(reports > batches.len() as u64, "{kind}: {} mails for {reports} waiting reports", to_manager.len());
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
        // Load is spread: everyone who sat at the desk was given reports during the week.
        let routes = audit_log::Entity::find().filter(audit_log::Column::Action.eq("ticket.route")).all(&db).await.unwrap();
        let given = |id: i32| {
            routes.iter().filter(|r| serde_json::from_str::<serde_json::Value>(&r.detail).unwrap()["assigned_to"][1] == id).count()
        };
        for id in [s0, s1, s2, s3] {
            assert!(given(id) > 0, "{kind}: {id} got nothing: {} {} {} {}", given(s0), given(s1), given(s2), given(s3));
        }
        // The afternoon pair, both at the desk, ended the week holding similar loads (s2
        // handles one service only, so it may hold fewer).
        let held = |id: i32| tickets.iter().filter(|t| t.assigned_to == Some(id)).count();
        assert!(held(s3) >= held(s2), "{kind}: {} / {}", held(s2), held(s3));
    }
}

#[tokio::test]
async fn deadlines_escalate_once_skip_holidays_and_resolved_reports_close_themselves() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 0).await;
        let t = new_ticket(&db, Some(x.services[0]), "dl").await;
        set_started(&db, t.id, wita("2027-03-01", "09:00")).await;
        let t = ticket::Entity::find_by_id(t.id).one(&db).await.unwrap().unwrap();
        let clock = tk::clock_of(&db, &x.u).await.unwrap();
        let svc = service::Entity::find_by_id(x.services[0]).one(&db).await.unwrap().unwrap();
        let ds = deadlines::of_ticket(&t, Some(&svc), &clock, wita("2027-03-01", "10:00"));
        // 3 working days: 2, 3, 4 March, at 16:00 WITA; 5: 2–5 and 8 March.
        assert_eq!(ds[0].due, wita("2027-03-04", "16:00"), "{kind}");
        assert_eq!(ds[1].due, wita("2027-03-08", "16:00"), "{kind}");
        assert!(ds.iter().all(|d| d.state == State::Pending));
        // A pause of three working days moves every pending deadline by three: 5, 8, then
        // 9 (Nyepi) and 10–11 (Idulfitri) are off: 12 March.
        let mut am = t.clone().into_active_model();
        am.paused_days = Set(3);
        let paused = am.update(&db).await.unwrap();
        let moved = deadlines::of_ticket(&paused, Some(&svc), &clock, wita("2027-03-01", "10:00"));
        assert_eq!(moved[0].due, wita("2027-03-12", "16:00"), "{kind}");
        let mut am = paused.into_active_model();
        am.paused_days = Set(0);
        am.update(&db).await.unwrap();

        // Missed: the managers get one escalation, however often the work runs.
        let late = wita("2027-03-05", "08:00");
        let first = jobs::run(&db, &ENV, "a", late).await.unwrap();
        let mine = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq("ticket.escalate"))
            .filter(audit_log::Column::EntityId.eq(t.id.to_string()))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(mine.len(), 1, "{kind}: only verification is overdue");
        assert!(mine[0].detail.contains("verify"), "{kind}");
        assert!(first.escalations >= 1, "{kind}");
        let again = jobs::run(&db, &ENV, "b", late + Duration::seconds(30)).await.unwrap();
        assert!(!again.ran, "{kind}: another process may not run while the lease holds");
        let later = jobs::run(&db, &ENV, "b", late + Duration::hours(2)).await.unwrap();
        assert_eq!(later.escalations, 0, "{kind}");
        let manager = user::Entity::find_by_id(x.manager).one(&db).await.unwrap().unwrap();
        let escalations = outbox::Entity::find()
            .filter(outbox::Column::ToAddr.eq(manager.email.clone()))
            .filter(outbox::Column::Subject.contains("Tenggat terlewati"))
            .all(&db)
            .await
            .unwrap();
        assert_eq!(escalations.len(), 1, "{kind}");
        assert!(!escalations[0].body_text.contains("Warga"), "{kind}: no reporter in staff mail");

        // Resolved on 1 March: 10 working days (skipping 9–11 March) end on 18 March.
        ticket::Entity::update_many()
            .col_expr(ticket::Column::Status, Expr::value("resolved"))
            .col_expr(ticket::Column::ResolvedAt, Expr::value(Some(wita("2027-03-01", "15:00"))))
            .filter(ticket::Column::Id.eq(t.id))
            .exec(&db)
            .await
            .unwrap();
        let on_18 = jobs::run(&db, &ENV, "a", wita("2027-03-18", "15:00")).await.unwrap();
        assert_eq!(on_18.closed, 0, "{kind}");
        let on_19 = jobs::run(&db, &ENV, "a", wita("2027-03-19", "07:00")).await.unwrap();
        assert_eq!(on_19.closed, 1, "{kind}");
        assert_eq!(ticket::Entity::find_by_id(t.id).one(&db).await.unwrap().unwrap().status, app::tickets::Status::Closed, "{kind}");
        assert!(server::testing::drifted_open_counts(&db).await.is_empty(), "{kind}: open counts drifted");
    }
}

#[tokio::test]
async fn reports_wait_when_nobody_is_on_duty_and_routing_records_why() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 1).await;
        let now = wita("2027-03-02", "08:00");
        let t = new_ticket(&db, None, "wait").await;
        assert_eq!(routing::route_now(&db, &t, &app::ssr::Env { public_url: "https://layanan.test" }, now).await.unwrap(), Routed::Waiting, "{kind}");
        plan(&db, &x, "2027-03-01", |i, _, _, _| (i == 1).then_some(DESK_HOME)).await;
        let routed = routing::route_now(&db, &t, &app::ssr::Env { public_url: "https://layanan.test" }, now).await.unwrap();
        assert_eq!(routed, Routed::Assigned { user_id: x.staff[1] }, "{kind}");
        let audit = audit_log::Entity::find().filter(audit_log::Column::Action.eq("ticket.route")).one(&db).await.unwrap().unwrap();
        let detail: serde_json::Value = serde_json::from_str(&audit.detail).unwrap();
        assert_eq!(detail["reason"], "on_duty", "{kind}");
        assert_eq!(detail["shift"], "Pagi", "{kind}");
        // The one it went to hears of it by mail, with the report's number and its page.
        let to = user::Entity::find_by_id(x.staff[1]).one(&db).await.unwrap().unwrap();
        let mails = outbox::Entity::find().filter(outbox::Column::ToAddr.eq(to.email.as_str())).all(&db).await.unwrap();
        assert_eq!(mails.len(), 1, "{kind}: one mail to the assignee");
        let number = app::tickets::report_number(t.id);
        assert!(mails[0].subject.contains(&number) && mails[0].body_text.contains(&format!("/tiket/{}", t.id)), "{kind}: {}", mails[0].body_text);
        // Staff reading in English read the automatic assignment in English, by "System".
        let holder = app::auth::ssr::load_user(&db, x.staff[1]).await.unwrap().unwrap();
        let fresh = ticket::Entity::find_by_id(t.id).one(&db).await.unwrap().unwrap();
        let sv = app::tickets::ssr::staff_view(&db, &holder, &x.u, &fresh, None, Lang::En, now).await.unwrap();
        let routed_line = sv.events.iter().find(|e| e.body.contains("automatically")).expect("the routing in the timeline");
        assert!(routed_line.body.starts_with("Given automatically to") && routed_line.by == "System", "{kind}: {routed_line:?}");
        assert!(!sv.events.iter().any(|e| e.body.contains("Otomatis")), "{kind}");
        let audit_line = sv.audit.iter().find(|a| a.what.starts_with("Given automatically")).expect("the routing in the audit trail");
        assert_eq!(audit_line.who, "System", "{kind}");
        // Once assigned it is not routed again.
        let again = ticket::Entity::find_by_id(t.id).one(&db).await.unwrap().unwrap();
        assert_eq!(routing::route_now(&db, &again, &app::ssr::Env { public_url: "https://layanan.test" }, now).await.unwrap(), Routed::Skipped, "{kind}");
        // Outside the shifts, and on a holiday, nobody is on duty.
        assert!(routing::active_shift(&db, &x.u, wita("2027-03-02", "17:00")).await.unwrap().is_none());
        assert!(routing::active_shift(&db, &x.u, wita("2027-03-10", "08:00")).await.unwrap().is_none());
        assert!(routing::active_shift(&db, &x.u, wita("2027-03-06", "08:00")).await.unwrap().is_none());
    }
}

#[tokio::test]
async fn the_holiday_calendar_is_seeded_and_units_add_their_own_days() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 0).await;
        let page = rs::holidays_page(&db, None, 2026, Lang::Id).await.unwrap();
        assert_eq!(page.holidays.len(), 25, "{kind}: 17 national holidays and 8 days of cuti bersama in 2026");
        let page27 = rs::holidays_page(&db, None, 2027, Lang::Id).await.unwrap();
        assert!(page27.holidays.iter().any(|h| h.provisional), "{kind}");
        // A local day off counts for the unit only.
        rs::add_holiday(&db, x.manager, Some(x.u.id), "17/03/2027", "Hari jadi kota", "libur", chrono::Utc::now()).await.unwrap();
        let cal = app::ssr::workdays::Calendar::of_unit(&db, &x.u).await.unwrap();
        assert!(!cal.is_working_day(date("2027-03-17")), "{kind}");
        let err = rs::add_holiday(&db, x.manager, Some(x.u.id), "2027-03-17", "Dua kali", "libur", chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(err, AppError::Invalid(_)), "{kind}");
        let err = rs::add_holiday(&db, x.manager, Some(x.u.id), "31-02-2027", "Tidak ada", "libur", chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(err, AppError::Invalid(_)), "{kind}");
        let other = unit::Entity::find().filter(unit::Column::Slug.ne(UNIT)).one(&db).await.unwrap().unwrap();
        let cal = app::ssr::workdays::Calendar::of_unit(&db, &other).await.unwrap();
        assert!(cal.is_working_day(date("2027-03-17")), "{kind}");
    }
}

#[tokio::test]
async fn the_overdue_filter_finds_late_reports_beyond_the_first_page() {
    for (kind, db) in server::testing::databases().await {
        let x = unit_with_staff(&db, 0).await;
        let now = Utc::now();
        // 210 reports received just now, then one that reached the unit a month ago and was
        // never answered, but is the newest by submission time.
        let fresh: Vec<ticket::ActiveModel> = (0..210)
            .map(|n| {
                let mut t = blank_ticket(x.u.id, &format!("segar-{n}"), now - Duration::minutes(10));
                t.confirmed_at = Set(Some(now - Duration::minutes(10)));
                t
            })
            .collect();
        ticket::Entity::insert_many(fresh).exec_without_returning(&db).await.unwrap();
        let mut late = blank_ticket(x.u.id, "terlambat", now);
        late.confirmed_at = Set(Some(now - Duration::days(30)));
        let late = late.insert(&db).await.unwrap();

        let staff = app::auth::ssr::load_user(&db, x.staff[0]).await.unwrap().unwrap();
        let all = tk::inbox(&db, &staff, &x.u, &app::tickets::views::InboxFilter::default(), Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(all.truncated && all.rows.len() == 200, "{kind}");
        assert!(all.rows.iter().all(|r| r.id != late.id), "{kind}: the late one is past the first page");
        let f = app::tickets::views::InboxFilter { overdue: true, ..Default::default() };
        let overdue = tk::inbox(&db, &staff, &x.u, &f, Lang::Id, chrono::Utc::now()).await.unwrap();
        assert!(overdue.rows.iter().any(|r| r.id == late.id && r.overdue), "{kind}");
        assert!(overdue.rows.iter().all(|r| r.overdue), "{kind}");
        assert!(!overdue.truncated, "{kind}");
    }
}

fn blank_ticket(unit_id: i32, key: &str, at: DateTime<Utc>) -> ticket::ActiveModel {
    let n = rand_suffix();
    let mut t = server::testing::plain_ticket(unit_id, format!("T{:013}", n + 1_000_000), format!("blank-{key}-{n}"), at);
    // Tests set when it reached the unit.
    t.confirmed_at = Set(None);
    t
}
