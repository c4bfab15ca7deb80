//! Pages of the work system: the week grid (with office presence counted as it is edited),
//! its printable view, one's own schedule, the unit's work settings, staff competences and
//! deadlines, and the holiday calendar. Every form is a plain form that works without
//! JavaScript; the grid's live counts are the comfort JavaScript adds.
use super::api::*;
use super::*;
use crate::auth::RequireUser;
use crate::forms::{ErrorSummary, FieldMessage, Flash, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Choice, Loaded, TableHead, Title};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::HashMap;

fn unit_param() -> Memo<i32> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok()).unwrap_or(0)))
}

fn label(lang: Lang, field: &str) -> String {
    match field {
        "cap_percent" => lang.t("Batas kehadiran di kantor", "Office presence cap").into(),
        "release_policy" => lang.t("Saat shift berakhir", "When a shift ends").into(),
        "auto_close_days" => lang.t("Tutup otomatis", "Close automatically").into(),
        "date" => lang.t("Tanggal", "Date").into(),
        "name" => lang.t("Nama", "Name").into(),
        "kind" => lang.t("Jenis", "Kind").into(),
        f if f.starts_with("shift_name") => lang.t("Nama shift", "Shift name").into(),
        f if f.starts_with("shift_start") => lang.t("Jam mulai", "Start").into(),
        f if f.starts_with("shift_end") => lang.t("Jam selesai", "End").into(),
        f if f.starts_with("verify_days") => lang.t("Verifikasi (hari kerja)", "Verification (working days)").into(),
        f if f.starts_with("respond_days") => lang.t("Tanggapan pertama (hari kerja)", "First response (working days)").into(),
        f if f.starts_with("resolve_days") => lang.t("Penyelesaian (hari kerja)", "Resolution (working days)").into(),
        _ => lang.t("Isian", "Answer").into(),
    }
}

fn ok_notice(text: Option<&'static str>) -> impl IntoView {
    text.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })
}

fn unit_nav(unit_id: i32, current: &'static str, lang: Lang) -> impl IntoView {
    let links = [
        ("jadwal", lang.t("Jadwal mingguan", "Weekly roster")),
        ("kerja", lang.t("Shift dan batas kantor", "Shifts and office cap")),
        ("petugas", lang.t("Petugas dan tenggat", "Staff and deadlines")),
        ("libur", lang.t("Hari libur", "Days off")),
    ];
    let items = links
        .into_iter()
        .map(|(path, text)| {
            let href = format!("/kelola/unit/{unit_id}/{path}");
            let here = path == current;
            view! { <li><a href=href aria-current=here.then_some("page")>{text}</a></li> }
        })
        .collect_view();
    view! { <nav class="subnav" aria-label=lang.t("Sistem kerja unit", "The unit's work system")><ul>{items}</ul></nav> }
}

// ---------------------------------------------------------------- the week grid

/// `/kelola/unit/:id/jadwal?minggu=2026-W49`: the manager's week plan.
#[component]
pub fn WeekPage() -> impl IntoView {
    let lang = use_lang();
    let unit = unit_param();
    let query = use_query_map();
    let data = Resource::new(move || (unit.get(), query.with(|q| q.get("minggu"))), |(u, w)| get_week_plan(u, w));
    let ok = move || {
        query.with(|q| match q.get("ok").as_deref() {
            Some("1") => Some(lang.t("Jadwal disimpan.", "Roster saved.")),
            Some("salin") => Some(lang.t("Jadwal minggu lalu disalin.", "Last week's roster copied.")),
            _ => None,
        })
    };
    view! {
        <Title text=lang.t("Jadwal mingguan", "Weekly roster")/>
        <div class="container wide">
            <RequireUser>
                <Loaded data=data page=move |(plan, flash)| view! {
                        {ok_notice(ok())}
                        <WeekGrid plan flash/>
                    }.into_any()/>
            </RequireUser>
        </div>
    }
}

/// The week's grid and what surrounds it.
#[component]
fn WeekGrid(plan: WeekPlan, flash: Option<Flash>) -> impl IntoView {
    let lang = use_lang();
    let state = FormState::from_flash(flash, "roster");
    let error = Signal::stored(state.error.clone());
    // The cell values the grid starts from: the saved plan, or what the person sent when it
    // was refused.
    let values: HashMap<String, String> = if state.error.is_some() {
        state
            .values
            .iter()
            .filter_map(|(k, v)| k.strip_prefix("c[").and_then(|k| k.strip_suffix(']')).map(|k| (k.to_string(), v.clone())))
            .collect()
    } else {
        plan.staff.iter().flat_map(|s| s.cells.iter().cloned()).collect()
    };
    let week_href = |w: &str| format!("/kelola/unit/{}/jadwal?minggu={w}", plan.unit_id);
    let (unit_id, week) = (plan.unit_id, plan.week.clone());
    view! {
        <p class="caption">{plan.unit_name.clone()}</p>
        <h1>{lang.t("Jadwal mingguan", "Weekly roster")}</h1>
        {unit_nav(plan.unit_id, "jadwal", lang)}
        <p class="week-nav">
            <a href=week_href(&plan.previous)>{lang.t("← Minggu sebelumnya", "← Previous week")}</a>
            <strong>{format!("{} · {}", plan.week, plan.range)}</strong>
            <a href=week_href(&plan.next)>{lang.t("Minggu berikutnya →", "Next week →")}</a>
        </p>
        <p class="hint">{format!(
            "{} {} % {} {} {} {} {}.",
            lang.t("Batas di kantor:", "Office cap:"), plan.cap_percent, lang.t("dari", "of"), plan.counted,
            lang.t("pegawai yang dihitung =", "counted staff ="), plan.cap, if plan.cap == 1 { lang.t("orang per shift (pejabat tidak dihitung)", "person per shift (senior officials not counted)") } else { lang.t("orang per shift (pejabat tidak dihitung)", "people per shift (senior officials not counted)") }
        )}</p>
        <ErrorSummary error label/>
        <RosterForm plan values/>
        <Legend/>
        <form method="post" action=CopyRoster::url() class="inline-form">
            <input type="hidden" name="unit_id" value=unit_id/>
            <input type="hidden" name="week" value=week/>
            <button type="submit" class="button button-secondary">{lang.t("Salin jadwal minggu lalu", "Copy last week's roster")}</button>
            <span class="hint-inline">{lang.t(" Menggantikan jadwal minggu ini; hari libur dilewati.", " Replaces this week's plan; days off are skipped.")}</span>
        </form>
    }
}

/// The grid itself: one choice per person, day and shift, and the office count of each shift
/// against the cap. Server HTML; each count is a small island (`ShiftCount`) that follows
/// the choices with JavaScript. Without it the counts are those the page was drawn with, and
/// saving checks them. A cell's colour follows its choice in CSS alone.
#[component]
fn RosterForm(plan: WeekPlan, values: HashMap<String, String>) -> impl IntoView {
    let lang = use_lang();
    let value = |key: &str| values.get(key).cloned().unwrap_or_default();
    let p = plan;
    let cap = p.cap;
    let open_days: Vec<DayView> = p.days.clone();
    let shifts = p.shifts.clone();

    let day_heads = open_days
        .iter()
        .map(|d| {
            view! {
                <th scope="colgroup" colspan=shifts.len().max(1) class:closed=d.closed.is_some()>
                    {d.label.clone()}
                    {d.closed.clone().map(|c| view! { <span class="day-closed">{c}</span> })}
                </th>
            }
        })
        .collect_view();
    let shift_heads = open_days
        .iter()
        .flat_map(|_| shifts.iter())
        .map(|s| view! { <th scope="col" class="shift-head">{s.name.clone()}<span>{format!("{}–{}", s.starts, s.ends)}</span></th> })
        .collect_view();
    let rows = p
        .staff
        .iter()
        .map(|row| {
            let cells = open_days
                .iter()
                .flat_map(|d| shifts.iter().map(move |s| (d.clone(), s.clone())))
                .map(|(d, s)| {
                    if d.closed.is_some() {
                        return view! { <td class="cell closed">{lang.t("Libur", "Closed")}</td> }.into_any();
                    }
                    let key = cell_key(row.user_id, &d.date, s.id);
                    let current = value(&key);
                    let options = Cell::CHOICES
                        .into_iter()
                        .map(|c| {
                            let code = c.code();
                            let selected = code == current;
                            view! { <option value=code selected=selected>{c.short(lang)}</option> }
                        })
                        .collect_view();
                    view! {
                        <td class="cell">
                            <select name=format!("c[{key}]") aria-label=format!("{}, {}, shift {}", row.name, d.long, s.name)>
                                <option value="" selected=current.is_empty()>"—"</option>
                                {options}
                            </select>
                        </td>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" class="staff-name">
                        {row.name.clone()}
                        {row.senior.then(|| view! { <span class="tag">{lang.t("Pejabat, tidak dihitung", "Senior, not counted")}</span> })}
                    </th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let totals = open_days
        .iter()
        .flat_map(|d| shifts.iter().map(move |s| (d.clone(), s.clone())))
        .map(|(d, s)| {
            if d.closed.is_some() {
                return view! { <td class="count">"—"</td> }.into_any();
            }
            let id = crate::forms::field_id(&format!("cap_{}_{}", d.date, s.id));
            let counted = p.counted_cells(&d.date, s.id);
            let office: Vec<String> = counted.iter().filter(|k| Cell::in_office(&value(k))).cloned().collect();
            view! {
                <td class="count" id=id tabindex="-1">
                    <ShiftCount counted office cap shift=format!("{} {}", d.label, s.name) lang/>
                </td>
            }
            .into_any()
        })
        .collect_view();
    view! {
        <form method="post" action=SaveRoster::url() class="roster-form">
            <input type="hidden" name="unit_id" value=p.unit_id/>
            <input type="hidden" name="week" value=p.week.clone()/>
            <div class="table-wrap roster-wrap" tabindex="0" role="region" aria-label=lang.t("Tabel jadwal", "Roster table")>
                <table class="roster">
                    <caption class="visually-hidden">{format!("{} {}", lang.t("Jadwal", "Roster"), p.range)}</caption>
                    <thead>
                        <tr><th scope="col" rowspan="2">{lang.t("Pegawai", "Staff")}</th>{day_heads}</tr>
                        <tr>{shift_heads}</tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row">{lang.t("Di kantor (WFO) / batas", "In the office (WFO) / cap")}</th>{totals}</tr></tfoot>
                </table>
            </div>
            <p class="hint">{lang.t(
                "Tab berpindah antarsel; di dalam sel, ketik huruf awal (W, C, S, D) atau panah atas/bawah untuk memilih.",
                "Tab moves between cells; inside a cell, type the first letter (W, C, S, D) or use the up and down arrows to choose.",
            )}</p>
            <p class="actions-row">
                <button type="submit" class="button">{lang.t("Simpan jadwal", "Save the roster")}</button>
                <a class="button button-secondary" href=format!("/kelola/unit/{}/jadwal/cetak?minggu={}", p.unit_id, p.week)>{lang.t("Tampilan cetak", "Printable view")}</a>
            </p>
        </form>
    }
}

/// One shift's office count against the cap (an island). It listens to the grid's choices:
/// a change in one of the `counted` cells (`c[key]`) moves the count, and going over the cap
/// is marked and read out with the shift's name, before anything is sent.
#[island]
fn ShiftCount(counted: Vec<String>, office: Vec<String>, cap: usize, shift: String, lang: Lang) -> impl IntoView {
    let office = RwSignal::new(office.into_iter().collect::<std::collections::HashSet<String>>());
    let listener = window_event_listener(leptos::ev::change, move |ev| {
        let name = event_target::<leptos::web_sys::Element>(&ev).get_attribute("name").unwrap_or_default();
        let Some(key) = name.strip_prefix("c[").and_then(|k| k.strip_suffix(']')) else { return };
        if counted.iter().any(|k| k == key) {
            let there = Cell::in_office(&event_target_value(&ev));
            office.update(|o| {
                if there {
                    o.insert(key.to_string());
                } else {
                    o.remove(key);
                }
            });
        }
    });
    on_cleanup(move || listener.remove());
    let n = move || office.with(|o| o.len());
    let over = move || n() > cap;
    view! {
        <span class="shift-count" class:cap-over=over>
            {n}" / "{cap}
            {move || over().then(|| view! { <span class="over-text">{lang.t(" melebihi", " over")}</span> })}
        </span>
        <span class="visually-hidden" aria-live="polite">
            {move || over().then(|| format!("{shift}: {} ({})", lang.t("melebihi batas kantor", "over the office cap"), n()))}
        </span>
    }
}

/// What the short cell labels mean.
#[component]
fn Legend() -> impl IntoView {
    let lang = use_lang();
    view! {
        <p class="hint legend">{lang.t(
            "WFO: bekerja di kantor (dihitung dalam batas) · WFH: bekerja dari rumah · Daring: meja konsultasi dan pengaduan daring (menerima laporan) · Loket: melayani tamu di kantor · —: tidak dijadwalkan",
            "WFO: works in the office (counted in the cap) · WFH: works from home · Desk: the online consultation and complaints desk (receives reports) · Counter: serves visitors in the office · —: not scheduled",
        )}</p>
    }
}

/// `/kelola/unit/:id/jadwal/cetak?minggu=…`: the week on paper.
#[component]
pub fn RosterPrintPage() -> impl IntoView {
    let lang = use_lang();
    let unit = unit_param();
    let query = use_query_map();
    let data = Resource::new(move || (unit.get(), query.with(|q| q.get("minggu"))), |(u, w)| get_week_plan(u, w));
    view! {
        <Title text=lang.t("Jadwal (cetak)", "Roster (print)")/>
        <div class="container wide print-page">
            <RequireUser>
                <Loaded data=data page=move |(p, _)| {
                        let heads = p.days.iter().flat_map(|d| p.shifts.iter().map(move |s| view! {
                            <th scope="col">{d.label.clone()}<br/>{s.name.clone()}</th>
                        })).collect_view();
                        let rows = p.staff.iter().map(|r| {
                            let cells = p.days.iter().flat_map(|d| p.shifts.iter().map(move |s| (d, s))).map(|(d, s)| {
                                let text = if d.closed.is_some() {
                                    lang.t("Libur", "Closed").to_string()
                                } else {
                                    Cell::parse(&r.cell(&cell_key(r.user_id, &d.date, s.id))).map(|c| c.short(lang)).unwrap_or_else(|| "—".into())
                                };
                                view! { <td>{text}</td> }
                            }).collect_view();
                            view! { <tr><th scope="row">{r.name.clone()}</th>{cells}</tr> }
                        }).collect_view();
                        let shifts = p.shifts.iter().map(|s| format!("{} {}–{}", s.name, s.starts, s.ends)).collect::<Vec<_>>().join(" · ");
                        view! {
                            <h1>{format!("{} — {} {}", p.unit_name, lang.t("Jadwal", "Roster"), p.range)}</h1>
                            <p>{shifts}</p>
                            <table class="data roster-print">
                                <thead><tr><th scope="col">{lang.t("Pegawai", "Staff")}</th>{heads}</tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                            <Legend/>
                            <p class="no-print"><a href=format!("/kelola/unit/{}/jadwal?minggu={}", p.unit_id, p.week)>{lang.t("← Kembali ke jadwal", "← Back to the roster")}</a></p>
                        }.into_any()
                    }/>
            </RequireUser>
        </div>
    }
}

/// `/jadwal-saya`: a staff member's own shifts this week and next.
#[component]
pub fn MySchedulePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| get_my_schedule());
    view! {
        <Title text=lang.t("Jadwal saya", "My schedule")/>
        <div class="container">
            <RequireUser>
                <h1>{lang.t("Jadwal saya", "My schedule")}</h1>
                <Loaded data=data page=move |d| match d {
                        lines if lines.is_empty() => view! {
                            <p role="status">{lang.t("Belum ada jadwal untuk minggu ini dan minggu depan.", "No schedule yet for this week and next.")}</p>
                        }.into_any(),
                        lines => {
                            let rows = lines.into_iter().map(|l| view! {
                                <tr class:today=l.today>
                                    <td data-label=lang.t("Hari", "Day")>{l.day}{l.today.then(|| view! { " " <span class="tag">{lang.t("Hari ini", "Today")}</span> })}</td>
                                    <td data-label=lang.t("Shift", "Shift")>{l.shift}" · "{l.hours}</td>
                                    <td data-label=lang.t("Tugas", "Duty")>{l.cell}</td>
                                    <td data-label=lang.t("Unit", "Unit")>{l.unit_name}</td>
                                </tr>
                            }).collect_view();
                            view! {
                                <div class="table-wrap">
                                    <table class="stack-table">
                                        <TableHead lang columns=&[("Hari", "Day"), ("Shift", "Shift"), ("Tugas", "Duty"), ("Unit", "Unit")]/>
                                        <tbody>{rows}</tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }
                    }/>
            </RequireUser>
        </div>
    }
}

// ---------------------------------------------------------------- settings

/// `/kelola/unit/:id/kerja`: shifts, the office cap, the shift-end policy, auto-close.
#[component]
pub fn WorkSettingsPage() -> impl IntoView {
    let lang = use_lang();
    let unit = unit_param();
    let query = use_query_map();
    let data = Resource::new(move || unit.get(), get_work_settings);
    view! {
        <Title text=lang.t("Shift dan batas kantor", "Shifts and office cap")/>
        <div class="container narrow">
            <RequireUser>
                <Loaded data=data page=move |(w, flash)| {
                        let state = FormState::from_flash(flash, "work");
                        let error = Signal::stored(state.error.clone());
                        let shift_rows = (1..=4).map(|n| {
                            let s = w.shifts.get(n - 1);
                            let (name, start, end) = (format!("shift_name_{n}"), format!("shift_start_{n}"), format!("shift_end_{n}"));
                            let v = |f: &str, stored: Option<String>| state.value_or(f, &stored.unwrap_or_default());
                            view! {
                                <fieldset class="shift-row">
                                    <legend>{format!("{} {n}", lang.t("Shift", "Shift"))}</legend>
                                    <FieldMessage error field=name.clone() label=label(lang, &name)/>
                                    <FieldMessage error field=start.clone() label=label(lang, &start)/>
                                    <FieldMessage error field=end.clone() label=label(lang, &end)/>
                                    <div class="field-inline">
                                        <label for=name.clone()>{label(lang, &name)}</label>
                                        <input id=name.clone() name=name.clone() type="text" value=v(&name, s.map(|s| s.name.clone())) autocomplete="off"/>
                                    </div>
                                    <div class="field-inline">
                                        <label for=start.clone()>{label(lang, &start)}</label>
                                        <input id=start.clone() name=start.clone() type="text" inputmode="numeric" size="5" aria-describedby="shift-times-hint" value=v(&start, s.map(|s| s.starts.replace(':', ".")))/>
                                    </div>
                                    <div class="field-inline">
                                        <label for=end.clone()>{label(lang, &end)}</label>
                                        <input id=end.clone() name=end.clone() type="text" inputmode="numeric" size="5" aria-describedby="shift-times-hint" value=v(&end, s.map(|s| s.ends.replace(':', ".")))/>
                                    </div>
                                </fieldset>
                            }
                        }).collect_view();
                        let cap_value = state.value_or("cap_percent", &w.cap_percent.to_string());
                        let mut presets: Vec<(String, String)> = CAP_PRESETS.iter().map(|(p, l)| (p.to_string(), l.to_string())).collect();
                        if !presets.iter().any(|(p, _)| *p == cap_value) {
                            presets.push((cap_value.clone(), format!("{cap_value} %")));
                        }
                        let cap_options = presets.into_iter().map(|(p, l)| {
                            let sel = p == cap_value;
                            view! { <option value=p selected=sel>{l}</option> }
                        }).collect_view();
                        let policy = state.value_or("release_policy", &w.release_policy);
                        let ok = query.with_untracked(|q| q.get("ok").is_some()).then_some(lang.t("Pengaturan disimpan.", "Settings saved."));
                        view! {
                            {ok_notice(ok)}
                            <p class="caption">{w.unit_name.clone()}</p>
                            <h1>{lang.t("Shift dan batas kantor", "Shifts and office cap")}</h1>
                            {unit_nav(w.unit_id, "kerja", lang)}
                            <ErrorSummary error label/>
                            <form method="post" action=SaveWorkSettings::url()>
                                <input type="hidden" name="unit_id" value=w.unit_id/>
                                <h2>{lang.t("Shift", "Shifts")}</h2>
                                <p class="hint">{format!("{} {}. {}", lang.t("Jam dalam zona waktu unit,", "Times in the unit's zone,"), w.zone, lang.t("Kosongkan baris untuk menghapus shift; jadwal pada shift itu ikut terhapus.", "Empty a row to remove a shift; its roster entries go with it."))}</p>
                                <p class="hint" id="shift-times-hint">{crate::i18n::time_hint(lang)}</p>
                                {shift_rows}
                                <div class="field">
                                    <label for="cap_percent">{label(lang, "cap_percent")}</label>
                                    <p class="hint" id="cap-hint">{lang.t(
                                        "Paling banyak sekian persen pegawai bekerja di kantor per shift (dibulatkan ke bawah, minimal 1 orang). Pejabat pimpinan tinggi dan administrator tidak dihitung. Rencana yang melebihi batas ditolak.",
                                        "At most this share of staff works in the office per shift (rounded down, at least 1 person). Senior officials are not counted. Plans over the cap are refused.",
                                    )}</p>
                                    <FieldMessage error field="cap_percent" label=label(lang, "cap_percent")/>
                                    <select id="cap_percent" name="cap_percent" aria-describedby="cap-hint">{cap_options}</select>
                                </div>
                                <fieldset class="field">
                                    <legend>{label(lang, "release_policy")}</legend>
                                    <Choice radio=true id="policy-return" name="release_policy" value="return" checked=policy == "return"
                                        label=lang.t(
                                            "Kembalikan laporan yang belum dijawab ke antrean, lalu teruskan ke petugas yang bertugas",
                                            "Return unanswered reports to the pool and pass them to staff on duty",
                                        )/>
                                    <Choice radio=true id="policy-keep" name="release_policy" value="keep" checked=policy == "keep"
                                        label=lang.t("Laporan tetap pada petugasnya", "Reports stay with their staff member")/>
                                    <p class="hint">{lang.t(
                                        "Laporan yang diserahkan manajer secara manual tetap pada petugasnya, kecuali ia cuti, sakit atau dinas luar.",
                                        "Reports a manager handed over by hand stay with their holder unless they are on leave, sick or travelling.",
                                    )}</p>
                                </fieldset>
                                <div class="field">
                                    <label for="auto_close_days">{lang.t("Laporan selesai ditutup otomatis setelah (hari kerja tanpa tanggapan pelapor)", "Resolved reports close themselves after (working days without a reply)")}</label>
                                    <FieldMessage error field="auto_close_days" label=label(lang, "auto_close_days")/>
                                    <input id="auto_close_days" name="auto_close_days" type="text" inputmode="numeric" size="3" value=state.value_or("auto_close_days", &w.auto_close_days.to_string())/>
                                </div>
                                <button type="submit" class="button">{lang.t("Simpan", "Save")}</button>
                            </form>
                        }.into_any()
                    }/>
            </RequireUser>
        </div>
    }
}

/// `/kelola/unit/:id/petugas`: who counts in the cap, who handles which service, and each
/// service's deadlines.
#[component]
pub fn MembersSettingsPage() -> impl IntoView {
    let lang = use_lang();
    let unit = unit_param();
    let query = use_query_map();
    let data = Resource::new(move || unit.get(), get_members);
    view! {
        <Title text=lang.t("Petugas dan tenggat", "Staff and deadlines")/>
        <div class="container">
            <RequireUser>
                <Loaded data=data page=move |(page, flash)| {
                        let state = FormState::from_flash(flash, "members");
                        let error = Signal::stored(state.error.clone());
                        let services = StoredValue::new(page.services.clone());
                        let unit_id = page.unit_id;
                        let members = page.members.into_iter().map(|m| {
                            let boxes = services.get_value().into_iter().map(|(sid, sname, ..)| {
                                let id = format!("s-{}-{sid}", m.user_id);
                                let checked = m.services.contains(&sid);
                                view! { <Choice id=id name=format!("s[s{sid}]") checked=checked label=sname/> }
                            }).collect_view();
                            let senior_id = format!("senior_{}", m.user_id);
                            view! {
                                <section class="member-card" id=format!("m-{}", m.user_id)>
                                    <h3>{m.name.clone()}<span class="muted">{format!(
                                        " · {} · {} {}",
                                        if m.role == "manager" { lang.t("pimpinan", "manager") } else { lang.t("petugas", "staff") },
                                        m.open_tickets,
                                        lang.t("laporan terbuka", "open reports"),
                                    )}</span></h3>
                                    <form method="post" action=SaveMember::url()>
                                        <input type="hidden" name="unit_id" value=unit_id/>
                                        <input type="hidden" name="user_id" value=m.user_id/>
                                        <FieldMessage error field=senior_id.clone() label=String::new()/>
                                        <Choice id=senior_id name="senior" checked=m.senior
                                            label=lang.t("Pejabat pimpinan tinggi / administrator (tidak dihitung dalam batas kantor)", "Senior official (not counted in the office cap)")/>
                                        <fieldset>
                                            <legend>{lang.t("Layanan yang dapat ditangani", "Services they can handle")}</legend>
                                            {boxes}
                                        </fieldset>
                                        <button type="submit" class="button button-secondary">{lang.t("Simpan", "Save")}<span class="visually-hidden">{format!(" {}", m.name)}</span></button>
                                    </form>
                                </section>
                            }
                        }).collect_view();
                        let deadline_rows = services.get_value().into_iter().map(|(sid, sname, v, r, z)| {
                            let f = |n: &str| format!("{n}_{sid}");
                            let (fv, fr, fz) = (f("verify_days"), f("respond_days"), f("resolve_days"));
                            let val = |name: &str, stored: i32| state.value_or(name, &stored.to_string());
                            let input = |id: String, name: &'static str, text: &'static str, value: String| view! {
                                <div class="field-inline">
                                    <label for=id.clone()>{text}<span class="visually-hidden">{format!(" — {sname}")}</span></label>
                                    <input id=id name=name type="text" inputmode="numeric" size="3" value=value/>
                                </div>
                            };
                            view! {
                                <form method="post" action=SaveServiceDeadlines::url() class="deadline-form">
                                    <fieldset>
                                        <legend>{sname.clone()}</legend>
                                        <input type="hidden" name="unit_id" value=unit_id/>
                                        <input type="hidden" name="service_id" value=sid/>
                                        <FieldMessage error field=fv.clone() label=label(lang, &fv)/>
                                        <FieldMessage error field=fr.clone() label=label(lang, &fr)/>
                                        <FieldMessage error field=fz.clone() label=label(lang, &fz)/>
                                        <div class="deadline-inputs">
                                            {input(fv.clone(), "verify_days", lang.t("Verifikasi", "Verification"), val(&fv, v))}
                                            {input(fr.clone(), "respond_days", lang.t("Tanggapan pertama", "First response"), val(&fr, r))}
                                            {input(fz.clone(), "resolve_days", lang.t("Penyelesaian", "Resolution"), val(&fz, z))}
                                            <button type="submit" class="button button-secondary">{lang.t("Simpan", "Save")}<span class="visually-hidden">{format!(" {sname}")}</span></button>
                                        </div>
                                    </fieldset>
                                </form>
                            }
                        }).collect_view();
                        let ok = query.with_untracked(|q| q.get("ok").is_some()).then_some(lang.t("Disimpan.", "Saved."));
                        view! {
                            {ok_notice(ok)}
                            <p class="caption">{page.unit_name.clone()}</p>
                            <h1>{lang.t("Petugas dan tenggat", "Staff and deadlines")}</h1>
                            {unit_nav(unit_id, "petugas", lang)}
                            <ErrorSummary error label/>
                            <h2>{lang.t("Petugas", "Staff")}</h2>
                            <p class="hint">{lang.t(
                                "Laporan diteruskan otomatis kepada petugas meja daring yang bertugas dan berwenang atas layanannya, yang paling sedikit memegang laporan terbuka.",
                                "Reports go automatically to the online-desk staff on duty who handle the service, the one holding the fewest open reports.",
                            )}</p>
                            <div class="member-grid">{members}</div>
                            <h2 id="tenggat">{lang.t("Tenggat per layanan (hari kerja)", "Deadlines per service (working days)")}</h2>
                            <p class="hint">{lang.t(
                                "Bagian penanganan pengaduan dari standar pelayanan: verifikasi, tanggapan pertama, penyelesaian. Jam berhenti selama menunggu jawaban pelapor.",
                                "The complaint-handling part of the service standard: verification, first response, resolution. The clock stops while waiting for the reporter.",
                            )}</p>
                            <div class="deadline-list">{deadline_rows}</div>
                        }.into_any()
                    }/>
            </RequireUser>
        </div>
    }
}

// ---------------------------------------------------------------- holidays

/// `/admin/libur` (national) and `/kelola/unit/:id/libur` (a unit's own days off).
#[component]
pub fn HolidaysPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let data = Resource::new(
        move || (params.with(|p| p.get("id").and_then(|i| i.parse::<i32>().ok())), query.with(|q| q.get("tahun").and_then(|y| y.parse::<i32>().ok()))),
        |(u, y)| get_holidays(u, y),
    );
    view! {
        <Title text=lang.t("Hari libur", "Days off")/>
        <div class="container">
            <RequireUser>
                <Loaded data=data page=move |(page, flash)| holidays_view(page, flash, lang, query.with_untracked(|q| q.get("ok"))).into_any()/>
            </RequireUser>
        </div>
    }
}

fn holidays_view(page: HolidaysPage, flash: Option<Flash>, lang: Lang, ok: Option<String>) -> impl IntoView {
    let state = FormState::from_flash(flash, "holiday");
    let error = Signal::stored(state.error.clone());
    let unit_id = page.unit_id;
    let base = match unit_id {
        Some(id) => format!("/kelola/unit/{id}/libur"),
        None => "/admin/libur".to_string(),
    };
    let editable = move |local: bool| if unit_id.is_some() { local } else { !local };
    let rows = page
        .holidays
        .into_iter()
        .map(|h| {
            let can = editable(h.local);
            let hidden_unit = unit_id.map(|id| view! { <input type="hidden" name="unit_id" value=id/> });
            let hidden_unit2 = unit_id.map(|id| view! { <input type="hidden" name="unit_id" value=id/> });
            view! {
                <tr>
                    <td data-label=lang.t("Tanggal", "Date")>{h.label.clone()}</td>
                    <td data-label=lang.t("Nama", "Name")>{h.name.clone()}
                        {h.provisional.then(|| view! { " " <span class="tag tag-warn">{lang.t("Perkiraan, belum ditetapkan SKB", "Expected, not yet fixed by decree")}</span> })}
                    </td>
                    <td data-label=lang.t("Jenis", "Kind")>{holiday_kind_label(&h.kind, lang)}</td>
                    <td data-label=lang.t("Tindakan", "Actions")>
                        {can.then(|| view! {
                            <form method="post" action=ChangeHoliday::url() class="inline-form">
                                {hidden_unit}
                                <input type="hidden" name="id" value=h.id/>
                                <input type="hidden" name="action" value="delete"/>
                                <button type="submit" class="button button-secondary">{lang.t("Hapus", "Delete")}<span class="visually-hidden">{format!(" {}", h.label)}</span></button>
                            </form>
                        })}
                        {(can && h.provisional).then(|| view! {
                            <form method="post" action=ChangeHoliday::url() class="inline-form">
                                {hidden_unit2}
                                <input type="hidden" name="id" value=h.id/>
                                <input type="hidden" name="action" value="confirm"/>
                                <button type="submit" class="button button-secondary">{lang.t("Tetapkan", "Confirm")}<span class="visually-hidden">{format!(" {}", h.label)}</span></button>
                            </form>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let year = page.year;
    let kind_value = state.value_or("kind", "libur");
    let ok_text = ok.map(|o| if o == "1" { lang.t("Hari libur ditambahkan.", "Day off added.") } else { lang.t("Hari libur diubah.", "Day off changed.") });
    view! {
        {ok_notice(ok_text)}
        {page.unit_name.clone().map(|n| view! { <p class="caption">{n}</p> })}
        <h1>{match unit_id {
            Some(_) => lang.t("Hari libur unit", "The unit's days off"),
            None => lang.t("Kalender libur nasional", "National holiday calendar"),
        }}</h1>
        {unit_id.map(|id| unit_nav(id, "libur", lang))}
        <p class="hint">{match unit_id {
            Some(_) => lang.t(
                "Libur nasional dan cuti bersama diatur admin portal. Tambahkan hari libur lokal unit di sini; tenggat dan jadwal melewatinya.",
                "National holidays and collective leave are set by the portal's admins. Add the unit's local days off here; deadlines and rosters skip them.",
            ),
            None => lang.t(
                "Libur nasional dan cuti bersama menurut SKB tiga menteri. Tanggal bertanda perkiraan perlu diperiksa setelah SKB tahun itu terbit.",
                "National holidays and collective leave from the joint ministerial decree. Dates marked expected need checking once that year's decree is out.",
            ),
        }}</p>
        <p class="week-nav">
            <a href=format!("{base}?tahun={}", year - 1)>{format!("← {}", year - 1)}</a>
            <strong>{year}</strong>
            <a href=format!("{base}?tahun={}", year + 1)>{format!("{} →", year + 1)}</a>
        </p>
        <div class="table-wrap">
            <table class="stack-table">
                <TableHead lang columns=&[("Tanggal", "Date"), ("Nama", "Name"), ("Jenis", "Kind"), ("Tindakan", "Actions")]/>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{lang.t("Tambah hari libur", "Add a day off")}</h2>
        <ErrorSummary error label/>
        <form method="post" action=AddHoliday::url()>
            {unit_id.map(|id| view! { <input type="hidden" name="unit_id" value=id/> })}
            <div class="field">
                <label for="date">{label(lang, "date")}</label>
                <p class="hint" id="date-hint">{crate::i18n::date_hint(lang)}</p>
                <FieldMessage error field="date" label=label(lang, "date")/>
                <input id="date" name="date" type="text" inputmode="numeric" aria-describedby="date-hint" value=state.value_or("date", "")/>
            </div>
            <div class="field">
                <label for="name">{label(lang, "name")}</label>
                <FieldMessage error field="name" label=label(lang, "name")/>
                <input id="name" name="name" type="text" value=state.value_or("name", "")/>
            </div>
            {unit_id.is_none().then(|| view! {
                <div class="field">
                    <label for="kind">{label(lang, "kind")}</label>
                    <select id="kind" name="kind">
                        <option value="libur" selected=kind_value == "libur">{holiday_kind_label("libur", lang)}</option>
                        <option value="cuti_bersama" selected=kind_value == "cuti_bersama">{holiday_kind_label("cuti_bersama", lang)}</option>
                    </select>
                </div>
            })}
            <button type="submit" class="button">{lang.t("Tambah", "Add")}</button>
        </form>
    }
}
