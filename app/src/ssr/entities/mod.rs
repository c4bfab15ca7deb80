//! Database entities (sea-orm). Never sent to the browser: pages get their own types.
pub mod audit_log;
pub mod login_throttle;
pub mod service;
pub mod standard_component;
pub mod standard_version;
pub mod unit;
pub mod unit_member;
pub mod user;
