//! A report's statuses and the kinds of its history entries: shared by the pages, the
//! database entities and every rule about reports.
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

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
    /// A staff member approved the masked text for the public register and Open311.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "published"))]
    Published,
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

