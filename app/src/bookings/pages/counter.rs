//! The pages of the counter and of the unit's booking settings, for staff and managers.
use crate::ui::{Choice, TableHead};
use super::*;

/// `/loket`: the units where one works the counter.
#[component]
pub fn CounterHome() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_counter_units());
    view! {
        <Title text=lang.t("Loket", "Counter")/>
        <div class="container">
            <h1>{lang.t("Loket pelayanan", "Service counter")}</h1>
            <Loaded data=data page=move |units| view! {
                    <ul class="link-list">
                        {units.into_iter().map(|(id, name)| view! { <li><a href=format!("/loket/{id}")>{name}</a></li> }).collect_view()}
                    </ul>
                }.into_any()/>
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
            <Loaded data=data page=move |p| view! { <CounterBody p check serve absent walk/> }.into_any()/>
        </div>
    }
}

#[component]
pub(crate) fn CounterBody(
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
                <TableHead lang columns=&[("Sesi", "Slot"), ("Tempat", "Places"), ("Janji", "Booked"), ("Tanpa janji", "Walk-ins"), ("Datang", "Arrived"), ("Selesai", "Served"), ("Kosong", "Free")]/>
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
            <Loaded data=data page=move |p| view! { <SettingsBody p save close reopen/> }.into_any()/>
        </div>
    }
}

#[component]
pub(crate) fn SettingsBody(
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
                    <TableHead lang columns=&[("Nama", "Name"), ("Luas (m²)", "Area (m²)"), ("Aturan", "Rule"), ("m²/orang", "m²/person"), ("Batas tetap", "Fixed limit"), ("Dipakai", "In use"), ("Batas", "Limit")]/>
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
            <p class="hint">{lang.t("Kosongkan kedua jam untuk hari tutup. ", "Leave both empty for a closed day. ")}{crate::i18n::time_hint(lang)}</p>
            <table class="settings-table">
                <TableHead lang columns=&[("Hari", "Day"), ("Buka", "Opens"), ("Tutup", "Closes")]/>
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
                <Choice radio=true id="src-roster" name="f[counter_source]" value="roster" checked=source == "roster"
                    label=lang.t("Dari jadwal kerja: petugas bertugas loket (WFO) pada shift itu", "From the roster: staff on counter duty (WFO) in that shift")/>
                <Choice radio=true id="src-fixed" name="f[counter_source]" value="fixed" checked=source == "fixed"
                    label=lang.t("Jumlah tetap (unit tanpa jadwal kerja)", "A fixed number (a unit without rosters)")/>
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
                    <p class="hint" id="closure_date-hint">{crate::i18n::date_hint(lang)}</p>
                    <FieldMessage error field="closure_date" label=field_label(lang, "closure_date")/>
                    <input id="closure_date" name="closure_date" type="text" inputmode="numeric" autocomplete="off" class="input-date"
                        aria-describedby="closure_date-hint" value=p.values.get("closure_date").cloned().unwrap_or_default()/>
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
