//! Open311 GeoReport v2 over HTTP, under `/open311/v2/`: every resource in `.json` and
//! `.xml`, errors as the specification's list. The rules live in `app::open311::ssr`.
use app::i18n::Lang;
use app::open311::ssr::{self as rules, Params};
use app::open311::{Attribute, Posted, Refusal, Reply, RequestRow, ServiceDefinition, ServiceRow};
use app::ssr::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::ser::SerializeStruct;
use serde::Serialize;

/// The specification this interface follows, and when the interface last changed.
const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
const CHANGESET: &str = "2026-11-24T00:00:00+07:00";

/// Everything under `/open311/`.
pub fn routes() -> Router<AppState> {
    let any_origin = tower_http::set_header::SetResponseHeaderLayer::overriding(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    Router::new()
        .route("/{file}", get(root_discovery))
        .route("/v2/{file}", get(top).post(post_request))
        .route("/v2/services/{file}", get(service_definition))
        .route("/v2/requests/{file}", get(one_request))
        .route("/v2/tokens/{file}", get(token))
        .layer(any_origin)
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Format {
    Json,
    Xml,
}

/// "services.json" → ("services", JSON).
fn split(file: &str) -> Option<(&str, Format)> {
    if let Some(name) = file.strip_suffix(".json") {
        Some((name, Format::Json))
    } else {
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }
}

/// English for clients that ask for it; Bahasa Indonesia otherwise.
fn lang_of(headers: &HeaderMap) -> Lang {
    let wanted = headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).unwrap_or("");
    if wanted.trim_start().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Id
    }
}

fn pairs(raw: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(raw).unwrap_or_default()
}

fn jurisdiction(state: &AppState) -> String {
    let url = &state.settings.public_url;
    let host = url.split("://").nth(1).unwrap_or(url);
    host.split('/').next().unwrap_or(host).to_string()
}

// ---------------------------------------------------------------- the two formats

/// An answer both formats can carry. `build::<false>` is the JSON shape, `build::<true>` the
/// XML one; the two differ only in lists (see `List`) and in characters XML cannot carry.
/// The field order of each answer is the order of its struct, as the specification lists it.
trait Answer {
    fn build<const XML: bool>(self) -> impl Serialize;
}

/// A list: a bare array in JSON; in XML an element holding one `<item>` per entry
/// (`<formats><format>text/xml</format>…</formats>`).
struct List<T, const XML: bool> {
    item: &'static str,
    items: Vec<T>,
}

impl<T, const XML: bool> List<T, XML> {
    fn of(item: &'static str, items: impl IntoIterator<Item = T>) -> Self {
        List { item, items: items.into_iter().collect() }
    }
}

impl<T: Serialize, const XML: bool> Serialize for List<T, XML> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if XML {
            let mut element = s.serialize_struct("list", 1)?;
            element.serialize_field(self.item, &self.items)?;
            element.end()
        } else {
            self.items.serialize(s)
        }
    }
}

/// Text as the format can carry it: XML 1.0 has no place for control characters other
/// than tab, line feed and carriage return, nor for U+FFFE and U+FFFF.
fn text<const XML: bool>(s: impl Into<String>) -> String {
    let s = s.into();
    if XML && s.chars().any(|c| ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}') {
        s.chars().filter(|&c| !((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) && c != '\u{FFFE}' && c != '\u{FFFF}').collect()
    } else {
        s
    }
}

/// An empty string is an absent value.
fn optional<const XML: bool>(s: String) -> Option<String> {
    (!s.is_empty()).then(|| text::<XML>(s))
}

fn to_json(a: impl Answer) -> Result<String, String> {
    serde_json::to_string(&a.build::<false>()).map_err(|e| e.to_string())
}

fn to_xml(root: &str, a: impl Answer) -> Result<String, String> {
    let body = quick_xml::se::to_string_with_root(root, &a.build::<true>()).map_err(|e| e.to_string())?;
    Ok(format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n{body}\n"))
}

fn respond(status: StatusCode, format: Format, root: &str, a: impl Answer) -> Response {
    let (written, content_type) = match format {
        Format::Json => (to_json(a), "application/json; charset=utf-8"),
        Format::Xml => (to_xml(root, a), "text/xml; charset=utf-8"),
    };
    match written {
        Ok(body) => (status, [(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "writing an Open311 answer failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

#[derive(Serialize)]
struct ErrorOut {
    code: u16,
    description: String,
}

impl Answer for Refusal {
    fn build<const XML: bool>(self) -> impl Serialize {
        List::<_, XML>::of(
            "error",
            self.errors.into_iter().map(|(code, description)| ErrorOut { code, description: text::<XML>(description) }),
        )
    }
}

fn refused(format: Format, r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.code).unwrap_or(StatusCode::BAD_REQUEST);
    respond(status, format, "errors", r)
}

/// An unknown resource or format (answered in XML, the format every client reads, when the
/// format itself is unknown).
fn not_found(format: Format, lang: Lang) -> Response {
    refused(
        format,
        Refusal {
            code: 404,
            errors: vec![(
                404,
                lang.t(
                    "Sumber tidak dikenal. Lihat discovery.json untuk daftar yang tersedia.",
                    "Unknown resource. See discovery.json for what is offered.",
                )
                .into(),
            )],
        },
    )
}

// ---------------------------------------------------------------- resources

struct Discovery {
    base: String,
    production: bool,
}

#[derive(Serialize)]
struct DiscoveryOut<const XML: bool> {
    changeset: &'static str,
    contact: String,
    key_service: String,
    endpoints: List<Endpoint<XML>, XML>,
}

#[derive(Serialize)]
struct Endpoint<const XML: bool> {
    specification: &'static str,
    url: String,
    changeset: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    formats: List<&'static str, XML>,
}

impl Answer for Discovery {
    fn build<const XML: bool>(self) -> impl Serialize {
        let base = self.base;
        DiscoveryOut::<XML> {
            changeset: CHANGESET,
            contact: format!("Admin Portal Layanan Publik, {base}/lapor"),
            key_service: format!(
                "Kunci API untuk mengirim laporan diberikan oleh admin portal per aplikasi ({base}/admin/open311). \
                 API keys for sending reports are issued per application by the portal's admin."
            ),
            endpoints: List::of(
                "endpoint",
                [Endpoint {
                    specification: SPECIFICATION,
                    url: format!("{base}/open311/v2"),
                    changeset: CHANGESET,
                    kind: if self.production { "production" } else { "test" },
                    formats: List::of("format", ["text/xml", "application/json"]),
                }],
            ),
        }
    }
}

fn discovery(state: &AppState) -> Discovery {
    Discovery { base: app::ssr::links::url(&state.settings.public_url, ""), production: state.settings.production }
}

#[derive(Serialize)]
struct ServiceOut {
    service_code: String,
    service_name: String,
    description: String,
    metadata: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    keywords: String,
    group: String,
}

impl Answer for Vec<ServiceRow> {
    fn build<const XML: bool>(self) -> impl Serialize {
        List::<_, XML>::of(
            "service",
            self.into_iter().map(|s| ServiceOut {
                service_code: text::<XML>(s.code),
                service_name: text::<XML>(s.name),
                description: text::<XML>(s.description),
                metadata: true,
                kind: s.kind,
                keywords: text::<XML>(s.keywords),
                group: text::<XML>(s.group),
            }),
        )
    }
}

#[derive(Serialize)]
struct DefinitionOut<const XML: bool> {
    service_code: String,
    attributes: List<AttributeOut<XML>, XML>,
}

#[derive(Serialize)]
struct AttributeOut<const XML: bool> {
    variable: bool,
    code: &'static str,
    datatype: &'static str,
    required: bool,
    datatype_description: String,
    order: u32,
    description: String,
    values: List<ValueOut, XML>,
}

#[derive(Serialize)]
struct ValueOut {
    key: String,
    name: String,
}

fn attribute<const XML: bool>(a: Attribute) -> AttributeOut<XML> {
    AttributeOut {
        variable: true,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: text::<XML>(a.datatype_description),
        order: a.order,
        description: text::<XML>(a.description),
        values: List::of("value", a.values.into_iter().map(|(key, name)| ValueOut { key: text::<XML>(key), name: text::<XML>(name) })),
    }
}

impl Answer for ServiceDefinition {
    fn build<const XML: bool>(self) -> impl Serialize {
        DefinitionOut::<XML> { service_code: text::<XML>(self.code), attributes: List::of("attribute", self.attributes.into_iter().map(attribute::<XML>)) }
    }
}

#[derive(Serialize)]
struct RequestOut {
    service_request_id: String,
    status: &'static str,
    status_notes: String,
    // A report to a unit without naming one of its services has neither.
    service_name: Option<String>,
    service_code: Option<String>,
    description: String,
    agency_responsible: String,
    service_notice: String,
    requested_datetime: String,
    updated_datetime: String,
    expected_datetime: Option<String>,
    address: Option<String>,
    address_id: Option<String>,
    zipcode: Option<String>,
    lat: Option<f64>,
    long: Option<f64>,
    media_url: Option<String>,
}

fn request_row<const XML: bool>(r: RequestRow) -> RequestOut {
    RequestOut {
        service_request_id: r.id,
        status: if r.open { "open" } else { "closed" },
        status_notes: text::<XML>(r.status_notes),
        service_name: optional::<XML>(r.service_name),
        service_code: optional::<XML>(r.service_code),
        description: text::<XML>(r.description),
        agency_responsible: text::<XML>(r.agency_responsible),
        service_notice: text::<XML>(r.service_notice),
        requested_datetime: r.requested,
        updated_datetime: r.updated,
        expected_datetime: r.expected,
        address: optional::<XML>(r.address),
        address_id: optional::<XML>(r.address_id),
        zipcode: None,
        lat: r.lat,
        long: r.long,
        media_url: optional::<XML>(r.media_url),
    }
}

impl Answer for Vec<RequestRow> {
    fn build<const XML: bool>(self) -> impl Serialize {
        List::<_, XML>::of("request", self.into_iter().map(request_row::<XML>))
    }
}

#[derive(Serialize)]
struct PostedOut {
    service_request_id: Option<String>,
    token: String,
    service_notice: String,
    account_id: Option<String>,
}

impl Answer for Posted {
    fn build<const XML: bool>(self) -> impl Serialize {
        List::<_, XML>::of(
            "request",
            [PostedOut {
                service_request_id: self.id,
                token: self.token,
                service_notice: text::<XML>(self.notice),
                account_id: self.account_id.map(text::<XML>),
            }],
        )
    }
}

#[derive(Serialize)]
struct TokenOut {
    service_request_id: Option<String>,
    token: String,
}

impl Answer for Reply {
    fn build<const XML: bool>(self) -> impl Serialize {
        List::<_, XML>::of("request", [TokenOut { service_request_id: self.id, token: self.token }])
    }
}

// ---------------------------------------------------------------- handlers

/// What every call starts with: the resource's name and format, the parameters (the body's
/// first, then the query's), the client's language, and the jurisdiction checked.
struct Call<'a> {
    name: &'a str,
    format: Format,
    params: Params,
    lang: Lang,
}

fn call<'a>(state: &AppState, file: &'a str, headers: &HeaderMap, query: Option<String>, body: &[u8]) -> Result<Call<'a>, Box<Response>> {
    let lang = lang_of(headers);
    let Some((name, format)) = split(file) else { return Err(Box::new(not_found(Format::Xml, lang))) };
    let mut all = pairs(body);
    all.extend(pairs(query.unwrap_or_default().as_bytes()));
    let params = Params::new(all);
    rules::check_jurisdiction(&params, &jurisdiction(state), lang).map_err(|r| Box::new(refused(format, r)))?;
    Ok(Call { name, format, params, lang })
}

fn answer(format: Format, root: &str, result: Result<impl Answer, Refusal>) -> Response {
    match result {
        Ok(v) => respond(StatusCode::OK, format, root, v),
        Err(r) => refused(format, r),
    }
}

/// `/open311/discovery.*`, where the specification's service discovery expects it; the
/// same as `/open311/v2/discovery.*`.
async fn root_discovery(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) if c.name == "discovery" => answer(c.format, "discovery", Ok(discovery(&state))),
        Ok(c) => not_found(c.format, c.lang),
        Err(r) => *r,
    }
}

/// `discovery`, `services` and `GET requests`.
async fn top(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    let c = match call(&state, &file, &headers, q, &[]) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    match c.name {
        "discovery" => answer(c.format, "discovery", Ok(discovery(&state))),
        "services" => answer(
            c.format,
            "services",
            rules::services(&state.read).await,
        ),
        "requests" => answer(c.format, "service_requests", rules::requests(&state.read, &c.params, c.lang, state.clock.now()).await),
        _ => not_found(c.format, c.lang),
    }
}

async fn service_definition(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_definition", rules::definition(&state.read, c.name, c.lang).await),
        Err(r) => *r,
    }
}

async fn one_request(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_requests", rules::request(&state.db, c.name, &c.params, c.lang, state.clock.now()).await),
        Err(r) => *r,
    }
}

async fn token(State(state): State<AppState>, Path(file): Path<String>, headers: HeaderMap, RawQuery(q): RawQuery) -> Response {
    match call(&state, &file, &headers, q, &[]) {
        Ok(c) => answer(c.format, "service_requests", rules::token(&state.db, c.name, c.lang).await),
        Err(r) => *r,
    }
}

/// `POST requests`: form-encoded parameters in the body; `api_key` may also come in the query.
async fn post_request(
    State(state): State<AppState>,
    Path(file): Path<String>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Bytes,
) -> Response {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let form = content_type.is_empty() || content_type.starts_with("application/x-www-form-urlencoded");
    let c = match call(&state, &file, &headers, q, if form { &body } else { &[] }) {
        Ok(c) => c,
        Err(r) => return *r,
    };
    let refuse = |code: u16, id: &'static str, en: &'static str| refused(c.format, Refusal { code, errors: vec![(code, c.lang.t(id, en).into())] });
    if c.name != "requests" {
        return refuse(405, "Hanya requests yang menerima POST.", "Only requests accepts POST.");
    }
    if !form {
        return refuse(
            400,
            "Kirim parameter sebagai application/x-www-form-urlencoded.",
            "Send the parameters as application/x-www-form-urlencoded.",
        );
    }
    let env = rules::PostEnv {
        tickets: app::tickets::ssr::Env { public_url: &state.settings.public_url },
        email_per_hour: state.settings.reports_per_hour,
    };
    let result = rules::submit(&state.db, &c.params, &env, c.lang, state.clock.now()).await;
    if result.is_ok() {
        state.outbox_signal.notify_one();
    }
    answer(c.format, "service_requests", result)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(description: &str) -> RequestRow {
        RequestRow {
            id: "12".into(),
            open: true,
            status_notes: String::new(),
            service_name: String::new(),
            service_code: "3".into(),
            description: description.into(),
            agency_responsible: "Disdukcapil".into(),
            service_notice: String::new(),
            requested: "2027-03-01T09:00:00+08:00".into(),
            updated: "2027-03-01T09:00:00+08:00".into(),
            expected: None,
            address: String::new(),
            address_id: String::new(),
            lat: Some(-1.25),
            long: None,
            media_url: String::new(),
        }
    }

    #[test]
    fn xml_is_escaped_lists_name_their_items_and_fields_keep_their_order() {
        let xml = to_xml("service_requests", vec![row("A & B <c> \"d\" 'e'\u{1}")]).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request><service_request_id>12</service_request_id>"), "{xml}");
        assert!(xml.contains("<description>A &amp; B &lt;c&gt;"), "{xml}");
        assert!(!xml.contains('\u{1}'), "no character XML cannot carry: {xml}");
        assert!(xml.contains("<service_name/><service_code>3</service_code>"), "{xml}");
        assert!(xml.contains("<lat>-1.25</lat><long/><media_url/></request></service_requests>\n"), "{xml}");
        let json = to_json(vec![row("A & B \u{1}")]).unwrap();
        assert!(json.starts_with(r#"[{"service_request_id":"12","status":"open","status_notes":"","service_name":null,"service_code":"3","description":"A & B \u0001""#), "{json}");
        assert!(json.ends_with(r#""lat":-1.25,"long":null,"media_url":null}]"#), "{json}");
    }

    #[test]
    fn nested_lists_are_arrays_in_json_and_named_items_in_xml() {
        let d = || Discovery { base: "https://layanan.test".into(), production: false };
        let xml = to_xml("discovery", d()).unwrap();
        assert!(xml.contains("<endpoints><endpoint><specification>"), "{xml}");
        assert!(xml.contains("<type>test</type><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints>"), "{xml}");
        let json: serde_json::Value = serde_json::from_str(&to_json(d()).unwrap()).unwrap();
        assert_eq!(json["endpoints"][0]["formats"], serde_json::json!(["text/xml", "application/json"]));
        let errors = to_xml("errors", Refusal { code: 400, errors: vec![(400, "x".into())] }).unwrap();
        assert!(errors.contains("<errors><error><code>400</code><description>x</description></error></errors>"), "{errors}");
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(split("services.json"), Some(("services", Format::Json)));
        assert_eq!(split("12.xml"), Some(("12", Format::Xml)));
        assert_eq!(split("services"), None);
        assert_eq!(split("services.html"), None);
    }
}
