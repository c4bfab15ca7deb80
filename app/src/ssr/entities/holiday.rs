use sea_orm::entity::prelude::*;

/// A day off: national (no unit) or local to one unit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "holidays")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: Option<i32>,
    pub date: Date,
    pub name: String,
    /// "libur", "cuti_bersama" or "lokal".
    pub kind: String,
    /// Expected, not yet fixed by the year's joint decree.
    pub provisional: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
