//! Domain tests of service standards: publishing, the version in force by date, the diff,
//! and the optimistic conflict check. Each runs on every database kind available.
use app::error::AppError;
use app::forms::Problem;
use app::i18n::Lang;
use app::standards::ssr::{self as st, DraftInput, Effective, NewService, ServiceDetails, SaveResult, Texts};
use app::standards::{ChangeKind, Component, VersionState};
use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::DatabaseConnection;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).unwrap()
}

fn full_texts(marker: &str) -> Texts {
    Component::ALL.iter().map(|c| (*c, format!("{} ({marker})", c.key()))).collect()
}

struct Fixture {
    actor: i32,
    service_id: i32,
}

async fn fixture(db: &DatabaseConnection) -> Fixture {
    let admin = app::auth::ssr::create_account(
        db,
        app::auth::ssr::NewAccount {
            name: "Pimpinan Uji".into(),
            email: format!("pimpinan{}@uji.go.id", rand_suffix()),
            password: "kata-sandi-uji-123".into(),
            is_admin: true,
        },
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let unit = app::admin::ssr::create_unit(
        db,
        app::admin::ssr::NewUnit {
            name: "Disdukcapil Uji".into(),
            slug: "disdukcapil-uji".into(),
            address: "Jl. Uji 1".into(),
            timezone: "Asia/Makassar".into(),
            working_days: vec![1, 2, 3, 4, 5],
        },
        Some(admin.id),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let service = st::create_service(
        db,
        unit.id,
        NewService {
            slug: "akta-kelahiran".into(),
            details: ServiceDetails { name: "Akta Kelahiran".into(), summary: "Akta.".into(), ..Default::default() },
        },
        admin.id,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    Fixture { actor: admin.id, service_id: service.id }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos()
}

async fn publish(db: &DatabaseConnection, f: &Fixture, texts: Texts, at: DateTime<Utc>, effective: Effective) -> Result<i32, AppError> {
    let rev = st::draft_of(db, f.service_id).await?.map(|d| d.revision).unwrap_or(0);
    let input = DraftInput { change_note: "catatan".into(), components: texts };
    match st::save_draft(db, f.service_id, rev, &input, f.actor, at).await? {
        SaveResult::Saved { revision } => {
            let v = st::publish(db, f.service_id, revision, effective, f.actor, Lang::Id, at).await?;
            Ok(v.version_no.unwrap())
        }
        SaveResult::Conflict { .. } => panic!("unexpected conflict"),
    }
}

#[tokio::test]
async fn publishing_numbers_versions_and_the_one_in_force_follows_the_date() {
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        let v1 = publish(&db, &f, full_texts("v1"), t0(), Effective::Now).await.unwrap();
        assert_eq!(v1, 1, "{kind}");

        let mut v2_texts = full_texts("v1");
        v2_texts.insert(Component::Persyaratan, "persyaratan (v1)\nSurat pengantar RT".into());
        let later = t0() + Duration::days(10);
        let v2 = publish(&db, &f, v2_texts, t0() + Duration::days(1), Effective::At(later)).await.unwrap();
        assert_eq!(v2, 2, "{kind}");

        // Before the effective date: version 1 in force, version 2 announced.
        let view = st::standard_view(&db, &Default::default(), "disdukcapil-uji", "akta-kelahiran", None, Lang::Id, t0() + Duration::days(2)).await.unwrap();
        assert_eq!(view.shown.as_ref().map(|v| v.no), Some(1), "{kind}");
        assert_eq!(view.upcoming.as_ref().map(|v| v.no), Some(2), "{kind}");
        assert!(view.upcoming.as_ref().unwrap().effective.contains("WITA"), "{kind}");
        assert!(view.changes.is_empty(), "{kind}: the first version has nothing to compare with");

        // From the effective date on: version 2 in force, with what changed.
        let view = st::standard_view(&db, &Default::default(), "disdukcapil-uji", "akta-kelahiran", None, Lang::Id, later).await.unwrap();
        assert_eq!(view.shown.as_ref().map(|v| (v.no, v.state)), Some((2, VersionState::InForce)), "{kind}");
        assert!(view.upcoming.is_none(), "{kind}");
        assert_eq!(view.previous_no, Some(1), "{kind}");
        assert_eq!(view.changes.len(), 1, "{kind}");
        assert_eq!(view.changes[0].component, Component::Persyaratan, "{kind}");
        assert!(view.changes[0].items.iter().any(|l| l.change == ChangeKind::Added && l.text() == "Surat pengantar RT"), "{kind}");
        assert_eq!(view.history.len(), 2, "{kind}");
        assert_eq!(view.history[1].state, VersionState::Superseded, "{kind}");

        // An older version stays readable and unchanged.
        let old = st::standard_view(&db, &Default::default(), "disdukcapil-uji", "akta-kelahiran", Some(1), Lang::Id, later).await.unwrap();
        assert!(old.components.iter().any(|c| c.component == Component::Persyaratan && c.html.contains("persyaratan (v1)")), "{kind}");
        assert_eq!(old.in_force_no, Some(2), "{kind}");

        assert_eq!(
            st::standard_view(&db, &Default::default(), "disdukcapil-uji", "akta-kelahiran", Some(9), Lang::Id, later).await.unwrap_err(),
            AppError::NotFound,
            "{kind}"
        );
    }
}

#[tokio::test]
async fn a_later_save_is_told_of_the_conflict_and_nothing_is_overwritten() {
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        let first = DraftInput { change_note: String::new(), components: full_texts("awal") };
        assert_eq!(st::save_draft(&db, f.service_id, 0, &first, f.actor, t0()).await.unwrap(), SaveResult::Saved { revision: 1 }, "{kind}");

        // Two managers open revision 1. A saves first.
        let a = DraftInput { change_note: String::new(), components: full_texts("A") };
        let b = DraftInput { change_note: String::new(), components: full_texts("B") };
        assert_eq!(st::save_draft(&db, f.service_id, 1, &a, f.actor, t0()).await.unwrap(), SaveResult::Saved { revision: 2 }, "{kind}");
        match st::save_draft(&db, f.service_id, 1, &b, f.actor, t0()).await.unwrap() {
            SaveResult::Conflict { current: Some(cur) } => assert_eq!(cur.revision, 2, "{kind}"),
            other => panic!("{kind}: expected a conflict, got {other:?}"),
        }
        let draft = st::draft_of(&db, f.service_id).await.unwrap().unwrap();
        let stored = st::texts(&db, draft.id).await.unwrap();
        assert_eq!(stored.get(&Component::Biaya).unwrap(), "biaya (A)", "{kind}: A's text stays");

        // B, having seen A's text, saves on top of revision 2 deliberately.
        assert_eq!(st::save_draft(&db, f.service_id, 2, &b, f.actor, t0()).await.unwrap(), SaveResult::Saved { revision: 3 }, "{kind}");

        // Two editors both starting a new draft: one wins, the other is told.
        st::publish(&db, f.service_id, 3, Effective::Now, f.actor, Lang::Id, t0()).await.unwrap();
        assert_eq!(st::save_draft(&db, f.service_id, 0, &a, f.actor, t0()).await.unwrap(), SaveResult::Saved { revision: 1 }, "{kind}");
        assert!(matches!(st::save_draft(&db, f.service_id, 0, &b, f.actor, t0()).await.unwrap(), SaveResult::Conflict { .. }), "{kind}");

        // Publishing with a stale revision is refused too.
        assert_eq!(
            st::publish(&db, f.service_id, 7, Effective::Now, f.actor, Lang::Id, t0()).await.unwrap_err(),
            AppError::Conflict,
            "{kind}"
        );
    }
}

#[tokio::test]
async fn published_versions_never_change() {
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        publish(&db, &f, full_texts("v1"), t0(), Effective::Now).await.unwrap();
        let versions = st::published_versions(&db, f.service_id).await.unwrap();
        let v1 = versions[0].clone();
        // The draft that became version 1 is gone: saving at its revision is a conflict,
        // and version 1's text is untouched.
        let edit = DraftInput { change_note: String::new(), components: full_texts("diubah") };
        assert!(matches!(st::save_draft(&db, f.service_id, 1, &edit, f.actor, t0()).await.unwrap(), SaveResult::Conflict { current: None }), "{kind}");
        assert_eq!(st::texts(&db, v1.id).await.unwrap(), full_texts("v1"), "{kind}");
    }
}

#[tokio::test]
async fn invalid_drafts_and_dates_are_refused_with_field_problems() {
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        let mut texts = full_texts("x");
        texts.insert(Component::Biaya, "   ".into());
        let input = DraftInput { change_note: String::new(), components: texts };
        match st::save_draft(&db, f.service_id, 0, &input, f.actor, t0()).await {
            Err(AppError::Invalid(errors)) => {
                assert_eq!(errors.0.len(), 1, "{kind}");
                assert_eq!(errors.get("c[biaya]"), Some(&Problem::Required), "{kind}");
            }
            other => panic!("{kind}: expected invalid, got {other:?}"),
        }
        assert!(st::draft_of(&db, f.service_id).await.unwrap().is_none(), "{kind}: nothing saved");

        publish(&db, &f, full_texts("v1"), t0(), Effective::At(t0() + Duration::days(5))).await.unwrap();
        let input = DraftInput { change_note: String::new(), components: full_texts("v2") };
        st::save_draft(&db, f.service_id, 0, &input, f.actor, t0()).await.unwrap();
        let past = st::publish(&db, f.service_id, 1, Effective::At(t0() - Duration::days(1)), f.actor, Lang::Id, t0()).await;
        assert!(matches!(&past, Err(AppError::Invalid(e)) if e.get("tanggal") == Some(&Problem::DateInPast)), "{kind}: {past:?}");
        let before = st::publish(&db, f.service_id, 1, Effective::Now, f.actor, Lang::Id, t0()).await;
        match before {
            Err(AppError::Invalid(e)) => match e.get("tanggal") {
                Some(Problem::BeforePrevious { previous }) => assert!(previous.contains("7 Maret 2026"), "{kind}: {previous}"),
                other => panic!("{kind}: {other:?}"),
            },
            other => panic!("{kind}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn the_home_page_shows_a_few_units_as_cards_and_many_through_the_directory() {
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        let home = st::home(&db, "", Lang::Id, Utc::now()).await.unwrap();
        assert_eq!((home.units.len(), home.unit_count), (1, 1), "{kind}");
        assert_eq!((home.units[0].name.as_str(), home.units[0].service_count, home.units[0].zone.as_str()), ("Disdukcapil Uji", 1, "WITA"));
        // A province: more units than the home page shows as cards.
        for n in 0..app::standards::HOME_UNIT_CARDS {
            app::admin::ssr::create_unit(
                &db,
                app::admin::ssr::NewUnit {
                    name: format!("RSUD Kabupaten {n:02}"),
                    slug: format!("rsud-kabupaten-{n:02}"),
                    address: "Jl. Uji 2".into(),
                    timezone: "Asia/Jayapura".into(),
                    working_days: vec![1, 2, 3, 4, 5],
                },
                Some(f.actor),
                Utc::now(),
            )
            .await
            .unwrap();
        }
        let home = st::home(&db, "", Lang::Id, Utc::now()).await.unwrap();
        let total = app::standards::HOME_UNIT_CARDS as u64 + 1;
        assert!(home.units.is_empty(), "{kind}: no card of any unit on the home page");
        assert_eq!(home.unit_count, total, "{kind}");
        // The directory lists every unit by name, and filters by words of the name in any case.
        let cards = st::unit_cards(&db).await.unwrap();
        let all = st::unit_directory(cards.clone(), "  ");
        assert_eq!((all.units.len() as u64, all.total), (total, total), "{kind}");
        assert_eq!(all.units[0].name, "Disdukcapil Uji", "{kind}: by name");
        assert_eq!((all.units[1].zone.as_str(), all.units[1].service_count), ("WIT", 0), "{kind}");
        let some = st::unit_directory(cards.clone(), "rsud KABUPATEN 1");
        assert_eq!(some.units.iter().map(|u| u.slug.as_str()).collect::<Vec<_>>(), ["rsud-kabupaten-01", "rsud-kabupaten-10", "rsud-kabupaten-11"], "{kind}");
        assert_eq!((some.total, some.filter.as_str()), (total, "rsud KABUPATEN 1"), "{kind}");
        assert!(st::unit_directory(cards, "paspor").units.is_empty(), "{kind}");
    }
}

#[tokio::test]
async fn search_finds_services_by_words_in_any_case() {
    for (kind, db) in server::testing::databases().await {
        let _ = fixture(&db).await;
        let hits = st::search(&db, "AKTA").await.unwrap();
        assert_eq!(hits.len(), 1, "{kind}");
        assert_eq!(hits[0].slug, "akta-kelahiran", "{kind}");
        assert!(st::search(&db, "akta paspor").await.unwrap().is_empty(), "{kind}: every word must match");
        assert!(st::search(&db, "disdukcapil").await.unwrap().len() == 1, "{kind}: unit names match");
    }
}

#[tokio::test]
async fn search_finds_a_part_of_a_word_through_the_index_and_follows_every_change() {
    use sea_orm::EntityTrait;
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        // "lahir" inside "Kelahiran", in any case; a two-letter word is compared directly.
        let slugs = |hits: Vec<app::standards::ServiceCard>| hits.into_iter().map(|h| h.slug).collect::<Vec<_>>();
        assert_eq!(slugs(st::search(&db, "LAHIR").await.unwrap()), ["akta-kelahiran"], "{kind}");
        assert_eq!(slugs(st::search(&db, "ta lahir").await.unwrap()), ["akta-kelahiran"], "{kind}");
        assert!(st::search(&db, "lahirx").await.unwrap().is_empty(), "{kind}");
        // A pattern's wildcards are plain characters, and a quote cannot break the phrase.
        assert!(st::search(&db, "%ahi%").await.unwrap().len() == 1, "{kind}: % is removed, not a wildcard");
        assert!(st::search(&db, "\"akta\" OR x").await.unwrap().is_empty(), "{kind}: every word, no operators");
        // A change of name moves the service in the index; the old words find nothing.
        let service = app::ssr::entities::service::Entity::find_by_id(f.service_id).one(&db).await.unwrap().unwrap();
        let renamed = ServiceDetails { name: "Kartu Identitas Anak".into(), summary: "KIA untuk anak.".into(), ..Default::default() };
        st::update_service(&db, &service, &renamed, f.actor, t0()).await.unwrap();
        assert!(st::search(&db, "kelahiran").await.unwrap().is_empty(), "{kind}: the old name is gone from the index");
        assert_eq!(slugs(st::search(&db, "identitas").await.unwrap()), ["akta-kelahiran"], "{kind}");
        assert_eq!(slugs(st::search(&db, "kia").await.unwrap()), ["akta-kelahiran"], "{kind}: summary");
    }
}

#[tokio::test]
async fn an_english_search_finds_a_service_by_the_english_words_its_managers_give() {
    use sea_orm::EntityTrait;
    for (kind, db) in server::testing::databases().await {
        let f = fixture(&db).await;
        assert!(st::search(&db, "birth certificate").await.unwrap().is_empty(), "{kind}: no English words yet");
        let service = app::ssr::entities::service::Entity::find_by_id(f.service_id).one(&db).await.unwrap().unwrap();
        // A summary over its limit is refused by field, and nothing is stored.
        let too_long = ServiceDetails { name: "Akta Kelahiran".into(), summary: "Akta.".into(), summary_en: "x".repeat(501), ..Default::default() };
        match st::update_service(&db, &service, &too_long, f.actor, t0()).await {
            Err(AppError::Invalid(e)) => assert!(e.get("summary_en").is_some(), "{kind}: {e:?}"),
            other => panic!("{kind}: {other:?}"),
        }
        let details = ServiceDetails {
            name: "Akta Kelahiran".into(),
            summary: "Akta.".into(),
            keywords: String::new(),
            summary_en: "Birth certificates for children born in the city.".into(),
            keywords_en: "newborn, baby".into(),
        };
        st::update_service(&db, &service, &details, f.actor, t0()).await.unwrap();
        let hits = st::search(&db, "Birth Certificate").await.unwrap();
        assert_eq!(hits.iter().map(|h| h.slug.as_str()).collect::<Vec<_>>(), ["akta-kelahiran"], "{kind}");
        assert_eq!(hits[0].summary_en, "Birth certificates for children born in the city.", "{kind}");
        assert_eq!(st::search(&db, "newborn").await.unwrap().len(), 1, "{kind}: English keywords");
        // Indonesian words still find it.
        assert_eq!(st::search(&db, "akta").await.unwrap().len(), 1, "{kind}");
    }
}
