//! `/admin/open311`: the API keys other civic apps use to send reports through Open311.
use super::api::{get_api_keys, CreateApiKey, RevokeApiKey};
use super::{KeyRow, KeysData};
use crate::auth::RequireUser;
use crate::forms::{current_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::layout::{ErrorPage, Title};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn key_label(lang: Lang, field: &str) -> String {
    match field {
        "name" => lang.t("Nama aplikasi", "Application name"),
        "per_hour" => lang.t("Laporan per jam", "Reports per hour"),
        _ => lang.t("Isian", "Answer"),
    }
    .into()
}

#[component]
pub fn ApiKeysPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateApiKey>::new();
    let revoke = ServerAction::<RevokeApiKey>::new();
    let data = Resource::new(move || (create.version().get(), revoke.version().get()), |_| get_api_keys());
    view! {
        <Title text=lang.t("Kunci API Open311", "Open311 API keys")/>
        <div class="container">
            <RequireUser>
                <h1>{lang.t("Kunci API Open311", "Open311 API keys")}</h1>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(d) => view! { <KeysBody data=d create=create revoke=revoke/> }.into_any(),
                            Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                        }
                    })}
                </Suspense>
            </RequireUser>
        </div>
    }
}

#[component]
fn KeysBody(data: KeysData, create: ServerAction<CreateApiKey>, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let state = FormState::from_flash(data.flash.clone(), "key");
    let error = current_error(create.value(), state.error.clone());
    let revoked_note = query.with_untracked(|q| q.get("cabut").is_some()).then(|| {
        view! { <div class="notice notice-ok" role="status"><p>{lang.t("Kunci dicabut. Aplikasi itu tidak dapat lagi mengirim laporan.", "Key revoked. That application can no longer send reports.")}</p></div> }
    });
    let new_key = data.new_key.clone().map(|(name, key)| {
        view! {
            <div class="notice notice-ok" role="status">
                <p>{match lang {
                    Lang::Id => format!("Kunci untuk {name} dibuat. Salin sekarang: kunci ini hanya ditampilkan sekali."),
                    Lang::En => format!("Key for {name} created. Copy it now: it is shown only this once."),
                }}</p>
                <p><code class="api-key" id="new-key">{key}</code></p>
            </div>
        }
    });
    let rows = data.keys.iter().cloned().map(|k| view! { <KeyLine key=k revoke=revoke/> }).collect_view();
    let empty = data.keys.is_empty();
    view! {
        {new_key}
        {revoked_note}
        <p>{lang.t(
            "Aplikasi warga dan perangkat kota lain dapat membaca layanan dan laporan publik, serta mengirim laporan, melalui Open311 GeoReport v2 di:",
            "Citizens' apps and other civic tools can read services and public reports, and send reports, through Open311 GeoReport v2 at:",
        )} " " <code>{data.endpoint.clone()}</code>". "
        {lang.t(
            "Membaca tidak memerlukan kunci; mengirim laporan memerlukan kunci per aplikasi. Laporan Rahasia tidak pernah ditampilkan, dan data pelapor tidak pernah dikirim.",
            "Reading needs no key; sending reports needs one key per application. Confidential reports are never shown, and reporters' details are never sent.",
        )}</p>
        <section aria-labelledby="keys-title">
            <h2 id="keys-title">{lang.t("Kunci yang diberikan", "Keys issued")}</h2>
            {if empty {
                view! { <p>{lang.t("Belum ada kunci.", "No keys yet.")}</p> }.into_any()
            } else {
                view! {
                    <table class="stack-table">
                        <thead><tr>
                            <th scope="col">{key_label(lang, "name")}</th>
                            <th scope="col">{lang.t("Awal kunci", "Key starts")}</th>
                            <th scope="col">{lang.t("Batas per jam", "Limit per hour")}</th>
                            <th scope="col">{lang.t("Dipakai sejam terakhir", "Used in the last hour")}</th>
                            <th scope="col">{lang.t("Terakhir dipakai", "Last used")}</th>
                            <th scope="col">{lang.t("Status", "Status")}</th>
                            <th scope="col"><span class="visually-hidden">{lang.t("Tindakan", "Action")}</span></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="new-key-title">
            <h2 id="new-key-title">{lang.t("Beri kunci baru", "Issue a new key")}</h2>
            <ErrorSummary error=error label=key_label/>
            <ActionForm action=create>
                <div class="field"><label for="key-name">{key_label(lang, "name")}</label>
                    <p class="hint" id="key-name-hint">{lang.t("Misalnya nama aplikasi dan pengelolanya.", "For example the application and who runs it.")}</p>
                    <FieldMessage error=error field="name" label=key_label(lang, "name")/>
                    <input id="key-name" name="name" type="text" autocomplete="off" aria-describedby="key-name-hint" value=state.value_or("name", "")/></div>
                <div class="field"><label for="key-per_hour">{key_label(lang, "per_hour")}</label>
                    <p class="hint" id="key-per-hour-hint">{lang.t("Dari 1 sampai 10.000. Bawaan 100.", "From 1 to 10,000. Default 100.")}</p>
                    <FieldMessage error=error field="per_hour" label=key_label(lang, "per_hour")/>
                    <input id="key-per_hour" name="per_hour" type="text" inputmode="numeric" class="input-short" aria-describedby="key-per-hour-hint" value=state.value_or("per_hour", "100")/></div>
                <button type="submit" class="button">{lang.t("Buat kunci", "Create key")}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn KeyLine(key: KeyRow, revoke: ServerAction<RevokeApiKey>) -> impl IntoView {
    let lang = use_lang();
    let status = match &key.revoked {
        Some(at) => format!("{} {at}", lang.t("Dicabut", "Revoked")),
        None => lang.t("Aktif", "Active").to_string(),
    };
    let (id, name) = (key.id, key.name.clone());
    let action = key.revoked.is_none().then(move || {
        view! {
            <ActionForm action=revoke>
                <input type="hidden" name="id" value=id/>
                <button type="submit" class="button button-secondary">{lang.t("Cabut", "Revoke")}
                    <span class="visually-hidden">{format!(" {name}")}</span></button>
            </ActionForm>
        }
    });
    view! {
        <tr>
            <th scope="row" data-label=key_label(lang, "name")>{key.name.clone()}</th>
            <td data-label=lang.t("Awal kunci", "Key starts")><code class="nowrap">{format!("{}…", key.prefix)}</code></td>
            <td data-label=lang.t("Batas per jam", "Limit per hour")>{key.per_hour}</td>
            <td data-label=lang.t("Dipakai sejam terakhir", "Used in the last hour")>{key.used_last_hour}</td>
            <td data-label=lang.t("Terakhir dipakai", "Last used")>{key.last_used.clone().unwrap_or_else(|| lang.t("Belum pernah", "Never").to_string())}</td>
            <td data-label=lang.t("Status", "Status")>{status}</td>
            <td>{action}</td>
        </tr>
    }
}
