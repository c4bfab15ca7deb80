//! The security review's "to test dynamically" requests, through the router, each getting
//! the safe answer.
use crate::http::{demo_app, form_post, get, send, sign_in, Reply, ORIGIN};
use axum::http::StatusCode;
use leptos::server_fn::ServerFn;

/// No answer ever sends the browser to another site, or carries a control character in its
/// `Location` (browsers drop tabs and newlines there, so `/\t/evil.example` means
/// `//evil.example`).
fn stays_here(r: &Reply) {
    let to = r.location.as_deref().unwrap_or("");
    assert!(to.starts_with('/') && !to.starts_with("//"), "{to:?}");
    assert!(!to.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\'), "{to:?}");
}

#[tokio::test]
async fn m1_no_redirect_leaves_the_site() {
    let (app, _) = demo_app().await;
    for back in ["/%09/evil.example", "/%0A/evil.example", "/%0D%0A/evil.example", "/%5C/evil.example", "//evil.example", "https://evil.example"] {
        let r = send(&app, get(&format!("/bahasa/en?kembali={back}"), None)).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{back}");
        stays_here(&r);
        assert_eq!(r.location.as_deref(), Some("/"), "{back}: the home page instead");
    }
    // A real page is still where the language switch goes back to.
    let r = send(&app, get("/bahasa/en?kembali=%2Flacak%3Fkode%3DX", None)).await;
    assert_eq!(r.location.as_deref(), Some("/lacak?kode=X"));

    // After signing in: the hidden "next" of `/masuk?lanjut=`.
    for next in ["/%09/evil.example", "/%0A/evil.example", "/%2509/evil.example"] {
        let body = format!("email=petugas.capil%40layanan.go.id&password={}&next={next}", server::demo::DEMO_PASSWORD);
        let r = send(&app, form_post(app::auth::Login::PATH, "/masuk", &body, None, ORIGIN)).await;
        assert_eq!(r.status, StatusCode::FOUND, "{next}: {}", r.body);
        stays_here(&r);
        assert_eq!(r.location.as_deref(), Some("/kelola"), "{next}");
    }
}

#[tokio::test]
async fn l5_a_control_character_in_a_form_is_refused_not_a_crash() {
    use app::rosters::api::SaveRoster;
    use app::satisfaction::api::SubmitSurvey;
    let (app, db) = demo_app().await;
    let answers = "u1=4&u2=4&u3=4&u4=4&u5=4&u6=4&u7=4&u8=4&u9=4";
    let r = send(&app, form_post(SubmitSurvey::PATH, "/survei/x", &format!("token=x%0A&{answers}"), None, ORIGIN)).await;
    assert!(r.status.is_redirection() || r.status.is_client_error(), "{}: {}", r.status, r.body);
    stays_here(&r);

    let u = app::ssr::entities::unit::Entity::by_slug(&db, "disdukcapil-balikpapan").await.unwrap().unwrap();
    let manager = sign_in(&app, "pimpinan.capil@layanan.go.id").await;
    let page = format!("/kelola/unit/{}/jadwal?minggu=2027-W09", u.id);
    let r = send(&app, form_post(SaveRoster::PATH, &page, &format!("unit_id={}&week=2027-W09%0A", u.id), Some(&manager), ORIGIN)).await;
    assert!(r.status.is_redirection() || r.status.is_client_error(), "{}: {}", r.status, r.body);
    stays_here(&r);
}
