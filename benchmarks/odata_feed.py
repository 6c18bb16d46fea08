"""Benchmark: the OData feed's Emissions set, 10 million result rows walked page by page.

Run from the project root:

    uv run python benchmarks/odata_feed.py \\
        --database-url postgres://postgres@127.0.0.1:5432/nettonoll_odata_bench   # 10 M rows
    uv run python benchmarks/odata_feed.py --rows 1000000 --database-url …      # quicker
    uv run python benchmarks/odata_feed.py --rows 200000                         # SQLite, temp dir

QUALITY.md's bar: "OData feed: 10 M emission rows page by page — constant memory; rows/s as a
ratio to a bare SQL read (measured in the same run)".

What it does:
  1. a fresh database (SQLite in a temp dir, or the PostgreSQL database named by
     --database-url, created and dropped afterwards), `migrate`, an organisation of 1 + 10 + 100
     nodes, one factor set with one factor, one import batch and a service key;
  2. fills --rows InventoryResult rows (and rows/3 ActivityAggregate rows they belong to) with
     one bulk INSERT … SELECT (generate_series on PostgreSQL, a recursive CTE on SQLite): a unit,
     a year 2015..2024, scope 1..3, one of 9 categories, a t CO2e value; then ANALYZE;
  3. the reference: the same columns (result joined to its node) read by one bare SQL cursor
     in key order (a server-side cursor on PostgreSQL), fetchmany of the page size;
  4. the feed: GET /odata/v4/BENCH/Emissions through Django's test client (the whole request
     path: middleware, key check, view, JSON) with the service key in X-API-Key, following
     `@odata.nextLink` until the last page; the resident memory (VmRSS, after gc.collect and
     malloc_trim) is read at every tenth of the walk, and the rows walked are checked against
     `Emissions/$count`.

Prints rows/s of both, the ratio, and the memory at each tenth; exit status 0 when the memory
stays constant (last tenth within 10 % + 20 MiB of the first) and the walk saw every row."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from bench_database import bench_database

CATEGORIES = [
    "fuel.diesel",
    "fuel.petrol",
    "fuel.hvo100",
    "electricity.nordic_residual",
    "district_heating.average",
    "travel.air_domestic",
    "travel.rail_electric_nordic",
    "food.beef",
    "medical_gas.nitrous_oxide",
]


def rss_mib() -> float:
    """Resident memory after a garbage collection and glibc's malloc_trim (freed memory that
    the allocator still holds is not the walk's)."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: RSS as it is
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build(rows: int, is_postgres: bool) -> tuple[str, str]:
    """The organisation, its nodes, a factor, a batch, the results; (org code, raw key)."""
    from django.core.management import call_command
    from django.db import connection

    from nettonoll.emissions.models import EmissionFactor, FactorSet, ImportBatch
    from nettonoll.organisations.api_keys import create_service_key
    from nettonoll.organisations.models import Node, Organisation

    call_command("migrate", verbosity=0)
    organisation = Organisation.objects.create(code="BENCH", name="Benchmarkregionen")
    root = Node.objects.add_root(
        instance=Node(organisation=organisation, code="BENCH", name="Regionen", level="region")
    )
    for a in range(10):
        administration = Node.objects.add_child(
            root,
            instance=Node(
                organisation=organisation,
                code=f"A{a}",
                name=f"Förvaltning {a}",
                level="förvaltning",
            ),
        )
        for d in range(10):
            Node.objects.add_child(
                Node.objects.get(pk=administration.pk),
                instance=Node(
                    organisation=organisation,
                    code=f"A{a}D{d}",
                    name=f"Enhet {a}.{d}",
                    level="enhet",
                ),
            )
    factor_set = FactorSet.objects.create(organisation=organisation)
    factor = EmissionFactor.objects.create(
        factor_set=factor_set,
        category="fuel.diesel",
        valid_year=2015,
        factor=2.5,
        unit="l",
        scope=1,
    )
    batch = ImportBatch.objects.create(
        organisation=organisation, filename="bench.csv", checksum_sha256="0" * 64, rows=rows
    )
    node_ids = list(Node.objects.filter(organisation=organisation).values_list("pk", flat=True))
    first_node, nodes = min(node_ids), len(node_ids)
    aggregates = (rows + 2) // 3
    cases = " ".join(f"WHEN {i} THEN '{c}'" for i, c in enumerate(CATEGORIES))
    category = f"CASE (i % {len(CATEGORIES)}) {cases} END"
    if is_postgres:
        series = "SELECT generate_series(0, {n} - 1) AS i"
    else:
        series = (
            "WITH RECURSIVE s(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM s WHERE i + 1 < {n}) "
            "SELECT i FROM s"
        )
    start = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO emissions_activityaggregate "  # noqa: S608 (numbers of this run)
            "(id, batch_id, node_id, category, year, unit, quantity, rows, first_line, months) "
            f"SELECT i + 1, {batch.pk}, {first_node} + (i % {nodes}), {category}, "
            f"2015 + (i / {nodes}) % 10, 'l', 1.0 + (i % 1000), 1, i + 2, 4095 "
            f"FROM ({series.format(n=aggregates)}) AS g"
        )
        cursor.execute(
            "INSERT INTO emissions_inventoryresult (id, organisation_id, aggregate_id, node_id, "  # noqa: S608
            "year, category, scope, scope3_category, gwp_set, emissions_t_co2e, factor_id, "
            "factor_set_version, computed_at) "
            f"SELECT i + 1, {organisation.pk}, i / 3 + 1, {first_node} + ((i / 3) % {nodes}), "
            f"2015 + ((i / 3) / {nodes}) % 10, "
            f"CASE ((i / 3) % {len(CATEGORIES)}) {cases} END, "
            "1 + i % 3, CASE WHEN i % 3 = 2 THEN 3 ELSE NULL END, 'AR5', "
            f"(1 + (i % 997)) * 0.125, {factor.pk}, 1, CURRENT_TIMESTAMP "
            f"FROM ({series.format(n=rows)}) AS g"
        )
        if is_postgres:
            for table in ("emissions_activityaggregate", "emissions_inventoryresult"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                    f"(SELECT max(id) FROM {table}))"
                )
        cursor.execute("ANALYZE")
    print(f"setup: {rows:,} result rows inserted in {time.perf_counter() - start:.1f} s")
    _key, raw = create_service_key(organisation, "benchmark")
    return organisation.code, raw


def bare_read(page: int, is_postgres: bool, organisation_code: str) -> tuple[int, float]:
    from django.db import connection

    sql = (
        "SELECT r.id, r.year, n.code, n.name, r.scope, r.scope3_category, r.category, "
        "r.emissions_t_co2e, r.factor_set_version FROM emissions_inventoryresult r "
        "JOIN organisations_node n ON n.id = r.node_id "
        "JOIN organisations_organisation o ON o.id = r.organisation_id "
        "WHERE o.code = %s ORDER BY r.id"
    )
    start = time.perf_counter()
    count = 0
    if is_postgres:
        connection.ensure_connection()
        raw = connection.connection
        with raw.transaction(), raw.cursor(name="bare") as cursor:
            cursor.itersize = page
            cursor.execute(sql, [organisation_code])
            while batch := cursor.fetchmany(page):
                count += len(batch)
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, [organisation_code])
            while batch := cursor.fetchmany(page):
                count += len(batch)
    return count, time.perf_counter() - start


def walk(organisation: str, key: str, expected: int) -> tuple[int, float, list[float], int]:
    """(rows walked, seconds, RSS MiB at every tenth, pages)."""
    from django.test import Client

    client = Client()
    url = f"/odata/v4/{organisation}/Emissions"
    marks: list[float] = []
    walked = pages = 0
    start = time.perf_counter()
    while url:
        response = client.get(url, HTTP_X_API_KEY=key)
        assert response.status_code == 200, response.content[:300]
        data = response.json()
        walked += len(data["value"])
        pages += 1
        url = data.get("@odata.nextLink", "").replace("http://testserver", "")
        while len(marks) < 10 and walked >= expected * (len(marks) + 1) / 10:
            marks.append(rss_mib())
        del data, response
    return walked, time.perf_counter() - start, marks, pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--database-url", default="", help="PostgreSQL (created, then dropped)")
    parser.add_argument("--page-size", type=int, default=5000)
    parser.add_argument("--keep-database", action="store_true")
    args = parser.parse_args()
    # the bulk INSERT of millions of rows outlasts the pages' 30 s statement timeout
    os.environ.setdefault("NETTONOLL_DB_STATEMENT_TIMEOUT_MS", "0")
    database = bench_database("nettonoll-odata-bench-", args.database_url)
    from django.conf import settings

    settings.NETTONOLL_ODATA_PAGE_SIZE = args.page_size
    settings.DEBUG = False  # no log of every query
    settings.ALLOWED_HOSTS = ["*"]
    try:
        organisation, key = build(args.rows, database.is_postgres)
        from django.test import Client

        counted = int(
            Client().get(f"/odata/v4/{organisation}/Emissions/$count", HTTP_X_API_KEY=key).content
        )
        bare_rows, bare_s = bare_read(args.page_size, database.is_postgres, organisation)
        rss_before = rss_mib()
        walked, feed_s, marks, pages = walk(organisation, key, counted)
        bare_rate, feed_rate = bare_rows / bare_s, walked / feed_s
        engine = "PostgreSQL" if database.is_postgres else "SQLite"
        print(f"database: {engine}; rows: {args.rows:,}; page size: {args.page_size:,}")
        print(f"{'measurement':<48} {'seconds':>9} {'rows/s':>12} {'× ref':>7}")
        reference = "reference: bare SQL read (one cursor)"
        print(f"{reference:<48} {bare_s:>9.1f} {bare_rate:>12,.0f} {1:>7.1f}")
        print(
            f"{'feed: Emissions, ' + f'{pages:,} pages via nextLink':<48} {feed_s:>9.1f} "
            f"{feed_rate:>12,.0f} {bare_rate / feed_rate:>7.1f}"
        )
        print(f"rows: $count {counted:,}, walked {walked:,}, bare read {bare_rows:,}")
        print(f"RSS before the walk: {rss_before:.0f} MiB; at each tenth of the walk (MiB):")
        print("  " + "  ".join(f"{m:.0f}" for m in marks))
        constant = bool(marks) and marks[-1] <= marks[0] * 1.10 + 20
        complete = walked == counted == bare_rows == args.rows
        print(
            f"memory constant: {'PASS' if constant else 'FAIL'}; every row walked: "
            f"{'PASS' if complete else 'FAIL'}"
        )
        return 0 if constant and complete else 1
    finally:
        if not args.keep_database:
            database.drop()


if __name__ == "__main__":
    sys.exit(main())
