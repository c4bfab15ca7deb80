use sea_orm::entity::prelude::*;

/// A room where visitors are served, with its distancing rule.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rooms")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub name: String,
    pub area_m2: f64,
    /// "area" (square metres per visitor) or "fixed" (a fixed maximum).
    pub rule: String,
    pub m2_per_visitor: f64,
    pub max_visitors: i32,
    pub active: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
