//! Staff pages.
