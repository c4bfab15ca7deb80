//! Open311 GeoReport v2: the API keys an admin issues to other civic apps, and what such an
//! app sent with a report beyond the report itself (its temporary token, the location).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Tickets {
    Table,
    Id,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiClients {
    Table,
    Id,
    Name,
    /// SHA-256 of the key; the key itself is shown once and never stored.
    KeyHash,
    /// The key's first characters, so an admin can tell keys apart.
    KeyPrefix,
    /// Reports the client may send per hour.
    PerHour,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum Open311Requests {
    Table,
    TicketId,
    ClientId,
    /// SHA-256 of the temporary token answered to the client.
    TokenHash,
    Lat,
    Long,
    AddressId,
    DeviceId,
    AccountId,
    MediaUrl,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiClients::Table)
                    .col(pk_auto(ApiClients::Id))
                    .col(string_len(ApiClients::Name, 100))
                    .col(string_len(ApiClients::KeyHash, 64).unique_key())
                    .col(string_len(ApiClients::KeyPrefix, 16))
                    .col(integer(ApiClients::PerHour))
                    .col(integer_null(ApiClients::CreatedBy))
                    .col(timestamp_with_time_zone(ApiClients::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiClients::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiClients::RevokedAt))
                    .foreign_key(ForeignKey::create().from(ApiClients::Table, ApiClients::CreatedBy).to(Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Open311Requests::Table)
                    .col(integer(Open311Requests::TicketId).primary_key())
                    .col(integer(Open311Requests::ClientId))
                    .col(string_len(Open311Requests::TokenHash, 64).unique_key())
                    .col(double_null(Open311Requests::Lat))
                    .col(double_null(Open311Requests::Long))
                    .col(string_len(Open311Requests::AddressId, 100).default(""))
                    .col(string_len(Open311Requests::DeviceId, 100).default(""))
                    .col(string_len(Open311Requests::AccountId, 100).default(""))
                    .col(string_len(Open311Requests::MediaUrl, 500).default(""))
                    .foreign_key(
                        ForeignKey::create().from(Open311Requests::Table, Open311Requests::TicketId).to(Tickets::Table, Tickets::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Open311Requests::Table, Open311Requests::ClientId)
                            .to(ApiClients::Table, ApiClients::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // `GET requests` reads the newest reports of a 90-day window.
        manager
            .create_index(
                Index::create().name("idx_tickets_created").table(Tickets::Table).col(Tickets::CreatedAt).to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_tickets_created").table(Tickets::Table).to_owned()).await?;
        for table in [Open311Requests::Table.into_iden(), ApiClients::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
