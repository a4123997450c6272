//! `crampwatch edit`: each kind's options applied to the entry's body.

use super::cramp::check_cramp_duration;
use super::edit::EditArgs;
use super::workout::{check_activity, check_span};
use super::{Ctx, user};
use crate::domain::entry::{Body, Cramp, Drink, Medication, Muscle, Plan, Time, Weight, Workout};
use crate::domain::input::{TimeUse, parse_mass, parse_time, parse_urine, parse_volume};
use crate::domain::medication::{check_dose, check_name};
use anyhow::Result;

/// The new note: `Some(None)` removes it (an empty `--note`).
type NewNote = Option<Option<String>>;

/// Applies the options of `a` to `body` (and a workout's `--from` to `at`).
pub fn apply(ctx: &Ctx, a: &EditArgs, body: &mut Body, at: &mut Time) -> Result<()> {
    let note = a.note.as_ref().map(|n| {
        let n = n.trim();
        (!n.is_empty()).then(|| n.to_string())
    });
    match body {
        Body::Drink(d) => drink(ctx, a, d, note),
        Body::Workout(w) => workout(ctx, a, w, at, note),
        Body::Plan(p) => plan(a, p, note),
        Body::Cramp(c) => cramp(a, c, note),
        Body::Weight(w) => weight(ctx, a, w),
        Body::Medication(m) => medication(a, m, note),
    }
}

fn drink(ctx: &Ctx, a: &EditArgs, d: &mut Drink, note: NewNote) -> Result<()> {
    if let Some(x) = &a.amount {
        d.ml = parse_volume(x, ctx.unit()).or_else(|e| user(format!("--amount: {e}")))?;
    }
    if let Some(k) = a.kind {
        d.kind = k;
    }
    if a.sodium.is_some() {
        d.sodium_mg = a.sodium;
    }
    if let Some(n) = note {
        d.note = n;
    }
    Ok(())
}

fn workout(ctx: &Ctx, a: &EditArgs, w: &mut Workout, at: &mut Time, note: NewNote) -> Result<()> {
    if let Some(x) = &a.activity {
        w.activity = check_activity(x)?;
    }
    if let Some(x) = a.intensity {
        w.intensity = x;
    }
    if let Some(x) = a.heat {
        w.heat = x;
    }
    if let Some(x) = a.new {
        w.new = x;
    }
    if let Some(t) = &a.from {
        *at = parse_time(t, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--from: {e}")))?;
    }
    if let Some(t) = &a.to {
        w.end =
            Some(parse_time(t, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--to: {e}")))?);
    }
    if let Some(end) = w.end {
        check_span(*at, end)?;
    }
    if let Some(n) = note {
        w.note = n;
    }
    Ok(())
}

fn plan(a: &EditArgs, p: &mut Plan, note: NewNote) -> Result<()> {
    if let Some(x) = &a.activity {
        p.activity = check_activity(x)?;
    }
    if let Some(x) = a.intensity {
        p.intensity = x;
    }
    if let Some(x) = a.heat {
        p.heat = x;
    }
    if let Some(x) = a.minutes {
        p.minutes = x;
    }
    if let Some(n) = note {
        p.note = n;
    }
    Ok(())
}

fn cramp(a: &EditArgs, c: &mut Cramp, note: NewNote) -> Result<()> {
    if let Some(x) = a.muscle {
        c.muscle = x;
    }
    // A named muscle belongs to `other` alone: a muscle from the list
    // drops the name, and a name needs `other`.
    if c.muscle != Muscle::Other {
        if let Some(name) = &a.muscle_name {
            return user(format!(
                "--muscle-name is for a cramp in an other muscle: add --muscle other --muscle-name {}",
                name.trim()
            ));
        }
        c.muscle_name = None;
    } else if let Some(name) = &a.muscle_name {
        c.muscle_name = Some(name.trim().to_string());
    }
    if a.side.is_some() {
        c.side = a.side;
    }
    if a.severity.is_some() {
        c.severity = a.severity;
    }
    if let Some(d) = &a.duration {
        c.duration_s = Some(check_cramp_duration(d)?);
    }
    if a.context.is_some() {
        c.context = a.context;
    }
    let s = &mut c.symptoms;
    for (given, field) in [
        (a.swelling, &mut s.swelling),
        (a.redness, &mut s.redness),
        (a.weakness, &mut s.weakness),
        (a.numbness, &mut s.numbness),
    ] {
        if let Some(x) = given {
            *field = x;
        }
    }
    if let Some(r) = &a.relief {
        let mut r = r.clone();
        r.sort();
        r.dedup();
        c.relief = r;
    }
    if let Some(n) = note {
        c.note = n;
    }
    Ok(())
}

fn weight(ctx: &Ctx, a: &EditArgs, w: &mut Weight) -> Result<()> {
    if let Some(x) = &a.weight {
        // A bare number reads as the unit the entry is already in.
        let near = crate::domain::mass::typed_unit(w.kg).or(ctx.settings.weight_unit);
        let (kg, _) = crate::domain::mass::read_weight(x, Some(w.kg), near)
            .or_else(|e| user(format!("--weight: {e}")))?;
        w.kg = parse_mass(&format!("{kg}kg"), ctx.unit())
            .or_else(|e| user(format!("--weight: {e}")))?;
    }
    if a.when.is_some() {
        w.when = a.when;
    }
    if let Some(x) = &a.urine {
        let ml = parse_urine(x, ctx.unit()).or_else(|e| user(format!("--urine: {e}")))?;
        w.urine_ml = (ml > 0).then_some(ml);
    }
    Ok(())
}

fn medication(a: &EditArgs, m: &mut Medication, note: NewNote) -> Result<()> {
    if let Some(x) = &a.medicine {
        m.name = check_name(x).or_else(user)?;
    }
    if a.class.is_some() {
        m.class = a.class;
    }
    if let Some(x) = &a.dose {
        m.dose = check_dose(x).or_else(user)?;
    }
    if let Some(n) = note {
        m.note = n;
    }
    Ok(())
}
