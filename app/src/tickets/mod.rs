//! Citizens' reports (konsultasi, pengaduan, aspirasi, permintaan informasi): the shared
//! types, the citizen pages, the staff inbox, and their server functions. The rules live in
//! the server-only `ssr` module.
pub mod api;
pub mod citizen;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod deadlines;
pub mod views;
pub mod staff;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod lifecycle;
#[cfg(feature = "ssr")]
pub mod routing;

pub use crate::common::code::TrackingCode;
pub use crate::common::report::{EventKind, Status};

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The longest description, in characters.
pub const BODY_MAX: usize = 4000;
pub const SUBJECT_MAX: usize = 150;
/// How much of one typed answer a refused form keeps for the next try: far beyond every
/// limit, so that what a person typed comes back whole.
pub const KEEP_MAX: usize = 100_000;
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

/// A file sent with a report, as pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub hash: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
}

/// How staff and their mail name a report: its number, not its tracking code. The code is
/// the citizen's own secret (it lets one rate the answer, fill in the survey and write as
/// the reporter), so no staff page, list or mail shows it; a code a citizen reads out over
/// the phone still finds the report in the inbox search.
pub fn report_number(id: i32) -> String {
    format!("#{id}")
}

/// A file of a sent report, as pages show it: by its random address and its kind, never by
/// the name the sender's phone gave it or anything derived from its content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredFile {
    pub address: String,
    pub mime: String,
    pub size: i64,
}

impl StoredFile {
    pub fn href(&self) -> String {
        format!("/lampiran/{}", self.address)
    }

    /// "Lampiran 2: foto JPEG (120 KB)" for the `n`th file (from 1).
    pub fn label(&self, lang: crate::i18n::Lang, n: usize) -> String {
        let kind = match self.mime.as_str() {
            "image/jpeg" => lang.t("foto JPEG", "JPEG photo"),
            "image/png" => lang.t("gambar PNG", "PNG image"),
            _ => lang.t("dokumen PDF", "PDF document"),
        };
        format!("{} {n}: {kind} ({})", lang.t("Lampiran", "Attachment"), size_text(self.size))
    }

    /// The neutral name a download of the `n`th file gets.
    pub fn file_name(mime: &str, n: usize) -> String {
        let ext = match mime {
            "image/jpeg" => "jpg",
            "image/png" => "png",
            _ => "pdf",
        };
        format!("lampiran-{n}.{ext}")
    }
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
    /// The answers as the form sent them, field by field (`field` gives "" for a field that
    /// is missing), with the files already kept for this draft.
    pub fn from_form(field: impl Fn(&str) -> String, attachments: Vec<AttachmentInfo>) -> Self {
        // One list offers "unit/service" (or "unit/" when the service is not known).
        let target = field("unit");
        let (unit, service) = match target.split_once('/') {
            Some((u, s)) => (u.to_string(), s.to_string()),
            None => (target, String::new()),
        };
        ReportAnswers {
            kind: field("kind"),
            unit,
            service,
            subject: field("subject"),
            body: field("body"),
            place: field("place"),
            name: field("name"),
            email: field("email"),
            phone: field("phone"),
            anonymous: !field("anonymous").is_empty(),
            confidential: !field("confidential").is_empty(),
            attachments,
        }
    }

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
        "number" => lang.t("Nomor laporan", "Report number"),
        "rating" => lang.t("Penilaian", "Rating"),
        "comment" => lang.t("Komentar", "Comment"),
        "reason" => lang.t("Alasan", "Reason"),
        "public_subject" => lang.t("Judul yang diterbitkan", "Published subject"),
        "public_body" => lang.t("Isi yang diterbitkan", "Published description"),
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

#[cfg(test)]
mod tests {
    use super::ReportAnswers;
    use std::collections::HashMap;

    fn form(pairs: &[(&str, &str)]) -> impl Fn(&str) -> String {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k: &str| m.get(k).cloned().unwrap_or_default()
    }

    #[test]
    fn the_form_answers_split_the_unit_and_service_and_read_the_boxes() {
        let a = ReportAnswers::from_form(form(&[("unit", "capil/ktp-el"), ("anonymous", "on"), ("body", "Antre")]), vec![]);
        assert_eq!((a.unit.as_str(), a.service.as_str()), ("capil", "ktp-el"));
        assert!(a.anonymous && !a.confidential);
        assert_eq!(a.body, "Antre");
        assert_eq!(a.target(), "capil/ktp-el");
        let b = ReportAnswers::from_form(form(&[("unit", "capil")]), vec![]);
        assert_eq!((b.unit.as_str(), b.service.as_str()), ("capil", ""));
        let c = ReportAnswers::from_form(form(&[]), vec![]);
        assert_eq!((c.unit.as_str(), c.target()), ("", String::new()));
    }
}
