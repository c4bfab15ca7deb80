//! Sessions kept in the portal's own database (SQLite or PostgreSQL), so they survive a
//! restart and are shared by every server process.
use async_trait::async_trait;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum Store {
    /// On SQLite, every request's look-up of its session is a read: it goes to the
    /// read-only connections (`read`), leaving the one writer to the writes.
    Sqlite { write: SqliteStore, read: SqliteStore },
    Postgres(PostgresStore),
}

impl Store {
    /// A store on the application's pools (`read` may be `db` itself), with its table
    /// created if missing.
    pub async fn for_db(db: &DatabaseConnection, read: &DatabaseConnection) -> Result<Store, sqlx_error::Error> {
        let store = match db.get_database_backend() {
            DatabaseBackend::Postgres => Store::Postgres(PostgresStore::new(db.get_postgres_connection_pool().clone())),
            _ => Store::Sqlite {
                write: SqliteStore::new(db.get_sqlite_connection_pool().clone()),
                read: SqliteStore::new(read.get_sqlite_connection_pool().clone()),
            },
        };
        match &store {
            Store::Sqlite { write, .. } => write.migrate().await?,
            Store::Postgres(s) => s.migrate().await?,
        }
        Ok(store)
    }
}

pub mod sqlx_error {
    pub type Error = sea_orm::sqlx::Error;
}

#[async_trait]
impl SessionStore for Store {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite { write: s, .. } => s.create(record).await,
            Store::Postgres(s) => s.create(record).await,
        }
    }
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            Store::Sqlite { write: s, .. } => s.save(record).await,
            Store::Postgres(s) => s.save(record).await,
        }
    }
    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            Store::Sqlite { read, .. } => read.load(id).await,
            Store::Postgres(s) => s.load(id).await,
        }
    }
    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            Store::Sqlite { write: s, .. } => s.delete(id).await,
            Store::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for Store {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            Store::Sqlite { write: s, .. } => s.delete_expired().await,
            Store::Postgres(s) => s.delete_expired().await,
        }
    }
}
