//! The pages of this feature in the route table: The survey and its public results.
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route};
use leptos_router::{path, MatchNestedRoutes, SsrMode};

/// Every page of this feature, each rendered whole on the server before it is sent.
#[component(transparent)]
pub fn SatisfactionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
            <Route path=path!("/layanan/:unit/ikm") view=super::pages::PublicResultsPage ssr=SsrMode::Async/>
            <Route path=path!("/survei/:token") view=super::pages::SurveyFormPage ssr=SsrMode::Async/>
            <Route path=path!("/lacak/:code/survei") view=super::pages::SurveyFormPage ssr=SsrMode::Async/>
        </ParentRoute>
    }
    .into_inner()
}
