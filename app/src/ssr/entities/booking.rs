use sea_orm::entity::prelude::*;

/// A visit booked online, or a walk-in registered at the counter. Never deleted: a
/// cancelled or displaced booking keeps its row and its history.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bookings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The booking code without separators (see `tickets::TrackingCode`).
    #[sea_orm(unique)]
    pub code: String,
    pub unit_id: i32,
    pub service_id: i32,
    pub slot_id: i32,
    pub date: Date,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub email_key: Option<String>,
    pub phone_key: Option<String>,
    pub lang: String,
    pub status: String,
    pub walk_in: bool,
    #[sea_orm(unique)]
    pub submission_key: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub checked_in_at: Option<DateTimeUtc>,
    pub served_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
