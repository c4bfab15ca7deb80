//! Database schema history. Each file is one change; a landed migration is never edited.
pub use sea_orm_migration::prelude::*;

mod m20261124_000001_foundation;
mod m20261124_000002_tickets;
mod m20261124_000003_rosters;
mod m20261124_000004_open_counts;
mod m20261124_000005_bookings;
mod m20261124_000006_satisfaction;
mod m20261124_000007_open311;
mod m20261203_000001_publication;
mod m20261203_000002_attachment_address;
mod m20261203_000003_accounts;
mod m20261205_000001_outbox_qr;
mod m20261207_000001_service_english;
mod m20261207_000002_search_index;
mod m20261207_000003_register_order;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_foundation::Migration),
            Box::new(m20261124_000002_tickets::Migration),
            Box::new(m20261124_000003_rosters::Migration),
            Box::new(m20261124_000004_open_counts::Migration),
            Box::new(m20261124_000005_bookings::Migration),
            Box::new(m20261124_000006_satisfaction::Migration),
            Box::new(m20261124_000007_open311::Migration),
            Box::new(m20261203_000001_publication::Migration),
            Box::new(m20261203_000002_attachment_address::Migration),
            Box::new(m20261203_000003_accounts::Migration),
            Box::new(m20261205_000001_outbox_qr::Migration),
            Box::new(m20261207_000001_service_english::Migration),
            Box::new(m20261207_000002_search_index::Migration),
            Box::new(m20261207_000003_register_order::Migration),
        ]
    }
}
