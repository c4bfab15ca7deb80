//! Pages of rosters.
