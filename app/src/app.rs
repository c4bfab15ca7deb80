//! The application shell: the document, header with navigation and language choice, footer,
//! and the route table of every feature.
use crate::auth::{get_current_user, LoginPage, LogoutButton, UserResource};
use crate::ui::{encode_component, NotFound};
use crate::i18n::{detect_lang, use_lang, Lang};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet};
use leptos_router::{
    components::{Route, Router, Routes},
    hooks::use_location,
    path, SsrMode,
};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="alternate" type="application/atom+xml" href="/feed.atom"
                    title=lang.t("Standar pelayanan terbaru", "Newest service standards")/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = detect_lang();
    provide_context(lang);

    view! {
        <Stylesheet id="leptos" href="/pkg/layanan.css"/>
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
                <Route path=path!("/") view=crate::standards::pages::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/layanan/:unit") view=crate::standards::pages::UnitPage ssr=SsrMode::Async/>
                <Route path=path!("/layanan/:unit/ikm") view=crate::satisfaction::pages::PublicResultsPage ssr=SsrMode::Async/>
                <Route path=path!("/layanan/:unit/:service") view=crate::standards::pages::StandardPage ssr=SsrMode::Async/>
                <Route path=path!("/layanan/:unit/:service/versi/:no") view=crate::standards::pages::StandardPage ssr=SsrMode::Async/>
                <Route path=path!("/layanan/:unit/:service/cetak") view=crate::standards::pages::PrintPage ssr=SsrMode::Async/>
                <Route path=path!("/masuk") view=LoginPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola") view=crate::standards::manage::ManageHome ssr=SsrMode::Async/>
                <Route path=path!("/kelola/layanan/:id") view=crate::standards::manage::EditDraftPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/layanan/:id/pratinjau") view=crate::standards::manage::PreviewPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/layanan-baru") view=crate::standards::manage::NewServicePage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/maklumat") view=crate::standards::manage::MaklumatPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/laporan") view=crate::tickets::staff::ReportSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/jadwal") view=crate::rosters::pages::WeekPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/jadwal/cetak") view=crate::rosters::pages::RosterPrintPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/kerja") view=crate::rosters::pages::WorkSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/petugas") view=crate::rosters::pages::MembersSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/libur") view=crate::rosters::pages::HolidaysPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/libur") view=crate::rosters::pages::HolidaysPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/kinerja") view=crate::oversight::pages::UnitDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/kinerja") view=crate::oversight::pages::AllUnitsDashboardPage ssr=SsrMode::Async/>
                <Route path=path!("/kinerja-saya") view=crate::oversight::pages::MyFiguresPage ssr=SsrMode::Async/>
                <Route path=path!("/survei/:token") view=crate::satisfaction::pages::SurveyFormPage ssr=SsrMode::Async/>
                <Route path=path!("/jadwal-saya") view=crate::rosters::pages::MySchedulePage ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=crate::admin::AdminPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/surat") view=crate::tickets::staff::FailedMailPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/open311") view=crate::open311::pages::ApiKeysPage ssr=SsrMode::Async/>
                <Route path=path!("/pengembang") view=crate::open311::pages::DevelopersPage ssr=SsrMode::Async/>
                <Route path=path!("/janji") view=crate::bookings::pages::BookStartPage ssr=SsrMode::Async/>
                <Route path=path!("/janji/layanan/:unit/:service") view=crate::bookings::pages::SlotPage ssr=SsrMode::Async/>
                <Route path=path!("/janji/data") view=crate::bookings::pages::VisitorPage ssr=SsrMode::Async/>
                <Route path=path!("/janji/periksa") view=crate::bookings::pages::CheckBookingPage ssr=SsrMode::Async/>
                <Route path=path!("/janji/kode/:code") view=crate::bookings::pages::BookingPage ssr=SsrMode::Async/>
                <Route path=path!("/janji/cari") view=crate::bookings::pages::FindBookingPage ssr=SsrMode::Async/>
                <Route path=path!("/loket") view=crate::bookings::pages::CounterHome ssr=SsrMode::Async/>
                <Route path=path!("/loket/:unit") view=crate::bookings::pages::CounterDayPage ssr=SsrMode::Async/>
                <Route path=path!("/kelola/unit/:id/janji") view=crate::bookings::pages::BookingSettingsPage ssr=SsrMode::Async/>
                <Route path=path!("/lapor") view=crate::tickets::citizen::ReportPage ssr=SsrMode::Async/>
                <Route path=path!("/lapor/periksa") view=crate::tickets::citizen::CheckPage ssr=SsrMode::Async/>
                <Route path=path!("/lapor/terkirim") view=crate::tickets::citizen::SubmittedPage ssr=SsrMode::Async/>
                <Route path=path!("/lacak") view=crate::tickets::citizen::LookupPage ssr=SsrMode::Async/>
                <Route path=path!("/lacak/:code") view=crate::tickets::citizen::TicketPage ssr=SsrMode::Async/>
                <Route path=path!("/lacak/:code/survei") view=crate::satisfaction::pages::SurveyFormPage ssr=SsrMode::Async/>
                <Route path=path!("/konfirmasi/:token") view=crate::tickets::citizen::ConfirmPage ssr=SsrMode::Async/>
                <Route path=path!("/laporan-publik") view=crate::tickets::citizen::RegisterPage ssr=SsrMode::Async/>
                <Route path=path!("/petugas") view=crate::tickets::staff::StaffHome ssr=SsrMode::Async/>
                <Route path=path!("/petugas/:unit") view=crate::tickets::staff::InboxPage ssr=SsrMode::Async/>
                <Route path=path!("/petugas/:unit/tiket/:id") view=crate::tickets::staff::StaffTicketPage ssr=SsrMode::Async/>
                <Route path=path!("/petugas/:unit/templat") view=crate::tickets::staff::TemplatesPage ssr=SsrMode::Async/>
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
    let switch_href = move || {
        let here = format!("{}{}", location.pathname.get(), {
            let s = location.search.get();
            if s.is_empty() { String::new() } else { format!("?{}", s.trim_start_matches('?')) }
        });
        let other = match lang {
            Lang::Id => "en",
            Lang::En => "id",
        };
        format!("/bahasa/{other}?kembali={}", encode_component(&here))
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
                                        <li class="nav-user"><span class="visually-hidden">{lang.t("Masuk sebagai ", "Signed in as ")}</span>{u.name.clone()}</li>
                                        <li><LogoutButton/></li>
                                    }.into_any(),
                                    _ => view! {
                                        <li><a href="/masuk">{lang.t("Masuk petugas", "Staff sign in")}</a></li>
                                    }.into_any(),
                                }
                            })}
                        </Suspense>
                        <li>
                            <a href=switch_href rel="external nofollow" hreflang=match lang { Lang::Id => "en", Lang::En => "id" }>
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

