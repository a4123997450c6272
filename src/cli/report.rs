//! `crampwatch report`: a week (or the days since a time) as text, Markdown or JSON.

use super::{Ctx, user};
use crate::domain::context::snapshot;
use crate::domain::day::day_of;
use crate::domain::rules::Rules;
use crate::domain::week::{TiedIndex, monday_of, parse_iso_week, period_flags, summarize};
use crate::domain::{entry::Body, input::parse_since};
use crate::report::{Report, days_between, json, markdown, text};
use crate::term_safe::block;
use anyhow::Result;
use chrono::Local;
use clap::{Args, ValueEnum};
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// An ISO week, like 2026-W48 [default: this week]
    #[arg(long, value_name = "YYYY-Www", conflicts_with = "since")]
    pub week: Option<String>,
    /// From a time or a span back (30d, 2w, 2026-11-01 00:00) up to today
    #[arg(long, value_name = "TIME-OR-DURATION", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// text (with small charts), markdown (a summary for a clinician) or json
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

pub fn report(ctx: &Ctx, a: &ReportArgs) -> Result<()> {
    let prefs = ctx.settings.prefs();
    let rules = Rules::embedded().map_err(anyhow::Error::msg)?;
    let tz = Local;
    let h = prefs.day_start_hour;
    let today = day_of(&ctx.now_fixed(), &tz, h);
    let (first, n_days) = if let Some(since) = &a.since {
        let t = parse_since(since, &ctx.now).or_else(|e| user(format!("--since: {e}")))?;
        let first = day_of(&t, &tz, h);
        (first, days_between(first, today))
    } else {
        let monday = match &a.week {
            None => monday_of(today),
            Some(w) => parse_iso_week(w).or_else(|e| user(format!("--week: {e}")))?,
        };
        if monday > today {
            return user(format!(
                "--week: {} has not started yet; give this week or an earlier one",
                a.week.as_deref().unwrap_or_default()
            ));
        }
        (monday, 7)
    };

    let history = ctx.history()?;
    let flags = period_flags(&ctx.now, first, n_days, &history, &rules, &prefs);
    let summary = summarize(&ctx.now, first, n_days, &history, &rules, &prefs, &flags);
    let entries = summary.entries(&history, &tz, h);
    let index = TiedIndex::new(&history.entries, &rules);
    let tied = entries
        .iter()
        .filter(|e| matches!(e.body, Body::Cramp(_)))
        .map(|e| (e.id.clone(), index.tied(&e.at)))
        .collect();
    let snapshots = entries
        .iter()
        .filter(|e| matches!(e.body, Body::Cramp(_)))
        .map(|e| (e.id.clone(), snapshot(e, &history, &rules)))
        .collect();
    let r = Report {
        summary: &summary,
        entries,
        tied,
        snapshots,
        prefs: &prefs,
        tz,
        today,
    };
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match a.format {
        ReportFormat::Text => stdout.write_all(block(&text(&r)).as_bytes())?,
        ReportFormat::Markdown => stdout.write_all(block(&markdown(&r)).as_bytes())?,
        ReportFormat::Json => {
            let mut safe = crate::term_safe::JsonOut::new(&mut stdout);
            serde_json::to_writer_pretty(&mut safe, &json(&r))?;
            safe.flush()?;
            stdout.write_all(b"\n")?;
        }
    }
    stdout.flush()?;
    // Years of entries are freed by the process exit, not one by one.
    drop(r);
    std::mem::forget(history);
    Ok(())
}
