//! Domain tests of accounts: sign-in answers the same for unknown accounts and wrong
//! passwords, repeated failures lock the account, and account rules.
use app::auth::ssr::{authenticate, create_account, NewAccount, MAX_FAILURES_PER_EMAIL};
use app::error::AppError;
use app::forms::Problem;
use chrono::{Duration, Utc};

#[tokio::test]
async fn sign_in_answers_alike_and_throttles() {
    for (kind, db) in server::testing::databases().await {
        create_account(
            &db,
            NewAccount { name: "Petugas".into(), email: "Petugas@Uji.go.id".into(), password: "benar-sekali-123".into(), is_admin: false },
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let now = Utc::now();
        let ok = authenticate(&db, "petugas@uji.go.id ", "benar-sekali-123", Some("10.0.0.1"), now).await;
        assert!(ok.is_ok(), "{kind}: emails are matched without case and spaces");

        let wrong = authenticate(&db, "petugas@uji.go.id", "salah", Some("10.0.0.1"), now).await.unwrap_err();
        let unknown = authenticate(&db, "siapa@uji.go.id", "salah", Some("10.0.0.1"), now).await.unwrap_err();
        assert_eq!(wrong, unknown, "{kind}: the same answer for both");
        assert!(matches!(&wrong, AppError::Invalid(e) if e.get("email") == Some(&Problem::BadCredentials)), "{kind}");

        for _ in 1..MAX_FAILURES_PER_EMAIL {
            let _ = authenticate(&db, "petugas@uji.go.id", "salah", Some("10.0.0.2"), now).await;
        }
        let locked = authenticate(&db, "petugas@uji.go.id", "benar-sekali-123", Some("10.0.0.3"), now).await;
        assert!(matches!(locked, Err(AppError::RateLimited { retry_after_minutes }) if retry_after_minutes > 0), "{kind}: locked even with the right password");
        let later = authenticate(&db, "petugas@uji.go.id", "benar-sekali-123", Some("10.0.0.3"), now + Duration::minutes(16)).await;
        assert!(later.is_ok(), "{kind}: the lock ends");
    }
}

#[tokio::test]
async fn account_rules() {
    for (kind, db) in server::testing::databases().await {
        let bad = create_account(&db, NewAccount { name: " ".into(), email: "bukan-email".into(), password: "pendek".into(), is_admin: false }, None, chrono::Utc::now())
            .await
            .unwrap_err();
        match bad {
            AppError::Invalid(e) => {
                assert_eq!(e.get("name"), Some(&Problem::Required), "{kind}");
                assert_eq!(e.get("email"), Some(&Problem::InvalidEmail), "{kind}");
                assert_eq!(e.get("password"), Some(&Problem::TooShort { min: 12 }), "{kind}");
            }
            other => panic!("{kind}: {other:?}"),
        }
        let input = || NewAccount { name: "A".into(), email: "a@uji.go.id".into(), password: "cukup-panjang-1".into(), is_admin: false };
        create_account(&db, input(), None, chrono::Utc::now()).await.unwrap();
        let dup = create_account(&db, input(), None, chrono::Utc::now()).await.unwrap_err();
        assert!(matches!(dup, AppError::Invalid(e) if e.get("email") == Some(&Problem::Taken)), "{kind}");
    }
}

#[tokio::test]
async fn the_demo_loads_once_with_complete_standards() {
    for (kind, db) in server::testing::databases().await {
        assert!(server::demo::seed(&db, chrono::Utc::now()).await.unwrap(), "{kind}");
        assert!(!server::demo::seed(&db, chrono::Utc::now()).await.unwrap(), "{kind}: a second run does nothing");
        let view = app::standards::ssr::standard_view(&db, &Default::default(), "disdukcapil-balikpapan", "akta-kelahiran", None, app::i18n::Lang::Id, Utc::now())
            .await
            .unwrap();
        assert_eq!(view.shown.map(|v| v.no), Some(2), "{kind}");
        assert_eq!(view.components.len(), 14, "{kind}");
        assert!(!view.changes.is_empty(), "{kind}");
        let ktp = app::standards::ssr::standard_view(&db, &Default::default(), "disdukcapil-balikpapan", "ktp-el", None, app::i18n::Lang::Id, Utc::now())
            .await
            .unwrap();
        assert_eq!(ktp.upcoming.map(|v| v.no), Some(2), "{kind}: a version still to come");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wrong_passwords_at_once_are_each_counted_and_none_is_a_fault() {
    for (kind, db) in server::testing::databases().await {
        create_account(
            &db,
            NewAccount { name: "Petugas".into(), email: "serbu@uji.go.id".into(), password: "benar-sekali-123".into(), is_admin: false },
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        let now = Utc::now();
        // The first failures of an address arrive together: each is a wrong password, never a fault.
        let tries: Vec<_> = (0..4)
            .map(|_| {
                let db = db.clone();
                tokio::spawn(async move { authenticate(&db, "serbu@uji.go.id", "salah", Some("10.9.0.1"), now).await })
            })
            .collect();
        for r in futures_join_all(tries).await {
            let r = r.unwrap();
            assert!(matches!(&r, Err(AppError::Invalid(e)) if e.get("email") == Some(&Problem::BadCredentials)), "{kind}: {r:?}");
        }
        use app::ssr::entities::login_throttle;
        use sea_orm::EntityTrait;
        let row = login_throttle::Entity::find_by_id("email:serbu@uji.go.id".to_string()).one(&db).await.unwrap().unwrap();
        assert_eq!(row.failures, 4, "{kind}: every failure counted");
        let row = login_throttle::Entity::find_by_id("ip:10.9.0.1".to_string()).one(&db).await.unwrap().unwrap();
        assert_eq!(row.failures, 4, "{kind}: every failure counted for the address too");
        // Enough at once lock the account, however they interleave.
        let tries: Vec<_> = (0..MAX_FAILURES_PER_EMAIL).map(|_| authenticate(&db, "serbu@uji.go.id", "salah", Some("10.9.0.2"), now)).collect();
        futures_join_all(tries).await;
        let locked = authenticate(&db, "serbu@uji.go.id", "benar-sekali-123", Some("10.9.0.3"), now).await;
        assert!(matches!(locked, Err(AppError::RateLimited { .. })), "{kind}: {locked:?}");
    }
}

/// Runs the futures at once on this task and gives their results in order.
async fn futures_join_all<F: std::future::Future>(fs: Vec<F>) -> Vec<F::Output> {
    let mut handles = Vec::new();
    let mut fs: Vec<_> = fs.into_iter().map(Box::pin).collect();
    // Poll them together: each makes progress while the others wait on the database.
    let mut out: Vec<Option<F::Output>> = fs.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (i, f) in fs.iter_mut().enumerate() {
            if out[i].is_none() {
                match f.as_mut().poll(cx) {
                    std::task::Poll::Ready(v) => out[i] = Some(v),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending { std::task::Poll::Pending } else { std::task::Poll::Ready(()) }
    })
    .await;
    handles.extend(out.into_iter().flatten());
    handles
}

/// Makes every insert into `table` fail, as a full disk or a broken constraint would.
async fn break_inserts_into(db: &sea_orm::DatabaseConnection, table: &str) {
    use sea_orm::ConnectionTrait;
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        db.execute_unprepared(&format!("CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} BEGIN SELECT RAISE(ABORT, 'broken'); END"))
            .await
            .unwrap();
    } else {
        db.execute_unprepared(&format!(
            "CREATE FUNCTION fail_{table}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'broken'; END $$ LANGUAGE plpgsql;
             CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION fail_{table}();"
        ))
        .await
        .unwrap();
    }
}

async fn mend_inserts_into(db: &sea_orm::DatabaseConnection, table: &str) {
    use sea_orm::ConnectionTrait;
    let on = if db.get_database_backend() == sea_orm::DbBackend::Sqlite { String::new() } else { format!(" ON {table}") };
    db.execute_unprepared(&format!("DROP TRIGGER fail_{table}{on}")).await.unwrap();
}

#[tokio::test]
async fn a_unit_or_a_membership_that_fails_halfway_leaves_nothing_behind() {
    use app::admin::ssr::{create_unit, NewUnit};
    use app::admin::ssr::set_membership;
    use app::auth::Role;
    use app::ssr::entities::{unit, unit_member};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    for (kind, db) in server::testing::databases().await {
        let input = || NewUnit {
            name: "Dinas Uji".into(),
            slug: "dinas-uji".into(),
            address: "Jl. Uji 1".into(),
            timezone: "Asia/Makassar".into(),
            working_days: vec![1, 2, 3, 4, 5],
        };
        break_inserts_into(&db, "booking_settings").await;
        assert!(create_unit(&db, input(), None, chrono::Utc::now()).await.is_err(), "{kind}");
        assert_eq!(unit::Entity::find().filter(unit::Column::Slug.eq("dinas-uji")).count(&db).await.unwrap(), 0, "{kind}: no half unit");
        mend_inserts_into(&db, "booking_settings").await;
        let u = create_unit(&db, input(), None, chrono::Utc::now()).await.expect("the retry succeeds: the slug was not taken by a half unit");

        let person = create_account(
            &db,
            NewAccount { name: "Anggota".into(), email: "anggota@uji.go.id".into(), password: "benar-sekali-123".into(), is_admin: false },
            None,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
        // The last step of a membership is its audit entry.
        break_inserts_into(&db, "audit_log").await;
        assert!(set_membership(&db, person.id, u.id, Role::Staff, None, chrono::Utc::now()).await.is_err(), "{kind}");
        let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(u.id)).count(&db).await.unwrap();
        assert_eq!(members, 0, "{kind}: no membership without its services");
    }
}

mod whole_life {
    //! An account's life after it is made: a new password, a reset by mail, switched off and
    //! on, two-step sign-in. Each step is audited and mailed to the owner.
    use app::auth::lifecycle as life;
    use app::auth::ssr::authenticate;
    use app::error::AppError;
    use app::forms::Problem;
    use app::ssr::entities::{audit_log, outbox, password_reset, ticket, ticket_event, user};
    use chrono::{Duration, Utc};
    use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

    const URL: &str = "https://layanan.test";

    async fn account(db: &DatabaseConnection, email: &str) -> user::Model {
        user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await.unwrap().unwrap()
    }

    async fn mails_to(db: &DatabaseConnection, to: &str) -> Vec<outbox::Model> {
        outbox::Entity::find().filter(outbox::Column::ToAddr.eq(to)).order_by_asc(outbox::Column::Id).all(db).await.unwrap()
    }

    async fn audited(db: &DatabaseConnection, action: &str, user_id: i32) -> u64 {
        audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .filter(audit_log::Column::EntityId.eq(user_id.to_string()))
            .count(db)
            .await
            .unwrap()
    }

    fn problem(e: &AppError, field: &str) -> Option<Problem> {
        e.field_errors().and_then(|f| f.get(field)).cloned()
    }

    #[tokio::test]
    async fn a_new_password_asks_the_current_one_is_judged_and_ends_other_sessions() {
        for (kind, db) in server::testing::databases().await {
            server::demo::seed(&db, Utc::now()).await.unwrap();
            let email = "petugas.capil@layanan.go.id";
            let before = account(&db, email).await;
            let now = Utc::now();
            let strong = "jembatan kopi hujan sore";
            let wrong = life::change_password(&db, before.id, "bukan-ini", strong, strong, URL, now).await.unwrap_err();
            assert_eq!(problem(&wrong, "current_password"), Some(Problem::WrongPassword), "{kind}");
            let demo = life::change_password(&db, before.id, app::auth::DEMO_PASSWORD, "layanan-demo-2027", "layanan-demo-2027", URL, now).await.unwrap_err();
            assert_eq!(problem(&demo, "new_password"), Some(Problem::CommonPassword), "{kind}: the demo's password, next year's too");
            let weak = life::change_password(&db, before.id, app::auth::DEMO_PASSWORD, "qwertyuiop123", "qwertyuiop123", URL, now).await.unwrap_err();
            assert_eq!(problem(&weak, "new_password"), Some(Problem::WeakPassword), "{kind}");
            let differ = life::change_password(&db, before.id, app::auth::DEMO_PASSWORD, strong, "jembatan kopi", URL, now).await.unwrap_err();
            assert_eq!(problem(&differ, "repeat_password"), Some(Problem::PasswordsDiffer), "{kind}");
            assert_eq!(account(&db, email).await.session_epoch, before.session_epoch, "{kind}: nothing changed yet");

            let epoch = life::change_password(&db, before.id, app::auth::DEMO_PASSWORD, strong, strong, URL, now).await.unwrap();
            assert_eq!(epoch, before.session_epoch + 1, "{kind}: every other session ends");
            assert!(authenticate(&db, email, app::auth::DEMO_PASSWORD, None, now).await.is_err(), "{kind}");
            assert!(authenticate(&db, email, strong, None, now).await.is_ok(), "{kind}");
            assert_eq!(audited(&db, "account.password_change", before.id).await, 1, "{kind}");
            let mails = mails_to(&db, email).await;
            assert!(mails.iter().any(|m| m.subject.contains("Kata sandi akun Anda diubah")), "{kind}: the owner is told");
        }
    }

    #[tokio::test]
    async fn a_reset_link_is_mailed_once_kept_hashed_works_once_and_within_an_hour() {
        for (kind, db) in server::testing::databases().await {
            server::demo::seed(&db, Utc::now()).await.unwrap();
            let email = "pimpinan.capil@layanan.go.id";
            let u = account(&db, email).await;
            let now = Utc::now();
            // An address without an account: the same answer, and no mail.
            life::request_reset(&db, "siapa@layanan.go.id", URL, now).await.unwrap();
            assert!(mails_to(&db, "siapa@layanan.go.id").await.is_empty(), "{kind}");
            let bad = life::request_reset(&db, "bukan email", URL, now).await.unwrap_err();
            assert_eq!(problem(&bad, "email"), Some(Problem::InvalidEmail), "{kind}");

            // Locked out by wrong passwords: the reset lifts it.
            for _ in 0..app::auth::ssr::MAX_FAILURES_PER_EMAIL {
                let _ = authenticate(&db, email, "salah-salah", None, now).await;
            }
            assert!(matches!(authenticate(&db, email, app::auth::DEMO_PASSWORD, None, now).await, Err(AppError::RateLimited { .. })), "{kind}");

            life::request_reset(&db, &email.to_uppercase(), URL, now).await.unwrap();
            let mail = mails_to(&db, email).await.pop().expect("the link is mailed");
            let at = mail.body_text.find("/atur-sandi/").expect("a link") + "/atur-sandi/".len();
            let token = mail.body_text[at..at + 64].to_string();
            let stored = password_reset::Entity::find().filter(password_reset::Column::UserId.eq(u.id)).one(&db).await.unwrap().unwrap();
            assert_ne!(stored.token_hash, token, "{kind}: only the hash is kept");
            assert!((stored.expires_at - (now + Duration::minutes(60))).num_milliseconds().abs() < 1, "{kind}: an hour");
            assert!(life::reset_link_holds(&db, &token, now).await.unwrap(), "{kind}");
            assert!(!life::reset_link_holds(&db, &token, now + Duration::minutes(61)).await.unwrap(), "{kind}: an hour at most");
            let late = life::reset_password(&db, &token, "pohon mangga di depan kantor", "pohon mangga di depan kantor", URL, now + Duration::minutes(61)).await.unwrap_err();
            assert_eq!(problem(&late, "new_password"), Some(Problem::ResetLinkInvalid), "{kind}");
            let weak = life::reset_password(&db, &token, "pimpinancapil1", "pimpinancapil1", URL, now).await.unwrap_err();
            assert_eq!(problem(&weak, "new_password"), Some(Problem::WeakPassword), "{kind}: the account's own name");

            let new = "pohon mangga di depan kantor";
            life::reset_password(&db, &token, new, new, URL, now).await.unwrap();
            assert!(authenticate(&db, email, new, None, now).await.is_ok(), "{kind}: the lock is lifted, the new password works");
            assert_eq!(account(&db, email).await.session_epoch, u.session_epoch + 1, "{kind}: every session ends");
            let again = life::reset_password(&db, &token, "lagi pohon mangga kantor", "lagi pohon mangga kantor", URL, now).await.unwrap_err();
            assert_eq!(problem(&again, "new_password"), Some(Problem::ResetLinkInvalid), "{kind}: once only");
            assert_eq!(audited(&db, "account.reset_request", u.id).await, 1, "{kind}");
            assert_eq!(audited(&db, "account.reset", u.id).await, 1, "{kind}");
            assert!(mails_to(&db, email).await.iter().any(|m| m.subject.contains("diatur ulang")), "{kind}: the owner is told");

            // Three links an hour per account, whoever asks.
            for _ in 0..5 {
                life::request_reset(&db, email, URL, now).await.unwrap();
            }
            let links = mails_to(&db, email).await.iter().filter(|m| m.subject.starts_with("Atur ulang")).count();
            assert_eq!(links, 3, "{kind}");
        }
    }

    #[tokio::test]
    async fn an_account_switched_off_loses_its_sessions_and_its_reports_are_routed_again() {
        for (kind, db) in server::testing::databases().await {
            server::demo::seed(&db, Utc::now()).await.unwrap();
            let admin = account(&db, "admin@layanan.go.id").await;
            let staff = account(&db, "petugas.capil@layanan.go.id").await;
            let open = ticket::Entity::find().all(&db).await.unwrap().into_iter().find(|t| t.status.is_open() && t.merged_into.is_none()).expect("an open demo report");
            ticket::Entity::update_many()
                .col_expr(ticket::Column::AssignedTo, sea_orm::sea_query::Expr::value(Some(staff.id)))
                .filter(ticket::Column::Id.eq(open.id))
                .exec(&db)
                .await
                .unwrap();
            let now = Utc::now();
            assert!(matches!(app::admin::ssr::set_account_active(&db, admin.id, admin.id, false, URL, now).await, Err(AppError::Forbidden)), "{kind}: not oneself");
            let returned = app::admin::ssr::set_account_active(&db, admin.id, staff.id, false, URL, now).await.unwrap();
            assert!(returned >= 1, "{kind}");
            let after = account(&db, &staff.email).await;
            assert!(!after.active && after.session_epoch == staff.session_epoch + 1, "{kind}");
            let t = ticket::Entity::find_by_id(open.id).one(&db).await.unwrap().unwrap();
            assert_ne!(t.assigned_to, Some(staff.id), "{kind}: back in the pool (or with whoever is on duty)");
            let events = ticket_event::Entity::find().filter(ticket_event::Column::TicketId.eq(open.id)).all(&db).await.unwrap();
            assert!(events.iter().any(|e| e.body.contains("akun petugas yang memegangnya dinonaktifkan")), "{kind}: the history says why");
            assert!(authenticate(&db, &staff.email, app::auth::DEMO_PASSWORD, None, now).await.is_err(), "{kind}: cannot sign in");
            assert!(app::auth::ssr::load_user(&db, staff.id).await.unwrap().is_none(), "{kind}");
            assert_eq!(audited(&db, "account.deactivate", staff.id).await, 1, "{kind}");

            app::admin::ssr::set_account_active(&db, admin.id, staff.id, true, URL, now).await.unwrap();
            assert!(authenticate(&db, &staff.email, app::auth::DEMO_PASSWORD, None, now).await.is_ok(), "{kind}: on again");
            assert_eq!(audited(&db, "account.reactivate", staff.id).await, 1, "{kind}");
            let subjects: Vec<String> = mails_to(&db, &staff.email).await.into_iter().map(|m| m.subject).collect();
            assert!(subjects.iter().any(|s| s.contains("dinonaktifkan")) && subjects.iter().any(|s| s.contains("diaktifkan kembali")), "{kind}: {subjects:?}");
        }
    }

    #[tokio::test]
    async fn two_step_codes_are_taken_once_and_recovery_codes_once_each() {
        for (kind, db) in server::testing::databases().await {
            server::demo::seed(&db, Utc::now()).await.unwrap();
            let u = account(&db, "pimpinan.ptsp@layanan.go.id").await;
            let (now, secs) = (Utc::now(), 1_900_000_000);
            let secret = life::new_totp_secret();
            let right = life::totp_code(&secret, secs).unwrap();
            let off_by_one = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
            let wrong = life::enable_totp(&db, u.id, &secret, &off_by_one, URL, now, secs).await.unwrap_err();
            assert_eq!(problem(&wrong, "code"), Some(Problem::InvalidOneTimeCode), "{kind}: a wrong code does not turn it on");
            let codes = life::enable_totp(&db, u.id, &secret, &right, URL, now, secs).await.unwrap();
            assert_eq!(codes.len(), 10, "{kind}");
            assert!(matches!(life::enable_totp(&db, u.id, &secret, &right, URL, now, secs).await, Err(AppError::Conflict)), "{kind}");

            // The code that turned it on is spent; the next one signs in, once.
            assert!(life::second_step(&db, u.id, &right, URL, now, secs).await.is_err(), "{kind}: a replayed code");
            let next = life::totp_code(&secret, secs + 30).unwrap();
            assert!(life::second_step(&db, u.id, &next, URL, now, secs + 30).await.is_ok(), "{kind}");
            assert!(life::second_step(&db, u.id, &next, URL, now, secs + 31).await.is_err(), "{kind}: not twice");
            // A recovery code, typed loosely, works once; the owner is told.
            let loose = codes[0].to_uppercase().replace('-', " ");
            assert!(life::second_step(&db, u.id, &loose, URL, now, secs + 60).await.is_ok(), "{kind}");
            assert!(life::second_step(&db, u.id, &codes[0], URL, now, secs + 61).await.is_err(), "{kind}: spent");
            assert_eq!(life::recovery_codes_left(&db, u.id).await.unwrap(), 9, "{kind}");
            assert!(mails_to(&db, &u.email).await.iter().any(|m| m.subject.contains("Kode pemulihan dipakai")), "{kind}");
            // Wrong codes count like wrong passwords.
            for _ in 0..app::auth::ssr::MAX_FAILURES_PER_EMAIL {
                let _ = life::second_step(&db, u.id, "123 456", URL, now, secs + 90).await;
            }
            let locked = life::second_step(&db, u.id, &life::totp_code(&secret, secs + 90).unwrap(), URL, now, secs + 90).await;
            assert!(matches!(locked, Err(AppError::RateLimited { .. })), "{kind}: {locked:?}");

            // A manager may turn it off with the password; an admin may not.
            life::disable_totp(&db, u.id, app::auth::DEMO_PASSWORD, URL, now).await.unwrap();
            assert!(account(&db, &u.email).await.totp_secret.is_none(), "{kind}");
            let admin = account(&db, "admin@layanan.go.id").await;
            assert!(matches!(life::disable_totp(&db, admin.id, app::auth::DEMO_PASSWORD, URL, now).await, Err(AppError::Forbidden)), "{kind}");
            assert_eq!(audited(&db, "account.two_step_on", u.id).await, 1, "{kind}");
            assert_eq!(audited(&db, "account.two_step_off", u.id).await, 1, "{kind}");
        }
    }
}
