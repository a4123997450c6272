#!/bin/sh
# Renders the demo journal's HTML report to PDF and PNG with headless Chromium,
# for the README's screenshot (assets/report.png). Not part of `cargo test`:
# browsers are heavy. Needs chromium (apt-get install -y chromium).
#
#   .ci/render-report.sh [OUTDIR]     default OUTDIR: target/report
set -eu
cd "$(dirname "$0")/.."
out=${1:-target/report}
mkdir -p "$out"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
    echo "no chromium found; install it (apt-get install -y chromium) to render the report" >&2
    exit 0
fi
cargo build --quiet
bin=${CARGO_TARGET_DIR:-target}/debug/crampwatch
data=$(mktemp -d)
profile=$(mktemp -d)
trap 'rm -rf "$data" "$profile"' EXIT
# A pinned "now" and seed: the same journal, and so the same picture, every run.
export TZ=America/New_York CRAMPWATCH_NOW=2026-11-28T18:00:00-05:00 CRAMPWATCH_DATA_DIR="$data" CRAMPWATCH_CONFIG="$data/config.toml"
"$bin" demo --days 120 --seed 1 --data-dir "$data" >/dev/null
"$bin" medication start atorvastatin --class statin --dose "20 mg at night" --at 2026-08-03 >/dev/null
"$bin" medication start furosemide --class diuretic --dose "40 mg each morning" --at 2026-10-26 >/dev/null
"$bin" medication stop atorvastatin --at 2026-11-16 >/dev/null
"$bin" report --format html --output "$out/report.html" >/dev/null
html=$(realpath "$out/report.html")
flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$profile"
# shellcheck disable=SC2086
"$browser" $flags --no-pdf-header-footer --print-to-pdf="$out/report.pdf" "file://$html" 2>/dev/null
# shellcheck disable=SC2086
"$browser" $flags --hide-scrollbars --window-size=820,1900 --screenshot="$out/report-full.png" "file://$html" 2>/dev/null
echo "wrote $out/report.html, $out/report.pdf and $out/report-full.png"
