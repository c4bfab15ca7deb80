//! Units, accounts, memberships, services, versioned service standards, login throttling
//! and the audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    Slug,
    Name,
    Address,
    Timezone,
    WorkingDays,
    Maklumat,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    IsAdmin,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UnitMembers {
    Table,
    UnitId,
    UserId,
    Role,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
    UnitId,
    Slug,
    Name,
    Summary,
    Keywords,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StandardVersions {
    Table,
    Id,
    ServiceId,
    Status,
    VersionNo,
    EffectiveAt,
    PublishedAt,
    PublishedBy,
    ChangeNote,
    Revision,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum StandardComponents {
    Table,
    VersionId,
    Component,
    Body,
}

#[derive(DeriveIden)]
enum LoginThrottle {
    Table,
    Key,
    Failures,
    WindowStart,
    LockedUntil,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    Action,
    Entity,
    EntityId,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Units::Table)
                    .col(pk_auto(Units::Id))
                    .col(string_uniq(Units::Slug))
                    .col(string(Units::Name))
                    .col(text(Units::Address))
                    .col(string(Units::Timezone))
                    .col(string(Units::WorkingDays))
                    .col(text(Units::Maklumat).default(""))
                    .col(timestamp_with_time_zone(Units::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Email))
                    .col(string(Users::Name))
                    .col(string(Users::PasswordHash))
                    .col(boolean(Users::IsAdmin).default(false))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UnitMembers::Table)
                    .col(integer(UnitMembers::UnitId))
                    .col(integer(UnitMembers::UserId))
                    .col(string(UnitMembers::Role))
                    .primary_key(Index::create().col(UnitMembers::UnitId).col(UnitMembers::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UnitMembers::Table, UnitMembers::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(UnitMembers::Table, UnitMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Services::Table)
                    .col(pk_auto(Services::Id))
                    .col(integer(Services::UnitId))
                    .col(string(Services::Slug))
                    .col(string(Services::Name))
                    .col(text(Services::Summary))
                    .col(text(Services::Keywords).default(""))
                    .col(timestamp_with_time_zone(Services::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Services::Table, Services::UnitId)
                            .to(Units::Table, Units::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_services_unit_slug")
                    .table(Services::Table)
                    .col(Services::UnitId)
                    .col(Services::Slug)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StandardVersions::Table)
                    .col(pk_auto(StandardVersions::Id))
                    .col(integer(StandardVersions::ServiceId))
                    .col(string(StandardVersions::Status))
                    .col(integer_null(StandardVersions::VersionNo))
                    .col(timestamp_with_time_zone_null(StandardVersions::EffectiveAt))
                    .col(timestamp_with_time_zone_null(StandardVersions::PublishedAt))
                    .col(integer_null(StandardVersions::PublishedBy))
                    .col(text(StandardVersions::ChangeNote).default(""))
                    .col(integer(StandardVersions::Revision).default(1))
                    .col(timestamp_with_time_zone(StandardVersions::UpdatedAt))
                    .col(integer_null(StandardVersions::UpdatedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .from(StandardVersions::Table, StandardVersions::ServiceId)
                            .to(Services::Table, Services::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StandardVersions::Table, StandardVersions::PublishedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StandardVersions::Table, StandardVersions::UpdatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_standard_versions_service_no")
                    .table(StandardVersions::Table)
                    .col(StandardVersions::ServiceId)
                    .col(StandardVersions::VersionNo)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // At most one draft per service; both SQLite and PostgreSQL accept partial indexes.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_standard_versions_one_draft \
                 ON standard_versions (service_id) WHERE status = 'draft'",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StandardComponents::Table)
                    .col(integer(StandardComponents::VersionId))
                    .col(small_integer(StandardComponents::Component))
                    .col(text(StandardComponents::Body))
                    .primary_key(
                        Index::create()
                            .col(StandardComponents::VersionId)
                            .col(StandardComponents::Component),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(StandardComponents::Table, StandardComponents::VersionId)
                            .to(StandardVersions::Table, StandardVersions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginThrottle::Table)
                    .col(string(LoginThrottle::Key).primary_key())
                    .col(integer(LoginThrottle::Failures))
                    .col(timestamp_with_time_zone(LoginThrottle::WindowStart))
                    .col(timestamp_with_time_zone_null(LoginThrottle::LockedUntil))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer_null(AuditLog::ActorUserId))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::Entity))
                    .col(string(AuditLog::EntityId))
                    .col(text(AuditLog::Detail).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_log_entity")
                    .table(AuditLog::Table)
                    .col(AuditLog::Entity)
                    .col(AuditLog::EntityId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditLog::Table.into_iden(),
            LoginThrottle::Table.into_iden(),
            StandardComponents::Table.into_iden(),
            StandardVersions::Table.into_iden(),
            Services::Table.into_iden(),
            UnitMembers::Table.into_iden(),
            Users::Table.into_iden(),
            Units::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
