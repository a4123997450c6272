//! `crampwatch plan`: a workout planned for later, with its pre-load deadline.

use super::save::{add, clean_note};
use super::workout::check_activity;
use super::{Ctx, SessionOpts, user};
use crate::domain::entry::{Body, Plan, Time};
use crate::domain::hydration::{preload_deadline, whole};
use crate::domain::input::{TimeUse, parse_time};
use anyhow::Result;
use chrono::Duration;
use clap::Args;

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
    add(ctx, &history, at, body, Some(preload_line(ctx, &at)))
}

/// The pre-load deadline of a plan starting at `start`, from the rules.
fn preload_line(ctx: &Ctx, start: &Time) -> String {
    let rules = &ctx.rules;
    let deadline = preload_deadline(start, rules);
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
    format!("{line} (general information, not medical advice)")
}
