//! Appointment pages. Citizens: choose a service, a date (typed or picked) and a slot with
//! its places left, say who is coming, check the answers, and get a code with its QR code;
//! the booking's page moves or cancels it. Staff: the counter's day. Managers: rooms,
//! opening hours, booking rules and days closed. Every form is a real form that works
//! without JavaScript.
use super::api::*;
use super::*;
use crate::forms::{current_error, field_id, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::layout::{ErrorPage, Title};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub fn field_label(lang: Lang, field: &str) -> String {
    let s = match field {
        "slot" => lang.t("Jam kunjungan", "Time of visit"),
        "date" | "tanggal" => lang.t("Tanggal", "Date"),
        "name" => lang.t("Nama lengkap", "Full name"),
        "email" => lang.t("Alamat email", "E-mail address"),
        "phone" => lang.t("Nomor telepon atau WhatsApp", "Phone or WhatsApp number"),
        "code" => lang.t("Kode janji temu", "Appointment code"),
        "cancel" => lang.t("Pembatalan", "Cancellation"),
        "walkin_name" => lang.t("Nama pengunjung", "Visitor's name"),
        "walkin_slot" => lang.t("Jam", "Time"),
        "walkin_service" => lang.t("Layanan", "Service"),
        "closure_date" => lang.t("Tanggal tutup", "Date closed"),
        "closure_reason" => lang.t("Alasan", "Reason"),
        f => return settings_label(lang, f),
    };
    s.to_string()
}

fn settings_label(lang: Lang, field: &str) -> String {
    let key = field.strip_prefix("f[").and_then(|f| f.strip_suffix(']')).unwrap_or(field);
    if let Some(rest) = key.strip_prefix('h') {
        if let Some((w, part)) = rest.split_once('_') {
            if let Ok(w) = w.parse::<u32>() {
                let what = if part == "opens" { lang.t("jam buka", "opening time") } else { lang.t("jam tutup", "closing time") };
                return format!("{} {}", weekday_name(w, lang), what);
            }
        }
    }
    if key.starts_with('r') && key.contains('_') {
        let part = key.rsplit('_').next().unwrap_or("");
        let what = match part {
            "name" => lang.t("Nama ruang", "Room name"),
            "area" => lang.t("Luas ruang (m²)", "Floor area (m²)"),
            "m2" => lang.t("m² per pengunjung", "m² per visitor"),
            "max" => lang.t("Batas tetap pengunjung", "Fixed visitor limit"),
            _ => lang.t("Ruang", "Room"),
        };
        return what.to_string();
    }
    match key {
        "slot_minutes" => lang.t("Lama satu sesi (menit)", "Slot length (minutes)"),
        "ahead_days" => lang.t("Dapat dipesan sampai (hari ke depan)", "Bookable up to (days ahead)"),
        "notice_minutes" => lang.t("Paling lambat dipesan (menit sebelumnya)", "Least notice (minutes)"),
        "walkin_percent" => lang.t("Bagian untuk pengunjung tanpa janji (%)", "Share kept for walk-ins (%)"),
        "counter_source" => lang.t("Jumlah loket", "Counters"),
        "fixed_counters" => lang.t("Jumlah loket tetap", "Fixed number of counters"),
        "per_counter" => lang.t("Pengunjung per loket per sesi", "Visitors per counter per slot"),
        "grace_minutes" => lang.t("Batas keterlambatan (menit)", "Grace period (minutes)"),
        _ => lang.t("Isian", "Field"),
    }
    .to_string()
}

fn step(lang: Lang, n: u8) -> impl IntoView {
    view! { <p class="caption">{match lang { Lang::Id => format!("Langkah {n} dari 3"), Lang::En => format!("Step {n} of 3") }}</p> }
}

fn places_text(lang: Lang, free: i32) -> String {
    match (lang, free) {
        (Lang::Id, 0) => "penuh".into(),
        (Lang::En, 0) => "full".into(),
        (Lang::Id, n) => format!("{n} tempat tersisa"),
        (Lang::En, 1) => "1 place left".into(),
        (Lang::En, n) => format!("{n} places left"),
    }
}

/// `/janji`: choose the service.
#[component]
pub fn BookStartPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_bookable());
    view! {
        <Title text=lang.t("Buat janji temu", "Book a visit")/>
        <div class="container narrow">
            <h1>{lang.t("Buat janji temu di kantor layanan", "Book a visit to a service office")}</h1>
            <p class="lead">{lang.t(
                "Datang pada jam yang dipesan agar ruang tunggu tidak penuh dan jarak aman tetap terjaga. Tanpa perlu akun.",
                "Come at the time you booked, so the waiting room is never crowded and distancing is kept. No account needed.",
            )}</p>
            <p>{lang.t("Sudah punya janji temu? ", "Already booked? ")}<a href="/janji/cari">{lang.t("Cari dengan kodenya", "Find it by its code")}</a>.</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) => {
                            let mut units: Vec<(String, Vec<BookableService>)> = Vec::new();
                            for s in list {
                                match units.last_mut() {
                                    Some((name, v)) if *name == s.unit_name => v.push(s),
                                    _ => units.push((s.unit_name.clone(), vec![s])),
                                }
                            }
                            units.into_iter().map(|(name, services)| view! {
                                <h2>{name}</h2>
                                <ul class="link-list">
                                    {services.into_iter().map(|s| {
                                        if s.closed {
                                            view! { <li>{s.service_name}" — "<span class="hint">{lang.t("tidak menerima kunjungan", "takes no visits")}</span></li> }.into_any()
                                        } else {
                                            let href = format!("/janji/layanan/{}/{}", s.unit_slug, s.service_slug);
                                            view! { <li><a href=href>{s.service_name}</a></li> }.into_any()
                                        }
                                    }).collect_view()}
                                </ul>
                            }).collect_view().into_any()
                        }
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// The radio list of slots (those of a day, or the next free ones).
fn slot_radios(lang: Lang, zone: &str, slots: Vec<SlotOption>, chosen: Option<String>, with_day: bool, error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let invalid = has_error(&error, "slot");
    let zone = zone.to_string();
    view! {
        <fieldset class="field" class:field-invalid=invalid id="slot">
            <legend>{field_label(lang, "slot")}</legend>
            <FieldMessage error field="slot" label=field_label(lang, "slot")/>
            <div class="slot-list">
                {slots.into_iter().enumerate().map(|(i, s)| {
                    let id = format!("slot-{i}");
                    let full = s.free == 0;
                    let checked = chosen.as_deref() == Some(s.key.as_str()) && !full;
                    let when = if with_day { format!("{}, {}–{} {}", s.date_label, s.starts, s.ends, zone) } else { format!("{}–{} {}", s.starts, s.ends, zone) };
                    view! {
                        <div class="choice slot-choice" class:slot-full=full>
                            <input type="radio" name="slot" id=id.clone() value=s.key.clone() checked=checked disabled=full/>
                            <label for=id>{when}" "<span class="slot-free">{places_text(lang, s.free)}</span></label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// `/janji/layanan/:unit/:service?tanggal=…[&ubah=CODE]`: a date and a slot.
#[component]
pub fn SlotPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let choose = ServerAction::<ChooseSlot>::new();
    let mover = ServerAction::<MoveBooking>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| (p.get("unit").unwrap_or_default(), p.get("service").unwrap_or_default())),
                query.with(|q| (q.get("tanggal"), q.get("ubah"))),
                choose.version().get() + mover.version().get(),
            )
        },
        |((u, s), (d, m), _)| get_slot_page(u, s, d, m),
    );
    view! {
        <Title text=lang.t("Pilih tanggal dan jam", "Choose a date and time")/>
        <div class="container narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <SlotBody p choose mover/> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SlotBody(p: SlotPage, choose: ServerAction<ChooseSlot>, mover: ServerAction<MoveBooking>) -> impl IntoView {
    let lang = use_lang();
    let moving = p.moving.clone();
    let flash_error = p.error.clone();
    let error = if moving.is_some() { current_error(mover.value(), flash_error) } else { current_error(choose.value(), flash_error) };
    let base = format!("/janji/layanan/{}/{}", p.unit_slug, p.service_slug);
    let ubah = moving.clone().map(|c| format!("&ubah={c}")).unwrap_or_default();
    let days = p
        .days
        .iter()
        .map(|d| {
            let href = format!("{base}?tanggal={}{ubah}", d.date);
            let current = d.date == p.date;
            match (&d.closed, d.free) {
                (Some(reason), _) => view! { <li class="day day-closed"><span>{d.label.clone()}</span><span class="hint">{reason.clone()}</span></li> }.into_any(),
                (None, 0) => view! { <li class="day day-closed"><span>{d.label.clone()}</span><span class="hint">{lang.t("penuh / tidak ada jam", "full / no times")}</span></li> }.into_any(),
                (None, n) => view! {
                    <li class="day"><a href=href aria-current=current.then_some("date")>{d.label.clone()}</a>
                    <span class="hint">{match lang { Lang::Id => format!("{n} tempat"), Lang::En => format!("{n} places") }}</span></li>
                }.into_any(),
            }
        })
        .collect_view();
    let date_error = p.date_problem.clone().map(|pr| pr.message(lang, &field_label(lang, "date")));
    let has_slots = !p.slots.is_empty() && p.date_problem.is_none();
    let (radios, with_day, heading) = if has_slots {
        (p.slots.clone(), false, p.date_label.clone().unwrap_or_default())
    } else {
        (p.next_free.clone(), true, lang.t("Jam terdekat yang masih kosong", "The nearest free times").to_string())
    };
    let any_radio = !radios.is_empty();
    let zone = p.zone.clone();
    let chosen = p.chosen.clone();
    let hidden_date = p.date.clone();
    let form = (move || {
        if !any_radio {
            return view! { <p>{lang.t("Belum ada jam kosong dalam masa pemesanan. Coba lagi nanti, atau sampaikan keperluan Anda secara daring.", "There is no free time in the booking period. Try again later, or send your question online.")}" "<a href="/lapor">{lang.t("Sampaikan secara daring", "Ask online")}</a></p> }.into_any();
        }
        let radios = slot_radios(lang, &zone, radios.clone(), chosen.clone(), with_day, error);
        match moving.clone() {
            Some(code) => view! {
                <ActionForm action=mover attr:novalidate=true>
                    <input type="hidden" name="code" value=code/>
                    <input type="hidden" name="date" value=hidden_date.clone()/>
                    {radios}
                    <button type="submit" class="button">{lang.t("Pindahkan ke jam ini", "Move to this time")}</button>
                </ActionForm>
            }.into_any(),
            None => view! {
                <ActionForm action=choose attr:novalidate=true>
                    <input type="hidden" name="unit" value=p.unit_slug.clone()/>
                    <input type="hidden" name="service" value=p.service_slug.clone()/>
                    <input type="hidden" name="date" value=hidden_date.clone()/>
                    {radios}
                    <button type="submit" class="button">{lang.t("Lanjutkan", "Continue")}</button>
                </ActionForm>
            }.into_any(),
        }
    })();
    let hint = match lang {
        Lang::Id => format!("Ketik atau pilih tanggal, misalnya 2026-12-01. Dapat dipesan sampai {} hari ke depan, paling lambat {} menit sebelum jamnya.", p.ahead_days, p.notice_minutes),
        Lang::En => format!("Type or pick a date, like 2026-12-01. Bookable up to {} days ahead, at least {} minutes before the time.", p.ahead_days, p.notice_minutes),
    };
    view! {
        {p.moving.is_none().then(|| step(lang, 1))}
        <h1>{if p.moving.is_some() { lang.t("Pindahkan janji temu", "Move the appointment") } else { lang.t("Pilih tanggal dan jam kunjungan", "Choose the date and time of your visit") }}</h1>
        <dl class="meta-list">
            <div><dt>{lang.t("Layanan", "Service")}</dt><dd>{p.service_name.clone()}</dd></div>
            <div><dt>{lang.t("Kantor", "Office")}</dt><dd>{format!("{}, {}", p.unit_name, p.unit_address)}</dd></div>
        </dl>
        <ErrorSummary error label=field_label/>
        <form method="get" action=base.clone() class="date-form">
            {p.moving.clone().map(|c| view! { <input type="hidden" name="ubah" value=c/> })}
            <div class="field" class:field-invalid=date_error.is_some()>
                <label for="tanggal">{field_label(lang, "date")}</label>
                <p class="hint" id="tanggal-hint">{hint}</p>
                {date_error.clone().map(|m| view! { <p class="field-error" id="tanggal-error"><span class="visually-hidden">{lang.t("Kesalahan: ", "Error: ")}</span>{m}</p> })}
                <input id="tanggal" name="tanggal" type="date" value=p.date.clone() class="input-date"
                    aria-describedby="tanggal-hint tanggal-error" aria-invalid=date_error.is_some().to_string()/>
            </div>
            <button type="submit" class="button button-secondary">{lang.t("Tampilkan jam", "Show times")}</button>
        </form>
        <h2>{heading}</h2>
        {form}
        <details class="days">
            <summary>{lang.t("Semua tanggal dalam masa pemesanan", "Every date in the booking period")}</summary>
            <ul class="day-list">{days}</ul>
        </details>
    }
}

/// `/janji/data`: who is coming.
#[component]
pub fn VisitorPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveVisitor>::new();
    let data = Resource::new(|| (), |_| get_draft("visitor".into()));
    view! {
        <Title text=lang.t("Data pengunjung", "Who is coming")/>
        <div class="container narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(d)) => {
                            let error = current_error(action.value(), d.error.clone());
                            let field = move |name: &'static str, value: String, kind: &'static str, auto: &'static str, hint: Option<&'static str>| {
                                let invalid = has_error(&error, name);
                                let id = field_id(name);
                                let described = if hint.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-error") };
                                view! {
                                    <div class="field" class:field-invalid=invalid>
                                        <label for=id.clone()>{field_label(lang, name)}</label>
                                        {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
                                        <FieldMessage error field=name label=field_label(lang, name)/>
                                        <input id=id.clone() name=name type=kind value=value autocomplete=auto
                                            aria-invalid=move || invalid.get().to_string() aria-describedby=described/>
                                    </div>
                                }
                            };
                            let back = format!("/janji/layanan/{}/{}?tanggal={}", d.unit_slug, d.service_slug, d.slot.date);
                            view! {
                                {step(lang, 2)}
                                <h1>{lang.t("Siapa yang akan datang?", "Who is coming?")}</h1>
                                <p>{format!("{} — {}, {}–{} {}", d.service_name, d.slot.date_label, d.slot.starts, d.slot.ends, d.zone)}" "
                                   <a href=back>{lang.t("Ubah jam", "Change the time")}</a></p>
                                <ErrorSummary error label=field_label/>
                                <ActionForm action attr:novalidate=true>
                                    {field("name", d.visitor.name.clone(), "text", "name", None)}
                                    {field("email", d.visitor.email.clone(), "email", "email", Some(lang.t("Bukti janji temu, berkas kalender dan pengingat dikirim ke sini.", "The confirmation, a calendar file and the reminder are sent here.")))}
                                    {field("phone", d.visitor.phone.clone(), "tel", "tel", Some(lang.t("Untuk dihubungi bila jadwal berubah, misalnya 0812 3456 7890.", "To reach you if the time changes, like 0812 3456 7890.")))}
                                    <button type="submit" class="button">{lang.t("Lanjutkan", "Continue")}</button>
                                </ActionForm>
                            }.into_any()
                        }
                        Ok(None) => view! { <NoDraft/> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn NoDraft() -> impl IntoView {
    let lang = use_lang();
    view! {
        <h1>{lang.t("Belum ada janji temu yang sedang dibuat", "No appointment is being made")}</h1>
        <p>{lang.t("Mungkin sudah selesai dibuat, atau sesi Anda berakhir.", "It may already be made, or your session ended.")}</p>
        <p><a class="button" href="/janji">{lang.t("Buat janji temu", "Book a visit")}</a>" "
           <a class="button button-secondary" href="/janji/cari">{lang.t("Cari dengan kode", "Find by code")}</a></p>
    }
}

/// `/janji/periksa`: check your answers, then book.
#[component]
pub fn CheckBookingPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ConfirmBooking>::new();
    let data = Resource::new(move || action.version().get(), |_| get_draft("check".into()));
    view! {
        <Title text=lang.t("Periksa janji temu Anda", "Check your appointment")/>
        <div class="container narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(Some(d)) => {
                            let error = current_error(action.value(), d.error.clone());
                            let pending = action.pending();
                            let slot_link = format!("/janji/layanan/{}/{}?tanggal={}", d.unit_slug, d.service_slug, d.slot.date);
                            let rows = vec![
                                (lang.t("Layanan", "Service"), d.service_name.clone(), "/janji".to_string()),
                                (lang.t("Kantor", "Office"), format!("{}\n{}", d.unit_name, d.unit_address), "/janji".to_string()),
                                (lang.t("Waktu", "Time"), format!("{}, {}–{} {}", d.slot.date_label, d.slot.starts, d.slot.ends, d.zone), slot_link.clone()),
                                (lang.t("Nama", "Name"), d.visitor.name.clone(), "/janji/data".to_string()),
                                (lang.t("Email", "E-mail"), d.visitor.email.clone(), "/janji/data".to_string()),
                                (lang.t("Telepon", "Phone"), d.visitor.phone.clone(), "/janji/data".to_string()),
                            ];
                            let full = d.slot.free == 0;
                            let next = d.next_free.clone();
                            let zone = d.zone.clone();
                            view! {
                                {step(lang, 3)}
                                <h1>{lang.t("Periksa janji temu Anda", "Check your appointment")}</h1>
                                <ErrorSummary error label=field_label/>
                                {full.then(|| view! {
                                    <div class="notice notice-warn" role="status">
                                        <p><strong>{lang.t("Jam ini baru saja penuh.", "This time has just filled up.")}</strong>" "
                                        {lang.t("Pilih jam lain; data Anda tetap tersimpan.", "Choose another; what you typed is kept.")}</p>
                                        <ul>{next.iter().map(|o| view! { <li>{format!("{}, {}–{} {} — {}", o.date_label, o.starts, o.ends, zone, places_text(lang, o.free))}</li> }).collect_view()}</ul>
                                        <p><a class="button" href=slot_link.clone()>{lang.t("Pilih jam lain", "Choose another time")}</a></p>
                                    </div>
                                })}
                                <dl class="summary-list">
                                    {rows.into_iter().map(|(k, v, href)| view! {
                                        <div class="summary-row"><dt>{k}</dt><dd>{v}</dd>
                                        <dd class="summary-change"><a href=href>{lang.t("Ubah", "Change")}<span class="visually-hidden">{format!(" {k}")}</span></a></dd></div>
                                    }).collect_view()}
                                </dl>
                                <ActionForm action attr:novalidate=true>
                                    <input type="hidden" name="key" value=d.key.clone()/>
                                    <button type="submit" class="button" disabled=move || pending.get() || full>{lang.t("Buat janji temu", "Book the visit")}</button>
                                </ActionForm>
                            }.into_any()
                        }
                        Ok(None) => view! { <NoDraft/> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/janji/kode/:code`: the booking, its QR code, what to bring, its history; move or cancel.
#[component]
pub fn BookingPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let cancel = ServerAction::<CancelBooking>::new();
    let data = Resource::new(
        move || (params.with(|p| p.get("code").unwrap_or_default()), cancel.version().get()),
        |(c, _)| async move { (get_booking(c).await, get_booking_flash().await.ok().flatten()) },
    );
    view! {
        <Title text=lang.t("Janji temu Anda", "Your appointment")/>
        <div class="container narrow">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        (Ok(b), flash) => {
                            let state = FormState::from_flash(flash, "manage");
                            let error = current_error(cancel.value(), state.error);
                            let new = query.with(|q| q.get("baru").is_some());
                            let note = query.with(|q| {
                                if q.get("batal").is_some() { Some(lang.t("Janji temu dibatalkan. Email pemberitahuan dikirim.", "The appointment was cancelled. An e-mail was sent.")) }
                                else if q.get("pindah").is_some() { Some(lang.t("Jadwal dipindah. Email dengan jadwal baru dan berkas kalender dikirim.", "Moved. An e-mail with the new time and a calendar file was sent.")) }
                                else { None }
                            });
                            view! { <BookingBody b new note error cancel/> }.into_any()
                        }
                        (Err(crate::error::AppError::NotFound), _) => {
                            #[cfg(feature = "ssr")]
                            crate::ssr::set_status(404);
                            view! {
                                <h1>{lang.t("Janji temu tidak ditemukan", "Appointment not found")}</h1>
                                <p>{lang.t("Periksa kode janji temu Anda.", "Check your appointment code.")}</p>
                                <p><a class="button" href="/janji/cari">{lang.t("Ketik kode lagi", "Type the code again")}</a></p>
                            }.into_any()
                        }
                        (Err(e), _) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn BookingBody(
    b: BookingView,
    new: bool,
    note: Option<&'static str>,
    error: Signal<Option<crate::error::AppError>>,
    cancel: ServerAction<CancelBooking>,
) -> impl IntoView {
    let lang = use_lang();
    let when = format!("{}, {}–{} {}", b.date_label, b.starts, b.ends, b.zone);
    let compact: String = b.code.chars().filter(|c| *c != '-').collect();
    let move_link = format!("/janji/layanan/{}/{}?ubah={compact}", b.unit_slug, b.service_slug);
    let changeable = b.status.changeable();
    let displaced = b.status == Status::Displaced;
    let tag_class = match b.status {
        Status::Booked | Status::CheckedIn => "tag tag-done",
        Status::Served => "tag",
        _ => "tag tag-warn",
    };
    view! {
        {if new {
            view! {
                <div class="panel-confirm">
                    <h1>{lang.t("Janji temu tercatat", "Appointment booked")}</h1>
                    <p>{lang.t("Kode janji temu Anda", "Your appointment code")}</p>
                    <p class="tracking-code" id="booking-code">{b.code.clone()}</p>
                </div>
                <p>{match lang {
                    Lang::Id => format!("Bukti janji temu dan berkas kalender dikirim ke {}. Sehari sebelumnya kami kirim pengingat.", b.email_hint),
                    Lang::En => format!("A confirmation and a calendar file were sent to {}. We send a reminder the day before.", b.email_hint),
                }}</p>
            }.into_any()
        } else {
            view! {
                <h1>{lang.t("Janji temu Anda", "Your appointment")}</h1>
                <p class="tracking-code-inline" id="booking-code">{b.code.clone()}</p>
            }.into_any()
        }}
        {note.map(|n| view! { <div class="notice notice-ok" role="status"><p>{n}</p></div> })}
        <ErrorSummary error label=field_label/>
        {displaced.then(|| view! {
            <div class="notice notice-warn" role="status">
                <h2>{lang.t("Jam ini tidak dapat dilayani lagi", "This time can no longer be served")}</h2>
                <p>{lang.t(
                    "Kapasitas ruang layanan dikurangi (aturan jaga jarak atau jumlah petugas loket). Mohon maaf. Pilih jam baru; kode Anda tetap sama.",
                    "The service room's capacity was reduced (distancing rules or counter staff). We are sorry. Choose a new time; your code stays the same.",
                )}</p>
                <ul>{b.next_free.iter().map(|o| view! { <li>{format!("{}, {}–{} {} — {}", o.date_label, o.starts, o.ends, b.zone, places_text(lang, o.free))}</li> }).collect_view()}</ul>
                <p><a class="button" href=move_link.clone()>{lang.t("Pilih jam baru", "Choose a new time")}</a></p>
            </div>
        })}
        <dl class="summary-list">
            <div class="summary-row"><dt>{lang.t("Status", "Status")}</dt><dd><span class=tag_class>{b.status.label(lang)}</span></dd></div>
            <div class="summary-row"><dt>{lang.t("Waktu", "Time")}</dt><dd id="booking-when">{when}</dd></div>
            <div class="summary-row"><dt>{lang.t("Layanan", "Service")}</dt><dd>{b.service_name.clone()}</dd></div>
            <div class="summary-row"><dt>{lang.t("Kantor", "Office")}</dt><dd>{format!("{}\n{}", b.unit_name, b.unit_address)}</dd></div>
            <div class="summary-row"><dt>{lang.t("Atas nama", "Name")}</dt><dd>{b.name.clone()}</dd></div>
        </dl>
        {(b.status == Status::Booked).then(|| view! {
            <figure class="qr">
                <div class="qr-code" inner_html=b.qr_svg.clone() role="img" aria-label=lang.t("Kode QR janji temu", "The appointment's QR code")></div>
                <figcaption>{lang.t("Tunjukkan kode QR ini (atau kodenya) di loket. Datanglah tepat waktu, pakai masker, jaga jarak.", "Show this QR code (or the code) at the counter. Come on time, wear a mask, keep your distance.")}</figcaption>
            </figure>
        })}
        {(!b.requirements_html.trim().is_empty()).then(|| view! {
            <h2>{lang.t("Yang perlu dibawa", "What to bring")}</h2>
            <div class="prose" inner_html=b.requirements_html.clone()></div>
            <p><a href=format!("/layanan/{}/{}", b.unit_slug, b.service_slug)>{lang.t("Standar pelayanan lengkap", "The full service standard")}</a></p>
        })}
        {(changeable && !displaced).then(|| view! {
            <h2>{lang.t("Ubah atau batalkan", "Change or cancel")}</h2>
            <p><a class="button button-secondary" href=move_link.clone()>{lang.t("Pindahkan ke jam lain", "Move to another time")}</a></p>
        })}
        {changeable.then(|| view! {
            <ActionForm action=cancel>
                <input type="hidden" name="code" value=compact.clone()/>
                <p class="hint">{lang.t("Jika tidak jadi datang, batalkan agar tempatnya dapat dipakai orang lain.", "If you will not come, cancel so that others can use the place.")}</p>
                <button type="submit" class="button button-warning">{lang.t("Batalkan janji temu", "Cancel the appointment")}</button>
            </ActionForm>
        })}
        <h2>{lang.t("Riwayat", "History")}</h2>
        <ul class="timeline">
            {b.history.iter().map(|(at, what)| view! { <li class="timeline-item"><p class="timeline-meta">{at.clone()}</p><p class="timeline-body">{what.clone()}</p></li> }).collect_view()}
        </ul>
    }
}

/// `/janji/cari`: find a booking by its code.
#[component]
pub fn FindBookingPage() -> impl IntoView {
    let lang = use_lang();
    let flash = Resource::new(|| (), |_| get_find_flash());
    let action = ServerAction::<FindBooking>::new();
    view! {
        <Title text=lang.t("Cari janji temu", "Find an appointment")/>
        <div class="container narrow">
            <h1>{lang.t("Cari janji temu", "Find an appointment")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let state = FormState::from_flash(flash.await.ok().flatten(), "find");
                    let error = current_error(action.value(), state.error.clone());
                    let invalid = has_error(&error, "code");
                    view! {
                        <ErrorSummary error label=field_label/>
                        <ActionForm action attr:novalidate=true>
                            <div class="field" class:field-invalid=invalid>
                                <label for="code">{field_label(lang, "code")}</label>
                                <p class="hint" id="code-hint">{lang.t("Ada di email bukti janji temu, misalnya 7KQ2M-X9PRT-4HC0B.", "It is in the confirmation e-mail, like 7KQ2M-X9PRT-4HC0B.")}</p>
                                <FieldMessage error field="code" label=field_label(lang, "code")/>
                                <input id="code" name="code" type="text" class="input-code" autocomplete="off" spellcheck="false"
                                    autocapitalize="characters" value=state.value_or("code", "")
                                    aria-describedby="code-hint code-error" aria-invalid=move || invalid.get().to_string()/>
                            </div>
                            <button type="submit" class="button">{lang.t("Cari", "Find")}</button>
                        </ActionForm>
                    }
                })}
            </Suspense>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// The counter.

/// `/loket`: the units where one works the counter.
#[component]
pub fn CounterHome() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_counter_units());
    view! {
        <Title text=lang.t("Loket", "Counter")/>
        <div class="container">
            <h1>{lang.t("Loket pelayanan", "Service counter")}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(units) => view! {
                            <ul class="link-list">
                                {units.into_iter().map(|(id, name)| view! { <li><a href=format!("/loket/{id}")>{name}</a></li> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

/// `/loket/:unit`: today's visitors by slot; check-in by code or QR scanner, served,
/// absent, walk-ins.
#[component]
pub fn CounterDayPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let check = ServerAction::<CounterCheckIn>::new();
    let serve = ServerAction::<CounterServe>::new();
    let absent = ServerAction::<CounterAbsent>::new();
    let walk = ServerAction::<CounterWalkIn>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("unit").and_then(|u| u.parse::<i32>().ok()).unwrap_or(0)),
                check.version().get() + serve.version().get() + absent.version().get() + walk.version().get(),
            )
        },
        |(u, _)| get_counter(u),
    );
    view! {
        <Title text=lang.t("Loket hari ini", "Counter today")/>
        <div class="container">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <CounterBody p check serve absent walk/> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn CounterBody(
    p: CounterPage,
    check: ServerAction<CounterCheckIn>,
    serve: ServerAction<CounterServe>,
    absent: ServerAction<CounterAbsent>,
    walk: ServerAction<CounterWalkIn>,
) -> impl IntoView {
    let lang = use_lang();
    let flash_error = p.error.clone();
    let error = Signal::derive(move || {
        for v in [check.value().get().and_then(|r| r.err()), walk.value().get().and_then(|r| r.err()), serve.value().get().and_then(|r| r.err()), absent.value().get().and_then(|r| r.err())] {
            if v.is_some() {
                return v;
            }
        }
        flash_error.clone()
    });
    let code_invalid = has_error(&error, "code");
    // The check-in field keeps the focus after every action, ready for the next scan.
    let code_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(el) = code_input.get() {
            let _ = el.focus();
        }
    });
    let unit_id = p.unit_id;
    let total = |f: fn(&CounterSlot) -> i32| p.slots.iter().map(f).sum::<i32>();
    let (places, booked, walkins, checked, served) =
        (total(|s| s.places), total(|s| s.booked), total(|s| s.walkins), total(|s| s.checked_in), total(|s| s.served));
    let zone = p.zone.clone();
    let rows = p.slots.iter().map(|s| {
        let free = walkin_free(s.places, s.booked, s.walkins);
        view! {
            <tr class:slot-now=s.now>
                <th scope="row"><a href=format!("#sesi-{}", s.starts.replace(':', ""))>{format!("{}–{}", s.starts, s.ends)}</a>{s.now.then(|| view! { " "<span class="tag">{lang.t("sekarang", "now")}</span> })}</th>
                <td>{s.places}</td><td>{s.booked}</td><td>{s.walkins}</td><td>{s.checked_in}</td><td>{s.served}</td><td>{free}</td>
            </tr>
        }
    }).collect_view();
    let sections = p.slots.clone().into_iter().filter(|s| !s.bookings.is_empty()).map(|s| {
        let list = s.bookings.clone().into_iter().map(|b| {
            let id = b.id;
            let who = format!(": {}", b.name);
            let who2 = who.clone();
            view! {
                <li class="visitor">
                    <div>
                        <strong>{b.name.clone()}</strong>" "
                        <span class="code-small">{b.code.clone()}</span>" "
                        <span class="tag">{b.status.label(lang)}</span>
                        {b.walk_in.then(|| view! { " "<span class="tag">{lang.t("tanpa janji", "walk-in")}</span> })}
                        <p class="hint">{b.service_name.clone()}{b.checked_in_at.clone().map(|t| format!(" · {} {t}", lang.t("datang", "arrived")))}</p>
                    </div>
                    <div class="visitor-actions">
                        {(b.status == Status::CheckedIn).then(|| view! {
                            <ActionForm action=serve>
                                <input type="hidden" name="unit_id" value=unit_id/>
                                <input type="hidden" name="booking_id" value=id/>
                                <button type="submit" class="button button-small">{lang.t("Selesai dilayani", "Served")}<span class="visually-hidden">{who}</span></button>
                            </ActionForm>
                        })}
                        {b.may_mark_absent.then(|| view! {
                            <ActionForm action=absent>
                                <input type="hidden" name="unit_id" value=unit_id/>
                                <input type="hidden" name="booking_id" value=id/>
                                <button type="submit" class="button button-small button-secondary">{lang.t("Tidak datang", "Did not come")}<span class="visually-hidden">{who2}</span></button>
                            </ActionForm>
                        })}
                    </div>
                </li>
            }
        }).collect_view();
        view! {
            <section class="counter-slot" id=format!("sesi-{}", s.starts.replace(':', ""))>
                <h3>{format!("{}–{} {}", s.starts, s.ends, zone)}" "<span class="hint">{match lang {
                    Lang::Id => format!("{} terisi dari {} tempat", s.booked + s.walkins, s.places),
                    Lang::En => format!("{} of {} places taken", s.booked + s.walkins, s.places),
                }}</span></h3>
                <ul class="visitor-list">{list}</ul>
            </section>
        }
    }).collect_view();
    let slot_options = p.slots.iter().map(|s| {
        let free = walkin_free(s.places, s.booked, s.walkins);
        let label = format!("{}–{} ({})", s.starts, s.ends, places_text(lang, free));
        view! { <option value=s.starts.clone() selected=s.now disabled=free == 0>{label}</option> }
    }).collect_view();
    let service_options = p.services.iter().map(|(id, name)| view! { <option value=id.to_string()>{name.clone()}</option> }).collect_view();
    view! {
        <h1>{format!("{} — {}", lang.t("Loket", "Counter"), p.unit_name)}</h1>
        <p class="lead">{format!("{} ({})", p.date_label, p.zone)}</p>
        {(!p.on_duty.is_empty()).then(|| view! {
            <p class="hint">{lang.t("Petugas loket (WFO): ", "Counter staff (WFO): ")}{p.on_duty.join(" · ")}</p>
        })}
        {p.message.clone().map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <ErrorSummary error label=field_label/>
        <ActionForm action=check attr:class="checkin-form">
            <input type="hidden" name="unit_id" value=unit_id/>
            <div class="field" class:field-invalid=code_invalid>
                <label for="code">{lang.t("Catat kedatangan: ketik kode atau pindai kode QR", "Check in: type the code or scan the QR code")}</label>
                <FieldMessage error field="code" label=field_label(lang, "code")/>
                <input id="code" name="code" type="text" class="input-code" autocomplete="off" spellcheck="false" autofocus node_ref=code_input
                    autocapitalize="characters" aria-describedby="code-error" aria-invalid=move || code_invalid.get().to_string()/>
            </div>
            <button type="submit" class="button">{lang.t("Catat datang", "Check in")}</button>
        </ActionForm>
        <h2>{lang.t("Hari ini per sesi", "Today by slot")}</h2>
        <div class="table-scroll">
            <table class="counts">
                <caption class="visually-hidden">{lang.t("Jumlah per sesi", "Counts per slot")}</caption>
                <thead><tr>
                    <th scope="col">{lang.t("Sesi", "Slot")}</th>
                    <th scope="col">{lang.t("Tempat", "Places")}</th>
                    <th scope="col">{lang.t("Janji", "Booked")}</th>
                    <th scope="col">{lang.t("Tanpa janji", "Walk-ins")}</th>
                    <th scope="col">{lang.t("Datang", "Arrived")}</th>
                    <th scope="col">{lang.t("Selesai", "Served")}</th>
                    <th scope="col">{lang.t("Kosong", "Free")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
                <tfoot><tr><th scope="row">{lang.t("Jumlah", "Total")}</th><td>{places}</td><td>{booked}</td><td>{walkins}</td><td>{checked}</td><td>{served}</td><td>{(places - booked - walkins).max(0)}</td></tr></tfoot>
            </table>
        </div>
        {p.slots.is_empty().then(|| view! { <p>{lang.t("Hari ini kantor tidak menerima kunjungan.", "The office takes no visits today.")}</p> })}
        {sections}
        <h2 id="walkin">{lang.t("Pengunjung tanpa janji", "Walk-in visitor")}</h2>
        <ActionForm action=walk attr:novalidate=true>
            <input type="hidden" name="unit_id" value=unit_id/>
            <div class="field-row">
                <div class="field">
                    <label for="walkin_name">{field_label(lang, "walkin_name")}</label>
                    <FieldMessage error field="walkin_name" label=field_label(lang, "walkin_name")/>
                    <input id="walkin_name" name="walkin_name" type="text" autocomplete="off"/>
                </div>
                <div class="field">
                    <label for="walkin_service">{field_label(lang, "walkin_service")}</label>
                    <select id="walkin_service" name="walkin_service">{service_options}</select>
                </div>
                <div class="field">
                    <label for="walkin_slot">{field_label(lang, "walkin_slot")}</label>
                    <FieldMessage error field="walkin_slot" label=field_label(lang, "walkin_slot")/>
                    <select id="walkin_slot" name="walkin_slot">{slot_options}</select>
                </div>
            </div>
            <button type="submit" class="button button-secondary">{lang.t("Catat pengunjung tanpa janji", "Register walk-in")}</button>
        </ActionForm>
    }
}

// ---------------------------------------------------------------------------------------
// The manager's settings.

/// `/kelola/unit/:id/janji`: rooms, opening hours, booking rules, days closed.
#[component]
pub fn BookingSettingsPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let save = ServerAction::<SaveBookingSettings>::new();
    let close = ServerAction::<AddClosure>::new();
    let reopen = ServerAction::<RemoveClosure>::new();
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").and_then(|u| u.parse::<i32>().ok()).unwrap_or(0)),
                save.version().get() + close.version().get() + reopen.version().get(),
            )
        },
        |(u, _)| get_booking_settings(u),
    );
    view! {
        <Title text=lang.t("Pengaturan janji temu", "Appointment settings")/>
        <div class="container">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(p) => view! { <SettingsBody p save close reopen/> }.into_any(),
                        Err(e) => view! { <ErrorPage error=e/> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn SettingsBody(
    p: SettingsPage,
    save: ServerAction<SaveBookingSettings>,
    close: ServerAction<AddClosure>,
    reopen: ServerAction<RemoveClosure>,
) -> impl IntoView {
    let lang = use_lang();
    let flash_error = p.error.clone();
    let error = Signal::derive(move || {
        save.value().get().and_then(|r| r.err()).or_else(|| close.value().get().and_then(|r| r.err())).or_else(|| flash_error.clone())
    });
    let kept = p.values.clone();
    let val = move |key: &str, stored: String| kept.get(&format!("f[{key}]")).or_else(|| kept.get(key)).cloned().unwrap_or(stored);
    let num = {
        let val = val.clone();
        move |key: &'static str, stored: i32, hint: &'static str| {
            let name = format!("f[{key}]");
            let id = field_id(&name);
            let invalid = has_error(&error, &name);
            view! {
                <div class="field" class:field-invalid=invalid>
                    <label for=id.clone()>{field_label(lang, &name)}</label>
                    <p class="hint" id=format!("{id}-hint")>{hint}</p>
                    <FieldMessage error field=name.clone() label=field_label(lang, &name)/>
                    <input id=id.clone() name=name.clone() type="number" inputmode="numeric" class="input-short" value=val(key, stored.to_string())
                        aria-describedby=format!("{id}-hint {id}-error") aria-invalid=move || invalid.get().to_string()/>
                </div>
            }
        }
    };
    let text = {
        let val = val.clone();
        move |key: String, stored: String, class: &'static str| {
            let name = format!("f[{key}]");
            let id = field_id(&name);
            let invalid = has_error(&error, &name);
            view! {
                <input id=id.clone() name=name.clone() type="text" class=class value=val(&key, stored)
                    aria-label=field_label(lang, &name) aria-invalid=move || invalid.get().to_string()/>
            }
        }
    };
    let rooms = p.rooms.iter().map(|r| {
        let key = format!("r{}", r.id);
        let rule_name = format!("f[{key}_rule]");
        let active_name = format!("f[{key}_active]");
        view! {
            <tr>
                <td>{text(format!("{key}_name"), r.name.clone(), "input-medium")}</td>
                <td>{text(format!("{key}_area"), r.area_m2.clone(), "input-short")}</td>
                <td>
                    <select name=rule_name.clone() aria-label=lang.t("Aturan", "Rule")>
                        <option value="area" selected=r.rule == Rule::Area>{lang.t("m² per pengunjung", "m² per visitor")}</option>
                        <option value="fixed" selected=r.rule == Rule::Fixed>{lang.t("batas tetap", "fixed limit")}</option>
                    </select>
                </td>
                <td>{text(format!("{key}_m2"), r.m2_per_visitor.clone(), "input-short")}</td>
                <td>{text(format!("{key}_max"), r.max_visitors.to_string(), "input-short")}</td>
                <td><input type="checkbox" name=active_name value="1" checked=r.active aria-label=format!("{} {}", lang.t("Dipakai:", "In use:"), r.name)/></td>
                <td class="num">{r.limit}</td>
            </tr>
        }
    }).collect_view();
    let hours = p.hours.iter().map(|(w, o, c)| {
        let w = *w;
        view! {
            <tr>
                <th scope="row">{weekday_name(w, lang)}</th>
                <td>{text(format!("h{w}_opens"), o.clone(), "input-short")}</td>
                <td>{text(format!("h{w}_closes"), c.clone(), "input-short")}</td>
            </tr>
        }
    }).collect_view();
    let source = val("counter_source", p.counter_source.clone());
    let unit_id = p.unit_id;
    let closures = p.closures.clone().into_iter().map(|(id, _, label, reason)| {
        let hidden = format!(" {label}");
        view! {
            <li>{format!("{label} — {reason}")}" "
                <ActionForm action=reopen attr:class="inline-form">
                    <input type="hidden" name="unit_id" value=unit_id/>
                    <input type="hidden" name="closure_id" value=id/>
                    <button type="submit" class="button button-small button-secondary">{lang.t("Buka kembali", "Reopen")}<span class="visually-hidden">{hidden}</span></button>
                </ActionForm>
            </li>
        }
    }).collect_view();
    view! {
        <p><a href="/kelola">{lang.t("← Kelola", "← Manage")}</a></p>
        <h1>{format!("{} — {}", lang.t("Janji temu", "Appointments"), p.unit_name)}</h1>
        <p class="lead">{lang.t(
            "Tempat per sesi = yang lebih kecil dari batas ruang (jaga jarak) dan jumlah loket yang bertugas × pengunjung per loket. Sebagian disisakan untuk pengunjung tanpa janji. Bila kapasitas turun, janji temu yang terakhir dibuat dipindahkan lebih dulu dan pengunjungnya diberi tahu.",
            "Places per slot = the smaller of the room limit (distancing) and the counters on duty × visitors per counter. A share is kept for walk-ins. When capacity falls, the latest bookings are moved first and their visitors told.",
        )}</p>
        {p.message.clone().map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <ErrorSummary error label=field_label/>
        <ActionForm action=save attr:novalidate=true>
            <input type="hidden" name="unit_id" value=p.unit_id/>
            <h2>{lang.t("Ruang layanan", "Service rooms")}</h2>
            <div class="table-scroll">
                <table class="settings-table">
                    <thead><tr>
                        <th scope="col">{lang.t("Nama", "Name")}</th>
                        <th scope="col">{lang.t("Luas (m²)", "Area (m²)")}</th>
                        <th scope="col">{lang.t("Aturan", "Rule")}</th>
                        <th scope="col">{lang.t("m²/orang", "m²/person")}</th>
                        <th scope="col">{lang.t("Batas tetap", "Fixed limit")}</th>
                        <th scope="col">{lang.t("Dipakai", "In use")}</th>
                        <th scope="col">{lang.t("Batas", "Limit")}</th>
                    </tr></thead>
                    <tbody>
                        {rooms}
                        <tr>
                            <td>{text("rnew_name".into(), String::new(), "input-medium")}</td>
                            <td>{text("rnew_area".into(), String::new(), "input-short")}</td>
                            <td><select name="f[rnew_rule]" aria-label=lang.t("Aturan ruang baru", "New room's rule")>
                                <option value="area">{lang.t("m² per pengunjung", "m² per visitor")}</option>
                                <option value="fixed">{lang.t("batas tetap", "fixed limit")}</option>
                            </select></td>
                            <td>{text("rnew_m2".into(), "4".into(), "input-short")}</td>
                            <td>{text("rnew_max".into(), String::new(), "input-short")}</td>
                            <td colspan="2" class="hint">{lang.t("ruang baru", "new room")}</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <h2>{lang.t("Jam buka loket", "Counter opening hours")}</h2>
            <p class="hint">{lang.t("Kosongkan kedua jam untuk hari tutup. Format 08:00.", "Leave both empty for a closed day. Format 08:00.")}</p>
            <table class="settings-table">
                <thead><tr><th scope="col">{lang.t("Hari", "Day")}</th><th scope="col">{lang.t("Buka", "Opens")}</th><th scope="col">{lang.t("Tutup", "Closes")}</th></tr></thead>
                <tbody>{hours}</tbody>
            </table>
            <h2>{lang.t("Aturan pemesanan", "Booking rules")}</h2>
            {num("slot_minutes", p.slot_minutes, lang.t("Misalnya 30.", "For example 30."))}
            {num("ahead_days", p.ahead_days, lang.t("Misalnya 14.", "For example 14."))}
            {num("notice_minutes", p.notice_minutes, lang.t("Misalnya 60 (satu jam).", "For example 60 (one hour)."))}
            {num("walkin_percent", p.walkin_percent, lang.t("Dibulatkan ke bawah; 0 bila semua tempat boleh dipesan.", "Rounded down; 0 lets every place be booked."))}
            {num("per_counter", p.per_counter, lang.t("Berapa pengunjung yang dapat dilayani satu loket dalam satu sesi.", "How many visitors one counter serves in one slot."))}
            {num("grace_minutes", p.grace_minutes, lang.t("Sesudah itu pengunjung yang belum datang dapat dicatat tidak datang.", "After this a visitor who has not come may be marked absent."))}
            <fieldset class="field">
                <legend>{field_label(lang, "counter_source")}</legend>
                <div class="choice">
                    <input type="radio" id="src-roster" name="f[counter_source]" value="roster" checked=source == "roster"/>
                    <label for="src-roster">{lang.t("Dari jadwal kerja: petugas bertugas loket (WFO) pada shift itu", "From the roster: staff on counter duty (WFO) in that shift")}</label>
                </div>
                <div class="choice">
                    <input type="radio" id="src-fixed" name="f[counter_source]" value="fixed" checked=source == "fixed"/>
                    <label for="src-fixed">{lang.t("Jumlah tetap (unit tanpa jadwal kerja)", "A fixed number (a unit without rosters)")}</label>
                </div>
            </fieldset>
            {num("fixed_counters", p.fixed_counters, lang.t("Dipakai bila memilih jumlah tetap.", "Used with a fixed number."))}
            <button type="submit" class="button">{lang.t("Simpan", "Save")}</button>
        </ActionForm>
        <h2>{lang.t("Hari tutup untuk kunjungan", "Days closed to visitors")}</h2>
        <p class="hint">{lang.t("Misalnya untuk disinfeksi ruangan. Janji temu pada hari itu dipindahkan dan pengunjungnya diberi tahu.", "For example to disinfect the rooms. Appointments on that day are moved and their visitors told.")}</p>
        <ul>{closures}</ul>
        <ActionForm action=close attr:novalidate=true>
            <input type="hidden" name="unit_id" value=p.unit_id/>
            <div class="field-row">
                <div class="field">
                    <label for="closure_date">{field_label(lang, "closure_date")}</label>
                    <FieldMessage error field="closure_date" label=field_label(lang, "closure_date")/>
                    <input id="closure_date" name="closure_date" type="date" value=p.values.get("closure_date").cloned().unwrap_or_default()/>
                </div>
                <div class="field">
                    <label for="closure_reason">{field_label(lang, "closure_reason")}</label>
                    <FieldMessage error field="closure_reason" label=field_label(lang, "closure_reason")/>
                    <input id="closure_reason" name="closure_reason" type="text" value=p.values.get("closure_reason").cloned().unwrap_or_default()/>
                </div>
            </div>
            <button type="submit" class="button button-secondary">{lang.t("Tutup hari itu", "Close that day")}</button>
        </ActionForm>
        <p class="after-form"><a href=format!("/loket/{}", p.unit_id)>{lang.t("Lihat loket hari ini", "See today's counter")}</a></p>
    }
}
