"""Benchmark: the registers at organisation scale (issue 11, QUALITY.md "registers: import 20 000
vehicles … and compute every metric for 1 000 units — reported as ratios to a bare Polars/SQL pass
of the same data").

Run from the project root:

    uv run python benchmarks/registers.py                       # throwaway SQLite in a temp dir
    uv run python benchmarks/registers.py --vehicles 5000       # quicker
    uv run python benchmarks/registers.py --database-url postgres://postgres@127.0.0.1:5432/nettonoll_bench

What it builds (in a fresh database, deleted afterwards):
  * one organisation of 1 000 nodes (a region root, 10 administrations, 100 departments, 889 units)
    through the real `tree_import` (timed, setup);
  * a vehicle file of `--vehicles` rows (default 20 000, fixed seed): valid Swedish registration
    numbers, a random unit, every vehicle type, ownership and energy, HVO100 approval on some
    diesels, 15 % out of service before today, lease ends for leased vehicles; and, so that their
    metrics have something to count, 2 000 charging sites and 500 backup-power units.

What it measures (wall clock, `time.perf_counter`; SQL queries counted):
  * reference for the import: a bare Polars `read_csv` of the same file + one SQL `executemany`
    INSERT of the same rows (node codes looked up in a dict; no checks, no history), into a second
    organisation, then deleted;
  * `register_import("vehicles", …)` of the file (reading, every check, bulk create with history),
    and for information the same file again (every row compared, nothing written) and the export
    (`register_rows`);
  * reference for the metrics: one SQL query of the registers' rows with their node paths, then
    Polars counting for every node's subtree and every year 2015–2025 what the register metrics
    count (vehicles in service on 31 December, fossil-free capable under both rule sets, electric,
    plug-in hybrids; charging points; backup kW, renewable or battery kW);
  * every metric source declared (`common.metrics.metrics_declared()`), `values(node)` for the root
    and every other node (1 000 calls each); the per-metric table names what was computed. Metrics
    from other capabilities (the klimatbokslut's) are timed too, against the same reference.

No bar is set (QUALITY.md: reported as ratios); the exit status is 0 unless the import fails.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import os
import pstats
import random
import sys
import time
from collections.abc import Callable
from typing import Any

from bench_database import bench_database

ORG, REF_ORG, ROOT = "BENCH", "REF", "R"
N_ADMINISTRATIONS, DEPARTMENTS_PER_ADMINISTRATION, N_UNITS = 10, 10, 889  # 1 000 nodes
YEARS = range(2015, 2026)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vehicles", type=int, default=20_000)
    parser.add_argument("--charging-sites", type=int, default=2_000)
    parser.add_argument("--backup-units", type=int, default=500)
    parser.add_argument("--fuel-rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL (created, then dropped)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", action="store_true", help="cProfile of the new import")
    return parser.parse_args()


ARGS = parse_args()
DATABASE = bench_database("nettonoll-bench-registers-", ARGS.database_url)

import polars as pl  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from nettonoll.calc.regno import LETTERS  # noqa: E402
from nettonoll.common.metrics import metrics_declared  # noqa: E402
from nettonoll.emissions.services import activity_data_import  # noqa: E402
from nettonoll.organisations.models import Node, Organisation  # noqa: E402
from nettonoll.organisations.services import tree_import  # noqa: E402
from nettonoll.registers.imports import register_import, register_rows  # noqa: E402
from nettonoll.registers.models import Vehicle  # noqa: E402

FOSSIL_FREE = ["el", "laddhybrid", "fordonsgas", "e85", "ed95", "vätgas"]
RENEWABLE_BACKUP = ["hvo100", "biogas", "batteri"]


class Queries:
    """Counts the SQL statements run inside `with Queries() as q:`."""

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


# --- the data -----------------------------------------------------------------------------------


def tree_csv() -> tuple[bytes, list[str]]:
    rows = ["code,name,parent_code,level", f"{ROOT},Region Benchmark,,region"]
    departments = []
    for a in range(1, N_ADMINISTRATIONS + 1):
        rows.append(f"A{a:02d},Förvaltning {a},{ROOT},administration")
        for d in range(1, DEPARTMENTS_PER_ADMINISTRATION + 1):
            departments.append(f"D{a:02d}{d:02d}")
            rows.append(f"{departments[-1]},Avdelning {a}.{d},A{a:02d},department")
    units = [f"U{u + 1:04d}" for u in range(N_UNITS)]
    rows += [
        f"{u},Enhet {i + 1},{departments[i % len(departments)]},unit" for i, u in enumerate(units)
    ]
    return ("\n".join(rows) + "\n").encode(), units


def reg_no(i: int) -> str:
    """ABC123-style, unique for i < 23³ × 1 000."""
    n = i // 1000
    letters = LETTERS[n // 529 % 23] + LETTERS[n // 23 % 23] + LETTERS[n % 23]
    return f"{letters}{i % 1000:03d}"


def date_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def vehicles_csv(units: list[str], n: int, rng: random.Random) -> bytes:
    energies = ["bensin", "diesel", "el", "laddhybrid", "elhybrid", "fordonsgas", "e85", "ed95"]
    weights = [20, 30, 20, 12, 8, 6, 2, 2]
    types = ["personbil"] * 6 + ["lätt lastbil"] * 2 + ["tung lastbil", "buss", "arbetsmaskin"]
    lines = [
        "reg_no;node_code;vehicle_type;ownership;energy;hvo100_approved;co2_g_per_km;"
        "in_service_from;in_service_to;lease_end"
    ]
    today = datetime.date.today()
    for i in range(n):
        energy = rng.choices(energies, weights)[0]
        ownership = rng.choice(["ägd", "leasad", "leasad", "hyrd"])
        start = date_between(rng, datetime.date(2012, 1, 1), today)
        end = date_between(rng, start, today) if rng.random() < 0.15 else None
        lease_end = start + datetime.timedelta(days=365 * 3) if ownership == "leasad" else None
        hvo = "ja" if energy == "diesel" and rng.random() < 0.4 else "nej"
        co2 = "0" if energy == "el" else f"{rng.uniform(20, 250):.1f}".replace(".", ",")
        lines.append(
            f"{reg_no(i)};{rng.choice(units)};{rng.choice(types)};{ownership};{energy};{hvo};"
            f"{co2};{start};{end or ''};{lease_end or ''}"
        )
    return ("\n".join(lines) + "\n").encode("utf-8")


def charging_csv(units: list[str], n: int, rng: random.Random) -> bytes:
    lines = [
        "site_code,node_code,address,points,power_kw,access,parking_spaces,"
        "parking_spaces_with_charging,in_service_from"
    ]
    for i in range(n):
        spaces = rng.randrange(5, 200)
        lines.append(
            f"P{i:05d},{rng.choice(units)},Gatan {i},{rng.randrange(1, 20)},"
            f"{rng.choice([11, 22, 50])},{rng.choice(['intern', 'besökare', 'publik'])},"
            f"{spaces},{rng.randrange(0, spaces)},"
            f"{date_between(rng, datetime.date(2015, 1, 1), datetime.date(2025, 6, 30))}"
        )
    return ("\n".join(lines) + "\n").encode()


def backup_csv(units: list[str], n: int, rng: random.Random) -> bytes:
    lines = [
        "unit_code,site_code,node_code,power_kw,energy,hvo100_approved,tank_l,test_hours_per_year,"
        "in_service_from"
    ]
    for i in range(n):
        energy = rng.choice(["diesel", "hvo100", "fordonsgas", "biogas", "batteri"])
        approved = "ja" if energy == "hvo100" or rng.random() < 0.3 else "nej"
        lines.append(
            f"RK{i:04d},S{i % 50},{rng.choice(units)},{rng.randrange(20, 2000)},{energy},"
            f"{approved},{rng.randrange(0, 20000)},{rng.randrange(0, 48)},"
            f"{date_between(rng, datetime.date(2012, 1, 1), datetime.date(2025, 6, 30))}"
        )
    return ("\n".join(lines) + "\n").encode()


# --- the references -------------------------------------------------------------------------------


FUEL_PRODUCTS = {"diesel": "Diesel", "bensin": "Bensin 95", "e85": "E85", "laddhybrid": "Bensin 95"}


def fuel_cards_csv(vehicles: bytes, n: int, rng: random.Random) -> bytes:
    """`n` fuel-card rows (the `drivmedelskort` template, with `Regnr`) of the file's vehicles
    that take liquid fuel, 2020–2025, booked on each vehicle's unit; 2 % name an unknown car."""
    frame = pl.read_csv(vehicles, separator=";", infer_schema=False)
    fuelled = [
        (r["reg_no"], r["node_code"], r["energy"])
        for r in frame.iter_rows(named=True)
        if r["energy"] in FUEL_PRODUCTS or r["energy"] == "diesel"
    ]
    lines = ["Kortnummer;Kostnadsställe;Datum;Produkt;Volym;Regnr"]
    for i in range(n):
        reg, unit, energy = rng.choice(fuelled)
        product = FUEL_PRODUCTS.get(energy, "Diesel")
        if energy == "diesel" and rng.random() < 0.3:
            product = "HVO100"
        if rng.random() < 0.02:
            reg = "ZZZ" + f"{i % 1000:03d}"
        day = date_between(rng, datetime.date(2020, 1, 1), datetime.date(2025, 12, 31))
        lines.append(f"{i};{unit};{day};{product};{rng.randrange(10, 80)};{reg}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def bare_import(data: bytes, organisation: Organisation, nodes: dict[str, int]) -> int:
    """Polars reads the file, one executemany INSERT writes the rows (no checks, no history)."""
    frame = pl.read_csv(data, separator=";", infer_schema=False)
    today = datetime.date.today().isoformat()
    rows = [
        (
            organisation.pk, nodes[r["node_code"]], r["reg_no"], r["vehicle_type"], r["ownership"],
            r["energy"], r["hvo100_approved"] == "ja",
            (r["co2_g_per_km"] or "").replace(",", ".") or None, r["in_service_from"] or today,
            r["in_service_to"] or None, r["lease_end"] or None, 1,
        )
        for r in frame.iter_rows(named=True)
    ]  # fmt: skip
    columns = (
        "organisation_id", "node_id", "reg_no", "vehicle_type", "ownership", "energy",
        "hvo100_approved", "co2_g_per_km", "valid_from", "valid_to", "lease_end", "version",
    )  # fmt: skip
    table = connection.ops.quote_name(Vehicle._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))})",
            rows,
        )
    return len(rows)


def _frame(sql: str, params: list[Any], schema: list[str]) -> pl.DataFrame:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    frame = pl.DataFrame(rows, schema=schema, orient="row", infer_schema_length=None)
    for column in ("valid_from", "valid_to"):
        if frame[column].dtype == pl.String:
            frame = frame.with_columns(pl.col(column).str.to_date())
    return frame


def _by_subtree(frame: pl.DataFrame, sums: list[pl.Expr]) -> pl.DataFrame:
    """Every row counted for each year it was in service on 31 December and for each ancestor."""
    steplen = Node.steplen
    years = pl.DataFrame({"year": list(YEARS)}).with_columns(
        pl.date(pl.col("year"), 12, 31).alias("dec31")
    )
    return (
        frame.lazy()
        .join(years.lazy(), how="cross")
        .filter(
            (pl.col("valid_from") <= pl.col("dec31"))
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") > pl.col("dec31")))
        )
        .with_columns(pl.int_ranges(1, pl.col("path").str.len_chars() // steplen + 1).alias("d"))
        .explode("d")
        .with_columns(pl.col("path").str.slice(0, pl.col("d") * steplen).alias("node"))
        .group_by("node", "year")
        .agg(sums)
        .collect()
    )


def bare_metrics(organisation: Organisation) -> int:
    """The register metrics' counts for every node and year, from one query per register."""
    node = connection.ops.quote_name(Node._meta.db_table)
    vehicles = _frame(
        f"SELECT n.path, v.energy, v.hvo100_approved, v.valid_from, v.valid_to FROM "  # noqa: S608
        f"registers_vehicle v JOIN {node} n ON n.id = v.node_id WHERE v.organisation_id = %s",
        [organisation.pk],
        ["path", "energy", "hvo", "valid_from", "valid_to"],
    )
    energy = pl.col("energy")
    fleet = _by_subtree(
        vehicles,
        [
            pl.len().alias("vehicles"),
            (energy.is_in(FOSSIL_FREE) | ((energy == "diesel") & pl.col("hvo").cast(pl.Boolean)))
            .sum()
            .alias("fossil_free"),
            energy.is_in(FOSSIL_FREE).sum().alias("fossil_free_mfd"),
            (energy == "el").sum().alias("electric"),
            (energy == "laddhybrid").sum().alias("plug_in"),
        ],
    ).with_columns(
        (100 * pl.col(c) / pl.col("vehicles")).alias(f"{c}_pct")
        for c in ("fossil_free", "fossil_free_mfd", "electric", "plug_in")
    )
    sites = _frame(
        f"SELECT n.path, s.points, s.valid_from, s.valid_to FROM registers_chargingsite s "  # noqa: S608
        f"JOIN {node} n ON n.id = s.node_id WHERE s.organisation_id = %s",
        [organisation.pk],
        ["path", "points", "valid_from", "valid_to"],
    )
    charging = _by_subtree(sites, [pl.col("points").sum().alias("points")]).join(
        fleet.select("node", "year", (pl.col("electric") + pl.col("plug_in")).alias("plug_in_all")),
        on=["node", "year"],
        how="left",
    )
    charging = charging.with_columns(
        (pl.col("points") / pl.col("plug_in_all")).alias("points_per_plug_in")
    )
    units = _frame(
        f"SELECT n.path, u.power_kw, u.energy, u.valid_from, u.valid_to FROM "  # noqa: S608
        f"registers_backupunit u JOIN {node} n ON n.id = u.node_id WHERE u.organisation_id = %s",
        [organisation.pk],
        ["path", "kw", "energy", "valid_from", "valid_to"],
    ).with_columns(pl.col("kw").cast(pl.Float64))
    backup = _by_subtree(
        units,
        [
            pl.col("kw").sum().alias("kw"),
            pl.col("kw").filter(energy.is_in(RENEWABLE_BACKUP)).sum().alias("renewable_kw"),
        ],
    ).with_columns((100 * pl.col("renewable_kw") / pl.col("kw")).alias("renewable_pct"))
    return fleet.height + charging.height + backup.height


# --- the run ------------------------------------------------------------------------------------


def line(what: str, seconds: float, ref: float | None, queries: int | str, notes: str = "") -> None:
    ratio = f"{seconds / ref:8.1f}" if ref else "       —"
    print(f"{what:<52} {seconds:9.3f} s {ratio} {queries!s:>8}  {notes}", flush=True)


def main() -> int:
    rng = random.Random(ARGS.seed)
    call_command("migrate", verbosity=0)
    tree, units = tree_csv()
    start = time.perf_counter()
    tree_import(organisation_code=ORG, data=tree, filename="t.csv", name="Region Benchmark")
    setup_tree = time.perf_counter() - start
    organisation = Organisation.objects.get(code=ORG)
    reference = Organisation.objects.create(code=REF_ORG, name="Referens")
    nodes = dict(Node.objects.filter(organisation=organisation).values_list("code", "id"))
    every_node = list(Node.objects.filter(organisation=organisation).order_by("path"))
    data = vehicles_csv(units, ARGS.vehicles, rng)
    print(
        f"database: {connection.vendor}; {len(every_node)} nodes (tree_import {setup_tree:.2f} s); "
        f"{ARGS.vehicles:,} vehicles ({len(data) / 1e6:.1f} MB CSV); load {os.getloadavg()[0]:.2f}"
    )
    print(f"{'measurement':<52} {'seconds':>11} {'× ref':>8} {'queries':>8}  notes")

    # warm-up (translations, caches, the code paths): ten vehicles of another organisation
    warm = b"code,name,parent_code,level\nW,Warm,,region\n"
    tree_import(organisation_code="WARM", data=warm, filename="w.csv", name="Warm")
    few = vehicles_csv(["W"], 10, random.Random(0))
    register_import("vehicles", organisation_code="WARM", data=few, filename="w.csv")
    ref_import, ref_queries, written = timed(lambda: bare_import(data, reference, nodes))
    line(
        "ref: Polars read_csv + SQL executemany INSERT",
        ref_import,
        None,
        ref_queries,
        f"{written:,} rows",
    )
    with connection.cursor() as cursor:  # no history rows of a delete
        table = connection.ops.quote_name(Vehicle._meta.db_table)
        cursor.execute(f"DELETE FROM {table} WHERE organisation_id = %s", [reference.pk])  # noqa: S608
    profile = cProfile.Profile() if ARGS.profile else None
    if profile is not None:
        profile.enable()
    seconds, queries, result = timed(
        lambda: register_import("vehicles", organisation_code=ORG, data=data, filename="fordon.csv")
    )
    if profile is not None:
        profile.disable()
    if result.created != ARGS.vehicles:
        print(f"FAIL: the import created {result.created} of {ARGS.vehicles}")
        return 1
    history = Vehicle.history.filter(organisation=organisation).count()
    line(
        "register_import vehicles (new)",
        seconds,
        ref_import,
        queries,
        f"{result.created:,} created, {history:,} history rows",
    )
    seconds, queries, result = timed(
        lambda: register_import("vehicles", organisation_code=ORG, data=data, filename="fordon.csv")
    )
    line(
        "register_import vehicles (same file again)",
        seconds,
        ref_import,
        queries,
        f"{result.unchanged:,} unchanged",
    )
    seconds, queries, rows = timed(lambda: register_rows("vehicles", organisation))
    line("register_rows vehicles (export)", seconds, ref_import, queries, f"{len(rows):,} rows")
    for key, make, n in (
        ("charging-points", charging_csv, ARGS.charging_sites),
        ("backup-power", backup_csv, ARGS.backup_units),
    ):
        file = make(units, n, rng)
        seconds, queries, result = timed(
            lambda key=key, file=file: register_import(
                key, organisation_code=ORG, data=file, filename="f.csv"
            )
        )
        line(
            f"register_import {key} (setup)", seconds, None, queries, f"{result.created:,} created"
        )

    cards = fuel_cards_csv(data, ARGS.fuel_rows, rng)
    seconds, queries, batch = timed(
        lambda: activity_data_import(
            organisation=organisation, data=cards, filename="kort.csv", mapping="drivmedelskort"
        )
    )
    line(
        "klimatbokslut import of fuel cards (setup)",
        seconds,
        None,
        queries,
        f"{batch.rows:,} rows with registration numbers",
    )
    ref_metrics, ref_queries, cells = timed(lambda: bare_metrics(organisation))
    line(
        "ref: SQL + Polars register counts, every node × year",
        ref_metrics,
        None,
        ref_queries,
        f"{cells:,} node-years",
    )
    total = 0.0
    declared = metrics_declared()
    for metric in declared:

        def run(metric: Any = metric) -> int:
            return sum(len(metric.values(node)) for node in every_node)

        seconds, queries, values = timed(run)
        total += seconds
        line(
            f"metric {metric.key}",
            seconds,
            ref_metrics,
            queries,
            f"{values:,} values, {metric.unit}",
        )
    line(
        f"every metric declared ({len(declared)}) × {len(every_node)} nodes",
        total,
        ref_metrics,
        "",
        "",
    )
    registers = [
        m.key for m in declared if m.key.startswith(("fleet.", "charging.", "backup_power."))
    ]
    print(f"register metrics declared: {', '.join(registers) or 'none at this commit'}")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    if profile is not None:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
    return 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        DATABASE.drop()  # the PostgreSQL database, or the throwaway SQLite file and data folder
    sys.exit(status)
