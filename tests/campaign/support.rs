//! Helpers for the campaign: hand-written journal lines, warnings, counts,
//! and the proptest strategies for events and junk lines.

use super::common::{self, Env};
use chrono::{DateTime, FixedOffset, TimeZone};
use crampwatch::domain::history::{Entry, Event, History, Op, SCHEMA_VERSION};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::Path;
use std::process::Output;

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

pub fn ids(entries: &[Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

pub fn mls(entries: &[Value]) -> Vec<u64> {
    entries.iter().map(common::ml).collect()
}

pub fn append_bytes(path: &Path, bytes: &[u8]) {
    let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(bytes).unwrap();
}

/// Every line of every journal file ends in a newline and is a JSON event.
pub fn assert_every_line_valid(env: &Env) -> usize {
    let lines = env.journal_lines();
    for (path, line) in &lines {
        assert!(
            line.ends_with(b"\n"),
            "{}: unfinished {line:?}",
            path.display()
        );
        let v: Value = serde_json::from_slice(line).unwrap_or_else(|e| {
            panic!(
                "{}: {e}: {:?}",
                path.display(),
                String::from_utf8_lossy(line)
            )
        });
        assert_eq!(v["v"], 1);
    }
    lines.len()
}

/// The n-th of a run of ids made at the pinned now, in order.
pub fn id_at(n: u64) -> String {
    let ms = DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .timestamp_millis() as u64;
    ulid::Ulid::from_parts(ms - 3_600_000, u128::from(n) + 1).to_string()
}

pub fn drink(ml: u32) -> String {
    format!(r#"{{"type":"drink","ml":{ml},"kind":"water"}}"#)
}

/// An `add` event line, as the program writes it (without the newline).
pub fn add_line(id: &str, at: &str, body: &str) -> String {
    format!(r#"{{"v":1,"id":"{id}","op":"add","at":"{at}","logged":"{at}","entry":{body}}}"#)
}

/// Runs a command that must succeed quietly; returns the ids of the lines
/// it added to the journal, in the order written.
pub fn new_events(env: &Env, args: &[&str]) -> Vec<String> {
    let before: std::collections::HashSet<Vec<u8>> =
        env.journal_lines().into_iter().map(|(_, l)| l).collect();
    env.quiet(args);
    env.journal_lines()
        .into_iter()
        .filter(|(_, l)| !before.contains(l))
        .map(|(_, l)| {
            let v: Value = serde_json::from_slice(&l).unwrap();
            v["id"].as_str().unwrap().to_string()
        })
        .collect()
}

pub trait EnvExt {
    /// `list --all --format json`, which must succeed without a warning.
    fn entries_quiet(&self) -> Vec<Value>;
    /// `list --all --format json` and its warning lines.
    fn entries_warned(&self) -> (Vec<Value>, Vec<String>);
}

impl EnvExt for Env {
    fn entries_quiet(&self) -> Vec<Value> {
        serde_json::from_str(&self.quiet(&["list", "--all", "--format", "json"])).unwrap()
    }

    fn entries_warned(&self) -> (Vec<Value>, Vec<String>) {
        let out = self.run(&["list", "--all", "--format", "json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let warnings: Vec<String> = stderr(&out).lines().map(String::from).collect();
        for w in &warnings {
            assert!(w.starts_with("warning: "), "{w}");
        }
        (serde_json::from_slice(&out.stdout).unwrap(), warnings)
    }
}

// ---------------------------------------------------------------- proptest

/// The state a user sees: entries as JSON (offsets included) and undo/redo.
pub fn state(h: &History) -> (String, History) {
    (serde_json::to_string(&h.entries).unwrap(), h.clone())
}

pub fn as_json(events: &[Event]) -> Vec<Value> {
    events
        .iter()
        .map(|e| serde_json::to_value(e).unwrap())
        .collect()
}

fn time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..60 * 86400, -48i32..=56).prop_map(|(s, q)| {
        FixedOffset::east_opt(q * 15 * 60)
            .unwrap()
            .timestamp_opt(1_790_000_000 + s, 0)
            .unwrap()
    })
}

fn body() -> impl Strategy<Value = Value> {
    prop_oneof![
        // Up to the largest drink any path accepts (`domain::check`).
        (1u32..=2000, prop::option::of(any::<String>())).prop_map(|(ml, note)| {
            let mut b = serde_json::json!({"type": "drink", "ml": ml, "kind": "sports"});
            if let Some(n) = note {
                b["note"] = Value::String(n);
            }
            b
        }),
        (
            1u8..=10,
            prop::sample::select(vec!["calf", "foot", "hamstring", "quadriceps"])
        )
            .prop_map(|(s, m)| serde_json::json!({"type": "cramp", "muscle": m, "severity": s})),
        (2000u32..=20000)
            .prop_map(|c| serde_json::json!({"type": "weight", "kg": f64::from(c) / 100.0})),
    ]
}

/// Valid events with unique ids and any ops aimed at any ids: each other,
/// themselves, later events, or ids that are nowhere.
pub fn events(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<Event>> {
    prop::collection::vec(
        (
            0u8..5,
            any::<usize>(),
            any::<bool>(),
            body(),
            time(),
            time(),
            any::<bool>(),
        ),
        n,
    )
    .prop_map(|raw| {
        let n = raw.len();
        let id = |i: usize| {
            ulid::Ulid::from_parts(1_790_000_000_000 + i as u64 * 997, i as u128 * 7919).to_string()
        };
        raw.into_iter()
            .enumerate()
            .map(|(i, (op, t, unknown, body, at, logged, extra))| {
                let op = [Op::Add, Op::Amend, Op::Delete, Op::Undo, Op::Redo][op as usize];
                let target = (op != Op::Add).then(|| {
                    if unknown {
                        "01ZZZZZZZZZZZZZZZZZZZZZZZZ".to_string()
                    } else {
                        id(t % n)
                    }
                });
                let entry = matches!(op, Op::Add | Op::Amend)
                    .then(|| serde_json::from_value(body).expect("a valid body"));
                let mut e = Event {
                    v: SCHEMA_VERSION,
                    id: id(i),
                    op,
                    at,
                    logged,
                    target,
                    entry,
                    extra: Default::default(),
                };
                if extra {
                    e.extra
                        .insert("mood".into(), serde_json::json!({"x": [1, "é"]}));
                }
                e
            })
            .collect()
    })
}

/// A line that is not an event: any bytes (no newline), a valid line cut
/// short, or a valid line with a NUL or a bad UTF-8 byte put in.
pub fn junk_line() -> impl Strategy<Value = Vec<u8>> {
    let valid = || events(1..2).prop_map(|e| serde_json::to_vec(&e[0]).unwrap());
    prop_oneof![
        prop::collection::vec(
            any::<u8>().prop_filter("no newline", |b| *b != b'\n'),
            0..200
        ),
        (valid(), any::<prop::sample::Index>()).prop_map(|(l, i)| {
            let cut = 1 + i.index(l.len() - 1);
            l[..cut].to_vec()
        }),
        (
            valid(),
            any::<prop::sample::Index>(),
            prop::sample::select(vec![0u8, 0xff, 0xc3])
        )
            .prop_map(|(mut l, i, b)| {
                l.insert(i.index(l.len() + 1), b);
                l
            }),
    ]
}

/// The fold as its rules read, one event at a time, over maps keyed by id:
/// slow, and plain enough to check the fast fold against. Entries only (what
/// undo and redo would do next is checked by the unit tests).
pub fn model_entries(events: &[Event]) -> Vec<Entry> {
    let mut evs: Vec<&Event> = events.iter().collect();
    evs.sort_by(|a, b| a.id.cmp(&b.id));
    evs.dedup_by(|a, b| a.id == b.id);
    let by_id: HashMap<&str, &Event> = evs.iter().map(|e| (e.id.as_str(), *e)).collect();

    // Which adds, amends and deletes are in force, undo and redo applied in
    // id order (an undo reverts its target; redo only what an undo reverted).
    let mut reverted: HashSet<&str> = HashSet::new();
    for e in &evs {
        let target = e.target.as_deref().and_then(|t| by_id.get(t));
        let Some(t) = target.filter(|t| matches!(t.op, Op::Add | Op::Amend | Op::Delete)) else {
            continue;
        };
        match e.op {
            Op::Undo => {
                reverted.insert(t.id.as_str());
            }
            Op::Redo => {
                reverted.remove(t.id.as_str());
            }
            _ => {}
        }
    }

    // Entry id -> (entry, id of the event that made it).
    let mut live: HashMap<String, (Entry, String)> = HashMap::new();
    let mut deleted: HashSet<String> = HashSet::new();
    for e in evs.iter().filter(|e| !reverted.contains(e.id.as_str())) {
        match (e.op, &e.target, &e.entry) {
            (Op::Add, _, Some(body)) if !deleted.contains(&e.id) => {
                if let Some((x, _)) = live.get_mut(&e.id) {
                    // An amend of it came first (another device's clock).
                    x.logged = e.logged;
                } else {
                    let x = Entry {
                        id: e.id.clone(),
                        at: e.at,
                        logged: e.logged,
                        amended: None,
                        body: body.clone(),
                    };
                    live.insert(e.id.clone(), (x, e.id.clone()));
                }
            }
            (Op::Amend, Some(t), Some(body)) if !deleted.contains(t) => {
                if let Some((x, _)) = live.get_mut(t) {
                    x.at = e.at;
                    x.amended = Some(e.logged);
                    x.body = body.clone();
                } else {
                    let x = Entry {
                        id: t.clone(),
                        at: e.at,
                        logged: e.logged,
                        amended: Some(e.logged),
                        body: body.clone(),
                    };
                    live.insert(t.clone(), (x, e.id.clone()));
                }
            }
            (Op::Delete, Some(t), _) => {
                live.remove(t);
                deleted.insert(t.clone());
            }
            _ => {}
        }
    }
    let mut out: Vec<(Entry, String)> = live.into_values().collect();
    // Time order; at the same time, the order they were made in.
    out.sort_by(|(a, made_a), (b, made_b)| a.at.cmp(&b.at).then_with(|| made_a.cmp(made_b)));
    out.into_iter().map(|(e, _)| e).collect()
}
