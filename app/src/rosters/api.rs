//! Server functions of rosters.
