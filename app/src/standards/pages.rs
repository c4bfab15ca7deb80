//! Public pages: home with search, a unit, a service standard (in force, an older version,
//! print layout).
use super::*;
#[allow(unused_imports)]
use super::Component;
use crate::i18n::{use_lang, Lang};
use crate::ui::{Loaded, TableHead, Title};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("q"), get_home);
    view! {
        <Title text=lang.t("Beranda", "Home")/>
        <section class="hero">
            <div class="container">
                <h1>{lang.t("Standar pelayanan publik", "Public service standards")}</h1>
                <p class="lead">{lang.t(
                    "Baca persyaratan, prosedur, waktu dan biaya setiap layanan sebelum datang. Standar yang tampil adalah versi yang berlaku.",
                    "Read the requirements, procedure, time and cost of each service before you come. The standard shown is the one in force.",
                )}</p>
                <SearchForm action="/" name="q" label=lang.t("Cari layanan", "Search services")
                    placeholder=lang.t("misalnya: akta kelahiran", "for example: birth certificate") button=lang.t("Cari", "Search")/>
            </div>
        </section>
        <div class="container">
            <Loaded data=data page=move |d| view! { <HomeBody data=d/> }.into_any()/>
        </div>
    }
}

#[component]
fn HomeBody(data: HomeData) -> impl IntoView {
    let lang = use_lang();
    let results = data.results.map(|results| {
        let count = results.len();
        let found = lang.count(count as u64, "layanan", "service", "services");
        let heading = match lang {
            Lang::Id => format!("Hasil pencarian \u{201c}{}\u{201d}: {found}", data.query),
            Lang::En => format!("Results for \u{201c}{}\u{201d}: {found}", data.query),
        };
        view! {
            <section aria-labelledby="results-title">
                <h2 id="results-title">{heading}</h2>
                {(count == 0).then(|| view! {
                    <p>{lang.t(
                        "Tidak ada layanan yang cocok. Coba kata lain, atau pilih unit layanan di bawah.",
                        "No service matches. Try other words, or choose a service unit below.",
                    )}</p>
                })}
                <ServiceList services=results show_unit=true/>
            </section>
        }
    });
    let all_units = lang.count(data.unit_count, "unit layanan", "service unit", "service units");
    let units = if data.units.is_empty() && data.unit_count > 0 {
        view! {
            <p>{lang.t(
                "Cari layanan di atas, atau buka daftar semua unit layanan.",
                "Search for a service above, or open the list of every service unit.",
            )}</p>
            <p><a class="button button-secondary" href="/layanan">{match lang {
                Lang::Id => format!("Daftar {all_units}"),
                Lang::En => format!("All {all_units}"),
            }}</a></p>
        }.into_any()
    } else {
        view! { <ul class="card-grid">{data.units.into_iter().map(unit_card).collect::<Vec<_>>()}</ul> }.into_any()
    };
    let latest = data.latest.into_iter().map(|c| {
        let href = c.service.href();
        let label = match lang {
            Lang::Id => format!("Versi {} · berlaku {}", c.version.no, c.version.effective),
            Lang::En => format!("Version {} · in force from {}", c.version.no, c.version.effective),
        };
        view! {
            <li>
                <a href=href>{c.service.name}</a>
                <span class="muted">" — "{c.service.unit_name}</span>
                <br/><span class="muted">{label}</span>" "
                <VersionBadge state=c.version.state/>
            </li>
        }
    }).collect::<Vec<_>>();
    view! {
        {results}
        <section aria-labelledby="units-title">
            <h2 id="units-title">{lang.t("Unit layanan", "Service units")}</h2>
            {units}
        </section>
        <section aria-labelledby="latest-title">
            <h2 id="latest-title">{lang.t("Perubahan standar terbaru", "Latest changes to standards")}</h2>
            <ul class="plain-list">{latest}</ul>
        </section>
    }
}

/// A unit as a card: its name (a link to its page), address, services and time zone.
fn unit_card(u: UnitCard) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/layanan/{}", u.slug);
    let count = u.services_and_zone(lang);
    view! {
        <li class="card">
            <h3><a href=href>{u.name}</a></h3>
            <p class="muted">{u.address}</p>
            <p class="muted">{count}</p>
        </li>
    }
}

/// A one-field search as a plain GET form, so it works without JavaScript and its address
/// can be kept; the field shows what was asked.
#[component]
fn SearchForm(action: &'static str, name: &'static str, label: &'static str, placeholder: &'static str, button: &'static str) -> impl IntoView {
    let query = use_query_map();
    view! {
        <form method="get" action=action role="search" class="search-form">
            <label for=name>{label}</label>
            <div class="search-row">
                <input id=name name=name type="search" value=move || query.read().get(name).unwrap_or_default() placeholder=placeholder/>
                <button type="submit" class="button">{button}</button>
            </div>
        </form>
    }
}

/// Every service unit, by name, one line each, with a filter by name: a province's hundreds
/// of units without hundreds of cards.
#[component]
pub fn UnitDirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let data = Resource::new(move || query.read().get("nama"), get_unit_directory);
    view! {
        <Title text=lang.t("Unit layanan", "Service units")/>
        <div class="container">
            <h1>{lang.t("Unit layanan", "Service units")}</h1>
            <SearchForm action="/layanan" name="nama" label=lang.t("Saring menurut nama unit", "Filter by the unit's name")
                placeholder=lang.t("misalnya: disdukcapil", "for example: disdukcapil") button=lang.t("Saring", "Filter")/>
            <Loaded data=data page=move |d| view! { <UnitDirectoryBody data=d/> }.into_any()/>
        </div>
    }
}

#[component]
fn UnitDirectoryBody(data: UnitDirectory) -> impl IntoView {
    let lang = use_lang();
    let shown = data.units.len() as u64;
    let summary = match (lang, data.filter.is_empty()) {
        (_, true) => lang.count(data.total, "unit layanan", "service unit", "service units"),
        (Lang::Id, false) => format!("{shown} dari {} unit dengan nama memuat \u{201c}{}\u{201d}", data.total, data.filter),
        (Lang::En, false) => format!("{shown} of {} units with \u{201c}{}\u{201d} in the name", data.total, data.filter),
    };
    let rows = data.units.into_iter().map(|u| {
        let href = format!("/layanan/{}", u.slug);
        let count = u.services_and_zone(lang);
        view! { <li><a href=href>{u.name}</a>" "<span class="muted">{count}</span></li> }
    }).collect::<Vec<_>>();
    view! {
        <p role="status">{summary}</p>
        {(shown == 0).then(|| view! {
            <p>{lang.t(
                "Tidak ada unit dengan nama itu. Coba kata lain, atau cari layanannya di beranda.",
                "No unit has that name. Try other words, or search for the service on the home page.",
            )}</p>
        })}
        <ul class="directory">{rows}</ul>
    }
}

#[component]
fn ServiceList(services: Vec<ServiceCard>, show_unit: bool) -> impl IntoView {
    let lang = use_lang();
    let items = services.into_iter().map(|s| {
        let href = s.href();
        view! {
            <li class="card">
                <h3><a href=href>{s.name.clone()}</a></h3>
                {show_unit.then(|| view! { <p class="muted">{s.unit_name.clone()}</p> })}
                {let (summary, written_in) = summary_for(lang, &s.summary, &s.summary_en);
                    view! { <p lang=written_in>{summary.to_string()}</p> }}
                {(!s.has_standard).then(|| view! {
                    <p class="tag">{lang.t("Standar belum terbit", "Standard not yet published")}</p>
                })}
            </li>
        }
    }).collect::<Vec<_>>();
    view! { <ul class="card-grid">{items}</ul> }
}

#[component]
pub fn UnitPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let data = Resource::new(move || params.read().get("unit").unwrap_or_default(), get_unit_page);
    view! {
        <div class="container">
            <Loaded data=data page=move |d| view! {
                    <Title text=d.unit.name.clone() description={
                        let n = lang.count(d.services.len() as u64, "layanan", "service", "services");
                        match lang {
                            Lang::Id => format!("Standar pelayanan {n} {} ({}): persyaratan, prosedur, waktu, biaya, konsultasi, pengaduan dan janji temu.", d.unit.name, d.unit.address),
                            Lang::En => format!("Service standards of {n} of {} ({}): requirements, procedure, time, cost, questions, complaints and visits.", d.unit.name, d.unit.address),
                        }
                    }/>
                    <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb">
                        <a href="/">{lang.t("Beranda", "Home")}</a>
                    </nav>
                    <h1>{d.unit.name.clone()}</h1>
                    <p class="muted">{d.unit.address.clone()}" · "{d.unit.zone.clone()}</p>
                    <h2>{lang.t("Layanan", "Services")}</h2>
                    <ServiceList services=d.services show_unit=false/>
                    <crate::satisfaction::pages::IndexOnUnitPage slug=d.unit.slug.clone()/>
                    <Maklumat html=d.maklumat_html/>
                }.into_any()/>
        </div>
    }
}

#[component]
fn Maklumat(html: String) -> impl IntoView {
    let lang = use_lang();
    (!html.trim().is_empty()).then(|| view! {
        <section class="maklumat" aria-labelledby="maklumat-title">
            <h2 id="maklumat-title">{lang.t("Maklumat Pelayanan", "Service pledge (Maklumat Pelayanan)")}</h2>
            <div class="prose" inner_html=html></div>
        </section>
    })
}

#[component]
pub fn VersionBadge(state: VersionState) -> impl IntoView {
    let lang = use_lang();
    let (class, text) = match state {
        VersionState::InForce => ("badge badge-ok", lang.t("Berlaku", "In force")),
        VersionState::Upcoming => ("badge badge-soon", lang.t("Akan berlaku", "Upcoming")),
        VersionState::Superseded => ("badge", lang.t("Sudah diganti", "Superseded")),
        VersionState::Draft => ("badge badge-draft", lang.t("Draf", "Draft")),
    };
    view! { <span class=class>{text}</span> }
}

fn standard_params() -> impl Fn() -> (String, String, Option<i32>) + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        let p = params.read();
        (
            p.get("unit").unwrap_or_default(),
            p.get("service").unwrap_or_default(),
            p.get("no").and_then(|n| n.parse().ok()),
        )
    }
}

#[component]
pub fn StandardPage() -> impl IntoView {
    let params = standard_params();
    let query = use_query_map();
    let just_published = move || query.read().get("terbit").is_some();
    let data = Resource::new(params, |(u, s, n)| get_standard(u, s, n));
    view! {
        <div class="container">
            <Loaded data=data page=move |v| view! { <StandardDocument view=v published_notice=just_published() preview=false/> }.into_any()/>
        </div>
    }
}

/// The standard as citizens read it; also used for the manager's preview.
#[component]
pub fn StandardDocument(view: StandardView, published_notice: bool, preview: bool) -> impl IntoView {
    let lang = use_lang();
    let base = format!("/layanan/{}/{}", view.unit.slug, view.service_slug);
    let unit_href = format!("/layanan/{}", view.unit.slug);
    let print_href = format!("{base}/cetak");
    let report_href = format!("/lapor?unit={}&layanan={}", view.unit.slug, view.service_slug);
    let visit_href = format!("/janji/layanan/{}/{}", view.unit.slug, view.service_slug);
    let shown_no = view.shown.as_ref().map(|s| s.no);
    let (page_summary, summary_lang) = summary_for(lang, &view.summary, &view.summary_en);
    let (page_summary, summary_lang) = (page_summary.to_string(), summary_lang);
    let old_notice = match (&view.shown, view.in_force_no) {
        (Some(s), Some(cur)) if !preview && s.no != cur => Some(view! {
            <div class="notice notice-warn" role="note">
                <p><strong>{match lang {
                    Lang::Id => format!("Anda membaca versi {}, bukan versi yang berlaku.", s.no),
                    Lang::En => format!("You are reading version {}, not the one in force.", s.no),
                }}</strong>" "<a href=base.clone()>{lang.t("Baca versi yang berlaku", "Read the version in force")}</a></p>
            </div>
        }),
        _ => None,
    };
    let upcoming = view.upcoming.clone().filter(|_| !preview).map(|u| {
        let href = format!("{base}/versi/{}", u.no);
        view! {
            <div class="notice notice-info" role="note">
                <p><strong>{match lang {
                    Lang::Id => format!("Versi {} berlaku mulai {}.", u.no, u.effective),
                    Lang::En => format!("Version {} takes effect on {}.", u.no, u.effective),
                }}</strong>" "<a href=href>{lang.t("Baca versi baru", "Read the new version")}</a></p>
                {(!u.change_note.is_empty()).then(|| view! { <p>{u.change_note.clone()}</p> })}
            </div>
        }
    });
    let shown_line = view.shown.clone().map(|s| {
        let text = match (s.state, lang) {
            (VersionState::Draft, Lang::Id) => format!("Pratinjau versi {} (belum terbit)", s.no),
            (VersionState::Draft, Lang::En) => format!("Preview of version {} (not published)", s.no),
            (VersionState::Upcoming, Lang::Id) => format!("Versi {} · berlaku mulai {}", s.no, s.effective),
            (VersionState::Upcoming, Lang::En) => format!("Version {} · takes effect on {}", s.no, s.effective),
            (_, Lang::Id) => format!("Versi {} · berlaku sejak {}", s.no, s.effective),
            (_, Lang::En) => format!("Version {} · in force since {}", s.no, s.effective),
        };
        view! { <p class="version-line">{text}" "<VersionBadge state=s.state/></p> }
    });
    let body = if view.components.is_empty() {
        view! {
            <div class="notice notice-info" role="note">
                <p>{lang.t(
                    "Standar pelayanan untuk layanan ini belum diterbitkan.",
                    "The service standard for this service has not been published yet.",
                )}</p>
            </div>
        }.into_any()
    } else {
        // A service standard is a unit's legal text, published in Indonesian only.
        let in_indonesian = (lang == Lang::En).then(|| view! {
            <p class="notice notice-info" lang="en" id="standard-language">
                "This service standard is the unit's official text and is published in Indonesian only. Headings are translated; the text of each component is not."
            </p>
        });
        view! { {in_indonesian}<StandardBody components=view.components.clone()/> }.into_any()
    };
    let changes = (!view.changes.is_empty()).then(|| {
        let heading = match (view.previous_no, lang) {
            (Some(p), Lang::Id) => format!("Yang berubah dari versi {p}"),
            (Some(p), Lang::En) => format!("What changed from version {p}"),
            (None, _) => String::new(),
        };
        let names = view.changes.iter().map(|c| c.component.title(lang)).collect::<Vec<_>>().join(", ");
        let summary = match lang {
            Lang::Id => format!("{} komponen berubah: {names}", view.changes.len()),
            Lang::En => format!("{} components changed: {names}", view.changes.len()),
        };
        view! {
            <section class="changes" aria-labelledby="changes-title">
                <h2 id="changes-title">{heading}</h2>
                <details open=preview>
                    <summary>{summary}</summary>
                    <Changes changes=view.changes.clone()/>
                </details>
            </section>
        }
    });
    let no_changes = (view.changes.is_empty() && view.previous_no.is_some()).then(|| view! {
        <p class="muted">{lang.t("Tidak ada komponen yang berubah dari versi sebelumnya.", "No component changed from the previous version.")}</p>
    });
    let history = (!preview && !view.history.is_empty()).then(|| {
        let rows = view.history.iter().map(|h| {
            let href = format!("{base}/versi/{}", h.no);
            let current = Some(h.no) == shown_no;
            view! {
                <tr>
                    <td>{if current {
                        view! { <span aria-current="page">{format!("{} {}", lang.t("Versi", "Version"), h.no)}</span> }.into_any()
                    } else {
                        view! { <a href=href>{format!("{} {}", lang.t("Versi", "Version"), h.no)}</a> }.into_any()
                    }}</td>
                    <td data-label=lang.t("Berlaku", "Takes effect")>{h.effective.clone()}</td>
                    <td data-label=lang.t("Status", "Status")><VersionBadge state=h.state/></td>
                    <td data-label=lang.t("Ringkasan perubahan", "Summary of changes")>{h.change_note.clone()}</td>
                </tr>
            }
        }).collect::<Vec<_>>();
        view! {
            <section aria-labelledby="history-title">
                <h2 id="history-title">{lang.t("Riwayat versi", "Version history")}</h2>
                <div class="table-wrap">
                    <table class="stack-table">
                        <TableHead lang columns=&[("Versi", "Version"), ("Berlaku", "Takes effect"), ("Status", "Status"), ("Ringkasan perubahan", "Summary of changes")]/>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        <Title text=view.service_name.clone() description=page_summary.to_string()/>
        <nav aria-label=lang.t("Remah roti", "Breadcrumb") class="breadcrumb">
            <a href="/">{lang.t("Beranda", "Home")}</a>" › "<a href=unit_href>{view.unit.name.clone()}</a>
        </nav>
        {published_notice.then(|| view! {
            <div class="notice notice-ok" role="status">
                <p><strong>{lang.t("Standar pelayanan telah diterbitkan.", "The service standard has been published.")}</strong></p>
            </div>
        })}
        <h1>{view.service_name.clone()}</h1>
        <p class="lead" lang=summary_lang>{page_summary.to_string()}</p>
        {shown_line}
        {old_notice}
        {upcoming}
        {(!preview && !view.components.is_empty()).then(|| view! {
            <p class="actions-row">
                <a class="button" href=report_href>{lang.t("Tanya / adukan layanan ini", "Ask about / complain about this service")}</a>
                " "
                <a class="button button-secondary" href=visit_href>{lang.t("Buat janji temu di kantor", "Book a visit to the office")}</a>
                " "
                <a href=print_href>{lang.t("Versi cetak", "Printable version")}</a>
            </p>
        })}
        {changes}
        {no_changes}
        {body}
        <Maklumat html=view.maklumat_html.clone()/>
        {history}
    }
}

/// The 14 components in their two legal groups, with a table of contents.
#[component]
pub fn StandardBody(components: Vec<RenderedComponent>) -> impl IntoView {
    let lang = use_lang();
    let toc = components.iter().map(|c| {
        let href = format!("#{}", c.component.key());
        view! { <li><a href=href>{c.component.title(lang)}</a></li> }
    }).collect::<Vec<_>>();
    let group = |g: Group| {
        let items = components.iter().filter(|c| c.component.group() == g).map(|c| {
            view! {
                <section class="component" id=c.component.key() aria-labelledby=format!("{}-title", c.component.key())>
                    <h3 id=format!("{}-title", c.component.key())>
                        <span class="component-no">{c.component.number()}". "</span>{c.component.title(lang)}
                    </h3>
                    <div class="prose" inner_html=c.html.clone()></div>
                </section>
            }
        }).collect::<Vec<_>>();
        view! {
            <section class="component-group">
                <h2>{g.title(lang)}</h2>
                {items}
            </section>
        }
    };
    view! {
        <nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">{lang.t("Isi standar pelayanan", "Contents of the service standard")}</h2>
            <ol>{toc}</ol>
        </nav>
        {group(Group::Delivery)}
        {group(Group::Management)}
    }
}

/// What changed per component, item by item, as citizens read the text: each changed item
/// says in words what happened to it (new, removed, changed with its text before, moved),
/// and unchanged items stay as quiet context.
#[component]
pub fn Changes(changes: Vec<ComponentChange>) -> impl IntoView {
    let lang = use_lang();
    let pieces = |pieces: Vec<Piece>, removed: bool| {
        pieces
            .into_iter()
            .map(|p| match (p.changed, removed) {
                (false, _) => p.text.into_any(),
                (true, false) => view! { <ins>{p.text}</ins> }.into_any(),
                (true, true) => view! { <del>{p.text}</del> }.into_any(),
            })
            .collect::<Vec<_>>()
    };
    changes.into_iter().map(|c| {
        let items = c.items.into_iter().map(|i| {
            let no = i.number.map(|n| format!("{n}. "));
            let tag = |word: String| view! { <strong class="diff-tag">{word}</strong>" " };
            match i.change {
                ChangeKind::Same => view! { <li class="diff-same">{no}{pieces(i.now, false)}</li> }.into_any(),
                ChangeKind::Added => view! {
                    <li class="diff-add">{tag(lang.t("Baru", "New").into())}<ins>{no}{pieces(i.now, false)}</ins></li>
                }.into_any(),
                ChangeKind::Removed => view! {
                    <li class="diff-del">{tag(lang.t("Dihapus", "Removed").into())}<del>{no}{pieces(i.before, true)}</del></li>
                }.into_any(),
                ChangeKind::Changed => view! {
                    <li class="diff-changed">
                        {tag(lang.t("Diubah", "Changed").into())}{no.clone()}{pieces(i.now, false)}
                        <span class="diff-before">{lang.t("Sebelumnya: ", "Before: ")}{pieces(i.before, true)}</span>
                    </li>
                }.into_any(),
                ChangeKind::Moved { from } => {
                    let word = match (from, lang) {
                        (Some(n), Lang::Id) => format!("Dipindah dari langkah {n}"),
                        (Some(n), Lang::En) => format!("Moved from step {n}"),
                        (None, _) => lang.t("Dipindah", "Moved").into(),
                    };
                    view! { <li class="diff-moved">{tag(word)}{no}{pieces(i.now, false)}</li> }.into_any()
                }
            }
        }).collect::<Vec<_>>();
        view! {
            <div class="diff">
                <h3>{c.component.number()}". "{c.component.title(lang)}</h3>
                <ul class="diff-lines">{items}</ul>
            </div>
        }
    }).collect::<Vec<_>>()
}

#[component]
pub fn PrintPage() -> impl IntoView {
    let lang = use_lang();
    let params = standard_params();
    let data = Resource::new(params, |(u, s, _)| get_standard(u, s, None));
    view! {
        <div class="container print-layout">
            <Loaded data=data page=move |v| {
                    let back = format!("/layanan/{}/{}", v.unit.slug, v.service_slug);
                    let line = v.shown.as_ref().map(|s| match lang {
                        Lang::Id => format!("Versi {} · berlaku sejak {}", s.no, s.effective),
                        Lang::En => format!("Version {} · in force since {}", s.no, s.effective),
                    });
                    view! {
                        <Title text=v.service_name.clone()/>
                        <p class="no-print"><a href=back>{lang.t("Kembali ke halaman layanan", "Back to the service page")}</a>
                            " · "{lang.t("Gunakan menu cetak peramban Anda.", "Use your browser's print menu.")}</p>
                        <p class="muted">{v.unit.name.clone()}</p>
                        <h1>{v.service_name.clone()}</h1>
                        <p>{line}</p>
                        {if v.components.is_empty() {
                            view! { <p>{lang.t("Standar belum diterbitkan.", "The standard has not been published.")}</p> }.into_any()
                        } else {
                            view! { <StandardBody components=v.components.clone()/> }.into_any()
                        }}
                        <Maklumat html=v.maklumat_html.clone()/>
                    }.into_any()
                }/>
        </div>
    }
}
