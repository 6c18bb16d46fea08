"""Benchmark: territorial budgets for all 290 municipalities, both methods, from the shipped data.

Run from the project root:

    uv run python benchmarks/budgets.py              # best of 5
    uv run python benchmarks/budgets.py --repeat 20

The issue's bar: "all 290 municipalities, both methods, in ≤ 1 s". Measured (best of --repeat
runs, wall clock, `time.perf_counter`, in this process after imports):

  * references in the same run: reading the three shipped CSV files with Polars and nothing else,
    and a plain Python sum over every municipality's two series (the least any method must do);
  * `load_packaged()` (files → dataclasses), `klimatkollen_2024` and `carbon_law_2026` alone;
  * the bar: loading plus both methods for all 290 municipalities (and the 21 counties);
  * for information, a cold `nettonoll budget municipality --all` process per method (Python
    start-up and imports included), no bar.

The table gives seconds, the ratio to the file-reading reference, the bar and PASS/FAIL. Exit
status 0 when every bar holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import math
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from nettonoll.calc.territorial import (
    PACKAGED_DIR,
    carbon_law_2026,
    klimatkollen_2024,
    load_packaged,
)

BAR_S = 1.0


def best_of(repeat: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def read_files() -> None:
    pl.read_csv(PACKAGED_DIR / "areas.csv")
    pl.read_csv(PACKAGED_DIR / "co2_2024.csv", infer_schema_length=None)
    pl.read_csv(PACKAGED_DIR / "ghg_sectors_2026.csv", infer_schema_length=None)


def everything() -> None:
    data = load_packaged()
    klimatkollen_2024(data)
    carbon_law_2026(data, "kommun")
    carbon_law_2026(data, "lan")


def cold(method: str) -> float:
    nettonoll = str(Path(sys.executable).parent / "nettonoll")
    start = time.perf_counter()
    subprocess.run(
        [nettonoll, "budget", "municipality", "--method", method, "--all"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (best of)")
    args = parser.parse_args()
    data = load_packaged()
    series = [
        (data.co2_without_cement_t(a.code), data.ghg_total_t("kommun", a.code))
        for a in data.municipalities()
    ]

    def plain_sum() -> None:
        for co2, ghg in series:
            math.fsum(co2.values())
            math.fsum(ghg.values())

    rows: list[tuple[str, float, float | None]] = [
        (
            "reference: read the 3 shipped CSV files (Polars)",
            best_of(args.repeat, read_files),
            None,
        ),
        ("reference: plain sum over the 290 × 2 series", best_of(args.repeat, plain_sum), None),
        ("load_packaged()", best_of(args.repeat, load_packaged), None),
        (
            "klimatkollen-2024, 290 municipalities",
            best_of(args.repeat, lambda: klimatkollen_2024(data)),
            None,
        ),
        (
            "carbon-law-2026, 290 municipalities",
            best_of(args.repeat, lambda: carbon_law_2026(data)),
            None,
        ),
        (
            "carbon-law-2026, 21 counties",
            best_of(args.repeat, lambda: carbon_law_2026(data, "lan")),
            None,
        ),
        (
            "load + both methods, 290 municipalities + 21 counties",
            best_of(args.repeat, everything),
            BAR_S,
        ),
        ("cold process: budget municipality --all (2024)", cold("klimatkollen-2024"), None),
        ("cold process: budget municipality --all (2026)", cold("carbon-law-2026"), None),
    ]
    reference = rows[0][1]
    print(f"{'measurement':<56} {'seconds':>9} {'× ref':>8} {'bar':>6}  result")
    failed = False
    for name, seconds, bar in rows:
        verdict = "—"
        if bar is not None:
            verdict = "PASS" if seconds <= bar else "FAIL"
            failed |= seconds > bar
        bar_text = f"{bar:.1f}" if bar is not None else "—"
        print(f"{name:<56} {seconds:>9.4f} {seconds / reference:>8.1f} {bar_text:>6}  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
