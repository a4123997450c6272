//! `crampwatch cramp`: a cramp in one line, its context inferred from the
//! workouts around it when not given, and the alarms it raises said at once.

use super::save::{add, clean_note, past_time};
use super::{Ctx, user};
use crate::domain::alarm;
use crate::domain::change::infer_context;
use crate::domain::entry::{Body, Cramp, CrampContext, Muscle, Relief, Side, Symptoms};
use crate::domain::input::parse_duration;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct CrampArgs {
    /// Which muscle cramped: calf, hamstring, quadriceps, foot, hand or other
    #[arg(value_enum)]
    pub muscle: Muscle,
    /// With `other`, which muscle: --name forearm
    #[arg(long, value_name = "MUSCLE")]
    pub name: Option<String>,
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

pub fn cramp(ctx: &Ctx, a: &CrampArgs) -> Result<()> {
    if a.name.is_some() && a.muscle != Muscle::Other {
        return user(format!(
            "--name is for a muscle not in the list: crampwatch cramp other --name {} (or leave --name out for {})",
            a.name.as_deref().unwrap_or_default().trim(),
            a.muscle
        ));
    }
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
    let cramp = Cramp {
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
        // Checked with every other value by the gate (its length, no control characters).
        muscle_name: a.name.as_deref().map(|n| n.trim().to_string()),
    };
    let extra = inferred.then(|| {
        format!("context '{context}' was inferred from your workouts; set it with --context during|after|rest|night")
    });
    let alarms = alarm::on_logging(&cramp, &ctx.rules);
    add(ctx, &history, at, Body::Cramp(cramp), extra)?;
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
