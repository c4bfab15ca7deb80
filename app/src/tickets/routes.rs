//! The pages of this feature in the route table: Reporting, tracking, the public register; the staff inbox and its settings.

pages! {
    /// Every page of this feature.
    TicketRoutes {
        "/lapor" => super::citizen::ReportPage,
        "/lapor/periksa" => super::citizen::CheckPage,
        "/lapor/terkirim" => super::citizen::SubmittedPage,
        "/lacak" => super::citizen::LookupPage,
        "/lacak/:code" => super::citizen::TicketPage,
        "/konfirmasi/:token" => super::citizen::ConfirmPage,
        "/laporan-publik" => super::citizen::RegisterPage,
        "/petugas" => super::staff::StaffHome,
        "/petugas/:unit" => super::staff::InboxPage,
        "/petugas/:unit/tiket/:id" => super::staff::StaffTicketPage,
        "/petugas/:unit/templat" => super::staff::TemplatesPage,
        "/kelola/unit/:id/laporan" => super::staff::ReportSettingsPage,
        "/admin/surat" => super::staff::FailedMailPage,
    }
}
