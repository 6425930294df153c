#!/usr/bin/env bash
# Muster against the tools people use, in one run on this machine (issue 7):
#   - the 1,000,000-row HR CSV read, mapped, validated and its issues written, by
#     `muster validate`, a polars script and a pandas script (bench/peer_*.py);
#   - the 100,000-row XLSX read row by row by `muster inspect`, polars' read_excel,
#     python-calamine and openpyxl;
#   - the floors: the csv crate alone, inflating the worksheet alone (crates/bench).
# Prints a Markdown table of best-of-N times, ratios and peak memory, then the issue counts
# of each tool by code (the run fails if they differ).
#
#   bench/compare.sh [--runs N]        # N defaults to 3
#
# Works from a clean checkout on Debian: installs python3-venv if missing, builds Muster in
# release, generates the data with `muster generate` (seed 42, 1% defects) into bench-data/
# if missing, and installs the pinned peers (bench/requirements.txt) into
# ~/.cache/muster/bench-venv (or $MUSTER_BENCH_VENV). Idempotent: a second run reuses all.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=3
if [[ "${1:-}" == "--runs" ]]; then RUNS="$2"; fi
VENV="${MUSTER_BENCH_VENV:-$HOME/.cache/muster/bench-venv}"
TARGET="${CARGO_TARGET_DIR:-target}"
DATA=bench-data
CSV_ROWS=1000000
XLSX_ROWS=100000

if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
    echo "installing python3-venv …" >&2
    apt-get update -qq && apt-get install -y -qq python3-venv python3-pip >/dev/null
fi

echo "building muster and muster-bench (release) …" >&2
cargo build --release --quiet -p muster-cli -p muster-bench
MUSTER="$TARGET/release/muster"
BENCH="$TARGET/release/muster-bench"

mkdir -p "$DATA"
CSV="$DATA/hr-$CSV_ROWS.csv"
XLSX="$DATA/hr-$XLSX_ROWS.xlsx"
[[ -f "$CSV" ]] || "$MUSTER" generate --rows "$CSV_ROWS" --format csv --out "$CSV" >&2
[[ -f "$XLSX" ]] || "$MUSTER" generate --rows "$XLSX_ROWS" --format xlsx --out "$XLSX" >&2

if [[ ! -x "$VENV/bin/python" ]]; then
    echo "creating $VENV …" >&2
    python3 -m venv "$VENV"
fi
# The venv keeps a copy of the requirements it was installed from: reinstall when they change.
if ! cmp -s bench/requirements.txt "$VENV/requirements.txt"; then
    echo "installing the pinned peers (bench/requirements.txt) …" >&2
    "$VENV/bin/pip" install --quiet -r bench/requirements.txt
    cp bench/requirements.txt "$VENV/requirements.txt"
fi

exec "$VENV/bin/python" bench/compare.py --muster "$MUSTER" --bench "$BENCH" \
    --csv "$CSV" --xlsx "$XLSX" --runs "$RUNS"
