use sea_orm::entity::prelude::*;

/// A one-use link to the satisfaction survey, sent after a report is resolved or a visit
/// is served.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// SHA-256 of the token in the link; the token itself is never stored.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub unit_id: i32,
    pub service_id: Option<i32>,
    /// "ticket" or "visit".
    pub source: String,
    pub source_id: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
