//! The one error type of the portal. What reaches the browser is a kind and, for invalid
//! input, the field problems; causes are logged on the server, never sent.
use crate::forms::FieldErrors;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use leptos::server_fn::{self, codec::JsonEncoding, error::FromServerFnError, ServerFnError};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Someone else changed the record since it was read.
    #[error("edit conflict")]
    Conflict,
    /// The record moved on since it was read (a report resolved meanwhile, handed to someone
    /// else, …): the sentence says what happened and who did it, in both languages.
    #[error("changed meanwhile")]
    Moved { id: String, en: String },
    #[error("too many attempts")]
    RateLimited { retry_after_minutes: u32 },
    #[error("internal error")]
    Internal,
    /// The request itself could not be read (a transport or decoding problem).
    #[error("bad request")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Request(value.to_string())
    }
}

impl AppError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => lang.t("Halaman tidak ditemukan.", "Page not found.").into(),
            AppError::Unauthenticated => lang
                .t("Silakan masuk terlebih dahulu.", "Please sign in first.")
                .into(),
            AppError::Forbidden => lang
                .t("Anda tidak berwenang membuka halaman ini.", "You are not allowed to open this page.")
                .into(),
            AppError::Invalid(_) => lang
                .t("Ada isian yang perlu diperbaiki.", "Some answers need to be corrected.")
                .into(),
            AppError::Conflict => lang
                .t(
                    "Data ini telah diubah orang lain sejak Anda membukanya.",
                    "Someone else changed this since you opened it.",
                )
                .into(),
            AppError::Moved { id, en } => match lang {
                Lang::Id => id.clone(),
                Lang::En => en.clone(),
            },
            AppError::RateLimited { retry_after_minutes } => match lang {
                Lang::Id => format!(
                    "Terlalu banyak percobaan. Coba lagi dalam {retry_after_minutes} menit."
                ),
                Lang::En => format!(
                    "Too many attempts. Try again in {retry_after_minutes} minutes."
                ),
            },
            AppError::Internal => lang
                .t(
                    "Terjadi gangguan pada sistem. Coba lagi sebentar lagi.",
                    "Something went wrong on our side. Please try again shortly.",
                )
                .into(),
            AppError::Request(_) => lang
                .t("Permintaan tidak dapat dibaca. Coba lagi.", "The request could not be read. Please try again.")
                .into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) | AppError::Request(_) => 400,
            AppError::Conflict | AppError::Moved { .. } => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal => 500,
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// A database error where a unique constraint on `field` was hit becomes "already in
    /// use" on that field (a race the earlier check could not see); anything else is internal.
    pub fn taken_on(field: &'static str) -> impl Fn(sea_orm::DbErr) -> AppError {
        move |err| match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                let mut errors = FieldErrors::default();
                errors.add(field, crate::forms::Problem::Taken);
                AppError::Invalid(errors)
            }
            _ => err.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}
