//! Rate limits kept in the database (so several server processes share them): each counted
//! attempt is a row in a bucket; a bucket is full when it holds `limit` rows in the window.
use super::entities::rate_event;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Whether the bucket has room (without counting), or in how many minutes it will.
pub async fn check(
    db: &impl ConnectionTrait,
    bucket: &str,
    limit: u32,
    window: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Result<(), u32>, DbErr> {
    check_all(db, &[(bucket.to_string(), limit)], window, now).await
}

/// `check` for several buckets with one count: the first full one decides.
pub async fn check_all(
    db: &impl ConnectionTrait,
    buckets: &[(String, u32)],
    window: chrono::Duration,
    now: DateTime<Utc>,
) -> Result<Result<(), u32>, DbErr> {
    let since = now - window;
    let counts: Vec<(String, i64)> = rate_event::Entity::find()
        .select_only()
        .column(rate_event::Column::Bucket)
        .column_as(rate_event::Column::Id.count(), "n")
        .filter(rate_event::Column::Bucket.is_in(buckets.iter().map(|(b, _)| b.as_str())))
        .filter(rate_event::Column::At.gt(since))
        .group_by(rate_event::Column::Bucket)
        .into_tuple()
        .all(db)
        .await?;
    let full = buckets.iter().find(|(bucket, limit)| {
        let recent = counts.iter().find(|(b, _)| b == bucket).map_or(0, |(_, n)| *n);
        recent >= i64::from(*limit)
    });
    let Some((bucket, _)) = full else { return Ok(Ok(())) };
    let oldest = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket.as_str()))
        .filter(rate_event::Column::At.gt(since))
        .order_by_asc(rate_event::Column::At)
        .limit(1)
        .one(db)
        .await?;
    let free_at = oldest.map(|e| e.at + window).unwrap_or(now);
    let minutes = ((free_at - now).num_seconds().max(0) as u32).div_ceil(60).max(1);
    Ok(Err(minutes))
}

/// Counts one attempt in each bucket, in one statement.
pub async fn count_all(db: &impl ConnectionTrait, buckets: &[String], now: DateTime<Utc>) -> Result<(), DbErr> {
    rate_event::Entity::insert_many(
        buckets.iter().map(|b| rate_event::ActiveModel { bucket: Set(b.clone()), at: Set(now), ..Default::default() }),
    )
    .exec(db)
    .await
    .map(|_| ())
}

/// Counts an attempt without checking (a failure counted after the fact).
pub async fn count(db: &impl ConnectionTrait, bucket: &str, now: DateTime<Utc>) -> Result<(), DbErr> {
    rate_event::ActiveModel { bucket: Set(bucket.to_string()), at: Set(now), ..Default::default() }
        .insert(db)
        .await
        .map(|_| ())
}

/// Forgets attempts older than a day.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    rate_event::Entity::delete_many()
        .filter(rate_event::Column::At.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}

/// Every rate limit of the portal, in one table: each has its bucket prefix and window; the
/// number allowed is `LOOKUP_LIMIT` for lookups and a setting (or the key's own) for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Tracking codes tried from one client.
    TicketLookup,
    /// Booking codes tried from one client.
    BookingLookup,
    /// Reports sent from one client address per hour.
    ReportsFromClient,
    /// Reports sent from one e-mail address per hour.
    ReportsFromEmail,
    /// Reports sent with one Open311 key per hour.
    Open311Key,
    /// Searches of the public register from one client.
    RegisterSearch,
    /// Attachments received from one client with report forms (sent on or not).
    UploadsFromClient,
    /// Appointments booked from one client.
    BookingsFromClient,
    /// Attachments received from everyone with report forms: bounds what unsent files take.
    UploadsAll,
    /// Password-reset links asked for from one client per hour.
    ResetsFromClient,
}

/// Reset links one client may ask for per hour (each mails someone).
pub const RESETS_PER_CLIENT: u32 = 5;

/// Wrong codes one client may try in a lookup window.
pub const LOOKUP_LIMIT: u32 = 10;

/// Register searches one client may make in its window: plenty for a person reading, too few
/// to probe a text character by character.
pub const SEARCH_LIMIT: u32 = 60;

/// Attachments one client may send per hour: a person sends a few; a script filling the
/// disk is stopped at 20 (100 MB at most).
pub const UPLOADS_PER_CLIENT: u32 = 20;

/// Attachments everyone together may send in three hours (unsent ones are removed after two
/// to three hours): at 5 MB each, at most 15 GB waiting on disk, whatever the number of
/// clients.
pub const UPLOADS_ALL: u32 = 3000;

/// Counts one attempt in `bucket`, or refuses it with the real wait once the bucket is full.
pub async fn take(db: &impl ConnectionTrait, limit: Limit, who: &str, allowed: u32, now: DateTime<Utc>) -> Result<(), AppError> {
    let bucket = limit.bucket(who);
    if let Err(minutes) = check(db, &bucket, allowed, limit.window(), now).await? {
        return Err(AppError::RateLimited { retry_after_minutes: minutes });
    }
    count(db, &bucket, now).await?;
    Ok(())
}

impl Limit {
    pub const fn prefix(self) -> &'static str {
        match self {
            Limit::TicketLookup => "lookup-ip:",
            Limit::BookingLookup => "booking-ip:",
            Limit::ReportsFromClient => "report-ip:",
            Limit::ReportsFromEmail => "report-email:",
            Limit::Open311Key => "open311-key:",
            Limit::RegisterSearch => "register-ip:",
            Limit::UploadsFromClient => "upload-ip:",
            Limit::BookingsFromClient => "booking-made-ip:",
            Limit::UploadsAll => "upload-all:",
            Limit::ResetsFromClient => "reset-ip:",
        }
    }
    pub fn window(self) -> chrono::Duration {
        match self {
            Limit::TicketLookup | Limit::BookingLookup | Limit::RegisterSearch => chrono::Duration::minutes(15),
            Limit::UploadsAll => chrono::Duration::hours(3),
            _ => chrono::Duration::hours(1),
        }
    }
    /// The bucket of `who` (a client address, an e-mail address, a key's id).
    pub fn bucket(self, who: &str) -> String {
        format!("{}{who}", self.prefix())
    }
}

/// Looks something up by a code a client holds, counting misses against the client so
/// that codes cannot be found by trying: `NotFound` for a miss, `RateLimited` (with the
/// real wait) once the client tried too many.
pub async fn guarded_lookup<T, Fut>(
    db: &impl ConnectionTrait,
    limit: Limit,
    client: &str,
    now: DateTime<Utc>,
    find: impl FnOnce() -> Fut,
) -> Result<T, AppError>
where
    Fut: std::future::Future<Output = Result<Option<T>, AppError>>,
{
    let bucket = limit.bucket(client);
    if let Err(minutes) = check(db, &bucket, LOOKUP_LIMIT, limit.window(), now).await? {
        return Err(AppError::RateLimited { retry_after_minutes: minutes });
    }
    match find().await? {
        Some(found) => Ok(found),
        None => {
            count(db, &bucket, now).await?;
            Err(AppError::NotFound)
        }
    }
}
