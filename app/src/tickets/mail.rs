//! The messages a report causes, in the citizen's language, each with the tracking link.
//! Staff messages never name an anonymous reporter (they name nobody at all).
use crate::satisfaction::ssr::SurveyLink;
use super::{Status, TrackingCode};
use crate::i18n::Lang;
use crate::ssr::outbox::{compose, Mail};

pub enum Message<'a> {
    /// The first report from an address: follow the link to confirm.
    Confirm { link: &'a str },
    Received,
    /// A staff reply; with `status` when the same press changed the status, and the survey
    /// when it resolved the report: one mail says all of it.
    Reply { body: &'a str, signature: &'a str, status: Option<Status>, survey: Option<&'a SurveyLink> },
    StatusChanged { status: Status, note: &'a str, survey: Option<&'a SurveyLink> },
    Forwarded { to_unit: &'a str, reason: &'a str },
    /// This report was merged into another one on the same matter.
    MergedAway,
    /// Another report on the same matter was merged into this one.
    MergedIn,
}

pub fn citizen(
    to: &str,
    lang: Lang,
    code: &TrackingCode,
    subject: &str,
    unit_name: &str,
    public_url: &str,
    message: Message<'_>,
) -> Mail {
    let track = crate::ssr::links::url(public_url, &format!("/lacak/{}", code.as_str()));
    let l = |id: &str, en: &str| -> String {
        match lang {
            Lang::Id => id.to_string(),
            Lang::En => en.to_string(),
        }
    };
    let about = l(
        &format!("Laporan {code} — \"{subject}\" kepada {unit_name}."),
        &format!("Report {code} — \"{subject}\" to {unit_name}."),
    );
    let (title, mut paragraphs, link_label, link) = match message {
        Message::Confirm { link } => (
            l("Konfirmasi alamat email Anda", "Confirm your e-mail address"),
            vec![
                about,
                l(
                    "Ini laporan pertama dari alamat email ini. Ikuti tautan di bawah dalam 7 hari agar laporan diteruskan ke petugas. Jika Anda tidak mengirim laporan ini, abaikan email ini.",
                    "This is the first report from this e-mail address. Follow the link below within 7 days so it reaches staff. If you did not send this report, ignore this e-mail.",
                ),
                l(&format!("Kode pelacakan Anda: {code}"), &format!("Your tracking code: {code}")),
            ],
            l("Konfirmasi laporan", "Confirm the report"),
            link.to_string(),
        ),
        Message::Received => (
            l("Laporan Anda diterima", "Your report was received"),
            vec![
                about,
                l(
                    &format!("Kode pelacakan Anda: {code}. Simpan kode ini untuk mengikuti perkembangan laporan."),
                    &format!("Your tracking code: {code}. Keep it to follow your report."),
                ),
                l(
                    "Petugas akan memverifikasi laporan dalam 3 hari kerja dan menanggapinya paling lambat 5 hari kerja.",
                    "Staff will verify the report within 3 working days and respond within 5 working days.",
                ),
            ],
            l("Lihat laporan", "View the report"),
            track.clone(),
        ),
        Message::Reply { body, signature, status, survey } => {
            let mut p = vec![about, body.to_string(), format!("— {signature}")];
            if let Some(status) = status {
                p.push(l(
                    &format!("Status laporan kini: {}. {}", status.label(Lang::Id), status.explanation(Lang::Id)),
                    &format!("The report's status is now: {}. {}", status.label(Lang::En), status.explanation(Lang::En)),
                ));
            }
            p.extend(survey.map(|s| s.paragraphs(unit_name, lang)).into_iter().flatten());
            let title = match status {
                Some(Status::Resolved) => l("Laporan Anda dijawab dan selesai ditangani", "Your report was answered and resolved"),
                _ => l("Tanggapan baru atas laporan Anda", "A new reply to your report"),
            };
            (title, p, l("Lihat dan balas", "View and reply"), track.clone())
        }
        Message::StatusChanged { status, note, survey } => {
            let mut p = vec![
                about,
                l(
                    &format!("Status laporan: {}.", status.label(Lang::Id)),
                    &format!("Status of the report: {}.", status.label(Lang::En)),
                ),
                status.explanation(lang).to_string(),
            ];
            if !note.trim().is_empty() {
                p.push(note.to_string());
            }
            p.extend(survey.map(|s| s.paragraphs(unit_name, lang)).into_iter().flatten());
            (l("Status laporan Anda berubah", "The status of your report changed"), p, l("Lihat laporan", "View the report"), track.clone())
        }
        Message::Forwarded { to_unit, reason } => (
            l("Laporan Anda diteruskan ke unit lain", "Your report was forwarded to another unit"),
            vec![
                about,
                l(
                    &format!("Laporan ini bukan wewenang {unit_name} dan telah diteruskan ke {to_unit}. Kode pelacakan tetap sama."),
                    &format!("This report is not within {unit_name}'s authority and was forwarded to {to_unit}. The tracking code stays the same."),
                ),
                l(&format!("Alasan: {reason}"), &format!("Reason: {reason}")),
            ],
            l("Lihat laporan", "View the report"),
            track.clone(),
        ),
        Message::MergedAway => (
            l("Laporan Anda digabung", "Your report was merged"),
            vec![
                about,
                l(
                    "Laporan Anda membahas hal yang sama dengan laporan lain, sehingga keduanya ditangani bersama. Tanggapan petugas akan tampil di halaman laporan Anda dan dikirim ke email ini.",
                    "Your report is about the same matter as another one, so they are handled together. Staff replies will show on your report's page and come to this e-mail address.",
                ),
            ],
            l("Lihat laporan", "View the report"),
            track.clone(),
        ),
        Message::MergedIn => (
            l("Laporan serupa digabung dengan laporan Anda", "A similar report was merged into yours"),
            vec![
                about,
                l(
                    "Laporan lain tentang hal yang sama digabung dengan laporan Anda dan ditangani bersama.",
                    "Another report about the same matter was merged into yours and is handled with it.",
                ),
            ],
            l("Lihat laporan", "View the report"),
            track.clone(),
        ),
    };
    if link != track {
        paragraphs.push(l(&format!("Ikuti laporan Anda: {track}"), &format!("Follow your report: {track}")));
    }
    let footer = l(
        &format!("{unit_name} — Portal Layanan Publik. Email ini dikirim otomatis; jangan dibalas. Balas melalui halaman laporan."),
        &format!("{unit_name} — Public Service Portal. This e-mail is sent automatically; reply on the report's page, not to this e-mail."),
    );
    compose(to, format!("[{code}] {title}"), &paragraphs, Some((&link_label, &link)), &footer)
}

/// To the staff member handling a report when the citizen wrote again. Names nobody, and
/// names the report by its number (staff mail never carries the citizen's code).
pub fn staff_follow_up(to: &str, unit_slug: &str, ticket_id: i32, public_url: &str) -> Mail {
    let link = crate::ssr::links::url(public_url, &format!("/petugas/{unit_slug}/tiket/{ticket_id}"));
    let code = super::report_number(ticket_id);
    compose(
        to,
        format!("[{code}] Pelapor menambahkan keterangan / The reporter wrote again"),
        &[
            format!("Pelapor menambahkan keterangan pada laporan {code}."),
            format!("The reporter added information to report {code}."),
        ],
        Some(("Buka laporan / Open the report", &link)),
        "Portal Layanan Publik",
    )
}

/// To a staff member a report was just given to, by the routing or by a manager, so that
/// nobody has to watch the inbox. Names nobody, and the report by its number only.
pub fn staff_assigned(to: &str, unit_name: &str, unit_slug: &str, ticket_id: i32, by_hand: bool, public_url: &str) -> Mail {
    let link = crate::ssr::links::url(public_url, &format!("/petugas/{unit_slug}/tiket/{ticket_id}"));
    let code = super::report_number(ticket_id);
    let (how_id, how_en) = if by_hand {
        ("Pimpinan unit menugaskan", "A manager of the unit assigned")
    } else {
        ("Portal memberikan", "The portal gave")
    };
    compose(
        to,
        format!("[{code}] Laporan untuk Anda / A report for you — {unit_name}"),
        &[
            format!("{how_id} laporan {code} di {unit_name} kepada Anda. Tenggat tanggapannya tampil di halaman laporan, dalam hari kerja."),
            format!("{how_en} report {code} at {unit_name} to you. Its response deadline, in working days, is on the report's page."),
        ],
        Some(("Buka laporan / Open the report", &link)),
        "Portal Layanan Publik",
    )
}

/// To a unit's managers: reports that reached the unit while nobody competent was on the
/// online desk. One message per batch, never one per report. Names no reporter.
pub fn unrouted_batch(to: &str, unit_name: &str, unit_slug: &str, ids: &[i32], public_url: &str) -> Mail {
    let link = crate::ssr::links::url(public_url, &format!("/petugas/{unit_slug}?siapa=kosong"));
    let list = ids.iter().map(|id| super::report_number(*id)).collect::<Vec<_>>().join(", ");
    let codes = ids;
    compose(
        to,
        format!("{} laporan menunggu petugas / {} reports wait for staff — {unit_name}", codes.len(), codes.len()),
        &[
            format!(
                "Tidak ada petugas meja daring yang bertugas dan berwenang untuk {} laporan baru di {unit_name}: {list}. Laporan menunggu tanpa petugas dan diberikan kepada petugas pertama yang bertugas pada shift berikutnya. Anda dapat menugaskannya sekarang.",
                codes.len()
            ),
            format!(
                "Nobody competent is on online-desk duty for {} new reports at {unit_name}: {list}. They wait unassigned and go to the first staff member on duty in the next shift. You can assign them now.",
                codes.len()
            ),
        ],
        Some(("Buka laporan tanpa petugas / Open unassigned reports", &link)),
        "Portal Layanan Publik",
    )
}

/// To the staff member handling a report: a deadline falls today.
pub fn deadline_reminder(to: &str, ticket_id: i32, what: (&str, &str), due: &str, link: &str) -> Mail {
    let code = super::report_number(ticket_id);
    compose(
        to,
        format!("[{code}] Tenggat hari ini / Due today: {} / {}", what.0, what.1),
        &[
            format!("Tenggat {} untuk laporan {code} jatuh hari ini, {due}.", what.0.to_lowercase()),
            format!("The {} deadline of report {code} falls today, {due}.", what.1.to_lowercase()),
        ],
        Some(("Buka laporan / Open the report", link)),
        "Portal Layanan Publik",
    )
}

/// To a unit's managers: deadlines missed since the last message. One message per batch.
pub fn escalation_batch(to: &str, unit_name: &str, lines: &[String], link: &str) -> Mail {
    let mut id = vec![format!("{} tenggat terlewati di {unit_name}:", lines.len())];
    id.extend(lines.iter().cloned());
    id.push(format!("{} deadlines were missed at {unit_name} (listed above).", lines.len()));
    compose(
        to,
        format!("Tenggat terlewati / Deadlines missed: {} — {unit_name}", lines.len()),
        &id,
        Some(("Buka laporan yang terlambat / Open overdue reports", link)),
        "Portal Layanan Publik",
    )
}
