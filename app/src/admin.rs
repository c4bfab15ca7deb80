//! Admin pages: service units (name, address, time zone, working days), accounts, and who
//! works in which unit with which role.
use crate::auth::{RequireUser, Role};
use crate::error::AppError;
use crate::forms::{current_error, Flash, FieldMessage, ErrorSummary, FormState};
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, TableHead, Title};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub zone: String,
    pub working_days: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountRow {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub is_admin: bool,
    pub active: bool,
    pub two_step: bool,
    pub memberships: Vec<(i32, String, Role)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminData {
    pub units: Vec<UnitRow>,
    pub accounts: Vec<AccountRow>,
    pub flash: Option<Flash>,
}

pub const WEEKDAYS_ID: [&str; 7] = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
pub const WEEKDAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

#[cfg(feature = "ssr")]
fn weekday_names(days: &str, lang: Lang) -> String {
    let names = match lang {
        Lang::Id => WEEKDAYS_ID,
        Lang::En => WEEKDAYS_EN,
    };
    days.split(',')
        .filter_map(|d| d.trim().parse::<usize>().ok())
        .filter(|d| (1..=7).contains(d))
        .map(|d| names[d - 1])
        .collect::<Vec<_>>()
        .join(", ")
}

#[server]
pub async fn get_admin_data() -> Result<AdminData, AppError> {
    use crate::ssr::entities::{unit, unit_member, user};
    use sea_orm::{EntityTrait, QueryOrder};
    crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    let lang = crate::i18n::use_lang();
    let units = unit::Entity::find().order_by_asc(unit::Column::Name).all(&db).await?;
    let names: BTreeMap<i32, String> = units.iter().map(|u| (u.id, u.name.clone())).collect();
    let members = unit_member::Entity::find().all(&db).await?;
    let accounts = user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(&db)
        .await?
        .into_iter()
        .map(|u| AccountRow {
            memberships: members
                .iter()
                .filter(|m| m.user_id == u.id)
                .filter_map(|m| Some((m.unit_id, names.get(&m.unit_id)?.clone(), m.role)))
                .collect(),
            id: u.id,
            name: u.name,
            email: u.email,
            is_admin: u.is_admin,
            active: u.active,
            two_step: u.totp_secret.is_some(),
        })
        .collect();
    Ok(AdminData {
        units: units
            .into_iter()
            .map(|u| UnitRow {
                id: u.id,
                zone: crate::ssr::timefmt::zone_abbr(&u.timezone).into(),
                working_days: weekday_names(&u.working_days, lang),
                slug: u.slug,
                name: u.name,
            })
            .collect(),
        accounts,
        flash: crate::ssr::flash::take().await,
    })
}

#[server]
pub async fn create_unit(
    name: String,
    slug: String,
    address: String,
    timezone: String,
    #[server(default)] days: BTreeMap<String, String>,
) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    let mut values = BTreeMap::from([
        ("name".to_string(), name.clone()),
        ("slug".to_string(), slug.clone()),
        ("address".to_string(), address.clone()),
        ("timezone".to_string(), timezone.clone()),
    ]);
    for d in days.keys() {
        values.insert(format!("days[{d}]"), "on".into());
    }
    let working_days: Vec<u8> = days.keys().filter_map(|k| k.parse().ok()).collect();
    let input = ssr::NewUnit { name, slug, address, timezone, working_days };
    match ssr::create_unit(&db, input, Some(admin.id), crate::ssr::now()?).await {
        Ok(_) => {
            crate::ssr::public_pages_changed();
            crate::ssr::redirect("/admin?ok=unit");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("unit", values, e).await),
    }
}

/// Switches an account off (its sessions end, its open reports are routed again) or on.
#[server]
pub async fn set_account_active(user_id: i32, active: bool) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let public_url = crate::ssr::state()?.settings.public_url.clone();
    ssr::set_account_active(&crate::ssr::db()?, admin.id, user_id, active, &public_url, crate::ssr::now()?).await?;
    crate::ssr::redirect(&format!("/admin?ok={}&akun={user_id}#accounts-title", if active { "on" } else { "off" }));
    Ok(())
}

#[server]
pub async fn create_account(
    name: String,
    email: String,
    password: String,
    is_admin: Option<String>,
) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    let values = BTreeMap::from([
        ("name".to_string(), name.clone()),
        ("email".to_string(), email.clone()),
    ]);
    let input = crate::auth::ssr::NewAccount { name, email, password, is_admin: is_admin.is_some() };
    match crate::auth::ssr::create_account(&db, input, Some(admin.id), crate::ssr::now()?).await {
        Ok(_) => {
            crate::ssr::redirect("/admin?ok=account");
            Ok(())
        }
        Err(e) => Err(crate::ssr::flash::keep("account", values, e).await),
    }
}

#[server]
pub async fn set_membership(user_id: i32, unit_id: i32, role: String) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    let role = Role::parse(&role).ok_or_else(|| {
        let mut e = crate::forms::FieldErrors::default();
        e.add("role", crate::forms::Problem::Unknown);
        AppError::Invalid(e)
    })?;
    ssr::set_membership(&db, user_id, unit_id, role, Some(admin.id), crate::ssr::now()?).await?;
    crate::ssr::redirect("/admin?ok=member");
    Ok(())
}

#[server]
pub async fn remove_membership(user_id: i32, unit_id: i32) -> Result<(), AppError> {
    let admin = crate::auth::ssr::require_admin().await?;
    let db = crate::ssr::db()?;
    ssr::remove_membership(&db, user_id, unit_id, Some(admin.id), crate::ssr::now()?).await?;
    crate::ssr::redirect("/admin?ok=member");
    Ok(())
}

fn admin_label(lang: Lang, field: &str) -> String {
    match field {
        "name" => lang.t("Nama", "Name").into(),
        "slug" => lang.t("Alamat halaman", "Page address").into(),
        "address" => lang.t("Alamat kantor", "Office address").into(),
        "timezone" => lang.t("Zona waktu", "Time zone").into(),
        "days" => lang.t("hari kerja", "working day").into(),
        "email" => lang.t("Email", "Email address").into(),
        "password" => lang.t("Kata sandi awal", "Initial password").into(),
        "role" => lang.t("Peran", "Role").into(),
        other => other.into(),
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map();
    // Read again after each form (its answer comes back here with `?ok=`).
    let data = Resource::new(move || query.with(|q| (q.get("ok"), q.get("akun"))), |_| get_admin_data());
    view! {
        <Title text="Admin"/>
        <div class="container">
            <RequireUser>
                // The heading comes with the data: a refusal (not an admin, no two-step
                // sign-in yet) is the page's only heading.
                <Loaded data=data page=move |d| view! {
                    <h1>{lang.t("Admin: unit dan akun", "Admin: units and accounts")}</h1>
                    <p><a href="/kelola/kinerja">{lang.t("Kinerja dan kepuasan semua unit", "Performance and satisfaction of all units")}</a></p>
                    <p><a href="/admin/surat">{lang.t("Email yang gagal terkirim", "Mail that failed to send")}</a></p>
                    <p><a href="/admin/open311">{lang.t("Kunci API Open311 untuk aplikasi lain", "Open311 API keys for other applications")}</a></p>
                    <p><a href="/admin/libur">{lang.t("Kalender libur nasional dan cuti bersama", "National holidays and collective leave")}</a></p>
                    <AdminBody data=d/>
                }.into_any()/>
            </RequireUser>
        </div>
    }
}

#[component]
fn AdminBody(data: AdminData) -> impl IntoView {
    let lang = use_lang();
    let unit_action = ServerAction::<CreateUnit>::new();
    let account_action = ServerAction::<CreateAccount>::new();
    let member_action = ServerAction::<SetMembership>::new();
    let remove_action = ServerAction::<RemoveMembership>::new();
    let active_action = ServerAction::<SetAccountActive>::new();
    let active_error = current_error(active_action.value(), None);
    let unit_state = FormState::from_flash(data.flash.clone(), "unit");
    let account_state = FormState::from_flash(data.flash.clone(), "account");
    let unit_error = current_error(unit_action.value(), unit_state.error.clone());
    let account_error = current_error(account_action.value(), account_state.error.clone());
    let member_error = current_error(member_action.value(), None);

    let unit_rows = data.units.iter().map(|u| {
        let href = format!("/layanan/{}", u.slug);
        view! { <tr><th scope="row"><a href=href>{u.name.clone()}</a></th><td>{u.zone.clone()}</td><td>{u.working_days.clone()}</td></tr> }
    }).collect::<Vec<_>>();
    let account_rows = data.accounts.iter().map(|a| {
        let roles = a.memberships.iter().cloned().map(|(unit_id, unit_name, role)| {
            let uid = a.id;
            view! {
                <li>
                    {format!("{} — {}", unit_name, role.label(lang))}
                    <ActionForm action=remove_action>
                        <input type="hidden" name="user_id" value=uid/>
                        <input type="hidden" name="unit_id" value=unit_id/>
                        <button type="submit" class="link-button">{lang.t("Cabut", "Remove")}
                            <span class="visually-hidden">{format!(" {} {}", unit_name, role.label(lang))}</span></button>
                    </ActionForm>
                </li>
            }
        }).collect::<Vec<_>>();
        let (uid, active, name) = (a.id, a.active, a.name.clone());
        view! {
            <tr class:inactive=!a.active>
                <th scope="row">{a.name.clone()}{a.is_admin.then(|| view! { " "<span class="badge">"Admin"</span> })}
                    {(!a.active).then(|| view! { " "<span class="badge badge-muted">{lang.t("Nonaktif", "Switched off")}</span> })}</th>
                <td>{a.email.clone()}</td>
                <td data-label=lang.t("Dua langkah", "Two-step")>{if a.two_step { lang.t("Aktif", "On") } else { lang.t("Belum", "Off") }}</td>
                <td><ul class="plain-list">{roles}</ul></td>
                <td>
                    <ActionForm action=active_action>
                        <input type="hidden" name="user_id" value=uid/>
                        <input type="hidden" name="active" value=(!active).to_string()/>
                        <button type="submit" class="link-button">{if active { lang.t("Nonaktifkan", "Switch off") } else { lang.t("Aktifkan", "Switch on") }}
                            <span class="visually-hidden">{format!(" {name}")}</span></button>
                    </ActionForm>
                </td>
            </tr>
        }
    }).collect::<Vec<_>>();
    let unit_options = data.units.iter().map(|u| view! { <option value=u.id>{u.name.clone()}</option> }).collect::<Vec<_>>();
    let account_options = data.accounts.iter().map(|a| view! { <option value=a.id>{format!("{} ({})", a.name, a.email)}</option> }).collect::<Vec<_>>();
    let zone = unit_state.value_or("timezone", "Asia/Jakarta");
    let zones = [("Asia/Jakarta", "WIB (UTC+7)"), ("Asia/Makassar", "WITA (UTC+8)"), ("Asia/Jayapura", "WIT (UTC+9)")]
        .into_iter()
        .map(|(v, l)| view! { <option value=v selected=zone == v>{l}</option> })
        .collect::<Vec<_>>();
    let fresh_unit_form = unit_state.values.is_empty();
    let day_boxes = (1..=7).map(|d| {
        let name = format!("days[{d}]");
        let id = format!("days-{d}");
        let checked = if fresh_unit_form { d <= 5 } else { unit_state.values.contains_key(&name) };
        let label = match lang { Lang::Id => WEEKDAYS_ID[d - 1], Lang::En => WEEKDAYS_EN[d - 1] };
        view! { <div class="checkbox"><input type="checkbox" id=id.clone() name=name checked=checked/><label for=id>{label}</label></div> }
    }).collect::<Vec<_>>();

    let ok = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("ok")).map(|k| match k.as_str() {
        "off" => lang.t("Akun dinonaktifkan dan dikeluarkan dari semua perangkat.", "The account was switched off and signed out everywhere."),
        "on" => lang.t("Akun diaktifkan kembali.", "The account was switched on again."),
        "account" => lang.t("Akun dibuat.", "The account was created."),
        _ => lang.t("Disimpan.", "Saved."),
    });
    view! {
        {ok.map(|m| view! { <div class="notice notice-ok" role="status"><p>{m}</p></div> })}
        <section aria-labelledby="units-title">
            <h2 id="units-title">{lang.t("Unit layanan", "Service units")}</h2>
            <div class="table-wrap"><table>
                <TableHead lang columns=&[("Unit", "Unit"), ("Zona", "Zone"), ("Hari kerja", "Working days")]/>
                <tbody>{unit_rows}</tbody>
            </table></div>
            <h3>{lang.t("Tambah unit", "Add a unit")}</h3>
            <ErrorSummary error=unit_error label=admin_label/>
            <ActionForm action=unit_action>
                <div class="field"><label for="unit-name">{admin_label(lang, "name")}</label>
                    <FieldMessage error=unit_error field="name" label=admin_label(lang, "name")/>
                    <input id="unit-name" name="name" type="text" value=unit_state.value_or("name", "")/></div>
                <div class="field"><label for="unit-slug">{admin_label(lang, "slug")}</label>
                    <p class="hint" id="unit-slug-hint">{lang.t("Huruf kecil dan tanda hubung, misalnya dukcapil-balikpapan.", "Lower-case letters and hyphens, like dukcapil-balikpapan.")}</p>
                    <FieldMessage error=unit_error field="slug" label=admin_label(lang, "slug")/>
                    <input id="unit-slug" name="slug" type="text" aria-describedby="unit-slug-hint" value=unit_state.value_or("slug", "")/></div>
                <div class="field"><label for="unit-address">{admin_label(lang, "address")}</label>
                    <FieldMessage error=unit_error field="address" label=admin_label(lang, "address")/>
                    <input id="unit-address" name="address" type="text" value=unit_state.value_or("address", "")/></div>
                <div class="field"><label for="unit-timezone">{admin_label(lang, "timezone")}</label>
                    <FieldMessage error=unit_error field="timezone" label=admin_label(lang, "timezone")/>
                    <select id="unit-timezone" name="timezone">{zones}</select></div>
                <fieldset class="field" id="days"><legend>{lang.t("Hari kerja", "Working days")}</legend>
                    <FieldMessage error=unit_error field="days" label=admin_label(lang, "days")/>
                    {day_boxes}</fieldset>
                <button type="submit" class="button">{lang.t("Tambah unit", "Add unit")}</button>
            </ActionForm>
        </section>
        <section aria-labelledby="accounts-title">
            <h2 id="accounts-title">{lang.t("Akun", "Accounts")}</h2>
            <p>{lang.t(
                "Akun yang dinonaktifkan langsung keluar dari semua perangkat, dan laporan yang dipegangnya kembali ke antrean untuk dibagikan lagi kepada petugas yang bertugas. Pemilik akun menerima email.",
                "A switched-off account is signed out everywhere at once, and the reports it held go back to the queue to be routed to whoever is on duty. The account's owner gets an e-mail.",
            )}</p>
            <ErrorSummary error=active_error label=admin_label/>
            <div class="table-wrap"><table>
                <TableHead lang columns=&[("Nama", "Name"), ("Email", "Email"), ("Dua langkah", "Two-step"), ("Unit dan peran", "Units and roles")] action=true/>
                <tbody>{account_rows}</tbody>
            </table></div>
            <h3>{lang.t("Tambah akun", "Add an account")}</h3>
            <ErrorSummary error=account_error label=admin_label/>
            <ActionForm action=account_action>
                <div class="field"><label for="name">{admin_label(lang, "name")}</label>
                    <FieldMessage error=account_error field="name" label=admin_label(lang, "name")/>
                    <input id="name" name="name" type="text" autocomplete="off" value=account_state.value_or("name", "")/></div>
                <div class="field"><label for="email">{admin_label(lang, "email")}</label>
                    <FieldMessage error=account_error field="email" label=admin_label(lang, "email")/>
                    <input id="email" name="email" type="email" autocomplete="off" spellcheck="false" value=account_state.value_or("email", "")/></div>
                <div class="field"><label for="password">{admin_label(lang, "password")}</label>
                    <p class="hint" id="password-hint">{lang.t("Paling sedikit 12 karakter dan sulit ditebak. Sampaikan kepada pemilik akun secara langsung; ia dapat menggantinya di halaman Akun.", "At least 12 characters and hard to guess. Give it to the account's owner in person; they can change it on their Account page.")}</p>
                    <FieldMessage error=account_error field="password" label=admin_label(lang, "password")/>
                    <input id="password" name="password" type="password" autocomplete="new-password" aria-describedby="password-hint"/></div>
                <div class="checkbox"><input type="checkbox" id="is_admin" name="is_admin"/><label for="is_admin">{lang.t("Admin (mengelola unit dan akun)", "Admin (manages units and accounts)")}</label></div>
                <button type="submit" class="button">{lang.t("Tambah akun", "Add account")}</button>
            </ActionForm>
            <h3>{lang.t("Tugaskan ke unit", "Assign to a unit")}</h3>
            <ErrorSummary error=member_error label=admin_label/>
            <ActionForm action=member_action>
                <div class="field"><label for="member-user">{lang.t("Akun", "Account")}</label>
                    <select id="member-user" name="user_id">{account_options}</select></div>
                <div class="field"><label for="member-unit">{lang.t("Unit", "Unit")}</label>
                    <select id="member-unit" name="unit_id">{unit_options}</select></div>
                <div class="field"><label for="role">{admin_label(lang, "role")}</label>
                    <select id="role" name="role">
                        <option value="staff">{Role::Staff.label(lang)}</option>
                        <option value="manager">{Role::Manager.label(lang)}</option>
                    </select></div>
                <button type="submit" class="button">{lang.t("Tugaskan", "Assign")}</button>
            </ActionForm>
        </section>
    }
}

pages! {
    /// The administration page in the route table.
    AdminRoutes {
        "/admin" => AdminPage,
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;
    use crate::forms::{FieldErrors, Problem};
    use crate::auth::Role;
    use crate::ssr::entities::{unit, unit_member, user};
    use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set, TransactionTrait};

    /// Gives a person a role in a unit (or changes it): the membership, its services and the
    /// audit entry in one transaction.
    pub async fn set_membership(
        db: &(impl ConnectionTrait + TransactionTrait),
        user_id: i32,
        unit_id: i32,
        role: Role,
        actor: Option<i32>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AppError> {
        let txn = crate::ssr::begin_write(db).await?;
        set_membership_in(&txn, user_id, unit_id, role, actor, now).await?;
        txn.commit().await?;
        Ok(())
    }

    async fn set_membership_in(
        db: &impl ConnectionTrait,
        user_id: i32,
        unit_id: i32,
        role: Role,
        actor: Option<i32>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AppError> {
        if user::Entity::find_by_id(user_id).one(db).await?.is_none()
            || unit::Entity::find_by_id(unit_id).one(db).await?.is_none()
        {
            return Err(AppError::NotFound);
        }
        let existing = unit_member::Entity::find_by_id((unit_id, user_id)).one(db).await?;
        let before = existing.as_ref().map(|m| m.role.as_str());
        match existing {
            Some(m) => {
                let mut a: unit_member::ActiveModel = m.into();
                a.role = Set(role);
                a.update(db).await?;
            }
            None => {
                unit_member::ActiveModel {
                    unit_id: Set(unit_id),
                    user_id: Set(user_id),
                    role: Set(role),
                    senior: Set(false),
                    last_assigned_at: Set(None),
                    // Someone coming back to a unit may still hold its reports.
                    open_tickets: Set(crate::rosters::ssr::open_held(db, unit_id, user_id).await? as i32),
                }
                .insert(db)
                .await?;
                // A new member handles every service of the unit until a manager narrows it.
                crate::rosters::ssr::grant_all_services(db, unit_id, user_id).await?;
            }
        }
        crate::ssr::audit::record(
            db,
            actor,
            "membership.set",
            "user",
            user_id,
            serde_json::json!({ "unit_id": unit_id, "before": before, "after": role.as_str() }),
            now,
        )
        .await?;
        Ok(())
    }

    /// Switches an account off or on; switched off, the open reports it held go back to
    /// the pool and are routed again, in the same transaction. Returns how many went back.
    pub async fn set_account_active(
        db: &(impl ConnectionTrait + TransactionTrait),
        actor: i32,
        user_id: i32,
        active: bool,
        public_url: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<usize, AppError> {
        let txn = crate::ssr::begin_write(db).await?;
        let changed = crate::auth::lifecycle::set_active(&txn, actor, user_id, active, public_url, now).await?;
        let returned = if changed && !active { crate::tickets::ssr::return_held(&txn, user_id, actor, &crate::ssr::Env { public_url }, now).await? } else { 0 };
        txn.commit().await?;
        Ok(returned)
    }

    pub async fn remove_membership(
        db: &impl ConnectionTrait,
        user_id: i32,
        unit_id: i32,
        actor: Option<i32>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), AppError> {
        let res = unit_member::Entity::delete_by_id((unit_id, user_id)).exec(db).await?;
        if res.rows_affected == 0 {
            return Err(AppError::NotFound);
        }
        crate::ssr::audit::record(
            db,
            actor,
            "membership.remove",
            "user",
            user_id,
            serde_json::json!({ "unit_id": unit_id }),
            now,
        )
        .await?;
        Ok(())
    }

    pub struct NewUnit {
        pub name: String,
        pub slug: String,
        pub address: String,
        pub timezone: String,
        /// ISO weekdays, 1 = Monday.
        pub working_days: Vec<u8>,
    }

    /// Creates a unit with its shifts, booking settings and audit entry, in one transaction:
    /// a failed step leaves no half unit holding the slug.
    pub async fn create_unit(
        db: &(impl ConnectionTrait + TransactionTrait),
        input: NewUnit,
        actor: Option<i32>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<unit::Model, AppError> {
        let slug = input.slug.trim().to_string();
        let mut errors = FieldErrors::default();
        errors.text("name", &input.name, true, 160);
        errors.parsed("slug", &slug, crate::common::contact::Slug::parse);
        errors.text("address", &input.address, true, 300);
        if !crate::ssr::timefmt::ZONES.iter().any(|(z, _)| *z == input.timezone) {
            errors.add("timezone", Problem::Unknown);
        }
        let mut days: Vec<u8> = input.working_days.into_iter().filter(|d| (1..=7).contains(d)).collect();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() {
            errors.add("days", Problem::NothingSelected);
        }
        if errors.is_empty()
            && unit::Entity::by_slug(db, &slug).await?.is_some()
        {
            errors.add("slug", Problem::Taken);
        }
        errors.into_result()?;
        let txn = crate::ssr::begin_write(db).await?;
        let created = unit::ActiveModel {
            slug: Set(slug),
            name: Set(input.name.trim().to_string()),
            address: Set(input.address.trim().to_string()),
            timezone: Set(input.timezone),
            working_days: Set(days.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(",")),
            maklumat: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .map_err(AppError::taken_on("slug"))?;
        crate::rosters::ssr::create_default_shifts(&txn, created.id).await?;
        crate::bookings::ssr::create_defaults(&txn, created.id).await?;
        crate::ssr::audit::record(&txn, actor, "unit.create", "unit", created.id, serde_json::json!({}), now).await?;
        txn.commit().await?;
        Ok(created)
    }
}
