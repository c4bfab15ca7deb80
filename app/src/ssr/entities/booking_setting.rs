use sea_orm::entity::prelude::*;

/// How a unit takes appointments (one row per unit).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "booking_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    pub slot_minutes: i32,
    pub ahead_days: i32,
    pub notice_minutes: i32,
    pub walkin_percent: i32,
    /// "roster" or "fixed".
    pub counter_source: String,
    pub fixed_counters: i32,
    pub per_counter: i32,
    pub grace_minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
