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
