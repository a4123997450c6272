//! `crampwatch delete`, and finding an entry by id or a unique start of it
//! (for `edit` too).

use super::{Ctx, user};
use crate::domain::change::Change;
use crate::domain::history::{Entry, FindError, History};
use anyhow::Result;

/// Finds an entry by id or unique prefix, as a user error when it cannot.
pub fn find<'h>(history: &'h History, id: &str) -> Result<&'h Entry> {
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

pub fn delete(ctx: &Ctx, id: &str) -> Result<()> {
    let history = ctx.history()?;
    let entry = find(&history, id)?.clone();
    let change = Change::Delete {
        target: entry.id.clone(),
        at: entry.at,
    };
    ctx.commit(&history, change)?;
    crate::say!(
        "deleted: {} · {} · id {} ('crampwatch undo' brings it back)",
        ctx.describe(&entry.body, &history),
        ctx.when(&entry.at),
        entry.id
    );
    Ok(())
}
