//! Open311 GeoReport v2, so that other civic apps can list the portal's services, send
//! reports and follow them: the plain data the interface answers with, the admin page for
//! API keys, and (server only) the rules. HTTP and the JSON and XML formats live in the
//! server crate.
pub mod api;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use serde::{Deserialize, Serialize};

/// A refused call: the HTTP status and the specification's error list (code, description).
#[derive(Clone, Debug, PartialEq)]
pub struct Refusal {
    pub code: u16,
    pub errors: Vec<(u16, String)>,
}

/// One entry of `GET services`.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceRow {
    pub code: String,
    pub name: String,
    pub description: String,
    pub keywords: String,
    pub group: String,
    /// "realtime" or "batch".
    pub kind: &'static str,
}

/// One attribute of a service definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub code: &'static str,
    /// string, number, datetime, text, singlevaluelist or multivaluelist.
    pub datatype: &'static str,
    pub required: bool,
    pub order: u32,
    pub description: String,
    pub datatype_description: String,
    /// (key, name) for lists.
    pub values: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ServiceDefinition {
    pub code: String,
    pub attributes: Vec<Attribute>,
}

/// The answer to `POST requests`.
#[derive(Clone, Debug, PartialEq)]
pub struct Posted {
    /// Known at once unless the report waits for its e-mail confirmation.
    pub id: Option<String>,
    pub token: String,
    pub notice: String,
    pub account_id: Option<String>,
}

/// The answer to `GET tokens/{token}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub id: Option<String>,
    pub token: String,
}

/// One entry of `GET requests`, as the public may read it.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestRow {
    pub id: String,
    pub open: bool,
    pub status_notes: String,
    pub service_name: String,
    pub service_code: String,
    pub description: String,
    pub agency_responsible: String,
    pub service_notice: String,
    pub requested: String,
    pub updated: String,
    pub expected: Option<String>,
    pub address: String,
    pub address_id: String,
    pub lat: Option<f64>,
    pub long: Option<f64>,
    pub media_url: String,
}

/// An API key as the admin page lists it (never the key itself).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeyRow {
    pub id: i32,
    pub name: String,
    pub prefix: String,
    pub per_hour: i32,
    pub used_last_hour: i64,
    pub created: String,
    pub last_used: Option<String>,
    pub revoked: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KeysData {
    pub keys: Vec<KeyRow>,
    /// A key just created, shown this once.
    pub new_key: Option<(String, String)>,
    pub endpoint: String,
    pub flash: Option<crate::forms::Flash>,
}
