//! Rosters under the office-presence cap, routing to staff on duty, deadlines in working
//! days: shifts, weekly roster entries, staff competences, the holiday calendar (seeded
//! with 2026 and 2027), deadline settings per service, per-ticket clocks, alerts already
//! sent, and leases for scheduled work.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
    /// Most staff in the office per shift, in percent of the counted staff.
    OfficeCapPercent,
    /// "return": unanswered reports of someone off duty go back to the pool; "keep".
    ReleasePolicy,
    /// A resolved report closes itself after this many working days without a reply.
    AutoCloseDays,
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
    VerifyDays,
    RespondDays,
    ResolveDays,
}

#[derive(DeriveIden)]
enum UnitMembers {
    Table,
    /// Senior officials (pejabat pimpinan tinggi, administrator) are not counted in the cap.
    Senior,
    LastAssignedAt,
}

#[derive(DeriveIden)]
enum Tickets {
    Table,
    Id,
    UnitId,
    AssignedTo,
    Status,
    /// "route", "hand" or "self": how the current assignee got the report.
    AssignedHow,
    VerifiedAt,
    FirstResponseAt,
    /// Set while the clock is stopped waiting for the citizen.
    PausedSince,
    /// Working days the clock stood still, added to every pending deadline.
    PausedDays,
    /// When the unit's managers were told nobody was on duty to take it.
    UnroutedNoticeAt,
}

#[derive(DeriveIden)]
enum Holidays {
    Table,
    Id,
    /// Empty for a national day; a unit for its local day off.
    UnitId,
    Date,
    Name,
    /// "libur" (national holiday), "cuti_bersama" or "lokal".
    Kind,
    /// Dates not yet fixed by the joint ministerial decree (SKB) for that year.
    Provisional,
}

#[derive(DeriveIden)]
enum UnitShifts {
    Table,
    Id,
    UnitId,
    Name,
    /// "HH:MM" in the unit's time zone.
    Starts,
    Ends,
    Position,
}

#[derive(DeriveIden)]
enum RosterEntries {
    Table,
    Id,
    UnitId,
    UserId,
    Date,
    ShiftId,
    /// wfo, wfh, cuti, sakit, dinas_luar.
    Mode,
    /// desk (online desk), counter, none.
    Duty,
}

#[derive(DeriveIden)]
enum MemberServices {
    Table,
    UnitId,
    UserId,
    ServiceId,
}

#[derive(DeriveIden)]
enum TicketAlerts {
    Table,
    TicketId,
    /// "remind:respond", "escalate:verify", …: each sent once.
    Kind,
    At,
}

#[derive(DeriveIden)]
enum JobLeases {
    Table,
    Name,
    Owner,
    LeaseUntil,
}

/// Holidays and collective leave from the joint decree for 2026 (SKB 1497/2/5 of 2025),
/// and the expected 2027 holidays, provisional until the 2027 decree is entered.
const SEED: &[(&str, &str, &str, bool)] = &[
    ("2026-01-01", "Tahun Baru 2026 Masehi", "libur", false),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW", "libur", false),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek", "cuti_bersama", false),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili", "libur", false),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi", "cuti_bersama", false),
    ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)", "libur", false),
    ("2026-03-20", "Cuti bersama Idulfitri 1447 H", "cuti_bersama", false),
    ("2026-03-21", "Idulfitri 1447 H", "libur", false),
    ("2026-03-22", "Idulfitri 1447 H", "libur", false),
    ("2026-03-23", "Cuti bersama Idulfitri 1447 H", "cuti_bersama", false),
    ("2026-03-24", "Cuti bersama Idulfitri 1447 H", "cuti_bersama", false),
    ("2026-04-03", "Wafat Yesus Kristus", "libur", false),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)", "libur", false),
    ("2026-05-01", "Hari Buruh Internasional", "libur", false),
    ("2026-05-14", "Kenaikan Yesus Kristus", "libur", false),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus", "cuti_bersama", false),
    ("2026-05-27", "Iduladha 1447 H", "libur", false),
    ("2026-05-28", "Cuti bersama Iduladha 1447 H", "cuti_bersama", false),
    ("2026-05-31", "Hari Raya Waisak 2570 BE", "libur", false),
    ("2026-06-01", "Hari Lahir Pancasila", "libur", false),
    ("2026-06-16", "Tahun Baru Islam 1448 H", "libur", false),
    ("2026-08-17", "Hari Proklamasi Kemerdekaan RI", "libur", false),
    ("2026-08-25", "Maulid Nabi Muhammad SAW", "libur", false),
    ("2026-12-24", "Cuti bersama Kelahiran Yesus Kristus", "cuti_bersama", false),
    ("2026-12-25", "Kelahiran Yesus Kristus", "libur", false),
    ("2027-01-01", "Tahun Baru 2027 Masehi", "libur", false),
    ("2027-01-06", "Isra Mikraj Nabi Muhammad SAW", "libur", true),
    ("2027-02-06", "Tahun Baru Imlek 2578 Kongzili", "libur", true),
    ("2027-03-09", "Hari Suci Nyepi (Tahun Baru Saka 1949)", "libur", true),
    ("2027-03-10", "Idulfitri 1448 H", "libur", true),
    ("2027-03-11", "Idulfitri 1448 H", "libur", true),
    ("2027-03-26", "Wafat Yesus Kristus", "libur", false),
    ("2027-03-28", "Kebangkitan Yesus Kristus (Paskah)", "libur", false),
    ("2027-05-01", "Hari Buruh Internasional", "libur", false),
    ("2027-05-06", "Kenaikan Yesus Kristus", "libur", false),
    ("2027-05-17", "Iduladha 1448 H", "libur", true),
    ("2027-05-20", "Hari Raya Waisak 2571 BE", "libur", true),
    ("2027-06-01", "Hari Lahir Pancasila", "libur", false),
    ("2027-06-06", "Tahun Baru Islam 1449 H", "libur", true),
    ("2027-08-17", "Hari Proklamasi Kemerdekaan RI", "libur", false),
    ("2027-08-15", "Maulid Nabi Muhammad SAW", "libur", true),
    ("2027-12-25", "Kelahiran Yesus Kristus", "libur", false),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let adds: Vec<(DynIden, ColumnDef)> = vec![
            (Units::Table.into_iden(), integer(Units::OfficeCapPercent).default(20).to_owned()),
            (Units::Table.into_iden(), string_len(Units::ReleasePolicy, 16).default("return").to_owned()),
            (Units::Table.into_iden(), integer(Units::AutoCloseDays).default(10).to_owned()),
            (Services::Table.into_iden(), integer(Services::VerifyDays).default(3).to_owned()),
            (Services::Table.into_iden(), integer(Services::RespondDays).default(5).to_owned()),
            (Services::Table.into_iden(), integer(Services::ResolveDays).default(14).to_owned()),
            (UnitMembers::Table.into_iden(), boolean(UnitMembers::Senior).default(false).to_owned()),
            (UnitMembers::Table.into_iden(), timestamp_with_time_zone_null(UnitMembers::LastAssignedAt).to_owned()),
            (Tickets::Table.into_iden(), string_len_null(Tickets::AssignedHow, 8).to_owned()),
            (Tickets::Table.into_iden(), timestamp_with_time_zone_null(Tickets::VerifiedAt).to_owned()),
            (Tickets::Table.into_iden(), timestamp_with_time_zone_null(Tickets::FirstResponseAt).to_owned()),
            (Tickets::Table.into_iden(), timestamp_with_time_zone_null(Tickets::PausedSince).to_owned()),
            (Tickets::Table.into_iden(), integer(Tickets::PausedDays).default(0).to_owned()),
            (Tickets::Table.into_iden(), timestamp_with_time_zone_null(Tickets::UnroutedNoticeAt).to_owned()),
        ];
        for (table, mut col) in adds {
            manager.alter_table(Table::alter().table(table).add_column(&mut col).to_owned()).await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_tickets_unit_assignee_status")
                    .table(Tickets::Table)
                    .col(Tickets::UnitId)
                    .col(Tickets::AssignedTo)
                    .col(Tickets::Status)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Holidays::Table)
                    .col(pk_auto(Holidays::Id))
                    .col(integer_null(Holidays::UnitId))
                    .col(date(Holidays::Date))
                    .col(string_len(Holidays::Name, 200))
                    .col(string_len(Holidays::Kind, 16))
                    .col(boolean(Holidays::Provisional).default(false))
                    .foreign_key(
                        ForeignKey::create().from(Holidays::Table, Holidays::UnitId).to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_holidays_date").table(Holidays::Table).col(Holidays::Date).to_owned())
            .await?;
        let mut insert = Query::insert();
        insert.into_table(Holidays::Table).columns([Holidays::Date, Holidays::Name, Holidays::Kind, Holidays::Provisional]);
        for (d, name, kind, provisional) in SEED {
            // A quoted date is read as a date by PostgreSQL and stored as ISO text by SQLite,
            // as the application stores dates.
            insert.values_panic([Expr::cust(format!("'{d}'")), (*name).into(), (*kind).into(), (*provisional).into()]);
        }
        manager.exec_stmt(insert).await?;

        manager
            .create_table(
                Table::create()
                    .table(UnitShifts::Table)
                    .col(pk_auto(UnitShifts::Id))
                    .col(integer(UnitShifts::UnitId))
                    .col(string_len(UnitShifts::Name, 60))
                    .col(string_len(UnitShifts::Starts, 5))
                    .col(string_len(UnitShifts::Ends, 5))
                    .col(integer(UnitShifts::Position).default(0))
                    .foreign_key(
                        ForeignKey::create().from(UnitShifts::Table, UnitShifts::UnitId).to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Every existing unit starts with the two shifts of the circulars' examples.
        for (name, starts, ends, position) in [("Pagi", "07:30", "12:00", 1), ("Siang", "12:00", "16:00", 2)] {
            manager
                .get_connection()
                .execute_unprepared(&format!(
                    "INSERT INTO unit_shifts (unit_id, name, starts, ends, position) \
                     SELECT id, '{name}', '{starts}', '{ends}', {position} FROM units"
                ))
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(RosterEntries::Table)
                    .col(pk_auto(RosterEntries::Id))
                    .col(integer(RosterEntries::UnitId))
                    .col(integer(RosterEntries::UserId))
                    .col(date(RosterEntries::Date))
                    .col(integer(RosterEntries::ShiftId))
                    .col(string_len(RosterEntries::Mode, 16))
                    .col(string_len(RosterEntries::Duty, 16))
                    .foreign_key(
                        ForeignKey::create().from(RosterEntries::Table, RosterEntries::UnitId).to(Units::Table, Units::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(RosterEntries::Table, RosterEntries::UserId).to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RosterEntries::Table, RosterEntries::ShiftId)
                            .to(UnitShifts::Table, UnitShifts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_roster_entries_cell")
                    .table(RosterEntries::Table)
                    .col(RosterEntries::UnitId)
                    .col(RosterEntries::Date)
                    .col(RosterEntries::ShiftId)
                    .col(RosterEntries::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MemberServices::Table)
                    .col(integer(MemberServices::UnitId))
                    .col(integer(MemberServices::UserId))
                    .col(integer(MemberServices::ServiceId))
                    .primary_key(
                        Index::create()
                            .col(MemberServices::UnitId)
                            .col(MemberServices::ServiceId)
                            .col(MemberServices::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MemberServices::Table, MemberServices::ServiceId)
                            .to(Services::Table, Services::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Until a manager says otherwise, every member handles every service of the unit.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO member_services (unit_id, user_id, service_id) \
                 SELECT m.unit_id, m.user_id, s.id FROM unit_members m JOIN services s ON s.unit_id = m.unit_id",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(TicketAlerts::Table)
                    .col(integer(TicketAlerts::TicketId))
                    .col(string_len(TicketAlerts::Kind, 32))
                    .col(timestamp_with_time_zone(TicketAlerts::At))
                    .primary_key(Index::create().col(TicketAlerts::TicketId).col(TicketAlerts::Kind))
                    .foreign_key(
                        ForeignKey::create().from(TicketAlerts::Table, TicketAlerts::TicketId).to(Tickets::Table, Tickets::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(JobLeases::Table)
                    .col(string_len(JobLeases::Name, 64).primary_key())
                    .col(string_len(JobLeases::Owner, 64))
                    .col(timestamp_with_time_zone(JobLeases::LeaseUntil))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            JobLeases::Table.into_iden(),
            TicketAlerts::Table.into_iden(),
            MemberServices::Table.into_iden(),
            RosterEntries::Table.into_iden(),
            UnitShifts::Table.into_iden(),
            Holidays::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .drop_index(Index::drop().name("idx_tickets_unit_assignee_status").table(Tickets::Table).to_owned())
            .await?;
        let drops: Vec<(DynIden, DynIden)> = vec![
            (Tickets::Table.into_iden(), Tickets::UnroutedNoticeAt.into_iden()),
            (Tickets::Table.into_iden(), Tickets::PausedDays.into_iden()),
            (Tickets::Table.into_iden(), Tickets::PausedSince.into_iden()),
            (Tickets::Table.into_iden(), Tickets::FirstResponseAt.into_iden()),
            (Tickets::Table.into_iden(), Tickets::VerifiedAt.into_iden()),
            (Tickets::Table.into_iden(), Tickets::AssignedHow.into_iden()),
            (UnitMembers::Table.into_iden(), UnitMembers::LastAssignedAt.into_iden()),
            (UnitMembers::Table.into_iden(), UnitMembers::Senior.into_iden()),
            (Services::Table.into_iden(), Services::ResolveDays.into_iden()),
            (Services::Table.into_iden(), Services::RespondDays.into_iden()),
            (Services::Table.into_iden(), Services::VerifyDays.into_iden()),
            (Units::Table.into_iden(), Units::AutoCloseDays.into_iden()),
            (Units::Table.into_iden(), Units::ReleasePolicy.into_iden()),
            (Units::Table.into_iden(), Units::OfficeCapPercent.into_iden()),
        ];
        for (table, col) in drops {
            manager.alter_table(Table::alter().table(table).drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}
