//! The real binary in a pseudo-terminal, read through a vt100 parser: what a
//! person sees, keys as a person types them, and the journal afterwards.
//! Every wait polls the screen with a deadline; nothing sleeps for long.

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-28T14:30:00-05:00";
const WAIT: Duration = Duration::from_secs(10);

fn envs(dir: &Path) -> Vec<(&'static str, PathBuf)> {
    vec![
        ("HOME", dir.join("home")),
        ("XDG_STATE_HOME", dir.join("state")),
        ("XDG_CONFIG_HOME", dir.join("config")),
        ("XDG_DATA_HOME", dir.join("data")),
        ("CRAMPWATCH_DATA_DIR", dir.join("journal")),
        ("CRAMPWATCH_CONFIG", dir.join("config.toml")),
    ]
}

/// Runs a CLI command with the same environment as the TUI.
fn cli(dir: &Path, args: &[&str]) -> String {
    cli_at(dir, NOW, args)
}

/// Runs a CLI command as if at `now` (it is filed in that month's file).
fn cli_at(dir: &Path, now: &str, args: &[&str]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crampwatch"));
    for (k, v) in envs(dir) {
        cmd.env(k, v);
    }
    let out = cmd
        .env("CRAMPWATCH_NOW", now)
        .env("TZ", "America/New_York")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

struct Tui {
    parser: vt100::Parser,
    rx: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
}

impl Tui {
    fn start(dir: &Path, args: &[&str]) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_crampwatch"));
        cmd.args(args);
        cmd.cwd(dir);
        for (k, v) in envs(dir) {
            cmd.env(k, v);
        }
        cmd.env("CRAMPWATCH_NOW", NOW);
        cmd.env("TZ", "America/New_York");
        cmd.env("NO_COLOR", "1");
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let _master = pair.master; // keep the pty open while reading
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Tui {
            parser: vt100::Parser::new(24.try_into().unwrap(), 80.try_into().unwrap(), 0),
            rx,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Reads output until the screen shows `text`, or fails after `WAIT`.
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            if self.screen().contains(text) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(
                !left.is_zero(),
                "'{text}' did not appear; the screen:\n{}",
                self.screen()
            );
            if let Ok(bytes) = self.rx.recv_timeout(left.min(Duration::from_millis(50))) {
                self.parser.process(&bytes);
            }
        }
    }

    fn keys(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Waits for the program to end and gives its exit code.
    fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Read what it wrote last (restoring the terminal).
                while let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(100)) {
                    self.parser.process(&bytes);
                }
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "the TUI did not exit");
            // Keep draining output so the child never blocks on a full pty.
            if let Ok(bytes) = self.rx.recv_timeout(Duration::from_millis(50)) {
                self.parser.process(&bytes);
            }
        }
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn log_a_drink_with_keys_and_see_another_terminals_drink() {
    let dir = tempfile::tempdir().unwrap();
    cli(
        dir.path(),
        &["plan", "swim", "--at", "18:00", "--minutes", "45"],
    );

    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    // The pre-load deadline (2 h before the swim) counts down from the pinned now.
    tui.wait_for("pre-load");
    tui.wait_for("open 1:30:00 left");
    tui.wait_for("open 1:29:5");
    tui.wait_for("0 / 64 oz today");

    // d opens the drink form; 2 logs the second preset (10 oz) at once.
    tui.keys("d");
    tui.wait_for("Log a drink");
    tui.keys("2");
    tui.wait_for("10 / 64 oz today");
    tui.wait_for("saved: drink 10 oz water");

    // Another process logs a drink: it shows up within a couple of ticks.
    cli(dir.path(), &["drink", "8oz"]);
    tui.wait_for("18 / 64 oz today");

    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let list = cli(dir.path(), &["list", "--kind", "drink"]);
    assert!(list.contains("drink 10 oz water"), "{list}");
    assert!(list.contains("drink 8 oz water"), "{list}");
}

/// Four terminals log 25 drinks each while the TUI is open and logs its
/// own: the TUI ends up showing every one of them, and no line is lost,
/// doubled or torn.
#[test]
fn four_writers_while_the_tui_reads_and_writes_lose_nothing() {
    const WRITERS: usize = 4;
    const EACH: usize = 25;
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("0 / 64 oz today");
    let path = dir.path();
    std::thread::scope(|s| {
        let writers: Vec<_> = (0..WRITERS)
            .map(|_| {
                s.spawn(move || {
                    for _ in 0..EACH {
                        cli(path, &["drink", "1oz"]);
                    }
                })
            })
            .collect();
        // Meanwhile the TUI logs its three presets, 8, 10 and 20 oz.
        for (preset, oz) in [("1", 8), ("2", 10), ("3", 20)] {
            tui.keys("d");
            tui.wait_for("Log a drink");
            tui.keys(preset);
            tui.wait_for(&format!("saved: drink {oz} oz water"));
        }
        for w in writers {
            w.join().unwrap();
        }
    });
    // Its tick reloads what the others wrote: 103 entries today, and the
    // intake of all of them: 100 x 1 oz (kept as 30 ml) and 8 + 10 + 20 oz
    // (237 + 296 + 591 ml) make 4,124 ml, 139.4 oz.
    tui.wait_for("of 103, j/k scroll");
    tui.wait_for("139.4 / 64 oz today");
    assert!(!tui.screen().contains("line "), "{}", tui.screen());
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let files = walk(&dir.path().join("journal"));
    let lines: Vec<String> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "jsonl"))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            assert!(text.is_empty() || text.ends_with('\n'), "{f:?} ends torn");
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(lines.len(), WRITERS * EACH + 3, "one line per drink");
    let mut ids = std::collections::BTreeSet::new();
    for l in &lines {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"));
        assert!(ids.insert(v["id"].to_string()), "id twice: {l}");
    }
}

#[test]
fn a_bad_amount_is_refused_inline_and_the_journal_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("Nothing logged yet");
    tui.keys("d\t10 parsecs");
    tui.wait_for("not a volume");
    tui.keys("\r");
    // Still open, still refused; Esc closes it and q quits.
    tui.wait_for("10 parsecs");
    tui.keys("\x1b");
    tui.wait_for("Nothing logged yet");
    // Give the lone Esc time to be read as Esc, not Alt+q.
    std::thread::sleep(Duration::from_millis(100));
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let list = cli(dir.path(), &["list", "--all"]);
    assert!(list.starts_with("no entries"), "{list}");
}

#[test]
fn ctrl_c_quits_and_gives_the_terminal_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    tui.keys("c\x03");
    assert_eq!(tui.wait_exit(), 0);
    // Back on the main screen, not the alternate one.
    assert!(!tui.parser.screen().alternate_screen());
}

#[test]
fn demo_opens_a_generated_month_and_leaves_the_journal_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(dir.path(), &["--demo"]);
    tui.wait_for("1 Today");
    tui.wait_for(" oz today (");
    // A month of use: today already has entries.
    tui.wait_for("drink ");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        !dir.path().join("journal").exists(),
        "--demo wrote into the user's data dir"
    );
    assert!(
        !dir.path().join("state").exists(),
        "--demo made a device id"
    );
}

#[test]
fn demo_with_a_command_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crampwatch"));
    for (k, v) in envs(dir.path()) {
        cmd.env(k, v);
    }
    let out = cmd
        .env("CRAMPWATCH_NOW", NOW)
        .args(["--demo", "drink", "10oz"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("error: --demo"), "{err}");
    assert!(!dir.path().join("journal").exists());
}

#[test]
fn without_a_terminal_the_tui_says_what_to_use_instead() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_crampwatch"));
    for (k, v) in envs(dir.path()) {
        cmd.env(k, v);
    }
    let out = cmd
        .env("CRAMPWATCH_NOW", NOW)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(out.stdout.is_empty(), "no escape codes on a pipe");
}

#[test]
fn the_mouse_is_captured_only_when_the_config_asks() {
    let dir = tempfile::tempdir().unwrap();
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    assert_eq!(
        tui.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    std::fs::write(dir.path().join("config.toml"), "mouse = true\n").unwrap();
    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    assert_ne!(
        tui.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    assert_eq!(
        tui.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "given back on quit"
    );
}

#[test]
fn history_shows_the_week_x_deletes_u_undoes_and_old_weeks_are_there() {
    let dir = tempfile::tempdir().unwrap();
    // Logged in May, in that month's file: outside what the first frame
    // reads, there once the whole journal is read.
    cli_at(
        dir.path(),
        "2026-05-05T10:00:00-04:00",
        &["drink", "20oz", "--at", "09:00"],
    );
    cli(dir.path(), &["drink", "12oz", "--at", "2026-11-25 09:00"]);
    let files: Vec<_> = walk(&dir.path().join("journal"));
    assert!(
        files.iter().any(|f| f.ends_with("2026-05.jsonl")),
        "{files:?}"
    );

    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    tui.keys("3");
    tui.wait_for("History · 2026-W48");
    tui.wait_for("Wed 25 09:00 drink 12 oz water");

    tui.keys("x");
    tui.wait_for("deleted: drink 12 oz water");
    tui.wait_for("nothing logged this week");
    assert!(!tui.screen().contains("Wed 25 09:00"), "{}", tui.screen());

    tui.keys("u");
    tui.wait_for("undone: delete · back: drink 12 oz water");
    tui.wait_for("Wed 25 09:00 drink 12 oz water");

    // h goes back a week at a time; the whole journal was read meanwhile.
    tui.keys(&"h".repeat(29));
    tui.wait_for("History · 2026-W19");
    tui.wait_for("09:00 drink 20 oz water");
    tui.keys("t");
    tui.wait_for("History · 2026-W48");

    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);
    let list = cli(dir.path(), &["list", "--all"]);
    assert!(list.contains("drink 12 oz water"), "{list}");
}

#[test]
fn an_earlier_entry_from_another_terminal_does_not_move_what_x_deletes() {
    let dir = tempfile::tempdir().unwrap();
    cli(dir.path(), &["drink", "12oz", "--at", "2026-11-25 09:00"]);
    cli(dir.path(), &["drink", "16oz", "--at", "2026-11-27 09:00"]);

    let mut tui = Tui::start(dir.path(), &[]);
    tui.wait_for("1 Today");
    tui.keys("3");
    tui.wait_for("▶ Wed 25 09:00 drink 12 oz water");
    tui.keys("j");
    tui.wait_for("▶ Fri 27 09:00 drink 16 oz water");

    // Another terminal logs an entry earlier in the week: a row above.
    cli(dir.path(), &["drink", "8oz", "--at", "2026-11-24 09:00"]);
    tui.wait_for("Tue 24 09:00 drink 8 oz water");
    assert!(
        tui.screen().contains("▶ Fri 27 09:00 drink 16 oz water"),
        "the highlight stayed on the selected entry:\n{}",
        tui.screen()
    );
    tui.keys("x");
    tui.wait_for("deleted: drink 16 oz water");
    tui.keys("q");
    assert_eq!(tui.wait_exit(), 0);

    let list = cli(dir.path(), &["list", "--all"]);
    assert!(!list.contains("16 oz"), "the selected one is gone: {list}");
    assert!(list.contains("drink 12 oz water"), "{list}");
    assert!(list.contains("drink 8 oz water"), "{list}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
