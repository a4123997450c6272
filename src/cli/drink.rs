//! `crampwatch drink`: a drink in one line, with the overdrinking warnings
//! said at once.

use super::save::{add, clean_note, join_unit, past_time, unquoted_at};
use super::{Ctx, user};
use crate::domain::entry::{Body, Drink, DrinkKind};
use crate::domain::hydration;
use crate::domain::input::parse_volume;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct DrinkArgs {
    /// How much: 10oz, 10 oz, 300ml, 0.5l, or a number in the display unit
    #[arg(value_name = "AMOUNT", allow_hyphen_values = true)]
    pub amount: String,
    /// The unit, when written apart from the number (10 oz)
    #[arg(value_name = "UNIT", hide = true)]
    pub unit: Option<String>,
    /// What it was: --kind sports
    #[arg(long, value_enum, default_value_t = DrinkKind::Water)]
    pub kind: DrinkKind,
    /// Sodium in the drink, in mg: --sodium 300
    #[arg(long, value_name = "MG", value_parser = super::messages::sodium)]
    pub sodium: Option<u32>,
    /// When you drank it [default: now]: 14:30, 8pm, -30m, yesterday 21:00 (see TIME in --help)
    #[arg(long, value_name = "TIME", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// A note in your words: --note "new shoes"
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

pub fn drink(ctx: &Ctx, a: &DrinkArgs) -> Result<()> {
    if let Some(msg) = super::messages::unknown_flag(&["drink"], &a.amount) {
        return user(msg);
    }
    unquoted_at(&a.amount, a.unit.as_deref(), a.at.as_deref())?;
    let text = join_unit(&a.amount, a.unit.as_deref());
    let ml = parse_volume(&text, ctx.unit()).or_else(user)?;
    let at = past_time(ctx, a.at.as_deref())?;
    let history = ctx.recent_history()?;
    let body = Body::Drink(Drink {
        ml,
        kind: a.kind,
        sodium_mg: a.sodium,
        note: clean_note(&a.note),
    });
    // Said where the user is: the drink that passes the hourly limit or a
    // session's sweat estimate gets the warning at once, not only in
    // `status`. Only what this drink changed is said: a drink logged for
    // two hours ago, or one after a session, does not repeat a warning it
    // has no part in.
    let prefs = ctx.settings.prefs();
    let before = hydration::timers(&ctx.now, &history, &ctx.rules, &prefs);
    add(ctx, &history, at, body, None)?;
    let after = hydration::timers(&ctx.now, &ctx.recent_history()?, &ctx.rules, &prefs);
    let old: Vec<&String> = before.overdrinking_warnings().collect();
    for w in after.overdrinking_warnings().filter(|w| !old.contains(w)) {
        crate::say_err!("warning: {w}");
    }
    Ok(())
}
