use sea_orm::entity::prelude::*;

/// Where one staff member works in one shift of one day, and on what.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "roster_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub user_id: i32,
    pub date: Date,
    pub shift_id: i32,
    pub mode: crate::common::roster::Mode,
    pub duty: crate::common::roster::Duty,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
