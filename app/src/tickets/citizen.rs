//! Citizen pages.
