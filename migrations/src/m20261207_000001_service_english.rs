//! A service may have an English summary and English search words, so a reader of the
//! English pages finds it by the words they use and reads what it is; the standard itself
//! stays the unit's official Indonesian text.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Services {
    Table,
    SummaryEn,
    KeywordsEn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        manager
            .alter_table(Table::alter().table(Services::Table).add_column(ColumnDef::new(Services::SummaryEn).string_len(500).not_null().default("")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Services::Table).add_column(ColumnDef::new(Services::KeywordsEn).string_len(500).not_null().default("")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table(Services::Table).drop_column(Services::KeywordsEn).to_owned()).await?;
        manager.alter_table(Table::alter().table(Services::Table).drop_column(Services::SummaryEn).to_owned()).await
    }
}
