//! Staff, manager and admin accounts: sign in (with a second step where it is on), sign
//! out, who is signed in; `account` has the pages of an account's own life.
pub mod account;
#[cfg(feature = "ssr")]
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The password of every demo account. It is public (the README and the start-up message
/// print it), so no real account may have it, and the demo loads only when asked.
pub const DEMO_PASSWORD: &str = "layanan-demo-2026";

use crate::error::AppError;
use crate::forms::{current_error, field_id, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// The signed-in person, loaded once per page for the header and guarded pages.
#[derive(Clone, Copy)]
pub struct UserResource(pub Resource<Result<Option<CurrentUser>, crate::error::AppError>>);

pub use crate::common::role::Role;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Membership {
    pub unit_id: i32,
    pub unit_name: String,
    pub unit_slug: String,
    pub role: Role,
}

/// The signed-in person as pages see them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    /// Whether the account signs in with a second factor (admins must).
    pub two_step: bool,
    pub memberships: Vec<Membership>,
}

/// What a person does in a unit, for the one access rule (`CurrentUser::may`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    /// Read and answer the unit's reports: its members only. Reports carry reporters' names
    /// and confidential complaints, so a portal admin who is not a member sees none.
    HandleReports,
    /// Serve booked visitors at the counter: the unit's members, and admins (who stand in
    /// when a unit's staff are away).
    ServeCounter,
    /// Manage the unit (standards, rosters, settings, dashboards): its managers and admins.
    Manage,
}

impl CurrentUser {
    /// Where this person's work is, for the page after signing in: admins and managers
    /// manage their units; staff answer reports, in their one unit's inbox straight away.
    pub fn home(&self) -> String {
        let manages = self.memberships.iter().any(|m| m.role == Role::Manager);
        match self.memberships.as_slice() {
            _ if self.is_admin || manages => "/kelola".into(),
            [only] => format!("/petugas/{}", only.unit_slug),
            _ => "/petugas".into(),
        }
    }

    /// Whether this person may `act` in unit `unit_id`. Every access check of a unit goes
    /// through here; callers answer "not found" when it says no, so that other units'
    /// records are not even confirmed to exist.
    pub fn may(&self, act: Act, unit_id: i32) -> bool {
        let membership = self.memberships.iter().find(|m| m.unit_id == unit_id);
        match act {
            Act::HandleReports => membership.is_some(),
            Act::ServeCounter => self.is_admin || membership.is_some(),
            Act::Manage => self.is_admin || membership.is_some_and(|m| m.role == Role::Manager),
        }
    }
    pub fn can_manage(&self, unit_id: i32) -> bool {
        self.may(Act::Manage, unit_id)
    }
    pub fn manages_any(&self) -> bool {
        self.is_admin || self.memberships.iter().any(|m| m.role == Role::Manager)
    }
}

#[server]
pub async fn get_current_user() -> Result<Option<CurrentUser>, AppError> {
    ssr::current_user().await
}

#[server]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use std::collections::BTreeMap;
    let db = crate::ssr::db()?;
    let ip = ssr::client_ip();
    match ssr::authenticate(&db, &email, &password, ip.as_deref(), crate::ssr::now()?).await {
        Ok(user) if user.totp_secret.is_some() => {
            // The password was right; the code from the app comes next, within five minutes.
            let session = crate::ssr::session().await?;
            session.cycle_id().await.map_err(|_| AppError::Internal)?;
            session.insert(ssr::PENDING_KEY, (user.id, ssr::wall_seconds())).await.map_err(|_| AppError::Internal)?;
            match next.as_deref().and_then(local_path) {
                Some(next) => crate::ssr::redirect(&format!("/masuk/kode?lanjut={}", crate::ui::encode_component(next))),
                None => crate::ssr::redirect("/masuk/kode"),
            }
            Ok(())
        }
        Ok(user) => {
            ssr::sign_in_session(&crate::ssr::session().await?, &user).await?;
            let home = ssr::load_user(&db, user.id).await?.map(|u| u.home()).unwrap_or_else(|| "/kelola".into());
            crate::ssr::redirect(&safe_next(next.as_deref(), &home));
            Ok(())
        }
        Err(err) => {
            // The password is never kept.
            let values = BTreeMap::from([("email".to_string(), email)]);
            Err(crate::ssr::flash::keep("login", values, err).await)
        }
    }
}

#[server]
pub async fn logout() -> Result<(), AppError> {
    let session = crate::ssr::session().await?;
    session.flush().await.map_err(|e| {
        tracing::error!(error = %e, "session flush failed");
        AppError::Internal
    })?;
    crate::ssr::redirect("/");
    Ok(())
}

/// The kept answers and error of a sign-in form sent without JavaScript (sign-in, its second
/// step, "forgot the password").
#[server]
pub async fn login_form_state() -> Result<Option<crate::forms::Flash>, AppError> {
    Ok(crate::ssr::flash::take().await)
}

/// Only a path on this site is followed after login (no open redirect); anything else goes
/// to `home`, where the person's work is (`CurrentUser::home`).
pub fn safe_next(next: Option<&str>, home: &str) -> String {
    next.and_then(local_path).unwrap_or(home).to_string()
}

/// `to` when it is a path on this site, as browsers will read it. Browsers drop tabs and line
/// breaks inside a URL and read `\` as `/`, so `/\t/evil.example` would mean `//evil.example`:
/// a control character or a backslash, written or percent-encoded, refuses the path, and so
/// does a raw space or non-ASCII byte (the portal's own links encode them).
pub fn local_path(to: &str) -> Option<&str> {
    let bytes = to.as_bytes();
    let decoded = |i: usize| -> Option<u8> {
        let hex = to.get(i + 1..i + 3)?;
        u8::from_str_radix(hex, 16).ok()
    };
    let forbidden = |b: u8| b.is_ascii_control() || b == b' ' || b == b'\\' || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if forbidden(b) {
            return None;
        }
        if b == b'%' {
            match decoded(i) {
                Some(d) if d.is_ascii_control() || d == b'\\' || (d == b'/' && i == 1) => return None,
                _ => {}
            }
        }
        i += 1;
    }
    (to.starts_with('/') && !to.starts_with("//")).then_some(to)
}

fn login_label(lang: Lang, field: &str) -> String {
    match field {
        "email" => lang.t("Email", "Email address").into(),
        "password" => lang.t("Kata sandi", "Password").into(),
        other => other.into(),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let query = use_query_map();
    let next = move || query.read().get("lanjut").unwrap_or_default();
    let flash = Resource::new_blocking(|| (), |_| login_form_state());

    view! {
        <crate::ui::Title text=lang.t("Masuk", "Sign in")/>
        <div class="container narrow">
            <h1>{lang.t("Masuk untuk petugas", "Sign in for staff")}</h1>
            <p class="lead">{lang.t(
                "Halaman ini untuk petugas, pimpinan dan admin unit layanan. Warga tidak perlu akun untuk membaca standar pelayanan.",
                "This page is for service-unit staff, managers and admins. Citizens need no account to read service standards.",
            )}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash(flash.await.ok().flatten(), "login");
                    let error = current_error(action.value(), state.error.clone());
                    let email = state.value_or("email", "");
                    let note = query.with_untracked(|q| {
                        if q.get("sandi").is_some() {
                            Some(lang.t("Kata sandi baru disimpan. Silakan masuk dengannya.", "The new password is saved. Sign in with it."))
                        } else if q.get("ulang").is_some() {
                            Some(lang.t("Waktu untuk kode verifikasi habis. Masuk lagi dengan kata sandi Anda.", "The time for the verification code ran out. Sign in again with your password."))
                        } else {
                            None
                        }
                    });
                    view! {
                        {note.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
                        <ErrorSummary error label=login_label/>
                        <ActionForm action>
                            <input type="hidden" name="next" value=next/>
                            <div class="field">
                                <label for=field_id("email")>{login_label(lang, "email")}</label>
                                <FieldMessage error field="email" label=login_label(lang, "email")/>
                                <input id="email" name="email" type="email" autocomplete="username"
                                    spellcheck="false" required value=email/>
                            </div>
                            <div class="field">
                                <label for="password">{login_label(lang, "password")}</label>
                                <FieldMessage error field="password" label=login_label(lang, "password")/>
                                <input id="password" name="password" type="password"
                                    autocomplete="current-password" required/>
                            </div>
                            <button type="submit" class="button">{lang.t("Masuk", "Sign in")}</button>
                        </ActionForm>
                        <p class="after-form"><a href="/lupa-sandi">{lang.t("Lupa kata sandi?", "Forgot the password?")}</a></p>
                    }
                })}
            </Suspense>
        </div>
    }
}

/// Sign-out button (a form, so it works without JavaScript and is never a link a page can
/// trigger).
#[component]
pub fn LogoutButton() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Logout>::new();
    view! {
        <ActionForm action>
            <button type="submit" class="link-button">{lang.t("Keluar", "Sign out")}</button>
        </ActionForm>
    }
}

/// Wraps pages for signed-in people: shows a sign-in link when nobody is signed in.
#[component]
pub fn RequireUser(children: ChildrenFn) -> impl IntoView {
    let lang = use_lang();
    let user = expect_context::<UserResource>().0;
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(_)) => children.read_value()().into_any(),
                    _ => {
                        #[cfg(feature = "ssr")]
                        crate::ui::set_status(401);
                        let href = format!("/masuk?lanjut={}", current_path_encoded());
                        view! {
                            <div class="narrow">
                                <h1>{lang.t("Silakan masuk", "Please sign in")}</h1>
                                <p>{AppError::Unauthenticated.message(lang)}</p>
                                <p><a class="button" href=href>{lang.t("Masuk", "Sign in")}</a></p>
                            </div>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}

fn current_path_encoded() -> String {
    crate::ui::encode_component(&leptos_router::hooks::use_location().pathname.get_untracked())
}

pages! {
    /// The sign-in page in the route table.
    AuthRoutes {
        "/masuk" => LoginPage,
        "/masuk/kode" => account::SecondStepPage,
        "/lupa-sandi" => account::ForgotPage,
        "/atur-sandi/:token" => account::ResetPage,
        "/akun" => account::AccountPage,
        "/akun/dua-langkah" => account::TwoStepPage,
    }
}

#[cfg(test)]
mod tests {
    use super::{local_path, safe_next, Act, CurrentUser, Membership, Role};

    #[test]
    fn one_access_rule_for_every_unit_check() {
        let person = |is_admin: bool, role: Option<Role>| CurrentUser {
            id: 1,
            name: "A".into(),
            email: "a@contoh.id".into(),
            is_admin,
            two_step: is_admin,
            memberships: role.map(|role| Membership { unit_id: 7, unit_name: "U".into(), unit_slug: "u".into(), role }).into_iter().collect(),
        };
        let staff = person(false, Some(Role::Staff));
        let manager = person(false, Some(Role::Manager));
        let admin = person(true, None);
        let outsider = person(false, None);
        let table = [
            (Act::HandleReports, [true, true, false, false]),
            (Act::ServeCounter, [true, true, true, false]),
            (Act::Manage, [false, true, true, false]),
        ];
        for (act, want) in table {
            let got = [&staff, &manager, &admin, &outsider].map(|p| p.may(act, 7));
            assert_eq!(got, want, "{act:?}: staff, manager, admin, outsider");
            assert!(![&staff, &manager, &outsider].iter().any(|p| p.may(act, 8)), "{act:?}: never another unit's");
        }
    }

    #[test]
    fn next_is_only_a_local_path() {
        assert_eq!(safe_next(Some("/kelola/layanan/3"), "/kelola"), "/kelola/layanan/3");
        assert_eq!(safe_next(Some("//evil.example"), "/kelola"), "/kelola");
        assert_eq!(safe_next(Some("https://evil.example"), "/kelola"), "/kelola");
        assert_eq!(safe_next(None, "/kelola"), "/kelola");
        for evil in ["/\t/evil.example", "/\n/evil.example", "/%09/evil.example", "/%0a/x", "/\\evil", "/%5C/evil", "/%2F/evil", "/ /x"] {
            assert_eq!(safe_next(Some(evil), "/kelola"), "/kelola", "{evil:?}");
        }
        assert_eq!(safe_next(Some("/lacak?kode=A%20B"), "/kelola"), "/lacak?kode=A%20B");
        assert_eq!(local_path("/layanan/x?q=KTP%2Del"), Some("/layanan/x?q=KTP%2Del"));
    }

    #[test]
    fn each_role_lands_where_its_work_is() {
        let m = |slug: &str, role| Membership { unit_id: 1, unit_name: slug.into(), unit_slug: slug.into(), role };
        let user = |is_admin, memberships| CurrentUser { id: 1, name: "A".into(), email: "a@b.c".into(), is_admin, two_step: false, memberships };
        assert_eq!(user(false, vec![m("capil", Role::Staff)]).home(), "/petugas/capil");
        assert_eq!(user(false, vec![m("capil", Role::Staff), m("rsud", Role::Staff)]).home(), "/petugas");
        assert_eq!(user(false, vec![m("capil", Role::Manager)]).home(), "/kelola");
        assert_eq!(user(true, vec![]).home(), "/kelola");
        assert_eq!(user(false, vec![]).home(), "/petugas");
    }
}
