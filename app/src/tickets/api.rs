//! Server functions of the ticket pages: each authenticates, reads its input, calls one
//! domain function and maps the outcome (a redirect for plain form posts, the kept values
//! and errors on failure).
use super::views::*;
#[cfg(feature = "ssr")]
use super::ReportAnswers;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};
#[cfg(feature = "ssr")]
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use super::*;
    use crate::tickets::ssr as domain;

    pub const DRAFT_KEY: &str = "report_draft";
    pub const DONE_KEY: &str = "report_done";

    #[derive(serde::Serialize, serde::Deserialize, Clone)]
    pub struct Draft {
        pub answers: ReportAnswers,
        pub key: String,
    }

    pub fn env(state: &crate::ssr::AppState) -> domain::Env<'_> {
        domain::Env { public_url: &state.settings.public_url }
    }

    /// The ticket for a code the citizen holds (see `tickets::ssr::citizen_ticket`).
    pub async fn citizen_ticket(
        db: &sea_orm::DatabaseConnection,
        code: &str,
    ) -> Result<crate::ssr::entities::ticket::Model, AppError> {
        domain::citizen_ticket(db, code, &crate::auth::ssr::client_key(), crate::ssr::now()?).await
    }

    pub fn new_key() -> String {
        crate::ssr::token::random_hex(16)
    }

    pub async fn staff() -> Result<crate::auth::CurrentUser, AppError> {
        crate::auth::ssr::require_user().await
    }

    /// What a staff action on one report works with.
    pub struct OnReport {
        pub state: crate::ssr::AppState,
        pub user: crate::auth::CurrentUser,
        pub unit: crate::ssr::entities::unit::Model,
        pub ticket: crate::ssr::entities::ticket::Model,
        pub now: chrono::DateTime<chrono::Utc>,
    }

    impl OnReport {
        pub fn env(&self) -> domain::Env<'_> {
            env(&self.state)
        }
    }

    /// One staff action on report `id` of `unit`, the way every one of them goes: the
    /// signed-in member and the report are looked up first (a report of another unit is not
    /// found); on success the mailer is woken and the browser goes to the address `act`
    /// returns; on failure the form `form` is kept with the values typed and the errors.
    pub async fn on_report(
        unit: &str,
        id: i32,
        form: &str,
        typed: &[(&str, &str)],
        act: impl AsyncFnOnce(&OnReport) -> Result<String, AppError>,
    ) -> Result<(), AppError> {
        let user = staff().await?;
        let state = crate::ssr::state()?;
        let (unit, ticket) = domain::ticket_for_staff(&state.db, &user, unit, id).await?;
        let r = OnReport { now: crate::ssr::now()?, state, user, unit, ticket };
        match act(&r).await {
            Ok(to) => {
                crate::ssr::outbox_changed();
                crate::ssr::redirect(&to);
                Ok(())
            }
            Err(e) => {
                let kept = typed.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
                let e = crate::ssr::flash::keep(form, kept, e).await;
                if crate::ssr::flash::is_plain_form_post() {
                    // Back to the section of the form, where its errors are shown.
                    crate::ssr::redirect(&format!("/petugas/{}/tiket/{}#{}", r.unit.slug, r.ticket.id, section(form)));
                }
                Err(e)
            }
        }
    }

    /// The section of the report's page (its heading's id) that holds staff form `form`.
    fn section(form: &str) -> &str {
        match form {
            "reply" => "balas",
            "assign" => "tugas",
            "forward" => "teruskan",
            "merge" => "gabung",
            other => other,
        }
    }

    /// The report's page after an action, with what was done, at the section where it
    /// was done (its result is shown there); a merge leaves no section, so it goes to the top.
    pub fn back_to(unit: &str, id: i32, done: &str) -> String {
        match crate::tickets::staff::section_of_result(done) {
            Some(at) => format!("/petugas/{unit}/tiket/{id}?ok={done}#{at}"),
            None => format!("/petugas/{unit}/tiket/{id}?ok={done}"),
        }
    }
}

#[server]
pub async fn get_report_form(unit: Option<String>, service: Option<String>) -> Result<ReportFormData, AppError> {
    use crate::ssr::entities::{service as svc, unit as un};
    use sea_orm::{EntityTrait, QueryOrder};
    let db = crate::ssr::db()?;
    let units = un::Entity::find().order_by_asc(un::Column::Name).all(&db).await?;
    let services = svc::Entity::find().order_by_asc(svc::Column::Name).all(&db).await?;
    let units = units
        .into_iter()
        .map(|u| UnitOption {
            services: services.iter().filter(|s| s.unit_id == u.id).map(|s| (s.slug.clone(), s.name.clone())).collect(),
            slug: u.slug,
            name: u.name,
            phone_only: u.phone_only,
        })
        .collect();
    let session = crate::ssr::session().await?;
    let draft: Option<support::Draft> = session.get(support::DRAFT_KEY).await.ok().flatten();
    let flash = crate::ssr::flash::take().await.filter(|f| f.form == "report");
    let (answers, error) = match (flash, draft) {
        (Some(f), draft) => {
            let v = |k: &str| f.values.get(k).cloned().unwrap_or_default();
            let answers = ReportAnswers::from_form(v, draft.map(|d| d.answers.attachments).unwrap_or_default());
            (answers, f.error)
        }
        (None, Some(d)) => (d.answers, None),
        (None, None) => (
            ReportAnswers {
                unit: unit.unwrap_or_default(),
                service: service.unwrap_or_default(),
                // Safe default: not in the public register unless the citizen allows it.
                confidential: true,
                ..Default::default()
            },
            None,
        ),
    };
    Ok(ReportFormData { units, answers, error })
}

/// Step one: reads the form (with up to three attachments), checks it, and keeps it for
/// "check your answers".
#[server(input = MultipartFormData)]
pub async fn check_report(data: MultipartData) -> Result<(), AppError> {
    use super::{AttachmentInfo, ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS};
    use crate::forms::{FieldErrors, Problem};
    let state = crate::ssr::state()?;
    let db = state.db.clone();
    let session = crate::ssr::session().await?;
    let previous: Option<support::Draft> = session.get(support::DRAFT_KEY).await.ok().flatten();
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    let mut kept: Vec<String> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut errors = FieldErrors::default();
    let mut multipart = data.into_inner().ok_or(AppError::Request("multipart".into()))?;
    // A form broken off in transit is said so, with what did arrive kept; never taken for
    // a shorter form or a smaller file.
    let mut broken = false;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => {
                tracing::warn!(error = %e, "report form broken off");
                broken = true;
                break;
            }
        };
        let name = field.name().unwrap_or_default().to_string();
        if name == "attachments" {
            let file_name: String = field.file_name().unwrap_or("").chars().take(120).collect();
            let mut bytes = Vec::new();
            let mut too_large = false;
            loop {
                let chunk = match field.chunk().await {
                    Ok(Some(chunk)) => chunk,
                    Ok(None) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "attachment broken off");
                        broken = true;
                        break;
                    }
                };
                if bytes.len() + chunk.len() > ATTACHMENT_MAX_BYTES {
                    too_large = true;
                    continue; // read on so the request completes, keep nothing
                }
                bytes.extend_from_slice(&chunk);
            }
            if broken {
                break;
            }
            if file_name.is_empty() && bytes.is_empty() {
                continue; // the empty file input of a form without a chosen file
            }
            if too_large {
                errors.add("attachments", Problem::FileTooLarge { name: file_name, max_mb: ATTACHMENT_MAX_BYTES >> 20 });
            } else {
                files.push((file_name, bytes));
            }
        } else {
            let text = match field.text().await {
                Ok(text) => text,
                Err(e) => {
                    tracing::warn!(error = %e, "form field broken off");
                    broken = true;
                    break;
                }
            };
            if name == "keep" {
                kept.push(text);
            } else {
                // Kept whole for the person to shorten; only text far beyond any limit (and
                // the session's size) is cut.
                values.insert(name, text.chars().take(super::KEEP_MAX).collect());
            }
        }
    }
    if broken {
        errors.add("attachments", Problem::UploadInterrupted);
    }
    let v = |k: &str| values.get(k).cloned().unwrap_or_default();
    let mut attachments: Vec<AttachmentInfo> = previous
        .as_ref()
        .map(|d| d.answers.attachments.iter().filter(|a| kept.contains(&a.hash)).cloned().collect())
        .unwrap_or_default();
    if attachments.len() + files.len() > MAX_ATTACHMENTS {
        errors.add("attachments", Problem::TooManyFiles { max: MAX_ATTACHMENTS });
    } else if let Err(minutes) = upload_room(&db, files.len()).await? {
        // Nothing is stored; every typed answer is kept.
        errors.add("attachments", Problem::TooManyUploads { minutes });
    } else {
        let dir = state.settings.files_dir.clone();
        for (name, bytes) in files {
            let dir = dir.clone();
            let display = if name.is_empty() { "lampiran".to_string() } else { name.clone() };
            let stored = tokio::task::spawn_blocking(move || {
                crate::ssr::files::clean(&bytes).map(|(mime, clean)| {
                    let size = clean.len() as i64;
                    crate::ssr::files::store(&dir, &clean).map(|hash| (mime, size, hash))
                })
            })
            .await
            .map_err(|_| AppError::Internal)?;
            match stored {
                Ok(Ok((mime, size, hash))) => attachments.push(AttachmentInfo { hash, name: display, mime: mime.into(), size }),
                Ok(Err(e)) => {
                    tracing::error!(error = %e, "attachment could not be stored");
                    return Err(AppError::Internal);
                }
                Err(crate::ssr::files::FileProblem::UnsupportedType) | Err(crate::ssr::files::FileProblem::Empty) => {
                    errors.add("attachments", Problem::FileType { name: display })
                }
                Err(crate::ssr::files::FileProblem::Unreadable) => {
                    errors.add("attachments", Problem::FileUnreadable { name: display })
                }
            }
        }
    }
    let answers = ReportAnswers::from_form(&v, attachments);
    if !v("situs_web").is_empty() {
        errors.add("situs_web", Problem::Spam);
    }
    let checked = match super::ssr::validate(&db, &answers).await {
        Ok(_) => errors.into_result(),
        Err(AppError::Invalid(mut more)) => {
            more.0.extend(errors.0);
            Err(AppError::Invalid(more))
        }
        Err(e) => Err(e),
    };
    let key = previous.map(|d| d.key).unwrap_or_else(support::new_key);
    // Files that were accepted stay with the draft even when another answer is wrong.
    let draft = support::Draft { answers: answers.clone(), key };
    session.insert(support::DRAFT_KEY, draft).await.map_err(|_| AppError::Internal)?;
    match checked {
        Ok(()) => {
            crate::ssr::redirect("/lapor/periksa");
            Ok(())
        }
        Err(e) => {
            // A multipart post is always a plain form post here: keep the values.
            let session_flash = crate::forms::Flash { form: "report".into(), values: answers.values(), error: Some(e.clone()) };
            let _ = session.insert(crate::ssr::flash::KEY, session_flash).await;
            Err(e)
        }
    }
}

/// Whether `n` more attachments may be received now (from this client, and from everyone),
/// counting them if so; otherwise in how many minutes.
#[cfg(feature = "ssr")]
async fn upload_room(db: &sea_orm::DatabaseConnection, n: usize) -> Result<Result<(), u32>, AppError> {
    use crate::ssr::rate::{check, count_all, Limit, UPLOADS_ALL, UPLOADS_PER_CLIENT};
    if n == 0 {
        return Ok(Ok(()));
    }
    let now = crate::ssr::now()?;
    let mine = Limit::UploadsFromClient.bucket(&crate::auth::ssr::client_key());
    let all = Limit::UploadsAll.bucket("");
    let n = n as u32;
    for (bucket, limit, window) in [
        (&mine, UPLOADS_PER_CLIENT, Limit::UploadsFromClient.window()),
        (&all, UPLOADS_ALL, Limit::UploadsAll.window()),
    ] {
        // Room for all `n`: the bucket may hold at most `limit - n` before them.
        if let Err(minutes) = check(db, bucket, limit.saturating_sub(n - 1), window, now).await? {
            return Ok(Err(minutes));
        }
    }
    let buckets: Vec<String> = (0..n).flat_map(|_| [mine.clone(), all.clone()]).collect();
    count_all(db, &buckets, now).await?;
    Ok(Ok(()))
}

#[server]
pub async fn get_check() -> Result<Option<CheckData>, AppError> {
    let db = crate::ssr::db()?;
    let session = crate::ssr::session().await?;
    let Some(d) = session.get::<support::Draft>(support::DRAFT_KEY).await.ok().flatten() else {
        return Ok(None);
    };
    let Ok(super::ssr::Checked { unit, service, .. }) = super::ssr::validate(&db, &d.answers).await else {
        return Ok(None);
    };
    let error = crate::ssr::flash::take().await.filter(|f| f.form == "submit").and_then(|f| f.error);
    Ok(Some(CheckData { answers: d.answers, unit_name: unit.name, service_name: service.map(|s| s.name), key: d.key, error }))
}

/// Step two: sends the checked answers. Idempotent per form: a double click or the back
/// button followed by another click finds the ticket already made.
#[server]
pub async fn submit_report(key: String) -> Result<(), AppError> {
    use crate::ssr::entities::ticket;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let state = crate::ssr::state()?;
    let db = state.db.clone();
    let session = crate::ssr::session().await?;
    let draft: Option<support::Draft> = session.get(support::DRAFT_KEY).await.ok().flatten();
    let Some(draft) = draft.filter(|d| d.key == key) else {
        let existing = ticket::Entity::find().filter(ticket::Column::SubmissionKey.eq(key.as_str())).one(&db).await?;
        match existing {
            Some(t) => {
                let _ = session.insert(support::DONE_KEY, t.id).await;
                crate::ssr::redirect("/lapor/terkirim");
            }
            None => crate::ssr::redirect("/lapor"),
        }
        return Ok(());
    };
    // Counted against the hourly limits (per address, per e-mail) when the ticket is made.
    let per_hour = state.settings.reports_per_hour;
    let client = crate::ssr::rate::Limit::ReportsFromClient.bucket(&crate::auth::ssr::client_key());
    let limits = super::ssr::Limits { client, client_per_hour: per_hour, email_per_hour: per_hour };
    let lang = crate::i18n::detect_lang();
    let done = match super::ssr::submit_limited(&db, &draft.answers, &draft.key, lang, &support::env(&state), Some(limits), super::ssr::Form, crate::ssr::now()?).await {
        Ok(done) => done,
        Err(e) => return Err(crate::ssr::flash::keep("submit", BTreeMap::new(), e).await),
    };
    crate::ssr::outbox_changed();
    let _ = session.remove::<support::Draft>(support::DRAFT_KEY).await;
    let _ = session.insert(support::DONE_KEY, done.ticket_id).await;
    tracing::info!(ticket = done.ticket_id, gate = done.awaiting_confirmation, "report submitted");
    crate::ssr::redirect("/lapor/terkirim");
    Ok(())
}

#[server]
pub async fn get_submitted() -> Result<Option<SubmittedData>, AppError> {
    use crate::ssr::entities::{ticket, unit};
    use sea_orm::EntityTrait;
    let db = crate::ssr::db()?;
    let session = crate::ssr::session().await?;
    let Some(id) = session.get::<i32>(support::DONE_KEY).await.ok().flatten() else {
        return Ok(None);
    };
    let Some(t) = ticket::Entity::find_by_id(id).one(&db).await? else { return Ok(None) };
    let unit_name = unit::Entity::find_by_id(t.unit_id).one(&db).await?.map(|u| u.name).unwrap_or_default();
    Ok(Some(SubmittedData {
        code: super::TrackingCode::parse(&t.code).map(|c| c.to_string()).unwrap_or(t.code.clone()),
        awaiting_confirmation: t.status == super::Status::AwaitingConfirmation,
        has_email: t.reporter_email.is_some(),
        unit_name,
    }))
}

/// `/lacak`: goes to the report for a typed code.
#[server]
pub async fn lookup(code: String) -> Result<(), AppError> {
    use crate::forms::{FieldErrors, Problem};
    let db = crate::ssr::db()?;
    let fail = |p: Problem| {
        let mut e = FieldErrors::default();
        e.add("code", p);
        AppError::Invalid(e)
    };
    let result = if code.trim().is_empty() {
        Err(fail(Problem::Required))
    } else {
        match support::citizen_ticket(&db, &code).await {
            Ok(t) => Ok(t),
            Err(AppError::NotFound) => Err(fail(Problem::InvalidCode)),
            Err(e) => Err(e),
        }
    };
    match result {
        Ok(t) => {
            crate::ssr::redirect(&format!("/lacak/{}", t.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("lookup", BTreeMap::from([("code".to_string(), code)]), e).await),
    }
}

#[server]
pub async fn get_lookup_flash() -> Result<Option<crate::forms::Flash>, AppError> {
    Ok(crate::ssr::flash::take().await.filter(|f| f.form == "lookup"))
}

#[server]
pub async fn get_ticket(code: String) -> Result<TicketView, AppError> {
    let db = crate::ssr::db()?;
    let t = support::citizen_ticket(&db, &code).await?;
    let mut view = super::ssr::citizen_view(&db, &t, crate::i18n::detect_lang(), crate::ssr::now()?).await?;
    view.flash = crate::ssr::flash::take().await;
    Ok(view)
}

#[server]
pub async fn citizen_reply(code: String, body: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let db = state.db.clone();
    let t = support::citizen_ticket(&db, &code).await?;
    match super::ssr::citizen_message(&db, &t, &body, &support::env(&state), crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::outbox_changed();
            crate::ssr::redirect(&format!("/lacak/{}?terkirim=1", t.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("message", BTreeMap::from([("body".to_string(), body)]), e).await),
    }
}

#[server]
pub async fn reopen_ticket(code: String, reason: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    let db = state.db.clone();
    let t = support::citizen_ticket(&db, &code).await?;
    match super::ssr::reopen(&db, &t, &reason, &support::env(&state), crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/lacak/{}?dibuka=1", t.code));
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("reopen", BTreeMap::from([("reason".to_string(), reason)]), e).await),
    }
}

#[server]
pub async fn rate_ticket(code: String, rating: Option<String>, comment: String) -> Result<(), AppError> {
    let db = crate::ssr::db()?;
    let t = support::citizen_ticket(&db, &code).await?;
    let value = rating.as_deref().and_then(|r| r.parse::<i32>().ok()).unwrap_or(0);
    match super::ssr::rate(&db, &t, value, &comment, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/lacak/{}?dinilai=1", t.code));
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([("rating".to_string(), rating.unwrap_or_default()), ("comment".to_string(), comment)]);
            Err(crate::ssr::flash::keep("rate", values, e).await)
        }
    }
}

/// The page of the link in the confirmation mail: what pressing its button would do.
#[server]
pub async fn get_confirmation(token: String) -> Result<ConfirmOutcome, AppError> {
    super::ssr::confirmation_state(&crate::ssr::db()?, &token, crate::ssr::now()?).await
}

/// The button on that page: confirms, then shows the page again (now confirmed).
#[server]
pub async fn confirm_email(token: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    super::ssr::confirm_email(&state.db, &token, &support::env(&state), crate::ssr::now()?).await?;
    let token: String = token.chars().filter(|c| c.is_ascii_hexdigit()).take(64).collect();
    crate::ssr::redirect(&format!("/konfirmasi/{token}?selesai=1"));
    Ok(())
}

#[server]
pub async fn get_register(
    q: Option<String>,
    instansi: Option<String>,
    layanan: Option<String>,
    sebelum: Option<String>,
) -> Result<RegisterData, AppError> {
    use crate::ssr::rate::{take, Limit, SEARCH_LIMIT};
    let db = crate::ssr::db()?;
    let service = layanan.as_deref().and_then(|s| s.parse::<i32>().ok());
    if q.as_deref().is_some_and(|q| !q.trim().is_empty()) {
        take(&db, Limit::RegisterSearch, &crate::auth::ssr::client_key(), SEARCH_LIMIT, crate::ssr::now()?).await?;
    }
    let unit = instansi.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let read = crate::ssr::read_db()?;
    let units = crate::ssr::public_view(("/units".into(), String::new(), None, crate::i18n::Lang::Id), || super::ssr::unit_directory(&read)).await?;
    let before = sebelum.as_deref().and_then(|s| s.trim().parse::<i32>().ok());
    super::ssr::register_in(&read, units, q.as_deref().unwrap_or("").trim(), unit, service, before, crate::i18n::detect_lang()).await
}

// ---------------------------------------------------------------- staff

#[server]
pub async fn get_inbox(unit: String, filter: InboxFilter) -> Result<InboxData, AppError> {
    let user = support::staff().await?;
    let db = crate::ssr::db()?;
    let u = super::ssr::unit_for_staff(&db, &user, &unit).await?;
    super::ssr::inbox(&db, &user, &u, &filter, crate::i18n::detect_lang(), crate::ssr::now()?).await
}

#[server]
pub async fn get_staff_ticket(unit: String, id: i32, template: Option<i32>) -> Result<StaffTicket, AppError> {
    let user = support::staff().await?;
    let db = crate::ssr::db()?;
    let (u, t) = super::ssr::ticket_for_staff(&db, &user, &unit, id).await?;
    let mut view = super::ssr::staff_view(&db, &user, &u, &t, template, crate::i18n::detect_lang(), crate::ssr::now()?).await?;
    view.flash = crate::ssr::flash::take().await;
    Ok(view)
}

#[server]
pub async fn staff_reply(
    unit: String,
    id: i32,
    body: String,
    internal: Option<String>,
    sign: Option<String>,
    then: Option<String>,
) -> Result<(), AppError> {
    use support::back_to;
    support::on_report(&unit, id, "reply", &[("body", &body)], async |r| {
        let input = super::ssr::ReplyInput {
            body: &body,
            internal: internal.as_deref() == Some("on"),
            sign_with_name: sign.as_deref() == Some("on"),
            then: then.as_deref().and_then(super::Status::parse),
        };
        super::ssr::reply(&r.state.db, &r.user, &r.unit, &r.ticket, input, &r.env(), r.now).await?;
        Ok(back_to(&unit, id, if internal.is_some() { "catatan" } else { "balas" }))
    })
    .await
}

#[server]
pub async fn staff_status(unit: String, id: i32, status: String, note: String) -> Result<(), AppError> {
    support::on_report(&unit, id, "status", &[("status", &status), ("note", &note)], async |r| {
        let Some(to) = super::Status::parse(&status) else {
            let mut e = crate::forms::FieldErrors::default();
            e.add("status", crate::forms::Problem::Required);
            return Err(AppError::Invalid(e));
        };
        super::ssr::set_status(&r.state.db, &r.user, &r.unit, &r.ticket, to, &note, &r.env(), r.now).await?;
        Ok(support::back_to(&unit, id, "status"))
    })
    .await
}

#[server]
pub async fn staff_assign(unit: String, id: i32, to: String) -> Result<(), AppError> {
    support::on_report(&unit, id, "assign", &[], async |r| {
        let target = match to.as_str() {
            "saya" => Some(r.user.id),
            "" | "lepas" => None,
            other => Some(other.parse::<i32>().map_err(|_| AppError::Request("to".into()))?),
        };
        super::ssr::assign(&r.state.db, &r.user, &r.unit, &r.ticket, target, r.now).await?;
        if let Some(to) = target.filter(|to| *to != r.user.id) {
            crate::tickets::routing::tell_assignee(&r.state.db, &r.unit, r.ticket.id, to, true, &r.env(), r.now).await?;
            crate::ssr::outbox_changed();
        }
        Ok(support::back_to(&unit, id, "tugas"))
    })
    .await
}

#[server]
pub async fn staff_forward(unit: String, id: i32, target: String, reason: String) -> Result<(), AppError> {
    support::on_report(&unit, id, "forward", &[("target", &target), ("reason", &reason)], async |r| {
        super::ssr::forward(&r.state.db, &r.user, &r.unit, &r.ticket, &target, &reason, &r.env(), r.now).await?;
        Ok(format!("/petugas/{unit}?diteruskan=1"))
    })
    .await
}

#[server]
pub async fn staff_merge(unit: String, id: i32, target: String) -> Result<(), AppError> {
    support::on_report(&unit, id, "merge", &[("target", &target)], async |r| {
        super::ssr::merge(&r.state.db, &r.user, &r.unit, &r.ticket, &target, &r.env(), r.now).await?;
        Ok(support::back_to(&unit, id, "gabung"))
    })
    .await
}

#[server]
pub async fn staff_register(unit: String, id: i32, reason: String, exclude: String) -> Result<(), AppError> {
    support::on_report(&unit, id, "register", &[("reason", &reason)], async |r| {
        super::ssr::exclude_from_register(&r.state.db, &r.user, &r.ticket, &reason, exclude == "ya", r.now).await?;
        Ok(support::back_to(&unit, id, "register"))
    })
    .await
}

#[server]
pub async fn staff_publish(unit: String, id: i32, public_subject: String, public_body: String) -> Result<(), AppError> {
    let typed = [("public_subject", public_subject.as_str()), ("public_body", public_body.as_str())];
    support::on_report(&unit, id, "register", &typed, async |r| {
        super::ssr::publish(&r.state.db, &r.user, &r.ticket, &public_subject, &public_body, r.now).await?;
        Ok(support::back_to(&unit, id, "terbit"))
    })
    .await
}

#[server]
pub async fn get_templates(unit: String) -> Result<TemplatesData, AppError> {
    let user = support::staff().await?;
    let db = crate::ssr::db()?;
    let u = super::ssr::unit_for_staff(&db, &user, &unit).await?;
    Ok(TemplatesData {
        unit_id: u.id,
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        templates: super::ssr::templates(&db, u.id).await?,
        flash: crate::ssr::flash::take().await.filter(|f| f.form == "template"),
    })
}

#[server]
pub async fn add_template(unit: String, title: String, body: String) -> Result<(), AppError> {
    let user = support::staff().await?;
    let db = crate::ssr::db()?;
    let u = super::ssr::unit_for_staff(&db, &user, &unit).await?;
    match super::ssr::save_template(&db, &user, u.id, &title, &body, crate::ssr::now()?).await {
        Ok(()) => {
            crate::ssr::redirect(&format!("/petugas/{unit}/templat?ok=1"));
            Ok(())
        }
        Err(e) => {
            let values = BTreeMap::from([("title".to_string(), title), ("body".to_string(), body)]);
            Err(crate::ssr::flash::keep("template", values, e).await)
        }
    }
}

#[server]
pub async fn remove_template(unit: String, id: i32) -> Result<(), AppError> {
    let user = support::staff().await?;
    let db = crate::ssr::db()?;
    let u = super::ssr::unit_for_staff(&db, &user, &unit).await?;
    super::ssr::delete_template(&db, &user, u.id, id, crate::ssr::now()?).await?;
    crate::ssr::redirect(&format!("/petugas/{unit}/templat?hapus=1"));
    Ok(())
}

#[server]
pub async fn get_failed_mail() -> Result<Vec<FailedMail>, AppError> {
    use crate::ssr::entities::ticket;
    use crate::common::contact::address_hint;
    use crate::ssr::outbox::{failed, without_addresses};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
    crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    let lang = crate::i18n::detect_lang();
    let messages = failed(&db).await?;
    // Mail to an Anonim reporter: the admin sees neither the address nor the subject (it
    // carries the tracking code), so the page cannot link the person to the report.
    let ids: Vec<i32> = messages.iter().filter_map(|m| m.ticket_id).collect();
    let anonymous: std::collections::HashSet<i32> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Id)
        .filter(ticket::Column::Id.is_in(ids))
        .filter(ticket::Column::Anonymous.eq(true))
        .into_tuple::<i32>()
        .all(&db)
        .await?
        .into_iter()
        .collect();
    Ok(messages
        .into_iter()
        .map(|m| {
            let hidden = m.ticket_id.is_some_and(|t| anonymous.contains(&t));
            FailedMail {
                id: m.id,
                to: if hidden { address_hint(&m.to_addr).unwrap_or_else(|| "…".into()) } else { m.to_addr },
                subject: if hidden { lang.t("(laporan Anonim: subjek disembunyikan)", "(Anonymous report: subject hidden)").into() } else { m.subject },
                attempts: m.attempts,
                last_error: without_addresses(&m.last_error.unwrap_or_default()),
                created: crate::ssr::timefmt::date_time(m.created_at, "Asia/Jakarta", lang),
            }
        })
        .collect())
}

#[server]
pub async fn retry_mail(id: i32) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    if !crate::ssr::outbox::retry(&db, id, crate::ssr::now()?).await? {
        return Err(AppError::NotFound);
    }
    crate::ssr::audit::record(&db, Some(admin.id), "mail.retry", "outbox", id, serde_json::json!({}), crate::ssr::now()?).await?;
    crate::ssr::outbox_changed();
    crate::ssr::redirect("/admin/surat?ok=1");
    Ok(())
}

#[server]
pub async fn get_report_settings(unit_id: i32) -> Result<ReportSettings, AppError> {
    use sea_orm::EntityTrait;
    crate::auth::ssr::require_manager_of(unit_id).await?;
    let db = crate::ssr::db()?;
    let u = crate::ssr::entities::unit::Entity::find_by_id(unit_id).one(&db).await?.ok_or(AppError::NotFound)?;
    Ok(ReportSettings { unit_id, unit_name: u.name, gate: u.report_gate, phone_only: u.phone_only })
}

/// A unit's choices for reports: the e-mail confirmation gate, and phone-only reports.
#[server]
pub async fn save_report_settings(unit_id: i32, gate: Option<String>, phone_only: Option<String>) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let manager = crate::auth::ssr::require_manager_of(unit_id).await?;
    let db = crate::ssr::db()?;
    let u = crate::ssr::entities::unit::Entity::find_by_id(unit_id).one(&db).await?.ok_or(AppError::NotFound)?;
    let (gate, phone_only) = (gate.is_some(), phone_only.is_some());
    let detail = serde_json::json!({ "report_gate": [u.report_gate, gate], "phone_only": [u.phone_only, phone_only] });
    let mut am = u.into_active_model();
    am.report_gate = Set(gate);
    am.phone_only = Set(phone_only);
    am.update(&db).await?;
    crate::ssr::audit::record(&db, Some(manager.id), "unit.report_settings", "unit", unit_id, detail, crate::ssr::now()?).await?;
    crate::ssr::redirect("/kelola?laporan=1");
    Ok(())
}
