use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "services")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// Extra words people search with, space or comma separated.
    pub keywords: String,
    /// The summary in English, for the English pages (empty when the unit gives none).
    pub summary_en: String,
    /// English words people search with (empty when the unit gives none).
    pub keywords_en: String,
    pub created_at: DateTimeUtc,
    /// Deadlines in working days (the standard's complaint-handling component).
    pub verify_days: i32,
    pub respond_days: i32,
    pub resolve_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::unit::Entity",
        from = "Column::UnitId",
        to = "super::unit::Column::Id"
    )]
    Unit,
}

impl Related<super::unit::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Unit.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
