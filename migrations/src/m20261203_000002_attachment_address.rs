//! Every attachment gets an address of its own, drawn at random: nothing a staff member sees
//! of a file (its link, its name) is derived from its content, so the same photo sent with an
//! Anonim report and a named one does not link the two. Original file names are not kept.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Address,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Attachments::Table)
                    .add_column(ColumnDef::new(Attachments::Address).string_len(32).null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        // 128 random bits per file, from the database's own strong source.
        let random = match manager.get_database_backend() {
            DatabaseBackend::Postgres => "replace(gen_random_uuid()::text, '-', '')",
            _ => "lower(hex(randomblob(16)))",
        };
        let backend = manager.get_database_backend();
        db.execute(Statement::from_string(backend, format!("UPDATE attachments SET address = {random}"))).await?;
        // The file name a citizen's phone gave (often the person's own name) is dropped.
        db.execute(Statement::from_string(
            backend,
            "UPDATE attachments SET name = CASE mime WHEN 'image/jpeg' THEN 'lampiran.jpg' \
             WHEN 'image/png' THEN 'lampiran.png' ELSE 'lampiran.pdf' END"
                .to_string(),
        ))
        .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_address")
                    .table(Attachments::Table)
                    .col(Attachments::Address)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("idx_attachments_address").table(Attachments::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(Attachments::Table).drop_column(Attachments::Address).to_owned())
            .await?;
        Ok(())
    }
}
