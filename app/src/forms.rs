//! Form validation shared by every page: problems found per field, an error summary at the
//! top that links to each field, messages beside the fields, and (without JavaScript) a
//! one-time "flash" in the session that brings back what the person typed.
use crate::i18n::{use_lang, Lang};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What is wrong with one answer. Messages are written per language where they are shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooLong { max: usize },
    TooShort { min: usize },
    InvalidEmail,
    InvalidSlug,
    InvalidDate,
    InvalidTime,
    DateInPast,
    /// The effective date is before the one of the version already published.
    BeforePrevious { previous: String },
    Taken,
    Unknown,
    PasswordsDiffer,
    /// Login: unknown account or wrong password; one message for both.
    BadCredentials,
    NothingSelected,
    InvalidPhone,
    /// A tracking code that is malformed, mistyped or not known.
    InvalidCode,
    /// A file that is not JPEG, PNG or PDF (by its content).
    FileType { name: String },
    FileTooLarge { name: String, max_mb: usize },
    FileUnreadable { name: String },
    TooManyFiles { max: usize },
    /// The form arrived broken off (the connection dropped while it was sent).
    UploadInterrupted,
    /// The hidden field that only programs fill in was filled in.
    Spam,
    /// More staff in the office in one shift than the unit's cap allows.
    OverCap { shift: String, day: String, count: usize, cap: usize },
    /// A shift that ends before it starts, or overlaps another.
    ShiftTimes,
    /// A number outside the allowed range.
    OutOfRange { min: i64, max: i64 },
    /// Appointments: the slot has no free place left.
    SlotFull,
    /// The slot has started or is over.
    SlotPast,
    /// Less notice than the unit asks for.
    TooSoon { minutes: u32 },
    /// Further ahead than one may book.
    TooFarAhead { days: u32 },
    /// The office takes no visitors that day (the reason in words).
    DayClosed { reason: String },
    /// The person already has an active booking for this service that day.
    AlreadyBooked { code: String },
    /// The booking was served, cancelled or missed, and can no longer be changed.
    NotChangeable,
    /// At the counter: the booking is for another day.
    OtherDay { day: String },
    /// At the counter: the booking cannot be checked in (cancelled, …).
    BookingStatus { status: String },
    /// At the counter: a visitor may be marked absent only after the grace period.
    TooEarlyForAbsent { minutes: u32 },
    /// A question of a questionnaire left without an answer.
    Unanswered,
}

impl Problem {
    pub fn message(&self, lang: Lang, label: &str) -> String {
        use Lang::*;
        match (self, lang) {
            (Problem::Required, Id) => format!("{label} wajib diisi."),
            (Problem::Required, En) => format!("Enter {label}."),
            (Problem::TooLong { max }, Id) => format!("{label} paling banyak {max} karakter."),
            (Problem::TooLong { max }, En) => format!("{label} must be {max} characters or fewer."),
            (Problem::TooShort { min }, Id) => format!("{label} paling sedikit {min} karakter."),
            (Problem::TooShort { min }, En) => format!("{label} must be at least {min} characters."),
            (Problem::InvalidEmail, Id) => {
                "Masukkan alamat email yang benar, misalnya nama@contoh.go.id.".into()
            }
            (Problem::InvalidEmail, En) => {
                "Enter an email address in the correct format, like name@example.go.id.".into()
            }
            (Problem::InvalidSlug, Id) => format!(
                "{label} hanya boleh berisi huruf kecil, angka dan tanda hubung, misalnya akta-kelahiran."
            ),
            (Problem::InvalidSlug, En) => format!(
                "{label} may only contain lower-case letters, digits and hyphens, like birth-certificate."
            ),
            (Problem::InvalidDate, Id) => {
                format!("{label} harus berupa tanggal yang benar, misalnya 2026-12-01.")
            }
            (Problem::InvalidDate, En) => {
                format!("{label} must be a real date, like 2026-12-01.")
            }
            (Problem::InvalidTime, Id) => format!("{label} harus berupa jam yang benar, misalnya 08.00."),
            (Problem::InvalidTime, En) => format!("{label} must be a real time, like 08:00."),
            (Problem::DateInPast, Id) => format!("{label} tidak boleh di masa lalu."),
            (Problem::DateInPast, En) => format!("{label} must not be in the past."),
            (Problem::BeforePrevious { previous }, Id) => format!(
                "{label} tidak boleh sebelum tanggal berlaku versi sebelumnya ({previous})."
            ),
            (Problem::BeforePrevious { previous }, En) => format!(
                "{label} must not be before the previous version takes effect ({previous})."
            ),
            (Problem::Taken, Id) => format!("{label} sudah dipakai. Pilih yang lain."),
            (Problem::Taken, En) => format!("{label} is already in use. Choose another."),
            (Problem::Unknown, Id) => format!("{label} tidak dikenal. Pilih dari daftar."),
            (Problem::Unknown, En) => format!("{label} is not known. Choose one from the list."),
            (Problem::PasswordsDiffer, Id) => "Kedua kata sandi tidak sama.".into(),
            (Problem::PasswordsDiffer, En) => "The two passwords do not match.".into(),
            (Problem::BadCredentials, Id) => "Email atau kata sandi salah.".into(),
            (Problem::BadCredentials, En) => "The email address or password is wrong.".into(),
            (Problem::NothingSelected, Id) => format!("Pilih paling sedikit satu {label}."),
            (Problem::NothingSelected, En) => format!("Select at least one {label}."),
            (Problem::InvalidPhone, Id) => {
                "Masukkan nomor telepon yang benar, misalnya 0812 3456 7890 atau +62 812 3456 7890.".into()
            }
            (Problem::InvalidPhone, En) => {
                "Enter a phone number in the correct format, like 0812 3456 7890 or +62 812 3456 7890.".into()
            }
            (Problem::InvalidCode, Id) => format!(
                "{label} tidak dikenal. Periksa lagi: 15 huruf dan angka, misalnya 7KQ2M-X9PRT-4HC0B."
            ),
            (Problem::InvalidCode, En) => format!(
                "{label} is not known. Check it again: 15 letters and digits, like 7KQ2M-X9PRT-4HC0B."
            ),
            (Problem::FileType { name }, Id) => {
                format!("Berkas {name} bukan JPEG, PNG atau PDF. Pilih foto atau dokumen PDF.")
            }
            (Problem::FileType { name }, En) => {
                format!("The file {name} is not a JPEG, PNG or PDF. Choose a photo or a PDF document.")
            }
            (Problem::FileTooLarge { name, max_mb }, Id) => {
                format!("Berkas {name} lebih dari {max_mb} MB. Perkecil atau pilih berkas lain.")
            }
            (Problem::FileTooLarge { name, max_mb }, En) => {
                format!("The file {name} is larger than {max_mb} MB. Make it smaller or choose another.")
            }
            (Problem::FileUnreadable { name }, Id) => format!("Berkas {name} rusak atau tidak dapat dibaca."),
            (Problem::FileUnreadable { name }, En) => format!("The file {name} is damaged or cannot be read."),
            (Problem::UploadInterrupted, Id) => {
                "Pengiriman formulir terputus sebelum selesai. Periksa isian Anda, pilih lampirannya lagi, lalu kirim ulang.".into()
            }
            (Problem::UploadInterrupted, En) => {
                "The form was cut off before it had been sent completely. Check your answers, choose the attachments again and send it again.".into()
            }
            (Problem::TooManyFiles { max }, Id) => format!("Paling banyak {max} lampiran."),
            (Problem::TooManyFiles { max }, En) => format!("At most {max} attachments."),
            (Problem::Spam, Id) => {
                "Formulir ini diisi oleh program otomatis sehingga tidak dikirim. Jika Anda bukan program, kosongkan isian \"Jangan diisi\".".into()
            }
            (Problem::Spam, En) => {
                "This form was filled in by an automated program, so it was not sent. If you are not a program, empty the \"Leave empty\" field.".into()
            }
            (Problem::OverCap { shift, day, count, cap }, Id) => format!(
                "Shift {shift} {day}: {count} orang bekerja di kantor (WFO), melebihi batas {cap} orang. Ubah sebagian menjadi WFH."
            ),
            (Problem::OverCap { shift, day, count, cap }, En) => format!(
                "Shift {shift} on {day}: {count} people work in the office (WFO), over the limit of {cap}. Change some to WFH."
            ),
            (Problem::ShiftTimes, Id) => {
                format!("{label}: jam selesai harus sesudah jam mulai, dan shift tidak boleh bertumpang tindih.")
            }
            (Problem::ShiftTimes, En) => format!("{label}: the end must be after the start, and shifts must not overlap."),
            (Problem::OutOfRange { min, max }, Id) => format!("{label} harus angka dari {min} sampai {max}."),
            (Problem::OutOfRange { min, max }, En) => format!("{label} must be a number from {min} to {max}."),
            (Problem::SlotFull, Id) => "Jam yang dipilih sudah penuh. Pilih jam lain; jam terdekat yang masih kosong ada di bawah.".into(),
            (Problem::SlotFull, En) => "The time chosen is full. Choose another; the nearest free times are below.".into(),
            (Problem::SlotPast, Id) => "Jam itu sudah lewat. Pilih jam yang akan datang.".into(),
            (Problem::SlotPast, En) => "That time has passed. Choose a time to come.".into(),
            (Problem::TooSoon { minutes }, Id) => format!("Janji temu harus dibuat paling lambat {} sebelum jamnya. Pilih jam yang lebih akhir.", duration_id(*minutes)),
            (Problem::TooSoon { minutes }, En) => format!("Appointments must be made at least {} ahead. Choose a later time.", duration_en(*minutes)),
            (Problem::TooFarAhead { days }, Id) => format!("Janji temu hanya dapat dibuat untuk {days} hari ke depan. Pilih tanggal yang lebih dekat."),
            (Problem::TooFarAhead { days }, En) => format!("Appointments can only be made up to {days} days ahead. Choose an earlier date."),
            (Problem::DayClosed { reason }, Id) => format!("Kantor tidak menerima kunjungan pada tanggal itu ({reason}). Pilih tanggal lain."),
            (Problem::DayClosed { reason }, En) => format!("The office takes no visits that day ({reason}). Choose another date."),
            (Problem::AlreadyBooked { code }, Id) if code.is_empty() => "Anda sudah punya janji temu untuk layanan ini pada tanggal itu. Satu orang satu janji per layanan per hari.".into(),
            (Problem::AlreadyBooked { code }, En) if code.is_empty() => "You already have an appointment for this service that day. One per person, service and day.".into(),
            (Problem::AlreadyBooked { code }, Id) => format!("Anda sudah punya janji temu untuk layanan ini pada tanggal itu (kode {code}). Satu orang satu janji per layanan per hari; ubah jadwal janji itu bila perlu."),
            (Problem::AlreadyBooked { code }, En) => format!("You already have an appointment for this service that day (code {code}). One per person, service and day; move that one if needed."),
            (Problem::NotChangeable, Id) => "Janji temu ini sudah selesai, dibatalkan atau terlewat, sehingga tidak dapat diubah lagi.".into(),
            (Problem::NotChangeable, En) => "This appointment was served, cancelled or missed, so it can no longer be changed.".into(),
            (Problem::OtherDay { day }, Id) => format!("Janji temu ini untuk {day}, bukan hari ini."),
            (Problem::OtherDay { day }, En) => format!("This appointment is for {day}, not today."),
            (Problem::BookingStatus { status }, Id) => format!("Janji temu ini tidak dapat dicatat datang: statusnya {status}."),
            (Problem::BookingStatus { status }, En) => format!("This appointment cannot be checked in: it is {status}."),
            (Problem::TooEarlyForAbsent { minutes }, Id) => format!("Pengunjung baru dapat dicatat tidak datang {minutes} menit setelah jamnya dimulai."),
            (Problem::TooEarlyForAbsent { minutes }, En) => format!("A visitor can be marked absent only {minutes} minutes after their time starts."),
            (Problem::Unanswered, Id) => format!("Pilih satu jawaban untuk pertanyaan {label}."),
            (Problem::Unanswered, En) => format!("Choose one answer to the question on {label}."),
        }
    }
}

fn duration_id(minutes: u32) -> String {
    if minutes >= 60 && minutes.is_multiple_of(60) {
        format!("{} jam", minutes / 60)
    } else {
        format!("{minutes} menit")
    }
}

fn duration_en(minutes: u32) -> String {
    match minutes {
        60 => "1 hour".into(),
        m if m >= 60 && m.is_multiple_of(60) => format!("{} hours", m / 60),
        m => format!("{m} minutes"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name; its input has the id `field_id(name)`.
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn add(&mut self, field: impl Into<String>, problem: Problem) {
        self.0.push(FieldError { field: field.into(), problem });
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn get(&self, field: &str) -> Option<&Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.problem)
    }
    /// `Ok(())` when nothing is wrong, else the invalid-input error.
    pub fn into_result(self) -> Result<(), crate::error::AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(crate::error::AppError::Invalid(self))
        }
    }
    /// Checks a required text with a length limit (counted in characters).
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        let len = value.trim().chars().count();
        if required && len == 0 {
            self.add(field, Problem::Required);
        } else if len > max {
            self.add(field, Problem::TooLong { max });
        }
    }
}

/// The element id of a field named `name` (brackets are not valid in a fragment link).
pub fn field_id(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string()
}

/// What the person sent, kept for one page view when a plain form post failed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Flash {
    pub form: String,
    pub values: BTreeMap<String, String>,
    pub error: Option<crate::error::AppError>,
}

impl Flash {
    pub fn value(&self, name: &str) -> Option<String> {
        self.values.get(name).cloned()
    }
}

/// The state of one form on a page: the errors from the last submission (through the
/// action with JavaScript, or the flash without) and the values to show again.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FormState {
    pub error: Option<crate::error::AppError>,
    pub values: BTreeMap<String, String>,
}

impl FormState {
    pub fn from_flash(flash: Option<Flash>, form: &str) -> Self {
        match flash {
            Some(f) if f.form == form => FormState { error: f.error, values: f.values },
            _ => FormState::default(),
        }
    }
    pub fn value_or(&self, name: &str, stored: &str) -> String {
        self.values.get(name).cloned().unwrap_or_else(|| stored.to_string())
    }
}

/// Errors to show: the latest action result wins over the flash of a plain post.
pub fn current_error<T, S>(
    action_value: S,
    flash_error: Option<crate::error::AppError>,
) -> Signal<Option<crate::error::AppError>>
where
    T: Clone + Send + Sync + 'static,
    S: Get<Value = Option<Result<T, crate::error::AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || match action_value.get() {
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
        None => flash_error.clone(),
    })
}

/// The box at the top of a form listing every problem, each a link to its field.
/// `label` names a field for the messages.
#[component]
pub fn ErrorSummary(
    error: Signal<Option<crate::error::AppError>>,
    label: fn(Lang, &str) -> String,
) -> impl IntoView {
    let lang = use_lang();
    // When a submission fails in place (with JavaScript), take the reader to the summary,
    // as a fresh page load would.
    let summary = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if error.get().is_some() {
            if let Some(el) = summary.get() {
                let _ = el.focus();
            }
        }
    });
    move || {
        error.get().map(|err| {
            let items = err
                .field_errors()
                .map(|fe| {
                    fe.0.iter()
                        .map(|e| {
                            let href = format!("#{}", field_id(&e.field));
                            let text = e.problem.message(lang, &label(lang, &e.field));
                            view! { <li><a href=href>{text}</a></li> }
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default();
            view! {
                <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" node_ref=summary>
                    <h2 id="error-summary-title">{lang.t("Ada masalah", "There is a problem")}</h2>
                    <p>{err.message(lang)}</p>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}

/// The message shown beside one field, if it has a problem.
#[component]
pub fn FieldMessage(
    error: Signal<Option<crate::error::AppError>>,
    #[prop(into)] field: String,
    label: String,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{}-error", field_id(&field));
    move || {
        error.get().and_then(|e| {
            e.field_errors().and_then(|fe| fe.get(&field).cloned()).map(|p| {
                view! {
                    <p class="field-error" id=id.clone()>
                        <span class="visually-hidden">{lang.t("Kesalahan: ", "Error: ")}</span>
                        {p.message(lang, &label)}
                    </p>
                }
            })
        })
    }
}

/// `aria-describedby` / `aria-invalid` for a field with a possible error.
pub fn has_error(error: &Signal<Option<crate::error::AppError>>, field: &str) -> Signal<bool> {
    let error = *error;
    let field = field.to_string();
    Signal::derive(move || {
        error
            .get()
            .and_then(|e| e.field_errors().map(|fe| fe.get(&field).is_some()))
            .unwrap_or(false)
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Keeping a failed plain form post for the page it returns to.
    use super::Flash;
    use crate::error::AppError;
    use std::collections::BTreeMap;

    const KEY: &str = "flash";

    /// True when the request is a plain HTML form post (no JavaScript): the browser will
    /// be redirected and needs the values and errors kept for the next page.
    pub fn is_plain_form_post() -> bool {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false)
    }

    /// Remembers a failed submission when it came from a plain form post, then gives the
    /// error back so the server function can return it.
    pub async fn keep(form: &str, values: BTreeMap<String, String>, error: AppError) -> AppError {
        if is_plain_form_post() {
            if let Ok(session) = crate::ssr::session().await {
                let flash = Flash { form: form.to_string(), values, error: Some(error.clone()) };
                if let Err(e) = session.insert(KEY, flash).await {
                    tracing::warn!(error = %e, "could not keep form values in the session");
                }
            }
        }
        error
    }

    /// Takes the kept submission (it is shown once).
    pub async fn take() -> Option<Flash> {
        let session = crate::ssr::session().await.ok()?;
        session.remove::<Flash>(KEY).await.ok().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_ids_are_fragment_safe() {
        assert_eq!(field_id("c[persyaratan]"), "c-persyaratan");
        assert_eq!(field_id("email"), "email");
    }

    #[test]
    fn text_rules() {
        let mut e = FieldErrors::default();
        e.text("a", "  ", true, 10);
        e.text("b", "12345678901", true, 10);
        e.text("c", "", false, 10);
        assert_eq!(e.get("a"), Some(&Problem::Required));
        assert_eq!(e.get("b"), Some(&Problem::TooLong { max: 10 }));
        assert_eq!(e.get("c"), None);
    }
}
