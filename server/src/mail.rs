//! The mail transport: SMTP (lettre) in production, a folder of `.eml` files in development.
//! Messages will be queued in an outbox and sent by a worker; this module only builds and
//! checks the transport.
use crate::config::Config;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("file transport: {0}")]
    File(#[from] lettre::transport::file::Error),
    #[error("mail folder: {0}")]
    Io(#[from] std::io::Error),
}

impl Mailer {
    pub fn from_config(config: &Config) -> Result<Mailer, MailError> {
        match &config.smtp {
            Some(smtp) => {
                let mut builder = match smtp.security.as_str() {
                    "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)?,
                    "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)?,
                    _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
                }
                .port(smtp.port);
                if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
                    builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
                }
                Ok(Mailer::Smtp(builder.build()))
            }
            None => {
                std::fs::create_dir_all(&config.mail_dir)?;
                Ok(Mailer::Files(AsyncFileTransport::new(&config.mail_dir)))
            }
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Mailer::Smtp(_) => "smtp",
            Mailer::Files(_) => "files",
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), MailError> {
        match self {
            Mailer::Smtp(t) => t.send(message).await.map(|_| ())?,
            Mailer::Files(t) => t.send(message).await.map(|_| ())?,
        }
        Ok(())
    }
}

/// Builds the multipart (plain text + HTML) message of one outbox row.
pub fn build(from: &str, m: &app::ssr::entities::outbox::Model) -> Result<Message, String> {
    use lettre::message::{header::ContentType, MultiPart, SinglePart};
    let from = from.parse::<lettre::message::Mailbox>().map_err(|e| format!("sender: {e}"))?;
    let to = m.to_addr.parse::<lettre::message::Mailbox>().map_err(|e| format!("recipient: {e}"))?;
    let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(m.body_text.clone());
    let html = SinglePart::builder().header(ContentType::TEXT_HTML).body(m.body_html.clone());
    let body = match &m.qr {
        // The HTML part shows the QR code as a picture sent inside the message
        // (multipart/related), so it shows with no connection and no remote images.
        Some(code) => {
            let png = app::ssr::qr::png(code, 6).ok_or_else(|| "QR code does not fit".to_string())?;
            let picture = lettre::message::Attachment::new_inline(app::ssr::outbox::QR_CID.to_string())
                .body(png, ContentType::parse("image/png").map_err(|e| e.to_string())?);
            MultiPart::alternative().singlepart(text).multipart(MultiPart::related().singlepart(html).singlepart(picture))
        }
        None => MultiPart::alternative().singlepart(text).singlepart(html),
    };
    let builder = Message::builder().from(from).to(to).subject(m.subject.clone());
    match &m.calendar {
        // An appointment: the calendar file goes along as an attachment that calendar
        // programs offer to add.
        Some(ics) => {
            let method = app::bookings::ics::method_of(ics);
            let kind = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}")).map_err(|e| e.to_string())?;
            // Quoted-printable keeps the calendar readable as text in the raw message.
            let content = lettre::message::Body::new_with_encoding(ics.clone(), lettre::message::header::ContentTransferEncoding::QuotedPrintable)
                .map_err(|_| "calendar file encoding".to_string())?;
            let file = lettre::message::Attachment::new("janji-temu.ics".to_string()).body(content, kind);
            builder.multipart(MultiPart::mixed().multipart(body).singlepart(file))
        }
        None => builder.multipart(body),
    }
    .map_err(|e| e.to_string())
}

/// A name for this worker's leases, unique per process.
pub fn worker_id() -> String {
    use rand::Rng;
    format!("{}-{:08x}", std::process::id(), rand::thread_rng().gen::<u32>())
}

/// Claims and sends what is due once; returns how many messages it handled.
pub async fn drain_once(
    db: &sea_orm::DatabaseConnection,
    mailer: &Mailer,
    from: &str,
    policy: &app::ssr::outbox::RetryPolicy,
    owner: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, sea_orm::DbErr> {
    use app::ssr::outbox;
    let batch = outbox::claim_due(db, owner, policy, 20, now).await?;
    let mut sent = Vec::new();
    for m in &batch {
        match build(from, m) {
            Ok(message) => match mailer.send(message).await {
                Ok(()) => {
                    sent.push(m.id);
                    tracing::info!(id = m.id, "mail sent");
                }
                Err(e) => {
                    let error = outbox::without_addresses(&e.to_string());
                    tracing::warn!(id = m.id, attempt = m.attempts + 1, error, "mail not sent; will retry");
                    outbox::mark_attempt_failed(db, m, owner, &e.to_string(), policy, now).await?;
                }
            },
            Err(e) => {
                // A message that cannot be built never will be: fail it at once.
                tracing::error!(id = m.id, error = %e, "mail cannot be built");
                let last = app::ssr::outbox::RetryPolicy { max_attempts: 1, ..*policy };
                outbox::mark_attempt_failed(db, m, owner, &e, &last, now).await?;
            }
        }
    }
    outbox::mark_sent(db, &sent, owner, now).await?;
    Ok(batch.len())
}

/// Sends queued mail until the server stops: at once when woken, otherwise every few
/// seconds (messages waiting for a retry, or queued by another server process).
pub async fn run_worker(
    db: sea_orm::DatabaseConnection,
    mailer: Mailer,
    from: String,
    policy: app::ssr::outbox::RetryPolicy,
    signal: std::sync::Arc<tokio::sync::Notify>,
    clock: app::ssr::Clock,
) {
    let owner = worker_id();
    loop {
        match drain_once(&db, &mailer, &from, &policy, &owner, clock.now()).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "mail worker: database error"),
        }
        tokio::select! {
            _ = signal.notified() => {}
            _ = tokio::time::sleep(std::time::Duration::from_secs(3)) => {}
        }
    }
}
