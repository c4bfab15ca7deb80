//! The mail outbox. A message is written in the same transaction as the change that causes
//! it; a worker claims due messages with a lease (a conditional UPDATE, so two server
//! processes never take the same one), sends them, and retries with exponential backoff.
//! After the last attempt a message is "failed" and shown to admins, never dropped.
use super::entities::outbox;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// A message ready to queue: plain text and HTML of the same content.
#[derive(Clone, Debug, PartialEq)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar (ICS) file sent along, for appointments.
    pub calendar: Option<String>,
    /// The text of a QR code the HTML part shows as a picture; see [`Mail::with_qr`].
    pub qr: Option<String>,
}

/// The Content-ID of a message's QR picture.
pub const QR_CID: &str = "kode-qr@layanan";

impl Mail {
    /// Shows `text` as a QR code picture in the HTML part, right after paragraph `after`
    /// (counted from 0). The picture is drawn when the message is sent.
    pub fn with_qr(mut self, text: &str, alt: &str, after: usize) -> Mail {
        let img = format!(
            "<p><img src=\"cid:{QR_CID}\" alt=\"{}\" width=\"180\" height=\"180\" style=\"display:block;width:180px;height:180px\"></p>",
            escape(alt)
        );
        let mut at = None;
        let mut from = 0;
        for _ in 0..=after {
            match self.html[from..].find("</p>") {
                Some(i) => {
                    from += i + "</p>".len();
                    at = Some(from);
                }
                None => break,
            }
        }
        if let Some(at) = at {
            self.html.insert_str(at, &img);
            self.qr = Some(text.to_string());
        }
        self
    }
}

pub const PENDING: &str = "pending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub async fn enqueue(db: &impl ConnectionTrait, mail: Mail, ticket_id: Option<i32>, now: DateTime<Utc>) -> Result<(), DbErr> {
    outbox::ActiveModel {
        created_at: Set(now),
        to_addr: Set(mail.to),
        subject: Set(mail.subject),
        body_text: Set(mail.text),
        body_html: Set(mail.html),
        status: Set(PENDING.into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ticket_id: Set(ticket_id),
        calendar: Set(mail.calendar),
        qr: Set(mail.qr),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// How a worker retries.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    pub max_attempts: i32,
    pub first_delay: chrono::Duration,
    pub max_delay: chrono::Duration,
    /// How long a claimed message stays with its worker before another may take it.
    pub lease: chrono::Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 8,
            first_delay: chrono::Duration::seconds(30),
            max_delay: chrono::Duration::hours(2),
            lease: chrono::Duration::minutes(2),
        }
    }
}

impl RetryPolicy {
    /// The wait after the `attempts`-th failed attempt: first, 2×first, 4×first, … capped.
    pub fn delay_after(&self, attempts: i32) -> chrono::Duration {
        let factor = 1i32.checked_shl((attempts - 1).clamp(0, 20) as u32).unwrap_or(i32::MAX);
        let d = self.first_delay * factor;
        if d > self.max_delay {
            self.max_delay
        } else {
            d
        }
    }
}

/// Claims up to `limit` due messages for `owner`. Each claim is a conditional UPDATE that
/// only succeeds while nobody else holds an unexpired lease on the message.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    owner: &str,
    policy: &RetryPolicy,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<outbox::Model>, DbErr> {
    let free = Condition::any()
        .add(outbox::Column::LeaseUntil.is_null())
        .add(outbox::Column::LeaseUntil.lt(now));
    let candidates = outbox::Entity::find()
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .filter(free.clone())
        .order_by_asc(outbox::Column::NextAttemptAt)
        .limit(limit)
        .all(db)
        .await?;
    if candidates.is_empty() {
        return Ok(vec![]);
    }
    // One conditional UPDATE for the batch; then read back what this worker holds.
    let until = now + policy.lease;
    let ids: Vec<i32> = candidates.iter().map(|m| m.id).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::LeaseUntil, Expr::value(until))
        .col_expr(outbox::Column::LeaseOwner, Expr::value(owner))
        .filter(outbox::Column::Id.is_in(ids.clone()))
        .filter(outbox::Column::Status.eq(PENDING))
        .filter(free)
        .exec(db)
        .await?;
    outbox::Entity::find()
        .filter(outbox::Column::Id.is_in(ids))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .filter(outbox::Column::LeaseUntil.eq(until))
        .filter(outbox::Column::Status.eq(PENDING))
        .order_by_asc(outbox::Column::Id)
        .all(db)
        .await
}

/// Records successful sends (only by the lease holder), in one statement. A sent message
/// keeps its recipient and subject for the record, not its text: the text holds the links
/// (confirmation, survey) whose tokens are otherwise stored only as hashes.
pub async fn mark_sent(db: &impl ConnectionTrait, ids: &[i32], owner: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(SENT))
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::BodyText, Expr::value(""))
        .col_expr(outbox::Column::BodyHtml, Expr::value(""))
        .col_expr(outbox::Column::Calendar, Expr::value(Option::<String>::None))
        .col_expr(outbox::Column::Qr, Expr::value(Option::<String>::None))
        .col_expr(outbox::Column::Attempts, Expr::col(outbox::Column::Attempts).add(1))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .filter(outbox::Column::Id.is_in(ids.to_vec()))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(db)
        .await
        .map(|_| ())
}

/// An SMTP answer without the addresses it quotes (`550 5.1.1 <siti@…>: Recipient
/// rejected`): what is kept and logged of a failure names no one.
pub fn without_addresses(text: &str) -> String {
    use std::sync::LazyLock;
    static ADDRESS: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"[^\s<>()\[\]\x22',;:]+@[^\s<>()\[\]\x22',;:]+").expect("address pattern"));
    ADDRESS.replace_all(text, "[alamat]").into_owned()
}

/// Records a failed attempt: schedules the next one, or marks the message failed. The
/// error is kept without the addresses it may quote.
pub async fn mark_attempt_failed(
    db: &impl ConnectionTrait,
    message: &outbox::Model,
    owner: &str,
    error: &str,
    policy: &RetryPolicy,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let attempts = message.attempts + 1;
    let status = if attempts >= policy.max_attempts { FAILED } else { PENDING };
    let error: String = without_addresses(error).chars().take(500).collect();
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(status))
        .col_expr(outbox::Column::Attempts, Expr::value(attempts))
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + policy.delay_after(attempts)))
        .col_expr(outbox::Column::LeaseUntil, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
        .filter(outbox::Column::Id.eq(message.id))
        .filter(outbox::Column::LeaseOwner.eq(owner))
        .exec(db)
        .await
        .map(|_| ())
}

/// Forgets sent messages older than 90 days.
pub async fn prune_sent(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    outbox::Entity::delete_many()
        .filter(outbox::Column::Status.eq(SENT))
        .filter(outbox::Column::SentAt.lt(now - chrono::Duration::days(90)))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

/// Messages that gave up, newest first (for admins).
pub async fn failed(db: &impl ConnectionTrait) -> Result<Vec<outbox::Model>, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::Status.eq(FAILED))
        .order_by_desc(outbox::Column::Id)
        .limit(200)
        .all(db)
        .await
}

/// Puts a failed message back in the queue with a fresh set of attempts.
pub async fn retry(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<bool, DbErr> {
    let r = outbox::Entity::update_many()
        .col_expr(outbox::Column::Status, Expr::value(PENDING))
        .col_expr(outbox::Column::Attempts, Expr::value(0))
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(now))
        .filter(outbox::Column::Id.eq(id))
        .filter(outbox::Column::Status.eq(FAILED))
        .exec(db)
        .await?;
    Ok(r.rows_affected == 1)
}

/// Minimal HTML escaping for mail bodies.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Builds the text and HTML of a message from paragraphs and one call-to-action link.
pub fn compose(to: &str, subject: String, paragraphs: &[String], link: Option<(&str, &str)>, footer: &str) -> Mail {
    let mut text = String::new();
    let mut html = String::from(
        "<!doctype html><html><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c\">",
    );
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
        html.push_str("<p>");
        html.push_str(&escape(p).replace('\n', "<br>"));
        html.push_str("</p>");
    }
    if let Some((label, url)) = link {
        text.push_str(&format!("{label}:\n{url}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\" style=\"color:#1d70b8;font-weight:bold\">{}</a></p>",
            escape(url),
            escape(label)
        ));
    }
    text.push_str("-- \n");
    text.push_str(footer);
    text.push('\n');
    html.push_str(&format!("<hr><p style=\"color:#505a5f;font-size:14px\">{}</p></body></html>", escape(footer)));
    Mail { to: to.to_string(), subject, text, html, calendar: None, qr: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_caps() {
        let p = RetryPolicy::default();
        assert_eq!(p.delay_after(1), chrono::Duration::seconds(30));
        assert_eq!(p.delay_after(2), chrono::Duration::seconds(60));
        assert_eq!(p.delay_after(4), chrono::Duration::seconds(240));
        assert_eq!(p.delay_after(30), chrono::Duration::hours(2));
    }

    #[test]
    fn compose_escapes_html() {
        let m = compose("a@b.id", "S".into(), &["<b>hi</b> & bye".into()], Some(("Lihat", "https://x/?a=1&b=2")), "Portal");
        assert!(m.html.contains("&lt;b&gt;hi&lt;/b&gt; &amp; bye"));
        assert!(m.html.contains("https://x/?a=1&amp;b=2"));
        assert!(m.text.contains("<b>hi</b> & bye"));
    }
}
