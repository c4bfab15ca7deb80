//! Citizens' reports (tickets), their history, attachments, the mail outbox, e-mail
//! confirmation, rate limiting and the units' response templates.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    /// The first report from an unconfirmed e-mail address waits for confirmation.
    ReportGate,
    /// Reports may give a phone number instead of an e-mail address.
    PhoneOnly,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Tickets {
    Table,
    Id,
    Code,
    UnitId,
    ServiceId,
    Kind,
    Subject,
    Body,
    Place,
    ReporterName,
    ReporterEmail,
    ReporterPhone,
    Lang,
    Anonymous,
    Confidential,
    Status,
    AssignedTo,
    SubmissionKey,
    CreatedAt,
    UpdatedAt,
    ConfirmedAt,
    ResolvedAt,
    MergedInto,
    RegisterExcluded,
    Rating,
    RatingComment,
}

#[derive(DeriveIden)]
enum TicketEvents {
    Table,
    Id,
    TicketId,
    At,
    Kind,
    ActorUserId,
    Internal,
    Body,
    FromStatus,
    ToStatus,
    Signature,
}

#[derive(DeriveIden)]
enum Attachments {
    Table,
    Id,
    TicketId,
    EventId,
    Hash,
    Mime,
    Size,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    CreatedAt,
    ToAddr,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    LeaseUntil,
    LeaseOwner,
    LastError,
    SentAt,
    TicketId,
}

#[derive(DeriveIden)]
enum EmailConfirmations {
    Table,
    Id,
    TokenHash,
    Email,
    TicketId,
    ExpiresAt,
    ConfirmedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum VerifiedEmails {
    Table,
    Email,
    VerifiedAt,
}

#[derive(DeriveIden)]
enum RateEvents {
    Table,
    Id,
    Bucket,
    At,
}

#[derive(DeriveIden)]
enum ResponseTemplates {
    Table,
    Id,
    UnitId,
    Title,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        manager
            .alter_table(
                Table::alter()
                    .table(Units::Table)
                    .add_column(boolean(Units::ReportGate).default(true))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Units::Table)
                    .add_column(boolean(Units::PhoneOnly).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Tickets::Table)
                    .col(pk_auto(Tickets::Id))
                    .col(string_uniq(Tickets::Code))
                    .col(integer(Tickets::UnitId))
                    .col(integer_null(Tickets::ServiceId))
                    .col(string(Tickets::Kind))
                    .col(string(Tickets::Subject))
                    .col(text(Tickets::Body))
                    .col(text(Tickets::Place).default(""))
                    .col(string(Tickets::ReporterName))
                    .col(string_null(Tickets::ReporterEmail))
                    .col(string_null(Tickets::ReporterPhone))
                    .col(string(Tickets::Lang))
                    .col(boolean(Tickets::Anonymous))
                    .col(boolean(Tickets::Confidential))
                    .col(string(Tickets::Status))
                    .col(integer_null(Tickets::AssignedTo))
                    .col(string_uniq(Tickets::SubmissionKey))
                    .col(timestamp_with_time_zone(Tickets::CreatedAt))
                    .col(timestamp_with_time_zone(Tickets::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Tickets::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(Tickets::ResolvedAt))
                    .col(integer_null(Tickets::MergedInto))
                    .col(text_null(Tickets::RegisterExcluded))
                    .col(integer_null(Tickets::Rating))
                    .col(text_null(Tickets::RatingComment))
                    .foreign_key(ForeignKey::create().from(Tickets::Table, Tickets::UnitId).to(Units::Table, Units::Id))
                    .foreign_key(
                        ForeignKey::create().from(Tickets::Table, Tickets::ServiceId).to(Services::Table, Services::Id),
                    )
                    .foreign_key(ForeignKey::create().from(Tickets::Table, Tickets::AssignedTo).to(Users::Table, Users::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tickets_unit_status")
                    .table(Tickets::Table)
                    .col(Tickets::UnitId)
                    .col(Tickets::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_tickets_reporter_email")
                    .table(Tickets::Table)
                    .col(Tickets::ReporterEmail)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TicketEvents::Table)
                    .col(pk_auto(TicketEvents::Id))
                    .col(integer(TicketEvents::TicketId))
                    .col(timestamp_with_time_zone(TicketEvents::At))
                    .col(string(TicketEvents::Kind))
                    .col(integer_null(TicketEvents::ActorUserId))
                    .col(boolean(TicketEvents::Internal))
                    .col(text(TicketEvents::Body).default(""))
                    .col(string_null(TicketEvents::FromStatus))
                    .col(string_null(TicketEvents::ToStatus))
                    .col(string_null(TicketEvents::Signature))
                    .foreign_key(
                        ForeignKey::create()
                            .from(TicketEvents::Table, TicketEvents::TicketId)
                            .to(Tickets::Table, Tickets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_ticket_events_ticket")
                    .table(TicketEvents::Table)
                    .col(TicketEvents::TicketId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Attachments::Table)
                    .col(pk_auto(Attachments::Id))
                    .col(integer(Attachments::TicketId))
                    .col(integer_null(Attachments::EventId))
                    .col(string(Attachments::Hash))
                    .col(string(Attachments::Mime))
                    .col(big_integer(Attachments::Size))
                    .col(string(Attachments::Name))
                    .col(timestamp_with_time_zone(Attachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Attachments::Table, Attachments::TicketId)
                            .to(Tickets::Table, Tickets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attachments_ticket")
                    .table(Attachments::Table)
                    .col(Attachments::TicketId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(pk_auto(Outbox::Id))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(string(Outbox::ToAddr))
                    .col(string(Outbox::Subject))
                    .col(text(Outbox::BodyText))
                    .col(text(Outbox::BodyHtml))
                    .col(string(Outbox::Status))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LeaseUntil))
                    .col(string_null(Outbox::LeaseOwner))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(integer_null(Outbox::TicketId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(Outbox::Table)
                    .col(Outbox::Status)
                    .col(Outbox::NextAttemptAt)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EmailConfirmations::Table)
                    .col(pk_auto(EmailConfirmations::Id))
                    .col(string_uniq(EmailConfirmations::TokenHash))
                    .col(string(EmailConfirmations::Email))
                    .col(integer(EmailConfirmations::TicketId))
                    .col(timestamp_with_time_zone(EmailConfirmations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailConfirmations::ConfirmedAt))
                    .col(timestamp_with_time_zone(EmailConfirmations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EmailConfirmations::Table, EmailConfirmations::TicketId)
                            .to(Tickets::Table, Tickets::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(VerifiedEmails::Table)
                    .col(string(VerifiedEmails::Email).primary_key())
                    .col(timestamp_with_time_zone(VerifiedEmails::VerifiedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RateEvents::Table)
                    .col(pk_auto(RateEvents::Id))
                    .col(string(RateEvents::Bucket))
                    .col(timestamp_with_time_zone(RateEvents::At))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_rate_events_bucket_at")
                    .table(RateEvents::Table)
                    .col(RateEvents::Bucket)
                    .col(RateEvents::At)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ResponseTemplates::Table)
                    .col(pk_auto(ResponseTemplates::Id))
                    .col(integer(ResponseTemplates::UnitId))
                    .col(string(ResponseTemplates::Title))
                    .col(text(ResponseTemplates::Body))
                    .col(timestamp_with_time_zone(ResponseTemplates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ResponseTemplates::Table, ResponseTemplates::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ResponseTemplates::Table.into_iden(),
            RateEvents::Table.into_iden(),
            VerifiedEmails::Table.into_iden(),
            EmailConfirmations::Table.into_iden(),
            Outbox::Table.into_iden(),
            Attachments::Table.into_iden(),
            TicketEvents::Table.into_iden(),
            Tickets::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Units::Table).drop_column(Units::PhoneOnly).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table(Units::Table).drop_column(Units::ReportGate).to_owned())
            .await?;
        Ok(())
    }
}
