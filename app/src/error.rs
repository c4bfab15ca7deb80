//! The one error type of the portal. What reaches the browser is a kind and, for invalid
//! input, the field problems; causes are logged on the server, never sent.
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use leptos::server_fn::{self, codec::JsonEncoding, error::FromServerFnError, ServerFnError};

/// What is wrong with one answer. Messages are written per language where they are shown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    /// A choice (radio buttons, a list) left without one: "choose", not "enter".
    NotChosen,
    /// Longer than `max` characters: `got` were sent (and are kept for the person to shorten).
    TooLong { max: usize, got: usize },
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
    /// A new password found in lists of leaked and common passwords (or the demo's).
    CommonPassword,
    /// A new password a guesser would find soon (the estimator's score below 3 of 4).
    WeakPassword,
    /// The current password, asked again before a change, is not the account's.
    WrongPassword,
    /// A two-step code (or recovery code) that is not right now.
    InvalidOneTimeCode,
    /// A password-reset link that was used, is over an hour old, or never existed.
    ResetLinkInvalid,
    NothingSelected,
    InvalidPhone,
    /// A tracking code that is malformed, mistyped or not known.
    InvalidCode,
    /// Merging: no other open report of the unit has that number (or code).
    UnknownReport,
    /// A file that is not JPEG, PNG or PDF (by its content).
    FileType { name: String },
    FileTooLarge { name: String, max_mb: usize },
    FileUnreadable { name: String },
    TooManyFiles { max: usize },
    /// The form arrived broken off (the connection dropped while it was sent).
    UploadInterrupted,
    /// Too many attachments sent from one connection (or, all together, not yet sent on).
    TooManyUploads { minutes: u32 },
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
    /// A second active booking for one person, service and day. It never names the first
    /// booking: whoever typed the e-mail or phone may not be the one who holds it.
    AlreadyBooked,
    /// One e-mail address or phone holds this many coming appointments already.
    TooManyBookings { max: u32 },
    /// The booking was served, cancelled or missed, and can no longer be changed.
    NotChangeable,
    /// At the counter: the booking is for another day.
    OtherDay { day: String },
    /// At the counter: the booking cannot be checked in (cancelled, …).
    BookingStatus { status: String, day: String },
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
            (Problem::NotChosen, Id) => format!("{label}: pilih salah satu."),
            (Problem::NotChosen, En) => format!("{label}: choose one."),
            (Problem::TooLong { max, got }, Id) => format!(
                "{label} paling banyak {max} karakter; yang tertulis {got}. Persingkat {} karakter.",
                got.saturating_sub(*max)
            ),
            (Problem::TooLong { max, got }, En) => format!(
                "{label} must be {max} characters or fewer; it has {got}. Shorten it by {}.",
                got.saturating_sub(*max)
            ),
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
                format!("{label} harus berupa tanggal yang benar, misalnya {}.", crate::i18n::DATE_EXAMPLE)
            }
            (Problem::InvalidDate, En) => {
                format!("{label} must be a real date, like {}.", crate::i18n::DATE_EXAMPLE)
            }
            (Problem::InvalidTime, Id) => format!("{label} harus berupa jam yang benar, misalnya {}.", crate::i18n::TIME_EXAMPLE),
            (Problem::InvalidTime, En) => format!("{label} must be a real time, like {}.", crate::i18n::TIME_EXAMPLE),
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
            (Problem::CommonPassword, Id) => "Kata sandi ini terlalu umum atau pernah bocor, sehingga mudah ditebak. Pilih yang lain, misalnya empat kata acak.".into(),
            (Problem::CommonPassword, En) => "This password is too common or has leaked before, so it is easy to guess. Choose another, for example four random words.".into(),
            (Problem::WeakPassword, Id) => "Kata sandi ini mudah ditebak (nama, tanggal, kata umum atau pola papan ketik). Tambahkan kata yang tidak berhubungan, misalnya empat kata acak.".into(),
            (Problem::WeakPassword, En) => "This password is easy to guess (names, dates, common words or keyboard patterns). Add unrelated words, for example four random words.".into(),
            (Problem::WrongPassword, Id) => "Kata sandi saat ini salah.".into(),
            (Problem::WrongPassword, En) => "The current password is wrong.".into(),
            (Problem::InvalidOneTimeCode, Id) => "Kode salah atau sudah kedaluwarsa. Masukkan 6 angka yang sedang tampil di aplikasi autentikator, atau salah satu kode pemulihan.".into(),
            (Problem::InvalidOneTimeCode, En) => "The code is wrong or has expired. Enter the 6 digits your authenticator app shows now, or one of your recovery codes.".into(),
            (Problem::ResetLinkInvalid, Id) => "Tautan ini sudah dipakai, sudah lebih dari satu jam, atau tidak dikenal. Minta tautan baru.".into(),
            (Problem::ResetLinkInvalid, En) => "This link was used already, is more than an hour old, or is not known. Ask for a new link.".into(),
            (Problem::NothingSelected, Id) => format!("Pilih paling sedikit satu {label}."),
            (Problem::NothingSelected, En) => format!("Select at least one {label}."),
            (Problem::InvalidPhone, Id) => {
                "Masukkan nomor telepon yang benar, misalnya 0812 3456 7890 atau +62 812 3456 7890.".into()
            }
            (Problem::InvalidPhone, En) => {
                "Enter a phone number in the correct format, like 0812 3456 7890 or +62 812 3456 7890.".into()
            }
            (Problem::UnknownReport, Id) => "Tidak ada laporan terbuka lain dengan nomor (atau kode) itu di unit ini. Salin nomornya dari kotak masuk, misalnya #123.".into(),
            (Problem::UnknownReport, En) => "No other open report of this unit has that number (or code). Copy its number from the inbox, like #123.".into(),
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
            (Problem::TooManyUploads { minutes }, Id) => format!(
                "Terlalu banyak lampiran dikirim dari sambungan ini. Coba lagi dalam {minutes} menit, atau kirim laporan tanpa lampiran (isian Anda tetap ada)."
            ),
            (Problem::TooManyUploads { minutes }, En) => format!(
                "Too many attachments were sent from this connection. Try again in {minutes} minutes, or send the report without attachments (your answers are kept)."
            ),
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
            (Problem::AlreadyBooked, Id) => "Sudah ada janji temu untuk layanan ini pada tanggal itu dengan email atau nomor telepon ini. Satu orang satu janji per layanan per hari. Konfirmasinya sudah kami kirim ulang ke alamat email yang tercatat pada janji itu; dari sana janji dapat dipindah atau dibatalkan.".into(),
            (Problem::TooManyBookings { max }, Id) => format!(
                "Email atau nomor telepon ini sudah punya {max} janji temu yang akan datang. Batalkan atau selesaikan salah satunya dulu (tautannya ada di email konfirmasi)."
            ),
            (Problem::TooManyBookings { max }, En) => format!(
                "This e-mail address or phone number already has {max} coming appointments. Cancel or attend one of them first (the link is in the confirmation e-mail)."
            ),
            (Problem::AlreadyBooked, En) => "There is already an appointment for this service that day with this e-mail address or phone number. One per person, service and day. We have sent its confirmation again to the e-mail address on that booking; it can be moved or cancelled from there.".into(),
            (Problem::NotChangeable, Id) => "Janji temu ini sudah selesai, dibatalkan atau terlewat, sehingga tidak dapat diubah lagi.".into(),
            (Problem::NotChangeable, En) => "This appointment was served, cancelled or missed, so it can no longer be changed.".into(),
            (Problem::OtherDay { day }, Id) => format!("Janji temu ini untuk {day}, bukan hari ini."),
            (Problem::OtherDay { day }, En) => format!("This appointment is for {day}, not today."),
            (Problem::BookingStatus { status, day }, Id) => format!("Janji temu ini ({day}) tidak dapat dicatat datang: statusnya {status}."),
            (Problem::BookingStatus { status, day }, En) => format!("This appointment ({day}) cannot be checked in: its status is {status}."),
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
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self))
        }
    }
    /// Checks a required text with a length limit (counted in characters).
    pub fn text(&mut self, field: &str, value: &str, required: bool, max: usize) {
        let len = value.trim().chars().count();
        if required && len == 0 {
            self.add(field, Problem::Required);
        } else if len > max {
            self.add(field, Problem::TooLong { max, got: len });
        }
    }
    /// Checks a required answer with `parse` (such as `Email::parse`): the checked value, or
    /// `None` with `Required` or the parser's problem noted under `field`.
    pub fn parsed<T>(&mut self, field: &str, typed: &str, parse: impl FnOnce(&str) -> Result<T, Problem>) -> Option<T> {
        if typed.trim().is_empty() {
            self.add(field, Problem::Required);
        }
        self.parsed_optional(field, typed, parse)
    }
    /// The same for an answer that may be left empty: `None` when it is.
    pub fn parsed_optional<T>(&mut self, field: &str, typed: &str, parse: impl FnOnce(&str) -> Result<T, Problem>) -> Option<T> {
        if typed.trim().is_empty() {
            return None;
        }
        parse(typed).map_err(|p| self.add(field, p)).ok()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("login required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    /// Admin pages need the second factor, and this admin has not turned it on yet.
    #[error("two-step sign-in required")]
    TwoStepRequired,
    #[error("invalid input")]
    Invalid(FieldErrors),
    /// Someone else changed the record since it was read.
    #[error("edit conflict")]
    Conflict,
    /// The record moved on since it was read (a report resolved meanwhile, handed to someone
    /// else, …): the sentence says what happened and who did it, in both languages.
    #[error("changed meanwhile")]
    Moved { id: String, en: String },
    #[error("too many attempts")]
    RateLimited { retry_after_minutes: u32 },
    #[error("internal error")]
    Internal,
    /// The request itself could not be read (a transport or decoding problem).
    #[error("bad request")]
    Request(String),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Request(value.to_string())
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Request(value.to_string())
    }
}

impl AppError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::NotFound => lang.t("Halaman tidak ditemukan.", "Page not found.").into(),
            AppError::Unauthenticated => lang
                .t("Silakan masuk terlebih dahulu.", "Please sign in first.")
                .into(),
            AppError::Forbidden => lang
                .t("Anda tidak berwenang membuka halaman ini.", "You are not allowed to open this page.")
                .into(),
            AppError::TwoStepRequired => lang
                .t(
                    "Halaman admin hanya terbuka untuk akun yang memakai verifikasi dua langkah. Aktifkan dulu di halaman Akun Anda.",
                    "Admin pages open only to accounts that use two-step sign-in. Turn it on first on your Account page.",
                )
                .into(),
            AppError::Invalid(_) => lang
                .t("Ada isian yang perlu diperbaiki.", "Some answers need to be corrected.")
                .into(),
            AppError::Conflict => lang
                .t(
                    "Data ini telah diubah orang lain sejak Anda membukanya.",
                    "Someone else changed this since you opened it.",
                )
                .into(),
            AppError::Moved { id, en } => match lang {
                Lang::Id => id.clone(),
                Lang::En => en.clone(),
            },
            AppError::RateLimited { retry_after_minutes } => match lang {
                Lang::Id => format!(
                    "Terlalu banyak percobaan. Coba lagi dalam {retry_after_minutes} menit."
                ),
                Lang::En => format!(
                    "Too many attempts. Try again in {retry_after_minutes} minutes."
                ),
            },
            AppError::Internal => lang
                .t(
                    "Terjadi gangguan pada sistem. Coba lagi sebentar lagi.",
                    "Something went wrong on our side. Please try again shortly.",
                )
                .into(),
            AppError::Request(_) => lang
                .t("Permintaan tidak dapat dibaca. Coba lagi.", "The request could not be read. Please try again.")
                .into(),
        }
    }

    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden | AppError::TwoStepRequired => 403,
            AppError::Invalid(_) | AppError::Request(_) => 400,
            AppError::Conflict | AppError::Moved { .. } => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal => 500,
        }
    }

    pub fn field_errors(&self) -> Option<&FieldErrors> {
        match self {
            AppError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The error as a plain-text HTTP answer in the reader's language, for what is not a
    /// page (downloads): its status, its sentence, and when to try again if it is a limit.
    pub fn into_response_in(self, lang: Lang) -> axum::response::Response {
        use axum::http::{header, StatusCode};
        use axum::response::IntoResponse;
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], self.message(lang)).into_response();
        if let AppError::RateLimited { retry_after_minutes } = self {
            res.headers_mut().insert(header::RETRY_AFTER, (u64::from(retry_after_minutes) * 60).into());
        }
        res
    }
}

/// Plain-text answers in Bahasa Indonesia, the portal's language, where the reader's is not
/// known; `into_response_in` where it is.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        self.into_response_in(Lang::Id)
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// A database error where a unique constraint on `field` was hit becomes "already in
    /// use" on that field (a race the earlier check could not see); anything else is internal.
    pub fn taken_on(field: &'static str) -> impl Fn(sea_orm::DbErr) -> AppError {
        move |err| match err.sql_err() {
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                let mut errors = FieldErrors::default();
                errors.add(field, Problem::Taken);
                AppError::Invalid(errors)
            }
            _ => err.into(),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::TransactionError<AppError>> for AppError {
    fn from(err: sea_orm::TransactionError<AppError>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e,
        }
    }
}
