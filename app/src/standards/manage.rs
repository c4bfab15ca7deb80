//! Managers' pages: the overview of their units' services, the draft editor (with the
//! optimistic conflict check), the preview with the publish form, a new service, and the
//! unit's Maklumat Pelayanan.
use super::pages::{StandardDocument, VersionBadge};
use super::*;
use super::Component;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::forms::{current_error, field_id, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, TableHead, Title};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn id_param() -> impl Fn() -> i32 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok()).unwrap_or(0)
}

#[component]
pub fn ManageHome() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(|| (), |_| get_managed_units());
    view! {
        <Title text=lang.t("Kelola", "Manage")/>
        <div class="container">
            <RequireUser>
                <h1>{lang.t("Kelola standar pelayanan", "Manage service standards")}</h1>
                {move || query.read().get("maklumat").map(|_| view! {
                    <div class="notice notice-ok" role="status"><p>{lang.t("Maklumat Pelayanan disimpan.", "The service pledge was saved.")}</p></div>
                })}
                {move || query.read().get("laporan").map(|_| view! {
                    <div class="notice notice-ok" role="status"><p>{lang.t("Pengaturan laporan disimpan.", "The report settings were saved.")}</p></div>
                })}
                <Loaded data=data page=move |d| match d {
                        units if units.is_empty() => view! {
                            <p>{lang.t(
                                "Anda belum ditugaskan ke unit layanan mana pun. Hubungi admin.",
                                "You have not been assigned to any service unit yet. Contact an admin.",
                            )}</p>
                        }.into_any(),
                        units => units.into_iter().map(|u| view! { <ManagedUnitSection unit=u/> }).collect::<Vec<_>>().into_any(),
                    }/>
            </RequireUser>
        </div>
    }
}

#[component]
fn ManagedUnitSection(unit: ManagedUnit) -> impl IntoView {
    let lang = use_lang();
    let title_id = format!("unit-{}", unit.unit.id);
    let new_href = format!("/kelola/unit/{}/layanan-baru", unit.unit.id);
    let maklumat_href = format!("/kelola/unit/{}/maklumat", unit.unit.id);
    let rows = unit.services.into_iter().map(|s| {
        let edit_href = format!("/kelola/layanan/{}", s.id);
        let details_href = format!("/kelola/layanan/{}/keterangan", s.id);
        let preview_href = format!("/kelola/layanan/{}/pratinjau", s.id);
        let in_force = match s.in_force_no {
            Some(n) => format!("{} {n}", lang.t("Versi", "Version")),
            None => lang.t("Belum terbit", "Not published").to_string(),
        };
        let name = s.name.clone();
        view! {
            <tr>
                <th scope="row"><a href=s.public_href.clone()>{s.name.clone()}</a></th>
                <td data-label=lang.t("Berlaku", "In force")>{in_force}
                    {s.upcoming.map(|u| view! { <br/><span class="muted">{format!("{} {} · {}", lang.t("Versi", "Version"), u.no, u.effective)}</span>" "<VersionBadge state=u.state/> })}
                </td>
                <td data-label=lang.t("Draf", "Draft")>{if s.has_draft { view! { <VersionBadge state=VersionState::Draft/> }.into_any() } else { view! { <span class="muted">"—"</span> }.into_any() }}</td>
                <td data-label=lang.t("Tindakan", "Actions")>
                    {unit.can_manage.then(|| view! {
                        <a href=details_href.clone()>{lang.t("Keterangan", "Details")}
                            <span class="visually-hidden">" "{name.clone()}</span></a>" · "
                        <a href=edit_href.clone()>
                            {if s.has_draft { lang.t("Lanjutkan draf", "Continue draft") } else { lang.t("Ubah standar", "Edit standard") }}
                            <span class="visually-hidden">" "{name.clone()}</span>
                        </a>
                    })}
                    {(unit.can_manage && s.has_draft).then(|| view! {
                        " · "<a href=preview_href.clone()>{lang.t("Pratinjau & terbitkan", "Preview & publish")}
                            <span class="visually-hidden">" "{name.clone()}</span></a>
                    })}
                </td>
            </tr>
        }
    }).collect::<Vec<_>>();
    view! {
        <section class="managed-unit" aria-labelledby=title_id.clone()>
            <h2 id=title_id.clone()>{unit.unit.name.clone()}<span class="muted">" · "{unit.unit.zone.clone()}</span></h2>
            {unit.can_manage.then(|| view! {
                <p class="actions-row">
                    <a class="button button-secondary" href=new_href>{lang.t("Tambah layanan", "Add a service")}</a>
                    <a class="button button-secondary" href=maklumat_href>{lang.t("Maklumat Pelayanan", "Service pledge")}</a>
                    <a class="button button-secondary" href=format!("/kelola/unit/{}/laporan", unit.unit.id)>{lang.t("Pengaturan laporan", "Report settings")}</a>
                    <a class="button button-secondary" href=format!("/kelola/unit/{}/jadwal", unit.unit.id)>{lang.t("Jadwal dan petugas", "Roster and staff")}</a>
                    <a class="button button-secondary" href=format!("/kelola/unit/{}/janji", unit.unit.id)>{lang.t("Janji temu dan ruang", "Appointments and rooms")}</a>
                    <a class="button" href=format!("/kelola/unit/{}/kinerja", unit.unit.id)>{lang.t("Kinerja dan kepuasan", "Performance and satisfaction")}</a>
                </p>
            })}
            <div class="table-wrap">
                <table class="stack-table">
                    <TableHead lang columns=&[("Layanan", "Service"), ("Berlaku", "In force"), ("Draf", "Draft"), ("Tindakan", "Actions")]/>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

fn draft_label(lang: Lang, field: &str) -> String {
    if field == "change_note" {
        return lang.t("Ringkasan perubahan", "Summary of changes").into();
    }
    field
        .strip_prefix("c[")
        .and_then(|k| k.strip_suffix(']'))
        .and_then(Component::from_key)
        .map(|c| c.title(lang).to_string())
        .unwrap_or_else(|| field.to_string())
}

#[component]
pub fn EditDraftPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let data = Resource::new(id, get_edit_data);
    view! {
        <Title text=lang.t("Ubah standar pelayanan", "Edit service standard")/>
        <div class="container">
            <RequireUser>
                <Loaded data=data page=move |d| view! { <DraftForm data=d/> }.into_any()/>
            </RequireUser>
        </div>
    }
}

#[component]
fn DraftForm(data: EditData) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveDraft>::new();
    let state = FormState::from_flash(data.flash.clone(), "draft");
    let flash_error = state.error.clone().filter(|e| *e != AppError::Conflict);
    let error = {
        let value = action.value();
        Signal::derive(move || match value.get() {
            Some(Err(e)) => Some(e),
            Some(Ok(_)) => None,
            None => flash_error.clone(),
        })
    };
    let first_conflict = data.conflict.clone();
    let conflict = {
        let value = action.value();
        Signal::derive(move || match value.get() {
            Some(Ok(SaveDraftOutcome::Conflict(c))) => Some(c),
            Some(_) => None,
            None => first_conflict.clone(),
        })
    };
    let base_revision = data.revision;
    let revision = move || conflict.get().map(|c| c.revision).unwrap_or(base_revision).to_string();
    let based_on = data.based_on.map(|n| match lang {
        Lang::Id => format!("Draf baru ini dimulai dari versi {n} yang sedang berlaku."),
        Lang::En => format!("This new draft starts from version {n}, the one in force."),
    });
    let saved = data.last_saved.clone().map(|s| match lang {
        Lang::Id => format!("Draf terakhir disimpan {s}."),
        Lang::En => format!("Draft last saved {s}."),
    });
    let conflict_box = move || conflict.get().map(|c| {
        let text = if c.revision == 0 {
            lang.t(
                "Draf yang Anda buka sudah diterbitkan oleh orang lain. Teks Anda belum disimpan dan masih ada di formulir. Simpan lagi untuk membuat draf baru dari teks Anda.",
                "The draft you opened has been published by someone else. Your text is not saved yet and is still in the form. Save again to start a new draft from it.",
            ).to_string()
        } else {
            match lang {
                Lang::Id => format!("{} menyimpan draf ini pada {} setelah Anda membukanya. Teks Anda belum disimpan dan masih ada di formulir. Teks mereka ditampilkan di bawah setiap komponen yang berbeda; gabungkan, lalu simpan lagi.", c.saved_by, c.saved_at),
                Lang::En => format!("{} saved this draft at {} after you opened it. Your text is not saved yet and is still in the form. Their text is shown under each component that differs; combine them, then save again.", c.saved_by, c.saved_at),
            }
        };
        view! {
            <div class="notice notice-warn" role="alert">
                <h2>{lang.t("Draf diubah orang lain", "The draft was changed by someone else")}</h2>
                <p>{text}</p>
            </div>
        }
    });
    let groups = [Group::Delivery, Group::Management].map(|g| {
        let fields = data.texts.iter().filter(|(c, _)| c.group() == g).map(|(c, stored)| {
            let c = *c;
            let name = c.field();
            let id = field_id(&name);
            let hint_id = format!("{id}-hint");
            let parts = (c == Component::Persyaratan).then(|| crate::standards::requirements::Requirements::split(stored));
            let value = state.value_or(&name, parts.as_ref().map_or(stored.as_str(), |r| r.documents.as_str()));
            let label = match c {
                Component::Persyaratan => format!("{}. {}: {}", c.number(), c.title(lang), lang.t("dokumen yang dibawa", "documents to bring")),
                _ => format!("{}. {}", c.number(), c.title(lang)),
            };
            let conditions = parts.map(|r| {
                let name = format!("c[{}]", Component::CONDITIONS_KEY);
                let id = field_id(&name);
                let hint_id = format!("{id}-hint");
                let value = state.value_or(&name, &r.conditions);
                view! {
                    <div class="field">
                        <label for=id.clone()>{format!("{}. {}: {}", c.number(), c.title(lang), lang.t("syarat yang harus dipenuhi (tidak wajib)", "conditions to meet (optional)"))}</label>
                        <p class="hint" id=hint_id.clone()>{lang.t(
                            "Syarat yang bukan dokumen, satu per baris, misalnya \"Berusia 17 tahun atau sudah menikah\". Warga membacanya terpisah dari yang perlu dibawa, juga di surel dan kalender janji temu.",
                            "Conditions that are not documents, one per line, for example \"Aged 17 or married\". Citizens read them apart from what to bring, also in the appointment mail and calendar.",
                        )}</p>
                        <textarea id=id name=name rows="3" aria-describedby=hint_id>{value}</textarea>
                    </div>
                }
            });
            let invalid = has_error(&error, &name);
            let theirs = move || conflict.get().and_then(|cf| {
                cf.theirs.iter().find(|(tc, _)| *tc == c).map(|(_, text)| {
                    let by = cf.saved_by.clone();
                    view! {
                        <details class="theirs" open>
                            <summary>{match lang { Lang::Id => format!("Teks yang disimpan {by}"), Lang::En => format!("Text saved by {by}") }}</summary>
                            <pre>{text.clone()}</pre>
                        </details>
                    }
                })
            });
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{label}</label>
                    <p class="hint" id=hint_id.clone()>{c.hint(lang)}</p>
                    <FieldMessage error field=name.clone() label=c.title(lang).to_string()/>
                    <textarea id=id name=name rows="6" aria-describedby=hint_id
                        aria-invalid=move || invalid.get().to_string()>{value}</textarea>
                    {theirs}
                </div>
                {conditions}
            }
        }).collect::<Vec<_>>();
        view! {
            <fieldset class="component-fieldset">
                <legend>{g.title(lang)}</legend>
                {fields}
            </fieldset>
        }
    });
    let note_value = state.value_or("change_note", &data.change_note);
    view! {
        <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb">
            <a href="/kelola">{lang.t("Kelola", "Manage")}</a>" › "{data.unit_name.clone()}
        </nav>
        <h1>{data.service_name.clone()}</h1>
        <p class="lead">{lang.t(
            "Ubah draf standar pelayanan. Semua 14 komponen wajib diisi. Teks boleh memakai format sederhana: baris diawali \"- \" menjadi daftar, \"1. \" menjadi langkah bernomor, **tebal**.",
            "Edit the draft of the service standard. All 14 components are required. Simple formatting works: lines starting with \"- \" become a list, \"1. \" numbered steps, **bold**.",
        )}</p>
        {based_on.map(|t| view! { <p>{t}</p> })}
        {saved.map(|t| view! { <p class="muted">{t}</p> })}
        <p><a href=data.public_href.clone()>{lang.t("Lihat halaman publik saat ini", "See the current public page")}</a></p>
        {conflict_box}
        <ErrorSummary error label=draft_label/>
        <ActionForm action>
            <input type="hidden" name="service_id" value=data.service_id/>
            <input type="hidden" name="revision" value=revision/>
            {groups}
            <div class="field">
                <label for="change_note">{lang.t("Ringkasan perubahan (tidak wajib)", "Summary of changes (optional)")}</label>
                <p class="hint" id="change_note-hint">{lang.t(
                    "Satu atau dua kalimat untuk warga, misalnya \"Persyaratan surat pengantar RT dihapus\".",
                    "One or two sentences for citizens, for example \"The neighbourhood letter is no longer required\".",
                )}</p>
                <FieldMessage error field="change_note" label=draft_label(lang, "change_note")/>
                <textarea id="change_note" name="change_note" rows="2" aria-describedby="change_note-hint">{note_value}</textarea>
            </div>
            <button type="submit" class="button">{lang.t("Simpan draf dan pratinjau", "Save draft and preview")}</button>
        </ActionForm>
    }
}

fn publish_label(lang: Lang, field: &str) -> String {
    match field {
        "tanggal" => lang.t("Tanggal berlaku", "Date it takes effect").into(),
        "jam" => lang.t("Jam berlaku", "Time it takes effect").into(),
        other => other.into(),
    }
}

#[component]
pub fn PreviewPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let data = Resource::new(id, get_preview);
    view! {
        <Title text=lang.t("Pratinjau standar pelayanan", "Preview service standard")/>
        <div class="container">
            <RequireUser>
                <Loaded
                    data
                    page=|d| view! { <PreviewBody data=d/> }
                    not_found=move || view! {
                        <h1>{lang.t("Tidak ada draf", "No draft")}</h1>
                        <p>{lang.t("Layanan ini tidak punya draf untuk diterbitkan.", "This service has no draft to publish.")}</p>
                        <p><a href="/kelola">{lang.t("Kembali ke Kelola", "Back to Manage")}</a></p>
                    }
                />
            </RequireUser>
        </div>
    }
}

#[component]
fn PreviewBody(data: PreviewData) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<PublishDraft>::new();
    let state = FormState::from_flash(data.flash.clone(), "publish");
    let error = current_error(action.value(), state.error.clone());
    let edit_href = format!("/kelola/layanan/{}", data.service_id);
    let later = state.values.get("kapan").map(|k| k == "nanti").unwrap_or(false);
    let date = state.value_or("tanggal", &data.default_date);
    let time = state.value_or("jam", &data.default_time);
    let zone = data.zone.clone();
    let conflict = move || matches!(error.get(), Some(AppError::Conflict)).then(|| view! {
        <div class="notice notice-warn" role="alert">
            <p>{lang.t(
                "Draf diubah atau diterbitkan orang lain sejak halaman ini dibuka. Muat ulang pratinjau untuk melihat versi terbarunya.",
                "The draft was changed or published by someone else since this page was opened. Reload the preview to see its latest text.",
            )}</p>
        </div>
    });
    view! {
        <div class="preview-banner" role="note">
            <strong>{lang.t("Pratinjau", "Preview")}</strong>" — "
            {lang.t("beginilah warga akan melihat standar ini setelah terbit.", "this is how citizens will see the standard once published.")}
            " "<a href=edit_href.clone()>{lang.t("Ubah draf", "Edit the draft")}</a>
        </div>
        <div class="preview-frame">
            <StandardDocument view=data.view.clone() published_notice=false preview=true/>
        </div>
        <section class="publish-box" aria-labelledby="publish-title">
            <h2 id="publish-title">{lang.t("Terbitkan", "Publish")}</h2>
            {conflict}
            <ErrorSummary error label=publish_label/>
            <ActionForm action>
                <input type="hidden" name="service_id" value=data.service_id/>
                <input type="hidden" name="revision" value=data.revision/>
                <fieldset>
                    <legend>{lang.t("Kapan versi ini berlaku?", "When does this version take effect?")}</legend>
                    <div class="radio">
                        <input type="radio" id="kapan-sekarang" name="kapan" value="sekarang" checked=!later/>
                        <label for="kapan-sekarang">{lang.t("Segera setelah terbit", "As soon as it is published")}</label>
                    </div>
                    <div class="radio">
                        <input type="radio" id="kapan-nanti" name="kapan" value="nanti" checked=later/>
                        <label for="kapan-nanti">{lang.t("Pada tanggal dan jam berikut", "On this date and time")}</label>
                    </div>
                    <div class="field inline-fields">
                        <div>
                            <label for="tanggal">{publish_label(lang, "tanggal")}</label>
                            <p class="hint" id="tanggal-hint">{crate::i18n::date_hint(lang)}</p>
                            <FieldMessage error field="tanggal" label=publish_label(lang, "tanggal")/>
                            <input id="tanggal" name="tanggal" type="text" inputmode="numeric" autocomplete="off"
                                aria-describedby="tanggal-hint" value=date class="input-date"/>
                        </div>
                        <div>
                            <label for="jam">{publish_label(lang, "jam")}" ("{zone.clone()}")"</label>
                            <p class="hint" id="jam-hint">{crate::i18n::time_hint(lang)}</p>
                            <FieldMessage error field="jam" label=publish_label(lang, "jam")/>
                            <input id="jam" name="jam" type="text" inputmode="numeric" autocomplete="off"
                                aria-describedby="jam-hint" value=time class="input-time"/>
                        </div>
                    </div>
                </fieldset>
                <button type="submit" class="button">{lang.t("Terbitkan versi ini", "Publish this version")}</button>
            </ActionForm>
        </section>
    }
}

fn service_label(lang: Lang, field: &str) -> String {
    match field {
        "name" => lang.t("Nama layanan", "Service name").into(),
        "slug" => lang.t("Alamat halaman", "Page address").into(),
        "summary" => lang.t("Ringkasan", "Summary").into(),
        "keywords" => lang.t("Kata kunci", "Keywords").into(),
        "summary_en" => lang.t("Ringkasan dalam bahasa Inggris", "Summary in English").into(),
        "keywords_en" => lang.t("Kata kunci dalam bahasa Inggris", "Keywords in English").into(),
        other => other.into(),
    }
}

#[component]
pub fn NewServicePage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let flash = Resource::new(|| (), |_| take_flash());
    let action = ServerAction::<CreateService>::new();
    view! {
        <Title text=lang.t("Tambah layanan", "Add a service")/>
        <div class="container narrow">
            <RequireUser>
                <h1>{lang.t("Tambah layanan", "Add a service")}</h1>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let state = FormState::from_flash(flash.await.ok().flatten(), &format!("service-{}", id()));
                        let error = current_error(action.value(), state.error.clone());
                        view! {
                            <ErrorSummary error label=service_label/>
                            <ActionForm action>
                                <input type="hidden" name="unit_id" value=id()/>
                                <ServiceFields error state new=true/>
                                <button type="submit" class="button">{lang.t("Tambah dan isi standar", "Add and write the standard")}</button>
                            </ActionForm>
                        }
                    })}
                </Suspense>
            </RequireUser>
        </div>
    }
}

/// The texts of a service, for adding one and for changing one: its name, its address (only
/// when adding), its summary and search words, and the same in English for English readers.
#[component]
fn ServiceFields(error: Signal<Option<AppError>>, state: FormState, new: bool) -> impl IntoView {
    let lang = use_lang();
    let field = move |name: &'static str, hint: &'static str, value: String, en: bool| {
        let label = service_label(lang, name);
        let hint_id = format!("{name}-hint");
        let invalid = has_error(&error, name);
        view! {
            <div class="field" class:field-invalid=invalid>
                <label for=name>{label.clone()}</label>
                <p class="hint" id=hint_id.clone()>{hint}</p>
                <FieldMessage error field=name label=label/>
                <input id=name name=name type="text" value=value aria-describedby=format!("{hint_id} {name}-error")
                    lang=en.then_some("en") aria-invalid=move || invalid.get().to_string()/>
            </div>
        }
    };
    view! {
        {field("name", lang.t("Seperti yang dikenal warga, misalnya Akta Kelahiran.", "As citizens know it, for example Akta Kelahiran."), state.value_or("name", ""), false)}
        {new.then(|| field("slug", lang.t("Huruf kecil dan tanda hubung, misalnya akta-kelahiran. Tidak dapat diubah.", "Lower-case letters and hyphens, like akta-kelahiran. Cannot be changed later."), state.value_or("slug", ""), false))}
        {field("summary", lang.t("Satu kalimat tentang layanan ini.", "One sentence about this service."), state.value_or("summary", ""), false)}
        {field("keywords", lang.t("Kata lain yang dipakai warga untuk mencari (tidak wajib).", "Other words citizens search with (optional)."), state.value_or("keywords", ""), false)}
        <fieldset class="fieldset">
            <legend>{lang.t("Untuk pembaca halaman bahasa Inggris (tidak wajib)", "For readers of the English pages (optional)")}</legend>
            <p class="hint">{lang.t(
                "Standar pelayanan tetap dalam bahasa Indonesia. Ringkasan dan kata kunci bahasa Inggris membuat layanan ini ditemukan dan dipahami oleh pencari berbahasa Inggris.",
                "The service standard stays in Indonesian. An English summary and keywords let people who search in English find and understand this service.",
            )}</p>
            {field("summary_en", lang.t("Misalnya: Issuing birth certificates for children born in the city.", "For example: Issuing birth certificates for children born in the city."), state.value_or("summary_en", ""), true)}
            {field("keywords_en", lang.t("Misalnya: birth certificate, newborn, baby.", "For example: birth certificate, newborn, baby."), state.value_or("keywords_en", ""), true)}
        </fieldset>
    }
}

/// `/kelola/layanan/:id/keterangan`: a service's name, summary and search words, in both
/// languages.
#[component]
pub fn ServiceDetailsPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let query = use_query_map();
    let data = Resource::new(id, get_service_details);
    let action = ServerAction::<SaveServiceDetails>::new();
    view! {
        <Title text=lang.t("Keterangan layanan", "Service details")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data=data page=move |d| {
                    let state = FormState::from_flash(d.flash.clone(), &format!("service-details-{}", d.service_id));
                    let state = FormState { values: d.values.clone().into_iter().chain(state.values).collect(), error: state.error };
                    let error = current_error(action.value(), state.error.clone());
                    let saved = query.with_untracked(|q| q.get("ok").is_some());
                    view! {
                        <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb">
                            <a href="/kelola">{lang.t("Kelola", "Manage")}</a>" › "{d.unit_name.clone()}
                        </nav>
                        <h1>{lang.t("Keterangan layanan", "Service details")}</h1>
                        <p class="muted">{lang.t("Alamat halaman: ", "Page address: ")}<a href=d.public_href.clone()>{d.public_href.clone()}</a></p>
                        {saved.then(|| view! {
                            <div class="notice notice-ok" role="status"><p>{lang.t("Keterangan layanan disimpan.", "The service details were saved.")}</p></div>
                        })}
                        <ErrorSummary error label=service_label/>
                        <ActionForm action>
                            <input type="hidden" name="service_id" value=d.service_id/>
                            <ServiceFields error state new=false/>
                            <button type="submit" class="button">{lang.t("Simpan", "Save")}</button>
                        </ActionForm>
                    }.into_any()
                }/>
            </RequireUser>
        </div>
    }
}

#[component]
pub fn MaklumatPage() -> impl IntoView {
    let lang = use_lang();
    let id = id_param();
    let data = Resource::new(id, get_maklumat);
    let action = ServerAction::<SaveMaklumat>::new();
    let label = |lang: Lang, _: &str| lang.t("Maklumat Pelayanan", "Service pledge").to_string();
    view! {
        <Title text=lang.t("Maklumat Pelayanan", "Service pledge")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data=data page=move |d| {
                        let state = FormState::from_flash(d.flash.clone(), "maklumat");
                        let error = current_error(action.value(), state.error.clone());
                        view! {
                            <h1>{lang.t("Maklumat Pelayanan", "Service pledge")}</h1>
                            <p class="lead">{d.unit_name.clone()}</p>
                            <p>{lang.t(
                                "Pernyataan janji unit untuk melayani sesuai standar. Tampil di halaman unit dan setiap standar pelayanan.",
                                "The unit's signed promise to serve according to its standards. Shown on the unit page and on every standard.",
                            )}</p>
                            <ErrorSummary error label/>
                            <ActionForm action>
                                <input type="hidden" name="unit_id" value=d.unit_id/>
                                <div class="field">
                                    <label for="maklumat">{lang.t("Teks maklumat", "Text of the pledge")}</label>
                                    <FieldMessage error field="maklumat" label=label(lang, "")/>
                                    <textarea id="maklumat" name="maklumat" rows="10">{state.value_or("maklumat", &d.text)}</textarea>
                                </div>
                                <button type="submit" class="button">{lang.t("Simpan", "Save")}</button>
                            </ActionForm>
                        }.into_any()
                    }/>
            </RequireUser>
        </div>
    }
}
