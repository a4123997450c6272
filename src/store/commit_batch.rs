//! Many changes written at once: an import. Each change is checked as every
//! change is ([`Change::check`]) and minted here, under an id that sorts after
//! the one before; entries that come with their own id (another journal's,
//! an export's) keep it and pass the same checks. Nothing is written until
//! [`Journal::commit_batch`], so an import refused half way writes nothing.
//!
//! The import's batch, beside [`Journal::commit_all`] (the demo's, whose ids
//! are minted ahead from its seed): both check every change through
//! [`Change::check`]. They stay two because they file lines differently:
//! this one by the later of the month the source says an entry was logged
//! and the month it happened (an import of years does not land in this
//! month's file), the demo's as every write is, by when it is logged, never
//! before the newest file.

use super::{Journal, JournalError, RawLines, new_id};
use crate::domain::change::Change;
use crate::domain::entry::{Body, Time};
use crate::domain::history::Event;

/// The events an import writes together, as lines filed by month.
#[derive(Debug)]
pub struct Batch {
    lines: RawLines,
    last: Option<String>,
    now: Time,
}

impl Batch {
    /// A batch written at `now`, its ids minted after `last_id` (the
    /// journal's last event's).
    pub fn new(now: Time, last_id: Option<String>) -> Batch {
        Batch {
            lines: RawLines::default(),
            last: last_id,
            now,
        }
    }

    /// Event lines read byte for byte from another journal (checked as
    /// they were read: every line a load would keep), written at `now`.
    pub fn of_lines(now: Time, lines: RawLines) -> Batch {
        Batch {
            lines,
            last: None,
            now,
        }
    }

    /// Checks `change` and adds its event under a new id. `logged` is when
    /// the source says the entry was first logged (a CSV row's), else now;
    /// `extra` is kept on the event (an import's `source`).
    pub fn commit(
        &mut self,
        change: Change,
        logged: Option<Time>,
        extra: serde_json::Map<String, serde_json::Value>,
    ) -> Result<String, String> {
        let logged = logged.unwrap_or(self.now);
        crate::domain::check::time(&logged, "logged")?;
        change.check(&self.now)?;
        let id = new_id(&self.now, self.last.as_deref());
        self.last = Some(id.clone());
        let mut event = change.into_event(id.clone(), self.now);
        event.logged = logged;
        event.extra = extra;
        self.push(&event);
        Ok(id)
    }

    /// Adds the add event of an entry that keeps its id (restored from an
    /// export or another journal), after its id and logged time are checked
    /// and its values meet what a load asks of every entry. Not the rules
    /// added since for new values only (`Change::check`'s own): the entry
    /// was written under the rules of its day, and a backup restores whole.
    /// Of those, only the time rule of what is brought back from elsewhere
    /// is asked ([`crate::domain::check::restored`]): dated no later than
    /// both now and its logging (a plan excepted). An entry from a device
    /// whose clock ran ahead was not ahead of that clock, and is kept.
    pub fn keep(&mut self, id: String, at: Time, logged: Time, body: Body) -> Result<(), String> {
        crate::domain::check::id(&id)?;
        crate::domain::check::time(&logged, "logged")?;
        crate::domain::check::entry(&body, &at)?;
        crate::domain::check::restored(&body, &at, &logged, &self.now)?;
        self.push(&Change::Add { at, body }.into_event(id, logged));
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn now(&self) -> &Time {
        &self.now
    }

    fn push(&mut self, event: &Event) {
        self.lines
            .push_with(&event.logged, &event.at, |b| {
                serde_json::to_writer(b, event)
            })
            .expect("events serialize");
    }
}

impl Journal {
    /// Writes a batch: its lines, each in the month file it is filed by.
    pub fn commit_batch(&self, batch: &Batch) -> Result<(), JournalError> {
        self.append_raw(&batch.lines, &batch.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::entry::Drink;

    fn t(s: &str) -> Time {
        s.parse().unwrap()
    }

    fn drink(ml: u32) -> Body {
        Body::Drink(Drink {
            ml,
            kind: Default::default(),
            sodium_mg: None,
            note: None,
        })
    }

    #[test]
    fn changes_are_checked_as_every_change_is_and_minted_in_order() {
        let now = t("2026-11-28T15:00:00-05:00");
        let at = t("2026-11-28T09:00:00-05:00");
        let last = new_id(&now, None);
        let mut b = Batch::new(now, Some(last.clone()));
        let bad = Change::Add { at, body: drink(0) };
        assert_eq!(
            b.commit(bad.clone(), None, Default::default()),
            Err(bad.check(&now).unwrap_err()),
            "the message of Change::check"
        );
        let first = b
            .commit(
                Change::Add {
                    at,
                    body: drink(300),
                },
                None,
                Default::default(),
            )
            .unwrap();
        let second = b
            .commit(
                Change::Add {
                    at,
                    body: drink(200),
                },
                None,
                Default::default(),
            )
            .unwrap();
        assert!(last < first && first < second, "{last} {first} {second}");
        assert_eq!(b.len(), 2);
        // A logged time outside 1970-2199 is refused as an event's is.
        let logged = Some(t("1960-01-01T00:00:00Z"));
        let e = b
            .commit(
                Change::Add { at, body: drink(1) },
                logged,
                Default::default(),
            )
            .unwrap_err();
        assert!(e.starts_with("logged "), "{e}");
        assert_eq!(b.len(), 2);
    }

    #[test]
    fn a_kept_entry_keeps_its_id_and_meets_the_same_checks() {
        let now = t("2026-11-28T15:00:00-05:00");
        let at = t("2026-11-28T09:00:00-05:00");
        let mut b = Batch::new(now, None);
        assert!(b.keep("a b".into(), at, at, drink(300)).is_err());
        let bad = Change::Add {
            at,
            body: drink(5000),
        };
        assert_eq!(
            b.keep("01KB0".into(), at, at, drink(5000)),
            Err(bad.check(&now).unwrap_err())
        );
        assert!(b.is_empty());
        b.keep("01KB1".into(), at, at, drink(300)).unwrap();
        let lines = b.lines.by_month();
        let line = std::str::from_utf8(lines.values().next().unwrap()[0]).unwrap();
        assert!(line.contains("\"id\":\"01KB1\""), "{line}");
    }
}
