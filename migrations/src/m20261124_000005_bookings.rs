//! Offline appointments under physical-distancing limits: service rooms and their
//! distancing rules, opening hours, booking settings, days closed to visitors, time slots
//! holding their counts (changed only by conditional updates, so a slot is never
//! overbooked), bookings with their history, and an ICS attachment on queued mail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Units {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Services {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    /// An iCalendar (ICS) attachment, when the message carries one.
    Calendar,
}

#[derive(DeriveIden)]
enum BookingSettings {
    Table,
    UnitId,
    SlotMinutes,
    /// How many days ahead one may book.
    AheadDays,
    /// The least notice, in minutes, before a slot starts.
    NoticeMinutes,
    /// Share of each slot's places kept for walk-in visitors, in percent (rounded down).
    WalkinPercent,
    /// "roster": counters from the staff on counter duty (WFO); "fixed": `fixed_counters`.
    CounterSource,
    FixedCounters,
    /// Visitors one counter serves in one slot.
    PerCounter,
    /// Minutes after a slot starts before a visitor who has not come may be marked absent.
    GraceMinutes,
}

#[derive(DeriveIden)]
enum Rooms {
    Table,
    Id,
    UnitId,
    Name,
    /// Floor area in square metres.
    AreaM2,
    /// "area" (floor area per visitor) or "fixed" (a fixed maximum).
    Rule,
    M2PerVisitor,
    MaxVisitors,
    Active,
}

#[derive(DeriveIden)]
enum OpeningHours {
    Table,
    UnitId,
    /// ISO weekday, 1 = Monday.
    Weekday,
    /// "HH:MM", the unit's local time.
    Opens,
    Closes,
}

#[derive(DeriveIden)]
enum BookingClosures {
    Table,
    Id,
    UnitId,
    Date,
    Reason,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BookingSlots {
    Table,
    Id,
    UnitId,
    Date,
    /// "HH:MM", the unit's local time.
    Starts,
    Ends,
    /// The most visitors in the slot: the smaller of the rooms' limit and the counters'.
    Places,
    /// Of those, kept for walk-ins.
    WalkinPlaces,
    /// Online bookings holding a place (booked, checked in or served).
    Booked,
    /// Walk-ins registered at the counter.
    Walkins,
}

#[derive(DeriveIden)]
enum Bookings {
    Table,
    Id,
    Code,
    UnitId,
    ServiceId,
    SlotId,
    Date,
    Name,
    Email,
    Phone,
    /// Lower-case e-mail and digits-only phone: one active booking per person, service and day.
    EmailKey,
    PhoneKey,
    Lang,
    /// booked, checked_in, served, no_show, cancelled, displaced.
    Status,
    WalkIn,
    SubmissionKey,
    CreatedAt,
    UpdatedAt,
    CheckedInAt,
    ServedAt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum BookingEvents {
    Table,
    Id,
    BookingId,
    At,
    /// booked, rescheduled, cancelled, checked_in, served, no_show, displaced, reminded.
    Kind,
    FromSlotId,
    ToSlotId,
    /// The staff member, when staff acted.
    ActorId,
    Note,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(Outbox::Table).add_column(text_null(Outbox::Calendar)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingSettings::Table)
                    .col(integer(BookingSettings::UnitId).primary_key())
                    .col(integer(BookingSettings::SlotMinutes).default(30))
                    .col(integer(BookingSettings::AheadDays).default(14))
                    .col(integer(BookingSettings::NoticeMinutes).default(60))
                    .col(integer(BookingSettings::WalkinPercent).default(20))
                    .col(string_len(BookingSettings::CounterSource, 8).default("roster"))
                    .col(integer(BookingSettings::FixedCounters).default(2))
                    .col(integer(BookingSettings::PerCounter).default(2))
                    .col(integer(BookingSettings::GraceMinutes).default(15))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingSettings::Table, BookingSettings::UnitId)
                            .to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Rooms::Table)
                    .col(pk_auto(Rooms::Id))
                    .col(integer(Rooms::UnitId))
                    .col(string_len(Rooms::Name, 120))
                    .col(double(Rooms::AreaM2).default(0.0))
                    .col(string_len(Rooms::Rule, 8).default("area"))
                    .col(double(Rooms::M2PerVisitor).default(4.0))
                    .col(integer(Rooms::MaxVisitors).default(0))
                    .col(boolean(Rooms::Active).default(true))
                    .foreign_key(ForeignKey::create().from(Rooms::Table, Rooms::UnitId).to(Units::Table, Units::Id))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OpeningHours::Table)
                    .col(integer(OpeningHours::UnitId))
                    .col(integer(OpeningHours::Weekday))
                    .col(string_len(OpeningHours::Opens, 5))
                    .col(string_len(OpeningHours::Closes, 5))
                    .primary_key(Index::create().col(OpeningHours::UnitId).col(OpeningHours::Weekday))
                    .foreign_key(
                        ForeignKey::create().from(OpeningHours::Table, OpeningHours::UnitId).to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Every existing unit opens its counters Monday to Friday, 08:00–15:00.
        let db = manager.get_connection();
        db.execute_unprepared("INSERT INTO booking_settings (unit_id) SELECT id FROM units").await?;
        for weekday in 1..=5 {
            db.execute_unprepared(&format!(
                "INSERT INTO opening_hours (unit_id, weekday, opens, closes) SELECT id, {weekday}, '08:00', '15:00' FROM units"
            ))
            .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(BookingClosures::Table)
                    .col(pk_auto(BookingClosures::Id))
                    .col(integer(BookingClosures::UnitId))
                    .col(date(BookingClosures::Date))
                    .col(string_len(BookingClosures::Reason, 200))
                    .col(integer_null(BookingClosures::CreatedBy))
                    .col(timestamp_with_time_zone(BookingClosures::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingClosures::Table, BookingClosures::UnitId)
                            .to(Units::Table, Units::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingClosures::Table, BookingClosures::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booking_closures_day")
                    .table(BookingClosures::Table)
                    .col(BookingClosures::UnitId)
                    .col(BookingClosures::Date)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BookingSlots::Table)
                    .col(pk_auto(BookingSlots::Id))
                    .col(integer(BookingSlots::UnitId))
                    .col(date(BookingSlots::Date))
                    .col(string_len(BookingSlots::Starts, 5))
                    .col(string_len(BookingSlots::Ends, 5))
                    .col(integer(BookingSlots::Places))
                    .col(integer(BookingSlots::WalkinPlaces).default(0))
                    .col(integer(BookingSlots::Booked).default(0))
                    .col(integer(BookingSlots::Walkins).default(0))
                    // The counts can never go below zero, whatever a bug might try.
                    .check(Expr::col(BookingSlots::Booked).gte(0).and(Expr::col(BookingSlots::Walkins).gte(0)))
                    .foreign_key(
                        ForeignKey::create().from(BookingSlots::Table, BookingSlots::UnitId).to(Units::Table, Units::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booking_slots_time")
                    .table(BookingSlots::Table)
                    .col(BookingSlots::UnitId)
                    .col(BookingSlots::Date)
                    .col(BookingSlots::Starts)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Bookings::Table)
                    .col(pk_auto(Bookings::Id))
                    .col(string_len(Bookings::Code, 16).unique_key())
                    .col(integer(Bookings::UnitId))
                    .col(integer(Bookings::ServiceId))
                    .col(integer(Bookings::SlotId))
                    .col(date(Bookings::Date))
                    .col(string_len(Bookings::Name, 120))
                    .col(string_len_null(Bookings::Email, 254))
                    .col(string_len_null(Bookings::Phone, 32))
                    .col(string_len_null(Bookings::EmailKey, 254))
                    .col(string_len_null(Bookings::PhoneKey, 32))
                    .col(string_len(Bookings::Lang, 2).default("id"))
                    .col(string_len(Bookings::Status, 16))
                    .col(boolean(Bookings::WalkIn).default(false))
                    .col(string_len(Bookings::SubmissionKey, 64).unique_key())
                    .col(timestamp_with_time_zone(Bookings::CreatedAt))
                    .col(timestamp_with_time_zone(Bookings::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Bookings::CheckedInAt))
                    .col(timestamp_with_time_zone_null(Bookings::ServedAt))
                    .col(timestamp_with_time_zone_null(Bookings::RemindedAt))
                    .foreign_key(ForeignKey::create().from(Bookings::Table, Bookings::UnitId).to(Units::Table, Units::Id))
                    .foreign_key(
                        ForeignKey::create().from(Bookings::Table, Bookings::ServiceId).to(Services::Table, Services::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(Bookings::Table, Bookings::SlotId).to(BookingSlots::Table, BookingSlots::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_bookings_slot_status")
                    .table(Bookings::Table)
                    .col(Bookings::SlotId)
                    .col(Bookings::Status)
                    .to_owned(),
            )
            .await?;
        // One active booking per person, service and day: the same SQL on SQLite and PostgreSQL.
        for (name, col) in [("idx_bookings_one_per_email", "email_key"), ("idx_bookings_one_per_phone", "phone_key")] {
            db.execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {name} ON bookings (service_id, date, {col}) \
                 WHERE status IN ('booked', 'checked_in') AND {col} IS NOT NULL"
            ))
            .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(BookingEvents::Table)
                    .col(pk_auto(BookingEvents::Id))
                    .col(integer(BookingEvents::BookingId))
                    .col(timestamp_with_time_zone(BookingEvents::At))
                    .col(string_len(BookingEvents::Kind, 16))
                    .col(integer_null(BookingEvents::FromSlotId))
                    .col(integer_null(BookingEvents::ToSlotId))
                    .col(integer_null(BookingEvents::ActorId))
                    .col(string_len(BookingEvents::Note, 500).default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .from(BookingEvents::Table, BookingEvents::BookingId)
                            .to(Bookings::Table, Bookings::Id),
                    )
                    .foreign_key(
                        ForeignKey::create().from(BookingEvents::Table, BookingEvents::ActorId).to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_booking_events_booking")
                    .table(BookingEvents::Table)
                    .col(BookingEvents::BookingId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            BookingEvents::Table.into_iden(),
            Bookings::Table.into_iden(),
            BookingSlots::Table.into_iden(),
            BookingClosures::Table.into_iden(),
            OpeningHours::Table.into_iden(),
            Rooms::Table.into_iden(),
            BookingSettings::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        manager
            .alter_table(Table::alter().table(Outbox::Table).drop_column(Outbox::Calendar).to_owned())
            .await?;
        Ok(())
    }
}
