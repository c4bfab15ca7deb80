//! The messages about an appointment, in the visitor's language: confirmation (with the
//! calendar file), reminder the day before, cancellation, and a move forced by a cut in
//! capacity (with the nearest free slots).
use super::ssr::Offer;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ssr::entities::{booking, booking_slot, service, unit};
use crate::ssr::outbox::{compose, Mail};
use crate::ssr::timefmt;
use crate::ssr::Env;
use crate::standards::requirements::Requirements;

fn lang_of(b: &booking::Model) -> Lang {
    Lang::parse(&b.lang).unwrap_or(Lang::Id)
}

fn code_of(b: &booking::Model) -> String {
    super::ssr::code_text(b)
}

pub fn manage_link(env: &Env<'_>, b: &booking::Model) -> String {
    env.url(&format!("/janji/kode/{}", b.code))
}

/// "Selasa, 1 Desember 2026, 09:00–09:30 WITA".
pub fn when(u: &unit::Model, slot: &booking_slot::Model, lang: Lang) -> String {
    format!(
        "{}, {}–{} {}",
        crate::rosters::ssr::long_date(slot.date, lang),
        slot.starts,
        slot.ends,
        timefmt::zone_abbr(&u.timezone)
    )
}

fn footer(u: &unit::Model, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("{} — {}. Email ini dikirim otomatis; jangan dibalas.", u.name, u.address),
        Lang::En => format!("{} — {}. This e-mail was sent automatically; do not reply.", u.name, u.address),
    }
}

/// `sequence`: how many times the calendar entry changed (`ssr::calendar_sequence`).
/// What to bring and, apart from it, the conditions to meet: one paragraph each.
fn requirement_paragraphs(req: &Requirements, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !req.documents.trim().is_empty() {
        out.push(format!("{}\n{}", lang.t("Yang perlu dibawa:", "What to bring:"), req.documents.trim()));
    }
    if !req.conditions.trim().is_empty() {
        out.push(format!("{}\n{}", lang.t("Syarat yang harus dipenuhi:", "Conditions to meet:"), req.conditions.trim()));
    }
    out
}

fn ics(env: &Env<'_>, b: &booking::Model, u: &unit::Model, s: &service::Model, slot: &booking_slot::Model, req: &Requirements, cancelled: bool, sequence: i64) -> Option<String> {
    let lang = lang_of(b);
    let start = super::minutes_of(&slot.starts)?;
    let end = super::minutes_of(&slot.ends)?;
    let host = env.url("").rsplit('/').next().unwrap_or("layanan").to_string();
    let uid = format!("{}@{host}", b.code);
    let code = code_of(b);
    let link = manage_link(env, b);
    let mut description = match lang {
        Lang::Id => format!("Kode janji temu: {code}\nTunjukkan kode atau kode QR-nya di loket.\nUbah atau batalkan: {link}"),
        Lang::En => format!("Appointment code: {code}\nShow the code or its QR code at the counter.\nChange or cancel: {link}"),
    };
    for p in requirement_paragraphs(req, lang) {
        description.push_str(&format!("\n\n{p}"));
    }
    let summary = format!("{}: {} — {}", lang.t("Janji temu", "Appointment"), s.name, u.name);
    Some(super::ics::calendar(&super::ics::Event {
        uid: &uid,
        sequence,
        stamp: b.updated_at,
        zone: &u.timezone,
        starts: slot.date.and_hms_opt(start / 60, start % 60, 0)?,
        ends: slot.date.and_hms_opt(end / 60, end % 60, 0)?,
        summary: &summary,
        location: &format!("{}, {}", u.name, u.address),
        description: &description,
        url: &link,
        cancelled,
    }))
}

/// The appointment's QR code as a picture below its time, place and code, for the
/// counter's scanner: the visitor shows the mail, with or without data.
fn with_qr(m: Mail, b: &booking::Model, lang: Lang) -> Mail {
    m.with_qr(&b.code, &format!("{} {}", lang.t("Kode QR janji temu", "QR code of appointment"), code_of(b)), 1)
}

fn to(b: &booking::Model) -> Result<&str, AppError> {
    b.email.as_deref().ok_or(AppError::Internal)
}

/// Sent when a visit is booked or moved: the time in the unit's zone, the code, what to
/// bring, the link to change or cancel it, and the calendar file.
pub fn confirmation(
    env: &Env<'_>,
    b: &booking::Model,
    u: &unit::Model,
    s: &service::Model,
    slot: &booking_slot::Model,
    moved: bool,
    req: &Requirements,
    sequence: i64,
) -> Result<Mail, AppError> {
    let lang = lang_of(b);
    let code = code_of(b);
    let when = when(u, slot, lang);
    let subject = match (lang, moved) {
        (Lang::Id, false) => format!("Janji temu {code}: {when}"),
        (Lang::Id, true) => format!("Jadwal baru janji temu {code}: {when}"),
        (Lang::En, false) => format!("Appointment {code}: {when}"),
        (Lang::En, true) => format!("New time for appointment {code}: {when}"),
    };
    let mut paragraphs = vec![
        match lang {
            Lang::Id => format!("Yth. {}, janji temu Anda untuk layanan {} di {} {}.", b.name, s.name, u.name, if moved { "telah dipindah" } else { "telah tercatat" }),
            Lang::En => format!("Dear {}, your appointment for {} at {} {}.", b.name, s.name, u.name, if moved { "was moved" } else { "is booked" }),
        },
        format!("{}: {when}\n{}: {}\n{}: {code}", lang.t("Waktu", "When"), lang.t("Tempat", "Where"), u.address, lang.t("Kode janji temu", "Appointment code")),
        lang.t(
            "Datanglah tepat waktu dan tunjukkan kode QR dalam email ini (atau sebutkan kodenya) di loket; email ini cukup, tanpa perlu kuota internet. Tetap jaga jarak dan pakai masker. Berkas kalender terlampir.",
            "Please come on time and show the QR code in this e-mail (or read out the code) at the counter; this e-mail is enough, no data needed. Keep your distance and wear a mask. A calendar file is attached.",
        )
        .to_string(),
    ];
    paragraphs.extend(requirement_paragraphs(req, lang));
    let mut m = compose(
        to(b)?,
        subject,
        &paragraphs,
        Some((lang.t("Lihat, ubah atau batalkan janji temu", "View, change or cancel the appointment"), &manage_link(env, b))),
        &footer(u, lang),
    );
    m.calendar = ics(env, b, u, s, slot, req, false, sequence);
    Ok(with_qr(m, b, lang))
}

pub fn cancelled(env: &Env<'_>, b: &booking::Model, u: &unit::Model, s: &service::Model, slot: &booking_slot::Model, sequence: i64) -> Result<Mail, AppError> {
    let lang = lang_of(b);
    let code = code_of(b);
    let when = when(u, slot, lang);
    let mut m = compose(
        to(b)?,
        match lang {
            Lang::Id => format!("Janji temu {code} dibatalkan"),
            Lang::En => format!("Appointment {code} cancelled"),
        },
        &[match lang {
            Lang::Id => format!("Janji temu Anda untuk layanan {} di {} pada {when} telah dibatalkan. Tempatnya kini dapat dipakai orang lain.", s.name, u.name),
            Lang::En => format!("Your appointment for {} at {} on {when} was cancelled. Its place is now free for others.", s.name, u.name),
        }],
        Some((lang.t("Buat janji temu baru", "Book a new appointment"), &env.url("/janji"))),
        &footer(u, lang),
    );
    m.calendar = ics(env, b, u, s, slot, &Requirements::default(), true, sequence);
    Ok(m)
}

pub fn reminder(env: &Env<'_>, b: &booking::Model, u: &unit::Model, s: &service::Model, slot: &booking_slot::Model, req: &Requirements, sequence: i64) -> Result<Mail, AppError> {
    let lang = lang_of(b);
    let code = code_of(b);
    let when = when(u, slot, lang);
    let mut paragraphs = vec![
        match lang {
            Lang::Id => format!("Pengingat: besok Anda punya janji temu untuk layanan {} di {}.", s.name, u.name),
            Lang::En => format!("Reminder: tomorrow you have an appointment for {} at {}.", s.name, u.name),
        },
        format!("{}: {when}\n{}: {}\n{}: {code}", lang.t("Waktu", "When"), lang.t("Tempat", "Where"), u.address, lang.t("Kode janji temu", "Appointment code")),
        lang.t(
            "Jika tidak dapat datang, batalkan atau pindahkan janji temu agar tempatnya dapat dipakai orang lain.",
            "If you cannot come, cancel or move the appointment so that others can use the place.",
        )
        .to_string(),
    ];
    paragraphs.extend(requirement_paragraphs(req, lang));
    let mut m = compose(
        to(b)?,
        match lang {
            Lang::Id => format!("Pengingat janji temu besok: {when}"),
            Lang::En => format!("Reminder of tomorrow's appointment: {when}"),
        },
        &paragraphs,
        Some((lang.t("Lihat, ubah atau batalkan janji temu", "View, change or cancel the appointment"), &manage_link(env, b))),
        &footer(u, lang),
    );
    m.calendar = ics(env, b, u, s, slot, req, false, sequence);
    Ok(with_qr(m, b, lang))
}

/// A cut in capacity moved the visitor out of their slot: say so plainly, offer the
/// nearest free slots, and link to choose one.
pub fn displaced(
    env: &Env<'_>,
    b: &booking::Model,
    u: &unit::Model,
    s: &service::Model,
    slot: &booking_slot::Model,
    next: &[Offer],
) -> Result<Mail, AppError> {
    let lang = lang_of(b);
    let code = code_of(b);
    let when = when(u, slot, lang);
    let zone = timefmt::zone_abbr(&u.timezone);
    let mut paragraphs = vec![match lang {
        Lang::Id => format!(
            "Mohon maaf. Kapasitas ruang layanan {} pada {when} dikurangi (aturan jaga jarak atau jumlah petugas loket), sehingga janji temu Anda {code} untuk layanan {} tidak dapat dilayani pada jam itu.",
            u.name, s.name
        ),
        Lang::En => format!(
            "We are sorry. The capacity of {}'s service room on {when} was reduced (distancing rules or counter staff), so your appointment {code} for {} cannot be served at that time.",
            u.name, s.name
        ),
    }];
    if next.is_empty() {
        paragraphs.push(lang.t("Saat ini belum ada jam kosong. Silakan lihat lagi nanti melalui tautan di bawah.", "There is no free time at the moment. Please look again later through the link below.").into());
    } else {
        let list: Vec<String> = next
            .iter()
            .map(|o| format!("• {}, {}–{} {zone}", crate::rosters::ssr::long_date(o.date, lang), o.starts, o.ends))
            .collect();
        paragraphs.push(format!("{}\n{}", lang.t("Jam terdekat yang masih kosong:", "The nearest free times:"), list.join("\n")));
    }
    paragraphs.push(lang.t("Pilih jam baru melalui tautan di bawah. Kode janji temu Anda tetap sama.", "Choose a new time through the link below. Your appointment code stays the same.").into());
    Ok(compose(
        to(b)?,
        match lang {
            Lang::Id => format!("Janji temu {code} perlu dijadwal ulang"),
            Lang::En => format!("Appointment {code} needs a new time"),
        },
        &paragraphs,
        Some((lang.t("Pilih jam baru", "Choose a new time"), &manage_link(env, b))),
        &footer(u, lang),
    ))
}
