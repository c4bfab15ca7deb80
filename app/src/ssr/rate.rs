//! Rate limits kept in the database (so several server processes share them): each counted
//! attempt is a row in a bucket; a bucket is full when it holds `limit` rows in the window.
use super::entities::rate_event;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Whether the bucket has room (without counting), or in how many minutes it will.
pub async fn check(db: &impl ConnectionTrait, bucket: &str, limit: u32, window: chrono::Duration) -> Result<Result<(), u32>, DbErr> {
    let now = super::now();
    let since = now - window;
    let recent = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .filter(rate_event::Column::At.gt(since))
        .count(db)
        .await?;
    if recent >= u64::from(limit) {
        let oldest = rate_event::Entity::find()
            .filter(rate_event::Column::Bucket.eq(bucket))
            .filter(rate_event::Column::At.gt(since))
            .order_by_asc(rate_event::Column::At)
            .limit(1)
            .one(db)
            .await?;
        let free_at = oldest.map(|e| e.at + window).unwrap_or(now);
        let minutes = ((free_at - now).num_seconds().max(0) as u32).div_ceil(60).max(1);
        return Ok(Err(minutes));
    }
    Ok(Ok(()))
}

/// Counts one attempt in each bucket, in one statement.
pub async fn count_all(db: &impl ConnectionTrait, buckets: &[String]) -> Result<(), DbErr> {
    let now = super::now();
    rate_event::Entity::insert_many(
        buckets.iter().map(|b| rate_event::ActiveModel { bucket: Set(b.clone()), at: Set(now), ..Default::default() }),
    )
    .exec(db)
    .await
    .map(|_| ())
}

/// Counts an attempt without checking (a failure counted after the fact).
pub async fn count(db: &impl ConnectionTrait, bucket: &str) -> Result<(), DbErr> {
    rate_event::ActiveModel { bucket: Set(bucket.to_string()), at: Set(super::now()), ..Default::default() }
        .insert(db)
        .await
        .map(|_| ())
}

/// True when the bucket is full (without counting).
pub async fn is_full(db: &impl ConnectionTrait, bucket: &str, limit: u32, window: chrono::Duration) -> Result<bool, DbErr> {
    let recent = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(bucket))
        .filter(rate_event::Column::At.gt(super::now() - window))
        .count(db)
        .await?;
    Ok(recent >= u64::from(limit))
}

/// Forgets attempts older than a day.
pub async fn prune(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    rate_event::Entity::delete_many()
        .filter(rate_event::Column::At.lt(super::now() - chrono::Duration::days(1)))
        .exec(db)
        .await
        .map(|r| r.rows_affected)
}
