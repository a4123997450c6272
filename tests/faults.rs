//! The journal under faults: torn and bad lines, a read-only data dir, a full
//! disk, concurrent writers, writers killed mid-way, two devices, sync tools.

mod common;

use common::{Env, is_root, json_lines, snapshot};
use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

fn ids(entries: &[serde_json::Value]) -> Vec<String> {
    entries
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

fn append_bytes(path: &Path, bytes: &[u8]) {
    let mut f = fs::OpenOptions::new().append(true).open(path).unwrap();
    f.write_all(bytes).unwrap();
}

/// Every line of every journal file ends in a newline and parses as JSON.
fn assert_every_line_valid(env: &Env) -> usize {
    let lines = env.journal_lines();
    for (path, line) in &lines {
        assert!(
            line.ends_with(b"\n"),
            "{}: unfinished line {line:?}",
            path.display()
        );
        let v: serde_json::Value = serde_json::from_slice(line).unwrap_or_else(|e| {
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

// ---------------------------------------------------------------- torn and bad lines

#[test]
fn a_torn_last_line_is_moved_to_rejected_and_reported() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz"]);
    let b = env.log(&["drink", "300ml"]);
    let file = env.month_file();
    let good = fs::read(&file).unwrap();
    let tail = br#"{"v":1,"id":"01M8HT5HP0ZZZZZZZZZZZZZZZZ","op":"add","at":"2026-11-28T14:"#;
    append_bytes(&file, tail);

    let out = env.run(&["list", "--format", "json"]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("warning: "), "{err}");
    assert!(
        err.contains(file.to_str().unwrap()),
        "names the file: {err}"
    );
    assert!(
        err.contains("cut short") && err.contains("rejected.jsonl"),
        "{err}"
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&listed), [a.clone(), b.clone()]);

    assert_eq!(
        fs::read(&file).unwrap(),
        good,
        "the file is back to its whole lines"
    );
    let rejected = fs::read(env.device_dir().join("rejected.jsonl")).unwrap();
    assert_eq!(
        rejected,
        [&tail[..], b"\n"].concat(),
        "the torn line is kept"
    );
    let mode = fs::metadata(env.device_dir().join("rejected.jsonl"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);

    // Reported once; then logging goes on as usual.
    env.quiet(&["list"]);
    let c = env.log(&["drink", "5oz"]);
    assert_eq!(ids(&env.entries()), [a, b, c]);
    assert_eq!(assert_every_line_valid(&env), 3);
}

#[test]
fn a_torn_tail_found_while_logging_is_recovered_before_the_new_line() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz"]);
    append_bytes(&env.month_file(), b"{\"v\":1,\"id\":\"01M8");
    let out = env.run(&["drink", "5oz"]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("cut short") && err.contains("2026-11.jsonl"),
        "{err}"
    );
    let b = common::saved_id(&String::from_utf8_lossy(&out.stdout)).unwrap();
    assert_eq!(ids(&env.entries()), [a, b]);
    assert_eq!(assert_every_line_valid(&env), 2);
}

#[test]
fn a_last_line_lacking_only_its_newline_is_completed() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz"]);
    let b = env.log(&["cramp", "calf", "--context", "rest"]);
    let file = env.month_file();
    let whole = fs::read(&file).unwrap();
    fs::write(&file, &whole[..whole.len() - 1]).unwrap();

    let out = env.run(&["list", "--all"]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains(file.to_str().unwrap()) && err.contains("line 2"),
        "{err}"
    );
    assert!(err.contains("completed"), "{err}");
    assert_eq!(fs::read(&file).unwrap(), whole);
    assert!(!env.device_dir().join("rejected.jsonl").exists());
    assert_eq!(ids(&env.entries()), [a, b]);
}

#[test]
fn bad_lines_in_the_middle_are_reported_and_left_in_place() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz", "--at", "-3h"]);
    let file = env.month_file();
    append_bytes(&file, b"this is not json\n");
    append_bytes(&file, b"{\"v\":1,\"id\":\"01M8\0\0\0\0\"}\n");
    append_bytes(&file, b"\0\0\0\0\0\0\0\0\n");
    append_bytes(&file, b"{\"v\":1,\"note\":\"caf\xe9 \xff\xfe\"}\n");
    append_bytes(
        &file,
        b"{\"v\":1,\"id\":\"01M8HT5HP0AAAAAAAAAAAAAAAA\",\"op\":\"add\"}\n",
    );
    // Logging goes on (with the warnings on stderr).
    let b = common::saved_id(&env.ok(&["drink", "300ml", "--at", "-2h"])).unwrap();
    let c = common::saved_id(&env.ok(&["cramp", "calf", "--context", "rest"])).unwrap();
    let before = fs::read(&file).unwrap();

    let out = env.run(&["list", "--all", "--format", "json"]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    let warnings: Vec<&str> = err.lines().collect();
    assert_eq!(warnings.len(), 5, "{err}");
    for (line_no, w) in (2..=6).zip(&warnings) {
        assert!(w.starts_with("warning: "), "{w}");
        assert!(
            w.contains(&format!("{}, line {line_no}:", file.display())),
            "{w}"
        );
        assert!(w.contains("left in place"), "{w}");
    }
    assert!(
        warnings[1].contains("NUL") && warnings[2].contains("NUL"),
        "{err}"
    );
    assert!(warnings[3].contains("UTF-8"), "{err}");
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ids(&listed), [a, b, c], "the rest loads");
    assert_eq!(fs::read(&file).unwrap(), before, "left in place");
    assert!(!env.device_dir().join("rejected.jsonl").exists());
}

#[test]
fn an_unfinished_line_in_another_devices_file_is_skipped_not_touched() {
    let env = Env::new();
    let mine = env.log(&["drink", "10oz"]);
    let other = Env::with_device("laptop");
    let theirs = other.log(&["drink", "5oz"]);
    let dir = env.data.join("journal/laptop");
    fs::create_dir_all(&dir).unwrap();
    let mut bytes = fs::read(other.month_file()).unwrap();
    bytes.extend_from_slice(b"{\"v\":1,\"id\":\"01M8HT");
    fs::write(dir.join("2026-11.jsonl"), &bytes).unwrap();

    let out = env.run(&["list"]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains("laptop/2026-11.jsonl, line 2") && err.contains("skipped"),
        "{err}"
    );
    assert_eq!(
        fs::read(dir.join("2026-11.jsonl")).unwrap(),
        bytes,
        "not ours to change"
    );
    let got: HashSet<String> = ids(&env.entries()).into_iter().collect();
    assert_eq!(got, HashSet::from([mine, theirs]));
}

#[test]
fn a_newer_schema_is_refused_naming_the_file() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let file = env.month_file();
    append_bytes(
        &file,
        b"{\"v\":2,\"id\":\"01M8HT5HP0ZZZZZZZZZZZZZZZZ\",\"op\":\"add\",\"at\":\"2026-11-28T14:30:00-05:00\",\"logged\":\"2026-11-28T14:30:00-05:00\",\"entry\":{\"type\":\"hologram\"}}\n",
    );
    for args in [&["list"][..], &["drink", "5oz"], &["export"]] {
        let err = env.refused(args);
        assert!(err.contains(file.to_str().unwrap()), "{err}");
        assert!(
            err.contains("line 2") && err.contains("newer crampwatch"),
            "{err}"
        );
        assert!(err.contains("schema 2"), "{err}");
    }
    let other = Env::with_device("desktop");
    let err = other.refused(&["import", env.data.to_str().unwrap()]);
    assert!(
        err.contains("2026-11.jsonl") && err.contains("newer"),
        "{err}"
    );
}

// ---------------------------------------------------------------- file modes

#[test]
fn files_are_private() {
    let env = Env::new();
    env.log(&["drink", "10oz"]);
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&env.month_file()), 0o600);
    assert_eq!(mode(&env.device_dir().join(".lock")), 0o600);
    assert_eq!(mode(&env.device_dir()), 0o700);
    assert_eq!(mode(&env.data.join("journal")), 0o700);
    // A file made by another tool with looser modes is made private on write.
    fs::set_permissions(env.month_file(), fs::Permissions::from_mode(0o644)).unwrap();
    env.log(&["drink", "10oz"]);
    assert_eq!(mode(&env.month_file()), 0o600);
    // An imported journal file is private too.
    let other = Env::with_device("laptop");
    other.log(&["drink", "5oz"]);
    let env2 = Env::with_device("desktop");
    env2.quiet(&["import", other.data.to_str().unwrap()]);
    assert_eq!(mode(&env2.month_file()), 0o600);
}

// ---------------------------------------------------------------- read-only, full disk

/// Runs crampwatch with some arguments, one way or another.
type Runner<'a> = dyn Fn(&[&str]) -> std::process::Output + 'a;

/// A mount made for a test, unmounted when dropped.
struct Mounted(PathBuf);

impl Mounted {
    fn run(args: &[&str]) -> Result<(), String> {
        let out = Command::new("mount")
            .args(args)
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(format!("mount {args:?}: {}", stderr_of(&out).trim()))
        }
    }

    fn tmpfs(dir: &Path, size: &str) -> Result<Mounted, String> {
        fs::create_dir_all(dir).unwrap();
        let opt = format!("size={size},mode=0700");
        Mounted::run(&["-t", "tmpfs", "-o", &opt, "tmpfs", dir.to_str().unwrap()])?;
        Ok(Mounted(dir.to_path_buf()))
    }

    fn read_only_bind(dir: &Path) -> Result<Mounted, String> {
        let d = dir.to_str().unwrap();
        Mounted::run(&["--bind", d, d])?;
        let m = Mounted(dir.to_path_buf());
        Mounted::run(&["-o", "remount,bind,ro", d])?;
        Ok(m)
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Runs crampwatch as the unprivileged user 65534 with setpriv.
fn as_nobody(env: &Env, args: &[&str]) -> std::process::Output {
    let mut c = Command::new("setpriv");
    env.pin(&mut c);
    c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(common::bin())
        .args(args)
        .output()
        .unwrap_or_else(|e| std::process::Output {
            status: std::os::unix::process::ExitStatusExt::from_raw(127 << 8),
            stdout: vec![],
            stderr: format!("setpriv: {e}").into_bytes(),
        })
}

fn chown_r(path: &Path) -> bool {
    Command::new("chown")
        .args(["-R", "65534:65534"])
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

fn chmod_read_only(dir: &Path) {
    for (p, _) in snapshot(dir) {
        let m = if p.is_dir() { 0o500 } else { 0o400 };
        fs::set_permissions(&p, fs::Permissions::from_mode(m)).unwrap();
    }
    fs::set_permissions(dir, fs::Permissions::from_mode(0o500)).unwrap();
}

/// A journal with two entries and a torn tail in an older month's file.
fn read_only_fixture() -> (Env, [String; 2], PathBuf) {
    let env = Env::new();
    let a = env.log(&["drink", "10oz", "--at", "-1h"]);
    let b = env.log(&["cramp", "calf", "--context", "rest"]);
    let old = env.device_dir().join("2026-10.jsonl");
    fs::write(&old, b"{\"v\":1,\"id\":\"01M8").unwrap();
    fs::set_permissions(&old, fs::Permissions::from_mode(0o600)).unwrap();
    (env, [a, b], old)
}

/// Reading works (the torn tail is read around, not moved); every write is
/// one clear line naming the place; nothing changes.
fn check_read_only(env: &Env, ids: &[String; 2], old: &Path, run: &Runner) {
    let before = snapshot(&env.data);
    let out = run(&["list", "--all"]);
    assert!(out.status.success(), "reading works: {}", stderr_of(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&ids[0]) && text.contains(&ids[1]), "{text}");
    let err = stderr_of(&out);
    assert!(
        err.contains(old.to_str().unwrap()) && err.contains("skipped"),
        "{err}"
    );

    for args in [&["drink", "10oz"][..], &["delete", &ids[0]], &["undo"]] {
        let out = run(args);
        assert!(!out.status.success(), "{args:?} cannot succeed");
        let err = stderr_of(&out);
        let last = err.lines().last().unwrap_or_default();
        assert!(last.starts_with("error: "), "{err}");
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error")).count(),
            1,
            "{err}"
        );
        assert!(
            last.contains("Read-only file system") || last.contains("Permission denied"),
            "{err}"
        );
        assert!(
            last.contains(env.data.to_str().unwrap()),
            "names the place: {err}"
        );
        let reason = last.rsplit(": ").next().unwrap();
        assert_eq!(last.matches(reason).count(), 1, "said once: {err}");
        assert!(out.stdout.is_empty(), "nothing claims to be saved");
    }
    assert_eq!(snapshot(&env.data), before, "nothing lost, nothing changed");
}

#[test]
fn a_read_only_data_dir_gives_a_clear_error_and_loses_nothing() {
    if !is_root() {
        let (env, ids, old) = read_only_fixture();
        chmod_read_only(&env.data);
        check_read_only(&env, &ids, &old, &|args| env.run(args));
        return;
    }
    // As root (CI), permissions do not stop writes: use a read-only bind
    // mount and an unprivileged user, each where it works.
    let mut ran = 0;
    let (env, ids, old) = read_only_fixture();
    match Mounted::read_only_bind(&env.data) {
        Ok(_m) => {
            check_read_only(&env, &ids, &old, &|args| env.run(args));
            ran += 1;
        }
        Err(why) => eprintln!("read-only bind mount not possible here: {why}"),
    }
    let (env, ids, old) = read_only_fixture();
    // The unprivileged user must be able to reach the binary (a target dir
    // under a 0700 home is not).
    let nobody_runs = chown_r(env.root()) && as_nobody(&env, &["--version"]).status.success();
    if nobody_runs {
        chmod_read_only(&env.data);
        check_read_only(&env, &ids, &old, &|args| as_nobody(&env, args));
        ran += 1;
    } else {
        eprintln!(
            "setpriv (util-linux) or chown not usable here, or user 65534 cannot run {}",
            common::bin()
        );
    }
    if ran == 0 {
        eprintln!(
            "SKIPPED a_read_only_data_dir: running as root with neither a bind mount nor setpriv"
        );
    }
}

/// Logs drinks until one fails; checks that the failure is one clear line,
/// leaves the journal as it was, and that every saved drink is there.
fn log_until_full(
    env: &Env,
    run: &dyn Fn(&[&str]) -> std::process::Output,
) -> (Vec<String>, String) {
    let mut saved = Vec::new();
    for i in 0..400 {
        let before = snapshot(&env.data);
        let note = format!("drink number {i} with a long note to fill the disk sooner");
        let out = run(&["drink", "10oz", "--note", &note]);
        if out.status.success() {
            saved.push(common::saved_id(&String::from_utf8_lossy(&out.stdout)).unwrap());
            continue;
        }
        let err = stderr_of(&out);
        eprintln!("after {} drinks: {}", saved.len(), err.trim_end());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(out.stdout.is_empty());
        let reason = err.rsplit(": ").next().unwrap();
        assert_eq!(err.matches(reason).count(), 1, "said once: {err}");
        let after = snapshot(&env.data);
        for (p, bytes) in &before {
            if p.extension().is_some_and(|e| e == "jsonl") {
                assert_eq!(after.get(p), Some(bytes), "{} changed", p.display());
            }
        }
        return (saved, err);
    }
    panic!("the disk never filled up");
}

#[test]
fn a_full_disk_gives_a_clear_error_and_keeps_earlier_entries() {
    let env = Env::new();
    let mount = match Mounted::tmpfs(&env.data, "64k") {
        Ok(m) => m,
        Err(why) => {
            eprintln!(
                "SKIPPED a_full_disk (tmpfs): {why}; the file size limit test covers the write path"
            );
            return;
        }
    };
    let first = env.log(&["drink", "10oz", "--at", "-1h"]);
    // Fill what is left.
    let filler = env.data.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let chunk = vec![b'x'; 4096];
    while f.write_all(&chunk).is_ok() {}
    drop(f);

    let (saved, err) = log_until_full(&env, &|args| env.run(args));
    assert!(
        err.contains("No space left") || err.contains("disk is full"),
        "{err}"
    );
    assert!(err.contains("2026-11.jsonl"), "names the file: {err}");

    fs::remove_file(&filler).unwrap();
    let last = env.log(&["drink", "5oz"]);
    let got = ids(&env.entries());
    let mut want = vec![first];
    want.extend(saved);
    want.push(last);
    let got_set: HashSet<&String> = got.iter().collect();
    for id in &want {
        assert!(got_set.contains(id), "saved drink {id} is there");
    }
    assert_eq!(got.len(), want.len());
    assert_every_line_valid(&env);
    drop(mount);
}

#[test]
fn a_file_size_limit_mid_line_leaves_no_partial_line() {
    let env = Env::new();
    let first = env.log(&["drink", "10oz", "--at", "-1h"]);
    // The limit (in 512-byte blocks for dash, 1024 for bash: either way a few
    // lines) is reached part-way through some line.
    let run = |args: &[&str]| {
        let mut c = Command::new("sh");
        env.pin(&mut c);
        c.arg("-c")
            .arg("trap '' XFSZ; ulimit -f 4 || exit 99; exec \"$@\"")
            .arg("sh")
            .arg(common::bin())
            .args(args)
            .output()
            .unwrap()
    };
    let (saved, err) = log_until_full(&env, &run);
    assert!(
        err.contains("too large") || err.contains("disk is full") || err.contains("File too large"),
        "{err}"
    );
    let got = ids(&env.entries());
    assert_eq!(got.len(), saved.len() + 1);
    assert!(got.contains(&first) && saved.iter().all(|s| got.contains(s)));
    let size = fs::metadata(env.month_file()).unwrap().len();
    assert!(size <= 4096, "{size}");
    assert_eq!(assert_every_line_valid(&env), got.len());
}

// ---------------------------------------------------------------- concurrent writers

#[test]
fn four_processes_logging_fifty_drinks_each_lose_nothing() {
    let env = Env::new();
    env.log(&["drink", "1oz"]); // make the folders first, like a real first run
    let env = &env;
    std::thread::scope(|s| {
        for p in 0..4 {
            s.spawn(move || {
                for i in 0..50 {
                    let note = format!("p{p}-{i}");
                    env.quiet(&["drink", &format!("{}ml", 100 + p), "--note", &note]);
                }
            });
        }
    });
    let entries = env.entries();
    assert_eq!(entries.len(), 201);
    let notes: HashSet<String> = entries
        .iter()
        .filter_map(|e| e["note"].as_str().map(String::from))
        .collect();
    for p in 0..4 {
        for i in 0..50 {
            assert!(notes.contains(&format!("p{p}-{i}")), "p{p}-{i} is there");
        }
    }
    assert_eq!(assert_every_line_valid(env), 201, "no line interleaved");
    let unique: HashSet<String> = ids(&entries).into_iter().collect();
    assert_eq!(unique.len(), 201);
    let lines = json_lines(&env.month_file());
    for l in &lines {
        let ml = l["entry"]["ml"].as_u64().unwrap();
        let note = l["entry"]["note"].as_str().unwrap_or("p?");
        if note != "p?" {
            assert_eq!(ml, 100 + note[1..2].parse::<u64>().unwrap(), "{l}");
        }
    }
}

#[test]
fn two_terminals_starting_a_workout_at_once_start_only_one() {
    for round in 0..5 {
        let env = Env::new();
        env.log(&["drink", "1oz"]);
        let env = &env;
        let outcomes: Vec<bool> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|p| {
                    s.spawn(move || {
                        env.run(&["workout", "start", &format!("run{p}")])
                            .status
                            .success()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert_eq!(
            outcomes.iter().filter(|ok| **ok).count(),
            1,
            "round {round}: exactly one start succeeds: {outcomes:?}"
        );
        let workouts = env
            .entries()
            .into_iter()
            .filter(|e| e["type"] == "workout")
            .count();
        assert_eq!(workouts, 1, "round {round}");
    }
}

#[test]
fn killing_writers_at_random_moments_loses_no_saved_drink() {
    let env = Env::new();
    env.log(&["drink", "1oz"]);
    // How long one drink takes here, to aim the kills inside it.
    let t = Instant::now();
    env.log(&["drink", "2oz"]);
    let mut span = t.elapsed().as_micros().max(1000) as u64;
    let mut rng = rand::rng();
    let mut saved = vec![];
    let mut killed = 0;
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut rounds = 0;
    while rounds < 100 && Instant::now() < deadline {
        rounds += 1;
        // Keep the kills landing inside a run: aim later when most runs die
        // before saving, earlier when most finish.
        if rounds % 10 == 0 {
            if saved.len() * 4 < killed {
                span = span * 3 / 2;
            } else if killed * 4 < saved.len() {
                span = span * 2 / 3;
            }
        }
        let mut child = env
            .std_cmd()
            .args(["drink", "3oz", "--note", &format!("k{rounds}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = rand::Rng::random_range(&mut rng, 0..span * 3 / 2);
        std::thread::sleep(Duration::from_micros(wait));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        match common::saved_id(&String::from_utf8_lossy(&out.stdout)) {
            Some(id) => saved.push(id),
            None => killed += 1,
        }
    }
    eprintln!(
        "kill loop: {rounds} rounds, {} reported saved, {killed} killed first",
        saved.len()
    );
    assert!(!saved.is_empty(), "some runs finished");
    let out = env.run(&["list", "--all", "--format", "json"]);
    assert!(
        out.status.success(),
        "the journal still loads: {}",
        stderr_of(&out)
    );
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let have: HashSet<String> = ids(&listed).into_iter().collect();
    for id in &saved {
        assert!(have.contains(id), "drink {id} was reported saved");
    }
    assert_every_line_valid(&env);
    // And logging still works.
    let last = env.log(&["drink", "4oz"]);
    assert!(env.entry(&last).is_some());
}

// ---------------------------------------------------------------- devices and sync tools

#[test]
fn two_devices_imported_both_ways_reach_the_same_state() {
    let laptop = Env::with_device("laptop");
    let desktop = Env::with_device("desktop");
    let l1 = laptop.log(&["drink", "10oz", "--at", "-3h"]);
    let l2 = laptop.log(&["cramp", "calf", "--context", "night", "--at", "03:00"]);
    laptop.log(&["workout", "add", "run", "--from", "07:00", "--to", "08:00"]);
    laptop.quiet(&["edit", &l1, "--amount", "12oz"]);
    let d1 = desktop.log(&["drink", "300ml", "--at", "-2h"]);
    let d2 = desktop.log(&["weight", "72kg", "--when", "before"]);
    desktop.quiet(&["delete", &d2]);
    desktop.quiet(&["undo"]);
    desktop.log(&["plan", "swim", "--at", "tomorrow 07:00"]);

    let out = laptop.quiet(&["import", desktop.data.to_str().unwrap()]);
    assert!(out.contains("imported 5 events"), "{out}");
    let out = desktop.quiet(&["import", laptop.data.to_str().unwrap()]);
    // 4 of the laptop's events; the desktop's own 5, copied there, are skipped.
    assert!(
        out.contains("imported 4 events") && out.contains("5 were already here"),
        "{out}"
    );

    let a = laptop.exported();
    let b = desktop.exported();
    assert_eq!(a, b, "same state on both");
    assert_eq!(a.len(), 6);
    let unique: HashSet<String> = ids(&a).into_iter().collect();
    assert_eq!(unique.len(), 6, "no duplicates");
    assert!(unique.contains(&l2) && unique.contains(&d1) && unique.contains(&d2));
    assert_eq!(common::ml(laptop.entry(&l1).as_ref().unwrap()), 355);

    // Re-import adds nothing, either way.
    for (into, from) in [(&laptop, &desktop), (&desktop, &laptop)] {
        let before = snapshot(&into.data);
        let out = into.quiet(&["import", from.data.to_str().unwrap()]);
        assert!(out.starts_with("imported 0 events"), "{out}");
        assert_eq!(snapshot(&into.data), before);
    }

    // A later edit on one side travels too.
    desktop.quiet(&["edit", &l2, "--severity", "6"]);
    laptop.quiet(&["import", desktop.data.to_str().unwrap()]);
    assert_eq!(laptop.entry(&l2).unwrap()["severity"], 6);
    assert_eq!(laptop.exported(), desktop.exported());
}

#[test]
fn a_sync_conflict_copy_is_read_by_union_without_duplicates() {
    let env = Env::new();
    let a = env.log(&["drink", "10oz", "--at", "-2h"]);
    let b = env.log(&["drink", "5oz", "--at", "-1h"]);
    // The other machine's version of the same file: the same first line, then its own.
    let other = Env::new();
    let c = other.log(&["cramp", "calf", "--context", "rest", "--at", "-30m"]);
    let mine = fs::read(env.month_file()).unwrap();
    let first_line = mine
        .split_inclusive(|x| *x == b'\n')
        .next()
        .unwrap()
        .to_vec();
    let mut copy = first_line.clone();
    copy.extend(fs::read(other.month_file()).unwrap());
    let conflict = env
        .device_dir()
        .join("2026-11.sync-conflict-20261128-101010-ABCDEF7.jsonl");
    fs::write(&conflict, &copy).unwrap();
    // And another tool's style, in another device folder.
    let d = env.data.join("journal/phone");
    fs::create_dir_all(&d).unwrap();
    fs::write(d.join("2026-11 (conflicted copy 2026-11-28).jsonl"), &mine).unwrap();

    let out = env.quiet(&["list", "--all", "--format", "json"]);
    let listed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(ids(&listed), [a.clone(), b, c.clone()]);
    // Edits and deletes work across the copies.
    env.quiet(&["delete", &c]);
    env.quiet(&["edit", &a, "--note", "seen twice"]);
    let e = env.entries();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0]["note"], "seen twice");
    assert_eq!(
        fs::read(&conflict).unwrap(),
        copy,
        "the copy is read, not changed"
    );
}

#[test]
fn unknown_fields_survive_an_import_of_a_journal_folder() {
    let src = Env::with_device("laptop");
    src.log(&["drink", "10oz"]);
    let file = src.month_file();
    let line = b"{\"v\":1,\"id\":\"01M8HT5HP0QQQQQQQQQQQQQQQQ\",\"op\":\"add\",\"at\":\"2026-11-28T13:00:00-05:00\",\"logged\":\"2026-11-28T13:00:00-05:00\",\"entry\":{\"type\":\"drink\",\"ml\":250,\"kind\":\"water\",\"temperature\":\"cold\"},\"mood\":\"great\",\"tags\":[\"a\",\"b\"]}\n";
    append_bytes(&file, line);
    // The source itself reads it without complaint.
    assert_eq!(src.quiet(&["list"]).lines().count(), 2);

    let dst = Env::with_device("desktop");
    let out = dst.quiet(&["import", src.data.to_str().unwrap()]);
    assert!(out.starts_with("imported 2 events"), "{out}");
    let copied = fs::read(dst.month_file()).unwrap();
    assert!(
        copied.windows(line.len()).any(|w| w == line),
        "the line is copied byte for byte"
    );
    let e = dst.entry("01M8HT5HP0QQQQQQQQQQQQQQQQ").unwrap();
    assert_eq!(common::ml(&e), 250);
    // Logging more keeps the line as it was.
    dst.log(&["drink", "5oz"]);
    assert!(
        fs::read(dst.month_file())
            .unwrap()
            .windows(line.len())
            .any(|w| w == line)
    );
}

#[test]
fn four_first_runs_at_once_agree_on_one_device_id() {
    let mut env = Env::new();
    env.device = None;
    let env = &env;
    std::thread::scope(|s| {
        for p in 0..4 {
            s.spawn(move || {
                for i in 0..5 {
                    env.quiet(&["drink", "5oz", "--note", &format!("p{p}-{i}")]);
                }
            });
        }
    });
    let devices: Vec<_> = fs::read_dir(env.data.join("journal")).unwrap().collect();
    assert_eq!(devices.len(), 1, "one device folder: {devices:?}");
    assert_eq!(env.entries().len(), 20);
    let id = fs::read_to_string(env.root().join("state/crampwatch/device-id")).unwrap();
    assert!(env.data.join("journal").join(id.trim()).is_dir());
}

#[test]
fn two_devices_exchanging_json_exports_reach_the_same_entries() {
    let laptop = Env::with_device("laptop");
    let desktop = Env::with_device("desktop");
    let l1 = laptop.log(&["drink", "10oz", "--at", "-3h"]);
    laptop.log(&["cramp", "calf", "--context", "night", "--at", "03:00"]);
    laptop.quiet(&["edit", &l1, "--amount", "12oz"]);
    let d1 = desktop.log(&["drink", "300ml", "--at", "-2h"]);
    desktop.log(&["plan", "swim", "--at", "tomorrow 07:00"]);
    desktop.quiet(&["delete", &d1]);

    let export = |env: &Env, name: &str| {
        let p = env.root().join(name);
        fs::write(&p, env.quiet(&["export"])).unwrap();
        p
    };
    let from_laptop = export(&laptop, "laptop.json");
    let from_desktop = export(&desktop, "desktop.json");
    let out = desktop.quiet(&["import", from_laptop.to_str().unwrap()]);
    assert!(out.starts_with("imported 2 entries"), "{out}");
    let out = laptop.quiet(&["import", from_desktop.to_str().unwrap()]);
    assert!(out.starts_with("imported 1 entry from"), "{out}");
    // An export holds entries as they stand: the edit arrives as its result.
    // (When it was edited is not carried over; compare without it.)
    let strip = |v: Vec<serde_json::Value>| -> Vec<serde_json::Value> {
        v.into_iter()
            .map(|mut e| {
                e.as_object_mut().unwrap().remove("amended");
                e
            })
            .collect()
    };
    assert_eq!(strip(laptop.exported()), strip(desktop.exported()));
    assert_eq!(laptop.exported().len(), 3);
    assert!(desktop.entry(&d1).is_none(), "the deleted stays deleted");
    for (env, file) in [(&laptop, &from_desktop), (&desktop, &from_laptop)] {
        let out = env.quiet(&["import", file.to_str().unwrap()]);
        assert!(out.starts_with("imported 0 entries"), "{out}");
    }
}

#[test]
fn import_reports_an_unfinished_last_line_of_the_source() {
    let src = Env::with_device("laptop");
    let a = src.log(&["drink", "10oz"]);
    let file = src.month_file();
    append_bytes(&file, b"{\"v\":1,\"id\":\"01M8");
    let before = fs::read(&file).unwrap();
    let dst = Env::with_device("desktop");
    let out = dst.run(&["import", file.to_str().unwrap()]);
    assert!(out.status.success());
    let err = stderr_of(&out);
    assert!(
        err.contains(file.to_str().unwrap()) && err.contains("line 2"),
        "{err}"
    );
    assert!(err.contains("unfinished"), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("imported 1 event from"));
    assert!(dst.entry(&a).is_some());
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "the source is not changed"
    );
}
