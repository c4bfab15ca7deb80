//! Types shared by both halves of the application (server and browser) and by every
//! feature: the lowest layer above `error`, `i18n` and `forms`.
pub mod code;
pub mod contact;
pub mod period;
pub mod report;
pub mod role;
pub mod roster;
