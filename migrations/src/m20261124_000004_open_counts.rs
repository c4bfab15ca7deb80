//! Each member's count of open reports, kept by the database itself (triggers on tickets),
//! so that routing reads one number per candidate instead of counting their reports.
use sea_orm_migration::{prelude::*, schema::*};
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UnitMembers {
    Table,
    OpenTickets,
}

/// The statuses of reports someone is still working on (`tickets::Status::OPEN_CODES`).
const OPEN: &str = "('new', 'verified', 'in_progress', 'waiting_citizen')";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table(UnitMembers::Table).add_column(integer(UnitMembers::OpenTickets).default(0)).to_owned())
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(&format!(
            "UPDATE unit_members SET open_tickets = (SELECT COUNT(*) FROM tickets t \
             WHERE t.unit_id = unit_members.unit_id AND t.assigned_to = unit_members.user_id AND t.status IN {OPEN})"
        ))
        .await?;
        let down = |old: &str| {
            format!("UPDATE unit_members SET open_tickets = open_tickets - 1 WHERE unit_id = {old}.unit_id AND user_id = {old}.assigned_to")
        };
        let up = |new: &str| {
            format!("UPDATE unit_members SET open_tickets = open_tickets + 1 WHERE unit_id = {new}.unit_id AND user_id = {new}.assigned_to")
        };
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                let when = |row: &str| format!("{row}.assigned_to IS NOT NULL AND {row}.status IN {OPEN}");
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tickets_open_insert AFTER INSERT ON tickets WHEN {} BEGIN {}; END",
                    when("NEW"),
                    up("NEW")
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tickets_open_delete AFTER DELETE ON tickets WHEN {} BEGIN {}; END",
                    when("OLD"),
                    down("OLD")
                ))
                .await?;
                // One trigger per side of the change, each guarded by its own condition.
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tickets_open_update_old AFTER UPDATE OF assigned_to, status, unit_id ON tickets WHEN {} BEGIN {}; END",
                    when("OLD"),
                    down("OLD")
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER tickets_open_update_new AFTER UPDATE OF assigned_to, status, unit_id ON tickets WHEN {} BEGIN {}; END",
                    when("NEW"),
                    up("NEW")
                ))
                .await?;
            }
            _ => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION tickets_open_count() RETURNS trigger AS $$ \
                     BEGIN \
                       IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.assigned_to IS NOT NULL AND OLD.status IN {OPEN} THEN {}; END IF; \
                       IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.assigned_to IS NOT NULL AND NEW.status IN {OPEN} THEN {}; END IF; \
                       RETURN NULL; \
                     END $$ LANGUAGE plpgsql",
                    down("OLD"),
                    up("NEW")
                ))
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER tickets_open_count AFTER INSERT OR DELETE OR UPDATE OF assigned_to, status, unit_id ON tickets \
                     FOR EACH ROW EXECUTE FUNCTION tickets_open_count()",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for t in ["tickets_open_insert", "tickets_open_delete", "tickets_open_update_old", "tickets_open_update_new"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {t}")).await?;
                }
            }
            _ => {
                db.execute_unprepared("DROP TRIGGER IF EXISTS tickets_open_count ON tickets").await?;
                db.execute_unprepared("DROP FUNCTION IF EXISTS tickets_open_count()").await?;
            }
        }
        manager.alter_table(Table::alter().table(UnitMembers::Table).drop_column(UnitMembers::OpenTickets).to_owned()).await?;
        Ok(())
    }
}
