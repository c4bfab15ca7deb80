//! Form validation shared by every page: problems found per field, an error summary at the
//! top that links to each field, messages beside the fields, and (without JavaScript) a
//! one-time "flash" in the session that brings back what the person typed.
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::error::{FieldError, FieldErrors, Problem};

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
    // When a submission fails in place (with JavaScript), take the reader to the summary,
    // as a fresh page load would.
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some() {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });
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
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=summary>
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
    fn text_rules() {
        let mut e = FieldErrors::default();
        e.text("a", "  ", true, 10);
        e.text("b", "12345678901", true, 10);
        e.text("c", "", false, 10);
        assert_eq!(e.get("a"), Some(&Problem::Required));
        assert_eq!(e.get("b"), Some(&Problem::TooLong { max: 10 }));
        assert_eq!(e.get("c"), None);
    }
}
