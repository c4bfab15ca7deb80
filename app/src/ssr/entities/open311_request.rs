use sea_orm::entity::prelude::*;

/// What an Open311 client sent with a report beyond the report itself.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "open311_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub ticket_id: i32,
    pub client_id: i32,
    /// SHA-256 of the temporary token answered to the client.
    #[sea_orm(unique)]
    pub token_hash: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub address_id: String,
    pub device_id: String,
    pub account_id: String,
    pub media_url: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
