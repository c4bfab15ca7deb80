//! The pages of this feature in the route table: The dashboards of a unit, of all units, and of one staff member.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn OversightRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/kelola/unit/:id/kinerja") view=super::pages::UnitDashboardPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/kinerja") view=super::pages::AllUnitsDashboardPage ssr=SsrMode::Async/>
            <Route path=path!("/kinerja-saya") view=super::pages::MyFiguresPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
