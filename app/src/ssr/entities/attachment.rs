use sea_orm::entity::prelude::*;

/// A file sent with a report; the bytes live on disk under their SHA-256, which no page
/// shows: pages link the file by its random `address`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub ticket_id: i32,
    pub event_id: Option<i32>,
    pub hash: String,
    pub mime: String,
    pub size: i64,
    /// The neutral name a download gets (`lampiran-1.jpg`); the sender's own is not kept.
    pub name: String,
    pub address: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
