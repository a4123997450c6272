//! `crampwatch edit`: an amendment of one entry, from the options that fit
//! its kind (each kind's options are applied in `edit_apply.rs`).

use super::delete::find;
use super::{Ctx, user};
use crate::domain::change::{Change, Given};
use crate::domain::check::{self, PLAN_IS_FOR_LATER};
use crate::domain::entry::{
    CrampContext, DrinkKind, EntryKind, Heat, Intensity, MedClass, Muscle, Relief, Side, WeighWhen,
};
use crate::domain::input::{TimeUse, parse_time};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id, or a unique start of it (see 'crampwatch list'): 01KB3F
    pub id: String,
    /// When it happened (a workout's or plan's start): 14:30, "yesterday 8pm"
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A note (empty to remove): --note "new shoes"
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    // Drink
    /// Drink: the amount, like --amount 12oz
    #[arg(
        long,
        value_name = "AMOUNT",
        allow_hyphen_values = true,
        help_heading = "Drink"
    )]
    pub amount: Option<String>,
    /// Drink: what it was, like --kind sports
    #[arg(long, value_enum, help_heading = "Drink")]
    pub kind: Option<DrinkKind>,
    /// Drink: sodium in mg, like --sodium 300
    #[arg(long, value_name = "MG", help_heading = "Drink", value_parser = super::messages::sodium)]
    pub sodium: Option<u32>,
    // Workout and plan
    /// Workout or plan: what it is, like run or ride
    #[arg(long, help_heading = "Workout and plan")]
    pub activity: Option<String>,
    /// Workout or plan: how hard, like --intensity hard
    #[arg(long, value_enum, help_heading = "Workout and plan")]
    pub intensity: Option<Intensity>,
    /// Workout or plan: how warm, like --heat hot
    #[arg(long, value_enum, help_heading = "Workout and plan")]
    pub heat: Option<Heat>,
    /// Workout: new or unaccustomed, like --new (--new=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Workout and plan")]
    pub new: Option<bool>,
    /// Workout: its start, like --from 07:00
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        help_heading = "Workout and plan"
    )]
    pub from: Option<String>,
    /// Workout: its end, like --to 08:30
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        help_heading = "Workout and plan"
    )]
    pub to: Option<String>,
    /// Plan: how long it should last, like --minutes 90
    #[arg(long, value_name = "N", help_heading = "Workout and plan", value_parser = super::messages::plan_minutes)]
    pub minutes: Option<u32>,
    // Cramp
    /// Cramp: which muscle, like --muscle hamstring
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub muscle: Option<Muscle>,
    /// Cramp: with --muscle other, which muscle, like --muscle-name forearm
    #[arg(long, value_name = "NAME", help_heading = "Cramp")]
    pub muscle_name: Option<String>,
    /// Cramp: which side, like --side right
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub side: Option<Side>,
    /// Cramp: how bad, 1 to 10, like --severity 6
    #[arg(long, value_name = "N", help_heading = "Cramp", value_parser = super::messages::severity)]
    pub severity: Option<u8>,
    /// Cramp: how long it lasted, like --duration 90s
    #[arg(
        long,
        value_name = "DUR",
        allow_hyphen_values = true,
        help_heading = "Cramp"
    )]
    pub duration: Option<String>,
    /// Cramp: when it came, like --context night
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub context: Option<CrampContext>,
    /// Cramp: swelling alongside it, like --swelling (--swelling=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub swelling: Option<bool>,
    /// Cramp: redness or skin changes, like --redness (--redness=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub redness: Option<bool>,
    /// Cramp: weakness, like --weakness (--weakness=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub weakness: Option<bool>,
    /// Cramp: numbness, like --numbness (--numbness=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub numbness: Option<bool>,
    /// Cramp: what helped, comma-separated (replaces the list), like --relief stretch,heat
    #[arg(long, value_enum, value_delimiter = ',', help_heading = "Cramp")]
    pub relief: Option<Vec<Relief>>,
    // Weight
    /// Weight: the value, like 72.4kg
    #[arg(long, value_name = "VALUE", help_heading = "Weight")]
    pub weight: Option<String>,
    /// Weight: before or after a session, like --when after
    #[arg(long, value_enum, help_heading = "Weight")]
    pub when: Option<WeighWhen>,
    /// Urine passed since the previous weighing, like 300ml (0 for none)
    #[arg(long, value_name = "VOLUME", help_heading = "Weight")]
    pub urine: Option<String>,
    /// Keep a weight that looks implausible next to your other weighings: --force
    #[arg(long, help_heading = "Weight")]
    pub force: bool,
    // Medication
    /// Medication: the medicine's name: --medicine furosemide
    #[arg(long, value_name = "NAME", help_heading = "Medication")]
    pub medicine: Option<String>,
    /// Medication: its class: --class statin
    #[arg(long, value_enum, help_heading = "Medication")]
    pub class: Option<MedClass>,
    /// Medication: the dose as text ("" to clear): --dose "40 mg"
    #[arg(long, value_name = "TEXT", help_heading = "Medication")]
    pub dose: Option<String>,
}

pub fn edit(ctx: &Ctx, a: &EditArgs) -> Result<()> {
    let history = ctx.history()?;
    let entry = find(&history, &a.id)?.clone();
    let kind = entry.kind();
    let mut at = entry.at;
    let mut body = entry.body.clone();
    if let Some(t) = &a.at {
        // As each kind's own command reads it: a plan ahead, a medicine by
        // its day alone too, the rest in the past.
        let parsed = match kind {
            EntryKind::Plan => parse_time(t, &ctx.now, TimeUse::Plan).and_then(|at| {
                // A new plan may be logged up to an hour late; one moved by
                // an edit goes no further back than now (the gate's rule).
                match at != entry.at && check::plan_moved(&at, &ctx.now_fixed()).is_err() {
                    true => Err(format!(
                        "'{}' is in the past; {PLAN_IS_FOR_LATER}",
                        t.trim()
                    )),
                    false => Ok(at),
                }
            }),
            EntryKind::Medication => crate::domain::medication::parse_day_or_time(t, &ctx.now),
            _ => parse_time(t, &ctx.now, TimeUse::Past),
        };
        at = parsed.or_else(|e| user(format!("--at: {e}")))?;
    }
    refuse_misfits(a, kind)?;
    super::edit_apply::apply(ctx, a, &mut body, &mut at)?;
    if body == entry.body && at == entry.at {
        return user(format!(
            "nothing to change; give the new values, e.g. 'crampwatch edit {} --note \"...\"' (see 'crampwatch edit --help')",
            a.id
        ));
    }
    let change = Change::Amend {
        target: entry.id.clone(),
        at,
        body: body.clone(),
    };
    // An edited weight meets the same plausibility check as a new one,
    // against the other weighings (not itself).
    let given = Given {
        force: a.force,
        ..Given::default()
    };
    ctx.commit_given(&history, change, given)?;
    crate::say!(
        "saved: {} · {} · id {} (edited)",
        ctx.describe(&body, &history),
        ctx.when(&at),
        entry.id
    );
    Ok(())
}

/// Which options fit which kind of entry; any other is refused.
fn refuse_misfits(a: &EditArgs, kind: EntryKind) -> Result<()> {
    use EntryKind::{
        Cramp as C, Drink as D, Medication as M, Plan as P, Weight as W, Workout as K,
    };
    let fits: [(&str, bool, &[EntryKind]); 21] = [
        ("amount", a.amount.is_some(), &[D]),
        ("kind", a.kind.is_some(), &[D]),
        ("sodium", a.sodium.is_some(), &[D]),
        ("activity", a.activity.is_some(), &[K, P]),
        ("intensity", a.intensity.is_some(), &[K, P]),
        ("heat", a.heat.is_some(), &[K, P]),
        ("new", a.new.is_some(), &[K]),
        ("from", a.from.is_some(), &[K]),
        ("to", a.to.is_some(), &[K]),
        ("minutes", a.minutes.is_some(), &[P]),
        ("muscle", a.muscle.is_some(), &[C]),
        ("muscle-name", a.muscle_name.is_some(), &[C]),
        ("side", a.side.is_some(), &[C]),
        ("severity", a.severity.is_some(), &[C]),
        ("duration", a.duration.is_some(), &[C]),
        ("context", a.context.is_some(), &[C]),
        ("swelling", a.swelling.is_some(), &[C]),
        ("redness", a.redness.is_some(), &[C]),
        ("weakness", a.weakness.is_some(), &[C]),
        ("numbness", a.numbness.is_some(), &[C]),
        ("relief", a.relief.is_some(), &[C]),
    ];
    let fits_more = [
        ("weight", a.weight.is_some(), &[W][..]),
        ("when", a.when.is_some(), &[W][..]),
        ("urine", a.urine.is_some(), &[W][..]),
        ("force", a.force, &[W][..]),
        ("note", a.note.is_some(), &[D, K, P, C, M][..]),
        ("medicine", a.medicine.is_some(), &[M][..]),
        ("class", a.class.is_some(), &[M][..]),
        ("dose", a.dose.is_some(), &[M][..]),
    ];
    for (name, present, kinds) in fits.iter().chain(fits_more.iter()) {
        if *present && !kinds.contains(&kind) {
            return user(format!("--{name} does not apply to a {kind} entry"));
        }
    }
    Ok(())
}
