//! The survey a citizen fills in, and the results a unit publishes.
use super::api::{get_public_results, get_survey, SubmitSurvey, SurveyPage};
use super::{IndexView, SurveyState, EDUCATIONS, ELEMENTS, GENDERS, OCCUPATIONS, SUGGESTION_MAX};
use crate::forms::{current_error, field_id, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Choice, Loaded, Title};
use crate::common::period::PeriodQuery;
use crate::ui::PeriodPicker;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

fn field_label(lang: Lang, field: &str) -> String {
    if let Some(e) = ELEMENTS.iter().find(|e| e.code == field) {
        return format!("{} ({})", e.code.to_uppercase(), e.name(lang));
    }
    match field {
        "age" => lang.t("Umur", "Age"),
        "gender" => lang.t("Jenis kelamin", "Sex"),
        "education" => lang.t("Pendidikan", "Education"),
        "occupation" => lang.t("Pekerjaan", "Occupation"),
        "suggestion" => lang.t("Saran", "Suggestion"),
        _ => field,
    }
    .to_string()
}

/// `/survei/:token`: the nine questions, the optional details, and a suggestion.
#[component]
pub fn SurveyFormPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let submit = ServerAction::<SubmitSurvey>::new();
    // Reached by the mailed link (`/survei/:token`) or from a report's page
    // (`/lacak/:code/survei`).
    let key = move || params.with(|p| (p.get("token"), p.get("code")));
    let data = Resource::new(move || (key(), submit.version().get()), |((t, c), _)| get_survey(t, c));
    view! {
        <Title text=lang.t("Survei kepuasan masyarakat", "Citizen satisfaction survey")/>
        <div class="container narrow">
            <Loaded data=data page=move |page| {
                    let sent = query.with(|q| q.get("terkirim").is_some());
                    let (token, code) = key();
                    view! { <SurveyBody page sent token code submit/> }.into_any()
                }/>
        </div>
    }
}

#[component]
fn SurveyBody(page: SurveyPage, sent: bool, token: Option<String>, code: Option<String>, submit: ServerAction<SubmitSurvey>) -> impl IntoView {
    let lang = use_lang();
    match page.state {
        SurveyState::Used if sent => view! {
            <div class="panel-confirmation" role="status">
                <h1>{lang.t("Terima kasih", "Thank you")}</h1>
                <p>{lang.t("Jawaban Anda sudah kami terima. Hasil survei diumumkan di halaman unit layanan.", "We have your answers. The survey results are published on the service unit's page.")}</p>
            </div>
            <p><a href="/">{lang.t("Kembali ke beranda", "Back to the home page")}</a></p>
        }
        .into_any(),
        SurveyState::Used => view! {
            <h1>{lang.t("Survei ini sudah diisi", "This survey was already filled in")}</h1>
            <p>{lang.t("Setiap tautan survei hanya dapat dipakai sekali. Terima kasih atas jawaban Anda.", "Each survey link works once. Thank you for your answers.")}</p>
            <p><a href="/">{lang.t("Kembali ke beranda", "Back to the home page")}</a></p>
        }
        .into_any(),
        SurveyState::NotYet => view! {
            <h1>{lang.t("Survei belum dibuka", "The survey is not open yet")}</h1>
            <p>{lang.t("Survei kepuasan dapat diisi setelah laporan Anda selesai ditangani.", "The satisfaction survey opens once your report is resolved.")}</p>
            {code.clone().map(|c| view! { <p><a href=format!("/lacak/{c}")>{lang.t("Kembali ke laporan Anda", "Back to your report")}</a></p> })}
        }
        .into_any(),
        SurveyState::Expired => view! {
            <h1>{lang.t("Tautan survei sudah kedaluwarsa", "The survey link has expired")}</h1>
            <p>{lang.t("Tautan survei berlaku 30 hari. Anda tetap dapat menyampaikan saran melalui formulir laporan.", "Survey links last 30 days. You can still send a suggestion through the report form.")}</p>
            <p><a class="button" href="/lapor">{lang.t("Kirim saran", "Send a suggestion")}</a></p>
        }
        .into_any(),
        SurveyState::Unknown => view! {
            <h1>{lang.t("Tautan survei tidak dikenal", "Unknown survey link")}</h1>
            <p>{lang.t("Periksa apakah tautan dari email tersalin utuh.", "Check that the link from the e-mail was copied whole.")}</p>
        }
        .into_any(),
        SurveyState::Open { unit_name, service_name, visit, expires } => {
            let form = FormState::from_flash(page.flash, "survey");
            let error = current_error(submit.value(), form.error.clone());
            let questions = ELEMENTS
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let chosen = form.value_or(e.code, "");
                    let invalid = has_error(&error, e.code);
                    let options = (1..=4)
                        .map(|score| {
                            let id = if score == 1 { field_id(e.code) } else { format!("{}-{score}", e.code) };
                            let checked = chosen == score.to_string();
                            view! { <Choice radio=true id=id name=e.code value=score.to_string() checked=checked label=e.answer(lang, score)/> }
                        })
                        .collect_view();
                    view! {
                        <fieldset class="field survey-question" class:field-invalid=invalid aria-describedby=format!("{}-error", e.code)>
                            <legend>
                                <span class="caption">{format!("{} {} {}", lang.t("Pertanyaan", "Question"), i + 1, lang.t("dari 9", "of 9"))}" · "{e.name(lang)}</span>
                                <span class="survey-text">{e.question(lang)}</span>
                            </legend>
                            <FieldMessage error field=e.code label=field_label(lang, e.code)/>
                            {options}
                        </fieldset>
                    }
                })
                .collect_view();
            let select = move |name: &'static str, options: &'static [(&'static str, &'static str, &'static str)], chosen: String| {
                let opts = options
                    .iter()
                    .map(|(code, id, en)| view! { <option value=*code selected=chosen == *code>{lang.t(id, en)}</option> })
                    .collect_view();
                let invalid = has_error(&error, name);
                view! {
                    <div class="field" class:field-invalid=invalid>
                        <label for=name>{field_label(lang, name)}</label>
                        <FieldMessage error field=name label=field_label(lang, name)/>
                        <select id=name name=name>
                            <option value="">{lang.t("Tidak ingin menjawab", "Prefer not to say")}</option>
                            {opts}
                        </select>
                    </div>
                }
            };
            let about = match (service_name, visit) {
                (Some(s), true) => format!("{}: {s} — {unit_name}", lang.t("Kunjungan", "Visit")),
                (Some(s), false) => format!("{}: {s} — {unit_name}", lang.t("Laporan", "Report")),
                (None, _) => unit_name,
            };
            let age_invalid = has_error(&error, "age");
            view! {
                <h1>{lang.t("Survei kepuasan masyarakat", "Citizen satisfaction survey")}</h1>
                <p class="lead">{about}</p>
                <p>{lang.t(
                    "Sembilan pertanyaan pilihan tentang pelayanan yang Anda terima. Jawaban Anda tanpa nama: petugas tidak dapat melihat siapa yang menjawab.",
                    "Nine multiple-choice questions about the service you received. Your answers are anonymous: staff cannot see who answered.",
                )}</p>
                <p class="hint">{match lang {
                    Lang::Id => format!("Tautan ini berlaku sekali, sampai {expires}."),
                    Lang::En => format!("This link works once, until {expires}."),
                }}</p>
                <ErrorSummary error label=field_label/>
                <ActionForm action=submit attr:novalidate=true>
                    {token.map(|t| view! { <input type="hidden" name="token" value=t/> })}
                    {code.map(|c| view! { <input type="hidden" name="laporan" value=c/> })}
                    {questions}
                    <h2>{lang.t("Tentang Anda (tidak wajib)", "About you (optional)")}</h2>
                    <p class="hint">{lang.t("Untuk melihat apakah semua kelompok masyarakat terlayani dengan baik.", "To see whether every group of people is served well.")}</p>
                    <div class="field" class:field-invalid=age_invalid>
                        <label for="age">{lang.t("Umur (tahun)", "Age (years)")}</label>
                        <FieldMessage error field="age" label=field_label(lang, "age")/>
                        <input id="age" name="age" type="text" inputmode="numeric" class="input-short" autocomplete="off"
                            value=form.value_or("age", "")/>
                    </div>
                    {select("gender", &GENDERS, form.value_or("gender", ""))}
                    {select("education", &EDUCATIONS, form.value_or("education", ""))}
                    {select("occupation", &OCCUPATIONS, form.value_or("occupation", ""))}
                    <div class="field" class:field-invalid=has_error(&error, "suggestion")>
                        <label for="suggestion">{lang.t("Saran untuk perbaikan pelayanan (tidak wajib)", "A suggestion to improve the service (optional)")}</label>
                        <p class="hint">{match lang {
                            Lang::Id => format!("Paling banyak {SUGGESTION_MAX} karakter. Jangan tulis nama atau nomor identitas."),
                            Lang::En => format!("At most {SUGGESTION_MAX} characters. Do not write names or ID numbers."),
                        }}</p>
                        <FieldMessage error field="suggestion" label=field_label(lang, "suggestion")/>
                        <textarea id="suggestion" name="suggestion" rows="4">{form.value_or("suggestion", "")}</textarea>
                    </div>
                    <button type="submit" class="button">{lang.t("Kirim jawaban", "Send the answers")}</button>
                </ActionForm>
            }
            .into_any()
        }
    }
}

/// The index, its grade and the score of each element.
#[component]
pub fn IndexBlock(index: IndexView, #[prop(default = true)] elements: bool) -> impl IntoView {
    let lang = use_lang();
    let grade_class = format!("grade grade-{}", index.grade.letter().to_lowercase());
    let rows = index
        .elements
        .iter()
        .map(|(code, name, nrr)| view! { <tr><th scope="row">{code.to_uppercase()}</th><td>{name.clone()}</td><td class="num">{nrr.clone()}</td></tr> })
        .collect_view();
    view! {
        <div class="ikm-summary">
            <p class="ikm-score"><span class="ikm-value">{index.converted.clone()}</span>
                <span class=grade_class>{format!("{} {} — {}", lang.t("Mutu", "Grade"), index.grade.letter(), index.grade.label(lang))}</span></p>
            <p>{match lang {
                Lang::Id => format!("Indeks kepuasan masyarakat (IKM) dari {} responden. Nilai IKM {} pada skala 1–4, dikali 25.", index.respondents, index.ikm),
                Lang::En => format!("Citizen satisfaction index (IKM) from {} respondents. IKM {} on the 1–4 scale, times 25.", index.respondents, index.ikm),
            }}</p>
        </div>
        {elements.then(|| view! {
        <div class="table-wrap">
            <table class="data-table">
                <caption>{lang.t("Nilai rata-rata per unsur (NRR, skala 1–4)", "Average score per element (NRR, 1–4)")}</caption>
                <thead><tr><th scope="col">{lang.t("Unsur", "Element")}</th><th scope="col">{lang.t("Nama", "Name")}</th><th scope="col" class="num">"NRR"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        })}
    }
}

/// `/layanan/:unit/ikm`: a unit's published survey results for a chosen period.
#[component]
pub fn PublicResultsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("unit").unwrap_or_default()), query.with(PeriodQuery::from_map)),
        |(u, q)| get_public_results(u, q.periode, q.tanggal, q.dari, q.sampai),
    );
    view! {
        <div class="container">
            <Loaded data=data page=move |r| {
                    let path = format!("/layanan/{}/ikm", r.unit_slug);
                    view! {
                        <Title text=format!("{} — {}", lang.t("Survei kepuasan", "Satisfaction survey"), r.unit_name)/>
                        <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb">
                            <a href="/">{lang.t("Beranda", "Home")}</a>" › "
                            <a href=format!("/layanan/{}", r.unit_slug)>{r.unit_name.clone()}</a>
                        </nav>
                        <h1>{lang.t("Hasil survei kepuasan masyarakat", "Citizen satisfaction survey results")}</h1>
                        <p class="lead">{r.unit_name.clone()}" · "{r.period.label.clone()}</p>
                        <PeriodPicker period=r.period.clone() path=path/>
                        {match r.index {
                            Some(index) => view! { <IndexBlock index/> }.into_any(),
                            None => view! { <p class="notice">{lang.t("Belum ada jawaban survei pada periode ini.", "No survey answers in this period yet.")}</p> }.into_any(),
                        }}
                        <p class="hint">{lang.t(
                            "Dihitung menurut PermenPANRB 14/2017: NRR tiap unsur = jumlah nilai ÷ jumlah responden; IKM = jumlah NRR × 1/9; nilai konversi = IKM × 25. Mutu A 88,31–100; B 76,61–88,30; C 65,00–76,60; D 25,00–64,99.",
                            "Computed as PermenPANRB 14/2017 sets out: each element's NRR = sum of scores ÷ respondents; IKM = sum of NRR × 1/9; converted = IKM × 25. Grade A 88.31–100; B 76.61–88.30; C 65.00–76.60; D 25.00–64.99.",
                        )}</p>
                    }
                    .into_any()
                }/>
        </div>
    }
}

/// The current year's index on a unit's public page, with a link to the full results.
#[component]
pub fn IndexOnUnitPage(slug: String) -> impl IntoView {
    let lang = use_lang();
    let s = slug.clone();
    let data = Resource::new(move || s.clone(), |u| get_public_results(u, None, None, None, None));
    view! {
        <section aria-labelledby="ikm-title" class="ikm-section">
            <h2 id="ikm-title">{lang.t("Kepuasan masyarakat", "Citizen satisfaction")}</h2>
            <Suspense fallback=|| ()>
                {move || {
                    let link = format!("/layanan/{slug}/ikm");
                    Suspend::new(async move {
                    match data.await {
                        Ok(r) => match r.index {
                            Some(i) => view! {
                                <p class="ikm-score"><span class="ikm-value">{i.converted.clone()}</span>
                                    <span class=format!("grade grade-{}", i.grade.letter().to_lowercase())>{format!("{} {} — {}", lang.t("Mutu", "Grade"), i.grade.letter(), i.grade.label(lang))}</span></p>
                                <p>{match lang {
                                    Lang::Id => format!("{}, dari {} responden.", r.period.label, i.respondents),
                                    Lang::En => format!("{}, from {} respondents.", r.period.label, i.respondents),
                                }}" "<a href=link>{lang.t("Lihat rincian per unsur", "See the score per element")}</a></p>
                            }.into_any(),
                            None => view! {
                                <p>{lang.t("Belum ada jawaban survei tahun ini.", "No survey answers this year yet.")}" "<a href=link>{lang.t("Periode lain", "Other periods")}</a></p>
                            }.into_any(),
                        },
                        Err(_) => ().into_any(),
                    }
                })}}
            </Suspense>
        </section>
    }
}
