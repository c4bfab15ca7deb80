//! The pages of this feature in the route table: Booking a visit, finding and moving it; the counter; booking settings.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn BookingRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/janji") view=super::pages::BookStartPage ssr=SsrMode::Async/>
            <Route path=path!("/janji/layanan/:unit/:service") view=super::pages::SlotPage ssr=SsrMode::Async/>
            <Route path=path!("/janji/data") view=super::pages::VisitorPage ssr=SsrMode::Async/>
            <Route path=path!("/janji/periksa") view=super::pages::CheckBookingPage ssr=SsrMode::Async/>
            <Route path=path!("/janji/kode/:code") view=super::pages::BookingPage ssr=SsrMode::Async/>
            <Route path=path!("/janji/cari") view=super::pages::FindBookingPage ssr=SsrMode::Async/>
            <Route path=path!("/loket") view=super::pages::CounterHome ssr=SsrMode::Async/>
            <Route path=path!("/loket/:unit") view=super::pages::CounterDayPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/janji") view=super::pages::BookingSettingsPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
