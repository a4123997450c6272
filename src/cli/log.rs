//! Logging in one line: drink, workout, plan, cramp (weight: `weight.rs`).

use super::{Ctx, SessionOpts, user};
use crate::domain::alarm;
use crate::domain::entry::{
    Body, Cramp, CrampContext, Drink, DrinkKind, Muscle, Plan, Relief, Side, Symptoms, Time,
    Workout,
};
use crate::domain::history::{EventProblem, History, Op};
use crate::domain::hydration::{self, preload_deadline, whole};
use crate::domain::input::{TimeUse, parse_duration, parse_time, parse_volume};
use crate::domain::rules::Rules;
use crate::store::Lock;
use anyhow::Result;
use chrono::Duration;
use clap::{Args, Subcommand};

/// The longest session accepted, in hours.
pub const MAX_WORKOUT_HOURS: i64 = crate::domain::check::MAX_WORKOUT_HOURS;

#[derive(Debug, Args)]
pub struct DrinkArgs {
    /// How much: 10oz, 10 oz, 300ml, 0.5l, or a number in the display unit
    #[arg(value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The unit, when written apart from the number (10 oz)
    #[arg(value_name = "UNIT", hide = true)]
    pub unit: Option<String>,
    /// What it was: --kind sports
    #[arg(long, value_enum, default_value_t = DrinkKind::Water)]
    pub kind: DrinkKind,
    /// Sodium in the drink, in mg: --sodium 300
    #[arg(long, value_name = "MG", value_parser = super::messages::sodium)]
    pub sodium: Option<u32>,
    /// When you drank it [default: now]: 14:30, 8pm, -30m, yesterday 21:00 (see TIME in --help)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A note in your words: --note "new shoes"
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum WorkoutCmd {
    /// Start a workout now (or --at a recent time): `workout start run --intensity hard`
    Start {
        /// What you are doing: run, ride, swim, tennis
        activity: String,
        #[command(flatten)]
        opts: SessionOpts,
        /// New or unaccustomed for you
        #[arg(long)]
        new: bool,
        /// When it started [default: now]: 07:00, 7am, -20m (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
        /// A note in your words: --note "hill repeats"
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Stop the running workout
    Stop {
        /// When it ended [default: now]: 08:30, 8:30am, -5m (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        at: Option<String>,
    },
    /// Log a finished workout: `workout add ride --from 07:00 --to 08:30`
    Add {
        /// What you did: run, ride, swim, tennis
        activity: String,
        /// When it started: 07:00, 7am, yesterday 18:00 (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        from: String,
        /// When it ended: 08:30, 8:30am, -10m (see TIME in --help)
        #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
        to: String,
        #[command(flatten)]
        opts: SessionOpts,
        /// New or unaccustomed for you
        #[arg(long)]
        new: bool,
        /// A note in your words: --note "first trail race"
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// What you plan to do: run, ride, swim, tennis
    pub activity: String,
    /// When it starts: 18:00, 6pm, tomorrow 7am, sat 07:00, +3h (see TIME in --help)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: String,
    /// How long it should last, in minutes: --minutes 90
    #[arg(long, value_name = "N", default_value_t = 60, value_parser = super::messages::plan_minutes)]
    pub minutes: u32,
    #[command(flatten)]
    pub opts: SessionOpts,
    /// A note in your words: --note "long run"
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct CrampArgs {
    /// Which muscle cramped: calf, hamstring, quadriceps, foot, hand or other
    #[arg(value_enum)]
    pub muscle: Muscle,
    /// Which side: --side left
    #[arg(long, value_enum)]
    pub side: Option<Side>,
    /// How bad, 1 (barely) to 10 (worst imaginable): --severity 6
    #[arg(long, value_name = "N", value_parser = super::messages::severity)]
    pub severity: Option<u8>,
    /// How long it lasted: --duration 90s, 2m or 1m30s
    #[arg(long, value_name = "DUR", allow_hyphen_values = true)]
    pub duration: Option<String>,
    /// When it came [default: during or after a workout if one is running or just ended, else rest]
    #[arg(long, value_enum)]
    pub context: Option<CrampContext>,
    #[command(flatten)]
    pub symptoms: SymptomFlags,
    /// What helped, comma-separated: --relief stretch,massage
    #[arg(long, value_enum, value_delimiter = ',')]
    pub relief: Vec<Relief>,
    /// When it came [default: now]: 03:10, 3am, -1h, yesterday 22:00 (see TIME in --help)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A note in your words: --note "after stairs"
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args, Clone, Copy)]
pub struct SymptomFlags {
    /// Swelling alongside the cramp
    #[arg(long)]
    pub swelling: bool,
    /// Redness or other skin changes
    #[arg(long)]
    pub redness: bool,
    /// Weakness
    #[arg(long)]
    pub weakness: bool,
    /// Numbness
    #[arg(long)]
    pub numbness: bool,
}

/// After a session stopped just now with a weighing before it: the
/// weighing after it makes a sweat test.
fn sweat_prompt(ctx: &Ctx, history: &History, start: Time, end: Time) {
    let Ok(rules) = Rules::embedded() else {
        return;
    };
    let window = Duration::minutes(rules.sweat.weigh_within_min as i64);
    if ctx.now_fixed() - end < window
        && crate::domain::sweat::weighed_before(history, &rules, &start)
    {
        crate::say!(
            "weigh now to learn your sweat rate: crampwatch weight KG --when after (within {} min; --urine ML if you passed urine)",
            rules.sweat.weigh_within_min
        );
    }
}

/// Parses `--at` for something that already happened (default: now).
pub fn past_time(ctx: &Ctx, at: Option<&str>) -> Result<Time> {
    match at {
        None => Ok(ctx.now_fixed()),
        Some(s) => parse_time(s, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--at: {e}"))),
    }
}

pub(super) fn clean_note(note: &Option<String>) -> Option<String> {
    note.as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// Appends one add event and confirms it.
pub(super) fn add(
    ctx: &Ctx,
    history: &History,
    at: Time,
    body: Body,
    extra_line: Option<String>,
) -> Result<()> {
    add_locked(ctx, None, history, at, body, extra_line)
}

/// What a confirmation calls an entry: weights in the user's unit.
fn said(ctx: &Ctx, history: &History, body: &Body) -> String {
    ctx.describe(body, history)
}

/// [`add`], under a lock the caller took for its check.
fn add_locked(
    ctx: &Ctx,
    lock: Option<&Lock>,
    history: &History,
    at: Time,
    body: Body,
    extra_line: Option<String>,
) -> Result<()> {
    let mut event = ctx.event(history, Op::Add, at);
    event.entry = Some(body.clone());
    // The same checks as every import and every line read at load.
    if let Err(EventProblem::Invalid(why)) = event.check() {
        return user(format!("not saved: {why}"));
    }
    match lock {
        Some(l) => ctx.journal.append_locked(l, std::slice::from_ref(&event))?,
        None => ctx.journal.append(std::slice::from_ref(&event))?,
    }
    crate::say!(
        "saved: {} · {} · id {}",
        said(ctx, history, &body),
        ctx.when(&at),
        event.id
    );
    if let Some(line) = extra_line {
        crate::say!("{line}");
    }
    Ok(())
}

/// `drink 8oz --at yesterday 7am`: the second word of the time lands in the
/// hidden UNIT slot, after an amount that already has its unit.
pub(super) fn unquoted_at(value: &str, unit: Option<&str>, at: Option<&str>) -> Result<()> {
    if let (Some(u), Some(at)) = (unit, at)
        && value.chars().any(|c| c.is_ascii_alphabetic())
    {
        return user(format!(
            "unexpected argument '{u}' found; a time of two words needs quotes: --at \"{at} {u}\""
        ));
    }
    Ok(())
}

pub(super) fn join_unit(value: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{value} {u}"),
        None => value.to_string(),
    }
}

pub fn drink(ctx: &Ctx, a: &DrinkArgs) -> Result<()> {
    if let Some(msg) = super::messages::unknown_flag(&["drink"], &a.amount) {
        return user(msg);
    }
    unquoted_at(&a.amount, a.unit.as_deref(), a.at.as_deref())?;
    let text = join_unit(&a.amount, a.unit.as_deref());
    let ml = parse_volume(&text, ctx.unit()).or_else(user)?;
    let at = past_time(ctx, a.at.as_deref())?;
    let history = ctx.recent_history()?;
    let body = Body::Drink(Drink {
        ml,
        kind: a.kind,
        sodium_mg: a.sodium,
        note: clean_note(&a.note),
    });
    add(ctx, &history, at, body, None)?;
    // Said where the user is: the drink that passes the hourly limit or the
    // session's sweat estimate gets the warning at once, not only in `status`.
    let rules = Rules::embedded().map_err(anyhow::Error::msg)?;
    let after = hydration::timers(
        &ctx.now,
        &ctx.recent_history()?,
        &rules,
        &ctx.settings.prefs(),
    );
    for w in after.overdrinking_warnings() {
        crate::say_err!("warning: {w}");
    }
    Ok(())
}

pub fn workout(ctx: &Ctx, cmd: &WorkoutCmd) -> Result<()> {
    match cmd {
        WorkoutCmd::Start {
            activity,
            opts,
            new,
            at,
            note,
        } => {
            let activity = check_activity(activity)?;
            let at = past_time(ctx, at.as_deref())?;
            refuse_if_running(ctx, &ctx.recent_history()?)?;
            // Check again under the lock: two terminals must not both start one.
            let lock = ctx.journal.lock()?;
            let history = ctx.recent_history()?;
            refuse_if_running(ctx, &history)?;
            let body = Body::Workout(Workout {
                activity,
                end: None,
                intensity: opts.intensity.unwrap_or_default(),
                heat: opts.heat.unwrap_or_default(),
                new: *new,
                note: clean_note(note),
            });
            add_locked(
                ctx,
                Some(&lock),
                &history,
                at,
                body,
                Some("stop it with: crampwatch workout stop".into()),
            )
        }
        WorkoutCmd::Stop { at } => {
            let end = past_time(ctx, at.as_deref())?;
            running_or_refuse(&ctx.recent_history()?)?;
            let lock = ctx.journal.lock()?;
            let history = ctx.recent_history()?;
            let running = running_or_refuse(&history)?;
            if end <= running.at {
                return user(match at {
                    Some(_) => format!(
                        "--at: the stop time must be after the start ({})",
                        ctx.when(&running.at)
                    ),
                    None => format!(
                        "the {} started {} and has not lasted a minute yet; stop it later, or give when it started with 'crampwatch edit {} --at TIME'",
                        running.body.kind().word(),
                        ctx.when(&running.at),
                        running.id
                    ),
                });
            }
            if end - running.at > Duration::hours(MAX_WORKOUT_HOURS) {
                return user(format!(
                    "the running workout started {}, more than {MAX_WORKOUT_HOURS} h before; give --at with when it really ended",
                    ctx.when(&running.at)
                ));
            }
            let Body::Workout(mut w) = running.body.clone() else {
                unreachable!("running_workout returns workouts")
            };
            w.end = Some(end);
            let minutes = (end - running.at).num_minutes();
            let mut event = ctx.event(&history, Op::Amend, running.at);
            event.target = Some(running.id.clone());
            event.entry = Some(Body::Workout(w.clone()));
            ctx.journal
                .append_locked(&lock, std::slice::from_ref(&event))?;
            crate::say!(
                "saved: stopped {} after {} min · {} · id {}",
                w.activity,
                minutes,
                ctx.when(&end),
                running.id
            );
            sweat_prompt(ctx, &history, running.at, end);
            Ok(())
        }
        WorkoutCmd::Add {
            activity,
            from,
            to,
            opts,
            new,
            note,
        } => {
            let activity = check_activity(activity)?;
            let start = parse_time(from, &ctx.now, TimeUse::Past)
                .or_else(|e| user(format!("--from: {e}")))?;
            let end =
                parse_time(to, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--to: {e}")))?;
            check_span(start, end)?;
            let history = ctx.recent_history()?;
            let body = Body::Workout(Workout {
                activity,
                end: Some(end),
                intensity: opts.intensity.unwrap_or_default(),
                heat: opts.heat.unwrap_or_default(),
                new: *new,
                note: clean_note(note),
            });
            add(ctx, &history, start, body, None)
        }
    }
}

fn refuse_if_running(ctx: &Ctx, history: &History) -> Result<()> {
    if let Some(running) = history.running_workout() {
        let Body::Workout(w) = &running.body else {
            unreachable!("running_workout returns workouts")
        };
        return user(format!(
            "a workout is already running ({} since {}); stop it first with 'crampwatch workout stop'",
            w.activity,
            ctx.when(&running.at)
        ));
    }
    Ok(())
}

fn running_or_refuse(history: &History) -> Result<&crate::domain::history::Entry> {
    history.running_workout().map_or_else(
        || {
            user(
                "no workout is running; start one with 'crampwatch workout start ACTIVITY' or log a finished one with 'crampwatch workout add'",
            )
        },
        Ok,
    )
}

/// A session must end after it starts and last at most a day.
pub fn check_span(start: Time, end: Time) -> Result<()> {
    if end <= start {
        return user("--to must be after --from");
    }
    if end - start > Duration::hours(MAX_WORKOUT_HOURS) {
        return user(format!(
            "a workout of more than {MAX_WORKOUT_HOURS} hours is not plausible; check --from and --to"
        ));
    }
    Ok(())
}

pub fn check_activity(activity: &str) -> Result<String> {
    let a = activity.trim();
    if a.is_empty() || a.chars().count() > 40 {
        return user("ACTIVITY needs a short name, like run, ride, swim or tennis");
    }
    if a.chars().any(char::is_control) {
        return user("ACTIVITY cannot hold control characters");
    }
    Ok(a.to_string())
}

pub fn plan(ctx: &Ctx, a: &PlanArgs) -> Result<()> {
    let activity = check_activity(&a.activity)?;
    let at = parse_time(&a.at, &ctx.now, TimeUse::Plan).or_else(|e| user(format!("--at: {e}")))?;
    let history = ctx.recent_history()?;
    let body = Body::Plan(Plan {
        activity,
        minutes: a.minutes,
        intensity: a.opts.intensity.unwrap_or_default(),
        heat: a.opts.heat.unwrap_or_default(),
        note: clean_note(&a.note),
    });
    add(ctx, &history, at, body, Some(preload_line(ctx, &at)?))
}

/// The pre-load deadline of a plan starting at `start`, from the rules.
fn preload_line(ctx: &Ctx, start: &Time) -> Result<String> {
    let rules = Rules::embedded().map_err(anyhow::Error::msg)?;
    let deadline = preload_deadline(start, &rules);
    let amount = ctx
        .unit()
        .format(whole(ctx.unit(), rules.preload.target_ml));
    let line = if deadline >= ctx.now_fixed() {
        format!("pre-load: about {amount} by {}", ctx.when(&deadline))
    } else {
        let t = &rules.topup;
        let from = *start - Duration::minutes(t.opens_min_before as i64);
        // A top-up window already open starts "now", never at a past time.
        let from = if from <= ctx.now_fixed() {
            "now".to_string()
        } else {
            ctx.when(&from)
        };
        format!(
            "pre-load: its deadline ({}) has passed; top-up {}-{} from {from}",
            ctx.when(&deadline),
            ctx.unit().number(whole(ctx.unit(), t.min_ml)),
            ctx.unit().format(whole(ctx.unit(), t.max_ml)),
        )
    };
    Ok(format!("{line} (general information, not medical advice)"))
}

pub use crate::domain::change::infer_context;

pub fn cramp(ctx: &Ctx, a: &CrampArgs) -> Result<()> {
    let duration_s = match &a.duration {
        None => None,
        Some(d) => Some(check_cramp_duration(d)?),
    };
    let at = past_time(ctx, a.at.as_deref())?;
    let history = ctx.recent_history()?;
    let (context, inferred) = match a.context {
        Some(c) => (c, false),
        None => (infer_context(&history, at), true),
    };
    let mut relief = a.relief.clone();
    relief.sort();
    relief.dedup();
    let body = Body::Cramp(Cramp {
        muscle: a.muscle,
        side: a.side,
        severity: a.severity,
        duration_s,
        context: Some(context),
        symptoms: Symptoms {
            swelling: a.symptoms.swelling,
            redness: a.symptoms.redness,
            weakness: a.symptoms.weakness,
            numbness: a.symptoms.numbness,
        },
        relief,
        note: clean_note(&a.note),
        muscle_name: None,
    });
    let extra = inferred.then(|| {
        format!("context '{context}' was inferred from your workouts; set it with --context during|after|rest|night")
    });
    let alarms = match &body {
        Body::Cramp(c) => alarm::on_logging(c, &Rules::embedded().map_err(anyhow::Error::msg)?),
        _ => Vec::new(),
    };
    add(ctx, &history, at, body, extra)?;
    for line in alarms {
        crate::say!("⚠ {line}");
    }
    Ok(())
}

pub fn check_cramp_duration(d: &str) -> Result<u32> {
    let secs = parse_duration(d).or_else(|e| user(format!("--duration: {e}")))?;
    if secs > crate::domain::input::MAX_CRAMP_SECS {
        return user(format!(
            "--duration: '{d}' is longer than 4 hours; a cramp that long needs a professional's attention, not a log entry"
        ));
    }
    Ok(secs)
}
