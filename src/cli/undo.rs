//! `undo` and `redo`: each says what the entry is now, not the value undone.

use super::{Ctx, user};
use crate::domain::change::Change;
use crate::domain::history::Op;
use anyhow::Result;

fn verb(op: Op) -> &'static str {
    match op {
        Op::Add => "log of",
        Op::Amend => "edit of",
        Op::Delete => "delete of",
        Op::Undo | Op::Redo => "change to",
    }
}

/// This device's history, or every device's with `--any-device`: undo and
/// redo take back only this device's own changes unless asked.
fn history_for(ctx: &Ctx, any_device: bool) -> Result<crate::domain::history::History> {
    if any_device {
        ctx.history_any_device()
    } else {
        ctx.history()
    }
}

pub fn undo(ctx: &Ctx, any_device: bool) -> Result<()> {
    let history = history_for(ctx, any_device)?;
    let Some(action) = history.next_undo().cloned() else {
        return user("nothing to undo");
    };
    let change = Change::Undo {
        event_id: action.event_id.clone(),
    };
    ctx.commit(&history, change)?;
    let kind = action.body.as_ref().map_or("entry", |b| b.kind().word());
    let after = history_for(ctx, any_device)?;
    let now = after.entries.iter().find(|e| e.id == action.entry_id);
    let line = match (action.op, now) {
        (_, None) => format!(
            "undone: {} {kind}, now removed ({})",
            verb(action.op),
            action
                .body
                .as_ref()
                .map_or_else(|| action.entry_id.clone(), |b| ctx.describe(b, &after))
        ),
        (Op::Add | Op::Delete, Some(e)) => format!(
            "undone: {} {kind}, restored: {} · {}",
            verb(action.op),
            ctx.describe(&e.body, &after),
            ctx.when(&e.at)
        ),
        (_, Some(e)) => format!(
            "undone: {} {kind}, back to: {} · {}",
            verb(action.op),
            ctx.describe(&e.body, &after),
            ctx.when(&e.at)
        ),
    };
    crate::say!("{line} ('crampwatch redo' reapplies it)");
    Ok(())
}

pub fn redo(ctx: &Ctx, any_device: bool) -> Result<()> {
    let history = history_for(ctx, any_device)?;
    let Some(action) = history.next_redo().cloned() else {
        return user("nothing to redo");
    };
    let change = Change::Redo {
        event_id: action.event_id.clone(),
    };
    ctx.commit(&history, change)?;
    let what = action
        .body
        .as_ref()
        .map_or_else(|| action.entry_id.clone(), |b| ctx.describe(b, &history));
    crate::say!("redone: {} {what}", verb(action.op));
    Ok(())
}
