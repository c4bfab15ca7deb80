use sea_orm::entity::prelude::*;

pub const DRAFT: &str = "draft";
pub const PUBLISHED: &str = "published";

/// One version of a service standard: a draft (at most one per service, editable) or a
/// published version (numbered, never changed again).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standard_versions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub service_id: i32,
    pub status: String,
    pub version_no: Option<i32>,
    pub effective_at: Option<DateTimeUtc>,
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<i32>,
    pub change_note: String,
    /// Bumped on every save of a draft: the optimistic-concurrency check.
    pub revision: i32,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::service::Entity",
        from = "Column::ServiceId",
        to = "super::service::Column::Id"
    )]
    Service,
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
