//! Page pieces every feature shares: the document title, the error page, a labelled choice
//! and URL encoding.
use crate::common::period::{PeriodKind, PeriodView};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
/// Sets the HTTP status of the page being rendered (for 404 and friends).
pub fn set_status(code: u16) {
    if let (Some(res), Ok(status)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(code),
    ) {
        res.set_status(status);
    }
}

/// Sets the document title with the portal's name after it, and the page's description
/// for search engines and link previews (the portal's own when the page gives none).
#[component]
pub fn Title(#[prop(into)] text: String, #[prop(optional, into)] description: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let full = format!("{text} · {}", lang.t("Portal Layanan Publik", "Public Service Portal"));
    let description = description.filter(|d| !d.trim().is_empty()).unwrap_or_else(|| {
        lang.t(
            "Kanal resmi unit layanan publik: baca standar pelayanan, sampaikan konsultasi atau pengaduan dan lacak jawabannya, serta buat janji temu di loket.",
            "The official channel of public service units: read service standards, ask a question or make a complaint and follow its answer, and book a visit to the counter.",
        )
        .to_string()
    });
    view! {
        <leptos_meta::Title text=full/>
        <leptos_meta::Meta name="description" content=description/>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::ui::set_status(404);
    view! { <div class="container"><ErrorPage error=AppError::NotFound/></div> }
}

/// A page-level error in the person's language, with the right HTTP status.
#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    let lang = use_lang();
    #[cfg(feature = "ssr")]
    crate::ui::set_status(error.status());
    let title = match error {
        AppError::NotFound => lang.t("Halaman tidak ditemukan", "Page not found"),
        AppError::Unauthenticated => lang.t("Silakan masuk", "Please sign in"),
        AppError::Forbidden => lang.t("Tidak berwenang", "Not allowed"),
        AppError::TwoStepRequired => lang.t("Aktifkan verifikasi dua langkah", "Turn on two-step sign-in"),
        _ => lang.t("Terjadi masalah", "Something went wrong"),
    };
    let sign_in = matches!(error, AppError::Unauthenticated);
    let two_step = matches!(error, AppError::TwoStepRequired);
    view! {
        <Title text=title/>
        <div class="narrow">
            <h1>{title}</h1>
            <p>{error.message(lang)}</p>
            {sign_in.then(|| view! { <p><a class="button" href="/masuk">{lang.t("Masuk", "Sign in")}</a></p> })}
            {two_step.then(|| view! { <p><a class="button" href="/akun/dua-langkah">{lang.t("Aktifkan sekarang", "Turn it on now")}</a></p> })}
            <p><a href="/">{lang.t("Kembali ke beranda", "Back to the home page")}</a></p>
        </div>
    }
}

/// A page's data and the page made of it: nothing while the data loads, the page once it is
/// here, and the one error page (with its HTTP status, in the reader's language) when it
/// could not be loaded. Every page that loads data goes through here.
#[component]
pub fn Loaded<R, T, P, V>(
    /// A resource (or any future) giving the page's data.
    data: R,
    /// The page, from its data.
    page: P,
    /// What a page says when its data does not exist (a mistyped code, say), instead of the
    /// general "page not found"; answered with 404 all the same.
    #[prop(optional, into)]
    not_found: Option<ViewFn>,
) -> impl IntoView
where
    R: std::future::IntoFuture<Output = Result<T, AppError>> + Clone + Send + Sync + 'static,
    R::IntoFuture: Send + 'static,
    T: Send + 'static,
    P: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (data, page, not_found) = (data.clone(), page.clone(), not_found.clone());
                Suspend::new(async move {
                    match (data.await, not_found) {
                        (Ok(d), _) => page(d).into_any(),
                        (Err(AppError::NotFound), Some(not_found)) => {
                            #[cfg(feature = "ssr")]
                            set_status(404);
                            not_found.run()
                        }
                        (Err(e), _) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// One checkbox (or, with `radio`, one radio button) with its label, and a hint that
/// screen readers read with it (`{id}-hint`).
#[component]
pub fn Choice(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into, default = "on".to_string())] value: String,
    #[prop(optional)] checked: bool,
    #[prop(optional)] radio: bool,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));
    let hint = hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> });
    view! {
        <div class="choice">
            <input type=if radio { "radio" } else { "checkbox" } id=id.clone() name=name value=value checked=checked
                aria-describedby=hint_id.clone()/>
            <label for=id>{label}</label>
            {hint}
        </div>
    }
}

/// How many characters the text box `field` holds against its limit, counted as one types
/// (an island: with JavaScript; without it the count of what the page was drawn with). Over
/// the limit it says by how much, and only then is it announced: every keystroke would be
/// noise. The text box stays server HTML; the count listens to its input.
#[island]
pub fn CharCount(id: String, field: String, initial: usize, max: usize, lang: Lang) -> impl IntoView {
    let count = RwSignal::new(initial);
    let listener = window_event_listener(leptos::ev::input, move |ev| {
        let from_field = event_target::<leptos::web_sys::Element>(&ev).id() == field;
        if from_field {
            count.set(event_target_value(&ev).trim().chars().count());
        }
    });
    on_cleanup(move || listener.remove());
    let over = move || count.get().saturating_sub(max);
    let is_over = Signal::derive(move || over() > 0);
    view! {
        <p class="char-count" class:char-count-over=is_over id=id>
            {move || match lang {
                Lang::Id => format!("{} dari {max} karakter", count.get()),
                Lang::En => format!("{} of {max} characters", count.get()),
            }}
            <span aria-live="polite">{move || (over() > 0).then(|| match lang {
                Lang::Id => format!(" — kelebihan {}", over()),
                Lang::En => format!(" — {} too many", over()),
            })}</span>
        </p>
    }
}

/// A table's column headings in the reader's language, each `(Indonesian, English)`; with
/// `action`, a last column for the rows' buttons whose heading only screen readers read.
#[component]
pub fn TableHead(
    lang: Lang,
    columns: &'static [(&'static str, &'static str)],
    #[prop(optional)] action: bool,
) -> impl IntoView {
    let heads = columns.iter().map(|&(id, en)| view! { <th scope="col">{lang.t(id, en)}</th> }).collect_view();
    let action = action.then(|| {
        view! { <th scope="col"><span class="visually-hidden">{lang.t("Tindakan", "Action")}</span></th> }
    });
    // Erased to one type: a page with several tables keeps its view type shallow.
    view! { <thead><tr>{heads}{action}</tr></thead> }.into_any()
}

/// Percent-encodes a URL component (query values).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Chooses the period: a kind and a day inside it, or two dates. A plain GET form, so it
/// works without JavaScript and the address can be bookmarked.
#[component]
pub fn PeriodPicker(period: PeriodView, path: String) -> impl IntoView {
    let lang = use_lang();
    let kinds = PeriodKind::ALL
        .iter()
        .map(|k| view! { <option value=k.code() selected=*k == period.kind>{k.label(lang)}</option> })
        .collect_view();
    let prev = period.previous.clone().map(|q| view! { <a href=format!("{path}?{q}") rel="prev">{lang.t("← Periode sebelumnya", "← Previous period")}</a> });
    let next = period.next.clone().map(|q| view! { <a href=format!("{path}?{q}") rel="next">{lang.t("Periode berikutnya →", "Next period →")}</a> });
    view! {
        {period.problem.clone().map(|p| view! {
            <div class="error-summary" role="alert"><h2>{lang.t("Ada masalah", "There is a problem")}</h2><p>{p}</p>
            <p>{lang.t("Yang ditampilkan: ", "Shown instead: ")}{period.label.clone()}</p></div>
        })}
        <form method="get" action=path.clone() class="period-picker">
            <div class="field">
                <label for="periode">{lang.t("Periode", "Period")}</label>
                <select id="periode" name="periode">{kinds}</select>
            </div>
            <div class="field">
                <label for="tanggal">{lang.t("Tanggal di dalam periode", "A day in the period")}</label>
                <p class="hint" id="tanggal-hint">{crate::i18n::date_hint(lang)}</p>
                <input id="tanggal" name="tanggal" type="text" inputmode="numeric" autocomplete="off" class="input-date"
                    aria-describedby="tanggal-hint" value=period.from.clone()/>
            </div>
            <fieldset class="field period-custom">
                <legend>{lang.t("Atau tanggal pilihan (pilih \"Tanggal pilihan\")", "Or chosen dates (choose \"Chosen dates\")")}</legend>
                <p class="hint" id="custom-hint">{crate::i18n::date_hint(lang)}</p>
                <label for="dari">{lang.t("Dari", "From")}</label>
                <input id="dari" name="dari" type="text" inputmode="numeric" autocomplete="off" class="input-date"
                    aria-describedby="custom-hint" value=period.typed_from.clone()/>
                <label for="sampai">{lang.t("Sampai", "To")}</label>
                <input id="sampai" name="sampai" type="text" inputmode="numeric" autocomplete="off" class="input-date"
                    aria-describedby="custom-hint" value=period.typed_to.clone()/>
            </fieldset>
            <button type="submit" class="button button-secondary">{lang.t("Tampilkan", "Show")}</button>
        </form>
        <p class="period-nav">{prev}" "{next}</p>
    }
}
