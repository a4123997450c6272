//! Looking at and changing what was logged: list, edit, delete, undo, redo.

use super::log::{check_activity, check_cramp_duration, check_span};
use super::{Ctx, Format, user};
use crate::domain::context::{Snapshot, snapshot};
use crate::domain::entry::{
    Body, CrampContext, DrinkKind, EntryKind, Heat, Intensity, MedClass, Muscle, Relief, Side,
    WeighWhen,
};
use crate::domain::history::{Entry, FindError, History, Op};
use crate::domain::input::{
    TimeUse, parse_mass, parse_since, parse_time, parse_urine, parse_volume,
};
use crate::domain::medication::{check_dose, check_name};
use crate::store::Scope;
use anyhow::Result;
use chrono::Local;
use clap::Args;
use serde::{Serialize, Serializer};
use std::io::Write;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// From when: a span back (7d, 2w, 12h) or a time [default: 7d]
    #[arg(long, value_name = "TIME-OR-DURATION", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Every entry, however old
    #[arg(long, conflicts_with = "since")]
    pub all: bool,
    /// Only entries of this kind: --kind cramp
    #[arg(long, value_enum)]
    pub kind: Option<EntryKind>,
    /// text for reading, json for scripts: --format json
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn list(ctx: &Ctx, a: &ListArgs) -> Result<()> {
    let since = if a.all {
        None
    } else {
        let s = a.since.as_deref().unwrap_or("7d");
        Some(parse_since(s, &ctx.now).or_else(|e| user(format!("--since: {e}")))?)
    };
    let history = match since {
        Some(s) => History::from_events(ctx.load(Scope::Since(s))?.events),
        None => ctx.history()?,
    };
    let shown: Vec<&Entry> = history
        .entries
        .iter()
        .filter(|e| since.is_none_or(|s| e.at >= s))
        .filter(|e| a.kind.is_none_or(|k| e.kind() == k))
        .collect();
    let rules = crate::domain::rules::Rules::embedded().map_err(|e| anyhow::anyhow!(e))?;
    // A cramp's context snapshot is computed from the whole history, not
    // only what is shown.
    let snap = |e: &Entry| matches!(e.body, Body::Cramp(_)).then(|| snapshot(e, &history, &rules));
    // Streamed, not built in memory first: a list of years is 100k entries.
    let mass = ctx.mass_unit(&history);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        Format::Json => {
            let mut safe = crate::term_safe::JsonOut::new(&mut out);
            let mut json = serde_json::Serializer::pretty(&mut safe);
            json.collect_seq(shown.iter().map(|e| Listed {
                entry: e,
                snapshot: snap(e),
            }))
            .map_err(std::io::Error::from)?;
            safe.flush()?;
            writeln!(out)?;
        }
        Format::Text => {
            if shown.is_empty() {
                let what = a
                    .kind
                    .map_or("entries".to_string(), |k| format!("{k} entries"));
                writeln!(
                    out,
                    "no {what} {}; log one with e.g. 'crampwatch drink 10oz'",
                    if a.all {
                        "yet".to_string()
                    } else {
                        format!("since {}", a.since.as_deref().unwrap_or("7d"))
                    }
                )?;
            }
            for e in shown {
                writeln!(out, "{}", crate::term_safe::line(&list_line(ctx, e, mass)))?;
                if let Some(s) = snap(e) {
                    let text = s.describe(ctx.unit());
                    writeln!(out, "    {}", crate::term_safe::line(&text))?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// An entry in `list --format json`: its fields, and for a cramp what came
/// before it.
#[derive(Serialize)]
struct Listed<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot: Option<Snapshot>,
}

/// `01KB…  Sat 28 Nov 14:30  drink 10 oz water  "note"`
fn list_line(ctx: &Ctx, e: &Entry, mass: crate::domain::mass::MassUnit) -> String {
    let local = e.at.with_timezone(&Local);
    let mut s = format!(
        "{}  {}  {}",
        e.id,
        local.format("%a %e %b %H:%M"),
        crate::domain::say::entry(&e.body, ctx.unit(), mass)
    );
    if let Some(n) = e.body.note() {
        s.push_str(&format!("  \"{n}\""));
    }
    if e.amended.is_some() && !just_stopped(e) {
        s.push_str("  (edited)");
    }
    s
}

/// A workout's stop is written as an amendment; one changed only by its stop
/// (within hours of its end) is not "edited".
fn just_stopped(e: &Entry) -> bool {
    match (&e.body, e.amended) {
        (Body::Workout(w), Some(amended)) => w
            .end
            .is_some_and(|end| amended >= end && amended - end <= chrono::Duration::hours(12)),
        _ => false,
    }
}

/// Finds an entry by id or unique prefix, as a user error when it cannot.
fn find<'h>(history: &'h History, id: &str) -> Result<&'h Entry> {
    match history.find(id) {
        Ok(e) => Ok(e),
        Err(FindError::TooShort) => user(format!(
            "'{id}' is too short to be an id; give at least 4 characters (see 'crampwatch list')"
        )),
        Err(FindError::NotFound) => user(format!(
            "no entry has the id '{id}' (see 'crampwatch list --all' for ids)"
        )),
        Err(FindError::Ambiguous(n)) => {
            user(format!("'{id}' matches {n} entries; give more of the id"))
        }
    }
}

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
        let use_ = if kind == EntryKind::Plan {
            TimeUse::Plan
        } else {
            TimeUse::Past
        };
        at = parse_time(t, &ctx.now, use_).or_else(|e| user(format!("--at: {e}")))?;
    }
    let note = a.note.as_ref().map(|n| {
        let n = n.trim();
        (!n.is_empty()).then(|| n.to_string())
    });
    // Which options fit which kind of entry; any other is refused.
    use EntryKind::{
        Cramp as C, Drink as D, Medication as M, Plan as P, Weight as W, Workout as K,
    };
    let fits: [(&str, bool, &[EntryKind]); 20] = [
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

    match &mut body {
        Body::Drink(d) => {
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
        }
        Body::Workout(w) => {
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
                at = parse_time(t, &ctx.now, TimeUse::Past)
                    .or_else(|e| user(format!("--from: {e}")))?;
            }
            if let Some(t) = &a.to {
                w.end = Some(
                    parse_time(t, &ctx.now, TimeUse::Past)
                        .or_else(|e| user(format!("--to: {e}")))?,
                );
            }
            if let Some(end) = w.end {
                check_span(at, end)?;
            }
            if let Some(n) = note {
                w.note = n;
            }
        }
        Body::Plan(p) => {
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
        }
        Body::Cramp(c) => {
            if let Some(x) = a.muscle {
                c.muscle = x;
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
            if let Some(x) = a.swelling {
                c.symptoms.swelling = x;
            }
            if let Some(x) = a.redness {
                c.symptoms.redness = x;
            }
            if let Some(x) = a.weakness {
                c.symptoms.weakness = x;
            }
            if let Some(x) = a.numbness {
                c.symptoms.numbness = x;
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
        }
        Body::Weight(w) => {
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
        }
        Body::Medication(m) => {
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
        }
    }
    // An edited weight meets the same plausibility check as a new one,
    // against the other weighings (not itself).
    if let Body::Weight(w) = &body
        && !a.force
        && (body != entry.body || at != entry.at)
    {
        let rules = crate::domain::rules::Rules::embedded().map_err(anyhow::Error::msg)?;
        let typed = crate::domain::weights::Typed::WithUnit;
        crate::domain::weights::check_new(
            &history,
            at,
            w.kg,
            typed,
            Some(&entry.id),
            &rules.weights,
        )
        .or_else(|e| user(e.message))?;
    }
    if body == entry.body && at == entry.at {
        return user(format!(
            "nothing to change; give the new values, e.g. 'crampwatch edit {} --note \"...\"' (see 'crampwatch edit --help')",
            a.id
        ));
    }
    let mut event = ctx.event(&history, Op::Amend, at);
    event.target = Some(entry.id.clone());
    event.entry = Some(body.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    crate::say!(
        "saved: {} · {} · id {} (edited)",
        ctx.describe(&body, &history),
        ctx.when(&at),
        entry.id
    );
    Ok(())
}

pub fn delete(ctx: &Ctx, id: &str) -> Result<()> {
    let history = ctx.history()?;
    let entry = find(&history, id)?.clone();
    let mut event = ctx.event(&history, Op::Delete, entry.at);
    event.target = Some(entry.id.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    crate::say!(
        "deleted: {} · {} · id {} ('crampwatch undo' brings it back)",
        ctx.describe(&entry.body, &history),
        ctx.when(&entry.at),
        entry.id
    );
    Ok(())
}
