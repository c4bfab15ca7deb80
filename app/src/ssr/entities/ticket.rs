use sea_orm::entity::prelude::*;

/// A citizen's report: a consultation, complaint, suggestion or request for information.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tickets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The tracking code without separators, upper case (see `tickets::TrackingCode`).
    #[sea_orm(unique)]
    pub code: String,
    pub unit_id: i32,
    pub service_id: Option<i32>,
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub place: String,
    pub reporter_name: String,
    pub reporter_email: Option<String>,
    pub reporter_phone: Option<String>,
    /// The citizen's language for mail: "id" or "en".
    pub lang: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub status: crate::common::report::Status,
    pub assigned_to: Option<i32>,
    /// One per submitted "check your answers" page: a second click finds the first ticket.
    #[sea_orm(unique)]
    pub submission_key: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub confirmed_at: Option<DateTimeUtc>,
    pub resolved_at: Option<DateTimeUtc>,
    pub merged_into: Option<i32>,
    /// Why staff kept it out of the public register.
    pub register_excluded: Option<String>,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    /// "route", "hand" or "self".
    pub assigned_how: Option<String>,
    pub verified_at: Option<DateTimeUtc>,
    pub first_response_at: Option<DateTimeUtc>,
    /// Set while the clock stands still, waiting for the citizen.
    pub paused_since: Option<DateTimeUtc>,
    /// Working days the clock stood still; added to every pending deadline.
    pub paused_days: i32,
    pub unrouted_notice_at: Option<DateTimeUtc>,
    /// When a staff member approved the masked text below for the public (register, Open311).
    pub published_at: Option<DateTimeUtc>,
    pub published_by: Option<i32>,
    /// The subject and description as published: masked, and checked by a person.
    pub public_subject: Option<String>,
    pub public_body: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
