//! Keeping a failed plain form post for the page it returns to (the "flash").
use crate::forms::Flash;
use crate::error::AppError;
use std::collections::BTreeMap;

/// The session key of the flash.
pub const KEY: &str = "flash";

/// True when the request is a plain HTML form post (no JavaScript): the browser will
/// be redirected and needs the values and errors kept for the next page.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// Remembers a failed submission when it came from a plain form post, then gives the
/// error back so the server function can return it.
pub async fn keep(form: &str, values: BTreeMap<String, String>, error: AppError) -> AppError {
    if is_plain_form_post() {
        if let Ok(session) = crate::ssr::session().await {
            let flash = Flash { form: form.to_string(), values, error: Some(error.clone()) };
            if let Err(e) = session.insert(KEY, flash).await {
                tracing::warn!(error = %e, "could not keep form values in the session");
            }
        }
    }
    error
}

/// Takes the kept submission (it is shown once).
pub async fn take() -> Option<Flash> {
    let session = crate::ssr::session().await.ok()?;
    session.remove::<Flash>(KEY).await.ok().flatten()
}
