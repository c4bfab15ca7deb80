//! The pages of this feature in the route table: Finding a service and reading its standard; managers drafting and publishing.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn StandardsRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/") view=super::pages::HomePage ssr=SsrMode::Async/>
            <Route path=path!("/layanan/:unit") view=super::pages::UnitPage ssr=SsrMode::Async/>
            <Route path=path!("/layanan/:unit/:service") view=super::pages::StandardPage ssr=SsrMode::Async/>
            <Route path=path!("/layanan/:unit/:service/versi/:no") view=super::pages::StandardPage ssr=SsrMode::Async/>
            <Route path=path!("/layanan/:unit/:service/cetak") view=super::pages::PrintPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola") view=super::manage::ManageHome ssr=SsrMode::Async/>
            <Route path=path!("/kelola/layanan/:id") view=super::manage::EditDraftPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/layanan/:id/pratinjau") view=super::manage::PreviewPage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/layanan-baru") view=super::manage::NewServicePage ssr=SsrMode::Async/>
            <Route path=path!("/kelola/unit/:id/maklumat") view=super::manage::MaklumatPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
