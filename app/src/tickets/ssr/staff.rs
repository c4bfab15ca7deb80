//! Staff: the inbox, a report as staff see it, replies, status changes, assignment, forwarding, merging and the register flag.
use super::*;

/// The ticket, if the user belongs to its unit; otherwise "not found" (never "forbidden":
/// a unit's reports are not even confirmed to exist for others).
pub async fn ticket_for_staff(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    unit_slug: &str,
    id: i32,
) -> Result<(unit::Model, ticket::Model), AppError> {
    let u = unit_for_staff(db, user, unit_slug).await?;
    let t = ticket::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if t.unit_id != u.id {
        return Err(AppError::NotFound);
    }
    Ok((u, t))
}

pub async fn unit_for_staff(db: &impl ConnectionTrait, user: &CurrentUser, unit_slug: &str) -> Result<unit::Model, AppError> {
    let u = unit::Entity::by_slug(db, unit_slug).await?.ok_or(AppError::NotFound)?;
    if user.may(crate::auth::Act::HandleReports, u.id) {
        Ok(u)
    } else {
        Err(AppError::NotFound)
    }
}

pub(crate) async fn user_names(db: &impl ConnectionTrait, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>, AppError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

pub const INBOX_LIMIT: u64 = 200;

/// Every word (up to five) in one of `columns`, ignoring case.
pub(crate) fn words_condition(words: &str, columns: [ticket::Column; 2]) -> Condition {
    let lower = |c: ticket::Column| Expr::expr(Func::lower(Expr::col((ticket::Entity, c))));
    words.split_whitespace().take(5).fold(Condition::all(), |all, w| {
        let pattern = format!("%{}%", w.to_lowercase().replace(['%', '_', '\\'], ""));
        all.add(columns.iter().fold(Condition::any(), |any, c| any.add(lower(*c).like(pattern.as_str()))))
    })
}

pub async fn inbox(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    u: &unit::Model,
    f: &InboxFilter,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<InboxData, AppError> {
    let mut q = ticket::Entity::find().filter(ticket::Column::UnitId.eq(u.id));
    match Status::parse(&f.status) {
        Some(s) => q = q.filter(ticket::Column::Status.eq(s.code())),
        None if f.status == "semua" => {}
        // By default: everything that needs work (not waiting for confirmation, not done).
        None => {
            q = q.filter(ticket::Column::Status.is_not_in([
                Status::AwaitingConfirmation.code(),
                Status::Resolved.code(),
                Status::Closed.code(),
            ]))
        }
    }
    if let Some(k) = Kind::parse(&f.kind) {
        q = q.filter(ticket::Column::Kind.eq(k.code()));
    }
    if let Ok(s) = f.service.parse::<i32>() {
        q = q.filter(ticket::Column::ServiceId.eq(s));
    }
    match f.who.as_str() {
        "saya" => q = q.filter(ticket::Column::AssignedTo.eq(user.id)),
        "kosong" => q = q.filter(ticket::Column::AssignedTo.is_null()),
        _ => {}
    }
    let words = f.q.trim();
    if !words.is_empty() {
        if let Ok(code) = TrackingCode::parse(words) {
            q = q.filter(ticket::Column::Code.eq(code.as_str()));
        } else if let Some(start) = TrackingCode::prefix(words) {
            // The first group a citizen reads out on the phone, or a word that looks like one.
            q = q.filter(
                sea_orm::Condition::any()
                    .add(ticket::Column::Code.starts_with(start.as_str()))
                    .add(words_condition(words, [ticket::Column::Subject, ticket::Column::Body])),
            );
        } else {
            q = q.filter(words_condition(words, [ticket::Column::Subject, ticket::Column::Body]));
        }
    }
    // "Overdue" is computed from the unit's calendar, not stored: with that filter every
    // matching report is read, and the first INBOX_LIMIT overdue ones are shown.
    let q = q.order_by_asc(ticket::Column::CreatedAt);
    let tickets = if f.overdue { q.all(db).await? } else { q.limit(INBOX_LIMIT + 1).all(db).await? };
    let service_rows: HashMap<i32, service::Model> =
        service::Entity::find().filter(service::Column::UnitId.eq(u.id)).all(db).await?.into_iter().map(|s| (s.id, s)).collect();
    let mut services: Vec<(i32, String)> = service_rows.values().map(|s| (s.id, s.name.clone())).collect();
    services.sort_by(|a, b| a.1.cmp(&b.1));
    let names = user_names(db, tickets.iter().filter_map(|t| t.assigned_to)).await?;
    let clock = clock_of(db, u).await?;
    let mut rows = Vec::new();
    let mut truncated = false;
    for t in tickets {
        let ds = deadlines::of_ticket(&t, t.service_id.and_then(|s| service_rows.get(&s)), &clock, at);
        let next = if t.status.is_open() { watched(&ds) } else { None };
        let overdue = next.map(|d| d.state == deadlines::State::Overdue).unwrap_or(false);
        let due = next.map(|d| {
            let paused = if d.state == deadlines::State::Paused { lang.t(" (dijeda)", " (paused)") } else { "" };
            format!("{}: {}{paused}", d.which.label(lang), timefmt::date_time(d.due, &u.timezone, lang))
        });
        if f.overdue && !overdue {
            continue;
        }
        if rows.len() as u64 == INBOX_LIMIT {
            truncated = true;
            break;
        }
        rows.push(InboxRow {
            id: t.id,
            kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
            subject: t.subject.clone(),
            service: t.service_id.and_then(|id| services.iter().find(|s| s.0 == id).map(|s| s.1.clone())),
            status: t.status,
            created: timefmt::date_time(t.created_at, &u.timezone, lang),
            due,
            overdue,
            assignee: t.assigned_to.and_then(|id| names.get(&id).cloned()),
            reporter: if t.anonymous { lang.t("Anonim", "Anonymous").to_string() } else { t.reporter_name.clone() },
        });
    }
    Ok(InboxData {
        unit_id: u.id,
        can_export: user.can_manage(u.id),
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        my_units: user.memberships.iter().map(|m| (m.unit_slug.clone(), m.unit_name.clone())).collect(),
        services,
        rows,
        filter: f.clone(),
        truncated,
    })
}

pub async fn staff_view(
    db: &impl ConnectionTrait,
    user: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    template: Option<i32>,
    lang: Lang,
    at: DateTime<Utc>,
) -> Result<StaffTicket, AppError> {
    let events = ticket_event::Entity::find()
        .filter(ticket_event::Column::TicketId.eq(t.id))
        .order_by_asc(ticket_event::Column::Id)
        .all(db)
        .await?;
    let audits = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("ticket"))
        .filter(audit_log::Column::EntityId.eq(t.id.to_string()))
        .order_by_asc(audit_log::Column::Id)
        .all(db)
        .await?;
    let names = user_names(
        db,
        events
            .iter()
            .filter_map(|e| e.actor_user_id)
            .chain(audits.iter().filter_map(|a| a.actor_user_id))
            // The audit trail names who a report went to and from.
            .chain(audits.iter().flat_map(|a| {
                let d: serde_json::Value = serde_json::from_str(&a.detail).unwrap_or_default();
                d.get("assigned_to")
                    .and_then(|v| v.as_array().cloned())
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|v| v.as_i64().map(|id| id as i32))
            }))
            .chain(t.assigned_to)
            .chain(t.published_by),
    )
    .await?;
    let reporter_label = if t.anonymous { lang.t("Pelapor (anonim)", "Reporter (anonymous)") } else { lang.t("Pelapor", "Reporter") };
    // What the portal did by itself (routing, returning to the queue) was written down in
    // Indonesian when it happened; its audit entry of the same moment says it in the
    // reader's language.
    let system_body = |e: &ticket_event::Model| -> Option<String> {
        if e.actor_user_id.is_some() || !matches!(e.kind, EventKind::Assigned | EventKind::Returned) {
            return None;
        }
        audits
            .iter()
            .find(|a| a.at == e.at && matches!(a.action.as_str(), "ticket.route" | "ticket.return" | "ticket.release"))
            .map(|a| super::audit_text::describe(a, &names, &u.timezone, lang))
    };
    let timeline = events
        .iter()
        .map(|e| TimelineItem {
            at: timefmt::date_time(e.at, &u.timezone, lang),
            title: event_title(e, lang, true),
            body: system_body(e).unwrap_or_else(|| e.body.clone()),
            by: match e.actor_user_id {
                Some(id) => names.get(&id).cloned().unwrap_or_default(),
                None if e.kind.by_citizen() || e.kind == EventKind::Confirmed => {
                    reporter_label.to_string()
                }
                None => lang.t("Sistem", "System").to_string(),
            },
            from_citizen: e.actor_user_id.is_none() && matches!(e.kind, EventKind::Citizen | EventKind::Reopened | EventKind::Rated),
            internal: e.internal,
        })
        .collect();
    let audit = audits
        .iter()
        .map(|a| AuditRow {
            at: timefmt::date_time(a.at, &u.timezone, lang),
            who: super::audit_text::who(a, &names, reporter_label, lang),
            what: super::audit_text::describe(a, &names, &u.timezone, lang),
        })
        .collect();
    let templates: Vec<TemplateView> = response_template::Entity::find()
        .filter(response_template::Column::UnitId.eq(u.id))
        .order_by_asc(response_template::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|r| TemplateView { id: r.id, title: r.title, body: r.body })
        .collect();
    let prefill = template.and_then(|id| templates.iter().find(|t| t.id == id)).map(|t| t.body.clone()).unwrap_or_default();
    let other_units = unit::Entity::find()
        .filter(unit::Column::Id.ne(u.id))
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|o| (o.slug, o.name))
        .collect();
    let members = if user.can_manage(u.id) {
        let ids: Vec<i32> = unit_member::Entity::find()
            .filter(unit_member::Column::UnitId.eq(u.id))
            .all(db)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect();
        let mut list: Vec<(i32, String)> = user_names(db, ids).await?.into_iter().collect();
        list.sort_by(|a, b| a.1.cmp(&b.1));
        list
    } else {
        vec![]
    };
    let merged_into = t.merged_into;
    let status = t.status;
    let (public_subject, public_body) = publication_draft(t);
    Ok(StaffTicket {
        id: t.id,
        unit_id: u.id,
        unit_slug: u.slug.clone(),
        unit_name: u.name.clone(),
        kind: Kind::parse(&t.kind).unwrap_or(Kind::Konsultasi),
        service: service_name(db, t.service_id).await?,
        subject: t.subject.clone(),
        body: t.body.clone(),
        place: t.place.clone(),
        status,
        created: timefmt::date_time(t.created_at, &u.timezone, lang),
        deadlines: {
            let s = match t.service_id {
                Some(id) => service::Entity::find_by_id(id).one(db).await?,
                None => None,
            };
            deadline_views(&deadlines::of_ticket(t, s.as_ref(), &clock_of(db, u).await?, at), u, lang)
        },
        anonymous: t.anonymous,
        confidential: t.confidential,
        reporter: if t.anonymous {
            None
        } else {
            Some(Reporter { name: t.reporter_name.clone(), email: t.reporter_email.clone(), phone: t.reporter_phone.clone() })
        },
        assignee: t.assigned_to.and_then(|id| names.get(&id).cloned()),
        assigned_to_me: t.assigned_to == Some(user.id),
        members,
        events: timeline,
        audit,
        attachments: attachments_of(db, t.id).await?,
        templates,
        prefill,
        other_units,
        targets: if t.merged_into.is_some() { vec![] } else { status.staff_targets() },
        register_excluded: t.register_excluded.clone(),
        in_register: in_register(t),
        may_publish: may_publish(t),
        published: t.published_at.map(|at| {
            let by = t.published_by.and_then(|id| names.get(&id).cloned()).unwrap_or_default();
            format!("{}, {by}", timefmt::date_time(at, &u.timezone, lang))
        }),
        public_subject,
        public_body,
        rating: t.rating,
        rating_comment: t.rating_comment.clone(),
        merged_into,
        flash: None,
    })
}

pub(crate) fn staff_only(t: &ticket::Model) -> Result<(), AppError> {
    if t.status == Status::AwaitingConfirmation {
        // Not confirmed yet: nothing may be done to it but wait.
        return Err(AppError::Conflict);
    }
    Ok(())
}

/// A staff decision on the status, inside the caller's transaction (see `lifecycle`).
pub(crate) async fn change_status(
    txn: &impl ConnectionTrait,
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Status,
    note: &str,
    reply: Option<(&str, &str)>,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<ticket::Model, AppError> {
    transition(txn, u, t, to, Cause::Staff { note, reply }, Actor::Staff(actor), env, at).await
}

/// How a public reply is signed: the unit, or the staff member's name by choice.
fn signature_of(actor: &CurrentUser, u: &unit::Model, with_name: bool) -> String {
    if with_name {
        format!("{} — {}", actor.name, u.name)
    } else {
        u.name.clone()
    }
}

pub struct ReplyInput<'a> {
    pub body: &'a str,
    pub internal: bool,
    pub sign_with_name: bool,
    pub then: Option<Status>,
}

/// A public reply (signed with the unit, or the staff member's name by choice) or an
/// internal note; optionally followed by a status change.
pub async fn reply(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    input: ReplyInput<'_>,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    staff_only(t)?;
    body_errors(input.body, "body")?;
    if t.status == Status::Closed && !input.internal {
        return Err(AppError::Conflict);
    }
    let txn = crate::ssr::begin_write(db).await?;
    let body = input.body.trim();
    if input.internal {
        record_event(&txn, t.id, EventKind::Note, Some(actor.id), true, body, None, None, None, at).await?;
        audit::record(&txn, Some(actor.id), "ticket.note", "ticket", t.id, json!({}), at).await?;
    } else {
        let signature = signature_of(actor, u, input.sign_with_name);
        record_event(&txn, t.id, EventKind::Reply, Some(actor.id), false, body, None, None, Some(signature.clone()), at).await?;
        audit::record(&txn, Some(actor.id), "ticket.reply", "ticket", t.id, json!({ "signed_with_name": input.sign_with_name }), at)
            .await?;
        // With a status change the one mail comes from it (answer, status, survey).
        if input.then.is_none() {
            mail_citizen(&txn, t, &u.name, env, Message::Reply { body, signature: &signature, status: None, survey: None }, at).await?;
        }
        // Reporters whose reports were merged into this one get the answer too.
        let merged = ticket::Entity::find().filter(ticket::Column::MergedInto.eq(t.id)).all(&txn).await?;
        for m in merged {
            mail_citizen(&txn, &m, &u.name, env, Message::Reply { body, signature: &signature, status: input.then, survey: None }, at).await?;
        }
        lifecycle::mark_progress(&txn, t.id, true, at).await?;
        if t.assigned_to.is_none() {
            ticket::Entity::update_many()
                .col_expr(ticket::Column::AssignedTo, Expr::value(actor.id))
                .col_expr(ticket::Column::AssignedHow, Expr::value("self"))
                .filter(ticket::Column::Id.eq(t.id))
                .filter(ticket::Column::AssignedTo.is_null())
                .exec(&txn)
                .await?;
        }
    }
    ticket::Entity::update_many()
        .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
        .filter(ticket::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    if let Some(to) = input.then {
        let reply = (!input.internal).then_some((body, signature_of(actor, u, input.sign_with_name)));
        let reply = reply.as_ref().map(|(b, s)| (*b, s.as_str()));
        change_status(&txn, actor, u, t, to, "", reply, env, at).await?;
    }
    txn.commit().await?;
    Ok(())
}

pub async fn set_status(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Status,
    note: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    errors.text("note", note, false, BODY_MAX);
    errors.into_result()?;
    let txn = crate::ssr::begin_write(db).await?;
    change_status(&txn, actor, u, t, to, note, None, env, at).await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a report (`to` = the actor), hands it to another member, or releases it (`None`).
/// A member takes a report nobody holds and releases their own; only managers hand reports
/// over or take them from a colleague. Finished and merged reports stay with whoever held
/// them, and a page that is out of date (the report changed hands meanwhile) is refused.
pub async fn assign(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    to: Option<i32>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let manager = actor.can_manage(u.id);
    let allowed = manager
        || match to {
            Some(id) if id == actor.id => t.assigned_to.is_none() || t.assigned_to == Some(actor.id),
            Some(_) => false,
            None => t.assigned_to == Some(actor.id),
        };
    if !allowed {
        // Taking or releasing a colleague's report (sent from a page that showed it free):
        // say who holds it and who can hand it over.
        return Err(match t.assigned_to {
            Some(holder) if to.is_none() || to == Some(actor.id) => held_by(db, holder).await?,
            _ => AppError::Forbidden,
        });
    }
    if let Some(id) = to {
        let member = unit_member::Entity::find()
            .filter(unit_member::Column::UnitId.eq(u.id))
            .filter(unit_member::Column::UserId.eq(id))
            .one(db)
            .await?;
        if member.is_none() {
            return Err(AppError::NotFound);
        }
    }
    if !t.status.is_open() || t.merged_into.is_some() {
        return Err(AppError::Conflict);
    }
    let txn = crate::ssr::begin_write(db).await?;
    let held = match t.assigned_to {
        Some(id) => ticket::Column::AssignedTo.eq(id),
        None => ticket::Column::AssignedTo.is_null(),
    };
    let r = ticket::Entity::update_many()
        .col_expr(ticket::Column::AssignedTo, Expr::value(to))
        .col_expr(
            ticket::Column::AssignedHow,
            Expr::value(to.map(|id| if id == actor.id { "self" } else { "hand" })),
        )
        .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
        .filter(ticket::Column::Id.eq(t.id))
        .filter(ticket::Column::UnitId.eq(u.id))
        .filter(ticket::Column::Status.is_in(Status::WORKING))
        .filter(ticket::Column::MergedInto.is_null())
        .filter(held)
        .exec(&txn)
        .await?;
    if r.rows_affected != 1 {
        let refusal = moved_hands(&txn, t, Actor::Staff(actor)).await;
        txn.rollback().await?;
        return Err(refusal);
    }
    record_event(&txn, t.id, EventKind::Assigned, Some(actor.id), true, "", None, None, None, at).await?;
    audit::record(
        &txn,
        Some(actor.id),
        "ticket.assign",
        "ticket",
        t.id,
        json!({ "assigned_to": [t.assigned_to, to], "reason": "by hand" }),
        at,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Hands back to the pool every open report `holder` holds (their account was switched
/// off), in the caller's transaction, and routes each again to whoever is on duty. The
/// history and the audit log say why. Returns how many went back.
pub async fn return_held(db: &impl ConnectionTrait, holder: i32, actor: i32, env: &Env<'_>, at: DateTime<Utc>) -> Result<usize, AppError> {
    let held = ticket::Entity::find()
        .filter(ticket::Column::AssignedTo.eq(holder))
        .filter(ticket::Column::Status.is_in(Status::WORKING))
        .all(db)
        .await?;
    for t in &held {
        ticket::Entity::update_many()
            .col_expr(ticket::Column::AssignedTo, Expr::value(Option::<i32>::None))
            .col_expr(ticket::Column::AssignedHow, Expr::value(Option::<String>::None))
            .col_expr(ticket::Column::UpdatedAt, Expr::value(at))
            .filter(ticket::Column::Id.eq(t.id))
            .exec(db)
            .await?;
        record_event(db, t.id, EventKind::Assigned, None, true, "Kembali ke antrean: akun petugas yang memegangnya dinonaktifkan", None, None, None, at).await?;
        audit::record(db, Some(actor), "ticket.release", "ticket", t.id, json!({ "assigned_to": [Some(holder), None::<i32>], "reason": "account_off" }), at).await?;
        let fresh = ticket::Entity::find_by_id(t.id).one(db).await?.ok_or(AppError::NotFound)?;
        crate::tickets::routing::route_now(db, &fresh, env, at).await?;
    }
    Ok(held.len())
}

/// The refusal for a member who takes or releases a report a colleague holds.
async fn held_by(db: &impl ConnectionTrait, holder: i32) -> Result<AppError, AppError> {
    let name = user::Entity::find_by_id(holder).one(db).await?.map(|u| u.name).unwrap_or_default();
    Ok(AppError::Moved {
        id: format!(
            "Laporan ini sedang dipegang oleh {name}. Hanya {name} yang dapat melepasnya, dan hanya pimpinan unit yang dapat menyerahkannya ke petugas lain."
        ),
        en: format!(
            "{name} holds this report. Only {name} can release it, and only a unit manager can hand it to someone else."
        ),
    })
}

/// The refusal for an assignment based on a page that is out of date.
pub(crate) async fn moved_hands(db: &impl ConnectionTrait, seen: &ticket::Model, actor: Actor<'_>) -> AppError {
    let now_stands = match ticket::Entity::find_by_id(seen.id).one(db).await {
        Ok(Some(t)) => t,
        Ok(None) => return AppError::NotFound,
        Err(e) => return e.into(),
    };
    if now_stands.status != seen.status || now_stands.merged_into.is_some() || now_stands.unit_id != seen.unit_id {
        return lifecycle::moved(db, seen, actor).await;
    }
    let holder = match now_stands.assigned_to {
        Some(id) => user::Entity::find_by_id(id).one(db).await.ok().flatten().map(|u| u.name),
        None => None,
    };
    match holder {
        Some(name) => AppError::Moved {
            id: format!("Laporan ini baru saja dipegang oleh {name}. Muat ulang halaman untuk melihat keadaannya sekarang."),
            en: format!("{name} took this report a moment ago. Reload the page to see where it stands now."),
        },
        None => AppError::Moved {
            id: "Laporan ini baru saja dilepas ke antrean unit. Muat ulang halaman untuk melihat keadaannya sekarang.".into(),
            en: "This report was released to the unit's queue a moment ago. Reload the page to see where it stands now.".into(),
        },
    }
}

/// "Bukan wewenang": the report moves to another unit, starts again there, and the citizen
/// is told why.
pub async fn forward(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    target_slug: &str,
    reason: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    errors.text("reason", reason, true, 1000);
    let target = unit::Entity::by_slug(db, target_slug).await?;
    match &target {
        None if target_slug.is_empty() => errors.add("target", Problem::Required),
        None => errors.add("target", Problem::Unknown),
        Some(x) if x.id == u.id => errors.add("target", Problem::Unknown),
        _ => {}
    }
    errors.into_result()?;
    let target = target.ok_or(AppError::Internal)?;
    let txn = crate::ssr::begin_write(db).await?;
    let cause = Cause::Forwarded { to: &target, reason };
    transition(&txn, u, t, Status::New, cause, Actor::Staff(actor), env, at).await?;
    txn.commit().await?;
    Ok(())
}

/// Merges a duplicate into another report of the same unit, named by its number (or by the
/// tracking code a citizen read out). The duplicate closes; both citizens are told; neither
/// learns the other's code.
pub async fn merge(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    u: &unit::Model,
    t: &ticket::Model,
    target_code: &str,
    env: &Env<'_>,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    staff_only(t)?;
    let mut errors = FieldErrors::default();
    let typed = target_code.trim().trim_start_matches('#').trim();
    let found = match (typed.parse::<i32>(), TrackingCode::parse(typed)) {
        (Ok(id), _) => ticket::Entity::find_by_id(id).one(db).await?,
        (_, Ok(c)) => find_by_code(db, &c).await?,
        _ => None,
    };
    let target = found.filter(|x| x.unit_id == u.id && x.id != t.id && x.merged_into.is_none());
    if target_code.trim().is_empty() {
        errors.add("target", Problem::Required);
    } else if target.is_none() {
        errors.add("target", Problem::UnknownReport);
    }
    errors.into_result()?;
    let target = target.ok_or(AppError::Internal)?;
    let txn = crate::ssr::begin_write(db).await?;
    transition(&txn, u, t, Status::Closed, Cause::Merged { into: &target }, Actor::Staff(actor), env, at).await?;
    txn.commit().await?;
    Ok(())
}

/// Keeps a report out of the public register (or lets it back in with an empty reason).
pub async fn exclude_from_register(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: &CurrentUser,
    t: &ticket::Model,
    reason: &str,
    exclude: bool,
    at: DateTime<Utc>,
) -> Result<(), AppError> {
    if exclude {
        let mut errors = FieldErrors::default();
        errors.text("reason", reason, true, 500);
        errors.into_result()?;
    }
    let txn = crate::ssr::begin_write(db).await?;
    let value = if exclude { Some(reason.trim().to_string()) } else { None };
    ticket::Entity::update_many()
        .col_expr(ticket::Column::RegisterExcluded, Expr::value(value.clone()))
        .filter(ticket::Column::Id.eq(t.id))
        .exec(&txn)
        .await?;
    record_event(&txn, t.id, EventKind::Excluded, Some(actor.id), true, value.as_deref().unwrap_or("-"), None, None, None, at).await?;
    audit::record(
        &txn,
        Some(actor.id),
        "ticket.register",
        "ticket",
        t.id,
        json!({ "excluded": [t.register_excluded.is_some(), exclude] }),
        at,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
