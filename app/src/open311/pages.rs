//! `/admin/open311`: the API keys other civic apps use to send reports through Open311.
use super::api::{get_api_keys, CreateApiKey, RevokeApiKey};
use super::{KeyRow, KeysData};
use crate::auth::RequireUser;
use crate::forms::{current_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, TableHead, Title};
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
                <Loaded data=data page=move |d| view! {
                    <h1>{lang.t("Kunci API Open311", "Open311 API keys")}</h1>
                    <KeysBody data=d create=create revoke=revoke/>
                }.into_any()/>
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
    // Read as the address changes: with JavaScript, the list may come back before the
    // redirect's address does.
    let revoked_note = move || {
        query.with(|q| q.get("cabut").is_some()).then(|| {
            view! { <div class="notice notice-ok" role="status"><p>{lang.t("Kunci dicabut. Aplikasi itu tidak dapat lagi mengirim laporan.", "Key revoked. That application can no longer send reports.")}</p></div> }
        })
    };
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

/// `/pengembang`: how another app uses the portal through Open311.
#[component]
pub fn DevelopersPage() -> impl IntoView {
    let lang = use_lang();
    let base = Resource::new(|| (), |_| super::api::get_public_url());
    let example = move |base: String| {
        format!(
            "curl -X POST {base}/open311/v2/requests.json \\\n  \
             -d api_key=KUNCI -d service_code=1 \\\n  \
             -d 'attribute[jenis]=pengaduan' \\\n  \
             -d first_name=Siti -d last_name=Rahmawati -d email=siti@contoh.id \\\n  \
             --data-urlencode 'description=Antrean perekaman KTP-el sangat panjang sejak pagi.'"
        )
    };
    let endpoints = [
        ("GET", "discovery.json", lang.t("Versi, format, dan kontak.", "Versions, formats and contact.")),
        ("GET", "services.json", lang.t("Semua layanan; group = unit layanan.", "Every service; group = the service unit.")),
        ("GET", "services/{service_code}.json", lang.t("Atribut yang diminta layanan.", "The attributes a service asks for.")),
        ("POST", "requests.json", lang.t("Kirim laporan (perlu api_key).", "Send a report (needs an api_key).")),
        ("GET", "requests.json", lang.t(
            "Laporan publik: service_request_id, service_code, status (open, closed; dipisah koma), start_date dan end_date (paling lama 90 hari; bawaan 90 hari terakhir); paling banyak 1.000, terbaru dahulu.",
            "Public reports: service_request_id, service_code, status (open, closed; comma separated), start_date and end_date (90 days at most; the last 90 by default); 1,000 at most, newest first.",
        )),
        ("GET", "requests/{service_request_id}.json", lang.t("Satu laporan.", "One report.")),
        ("GET", "tokens/{token}.json", lang.t(
            "service_request_id dari token, setelah pelapor mengonfirmasi emailnya.",
            "The service_request_id for a token, once the reporter has confirmed their e-mail.",
        )),
    ]
    .into_iter()
    .map(|(method, path, what)| view! {
        <tr><td data-label=lang.t("Metode", "Method")>{method}</td><td data-label=lang.t("Alamat", "Address")><code>{path}</code></td><td data-label=lang.t("Isi", "What")>{what}</td></tr>
    })
    .collect_view();
    view! {
        <Title text=lang.t("Open311 untuk pengembang", "Open311 for developers")/>
        <div class="container narrow">
            <h1>{lang.t("Open311 untuk pengembang aplikasi", "Open311 for app developers")}</h1>
            <p class="lead">{lang.t(
                "Aplikasi warga dan perangkat kota lain dapat membaca layanan dan laporan publik portal ini, serta mengirim laporan atas nama warga, dengan standar terbuka Open311 GeoReport v2.",
                "Citizens' apps and other civic tools can read this portal's services and public reports, and send reports on behalf of citizens, with the open standard Open311 GeoReport v2.",
            )}</p>
            <h2>{lang.t("Alamat", "Endpoints")}</h2>
            <p>{lang.t(
                "Semua alamat berada di bawah /open311/v2/ dan tersedia sebagai .json dan .xml. Parameter kosong dianggap tidak ada. Waktu ditulis W3C dengan zona waktu unit (+07:00, +08:00, +09:00).",
                "Every address is under /open311/v2/ and answers as .json and .xml. Empty parameters count as missing. Times are W3C with the unit's own offset (+07:00, +08:00, +09:00).",
            )}</p>
            <table class="stack-table endpoints">
                <TableHead lang columns=&[("Metode", "Method"), ("Alamat", "Address"), ("Isi", "What")]/>
                <tbody>{endpoints}</tbody>
            </table>
            <h2>{lang.t("Mengirim laporan", "Sending a report")}</h2>
            <p>{lang.t(
                "Minta kunci API untuk aplikasi Anda kepada admin portal; kirim sebagai api_key di badan permintaan atau di alamat. Laporan dari Open311 diperlakukan sama dengan laporan dari formulir: laporan pertama dari sebuah alamat email menunggu konfirmasi pelapor, lalu diteruskan ke petugas yang bertugas dan dijawab dalam tenggat hari kerja.",
                "Ask the portal's admin for an API key for your app; send it as api_key in the body or the address. Reports through Open311 are treated like those from the form: the first report from an e-mail address waits for the reporter's confirmation, then goes to the staff on duty and is answered within working-day deadlines.",
            )}</p>
            <ul>
                <li><code>"attribute[jenis]"</code>{lang.t(" (wajib): konsultasi, pengaduan, aspirasi, atau informasi.", " (required): konsultasi, pengaduan, aspirasi or informasi.")}</li>
                <li><code>"attribute[judul]"</code>{lang.t(": judul 5–150 karakter; bila kosong diambil dari awal description.", ": a 5–150 character subject; the start of the description otherwise.")}</li>
                <li><code>"attribute[anonim]"</code>", "<code>"attribute[rahasia]"</code>{lang.t(": ya atau tidak, seperti pilihan di formulir.", ": ya or tidak, as on the form.")}</li>
                <li><code>"description"</code>{lang.t(" (20–4.000 karakter), nama (first_name, last_name), email, dan bila perlu phone, address_string, lat dan long.", " (20–4,000 characters), the name (first_name, last_name), email, and where useful phone, address_string, lat and long.")}</li>
            </ul>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let url = base.await.unwrap_or_default();
                    view! { <pre class="code-block"><code>{example(url)}</code></pre> }
                })}
            </Suspense>
            <p>{lang.t(
                "Jawabannya berisi token, service_request_id (bila laporan tidak menunggu konfirmasi), dan service_notice dengan kode pelacakan untuk pelapor. Kesalahan dijawab sebagai daftar code dan description (400, 403, 404, 429) dalam Bahasa Indonesia, atau bahasa Inggris dengan Accept-Language: en.",
                "The answer holds a token, the service_request_id (unless the report waits for its confirmation), and a service_notice with the tracking code for the reporter. Errors come as a list of code and description (400, 403, 404, 429) in Bahasa Indonesia, or English with Accept-Language: en.",
            )}</p>
            <h2>{lang.t("Privasi", "Privacy")}</h2>
            <p>{lang.t(
                "Laporan Rahasia dan laporan yang tidak ditampilkan di daftar publik tidak pernah muncul di GET requests; hanya aplikasi pengirimnya yang dapat membacanya dengan kuncinya. Nama, email, dan telepon pelapor tidak pernah dikirim; nama dan nomor di dalam teks disamarkan; laporan anonim tanpa alamat dan lokasi.",
                "Confidential reports, and reports kept out of the public register, never appear in GET requests; only the app that sent one can read it with its key. Reporters' names, e-mail and phone are never sent; names and numbers in the text are masked; anonymous reports carry no address or location.",
            )}</p>
        </div>
    }
}
