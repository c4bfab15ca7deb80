//! The pages of this feature in the route table: API keys and the developers' page.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn Open311Routes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/admin/open311") view=super::pages::ApiKeysPage ssr=SsrMode::Async/>
            <Route path=path!("/pengembang") view=super::pages::DevelopersPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
