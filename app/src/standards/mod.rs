//! Service standards (standar pelayanan): the 14 components of Law 25/2009, versioned.
//! Managers edit a draft, preview it and publish it with an effective date; citizens read
//! the version in force, what changed, and the history.
mod api;
#[cfg(feature = "ssr")]
pub mod changes;
pub mod manage;
pub mod pages;
pub mod requirements;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

pub use api::*;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// The two legal groups of PermenPANRB 15/2014.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Group {
    /// Service delivery: what the citizen meets (components 1-6).
    Delivery,
    /// Service management: inside the unit (components 7-14).
    Management,
}

impl Group {
    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Group::Delivery => lang.t(
                "Komponen penyampaian pelayanan (service delivery)",
                "Service delivery components",
            ),
            Group::Management => lang.t(
                "Komponen pengelolaan pelayanan (manufacturing)",
                "Service management components",
            ),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Component {
    Persyaratan = 1,
    Prosedur = 2,
    JangkaWaktu = 3,
    Biaya = 4,
    Produk = 5,
    Pengaduan = 6,
    DasarHukum = 7,
    Sarana = 8,
    Kompetensi = 9,
    PengawasanInternal = 10,
    JumlahPelaksana = 11,
    JaminanPelayanan = 12,
    JaminanKeamanan = 13,
    EvaluasiKinerja = 14,
}

/// The longest text one component may hold.
pub const MAX_COMPONENT_CHARS: usize = 20_000;
pub const MAX_CHANGE_NOTE_CHARS: usize = 1_000;

impl Component {
    pub const ALL: [Component; 14] = [
        Component::Persyaratan,
        Component::Prosedur,
        Component::JangkaWaktu,
        Component::Biaya,
        Component::Produk,
        Component::Pengaduan,
        Component::DasarHukum,
        Component::Sarana,
        Component::Kompetensi,
        Component::PengawasanInternal,
        Component::JumlahPelaksana,
        Component::JaminanPelayanan,
        Component::JaminanKeamanan,
        Component::EvaluasiKinerja,
    ];

    pub fn number(self) -> i16 {
        self as i16
    }

    pub fn from_number(n: i16) -> Option<Component> {
        Component::ALL.iter().copied().find(|c| c.number() == n)
    }

    pub fn key(self) -> &'static str {
        match self {
            Component::Persyaratan => "persyaratan",
            Component::Prosedur => "prosedur",
            Component::JangkaWaktu => "jangka-waktu",
            Component::Biaya => "biaya",
            Component::Produk => "produk",
            Component::Pengaduan => "pengaduan",
            Component::DasarHukum => "dasar-hukum",
            Component::Sarana => "sarana",
            Component::Kompetensi => "kompetensi",
            Component::PengawasanInternal => "pengawasan-internal",
            Component::JumlahPelaksana => "jumlah-pelaksana",
            Component::JaminanPelayanan => "jaminan-pelayanan",
            Component::JaminanKeamanan => "jaminan-keamanan",
            Component::EvaluasiKinerja => "evaluasi-kinerja",
        }
    }

    pub fn from_key(key: &str) -> Option<Component> {
        Component::ALL.iter().copied().find(|c| c.key() == key)
    }

    /// The key of the requirements' second box, the conditions to meet
    /// ([`requirements::Requirements`]); the first box is the component's own key.
    pub const CONDITIONS_KEY: &'static str = "persyaratan-syarat";

    /// The form field name, e.g. `c[persyaratan]`.
    pub fn field(self) -> String {
        format!("c[{}]", self.key())
    }

    pub fn group(self) -> Group {
        if self.number() <= 6 {
            Group::Delivery
        } else {
            Group::Management
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Component::Persyaratan => lang.t("Persyaratan", "Requirements"),
            Component::Prosedur => lang.t("Sistem, mekanisme, dan prosedur", "System, mechanism and procedure"),
            Component::JangkaWaktu => lang.t("Jangka waktu penyelesaian", "Time to complete"),
            Component::Biaya => lang.t("Biaya/tarif", "Cost/fee"),
            Component::Produk => lang.t("Produk pelayanan", "Service product"),
            Component::Pengaduan => lang.t(
                "Penanganan pengaduan, saran, dan masukan",
                "Handling of complaints, suggestions and input",
            ),
            Component::DasarHukum => lang.t("Dasar hukum", "Legal basis"),
            Component::Sarana => lang.t("Sarana, prasarana, dan/atau fasilitas", "Facilities"),
            Component::Kompetensi => lang.t("Kompetensi pelaksana", "Staff competence"),
            Component::PengawasanInternal => lang.t("Pengawasan internal", "Internal supervision"),
            Component::JumlahPelaksana => lang.t("Jumlah pelaksana", "Number of staff"),
            Component::JaminanPelayanan => lang.t("Jaminan pelayanan", "Service guarantee"),
            Component::JaminanKeamanan => lang.t(
                "Jaminan keamanan dan keselamatan pelayanan",
                "Security and safety guarantee",
            ),
            Component::EvaluasiKinerja => lang.t("Evaluasi kinerja pelaksana", "Staff performance evaluation"),
        }
    }

    /// A short explanation for the manager filling it in.
    pub fn hint(self, lang: Lang) -> &'static str {
        match self {
            Component::Persyaratan => lang.t(
                "Dokumen yang dibawa warga, satu per baris. Syarat yang bukan dokumen (usia, domisili, datang sendiri) ditulis di kotak berikutnya.",
                "Documents the citizen brings, one per line. Conditions that are not documents (age, residence, coming in person) go in the next box.",
            ),
            Component::Prosedur => lang.t(
                "Langkah-langkah pelayanan dari awal sampai selesai, bernomor.",
                "The steps of the service from start to finish, numbered.",
            ),
            Component::JangkaWaktu => lang.t(
                "Berapa lama sejak persyaratan lengkap, dalam hari kerja atau jam.",
                "How long from complete requirements, in working days or hours.",
            ),
            Component::Biaya => lang.t(
                "Biaya yang dibayar warga dan dasarnya, atau \"Rp 0 (gratis)\".",
                "What the citizen pays and on what basis, or \"Rp 0 (free)\".",
            ),
            Component::Produk => lang.t("Apa yang diterima warga.", "What the citizen receives."),
            Component::Pengaduan => lang.t(
                "Saluran pengaduan dan tenggat tanggapannya.",
                "Complaint channels and response deadlines.",
            ),
            Component::DasarHukum => lang.t("Peraturan yang menjadi dasar pelayanan.", "Laws and regulations the service rests on."),
            Component::Sarana => lang.t(
                "Ruang, peralatan dan fasilitas, termasuk untuk kelompok rentan.",
                "Rooms, equipment and facilities, including for vulnerable groups.",
            ),
            Component::Kompetensi => lang.t("Pengetahuan dan keahlian petugas.", "Knowledge and skills of the staff."),
            Component::PengawasanInternal => lang.t("Siapa mengawasi dan bagaimana.", "Who supervises, and how."),
            Component::JumlahPelaksana => lang.t("Berapa petugas melayani.", "How many staff serve."),
            Component::JaminanPelayanan => lang.t(
                "Janji unit tentang kepastian pelayanan.",
                "The unit's promise of a dependable service.",
            ),
            Component::JaminanKeamanan => lang.t(
                "Jaminan rasa aman, bebas bahaya dan risiko, termasuk protokol kesehatan.",
                "Safety and security, including health protocols.",
            ),
            Component::EvaluasiKinerja => lang.t(
                "Bagaimana dan seberapa sering kinerja petugas dinilai.",
                "How and how often staff performance is assessed.",
            ),
        }
    }
}

/// A unit as public pages show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitCard {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub address: String,
    /// "WIB", "WITA" or "WIT".
    pub zone: String,
    pub service_count: u64,
}

impl UnitCard {
    /// "11 layanan · WITA": how many services the unit offers, and its time zone.
    pub fn services_and_zone(&self, lang: Lang) -> String {
        format!("{} · {}", lang.count(self.service_count, "layanan", "service", "services"), self.zone)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceCard {
    pub unit_slug: String,
    pub unit_name: String,
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// The summary in English, empty when the unit gives none.
    pub summary_en: String,
    pub has_standard: bool,
}

/// A service's summary for a reader of `lang`: the English one on English pages where the
/// unit gives one, otherwise the Indonesian one, with the language it is written in when
/// that is not the page's (for screen readers).
pub fn summary_for<'a>(lang: Lang, summary: &'a str, summary_en: &'a str) -> (&'a str, Option<&'static str>) {
    match lang {
        Lang::En if !summary_en.trim().is_empty() => (summary_en, None),
        Lang::En => (summary, Some("id")),
        Lang::Id => (summary, None),
    }
}

impl ServiceCard {
    pub fn href(&self) -> String {
        format!("/layanan/{}/{}", self.unit_slug, self.slug)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionState {
    InForce,
    Upcoming,
    Superseded,
    Draft,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionInfo {
    pub no: i32,
    pub state: VersionState,
    /// Formatted in the unit's time zone and the reader's language.
    pub effective: String,
    pub published: String,
    pub change_note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RenderedComponent {
    pub component: Component,
    /// Cleaned HTML from the component's Markdown.
    pub html: String,
}

/// How one item of a component (a step, a bullet, a line) changed from the previous version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Same,
    Added,
    Removed,
    /// The same words, edited: shown before and now.
    Changed,
    /// The same words at another place; `from` is its old step number, if it had one.
    Moved { from: Option<u32> },
}

/// A stretch of an item's text; `changed` marks the words an edit added or took away.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Piece {
    pub changed: bool,
    pub text: String,
}

/// One item as a citizen reads it: no Markdown marks, its step number apart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ItemChange {
    pub change: ChangeKind,
    /// Its step number (in the new version; in the old one for a removed step).
    pub number: Option<u32>,
    pub bullet: bool,
    /// Its text now (empty when removed).
    pub now: Vec<Piece>,
    /// Its text before, for an edited or removed item.
    pub before: Vec<Piece>,
}

impl ItemChange {
    fn join(pieces: &[Piece]) -> String {
        pieces.iter().map(|p| p.text.as_str()).collect()
    }
    /// The item's text now, or before when it was removed.
    pub fn text(&self) -> String {
        if self.now.is_empty() { Self::join(&self.before) } else { Self::join(&self.now) }
    }
    pub fn before_text(&self) -> String {
        Self::join(&self.before)
    }
}

/// How one component differs from the previous version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ComponentChange {
    pub component: Component,
    pub items: Vec<ItemChange>,
}

/// Everything the public standard page (and the preview) shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardView {
    pub unit: UnitCard,
    pub service_name: String,
    pub service_slug: String,
    pub summary: String,
    pub summary_en: String,
    /// The version shown (in force, a chosen older one, or the draft in a preview).
    pub shown: Option<VersionInfo>,
    pub components: Vec<RenderedComponent>,
    /// The version in force when an older or future one is shown.
    pub in_force_no: Option<i32>,
    pub upcoming: Option<VersionInfo>,
    /// The version the changes are counted from.
    pub previous_no: Option<i32>,
    pub changes: Vec<ComponentChange>,
    pub history: Vec<VersionInfo>,
    pub maklumat_html: String,
    /// When what this view shows changes by itself (the next version takes effect), as
    /// Unix seconds. Server-side only.
    #[serde(skip)]
    pub changes_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LatestChange {
    pub service: ServiceCard,
    pub version: VersionInfo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    /// Every unit, when there are at most `HOME_UNIT_CARDS`; else none, and the page links to
    /// the directory of units.
    pub units: Vec<UnitCard>,
    pub unit_count: u64,
    pub query: String,
    pub results: Option<Vec<ServiceCard>>,
    pub latest: Vec<LatestChange>,
}

/// Unit cards the home page shows; with more units (a province has hundreds) it links to
/// the directory of units instead, so a phone is not handed hundreds of cards to scroll.
pub const HOME_UNIT_CARDS: usize = 12;

/// The directory of units, `/layanan`: every unit, or those whose name holds the words asked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitDirectory {
    pub units: Vec<UnitCard>,
    pub total: u64,
    pub filter: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitPageData {
    pub unit: UnitCard,
    pub maklumat_html: String,
    pub services: Vec<ServiceCard>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fourteen_components_in_two_groups() {
        assert_eq!(Component::ALL.len(), 14);
        let delivery = Component::ALL.iter().filter(|c| c.group() == Group::Delivery).count();
        assert_eq!(delivery, 6);
        for c in Component::ALL {
            assert_eq!(Component::from_number(c.number()), Some(c));
            assert_eq!(Component::from_key(c.key()), Some(c));
        }
    }
}
