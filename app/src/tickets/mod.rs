//! Citizens' reports (konsultasi, pengaduan, aspirasi, permintaan informasi): the shared
//! types, the citizen pages, the staff inbox, and their server functions. The rules live in
//! the server-only `ssr` module.
pub mod api;
pub mod citizen;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod code;
#[cfg(feature = "ssr")]
pub mod deadlines;
pub mod views;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod lifecycle;

pub use code::TrackingCode;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The longest description, in characters.
pub const BODY_MAX: usize = 4000;
pub const SUBJECT_MAX: usize = 150;
pub const MAX_ATTACHMENTS: usize = 3;
pub const ATTACHMENT_MAX_BYTES: usize = 5 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Konsultasi,
    Pengaduan,
    Aspirasi,
    Informasi,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Konsultasi, Kind::Pengaduan, Kind::Aspirasi, Kind::Informasi];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Konsultasi => "konsultasi",
            Kind::Pengaduan => "pengaduan",
            Kind::Aspirasi => "aspirasi",
            Kind::Informasi => "informasi",
        }
    }
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Kind::Konsultasi => lang.t("Konsultasi", "Consultation"),
            Kind::Pengaduan => lang.t("Pengaduan", "Complaint"),
            Kind::Aspirasi => lang.t("Aspirasi", "Suggestion"),
            Kind::Informasi => lang.t("Permintaan informasi", "Request for information"),
        }
    }
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Kind::Konsultasi => lang.t(
                "Bertanya sebelum atau saat mengurus layanan.",
                "A question before or while using a service.",
            ),
            Kind::Pengaduan => lang.t(
                "Layanan tidak sesuai standar, lambat, dipungut biaya, atau perlakuan tidak patut.",
                "The service did not meet its standard, was slow, charged you, or you were treated badly.",
            ),
            Kind::Aspirasi => lang.t("Saran untuk memperbaiki layanan.", "An idea to improve the service."),
            Kind::Informasi => lang.t(
                "Meminta data atau dokumen yang dikuasai unit.",
                "Asking for data or documents the unit holds.",
            ),
        }
    }
}

/// Where a report stands. Stored in `tickets.status` (and a history entry's `from_status`
/// and `to_status`) as its code; a stored value outside this list is an error when read,
/// never taken for another status. Every change of it goes through
/// `tickets::lifecycle::transition`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Status {
    /// The first report from an address waits until its owner follows the mailed link.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "awaiting_confirmation"))]
    AwaitingConfirmation,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new"))]
    New,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "verified"))]
    Verified,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    /// Staff asked the citizen for more; the citizen's answer moves it on.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waiting_citizen"))]
    WaitingCitizen,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "resolved"))]
    Resolved,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "closed"))]
    Closed,
}

/// What a step in a report's history is. Stored in `ticket_events.kind` as its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum EventKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "submitted"))]
    Submitted,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "confirmed"))]
    Confirmed,
    /// A public staff reply.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reply"))]
    Reply,
    /// An internal note, never shown to the citizen.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "note"))]
    Note,
    /// A message from the citizen.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "citizen"))]
    Citizen,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "status"))]
    Status,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reopened"))]
    Reopened,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rated"))]
    Rated,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "forwarded"))]
    Forwarded,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "merged"))]
    Merged,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "merged_in"))]
    MergedIn,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "assigned"))]
    Assigned,
    /// Back in the unit's queue (the holder went off duty or away).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "returned"))]
    Returned,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "excluded"))]
    Excluded,
}

impl EventKind {
    /// Steps the citizen took themselves.
    pub fn by_citizen(self) -> bool {
        matches!(self, EventKind::Citizen | EventKind::Reopened | EventKind::Rated | EventKind::Submitted)
    }
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::AwaitingConfirmation,
        Status::New,
        Status::Verified,
        Status::InProgress,
        Status::WaitingCitizen,
        Status::Resolved,
        Status::Closed,
    ];

    /// Reports a staff member is still working on (they count in routing's load).
    pub const OPEN_CODES: [&'static str; 4] = ["new", "verified", "in_progress", "waiting_citizen"];
    /// The same, as statuses: open and reached the unit.
    pub const WORKING: [Status; 4] = [Status::New, Status::Verified, Status::InProgress, Status::WaitingCitizen];

    pub fn code(self) -> &'static str {
        match self {
            Status::AwaitingConfirmation => "awaiting_confirmation",
            Status::New => "new",
            Status::Verified => "verified",
            Status::InProgress => "in_progress",
            Status::WaitingCitizen => "waiting_citizen",
            Status::Resolved => "resolved",
            Status::Closed => "closed",
        }
    }
    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|k| k.code() == s)
    }
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Status::AwaitingConfirmation => lang.t("Menunggu konfirmasi email", "Waiting for e-mail confirmation"),
            Status::New => lang.t("Diterima", "Received"),
            Status::Verified => lang.t("Diverifikasi", "Verified"),
            Status::InProgress => lang.t("Sedang ditindaklanjuti", "Being handled"),
            Status::WaitingCitizen => lang.t("Menunggu jawaban pelapor", "Waiting for the reporter"),
            Status::Resolved => lang.t("Selesai", "Resolved"),
            Status::Closed => lang.t("Ditutup", "Closed"),
        }
    }
    /// What the status means for the citizen, in plain words.
    pub fn explanation(self, lang: Lang) -> &'static str {
        match self {
            Status::AwaitingConfirmation => lang.t(
                "Buka email dari kami dan ikuti tautan konfirmasi. Laporan baru diteruskan ke petugas setelah dikonfirmasi.",
                "Open the e-mail we sent and follow the confirmation link. The report goes to staff once it is confirmed.",
            ),
            Status::New => lang.t(
                "Laporan Anda sudah masuk ke unit layanan dan akan diperiksa petugas.",
                "Your report has reached the service unit and staff will check it.",
            ),
            Status::Verified => lang.t(
                "Petugas sudah memeriksa laporan Anda dan akan menindaklanjutinya.",
                "Staff have checked your report and will act on it.",
            ),
            Status::InProgress => lang.t(
                "Petugas sedang menangani laporan Anda.",
                "Staff are working on your report.",
            ),
            Status::WaitingCitizen => lang.t(
                "Petugas memerlukan keterangan tambahan dari Anda. Jawab di bawah.",
                "Staff need more information from you. Answer below.",
            ),
            Status::Resolved => lang.t(
                "Petugas sudah menjawab laporan Anda. Jika belum tuntas, Anda dapat membukanya kembali.",
                "Staff have answered your report. If it is not settled, you can reopen it.",
            ),
            Status::Closed => lang.t("Laporan ini sudah ditutup.", "This report is closed."),
        }
    }
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed)
    }
    /// The statuses staff may move a report to from this one.
    pub fn staff_targets(self) -> Vec<Status> {
        use Status::*;
        match self {
            AwaitingConfirmation | Closed => vec![],
            Resolved => vec![InProgress, Closed],
            current => [Verified, InProgress, WaitingCitizen, Resolved, Closed]
                .into_iter()
                .filter(|s| *s != current)
                .collect(),
        }
    }
}

/// A file sent with a report, as pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub hash: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
}

/// The answers of the report form, kept in the session between the form and "check your
/// answers".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportAnswers {
    pub kind: String,
    pub unit: String,
    pub service: String,
    pub subject: String,
    pub body: String,
    pub place: String,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub anonymous: bool,
    pub confidential: bool,
    pub attachments: Vec<AttachmentInfo>,
}

impl ReportAnswers {
    /// The value of the unit-and-service list: "unit/service", or "unit/" without a service.
    pub fn target(&self) -> String {
        if self.unit.is_empty() {
            String::new()
        } else {
            format!("{}/{}", self.unit, self.service)
        }
    }
    pub fn values(&self) -> std::collections::BTreeMap<String, String> {
        let mut m = std::collections::BTreeMap::new();
        for (k, v) in [
            ("kind", &self.kind),
            ("subject", &self.subject),
            ("body", &self.body),
            ("place", &self.place),
            ("name", &self.name),
            ("email", &self.email),
            ("phone", &self.phone),
        ] {
            m.insert(k.to_string(), v.clone());
        }
        m.insert("unit".into(), self.target());
        m.insert("anonymous".into(), if self.anonymous { "on" } else { "" }.into());
        m.insert("confidential".into(), if self.confidential { "on" } else { "" }.into());
        m
    }
}

pub fn field_label(lang: Lang, field: &str) -> String {
    match field {
        "kind" => lang.t("Jenis laporan", "Type of report"),
        "unit" => lang.t("Unit dan layanan", "Unit and service"),
        "service" => lang.t("Layanan", "Service"),
        "subject" => lang.t("Judul", "Subject"),
        "body" => lang.t("Uraian", "Description"),
        "place" => lang.t("Tempat kejadian", "Place"),
        "name" => lang.t("Nama", "Name"),
        "email" => lang.t("Email", "E-mail"),
        "phone" => lang.t("Nomor telepon", "Phone number"),
        "attachments" => lang.t("Lampiran", "Attachments"),
        "code" => lang.t("Kode pelacakan", "Tracking code"),
        "rating" => lang.t("Penilaian", "Rating"),
        "comment" => lang.t("Komentar", "Comment"),
        "reason" => lang.t("Alasan", "Reason"),
        "target" => lang.t("Laporan tujuan", "Target report"),
        "title" => lang.t("Judul templat", "Template title"),
        "status" => lang.t("Status", "Status"),
        _ => lang.t("Isian", "Answer"),
    }
    .to_string()
}

/// Human-readable file size.
pub fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}
