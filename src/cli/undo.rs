//! `undo` and `redo`: each says what the entry is now, not the value undone.

use super::{Ctx, user};
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

pub fn undo(ctx: &Ctx) -> Result<()> {
    let history = ctx.history()?;
    let Some(action) = history.next_undo().cloned() else {
        return user("nothing to undo");
    };
    let mut event = ctx.event(&history, Op::Undo, ctx.now_fixed());
    event.target = Some(action.event_id.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    let kind = action.body.as_ref().map_or("entry", |b| b.kind().word());
    let after = ctx.history()?;
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
    println!("{line} ('crampwatch redo' reapplies it)");
    Ok(())
}

pub fn redo(ctx: &Ctx) -> Result<()> {
    let history = ctx.history()?;
    let Some(action) = history.next_redo().cloned() else {
        return user("nothing to redo");
    };
    let mut event = ctx.event(&history, Op::Redo, ctx.now_fixed());
    event.target = Some(action.event_id.clone());
    ctx.journal.append(std::slice::from_ref(&event))?;
    let what = action
        .body
        .as_ref()
        .map_or_else(|| action.entry_id.clone(), |b| ctx.describe(b, &history));
    println!("redone: {} {what}", verb(action.op));
    Ok(())
}
