//! `crampwatch demo`: writes a generated journal of realistic use into a new
//! data directory, through the journal, as real logging would.

use super::{Ctx, user};
use crate::demo::stamped;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many days of history, ending now: --days 30
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10000))]
    pub days: u32,
    /// The same seed makes the same journal: --seed 7
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
}

/// `explicit_dir`: the data directory was given (`--data-dir` or
/// `CRAMPWATCH_DATA_DIR`), so the user's own journal is never the target.
pub fn demo(ctx: &Ctx, a: &DemoArgs, explicit_dir: bool) -> Result<()> {
    if !explicit_dir {
        return user(
            "demo needs --data-dir DIR (a new folder), so it never writes into your own journal",
        );
    }
    let journal_dir = ctx.journal.journal_dir();
    let has_journal = std::fs::read_dir(&journal_dir)
        .map(|mut d| d.next().is_some())
        .unwrap_or(false);
    if has_journal {
        return user(format!(
            "{} already has a journal; demo writes only into a new or empty data dir",
            ctx.journal.data_dir().display()
        ));
    }
    let started = std::time::Instant::now();
    let mut rest = stamped(a.days, a.seed, ctx.now, &ctx.rules);
    let total = rest.len();
    // One commit per batch: each monthly file is opened and synced once.
    while !rest.is_empty() {
        let tail = rest.split_off(rest.len().min(50_000));
        ctx.journal.commit_all(rest)?;
        rest = tail;
    }
    crate::say!(
        "wrote {} events ({} days, seed {}) to {} in {:.1}s",
        total,
        a.days,
        a.seed,
        ctx.journal.journal_dir().display(),
        started.elapsed().as_secs_f64()
    );
    crate::say!(
        "try: CRAMPWATCH_DATA_DIR={} crampwatch status",
        ctx.journal.data_dir().display()
    );
    Ok(())
}
