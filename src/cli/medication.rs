//! `crampwatch medication`: medicines started and stopped, and the list of
//! current and past ones with their dates.

use super::save::{add, clean_note};
use super::{Ctx, user};
use crate::domain::change::{Change, Given, Refusal};
use crate::domain::entry::{Body, MedAction, MedClass, Medication, Time};
use crate::domain::medication::{
    Course, check_dose, check_name, class_for_start, courses, current, parse_day_or_time,
};
use anyhow::Result;
use chrono::Local;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct MedicationArgs {
    #[command(subcommand)]
    pub cmd: Option<MedicationCmd>,
}

#[derive(Debug, Subcommand)]
pub enum MedicationCmd {
    /// A medicine started: `medication start furosemide --class diuretic --dose "20 mg daily" --at 2026-10-01`
    Start {
        /// The medicine's name, as on the box: furosemide, atorvastatin
        name: String,
        /// What kind of medicine (the flags know diuretics and statins): --class diuretic
        #[arg(long, value_enum)]
        class: Option<MedClass>,
        /// The dose as text: --dose "20 mg each morning"
        #[arg(long, value_name = "TEXT")]
        dose: Option<String>,
        /// When it started [default: now], a date or a TIME: 2026-10-01, "2026-10-01 08:00", -3d (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// A note in your words: --note "from Dr. B"
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// A medicine stopped: `medication stop furosemide --at 2026-11-20`
    Stop {
        /// The name of a medicine being taken (any case): furosemide, atorvastatin
        name: String,
        /// When it stopped [default: now], a date or a TIME: 2026-11-20, yesterday 8pm (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// A note in your words: --note "side effects"
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Current and past medicines with their dates (the default)
    List,
}

pub fn medication(ctx: &Ctx, a: &MedicationArgs) -> Result<()> {
    match &a.cmd {
        None | Some(MedicationCmd::List) => list(ctx),
        Some(MedicationCmd::Start {
            name,
            class,
            dose,
            at,
            note,
        }) => {
            let name = check_name(name).or_else(user)?;
            let dose = match dose {
                Some(d) => check_dose(d).or_else(user)?,
                None => None,
            };
            let at = when(ctx, at.as_deref())?;
            let history = ctx.history()?;
            let class = class_for_start(&courses(&history.entries), &name, *class);
            let body = Body::Medication(Medication {
                action: MedAction::Start,
                name,
                class,
                dose,
                note: clean_note(note),
            });
            add(ctx, &history, at, body, None)
        }
        Some(MedicationCmd::Stop { name, at, note }) => {
            let name = check_name(name).or_else(user)?;
            let at = when(ctx, at.as_deref())?;
            let history = ctx.history()?;
            let all = courses(&history.entries);
            let course = current(&all, &name);
            let body = Body::Medication(Medication {
                action: MedAction::Stop,
                name: course.map_or_else(|| name.clone(), |c| c.name.clone()),
                class: course.and_then(|c| c.class),
                dose: None,
                note: clean_note(note),
            });
            let change = Change::Add {
                at,
                body: body.clone(),
            };
            match change.check_against(&history, &ctx.rules, Given::default(), &ctx.now_fixed()) {
                Err(Refusal::NotCurrent(_)) => return user(not_current(&name, &all)),
                Err(Refusal::StopBeforeStart { start, .. }) => {
                    return user(format!(
                        "--at: {name} started {}; the stop must come after it",
                        day(&start)
                    ));
                }
                _ => {}
            }
            add(ctx, &history, at, body, None)
        }
    }
}

fn when(ctx: &Ctx, at: Option<&str>) -> Result<Time> {
    match at {
        None => Ok(ctx.now_fixed()),
        Some(s) => parse_day_or_time(s, &ctx.now).or_else(|e| user(format!("--at: {e}"))),
    }
}

fn not_current(name: &str, all: &[Course]) -> String {
    let names: Vec<&str> = all
        .iter()
        .filter(|c| c.is_current())
        .map(|c| c.name.as_str())
        .collect();
    let stopped = all
        .iter()
        .rev()
        .find(|c| c.name.eq_ignore_ascii_case(name.trim()))
        .and_then(|c| c.stop);
    if let Some(stop) = stopped {
        format!(
            "'{name}' was stopped on {} and is not being taken; start it again with: crampwatch medication start {name} --at DATE",
            day(&stop)
        )
    } else if names.is_empty() {
        format!(
            "'{name}' is not a current medicine (none is logged); log its start first: crampwatch medication start {name} --at DATE"
        )
    } else {
        format!(
            "'{name}' is not a current medicine; current: {}",
            names.join(", ")
        )
    }
}

fn day(t: &Time) -> String {
    t.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

/// One course as a line: `furosemide (diuretic) 20 mg · since 2026-10-01 · id …`.
pub fn course_line(c: &Course) -> String {
    let mut s = format!("{} ({})", c.name, c.class_word());
    if let Some(d) = &c.dose {
        s.push_str(&format!(" {d}"));
    }
    match (c.start, c.stop) {
        (Some(a), None) => s.push_str(&format!(" · since {}", day(&a))),
        (Some(a), Some(b)) => s.push_str(&format!(" · {} to {}", day(&a), day(&b))),
        (None, Some(b)) => s.push_str(&format!(" · until {} (start not logged)", day(&b))),
        (None, None) => {}
    }
    let ids: Vec<&str> = [c.start_id.as_deref(), c.stop_id.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    s.push_str(&format!(" · id {}", ids.join(", ")));
    s
}

fn list(ctx: &Ctx) -> Result<()> {
    let all = courses(&ctx.history()?.entries);
    if all.is_empty() {
        crate::say!(
            "no medicines logged; add one with: crampwatch medication start NAME --class diuretic|statin|other --dose \"20 mg daily\""
        );
        return Ok(());
    }
    for (title, now) in [("current", true), ("past", false)] {
        let these: Vec<&Course> = all.iter().filter(|c| c.is_current() == now).collect();
        if these.is_empty() {
            continue;
        }
        crate::say!("{title}:");
        for c in these {
            crate::say!("  {}", course_line(c));
        }
    }
    Ok(())
}
