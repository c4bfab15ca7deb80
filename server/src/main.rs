#![recursion_limit = "256"]
//! The portal's server binary: `serve` (default), `migrate`, `create-user`, `seed-demo`,
//! `api-key create`.
use clap::{Parser, Subcommand};
use server::config::Config;
use std::io::BufRead;
use std::process::ExitCode;

// Page rendering allocates many short strings; mimalloc handles that far better than glibc's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Portal Layanan Publik: service standards, consultation and complaints.
///
/// Settings come from the environment: DATABASE_URL (sqlite://… or postgres://…, default
/// sqlite://data/portal.db), LEPTOS_SITE_ADDR (default 127.0.0.1:3000), LEPTOS_SITE_ROOT
/// (default target/site), PORTAL_ENV (development | production), PORTAL_PUBLIC_URL,
/// PORTAL_MAIL_FROM, SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD,
/// SMTP_SECURITY (none | starttls | tls), PORTAL_MAIL_DIR (development mail folder),
/// PORTAL_TRUSTED_PROXY (true behind a reverse proxy that sets X-Forwarded-For),
/// RUST_LOG (log filter).
#[derive(Parser)]
#[command(name = "server", version)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database and serve the portal (the default). In development an empty
    /// database is filled with the demo data first.
    Serve,
    /// Bring the database schema up to date and exit.
    Migrate,
    /// Create an account (the first admin, for example). The password is read from the
    /// environment variable PORTAL_NEW_PASSWORD, or else from the first line of standard input.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Give the account the admin role.
        #[arg(long)]
        admin: bool,
    },
    /// Load the demo units, standards and accounts into an empty database (refused in
    /// production).
    SeedDemo,
    /// API keys for other applications that send reports through Open311.
    ApiKey {
        #[command(subcommand)]
        action: ApiKeyCommand,
    },
}

#[derive(Subcommand)]
enum ApiKeyCommand {
    /// Issue a key to a named application. The key alone goes to standard output (it is
    /// shown only this once); admins see and revoke keys at /admin/open311.
    Create {
        /// The application and who runs it, e.g. "Aplikasi Warga Balikpapan (Diskominfo)".
        name: String,
        /// Reports the key may send per hour (1 to 10000).
        #[arg(long, default_value_t = app::open311::ssr::DEFAULT_PER_HOUR)]
        per_hour: i32,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,tower_sessions=warn".into()),
        )
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    if config.clock != app::ssr::Clock::system() {
        tracing::warn!(at = %config.clock.now(), "the portal's clock was set by PORTAL_CLOCK (development only)");
    }
    let now = config.clock.now();
    let db = server::connect_and_migrate_with(&config.database_url, config.db_pool).await?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Migrate => {
            println!("database is up to date");
            Ok(())
        }
        Command::CreateUser { email, name, admin } => {
            let password = match std::env::var("PORTAL_NEW_PASSWORD") {
                Ok(p) if !p.is_empty() => p,
                _ => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_string()
                }
            };
            let input = app::auth::ssr::NewAccount { name, email, password, is_admin: admin };
            match app::auth::ssr::create_account(&db, input, None, now).await {
                Ok(user) => {
                    println!("account {} created (id {})", user.email, user.id);
                    Ok(())
                }
                Err(app::error::AppError::Invalid(errors)) => Err(anyhow::anyhow!(english(&errors))),
                Err(e) => Err(anyhow::anyhow!(e.to_string())),
            }
        }
        Command::ApiKey { action: ApiKeyCommand::Create { name, per_hour } } => {
            match app::open311::ssr::create_key(&db, &name, &per_hour.to_string(), None, now).await {
                Ok(made) => {
                    eprintln!("key {} issued to {} ({} reports per hour)", made.client.key_prefix, made.client.name, made.client.per_hour);
                    println!("{}", made.key);
                    Ok(())
                }
                Err(app::error::AppError::Invalid(errors)) => Err(anyhow::anyhow!(english(&errors))),
                Err(e) => Err(anyhow::anyhow!(e.to_string())),
            }
        }
        Command::SeedDemo => {
            if config.production() {
                anyhow::bail!("seed-demo is refused in production");
            }
            if server::demo::seed(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))? {
                server::demo::seed_rosters(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                server::demo::seed_bookings(&db, &config.public_url, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                server::demo::seed_survey(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                println!("demo data loaded; every demo account's password is {}", server::demo::DEMO_PASSWORD);
            } else {
                println!("the database already has units; nothing loaded");
            }
            Ok(())
        }
        Command::Serve => {
            let mailer = server::mail::Mailer::from_config(&config)?;
            tracing::info!(transport = mailer.describe(), "mail transport ready");
            if config.demo && server::demo::seed(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))? {
                server::demo::seed_rosters(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                server::demo::seed_bookings(&db, &config.public_url, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                server::demo::seed_survey(&db, now).await.map_err(|e| anyhow::anyhow!(e.to_string()))?;
                tracing::info!("empty database: demo data loaded");
            }
            server::serve(config, db).await
        }
    }
}

/// Field problems as one line for the terminal.
fn english(errors: &app::forms::FieldErrors) -> String {
    errors.0.iter().map(|e| e.problem.message(app::i18n::Lang::En, &e.field)).collect::<Vec<_>>().join(" ")
}
