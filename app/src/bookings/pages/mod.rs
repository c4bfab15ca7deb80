//! Appointment pages. Citizens: choose a service, a date (typed or picked) and a slot with
//! its places left, say who is coming, check the answers, and get a code with its QR code;
//! the booking's page moves or cancels it. Staff: the counter's day. Managers: rooms,
//! opening hours, booking rules and days closed. Every form is a real form that works
//! without JavaScript.
use super::api::*;
use super::*;
use crate::forms::{current_error, field_id, has_error, ErrorSummary, FieldMessage, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, Title};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

mod counter;
pub use counter::*;

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
    let query = use_query_map();
    let data = Resource::new(move || query.with(|q| q.get("instansi")), get_bookable);
    view! {
        <Title text=lang.t("Buat janji temu", "Book a visit")
            description=lang.t(
                "Buat janji temu di loket unit layanan publik. Jumlah pengunjung tiap jam dibatasi agar tetap berjarak; bukti dan kode QR dikirim lewat email.",
                "Book a visit to a public service unit's counter. Visitors per hour are limited to keep distance; the confirmation and QR code come by e-mail.",
            )/>
        <div class="container narrow">
            <h1>{lang.t("Buat janji temu di kantor layanan", "Book a visit to a service office")}</h1>
            <p class="lead">{lang.t(
                "Datang pada jam yang dipesan agar ruang tunggu tidak penuh dan jarak aman tetap terjaga. Tanpa perlu akun.",
                "Come at the time you booked, so the waiting room is never crowded and distancing is kept. No account needed.",
            )}</p>
            <p>{lang.t("Sudah punya janji temu? ", "Already booked? ")}<a href="/janji/cari">{lang.t("Cari dengan kodenya", "Find it by its code")}</a>.</p>
            <Loaded data=data page=move |start| {
                    if !start.units.is_empty() {
                        // Hundreds of units: the unit first, then its services.
                        let items = start.units.into_iter().map(|(slug, name, open)| {
                            if open {
                                view! { <li><a href=format!("/janji?instansi={slug}")>{name}</a></li> }.into_any()
                            } else {
                                view! { <li>{name}" — "<span class="hint">{lang.t("tidak menerima kunjungan", "takes no visits")}</span></li> }.into_any()
                            }
                        }).collect_view();
                        return view! {
                            <h2>{lang.t("Pilih unit layanan", "Choose the service unit")}</h2>
                            <ul class="link-list">{items}</ul>
                        }.into_any();
                    }
                    let back = start.unit.is_some().then(|| view! {
                        <p><a href="/janji">{lang.t("← Semua unit layanan", "← All service units")}</a></p>
                    });
                    let mut units: Vec<(String, Vec<BookableService>)> = Vec::new();
                    for s in start.services {
                        match units.last_mut() {
                            Some((name, v)) if *name == s.unit_name => v.push(s),
                            _ => units.push((s.unit_name.clone(), vec![s])),
                        }
                    }
                    let lists = units.into_iter().map(|(name, services)| view! {
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
                    }).collect_view();
                    view! { {back} {lists} }.into_any()
                }/>
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
            <Loaded data=data page=move |p| view! { <SlotBody p choose mover/> }.into_any()/>
        </div>
    }
}

#[component]
fn SlotBody(p: SlotPage, choose: ServerAction<ChooseSlot>, mover: ServerAction<MoveBooking>) -> impl IntoView {
    let lang = use_lang();
    if let (Some(status), Some(code)) = (p.not_movable, p.moving.clone()) {
        // Said before anything is chosen, not after sending.
        return view! {
            <h1>{lang.t("Janji temu ini tidak dapat dipindah", "This appointment cannot be moved")}</h1>
            <div class="notice notice-warn" role="status">
                <p>{match lang {
                    Lang::Id => format!("Statusnya {}: jadwal {} tidak dapat diubah lagi.", status.label(lang).to_lowercase(), p.moving_from.clone().unwrap_or_default()),
                    Lang::En => format!("Its status is {}: the appointment of {} can no longer change.", status.label(lang).to_lowercase(), p.moving_from.clone().unwrap_or_default()),
                }}</p>
            </div>
            <p class="actions-row">
                <a class="button" href=format!("/janji/layanan/{}/{}", p.unit_slug, p.service_slug)>{lang.t("Buat janji temu baru", "Book a new appointment")}</a>
                <a href=format!("/janji/kode/{code}")>{lang.t("Lihat janji temu ini", "See this appointment")}</a>
            </p>
        }
        .into_any();
    }
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
        Lang::Id => format!("{} Dapat dipesan sampai {} hari ke depan, paling lambat {} menit sebelum jamnya.", crate::i18n::date_hint(lang), p.ahead_days, p.notice_minutes),
        Lang::En => format!("{} Bookable up to {} days ahead, at least {} minutes before the time.", crate::i18n::date_hint(lang), p.ahead_days, p.notice_minutes),
    };
    view! {
        {p.moving.is_none().then(|| step(lang, 1))}
        <h1>{if p.moving.is_some() { lang.t("Pindahkan janji temu", "Move the appointment") } else { lang.t("Pilih tanggal dan jam kunjungan", "Choose the date and time of your visit") }}</h1>
        <dl class="meta-list">
            <div><dt>{lang.t("Layanan", "Service")}</dt><dd>{p.service_name.clone()}</dd></div>
            <div><dt>{lang.t("Kantor", "Office")}</dt><dd>{format!("{}, {}", p.unit_name, p.unit_address)}</dd></div>
            {p.moving_from.clone().map(|w| view! {
                <div><dt>{lang.t("Jadwal sekarang", "Booked for now")}</dt><dd id="moving-from">{w}</dd></div>
            })}
        </dl>
        <ErrorSummary error label=field_label/>
        <form method="get" action=base.clone() class="date-form">
            {p.moving.clone().map(|c| view! { <input type="hidden" name="ubah" value=c/> })}
            <div class="field" class:field-invalid=date_error.is_some()>
                <label for="tanggal">{field_label(lang, "date")}</label>
                <p class="hint" id="tanggal-hint">{hint}</p>
                {date_error.clone().map(|m| view! { <p class="field-error" id="tanggal-error"><span class="visually-hidden">{lang.t("Kesalahan: ", "Error: ")}</span>{m}</p> })}
                <input id="tanggal" name="tanggal" type="text" inputmode="numeric" autocomplete="off" value=p.date.clone() class="input-date"
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
    .into_any()
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
            <Loaded data=data page=move |d| match d {
                    Some(d) => {
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
                                <div class="hp" aria-hidden="true">
                                    <label for="situs_web">{lang.t("Jangan diisi", "Leave empty")}</label>
                                    <input id="situs_web" name="situs_web" type="text" tabindex="-1" autocomplete="off"/>
                                </div>
                                <button type="submit" class="button">{lang.t("Lanjutkan", "Continue")}</button>
                            </ActionForm>
                        }.into_any()
                    }
                    None => view! { <NoDraft/> }.into_any(),
                }/>
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
            <Loaded data=data page=move |d| match d {
                    Some(d) => {
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
                    None => view! { <NoDraft/> }.into_any(),
                }/>
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
        |(c, _)| async move { Ok::<_, crate::error::AppError>((get_booking(c).await?, get_booking_flash().await.ok().flatten())) },
    );
    view! {
        <Title text=lang.t("Janji temu Anda", "Your appointment")/>
        <div class="container narrow">
            <Loaded
                data
                page=move |(b, flash)| {
                    let state = FormState::from_flash(flash, "manage");
                    let error = current_error(cancel.value(), state.error);
                    let new = query.with(|q| q.get("baru").is_some());
                    // Cancelling cannot be undone: the page asks first, and a plain visit to
                    // this address changes nothing.
                    if query.with(|q| q.get("batalkan").is_some()) && b.status.changeable() {
                        return view! { <CancelConfirm b error cancel/> }.into_any();
                    }
                    let note = query.with(|q| {
                        if q.get("batal").is_some() { Some(lang.t("Janji temu dibatalkan. Email pemberitahuan dikirim.", "The appointment was cancelled. An e-mail was sent.")) }
                        else if q.get("pindah").is_some() { Some(lang.t("Jadwal dipindah. Email dengan jadwal baru dan berkas kalender dikirim.", "Moved. An e-mail with the new time and a calendar file was sent.")) }
                        else { None }
                    });
                    view! { <BookingBody b new note error/> }.into_any()
                }
                not_found=move || view! {
                    <h1>{lang.t("Janji temu tidak ditemukan", "Appointment not found")}</h1>
                    <p>{lang.t("Periksa kode janji temu Anda.", "Check your appointment code.")}</p>
                    <p><a class="button" href="/janji/cari">{lang.t("Ketik kode lagi", "Type the code again")}</a></p>
                }
            />
        </div>
    }
}

#[component]
fn BookingBody(
    b: BookingView,
    new: bool,
    note: Option<&'static str>,
    error: Signal<Option<crate::error::AppError>>,
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
        {(!b.documents_html.trim().is_empty()).then(|| view! {
            <h2 id="to-bring">{lang.t("Yang perlu dibawa", "What to bring")}</h2>
            <div class="prose" inner_html=b.documents_html.clone()></div>
        })}
        {(!b.conditions_html.trim().is_empty()).then(|| view! {
            <h2 id="conditions">{lang.t("Syarat yang harus dipenuhi", "Conditions to meet")}</h2>
            <div class="prose" inner_html=b.conditions_html.clone()></div>
        })}
        {(!b.documents_html.trim().is_empty() || !b.conditions_html.trim().is_empty()).then(|| view! {
            <p><a href=format!("/layanan/{}/{}", b.unit_slug, b.service_slug)>{lang.t("Standar pelayanan lengkap", "The full service standard")}</a></p>
        })}
        {(changeable && !displaced).then(|| view! {
            <h2>{lang.t("Ubah atau batalkan", "Change or cancel")}</h2>
            <p><a class="button button-secondary" href=move_link.clone()>{lang.t("Pindahkan ke jam lain", "Move to another time")}</a></p>
        })}
        {changeable.then(|| view! {
            <p class="hint">{lang.t("Jika tidak jadi datang, batalkan agar tempatnya dapat dipakai orang lain.", "If you will not come, cancel so that others can use the place.")}</p>
            <p><a class="button button-warning" href=format!("/janji/kode/{compact}?batalkan=1")>{lang.t("Batalkan janji temu", "Cancel the appointment")}</a></p>
        })}
        {(b.status == Status::Cancelled).then(|| view! {
            <p><a class="button button-secondary" href=format!("/janji/layanan/{}/{}", b.unit_slug, b.service_slug)>
                {lang.t("Buat janji temu baru", "Book a new appointment")}
            </a></p>
        })}
        <h2>{lang.t("Riwayat", "History")}</h2>
        <ul class="timeline">
            {b.history.iter().map(|(at, what)| view! { <li class="timeline-item"><p class="timeline-meta">{at.clone()}</p><p class="timeline-body">{what.clone()}</p></li> }).collect_view()}
        </ul>
    }
}

/// `/janji/kode/:code?batalkan=1`: what cancelling does, and one press to do it.
#[component]
fn CancelConfirm(
    b: BookingView,
    error: Signal<Option<crate::error::AppError>>,
    cancel: ServerAction<CancelBooking>,
) -> impl IntoView {
    let lang = use_lang();
    let when = format!("{}, {}–{} {}", b.date_label, b.starts, b.ends, b.zone);
    let compact: String = b.code.chars().filter(|c| *c != '-').collect();
    let back = format!("/janji/kode/{compact}");
    let move_link = format!("/janji/layanan/{}/{}?ubah={compact}", b.unit_slug, b.service_slug);
    let consequences = match lang {
        Lang::Id => [
            format!("Tempat Anda pada {when} dilepas dan dapat dipesan orang lain."),
            format!("Kode {} tidak berlaku lagi di loket.", b.code),
            format!("Kami kirim email pemberitahuan ke {}.", b.email_hint),
            "Pembatalan tidak dapat diurungkan. Bila ingin datang lagi, buat janji temu baru.".to_string(),
        ],
        Lang::En => [
            format!("Your place on {when} is released and others may book it."),
            format!("The code {} no longer works at the counter.", b.code),
            format!("We send a notice to {}.", b.email_hint),
            "A cancellation cannot be undone. To come after all, book a new appointment.".to_string(),
        ],
    };
    view! {
        <h1>{lang.t("Batalkan janji temu ini?", "Cancel this appointment?")}</h1>
        <ErrorSummary error label=field_label/>
        <dl class="summary-list">
            <div class="summary-row"><dt>{lang.t("Waktu", "Time")}</dt><dd id="booking-when">{when.clone()}</dd></div>
            <div class="summary-row"><dt>{lang.t("Layanan", "Service")}</dt><dd>{b.service_name.clone()}</dd></div>
            <div class="summary-row"><dt>{lang.t("Kantor", "Office")}</dt><dd>{b.unit_name.clone()}</dd></div>
            <div class="summary-row"><dt>{lang.t("Kode", "Code")}</dt><dd class="code">{b.code.clone()}</dd></div>
        </dl>
        <h2>{lang.t("Yang akan terjadi", "What will happen")}</h2>
        <ul>{consequences.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
        <p>
            {lang.t("Hanya ingin jam lain? ", "Only need another time? ")}
            <a href=move_link>{lang.t("Pindahkan janji temu", "Move the appointment")}</a>
            {lang.t(" dan kode Anda tetap sama.", " and your code stays the same.")}
        </p>
        <ActionForm action=cancel>
            <input type="hidden" name="code" value=compact/>
            <div class="actions-row">
                <button type="submit" class="button button-warning">{lang.t("Ya, batalkan janji temu", "Yes, cancel the appointment")}</button>
                <a class="button button-secondary" href=back>{lang.t("Tidak, kembali", "No, go back")}</a>
            </div>
        </ActionForm>
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

