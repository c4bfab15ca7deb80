//! The pages of this feature in the route table: API keys and the developers' page.

pages! {
    /// Every page of this feature.
    Open311Routes {
        "/admin/open311" => super::pages::ApiKeysPage,
        "/pengembang" => super::pages::DevelopersPage,
    }
}
