//! `crampwatch report`: a week (or the days since a time) as text, Markdown or JSON.

use super::{Ctx, user};
use crate::domain::context::Snapshot;
use crate::domain::day::day_of;
use crate::domain::history::History;
use crate::domain::input::parse_since;
use crate::domain::medication::courses;
use crate::domain::patterns::Flag;
use crate::domain::prefs::Prefs;
use crate::domain::rules::Rules;
use crate::domain::sweat::{self, Band, SweatTest};
use crate::domain::week::{
    PeriodCramps, flags_in_days, monday_of, parse_iso_week, period_cramps, summarize,
};
use crate::report::page::DEFAULT_DAYS;
use crate::report::sweat as sweat_text;
use crate::report::{Report, days_between, json, markdown, text};
use crate::term_safe::block;
use anyhow::Result;
use chrono::{DateTime, Local, NaiveDate};
use clap::{Args, ValueEnum};
use std::collections::HashMap;
use std::io::Write;

/// `doc` with `section` put before its last `footer` (the closing note stays
/// last), or at its end when it has none.
fn before_footer(doc: &str, footer: &str, section: &str) -> String {
    match doc.rfind(footer) {
        Some(i) => format!("{}{section}{}", &doc[..i], &doc[i..]),
        None => format!("{doc}{section}"),
    }
}

/// The sweat tests of the report's days, and the user's rate by band now.
fn sweat_of_period(
    now: &crate::domain::entry::Time,
    day_start_hour: u32,
    history: &History,
    rules: &Rules,
    (first, n_days): (NaiveDate, u32),
) -> (Vec<SweatTest>, Vec<Band>) {
    let all = sweat::tests(history, rules);
    let by_band = sweat::bands(&all, rules, now);
    let last = first + chrono::Duration::days(n_days as i64);
    let period = all
        .into_iter()
        .filter(|t| (first..last).contains(&day_of(&t.at, &Local, day_start_hour)))
        .collect();
    (period, by_band)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Markdown,
    Json,
    /// One self-contained page for a clinician, with charts (see --output, --open)
    Html,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// An ISO week, like 2026-W48 [default: this week]
    #[arg(long, value_name = "YYYY-Www", conflicts_with_all = ["since", "from"])]
    pub week: Option<String>,
    /// From a time or a span back, up to today: 30d, 2w, 8w, "2026-11-01 00:00"
    #[arg(
        long,
        value_name = "TIME-OR-DURATION",
        allow_hyphen_values = true,
        conflicts_with = "from"
    )]
    pub since: Option<String>,
    /// The first day (with --to, or up to today), like 2026-10-01
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// The last day [default: today], like 2026-11-26
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Write an HTML report to FILE instead of stdout, like for-my-doctor.html
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Open the written page with the system's opener (xdg-open or open); html only
    #[arg(long)]
    pub open: bool,
    /// text (with small charts), markdown (a summary for a clinician), json, or html (a printable page; the last 8 weeks by default): --format html
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
}

/// Why a `--week` was refused, with weeks named from today: `49` alone
/// gets the most recent week 49 that has started.
fn week_hint(typed: &str, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    let name = |d: chrono::NaiveDate| {
        let w = d.iso_week();
        format!("{}-W{:02}", w.year(), w.week())
    };
    let t = typed.trim();
    let number = t.trim_start_matches(['w', 'W']).parse::<u32>().ok();
    if let Some(n) = number.filter(|n| (1..=53).contains(n)) {
        let year = today.iso_week().year();
        let started = [year, year - 1].into_iter().find_map(|y| {
            chrono::NaiveDate::from_isoywd_opt(y, n, chrono::Weekday::Mon).filter(|d| *d <= today)
        });
        if let Some(monday) = started {
            return format!("'{t}' needs its year; did you mean {}?", name(monday));
        }
    }
    let last = today - chrono::Duration::days(7);
    format!(
        "'{t}' is not a week; try {} (this week) or {} (last week)",
        name(today),
        name(last)
    )
}

/// The first day and the number of days `a` asks for.
fn period_of(
    ctx: &Ctx,
    a: &ReportArgs,
    today: chrono::NaiveDate,
) -> Result<(chrono::NaiveDate, u32)> {
    let h = ctx.settings.prefs().day_start_hour;
    if let Some(from) = &a.from {
        return super::report_html::from_to(from, a.to.as_deref(), today);
    }
    if a.format == ReportFormat::Html && a.since.is_none() && a.week.is_none() {
        return Ok((
            today - chrono::Duration::days(DEFAULT_DAYS as i64 - 1),
            DEFAULT_DAYS,
        ));
    }
    if let Some(since) = &a.since {
        let t = parse_since(since, &ctx.now).or_else(|e| user(format!("--since: {e}")))?;
        let first = day_of(&t, &Local, h);
        return Ok((first, days_between(first, today)));
    }
    let monday = match &a.week {
        None => monday_of(today),
        Some(w) => {
            parse_iso_week(w).or_else(|_| user(format!("--week: {}", week_hint(w, today))))?
        }
    };
    if monday > today {
        return user(format!(
            "--week: {} has not started yet; give this week or an earlier one",
            a.week.as_deref().unwrap_or_default()
        ));
    }
    Ok((monday, 7))
}

pub fn report(ctx: &Ctx, a: &ReportArgs) -> Result<()> {
    let prefs = ctx.settings.prefs();
    let rules = &ctx.rules;
    let today = day_of(&ctx.now_fixed(), &Local, prefs.day_start_hour);
    let (first, n_days) = period_of(ctx, a, today)?;
    if a.format != ReportFormat::Html && (a.open || a.output.is_some()) {
        return user(
            "--output and --open are for an HTML report; add --format html (other formats print to stdout)",
        );
    }
    let history = ctx.history()?;
    if a.format == ReportFormat::Html {
        let page = super::report_html::page(ctx, &history, rules, &prefs, (first, n_days));
        return super::report_html::deliver(
            ctx,
            &page,
            a.output.as_deref(),
            a.open,
            (first, n_days),
        );
    }
    // Summing the days is the longest step and needs nothing else worked
    // out first: the flags, sweat tests and cramps' context are worked out
    // on a second core meanwhile, and the flags joined to the sums after.
    let now = ctx.now;
    let (side, mut summary) = std::thread::scope(|scope| {
        let side = scope.spawn(|| Side::of(&now, (first, n_days), &history, rules, &prefs));
        let summary = summarize(&now, first, n_days, &history, rules, &prefs, &[]);
        (side.join(), summary)
    });
    let side = side.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    summary.flags = flags_in_days(&side.flags, &Local, prefs.day_start_hour, first, n_days);
    let r = Report {
        entries: summary.entries(&history, &Local, prefs.day_start_hour),
        summary: &summary,
        tied: side.tied,
        snapshots: side.snapshots,
        courses: courses(&history.entries),
        prefs: &prefs,
        tz: Local,
        today,
    };
    let units = (prefs.unit, ctx.mass_unit(&history));
    write(a.format, &r, &side.sweat, units)?;
    // Years of entries are freed by the process exit, not one by one.
    drop(r);
    std::mem::forget(history);
    Ok(())
}

/// What a report needs besides the sums of its days: none of it depends
/// on them, so it is worked out on a second core while they are summed.
struct Side {
    /// Every flag raised by the period's cramps (a summary keeps those
    /// with evidence in its days).
    flags: Vec<Flag>,
    sweat: (Vec<SweatTest>, Vec<Band>),
    /// For each cramp of the period, whether it was tied to exercise.
    tied: HashMap<String, bool>,
    /// For each cramp of the period, what came before it.
    snapshots: HashMap<String, Snapshot>,
}

impl Side {
    fn of(
        now: &DateTime<Local>,
        (first, n_days): (NaiveDate, u32),
        history: &History,
        rules: &Rules,
        prefs: &Prefs,
    ) -> Side {
        let h = prefs.day_start_hour;
        let sweat = sweat_of_period(&now.fixed_offset(), h, history, rules, (first, n_days));
        let PeriodCramps {
            flags,
            tied,
            snapshots,
        } = period_cramps(now, (first, n_days), history, rules, prefs);
        Side {
            flags,
            sweat,
            tied,
            snapshots,
        }
    }
}

/// Prints `r` with its sweat section in `format` (not html, written apart).
fn write(
    format: ReportFormat,
    r: &Report<Local>,
    (sweat_tests, sweat_bands): &(Vec<SweatTest>, Vec<Band>),
    units: (
        crate::domain::entry::VolumeUnit,
        crate::domain::mass::MassUnit,
    ),
) -> Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match format {
        ReportFormat::Text => {
            let s = sweat_text::report_text(sweat_tests, sweat_bands, units);
            let doc = before_footer(&text(r), "\nGeneral information, not medical advice", &s);
            stdout.write_all(block(&doc).as_bytes())?;
        }
        ReportFormat::Markdown => {
            let s = sweat_text::report_markdown(sweat_tests, sweat_bands, units);
            stdout.write_all(block(&before_footer(&markdown(r), "\n---\n", &s)).as_bytes())?;
        }
        ReportFormat::Json => {
            // Written from the typed structs, not built as a tree of JSON
            // values first (that took a fifth of a ten-year report's time),
            // into one buffer made safe in one pass and written at once.
            let doc = json(r).with_sweat(sweat_tests, sweat_bands);
            let mut text = Vec::with_capacity(1 << 16);
            doc.write_pretty(&mut text)?;
            text.push(b'\n');
            stdout.write_all(&crate::term_safe::json_bytes(text))?;
        }
        ReportFormat::Html => unreachable!("written apart"),
    }
    stdout.flush()?;
    Ok(())
}
