//! What the logging commands share: reading `--at`, a note, an amount with
//! its unit written apart, and saving an entry with its confirmation.

use super::{Ctx, user};
use crate::domain::change::Change;
use crate::domain::entry::{Body, Time};
use crate::domain::history::History;
use crate::domain::input::{TimeUse, parse_time};
use crate::store::Lock;
use anyhow::Result;

/// Parses `--at` for something that already happened (default: now).
pub fn past_time(ctx: &Ctx, at: Option<&str>) -> Result<Time> {
    match at {
        None => Ok(ctx.now_fixed()),
        Some(s) => parse_time(s, &ctx.now, TimeUse::Past).or_else(|e| user(format!("--at: {e}"))),
    }
}

pub fn clean_note(note: &Option<String>) -> Option<String> {
    note.as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
}

/// Writes one new entry and confirms it.
pub fn add(
    ctx: &Ctx,
    history: &History,
    at: Time,
    body: Body,
    extra_line: Option<String>,
) -> Result<()> {
    add_locked(ctx, None, history, at, body, extra_line)
}

/// [`add`], under a lock the caller took for its check.
pub fn add_locked(
    ctx: &Ctx,
    lock: Option<&Lock>,
    history: &History,
    at: Time,
    body: Body,
    extra_line: Option<String>,
) -> Result<()> {
    let change = Change::Add {
        at,
        body: body.clone(),
    };
    // The same checks as every import and every line read at load.
    let event = match lock {
        Some(l) => ctx.commit_locked(l, history, change)?,
        None => ctx.commit(history, change)?,
    };
    crate::say!(
        "saved: {} · {} · id {}",
        ctx.describe(&body, history),
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
pub fn unquoted_at(value: &str, unit: Option<&str>, at: Option<&str>) -> Result<()> {
    if let (Some(u), Some(at)) = (unit, at)
        && value.chars().any(|c| c.is_ascii_alphabetic())
    {
        return user(format!(
            "unexpected argument '{u}' found; a time of two words needs quotes: --at \"{at} {u}\""
        ));
    }
    Ok(())
}

pub fn join_unit(value: &str, unit: Option<&str>) -> String {
    match unit {
        Some(u) => format!("{value} {u}"),
        None => value.to_string(),
    }
}
