//! Password hashing, login throttling and account loading.
use super::{CurrentUser, Membership};
use crate::error::AppError;
use crate::common::contact::{normalize_email, Email};
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{login_throttle, unit, unit_member, user};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, OnConflict, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use std::sync::OnceLock;

pub const SESSION_USER_KEY: &str = "user_id";

/// The account's sign-in generation when this session signed in (see `user::session_epoch`).
pub const SESSION_EPOCH_KEY: &str = "epoch";

/// A sign-in waiting for its second step: the account and when the password was right.
pub const PENDING_KEY: &str = "pending_two_step";

/// How long the second step may take after the password.
pub const PENDING_SECS: i64 = 5 * 60;

/// When the person signed in (seconds since 1970, real time): a session ends this long after
/// sign-in whatever its use, beside the inactivity limit.
pub const SESSION_SINCE_KEY: &str = "signed_in_at";

/// The longest a sign-in lasts: one working day, so a session left open on a shared counter
/// PC does not carry on into the next.
pub const SESSION_LIFETIME_SECS: i64 = 12 * 3600;

/// Seconds since 1970 by the machine's clock (a session's age is real time, whatever the
/// portal's own clock says).
pub fn wall_seconds() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// Whether a sign-in made at `since` still holds at `now` (a session without the time, from
/// before it was kept, does not).
pub fn sign_in_holds(since: Option<i64>, now: i64) -> bool {
    since.is_some_and(|s| (0..=SESSION_LIFETIME_SECS).contains(&(now - s)))
}

/// Failed sign-ins allowed per account within the window before it is locked for a while.
pub const MAX_FAILURES_PER_EMAIL: i32 = 5;
/// Failed sign-ins allowed from one address within the window.
pub const MAX_FAILURES_PER_IP: i32 = 20;
pub const WINDOW_MINUTES: i64 = 15;
pub const LOCK_MINUTES: i64 = 15;

pub use super::password::MIN_PASSWORD_CHARS;

pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _permit = ARGON2_PERMITS.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// Password checks running at once: each takes about 19 MiB and a core for a moment, so a
/// burst of sign-ins waits its turn instead of exhausting memory.
static ARGON2_PERMITS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(4);

pub(crate) async fn verify_password(password: String, hash: String) -> bool {
    let Ok(_permit) = ARGON2_PERMITS.acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// A hash to check against when the account does not exist, so that an unknown address
/// takes as long to refuse as a wrong password.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"not-a-real-password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}



/// The client's address: from the connection, or behind a trusted reverse proxy from the
/// entry that proxy appended to `X-Forwarded-For`.
pub fn client_ip() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let behind_proxy = crate::ssr::state().map(|s| s.settings.trusted_proxy).unwrap_or(false);
    let forwarded = behind_proxy.then(|| forwarded_client(parts.headers.get("x-forwarded-for").and_then(|v| v.to_str().ok())));
    // A request that reached the portal without the proxy's header (sent around the proxy,
    // or a proxy that forgot it) counts under its own connection's address, never under one
    // bucket shared by every such client.
    forwarded.flatten().or_else(|| {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|ci| ci.0.ip().to_string())
    })
}

/// Who a rate limit counts: the client's address (see `client_ip`), an IPv6 client by its
/// /64 (one household or phone gets a whole /64 and can change address within it at will),
/// or "unknown" for a request with no connection at all (only calls made inside the process).
pub fn client_key() -> String {
    client_ip().map(|ip| limit_key(&ip)).unwrap_or_else(|| "unknown".to_string())
}

/// The part of an address a limit counts: an IPv4 address whole, an IPv6 one by its /64.
pub fn limit_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_none() => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(std::net::IpAddr::V6(v6)) => v6.to_ipv4_mapped().map(|v4| v4.to_string()).unwrap_or_default(),
        _ => ip.to_string(),
    }
}

/// The last address of an `X-Forwarded-For` list: the only one a trusted proxy vouches for.
pub fn forwarded_client(header: Option<&str>) -> Option<String> {
    header?
        .rsplit(',')
        .map(str::trim)
        .find(|s| !s.is_empty())
        .and_then(|s| s.parse::<std::net::IpAddr>().ok())
        .map(|ip| ip.to_string())
}

/// Refuses at once while `key` is locked (the wait in minutes).
pub(crate) async fn refuse_if_locked(db: &impl ConnectionTrait, key: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    match locked_minutes(db, key, now).await? {
        Some(minutes) => Err(AppError::RateLimited { retry_after_minutes: minutes }),
        None => Ok(()),
    }
}

/// Failures counted against `key` in its window now.
async fn failures_of(db: &impl ConnectionTrait, key: &str) -> Result<i32, AppError> {
    Ok(login_throttle::Entity::find_by_id(key.to_string()).one(db).await?.map(|r| r.failures).unwrap_or(0))
}

async fn locked_minutes(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<u32>, AppError> {
    let row = login_throttle::Entity::find_by_id(key.to_string()).one(db).await?;
    Ok(row.and_then(|r| r.locked_until).filter(|until| *until > now).map(|until| {
        let secs = (until - now).num_seconds().max(1);
        ((secs + 59) / 60) as u32
    }))
}

/// Counts one failed sign-in against `key`, locking it at `limit` failures within the
/// window. Counted by the database itself, so failures arriving together are each counted
/// and the first two at once make one row.
pub(crate) async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    limit: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use login_throttle::Column as C;
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_string()),
        failures: Set(0),
        window_start: Set(now),
        locked_until: Set(None),
    })
    .on_conflict(OnConflict::column(C::Key).do_nothing().to_owned())
    .do_nothing()
    .exec_without_returning(db)
    .await?;
    // A window older than WINDOW_MINUTES starts again at this failure.
    let stale = || Expr::col(C::WindowStart).lt(now - Duration::minutes(WINDOW_MINUTES));
    let failures = || -> SimpleExpr { Expr::case(stale(), 1).finally(Expr::col(C::Failures).add(1)).into() };
    let locked: SimpleExpr = Expr::case(Expr::expr(failures()).gte(limit), Expr::value(Some(now + Duration::minutes(LOCK_MINUTES))))
        .finally(Expr::col(C::LockedUntil))
        .into();
    let window: SimpleExpr = Expr::case(stale(), Expr::value(now)).finally(Expr::col(C::WindowStart)).into();
    login_throttle::Entity::update_many()
        .col_expr(C::LockedUntil, locked)
        .col_expr(C::Failures, failures())
        .col_expr(C::WindowStart, window)
        .filter(C::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

/// Checks an email address and password. Unknown account and wrong password give the same
/// answer; repeated failures lock the account (and the address) for a while.
#[tracing::instrument(skip_all)]
pub async fn authenticate(
    db: &impl ConnectionTrait,
    email: &str,
    password: &str,
    ip: Option<&str>,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    let email = normalize_email(email);
    let mut missing = FieldErrors::default();
    missing.text("email", &email, true, 254);
    missing.text("password", password, true, 1024);
    missing.into_result()?;

    let email_key = format!("email:{email}");
    let ip_key = ip.map(|ip| format!("ip:{ip}"));
    for key in std::iter::once(&email_key).chain(ip_key.iter()) {
        refuse_if_locked(db, key, now).await?;
    }
    // Each attempt is counted before its password is checked, by the database itself: of
    // many attempts at once, no more than the limit are ever checked. A right password
    // takes its count back below.
    record_failure(db, &email_key, MAX_FAILURES_PER_EMAIL, now).await?;
    if let Some(k) = &ip_key {
        record_failure(db, k, MAX_FAILURES_PER_IP, now).await?;
    }
    if failures_of(db, &email_key).await? > MAX_FAILURES_PER_EMAIL {
        refuse_if_locked(db, &email_key, now).await?;
    }
    if let Some(k) = &ip_key {
        if failures_of(db, k).await? > MAX_FAILURES_PER_IP {
            refuse_if_locked(db, k, now).await?;
        }
    }

    let found = user::Entity::find()
        .filter(user::Column::Email.eq(email.clone()))
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?;
    let hash = found
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let ok = verify_password(password.to_string(), hash).await && found.is_some();

    match (ok, found) {
        (true, Some(user)) => {
            login_throttle::Entity::delete_by_id(email_key).exec(db).await?;
            if let Some(k) = &ip_key {
                use login_throttle::Column as C;
                let unlocked: SimpleExpr = Expr::case(Expr::col(C::Failures).lt(MAX_FAILURES_PER_IP + 1), Expr::value(Option::<DateTime<Utc>>::None))
                    .finally(Expr::col(C::LockedUntil))
                    .into();
                login_throttle::Entity::update_many()
                    .col_expr(C::LockedUntil, unlocked)
                    .col_expr(login_throttle::Column::Failures, Expr::col(login_throttle::Column::Failures).sub(1))
                    .filter(login_throttle::Column::Key.eq(k.as_str()))
                    .filter(login_throttle::Column::Failures.gt(0))
                    .exec(db)
                    .await?;
            }
            Ok(user)
        }
        _ => {
            let mut e = FieldErrors::default();
            e.add("email", Problem::BadCredentials);
            Err(AppError::Invalid(e))
        }
    }
}

pub async fn load_user(db: &impl ConnectionTrait, user_id: i32) -> Result<Option<CurrentUser>, AppError> {
    let Some(u) = user::Entity::find_by_id(user_id)
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rows = unit_member::Entity::find()
        .filter(unit_member::Column::UserId.eq(u.id))
        .find_also_related(unit::Entity)
        .order_by_asc(unit_member::Column::UnitId)
        .all(db)
        .await?;
    let memberships = rows
        .into_iter()
        .filter_map(|(m, unit)| {
            let unit = unit?;
            Some(Membership {
                unit_id: unit.id,
                unit_name: unit.name,
                unit_slug: unit.slug,
                role: m.role,
            })
        })
        .collect();
    Ok(Some(CurrentUser { id: u.id, name: u.name, email: u.email, is_admin: u.is_admin, two_step: u.totp_secret.is_some(), memberships }))
}

/// The id of the signed-in person, from the session alone (no account lookup).
pub async fn signed_in_user_id() -> Result<Option<i32>, AppError> {
    user_id_in(&crate::ssr::session().await?).await
}

async fn user_id_in(session: &tower_sessions::Session) -> Result<Option<i32>, AppError> {
    let read = |e: tower_sessions::session::Error| {
        tracing::error!(error = %e, "session read failed");
        AppError::Internal
    };
    let Some(id) = session.get::<i32>(SESSION_USER_KEY).await.map_err(read)? else { return Ok(None) };
    let since = session.get::<i64>(SESSION_SINCE_KEY).await.map_err(read)?;
    Ok(sign_in_holds(since, wall_seconds()).then_some(id))
}

/// The person signed in to `session`, if any: for handlers outside server functions. A
/// session from before the account's last "sign out everywhere", password change or
/// switch-off no longer counts.
pub async fn user_of_session(db: &sea_orm::DatabaseConnection, session: &tower_sessions::Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(id) = user_id_in(session).await? else { return Ok(None) };
    let epoch = session.get::<i32>(SESSION_EPOCH_KEY).await.ok().flatten().unwrap_or(0);
    let current = user::Entity::find_by_id(id).filter(user::Column::Active.eq(true)).one(db).await?;
    match current {
        Some(u) if u.session_epoch == epoch => load_user(db, id).await,
        _ => Ok(None),
    }
}

/// Makes `session` signed in as `u`: a new session id (so an id planted before cannot be
/// ridden), the time, and the account's sign-in generation.
pub async fn sign_in_session(session: &tower_sessions::Session, u: &user::Model) -> Result<(), AppError> {
    let failed = |e: tower_sessions::session::Error| {
        tracing::error!(error = %e, "session write failed");
        AppError::Internal
    };
    session.cycle_id().await.map_err(failed)?;
    session.remove::<(i32, i64)>(PENDING_KEY).await.map_err(failed)?;
    session.insert(SESSION_SINCE_KEY, wall_seconds()).await.map_err(failed)?;
    session.insert(SESSION_EPOCH_KEY, u.session_epoch).await.map_err(failed)?;
    session.insert(SESSION_USER_KEY, u.id).await.map_err(failed)?;
    tracing::info!(user_id = u.id, "signed in");
    Ok(())
}

/// The signed-in person of this request, if any.
pub async fn current_user() -> Result<Option<CurrentUser>, AppError> {
    user_of_session(&crate::ssr::db()?, &crate::ssr::session().await?).await
}

pub async fn require_user() -> Result<CurrentUser, AppError> {
    current_user().await?.ok_or(AppError::Unauthenticated)
}

/// A signed-in admin who signs in with a second factor; an admin without one is sent to
/// turn it on first.
pub async fn require_admin() -> Result<CurrentUser, AppError> {
    let u = require_user().await?;
    if !u.is_admin {
        Err(AppError::Forbidden)
    } else if !u.two_step {
        Err(AppError::TwoStepRequired)
    } else {
        Ok(u)
    }
}

/// A signed-in manager of `unit_id` (or an admin). Others get "not found" so that the
/// existence of other units' records is not revealed.
/// The signed-in manager of a unit (or an admin) and the unit; otherwise 401/403/404.
pub async fn managed_unit(unit_id: i32) -> Result<(CurrentUser, unit::Model), AppError> {
    let user = require_manager_of(unit_id).await?;
    let u = unit::Entity::find_by_id(unit_id).one(&crate::ssr::db()?).await?.ok_or(AppError::NotFound)?;
    Ok((user, u))
}

pub async fn require_manager_of(unit_id: i32) -> Result<CurrentUser, AppError> {
    let u = require_user().await?;
    if u.can_manage(unit_id) {
        Ok(u)
    } else {
        Err(AppError::NotFound)
    }
}

pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub password: String,
    pub is_admin: bool,
}

/// Creates an account after checking every answer, the password's strength included.
#[tracing::instrument(skip_all)]
pub async fn create_account(
    db: &impl ConnectionTrait,
    input: NewAccount,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<user::Model, AppError> {
    insert_account(db, input, actor, now, true).await
}

/// Creates one of the demo's accounts, whose password is public by design (the README
/// prints it): only the demo loader calls this, and the demo loads only when asked.
pub async fn create_demo_account(db: &impl ConnectionTrait, input: NewAccount, now: DateTime<Utc>) -> Result<user::Model, AppError> {
    insert_account(db, input, None, now, false).await
}

async fn insert_account(
    db: &impl ConnectionTrait,
    input: NewAccount,
    actor: Option<i32>,
    now: DateTime<Utc>,
    judge_password: bool,
) -> Result<user::Model, AppError> {
    let email = normalize_email(&input.email);
    let mut errors = FieldErrors::default();
    errors.text("name", &input.name, true, 120);
    errors.parsed("email", &email, Email::parse);
    if judge_password {
        let mut known: Vec<&str> = input.name.split_whitespace().collect();
        known.extend(email.split(['@', '.']));
        known.push(&email);
        super::password::check_new(&mut errors, "password", &input.password, &known);
    } else if input.password.chars().count() < MIN_PASSWORD_CHARS {
        errors.add("password", Problem::TooShort { min: MIN_PASSWORD_CHARS });
    }
    if errors.is_empty()
        && user::Entity::find().filter(user::Column::Email.eq(email.clone())).one(db).await?.is_some()
    {
        errors.add("email", Problem::Taken);
    }
    errors.into_result()?;

    let hash = hash_password(input.password).await?;
    let created = user::ActiveModel {
        email: Set(email),
        name: Set(input.name.trim().to_string()),
        password_hash: Set(hash),
        is_admin: Set(input.is_admin),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(AppError::taken_on("email"))?;
    crate::ssr::audit::record(
        db,
        actor,
        "account.create",
        "user",
        created.id,
        serde_json::json!({ "is_admin": created.is_admin }),
        now,
    )
    .await?;
    Ok(created)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_takes_the_proxy_entry() {
        assert_eq!(forwarded_client(Some("1.2.3.4, 10.0.0.9")).as_deref(), Some("10.0.0.9"));
        assert_eq!(forwarded_client(Some("spoofed")), None);
        assert_eq!(forwarded_client(None), None);
    }

    #[test]
    fn a_sign_in_lasts_a_working_day_at_most() {
        let now = 1_800_000_000;
        assert!(sign_in_holds(Some(now - 60), now));
        assert!(sign_in_holds(Some(now - SESSION_LIFETIME_SECS), now));
        assert!(!sign_in_holds(Some(now - SESSION_LIFETIME_SECS - 1), now), "past twelve hours");
        assert!(!sign_in_holds(None, now), "a session from before the time was kept");
        assert!(!sign_in_holds(Some(now + 3600), now), "a time in the future is not trusted");
    }

    #[test]
    fn limits_count_an_ipv6_client_by_its_64() {
        assert_eq!(limit_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(limit_key("2001:db8:1:2:ffff:1:2:3"), limit_key("2001:db8:1:2::9"), "one /64, one bucket");
        assert_ne!(limit_key("2001:db8:1:2::1"), limit_key("2001:db8:1:3::1"));
        assert_eq!(limit_key("::ffff:10.1.2.3"), "10.1.2.3", "a mapped IPv4 address counts as itself");
        assert_eq!(limit_key("10.1.2.3"), "10.1.2.3");
    }
}
