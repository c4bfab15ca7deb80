//! Settings: defaults, then environment variables. Secrets are never printed.
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Env {
    Development,
    Production,
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// "none" (plain, loopback only), "starttls" or "tls".
    pub security: String,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("security", &self.security)
            .finish()
    }
}

#[derive(Clone, Debug)]
pub struct Config {
    pub env: Env,
    pub database_url: String,
    pub site_addr: SocketAddr,
    pub site_root: String,
    pub public_url: String,
    pub mail_from: String,
    /// SMTP in production (required there); otherwise messages are written to `mail_dir`.
    pub smtp: Option<SmtpSettings>,
    pub mail_dir: PathBuf,
    /// `PORTAL_TRUSTED_PROXY=true` when a reverse proxy sets `X-Forwarded-For`.
    pub trusted_proxy: bool,
    /// Where attachments are kept (`PORTAL_FILES_DIR`, default `data/files`).
    pub files_dir: PathBuf,
    /// Reports accepted per hour per client address and per e-mail (`PORTAL_REPORTS_PER_HOUR`, 5).
    pub reports_per_hour: u32,
    /// Appointments booked per hour per client address (`PORTAL_BOOKINGS_PER_HOUR`, 10).
    pub bookings_per_hour: u32,
    /// Attempts before a mail message is marked failed (`PORTAL_MAIL_MAX_ATTEMPTS`, 8).
    pub mail_max_attempts: i32,
    /// The wait after the first failed attempt, doubled each time (`PORTAL_MAIL_RETRY_SECONDS`, 30).
    pub mail_retry_seconds: i64,
    /// Database connections per process (`PORTAL_DB_POOL`; default 1 on SQLite, 16 on PostgreSQL).
    pub db_pool: Option<u32>,
    /// Read-only connections beside a SQLite file's writer (`PORTAL_DB_READERS`; default one
    /// per core, 2 to 8). Not used on PostgreSQL.
    pub db_readers: Option<u32>,
    /// Development and browser tests only: the portal's clock starts at this instant
    /// (`PORTAL_CLOCK`, RFC 3339, e.g. `2027-04-06T09:10:00+08:00`) and runs on from there;
    /// otherwise the machine's time. Each application built from this configuration
    /// keeps this clock (it is a value, not the process's).
    pub clock: app::ssr::Clock,
    /// Whether an empty database gets the demo data (with its published password) at start:
    /// `PORTAL_DEMO=1`, or development on a loopback address; never in production.
    pub demo: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not valid: {1}")]
    Invalid(&'static str, String),
    #[error("{0} must be set in production")]
    Missing(&'static str),
}

fn number<T: std::str::FromStr + PartialOrd + Default>(
    get: &impl Fn(&str) -> Option<String>,
    key: &'static str,
    default: T,
) -> Result<T, ConfigError> {
    match get(key) {
        None => Ok(default),
        Some(v) => match v.parse::<T>() {
            Ok(n) if n > T::default() => Ok(n),
            _ => Err(ConfigError::Invalid(key, v)),
        },
    }
}

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/portal.db?mode=rwc";

impl Config {
    pub fn from_env() -> Result<Config, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
    }

    /// Reads settings through `get`, so tests can supply their own environment.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let env_given = get("PORTAL_ENV").is_some();
        let env = match get("PORTAL_ENV").as_deref() {
            None | Some("development") => Env::Development,
            Some("production") => Env::Production,
            Some(other) => return Err(ConfigError::Invalid("PORTAL_ENV", other.to_string())),
        };
        let site_addr: SocketAddr = get("LEPTOS_SITE_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e: std::net::AddrParseError| ConfigError::Invalid("LEPTOS_SITE_ADDR", e.to_string()))?;
        // Development is the default only for one's own machine: listening where others can
        // reach it needs the choice made out loud.
        if !env_given && !site_addr.ip().is_loopback() {
            return Err(ConfigError::Invalid(
                "PORTAL_ENV",
                format!("must be set (production, or development) to listen on {site_addr}, which is not a loopback address"),
            ));
        }
        let demo = match get("PORTAL_DEMO").as_deref() {
            Some("1") | Some("true") if env == Env::Production => {
                return Err(ConfigError::Invalid("PORTAL_DEMO", "never in production: the demo accounts have a published password".into()));
            }
            Some("1") | Some("true") => true,
            Some("0") | Some("false") => false,
            None => env == Env::Development && site_addr.ip().is_loopback(),
            Some(other) => return Err(ConfigError::Invalid("PORTAL_DEMO", other.into())),
        };
        let smtp = match get("SMTP_HOST") {
            Some(host) => Some(SmtpSettings {
                port: match get("SMTP_PORT") {
                    Some(p) => p.parse().map_err(|_| ConfigError::Invalid("SMTP_PORT", p))?,
                    None => 587,
                },
                username: get("SMTP_USERNAME"),
                password: get("SMTP_PASSWORD"),
                security: match get("SMTP_SECURITY").as_deref() {
                    None => "starttls".into(),
                    Some(s @ ("none" | "starttls" | "tls")) => s.into(),
                    Some(other) => return Err(ConfigError::Invalid("SMTP_SECURITY", other.into())),
                },
                host,
            }),
            None if env == Env::Production => return Err(ConfigError::Missing("SMTP_HOST")),
            None => None,
        };
        // In production, mail (and the SMTP password) crosses a network only encrypted.
        if let Some(smtp) = smtp.as_ref().filter(|s| env == Env::Production && s.security == "none") {
            let local = smtp.host == "localhost" || smtp.host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback());
            if !local {
                return Err(ConfigError::Invalid("SMTP_SECURITY", "none is only for a relay on this machine (localhost); use starttls or tls".into()));
            }
        }
        let public_url = get("PORTAL_PUBLIC_URL").unwrap_or_else(|| format!("http://{site_addr}"));
        if env == Env::Production && !public_url.starts_with("https://") {
            return Err(ConfigError::Invalid("PORTAL_PUBLIC_URL", "production needs an https:// address".into()));
        }
        let clock = match get("PORTAL_CLOCK").filter(|v| !v.is_empty()) {
            None => app::ssr::Clock::system(),
            Some(_) if env == Env::Production => {
                return Err(ConfigError::Invalid("PORTAL_CLOCK", "never in production".into()));
            }
            Some(v) => match chrono::DateTime::parse_from_rfc3339(&v) {
                Ok(t) => app::ssr::Clock::starting_at(t.with_timezone(&chrono::Utc)),
                Err(_) => return Err(ConfigError::Invalid("PORTAL_CLOCK", v)),
            },
        };
        Ok(Config {
            clock,
            env,
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            public_url: public_url.trim_end_matches('/').to_string(),
            mail_from: get("PORTAL_MAIL_FROM").unwrap_or_else(|| "Portal Layanan <noreply@layanan.localhost>".into()),
            smtp,
            mail_dir: get("PORTAL_MAIL_DIR").map(PathBuf::from).unwrap_or_else(|| "data/mail".into()),
            trusted_proxy: match get("PORTAL_TRUSTED_PROXY").as_deref() {
                None | Some("false") | Some("0") => false,
                Some("true") | Some("1") => true,
                Some(other) => return Err(ConfigError::Invalid("PORTAL_TRUSTED_PROXY", other.into())),
            },
            files_dir: get("PORTAL_FILES_DIR").map(PathBuf::from).unwrap_or_else(|| "data/files".into()),
            reports_per_hour: number(&get, "PORTAL_REPORTS_PER_HOUR", 5)?,
            bookings_per_hour: number(&get, "PORTAL_BOOKINGS_PER_HOUR", 10)?,
            mail_max_attempts: number(&get, "PORTAL_MAIL_MAX_ATTEMPTS", 8)?,
            mail_retry_seconds: number(&get, "PORTAL_MAIL_RETRY_SECONDS", 30)?,
            demo,
            db_pool: match get("PORTAL_DB_POOL") {
                Some(_) => Some(number(&get, "PORTAL_DB_POOL", 1)?),
                None => None,
            },
            db_readers: match get("PORTAL_DB_READERS") {
                Some(_) => Some(number(&get, "PORTAL_DB_READERS", 2)?),
                None => None,
            },
        })
    }

    pub fn retry_policy(&self) -> app::ssr::outbox::RetryPolicy {
        app::ssr::outbox::RetryPolicy {
            max_attempts: self.mail_max_attempts,
            first_delay: chrono::Duration::seconds(self.mail_retry_seconds),
            ..Default::default()
        }
    }

    pub fn production(&self) -> bool {
        self.env == Env::Production
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn development_defaults() {
        let c = Config::from_lookup(lookup(&[])).unwrap();
        assert_eq!(c.env, Env::Development);
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert!(c.smtp.is_none());
    }

    #[test]
    fn production_requires_smtp_and_https() {
        assert!(matches!(
            Config::from_lookup(lookup(&[("PORTAL_ENV", "production")])),
            Err(ConfigError::Missing("SMTP_HOST"))
        ));
        assert!(Config::from_lookup(lookup(&[
            ("PORTAL_ENV", "production"),
            ("SMTP_HOST", "smtp.example.go.id"),
            ("PORTAL_PUBLIC_URL", "http://x"),
        ]))
        .is_err());
        let ok = Config::from_lookup(lookup(&[
            ("PORTAL_ENV", "production"),
            ("SMTP_HOST", "smtp.example.go.id"),
            ("SMTP_PASSWORD", "secret"),
            ("PORTAL_PUBLIC_URL", "https://layanan.example.go.id/"),
        ]))
        .unwrap();
        assert_eq!(ok.public_url, "https://layanan.example.go.id");
        assert!(!format!("{ok:?}").contains("secret"));
    }

    #[test]
    fn no_known_password_beyond_loopback() {
        assert!(Config::from_lookup(lookup(&[])).unwrap().demo, "one's own machine: the demo");
        let err = Config::from_lookup(lookup(&[("LEPTOS_SITE_ADDR", "0.0.0.0:3000")])).unwrap_err();
        assert!(err.to_string().contains("PORTAL_ENV"), "{err}");
        let reachable = Config::from_lookup(lookup(&[("LEPTOS_SITE_ADDR", "0.0.0.0:3000"), ("PORTAL_ENV", "development")])).unwrap();
        assert!(!reachable.demo, "reachable by others: no demo unless asked");
        let asked = Config::from_lookup(lookup(&[("LEPTOS_SITE_ADDR", "0.0.0.0:3000"), ("PORTAL_ENV", "development"), ("PORTAL_DEMO", "1")]));
        assert!(asked.unwrap().demo);
        let prod = [
            ("PORTAL_ENV", "production"),
            ("SMTP_HOST", "smtp.example.go.id"),
            ("PORTAL_PUBLIC_URL", "https://layanan.example.go.id"),
            ("PORTAL_DEMO", "1"),
        ];
        assert!(Config::from_lookup(lookup(&prod)).unwrap_err().to_string().contains("PORTAL_DEMO"));
        assert!(!Config::from_lookup(lookup(&prod[..3])).unwrap().demo);
    }

    #[test]
    fn production_mail_in_clear_only_to_this_machine() {
        let base = [("PORTAL_ENV", "production"), ("PORTAL_PUBLIC_URL", "https://layanan.example.go.id"), ("SMTP_SECURITY", "none")];
        let with = |host: &'static str| {
            let mut v = base.to_vec();
            v.push(("SMTP_HOST", host));
            Config::from_lookup(lookup(&v))
        };
        assert!(with("smtp.example.go.id").unwrap_err().to_string().contains("SMTP_SECURITY"));
        assert!(with("127.0.0.1").is_ok() && with("localhost").is_ok() && with("::1").is_ok());
    }

    #[test]
    fn bad_values_are_named() {
        let err = Config::from_lookup(lookup(&[("PORTAL_ENV", "staging")])).unwrap_err();
        assert!(err.to_string().contains("PORTAL_ENV"));
    }
}
