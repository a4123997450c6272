//! Looking at and changing what was logged: list, edit, delete, undo, redo.

use super::log::{check_activity, check_cramp_duration, check_span};
use super::{Ctx, Format, user};
use crate::domain::context::{Snapshot, snapshot};
use crate::domain::entry::{
    Body, CrampContext, DrinkKind, EntryKind, Heat, Intensity, Muscle, Relief, Side, WeighWhen,
};
use crate::domain::history::{Entry, FindError, History, Op};
use crate::domain::input::{TimeUse, parse_mass, parse_since, parse_time, parse_volume};
use crate::journal::Scope;
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
    /// Only entries of this kind
    #[arg(long, value_enum)]
    pub kind: Option<EntryKind>,
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
                writeln!(out, "{}", crate::term_safe::line(&list_line(ctx, e)))?;
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
fn list_line(ctx: &Ctx, e: &Entry) -> String {
    let local = e.at.with_timezone(&Local);
    let mut s = format!(
        "{}  {}  {}",
        e.id,
        local.format("%a %e %b %H:%M"),
        e.body.describe(ctx.unit())
    );
    if let Some(n) = e.body.note() {
        s.push_str(&format!("  \"{n}\""));
    }
    if e.amended.is_some() {
        s.push_str("  (edited)");
    }
    s
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
    /// The entry's id (or a unique start of it)
    pub id: String,
    /// When it happened (a workout's start, a plan's start)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A note (empty to remove)
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    // Drink
    /// Drink: the amount
    #[arg(
        long,
        value_name = "AMOUNT",
        allow_hyphen_values = true,
        help_heading = "Drink"
    )]
    pub amount: Option<String>,
    /// Drink: what it was
    #[arg(long, value_enum, help_heading = "Drink")]
    pub kind: Option<DrinkKind>,
    /// Drink: sodium in mg
    #[arg(long, value_name = "MG", help_heading = "Drink", value_parser = clap::value_parser!(u32).range(0..=10000))]
    pub sodium: Option<u32>,
    // Workout and plan
    #[arg(long, help_heading = "Workout and plan")]
    pub activity: Option<String>,
    #[arg(long, value_enum, help_heading = "Workout and plan")]
    pub intensity: Option<Intensity>,
    #[arg(long, value_enum, help_heading = "Workout and plan")]
    pub heat: Option<Heat>,
    /// Workout: new or unaccustomed (--new=false to clear)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Workout and plan")]
    pub new: Option<bool>,
    /// Workout: its start
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        help_heading = "Workout and plan"
    )]
    pub from: Option<String>,
    /// Workout: its end
    #[arg(
        long,
        value_name = "TIME",
        allow_hyphen_values = true,
        help_heading = "Workout and plan"
    )]
    pub to: Option<String>,
    /// Plan: how long it should last
    #[arg(long, value_name = "N", help_heading = "Workout and plan", value_parser = clap::value_parser!(u32).range(5..=720))]
    pub minutes: Option<u32>,
    // Cramp
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub muscle: Option<Muscle>,
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub side: Option<Side>,
    #[arg(long, value_name = "N", help_heading = "Cramp", value_parser = clap::value_parser!(u8).range(1..=10))]
    pub severity: Option<u8>,
    #[arg(
        long,
        value_name = "DUR",
        allow_hyphen_values = true,
        help_heading = "Cramp"
    )]
    pub duration: Option<String>,
    #[arg(long, value_enum, help_heading = "Cramp")]
    pub context: Option<CrampContext>,
    /// (--swelling=false to clear; the same for the other symptoms)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub swelling: Option<bool>,
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub redness: Option<bool>,
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub weakness: Option<bool>,
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", help_heading = "Cramp")]
    pub numbness: Option<bool>,
    /// What helped, comma-separated (replaces the list)
    #[arg(long, value_enum, value_delimiter = ',', help_heading = "Cramp")]
    pub relief: Option<Vec<Relief>>,
    // Weight
    /// Weight: the value, like 72.4kg
    #[arg(long, value_name = "VALUE", help_heading = "Weight")]
    pub weight: Option<String>,
    #[arg(long, value_enum, help_heading = "Weight")]
    pub when: Option<WeighWhen>,
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
    use EntryKind::{Cramp as C, Drink as D, Plan as P, Weight as W, Workout as K};
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
        ("note", a.note.is_some(), &[D, K, P, C][..]),
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
                w.kg = parse_mass(x, ctx.unit()).or_else(|e| user(format!("--weight: {e}")))?;
            }
            if a.when.is_some() {
                w.when = a.when;
            }
        }
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
        body.describe(ctx.unit()),
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
        entry.body.describe(ctx.unit()),
        ctx.when(&entry.at),
        entry.id
    );
    Ok(())
}

fn verb(op: Op) -> &'static str {
    match op {
        Op::Add => "log of",
        Op::Amend => "edit of",
        Op::Delete => "delete of",
        Op::Undo | Op::Redo => "change to",
    }
}

/// Reverts this device's last change (any device's with `any_device`).
pub fn undo(ctx: &Ctx, any_device: bool) -> Result<()> {
    let history = match any_device {
        true => ctx.history_any_device()?,
        false => ctx.history()?,
    };
    let Some(action) = history.next_undo().cloned() else {
        return user("nothing to undo");
    };
    let mut event = ctx.event(&history, Op::Undo, ctx.now_fixed());
    event.target = Some(action.event_id.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    let what = action
        .body
        .as_ref()
        .map_or_else(|| action.entry_id.clone(), |b| b.describe(ctx.unit()));
    crate::say!(
        "undone: {} {what} ('crampwatch redo' reapplies it)",
        verb(action.op)
    );
    Ok(())
}

pub fn redo(ctx: &Ctx, any_device: bool) -> Result<()> {
    let history = match any_device {
        true => ctx.history_any_device()?,
        false => ctx.history()?,
    };
    let Some(action) = history.next_redo().cloned() else {
        return user("nothing to redo");
    };
    let mut event = ctx.event(&history, Op::Redo, ctx.now_fixed());
    event.target = Some(action.event_id.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    let what = action
        .body
        .as_ref()
        .map_or_else(|| action.entry_id.clone(), |b| b.describe(ctx.unit()));
    crate::say!("redone: {} {what}", verb(action.op));
    Ok(())
}
