//! A report's audit trail as people read it: who did what, in a sentence in the reader's
//! language, with names instead of account numbers and labels instead of codes. What the
//! portal did by itself is the portal's ("Sistem"), what only the reporter does is the
//! reporter's.
use super::{Kind, Status};
use crate::i18n::Lang;
use crate::ssr::entities::audit_log;
use crate::ssr::timefmt;
use serde_json::Value;
use std::collections::HashMap;

/// What only the reporter does (audited without a staff account).
const BY_REPORTER: [&str; 6] =
    ["ticket.submit", "ticket.confirm", "ticket.citizen_message", "ticket.rate", "ticket.reopen", "ticket.clarified"];

/// Who did it: a staff member by name, the reporter (as `reporter` labels them), an Open311
/// client by its name, or the portal.
pub(super) fn who(a: &audit_log::Model, names: &HashMap<i32, String>, reporter: &str, lang: Lang) -> String {
    if let Some(id) = a.actor_user_id {
        return names.get(&id).cloned().unwrap_or_default();
    }
    let detail: Value = serde_json::from_str(&a.detail).unwrap_or(Value::Null);
    if let Some(client) = detail.get("open311_client").and_then(Value::as_str) {
        return format!("{} ({client})", lang.t("Aplikasi Open311", "Open311 app"));
    }
    if BY_REPORTER.contains(&a.action.as_str()) {
        reporter.to_string()
    } else {
        lang.t("Sistem", "System").to_string()
    }
}

/// What was done, in a sentence.
pub(super) fn describe(a: &audit_log::Model, names: &HashMap<i32, String>, zone: &str, lang: Lang) -> String {
    let d: Value = serde_json::from_str(&a.detail).unwrap_or(Value::Null);
    let l = |id: &'static str, en: &'static str| lang.t(id, en).to_string();
    let name = |v: &Value| v.as_i64().and_then(|id| names.get(&(id as i32)).cloned()).unwrap_or_else(|| l("petugas", "a staff member"));
    let pair = |key: &str| -> (Value, Value) {
        match d.get(key).and_then(Value::as_array).map(Vec::as_slice) {
            Some([a, b]) => (a.clone(), b.clone()),
            _ => (Value::Null, Value::Null),
        }
    };
    let status = |v: &Value| v.as_str().and_then(Status::parse).map(|s| s.label(lang).to_string()).unwrap_or_default();
    let status_change = || {
        let (from, to) = pair("status");
        format!("{}: {} → {}", l("Status", "Status"), status(&from), status(&to))
    };
    let holder_before = || name(&pair("assigned_to").0);
    match a.action.as_str() {
        "ticket.submit" => {
            let kind = d.get("kind").and_then(Value::as_str).and_then(Kind::parse).map(|k| k.label(lang)).unwrap_or("");
            let files = d.get("attachments").and_then(Value::as_u64).unwrap_or(0);
            match lang {
                Lang::Id => format!("Laporan dikirim: {kind}, {files} lampiran"),
                Lang::En => format!("Report sent: {kind}, {files} attachments"),
            }
        }
        "ticket.confirm" => l("Pelapor mengonfirmasi alamat emailnya", "The reporter confirmed their e-mail address"),
        "ticket.route" => {
            let to = name(&pair("assigned_to").1);
            let shift = d.get("shift").and_then(Value::as_str).unwrap_or("");
            let mode = d.get("mode").and_then(Value::as_str).unwrap_or("").to_uppercase();
            let open = d.get("open_tickets").and_then(Value::as_i64).unwrap_or(0);
            match lang {
                Lang::Id => format!("Diberikan otomatis kepada {to}: bertugas di meja daring pada shift {shift} ({mode}), {open} laporan terbuka"),
                Lang::En => format!("Given automatically to {to}: on online-desk duty in shift {shift} ({mode}), {open} open reports"),
            }
        }
        "ticket.assign" => match pair("assigned_to").1 {
            Value::Null => l("Dilepas ke antrean", "Released to the queue"),
            to => match lang {
                Lang::Id => format!("Ditugaskan kepada {}", name(&to)),
                Lang::En => format!("Assigned to {}", name(&to)),
            },
        },
        "ticket.release" => match lang {
            Lang::Id => format!("Kembali ke antrean: akun {} dinonaktifkan", holder_before()),
            Lang::En => format!("Back to the queue: the account of {} was switched off", holder_before()),
        },
        "ticket.return" => match (d.get("reason").and_then(Value::as_str), lang) {
            (Some("away"), Lang::Id) => format!("Kembali ke antrean: {} cuti, sakit atau dinas luar hari ini", holder_before()),
            (Some("away"), Lang::En) => format!("Back to the queue: {} is on leave, ill or away today", holder_before()),
            (_, Lang::Id) => format!("Kembali ke antrean: shift {} berakhir sebelum laporan dijawab", holder_before()),
            (_, Lang::En) => format!("Back to the queue: the shift of {} ended before it was answered", holder_before()),
        },
        "ticket.status" => status_change(),
        "ticket.clarified" => format!("{}. {}", l("Pelapor menjawab pertanyaan petugas", "The reporter answered the staff's question"), status_change()),
        "ticket.reopen" => format!("{}. {}", l("Pelapor membuka kembali laporan", "The reporter reopened the report"), status_change()),
        "ticket.autoclose" => {
            let days = d.get("after_working_days").and_then(Value::as_i64).unwrap_or(0);
            match lang {
                Lang::Id => format!("Ditutup otomatis setelah {days} hari kerja tanpa tanggapan pelapor"),
                Lang::En => format!("Closed automatically after {days} working days without the reporter's answer"),
            }
        }
        "ticket.forward" => {
            let (from, to) = pair("unit");
            match lang {
                Lang::Id => format!("Diteruskan dari {} ke {}", from.as_str().unwrap_or(""), to.as_str().unwrap_or("")),
                Lang::En => format!("Forwarded from {} to {}", from.as_str().unwrap_or(""), to.as_str().unwrap_or("")),
            }
        }
        "ticket.merge" => match pair("merged_into").1.as_i64() {
            Some(id) => format!("{} {}", l("Digabung ke laporan", "Merged into report"), crate::tickets::report_number(id as i32)),
            None => l("Digabung", "Merged"),
        },
        "ticket.merge_in" => match d.get("merged").and_then(Value::as_i64) {
            Some(id) => format!("{} {} {}", l("Laporan", "Report"), crate::tickets::report_number(id as i32), l("digabung ke laporan ini", "was merged into this one")),
            None => l("Laporan lain digabung ke laporan ini", "Another report was merged into this one"),
        },
        "ticket.note" => l("Catatan internal ditulis", "An internal note was written"),
        "ticket.reply" => {
            if d.get("signed_with_name").and_then(Value::as_bool).unwrap_or(false) {
                l("Tanggapan dikirim ke pelapor, dengan nama petugas", "An answer was sent to the reporter, signed with the staff member's name")
            } else {
                l("Tanggapan dikirim ke pelapor atas nama unit", "An answer was sent to the reporter in the unit's name")
            }
        }
        "ticket.citizen_message" => l("Pelapor menambahkan keterangan", "The reporter added information"),
        "ticket.rate" => match lang {
            Lang::Id => format!("Pelapor menilai jawaban: {}/4", d.get("rating").and_then(Value::as_i64).unwrap_or(0)),
            Lang::En => format!("The reporter rated the answer: {}/4", d.get("rating").and_then(Value::as_i64).unwrap_or(0)),
        },
        "ticket.publish" => l("Diterbitkan di daftar laporan publik, dengan data pribadi disamarkan", "Published in the public register, personal data masked"),
        "ticket.register" => {
            if pair("excluded").1.as_bool().unwrap_or(false) {
                l("Dikecualikan dari daftar laporan publik", "Kept out of the public register")
            } else {
                l("Boleh tampil lagi di daftar laporan publik", "Allowed in the public register again")
            }
        }
        "ticket.escalate" => {
            let which = match d.get("deadline").and_then(Value::as_str) {
                Some("verify") => l("verifikasi", "verification"),
                Some("respond") => l("tanggapan pertama", "first response"),
                _ => l("penyelesaian", "resolution"),
            };
            let due = d
                .get("due")
                .and_then(Value::as_str)
                .and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok())
                .map(|t| timefmt::date_time(t.with_timezone(&chrono::Utc), zone, lang))
                .unwrap_or_default();
            match lang {
                Lang::Id => format!("Tenggat {which} ({due}) terlewat: pimpinan unit diberi tahu"),
                Lang::En => format!("The {which} deadline ({due}) passed: the unit's managers were told"),
            }
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(action: &str, actor: Option<i32>, detail: Value) -> audit_log::Model {
        audit_log::Model {
            id: 1,
            at: chrono::Utc::now(),
            actor_user_id: actor,
            action: action.into(),
            entity: "ticket".into(),
            entity_id: "7".into(),
            detail: detail.to_string(),
        }
    }

    #[test]
    fn the_trail_reads_as_sentences_with_the_right_actor() {
        let names = HashMap::from([(3, "Petugas Disdukcapil".to_string()), (5, "Pimpinan Disdukcapil".to_string())]);
        let route = row(
            "ticket.route",
            None,
            serde_json::json!({ "assigned_to": [null, 3], "reason": "on_duty", "shift": "Pagi", "mode": "wfh", "open_tickets": 2, "candidates": 1 }),
        );
        assert_eq!(who(&route, &names, "Pelapor (anonim)", Lang::Id), "Sistem", "the routing is the portal's, not the reporter's");
        assert_eq!(
            describe(&route, &names, "Asia/Makassar", Lang::Id),
            "Diberikan otomatis kepada Petugas Disdukcapil: bertugas di meja daring pada shift Pagi (WFH), 2 laporan terbuka"
        );
        let submit = row("ticket.submit", None, serde_json::json!({ "kind": "pengaduan", "unit": "x", "status": "new", "attachments": 1 }));
        assert_eq!(who(&submit, &names, "Pelapor (anonim)", Lang::Id), "Pelapor (anonim)");
        assert_eq!(describe(&submit, &names, "Asia/Makassar", Lang::En), "Report sent: Complaint, 1 attachments");
        let status = row("ticket.status", Some(5), serde_json::json!({ "status": ["new", "in_progress"] }));
        assert_eq!(who(&status, &names, "Pelapor", Lang::Id), "Pimpinan Disdukcapil");
        let text = describe(&status, &names, "Asia/Makassar", Lang::Id);
        assert!(text.starts_with("Status: ") && !text.contains("in_progress") && !text.contains('{'), "{text}");
        let assign = row("ticket.assign", Some(5), serde_json::json!({ "assigned_to": [null, 3], "reason": "by hand" }));
        assert_eq!(describe(&assign, &names, "Asia/Makassar", Lang::Id), "Ditugaskan kepada Petugas Disdukcapil");
    }
}
