use sea_orm::entity::prelude::*;

/// One step in a ticket's history: a message, a note, a status change, a forward, …
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ticket_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub ticket_id: i32,
    pub at: DateTimeUtc,
    pub kind: crate::common::report::EventKind,
    pub actor_user_id: Option<i32>,
    /// Internal notes and staff-only steps never reach the citizen.
    pub internal: bool,
    pub body: String,
    pub from_status: Option<crate::common::report::Status>,
    pub to_status: Option<crate::common::report::Status>,
    /// How a staff reply is signed for the citizen (the unit, or a name by choice).
    pub signature: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
