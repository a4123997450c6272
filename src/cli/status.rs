//! `crampwatch status`: one glanceable line for a shell prompt or a tmux bar,
//! or the timers as JSON. It reads only the newest monthly files
//! (`Ctx::recent_history_with`), so it stays fast however long the journal is.

use super::Ctx;
use crate::domain::entry::{Body, VolumeUnit};
use crate::domain::hydration::{Hydration, TimerKind, TimerState, countdown, timers_with, whole};
use crate::domain::rules::Rules;
use crate::domain::sweat::{PersonalRate, personal_rate};
use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// One short line: `sip in 6:40 · 14/64 oz today`
    Line,
    /// An object with now, today, workout, timers and warnings
    Json,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// line for a prompt or tmux bar, json for scripts: --format json
    #[arg(long, value_enum, default_value = "line")]
    pub format: StatusFormat,
}

pub fn status(ctx: &Ctx, a: &StatusArgs) -> Result<()> {
    let rules = &ctx.rules;
    let prefs = ctx.settings.prefs();
    // One listing of the files, and the current month parsed once, for
    // both reads below.
    let mut reader = ctx.journal.reader(true)?;
    let history = ctx.recent_history_with(&mut reader)?;
    // Only while a workout runs are the sweat tests read (from more than the
    // recent files): its sips follow the user's own rate when known.
    let sweat = running_rate(ctx, &mut reader, &history, rules)?;
    let h = timers_with(&ctx.now, &history, rules, &prefs, sweat.clone());
    match a.format {
        StatusFormat::Line => crate::outln!("{}", crate::term_safe::line(&line(&h, prefs.unit))),
        StatusFormat::Json => {
            let json = serde_json::json!({
                "now": ctx.now_fixed(),
                "today": { "intake_ml": h.intake_today_ml, "goal_ml": h.goal_ml },
                "last_hour_ml": h.last_hour_ml,
                "workout": h.workout,
                "timers": h.timers,
                "warnings": h.warnings,
                "sweat_ml_per_h": sweat.as_ref().map(|r| r.ml_per_h),
                "sweat_source": sweat.as_ref().map(|r| r.describe()),
                "note": "general information, not medical advice",
            });
            let text = serde_json::to_string_pretty(&json)?;
            crate::outln!("{}", crate::term_safe::json(&text));
        }
    }
    Ok(())
}

/// The user's own sweat rate for the running workout, when enough tests
/// back it. Only then is more than the last few days read: the last
/// `QUICK_DAYS` first, which settle it whenever they hold a full band of
/// tests (`[sweat] last_tests`), else all of `[sweat] recent_days`.
fn running_rate(
    ctx: &Ctx,
    reader: &mut crate::store::Reader,
    recent: &crate::domain::history::History,
    rules: &Rules,
) -> Result<Option<PersonalRate>> {
    const QUICK_DAYS: u32 = 90;
    let Some(running) = recent.running_workout() else {
        return Ok(None);
    };
    let Body::Workout(w) = &running.body else {
        return Ok(None);
    };
    let now = ctx.now_fixed();
    let mut rate_over = |days: u32| -> Result<Option<PersonalRate>> {
        let since = now - chrono::Duration::days(days as i64 + 1);
        let history = crate::domain::history::History::from_events(
            ctx.load_with(reader, crate::store::Scope::Since(since))?
                .events,
        );
        Ok(personal_rate(&history, rules, &now, w.heat, w.intensity))
    };
    let full = rules.sweat.recent_days;
    if full > QUICK_DAYS
        && let Some(r) = rate_over(QUICK_DAYS)?
        && r.tests >= rules.sweat.last_tests as usize
    {
        return Ok(Some(r));
    }
    rate_over(full)
}

/// `run 0:32 · sip due · 20/64 oz`, `sip in 6:40 · 14/64 oz today`.
pub fn line(h: &Hydration, unit: VolumeUnit) -> String {
    let mut parts = Vec::new();
    if let Some(w) = &h.workout {
        let mins = w.elapsed_secs.max(0) / 60;
        parts.push(format!("{} {}:{:02}", w.activity, mins / 60, mins % 60));
    }
    // The most urgent timer worth a glance: the daily timer only when its nudge is due.
    let top = h.timers.iter().find(|t| match (t.kind, t.state) {
        (_, TimerState::Done) => false,
        (TimerKind::Daily, s) => s == TimerState::Due,
        (TimerKind::CrampWindow, _) => true,
        (_, TimerState::Active) => false,
        _ => true,
    });
    if let Some(t) = top {
        parts.push(match (t.kind, t.state) {
            (TimerKind::Daily, _) => "time for a drink".to_string(),
            (TimerKind::CrampWindow, TimerState::Active) => format!(
                "cramp window {}",
                t.secs_left.map(countdown).unwrap_or_default()
            ),
            _ => t.short(),
        });
    }
    let goal = format!(
        "{}/{}",
        unit.number(whole(unit, h.intake_today_ml)),
        unit.format(whole(unit, h.goal_ml))
    );
    parts.push(if h.workout.is_some() {
        goal
    } else {
        format!("{goal} today")
    });
    if !h.warnings.is_empty() {
        parts.push(format!("⚠ {}", h.warnings.len()));
    }
    parts.join(" · ")
}
