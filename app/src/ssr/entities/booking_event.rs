use sea_orm::entity::prelude::*;

/// One step in a booking's history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub booking_id: i32,
    pub at: DateTimeUtc,
    pub kind: String,
    pub from_slot_id: Option<i32>,
    pub to_slot_id: Option<i32>,
    pub actor_id: Option<i32>,
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
