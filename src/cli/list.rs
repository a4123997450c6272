//! `crampwatch list`: entries with their ids, as text or JSON; a cramp with
//! what came before it.

use super::{Ctx, Format, user};
use crate::domain::context::{Snapshot, snapshot};
use crate::domain::entry::{Body, EntryKind};
use crate::domain::history::{Entry, History};
use crate::domain::input::parse_since;
use crate::store::Scope;
use anyhow::Result;
use chrono::{Datelike, Local};
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
    // A cramp's context snapshot is computed from the whole history, not
    // only what is shown.
    let snap =
        |e: &Entry| matches!(e.body, Body::Cramp(_)).then(|| snapshot(e, &history, &ctx.rules));
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
                // The example is of the kind asked for.
                let example = match a.kind {
                    None | Some(EntryKind::Drink) => "crampwatch drink 10oz",
                    Some(EntryKind::Workout) => "crampwatch workout start run",
                    Some(EntryKind::Plan) => "crampwatch plan run --at 18:00",
                    Some(EntryKind::Cramp) => "crampwatch cramp calf --severity 5",
                    Some(EntryKind::Weight) => "crampwatch weight 72.4kg --when before",
                    Some(EntryKind::Medication) => "crampwatch medication start furosemide",
                };
                writeln!(
                    out,
                    "no {what} {}; log one with e.g. '{example}'",
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
    // The year only where it is not this one: `list --all` over years of
    // imported workouts would read 2009 and 2017 alike.
    let when = if local.year() == ctx.now.year() {
        local.format("%a %e %b %H:%M")
    } else {
        local.format("%a %e %b %Y %H:%M")
    };
    let mut s = format!(
        "{}  {}  {}",
        e.id,
        when,
        crate::domain::say::entry(&e.body, ctx.unit(), mass, &chrono::Local)
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
