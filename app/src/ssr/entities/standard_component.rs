use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standard_components")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub version_id: i32,
    /// 1 to 14, see `standards::Component`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub component: i16,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
