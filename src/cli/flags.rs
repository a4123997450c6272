//! `crampwatch flags`: the patterns the journal shows, with their evidence.

use super::{Ctx, Format, user};
use crate::domain::input::parse_since;
use crate::domain::patterns::{DISCLAIMER, Flag, Level, flags_since};
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct FlagsArgs {
    /// Look at cramps from when: a span back (30d, 2w) or a time [default: the last 30 days]
    #[arg(long, value_name = "TIME-OR-DURATION", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// text for reading, json for scripts: --format json
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn flags(ctx: &Ctx, a: &FlagsArgs) -> Result<()> {
    let rules = &ctx.rules;
    let since = match &a.since {
        Some(s) => Some(parse_since(s, &ctx.now).or_else(|e| user(format!("--since: {e}")))?),
        None => None,
    };
    // The flags look at the period and at most a few weeks before it (the
    // sessions before a cramp, "much harder than the previous weeks"), so
    // only the monthly files from there on are read, however old the journal.
    let from = since.unwrap_or_else(|| {
        (ctx.now - chrono::Duration::days(rules.flags.recent_days as i64)).fixed_offset()
    });
    // The medication flag compares the cramps of `window_days` before a
    // medicine's start with those after it: starts that recent are read too.
    let lookback = chrono::Duration::weeks(rules.flags.new_or_harder.weeks as i64 + 4)
        + chrono::Duration::days(2 * rules.flags.medication.window_days as i64);
    let history = crate::domain::history::History::from_events(
        ctx.load(crate::store::Scope::Since(from - lookback))?
            .events,
    );
    let prefs = ctx.settings.prefs();
    let found = flags_since(&ctx.now, &history, rules, &prefs, since.as_ref());
    match a.format {
        Format::Json => crate::outln!(
            "{}",
            crate::term_safe::json(&serde_json::to_string_pretty(&found)?)
        ),
        Format::Text => {
            let period = match &a.since {
                Some(s) => format!("since {s}"),
                None => format!("over the last {} days", rules.flags.recent_days),
            };
            crate::term_safe::out(&crate::term_safe::block(&text(&found, &period)));
        }
    }
    Ok(())
}

/// The flags as text, most serious first, each with its why, who to see,
/// source and evidence.
pub fn text(found: &[Flag], period: &str) -> String {
    let mut out = String::new();
    if found.is_empty() {
        out.push_str(&format!("no flags {period}. {DISCLAIMER}\n"));
        return out;
    }
    let n = found.len();
    out.push_str(&format!(
        "{n} flag{} {period}. {DISCLAIMER}\n",
        if n == 1 { "" } else { "s" }
    ));
    for f in found {
        out.push_str(&format!(
            "\n[{}] {}  ({})\n",
            f.level.label(),
            f.title,
            f.id
        ));
        out.push_str(&format!("  {}\n", f.why));
        if f.level == Level::Professional
            && let Some(who) = &f.professional
        {
            out.push_str(&format!("  Who to see: {who}.\n"));
        }
        out.push_str(&format!("  Source: {}\n", f.source));
        out.push_str("  Evidence:\n");
        for e in &f.evidence {
            out.push_str(&format!("    {}  {}\n", e.entry_id, e.summary));
        }
    }
    out
}
