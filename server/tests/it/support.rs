//! What the test modules share.

/// One whole-stack application at a time: each such test builds its own router and state
/// over its own database, and runs alone while it does.
pub static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
