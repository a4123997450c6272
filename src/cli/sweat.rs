//! `crampwatch sweat`: every sweat test in the journal, and the user's rate
//! by heat band.

use super::{Ctx, Format};
use crate::domain::sweat::{bands, tests};
use crate::report::sweat as sweat_text;
use anyhow::Result;
use clap::Args;
use std::io::Write;

#[derive(Debug, Args)]
pub struct SweatArgs {
    /// text (a table and a chart by heat band) or json for scripts: --format json
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn sweat(ctx: &Ctx, a: &SweatArgs) -> Result<()> {
    let rules = &ctx.rules;
    let history = ctx.history()?;
    let found = tests(&history, rules);
    let by_band = bands(&found, rules, &ctx.now_fixed());
    let out = match a.format {
        Format::Text => crate::term_safe::block(&sweat_text::text(
            &found,
            &by_band,
            (ctx.unit(), ctx.mass_unit(&history)),
            rules,
        ))
        .into_owned(),
        Format::Json => {
            let json = serde_json::to_string_pretty(&sweat_text::json(&found, &by_band, rules))?;
            crate::term_safe::json(&json).into_owned() + "\n"
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
