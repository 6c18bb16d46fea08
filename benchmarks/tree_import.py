"""Benchmark: importing an organisation tree of N children under one root (issue 9: the import was
quadratic in the number of siblings).

Run from the project root:

    uv run python benchmarks/tree_import.py                       # 1 000, 5 000 and 50 000 children
    uv run python benchmarks/tree_import.py --children 1000 5000  # other sizes
    uv run python benchmarks/tree_import.py --database-url postgres://postgres@127.0.0.1:5432/nettonoll_bench

Per size, in a fresh throwaway database (SQLite in a temp dir; a PostgreSQL database given with
`--database-url` is created and dropped):

  * reference: a bare `Node.objects.bulk_create` of the same number of rows (paths computed in
    Python, no history, no checks) — the least any import of the tree must write;
  * `tree_import` of a CSV `code,name,parent_code,level` with one region and N units under it
    (a new organisation: parsing, checks, nodes and their history rows);
  * `tree_import` of the same file plus one new unit whose code sorts first, so every sibling
    moves one place (an update of an existing tree), for information.

Bar: the new-tree import ≤ 10× the bare bulk_create (linear in the size: the ratio stays flat from
1 000 to 50 000 children). Exit status 0 when every bar holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench_database import bench_database

BAR_RATIO = 10.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, nargs="+", default=[1000, 5000, 50000])
    parser.add_argument("--database-url", default="", help="PostgreSQL (created, then dropped)")
    return parser.parse_args()


ARGS = parse_args()
DATABASE = bench_database("nettonoll-bench-tree-", ARGS.database_url)

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from nettonoll.organisations.models import Node, Organisation  # noqa: E402
from nettonoll.organisations.services import tree_import  # noqa: E402


def tree_csv(children: int, extra: str = "") -> bytes:
    lines = ["code,name,parent_code,level", "R,Region,,region"]
    lines += [f"U{i:06d},Enhet {i},R,enhet" for i in range(children)]
    if extra:
        lines.append(f"{extra},Ny enhet,R,enhet")
    return ("\n".join(lines) + "\n").encode()


def reference(children: int) -> float:
    """A bare bulk_create of a root and its children (paths as treebeard writes them)."""
    organisation = Organisation.objects.create(code=f"REF{children}", name="Referens")
    start = time.perf_counter()
    root = Node.objects.add_root(
        instance=Node(organisation=organisation, code="R", name="Region", level="region")
    )
    Node.objects.bulk_create(
        (
            Node(
                organisation=organisation,
                code=f"U{i:06d}",
                name=f"Enhet {i}",
                level="unit",
                path=Node._get_path(root.path, 2, i + 1),
                depth=2,
                numchild=0,
            )
            for i in range(children)
        ),
        batch_size=1000,
    )
    return time.perf_counter() - start


def measure(children: int) -> tuple[float, float, float]:
    ref = reference(children)
    data = tree_csv(children)
    start = time.perf_counter()
    tree_import(organisation_code=f"B{children}", data=data, filename="t.csv", name="Bench")
    new_tree = time.perf_counter() - start
    assert Node.objects.filter(organisation__code=f"B{children}").count() == children + 1
    start = time.perf_counter()
    result = tree_import(
        organisation_code=f"B{children}", data=tree_csv(children, "A0"), filename="t.csv"
    )
    update = time.perf_counter() - start
    assert (result.created, result.updated) == (1, 0), result
    return ref, new_tree, update


def main() -> int:
    call_command("migrate", verbosity=0)
    # Warm up once (translations, model caches): one-off costs are not the import's size.
    tree_import(organisation_code="WARM", data=tree_csv(10), filename="t.csv", name="Warm")
    reference(10)
    print(f"database: {connection.vendor}; bar: new tree ≤ {BAR_RATIO:g}× bare bulk_create")
    header = f"{'children':>9} {'bulk_create':>12} {'import new':>11} {'× ref':>7} "
    print(header + f"{'update (+1)':>12} {'× ref':>7}  result")
    failed = False
    for children in ARGS.children:
        ref, new_tree, update = measure(children)
        ratio = new_tree / ref
        passed = ratio <= BAR_RATIO
        failed |= not passed
        print(
            f"{children:>9,} {ref:>11.2f}s {new_tree:>10.2f}s {ratio:>7.1f} "
            f"{update:>11.2f}s {update / ref:>7.1f}  {'PASS' if passed else 'FAIL'}",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        status = main()
    finally:
        DATABASE.drop()
    sys.exit(status)
