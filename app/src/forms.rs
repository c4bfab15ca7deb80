//! Form validation shared by every page: problems found per field, an error summary at the
//! top that links to each field, messages beside the fields, and (without JavaScript) a
//! one-time "flash" in the session that brings back what the person typed.
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::error::{FieldError, FieldErrors, Problem};

/// A plain form post's refusal on its way to the page it returns to. The server takes it out
/// of the address (where Leptos puts it as `__path`/`__err`) and keeps it in the session for
/// that one page, so the address stays the page's own and a reload shows no stale error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CarriedError {
    pub path: String,
    pub err: String,
}

impl CarriedError {
    /// The session key.
    pub const KEY: &'static str = "action_error";

    /// Splits a redirect target into the address without the error and the error.
    pub fn split(location: &str) -> Option<(String, CarriedError)> {
        let (base, query) = location.split_once('?')?;
        let (query, fragment) = match query.split_once('#') {
            Some((q, f)) => (q, Some(f)),
            None => (query, None),
        };
        let mut path = None;
        let mut err = None;
        let mut kept = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some(("__path", v)) => path = Some(decode(v)),
                Some(("__err", v)) => err = Some(decode(v)),
                _ if pair.is_empty() => {}
                _ => kept.push(pair),
            }
        }
        let carried = CarriedError { path: path?, err: err? };
        let mut clean = base.to_string();
        if !kept.is_empty() {
            clean.push('?');
            clean.push_str(&kept.join("&"));
        }
        if let Some(f) = fragment {
            clean.push('#');
            clean.push_str(f);
        }
        Some((clean, carried))
    }

    /// The refusal this page was sent back with, if any (pages are drawn on the server).
    pub fn of_this_page() -> Option<CarriedError> {
        #[cfg(feature = "ssr")]
        {
            use_context::<http::request::Parts>().and_then(|p| p.extensions.get::<CarriedError>().cloned())
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    }
}

/// `%XX` and `+` of a query value.
fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"), 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The element id of a field named `name` (brackets are not valid in a fragment link).
pub fn field_id(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// What the person sent, kept for one page view when a plain form post failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub error: Option<crate::error::AppError>,
}

impl Flash {
    pub fn value(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }
}

/// The state of one form on a page: the errors from the last submission (through the
/// action with JavaScript, or the flash without) and the values to show again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    pub error: Option<crate::error::AppError>,
    pub values: BTreeMap<String, String>,
}

impl FormState {
    pub fn from_flash(flash: Option<Flash>, form: &str) -> Self {
        match flash {
            Some(f) if f.form == form => FormState { error: f.error, values: f.values },
            _ => FormState::default(),
        }
    }
    pub fn value_or(&self, name: &str, stored: &str) -> String {
        self.values.get(name).cloned().unwrap_or_else(|| stored.to_string())
    }
}

/// Errors to show: the latest action result wins over the flash of a plain post.
pub fn current_error<T, S>(
    action_value: S,
    flash_error: Option<crate::error::AppError>,
) -> Signal<Option<crate::error::AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, crate::error::AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match action_value.get() {
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
        None => flash_error.clone(),
    })
}

/// The box at the top of a form listing every problem, each a link to its field.
/// `label` names a field for the messages.
#[component]
pub fn ErrorSummary(
    error: Signal<Option<crate::error::AppError>>,
    label: fn(Lang, &str) -> String,
) -> impl IntoView {
    let lang = use_lang();
    // The page drawn after a refused submission opens with the reader at the summary
    // (`autofocus`, with or without JavaScript).
    move || {
        error.get().map(|err| {
            let items = err
                .field_errors()
                .map(|fe| {
                    fe.0.iter()
                        .map(|e| {
                            let href = format!("#{}", field_id(&e.field));
                            let text = e.problem.message(lang, &label(lang, &e.field));
                            view! { <li><a href=href>{text}</a></li> }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-title">
                    <h2 id="error-summary-title">{lang.t("Ada masalah", "There is a problem")}</h2>
                    <p>{err.message(lang)}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The message shown beside one field, if it has a problem.
#[component]
pub fn FieldMessage(
    error: Signal<Option<crate::error::AppError>>,
    #[prop(into)] field: String,
    label: String,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{}-error", field_id(&field));
    move || {
        error.get().and_then(|e| {
            e.field_errors().and_then(|fe| fe.get(&field).cloned()).map(|p| {
                view! {
                    <p class="field-error" id=id.clone()>
                        <span class="visually-hidden">{lang.t("Kesalahan: ", "Error: ")}</span>
                        {p.message(lang, &label)}
                    </p>
                }
            })
        })
    }
}

/// `aria-describedby` / `aria-invalid` for a field with a possible error.
pub fn has_error(error: &Signal<Option<crate::error::AppError>>, field: &str) -> Signal<bool> {
    let error = *error;
    let field = field.to_string();
    Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field_errors().map(|fe| fe.get(&field).is_some()))
            .unwrap_or(false)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_fragment_safe() {
        assert_eq!(field_id("c[persyaratan]"), "c-persyaratan");
        assert_eq!(field_id("email"), "email");
    }

    #[test]
    fn a_refusal_leaves_the_address_and_keeps_what_else_it_held() {
        let (clean, e) = CarriedError::split("http://127.0.0.1:3000/janji/kode/ABC?batalkan=1&__path=%2Fapi%2Fcancel_booking123&__err=eyJOb3RGb3VuZCI6bnVsbH0%3D#x").unwrap();
        assert_eq!(clean, "http://127.0.0.1:3000/janji/kode/ABC?batalkan=1#x");
        assert_eq!(e, CarriedError { path: "/api/cancel_booking123".into(), err: "eyJOb3RGb3VuZCI6bnVsbH0=".into() });
        let (clean, _) = CarriedError::split("/lapor?__path=%2Fapi%2Fx&__err=e30").unwrap();
        assert_eq!(clean, "/lapor");
        assert_eq!(CarriedError::split("/lapor?baru=1"), None);
        assert_eq!(CarriedError::split("/lapor"), None);
    }

    #[test]
    fn text_rules() {
        let mut e = FieldErrors::default();
        e.text("a", "  ", true, 10);
        e.text("b", "12345678901", true, 10);
        e.text("c", "", false, 10);
        assert_eq!(e.get("a"), Some(&Problem::Required));
        assert_eq!(e.get("b"), Some(&Problem::TooLong { max: 10, got: 11 }));
        assert_eq!(e.get("c"), None);
    }
}
