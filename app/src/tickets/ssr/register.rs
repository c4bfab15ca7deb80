//! The public register of answered reports (masked) and the staff CSV export.
use super::*;

/// Removes what could name a person: the reporter's own name, e-mail and phone, and any
/// e-mail address or long run of digits (phone numbers, NIK) in the text.
pub fn redact(text: &str, t: &ticket::Model) -> String {
    const MARK: &str = "[disamarkan]";
    let mut out = text.to_string();
    let mut known: Vec<String> = vec![t.reporter_name.trim().to_string()];
    known.extend(t.reporter_email.clone());
    known.extend(t.reporter_phone.clone());
    for k in known.iter().filter(|k| k.chars().count() >= 3) {
        out = replace_ci(&out, k, MARK);
    }
    let words: Vec<String> = out
        .split_inclusive(char::is_whitespace)
        .map(|w| {
            let core = w.trim_end();
            let tail = &w[core.len()..];
            let digits = core.chars().filter(|c| c.is_ascii_digit()).count();
            if core.contains('@') && core.contains('.') || digits >= 8 {
                format!("{MARK}{tail}")
            } else {
                w.to_string()
            }
        })
        .collect();
    words.concat()
}

pub(crate) fn replace_ci(haystack: &str, needle: &str, with: &str) -> String {
    let lower_h = haystack.to_lowercase();
    let lower_n = needle.to_lowercase();
    if lower_n.is_empty() || lower_h.len() != haystack.len() {
        return haystack.replace(needle, with);
    }
    let mut out = String::new();
    let mut i = 0;
    while let Some(pos) = lower_h[i..].find(&lower_n) {
        out.push_str(&haystack[i..i + pos]);
        out.push_str(with);
        i += pos + lower_n.len();
    }
    out.push_str(&haystack[i..]);
    out
}

pub async fn register(
    db: &impl ConnectionTrait,
    q: &str,
    service_id: Option<i32>,
    lang: Lang,
) -> Result<RegisterData, AppError> {
    let mut query = ticket::Entity::find()
        .filter(ticket::Column::ResolvedAt.is_not_null())
        .filter(ticket::Column::Status.is_in([Status::Resolved.code(), Status::Closed.code()]))
        .filter(ticket::Column::Confidential.eq(false))
        .filter(ticket::Column::Anonymous.eq(false))
        .filter(ticket::Column::RegisterExcluded.is_null())
        .filter(ticket::Column::MergedInto.is_null());
    if let Some(s) = service_id {
        query = query.filter(ticket::Column::ServiceId.eq(s));
    }
    if !q.trim().is_empty() {
        query = query.filter(words_condition(q));
    }
    let tickets = query.order_by_desc(ticket::Column::ResolvedAt).limit(50).all(db).await?;
    let ids: Vec<i32> = tickets.iter().map(|t| t.id).collect();
    let replies = if ids.is_empty() {
        vec![]
    } else {
        ticket_event::Entity::find()
            .filter(ticket_event::Column::TicketId.is_in(ids))
            .filter(ticket_event::Column::Kind.eq(EventKind::Reply))
            .filter(ticket_event::Column::Internal.eq(false))
            .order_by_asc(ticket_event::Column::Id)
            .all(db)
            .await?
    };
    let units: HashMap<i32, unit::Model> = unit::Entity::find().all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let services_all: HashMap<i32, service::Model> =
        service::Entity::find().all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let entries = tickets
        .iter()
        .map(|t| {
            let zone = units.get(&t.unit_id).map(|u| u.timezone.as_str()).unwrap_or("Asia/Jakarta");
            RegisterEntry {
                kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
                unit: units.get(&t.unit_id).map(|u| u.name.clone()).unwrap_or_default(),
                service: t.service_id.and_then(|s| services_all.get(&s)).map(|s| s.name.clone()),
                subject: redact(&t.subject, t),
                body: redact(&t.body, t),
                answers: replies.iter().filter(|r| r.ticket_id == t.id).map(|r| redact(&r.body, t)).collect(),
                resolved: t.resolved_at.map(|r| timefmt::date(r, zone, lang)).unwrap_or_default(),
            }
        })
        .collect();
    let mut services: Vec<(i32, String)> = services_all
        .values()
        .map(|s| {
            let unit = units.get(&s.unit_id).map(|u| u.name.as_str()).unwrap_or("");
            (s.id, format!("{} — {unit}", s.name))
        })
        .collect();
    services.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(RegisterData { entries, services, q: q.to_string(), service: service_id })
}


/// The unit's reports as CSV for staff. Anonymous reporters appear as "Anonim" only.
pub async fn export_csv(db: &impl ConnectionTrait, u: &unit::Model) -> Result<String, AppError> {
    let tickets = ticket::Entity::find()
        .filter(ticket::Column::UnitId.eq(u.id))
        .order_by_asc(ticket::Column::Id)
        .all(db)
        .await?;
    let services: HashMap<i32, String> = service::Entity::find()
        .filter(service::Column::UnitId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.name))
        .collect();
    let mut out = Sheet::new([
        "kode", "jenis", "layanan", "judul", "status", "dibuat", "selesai", "pelapor", "email", "telepon", "rahasia", "penilaian",
    ])?;
    for t in tickets {
        let (name, email, phone) = if t.anonymous {
            ("Anonim".to_string(), String::new(), String::new())
        } else {
            (t.reporter_name.clone(), t.reporter_email.clone().unwrap_or_default(), t.reporter_phone.clone().unwrap_or_default())
        };
        let row = [
            code_of(&t)?.to_string(),
            t.kind.clone(),
            t.service_id.and_then(|s| services.get(&s).cloned()).unwrap_or_default(),
            t.subject.clone(),
            t.status.code().to_string(),
            t.created_at.to_rfc3339(),
            t.resolved_at.map(|r| r.to_rfc3339()).unwrap_or_default(),
            name,
            email,
            phone,
            if t.confidential { "ya" } else { "tidak" }.to_string(),
            t.rating.map(|r| r.to_string()).unwrap_or_default(),
        ];
        out.row(row)?;
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t() -> ticket::Model {
        ticket::Model {
            id: 1,
            code: String::new(),
            unit_id: 1,
            service_id: None,
            kind: "konsultasi".into(),
            subject: String::new(),
            body: String::new(),
            place: String::new(),
            reporter_name: "Siti Aminah".into(),
            reporter_email: Some("siti@contoh.id".into()),
            reporter_phone: Some("0812-3456-7890".into()),
            lang: "id".into(),
            anonymous: false,
            confidential: false,
            status: Status::Resolved,
            assigned_to: None,
            submission_key: String::new(),
            created_at: chrono::Utc::now(),
            updated_at: chrono::Utc::now(),
            confirmed_at: None,
            resolved_at: None,
            merged_into: None,
            register_excluded: None,
            rating: None,
            rating_comment: None,
            assigned_how: None,
            verified_at: None,
            first_response_at: None,
            paused_since: None,
            paused_days: 0,
            unrouted_notice_at: None,
        }
    }

    #[test]
    fn redaction_removes_personal_details() {
        let text = "Saya SITI AMINAH, NIK 6471012345678901, hubungi 0812-3456-7890 atau siti@contoh.id, juga budi@mail.com.";
        let r = redact(text, &t());
        assert!(!r.to_lowercase().contains("siti"), "{r}");
        assert!(!r.contains("6471012345678901"), "{r}");
        assert!(!r.contains("budi@mail.com"), "{r}");
        assert!(!r.contains("0812"), "{r}");
        assert!(r.contains("NIK"), "{r}");
    }
}
