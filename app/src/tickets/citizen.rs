//! The citizen's pages: the report form, "check your answers", the confirmation page,
//! tracking by code, the report page with its timeline, the e-mail confirmation link and
//! the public register. Every form is a real form that works without JavaScript.
use super::api::*;
use super::views::*;
use super::{field_label, size_text, Kind, Status, BODY_MAX, MAX_ATTACHMENTS};
use crate::forms::{current_error, field_id, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{CharCount, Choice, Loaded, Title};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

fn described_by(field: &str, hint: bool) -> String {
    let id = field_id(field);
    if hint {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// `/lapor`: the report form.
#[component]
pub fn ReportPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(
        move || (query.with(|q| q.get("unit")), query.with(|q| q.get("layanan"))),
        |(u, s)| get_report_form(u, s),
    );
    view! {
        <Title text=lang.t("Sampaikan konsultasi atau pengaduan", "Ask a question or make a complaint")
            description=lang.t(
                "Sampaikan konsultasi atau pengaduan kepada unit layanan publik secara daring, boleh tanpa menampilkan nama, dan lacak jawabannya dengan kode pelacakan.",
                "Ask a public service unit a question or make a complaint online, anonymously if you wish, and follow the answer with a tracking code.",
            )/>
        <div class="container narrow">
            <Loaded data=data page=move |d| view! { <ReportForm d/> }.into_any()/>
        </div>
    }
}

#[component]
fn ReportForm(d: ReportFormData) -> impl IntoView {
    let lang = use_lang();
    let error = Signal::derive({
        let e = d.error.clone();
        move || e.clone()
    });
    let label = |lang: Lang, f: &str| field_label(lang, f);
    let a = d.answers.clone();
    let target = a.target();
    let text_field = move |name: &'static str, value: String, kind: &'static str, autocomplete: &'static str, hint: Option<&'static str>| {
        let id = field_id(name);
        let invalid = has_error(&error, name);
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=id.clone()>{field_label(lang, name)}</label>
                {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
                <FieldMessage error field=name label=field_label(lang, name)/>
                <input id=id.clone() name=name type=kind value=value autocomplete=autocomplete
                    aria-invalid=move || invalid.get().to_string()
                    aria-describedby=described_by(name, hint.is_some())/>
            </div>
        }
    };
    let kinds = Kind::ALL
        .into_iter()
        .map(|k| {
            let id = format!("kind-{}", k.code());
            let checked = a.kind == k.code();
            view! { <Choice radio=true id=id name="kind" value=k.code() checked=checked label=k.label(lang) hint=k.hint(lang)/> }
        })
        .collect_view();
    let options = d
        .units
        .iter()
        .map(|u| {
            let general = format!("{}/", u.slug);
            let services = u
                .services
                .iter()
                .map(|(slug, name)| {
                    let value = format!("{}/{}", u.slug, slug);
                    let selected = value == target;
                    view! { <option value=value selected=selected>{name.clone()}</option> }
                })
                .collect_view();
            let general_selected = general == target;
            view! {
                <optgroup label=u.name.clone()>
                    {services}
                    <option value=general selected=general_selected>
                        {format!("{} — {}", lang.t("Lainnya / belum tahu layanannya", "Other / not sure which service"), u.name)}
                    </option>
                </optgroup>
            }
        })
        .collect_view();
    let phone_only_units: Vec<String> = d.units.iter().filter(|u| u.phone_only).map(|u| u.name.clone()).collect();
    let kept = a
        .attachments
        .iter()
        .map(|f| {
            let id = format!("keep-{}", &f.hash[..12]);
            view! {
                <Choice id=id name="keep" value=f.hash.clone() checked=true label=format!("{} ({})", f.name, size_text(f.size))/>
            }
        })
        .collect_view();
    let has_kept = !a.attachments.is_empty();
    let kind_invalid = has_error(&error, "kind");
    let unit_invalid = has_error(&error, "unit");
    let body_invalid = has_error(&error, "body");
    // Counted as the limit counts: without the spaces around the text.
    let body_chars = a.body.trim().chars().count();
    let files_invalid = has_error(&error, "attachments");
    view! {
        <h1>{lang.t("Sampaikan konsultasi atau pengaduan", "Ask a question or make a complaint")}</h1>
        <p class="lead">{lang.t(
            "Tanpa perlu akun. Anda akan mendapat kode pelacakan untuk mengikuti tanggapan petugas.",
            "No account needed. You will get a tracking code to follow the staff's answer.",
        )}</p>
        <ErrorSummary error label/>
        <form method="post" action=CheckReport::url() enctype="multipart/form-data" id="form" novalidate>
            <fieldset class="field" class:field-invalid=kind_invalid>
                <legend>{field_label(lang, "kind")}</legend>
                <FieldMessage error field="kind" label=field_label(lang, "kind")/>
                <div id="kind">{kinds}</div>
            </fieldset>
            <div class="field" class:field-invalid=unit_invalid>
                <label for="unit">{field_label(lang, "unit")}</label>
                <p class="hint" id="unit-hint">{lang.t(
                    "Pilih layanan yang Anda tanyakan atau adukan. Jika salah unit, petugas akan meneruskannya.",
                    "Choose the service you are asking or complaining about. If it is the wrong unit, staff will forward it.",
                )}</p>
                <FieldMessage error field="unit" label=field_label(lang, "unit")/>
                <select id="unit" name="unit" aria-describedby="unit-hint unit-error"
                    aria-invalid=move || unit_invalid.get().to_string()>
                    <option value="">{lang.t("— Pilih —", "— Choose —")}</option>
                    {options}
                </select>
            </div>
            {text_field("subject", a.subject.clone(), "text", "off", Some(lang.t("Ringkas, misalnya: KTP-el belum jadi setelah 14 hari.", "Short, for example: my ID card is not ready after 14 days.")))}
            <div class="field" class:field-invalid=body_invalid>
                <label for="body">{field_label(lang, "body")}</label>
                <p class="hint" id="body-hint">{match lang {
                    Lang::Id => format!("Apa yang terjadi, kapan, dan apa yang Anda harapkan. Paling banyak {BODY_MAX} karakter. Jangan tulis NIK atau data pribadi yang tidak perlu."),
                    Lang::En => format!("What happened, when, and what you expect. At most {BODY_MAX} characters. Do not write ID numbers or personal data that are not needed."),
                }}</p>
                <FieldMessage error field="body" label=field_label(lang, "body")/>
                <textarea id="body" name="body" rows="8" aria-describedby="body-hint body-count body-error"
                    aria-invalid=move || body_invalid.get().to_string()>{a.body.clone()}</textarea>
                <CharCount id="body-count".to_string() field="body".to_string() initial=body_chars max=BODY_MAX lang/>
            </div>
            {text_field("place", a.place.clone(), "text", "street-address", Some(lang.t("Tidak wajib. Misalnya loket 3, kantor kecamatan.", "Optional. For example counter 3, the district office.")))}
            <div class="field" class:field-invalid=files_invalid>
                <label for="attachments">{field_label(lang, "attachments")}</label>
                <p class="hint" id="attachments-hint">{match lang {
                    Lang::Id => format!("Tidak wajib. Foto (JPEG, PNG) atau PDF, paling banyak {MAX_ATTACHMENTS} berkas, masing-masing 5 MB. Data lokasi pada foto dihapus."),
                    Lang::En => format!("Optional. Photos (JPEG, PNG) or PDF, at most {MAX_ATTACHMENTS} files of 5 MB each. Location data in photos is removed."),
                }}</p>
                <FieldMessage error field="attachments" label=field_label(lang, "attachments")/>
                {has_kept.then(|| view! {
                    <fieldset class="kept-files">
                        <legend>{lang.t("Lampiran yang sudah diunggah", "Files already uploaded")}</legend>
                        {kept}
                    </fieldset>
                })}
                <input id="attachments" name="attachments" type="file" multiple
                    accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
                    aria-describedby="attachments-hint attachments-error"/>
            </div>
            <h2>{lang.t("Data Anda", "About you")}</h2>
            {text_field("name", a.name.clone(), "text", "name", Some(lang.t(
                "Boleh dikosongkan bila Anda memilih Anonim di bawah.",
                "May be left empty if you choose Anonymous below.",
            )))}
            {text_field("email", a.email.clone(), "email", "email", Some(lang.t(
                "Tanggapan dan kode pelacakan dikirim ke sini. Laporan pertama dari alamat ini perlu dikonfirmasi lewat email.",
                "Replies and the tracking code are sent here. The first report from an address must be confirmed by e-mail.",
            )))}
            {(!phone_only_units.is_empty()).then(|| view! {
                <p class="hint">{match lang {
                    Lang::Id => format!("Email boleh dikosongkan (isi nomor telepon) untuk: {}.", phone_only_units.join(", ")),
                    Lang::En => format!("E-mail may be left empty (give a phone number) for: {}.", phone_only_units.join(", ")),
                }}</p>
            })}
            {text_field("phone", a.phone.clone(), "tel", "tel", Some(lang.t("Tidak wajib.", "Optional.")))}
            <fieldset class="field">
                <legend>{lang.t("Pilihan kerahasiaan", "Privacy options")}</legend>
                <Choice id="anonymous" name="anonymous" checked=a.anonymous label=lang.t("Anonim", "Anonymous")
                    hint=lang.t(
                        "Petugas yang menangani tidak akan melihat nama, email, atau telepon Anda, dan nama boleh dikosongkan. Email tetap diperlukan agar tanggapan sampai kepada Anda.",
                        "The staff handling it will not see your name, e-mail or phone, and the name may be left empty. The e-mail is still needed so that the answer reaches you.",
                    )/>
                <Choice id="confidential" name="confidential" checked=a.confidential label=lang.t("Rahasia", "Confidential")
                    hint=lang.t(
                        "Laporan dan jawabannya tidak ditampilkan di daftar laporan publik. Hapus centang agar, setelah dijawab, petugas dapat menerbitkannya dengan data pribadi disamarkan (di portal ini dan untuk aplikasi lain lewat Open311) sehingga membantu warga lain. Laporan Anonim tidak pernah diterbitkan.",
                        "The report and its answer are not shown in the public register. Untick so that, once answered, staff can publish it with personal data masked (on this portal and to other apps through Open311) to help others. Anonymous reports are never published.",
                    )/>
            </fieldset>
            <div class="hp" aria-hidden="true">
                <label for="situs_web">{lang.t("Jangan diisi", "Leave empty")}</label>
                <input id="situs_web" name="situs_web" type="text" tabindex="-1" autocomplete="off"/>
            </div>
            <button type="submit" class="button">{lang.t("Lanjutkan", "Continue")}</button>
        </form>
    }
}

/// `/lapor/periksa`: check your answers, then send.
#[component]
pub fn CheckPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_check());
    let action = ServerAction::<SubmitReport>::new();
    let pending = action.pending();
    view! {
        <Title text=lang.t("Periksa jawaban Anda", "Check your answers")/>
        <div class="container narrow">
            <Loaded data=data page=move |d| match d {
                    Some(d) => {
                        let a = d.answers.clone();
                        let row = move |label: String, value: String, anchor: &'static str| view! {
                            <div class="summary-row">
                                <dt>{label.clone()}</dt>
                                <dd>{value}</dd>
                                <dd class="summary-change"><a href=format!("/lapor#{anchor}")>
                                    {lang.t("Ubah", "Change")}<span class="visually-hidden">{format!(" {label}")}</span>
                                </a></dd>
                            </div>
                        };
                        let yes_no = move |b: bool| if b { lang.t("Ya", "Yes") } else { lang.t("Tidak", "No") }.to_string();
                        let kind = Kind::parse(&a.kind).map(|k| k.label(lang).to_string()).unwrap_or_default();
                        let target = match &d.service_name {
                            Some(s) => format!("{s} — {}", d.unit_name),
                            None => d.unit_name.clone(),
                        };
                        let files = if a.attachments.is_empty() {
                            lang.t("Tidak ada", "None").to_string()
                        } else {
                            a.attachments.iter().map(|f| format!("{} ({})", f.name, size_text(f.size))).collect::<Vec<_>>().join(", ")
                        };
                        let error = current_error(action.value(), d.error.clone());
                        view! {
                            <h1>{lang.t("Periksa jawaban Anda sebelum mengirim", "Check your answers before sending")}</h1>
                            <ErrorSummary error label=|lang, f| field_label(lang, f)/>
                            <h2>{lang.t("Laporan", "Report")}</h2>
                            <dl class="summary-list">
                                {row(field_label(lang, "kind"), kind, "kind")}
                                {row(field_label(lang, "unit"), target, "unit")}
                                {row(field_label(lang, "subject"), a.subject.clone(), "subject")}
                                {row(field_label(lang, "body"), a.body.clone(), "body")}
                                {row(field_label(lang, "place"), if a.place.is_empty() { "—".into() } else { a.place.clone() }, "place")}
                                {row(field_label(lang, "attachments"), files, "attachments")}
                            </dl>
                            <h2>{lang.t("Data Anda", "About you")}</h2>
                            <dl class="summary-list">
                                {row(field_label(lang, "name"), if a.name.trim().is_empty() { "—".into() } else { a.name.clone() }, "name")}
                                {row(field_label(lang, "email"), if a.email.is_empty() { "—".into() } else { a.email.clone() }, "email")}
                                {row(field_label(lang, "phone"), if a.phone.is_empty() { "—".into() } else { a.phone.clone() }, "phone")}
                                {row(lang.t("Anonim", "Anonymous").into(), yes_no(a.anonymous), "anonymous")}
                                {row(lang.t("Rahasia", "Confidential").into(), yes_no(a.confidential), "confidential")}
                            </dl>
                            <h2>{lang.t("Kirim laporan", "Send the report")}</h2>
                            <p>{lang.t(
                                "Dengan mengirim, Anda menyatakan keterangan di atas benar sepanjang pengetahuan Anda.",
                                "By sending, you confirm the information above is true to the best of your knowledge.",
                            )}</p>
                            <ActionForm action>
                                <input type="hidden" name="key" value=d.key.clone()/>
                                <button type="submit" class="button" disabled=move || pending.get()>
                                    {move || if pending.get() { lang.t("Mengirim…", "Sending…") } else { lang.t("Kirim laporan", "Send the report") }}
                                </button>
                            </ActionForm>
                        }.into_any()
                    }
                    None => view! {
                        <h1>{lang.t("Tidak ada laporan yang sedang diisi", "No report is being filled in")}</h1>
                        <p>{lang.t(
                            "Laporan Anda mungkin sudah terkirim. Lacak dengan kode yang Anda terima, atau mulai laporan baru.",
                            "Your report may already have been sent. Track it with the code you received, or start a new one.",
                        )}</p>
                        <p><a class="button" href="/lapor">{lang.t("Mulai laporan", "Start a report")}</a>" "
                           <a class="button button-secondary" href="/lacak">{lang.t("Lacak laporan", "Track a report")}</a></p>
                    }.into_any(),
                }/>
        </div>
    }
}

/// `/lapor/terkirim`: the tracking code and what happens next.
#[component]
pub fn SubmittedPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_submitted());
    view! {
        <Title text=lang.t("Laporan terkirim", "Report sent")/>
        <div class="container narrow">
            <Loaded data=data page=move |d| match d {
                    Some(d) => {
                        let compact = d.code.replace('-', "");
                        view! {
                            <div class="panel-confirm">
                                <h1>{lang.t("Laporan terkirim", "Report sent")}</h1>
                                <p>{lang.t("Kode pelacakan Anda", "Your tracking code")}</p>
                                <p class="tracking-code" id="tracking-code">{d.code.clone()}</p>
                            </div>
                            {d.awaiting_confirmation.then(|| view! {
                                <div class="notice notice-warn" role="status">
                                    <h2>{lang.t("Satu langkah lagi: konfirmasi email", "One more step: confirm your e-mail")}</h2>
                                    <p>{lang.t(
                                        "Ini laporan pertama dari alamat email Anda. Buka email dari kami dan ikuti tautan konfirmasi dalam 7 hari. Laporan diteruskan ke petugas setelah dikonfirmasi.",
                                        "This is the first report from your e-mail address. Open our e-mail and follow the confirmation link within 7 days. The report goes to staff once confirmed.",
                                    )}</p>
                                </div>
                            })}
                            <h2>{lang.t("Apa selanjutnya", "What happens next")}</h2>
                            <ol class="steps">
                                <li>{match lang {
                                    Lang::Id => format!("{} memverifikasi laporan dalam 3 hari kerja.", d.unit_name),
                                    Lang::En => format!("{} verifies the report within 3 working days.", d.unit_name),
                                }}</li>
                                <li>{lang.t("Petugas menanggapi paling lambat 5 hari kerja; jika perlu keterangan tambahan, mereka akan bertanya.", "Staff respond within 5 working days; if they need more information, they will ask.")}</li>
                                <li>{if d.has_email {
                                    lang.t("Setiap tanggapan dikirim ke email Anda dan tampil di halaman laporan.", "Every reply is e-mailed to you and shown on the report's page.")
                                } else {
                                    lang.t("Tanggapan tampil di halaman laporan; simpan kode di atas untuk membukanya.", "Replies show on the report's page; keep the code above to open it.")
                                }}</li>
                            </ol>
                            <p><a class="button" href=format!("/lacak/{compact}")>{lang.t("Lihat laporan", "View the report")}</a></p>
                            <p><a href="/lapor">{lang.t("Kirim laporan lain", "Send another report")}</a></p>
                        }.into_any()
                    }
                    None => view! {
                        <h1>{lang.t("Belum ada laporan terkirim", "No report sent yet")}</h1>
                        <p><a href="/lapor">{lang.t("Mulai laporan", "Start a report")}</a></p>
                    }.into_any(),
                }/>
        </div>
    }
}

/// `/lacak`: type a tracking code.
#[component]
pub fn LookupPage() -> impl IntoView {
    let lang = use_lang();
    let flash = Resource::new(|| (), |_| get_lookup_flash());
    let action = ServerAction::<Lookup>::new();
    view! {
        <Title text=lang.t("Lacak laporan", "Track a report")
            description=lang.t(
                "Lacak konsultasi atau pengaduan Anda dengan kode pelacakan: status, tenggat dan jawaban petugas.",
                "Follow your question or complaint with its tracking code: its status, deadlines and the staff's answer.",
            )/>
        <div class="container narrow">
            <h1>{lang.t("Lacak laporan", "Track a report")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash(flash.await.ok().flatten(), "lookup");
                    let error = current_error(action.value(), state.error.clone());
                    let invalid = has_error(&error, "code");
                    view! {
                        <ErrorSummary error label=|lang, f| field_label(lang, f)/>
                        <ActionForm action>
                            <div class="field" class:field-invalid=invalid>
                                <label for="code">{field_label(lang, "code")}</label>
                                <p class="hint" id="code-hint">{lang.t(
                                    "Ada di halaman konfirmasi dan di email Anda, misalnya 7KQ2M-X9PRT-4HC0B. Huruf besar atau kecil sama saja.",
                                    "It is on the confirmation page and in your e-mail, like 7KQ2M-X9PRT-4HC0B. Upper or lower case does not matter.",
                                )}</p>
                                <FieldMessage error field="code" label=field_label(lang, "code")/>
                                <input id="code" name="code" type="text" class="input-code" autocomplete="off" spellcheck="false"
                                    autocapitalize="characters" value=state.value_or("code", "")
                                    aria-describedby="code-hint code-error" aria-invalid=move || invalid.get().to_string()/>
                            </div>
                            <button type="submit" class="button">{lang.t("Lacak", "Track")}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/lacak/:code`: the report, its timeline, and what the citizen can do next.
#[component]
pub fn TicketPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let message = ServerAction::<CitizenReply>::new();
    let reopen = ServerAction::<ReopenTicket>::new();
    let rate = ServerAction::<RateTicket>::new();
    let data = Resource::new(
        move || (code(), message.version().get(), reopen.version().get(), rate.version().get()),
        |(c, ..)| get_ticket(c),
    );
    view! {
        <Title text=lang.t("Laporan Anda", "Your report")/>
        <div class="container narrow">
            <Loaded
                data
                page=move |t| {
                    let ok = query.with(|q| {
                        if q.get("terkirim").is_some() { Some(lang.t("Pesan Anda terkirim.", "Your message was sent.")) }
                        else if q.get("dibuka").is_some() { Some(lang.t("Laporan dibuka kembali.", "The report was reopened.")) }
                        else if q.get("dinilai").is_some() { Some(lang.t("Terima kasih atas penilaian Anda.", "Thank you for your rating.")) }
                        else { None }
                    });
                    view! { <TicketBody t ok message reopen rate/> }
                }
                not_found=move || view! {
                    <h1>{lang.t("Laporan tidak ditemukan", "Report not found")}</h1>
                    <p>{lang.t("Periksa kode pelacakan Anda.", "Check your tracking code.")}</p>
                    <p><a class="button" href="/lacak">{lang.t("Ketik kode lagi", "Type the code again")}</a></p>
                }
            />
        </div>
    }
}

#[component]
fn TicketBody(
    t: TicketView,
    ok: Option<&'static str>,
    message: ServerAction<CitizenReply>,
    reopen: ServerAction<ReopenTicket>,
    rate: ServerAction<RateTicket>,
) -> impl IntoView {
    let lang = use_lang();
    let flash = t.flash.clone();
    let state_for = |form: &str| FormState::from_flash(flash.clone(), form);
    let label = |lang: Lang, f: &str| field_label(lang, f);
    let code_plain = t.code.replace('-', "");
    let timeline = t
        .timeline
        .iter()
        .map(|i| {
            view! {
                <li class="timeline-item" class:from-citizen=i.from_citizen>
                    <p class="timeline-meta"><strong>{i.title.clone()}</strong>" · "{i.by.clone()}" · "<time>{i.at.clone()}</time></p>
                    {(!i.body.is_empty()).then(|| view! { <p class="timeline-body">{i.body.clone()}</p> })}
                </li>
            }
        })
        .collect_view();
    let files = t
        .attachments
        .iter()
        .enumerate()
        .map(|(i, f)| view! { <li><a href=f.href() rel="external">{f.label(lang, i + 1)}</a></li> })
        .collect_view();
    let status_class = match t.status {
        Status::Resolved | Status::Closed => "tag tag-done",
        Status::WaitingCitizen | Status::AwaitingConfirmation => "tag tag-warn",
        _ => "tag",
    };
    let message_state = state_for("message");
    let message_error = current_error(message.value(), message_state.error.clone());
    let reopen_state = state_for("reopen");
    let reopen_error = current_error(reopen.value(), reopen_state.error.clone());
    let rate_state = state_for("rate");
    let rate_error = current_error(rate.value(), rate_state.error.clone());
    let waiting = t.status == Status::WaitingCitizen;
    let code_for_forms = t.code.clone();
    // The latest answer is what the citizen came for: it comes first, above the report
    // itself, with the next step beside it.
    view! {
        {ok.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <p class="caption">{t.kind.label(lang)}" · "{t.unit_name.clone()}{t.service_name.clone().map(|s| format!(" · {s}"))}</p>
        <h1>{t.subject.clone()}</h1>
        <dl class="meta-list">
            <div><dt>{field_label(lang, "code")}</dt><dd class="tracking-code-inline">{t.code.clone()}</dd></div>
            <div><dt>{lang.t("Dikirim", "Sent")}</dt><dd>{t.created.clone()}</dd></div>
            <div><dt>{lang.t("Status", "Status")}</dt><dd><span class=status_class>{t.status.label(lang)}</span></dd></div>
        </dl>
        <p class="status-explanation">{t.status.explanation(lang)}</p>
        {t.promise.clone().map(|p| view! { <p class="promise">{p}</p> })}
        {t.latest_answer.clone().map(|a| view! {
            <section class="latest-answer" aria-labelledby="jawaban-title">
                <h2 id="jawaban-title">{if waiting { lang.t("Pertanyaan petugas", "The staff's question") } else { lang.t("Jawaban petugas", "The staff's answer") }}</h2>
                <p class="timeline-meta">{a.by.clone()}" · "<time>{a.at.clone()}</time></p>
                <p class="timeline-body">{a.body.clone()}</p>
                <p class="actions-row">
                    {waiting.then(|| view! { <a class="button" href="#balas">{lang.t("Jawab pertanyaan ini", "Answer this question")}</a> })}
                    {t.can_rate.then(|| view! { <a href="#nilai">{lang.t("Nilai jawaban ini", "Rate this answer")}</a> })}
                    {t.reopen_until.is_some().then(|| view! { <a href="#buka-kembali">{lang.t("Belum tuntas?", "Not settled?")}</a> })}
                    <a href="#riwayat">{lang.t("Seluruh riwayat", "The whole history")}</a>
                </p>
            </section>
        })}
        {t.merged.then(|| view! {
            <p class="notice">{lang.t(
                "Laporan ini digabung dengan laporan lain tentang hal yang sama. Tanggapan petugas tampil di bawah.",
                "This report was merged with another one about the same matter. Staff replies show below.",
            )}</p>
        })}
        <h2>{lang.t("Isi laporan", "The report")}</h2>
        <p class="report-body">{t.body.clone()}</p>
        {(!t.place.is_empty()).then(|| view! { <p><strong>{field_label(lang, "place")}": "</strong>{t.place.clone()}</p> })}
        {(!t.attachments.is_empty()).then(|| view! { <h3>{field_label(lang, "attachments")}</h3><ul>{files}</ul> })}
        <p class="hint">
            {t.anonymous.then(|| lang.t("Anonim: petugas tidak melihat identitas Anda. ", "Anonymous: staff do not see who you are. "))}
            {t.confidential.then(|| lang.t("Rahasia: tidak tampil di daftar laporan publik.", "Confidential: not shown in the public register."))}
        </p>
        <h2 id="riwayat">{lang.t("Riwayat", "History")}</h2>
        <ol class="timeline">{timeline}</ol>
        {t.can_message.then(|| {
            let code = code_for_forms.clone();
            let invalid = has_error(&message_error, "body");
            view! {
                <h2 id="balas">{if waiting { lang.t("Jawab pertanyaan petugas", "Answer the staff's question") } else { lang.t("Tambahkan keterangan", "Add information") }}</h2>
                <ErrorSummary error=message_error label/>
                <ActionForm action=message>
                    <input type="hidden" name="code" value=code/>
                    <div class="field" class:field-invalid=invalid>
                        <label for="body">{lang.t("Pesan Anda", "Your message")}</label>
                        <FieldMessage error=message_error field="body" label=lang.t("Pesan", "Message").to_string()/>
                        <textarea id="body" name="body" rows="5" aria-describedby="body-error"
                            aria-invalid=move || invalid.get().to_string()>{message_state.value_or("body", "")}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.t("Kirim pesan", "Send the message")}</button>
                </ActionForm>
            }
        })}
        {t.reopen_until.clone().map(|until| {
            let code = code_for_forms.clone();
            let invalid = has_error(&reopen_error, "reason");
            view! {
                <h2 id="buka-kembali">{lang.t("Belum tuntas?", "Not settled?")}</h2>
                <p>{match lang {
                    Lang::Id => format!("Anda dapat membuka kembali laporan ini sampai {until}."),
                    Lang::En => format!("You can reopen this report until {until}."),
                }}</p>
                <ErrorSummary error=reopen_error label/>
                <ActionForm action=reopen>
                    <input type="hidden" name="code" value=code/>
                    <div class="field" class:field-invalid=invalid>
                        <label for="reason">{lang.t("Mengapa belum tuntas?", "Why is it not settled?")}</label>
                        <FieldMessage error=reopen_error field="reason" label=field_label(lang, "reason")/>
                        <textarea id="reason" name="reason" rows="4" aria-describedby="reason-error"
                            aria-invalid=move || invalid.get().to_string()>{reopen_state.value_or("reason", "")}</textarea>
                    </div>
                    <button type="submit" class="button button-secondary">{lang.t("Buka kembali", "Reopen")}</button>
                </ActionForm>
            }
        })}
        {t.can_rate.then(|| {
            let code = code_for_forms.clone();
            let chosen = rate_state.value_or("rating", "");
            let choices = [(4, "Sangat puas", "Very satisfied"), (3, "Puas", "Satisfied"), (2, "Kurang puas", "Not quite satisfied"), (1, "Tidak puas", "Not satisfied")]
                .into_iter()
                .map(|(v, id_text, en_text)| {
                    let id = format!("rating-{v}");
                    let checked = chosen == v.to_string();
                    view! {
                        <Choice radio=true id=id name="rating" value=v.to_string() checked=checked label=format!("{v} — {}", lang.t(id_text, en_text))/>
                    }
                })
                .collect_view();
            view! {
                <h2 id="nilai">{lang.t("Nilai jawaban petugas", "Rate the staff's answer")}</h2>
                <ErrorSummary error=rate_error label/>
                <ActionForm action=rate>
                    <input type="hidden" name="code" value=code/>
                    <fieldset class="field">
                        <legend>{field_label(lang, "rating")}</legend>
                        <FieldMessage error=rate_error field="rating" label=lang.t("penilaian", "rating").to_string()/>
                        <div id="rating">{choices}</div>
                    </fieldset>
                    <div class="field">
                        <label for="comment">{lang.t("Komentar (tidak wajib)", "Comment (optional)")}</label>
                        <FieldMessage error=rate_error field="comment" label=field_label(lang, "comment")/>
                        <textarea id="comment" name="comment" rows="3">{rate_state.value_or("comment", "")}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.t("Kirim penilaian", "Send the rating")}</button>
                </ActionForm>
            }
        })}
        {t.survey_open.then(|| view! {
            <section class="notice" aria-labelledby="survei-title">
                <h2 id="survei-title">{lang.t("Bagaimana pelayanan kami?", "How did we do?")}</h2>
                <p>{lang.t(
                    "Isi survei kepuasan masyarakat: sembilan pertanyaan pilihan, tanpa nama, sekitar tiga menit.",
                    "Fill in the citizen satisfaction survey: nine multiple-choice questions, anonymous, about three minutes.",
                )}</p>
                <p><a class="button button-secondary" href=format!("/lacak/{code_plain}/survei")>{lang.t("Isi survei kepuasan", "Fill in the survey")}</a></p>
            </section>
        })}
        {t.rating.map(|r| view! {
            <p><strong>{lang.t("Penilaian Anda: ", "Your rating: ")}</strong>{format!("{r}/4")}{t.rating_comment.clone().map(|c| format!(" — {c}"))}</p>
        })}
    }
}

/// `/konfirmasi/:token`: the link in the confirmation mail.
#[component]
pub fn ConfirmPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    // Keyed on the query too: after the press the same page is read again.
    let data = Resource::new(move || (token(), query.with(|q| q.get("selesai").is_some())), |(t, _)| get_confirmation(t));
    let action = ServerAction::<ConfirmEmail>::new();
    view! {
        <Title text=lang.t("Konfirmasi email", "E-mail confirmation")/>
        <div class="container narrow">
            <Loaded data=data page=move |d| match d {
                    ConfirmOutcome::Pending => view! {
                        <h1>{lang.t("Konfirmasi email Anda", "Confirm your e-mail")}</h1>
                        <p>{lang.t(
                            "Tekan tombol di bawah untuk mengonfirmasi alamat email Anda. Setelah itu laporan Anda diteruskan ke petugas.",
                            "Press the button below to confirm your e-mail address. Your report then goes to the staff.",
                        )}</p>
                        <ActionForm action>
                            <input type="hidden" name="token" value=token()/>
                            <button type="submit" class="button">{lang.t("Konfirmasi dan teruskan laporan", "Confirm and send on the report")}</button>
                        </ActionForm>
                    }.into_any(),
                    ConfirmOutcome::Confirmed { code } | ConfirmOutcome::AlreadyConfirmed { code } => {
                        let compact = code.replace('-', "");
                        view! {
                            <div class="panel-confirm">
                                <h1>{lang.t("Email terkonfirmasi", "E-mail confirmed")}</h1>
                                <p>{lang.t("Laporan Anda sudah diteruskan ke petugas.", "Your report has gone to the staff.")}</p>
                                <p class="tracking-code">{code.clone()}</p>
                            </div>
                            <p><a class="button" href=format!("/lacak/{compact}")>{lang.t("Lihat laporan", "View the report")}</a></p>
                        }.into_any()
                    }
                    ConfirmOutcome::Expired => view! {
                        <h1>{lang.t("Tautan sudah kedaluwarsa", "The link has expired")}</h1>
                        <p>{lang.t(
                            "Tautan konfirmasi berlaku 7 hari. Kirim laporan Anda sekali lagi; Anda akan menerima tautan baru.",
                            "Confirmation links last 7 days. Send your report again; you will get a new link.",
                        )}</p>
                        <p><a class="button" href="/lapor">{lang.t("Kirim laporan", "Send a report")}</a></p>
                    }.into_any(),
                    ConfirmOutcome::Unknown => {
                        #[cfg(feature = "ssr")]
                        crate::ui::set_status(404);
                        view! {
                            <h1>{lang.t("Tautan tidak dikenal", "Unknown link")}</h1>
                            <p>{lang.t(
                                "Pastikan Anda membuka tautan lengkap dari email kami.",
                                "Make sure you opened the whole link from our e-mail.",
                            )}</p>
                        }.into_any()
                    }
                }/>
        </div>
    }
}

/// `/laporan-publik`: answered reports that may be public, without personal data.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("q"), q.get("instansi"), q.get("layanan"), q.get("sebelum"))),
        |(q, u, s, before)| get_register(q, u, s, before),
    );
    view! {
        <Title text=lang.t("Tanya jawab dan laporan publik", "Public questions and answers")
            description=lang.t(
                "Pertanyaan dan pengaduan warga kepada unit layanan publik beserta jawaban petugas; data pribadi disamarkan.",
                "Citizens' questions and complaints to public service units with the staff's answers; personal data masked.",
            )/>
        <div class="container">
            <h1>{lang.t("Tanya jawab dan laporan publik", "Public questions and answers")}</h1>
            <p class="lead">{lang.t(
                "Pertanyaan dan pengaduan yang sudah dijawab, diterbitkan petugas setelah data pribadi pelapor disamarkan. Laporan yang dipilih Rahasia atau Anonim tidak ditampilkan.",
                "Questions and complaints that have been answered, published by staff once the reporters' personal data was masked. Reports marked Confidential or Anonymous are not shown.",
            )}</p>
            <Loaded data=data page=move |d| {
                    let unit_options = d.units.iter().map(|(slug, name)| {
                        let selected = d.unit.as_deref() == Some(slug.as_str());
                        view! { <option value=slug.clone() selected=selected>{name.clone()}</option> }
                    }).collect_view();
                    // A unit's services are offered once the unit is chosen (a search names it).
                    let service_field = (!d.services.is_empty()).then(|| {
                        let options = d.services.iter().map(|(id, name)| {
                            let selected = d.service == Some(*id);
                            view! { <option value=id.to_string() selected=selected>{name.clone()}</option> }
                        }).collect_view();
                        view! {
                            <div class="field">
                                <label for="layanan">{lang.t("Layanan", "Service")}</label>
                                <select id="layanan" name="layanan">
                                    <option value="">{lang.t("Semua layanan unit ini", "All of this unit's services")}</option>
                                    {options}
                                </select>
                            </div>
                        }
                    });
                    let count = d.entries.len();
                    // The same filters, starting at another place.
                    let filters = {
                        let mut f = vec![];
                        if !d.q.is_empty() { f.push(format!("q={}", crate::ui::encode_component(&d.q))); }
                        if let Some(u) = &d.unit { f.push(format!("instansi={}", crate::ui::encode_component(u))); }
                        if let Some(s) = d.service { f.push(format!("layanan={s}")); }
                        f
                    };
                    let latest_href = format!("/laporan-publik?{}", filters.join("&"));
                    let pages = view! {
                        <nav class="pager" aria-label=lang.t("Halaman daftar", "Pages of the list")>
                            {d.older.map(|id| {
                                let mut f = filters.clone();
                                f.push(format!("sebelum={id}"));
                                view! { <a rel="next" href=format!("/laporan-publik?{}", f.join("&"))>{format!("{} →", lang.t("Laporan sebelumnya", "Older reports"))}</a> }
                            })}
                            {d.paged.then(|| view! { <a href=latest_href.clone()>{format!("← {}", lang.t("Laporan terbaru", "Latest reports"))}</a> })}
                        </nav>
                    };
                    let entries = d.entries.into_iter().map(|e| {
                        let answers = e.answers.into_iter().map(|a| view! { <p class="answer">{a}</p> }).collect_view();
                        view! {
                            <article class="register-entry">
                                <p class="caption">{e.kind.label(lang)}" · "{e.unit.clone()}{e.service.clone().map(|s| format!(" · {s}"))}" · "{e.resolved.clone()}</p>
                                <h2>{e.subject.clone()}</h2>
                                <p>{e.body.clone()}</p>
                                <h3>{lang.t("Jawaban", "Answer")}</h3>
                                {answers}
                            </article>
                        }
                    }).collect_view();
                    view! {
                        <form method="get" action="/laporan-publik" class="filter-form" role="search">
                            <div class="field">
                                <label for="q">{lang.t("Kata kunci", "Keywords")}</label>
                                <input id="q" name="q" type="search" value=d.q.clone()/>
                            </div>
                            <div class="field">
                                <label for="instansi">{lang.t("Unit layanan", "Service unit")}</label>
                                <select id="instansi" name="instansi">
                                    <option value="">{lang.t("Semua unit", "All units")}</option>
                                    {unit_options}
                                </select>
                            </div>
                            {service_field}
                            <button type="submit" class="button button-secondary">{lang.t("Cari", "Search")}</button>
                        </form>
                        <p role="status">{match (lang, d.paged) {
                            _ if count == 0 => lang.t("Tidak ada laporan yang cocok.", "No report matches.").to_string(),
                            (Lang::Id, false) => format!("{count} laporan terbaru"),
                            (Lang::Id, true) => format!("{count} laporan lebih lama"),
                            (Lang::En, false) => if count == 1 { "The latest report".to_string() } else { format!("The {count} latest reports") },
                            (Lang::En, true) => if count == 1 { "1 older report".to_string() } else { format!("{count} older reports") },
                        }}</p>
                        {entries}
                        {pages}
                    }.into_any()
                }/>
        </div>
    }
}
