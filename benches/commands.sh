#!/usr/bin/env bash
# Times the whole commands on a generated 10-year journal and prints each
# figure against its budget (issue 12): PASS or MISS on every line.
# Needs hyperfine, jq and GNU time (apt-get install hyperfine jq time).
#
#   bash benches/commands.sh            # or: RUNS=30 bash benches/commands.sh
#   DAYS=10000 bash benches/commands.sh # a 27-year journal of about 110,000 events
#   BIN=/path/to/crampwatch bash benches/commands.sh  # another build, not rebuilt
#
# The machine may be shared: figures compared with each other (report
# against jq, status against --version) come from one hyperfine run, so a
# busy moment weighs on both sides of the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-20}
# `demo --days 3650` writes about 40,000 events; reports and flags span all DAYS.
DAYS=${DAYS:-3650}

for tool in hyperfine jq /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine jq time)"; exit 1; }
done

if [ -z "${BIN:-}" ]; then
    cargo build --release --quiet
    BIN=$PWD/target/release/crampwatch
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
export CRAMPWATCH_CONFIG=$WORK/none.toml CRAMPWATCH_NOW=2026-11-28T17:30:00-05:00 TZ=America/New_York
mkdir -p "$WORK/empty"

"$BIN" demo --days "$DAYS" --seed 7 --data-dir "$WORK/ten" >/dev/null
EVENTS=$(cat "$WORK"/ten/journal/*/*.jsonl | wc -l)
echo "journal: $EVENTS events in $(ls "$WORK"/ten/journal/*/*.jsonl | wc -l) monthly files, $(du -sh "$WORK/ten" | cut -f1)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

# medians of RUNS runs of each command, in ms, one per line, in one hyperfine run
medians_ms() {
    hyperfine -N --runs "$RUNS" --warmup 3 --style none --export-json "$WORK/h.json" "$@" >/dev/null 2>&1
    jq '.results[].median * 1000' "$WORK/h.json"
}
# peak resident memory, in MB
peak_mb() {
    /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f", $1/1024}'
}
line() { # name value unit budget: at most
    printf '%-48s %9.1f %-3s (budget %s %s) %s\n' "$1" "$2" "$3" "$4" "$3" \
        "$(awk -v v="$2" -v b="$4" 'BEGIN { print (v <= b) ? "PASS" : "MISS" }')"
}
at_least() { # name value unit floor
    printf '%-48s %9.1f %-3s (budget at least %s %s) %s\n' "$1" "$2" "$3" "$4" "$3" \
        "$(awk -v v="$2" -v b="$4" 'BEGIN { print (v >= b) ? "PASS" : "MISS" }')"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

TEN="CRAMPWATCH_DATA_DIR=$WORK/ten"
EMPTY="CRAMPWATCH_DATA_DIR=$WORK/empty"
# `env` in front of --version too, so both sides pay for the same exec.
read -r v s_empty s_ten <<<"$(medians_ms "env $EMPTY $BIN --version" \
    "env $EMPTY $BIN status" "env $TEN $BIN status" | tr '\n' ' ')"
printf '%-48s %9.1f ms\n' "crampwatch --version" "$v"
line "status, empty journal" "$s_empty" ms 10
line "status, $DAYS-day journal" "$s_ten" ms 10
line "status / --version" "$(ratio "$s_ten" "$v")" x 2
line "status, $DAYS days / empty" "$(ratio "$s_ten" "$s_empty")" x 1.5

FILES=$(echo "$WORK"/ten/journal/*/*.jsonl)
env "$TEN" "$BIN" report --since "${DAYS}d" --format json >/dev/null # the cache, once
read -r jq_ms r f fa <<<"$(medians_ms "jq -c . $FILES" \
    "env $TEN $BIN report --since ${DAYS}d --format json" \
    "env $TEN $BIN flags" "env $TEN $BIN flags --since ${DAYS}d" | tr '\n' ' ')"
line "report --since ${DAYS}d --format json" "$r" ms 40
line "flags" "$f" ms 150
line "flags --since ${DAYS}d" "$fa" ms 150
printf '%-48s %9.1f ms\n' "jq -c . over the same files" "$jq_ms"
at_least "jq / report" "$(ratio "$jq_ms" "$r")" x 25
at_least "jq / flags" "$(ratio "$jq_ms" "$f")" x 10

# The TUI's first frame: from start until the first frame is drawn, in a pty.
read -r ff ff0 <<<"$(medians_ms "env $TEN CRAMPWATCH_EXIT_AFTER_FIRST_FRAME=1 script -qec $BIN /dev/null" \
    "env $EMPTY CRAMPWATCH_EXIT_AFTER_FIRST_FRAME=1 script -qec $BIN /dev/null" | tr '\n' ' ')"
line "TUI first frame, $DAYS-day journal" "$ff" ms 150
line "TUI first frame, empty journal" "$ff0" ms 150

for cmd in "status" "list" "list --all --format json" "flags" "report --since ${DAYS}d --format json" "export --format json"; do
    line "peak memory: $cmd" "$(peak_mb env "$TEN" $BIN $cmd)" MB 64
done
# The first report, before any cache exists: it parses every file and writes the cache.
rm -rf "$XDG_CACHE_HOME"
line "peak memory: report, no cache yet" "$(peak_mb env "$TEN" $BIN report --since "${DAYS}d" --format json)" MB 64
# Imports of the whole journal: into an empty data dir, and again (all skipped).
env "$TEN" "$BIN" export --format json >"$WORK/export.json"
env "$TEN" "$BIN" export --format csv >"$WORK/export.csv"
for what in "JSON export:export.json" "CSV export:export.csv" "journal:ten"; do
    name=${what%%:*} src=$WORK/${what#*:}
    into="$WORK/into-${what#*:}"
    line "peak memory: import $name, empty dir" "$(peak_mb env CRAMPWATCH_DATA_DIR="$into" $BIN import "$src")" MB 64
    env CRAMPWATCH_DATA_DIR="$into" "$BIN" report --since "${DAYS}d" >/dev/null # warm its cache
    line "peak memory: import $name, again" "$(peak_mb env CRAMPWATCH_DATA_DIR="$into" $BIN import "$src")" MB 64
done
line "peak memory: TUI first frame" "$(peak_mb env "$TEN" CRAMPWATCH_EXIT_AFTER_FIRST_FRAME=1 script -qec "$BIN" /dev/null)" MB 64
echo "redraws of every screen at 200x60: cargo bench --bench core -- render (budget 1 ms each)"
