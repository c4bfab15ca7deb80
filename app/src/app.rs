//! The application shell: the document, header with navigation and language choice, footer,
//! and the route table: each feature's group of pages.
use crate::auth::{get_current_user, LogoutButton, UserResource};
use crate::ui::NotFound;
use crate::i18n::{detect_lang, use_lang, Lang};
use leptos::prelude::*;
use leptos_meta::provide_meta_context;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_router::{
    components::{Router, Routes},
    hooks::use_location,
};

/// The document around every page (server only: the browser never renders it).
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    crate::ssr::csp::set_for_page();
    let addresses = address_links(lang);
    let assets = crate::ssr::state()
        .map(|s| s.assets)
        .unwrap_or_else(|_| std::sync::Arc::new(crate::ssr::assets::Assets::plain(&options.site_pkg_dir, &options.output_name)));
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" id="leptos" href=assets.css.clone()/>
                <link rel="alternate" type="application/atom+xml" href="/feed.atom"
                    title=lang.t("Standar pelayanan terbaru", "Newest service standards")/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                {addresses}
                <AutoReload options/>
                <IslandScripts js=assets.js.clone() wasm=assets.wasm.clone()/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// Loads the WebAssembly only on a page with an island, and wakes each island (see
/// `islands.js`). Rendered in the head: from here on the page is not hydrated, so the data
/// behind the page is never sent a second time beside its HTML.
#[cfg(feature = "ssr")]
#[component]
fn IslandScripts(js: String, wasm: String) -> impl IntoView {
    if let Some(sc) = Owner::current_shared_context() {
        sc.set_is_hydrating(false);
    }
    // The loader without its comments: it goes into every page.
    static LOADER: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        include_str!("islands.js").lines().filter(|l| !l.trim_start().starts_with("//")).map(str::trim).collect()
    });
    let nonce = leptos::nonce::use_nonce();
    let script = format!("{}({js:?}, {wasm:?});", *LOADER);
    view! { <script type="module" nonce=nonce>{script}</script> }
}

/// The page's address for search engines: its canonical address in the language shown and
/// its address in each language (`hreflang`); private pages are kept out of indexes.
#[cfg(feature = "ssr")]
fn address_links(lang: Lang) -> AnyView {
    use crate::ssr::links::{page_in, private_path, url};
    let Some(parts) = use_context::<http::request::Parts>() else { return ().into_any() };
    let path = parts.uri.path().to_string();
    if private_path(&path) {
        return view! { <meta name="robots" content="noindex"/> }.into_any();
    }
    let base = crate::ssr::state().map(|s| s.settings.public_url.clone()).unwrap_or_default();
    let (id, en) = (url(&base, &page_in(&path, Lang::Id)), url(&base, &page_in(&path, Lang::En)));
    let canonical = match lang {
        Lang::Id => id.clone(),
        Lang::En => en.clone(),
    };
    view! {
        <link rel="canonical" href=canonical/>
        <link rel="alternate" hreflang="id" href=id.clone()/>
        <link rel="alternate" hreflang="en" href=en/>
        <link rel="alternate" hreflang="x-default" href=id/>
    }
    .into_any()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = detect_lang();
    provide_context(lang);
    // A plain form post's refusal, for the page it returned to (see `CarriedError`).
    if let Some(e) = crate::forms::CarriedError::of_this_page() {
        provide_context(leptos::server::ServerActionError::new(&e.path, &e.err));
    }

    view! {
        <Router>
            <Frame/>
        </Router>
    }
}

/// Header, routes and footer. The signed-in person is read again on every navigation, so
/// signing in or out shows at once.
#[component]
fn Frame() -> impl IntoView {
    let lang = use_lang();
    let location = use_location();
    let user = Resource::new(move || location.pathname.get(), |_| get_current_user());
    provide_context(UserResource(user));
    view! {
        <a class="skip-link" href="#main">{lang.t("Langsung ke isi", "Skip to main content")}</a>
        <Header/>
        <main id="main" tabindex="-1">
            <Routes fallback=|| view! { <NotFound/> }>
                // A feature's pages are its own group. Order matters where paths overlap:
                // "/layanan/:unit/ikm" (satisfaction) is tried before "/layanan/:unit/:service".
                <crate::satisfaction::routes::SatisfactionRoutes/>
                <crate::standards::routes::StandardsRoutes/>
                <crate::auth::AuthRoutes/>
                <crate::tickets::routes::TicketRoutes/>
                <crate::bookings::routes::BookingRoutes/>
                <crate::rosters::routes::RosterRoutes/>
                <crate::oversight::routes::OversightRoutes/>
                <crate::open311::routes::Open311Routes/>
                <crate::admin::AdminRoutes/>
            </Routes>
        </main>
        <Footer/>
    }
}

#[component]
fn Header() -> impl IntoView {
    let lang = use_lang();
    let user = expect_context::<UserResource>().0;
    let location = use_location();
    // The same page in the other language: its own address (`?bahasa=`), which also
    // remembers the choice for the pages that follow.
    let switch_href = move || {
        let other = match lang {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        };
        let search = location.search.get();
        let mut query: Vec<&str> = search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty() && p.split('=').next() != Some(crate::i18n::LANG_PARAM))
            .collect();
        let named = format!("{}={}", crate::i18n::LANG_PARAM, other.code());
        query.push(&named);
        format!("{}?{}", location.pathname.get(), query.join("&"))
    };
    view! {
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"LP"</span>
                    <span>{lang.t("Portal Layanan Publik", "Public Service Portal")}</span>
                </a>
                <nav aria-label=lang.t("Menu utama", "Main menu")>
                    <ul class="nav-list">
                        <li><a href="/">{lang.t("Cari layanan", "Find a service")}</a></li>
                        <li><a href="/lapor">{lang.t("Lapor", "Report")}</a></li>
                        <li><a href="/janji">{lang.t("Janji temu", "Book a visit")}</a></li>
                        <li><a href="/lacak">{lang.t("Lacak", "Track")}</a></li>
                        <li><a href="/laporan-publik">{lang.t("Tanya jawab", "Q&A")}</a></li>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                match user.await {
                                    Ok(Some(u)) => view! {
                                        {(!u.memberships.is_empty()).then(|| view! { <li><a href="/petugas">{lang.t("Kotak masuk", "Inbox")}</a></li><li><a href="/loket">{lang.t("Loket", "Counter")}</a></li> })}
                                        <li><a href="/kelola">{lang.t("Kelola", "Manage")}</a></li>
                                        {u.is_admin.then(|| view! { <li><a href="/admin">"Admin"</a></li> })}
                                        <li class="nav-user"><a href="/akun" aria-label=format!("{}{}", lang.t("Akun Anda, masuk sebagai ", "Your account, signed in as "), u.name)>{u.name.clone()}</a></li>
                                        <li><LogoutButton/></li>
                                    }.into_any(),
                                    _ => view! {
                                        <li><a href="/masuk">{lang.t("Masuk petugas", "Staff sign in")}</a></li>
                                    }.into_any(),
                                }
                            })}
                        </Suspense>
                        <li>
                            <a href=switch_href rel="external" hreflang=match lang { Lang::Id => "en", Lang::En => "id" }>
                                {match lang {
                                    Lang::Id => view! { <span lang="en">"English"</span> },
                                    Lang::En => view! { <span lang="id">"Bahasa Indonesia"</span> },
                                }}
                            </a>
                        </li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
fn Footer() -> impl IntoView {
    let lang = use_lang();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>{lang.t(
                    "Kanal resmi standar pelayanan, konsultasi dan pengaduan unit layanan publik.",
                    "The official channel for service standards, consultation and complaints of public service units.",
                )}</p>
                <p><a href="/feed.atom" rel="external">{lang.t("Umpan Atom standar terbaru", "Atom feed of new standards")}</a>
                    " · "<a href="/pengembang">{lang.t("Open311 untuk pengembang aplikasi", "Open311 for app developers")}</a></p>
            </div>
        </footer>
    }
}

