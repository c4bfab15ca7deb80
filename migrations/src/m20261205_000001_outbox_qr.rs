//! An appointment mail shows its QR code as a picture in the message itself, so a visitor
//! with no data at the counter can show the mail they already have. The outbox keeps the text
//! the code encodes (the appointment code); the picture is drawn when the message is sent.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Qr,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Outbox::Table).add_column(ColumnDef::new(Outbox::Qr).string_len(64).null()).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::Qr).to_owned()).await
    }
}
