#!/usr/bin/env bash
# Times `crampwatch import` on a generated 500 MB Apple Health export (the
# xml, and the same in a zip) and on a folder of 1,000 FIT files, with peak
# memory, against the budgets of issue 15 (< 10 s; < 64 MB for Apple Health).
# Needs python3, zip and GNU time.
#
#   bash benches/import.sh            # or: SIZE_MB=100 bash benches/import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MB=${SIZE_MB:-500}

cargo build --release --quiet
BIN=$PWD/target/release/crampwatch
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME=$WORK/home XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config XDG_CACHE_HOME=$WORK/cache
export CRAMPWATCH_CONFIG=$WORK/none.toml CRAMPWATCH_NOW=2026-11-28T17:30:00-05:00 TZ=America/New_York

# seconds and peak MB of one run, into $secs and $mb
measure() { # data-dir args...
    local dir=$1; shift
    /usr/bin/time -f '%e %M' -o "$WORK/t" env CRAMPWATCH_DATA_DIR="$dir" "$BIN" import "$@" >"$WORK/out" 2>&1 || true
    read -r secs kb <"$WORK/t"
    mb=$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')
}
line() { # name value unit budget
    printf '%-48s %8.1f %-2s (budget %s %s) %s\n' "$1" "$2" "$3" "$4" "$3" \
        "$(awk -v v="$2" -v b="$4" 'BEGIN { print (v <= b) ? "ok" : "OVER" }')"
}

python3 benches/gen_apple_health.py "$WORK/export.xml" "$SIZE_MB"
(cd "$WORK" && mkdir -p apple_health_export && mv export.xml apple_health_export/ \
    && zip -q -1 export.zip apple_health_export/export.xml && mv apple_health_export/export.xml .)
echo "zip: $(du -m "$WORK/export.zip" | cut -f1) MB"

measure "$WORK/a" "$WORK/export.xml"
tail -1 "$WORK/out"
line "Apple Health export.xml ($SIZE_MB MB), time" "$secs" s 10
line "Apple Health export.xml, peak memory" "$mb" MB 64
measure "$WORK/a" "$WORK/export.xml"
line "the same again (all already there), time" "$secs" s 10
measure "$WORK/b" "$WORK/export.zip"
line "Apple Health export.zip, time" "$secs" s 10
line "Apple Health export.zip, peak memory" "$mb" MB 64

# 1,000 FIT files: copies of a 47-minute fenix 2 run (121 KB, 2,809 records
# each), so every file is decoded in full; all but one are the same activity.
mkdir -p "$WORK/fit"
for i in $(seq 1 1000); do cp tests/fixtures/devices/activity-small-fenix2-run.fit "$WORK/fit/run-$i.fit"; done
echo "fit folder: $(du -sm "$WORK/fit" | cut -f1) MB in 1000 files"
measure "$WORK/c" "$WORK/fit"
tail -1 "$WORK/out"
line "folder of 1,000 FIT files, time" "$secs" s 10
line "folder of 1,000 FIT files, peak memory" "$mb" MB 64
