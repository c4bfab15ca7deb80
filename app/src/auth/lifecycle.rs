//! An account's life after it is made: a new password (the current one asked again), a
//! reset by a mailed single-use link, signing out everywhere, switching an account off and
//! on, and the second factor (TOTP with recovery codes). Each step is in the audit log and
//! mailed to the account's owner, so a change nobody asked for is noticed.
use super::password;
use super::ssr::{hash_password, verify_password};
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::ssr::entities::{login_throttle, password_reset, recovery_code, user};
use crate::ssr::outbox::{compose, enqueue, Mail};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use sha2::{Digest, Sha256};

/// How long a reset link holds.
pub const RESET_LINK_MINUTES: i64 = 60;
/// Recovery codes made when the second factor is turned on.
pub const RECOVERY_CODES: usize = 10;

fn sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A mail to the account's owner about a change to the account, in both languages, with
/// what to do if it was not them.
fn notice(to: &str, subject: (&str, &str), what: (&str, &str), public_url: &str) -> Mail {
    let help = crate::ssr::links::url(public_url, "/lupa-sandi");
    compose(
        to,
        format!("{} / {}", subject.0, subject.1),
        &[
            what.0.to_string(),
            "Jika bukan Anda yang melakukannya, segera atur ulang kata sandi melalui tautan di bawah dan hubungi admin portal.".into(),
            what.1.to_string(),
            "If this was not you, reset your password at once with the link below and tell the portal's admin.".into(),
        ],
        Some(("Atur ulang kata sandi / Reset the password", &help)),
        "Portal Layanan Publik — email ini dikirim otomatis / sent automatically",
    )
}

/// Records a change to the account in the audit log and mails its owner about it, in the
/// caller's transaction.
#[allow(clippy::too_many_arguments)]
async fn record_and_tell(
    db: &impl ConnectionTrait,
    actor: Option<i32>,
    action: &str,
    u: &user::Model,
    subject: (&str, &str),
    what: (&str, &str),
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    crate::ssr::audit::record(db, actor, action, "user", u.id, serde_json::json!({}), now).await?;
    enqueue(db, notice(&u.email, subject, what, public_url), None, now).await?;
    Ok(())
}

/// Raises the account's sign-in generation: every session made before ends at its next
/// request. Returns the new generation (for the session that stays, if one does).
async fn next_epoch(db: &impl ConnectionTrait, user_id: i32) -> Result<i32, AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::SessionEpoch, Expr::col(user::Column::SessionEpoch).add(1))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    Ok(u.session_epoch)
}

fn known_words(u: &user::Model) -> Vec<String> {
    let mut words: Vec<String> = u.name.split_whitespace().map(str::to_string).collect();
    words.push(u.email.clone());
    words.extend(u.email.split(['@', '.']).map(str::to_string));
    words
}

fn check_pair(errors: &mut FieldErrors, u: &user::Model, new: &str, repeat: &str) {
    let words = known_words(u);
    let known: Vec<&str> = words.iter().map(String::as_str).collect();
    password::check_new(errors, "new_password", new, &known);
    if errors.get("new_password").is_none() && new != repeat {
        errors.add("repeat_password", Problem::PasswordsDiffer);
    }
}

/// Sets a new password after checking the current one; every other session of the account
/// ends. Returns the sign-in generation the current session is to carry.
pub async fn change_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    user_id: i32,
    current: &str,
    new: &str,
    repeat: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let u = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.active).ok_or(AppError::Unauthenticated)?;
    let mut errors = FieldErrors::default();
    if current.is_empty() {
        errors.add("current_password", Problem::Required);
    } else if !verify_password(current.to_string(), u.password_hash.clone()).await {
        errors.add("current_password", Problem::WrongPassword);
    }
    check_pair(&mut errors, &u, new, repeat);
    if errors.get("new_password").is_none() && !new.is_empty() && new == current {
        errors.add("new_password", Problem::Taken);
    }
    errors.into_result()?;
    let hash = hash_password(new.to_string()).await?;
    let txn = crate::ssr::begin_write(db).await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    let epoch = next_epoch(&txn, user_id).await?;
    record_and_tell(
        &txn,
        Some(user_id),
        "account.password_change",
        &u,
        ("Kata sandi akun Anda diubah", "Your account's password was changed"),
        (
            "Kata sandi akun Anda di Portal Layanan Publik baru saja diubah. Semua perangkat lain yang masuk dengan akun ini telah dikeluarkan.",
            "The password of your Public Service Portal account was just changed. Every other device signed in to it was signed out.",
        ),
        public_url,
        now,
    ).await?;
    txn.commit().await?;
    Ok(epoch)
}

/// Ends every session of the account but the one that asked. Returns the generation that
/// session is to carry.
pub async fn sign_out_elsewhere(
    db: &(impl ConnectionTrait + TransactionTrait),
    user_id: i32,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::Unauthenticated)?;
    let txn = crate::ssr::begin_write(db).await?;
    let epoch = next_epoch(&txn, user_id).await?;
    record_and_tell(
        &txn,
        Some(user_id),
        "account.sign_out_all",
        &u,
        ("Akun Anda dikeluarkan dari perangkat lain", "Your account was signed out elsewhere"),
        (
            "Atas permintaan Anda, semua perangkat lain yang masuk dengan akun Anda telah dikeluarkan.",
            "As you asked, every other device signed in to your account was signed out.",
        ),
        public_url,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(epoch)
}

/// Mails a reset link if an active account has this address. The answer is the same
/// either way (nothing tells whether an address has an account); at most three links per
/// account an hour are sent.
pub async fn request_reset(
    db: &(impl ConnectionTrait + TransactionTrait),
    email: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let email = crate::common::contact::normalize_email(email);
    let mut errors = FieldErrors::default();
    errors.parsed("email", &email, crate::common::contact::Email::parse);
    errors.into_result()?;
    let Some(u) = user::Entity::find().filter(user::Column::Email.eq(email)).filter(user::Column::Active.eq(true)).one(db).await? else {
        return Ok(());
    };
    let recent = password_reset::Entity::find()
        .filter(password_reset::Column::UserId.eq(u.id))
        .filter(password_reset::Column::CreatedAt.gt(now - Duration::hours(1)))
        .all(db)
        .await?;
    if recent.len() >= 3 {
        return Ok(());
    }
    let token = crate::ssr::token::random_hex(32);
    let link = crate::ssr::links::url(public_url, &format!("/atur-sandi/{token}"));
    let txn = crate::ssr::begin_write(db).await?;
    password_reset::ActiveModel {
        user_id: Set(u.id),
        token_hash: Set(sha256(&token)),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(RESET_LINK_MINUTES)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::ssr::audit::record(&txn, None, "account.reset_request", "user", u.id, serde_json::json!({}), now).await?;
    let mail = compose(
        &u.email,
        "Atur ulang kata sandi / Reset your password".into(),
        &[
            format!("Seseorang meminta atur ulang kata sandi akun {} di Portal Layanan Publik. Tautan di bawah berlaku satu jam dan hanya sekali.", u.email),
            "Jika bukan Anda yang meminta, abaikan email ini: kata sandi Anda tetap.".into(),
            format!("Someone asked to reset the password of the account {} on the Public Service Portal. The link below works once, within an hour.", u.email),
            "If it was not you, ignore this e-mail: your password stays as it is.".into(),
        ],
        Some(("Buat kata sandi baru / Choose a new password", &link)),
        "Portal Layanan Publik — email ini dikirim otomatis / sent automatically",
    );
    enqueue(&txn, mail, None, now).await?;
    txn.commit().await?;
    Ok(())
}

async fn live_reset(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<Option<password_reset::Model>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(sha256(&token.to_ascii_lowercase())))
        .one(db)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now))
}

/// Whether a reset link can still be used (the page asks before showing the form).
pub async fn reset_link_holds(db: &impl ConnectionTrait, token: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    Ok(live_reset(db, token, now).await?.is_some())
}

/// Sets a new password with a reset link: the link is spent, every session of the account
/// ends, and the sign-in lock on the address is lifted.
pub async fn reset_password(
    db: &(impl ConnectionTrait + TransactionTrait),
    token: &str,
    new: &str,
    repeat: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let invalid = || {
        let mut e = FieldErrors::default();
        e.add("new_password", Problem::ResetLinkInvalid);
        AppError::Invalid(e)
    };
    let reset = live_reset(db, token, now).await?.ok_or_else(invalid)?;
    let u = user::Entity::find_by_id(reset.user_id).one(db).await?.filter(|u| u.active).ok_or_else(invalid)?;
    let mut errors = FieldErrors::default();
    check_pair(&mut errors, &u, new, repeat);
    errors.into_result()?;
    let hash = hash_password(new.to_string()).await?;
    let txn = crate::ssr::begin_write(db).await?;
    // Spent once: of two requests with one link at once, only one sets the password.
    let spent = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected != 1 {
        return Err(invalid());
    }
    // Other links of the account end too.
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::UserId.eq(u.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, Expr::value(hash))
        .filter(user::Column::Id.eq(u.id))
        .exec(&txn)
        .await?;
    next_epoch(&txn, u.id).await?;
    login_throttle::Entity::delete_by_id(format!("email:{}", u.email)).exec(&txn).await?;
    record_and_tell(
        &txn,
        None,
        "account.reset",
        &u,
        ("Kata sandi akun Anda diatur ulang", "Your account's password was reset"),
        (
            "Kata sandi akun Anda di Portal Layanan Publik baru saja diatur ulang melalui tautan email. Semua perangkat yang masuk dengan akun ini telah dikeluarkan.",
            "The password of your Public Service Portal account was just reset with an e-mailed link. Every device signed in to it was signed out.",
        ),
        public_url,
        now,
    ).await?;
    txn.commit().await?;
    Ok(())
}

/// Switches an account off or on, in the caller's transaction (admins only; not one's own).
/// Switched off, its sessions end at once; what it held elsewhere (reports) is for the
/// caller to hand back (see `admin::ssr::set_account_active`). False when it already was so.
pub async fn set_active(
    db: &impl ConnectionTrait,
    actor: i32,
    user_id: i32,
    active: bool,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    if actor == user_id {
        return Err(AppError::Forbidden);
    }
    let u = user::Entity::find_by_id(user_id).one(db).await?.ok_or(AppError::NotFound)?;
    if u.active == active {
        return Ok(false);
    }
    user::Entity::update_many().col_expr(user::Column::Active, Expr::value(active)).filter(user::Column::Id.eq(user_id)).exec(db).await?;
    next_epoch(db, user_id).await?;
    let (action, subject, what) = if active {
        (
            "account.reactivate",
            ("Akun Anda diaktifkan kembali", "Your account was switched on again"),
            (
                "Admin portal mengaktifkan kembali akun Anda di Portal Layanan Publik.",
                "The portal's admin switched your Public Service Portal account on again.",
            ),
        )
    } else {
        (
            "account.deactivate",
            ("Akun Anda dinonaktifkan", "Your account was switched off"),
            (
                "Admin portal menonaktifkan akun Anda di Portal Layanan Publik. Anda tidak dapat masuk lagi, dan laporan yang Anda pegang dikembalikan ke antrean unit.",
                "The portal's admin switched your Public Service Portal account off. You can no longer sign in, and the reports you held went back to the unit's queue.",
            ),
        )
    };
    record_and_tell(
        db,
        Some(actor),
        action,
        &u,
        subject,
        what,
        public_url,
        now,
    ).await?;
    Ok(true)
}

// ---- Second factor ----

/// A TOTP for `secret` (base32): six digits, 30-second steps, SHA-1, as every authenticator
/// app reads from the QR code.
fn totp_of(secret: &str) -> Option<totp_rs::Totp> {
    let secret = totp_rs::Secret::try_from_base32(secret).ok()?;
    totp_rs::Builder::new()
        .with_algorithm(totp_rs::Algorithm::SHA1)
        .with_digits(6)
        .with_skew(0)
        .with_step_duration(30)
        .with_secret(secret)
        .build()
        .ok()
}

/// A new secret (160 bits) in base32, to show and put in the QR code.
pub fn new_totp_secret() -> String {
    use rand::RngCore;
    let mut buf = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    totp_rs::Secret::from(buf.to_vec()).to_base32()
}

/// The `otpauth://` address an authenticator app reads from the QR code.
pub fn totp_uri(secret: &str, email: &str) -> String {
    let enc = |s: &str| crate::ui::encode_component(s);
    format!("otpauth://totp/{}:{}?secret={secret}&issuer={}&algorithm=SHA1&digits=6&period=30", enc("Layanan"), enc(email), enc("Layanan"))
}

/// The six digits an authenticator app shows for `secret` at `at_secs`.
pub fn totp_code(secret: &str, at_secs: i64) -> Option<String> {
    Some(totp_of(secret)?.generate(at_secs.max(0) as u64).to_string())
}

/// The step a six-digit code is right for at `at_secs` (this step, the one before or the
/// one after, for clocks a little apart), if any.
pub fn totp_step(secret: &str, code: &str, at_secs: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace() && *c != '-').collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = totp_of(secret)?;
    let step = at_secs.div_euclid(30);
    [step - 1, step, step + 1].into_iter().find(|s| *s >= 0 && totp.generate((*s * 30) as u64).to_string() == code)
}

fn new_recovery_code() -> String {
    // 10 characters of an alphabet without look-alikes: 50 bits, typed as xxxxx-xxxxx.
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let raw: String = (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect();
    format!("{}-{}", &raw[..5], &raw[5..])
}

fn recovery_key(code: &str) -> String {
    sha256(&code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_lowercase())
}

/// Turns the second factor on once the person typed a right code from the app for the
/// secret shown to them; returns the recovery codes (shown once, kept only as hashes).
pub async fn enable_totp(
    db: &(impl ConnectionTrait + TransactionTrait),
    user_id: i32,
    secret: &str,
    code: &str,
    public_url: &str,
    now: DateTime<Utc>,
    wall_secs: i64,
) -> Result<Vec<String>, AppError> {
    let u = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.active).ok_or(AppError::Unauthenticated)?;
    if u.totp_secret.is_some() {
        return Err(AppError::Conflict);
    }
    let Some(step) = totp_step(secret, code, wall_secs) else {
        let mut e = FieldErrors::default();
        e.add("code", Problem::InvalidOneTimeCode);
        return Err(AppError::Invalid(e));
    };
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let txn = crate::ssr::begin_write(db).await?;
    let mut am: user::ActiveModel = u.clone().into();
    am.totp_secret = Set(Some(secret.to_string()));
    am.totp_since = Set(Some(now));
    am.totp_last_step = Set(Some(step));
    am.update(&txn).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(&txn).await?;
    for c in &codes {
        recovery_code::ActiveModel { user_id: Set(user_id), code_hash: Set(recovery_key(c)), used_at: Set(None), ..Default::default() }
            .insert(&txn)
            .await?;
    }
    record_and_tell(
        &txn,
        Some(user_id),
        "account.two_step_on",
        &u,
        ("Verifikasi dua langkah diaktifkan", "Two-step sign-in turned on"),
        (
            "Verifikasi dua langkah diaktifkan untuk akun Anda: setiap kali masuk, portal meminta kode dari aplikasi autentikator Anda.",
            "Two-step sign-in was turned on for your account: every sign-in asks for a code from your authenticator app.",
        ),
        public_url,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(codes)
}

/// Turns the second factor off (the password asked again). Admins cannot: they must use it.
pub async fn disable_totp(
    db: &(impl ConnectionTrait + TransactionTrait),
    user_id: i32,
    password: &str,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let u = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.active).ok_or(AppError::Unauthenticated)?;
    if u.is_admin {
        return Err(AppError::Forbidden);
    }
    if !verify_password(password.to_string(), u.password_hash.clone()).await {
        let mut e = FieldErrors::default();
        e.add("current_password", if password.is_empty() { Problem::Required } else { Problem::WrongPassword });
        return Err(AppError::Invalid(e));
    }
    let txn = crate::ssr::begin_write(db).await?;
    let mut am: user::ActiveModel = u.clone().into();
    am.totp_secret = Set(None);
    am.totp_since = Set(None);
    am.totp_last_step = Set(None);
    am.update(&txn).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(&txn).await?;
    record_and_tell(
        &txn,
        Some(user_id),
        "account.two_step_off",
        &u,
        ("Verifikasi dua langkah dimatikan", "Two-step sign-in turned off"),
        (
            "Verifikasi dua langkah untuk akun Anda dimatikan.",
            "Two-step sign-in was turned off for your account.",
        ),
        public_url,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Checks the second step of a sign-in: a code from the app (each taken once) or an unused
/// recovery code (spent, and the owner told). Wrong codes count like wrong passwords.
pub async fn second_step(
    db: &(impl ConnectionTrait + TransactionTrait),
    user_id: i32,
    code: &str,
    public_url: &str,
    now: DateTime<Utc>,
    wall_secs: i64,
) -> Result<user::Model, AppError> {
    let key = format!("two-step:{user_id}");
    super::ssr::refuse_if_locked(db, &key, now).await?;
    let u = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.active).ok_or(AppError::Unauthenticated)?;
    let Some(secret) = u.totp_secret.clone() else { return Ok(u) };
    let wrong = || {
        let mut e = FieldErrors::default();
        e.add("code", Problem::InvalidOneTimeCode);
        AppError::Invalid(e)
    };
    if let Some(step) = totp_step(&secret, code, wall_secs) {
        // Taken once: a code seen over a shoulder or replayed does not sign in again.
        let took = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
            .filter(user::Column::Id.eq(user_id))
            .filter(user::Column::TotpLastStep.is_null().or(user::Column::TotpLastStep.lt(step)))
            .exec(db)
            .await?;
        if took.rows_affected == 1 {
            login_throttle::Entity::delete_by_id(key).exec(db).await?;
            return Ok(u);
        }
    } else if code.chars().filter(|c| c.is_ascii_alphanumeric()).count() == 10 {
        let txn = crate::ssr::begin_write(db).await?;
        let spent = recovery_code::Entity::update_many()
            .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(now)))
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::CodeHash.eq(recovery_key(code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        if spent.rows_affected == 1 {
            record_and_tell(
                &txn,
                Some(user_id),
                "account.recovery_code_used",
                &u,
                ("Kode pemulihan dipakai untuk masuk", "A recovery code was used to sign in"),
                (
                    "Satu kode pemulihan baru saja dipakai untuk masuk ke akun Anda. Jika ponsel Anda hilang, matikan lalu aktifkan lagi verifikasi dua langkah di halaman Akun untuk mendapat kode baru.",
                    "A recovery code was just used to sign in to your account. If your phone is lost, turn two-step sign-in off and on again on the Account page to get new codes.",
                ),
                public_url,
                now,
            ).await?;
            login_throttle::Entity::delete_by_id(key).exec(&txn).await?;
            txn.commit().await?;
            return Ok(u);
        }
    }
    super::ssr::record_failure(db, &key, super::ssr::MAX_FAILURES_PER_EMAIL, now).await?;
    Err(wrong())
}

/// Recovery codes not yet used.
pub async fn recovery_codes_left(db: &impl ConnectionTrait, user_id: i32) -> Result<usize, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .count(db)
        .await? as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_holds_for_its_step_and_its_neighbours_only() {
        let secret = new_totp_secret();
        let totp = totp_of(&secret).unwrap();
        let at = 1_800_000_015;
        let code = totp.generate(at as u64).to_string();
        assert_eq!(totp_step(&secret, &code, at), Some(at / 30));
        assert_eq!(
            totp_step(&secret, &format!("{} {}", &code[..3], &code[3..]), at + 30),
            Some(at / 30),
            "typed with a space, half a minute later"
        );
        assert_eq!(totp_step(&secret, &code, at + 95), None, "three steps later it is over");
        assert_eq!(totp_step(&secret, "12345", at), None);
        assert_eq!(totp_step(&secret, "abcdef", at), None);
    }

    #[test]
    fn the_authenticator_address_names_the_portal_and_the_account() {
        let uri = totp_uri("JBSWY3DPEHPK3PXP", "admin@layanan.go.id");
        assert!(uri.starts_with("otpauth://totp/Layanan:admin%40layanan.go.id?secret=JBSWY3DPEHPK3PXP"), "{uri}");
        assert!(uri.contains("issuer=Layanan") && uri.contains("period=30"));
    }

    #[test]
    fn recovery_codes_are_typed_loosely() {
        let c = new_recovery_code();
        assert_eq!(c.len(), 11);
        assert_eq!(recovery_key(&c), recovery_key(&c.to_uppercase().replace('-', " ")));
    }
}
