//! The pages of this feature in the route table: Rosters, working settings, staff and holidays.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn RosterRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/kelola/unit/:id/jadwal") view=super::pages::WeekPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/jadwal/cetak") view=super::pages::RosterPrintPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/kerja") view=super::pages::WorkSettingsPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/petugas") view=super::pages::MembersSettingsPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/libur") view=super::pages::HolidaysPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/libur") view=super::pages::HolidaysPage ssr=SsrMode::Async/>
            <Route path=path!("/jadwal-saya") view=super::pages::MySchedulePage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
