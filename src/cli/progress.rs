//! A progress bar on stderr for long imports: drawn only when stderr is a
//! terminal, at most ten times a second, and wiped when done.

use std::cell::Cell;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    total: u64,
    done: Cell<u64>,
    start: Instant,
    drawn: Cell<Option<Instant>>,
    on: bool,
}

impl Progress {
    /// A bar for `total` bytes; silent when stderr is not a terminal.
    pub fn new(total: u64) -> Progress {
        Progress {
            total,
            done: Cell::new(0),
            start: Instant::now(),
            drawn: Cell::new(None),
            on: std::io::stderr().is_terminal(),
        }
    }

    pub fn add(&self, n: u64) {
        self.done.set(self.done.get() + n);
        if !self.on {
            return;
        }
        let now = Instant::now();
        // A short import needs no bar: none in the first second.
        let quiet = now - self.start < Duration::from_secs(1)
            || self
                .drawn
                .get()
                .is_some_and(|t| now - t < Duration::from_millis(100));
        if quiet {
            return;
        }
        self.drawn.set(Some(now));
        let text = if self.total == 0 {
            // A pipe: its size is not known ahead.
            format!("importing: {} MB read", self.done.get() >> 20)
        } else {
            let pct = (self.done.get().min(self.total) * 100 / self.total) as usize;
            let filled = pct * 30 / 100;
            let bar = format!("{}{}", "#".repeat(filled), ".".repeat(30 - filled));
            format!("importing [{bar}] {pct:>3}%")
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{text} ");
        let _ = err.flush();
    }

    /// Wipes the bar.
    pub fn finish(&self) {
        if self.on && self.drawn.get().is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(48));
            let _ = err.flush();
        }
    }
}
