"""Benchmark: goals, coverage and the follow-up report at organisation scale.

Run from the project root:

    uv run python benchmarks/followup.py                      # throwaway SQLite in a temp dir
    uv run python benchmarks/followup.py --database-url postgres://postgres@127.0.0.1:5432/nettonoll_bench
    uv run python benchmarks/followup.py --profile            # also print cProfile of one report

QUALITY.md's bar: "follow-up report (HTML, PDF, DOCX) for an organisation of 1 000 units and 5 000
activities ≤ 5 s". The issue asks for "an organisation of 1 000 units, 50 goals, 5 000 activities —
the coverage page and the report (all formats)".

What it builds (in a fresh database, deleted afterwards):
  * one organisation of 1 000 nodes: a region root, 10 administrations, 100 departments (10 each)
    and 889 units spread over the departments — through the real `tree_import` service (timed);
  * one plan with 50 goals (`plan_create`, `goal_create`);
  * distribution: every goal to every administration, 5 goals per department, 3 of its department's
    goals per unit. For setup speed the Assignment rows are bulk-created, BYPASSING
    `goal_distribute` (no history rows, no per-row checks) — the reads measured do not care;
  * 5 000 activities on units, each linked to 1–2 of the goals that reached its unit (bulk-created,
    again bypassing `activity_create`);
  * an open round (`round_open`) with follow-up entries for half the activities (bulk-created).

What it measures (best of --repeat runs, wall clock, `time.perf_counter`):
  * references in the same run: the bare queries for the minimum rows the coverage needs
    (activity id + node path, assignment goal + node) and a minimal Django view round-trip
    (GET /accounts/login/ through the test client);
  * `coverage()` at the root and at one administration;
  * the coverage page (`plans:node` at the root) through the Django test client, as a superuser;
  * the report: `report_context()` followed by `render_html` / `render_pdf` / `render_docx`, each
    format end to end with a fresh context (lazy loads inside the renderers are counted), the split
    between context and rendering shown too.

The table gives seconds, the ratio to the reference, the number of SQL queries, the bar and
PASS/FAIL. Exit status 0 when every bar holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import io
import os
import pstats
import random
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

N_ADMINISTRATIONS = 10
DEPARTMENTS_PER_ADMINISTRATION = 10
N_UNITS = 889  # 1 + 10 + 100 + 889 = 1 000 nodes
N_GOALS = 50
GOALS_PER_DEPARTMENT = 5
GOALS_PER_UNIT = 3
N_ACTIVITIES = 5_000
REPORT_BAR_S = 5.0
ORG = "BENCH"
ROOT = "R"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        help="run on this database instead of a throwaway SQLite file; a PostgreSQL database is "
        "created when missing and dropped at the end (unless --keep-database)",
    )
    parser.add_argument("--keep-database", action="store_true", help="do not drop/delete it")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (best of)")
    parser.add_argument(
        "--budget",
        type=float,
        default=30.0,
        help="stop repeating a measurement once its runs took this many seconds (default 30)",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="after the table, print cProfiles of report_context, each renderer and the page",
    )
    parser.add_argument(
        "--profile-formats",
        default="html,docx,pdf",
        help="renderers to profile with --profile (default html,docx,pdf; the PDF takes long)",
    )
    parser.add_argument("--profile-lines", type=int, default=25, help="rows per profile")
    parser.add_argument(
        "--output-dir", help="write the rendered report (followup.html/.pdf/.docx) here to look at"
    )
    return parser.parse_args()


# --- environment, before Django is imported ---------------------------------------------------

ARGS = parse_args()
TMPDIR = tempfile.mkdtemp(prefix="nettonoll-bench-")
os.environ["NETTONOLL_DATA_DIR"] = TMPDIR
os.makedirs(os.path.join(TMPDIR, "static"), exist_ok=True)  # STATIC_ROOT, quiets WhiteNoise
os.environ["DATABASE_URL"] = ARGS.database_url or f"sqlite:///{TMPDIR}/bench.sqlite3"
os.environ["DJANGO_SETTINGS_MODULE"] = "nettonoll.settings"
os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
os.environ.setdefault("NETTONOLL_ENV", "development")
IS_POSTGRES = os.environ["DATABASE_URL"].startswith(("postgres://", "postgresql://"))


def _pg_admin_url(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    return urlunsplit(parts._replace(path="/postgres")), name


def pg_create_database(url: str) -> bool:
    """Create the database when missing; True when this run created it."""
    import psycopg
    from psycopg import sql

    admin, name = _pg_admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def pg_drop_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _pg_admin_url(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


CREATED_PG = pg_create_database(os.environ["DATABASE_URL"]) if IS_POSTGRES else False

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from nettonoll.accounts.models import User  # noqa: E402
from nettonoll.organisations.models import Node  # noqa: E402
from nettonoll.organisations.services import tree_import  # noqa: E402
from nettonoll.plans.models import Activity, Assignment, FollowUpEntry, Goal  # noqa: E402
from nettonoll.plans.selectors import coverage  # noqa: E402
from nettonoll.plans.services import goal_create, plan_create, round_close, round_open  # noqa: E402
from nettonoll.plans.services.rounds import _snapshot  # noqa: E402
from nettonoll.reports.followup import report_context  # noqa: E402
from nettonoll.reports.render import render_docx, render_html, render_pdf  # noqa: E402

# --- measuring -------------------------------------------------------------------------------


class QueryCounter:
    """Counts SQL statements through a connection execute wrapper (negligible overhead)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(
        self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


@dataclass
class Result:
    name: str
    seconds: float  # best run
    runs: int
    queries: int  # in the best run
    reference: str = ""  # key into REFERENCES
    bar: float | None = None
    note: str = ""
    splits: dict[str, float] = field(default_factory=dict)
    all_runs: list[float] = field(default_factory=list)

    @property
    def passed(self) -> bool | None:
        return None if self.bar is None else self.seconds <= self.bar


def measure(
    name: str,
    fn: Callable[[], Any],
    *,
    reference: str = "",
    bar: float | None = None,
    check: Callable[[Any], str] | None = None,
) -> Result:
    """Best of ARGS.repeat runs; stops repeating once the runs took ARGS.budget seconds."""
    best: tuple[float, int, dict[str, float]] | None = None
    runs: list[float] = []
    note = ""
    spent = 0.0
    for _ in range(max(1, ARGS.repeat)):
        counter = QueryCounter()
        splits: dict[str, float] = {}
        with connection.execute_wrapper(counter):
            t0 = time.perf_counter()
            value = fn()
            elapsed = time.perf_counter() - t0
        if isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], dict):
            value, splits = value
        if check is not None:
            note = check(value)
        runs.append(elapsed)
        spent += elapsed
        if best is None or elapsed < best[0]:
            best = (elapsed, counter.count, splits)
        if spent >= ARGS.budget:
            break
    assert best is not None
    return Result(
        name,
        best[0],
        len(runs),
        best[1],
        reference=reference,
        bar=bar,
        note=note,
        splits=best[2],
        all_runs=runs,
    )


def timed(label: str, fn: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    value = fn()
    SETUP_TIMES.append((label, time.perf_counter() - t0))
    return value


SETUP_TIMES: list[tuple[str, float]] = []

# --- building the data -----------------------------------------------------------------------


def tree_csv() -> tuple[bytes, list[str], dict[str, list[str]]]:
    """CSV of 1 000 nodes; returns it, the administration codes and department → unit codes."""
    rows = ["code,name,parent_code,level", f"{ROOT},Region Benchmark,,region"]
    administrations: list[str] = []
    units_of: dict[str, list[str]] = {}
    departments: list[str] = []
    for a in range(1, N_ADMINISTRATIONS + 1):
        admin = f"A{a:02d}"
        administrations.append(admin)
        rows.append(f"{admin},Förvaltning {a},{ROOT},administration")
        for d in range(1, DEPARTMENTS_PER_ADMINISTRATION + 1):
            dept = f"D{a:02d}{d:02d}"
            departments.append(dept)
            units_of[dept] = []
            rows.append(f"{dept},Avdelning {a}.{d},{admin},department")
    for u in range(N_UNITS):
        dept = departments[u % len(departments)]
        code = f"U{u + 1:04d}"
        units_of[dept].append(code)
        rows.append(f"{code},Enhet {u + 1},{dept},unit")
    return ("\n".join(rows) + "\n").encode("utf-8"), administrations, units_of


@dataclass
class World:
    plan: Any
    round_: Any
    root: Node
    administration: Node
    user: User
    counts: dict[str, int]


def build() -> World:
    rng = random.Random(2024)
    data, administrations, units_of = tree_csv()
    result = timed(
        "tree_import (1 000 nodes, CSV)",
        lambda: tree_import(
            organisation_code=ORG, data=data, filename="x.csv", name="Region Benchmark"
        ),
    )
    organisation = result.organisation
    nodes = {n.code: n for n in Node.objects.filter(organisation=organisation)}
    assert len(nodes) == 1 + N_ADMINISTRATIONS * (DEPARTMENTS_PER_ADMINISTRATION + 1) + N_UNITS

    def make_plan() -> tuple[Any, list[Goal]]:
        plan = plan_create(
            organisation=organisation,
            name="Miljöplan 2024–2030",
            period_start_year=2024,
            period_end_year=2030,
            level_names=["Mål"],
        )
        goals = [
            goal_create(
                plan=plan,
                code=f"M{g:02d}",
                title=f"Miljömål {g}: minska utsläppen inom område {g}",
                kind="forvaltningsmal",
            )
            for g in range(1, N_GOALS + 1)
        ]
        return plan, goals

    plan, goals = timed("plan_create + 50 × goal_create", make_plan)

    def distribute() -> int:
        rows: list[Assignment] = []
        unit_goals: dict[str, list[Goal]] = {}
        for admin in administrations:
            rows += [Assignment(goal=g, node=nodes[admin]) for g in goals]
        for i, (dept, units) in enumerate(sorted(units_of.items())):
            dept_goals = [goals[(i * GOALS_PER_DEPARTMENT + k) % N_GOALS] for k in range(5)]
            rows += [Assignment(goal=g, node=nodes[dept]) for g in dept_goals]
            for unit in units:
                unit_goals[unit] = rng.sample(dept_goals, GOALS_PER_UNIT)
                rows += [Assignment(goal=g, node=nodes[unit]) for g in unit_goals[unit]]
        with transaction.atomic():
            Assignment.objects.bulk_create(rows, batch_size=2000)
        distribute.unit_goals = unit_goals  # type: ignore[attr-defined]
        return len(rows)

    n_assignments = timed("Assignment bulk_create (bypasses goal_distribute)", distribute)
    unit_goals: dict[str, list[Goal]] = distribute.unit_goals  # type: ignore[attr-defined]

    def activities() -> tuple[list[Activity], int]:
        unit_codes = sorted(unit_goals)
        chosen = [rng.choice(unit_codes) for _ in range(N_ACTIVITIES)]
        statuses = ["pagar"] * 6 + ["ej_paborjad"] * 2 + ["genomford", "avbruten"]
        objs = [
            Activity(
                node=nodes[code],
                title=f"Aktivitet {i + 1:04d} på {code}",
                status=rng.choice(statuses) if i % 5 else "pagar",
                responsible=f"Person {i % 97}",
            )
            for i, code in enumerate(chosen)
        ]
        with transaction.atomic():
            created = Activity.objects.bulk_create(objs, batch_size=1000)
            if any(a.pk is None for a in created):  # backends that do not return ids
                ids = dict(Activity.objects.values_list("title", "pk"))
                for a in created:
                    a.pk = ids[a.title]
            through = Activity.goals.through
            links = []
            for a, code in zip(created, chosen, strict=True):
                for g in rng.sample(unit_goals[code], rng.choice([1, 2])):
                    links.append(through(activity_id=a.pk, goal_id=g.pk))
            through.objects.bulk_create(links, batch_size=2000)
        return created, len(links)

    created, n_links = timed("5 000 Activity + goal links bulk_create", activities)
    round_ = timed(
        "round_open",
        lambda: round_open(plan=plan, name="Helår 2024", deadline=datetime.date(2025, 1, 31)),
    )

    def entries() -> int:
        rows = [
            FollowUpEntry(
                round=round_,
                node_id=a.node_id,
                activity=a,
                status="pagar",
                comment=f"Arbetet fortsätter enligt plan ({a.title}).",
            )
            for a in created[::2]
        ]
        with transaction.atomic():
            FollowUpEntry.objects.bulk_create(rows, batch_size=1000)
        return len(rows)

    n_entries = timed("FollowUpEntry bulk_create (half the activities)", entries)
    user = timed(
        "create_superuser",
        lambda: User.objects.create_superuser("bench", "b@example.org", "x"),
    )
    return World(
        plan,
        round_,
        nodes[ROOT],
        nodes[administrations[0]],
        user,
        {
            "nodes": len(nodes),
            "goals": len(goals),
            "assignments": n_assignments,
            "activities": len(created),
            "activity-goal links": n_links,
            "entries": n_entries,
        },
    )


# --- the measurements ------------------------------------------------------------------------


def run(world: World) -> list[Result]:
    plan, round_, root, admin = world.plan, world.round_, world.root, world.administration
    client = Client()
    client.force_login(world.user)
    results: list[Result] = []

    def bare_queries() -> int:
        a = list(Activity.objects.values_list("id", "node__path"))
        b = list(Assignment.objects.values_list("goal_id", "node_id"))
        return len(a) + len(b)

    def bare_loop() -> int:
        # The same rows, grouped by the first two path steps in plain Python.
        steplen = Node.steplen
        per_child: dict[str, int] = {}
        for _id, path in Activity.objects.values_list("id", "node__path"):
            key = path[: 2 * steplen]
            per_child[key] = per_child.get(key, 0) + 1
        return len(per_child)

    def status_check(expected: int = 200) -> Callable[[Any], str]:
        def check(response: Any) -> str:
            if response.status_code != expected:
                raise SystemExit(f"unexpected status {response.status_code} (wanted {expected})")
            return f"{len(response.content) / 1024:,.0f} KiB"

        return check

    results.append(measure("ref: bare queries (activities + assignments)", bare_queries))
    results.append(measure("ref: bare query + Python loop by child", bare_loop))
    results.append(
        measure(
            "ref: minimal view GET /accounts/login/",
            lambda: Client().get("/accounts/login/"),
            check=status_check(),
        )
    )
    results.append(
        measure(
            f"coverage() at root ({ROOT})",
            lambda: coverage(root, plan, round_),
            reference="ref: bare queries (activities + assignments)",
        )
    )
    results.append(
        measure(
            f"coverage() at administration ({admin.code})",
            lambda: coverage(admin, plan, round_),
            reference="ref: bare queries (activities + assignments)",
        )
    )
    page = f"/org/{ORG}/plans/{plan.pk}/node/{ROOT}/"
    results.append(
        measure(
            f"coverage page GET {page}",
            lambda: client.get(page),
            reference="ref: minimal view GET /accounts/login/",
            check=status_check(),
        )
    )

    def report(renderer: Callable[[dict[str, Any]], Any]) -> Callable[[], Any]:
        def go() -> tuple[Any, dict[str, float]]:
            t0 = time.perf_counter()
            ctx = report_context(root, plan, round_)
            t1 = time.perf_counter()
            out = renderer(ctx)
            t2 = time.perf_counter()
            return out, {"context": t1 - t0, "render": t2 - t1}

        return go

    def size(out: Any) -> str:
        data = out.encode("utf-8") if isinstance(out, str) else out
        if ARGS.output_dir:
            kind = "pdf" if data[:4] == b"%PDF" else "docx" if data[:2] == b"PK" else "html"
            os.makedirs(ARGS.output_dir, exist_ok=True)
            with open(os.path.join(ARGS.output_dir, f"followup.{kind}"), "wb") as f:
                f.write(data)
        pages = pdf_pages(data) if data[:4] == b"%PDF" else None
        return f"{len(data) / 1024:,.0f} KiB" + (f", {pages} pages" if pages else "")

    for label, renderer in (("HTML", render_html), ("PDF", render_pdf), ("DOCX", render_docx)):
        results.append(
            measure(
                f"report {label} (report_context + render_{label.lower()})",
                report(renderer),
                reference="ref: bare queries (activities + assignments)",
                bar=REPORT_BAR_S,
                check=size,
            )
        )
    # Closing freezes the whole organisation's report state (read only; the write is one row).
    results.append(
        measure("round close: freezing the report state (_snapshot)", lambda: _snapshot(round_))
    )
    round_close(round_=round_)
    round_.refresh_from_db()
    for label, renderer in (("HTML", render_html), ("PDF", render_pdf)):
        results.append(
            measure(
                f"closed round report {label} (from the frozen state)",
                report(renderer),
                bar=REPORT_BAR_S,
                check=size,
            )
        )
    return results


def pdf_pages(data: bytes) -> int | None:
    """The page count from the page tree's /Count (WeasyPrint puts it in a compressed object
    stream, so the streams are inflated too). Not part of any timing."""
    view = memoryview(data)
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            chunks.append(zlib.decompressobj().decompress(view[match.end() :]))
        except zlib.error:
            continue
    counts = [int(c) for chunk in chunks for c in re.findall(rb"/Count\s+(\d+)", chunk)]
    return max(counts) if counts else None


def profile(world: World) -> None:
    """cProfile of report_context, of each renderer (on a fresh context each, so lazy loads are
    counted where they happen) and of the coverage page."""
    plan, round_, root = world.plan, world.round_, world.root
    client = Client()
    client.force_login(world.user)
    page = f"/org/{ORG}/plans/{plan.pk}/node/{ROOT}/"

    def show(title: str, fn: Callable[[], Any]) -> None:
        counter = QueryCounter()
        profiler = cProfile.Profile()
        with connection.execute_wrapper(counter):
            profiler.enable()
            fn()
            profiler.disable()
        for order in ("cumulative", "tottime"):
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(ARGS.profile_lines)
            text = out.getvalue()
            text = text[text.index("   ncalls") :] if "   ncalls" in text else text
            print(f"\n=== cProfile: {title} — {counter.count} queries — sorted by {order} ===")
            print(text.rstrip())

    show("report_context(root)", lambda: report_context(root, plan, round_))
    for label, renderer in (("html", render_html), ("docx", render_docx), ("pdf", render_pdf)):
        if label not in ARGS.profile_formats:
            continue
        ctx = report_context(root, plan, round_)
        show(f"render_{label}(fresh context)", lambda: renderer(ctx))  # noqa: B023
    show(f"GET {page}", lambda: client.get(page))


# --- output ----------------------------------------------------------------------------------


def print_table(results: list[Result]) -> None:
    by_name = {r.name: r for r in results}
    width = max(len(r.name) for r in results)
    header = (
        f"{'measurement':<{width}}  {'seconds':>8}  {'× ref':>7}  {'queries':>7}  "
        f"{'runs':>4}  {'bar':>5}  {'result':<6}  notes"
    )
    print(header)
    print("-" * (len(header) + 20))
    for r in results:
        ref = by_name.get(r.reference)
        ratio = f"{r.seconds / ref.seconds:7.0f}" if ref and ref.seconds else f"{'—':>7}"
        bar = f"{r.bar:4.0f}s" if r.bar is not None else f"{'—':>5}"
        verdict = {True: "PASS", False: "FAIL", None: "info"}[r.passed]
        notes = [r.note] if r.note else []
        if r.splits:
            notes.append(
                "context " + f"{r.splits['context']:.2f}s + render {r.splits['render']:.2f}s"
            )
        if len(r.all_runs) > 1:
            notes.append("runs " + " ".join(f"{t:.2f}" for t in r.all_runs))
        print(
            f"{r.name:<{width}}  {r.seconds:8.3f}  {ratio}  {r.queries:7d}  {r.runs:4d}  {bar}  "
            f"{verdict:<6}  {'; '.join(notes)}"
        )
    print(
        "\n× ref: coverage() and the report against 'ref: bare queries'; the page against "
        "'ref: minimal view'."
    )


def main() -> int:
    started = time.perf_counter()
    vendor = connection.vendor
    print(f"database: {vendor} ({os.environ['DATABASE_URL']})")
    print(f"python {sys.version.split()[0]}, django {django.get_version()}, {os.cpu_count()} CPUs")
    exit_code = 1
    try:
        timed("migrate", lambda: call_command("migrate", verbosity=0))
        world = build()
        print("data: " + ", ".join(f"{v:,} {k}".replace(",", " ") for k, v in world.counts.items()))
        print("\nsetup (one run each):")
        for label, seconds in SETUP_TIMES:
            print(f"  {label:<52} {seconds:8.3f} s")
        print()
        results = run(world)
        print_table(results)
        failed = [r for r in results if r.passed is False]
        exit_code = 1 if failed else 0
        if ARGS.profile:
            profile(world)
        verdict = "all bars hold" if not failed else f"{len(failed)} bar(s) FAILED"
        print(
            f"\n{verdict}; bar: each report format ≤ {REPORT_BAR_S:.0f} s (QUALITY.md). "
            f"Total runtime {time.perf_counter() - started:.1f} s."
        )
    finally:
        connections.close_all()
        if IS_POSTGRES and CREATED_PG and not ARGS.keep_database:
            pg_drop_database(os.environ["DATABASE_URL"])
        if ARGS.keep_database:
            print(f"kept: {TMPDIR}")
        else:
            shutil.rmtree(TMPDIR, ignore_errors=True)
    return exit_code


if __name__ == "__main__":
    sys.exit(main())
