//! The citizen satisfaction survey (SKM, PermenPANRB 14/2017): one-use invitations sent
//! after a report is resolved or a visit is served, and the anonymous answers. An answer
//! keeps no link to the invitation, the report or the visit it came from.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SurveyInvitations {
    Table,
    Id,
    /// SHA-256 of the token in the link; the token itself is never stored.
    TokenHash,
    UnitId,
    ServiceId,
    /// "ticket" or "visit".
    Source,
    SourceId,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum SurveyResponses {
    Table,
    Id,
    UnitId,
    ServiceId,
    Source,
    SubmittedAt,
    U1,
    U2,
    U3,
    U4,
    U5,
    U6,
    U7,
    U8,
    U9,
    Age,
    Gender,
    Education,
    Occupation,
    Suggestion,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SurveyInvitations::Table)
                    .col(pk_auto(SurveyInvitations::Id))
                    .col(string_len(SurveyInvitations::TokenHash, 64).unique_key())
                    .col(integer(SurveyInvitations::UnitId))
                    .col(integer_null(SurveyInvitations::ServiceId))
                    .col(string_len(SurveyInvitations::Source, 8))
                    .col(integer(SurveyInvitations::SourceId))
                    .col(timestamp_with_time_zone(SurveyInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(SurveyInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SurveyInvitations::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SurveyInvitations::Table, SurveyInvitations::UnitId)
                            .to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One invitation per report and per visit, however often it is resolved again.
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_invitations_source")
                    .table(SurveyInvitations::Table)
                    .col(SurveyInvitations::Source)
                    .col(SurveyInvitations::SourceId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        let mut answers = Table::create();
        answers
            .table(SurveyResponses::Table)
            .col(pk_auto(SurveyResponses::Id))
            .col(integer(SurveyResponses::UnitId))
            .col(integer_null(SurveyResponses::ServiceId))
            .col(string_len(SurveyResponses::Source, 8))
            .col(timestamp_with_time_zone(SurveyResponses::SubmittedAt));
        for element in [
            SurveyResponses::U1,
            SurveyResponses::U2,
            SurveyResponses::U3,
            SurveyResponses::U4,
            SurveyResponses::U5,
            SurveyResponses::U6,
            SurveyResponses::U7,
            SurveyResponses::U8,
            SurveyResponses::U9,
        ] {
            // Every element is answered on the regulation's 1–4 scale.
            answers.col(integer(element)).check(Expr::col(element).between(1, 4));
        }
        answers
            .col(integer_null(SurveyResponses::Age))
            .col(string_len_null(SurveyResponses::Gender, 1))
            .col(string_len_null(SurveyResponses::Education, 8))
            .col(string_len_null(SurveyResponses::Occupation, 16))
            .col(text(SurveyResponses::Suggestion).default(""))
            .foreign_key(
                ForeignKey::create().from(SurveyResponses::Table, SurveyResponses::UnitId).to(Units::Table, Units::Id),
            );
        manager.create_table(answers.to_owned()).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_survey_responses_unit_time")
                    .table(SurveyResponses::Table)
                    .col(SurveyResponses::UnitId)
                    .col(SurveyResponses::SubmittedAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [SurveyResponses::Table.into_iden(), SurveyInvitations::Table.into_iden()] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
