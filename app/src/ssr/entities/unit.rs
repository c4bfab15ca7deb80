use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub address: String,
    /// IANA name: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT).
    pub timezone: String,
    /// ISO weekdays the unit works, comma separated ("1,2,3,4,5" is Monday to Friday).
    pub working_days: String,
    /// The Maklumat Pelayanan (service pledge), Markdown.
    pub maklumat: String,
    /// The first report from an unconfirmed e-mail address waits for its confirmation.
    pub report_gate: bool,
    /// Reports may give only a phone number.
    pub phone_only: bool,
    pub created_at: DateTimeUtc,
    /// Most staff in the office per shift, percent of the counted (non-senior) staff.
    pub office_cap_percent: i32,
    /// "return" (unanswered reports of someone off duty go back to the pool) or "keep".
    pub release_policy: String,
    /// A resolved report closes itself after this many working days without a reply.
    pub auto_close_days: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::service::Entity")]
    Service,
}

impl Related<super::service::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Service.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

impl Entity {
    /// The unit with this slug (its public address, e.g. `disdukcapil-balikpapan`): the one
    /// lookup every page and rule uses.
    pub async fn by_slug(db: &impl ConnectionTrait, slug: &str) -> Result<Option<Model>, DbErr> {
        Self::find().filter(Column::Slug.eq(slug)).one(db).await
    }
}
