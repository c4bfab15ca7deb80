//! The pages of this feature in the route table: Reporting, tracking, the public register; the staff inbox and its settings.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn TicketRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/lapor") view=super::citizen::ReportPage ssr=SsrMode::Async/>
            <Route path=path!("/lapor/periksa") view=super::citizen::CheckPage ssr=SsrMode::Async/>
            <Route path=path!("/lapor/terkirim") view=super::citizen::SubmittedPage ssr=SsrMode::Async/>
            <Route path=path!("/lacak") view=super::citizen::LookupPage ssr=SsrMode::Async/>
            <Route path=path!("/lacak/:code") view=super::citizen::TicketPage ssr=SsrMode::Async/>
            <Route path=path!("/konfirmasi/:token") view=super::citizen::ConfirmPage ssr=SsrMode::Async/>
            <Route path=path!("/laporan-publik") view=super::citizen::RegisterPage ssr=SsrMode::Async/>
            <Route path=path!("/petugas") view=super::staff::StaffHome ssr=SsrMode::Async/>
            <Route path=path!("/petugas/:unit") view=super::staff::InboxPage ssr=SsrMode::Async/>
            <Route path=path!("/petugas/:unit/tiket/:id") view=super::staff::StaffTicketPage ssr=SsrMode::Async/>
            <Route path=path!("/petugas/:unit/templat") view=super::staff::TemplatesPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/laporan") view=super::staff::ReportSettingsPage ssr=SsrMode::Async/>
            <Route path=path!("/admin/surat") view=super::staff::FailedMailPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
