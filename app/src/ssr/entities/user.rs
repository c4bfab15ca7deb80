use sea_orm::entity::prelude::*;

/// A staff, manager or admin account. Deliberately not `Serialize`: it holds the hash.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub is_admin: bool,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// The sign-in generation: a session counts only while it carries this number, so raising
    /// it ends every session of the account at once.
    pub session_epoch: i32,
    /// The TOTP secret (base32), once the second factor is on.
    pub totp_secret: Option<String>,
    pub totp_since: Option<DateTimeUtc>,
    /// The last 30-second step a code was accepted for: a code is taken once.
    pub totp_last_step: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
