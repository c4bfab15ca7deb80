#![recursion_limit = "256"]
//! The Layanan portal: public-service standards, consultation and complaints, for Indonesian
//! service units. This crate holds the pages, the server functions and the shared types; the
//! server-only half of each feature sits in its `ssr` module.

/// A feature's pages in the route table: a transparent component named `$name` with one
/// route per `"path" => Page`, each rendered whole on the server before it is sent
/// (`SsrMode::Async`, so a page's status and title are known before its first byte). The
/// shell's `Routes` lists the groups.
macro_rules! pages {
    ($(#[$doc:meta])* $name:ident { $($path:tt => $page:path),+ $(,)? }) => {
        $(#[$doc])*
        #[leptos::component(transparent)]
        pub fn $name() -> impl leptos_router::MatchNestedRoutes + Clone {
            use leptos::prelude::*;
            use leptos_router::components::{Outlet, ParentRoute, Route};
            use leptos_router::{path, SsrMode};
            view! {
                <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
                    $(<Route path=path!($path) view=$page ssr=SsrMode::Async/>)+
                </ParentRoute>
            }
            .into_inner()
        }
    };
}

pub mod admin;
pub mod app;
pub mod auth;
pub mod bookings;
pub mod common;
pub mod error;
pub mod forms;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod jobs;
pub mod open311;
pub mod oversight;
pub mod rosters;
pub mod satisfaction;
pub mod standards;
pub mod tickets;
pub mod ui;
#[cfg(test)]
mod layers;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::App;
#[cfg(feature = "ssr")]
pub use app::shell;

/// Starts the browser half: only the interactive parts of a page (`#[island]` components)
/// run in the browser; everything else is server-rendered HTML and never hydrated. The
/// loader in the page's head (`ui::IslandScripts`) calls this, then wakes each island.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
