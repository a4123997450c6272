//! Device files imported (FIT, TCX, GPX, Apple Health, Strava): each entry
//! found is checked, decided on against the journal ([`super::plan`]), and
//! made a `Change` that the store mints, with the file it came from kept on
//! its event. Nothing is written here: the caller commits (or, for a dry
//! run, does not).

use super::plan::{Known, Verdict};
use super::{Found, check};
use crate::context::Ctx;
use crate::domain::change::Change;
use crate::domain::entry::Body;
use crate::domain::history::History;
use crate::store::Scope;
use crate::store::commit_batch::Batch;
use anyhow::Result;

/// Per file, what happened.
#[derive(Default)]
pub struct Tally {
    pub added: usize,
    pub already: usize,
    pub merged: usize,
    pub overlapping: Vec<String>,
    pub refused: Vec<String>,
}

/// The journal as it was, and the changes this import makes.
pub struct DeviceImport {
    known: Known,
    history: History,
    /// What is written, when the caller commits it.
    pub batch: Batch,
    merge: bool,
}

impl DeviceImport {
    /// Against the journal as it stands; with `merge`, a workout overlapping
    /// one logged by hand gives that one the file's times.
    pub fn new(ctx: &Ctx, merge: bool) -> Result<DeviceImport> {
        let events = ctx.load(Scope::All)?.events;
        let sources = Known::sources(&events);
        // Folded by move: years of journal are not held twice.
        let history = History::from_events(events);
        Ok(DeviceImport {
            known: Known::with_entries(sources, &history.entries),
            batch: Batch::new(ctx.now_fixed(), history.last_event_id.clone()),
            history,
            merge,
        })
    }

    /// Checks an entry, decides on it, and makes the change it calls for.
    pub fn take(&mut self, f: Found, t: &mut Tally) {
        if let Err(why) = check::check(&f.at, &f.body, self.batch.now()) {
            t.refused.push(refused(&f, &why));
            return;
        }
        match self.known.decide(&f) {
            Verdict::Add => {
                let change = Change::Add {
                    at: f.at,
                    body: f.body.clone(),
                };
                if self.write(change, &f, t) {
                    t.added += 1;
                }
            }
            Verdict::Already(_) => t.already += 1,
            Verdict::Overlaps(id) if self.merge => {
                let Some(entry) = self.history.get(&id) else {
                    return;
                };
                let f = Found {
                    body: merged_body(&entry.body, &f),
                    ..f
                };
                let change = Change::Amend {
                    target: id.clone(),
                    at: f.at,
                    body: f.body.clone(),
                };
                // Known as merged only once the batch took it.
                if self.write(change, &f, t) {
                    self.known.merged(&id, &f);
                    t.merged += 1;
                }
            }
            Verdict::Overlaps(id) => t.overlapping.push(id),
        }
    }

    /// Commits `change` to the batch, with the file it came from kept on
    /// its event; false (and refused) if a check refuses it.
    fn write(&mut self, change: Change, f: &Found, t: &mut Tally) -> bool {
        let mut extra = serde_json::Map::new();
        extra.insert("source".into(), f.source.to_json());
        match self.batch.commit(change, None, extra) {
            Ok(_) => true,
            Err(why) => {
                t.refused.push(refused(f, &why));
                false
            }
        }
    }
}

fn refused(f: &Found, why: &str) -> String {
    let what = f.body.kind().word();
    format!("{what} at {}: {why}", f.at.to_rfc3339())
}

/// A hand-logged workout with the watch's start and end; the rest (its
/// activity, intensity, heat, note) stays the user's.
fn merged_body(hand: &Body, f: &Found) -> Body {
    match (hand, &f.body) {
        (Body::Workout(h), Body::Workout(w)) => {
            let mut b = h.clone();
            b.end = w.end;
            Body::Workout(b)
        }
        _ => f.body.clone(),
    }
}
