//! The portal's clock, a value each application holds (in `AppState`), not a global.
use chrono::{DateTime, Duration, Utc};

/// The machine's time, or, in development and browser tests, a time set at start-up
/// (`PORTAL_CLOCK`) that runs on from there. Two applications in one process (as in the
/// tests) each keep their own.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Clock {
    offset: Duration,
}

impl Clock {
    /// The machine's own time.
    pub fn system() -> Self {
        Clock { offset: Duration::zero() }
    }

    /// A clock that reads `at` now and runs on from there.
    pub fn starting_at(at: DateTime<Utc>) -> Self {
        Clock { offset: at - Utc::now() }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_runs_on_from_its_start_and_leaves_others_alone() {
        let at = DateTime::parse_from_rfc3339("2027-04-06T09:10:00+08:00").unwrap().with_timezone(&Utc);
        let set = Clock::starting_at(at);
        let system = Clock::system();
        let read = set.now();
        assert!(read >= at && read - at < Duration::seconds(5), "{read}");
        assert!((system.now() - Utc::now()).num_seconds().abs() < 5, "the other clock is the machine's");
    }
}
