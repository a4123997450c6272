//! A progress bar on stderr for long imports: drawn only when stderr is a
//! terminal, at most ten times a second, and wiped when done.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

pub struct Progress {
    total: u64,
    done: AtomicU64,
    start: Instant,
    drawn: Mutex<Option<Instant>>,
    on: bool,
}

impl Progress {
    /// A bar for `total` bytes; silent when stderr is not a terminal.
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            done: AtomicU64::new(0),
            start: Instant::now(),
            drawn: Mutex::new(None),
            on: std::io::stderr().is_terminal(),
        }
    }

    pub fn add(&self, n: u64) {
        let done = self.done.fetch_add(n, Ordering::Relaxed) + n;
        if !self.on {
            return;
        }
        let now = Instant::now();
        // A short import needs no bar: none in the first second.
        if now - self.start < Duration::from_secs(1) {
            return;
        }
        // Files are read on several threads: one draws at a time.
        let Ok(mut drawn) = self.drawn.try_lock() else {
            return;
        };
        if drawn.is_some_and(|t| now - t < Duration::from_millis(100)) {
            return;
        }
        *drawn = Some(now);
        let text = match (done.min(self.total) * 100).checked_div(self.total) {
            Some(pct) => {
                let filled = (pct as usize) * 30 / 100;
                let bar = format!("{}{}", "#".repeat(filled), ".".repeat(30 - filled));
                format!("importing [{bar}] {pct:>3}%")
            }
            // A pipe: its size is not known ahead.
            None => format!("importing: {} MB read", done >> 20),
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{text} ");
        let _ = err.flush();
    }

    /// Wipes the bar.
    pub fn finish(&self) {
        if self.on && self.drawn.lock().is_ok_and(|d| d.is_some()) {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(48));
            let _ = err.flush();
        }
    }
}
