//! Runs the portal's scheduled work (routing at shift changes, deadline reminders and
//! escalations, closing resolved reports) every half minute. Several server processes may
//! run it: one holds the lease at a time (see `app::jobs`).
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use std::time::Duration;

pub const EVERY: Duration = Duration::from_secs(30);

pub async fn run(db: DatabaseConnection, public_url: String, outbox_signal: Arc<tokio::sync::Notify>, clock: app::ssr::Clock) {
    let owner = crate::mail::worker_id();
    let mut tick = tokio::time::interval(EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let env = app::tickets::ssr::Env { public_url: &public_url };
        match app::jobs::run(&db, &env, &owner, clock.now()).await {
            Ok(t) if t.ran => {
                if t.returned + t.routed + t.notices + t.reminders + t.escalations + t.closed + t.displaced + t.visit_reminders > 0 {
                    tracing::info!(
                        returned = t.returned,
                        routed = t.routed,
                        waiting = t.waiting,
                        notices = t.notices,
                        reminders = t.reminders,
                        escalations = t.escalations,
                        closed = t.closed,
                        displaced = t.displaced,
                        visit_reminders = t.visit_reminders,
                        "scheduled work done"
                    );
                    outbox_signal.notify_one();
                }
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = ?e, "scheduled work failed"),
        }
    }
}
