//! The pages of this feature in the route table: Rosters, working settings, staff and holidays.

pages! {
    /// Every page of this feature.
    RosterRoutes {
        "/kelola/unit/:id/jadwal" => super::pages::WeekPage,
        "/kelola/unit/:id/jadwal/cetak" => super::pages::RosterPrintPage,
        "/kelola/unit/:id/kerja" => super::pages::WorkSettingsPage,
        "/kelola/unit/:id/petugas" => super::pages::MembersSettingsPage,
        "/kelola/unit/:id/libur" => super::pages::HolidaysPage,
        "/admin/libur" => super::pages::HolidaysPage,
        "/jadwal-saya" => super::pages::MySchedulePage,
    }
}
