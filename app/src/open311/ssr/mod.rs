//! The rules of the Open311 GeoReport v2 interface, apart from HTTP and the output format:
//! API keys, the service list and definitions, turning a POST into a normal report, and
//! reading reports back under the specification's filters and the portal's privacy rules.
use super::{Refusal, Reply, RequestRow, ServiceDefinition, ServiceRow, Attribute, Posted};
use crate::error::AppError;
use crate::forms::{FieldErrors, Problem};
use crate::i18n::Lang;
use crate::ssr::entities::{api_client, open311_request, service, ticket, ticket_event, unit};
use crate::ssr::{audit, files::sha256_hex, timefmt};
use crate::tickets::{deadlines, EventKind, Kind, ReportAnswers, Status, BODY_MAX};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait};
use serde_json::json;
use std::collections::HashMap;

mod read;
pub use read::*;

/// A report sent by an Open311 app: the app, and what it sent beyond the report (its
/// request's token, place and device), kept with the report in the same transaction.
struct Via {
    client_id: i32,
    record: open311_request::ActiveModel,
}

impl crate::tickets::ssr::Channel for Via {
    fn audit(&self, detail: &mut serde_json::Map<String, serde_json::Value>) {
        detail.insert("open311_client".to_string(), json!(self.client_id));
    }

    async fn keep(mut self, txn: &sea_orm::DatabaseTransaction, ticket_id: i32) -> Result<(), AppError> {
        self.record.ticket_id = Set(ticket_id);
        self.record.client_id = Set(self.client_id);
        self.record.insert(txn).await?;
        Ok(())
    }
}

/// The longest window `GET requests` searches, and the most rows it answers.
pub const MAX_SPAN_DAYS: i64 = 90;
pub const MAX_ROWS: u64 = 1000;
/// Reports a new key may send per hour unless the admin chose otherwise.
pub const DEFAULT_PER_HOUR: i32 = 100;

/// The parameters of one call (query and body together), where an empty value counts as
/// missing, as the specification asks.
#[derive(Clone, Debug, Default)]
pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Params(pairs)
    }
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim())
    }
    /// A comma-separated list, without empty entries.
    pub fn list(&self, name: &str) -> Vec<String> {
        self.get(name)
            .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    }
    /// The `attribute[code]` entries.
    fn attributes(&self) -> Vec<(&str, &str)> {
        self.0
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix("attribute[")?.strip_suffix(']')?, v.trim())))
            .collect()
    }
}

fn refuse(code: u16, description: String) -> Refusal {
    Refusal { code, errors: vec![(code, description)] }
}

fn internal(e: impl std::fmt::Display, lang: Lang) -> Refusal {
    tracing::error!(error = %e, "open311 call failed");
    refuse(500, AppError::Internal.message(lang))
}

impl From<sea_orm::DbErr> for Refusal {
    fn from(e: sea_orm::DbErr) -> Self {
        internal(e, Lang::Id)
    }
}

/// The time as the specification writes it: W3C, with the unit's own offset.
pub fn w3c(at: DateTime<Utc>, zone: &str) -> String {
    at.with_timezone(&timefmt::tz(zone)).format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Reads a W3C date-time with its offset. A `+` sent unencoded in a query arrives as a space;
/// it is read as the `+` it was.
pub fn parse_w3c(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    let fixed = match s.rfind(' ') {
        Some(i) if i >= 19 => format!("{}+{}", &s[..i], &s[i + 1..]),
        _ => s.to_string(),
    };
    DateTime::parse_from_rfc3339(&fixed).ok().map(|d| d.with_timezone(&Utc))
}

// ---------------------------------------------------------------- API keys


/// A new client and its key, which is shown this once.
pub struct NewKey {
    pub client: api_client::Model,
    pub key: String,
}

pub async fn create_key(
    db: &impl ConnectionTrait,
    name: &str,
    per_hour: &str,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<NewKey, AppError> {
    let mut errors = FieldErrors::default();
    errors.text("name", name, true, 100);
    let per_hour = if per_hour.trim().is_empty() {
        Some(DEFAULT_PER_HOUR)
    } else {
        per_hour.trim().parse::<i32>().ok().filter(|n| (1..=10_000).contains(n))
    };
    if per_hour.is_none() {
        errors.add("per_hour", Problem::OutOfRange { min: 1, max: 10_000 });
    }
    errors.into_result()?;
    let key = format!("lyn_{}", crate::ssr::token::random_hex(24));
    let client = api_client::ActiveModel {
        name: Set(name.trim().to_string()),
        key_hash: Set(sha256_hex(key.as_bytes())),
        key_prefix: Set(key[..10].to_string()),
        per_hour: Set(per_hour.unwrap_or(DEFAULT_PER_HOUR)),
        created_by: Set(actor),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, actor, "open311.key_create", "api_client", client.id, json!({ "name": client.name, "per_hour": client.per_hour }), now).await?;
    Ok(NewKey { client, key })
}

pub async fn revoke_key(db: &impl ConnectionTrait, id: i32, actor: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let r = api_client::Entity::update_many()
        .col_expr(api_client::Column::RevokedAt, Expr::value(Some(now)))
        .filter(api_client::Column::Id.eq(id))
        .filter(api_client::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(db, Some(actor), "open311.key_revoke", "api_client", id, json!({}), now).await?;
    Ok(())
}

pub async fn keys(db: &impl ConnectionTrait) -> Result<Vec<api_client::Model>, AppError> {
    Ok(api_client::Entity::find()
        .order_by_asc(api_client::Column::RevokedAt.is_not_null())
        .order_by_asc(api_client::Column::Name)
        .all(db)
        .await?)
}

/// Reports sent in the last hour with each key, for the admin page.
pub async fn recent_use(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<HashMap<i32, i64>, AppError> {
    use crate::ssr::entities::rate_event;
    let rows: Vec<(String, i64)> = rate_event::Entity::find()
        .select_only()
        .column(rate_event::Column::Bucket)
        .column_as(rate_event::Column::Id.count(), "n")
        .filter(rate_event::Column::Bucket.starts_with(BUCKET))
        .filter(rate_event::Column::At.gt(now - Duration::hours(1)))
        .group_by(rate_event::Column::Bucket)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(b, n)| Some((b.strip_prefix(BUCKET)?.parse().ok()?, n)))
        .collect())
}

const BUCKET: &str = crate::ssr::rate::Limit::Open311Key.prefix();

/// The client a key was issued to, revoked or not (keys are stored as their SHA-256).
async fn client_of(db: &impl ConnectionTrait, key: &str) -> Result<Option<api_client::Model>, sea_orm::DbErr> {
    api_client::Entity::find().filter(api_client::Column::KeyHash.eq(sha256_hex(key.as_bytes()))).one(db).await
}

/// The client a key belongs to, or 403. A key that works has its last use noted.
pub async fn authenticate(db: &impl ConnectionTrait, key: Option<&str>, lang: Lang, now: DateTime<Utc>) -> Result<api_client::Model, Refusal> {
    let Some(key) = key else {
        return Err(refuse(
            403,
            lang.t(
                "api_key wajib dikirim untuk membuat laporan. Minta kunci kepada admin portal.",
                "An api_key is required to create a request. Ask the portal's admin for one.",
            )
            .into(),
        ));
    };
    match client_of(db, key).await? {
        Some(c) if c.revoked_at.is_none() => {
            api_client::Entity::update_many()
                .col_expr(api_client::Column::LastUsedAt, Expr::value(Some(now)))
                .filter(api_client::Column::Id.eq(c.id))
                .exec(db)
                .await?;
            Ok(c)
        }
        Some(_) => Err(refuse(403, lang.t("api_key ini sudah dicabut.", "This api_key has been revoked.").into())),
        None => Err(refuse(403, lang.t("api_key tidak dikenal.", "The api_key is not known.").into())),
    }
}

// ---------------------------------------------------------------- services

/// Services are known to Open311 by their id, as a string.
fn service_code(id: i32) -> String {
    id.to_string()
}

pub async fn services(db: &impl ConnectionTrait) -> Result<Vec<ServiceRow>, Refusal> {
    let units: HashMap<i32, unit::Model> = unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut rows: Vec<ServiceRow> = service::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter_map(|s| {
            let u = units.get(&s.unit_id)?;
            Some(ServiceRow {
                code: service_code(s.id),
                name: s.name,
                description: s.summary,
                keywords: keywords(&s.keywords),
                group: u.name.clone(),
                // With the e-mail gate, a first report waits for its confirmation; the
                // client then follows it by token.
                kind: if u.report_gate { "batch" } else { "realtime" },
            })
        })
        .collect();
    rows.sort_by(|a, b| (&a.group, &a.name).cmp(&(&b.group, &b.name)));
    Ok(rows)
}

/// Keywords as the specification lists them: comma separated.
fn keywords(stored: &str) -> String {
    stored
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

async fn service_of(db: &impl ConnectionTrait, code: &str) -> Result<Option<(service::Model, unit::Model)>, Refusal> {
    let Ok(id) = code.trim().parse::<i32>() else { return Ok(None) };
    Ok(match service::Entity::find_by_id(id).find_also_related(unit::Entity).one(db).await? {
        Some((s, Some(u))) => Some((s, u)),
        _ => None,
    })
}

const YES: &str = "ya";
const NO: &str = "tidak";

/// The attributes every service asks for: the kind of report, an optional subject, and the
/// Anonim and Rahasia options of the portal's own form.
pub fn attributes(lang: Lang) -> Vec<Attribute> {
    let yes_no = || {
        vec![(YES.to_string(), lang.t("Ya", "Yes").to_string()), (NO.to_string(), lang.t("Tidak", "No").to_string())]
    };
    vec![
        Attribute {
            code: "jenis",
            datatype: "singlevaluelist",
            required: true,
            order: 1,
            description: lang.t("Jenis laporan", "Type of report").into(),
            datatype_description: lang
                .t("Pilih salah satu kunci: konsultasi, pengaduan, aspirasi, informasi.", "One of the keys: konsultasi, pengaduan, aspirasi, informasi.")
                .into(),
            values: Kind::ALL.iter().map(|k| (k.code().to_string(), k.label(lang).to_string())).collect(),
        },
        Attribute {
            code: "judul",
            datatype: "string",
            required: false,
            order: 2,
            description: lang.t("Judul laporan", "Subject of the report").into(),
            datatype_description: lang
                .t(
                    "5 sampai 150 karakter. Bila kosong, judul diambil dari awal description.",
                    "5 to 150 characters. When empty, the start of the description is used.",
                )
                .into(),
            values: vec![],
        },
        Attribute {
            code: "anonim",
            datatype: "singlevaluelist",
            required: false,
            order: 3,
            description: lang.t("Anonim", "Anonymous").into(),
            datatype_description: lang
                .t(
                    "ya: petugas yang menangani tidak melihat nama, email, atau telepon pelapor. Bawaan: tidak.",
                    "ya: the staff handling it do not see the reporter's name, e-mail or phone. Default: tidak.",
                )
                .into(),
            values: yes_no(),
        },
        Attribute {
            code: "rahasia",
            datatype: "singlevaluelist",
            required: false,
            order: 4,
            description: lang.t("Rahasia", "Confidential").into(),
            datatype_description: lang
                .t(
                    "ya: laporan dan jawabannya tidak pernah ditampilkan kepada publik, termasuk di GET requests. Bawaan: tidak.",
                    "ya: the report and its answer are never shown to the public, GET requests included. Default: tidak.",
                )
                .into(),
            values: yes_no(),
        },
    ]
}

pub async fn definition(db: &impl ConnectionTrait, code: &str, lang: Lang) -> Result<ServiceDefinition, Refusal> {
    match service_of(db, code).await? {
        Some((s, _)) => Ok(ServiceDefinition { code: service_code(s.id), attributes: attributes(lang) }),
        None => Err(unknown_service(code, lang, 404)),
    }
}

fn unknown_service(code: &str, lang: Lang, status: u16) -> Refusal {
    refuse(
        status,
        match lang {
            Lang::Id => format!("service_code {code} tidak dikenal. Daftar layanan ada di services."),
            Lang::En => format!("service_code {code} is not known. The services list has every code."),
        },
    )
}

// ---------------------------------------------------------------- POST requests

/// Where the portal's form fields come from in an Open311 call.
fn param_of(field: &str) -> &'static str {
    match field {
        "kind" => "attribute[jenis]",
        "unit" | "service" => "service_code",
        "subject" => "attribute[judul]",
        "body" => "description",
        "place" => "address_string",
        "name" => "first_name",
        "email" => "email",
        "phone" => "phone",
        _ => "",
    }
}

fn field_problems(errors: &FieldErrors, lang: Lang) -> Vec<(u16, String)> {
    errors
        .0
        .iter()
        .map(|e| {
            let label = crate::tickets::field_label(lang, &e.field);
            (400, format!("{}: {}", param_of(&e.field), e.problem.message(lang, &label)))
        })
        .collect()
}

/// The subject when the client sent none: the start of the description, cut at a word.
fn subject_from(description: &str) -> String {
    let flat = description.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 100 {
        return flat;
    }
    let cut: String = flat.chars().take(100).collect();
    let at = cut.rfind(' ').filter(|i| *i >= 20).unwrap_or(cut.len());
    format!("{}…", &cut[..at])
}

fn coordinate(params: &Params, name: &str, limit: f64, lang: Lang, problems: &mut Vec<(u16, String)>) -> Option<f64> {
    let raw = params.get(name)?;
    match raw.parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= limit => Some(v),
        _ => {
            problems.push((
                400,
                match lang {
                    Lang::Id => format!("{name}: harus angka desimal WGS84 antara -{limit} dan {limit}."),
                    Lang::En => format!("{name}: must be a WGS84 decimal number from -{limit} to {limit}."),
                },
            ));
            None
        }
    }
}

fn short(params: &Params, name: &str, max: usize, lang: Lang, problems: &mut Vec<(u16, String)>) -> String {
    let v = params.get(name).unwrap_or("");
    if v.chars().count() > max {
        problems.push((
            400,
            match lang {
                Lang::Id => format!("{name}: paling banyak {max} karakter."),
                Lang::En => format!("{name}: {max} characters at most."),
            },
        ));
    }
    v.to_string()
}

/// What a submission needs from the running server.
pub struct PostEnv<'a> {
    pub tickets: crate::ssr::Env<'a>,
    /// Reports one e-mail address may send per hour (the web form's limit).
    pub email_per_hour: u32,
}

/// Only this portal's jurisdiction, or none, may be named.
pub fn check_jurisdiction(params: &Params, jurisdiction: &str, lang: Lang) -> Result<(), Refusal> {
    match params.get("jurisdiction_id") {
        Some(j) if j != jurisdiction => Err(refuse(
            404,
            match lang {
                Lang::Id => format!("jurisdiction_id {j} tidak dilayani di sini; gunakan {jurisdiction} atau kosongkan."),
                Lang::En => format!("jurisdiction_id {j} is not served here; use {jurisdiction} or leave it out."),
            },
        )),
        _ => Ok(()),
    }
}

/// `POST requests`: a normal report, through the same checks, confirmation gate, routing,
/// mail and audit as the web form.
pub async fn submit(
    db: &(impl ConnectionTrait + TransactionTrait),
    params: &Params,
    env: &PostEnv<'_>,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Posted, Refusal> {
    let client = authenticate(db, params.get("api_key"), lang, now).await?;
    let Some(code) = params.get("service_code") else {
        return Err(refuse(400, lang.t("service_code wajib diisi.", "service_code is required.").into()));
    };
    let Some((svc, u)) = service_of(db, code).await? else {
        return Err(unknown_service(code, lang, 400));
    };
    let mut problems = Vec::new();
    let defined = attributes(lang);
    let mut chosen: HashMap<&str, &str> = HashMap::new();
    for (k, v) in params.attributes() {
        match defined.iter().find(|a| a.code == k) {
            None => problems.push((
                400,
                match lang {
                    Lang::Id => format!("attribute[{k}] tidak dikenal untuk layanan ini. Lihat services/{code}."),
                    Lang::En => format!("attribute[{k}] is not defined for this service. See services/{code}."),
                },
            )),
            Some(a) if !v.is_empty() && !a.values.is_empty() && !a.values.iter().any(|(key, _)| key == v) => {
                let keys: Vec<&str> = a.values.iter().map(|(key, _)| key.as_str()).collect();
                problems.push((
                    400,
                    match lang {
                        Lang::Id => format!("attribute[{k}]: nilai {v} tidak dikenal; pilih {}.", keys.join(", ")),
                        Lang::En => format!("attribute[{k}]: {v} is not a value; choose {}.", keys.join(", ")),
                    },
                ))
            }
            Some(_) if !v.is_empty() => {
                chosen.insert(k, v);
            }
            Some(_) => {}
        }
    }
    for a in defined.iter().filter(|a| a.required && !chosen.contains_key(a.code)) {
        problems.push((
            400,
            match lang {
                Lang::Id => format!("attribute[{}] wajib diisi ({}).", a.code, a.description),
                Lang::En => format!("attribute[{}] is required ({}).", a.code, a.description),
            },
        ));
    }
    let description = params.get("description").unwrap_or("");
    if description.chars().count() > BODY_MAX {
        problems.push((
            400,
            match lang {
                Lang::Id => format!("description paling banyak {BODY_MAX} karakter; yang dikirim {}.", description.chars().count()),
                Lang::En => format!("description must be {BODY_MAX} characters or fewer; {} were sent.", description.chars().count()),
            },
        ));
    }
    let lat = coordinate(params, "lat", 90.0, lang, &mut problems);
    let long = coordinate(params, "long", 180.0, lang, &mut problems);
    if lat.is_some() != long.is_some() && problems.is_empty() {
        problems.push((400, lang.t("lat dan long harus dikirim bersama.", "lat and long must be sent together.").into()));
    }
    let address_id = short(params, "address_id", 100, lang, &mut problems);
    let device_id = short(params, "device_id", 100, lang, &mut problems);
    let account_id = short(params, "account_id", 100, lang, &mut problems);
    let media_url = short(params, "media_url", 500, lang, &mut problems);
    if !(media_url.is_empty() || media_url.starts_with("https://") || media_url.starts_with("http://")) {
        problems.push((400, lang.t("media_url harus alamat http(s).", "media_url must be an http(s) address.").into()));
    }
    let name = [params.get("first_name"), params.get("last_name")].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let answers = ReportAnswers {
        kind: chosen.get("jenis").copied().unwrap_or("").to_string(),
        unit: u.slug.clone(),
        service: svc.slug.clone(),
        subject: chosen.get("judul").map(|s| s.to_string()).unwrap_or_else(|| subject_from(description)),
        body: description.to_string(),
        place: params.get("address_string").unwrap_or("").to_string(),
        name,
        email: params.get("email").unwrap_or("").to_string(),
        phone: params.get("phone").unwrap_or("").to_string(),
        anonymous: chosen.get("anonim") == Some(&YES),
        confidential: chosen.get("rahasia") == Some(&YES),
        attachments: vec![],
    };
    // The portal's own checks, named by the Open311 parameter they concern.
    match crate::tickets::ssr::validate(db, &answers).await {
        Ok(_) => {}
        Err(AppError::Invalid(errors)) => {
            // A parameter already refused above is not named twice, nor a subject taken from
            // a description that is itself refused.
            let named = |param: &str| problems.iter().any(|(_, p)| p.starts_with(param));
            let derived = !chosen.contains_key("judul") && errors.get("body").is_some();
            let more: Vec<_> = errors
                .0
                .iter()
                .filter(|e| !(named(param_of(&e.field)) || derived && e.field == "subject"))
                .cloned()
                .collect();
            problems.extend(field_problems(&FieldErrors(more), lang));
        }
        Err(e) => return Err(internal(e, lang)),
    }
    if !problems.is_empty() {
        return Err(Refusal { code: 400, errors: problems });
    }
    let token = crate::ssr::token::random_hex(16);
    let via = Via {
        client_id: client.id,
        record: open311_request::ActiveModel {
            token_hash: Set(sha256_hex(token.as_bytes())),
            lat: Set(lat),
            long: Set(long),
            address_id: Set(address_id),
            device_id: Set(device_id),
            account_id: Set(account_id.clone()),
            media_url: Set(media_url),
            ..Default::default()
        },
    };
    let limits = crate::tickets::ssr::Limits {
        client: format!("{BUCKET}{}", client.id),
        client_per_hour: client.per_hour.max(1) as u32,
        email_per_hour: env.email_per_hour,
    };
    let key = format!("open311:{token}");
    let done = match crate::tickets::ssr::submit_limited(db, &answers, &key, lang, &env.tickets, Some(limits), via, now).await {
        Ok(done) => done,
        Err(e @ AppError::RateLimited { .. }) => return Err(refuse(429, e.message(lang))),
        Err(AppError::Invalid(errors)) => return Err(Refusal { code: 400, errors: field_problems(&errors, lang) }),
        Err(e) => return Err(internal(e, lang)),
    };
    let track = env.tickets.url(&format!("/lacak/{}", done.code));
    let notice = match (lang, done.awaiting_confirmation) {
        (Lang::Id, true) => format!(
            "Laporan diterima dengan kode pelacakan {}. Pelapor perlu membuka tautan konfirmasi yang dikirim ke emailnya; \
             setelah itu laporan diteruskan ke {} dan mendapat service_request_id (tanyakan lewat tokens). Ikuti di {track}.",
            done.code, done.unit_name
        ),
        (Lang::En, true) => format!(
            "Report received with tracking code {}. The reporter must follow the confirmation link sent to their e-mail; \
             the report then goes to {} and gets a service_request_id (ask through tokens). Follow it at {track}.",
            done.code, done.unit_name
        ),
        (Lang::Id, false) => format!(
            "Laporan diterima dengan kode pelacakan {} dan diteruskan ke {}. Ikuti di {track}.",
            done.code, done.unit_name
        ),
        (Lang::En, false) => format!(
            "Report received with tracking code {} and sent to {}. Follow it at {track}.",
            done.code, done.unit_name
        ),
    };
    Ok(Posted {
        id: (!done.awaiting_confirmation).then(|| done.ticket_id.to_string()),
        token,
        notice,
        account_id: Some(account_id).filter(|a| !a.is_empty()),
    })
}

