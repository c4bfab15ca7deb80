//! Demo data for development: three units in three time zones, their services with complete
//! standards (one with two versions and one with a version still to come), and accounts.
use app::auth::ssr::{create_demo_account, NewAccount};
use app::admin::ssr::set_membership;
use app::auth::Role;
use app::error::AppError;
use app::standards::ssr::{self as standards, DraftInput, Effective, NewService, ServiceDetails, Texts};
use app::standards::requirements::Requirements;
use app::standards::Component;
use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// The password of every demo account (development only; `seed-demo` refuses production).
pub use app::auth::DEMO_PASSWORD;

pub struct DemoUnit {
    slug: &'static str,
    name: &'static str,
    address: &'static str,
    timezone: &'static str,
    maklumat: &'static str,
    complaints: &'static str,
    law_common: &'static str,
    facilities: &'static str,
    competence: &'static str,
    supervision: &'static str,
    staff: &'static str,
    guarantee: &'static str,
    safety: &'static str,
    evaluation: &'static str,
}

pub struct DemoService {
    slug: &'static str,
    name: &'static str,
    summary: &'static str,
    keywords: &'static str,
    /// The summary and search words for English readers.
    summary_en: &'static str,
    keywords_en: &'static str,
    requirements: &'static str,
    /// Conditions to meet that are not documents to bring.
    conditions: &'static str,
    procedure: &'static str,
    time: &'static str,
    cost: &'static str,
    product: &'static str,
    law: &'static str,
}

fn texts(u: &DemoUnit, s: &DemoService) -> Texts {
    [
        (
            Component::Persyaratan,
            Requirements { documents: s.requirements.to_string(), conditions: s.conditions.to_string() }.compose(),
        ),
        (Component::Prosedur, s.procedure.to_string()),
        (Component::JangkaWaktu, s.time.to_string()),
        (Component::Biaya, s.cost.to_string()),
        (Component::Produk, s.product.to_string()),
        (Component::Pengaduan, u.complaints.to_string()),
        (Component::DasarHukum, format!("{}\n{}", s.law, u.law_common)),
        (Component::Sarana, u.facilities.to_string()),
        (Component::Kompetensi, u.competence.to_string()),
        (Component::PengawasanInternal, u.supervision.to_string()),
        (Component::JumlahPelaksana, u.staff.to_string()),
        (Component::JaminanPelayanan, u.guarantee.to_string()),
        (Component::JaminanKeamanan, u.safety.to_string()),
        (Component::EvaluasiKinerja, u.evaluation.to_string()),
    ]
    .into_iter()
    .collect()
}

const LAW_PUBLIC_SERVICE: &str = "- Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik\n- Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan\n- Surat Edaran Menteri PANRB Nomor 58 Tahun 2020 tentang Penyesuaian Sistem Kerja ASN dalam Tatanan Normal Baru";

pub fn units() -> Vec<(DemoUnit, Vec<DemoService>)> {
    vec![
        (
            DemoUnit {
                slug: "disdukcapil-balikpapan",
                name: "Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan",
                address: "Jl. Jenderal Sudirman No. 1, Balikpapan, Kalimantan Timur",
                timezone: "Asia/Makassar",
                maklumat: "**Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.**\n\nBalikpapan, 8 Juni 2020\n\nKepala Dinas Kependudukan dan Pencatatan Sipil Kota Balikpapan",
                complaints: "- Portal ini: menu **Tanya / Adukan layanan ini**, dengan kode pelacakan\n- SP4N-LAPOR!: www.lapor.go.id\n- Kotak pengaduan di ruang tunggu\n\nPengaduan diverifikasi paling lambat **3 hari kerja** dan ditindaklanjuti paling lambat **5 hari kerja**.",
                law_common: LAW_PUBLIC_SERVICE,
                facilities: "- Ruang tunggu ber-AC dengan kursi berjarak 1,5 meter (kapasitas 20 orang)\n- Tempat cuci tangan dan penyanda tangan\n- Loket prioritas untuk lansia, ibu hamil dan penyandang disabilitas\n- Jalur kursi roda dan toilet difabel\n- Layanan daring melalui portal ini",
                competence: "- Memahami peraturan administrasi kependudukan\n- Mampu mengoperasikan SIAK Terpusat\n- Berkomunikasi dengan santun dan jelas",
                supervision: "- Pengawasan atasan langsung setiap hari\n- Pemeriksaan oleh Inspektorat Kota setiap tahun",
                staff: "12 orang, dibagi dalam dua sif kerja di kantor (WFO) dan rumah (WFH) sesuai ketentuan normal baru.",
                guarantee: "Pelayanan diberikan sesuai standar, tanpa pungutan liar. Dokumen yang tidak selesai tepat waktu karena kelalaian petugas diantar ke alamat pemohon.",
                safety: "- Protokol kesehatan: masker, cek suhu, jaga jarak\n- Pengunjung di ruang layanan dibatasi sesuai luas ruangan\n- Data pribadi dijaga kerahasiaannya",
                evaluation: "- Survei Kepuasan Masyarakat (SKM) setiap triwulan\n- Evaluasi kinerja petugas setiap bulan oleh kepala bidang",
            },
            vec![
                DemoService {
                    slug: "akta-kelahiran",
                    name: "Akta Kelahiran",
                    summary: "Penerbitan kutipan akta kelahiran untuk anak yang lahir di Kota Balikpapan.",
                    keywords: "lahir bayi anak akta kelahiran",
                    summary_en: "Issuing a birth certificate extract for children born in Balikpapan.",
                    keywords_en: "birth certificate, newborn, baby, child",
                    requirements: "1. Surat keterangan lahir dari rumah sakit, puskesmas, atau bidan\n2. Kartu Keluarga (KK) asli\n3. KTP-el kedua orang tua\n4. Buku nikah atau akta perkawinan orang tua\n5. Surat pengantar RT dan kelurahan",
                    conditions: "",
                    procedure: "1. Pemohon datang ke loket pendaftaran dan mengambil nomor antrean\n2. Petugas memeriksa kelengkapan berkas\n3. Petugas memasukkan data ke SIAK\n4. Kepala bidang menandatangani akta\n5. Pemohon mengambil akta di loket pengambilan",
                    time: "3 (tiga) hari kerja sejak berkas lengkap.",
                    cost: "Rp 0 (gratis).",
                    product: "Kutipan Akta Kelahiran.",
                    law: "- Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas UU Nomor 23 Tahun 2006 tentang Administrasi Kependudukan\n- Peraturan Presiden Nomor 96 Tahun 2018",
                },
                DemoService {
                    slug: "kartu-keluarga",
                    name: "Kartu Keluarga",
                    summary: "Penerbitan Kartu Keluarga baru, perubahan data, atau karena hilang atau rusak.",
                    keywords: "kk kartu keluarga pindah tambah anggota",
                    summary_en: "Issuing a new family card, changing its data, or replacing a lost or damaged one.",
                    keywords_en: "family card, household, family register, moving",
                    requirements: "1. Kartu Keluarga lama (jika perubahan)\n2. Buku nikah atau akta perkawinan\n3. Surat keterangan pindah (jika pindah datang)\n4. Surat keterangan hilang dari kepolisian (jika hilang)",
                    conditions: "",
                    procedure: "1. Pemohon mengisi formulir F-1.01 secara daring di portal ini atau di loket\n2. Petugas memverifikasi berkas\n3. Kartu Keluarga dicetak dan ditandatangani secara elektronik\n4. Kartu Keluarga dikirim melalui surel dalam bentuk PDF untuk dicetak sendiri",
                    time: "1 (satu) hari kerja sejak berkas lengkap.",
                    cost: "Rp 0 (gratis).",
                    product: "Kartu Keluarga (dokumen elektronik bertanda tangan elektronik).",
                    law: "- Undang-Undang Nomor 24 Tahun 2013\n- Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019",
                },
                DemoService {
                    slug: "ktp-el",
                    name: "KTP Elektronik",
                    summary: "Perekaman dan pencetakan KTP-el bagi penduduk berusia 17 tahun atau sudah menikah.",
                    keywords: "ktp e-ktp ktp-el kartu tanda penduduk rekam",
                    summary_en: "Recording and issuing the electronic identity card (KTP-el).",
                    keywords_en: "identity card, ID card, national ID, e-ID",
                    requirements: "1. Kartu Keluarga",
                    conditions: "- Berusia 17 tahun atau sudah/pernah menikah\n- Datang sendiri untuk perekaman (tidak dapat diwakilkan)",
                    procedure: "1. Pemohon membuat janji temu perekaman\n2. Petugas merekam foto, sidik jari, iris mata dan tanda tangan\n3. KTP-el dicetak setelah data terverifikasi pusat\n4. Pemohon mengambil KTP-el sesuai jadwal",
                    time: "Perekaman 15 menit; pencetakan 1 (satu) hari kerja setelah verifikasi pusat.",
                    cost: "Rp 0 (gratis).",
                    product: "Kartu Tanda Penduduk Elektronik (KTP-el).",
                    law: "- Undang-Undang Nomor 24 Tahun 2013",
                },
            ],
        ),
        (
            DemoUnit {
                slug: "dpmptsp-bandung",
                name: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Bandung",
                address: "Jl. Cianjur No. 34, Bandung, Jawa Barat",
                timezone: "Asia/Jakarta",
                maklumat: "**Kami sanggup memberikan pelayanan perizinan yang cepat, mudah, transparan dan tanpa pungutan liar sesuai standar pelayanan.**\n\nBandung, 15 Juni 2020\n\nKepala DPMPTSP Kota Bandung",
                complaints: "- Portal ini, dengan kode pelacakan\n- SP4N-LAPOR!\n- Layanan pesan singkat 0811-0000-0000 (hari kerja, 08.00–15.00 WIB)\n\nVerifikasi paling lambat **3 hari kerja**, tindak lanjut paling lambat **5 hari kerja**, penyelesaian paling lambat **14 hari kerja**.",
                law_common: LAW_PUBLIC_SERVICE,
                facilities: "- Mal Pelayanan Publik dengan 8 loket; 4 dibuka selama normal baru\n- Ruang tunggu berjarak, kapasitas 30 orang\n- Komputer swalayan untuk pengajuan daring\n- Loket prioritas dan akses kursi roda",
                competence: "- Memahami Perizinan Berusaha Berbasis Risiko (OSS-RBA)\n- Memahami tata ruang dan bangunan gedung\n- Bersertifikat pelayanan prima",
                supervision: "- Pengawasan kepala bidang\n- Audit Inspektorat dan Ombudsman RI Perwakilan Jawa Barat",
                staff: "20 orang; paling banyak separuh bertugas di kantor setiap sif.",
                guarantee: "Izin terbit tepat waktu sesuai standar; keterlambatan karena petugas dilaporkan kepada pimpinan dan pemohon diberi tahu.",
                safety: "- Protokol kesehatan ketat\n- Antrean daring untuk mengurangi kerumunan\n- Dokumen disimpan pada sistem yang aman",
                evaluation: "- SKM setiap semester\n- Penilaian kinerja bulanan berbasis jumlah dan ketepatan waktu layanan",
            },
            vec![
                DemoService {
                    slug: "persetujuan-bangunan-gedung",
                    name: "Persetujuan Bangunan Gedung (PBG)",
                    summary: "Persetujuan untuk membangun baru, mengubah, memperluas atau merawat bangunan gedung.",
                    keywords: "imb pbg izin bangun rumah gedung",
                    summary_en: "Building approval (PBG) for houses and other buildings.",
                    keywords_en: "building permit, construction, house, building approval",
                    requirements: "- Data pemohon dan bukti kepemilikan tanah\n- Gambar rencana arsitektur, struktur dan utilitas\n- Kesesuaian Kegiatan Pemanfaatan Ruang (KKPR)\n- Dokumen lingkungan sesuai skala",
                    conditions: "",
                    procedure: "1. Pemohon mengajukan melalui SIMBG\n2. Pemeriksaan dokumen oleh Tim Profesi Ahli\n3. Konsultasi teknis secara daring\n4. Penetapan retribusi\n5. Pembayaran retribusi\n6. Penerbitan PBG",
                    time: "Paling lama 28 (dua puluh delapan) hari kerja sejak dokumen lengkap.",
                    cost: "Retribusi PBG sesuai Peraturan Daerah tentang Pajak Daerah dan Retribusi Daerah.",
                    product: "Persetujuan Bangunan Gedung (PBG) elektronik.",
                    law: "- Peraturan Pemerintah Nomor 16 Tahun 2021 tentang Bangunan Gedung",
                },
                DemoService {
                    slug: "izin-praktik-tenaga-kesehatan",
                    name: "Surat Izin Praktik Tenaga Kesehatan",
                    summary: "Izin praktik bagi dokter, bidan, perawat dan tenaga kesehatan lain di Kota Bandung.",
                    keywords: "sip dokter bidan perawat izin praktik",
                    summary_en: "Practice licences for doctors, midwives and nurses.",
                    keywords_en: "practice licence, doctor, midwife, nurse, medical licence",
                    requirements: "1. Surat Tanda Registrasi (STR) yang masih berlaku\n2. Surat keterangan dari fasilitas pelayanan kesehatan tempat praktik\n3. Rekomendasi organisasi profesi\n4. Pas foto berwarna",
                    conditions: "",
                    procedure: "1. Pengajuan daring melalui portal perizinan\n2. Verifikasi berkas oleh petugas\n3. Persetujuan Dinas Kesehatan\n4. Penerbitan izin dengan tanda tangan elektronik",
                    time: "5 (lima) hari kerja sejak berkas lengkap.",
                    cost: "Rp 0 (gratis).",
                    product: "Surat Izin Praktik (SIP) elektronik.",
                    law: "- Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
                },
            ],
        ),
        (
            DemoUnit {
                slug: "rsud-jayapura",
                name: "RSUD Jayapura",
                address: "Jl. Kesehatan No. 1, Dok II, Jayapura, Papua",
                timezone: "Asia/Jayapura",
                maklumat: "**Kami berjanji melayani setiap pasien dengan ramah, aman dan sesuai standar pelayanan, tanpa membedakan suku, agama dan golongan.**\n\nJayapura, 1 Juli 2020\n\nDirektur RSUD Jayapura",
                complaints: "- Portal ini, dengan kode pelacakan\n- SP4N-LAPOR!\n- Unit Pengaduan di lobi utama (setiap hari 08.00–14.00 WIT)\n\nVerifikasi paling lambat **2 hari kerja**; jawaban paling lambat **5 hari kerja**.",
                law_common: LAW_PUBLIC_SERVICE,
                facilities: "- Ruang tunggu rawat jalan dengan kursi berjarak\n- Ruang skrining sebelum masuk\n- Kursi roda dan pendamping untuk pasien lansia dan disabilitas\n- Pendaftaran daring",
                competence: "- Tenaga kesehatan bersertifikat kompetensi (STR)\n- Petugas pendaftaran terlatih komunikasi efektif",
                supervision: "- Komite Mutu rumah sakit\n- Dewan Pengawas RSUD",
                staff: "Pendaftaran: 8 orang dalam dua sif.",
                guarantee: "Setiap pasien yang terdaftar dilayani pada hari yang sama.",
                safety: "- Skrining gejala di pintu masuk\n- Pemisahan alur pasien infeksius\n- Rahasia medis dijamin",
                evaluation: "- SKM setiap triwulan\n- Indikator mutu nasional dilaporkan setiap bulan",
            },
            vec![
                DemoService {
                    slug: "pendaftaran-rawat-jalan",
                    name: "Pendaftaran Rawat Jalan",
                    summary: "Pendaftaran pasien untuk berobat ke poliklinik rawat jalan.",
                    keywords: "daftar berobat poli poliklinik dokter bpjs",
                    summary_en: "Registering for an outpatient visit to a clinic, with or without BPJS.",
                    keywords_en: "outpatient, clinic, doctor appointment, health insurance, registration",
                    requirements: "1. KTP-el atau identitas lain\n2. Kartu BPJS Kesehatan atau Kartu Indonesia Sehat (bagi peserta)\n3. Surat rujukan dari puskesmas (bagi peserta BPJS)",
                    conditions: "",
                    procedure: "1. Daftar daring sehari sebelumnya atau datang ke loket pendaftaran\n2. Skrining kesehatan di pintu masuk\n3. Verifikasi berkas di loket\n4. Menunggu panggilan di poliklinik tujuan",
                    time: "Pendaftaran paling lama 15 menit.",
                    cost: "- Peserta BPJS Kesehatan: Rp 0\n- Pasien umum: sesuai Peraturan Daerah tentang tarif layanan RSUD",
                    product: "Nomor antrean dan berkas rekam medis rawat jalan.",
                    law: "- Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan",
                },
                DemoService {
                    slug: "surat-keterangan-sehat",
                    name: "Surat Keterangan Sehat",
                    summary: "Pemeriksaan kesehatan umum dan surat keterangan sehat untuk keperluan kerja atau sekolah.",
                    keywords: "surat sehat keterangan dokter",
                    summary_en: "A doctor's health certificate for work, school or travel.",
                    keywords_en: "health certificate, medical certificate, doctor's note",
                    requirements: "1. KTP-el atau kartu pelajar\n2. Pas foto 3x4 (2 lembar)",
                    conditions: "",
                    procedure: "1. Daftar di loket rawat jalan\n2. Pemeriksaan tanda vital dan fisik oleh dokter\n3. Surat diterbitkan dan ditandatangani dokter",
                    time: "Paling lama 1 (satu) jam.",
                    cost: "Rp 50.000 sesuai Peraturan Daerah tentang tarif layanan RSUD.",
                    product: "Surat Keterangan Sehat.",
                    law: "- Peraturan Daerah tentang Retribusi Jasa Umum",
                },
            ],
        ),
    ]
}

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 1, 0, 0).single().unwrap_or_else(Utc::now)
}

async fn publish_texts(
    db: &DatabaseConnection,
    service_id: i32,
    texts: Texts,
    note: &str,
    actor: i32,
    when: DateTime<Utc>,
    effective: Effective,
) -> Result<(), AppError> {
    let input = DraftInput { change_note: note.into(), components: texts };
    let revision = match standards::draft_of(db, service_id).await? {
        Some(d) => d.revision,
        None => 0,
    };
    standards::save_draft(db, service_id, revision, &input, actor, when).await?;
    let draft = standards::draft_of(db, service_id).await?.ok_or(AppError::Internal)?;
    standards::publish(db, service_id, draft.revision, effective, actor, app::i18n::Lang::Id, when).await?;
    Ok(())
}

/// Fills an empty database with the demo. Does nothing when units already exist.
pub async fn seed(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<bool, AppError> {
    use app::ssr::entities::unit;
    if unit::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    let admin = create_demo_account(
        db,
        NewAccount { name: "Admin Portal".into(), email: "admin@layanan.go.id".into(), password: DEMO_PASSWORD.into(), is_admin: true },
        now,
    )
    .await?;
    for (i, (u, services)) in units().into_iter().enumerate() {
        let created = app::admin::ssr::create_unit(
            db,
            app::admin::ssr::NewUnit {
                name: u.name.into(),
                slug: u.slug.into(),
                address: u.address.into(),
                timezone: u.timezone.into(),
                working_days: vec![1, 2, 3, 4, 5],
            },
            Some(admin.id),
            now,
        )
        .await?;
        standards::save_maklumat(db, created.id, u.maklumat, admin.id, now).await?;
        let short = ["capil", "ptsp", "rsud"][i];
        let manager = create_demo_account(
            db,
            NewAccount {
                name: format!("Pimpinan {}", ["Disdukcapil", "DPMPTSP", "RSUD"][i]),
                email: format!("pimpinan.{short}@layanan.go.id"),
                password: DEMO_PASSWORD.into(),
                is_admin: false,
            },
            now,
        )
        .await?;
        set_membership(db, manager.id, created.id, Role::Manager, Some(admin.id), now).await?;
        let staff = create_demo_account(
            db,
            NewAccount {
                name: format!("Petugas {}", ["Disdukcapil", "DPMPTSP", "RSUD"][i]),
                email: format!("petugas.{short}@layanan.go.id"),
                password: DEMO_PASSWORD.into(),
                is_admin: false,
            },
            now,
        )
        .await?;
        set_membership(db, staff.id, created.id, Role::Staff, Some(admin.id), now).await?;

        for s in &services {
            let svc = standards::create_service(
                db,
                created.id,
                NewService {
                    slug: s.slug.into(),
                    details: ServiceDetails {
                        name: s.name.into(),
                        summary: s.summary.into(),
                        keywords: s.keywords.into(),
                        summary_en: s.summary_en.into(),
                        keywords_en: s.keywords_en.into(),
                    },
                },
                manager.id,
                now,
            )
            .await?;
            let current = texts(&u, s);
            if s.slug == "akta-kelahiran" {
                // Before the new normal: paper forms at the counter, a longer wait.
                let mut before = current.clone();
                before.insert(
                    Component::Persyaratan,
                    Requirements { documents: format!("{}\n6. Dua orang saksi kelahiran dengan fotokopi KTP", s.requirements), conditions: s.conditions.to_string() }.compose(),
                );
                before.insert(Component::Prosedur, "1. Pemohon mengambil formulir di loket\n2. Pemohon mengisi formulir dan menyerahkan berkas\n3. Petugas memeriksa kelengkapan berkas\n4. Kepala bidang menandatangani akta\n5. Pemohon mengambil akta di loket pengambilan".into());
                before.insert(Component::JangkaWaktu, "7 (tujuh) hari kerja sejak berkas lengkap.".into());
                before.insert(Component::JaminanKeamanan, "- Ruang layanan dijaga petugas keamanan\n- Data pribadi dijaga kerahasiaannya".into());
                publish_texts(db, svc.id, before, "Standar awal.", manager.id, at(2020, 3, 2), Effective::Now).await?;
                publish_texts(
                    db,
                    svc.id,
                    current,
                    "Normal baru: pengajuan daring, saksi tidak lagi diperlukan, waktu penyelesaian 3 hari kerja, protokol kesehatan.",
                    manager.id,
                    at(2020, 6, 8),
                    Effective::Now,
                )
                .await?;
            } else if s.slug == "ktp-el" {
                publish_texts(db, svc.id, current.clone(), "Standar normal baru.", manager.id, at(2020, 6, 8), Effective::Now).await?;
                let mut next = current;
                next.insert(Component::Prosedur, "1. Pemohon membuat janji temu perekaman melalui portal ini\n2. Petugas merekam foto, sidik jari, iris mata dan tanda tangan\n3. KTP-el dicetak setelah data terverifikasi pusat\n4. KTP-el dapat diambil di kelurahan terdekat atau di kantor dinas".into());
                let now = now;
                publish_texts(
                    db,
                    svc.id,
                    next,
                    "KTP-el dapat diambil di kelurahan terdekat.",
                    manager.id,
                    now,
                    Effective::At(now + Duration::days(30)),
                )
                .await?;
            } else {
                publish_texts(db, svc.id, current, "Standar normal baru.", manager.id, at(2020, 6, 15), Effective::Now).await?;
            }
        }
        if i == 0 {
            seed_reports(db, &created, staff.id, now).await?;
        }
    }
    Ok(true)
}

/// A few reports at Disdukcapil: one answered consultation that shows in the public register,
/// one anonymous complaint and one new question waiting in the inbox.
async fn seed_reports(db: &DatabaseConnection, unit: &app::ssr::entities::unit::Model, staff_id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    use app::ssr::entities::verified_email;
    use app::tickets::ssr as tickets;
    use app::tickets::{ReportAnswers, Status};
    use sea_orm::{ActiveModelTrait, Set};
    let env = tickets::Env { public_url: "http://127.0.0.1:3000" };
    for email in ["rina@contoh.id", "warga@contoh.id", "andi@contoh.id"] {
        verified_email::ActiveModel { email: Set(email.into()), verified_at: Set(now) }.insert(db).await?;
    }
    let report = |kind: &str, service: &str, subject: &str, body: &str, name: &str, email: &str, anonymous: bool, confidential: bool| ReportAnswers {
        kind: kind.into(),
        unit: unit.slug.clone(),
        service: service.into(),
        subject: subject.into(),
        body: body.into(),
        name: name.into(),
        email: email.into(),
        anonymous,
        confidential,
        ..Default::default()
    };
    let staff = app::auth::ssr::load_user(db, staff_id).await?.ok_or(AppError::Internal)?;
    let answered = tickets::submit(
        db,
        &report(
            "konsultasi",
            "akta-kelahiran",
            "Akta kelahiran anak yang lahir di luar kota",
            "Anak saya lahir di Samarinda, tetapi kami berdomisili di Balikpapan. Apakah akta kelahiran bisa diurus di Balikpapan?",
            "Rina Wulandari",
            "rina@contoh.id",
            false,
            false,
        ),
        "demo-1",
        app::i18n::Lang::Id,
        &env,
        now,
    )
    .await?;
    let (u, t) = tickets::ticket_for_staff(db, &staff, &unit.slug, answered.ticket_id).await?;
    tickets::reply(
        db,
        &staff,
        &u,
        &t,
        tickets::ReplyInput {
            body: "Bisa. Akta kelahiran diterbitkan oleh Disdukcapil tempat domisili keluarga sesuai Kartu Keluarga. Bawa surat keterangan lahir dari rumah sakit di Samarinda, KK dan KTP-el kedua orang tua.",
            internal: false,
            sign_with_name: false,
            then: Some(Status::Resolved),
        },
        &env,
        now,
    )
    .await?;
    // Read by the staff member and published, masked, in the public register.
    let (_, t) = tickets::ticket_for_staff(db, &staff, &unit.slug, answered.ticket_id).await?;
    let (subject, body) = tickets::publication_draft(&t);
    tickets::publish(db, &staff, &t, &subject, &body, now).await?;
    tickets::submit(
        db,
        &report(
            "pengaduan",
            "ktp-el",
            "Diminta membayar untuk mempercepat KTP-el",
            "Saat mengambil antrean perekaman KTP-el, seseorang di depan loket menawarkan jalur cepat dengan membayar Rp 100.000.",
            "Warga Balikpapan",
            "warga@contoh.id",
            true,
            true,
        ),
        "demo-2",
        app::i18n::Lang::Id,
        &env,
        now,
    )
    .await?;
    tickets::submit(
        db,
        &report(
            "informasi",
            "",
            "Jadwal pelayanan keliling bulan depan",
            "Mohon informasi jadwal pelayanan keliling (jemput bola) untuk Kelurahan Manggar bulan depan.",
            "Andi Saputra",
            "andi@contoh.id",
            false,
            false,
        )
        .clone(),
        "demo-3",
        app::i18n::Lang::Id,
        &env,
        now,
    )
    .await?;
    Ok(())
}

/// Rosters for this week and the next three in every demo unit: the staff member on the
/// online desk from home in both shifts, the manager at the counter in the office in both
/// shifts. Kept apart from `seed` so that tests choose their own rosters.
pub async fn seed_rosters(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), AppError> {
    use app::rosters::{cell_key, ssr as rosters, Cell, Duty, Mode};
    use app::ssr::entities::{unit, unit_member};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let admin = app::ssr::entities::user::Entity::find()
        .filter(app::ssr::entities::user::Column::IsAdmin.eq(true))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    for u in unit::Entity::find().all(db).await? {
        let members = unit_member::Entity::find().filter(unit_member::Column::UnitId.eq(u.id)).all(db).await?;
        let shifts = rosters::shifts_of(db, u.id).await?;
        let today = now.with_timezone(&app::ssr::timefmt::tz(&u.timezone)).date_naive();
        let monday = rosters::monday_of(today);
        for week in 0..4 {
            let start = monday + Duration::days(7 * week);
            let mut cells = std::collections::BTreeMap::new();
            for day in 0..5 {
                let date = (start + Duration::days(day)).to_string();
                for s in &shifts {
                    for m in &members {
                        let cell = match m.role.as_str() {
                            "manager" => Cell { mode: Mode::Wfo, duty: Duty::Counter },
                            _ => Cell { mode: Mode::Wfh, duty: Duty::Desk },
                        };
                        cells.insert(cell_key(m.user_id, &date, s.id), cell.code());
                    }
                }
            }
            rosters::save_week(db, admin.id, &u, start, &cells, app::i18n::Lang::Id, now).await?;
        }
    }
    Ok(())
}

/// A service room in every demo unit (40 m² at 4 m² per visitor: ten at once), one counter
/// serving four visitors per half-hour slot, and a few visitors booked for today and the
/// next day (when the office is open then), so that the counter has people to check in.
/// The demo's service room: 40 m² at 4 m² per visitor, ten visitors at once.
pub fn service_room(unit_id: i32) -> app::ssr::entities::room::ActiveModel {
    use sea_orm::Set;
    app::ssr::entities::room::ActiveModel {
        unit_id: Set(unit_id),
        name: Set("Ruang pelayanan".into()),
        area_m2: Set(40.0),
        rule: Set("area".into()),
        m2_per_visitor: Set(4.0),
        max_visitors: Set(0),
        active: Set(true),
        ..Default::default()
    }
}

pub async fn seed_bookings(db: &DatabaseConnection, public_url: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    use app::bookings::{ssr as bk, Visitor};
    use app::ssr::entities::{booking_setting, room, service, unit};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let env = app::tickets::ssr::Env { public_url };
    for u in unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await? {
        if room::Entity::find().filter(room::Column::UnitId.eq(u.id)).one(db).await?.is_some() {
            continue;
        }
        service_room(u.id).insert(db).await?;
        let mut s = bk::settings_of(db, u.id).await?;
        s.per_counter = 4;
        booking_setting::Entity::delete_by_id(u.id).exec(db).await?;
        booking_setting::ActiveModel::from(s).insert(db).await?;
        let Some(svc) = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).order_by_asc(service::Column::Id).one(db).await? else {
            continue;
        };
        let today = bk::today(&u, now);
        let visitors = [
            (0, "08:00", "Budi Santoso"),
            (0, "08:30", "Rina Wulandari"),
            (0, "13:00", "Ahmad Fauzi"),
            (1, "09:00", "Dewi Lestari"),
        ];
        for (i, (days, starts, name)) in visitors.into_iter().enumerate() {
            let day = today + Duration::days(days);
            // Booked the evening before, as people do.
            let booked_at = app::ssr::timefmt::tz(&u.timezone)
                .from_local_datetime(&(day - Duration::days(1)).and_hms_opt(19, 0, 0).unwrap_or_default())
                .single()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(now);
            let first = name.split(' ').next().unwrap_or("warga").to_lowercase();
            let v = Visitor { name: name.into(), email: format!("{first}.{}@contoh.id", u.slug), phone: format!("08115550{:02}{i:02}", u.id) };
            let nb = bk::NewBooking { unit: &u, service: &svc, slot: (day, starts.into()), visitor: &v, lang: app::i18n::Lang::Id, submission_key: &format!("demo-{}-{i}", u.id) };
            // A day the office is closed (a weekend, a holiday) simply has no demo visitors.
            let _ = bk::book(db, &env, nb, booked_at).await;
        }
    }
    Ok(())
}

/// Answers to the satisfaction survey in every demo unit over the last four months, so
/// that the dashboards and the public pages have an index to show. Deterministic: the
/// same answers every time.
pub async fn seed_survey(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), AppError> {
    use app::ssr::entities::{service, survey_response, unit};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
    if survey_response::Entity::find().count(db).await? > 0 {
        return Ok(());
    }
    let now = now;
    let suggestions = [
        "Mohon tambah kursi di ruang tunggu.",
        "Petugas ramah, antrean daring memudahkan.",
        "Informasi persyaratan di situs perlu diperbarui.",
    ];
    for (ui, u) in unit::Entity::find().order_by_asc(unit::Column::Id).all(db).await?.into_iter().enumerate() {
        let services = service::Entity::find().filter(service::Column::UnitId.eq(u.id)).order_by_asc(service::Column::Id).all(db).await?;
        for i in 0..36usize {
            // Mostly 3 and 4, some 2; each unit a little different.
            let score = |e: usize| -> i32 { [3, 4, 3, 2, 4, 3, 4][(i * 3 + e * 5 + ui) % 7] };
            let at = now - Duration::hours(3 * 24 * i as i64 + 5);
            let at = chrono::DateTime::from_timestamp(at.timestamp() - at.timestamp().rem_euclid(3600), 0).unwrap_or(at);
            let source = if i % 3 == 0 { "ticket" } else { "visit" };
            let service_id = services.get(i % services.len().max(1)).map(|s| s.id);
            // Every demo service is free of charge: U4 is always 4.
            let scores = [score(0), score(1), score(2), 4, score(4), score(5), score(6), score(7), score(8)];
            let mut answer = survey_response::ActiveModel::scored(u.id, service_id, source, at, scores);
            answer.age = Set((i % 4 != 0).then_some(20 + (i as i32 * 7) % 45));
            answer.gender = Set((i % 5 != 0).then(|| if i % 2 == 0 { "P" } else { "L" }.to_string()));
            answer.education = Set((i % 3 != 1).then(|| ["SMA", "S1", "D", "SMP"][i % 4].to_string()));
            answer.occupation = Set((i % 3 != 2).then(|| ["SWASTA", "WIRAUSAHA", "PNS", "LAINNYA"][i % 4].to_string()));
            answer.suggestion = Set(if i % 6 == 0 { suggestions[i / 6 % 3].to_string() } else { String::new() });
            answer
            .insert(db)
            .await?;
        }
    }
    Ok(())
}
