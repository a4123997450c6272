//! Shared helpers for the tests of the built binary: a temporary home with
//! every path and env var pinned, and snapshots of the data dir.
#![allow(dead_code)]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use tempfile::TempDir;

/// The pinned "now" of every test: a Saturday afternoon in New York.
pub const NOW: &str = "2026-11-28T14:30:00-05:00";
pub const TZ: &str = "America/New_York";
pub const DEVICE: &str = "testdev";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_crampwatch")
}

/// A temporary home: data dir, config file, XDG dirs, all inside one temp dir.
pub struct Env {
    pub dir: TempDir,
    pub now: String,
    /// `CRAMPWATCH_DEVICE`, or `None` to let the program make its device id.
    pub device: Option<String>,
    /// The data dir (not created until the first write).
    pub data: PathBuf,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::Builder::new()
            .prefix("crampwatch-test")
            .tempdir()
            .expect("temp dir");
        let data = dir.path().join("data");
        Env {
            dir,
            now: NOW.to_string(),
            device: Some(DEVICE.to_string()),
            data,
        }
    }

    pub fn with_device(device: &str) -> Env {
        let mut e = Env::new();
        e.device = Some(device.to_string());
        e
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn config_file(&self) -> PathBuf {
        self.root().join("config.toml")
    }

    pub fn write_config(&self, text: &str) {
        std::fs::write(self.config_file(), text).unwrap();
    }

    /// This device's folder in the journal.
    pub fn device_dir(&self) -> PathBuf {
        self.data
            .join("journal")
            .join(self.device.as_deref().unwrap_or(DEVICE))
    }

    /// The monthly file events written at the pinned now go to.
    pub fn month_file(&self) -> PathBuf {
        self.device_dir().join("2026-11.jsonl")
    }

    /// A std command for the binary with every env var pinned.
    pub fn std_cmd(&self) -> std::process::Command {
        let mut c = std::process::Command::new(bin());
        self.pin(&mut c);
        c
    }

    /// Sets the env of `c` so that nothing touches the real home.
    pub fn pin(&self, c: &mut std::process::Command) {
        let r = self.root();
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", r)
            .env("XDG_STATE_HOME", r.join("state"))
            .env("XDG_CONFIG_HOME", r.join("xdg-config"))
            .env("XDG_DATA_HOME", r.join("xdg-data"))
            .env("CRAMPWATCH_DATA_DIR", &self.data)
            .env("CRAMPWATCH_CONFIG", self.config_file())
            .env("CRAMPWATCH_NOW", &self.now)
            .env("TZ", TZ)
            .env("NO_COLOR", "1");
        if let Some(d) = &self.device {
            c.env("CRAMPWATCH_DEVICE", d);
        }
    }

    pub fn cmd(&self) -> assert_cmd::Command {
        assert_cmd::Command::from_std(self.std_cmd())
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.std_cmd().args(args).output().expect("run crampwatch")
    }

    /// Runs, asserts success, returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "crampwatch {args:?} failed ({:?}):\nstdout: {}\nstderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs, asserts success and a quiet stderr, returns stdout. The one
    /// warning allowed is `drink`'s overdrinking warning: tests that log
    /// many drinks at one pinned moment pass the hourly limit, and saying so
    /// is the program's job (tests/safety_cli.rs checks it).
    pub fn quiet(&self, args: &[&str]) -> String {
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        let err: String = err
            .lines()
            .filter(|l| !(args.first() == Some(&"drink") && is_overdrinking_warning(l)))
            .collect();
        assert!(
            out.status.success() && err.is_empty(),
            "crampwatch {args:?}: {:?}\nstderr: {err}",
            out.status
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Logs something and returns the id it printed.
    pub fn log(&self, args: &[&str]) -> String {
        let out = self.quiet(args);
        saved_id(&out).unwrap_or_else(|| panic!("no id in {out:?}"))
    }

    /// Runs a command that must be refused: non-zero exit, exactly one line
    /// on stderr starting with `error:`, nothing on stdout, and the data dir
    /// byte for byte as it was. Returns the stderr line.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = snapshot(&self.data);
        let out = self.run(args);
        let err = String::from_utf8(out.stderr).expect("stderr is UTF-8");
        assert!(
            !out.status.success(),
            "crampwatch {args:?} should fail; stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            err.lines().count(),
            1,
            "crampwatch {args:?}: stderr should be one line: {err:?}"
        );
        assert!(err.starts_with("error: "), "{args:?}: {err:?}");
        assert!(
            out.stdout.is_empty(),
            "{args:?}: stdout {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            snapshot(&self.data),
            before,
            "crampwatch {args:?} changed the data dir"
        );
        err.trim_end().to_string()
    }

    /// The entries of `list --all --format json`, without a cramp's computed
    /// `snapshot` (context, not part of the entry).
    pub fn entries(&self) -> Vec<Value> {
        let out = self.ok(&["list", "--all", "--format", "json"]);
        match serde_json::from_str(&out).expect("list json") {
            Value::Array(mut v) => {
                for e in &mut v {
                    if let Some(o) = e.as_object_mut() {
                        o.remove("snapshot");
                    }
                }
                v
            }
            other => panic!("list json is not an array: {other}"),
        }
    }

    pub fn entry(&self, id: &str) -> Option<Value> {
        self.entries().into_iter().find(|e| e["id"] == id)
    }

    /// The entries of `export --format json`.
    pub fn exported(&self) -> Vec<Value> {
        let out = self.ok(&["export", "--format", "json"]);
        let doc: Value = serde_json::from_str(&out).expect("export json");
        doc["entries"].as_array().expect("entries").clone()
    }

    /// Every journal line of this data dir (all devices), with its file.
    pub fn journal_lines(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for (path, bytes) in snapshot(&self.data) {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.ends_with(".jsonl") && !name.starts_with("rejected") {
                for line in bytes.split_inclusive(|b| *b == b'\n') {
                    out.push((path.clone(), line.to_vec()));
                }
            }
        }
        out
    }
}

/// The id in a `saved: ... · id X` confirmation.
/// `drink`'s warning past the hourly limit or a session's sweat estimate.
pub fn is_overdrinking_warning(line: &str) -> bool {
    line.starts_with("warning: ") && line.ends_with("overdrinking can cause hyponatremia")
}

pub fn saved_id(stdout: &str) -> Option<String> {
    let line = stdout.lines().find(|l| l.starts_with("saved: "))?;
    let id = line.rsplit(" id ").next()?;
    let id = id.split_whitespace().next()?;
    (id.len() == 26 && id.chars().all(|c| c.is_ascii_alphanumeric())).then(|| id.to_string())
}

/// Every file under `dir` (recursively) with its bytes and mode; empty when
/// `dir` does not exist.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    walk(dir, &mut out);
    out
}

fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.insert(p.clone(), b"<dir>".to_vec());
            walk(&p, out);
        } else {
            out.insert(p.clone(), std::fs::read(&p).unwrap());
        }
    }
}

/// Reads a file's lines as JSON values (each line must parse).
pub fn json_lines(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect()
}

/// `ml` of a drink entry.
pub fn ml(e: &Value) -> u64 {
    e["ml"].as_u64().unwrap_or_else(|| panic!("no ml in {e}"))
}

pub fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(2) == Some("0"))
        })
        .unwrap_or(false)
}
