use sea_orm::entity::prelude::*;

/// One time slot of one day, with its places and the counts that fill them. The counts
/// change only through conditional updates (see `bookings::ssr`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_slots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub date: Date,
    /// "HH:MM", the unit's local time.
    pub starts: String,
    pub ends: String,
    pub places: i32,
    pub walkin_places: i32,
    pub booked: i32,
    pub walkins: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
