//! Benchmarks of the core on a generated 10-year journal (about 40,000
//! events): load, fold, timers, flags, week summaries, reports and sweat tests.
//!
//! `cargo bench --bench core`; `BENCH_DAYS=10000 cargo bench --bench core`
//! for 27 years, about 110,000 events. The whole commands (status, report, flags,
//! the TUI's first frame, peak memory) are timed by `benches/commands.sh`.
//!
//! After divan's table, the figures that have a budget are timed again
//! (median of 30) and printed against it with PASS or MISS.

use chrono::{DateTime, Duration, Local, TimeZone};
use crampwatch::domain::history::History;
use crampwatch::domain::prefs::Prefs;
use crampwatch::domain::rules::Rules;
use crampwatch::domain::{hydration, patterns, week};
use crampwatch::store::{Journal, Scope};
use std::path::PathBuf;
use std::sync::LazyLock;

fn main() {
    divan::main();
    budgets::print();
}

/// "now" for every bench: the end of the generated journal.
fn now() -> DateTime<Local> {
    Local.with_ymd_and_hms(2026, 11, 28, 17, 30, 0).unwrap()
}

/// How many days the generated journal spans (and the long flags and report
/// cover): `BENCH_DAYS`, 3650 by default.
fn days() -> u32 {
    std::env::var("BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(3650)
}

/// The generated journal, written once into a temporary data dir.
static JOURNAL: LazyLock<(tempfile::TempDir, Journal)> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("temp dir");
    let journal = Journal::open(&PathBuf::from(dir.path()), "bench");
    let events = crampwatch::demo::generate(days(), 7, now());
    for batch in events.chunks(50_000) {
        journal.append(batch).expect("write the journal");
    }
    (dir, journal)
});

static FULL: LazyLock<History> =
    LazyLock::new(|| History::from_events(JOURNAL.1.load(Scope::All).unwrap().events));

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::embedded().unwrap());

fn recent_since() -> crampwatch::domain::entry::Time {
    (now() - Duration::days(2)).fixed_offset()
}

#[divan::bench]
fn load_all_years() -> usize {
    JOURNAL.1.load(Scope::All).unwrap().events.len()
}

#[divan::bench]
fn load_recent_months() -> usize {
    JOURNAL
        .1
        .load(Scope::Since(recent_since()))
        .unwrap()
        .events
        .len()
}

#[divan::bench]
fn fold_all_years(b: divan::Bencher) {
    let events = JOURNAL.1.load(Scope::All).unwrap().events;
    b.with_inputs(|| events.clone())
        .bench_values(|ev| History::from_events(ev).entries.len());
}

#[divan::bench]
fn timers_now(b: divan::Bencher) {
    let recent = History::from_events(JOURNAL.1.load(Scope::Since(recent_since())).unwrap().events);
    let prefs = Prefs::default();
    b.bench(|| {
        hydration::timers(&now(), &recent, &RULES, &prefs)
            .timers
            .len()
    });
}

#[divan::bench]
fn flags_last_30_days() -> usize {
    patterns::flags(&now(), &FULL, &RULES, &Prefs::default()).len()
}

#[divan::bench]
fn flags_all_years() -> usize {
    let since = (now() - Duration::days(days() as i64)).fixed_offset();
    patterns::flags_since(&now(), &FULL, &RULES, &Prefs::default(), Some(&since)).len()
}

#[divan::bench]
fn week_summary_this_week() -> u32 {
    let monday = week::monday_of(now().date_naive());
    let prefs = Prefs::default();
    let flags = week::period_flags(&now(), monday, 7, &FULL, &RULES, &prefs);
    week::summarize(&now(), monday, 7, &FULL, &RULES, &prefs, &flags)
        .totals
        .cramps
}

#[divan::bench]
fn report_all_years() -> u32 {
    let first = (now() - Duration::days(days() as i64)).date_naive();
    let prefs = Prefs::default();
    let flags = week::period_flags(&now(), first, days() + 1, &FULL, &RULES, &prefs);
    week::summarize(&now(), first, days() + 1, &FULL, &RULES, &prefs, &flags)
        .totals
        .cramps
}

#[divan::bench]
fn sweat_tests_all_years() -> usize {
    crampwatch::domain::sweat::tests(&FULL, &RULES).len()
}

#[divan::bench]
fn sweat_personal_rate() -> Option<u32> {
    use crampwatch::domain::entry::{Heat, Intensity};
    let now = now().fixed_offset();
    crampwatch::domain::sweat::personal_rate(&FULL, &RULES, &now, Heat::Mild, Intensity::Moderate)
        .map(|r| r.ml_per_h)
}

/// One redraw of a screen at 200x60, with the whole journal loaded.
mod render {
    use super::*;
    use crampwatch::config::Settings;
    use crampwatch::tui::app::{Action, App, Screen};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    pub(super) fn app(screen: Screen) -> App<Local> {
        let mut app = App::new(
            Settings::default(),
            RULES.clone(),
            History::default(),
            now(),
        );
        app.update(
            Action::Loaded {
                history: Box::new(FULL.clone()),
                problems: Vec::new(),
            },
            now(),
        );
        app.full = true;
        app.size = (200, 60);
        app.update(Action::Show(screen), now());
        app
    }

    #[divan::bench(args = [Screen::Today, Screen::Glance, Screen::History, Screen::Insights, Screen::Guide])]
    fn redraw_200x60(b: divan::Bencher, screen: Screen) {
        let app = app(screen);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
        b.bench_local(|| {
            terminal
                .draw(|f| crampwatch::tui::view::draw(f, &app))
                .unwrap();
        });
    }
}

/// The core figures that have a budget, each printed with PASS or MISS.
mod budgets {
    use super::*;
    use crampwatch::tui::app::Screen;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use std::time::Instant;

    /// The median of 30 runs of `f`, in ms, after 3 to warm up. What `f`
    /// returns is dropped outside the timing (the commands leave freeing
    /// years of entries to the process exit).
    fn median_ms<T>(mut f: impl FnMut() -> T) -> f64 {
        for _ in 0..3 {
            drop(f());
        }
        let mut times: Vec<f64> = (0..30)
            .map(|_| {
                let t = Instant::now();
                let out = f();
                let ms = t.elapsed().as_secs_f64() * 1000.0;
                drop(out);
                ms
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    }

    fn line(name: &str, ms: f64, budget: f64) {
        let verdict = if ms <= budget { "PASS" } else { "MISS" };
        println!("{name:<48} {ms:>9.3} ms (budget {budget} ms) {verdict}");
    }

    pub fn print() {
        println!(
            "\nbudgets, {} days ({} events):",
            days(),
            FULL.entries.len()
        );
        // A whole `report --since <all>` must take at most 40 ms; this is its
        // work inside the process, with the parse cache as the command has
        // it: load, fold, flags and the figures of every day.
        let cache = tempfile::tempdir().expect("temp dir");
        let cached = Journal::open(JOURNAL.0.path(), "bench").with_cache(cache.path());
        line(
            "load (cached), fold, flags, figures of all years",
            median_ms(|| {
                let full = History::from_events(cached.load(Scope::All).unwrap().events);
                let first = (now() - Duration::days(days() as i64)).date_naive();
                let prefs = Prefs::default();
                let flags = week::period_flags(&now(), first, days() + 1, &full, &RULES, &prefs);
                let s = week::summarize(&now(), first, days() + 1, &full, &RULES, &prefs, &flags);
                (full, s)
            }),
            40.0,
        );
        // `status` may take at most twice a bare process start (about 1.5 ms
        // here): its own work gets about that much.
        line(
            "status's work: recent load, fold, timers",
            median_ms(|| {
                let recent = History::from_events(
                    JOURNAL.1.load(Scope::Since(recent_since())).unwrap().events,
                );
                let prefs = Prefs::default();
                hydration::timers(&now(), &recent, &RULES, &prefs)
            }),
            1.5,
        );
        for screen in [
            Screen::Today,
            Screen::Glance,
            Screen::History,
            Screen::Insights,
            Screen::Guide,
        ] {
            let app = super::render::app(screen);
            let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
            let ms = median_ms(|| {
                terminal
                    .draw(|f| crampwatch::tui::view::draw(f, &app))
                    .map(|_| ())
                    .unwrap();
            });
            line(&format!("redraw at 200x60: {screen:?}"), ms, 1.0);
        }
    }
}
