//! Reading reports as Open311 requests: lists by filter, one by id or token, under the register's privacy rule.
use super::*;

/// What `GET requests` asked for, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Filter {
    /// Given ids override every other filter.
    pub ids: Option<Vec<i32>>,
    pub services: Vec<i32>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Some(true) open only, Some(false) closed only, None both.
    pub open: Option<bool>,
}

/// Reads the filters of `GET requests`: a 90-day window ending now unless dates are given,
/// comma lists for ids, codes and statuses.
pub fn filter(params: &Params, at: DateTime<Utc>, lang: Lang) -> Result<Filter, Refusal> {
    let mut problems = Vec::new();
    let date = |name: &str, problems: &mut Vec<(u16, String)>| {
        let raw = params.get(name)?;
        let parsed = parse_w3c(raw);
        if parsed.is_none() {
            problems.push((
                400,
                match lang {
                    Lang::Id => format!(
                        "{name} {raw} bukan tanggal W3C. Tulis tanggal, jam, dan zona waktu, misalnya 2027-04-06T08:00:00+08:00."
                    ),
                    Lang::En => format!(
                        "{name} {raw} is not a W3C date. Give the date, time and time zone, e.g. 2027-04-06T08:00:00+08:00."
                    ),
                },
            ));
        }
        parsed
    };
    let start = date("start_date", &mut problems);
    let end = date("end_date", &mut problems);
    let span = Duration::days(MAX_SPAN_DAYS);
    let (start, end) = match (start, end) {
        (Some(s), Some(e)) => (s, e),
        (Some(s), None) => (s, (s + span).min(at.max(s))),
        (None, Some(e)) => (e - span, e),
        (None, None) => (at - span, at),
    };
    if problems.is_empty() {
        if end < start {
            problems.push((400, lang.t("end_date lebih awal dari start_date.", "end_date is before start_date.").into()));
        } else if end - start > span {
            problems.push((
                400,
                match lang {
                    Lang::Id => format!("Rentang start_date sampai end_date paling lama {MAX_SPAN_DAYS} hari."),
                    Lang::En => format!("start_date to end_date may span {MAX_SPAN_DAYS} days at most."),
                },
            ));
        }
    }
    let open = {
        let statuses = params.list("status");
        let mut open = false;
        let mut closed = false;
        for s in &statuses {
            match s.as_str() {
                "open" => open = true,
                "closed" => closed = true,
                other => problems.push((
                    400,
                    match lang {
                        Lang::Id => format!("status {other} tidak dikenal; gunakan open, closed, atau keduanya dipisah koma."),
                        Lang::En => format!("status {other} is not known; use open, closed, or both separated by a comma."),
                    },
                )),
            }
        }
        if open == closed { None } else { Some(open) }
    };
    let number_list = |name: &str, problems: &mut Vec<(u16, String)>| {
        params
            .list(name)
            .into_iter()
            .filter_map(|v| match v.parse::<i32>() {
                Ok(n) => Some(n),
                Err(_) => {
                    problems.push((
                        400,
                        match lang {
                            Lang::Id => format!("{name} {v} tidak dikenal."),
                            Lang::En => format!("{name} {v} is not known."),
                        },
                    ));
                    None
                }
            })
            .collect::<Vec<_>>()
    };
    let ids = number_list("service_request_id", &mut problems);
    let services = number_list("service_code", &mut problems);
    if !problems.is_empty() {
        return Err(Refusal { code: 400, errors: problems });
    }
    Ok(Filter { ids: if ids.is_empty() { None } else { Some(ids) }, services, start, end, open })
}

pub(crate) const OPEN: [&str; 4] = Status::OPEN_CODES;
pub(crate) const CLOSED: [&str; 2] = ["resolved", "closed"];

/// Reports past their e-mail confirmation (before it, they have not reached the unit).
pub(crate) fn confirmed() -> Condition {
    Condition::all().add(ticket::Column::Status.ne(Status::AwaitingConfirmation.code()))
}

/// The reports the public may read: the public register's own rule (answered, neither
/// Rahasia nor Anonim, published by a staff member and not kept out since).
pub(crate) fn public() -> Condition {
    crate::tickets::ssr::published()
}

/// `GET requests`.
pub async fn requests(db: &impl ConnectionTrait, params: &Params, lang: Lang, now: DateTime<Utc>) -> Result<Vec<RequestRow>, Refusal> {
    let f = filter(params, now, lang)?;
    if !f.services.is_empty() {
        let known = service::Entity::find().filter(service::Column::Id.is_in(f.services.clone())).all(db).await?;
        if let Some(missing) = f.services.iter().find(|c| !known.iter().any(|s| s.id == **c)) {
            return Err(unknown_service(&missing.to_string(), lang, 400));
        }
    }
    let mut q = ticket::Entity::find().filter(public());
    if let Some(ids) = &f.ids {
        q = q.filter(ticket::Column::Id.is_in(ids.clone()));
    } else {
        q = q
            .filter(ticket::Column::CreatedAt.gte(f.start))
            .filter(ticket::Column::CreatedAt.lte(f.end));
        if !f.services.is_empty() {
            q = q.filter(ticket::Column::ServiceId.is_in(f.services.clone()));
        }
        match f.open {
            Some(true) => q = q.filter(ticket::Column::Status.is_in(OPEN)),
            Some(false) => q = q.filter(ticket::Column::Status.is_in(CLOSED)),
            None => {}
        }
    }
    let tickets = q.order_by_desc(ticket::Column::CreatedAt).order_by_desc(ticket::Column::Id).limit(MAX_ROWS).all(db).await?;
    rows(db, tickets, lang, now).await
}

/// `GET requests/{id}`: a published report, or any confirmed one for the client that sent it.
pub async fn request(
    db: &impl ConnectionTrait,
    id: &str,
    params: &Params,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Vec<RequestRow>, Refusal> {
    let not_found = || {
        refuse(
            404,
            match lang {
                Lang::Id => format!("service_request_id {id} tidak ditemukan."),
                Lang::En => format!("service_request_id {id} was not found."),
            },
        )
    };
    let Ok(n) = id.parse::<i32>() else { return Err(not_found()) };
    let public = ticket::Entity::find_by_id(n).filter(public()).one(db).await?;
    let t = match public {
        Some(t) => t,
        // Not published (not answered yet, Rahasia, Anonim, kept out): only for the client
        // that sent it.
        None => match ticket::Entity::find_by_id(n).filter(confirmed()).one(db).await? {
            Some(t) if sent_by_key(db, t.id, params.get("api_key")).await? => t,
            _ => return Err(not_found()),
        },
    };
    rows(db, vec![t], lang, now).await
}

/// Whether the report came from the client holding this key.
pub(crate) async fn sent_by_key(db: &impl ConnectionTrait, ticket_id: i32, key: Option<&str>) -> Result<bool, Refusal> {
    let Some(key) = key else { return Ok(false) };
    let Some(client) = client_of(db, key).await?.filter(|c| c.revoked_at.is_none()) else {
        return Ok(false);
    };
    Ok(open311_request::Entity::find_by_id(ticket_id).one(db).await?.is_some_and(|r| r.client_id == client.id))
}

/// `GET tokens/{token}`: the id once the report is confirmed, nothing before.
pub async fn token(db: &impl ConnectionTrait, token: &str, lang: Lang) -> Result<Reply, Refusal> {
    let not_found = || {
        refuse(404, lang.t("Token tidak ditemukan.", "The token was not found.").into())
    };
    if token.is_empty() || token.len() > 64 {
        return Err(not_found());
    }
    let Some(r) = open311_request::Entity::find()
        .filter(open311_request::Column::TokenHash.eq(sha256_hex(token.as_bytes())))
        .one(db)
        .await?
    else {
        return Err(not_found());
    };
    let t = ticket::Entity::find_by_id(r.ticket_id).one(db).await?.ok_or_else(not_found)?;
    let id = (t.status != Status::AwaitingConfirmation).then(|| t.id.to_string());
    Ok(Reply { id, token: token.to_string() })
}

/// What happens next, told to anyone reading (the portal's own pages speak to the reporter).
pub(crate) fn notice(status: Status, lang: Lang) -> &'static str {
    match status {
        Status::AwaitingConfirmation | Status::New => {
            lang.t("Diterima unit layanan; menunggu pemeriksaan petugas.", "Received by the service unit; waiting for staff to check it.")
        }
        Status::Verified => lang.t("Sudah diperiksa petugas dan akan ditindaklanjuti.", "Checked by staff; it will be acted on."),
        Status::InProgress => lang.t("Sedang ditangani petugas.", "Staff are working on it."),
        Status::WaitingCitizen => lang.t(
            "Petugas menunggu keterangan tambahan dari pelapor; tenggat berhenti sementara.",
            "Staff are waiting for more from the reporter; the deadline stands still meanwhile.",
        ),
        Status::Resolved => lang.t(
            "Sudah dijawab petugas; pelapor dapat membukanya kembali bila belum tuntas.",
            "Answered by staff; the reporter may reopen it if it is not settled.",
        ),
        Status::Closed => lang.t("Ditutup.", "Closed."),
    }
}

/// What the public may read of each report: never the reporter, and a text with names,
/// addresses and numbers masked.
pub(crate) async fn rows(db: &impl ConnectionTrait, tickets: Vec<ticket::Model>, lang: Lang, now: DateTime<Utc>) -> Result<Vec<RequestRow>, Refusal> {
    if tickets.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<i32> = tickets.iter().map(|t| t.id).collect();
    // Only the units and services of these reports (a province has thousands of services).
    let unit_ids: std::collections::BTreeSet<i32> = tickets.iter().map(|t| t.unit_id).collect();
    let service_ids: std::collections::BTreeSet<i32> = tickets.iter().filter_map(|t| t.service_id).collect();
    let units: HashMap<i32, unit::Model> =
        unit::Entity::find().filter(unit::Column::Id.is_in(unit_ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let services: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::Id.is_in(service_ids)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let mut notes: HashMap<i32, ticket_event::Model> = HashMap::new();
    for e in ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.is_in(ids.clone()))
        .filter(ticket_event::Column::Internal.eq(false))
        .filter(ticket_event::Column::Kind.is_in([EventKind::Reply, EventKind::Status, EventKind::Forwarded, EventKind::Merged]))
        .filter(ticket_event::Column::Body.ne(""))
        .order_by_asc(ticket_event::Column::Id)
        .all(db)
        .await?
    {
        notes.insert(e.ticket_id, e);
    }
    let extras: HashMap<i32, open311_request::Model> = open311_request::Entity::find()
        .filter(open311_request::Column::TicketId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.ticket_id, r))
        .collect();
    let listed: Vec<&unit::Model> = units.values().collect();
    let clocks = crate::tickets::ssr::clocks_of(db, &listed).await.map_err(|e| internal(e, lang))?;
    let at = now;
    let mut out = Vec::with_capacity(tickets.len());
    for t in &tickets {
        let Some(u) = units.get(&t.unit_id) else { continue };
        let svc = t.service_id.and_then(|s| services.get(&s));
        let status = t.status;
        let expected = deadlines::of_ticket(t, svc, &clocks[&u.id], at)
            .into_iter()
            .find(|d| d.which == deadlines::Which::Resolve)
            .map(|d| w3c(d.due, &u.timezone));
        let status_notes = match notes.get(&t.id) {
            Some(e) => crate::tickets::ssr::redact(&e.body, t),
            None => status.label(lang).to_string(),
        };
        // A location can point at a person; an anonymous report shows none.
        let extra = extras.get(&t.id).filter(|_| !t.anonymous);
        out.push(RequestRow {
            id: t.id.to_string(),
            open: status.is_open(),
            status_notes,
            service_name: svc.map(|s| s.name.clone()).unwrap_or_default(),
            service_code: t.service_id.map(service_code).unwrap_or_default(),
            // The copy a staff member published; for the sending client before that, masked.
            description: t.public_body.clone().unwrap_or_else(|| crate::tickets::ssr::redact(&t.body, t)),
            agency_responsible: u.name.clone(),
            service_notice: notice(status, lang).to_string(),
            requested: w3c(t.created_at, &u.timezone),
            updated: w3c(t.updated_at, &u.timezone),
            expected,
            address: if t.anonymous { String::new() } else { crate::tickets::ssr::redact(&t.place, t) },
            address_id: extra.map(|r| r.address_id.clone()).unwrap_or_default(),
            lat: extra.and_then(|r| r.lat),
            long: extra.and_then(|r| r.long),
            media_url: extra.map(|r| r.media_url.clone()).unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(pairs: &[(&str, &str)]) -> Params {
        Params::new(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    fn at(s: &str) -> DateTime<Utc> {
        parse_w3c(s).unwrap()
    }

    #[test]
    fn dates_are_w3c_with_the_units_offset() {
        let t = at("2027-04-06T01:10:00Z");
        assert_eq!(w3c(t, "Asia/Makassar"), "2027-04-06T09:10:00+08:00");
        assert_eq!(w3c(t, "Asia/Jakarta"), "2027-04-06T08:10:00+07:00");
        assert_eq!(w3c(t, "Asia/Jayapura"), "2027-04-06T10:10:00+09:00");
        // An unencoded "+" arrives as a space.
        assert_eq!(parse_w3c("2027-04-06T09:10:00 08:00"), Some(t));
        assert_eq!(parse_w3c("2027-04-06T01:10:00Z"), Some(t));
        assert_eq!(parse_w3c("2027-04-06"), None);
        assert_eq!(parse_w3c("06/04/2027"), None);
        assert_eq!(parse_w3c("2027-04-06T09:10:00"), None, "a time without its zone is ambiguous");
    }

    #[test]
    fn the_window_defaults_to_ninety_days_and_never_exceeds_them() {
        let now = at("2027-04-06T00:00:00Z");
        let f = filter(&p(&[]), now, Lang::Id).unwrap();
        assert_eq!((f.start, f.end, f.open, f.ids.clone()), (now - Duration::days(90), now, None, None));
        // Empty parameters are missing ones.
        assert_eq!(filter(&p(&[("start_date", ""), ("status", " ")]), now, Lang::Id).unwrap(), f);
        let f = filter(&p(&[("start_date", "2027-02-01T00:00:00+07:00")]), now, Lang::Id).unwrap();
        assert_eq!(f.end, now, "a start alone runs to now when that is within 90 days");
        let f = filter(&p(&[("start_date", "2027-01-01T00:00:00+07:00")]), now, Lang::Id).unwrap();
        assert_eq!(f.end, at("2027-04-01T00:00:00+07:00"), "and to 90 days after it when now is further");
        let f = filter(&p(&[("end_date", "2027-03-01T00:00:00+07:00")]), now, Lang::Id).unwrap();
        assert_eq!(f.end - f.start, Duration::days(90));
        let ok = p(&[("start_date", "2027-01-01T00:00:00+08:00"), ("end_date", "2027-04-01T00:00:00+08:00")]);
        assert!(filter(&ok, now, Lang::Id).is_ok(), "exactly 90 days");
        let long = p(&[("start_date", "2027-01-01T00:00:00+08:00"), ("end_date", "2027-04-01T00:00:01+08:00")]);
        let e = filter(&long, now, Lang::En).unwrap_err();
        assert_eq!((e.code, e.errors[0].1.as_str()), (400, "start_date to end_date may span 90 days at most."));
        let back = p(&[("start_date", "2027-02-01T00:00:00Z"), ("end_date", "2027-01-01T00:00:00Z")]);
        assert_eq!(filter(&back, now, Lang::En).unwrap_err().errors[0].1, "end_date is before start_date.");
        let bad = filter(&p(&[("start_date", "kemarin"), ("status", "pending")]), now, Lang::Id).unwrap_err();
        assert_eq!(bad.errors.len(), 2);
        assert!(bad.errors[0].1.starts_with("start_date kemarin bukan tanggal W3C"), "{:?}", bad.errors);
        assert!(bad.errors[1].1.starts_with("status pending tidak dikenal"), "{:?}", bad.errors);
    }

    #[test]
    fn lists_are_comma_separated() {
        let now = at("2027-04-06T00:00:00Z");
        let f = filter(&p(&[("service_request_id", "12, 15,,20"), ("service_code", "3,4"), ("status", "open,closed")]), now, Lang::Id)
            .unwrap();
        assert_eq!((f.ids, f.services, f.open), (Some(vec![12, 15, 20]), vec![3, 4], None));
        assert_eq!(filter(&p(&[("status", "closed")]), now, Lang::Id).unwrap().open, Some(false));
        assert_eq!(filter(&p(&[("status", "open")]), now, Lang::Id).unwrap().open, Some(true));
        let e = filter(&p(&[("service_request_id", "12,abc")]), now, Lang::En).unwrap_err();
        assert_eq!(e.errors, vec![(400, "service_request_id abc is not known.".to_string())]);
    }

    #[test]
    fn a_subject_is_taken_from_the_description() {
        assert_eq!(subject_from("Antrean  KTP\nsangat lama"), "Antrean KTP sangat lama");
        let long = "kata ".repeat(40);
        let s = subject_from(&long);
        assert!(s.ends_with('…') && s.chars().count() <= 101, "{s}");
        assert_eq!(keywords("ktp, kartu keluarga\nakta"), "ktp, kartu, keluarga, akta");
    }
}
