use sea_orm::entity::prelude::*;

/// When a unit's counters are open on one weekday; no row means closed that day.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "opening_hours")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub unit_id: i32,
    /// ISO weekday, 1 = Monday.
    #[sea_orm(primary_key, auto_increment = false)]
    pub weekday: i32,
    pub opens: String,
    pub closes: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
