//! The pages of this feature in the route table: The survey and its public results.

pages! {
    /// Every page of this feature.
    SatisfactionRoutes {
        "/layanan/:unit/ikm" => super::pages::PublicResultsPage,
        "/survei/:token" => super::pages::SurveyFormPage,
        "/lacak/:code/survei" => super::pages::SurveyFormPage,
    }
}
