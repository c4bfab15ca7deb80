//! What the ticket pages receive from the server. Built from the database models on the
//! server side; never the models themselves.
use super::{Kind, ReportAnswers, Status, StoredFile};
use crate::error::AppError;
use crate::forms::Flash;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitOption {
    pub slug: String,
    pub name: String,
    pub phone_only: bool,
    /// (slug, name)
    pub services: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportFormData {
    pub units: Vec<UnitOption>,
    pub answers: ReportAnswers,
    pub error: Option<AppError>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckData {
    pub answers: ReportAnswers,
    pub unit_name: String,
    pub service_name: Option<String>,
    /// One per filled form: submitting twice finds the first ticket.
    pub key: String,
    /// Why the last send was refused (a plain form post comes back here).
    pub error: Option<AppError>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubmittedData {
    pub code: String,
    pub awaiting_confirmation: bool,
    pub has_email: bool,
    pub unit_name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub at: String,
    pub title: String,
    pub body: String,
    pub by: String,
    pub from_citizen: bool,
    pub internal: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketView {
    pub code: String,
    pub kind: Kind,
    pub unit_name: String,
    pub service_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub place: String,
    pub status: Status,
    pub created: String,
    pub timeline: Vec<TimelineItem>,
    /// The staff's latest public reply, shown first on the citizen's page.
    pub latest_answer: Option<TimelineItem>,
    pub attachments: Vec<StoredFile>,
    pub anonymous: bool,
    pub confidential: bool,
    pub can_message: bool,
    /// The last day a resolved report may be reopened, when that is still possible.
    pub reopen_until: Option<String>,
    /// What the unit has promised next, in the citizen's words ("Tanggapan paling lambat …").
    pub promise: Option<String>,
    pub can_rate: bool,
    /// Resolved, and the satisfaction survey not answered yet (within its 30 days).
    pub survey_open: bool,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    pub merged: bool,
    pub flash: Option<Flash>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConfirmOutcome {
    /// The link is good and not used yet: the page asks for one press (a mail scanner that
    /// opens links confirms nothing).
    Pending,
    Confirmed { code: String },
    AlreadyConfirmed { code: String },
    Expired,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i32,
    pub kind: Kind,
    pub subject: String,
    pub service: Option<String>,
    pub status: Status,
    pub created: String,
    pub due: Option<String>,
    pub overdue: bool,
    pub assignee: Option<String>,
    pub reporter: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct InboxFilter {
    pub status: String,
    pub kind: String,
    pub service: String,
    /// "saya" (mine), "kosong" (unassigned) or empty.
    pub who: String,
    pub overdue: bool,
    pub q: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InboxData {
    pub unit_id: i32,
    /// Whether the reader may download every report with its reporter's contact (managers).
    pub can_export: bool,
    pub unit_slug: String,
    pub unit_name: String,
    pub my_units: Vec<(String, String)>,
    pub services: Vec<(i32, String)>,
    pub rows: Vec<InboxRow>,
    pub filter: InboxFilter,
    pub truncated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reporter {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub who: String,
    /// What was done, in a sentence in the reader's language.
    pub what: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateView {
    pub id: i32,
    pub title: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffTicket {
    pub id: i32,
    pub unit_id: i32,
    pub unit_slug: String,
    pub unit_name: String,
    pub kind: Kind,
    pub service: Option<String>,
    pub subject: String,
    pub body: String,
    pub place: String,
    pub status: Status,
    pub created: String,
    pub deadlines: Vec<DeadlineView>,
    pub anonymous: bool,
    pub confidential: bool,
    /// None when the reporter chose Anonim: staff never see who it is.
    pub reporter: Option<Reporter>,
    pub assignee: Option<String>,
    pub assigned_to_me: bool,
    /// For managers: the unit's members a report can be handed to (id, name).
    pub members: Vec<(i32, String)>,
    pub events: Vec<TimelineItem>,
    pub audit: Vec<AuditRow>,
    pub attachments: Vec<StoredFile>,
    pub templates: Vec<TemplateView>,
    pub prefill: String,
    pub other_units: Vec<(String, String)>,
    pub targets: Vec<Status>,
    pub register_excluded: Option<String>,
    pub in_register: bool,
    /// Answered, neither Rahasia nor Anonim, not merged: a staff member may publish it.
    pub may_publish: bool,
    /// When and by whom it was published ("3 Desember 2026 pukul 10.00 WITA, Rina").
    pub published: Option<String>,
    /// The text to publish: the published copy, or the report's text masked.
    pub public_subject: String,
    pub public_body: String,
    pub rating: Option<i32>,
    pub rating_comment: Option<String>,
    /// The number of the report this one was merged into.
    pub merged_into: Option<i32>,
    pub flash: Option<Flash>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterEntry {
    pub kind: Kind,
    pub unit: String,
    pub service: Option<String>,
    pub subject: String,
    pub body: String,
    pub answers: Vec<String>,
    pub resolved: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterData {
    pub entries: Vec<RegisterEntry>,
    /// Every unit (slug, name), for the filter.
    pub units: Vec<(String, String)>,
    /// The unit chosen (its slug), given or named by the service chosen.
    pub unit: Option<String>,
    /// The services of the unit chosen (none before a unit is chosen).
    pub services: Vec<(i32, String)>,
    pub q: String,
    pub service: Option<i32>,
    /// Where the next, older page starts (`?sebelum=`), when there is one.
    pub older: Option<i32>,
    /// Whether this is an older page rather than the latest reports.
    pub paged: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplatesData {
    pub unit_id: i32,
    pub unit_slug: String,
    pub unit_name: String,
    pub templates: Vec<TemplateView>,
    pub flash: Option<Flash>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FailedMail {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub attempts: i32,
    pub last_error: String,
    pub created: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSettings {
    pub unit_id: i32,
    pub unit_name: String,
    pub gate: bool,
    pub phone_only: bool,
}

/// One of a report's deadlines as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeadlineView {
    pub label: String,
    pub due: String,
    /// "met", "late" (met after the deadline), "pending", "overdue" or "paused".
    pub state: String,
    pub done: Option<String>,
}
