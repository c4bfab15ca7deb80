//! The pages of this feature in the route table: Booking a visit, finding and moving it; the counter; booking settings.

pages! {
    /// Every page of this feature.
    BookingRoutes {
        "/janji" => super::pages::BookStartPage,
        "/janji/layanan/:unit/:service" => super::pages::SlotPage,
        "/janji/data" => super::pages::VisitorPage,
        "/janji/periksa" => super::pages::CheckBookingPage,
        "/janji/kode/:code" => super::pages::BookingPage,
        "/janji/cari" => super::pages::FindBookingPage,
        "/loket" => super::pages::CounterHome,
        "/loket/:unit" => super::pages::CounterDayPage,
        "/kelola/unit/:id/janji" => super::pages::BookingSettingsPage,
    }
}
