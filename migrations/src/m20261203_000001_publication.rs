//! What the public may read of a report is what a staff member approved: the masked subject
//! and description as they were published, when and by whom. The public register and the
//! Open311 lists read (and search) only this copy, never the reporter's own text.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Tickets {
    Table,
    PublishedAt,
    PublishedBy,
    PublicSubject,
    PublicBody,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds columns one at a time.
        for col in [
            timestamp_with_time_zone_null(Tickets::PublishedAt),
            integer_null(Tickets::PublishedBy),
            text_null(Tickets::PublicSubject),
            text_null(Tickets::PublicBody),
        ] {
            let mut col = col;
            manager.alter_table(Table::alter().table(Tickets::Table).add_column(&mut col).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_tickets_published")
                    .table(Tickets::Table)
                    .col(Tickets::PublishedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_tickets_published").table(Tickets::Table).to_owned()).await?;
        for col in [Tickets::PublishedAt, Tickets::PublishedBy, Tickets::PublicSubject, Tickets::PublicBody] {
            manager.alter_table(Table::alter().table(Tickets::Table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
