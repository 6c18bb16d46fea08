"""Benchmark: buildings' energy at region scale (issue 12: "10 years × 12 months × 5 000 buildings
× 3 carriers of readings imported and normalised, as a ratio to a bare Polars pass in the same
run").

Run from the project root:

    uv run python benchmarks/energy.py                  # 1.8 M readings, throwaway SQLite
    uv run python benchmarks/energy.py --scale 0.1      # 500 buildings: 180 000 readings
    uv run python benchmarks/energy.py --database-url postgres://postgres@127.0.0.1:5432/nettonoll_bench

What it builds (in a fresh database, deleted afterwards): an organisation of 51 nodes (a root and
50 units) through the real `tree_import`; `5 000 × scale` buildings through the buildings' import,
spread over 10 localities; degree days for those localities, 10 years of months, through
`nettonoll import degree-days`' service; and a readings file as Swedish Excel writes it
(semicolons, decimal commas): every building × month of 2015–2024 × three carriers (el,
fjärrvärme, fjärrkyla), half the district-heating rows with their own temperature-dependent share.

What it measures (wall clock, `time.perf_counter`; SQL statements counted):
  * reference: Polars reads the same file (decimal comma), joins the buildings' localities and the
    degree days, normalises every row (E_norm = E_ind + E_dep × GD_normal / GD_actual, the
    carrier's default share where a row has none) and sums per year;
  * the real child-table import of the file (`registers.tables.table_import("energy-readings")`:
    reading, every check, the write) — ratio to the reference;
  * the normalisation of the root's subtree (`estate.energy.node_years`, every building, every
    month) — ratio to the reference; its yearly totals are checked against Polars' (to 1e-6).

No bar is set (reported as ratios); the exit status is 0 unless a check fails.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from bench_database import bench_database


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of 5 000 buildings")
    parser.add_argument("--database-url", default="", help="PostgreSQL (created, then dropped)")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--profile", action="store_true", help="cProfile of the import")
    return parser.parse_args()


ARGS = parse_args()
DATABASE = bench_database("nettonoll-bench-energy-", ARGS.database_url)

import polars as pl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from nettonoll.calc import degree_days as calc_degree_days  # noqa: E402
from nettonoll.estate.degree_days import degree_days_import  # noqa: E402
from nettonoll.estate.energy import node_years  # noqa: E402
from nettonoll.organisations.models import Node  # noqa: E402
from nettonoll.organisations.services import tree_import  # noqa: E402
from nettonoll.registers.tables import table_import  # noqa: E402

ORG, ROOT = "BENCH", "R"
N_UNITS = 50
YEARS = range(2015, 2025)
CARRIERS = ("el", "fjärrvärme", "fjärrkyla")
LOCALITIES = [f"Ort {i}" for i in range(10)]
NORMAL = (640, 580, 540, 390, 220, 80, 25, 45, 170, 340, 480, 600)


class Queries:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self) -> Queries:
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._wrapper.__exit__(*exc)


def timed(run: Callable[[], Any]) -> tuple[float, int, Any]:
    with Queries() as queries:
        start = time.perf_counter()
        result = run()
        seconds = time.perf_counter() - start
    return seconds, queries.count, result


def line(what: str, seconds: float, reference: float | None, queries: int, note: str) -> None:
    ratio = f"{seconds / reference:8.1f}" if reference else " " * 8
    print(f"{what:<52} {seconds:11.2f} {ratio} {queries:8d}  {note}")


def tree_csv() -> bytes:
    rows = ["code,name,parent_code,level", f"{ROOT},Region Benchmark,,region"]
    rows += [f"U{u:02d},Enhet {u},{ROOT},unit" for u in range(N_UNITS)]
    return ("\n".join(rows) + "\n").encode()


def buildings_csv(n: int, rng: random.Random) -> bytes:
    rows = ["building_code;name;node_code;municipality;locality;atemp_m2;year_built;ownership"]
    for b in range(n):
        locality = LOCALITIES[b % len(LOCALITIES)]
        rows.append(
            f"B{b:05d};Hus {b};U{b % N_UNITS:02d};Kommun;{locality};"
            f"{rng.randrange(300, 20000)};{rng.randrange(1950, 2020)};ägd"
        )
    return ("\n".join(rows) + "\n").encode("cp1252")


def degree_days_csv(rng: random.Random) -> bytes:
    rows = ["locality;month;degree_days;normal_degree_days;base_c;source"]
    for locality in LOCALITIES:
        for year in YEARS:
            for month in range(1, 13):
                normal = NORMAL[month - 1]
                actual = str(round(normal * rng.uniform(0.8, 1.2), 1)).replace(".", ",")
                rows.append(f"{locality};{year}-{month:02d};{actual};{normal};17;Benchmark")
    return ("\n".join(rows) + "\n").encode("cp1252")


def readings_csv(n: int, rng: random.Random) -> bytes:
    out = io.StringIO()
    out.write("building_code;month;carrier;kwh;temperature_dependent_share\n")
    for b in range(n):
        code = f"B{b:05d}"
        for year in YEARS:
            for month in range(1, 13):
                for carrier in CARRIERS:
                    kwh = str(round(rng.uniform(100, 90000), 1)).replace(".", ",")
                    share = "0,7" if carrier == "fjärrvärme" and b % 2 else ""
                    out.write(f"{code};{year}-{month:02d};{carrier};{kwh};{share}\n")
    return out.getvalue().encode("cp1252")


def polars_pass(readings: bytes, buildings: bytes, degree: bytes) -> dict[int, tuple[float, float]]:
    """The reference: read (Windows-1252 decoded first), join, normalise, sum per year."""
    frame = pl.read_csv(
        readings.decode("cp1252").encode(), separator=";", infer_schema_length=0
    ).with_columns(
        pl.col("kwh").str.replace(",", ".").cast(pl.Float64),
        pl.col("temperature_dependent_share").str.replace(",", ".").cast(pl.Float64),
    )
    houses = pl.read_csv(buildings.decode("cp1252").encode(), separator=";").select(
        "building_code", "locality"
    )
    days = pl.read_csv(degree, separator=";", encoding="utf8-lossy", infer_schema_length=0).select(
        "locality",
        "month",
        pl.col("degree_days").str.replace(",", ".").cast(pl.Float64),
        pl.col("normal_degree_days").str.replace(",", ".").cast(pl.Float64),
    )
    defaults = pl.DataFrame(
        {
            "carrier": list(calc_degree_days.carrier_defaults()),
            "default_share": [
                d.temperature_dependent_share for d in calc_degree_days.carrier_defaults().values()
            ],
        }
    )
    joined = (
        frame.join(houses, on="building_code", how="left")
        .join(days, on=["locality", "month"], how="left")
        .join(defaults, on="carrier", how="left")
    )
    share = pl.coalesce("temperature_dependent_share", "default_share", pl.lit(0.0))
    dependent = pl.col("kwh") * share
    normalised = (
        pl.when(pl.col("degree_days") > 0)
        .then(
            pl.col("kwh")
            - dependent
            + dependent * pl.col("normal_degree_days") / pl.col("degree_days")
        )
        .otherwise(pl.col("kwh"))
    )
    yearly = (
        joined.with_columns(
            normalised.alias("normalised"),
            pl.col("month").str.slice(0, 4).cast(pl.Int32).alias("year"),
        )
        .group_by("year")
        .agg(pl.col("kwh").sum(), pl.col("normalised").sum())
        .sort("year")
    )
    return {y: (k, n) for y, k, n in yearly.iter_rows()}


def main() -> int:
    rng = random.Random(ARGS.seed)
    n = max(1, round(5000 * ARGS.scale))
    call_command("migrate", verbosity=0)
    tree_import(organisation_code=ORG, data=tree_csv(), filename="t.csv", name="Region Benchmark")
    houses = buildings_csv(n, rng)
    degree = degree_days_csv(rng)
    start = time.perf_counter()
    readings = readings_csv(n, rng)
    made = time.perf_counter() - start
    rows = n * len(YEARS) * 12 * len(CARRIERS)
    print(
        f"database: {connection.vendor}; {n:,} buildings × {len(YEARS)} years × 12 months × "
        f"{len(CARRIERS)} carriers = {rows:,} readings ({len(readings) / 1e6:.0f} MB CSV, "
        f"made in {made:.1f} s); load {os.getloadavg()[0]:.2f}"
    )
    print(f"{'measurement':<52} {'seconds':>11} {'× ref':>8} {'queries':>8}  notes")
    seconds, queries, _r = timed(
        lambda: table_import("buildings", organisation_code=ORG, data=houses, filename="b.csv")
    )
    line("buildings import (setup)", seconds, None, queries, f"{n:,} buildings")
    seconds, queries, _r = timed(lambda: degree_days_import(data=degree, filename="gd.csv"))
    line("degree-days import (setup)", seconds, None, queries, f"{len(LOCALITIES)} localities")

    ref, ref_queries, reference = timed(lambda: polars_pass(readings, houses, degree))
    line(
        "ref: Polars read + join degree days + normalise", ref, None, ref_queries, f"{rows:,} rows"
    )

    profile = cProfile.Profile() if ARGS.profile else None
    if profile is not None:
        profile.enable()
    seconds_import, queries, result = timed(
        lambda: table_import(
            "energy-readings", organisation_code=ORG, data=readings, filename="avl.csv"
        )
    )
    if profile is not None:
        profile.disable()
    line(
        "child-table import energy-readings (new)",
        seconds_import,
        ref,
        queries,
        f"{result.created:,} created",
    )
    if result.created != rows:
        print(f"FAIL: the import created {result.created:,} of {rows:,}")
        return 1
    root = Node.objects.get(organisation__code=ORG, code=ROOT)
    seconds_norm, queries, years = timed(lambda: node_years(root))
    line(
        "estate.energy.node_years (root, normalised)",
        seconds_norm,
        ref,
        queries,
        f"{len(years)} years",
    )
    total = seconds_import + seconds_norm
    line("import + normalisation", total, ref, 0, "")
    for year in years:
        kwh, normalised = reference[year.year]
        if (
            abs(year.kwh - kwh) > 1e-6 * kwh
            or abs((year.normalised_kwh or 0) - normalised) > 1e-6 * normalised
        ):
            print(
                f"FAIL: {year.year}: {year.kwh} / {year.normalised_kwh} "
                f"≠ Polars {kwh} / {normalised}"
            )
            return 1
    print("yearly totals equal Polars' (to 1e-6)")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    try:
        code = main()
    finally:
        DATABASE.drop()
    sys.exit(code)
