//! Database entities (sea-orm). Never sent to the browser: pages get their own types.
pub mod attachment;
pub mod audit_log;
pub mod email_confirmation;
pub mod login_throttle;
pub mod outbox;
pub mod rate_event;
pub mod response_template;
pub mod service;
pub mod standard_component;
pub mod standard_version;
pub mod ticket;
pub mod ticket_event;
pub mod unit;
pub mod unit_member;
pub mod user;
pub mod verified_email;
