//! Server functions of the admin page for Open311 API keys.
use super::KeysData;
#[cfg(feature = "ssr")]
use super::KeyRow;
use crate::error::AppError;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use std::collections::BTreeMap;

/// A key just created waits in the session until the page shows it, once.
#[cfg(feature = "ssr")]
const NEW_KEY: &str = "open311_new_key";

#[server]
pub async fn get_api_keys() -> Result<KeysData, AppError> {
    crate::auth::ssr::require_admin().await?;
    let state = crate::ssr::state()?;
    let lang = crate::i18n::detect_lang();
    let used = super::ssr::recent_use(&state.db, crate::ssr::now()?).await?;
    let when = |at| crate::ssr::timefmt::date_time(at, "Asia/Jakarta", lang);
    let keys = super::ssr::keys(&state.db)
        .await?
        .into_iter()
        .map(|k| KeyRow {
            id: k.id,
            used_last_hour: used.get(&k.id).copied().unwrap_or(0),
            created: when(k.created_at),
            last_used: k.last_used_at.map(when),
            revoked: k.revoked_at.map(when),
            name: k.name,
            prefix: k.key_prefix,
            per_hour: k.per_hour,
        })
        .collect();
    let new_key = crate::ssr::session().await?.remove::<(String, String)>(NEW_KEY).await.ok().flatten();
    Ok(KeysData {
        keys,
        new_key,
        endpoint: crate::ssr::links::url(&state.settings.public_url, "/open311/v2"),
        flash: crate::ssr::flash::take().await,
    })
}

#[server]
pub async fn create_api_key(name: String, per_hour: String) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    match super::ssr::create_key(&db, &name, &per_hour, Some(admin.id), crate::ssr::now()?).await {
        Ok(made) => {
            let session = crate::ssr::session().await?;
            if let Err(e) = session.insert(NEW_KEY, (made.client.name, made.key)).await {
                tracing::error!(error = %e, "could not keep the new key for its page");
                return Err(AppError::Internal);
            }
            crate::ssr::redirect("/admin/open311?baru=1");
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([("name".to_string(), name), ("per_hour".to_string(), per_hour)]);
            Err(crate::ssr::flash::keep("key", values, e).await)
        }
    }
}

#[server]
pub async fn revoke_api_key(id: i32) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    super::ssr::revoke_key(&db, id, admin.id, crate::ssr::now()?).await?;
    crate::ssr::redirect("/admin/open311?cabut=1");
    Ok(())
}

/// The portal's public address, for the developers' page examples.
#[server]
pub async fn get_public_url() -> Result<String, AppError> {
    Ok(crate::ssr::links::url(&crate::ssr::state()?.settings.public_url, ""))
}
