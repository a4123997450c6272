//! What a form's keys do to the app, and what follows a saved form: the
//! flash that says what was saved, the red-flag advice and the stretch
//! offered after a cramp.

use super::{FormAction, Submitted};
use crate::domain::alarm;
use crate::domain::change::Change;
use crate::domain::entry::Body;
use crate::tui::app::{App, Effect, Zone};
use chrono::Duration;

/// How long the stretch stays offered after a cramp is logged.
pub(crate) const STRETCH_OFFER_MINUTES: i64 = 60;

impl<Z: Zone> App<Z> {
    pub(crate) fn form_key(&mut self, fa: FormAction) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            return Vec::new();
        };
        match form.key(fa, &self.now, self.settings.units) {
            None => Vec::new(),
            Some(Submitted::Cancel) => {
                self.form = None;
                Vec::new()
            }
            Some(Submitted::Ok) => {
                let form = self.form.take().expect("checked above");
                match form.build(&self.history, &self.now, &self.settings, &self.rules) {
                    Ok((change, said)) => {
                        if let Change::Add {
                            body: Body::Cramp(c),
                            ..
                        } = &change
                        {
                            self.alarm = alarm::on_logging(c, &self.rules);
                        }
                        let muscle = match &change {
                            Change::Add {
                                body: Body::Cramp(c),
                                ..
                            } => self.guide.stretch_for(c.muscle).map(|_| c.muscle),
                            _ => None,
                        };
                        match muscle {
                            Some(m) => {
                                self.stretch_offer = Some((
                                    m,
                                    self.now.fixed_offset()
                                        + Duration::minutes(STRETCH_OFFER_MINUTES),
                                ));
                                self.say(
                                    format!("saved: {said} · s: show the {} stretch", m.word()),
                                    false,
                                );
                            }
                            None => self.say(format!("saved: {said}"), false),
                        }
                        vec![Effect::Write(change)]
                    }
                    Err(form) => {
                        // Errors are shown on the fields; the form stays open.
                        self.form = Some(form);
                        Vec::new()
                    }
                }
            }
        }
    }
}
