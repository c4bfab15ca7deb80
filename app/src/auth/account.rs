//! The pages of an account's own life: the account page (a new password, sign out of other
//! devices), two-step sign-in (turn on with an authenticator app, recovery codes, turn off),
//! the second step of signing in, and "forgot password" with its mailed link. Every form
//! works without JavaScript; the rules are in `lifecycle`.
use super::RequireUser;
use crate::error::AppError;
use crate::forms::{current_error, ErrorSummary, FieldMessage, Flash, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, Title};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

fn label(lang: Lang, field: &str) -> String {
    match field {
        "current_password" => lang.t("Kata sandi saat ini", "Current password").into(),
        "new_password" => lang.t("Kata sandi baru", "New password").into(),
        "repeat_password" => lang.t("Ulangi kata sandi baru", "Repeat the new password").into(),
        "code" => lang.t("Kode", "Code").into(),
        "email" => "Email".into(),
        other => other.into(),
    }
}

/// The password rule in words, beside every new-password box.
fn password_hint(lang: Lang) -> &'static str {
    lang.t(
        "Paling sedikit 12 karakter dan sulit ditebak. Kalimat pendek dari empat kata acak mudah diingat dan kuat. Nama, tanggal lahir dan kata sandi yang umum ditolak.",
        "At least 12 characters and hard to guess. A short phrase of four random words is easy to remember and strong. Names, birth dates and common passwords are refused.",
    )
}

/// What the account page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountData {
    pub name: String,
    pub email: String,
    pub two_step: bool,
    pub is_admin: bool,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_account() -> Result<AccountData, AppError> {
    let u = super::ssr::require_user().await?;
    Ok(AccountData { name: u.name, email: u.email, two_step: u.two_step, is_admin: u.is_admin, flash: crate::ssr::flash::take().await })
}

#[cfg(feature = "ssr")]
fn public_url() -> Result<String, AppError> {
    Ok(crate::ssr::state()?.settings.public_url.clone())
}

/// Keeps this session signed in under the account's new sign-in generation.
#[cfg(feature = "ssr")]
async fn stay_signed_in(epoch: i32) -> Result<(), AppError> {
    crate::ssr::session().await?.insert(super::ssr::SESSION_EPOCH_KEY, epoch).await.map_err(|e| {
        tracing::error!(error = %e, "session write failed");
        AppError::Internal
    })
}

#[server]
pub async fn change_password(current_password: String, new_password: String, repeat_password: String) -> Result<(), AppError> {
    let u = super::ssr::require_user().await?;
    let db = crate::ssr::db()?;
    match super::lifecycle::change_password(&db, u.id, &current_password, &new_password, &repeat_password, &public_url()?, crate::ssr::now()?).await {
        Ok(epoch) => {
            stay_signed_in(epoch).await?;
            crate::ssr::redirect("/akun?ok=sandi");
            Ok(())
        }
        // No password is kept for the page it returns to.
        Err(e) => Err(crate::ssr::flash::keep("password", Default::default(), e).await),
    }
}

#[server]
pub async fn sign_out_elsewhere() -> Result<(), AppError> {
    let u = super::ssr::require_user().await?;
    let epoch = super::lifecycle::sign_out_elsewhere(&crate::ssr::db()?, u.id, &public_url()?, crate::ssr::now()?).await?;
    stay_signed_in(epoch).await?;
    crate::ssr::redirect("/akun?ok=keluar");
    Ok(())
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // Read again after each form (its answer comes back here with `?ok=`).
    let data = Resource::new(move || query.with(|q| q.get("ok")), |_| get_account());
    view! {
        <Title text=lang.t("Akun", "Account")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data page=move |d| view! { <AccountBody data=d/> }.into_any()/>
            </RequireUser>
        </div>
    }
}

#[component]
fn AccountBody(data: AccountData) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let password_action = ServerAction::<ChangePassword>::new();
    let elsewhere_action = ServerAction::<SignOutElsewhere>::new();
    let state = FormState::from_flash(data.flash.clone(), "password");
    let error = current_error(password_action.value(), state.error.clone());
    let ok = query.with_untracked(|q| q.get("ok")).map(|k| match k.as_str() {
        "sandi" => lang.t(
            "Kata sandi diubah. Perangkat lain yang masuk dengan akun ini telah dikeluarkan.",
            "The password was changed. Other devices signed in to this account were signed out.",
        ),
        "keluar" => lang.t("Semua perangkat lain telah dikeluarkan.", "Every other device was signed out."),
        _ => lang.t("Disimpan.", "Saved."),
    });
    view! {
        <h1>{lang.t("Akun Anda", "Your account")}</h1>
        {ok.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <p class="lead">{data.name.clone()}" · "{data.email.clone()}</p>

        <section aria-labelledby="password-title">
            <h2 id="password-title">{lang.t("Ubah kata sandi", "Change the password")}</h2>
            <ErrorSummary error label/>
            <ActionForm action=password_action>
                <div class="field">
                    <label for="current_password">{label(lang, "current_password")}</label>
                    <FieldMessage error field="current_password" label=label(lang, "current_password")/>
                    <input id="current_password" name="current_password" type="password" autocomplete="current-password"/>
                </div>
                <div class="field">
                    <label for="new_password">{label(lang, "new_password")}</label>
                    <p class="hint" id="new_password-hint">{password_hint(lang)}</p>
                    <FieldMessage error field="new_password" label=label(lang, "new_password")/>
                    <input id="new_password" name="new_password" type="password" autocomplete="new-password" aria-describedby="new_password-hint"/>
                </div>
                <div class="field">
                    <label for="repeat_password">{label(lang, "repeat_password")}</label>
                    <FieldMessage error field="repeat_password" label=label(lang, "repeat_password")/>
                    <input id="repeat_password" name="repeat_password" type="password" autocomplete="new-password"/>
                </div>
                <button type="submit" class="button">{lang.t("Ubah kata sandi", "Change the password")}</button>
            </ActionForm>
        </section>

        <section aria-labelledby="two-step-title">
            <h2 id="two-step-title">{lang.t("Verifikasi dua langkah", "Two-step sign-in")}</h2>
            <p>{if data.two_step {
                lang.t("Aktif: setiap kali masuk, portal meminta kode dari aplikasi autentikator Anda.", "On: every sign-in asks for a code from your authenticator app.")
            } else if data.is_admin {
                lang.t("Belum aktif. Akun admin wajib memakainya sebelum membuka halaman admin.", "Not on yet. Admin accounts must use it before admin pages open.")
            } else {
                lang.t("Belum aktif. Dianjurkan untuk pimpinan unit: kata sandi saja tidak cukup bila bocor.", "Not on. Recommended for managers: a password alone is not enough once it leaks.")
            }}</p>
            <p><a class="button button-secondary" href="/akun/dua-langkah">{if data.two_step { lang.t("Kelola verifikasi dua langkah", "Manage two-step sign-in") } else { lang.t("Aktifkan verifikasi dua langkah", "Turn on two-step sign-in") }}</a></p>
        </section>

        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{lang.t("Perangkat lain", "Other devices")}</h2>
            <p>{lang.t(
                "Lupa keluar di komputer loket atau ponsel hilang? Keluarkan semua perangkat lain yang masuk dengan akun ini. Perangkat ini tetap masuk.",
                "Forgot to sign out on a counter PC, or lost a phone? Sign out every other device signed in to this account. This one stays signed in.",
            )}</p>
            <ActionForm action=elsewhere_action>
                <button type="submit" class="button button-secondary">{lang.t("Keluarkan semua perangkat lain", "Sign out every other device")}</button>
            </ActionForm>
        </section>
    }
}

// ---- Two-step sign-in ----

/// Session key of the secret shown while two-step sign-in is being turned on.
#[cfg(feature = "ssr")]
const SETUP_KEY: &str = "two_step_setup";
/// Session key of the recovery codes, shown once right after turning it on.
#[cfg(feature = "ssr")]
const FRESH_CODES_KEY: &str = "two_step_codes";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TwoStepData {
    pub on: bool,
    pub is_admin: bool,
    /// While turning it on: the secret to type, and its QR code (SVG).
    pub secret: Option<String>,
    pub qr_svg: Option<String>,
    /// Right after turning it on, once.
    pub fresh_codes: Vec<String>,
    pub codes_left: usize,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_two_step() -> Result<TwoStepData, AppError> {
    let u = super::ssr::require_user().await?;
    let session = crate::ssr::session().await?;
    let failed = |e: tower_sessions::session::Error| {
        tracing::error!(error = %e, "session failed");
        AppError::Internal
    };
    let flash = crate::ssr::flash::take().await;
    if u.two_step {
        let fresh_codes = session.remove::<Vec<String>>(FRESH_CODES_KEY).await.map_err(failed)?.unwrap_or_default();
        let codes_left = super::lifecycle::recovery_codes_left(&crate::ssr::db()?, u.id).await?;
        return Ok(TwoStepData { on: true, is_admin: u.is_admin, secret: None, qr_svg: None, fresh_codes, codes_left, flash });
    }
    // One secret per setting-up, kept in the session until a right code confirms it.
    let secret = match session.get::<String>(SETUP_KEY).await.map_err(failed)? {
        Some(s) => s,
        None => {
            let s = super::lifecycle::new_totp_secret();
            session.insert(SETUP_KEY, s.clone()).await.map_err(failed)?;
            s
        }
    };
    let qr = crate::ssr::qr::svg(&super::lifecycle::totp_uri(&secret, &u.email));
    Ok(TwoStepData { on: false, is_admin: u.is_admin, secret: Some(secret), qr_svg: Some(qr), fresh_codes: vec![], codes_left: 0, flash })
}

#[server]
pub async fn enable_two_step(code: String) -> Result<(), AppError> {
    let u = super::ssr::require_user().await?;
    let session = crate::ssr::session().await?;
    let failed = |e: tower_sessions::session::Error| {
        tracing::error!(error = %e, "session failed");
        AppError::Internal
    };
    let Some(secret) = session.get::<String>(SETUP_KEY).await.map_err(failed)? else {
        // The page was not opened in this session (or it expired): show it again.
        crate::ssr::redirect("/akun/dua-langkah");
        return Ok(());
    };
    let db = crate::ssr::db()?;
    match super::lifecycle::enable_totp(&db, u.id, &secret, &code, &public_url()?, crate::ssr::now()?, super::ssr::wall_seconds()).await {
        Ok(codes) => {
            session.remove::<String>(SETUP_KEY).await.map_err(failed)?;
            session.insert(FRESH_CODES_KEY, codes).await.map_err(failed)?;
            crate::ssr::redirect("/akun/dua-langkah?ok=aktif");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("enable", Default::default(), e).await),
    }
}

#[server]
pub async fn disable_two_step(current_password: String) -> Result<(), AppError> {
    let u = super::ssr::require_user().await?;
    match super::lifecycle::disable_totp(&crate::ssr::db()?, u.id, &current_password, &public_url()?, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect("/akun?ok=1");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("disable", Default::default(), e).await),
    }
}

#[component]
pub fn TwoStepPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.with(|q| q.get("ok")), |_| get_two_step());
    view! {
        <Title text=lang.t("Verifikasi dua langkah", "Two-step sign-in")/>
        <div class="container narrow">
            <RequireUser>
                <p><a href="/akun">{lang.t("← Akun Anda", "← Your account")}</a></p>
                <h1>{lang.t("Verifikasi dua langkah", "Two-step sign-in")}</h1>
                <Loaded data page=move |d| view! { <TwoStepBody data=d/> }.into_any()/>
            </RequireUser>
        </div>
    }
}

#[component]
fn TwoStepBody(data: TwoStepData) -> impl IntoView {
    let lang = use_lang();
    let enable = ServerAction::<EnableTwoStep>::new();
    let disable = ServerAction::<DisableTwoStep>::new();
    let enable_error = current_error(enable.value(), FormState::from_flash(data.flash.clone(), "enable").error);
    let disable_error = current_error(disable.value(), FormState::from_flash(data.flash.clone(), "disable").error);
    if data.on {
        let codes = (!data.fresh_codes.is_empty()).then(|| {
            let items = data.fresh_codes.iter().map(|c| view! { <li><code class="code">{c.clone()}</code></li> }).collect_view();
            view! {
                <div class="notice notice-ok" role="status">
                    <h2>{lang.t("Verifikasi dua langkah aktif", "Two-step sign-in is on")}</h2>
                    <p>{lang.t(
                        "Simpan kode pemulihan ini di tempat aman (dicetak atau di pengelola kata sandi). Setiap kode dapat dipakai sekali bila ponsel Anda hilang. Kode ini hanya ditampilkan sekarang.",
                        "Keep these recovery codes somewhere safe (printed, or in a password manager). Each works once if your phone is lost. They are shown only now.",
                    )}</p>
                    <ul class="recovery-codes">{items}</ul>
                </div>
            }
        });
        view! {
            {codes}
            <p>{lang.t("Aktif. Setiap kali masuk, portal meminta 6 angka dari aplikasi autentikator Anda.", "On. Every sign-in asks for 6 digits from your authenticator app.")}</p>
            <p>{match lang {
                Lang::Id => format!("Kode pemulihan yang belum dipakai: {}.", data.codes_left),
                Lang::En => format!("Recovery codes not yet used: {}.", data.codes_left),
            }}</p>
            {if data.is_admin {
                view! { <p>{lang.t("Akun admin wajib memakai verifikasi dua langkah, sehingga tidak dapat dimatikan.", "Admin accounts must use two-step sign-in, so it cannot be turned off.")}</p> }.into_any()
            } else {
                view! {
                    <h2>{lang.t("Matikan", "Turn it off")}</h2>
                    <ErrorSummary error=disable_error label/>
                    <ActionForm action=disable>
                        <div class="field">
                            <label for="current_password">{label(lang, "current_password")}</label>
                            <FieldMessage error=disable_error field="current_password" label=label(lang, "current_password")/>
                            <input id="current_password" name="current_password" type="password" autocomplete="current-password"/>
                        </div>
                        <button type="submit" class="button button-warning">{lang.t("Matikan verifikasi dua langkah", "Turn off two-step sign-in")}</button>
                    </ActionForm>
                }.into_any()
            }}
        }
        .into_any()
    } else {
        let secret = data.secret.clone().unwrap_or_default();
        let spaced: String = secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ");
        view! {
            {data.is_admin.then(|| view! { <p class="notice">{AppError::TwoStepRequired.message(lang)}</p> })}
            <ol class="steps">
                <li>{lang.t(
                    "Pasang aplikasi autentikator di ponsel Anda (misalnya Google Authenticator, Microsoft Authenticator, FreeOTP atau Aegis).",
                    "Install an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator, FreeOTP or Aegis).",
                )}</li>
                <li>{lang.t("Pindai kode QR ini dengan aplikasi itu, atau ketik kuncinya.", "Scan this QR code with the app, or type its key.")}
                    <div class="qr-code" inner_html=data.qr_svg.clone().unwrap_or_default() role="img" aria-label=lang.t("Kode QR untuk aplikasi autentikator", "QR code for the authenticator app")></div>
                    <p>{lang.t("Kunci: ", "Key: ")}<code class="code" id="totp-secret" data-secret=secret.clone()>{spaced}</code></p>
                </li>
                <li>{lang.t("Ketik 6 angka yang tampil di aplikasi.", "Type the 6 digits the app shows.")}</li>
            </ol>
            <ErrorSummary error=enable_error label/>
            <ActionForm action=enable>
                <div class="field">
                    <label for="code">{label(lang, "code")}</label>
                    <FieldMessage error=enable_error field="code" label=label(lang, "code")/>
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" class="input-short" maxlength="9"/>
                </div>
                <button type="submit" class="button">{lang.t("Aktifkan", "Turn on")}</button>
            </ActionForm>
        }
        .into_any()
    }
}

// ---- The second step of signing in ----

#[server]
pub async fn second_step(code: String, next: Option<String>) -> Result<(), AppError> {
    use crate::ssr::entities::user;
    use sea_orm::EntityTrait;
    let session = crate::ssr::session().await?;
    let pending = session.get::<(i32, i64)>(super::ssr::PENDING_KEY).await.ok().flatten();
    let now_secs = super::ssr::wall_seconds();
    let Some((user_id, _)) = pending.filter(|(_, at)| (0..=super::ssr::PENDING_SECS).contains(&(now_secs - at))) else {
        // Too late or never asked: the password first.
        crate::ssr::redirect("/masuk?ulang=1");
        return Ok(());
    };
    let db = crate::ssr::db()?;
    match super::lifecycle::second_step(&db, user_id, &code, &public_url()?, crate::ssr::now()?, now_secs).await {
        Ok(_) => {
            let u = user::Entity::find_by_id(user_id).one(&db).await?.ok_or(AppError::Unauthenticated)?;
            super::ssr::sign_in_session(&session, &u).await?;
            let home = super::ssr::load_user(&db, u.id).await?.map(|c| c.home()).unwrap_or_else(|| "/kelola".into());
            crate::ssr::redirect(&super::safe_next(next.as_deref(), &home));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("second_step", Default::default(), e).await),
    }
}

#[component]
pub fn SecondStepPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SecondStep>::new();
    let query = use_query_map();
    let next = move || query.read().get("lanjut").unwrap_or_default();
    let flash = Resource::new_blocking(|| (), |_| super::login_form_state());
    view! {
        <Title text=lang.t("Kode verifikasi", "Verification code")/>
        <div class="container narrow">
            <h1>{lang.t("Masukkan kode verifikasi", "Enter the verification code")}</h1>
            <p class="lead">{lang.t(
                "Buka aplikasi autentikator di ponsel Anda dan ketik 6 angka untuk Layanan. Ponsel hilang? Ketik salah satu kode pemulihan.",
                "Open the authenticator app on your phone and type the 6 digits for Layanan. Lost the phone? Type one of your recovery codes.",
            )}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash(flash.await.ok().flatten(), "second_step");
                    let error = current_error(action.value(), state.error.clone());
                    view! {
                        <ErrorSummary error label/>
                        <ActionForm action>
                            <input type="hidden" name="next" value=next/>
                            <div class="field">
                                <label for="code">{label(lang, "code")}</label>
                                <FieldMessage error field="code" label=label(lang, "code")/>
                                <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" class="input-short" maxlength="12"/>
                            </div>
                            <button type="submit" class="button">{lang.t("Masuk", "Sign in")}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </div>
    }
}

// ---- Forgot password ----

#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::ssr::rate::{take, Limit, RESETS_PER_CLIENT};
    let db = crate::ssr::db()?;
    let now = crate::ssr::now()?;
    let values = std::collections::BTreeMap::from([("email".to_string(), email.clone())]);
    let asked = async {
        take(&db, Limit::ResetsFromClient, &super::ssr::client_key(), RESETS_PER_CLIENT, now).await?;
        super::lifecycle::request_reset(&db, &email, &public_url()?, now).await
    }
    .await;
    match asked {
        Ok(()) => {
            crate::ssr::redirect("/lupa-sandi?terkirim=1");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("forgot", values, e).await),
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RequestPasswordReset>::new();
    let query = use_query_map();
    let sent = move || query.read().get("terkirim").is_some();
    let flash = Resource::new_blocking(|| (), |_| super::login_form_state());
    view! {
        <Title text=lang.t("Lupa kata sandi", "Forgot the password")/>
        <div class="container narrow">
            <h1>{lang.t("Lupa kata sandi", "Forgot the password")}</h1>
            <Show when=sent fallback=move || view! {
                <p class="lead">{lang.t(
                    "Ketik email akun Anda. Kami mengirim tautan untuk membuat kata sandi baru; tautan itu berlaku satu jam dan hanya sekali.",
                    "Type your account's email address. We send a link to choose a new password; it works once, within an hour.",
                )}</p>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let state = FormState::from_flash(flash.await.ok().flatten(), "forgot");
                        let error = current_error(action.value(), state.error.clone());
                        let email = state.value_or("email", "");
                        view! {
                            <ErrorSummary error label/>
                            <ActionForm action>
                                <div class="field">
                                    <label for="email">"Email"</label>
                                    <FieldMessage error field="email" label=label(lang, "email")/>
                                    <input id="email" name="email" type="email" autocomplete="username" spellcheck="false" value=email/>
                                </div>
                                <button type="submit" class="button">{lang.t("Kirim tautan", "Send the link")}</button>
                            </ActionForm>
                        }
                    })}
                </Suspense>
            }>
                <div class="notice notice-ok" role="status">
                    <p>{lang.t(
                        "Jika alamat itu milik akun yang aktif, tautan sudah kami kirim ke sana. Periksa juga folder spam. Tautan berlaku satu jam.",
                        "If that address belongs to an active account, the link is on its way there. Check the spam folder too. The link works for an hour.",
                    )}</p>
                </div>
                <p><a href="/masuk">{lang.t("Kembali ke halaman masuk", "Back to sign-in")}</a></p>
            </Show>
        </div>
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResetData {
    pub holds: bool,
    pub flash: Option<Flash>,
}

#[server]
pub async fn get_reset(token: String) -> Result<ResetData, AppError> {
    let holds = super::lifecycle::reset_link_holds(&crate::ssr::db()?, &token, crate::ssr::now()?).await?;
    Ok(ResetData { holds, flash: crate::ssr::flash::take().await })
}

#[server]
pub async fn reset_password(token: String, new_password: String, repeat_password: String) -> Result<(), AppError> {
    let db = crate::ssr::db()?;
    match super::lifecycle::reset_password(&db, &token, &new_password, &repeat_password, &public_url()?, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect("/masuk?sandi=baru");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("reset", Default::default(), e).await),
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, get_reset);
    view! {
        <Title text=lang.t("Buat kata sandi baru", "Choose a new password")/>
        <div class="container narrow">
            <h1>{lang.t("Buat kata sandi baru", "Choose a new password")}</h1>
            <Loaded data page=move |d| view! { <ResetBody data=d token=token()/> }.into_any()/>
        </div>
    }
}

#[component]
fn ResetBody(data: ResetData, token: String) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ResetPassword>::new();
    let error = current_error(action.value(), FormState::from_flash(data.flash.clone(), "reset").error);
    if !data.holds {
        #[cfg(feature = "ssr")]
        crate::ui::set_status(410);
        return view! {
            <p>{crate::forms::Problem::ResetLinkInvalid.message(lang, "")}</p>
            <p><a class="button" href="/lupa-sandi">{lang.t("Minta tautan baru", "Ask for a new link")}</a></p>
        }
        .into_any();
    }
    view! {
        <ErrorSummary error label/>
        <ActionForm action>
            <input type="hidden" name="token" value=token/>
            <div class="field">
                <label for="new_password">{label(lang, "new_password")}</label>
                <p class="hint" id="new_password-hint">{password_hint(lang)}</p>
                <FieldMessage error field="new_password" label=label(lang, "new_password")/>
                <input id="new_password" name="new_password" type="password" autocomplete="new-password" aria-describedby="new_password-hint"/>
            </div>
            <div class="field">
                <label for="repeat_password">{label(lang, "repeat_password")}</label>
                <FieldMessage error field="repeat_password" label=label(lang, "repeat_password")/>
                <input id="repeat_password" name="repeat_password" type="password" autocomplete="new-password"/>
            </div>
            <button type="submit" class="button">{lang.t("Simpan kata sandi baru", "Save the new password")}</button>
        </ActionForm>
    }
    .into_any()
}
