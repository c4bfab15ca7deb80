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
        let bad = create_account(&db, NewAccount { name: " ".into(), email: "bukan-email".into(), password: "pendek".into(), is_admin: false }, None)
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
        create_account(&db, input(), None).await.unwrap();
        let dup = create_account(&db, input(), None).await.unwrap_err();
        assert!(matches!(dup, AppError::Invalid(e) if e.get("email") == Some(&Problem::Taken)), "{kind}");
    }
}

#[tokio::test]
async fn the_demo_loads_once_with_complete_standards() {
    for (kind, db) in server::testing::databases().await {
        assert!(server::demo::seed(&db).await.unwrap(), "{kind}");
        assert!(!server::demo::seed(&db).await.unwrap(), "{kind}: a second run does nothing");
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
