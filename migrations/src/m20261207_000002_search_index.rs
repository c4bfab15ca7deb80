//! Search by index, not by scanning: the home page's service search and the public
//! register's search match any part of a word ("lahir" finds "kelahiran"), so both use
//! trigram indexes. SQLite: FTS5 tables with the trigram tokenizer, kept by triggers (the
//! register's holds only reports with a published copy). PostgreSQL: `pg_trgm` GIN indexes
//! on the very expressions the queries match (`pg_trgm` is a trusted extension: the
//! database's owner may create it). Also an index for the home page's latest publications.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: [&str; 12] = [
    "CREATE VIRTUAL TABLE service_search USING fts5(name, summary, keywords, summary_en, keywords_en, \
     content='services', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER service_search_ai AFTER INSERT ON services BEGIN \
     INSERT INTO service_search(rowid, name, summary, keywords, summary_en, keywords_en) \
     VALUES (new.id, new.name, new.summary, new.keywords, new.summary_en, new.keywords_en); END",
    "CREATE TRIGGER service_search_ad AFTER DELETE ON services BEGIN \
     INSERT INTO service_search(service_search, rowid, name, summary, keywords, summary_en, keywords_en) \
     VALUES ('delete', old.id, old.name, old.summary, old.keywords, old.summary_en, old.keywords_en); END",
    "CREATE TRIGGER service_search_au AFTER UPDATE OF name, summary, keywords, summary_en, keywords_en ON services BEGIN \
     INSERT INTO service_search(service_search, rowid, name, summary, keywords, summary_en, keywords_en) \
     VALUES ('delete', old.id, old.name, old.summary, old.keywords, old.summary_en, old.keywords_en); \
     INSERT INTO service_search(rowid, name, summary, keywords, summary_en, keywords_en) \
     VALUES (new.id, new.name, new.summary, new.keywords, new.summary_en, new.keywords_en); END",
    "INSERT INTO service_search(service_search) VALUES ('rebuild')",
    "CREATE VIRTUAL TABLE ticket_search USING fts5(public_subject, public_body, \
     content='tickets', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER ticket_search_ai AFTER INSERT ON tickets WHEN new.public_subject IS NOT NULL BEGIN \
     INSERT INTO ticket_search(rowid, public_subject, public_body) VALUES (new.id, new.public_subject, new.public_body); END",
    "CREATE TRIGGER ticket_search_ad AFTER DELETE ON tickets WHEN old.public_subject IS NOT NULL BEGIN \
     INSERT INTO ticket_search(ticket_search, rowid, public_subject, public_body) \
     VALUES ('delete', old.id, old.public_subject, old.public_body); END",
    "CREATE TRIGGER ticket_search_au_old AFTER UPDATE OF public_subject, public_body ON tickets \
     WHEN old.public_subject IS NOT NULL BEGIN \
     INSERT INTO ticket_search(ticket_search, rowid, public_subject, public_body) \
     VALUES ('delete', old.id, old.public_subject, old.public_body); END",
    "CREATE TRIGGER ticket_search_au_new AFTER UPDATE OF public_subject, public_body ON tickets \
     WHEN new.public_subject IS NOT NULL BEGIN \
     INSERT INTO ticket_search(rowid, public_subject, public_body) VALUES (new.id, new.public_subject, new.public_body); END",
    "INSERT INTO ticket_search(rowid, public_subject, public_body) \
     SELECT id, public_subject, public_body FROM tickets WHERE public_subject IS NOT NULL",
    "CREATE INDEX idx_standard_versions_published ON standard_versions (status, published_at)",
];

const SQLITE_DOWN: [&str; 10] = [
    "DROP TRIGGER IF EXISTS service_search_ai",
    "DROP TRIGGER IF EXISTS service_search_ad",
    "DROP TRIGGER IF EXISTS service_search_au",
    "DROP TRIGGER IF EXISTS ticket_search_ai",
    "DROP TRIGGER IF EXISTS ticket_search_ad",
    "DROP TRIGGER IF EXISTS ticket_search_au_old",
    "DROP TRIGGER IF EXISTS ticket_search_au_new",
    "DROP TABLE IF EXISTS service_search",
    "DROP TABLE IF EXISTS ticket_search",
    "DROP INDEX IF EXISTS idx_standard_versions_published",
];

const POSTGRES_UP: [&str; 4] = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX idx_services_search ON services USING gin \
     ((lower(name || ' ' || summary || ' ' || keywords || ' ' || summary_en || ' ' || keywords_en)) gin_trgm_ops)",
    "CREATE INDEX idx_tickets_public_search ON tickets USING gin \
     ((lower(coalesce(public_subject, '') || ' ' || coalesce(public_body, ''))) gin_trgm_ops) \
     WHERE published_at IS NOT NULL",
    "CREATE INDEX idx_standard_versions_published ON standard_versions (status, published_at)",
];

const POSTGRES_DOWN: [&str; 3] = [
    "DROP INDEX IF EXISTS idx_services_search",
    "DROP INDEX IF EXISTS idx_tickets_public_search",
    "DROP INDEX IF EXISTS idx_standard_versions_published",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_UP,
            _ => &POSTGRES_UP,
        };
        for sql in statements {
            manager.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_DOWN,
            _ => &POSTGRES_DOWN,
        };
        for sql in statements {
            manager.get_connection().execute_unprepared(sql).await?;
        }
        Ok(())
    }
}
