"""Times Muster against the Python tools people use, one after the other on this machine,
and prints a Markdown table: best wall time of N runs, the ratio to Muster's time, and
the peak memory (maximum resident set size from wait4, of the process alone: none of
these tools starts children). Run by bench/compare.sh, which builds and installs
everything first.

    python bench/compare.py --muster M --bench B --csv FILE --xlsx FILE [--runs N] [--out DIR]
"""

import argparse
import collections
import csv
import datetime
import os
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(argv: list[str], stdout_path: Path) -> tuple[float, int, int]:
    """Runs argv once; its wall time in seconds, peak memory in KiB, exit status."""
    with open(stdout_path, "wb") as out:
        start = time.perf_counter()
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1)])
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def best_of(runs: int, argv: list[str], stdout_path: Path, ok=(0,)) -> tuple[float, int]:
    best, peak = float("inf"), 0
    for _ in range(runs):
        elapsed, kib, code = run(argv, stdout_path)
        if code not in ok:
            sys.exit(f"{' '.join(argv)} failed with status {code}; its output is in {stdout_path}")
        best, peak = min(best, elapsed), max(peak, kib)
    return best, peak


def codes(issues_csv: Path) -> collections.Counter:
    with open(issues_csv, newline="", encoding="utf-8") as f:
        return collections.Counter(row["code"] for row in csv.DictReader(f))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--muster", required=True, help="the muster CLI binary")
    parser.add_argument("--bench", required=True, help="the muster-bench binary (baselines)")
    parser.add_argument("--csv", required=True)
    parser.add_argument("--xlsx", required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default="/tmp/muster-compare")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    python = sys.executable
    profile = str(HERE / "lms-core-profile.toml")
    csv_name, xlsx_name = Path(args.csv).name, Path(args.xlsx).name

    # (work, tool, argv, issues file or None, exit statuses that mean it worked)
    cases = [
        ("csv", "Muster CLI (`muster validate --issues`)", [args.muster, "validate", args.csv, "--profile", profile, "--issues", str(out / "muster-issues.csv")], out / "muster-issues.csv", (0, 3)),
        ("csv", "polars (lazy)", [python, str(HERE / "peer_polars.py"), args.csv, str(out / "polars-issues.csv")], out / "polars-issues.csv", (0,)),
        ("csv", "pandas", [python, str(HERE / "peer_pandas.py"), args.csv, str(out / "pandas-issues.csv")], out / "pandas-issues.csv", (0,)),
        ("csv", "baseline: csv crate parsing the bytes, one core", [args.bench, "--child", "csv-crate", args.csv], None, (0,)),
        ("xlsx", "Muster CLI (`muster inspect`)", [args.muster, "inspect", args.xlsx], None, (0,)),
        ("xlsx", "polars `read_excel`", [python, str(HERE / "peer_xlsx.py"), "polars", args.xlsx], None, (0,)),
        ("xlsx", "python-calamine", [python, str(HERE / "peer_xlsx.py"), "calamine", args.xlsx], None, (0,)),
        ("xlsx", "openpyxl (read-only)", [python, str(HERE / "peer_xlsx.py"), "openpyxl", args.xlsx], None, (0,)),
        ("xlsx", "baseline: inflating the worksheet XML", [args.bench, "--child", "inflate", args.xlsx], None, (0,)),
    ]
    results = []
    for index, (work, tool, argv, issues, ok) in enumerate(cases):
        print(f"timing {tool} on {work} …", file=sys.stderr, flush=True)
        seconds, kib = best_of(args.runs, argv, out / f"stdout-{index}.txt", ok)
        results.append((work, tool, seconds, kib, issues))

    muster_time = {work: seconds for work, tool, seconds, _, _ in results if tool.startswith("Muster")}
    print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, {os.cpu_count()} cores, "
          f"{platform.python_implementation()} {platform.python_version()}, best of {args.runs}")
    print()
    print("| work | tool | best of {} | tool / Muster | peak memory |".format(args.runs))
    print("|---|---|---:|---:|---:|")
    label = {"csv": f"read + map + validate + write issues, {csv_name}", "xlsx": f"read every row, {xlsx_name}"}
    for work, tool, seconds, kib, _ in results:
        ratio = seconds / muster_time[work]
        print(f"| {label[work]} | {tool} | {seconds:.3f} s | {ratio:.2f}x | {kib / 1024:.1f} MB |")

    counted = {tool: codes(issues) for _, tool, _, _, issues in results if issues}
    names = sorted(set().union(*counted.values()))
    print()
    print("| issue code | " + " | ".join(counted) + " |")
    print("|---|" + "---:|" * len(counted))
    for name in names + ["all"]:
        cells = [str(sum(c.values()) if name == "all" else c.get(name, 0)) for c in counted.values()]
        print(f"| {name} | " + " | ".join(cells) + " |")
    first, *others = counted.values()
    if any(c != first for c in others):
        print("\nThe issue counts differ between the tools (see above).")
        sys.exit(1)
    print("\nEvery tool found the same issues by code.")


if __name__ == "__main__":
    main()
