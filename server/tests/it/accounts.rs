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
                assert_eq!(e.get("password"), Some(&Problem::TooShort { min: 10 }), "{kind}");
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
