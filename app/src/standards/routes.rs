//! The pages of this feature in the route table: Finding a service and reading its standard; managers drafting and publishing.

pages! {
    /// Every page of this feature.
    StandardsRoutes {
        "/" => super::pages::HomePage,
        "/layanan" => super::pages::UnitDirectoryPage,
        "/layanan/:unit" => super::pages::UnitPage,
        "/layanan/:unit/:service" => super::pages::StandardPage,
        "/layanan/:unit/:service/versi/:no" => super::pages::StandardPage,
        "/layanan/:unit/:service/cetak" => super::pages::PrintPage,
        "/kelola" => super::manage::ManageHome,
        "/kelola/layanan/:id" => super::manage::EditDraftPage,
        "/kelola/layanan/:id/pratinjau" => super::manage::PreviewPage,
        "/kelola/layanan/:id/keterangan" => super::manage::ServiceDetailsPage,
        "/kelola/unit/:id/layanan-baru" => super::manage::NewServicePage,
        "/kelola/unit/:id/maklumat" => super::manage::MaklumatPage,
    }
}
