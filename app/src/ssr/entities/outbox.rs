use sea_orm::entity::prelude::*;

/// A mail message waiting to be sent, sent, or failed after its last attempt.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub created_at: DateTimeUtc,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// "pending", "sent" or "failed".
    pub status: String,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A worker that claimed the message holds it until then.
    pub lease_until: Option<DateTimeUtc>,
    pub lease_owner: Option<String>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub ticket_id: Option<i32>,
    /// An iCalendar (ICS) attachment.
    pub calendar: Option<String>,
    /// The text of a QR code shown as a picture in the HTML part (`cid:` [`crate::ssr::outbox::QR_CID`]).
    pub qr: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
