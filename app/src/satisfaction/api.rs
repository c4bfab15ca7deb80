//! Server functions of the survey and the published results.
use super::{PublicResults, SurveyState};
use crate::error::AppError;
use crate::forms::Flash;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyPage {
    pub state: SurveyState,
    /// What a plain form post sent, when it was refused.
    pub flash: Option<Flash>,
}

/// The survey of a mailed link (`token`), or of a resolved report reached from its page by
/// the tracking code (`laporan`; failed codes count against the lookup limit).
#[server]
pub async fn get_survey(token: Option<String>, laporan: Option<String>) -> Result<SurveyPage, AppError> {
    let db = crate::ssr::db()?;
    let lang = crate::i18n::detect_lang();
    let state = match (token, laporan) {
        (_, Some(code)) => {
            let t = crate::tickets::ssr::citizen_ticket(&db, &code, &crate::auth::ssr::client_key(), crate::ssr::now()?).await?;
            super::ssr::state_for_ticket(&db, &t, lang, crate::ssr::now()?).await?
        }
        (Some(token), None) => super::ssr::state(&db, &token, lang, crate::ssr::now()?).await?,
        (None, None) => SurveyState::Unknown,
    };
    if state == SurveyState::Unknown {
        crate::ui::set_status(404);
    }
    Ok(SurveyPage { state, flash: crate::ssr::flash::take().await })
}

#[allow(clippy::too_many_arguments)]
#[server]
pub async fn submit_survey(
    token: Option<String>,
    laporan: Option<String>,
    u1: Option<String>,
    u2: Option<String>,
    u3: Option<String>,
    u4: Option<String>,
    u5: Option<String>,
    u6: Option<String>,
    u7: Option<String>,
    u8: Option<String>,
    u9: Option<String>,
    age: Option<String>,
    gender: Option<String>,
    education: Option<String>,
    occupation: Option<String>,
    suggestion: Option<String>,
) -> Result<(), AppError> {
    use super::ssr::{Answers, Refused};
    let answers = Answers {
        scores: [u1, u2, u3, u4, u5, u6, u7, u8, u9],
        age: age.unwrap_or_default(),
        gender: gender.unwrap_or_default(),
        education: education.unwrap_or_default(),
        occupation: occupation.unwrap_or_default(),
        suggestion: suggestion.unwrap_or_default(),
    };
    let db = crate::ssr::db()?;
    let (outcome, here) = match (&token, &laporan) {
        (_, Some(code)) => {
            let t = crate::tickets::ssr::citizen_ticket(&db, code, &crate::auth::ssr::client_key(), crate::ssr::now()?).await?;
            (super::ssr::submit_for_ticket(&db, &t, &answers, crate::ssr::now()?).await, format!("/lacak/{}/survei", t.code))
        }
        (Some(token), None) => (super::ssr::submit(&db, token, &answers, crate::ssr::now()?).await, format!("/survei/{token}")),
        (None, None) => return Err(AppError::NotFound),
    };
    match outcome {
        Ok(()) => {
            crate::ssr::redirect(&format!("{here}?terkirim=1"));
            Ok(())
        }
        // The page, loaded again, says whether the link was used or expired.
        Err(Refused::Closed) => {
            crate::ssr::redirect(&here);
            Err(AppError::Conflict)
        }
        Err(Refused::Invalid(e)) => {
            let mut values: std::collections::BTreeMap<String, String> = answers
                .scores
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.clone().map(|v| (format!("u{}", i + 1), v)))
                .collect();
            values.insert("age".into(), answers.age);
            values.insert("gender".into(), answers.gender);
            values.insert("education".into(), answers.education);
            values.insert("occupation".into(), answers.occupation);
            values.insert("suggestion".into(), answers.suggestion);
            Err(crate::ssr::flash::keep("survey", values, e).await)
        }
    }
}

#[server]
pub async fn get_public_results(
    unit: String,
    periode: Option<String>,
    tanggal: Option<String>,
    dari: Option<String>,
    sampai: Option<String>,
) -> Result<PublicResults, AppError> {
    let period = crate::common::period::PeriodQuery { periode, tanggal, dari, sampai };
    let (db, lang, now) = (crate::ssr::read_db()?, crate::i18n::detect_lang(), crate::ssr::now()?);
    // The unit page shows the default period's index to every reader: kept for a moment.
    if period == crate::common::period::PeriodQuery::default() {
        let key = ("/ikm".to_string(), unit.clone(), None, lang);
        return crate::ssr::public_view(key, || super::ssr::public_results(&db, &unit, &period, lang, now)).await;
    }
    super::ssr::public_results(&db, &unit, &period, lang, now).await
}
