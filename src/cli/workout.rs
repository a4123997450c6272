//! `crampwatch workout start|stop|add`: a session live or after the fact.

use super::save::{add, add_locked, clean_note, past_time};
use super::{Ctx, SessionOpts, user};
use crate::domain::change::{Change, Given};
use crate::domain::entry::{Body, Time, Workout};
use crate::domain::history::{Entry, History};
use crate::domain::input::{TimeUse, parse_time};
use anyhow::Result;
use chrono::Duration;
use clap::Subcommand;

/// The longest session accepted, in hours.
pub const MAX_WORKOUT_HOURS: i64 = crate::domain::check::MAX_WORKOUT_HOURS;

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

pub fn workout(ctx: &Ctx, cmd: &WorkoutCmd) -> Result<()> {
    match cmd {
        WorkoutCmd::Start {
            activity,
            opts,
            new,
            at,
            note,
        } => {
            let body = session(activity, None, opts, *new, note)?;
            start(ctx, at.as_deref(), body)
        }
        WorkoutCmd::Stop { at } => stop(ctx, at.as_deref()),
        WorkoutCmd::Add {
            activity,
            from,
            to,
            opts,
            new,
            note,
        } => {
            check_activity(activity)?;
            let start = parse_time(from, &ctx.now, TimeUse::Past)
                .or_else(|e| user(format!("--from: {e}")))?;
            let end =
                parse_time(to, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--to: {e}")))?;
            check_span(start, end)?;
            let history = ctx.recent_history()?;
            let body = session(activity, Some(end), opts, *new, note)?;
            add(ctx, &history, start, body, None)
        }
    }
}

/// A workout's body from the command line's words.
fn session(
    activity: &str,
    end: Option<Time>,
    opts: &SessionOpts,
    new: bool,
    note: &Option<String>,
) -> Result<Body> {
    Ok(Body::Workout(Workout {
        activity: check_activity(activity)?,
        end,
        intensity: opts.intensity.unwrap_or_default(),
        heat: opts.heat.unwrap_or_default(),
        new,
        note: clean_note(note),
    }))
}

fn start(ctx: &Ctx, at: Option<&str>, body: Body) -> Result<()> {
    let at = past_time(ctx, at)?;
    let change = Change::Add {
        at,
        body: body.clone(),
    };
    ctx.check(&ctx.recent_history()?, &change, Given::default())?;
    // Checked again under the lock (by the commit): two terminals must not
    // both start one.
    let lock = ctx.journal.lock()?;
    let history = ctx.recent_history()?;
    add_locked(
        ctx,
        Some(&lock),
        &history,
        at,
        body,
        Some("stop it with: crampwatch workout stop".into()),
    )
}

fn stop(ctx: &Ctx, at: Option<&str>) -> Result<()> {
    let end = past_time(ctx, at)?;
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
    let change = Change::Amend {
        target: running.id.clone(),
        at: running.at,
        body: Body::Workout(w.clone()),
    };
    ctx.commit_locked(&lock, &history, change)?;
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

/// After a session stopped just now with a weighing before it: the
/// weighing after it makes a sweat test.
fn sweat_prompt(ctx: &Ctx, history: &History, start: Time, end: Time) {
    let rules = &ctx.rules;
    let window = Duration::minutes(rules.sweat.weigh_within_min as i64);
    if ctx.now_fixed() - end < window
        && crate::domain::sweat::weighed_before(history, rules, &start)
    {
        crate::say!(
            "weigh now to learn your sweat rate: crampwatch weight KG --when after (within {} min; --urine ML if you passed urine)",
            rules.sweat.weigh_within_min
        );
    }
}

fn running_or_refuse(history: &History) -> Result<&Entry> {
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
