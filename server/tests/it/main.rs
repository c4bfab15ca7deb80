//! The portal's integration tests, one binary (one link of the whole application) with the
//! levels as modules: domain tests on every database kind available (SQLite, and PostgreSQL
//! with `TEST_DATABASE_URL`), HTTP tests through the router, mail through a real SMTP peer,
//! and two real server processes on one database.

mod support;

mod accounts;
mod bookings;
mod http;
mod mail;
mod open311;
mod oversight;
mod processes;
mod rosters;
mod security;
mod standards;
mod tickets;
