//! The staff side: the unit inbox with its filters, a report with its whole history and
//! every action, the unit's response templates, and the admins' list of failed mail.
use super::api::*;
use super::views::*;
use super::{field_label, Kind, Status};
use crate::auth::RequireUser;
use crate::forms::{current_error, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::auth::UserResource;
use crate::ui::{Choice, Loaded, TableHead, Title};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/petugas`: the units one works for.
#[component]
pub fn StaffHome() -> impl IntoView {
    let lang = use_lang();
    let user = expect_context::<UserResource>().0;
    view! {
        <Title text=lang.t("Kotak masuk petugas", "Staff inbox")/>
        <div class="container narrow">
            <RequireUser>
                <h1>{lang.t("Kotak masuk petugas", "Staff inbox")}</h1>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let units = user.await.ok().flatten().map(|u| u.memberships).unwrap_or_default();
                        if units.is_empty() {
                            view! { <p>{lang.t("Anda belum menjadi anggota unit mana pun.", "You are not a member of any unit yet.")}</p> }.into_any()
                        } else if let [only] = units.as_slice() {
                            // One unit: its inbox is the staff member's page.
                            view! { <leptos_router::components::Redirect path=format!("/petugas/{}", only.unit_slug)/> }.into_any()
                        } else {
                            view! {
                                {units.into_iter().map(|m| view! {
                                    <p><a class="button button-secondary" href=format!("/petugas/{}", m.unit_slug)>{m.unit_name.clone()}</a></p>
                                }).collect_view()}
                                <p><a href="/jadwal-saya">{lang.t("Jadwal saya minggu ini dan minggu depan", "My schedule this week and next")}</a>" · "<a href="/kinerja-saya">{lang.t("Kinerja saya", "My figures")}</a></p>
                            }.into_any()
                        }
                    })}
                </Suspense>
            </RequireUser>
        </div>
    }
}

fn filter_from_query(q: &leptos_router::params::ParamsMap) -> InboxFilter {
    InboxFilter {
        status: q.get("status").unwrap_or_default(),
        kind: q.get("jenis").unwrap_or_default(),
        service: q.get("layanan").unwrap_or_default(),
        who: q.get("siapa").unwrap_or_default(),
        overdue: q.get("terlambat").is_some(),
        q: q.get("q").unwrap_or_default(),
    }
}

/// `/petugas/:unit`: the unit's reports.
#[component]
pub fn InboxPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("unit").unwrap_or_default()), query.with(filter_from_query)),
        |(unit, filter)| get_inbox(unit, filter),
    );
    let forwarded = move || query.with(|q| q.get("diteruskan").is_some());
    view! {
        <Title text=lang.t("Kotak masuk", "Inbox")/>
        <div class="container">
            <RequireUser>
                {move || forwarded().then(|| view! {
                    <div class="notice notice-ok" role="status"><p>{lang.t("Laporan diteruskan ke unit lain.", "The report was forwarded to another unit.")}</p></div>
                })}
                <Loaded data=data page=move |d| view! { <Inbox d/> }.into_any()/>
            </RequireUser>
        </div>
    }
}

#[component]
fn Inbox(d: InboxData) -> impl IntoView {
    let lang = use_lang();
    let f = d.filter.clone();
    let status_options = Status::ALL
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=f.status == s.code()>{s.label(lang)}</option> })
        .collect_view();
    let kind_options = Kind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=f.kind == k.code()>{k.label(lang)}</option> })
        .collect_view();
    let service_options = d
        .services
        .iter()
        .map(|(id, name)| view! { <option value=id.to_string() selected=f.service == id.to_string()>{name.clone()}</option> })
        .collect_view();
    let count = d.rows.len();
    let rows = d
        .rows
        .iter()
        .map(|r| {
            let href = format!("/petugas/{}/tiket/{}", d.unit_slug, r.id);
            view! {
                <tr class:row-overdue=r.overdue>
                    <td data-label=lang.t("Laporan", "Report")>
                        <a href=href>{r.subject.clone()}</a>
                        <br/><span class="code-small">{super::report_number(r.id)}</span>
                    </td>
                    <td data-label=lang.t("Jenis", "Type")>{r.kind.label(lang)}</td>
                    <td data-label=lang.t("Layanan", "Service")>{r.service.clone().unwrap_or_else(|| "—".into())}</td>
                    <td data-label=lang.t("Status", "Status")>{r.status.label(lang)}</td>
                    <td data-label=lang.t("Batas tanggapan", "Response due")>
                        {r.due.clone().unwrap_or_else(|| "—".into())}
                        {r.overdue.then(|| view! { " " <span class="tag tag-warn">{lang.t("Terlambat", "Overdue")}</span> })}
                    </td>
                    <td data-label=lang.t("Petugas", "Handled by")>{r.assignee.clone().unwrap_or_else(|| lang.t("Belum ada", "Nobody yet").into())}</td>
                    <td data-label=lang.t("Pelapor", "Reporter")>{r.reporter.clone()}</td>
                    <td data-label=lang.t("Masuk", "Received")>{r.created.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let other_units = d
        .my_units
        .iter()
        .filter(|(slug, _)| *slug != d.unit_slug)
        .map(|(slug, name)| view! { <li><a href=format!("/petugas/{slug}")>{name.clone()}</a></li> })
        .collect_view();
    let unit_path = format!("/petugas/{}", d.unit_slug);
    view! {
        <p class="caption">{lang.t("Kotak masuk", "Inbox")}</p>
        <h1>{d.unit_name.clone()}</h1>
        <ul class="inline-links">
            {other_units}
            <li><a href=format!("{unit_path}/templat")>{lang.t("Templat tanggapan", "Response templates")}</a></li>
            {d.can_export.then(|| view! { <li><a href=format!("{unit_path}/ekspor.csv") rel="external" download="">{lang.t("Unduh CSV", "Download CSV")}</a></li> })}
        </ul>
        <form method="get" action=unit_path.clone() class="filter-form" role="search" aria-label=lang.t("Saring laporan", "Filter reports")>
            <div class="field">
                <label for="f-status">{lang.t("Status", "Status")}</label>
                <select id="f-status" name="status">
                    <option value="">{lang.t("Perlu ditangani", "Needs work")}</option>
                    <option value="semua" selected=f.status == "semua">{lang.t("Semua", "All")}</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="f-jenis">{lang.t("Jenis", "Type")}</label>
                <select id="f-jenis" name="jenis">
                    <option value="">{lang.t("Semua jenis", "All types")}</option>
                    {kind_options}
                </select>
            </div>
            <div class="field">
                <label for="f-layanan">{lang.t("Layanan", "Service")}</label>
                <select id="f-layanan" name="layanan">
                    <option value="">{lang.t("Semua layanan", "All services")}</option>
                    {service_options}
                </select>
            </div>
            <div class="field">
                <label for="f-siapa">{lang.t("Penanganan", "Handled by")}</label>
                <select id="f-siapa" name="siapa">
                    <option value="">{lang.t("Siapa saja", "Anyone")}</option>
                    <option value="saya" selected=f.who == "saya">{lang.t("Ditugaskan ke saya", "Assigned to me")}</option>
                    <option value="kosong" selected=f.who == "kosong">{lang.t("Belum ditugaskan", "Unassigned")}</option>
                </select>
            </div>
            <div class="field">
                <label for="f-q">{lang.t("Kode atau kata", "Code or words")}</label>
                <input id="f-q" name="q" type="search" value=f.q.clone()/>
            </div>
            <Choice id="f-terlambat" name="terlambat" value="1" checked=f.overdue label=lang.t("Hanya yang terlambat", "Overdue only")/>
            <button type="submit" class="button button-secondary">{lang.t("Terapkan", "Apply")}</button>
        </form>
        <p role="status">{match lang {
            Lang::Id => format!("{count} laporan"),
            Lang::En => if count == 1 { "1 report".to_string() } else { format!("{count} reports") },
        }}{d.truncated.then(|| lang.t(" (200 pertama; persempit saringan)", " (the first 200; narrow the filter)"))}</p>
        {(count > 0).then(|| view! {
            <table class="stack-table">
                <caption class="visually-hidden">{lang.t("Laporan", "Reports")}</caption>
                <TableHead lang columns=&[("Laporan", "Report"), ("Jenis", "Type"), ("Layanan", "Service"), ("Status", "Status"), ("Batas tanggapan", "Response due"), ("Petugas", "Handled by"), ("Pelapor", "Reporter"), ("Masuk", "Received")]/>
                <tbody>{rows}</tbody>
            </table>
        })}
    }
}

/// `/petugas/:unit/tiket/:id`: one report with everything staff can do to it.
#[component]
pub fn StaffTicketPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("unit").unwrap_or_default()),
                params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or(0)),
                query.with(|q| q.get("templat").and_then(|t| t.parse::<i32>().ok())),
            )
        },
        |(unit, id, template)| get_staff_ticket(unit, id, template),
    );
    // The actions are plain form posts that come back to a fresh page (with or without
    // JavaScript): after each one the forms start empty, so a ticked "internal note" can
    // never carry over to the next reply.
    view! {
        <Title text=lang.t("Laporan", "Report")/>
        <div class="container">
            <RequireUser>
                <Loaded data=data page=move |t| view! { <StaffTicketView t/> }.into_any()/>
            </RequireUser>
        </div>
    }
}

fn flash_error(e: Option<crate::error::AppError>) -> Signal<Option<crate::error::AppError>> {
    Signal::derive(move || e.clone())
}

#[component]
fn StaffTicketView(t: StaffTicket) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let label = |lang: Lang, f: &str| field_label(lang, f);
    let flash = t.flash.clone();
    let state_for = |form: &str| FormState::from_flash(flash.clone(), form);
    let ok_key = query.with_untracked(|q| q.get("ok"));
    let ok = ok_key.as_deref().map(|k| match k {
        "balas" => lang.t("Tanggapan terkirim ke pelapor.", "The reply was sent to the reporter."),
        "catatan" => lang.t("Catatan internal disimpan.", "The internal note was saved."),
        "status" => lang.t("Status diubah.", "The status was changed."),
        "tugas" => lang.t("Penanganan diperbarui.", "The assignment was updated."),
        "gabung" => lang.t("Laporan digabung.", "The report was merged."),
        "register" => lang.t("Pilihan daftar publik disimpan.", "The public register choice was saved."),
        "terbit" => lang.t("Diterbitkan di daftar laporan publik.", "Published in the public register."),
        _ => lang.t("Disimpan.", "Saved."),
    });
    let events = t
        .events
        .iter()
        .map(|e| {
            view! {
                <li class="timeline-item" class:internal=e.internal class:from-citizen=e.from_citizen>
                    <p class="timeline-meta">
                        {e.internal.then(|| view! { <span class="tag tag-internal">{lang.t("Internal", "Internal")}</span>" " })}
                        <strong>{e.title.clone()}</strong>" · "{e.by.clone()}" · "<time>{e.at.clone()}</time>
                    </p>
                    {(!e.body.is_empty()).then(|| view! { <p class="timeline-body">{e.body.clone()}</p> })}
                </li>
            }
        })
        .collect_view();
    let audit = t
        .audit
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td data-label=lang.t("Waktu", "When")>{a.at.clone()}</td>
                    <td data-label=lang.t("Oleh", "Who")>{a.who.clone()}</td>
                    <td data-label=lang.t("Tindakan", "Action")>{a.what.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let files = t
        .attachments
        .iter()
        .enumerate()
        .map(|(i, f)| view! { <li><a href=f.href() rel="external">{f.label(lang, i + 1)}</a></li> })
        .collect_view();
    let ticket_path = format!("/petugas/{}/tiket/{}", t.unit_slug, t.id);
    let templates = t
        .templates
        .iter()
        .map(|tp| view! { <li><a href=format!("{ticket_path}?templat={}#balas", tp.id)>{tp.title.clone()}</a></li> })
        .collect_view();
    let has_templates = !t.templates.is_empty();
    let reply_state = state_for("reply");
    let reply_error = flash_error(reply_state.error.clone());
    let status_state = state_for("status");
    let status_error = flash_error(status_state.error.clone());
    let forward_state = state_for("forward");
    let forward_error = flash_error(forward_state.error.clone());
    let merge_state = state_for("merge");
    let merge_error = flash_error(merge_state.error.clone());
    let assign_state = state_for("assign");
    let assign_open = assign_state.error.is_some();
    let assign_error = flash_error(assign_state.error.clone());
    let register_state = state_for("register");
    let register_error = flash_error(register_state.error.clone());
    let open = !t.targets.is_empty();
    // Forwarding and merging are for reports still being handled.
    let can_move = t.status.is_open() && t.merged_into.is_none();
    let reply_invalid = has_error(&reply_error, "body");
    let then_options = t
        .targets
        .iter()
        .map(|s| view! { <option value=s.code()>{s.label(lang)}</option> })
        .collect_view();
    let status_options = t
        .targets
        .iter()
        .map(|s| view! { <option value=s.code() selected=status_state.value_or("status", "") == s.code()>{s.label(lang)}</option> })
        .collect_view();
    let unit_options = t
        .other_units
        .iter()
        .map(|(slug, name)| view! { <option value=slug.clone() selected=forward_state.value_or("target", "") == *slug>{name.clone()}</option> })
        .collect_view();
    let members = t.members.clone();
    let member_options = t
        .members
        .iter()
        .map(|(uid, name)| view! { <option value=uid.to_string()>{name.clone()}</option> })
        .collect_view();
    let body_value = reply_state.values.get("body").cloned().unwrap_or_else(|| t.prefill.clone());
    let (unit, id) = (StoredValue::new(t.unit_slug.clone()), t.id);
    // The result of an action is shown in the section where it was done; the address's
    // fragment brings the reader there.
    let reply_shown = t.status != Status::AwaitingConfirmation && t.status != Status::Closed;
    let ok_at = ok_key.as_deref().and_then(|k| result_shown_in(k, reply_shown, open));
    let notice_in = move |section: &str| ok.filter(|_| ok_at == Some(section));
    let done_here = |section: &str| ok_at == Some(section);
    let status_now = format!("{}{}", lang.t("Sekarang: ", "Now: "), t.status.label(lang));
    let holder_line = match (t.assigned_to_me, t.assignee.clone()) {
        (true, _) => lang.t("Anda yang menangani", "You are handling it").to_string(),
        (false, Some(h)) => match lang {
            Lang::Id => format!("Ditangani oleh {h}"),
            Lang::En => format!("{h} is handling it"),
        },
        (false, None) => lang.t("Belum ada yang menangani", "Nobody is handling it yet").to_string(),
    };
    let nobody_holds = !t.assigned_to_me && t.assignee.is_none();
    let to_publish = t.may_publish && t.published.is_none() && t.register_excluded.is_none();
    let register_line = match (&t.published, t.in_register) {
        (Some(_), true) => lang.t("Tampil di daftar publik", "In the public register"),
        _ if t.register_excluded.is_some() => lang.t("Dikecualikan", "Kept out"),
        _ if t.may_publish => lang.t("Menunggu diterbitkan", "Waiting to be published"),
        _ => lang.t("Tidak dapat tampil", "Cannot be shown"),
    };
    let audit_line = match lang {
        Lang::Id => format!("{} catatan", t.audit.len()),
        Lang::En => format!("{} entries", t.audit.len()),
    };
    view! {
        {ok.filter(|_| ok_at.is_none()).map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <p class="caption"><a href=format!("/petugas/{}", t.unit_slug)>{t.unit_name.clone()}</a>" · "{t.kind.label(lang)}{t.service.clone().map(|s| format!(" · {s}"))}</p>
        <h1>{t.subject.clone()}</h1>
        <dl class="meta-list">
            <div><dt>{field_label(lang, "number")}</dt><dd class="tracking-code-inline">{super::report_number(t.id)}</dd></div>
            <div><dt>{lang.t("Status", "Status")}</dt><dd><span class="tag">{t.status.label(lang)}</span></dd></div>
            <div><dt>{lang.t("Masuk", "Received")}</dt><dd>{t.created.clone()}</dd></div>
            <div><dt>{lang.t("Petugas", "Handled by")}</dt><dd>{t.assignee.clone().unwrap_or_else(|| lang.t("Belum ada", "Nobody yet").into())}</dd></div>
        </dl>
        <DeadlineList deadlines=t.deadlines.clone()/>
        <div class="reporter-box">
            <h2>{lang.t("Pelapor", "Reporter")}</h2>
            {match t.reporter.clone() {
                Some(r) => view! {
                    <p>{r.name}</p>
                    {r.email.map(|e| view! { <p>{e}</p> })}
                    {r.phone.map(|p| view! { <p>{p}</p> })}
                }.into_any(),
                None => view! {
                    <p><strong>{lang.t("Anonim", "Anonymous")}</strong>" — "{lang.t(
                        "pelapor memilih identitasnya tidak ditampilkan. Tanggapan tetap sampai kepadanya.",
                        "the reporter chose not to be identified. Replies still reach them.",
                    )}</p>
                }.into_any(),
            }}
            {t.confidential.then(|| view! { <p class="tag">{lang.t("Rahasia: tidak masuk daftar publik", "Confidential: not in the public register")}</p> })}
        </div>
        <h2>{lang.t("Isi laporan", "The report")}</h2>
        <p class="report-body">{t.body.clone()}</p>
        {(!t.place.is_empty()).then(|| view! { <p><strong>{field_label(lang, "place")}": "</strong>{t.place.clone()}</p> })}
        {(!t.attachments.is_empty()).then(|| view! { <h3>{field_label(lang, "attachments")}</h3><ul>{files}</ul> })}
        {t.rating.map(|r| view! { <p><strong>{lang.t("Penilaian pelapor: ", "Reporter's rating: ")}</strong>{format!("{r}/4")}{t.rating_comment.clone().map(|c| format!(" — {c}"))}</p> })}
        {t.merged_into.map(|n| {
            let href = format!("/petugas/{}/tiket/{n}", t.unit_slug);
            view! { <p class="notice">{lang.t("Digabung ke laporan ", "Merged into report ")}<a href=href>{super::report_number(n)}</a></p> }
        })}
        <h2>{lang.t("Riwayat", "History")}</h2>
        <ol class="timeline">{events}</ol>

        {reply_shown.then(|| view! {
            <section id="balas" class="action-primary" aria-labelledby="balas-title">
            <h2 id="balas-title">{lang.t("Tanggapi", "Respond")}</h2>
            {notice_in("balas").map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
            {has_templates.then(|| view! {
                <p class="hint">{lang.t("Pakai templat:", "Use a template:")}</p>
                <ul class="inline-links">{templates}</ul>
            })}
            <ErrorSummary error=reply_error label/>
            <form method="post" action=StaffReply::url()>
                <input type="hidden" name="unit" value=unit.get_value()/>
                <input type="hidden" name="id" value=id/>
                <div class="field" class:field-invalid=reply_invalid>
                    <label for="reply-body">{lang.t("Pesan", "Message")}</label>
                    <FieldMessage error=reply_error field="body" label=lang.t("Pesan", "Message").to_string()/>
                    <textarea id="reply-body" name="body" rows="6" aria-describedby="body-error"
                        aria-invalid=move || reply_invalid.get().to_string()>{body_value}</textarea>
                </div>
                <Choice id="internal" name="internal" label=lang.t("Catatan internal", "Internal note")
                    hint=lang.t("Hanya untuk petugas; tidak pernah terlihat atau dikirim ke pelapor.", "For staff only; never shown or sent to the reporter.")/>
                <Choice id="sign" name="sign" label=lang.t("Tandatangani dengan nama saya", "Sign with my name")
                    hint=lang.t("Tanpa centang, tanggapan ditandatangani atas nama unit.", "Unticked, the reply is signed with the unit's name.")/>
                {open.then(|| view! {
                    <div class="field">
                        <label for="then">{lang.t("Lalu ubah status (tidak wajib)", "Then change the status (optional)")}</label>
                        <select id="then" name="then">
                            <option value="">{lang.t("— Tetap —", "— Keep —")}</option>
                            {then_options}
                        </select>
                    </div>
                })}
                <button type="submit" class="button">{lang.t("Kirim", "Send")}</button>
            </form>
            </section>
        })}

        {open.then(|| view! {
            <ActionSection id="status" title=lang.t("Ubah status", "Change the status") state=status_now.clone()
                open=status_state.error.is_some() || done_here("status") notice=notice_in("status")>
            <ErrorSummary error=status_error label/>
            <form method="post" action=StaffStatus::url()>
                <input type="hidden" name="unit" value=unit.get_value()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="status-select">{lang.t("Status baru", "New status")}</label>
                    <FieldMessage error=status_error field="status" label=field_label(lang, "status")/>
                    <select id="status-select" name="status">{status_options}</select>
                </div>
                <div class="field">
                    <label for="status-note">{lang.t("Keterangan untuk pelapor (tidak wajib)", "Note for the reporter (optional)")}</label>
                    <textarea id="status-note" name="note" rows="3">{status_state.value_or("note", "")}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{lang.t("Ubah status", "Change status")}</button>
            </form>
            </ActionSection>

            <ActionSection id="tugas" title=lang.t("Penanganan", "Assignment") state=holder_line.clone()
                open=assign_open || nobody_holds || done_here("tugas") notice=notice_in("tugas")>
            <ErrorSummary error=assign_error label/>
            // A member takes a report nobody holds and releases their own; a colleague's report
            // moves only when a manager hands it over (the form below, for managers).
            {match (t.assigned_to_me, t.assignee.clone()) {
                (true, _) => view! {
                    <form method="post" action=StaffAssign::url()>
                        <input type="hidden" name="unit" value=unit.get_value()/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="to" value="lepas"/>
                        <button type="submit" class="button button-secondary">{lang.t("Lepaskan dari saya", "Release it")}</button>
                    </form>
                }.into_any(),
                (false, None) => view! {
                    <form method="post" action=StaffAssign::url()>
                        <input type="hidden" name="unit" value=unit.get_value()/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="to" value="saya"/>
                        <button type="submit" class="button button-secondary">{lang.t("Tangani sendiri", "Take it")}</button>
                    </form>
                }.into_any(),
                (false, Some(holder)) => view! {
                    <p>{match lang {
                        Lang::Id => format!("Sedang ditangani oleh {holder}."),
                        Lang::En => format!("{holder} is handling it."),
                    }}{members.is_empty().then(|| lang.t(
                        " Hanya pimpinan unit yang dapat memindahkannya ke petugas lain.",
                        " Only the unit's managers can hand it to someone else.",
                    ))}</p>
                }.into_any(),
            }}
            {(!members.is_empty()).then(|| view! {
                <form method="post" action=StaffAssign::url()>
                    <input type="hidden" name="unit" value=unit.get_value()/>
                    <input type="hidden" name="id" value=id/>
                    <div class="field">
                        <label for="assign-to">{lang.t("Tugaskan ke", "Hand it to")}</label>
                        <select id="assign-to" name="to">{member_options}</select>
                    </div>
                    <button type="submit" class="button button-secondary">{lang.t("Tugaskan", "Assign")}</button>
                </form>
            })}
            </ActionSection>

            {can_move.then(|| view! {
            <ActionSection id="teruskan" title=lang.t("Bukan wewenang: teruskan", "Not our authority: forward")
                open=forward_state.error.is_some() notice=None>
            <ErrorSummary error=forward_error label/>
            <form method="post" action=StaffForward::url()>
                <input type="hidden" name="unit" value=unit.get_value()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="target">{lang.t("Unit tujuan", "Target unit")}</label>
                    <FieldMessage error=forward_error field="target" label=lang.t("Unit tujuan", "Target unit").to_string()/>
                    <select id="target" name="target">
                        <option value="">{lang.t("— Pilih —", "— Choose —")}</option>
                        {unit_options}
                    </select>
                </div>
                <div class="field">
                    <label for="forward-reason">{lang.t("Alasan (dikirim ke pelapor)", "Reason (sent to the reporter)")}</label>
                    <FieldMessage error=forward_error field="reason" label=field_label(lang, "reason")/>
                    <textarea id="forward-reason" name="reason" rows="3">{forward_state.value_or("reason", "")}</textarea>
                </div>
                <button type="submit" class="button button-secondary">{lang.t("Teruskan", "Forward")}</button>
            </form>
            </ActionSection>

            <ActionSection id="gabung" title=lang.t("Gabungkan laporan ganda", "Merge a duplicate")
                open=merge_state.error.is_some() notice=None>
            <ErrorSummary error=merge_error label/>
            <form method="post" action=StaffMerge::url()>
                <input type="hidden" name="unit" value=unit.get_value()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="merge-target">{lang.t("Nomor laporan utama", "Number of the main report")}</label>
                    <p class="hint" id="merge-hint">{lang.t(
                        "Nomor seperti #123 dari kotak masuk (atau kode pelacakan yang dibacakan pelapor). Laporan ini ditutup dan digabung ke laporan utama. Kedua pelapor diberi tahu; tidak ada yang melihat kode laporan lainnya.",
                        "A number like #123 from the inbox (or the tracking code a reporter read out). This report closes and joins the main one. Both reporters are told; neither sees the other's code.",
                    )}</p>
                    <FieldMessage error=merge_error field="target" label=field_label(lang, "target")/>
                    <input id="merge-target" name="target" type="text" class="input-code" autocomplete="off"
                        value=merge_state.value_or("target", "") aria-describedby="merge-hint target-error"/>
                </div>
                <button type="submit" class="button button-secondary">{lang.t("Gabungkan", "Merge")}</button>
            </form>
            </ActionSection>
            })}
        })}

        <ActionSection id="register" title=lang.t("Daftar laporan publik", "Public register") state=register_line.to_string()
            open=register_state.error.is_some() || to_publish || done_here("register") notice=notice_in("register")>
        <p>{match (&t.published, t.in_register) {
            (Some(when), true) => match lang {
                Lang::Id => format!("Tampil di daftar publik dan Open311 sejak {when}, dengan teks di bawah."),
                Lang::En => format!("In the public register and Open311 since {when}, with the text below."),
            },
            _ if t.register_excluded.is_some() => lang.t("Dikecualikan dari daftar publik oleh petugas.", "Kept out of the public register by staff.").into(),
            _ if t.may_publish => lang.t(
                "Belum tampil di daftar publik. Periksa teks yang disamarkan di bawah, samarkan juga nama orang lain, alamat atau hal lain yang dapat mengenali seseorang, lalu terbitkan.",
                "Not in the public register yet. Read the masked text below, also mask other people's names, addresses or anything else that could identify someone, then publish.",
            ).into(),
            _ => lang.t(
                "Tidak dapat tampil di daftar publik: belum dijawab, Rahasia, Anonim, atau digabung.",
                "Cannot be in the public register: not answered yet, Confidential, Anonymous or merged.",
            ).into(),
        }}</p>
        <ErrorSummary error=register_error label/>
        {(t.may_publish && t.register_excluded.is_none()).then(|| {
            let subject_invalid = has_error(&register_error, "public_subject");
            let body_invalid = has_error(&register_error, "public_body");
            view! {
                <form method="post" action=StaffPublish::url()>
                    <input type="hidden" name="unit" value=unit.get_value()/>
                    <input type="hidden" name="id" value=id/>
                    <div class="field" class:field-invalid=subject_invalid>
                        <label for="public_subject">{field_label(lang, "public_subject")}</label>
                        <FieldMessage error=register_error field="public_subject" label=field_label(lang, "public_subject")/>
                        <input id="public_subject" name="public_subject" type="text" aria-invalid=move || subject_invalid.get().to_string()
                            value=register_state.value_or("public_subject", &t.public_subject)/>
                    </div>
                    <div class="field" class:field-invalid=body_invalid>
                        <label for="public_body">{field_label(lang, "public_body")}</label>
                        <p class="hint" id="public_body-hint">{lang.t(
                            "Nama pelapor, email, nomor telepon, NIK dan nomor panjang lain sudah diganti [disamarkan]. Jawaban petugas tampil di bawahnya, juga disamarkan.",
                            "The reporter's name, e-mail, phone, NIK and other long numbers are already replaced by [disamarkan]. Staff answers show below it, masked too.",
                        )}</p>
                        <FieldMessage error=register_error field="public_body" label=field_label(lang, "public_body")/>
                        <textarea id="public_body" name="public_body" rows="6" aria-describedby="public_body-hint"
                            aria-invalid=move || body_invalid.get().to_string()>{register_state.value_or("public_body", &t.public_body)}</textarea>
                    </div>
                    <button type="submit" class="button">{if t.published.is_some() {
                        lang.t("Simpan teks yang diterbitkan", "Save the published text")
                    } else {
                        lang.t("Terbitkan di daftar publik", "Publish in the register")
                    }}</button>
                </form>
            }
        })}
        <form method="post" action=StaffRegister::url()>
            <input type="hidden" name="unit" value=unit.get_value()/>
            <input type="hidden" name="id" value=id/>
            {if t.register_excluded.is_some() {
                view! {
                    <input type="hidden" name="reason" value=""/>
                    <input type="hidden" name="exclude" value="tidak"/>
                    <button type="submit" class="button button-secondary">{lang.t("Izinkan lagi di daftar publik", "Allow in the register again")}</button>
                }.into_any()
            } else {
                view! {
                    <input type="hidden" name="exclude" value="ya"/>
                    <div class="field">
                        <label for="register-reason">{lang.t("Alasan mengecualikan", "Reason to keep it out")}</label>
                        <FieldMessage error=register_error field="reason" label=field_label(lang, "reason")/>
                        <input id="register-reason" name="reason" type="text" value=register_state.value_or("reason", "")/>
                    </div>
                    <button type="submit" class="button button-secondary">{lang.t("Kecualikan dari daftar publik", "Keep out of the register")}</button>
                }.into_any()
            }}
        </form>
        </ActionSection>

        <ActionSection id="audit" title=lang.t("Jejak audit", "Audit log") state=audit_line open=false notice=None>
        <table class="stack-table">
            <caption class="visually-hidden">{lang.t("Jejak audit", "Audit log")}</caption>
            <TableHead lang columns=&[("Waktu", "When"), ("Oleh", "Who"), ("Tindakan", "Action")]/>
            <tbody>{audit}</tbody>
        </table>
        </ActionSection>
    }
}

/// The section of a report's page that shows the result of action `done` (the `ok` of
/// the address); None for a merge, whose result is the notice at the top.
pub(crate) fn section_of_result(done: &str) -> Option<&'static str> {
    match done {
        "balas" | "catatan" => Some("balas"),
        "status" => Some("status"),
        "tugas" => Some("tugas"),
        "register" | "terbit" => Some("register"),
        _ => None,
    }
}

/// Where the page shows the result of action `done`: its section when the page still has
/// it (a closed report has no reply or status section), else the top.
fn result_shown_in(done: &str, reply_shown: bool, actions_shown: bool) -> Option<&'static str> {
    section_of_result(done).filter(|s| match *s {
        "balas" => reply_shown,
        "status" | "tugas" => actions_shown,
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_result_shows_where_it_was_done_or_at_the_top_when_that_section_is_gone() {
        use super::result_shown_in as at;
        assert_eq!(at("status", true, true), Some("status"));
        assert_eq!(at("catatan", true, true), Some("balas"));
        assert_eq!(at("terbit", false, false), Some("register"));
        // Closing a report removes its reply and status sections: the result shows on top.
        assert_eq!(at("status", false, false), None);
        assert_eq!(at("balas", false, false), None);
        assert_eq!(at("gabung", true, true), None);
    }
}

/// One staff action folded under its heading, with a line saying where things stand. It
/// is open when it holds an error, the result of what was just done, or work waiting;
/// otherwise the page shows one open form (the reply) and a list of the others.
#[component]
fn ActionSection(
    id: &'static str,
    #[prop(into)] title: String,
    #[prop(optional, into)] state: String,
    open: bool,
    notice: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    view! {
        <details class="action-section" id=id open=open>
            <summary>
                <h2 id=title_id>{title}</h2>
                {(!state.is_empty()).then(|| view! { <span class="action-state">{state}</span> })}
            </summary>
            <div class="action-body">
                {notice.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
                {children()}
            </div>
        </details>
    }
}

/// `/petugas/:unit/templat`: the unit's response templates.
#[component]
pub fn TemplatesPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let add = ServerAction::<AddTemplate>::new();
    let remove = ServerAction::<RemoveTemplate>::new();
    let data = Resource::new(
        move || (params.with(|p| p.get("unit").unwrap_or_default()), add.version().get(), remove.version().get()),
        |(u, ..)| get_templates(u),
    );
    let label = |lang: Lang, f: &str| field_label(lang, f);
    view! {
        <Title text=lang.t("Templat tanggapan", "Response templates")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data=data page=move |d| {
                        let state = FormState::from_flash(d.flash.clone(), "template");
                        let error = current_error(add.value(), state.error.clone());
                        let slug = StoredValue::new(d.unit_slug.clone());
                        let list = d.templates.clone().into_iter().map(|tp| view! {
                            <li class="template-item">
                                <h3>{tp.title.clone()}</h3>
                                <p class="report-body">{tp.body.clone()}</p>
                                <ActionForm action=remove>
                                    <input type="hidden" name="unit" value=slug.get_value()/>
                                    <input type="hidden" name="id" value=tp.id/>
                                    <button type="submit" class="button button-secondary">
                                        {lang.t("Hapus", "Delete")}<span class="visually-hidden">{format!(" {}", tp.title)}</span>
                                    </button>
                                </ActionForm>
                            </li>
                        }).collect_view();
                        view! {
                            <p class="caption"><a href=format!("/petugas/{}", d.unit_slug)>{d.unit_name.clone()}</a></p>
                            <h1>{lang.t("Templat tanggapan", "Response templates")}</h1>
                            <ul class="plain-list">{list}</ul>
                            <h2>{lang.t("Templat baru", "New template")}</h2>
                            <ErrorSummary error label/>
                            <ActionForm action=add>
                                <input type="hidden" name="unit" value=slug.get_value()/>
                                <div class="field">
                                    <label for="title">{field_label(lang, "title")}</label>
                                    <FieldMessage error field="title" label=field_label(lang, "title")/>
                                    <input id="title" name="title" type="text" value=state.value_or("title", "")/>
                                </div>
                                <div class="field">
                                    <label for="body">{lang.t("Isi", "Text")}</label>
                                    <FieldMessage error field="body" label=lang.t("Isi", "Text").to_string()/>
                                    <textarea id="body" name="body" rows="6">{state.value_or("body", "")}</textarea>
                                </div>
                                <button type="submit" class="button">{lang.t("Simpan templat", "Save the template")}</button>
                            </ActionForm>
                        }.into_any()
                    }/>
            </RequireUser>
        </div>
    }
}

/// `/admin/surat`: mail that could not be sent after every attempt.
#[component]
pub fn FailedMailPage() -> impl IntoView {
    let lang = use_lang();
    let retry = ServerAction::<RetryMail>::new();
    let data = Resource::new(move || retry.version().get(), |_| get_failed_mail());
    view! {
        <Title text=lang.t("Email gagal terkirim", "Mail that failed")/>
        <div class="container">
            <RequireUser>
                <Loaded data=data page=move |d| view! {
                    <h1>{lang.t("Email gagal terkirim", "Mail that failed")}</h1>
                    <p>{lang.t(
                        "Pesan yang tetap gagal setelah semua percobaan. Periksa alamat atau server SMTP, lalu kirim ulang.",
                        "Messages that still failed after every attempt. Check the address or the SMTP server, then send again.",
                    )}</p>
                    {match d {
                        list if list.is_empty() => view! { <p role="status">{lang.t("Tidak ada email yang gagal.", "No failed mail.")}</p> }.into_any(),
                        list => {
                            let rows = list.into_iter().map(|m| view! {
                                <tr>
                                    <td data-label=lang.t("Dibuat", "Created")>{m.created}</td>
                                    <td data-label=lang.t("Kepada", "To")>{m.to}</td>
                                    <td data-label=lang.t("Subjek", "Subject")>{m.subject}</td>
                                    <td data-label=lang.t("Percobaan", "Attempts")>{m.attempts}</td>
                                    <td data-label=lang.t("Galat terakhir", "Last error")><code>{m.last_error}</code></td>
                                    <td>
                                        <ActionForm action=retry>
                                            <input type="hidden" name="id" value=m.id/>
                                            <button type="submit" class="button button-secondary">{lang.t("Kirim ulang", "Send again")}</button>
                                        </ActionForm>
                                    </td>
                                </tr>
                            }).collect_view();
                            view! {
                                <table class="stack-table">
                                    <TableHead lang columns=&[("Dibuat", "Created"), ("Kepada", "To"), ("Subjek", "Subject"), ("Percobaan", "Attempts"), ("Galat terakhir", "Last error")] action=true/>
                                    <tbody>{rows}</tbody>
                                </table>
                            }.into_any()
                        }
                    }}
                }.into_any()/>
            </RequireUser>
        </div>
    }
}

/// `/kelola/unit/:id/laporan`: the manager's choices for the unit's reports.
#[component]
pub fn ReportSettingsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(
        move || params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or(0)),
        get_report_settings,
    );
    view! {
        <Title text=lang.t("Pengaturan laporan", "Report settings")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data=data page=move |d| view! {
                        <p class="caption">{d.unit_name.clone()}</p>
                        <h1>{lang.t("Pengaturan laporan", "Report settings")}</h1>
                        <form method="post" action=SaveReportSettings::url()>
                            <input type="hidden" name="unit_id" value=d.unit_id/>
                            <Choice id="gate" name="gate" checked=d.gate
                                label=lang.t("Konfirmasi email untuk laporan pertama", "E-mail confirmation for a first report")
                                hint=lang.t(
                                    "Laporan pertama dari sebuah alamat email menunggu sampai pelapor mengikuti tautan di email (berlaku 7 hari). Mencegah laporan atas nama orang lain dan laporan otomatis.",
                                    "The first report from an e-mail address waits until the reporter follows the link in the mail (valid 7 days). Stops reports in someone else's name and automated ones.",
                                )/>
                            <Choice id="phone_only" name="phone_only" checked=d.phone_only
                                label=lang.t("Boleh melapor hanya dengan nomor telepon", "Allow reports with a phone number only")
                                hint=lang.t(
                                    "Untuk warga tanpa email. Mereka mengikuti laporan dengan kode pelacakan; tidak ada email tanggapan.",
                                    "For citizens without e-mail. They follow the report with its tracking code; no reply e-mails.",
                                )/>
                            <button type="submit" class="button">{lang.t("Simpan", "Save")}</button>
                        </form>
                    }.into_any()/>
            </RequireUser>
        </div>
    }
}

/// The three deadlines of a report, each with its state in words (never colour alone).
#[component]
fn DeadlineList(deadlines: Vec<super::views::DeadlineView>) -> impl IntoView {
    let lang = use_lang();
    if deadlines.is_empty() {
        return ().into_any();
    }
    let rows = deadlines
        .into_iter()
        .map(|d| {
            let (class, state) = match d.state.as_str() {
                "met" => ("tag tag-done", lang.t("Tepat waktu", "On time")),
                "late" => ("tag tag-warn", lang.t("Terlambat dipenuhi", "Met late")),
                "overdue" => ("tag tag-warn", lang.t("Terlambat", "Overdue")),
                "paused" => ("tag", lang.t("Dijeda: menunggu pelapor", "Paused: waiting for the reporter")),
                _ => ("tag", lang.t("Berjalan", "Running")),
            };
            view! {
                <tr>
                    <th scope="row">{d.label}</th>
                    <td>{d.due}</td>
                    <td><span class=class>{state}</span>{d.done.map(|at| view! { " " <span class="hint-inline">{at}</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data deadlines">
            <caption>{lang.t("Tenggat (hari kerja unit)", "Deadlines (the unit's working days)")}</caption>
            <TableHead lang columns=&[("Tahap", "Step"), ("Batas", "Due"), ("Keadaan", "State")]/>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
