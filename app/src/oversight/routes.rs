//! The pages of this feature in the route table: The dashboards of a unit, of all units, and of one staff member.

pages! {
    /// Every page of this feature.
    OversightRoutes {
        "/kelola/unit/:id/kinerja" => super::pages::UnitDashboardPage,
        "/kelola/kinerja" => super::pages::AllUnitsDashboardPage,
        "/kinerja-saya" => super::pages::MyFiguresPage,
    }
}
