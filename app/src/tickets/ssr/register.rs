//! The public register of answered reports and the staff CSV export. What the public reads
//! of a report (here and through Open311) is only the masked copy a staff member published.
use super::*;
use sea_orm::{DbBackend, Select};
use std::collections::HashSet;

/// A report that may be published: answered, neither Rahasia nor Anonim, not merged away.
pub(crate) fn may_publish(t: &ticket::Model) -> bool {
    t.resolved_at.is_some() && !t.status.is_open() && !t.confidential && !t.anonymous && t.merged_into.is_none()
}

/// A report the public reads now: one that may be published, was, and was not kept out since.
pub(crate) fn in_register(t: &ticket::Model) -> bool {
    may_publish(t) && t.published_at.is_some() && t.register_excluded.is_none()
}

/// `in_register` as a query condition: the one rule of the register and of Open311's lists.
pub(crate) fn published() -> Condition {
    Condition::all()
        .add(ticket::Column::PublishedAt.is_not_null())
        .add(ticket::Column::ResolvedAt.is_not_null())
        .add(ticket::Column::Status.is_in([Status::Resolved, Status::Closed]))
        .add(ticket::Column::Confidential.eq(false))
        .add(ticket::Column::Anonymous.eq(false))
        .add(ticket::Column::RegisterExcluded.is_null())
        .add(ticket::Column::MergedInto.is_null())
}

/// What a staff member is shown to publish: the copy published before, or the text masked.
pub fn publication_draft(t: &ticket::Model) -> (String, String) {
    (
        t.public_subject.clone().unwrap_or_else(|| redact(&t.subject, t)),
        t.public_body.clone().unwrap_or_else(|| redact(&t.body, t)),
    )
}

/// Publishes a report's subject and description, as the staff member approved them after
/// reading the masked text, in the public register and Open311. The text is masked once more
/// (what was typed into the approved copy is held to the same rule).
pub async fn publish(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    t: &ticket::Model,
    subject: &str,
    body: &str,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    if !may_publish(t) {
        return Err(AppError::Conflict);
    }
    let mut errors = FieldErrors::default();
    errors.text("public_subject", subject, true, SUBJECT_MAX);
    errors.text("public_body", body, true, BODY_MAX);
    errors.into_result()?;
    let (subject, body) = (redact(subject.trim(), t), redact(body.trim(), t));
    let txn = crate::ssr::begin_write(db).await?;
    let r = ticket::Entity::update_many()
        .col_expr(ticket::Column::PublicSubject, Expr::value(subject))
        .col_expr(ticket::Column::PublicBody, Expr::value(body))
        .col_expr(ticket::Column::PublishedAt, Expr::value(at))
        .col_expr(ticket::Column::PublishedBy, Expr::value(actor.id))
        .col_expr(ticket::Column::RegisterExcluded, Expr::value(Option::<String>::None))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::Status.is_in([Status::Resolved, Status::Closed]))
        .filter(ticket::Column::MergedInto.is_null())
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        txn.rollback().await?;
        return Err(lifecycle::moved(db, t, Actor::Staff(actor)).await);
    }
    record_event(&txn, t.id, EventKind::Published, Some(actor.id), true, "", None, None, None, at).await?;
    audit::record(&txn, Some(actor.id), "ticket.publish", "ticket", t.id, json!({ "published": [t.published_at.is_some(), true] }), at)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// What stands for a masked part of a text.
pub const MARK: &str = "[disamarkan]";

/// Removes what could name or reach a person: each part of the reporter's name, their e-mail
/// and phone as stored, any e-mail address (also written `siti [at] gmail.com` or
/// `siti(at)gmail dot com`), and any number of eight digits or more however it is grouped
/// (`0812 3456 7890`, `6471.0123.4567.8901`, `+62-812-…`: phone numbers, NIK, KK). A person
/// still reads every text before it is published: names of others and addresses are theirs
/// to mask.
pub fn redact(text: &str, t: &ticket::Model) -> String {
    use regex::Regex;
    use std::sync::LazyLock;
    static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
        let at = r"(?:@|\[\s*at\s*\]|\(\s*at\s*\)|\{\s*at\s*\}|\s+at\s+)";
        let dot = r"(?:\.|\[\s*dot\s*\]|\(\s*dot\s*\)|\s+dot\s+|\s+titik\s+)";
        Regex::new(&format!(r"(?i)[\p{{L}}\p{{N}}._%+\-]+\s*{at}\s*[\p{{L}}\p{{N}}\-]+(?:\s*{dot}\s*[\p{{L}}\p{{N}}\-]+)+"))
            .expect("e-mail pattern")
    });
    // Digits joined by at most two separators (space, dot, dash, slash, brackets).
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\+?\d(?:[\s.\-/()]{0,2}\d)*").expect("number pattern"));
    let mut out = text.to_string();
    let mut known: Vec<String> = t.reporter_email.iter().chain(t.reporter_phone.iter()).cloned().collect();
    known.push(t.reporter_name.trim().to_string());
    for k in known.iter().filter(|k| k.chars().count() >= 3) {
        out = replace_ci(&out, k, MARK);
    }
    out = EMAIL.replace_all(&out, MARK).into_owned();
    out = NUMBER
        .replace_all(&out, |c: &regex::Captures| {
            let run = &c[0];
            if run.chars().filter(char::is_ascii_digit).count() >= 8 {
                MARK.to_string()
            } else {
                run.to_string()
            }
        })
        .into_owned();
    // Each part of the reporter's name on its own ("Bu Siti"), as a whole word.
    let parts: Vec<String> =
        t.reporter_name.split(|c: char| !c.is_alphabetic()).filter(|p| p.chars().count() >= 3).map(str::to_lowercase).collect();
    if parts.is_empty() {
        out
    } else {
        replace_words_ci(&out, &parts, MARK)
    }
}

/// Replaces every whole word (a run of letters, digits, marks and `_`, as `\b` bounds it)
/// that equals one of `words` (given in lower case) in any letter case. A scan of the text,
/// not a pattern built for each report: lists mask a thousand reports at a time.
fn replace_words_ci(text: &str, words: &[String], with: &str) -> String {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || unicode_general_mark(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(|c: char| !is_word(c)).unwrap_or(rest.len());
        if end == 0 {
            let c = rest.chars().next().map(char::len_utf8).unwrap_or(1);
            out.push_str(&rest[..c]);
            rest = &rest[c..];
            continue;
        }
        let word = &rest[..end];
        if words.iter().any(|w| word.len() <= w.len() * 2 && word.to_lowercase() == *w) {
            out.push_str(with);
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    out
}

/// Combining marks join the letters around them into one word, as in `\b`.
fn unicode_general_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub(crate) fn replace_ci(haystack: &str, needle: &str, with: &str) -> String {
    let lower_h = haystack.to_lowercase();
    let lower_n = needle.to_lowercase();
    if lower_n.is_empty() || lower_h.len() != haystack.len() {
        // Lowercasing changed the length (some non-ASCII letters): match by pattern instead.
        return match regex::Regex::new(&format!("(?i){}", regex::escape(needle))) {
            Ok(re) => re.replace_all(haystack, with).into_owned(),
            Err(_) => haystack.replace(needle, with),
        };
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

/// The register's first page: the latest published reports that match the words of `q`, of
/// one unit (its slug) or one service, with the answers. The filter lists every unit, and the
/// services of the unit chosen; only the units and services on the page are read.
pub async fn register(
    db: &impl ConnectionTrait,
    q: &str,
    unit_slug: Option<&str>,
    service_id: Option<i32>,
    lang: Lang,
) -> Result<RegisterData, AppError> {
    register_in(db, unit_directory(db).await?, q, unit_slug, service_id, None, lang).await
}

/// The register's reports as one query: published, of a service or else of a unit, holding
/// every word of `q`, newest answer first, one page. It is read in the order of the
/// migration `register_order`'s indexes and stops at the page's end, whatever the number of
/// reports (the query-plan test in `server/tests/it/tickets.rs` holds it to that).
/// `before` is where an older page starts: below the answer time and id of the last report
/// of the page before it. One report more than a page is read, to tell whether there is an
/// older page.
pub fn register_query(
    backend: DbBackend,
    service: Option<i32>,
    unit: Option<i32>,
    q: &str,
    before: Option<(DateTime<Utc>, i32)>,
) -> Select<ticket::Entity> {
    let mut query = ticket::Entity::find().filter(published());
    if let Some((at, id)) = before {
        query = query.filter(
            Expr::tuple([Expr::col((ticket::Entity, ticket::Column::ResolvedAt)).into(), Expr::col((ticket::Entity, ticket::Column::Id)).into()])
                .lt(Expr::tuple([Expr::value(at), Expr::value(id)])),
        );
    }
    if let Some(s) = service {
        query = query.filter(ticket::Column::ServiceId.eq(s));
    } else if let Some(u) = unit {
        query = query.filter(ticket::Column::UnitId.eq(u));
    }
    // Only the published copy is searched: a search of the reporter's own text would tell,
    // one character at a time, what the mask hid.
    let words = crate::ssr::search::words(q);
    if !words.is_empty() {
        query = query.filter(crate::ssr::search::matches_every(backend, crate::ssr::search::Index::Register, &words));
    }
    query.order_by_desc(ticket::Column::ResolvedAt).order_by_desc(ticket::Column::Id).limit(REGISTER_PAGE + 1)
}

/// Reports on one page of the register: enough to browse, short enough for a phone.
pub const REGISTER_PAGE: u64 = 20;

/// Every unit as (id, slug, name, time zone), by name: the register's filter, and the name
/// and zone of each report listed.
pub async fn unit_directory(db: &impl ConnectionTrait) -> Result<Vec<(i32, String, String, String)>, AppError> {
    Ok(unit::Entity::find()
        .select_only()
        .columns([unit::Column::Id, unit::Column::Slug, unit::Column::Name, unit::Column::Timezone])
        .order_by_asc(unit::Column::Name)
        .into_tuple()
        .all(db)
        .await?)
}

/// `register` with the unit directory given (the page keeps it in memory for a moment).
pub async fn register_in(
    db: &impl ConnectionTrait,
    units: Vec<(i32, String, String, String)>,
    q: &str,
    unit_slug: Option<&str>,
    service_id: Option<i32>,
    before: Option<i32>,
    lang: Lang,
) -> Result<RegisterData, AppError> {
    let asked_unit = unit_slug.and_then(|slug| units.iter().find(|u| u.1 == slug)).map(|u| u.0);
    // A service counts only with its own unit (or with none asked): choosing another unit
    // in the form leaves the previous unit's service behind.
    let service = match service_id {
        Some(id) => service::Entity::find_by_id(id).one(db).await?.filter(|s| asked_unit.is_none_or(|u| u == s.unit_id)),
        None => None,
    };
    let unit_id = service.as_ref().map(|s| s.unit_id).or(asked_unit);
    // An older page starts after a report that is in the register (any other id is ignored).
    let from = match before {
        Some(id) => ticket::Entity::find_by_id(id)
            .filter(published())
            .select_only()
            .columns([ticket::Column::ResolvedAt, ticket::Column::Id])
            .into_tuple::<(Option<DateTime<Utc>>, i32)>()
            .one(db)
            .await?
            .and_then(|(at, id)| Some((at?, id))),
        None => None,
    };
    let mut tickets = register_query(db.get_database_backend(), service.as_ref().map(|s| s.id), unit_id, q, from).all(db).await?;
    let older = if tickets.len() as u64 > REGISTER_PAGE {
        tickets.truncate(REGISTER_PAGE as usize);
        tickets.last().map(|t| t.id)
    } else {
        None
    };
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
    let by_id: HashMap<i32, (&str, &str)> = units.iter().map(|(id, _, name, zone)| (*id, (name.as_str(), zone.as_str()))).collect();
    let shown_services: HashSet<i32> = tickets.iter().filter_map(|t| t.service_id).collect();
    let service_names: HashMap<i32, String> = service::Entity::find()
        .select_only()
        .columns([service::Column::Id, service::Column::Name])
        .filter(service::Column::Id.is_in(shown_services))
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let entries = tickets
        .iter()
        .map(|t| {
            let (name, zone) = by_id.get(&t.unit_id).copied().unwrap_or(("", "Asia/Jakarta"));
            RegisterEntry {
                kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
                unit: name.to_string(),
                service: t.service_id.and_then(|s| service_names.get(&s)).cloned(),
                subject: t.public_subject.clone().unwrap_or_default(),
                body: t.public_body.clone().unwrap_or_default(),
                answers: replies.iter().filter(|r| r.ticket_id == t.id).map(|r| redact(&r.body, t)).collect(),
                resolved: t.resolved_at.map(|r| timefmt::date(r, zone, lang)).unwrap_or_default(),
            }
        })
        .collect();
    let services: Vec<(i32, String)> = match unit_id {
        Some(u) => service::Entity::find()
            .select_only()
            .columns([service::Column::Id, service::Column::Name])
            .filter(service::Column::UnitId.eq(u))
            .order_by_asc(service::Column::Name)
            .into_tuple()
            .all(db)
            .await?,
        None => Vec::new(),
    };
    let unit = unit_id.and_then(|u| units.iter().find(|x| x.0 == u)).map(|u| u.1.clone());
    Ok(RegisterData {
        entries,
        units: units.into_iter().map(|(_, slug, name, _)| (slug, name)).collect(),
        unit,
        services,
        q: q.to_string(),
        service: service.map(|s| s.id),
        older,
        paged: from.is_some(),
    })
}


/// The unit's reports as CSV for managers, as a civil servant reads them in a spreadsheet:
/// headings, kinds and statuses in the reader's language, times in the unit's zone to the
/// minute (`2026-12-01 08:30`, which spreadsheets read as a date). Anonymous reporters
/// appear as "Anonim" only.
pub async fn export_csv(db: &impl ConnectionTrait, u: &unit::Model, lang: Lang) -> Result<String, AppError> {
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
    let zone = timefmt::zone_abbr(&u.timezone);
    let local = |at: DateTime<Utc>| at.with_timezone(&timefmt::tz(&u.timezone)).format("%Y-%m-%d %H:%M").to_string();
    let (created, resolved) = match lang {
        Lang::Id => (format!("Dibuat ({zone})"), format!("Selesai ({zone})")),
        Lang::En => (format!("Created ({zone})"), format!("Resolved ({zone})")),
    };
    let t_ = |id: &'static str, en: &'static str| lang.t(id, en).to_string();
    let mut out = Sheet::new([
        t_("Nomor", "Number"), t_("Jenis", "Kind"), t_("Layanan", "Service"), t_("Judul", "Subject"), t_("Status", "Status"),
        created, resolved, t_("Pelapor", "Reporter"), t_("Email", "E-mail"), t_("Telepon", "Phone"), t_("Rahasia", "Confidential"),
        t_("Penilaian", "Rating"),
    ])?;
    for t in tickets {
        let (name, email, phone) = if t.anonymous {
            (lang.t("Anonim", "Anonymous").to_string(), String::new(), String::new())
        } else {
            (t.reporter_name.clone(), t.reporter_email.clone().unwrap_or_default(), t.reporter_phone.clone().unwrap_or_default())
        };
        let row = [
            crate::tickets::report_number(t.id),
            crate::tickets::Kind::parse(&t.kind).map(|k| k.label(lang).to_string()).unwrap_or_else(|| t.kind.clone()),
            t.service_id.and_then(|s| services.get(&s).cloned()).unwrap_or_default(),
            t.subject.clone(),
            t.status.label(lang).to_string(),
            local(t.created_at),
            t.resolved_at.map(local).unwrap_or_default(),
            name,
            email,
            phone,
            if t.confidential { lang.t("ya", "yes") } else { lang.t("tidak", "no") }.to_string(),
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
            published_at: None,
            published_by: None,
            public_subject: None,
            public_body: None,
        }
    }

    #[test]
    fn name_parts_are_masked_as_whole_words_only() {
        let words = vec!["siti".to_string(), "aminah".to_string()];
        assert_eq!(replace_words_ci("Bu SITI, Siti-nya dan Sitinya; aminah_2 AMINAH.", &words, "#"), "Bu #, #-nya dan Sitinya; aminah_2 #.");
        assert_eq!(replace_words_ci("", &words, "#"), "");
        assert_eq!(replace_words_ci("Ibu Sïti é siti\u{301}", &words, "#"), "Ibu Sïti é siti\u{301}");
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

    #[test]
    fn masking_catches_spaced_numbers_name_parts_and_written_out_addresses() {
        let text = "HP 0812 3456 7890, NIK 6471.0123.4567.8901, KK 6471-0123-4567-8902, telp (0542) 873 456, \
                    Bu Siti di loket, surel siti [at] gmail.com atau budi(at)mail dot co dot id, wa +62 812-1111-2222.";
        let r = redact(text, &t());
        for gone in ["3456", "6471", "873 456", "Siti", "gmail", "budi", "mail dot", "1111"] {
            assert!(!r.contains(gone), "{gone} still in: {r}");
        }
        // What is not personal stays: short numbers, times, amounts under eight digits.
        let plain = "Antre 3 jam dari pukul 08.00 - 11.30, diminta Rp 100.000 untuk 2 berkas.";
        assert_eq!(redact(plain, &t()), plain);
        // Another letter case, and a name with letters whose lower case is longer.
        let mut other = t();
        other.reporter_name = "İlham Aminah".into();
        let r = redact("Saya İLHAM, dan ilham lagi; AMINAH", &other);
        assert!(!r.to_lowercase().contains("aminah") && !r.contains("İLHAM"), "{r}");
    }
}
