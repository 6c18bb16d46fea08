"""The fleet's actual fossil-free share (selectors): fuel-card rows already imported for the
klimatbokslut (`drivmedelskort` with a registration number, kept as `reg_no` in the batch's
Parquet rows) linked to the vehicle register by registration number; renewable energy ÷ total
energy per year for a node's subtree (the vehicles' nodes), each fuel at its renewable share of
the year (calc.fuels). Rows whose registration number is not in the register are listed."""

import io
from dataclasses import dataclass, field
from functools import lru_cache

import polars as pl

from nettonoll.calc.fuels import EnergyShare, FuelData, FuelUse, fuel_table, renewable_share
from nettonoll.emissions.models import ImportBatch
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import in_subtree
from nettonoll.registers.models import Vehicle

COLUMNS = ["line", "org_unit", "category", "year", "quantity", "unit", "reg_no"]


@lru_cache(maxsize=128)
def _batch_rows(batch_id: int, name: str) -> pl.DataFrame:
    """A batch's rows with a registration number and a fuel the table knows (a batch's rows never
    change: a new import makes a new batch)."""
    batch = ImportBatch.objects.get(pk=batch_id)
    with batch.raw_rows.open("rb") as handle:
        data = handle.read()
    if "reg_no" not in pl.read_parquet_schema(io.BytesIO(data)):
        return pl.DataFrame()
    frame = pl.read_parquet(io.BytesIO(data), columns=COLUMNS)
    return frame.with_columns(pl.col("org_unit", "category", "unit").cast(pl.Utf8)).filter(
        (pl.col("reg_no").fill_null("") != "") & pl.col("category").is_in(fuel_table().categories())
    )


def fuel_card_rows(organisation_id: int) -> pl.DataFrame:
    """The rows with a registration number of the organisation's active batches, with their
    file name: `line, org_unit, category, year, quantity, unit, reg_no, file`."""
    frames = []
    batches = ImportBatch.objects.filter(
        organisation_id=organisation_id, replaced_at__isnull=True
    ).values_list("pk", "raw_rows", "filename")
    for pk, name, filename in batches:
        rows = _batch_rows(pk, name)
        if rows.height:
            frames.append(rows.with_columns(pl.lit(filename).alias("file")))
    if not frames:
        return pl.DataFrame(
            schema={
                "line": pl.Int64,
                "org_unit": pl.Utf8,
                "category": pl.Utf8,
                "year": pl.Int32,
                "quantity": pl.Float64,
                "unit": pl.Utf8,
                "reg_no": pl.Utf8,
                "file": pl.Utf8,
            }
        )
    return pl.concat(frames, how="vertical_relaxed")


@dataclass(frozen=True)
class UnmatchedRow:
    reg_no: str
    year: int
    category: str
    quantity: float
    unit: str
    file: str
    line: int


@dataclass
class FuelUseReport:
    """A node's fuel use from the cards: per year the energy share, the data used, and the rows
    that name a vehicle not in the register."""

    shares: dict[int, EnergyShare] = field(default_factory=dict)
    unmatched: list[UnmatchedRow] = field(default_factory=list)
    sources: list[FuelData] = field(default_factory=list)
    version: str = ""
    matched_rows: int = 0


def fuel_use_report(node: Node, *, with_unmatched: bool = True) -> FuelUseReport:
    """The node's fuel use by year from the cards of the vehicles of its subtree; with
    `with_unmatched`, the rows booked in the subtree whose vehicle the register does not know."""
    table = fuel_table()
    rows = fuel_card_rows(node.organisation_id)
    report = FuelUseReport(version=table.version)
    if rows.height == 0:
        return report
    # the subtree's vehicles only: a unit's metric does not read the whole organisation's fleet
    mine_reg_nos = list(Vehicle.objects.filter(in_subtree(node)).values_list("reg_no", flat=True))
    mine = rows.filter(pl.col("reg_no").is_in(mine_reg_nos))
    report.matched_rows = mine.height
    sums = mine.group_by("year", "category", "unit").agg(pl.col("quantity").sum()).sort("year")
    uses: dict[int, list[FuelUse]] = {}
    for year, category, unit, quantity in sums.iter_rows():
        uses.setdefault(year, []).append(FuelUse(category, year, quantity, unit))
    report.shares = {year: renewable_share(of_year, table) for year, of_year in uses.items()}
    used = {(u.category, y) for y, of_year in uses.items() for u in of_year}
    sources = {table.lookup(category, year) for category, year in used}
    report.sources = sorted(
        (s for s in sources if s is not None), key=lambda s: (s.category, s.valid_year)
    )
    if with_unmatched:
        report.unmatched = _unmatched(node, rows)
    return report


def _unmatched(node: Node, rows: pl.DataFrame) -> list[UnmatchedRow]:
    """The rows booked on the subtree's cost centres whose registration number is not in the
    organisation's register."""
    known = list(
        Vehicle.objects.filter(organisation_id=node.organisation_id).values_list(
            "reg_no", flat=True
        )
    )
    codes = list(
        Node.objects.filter(
            organisation_id=node.organisation_id, path__startswith=node.path
        ).values_list("code", flat=True)
    )
    unmatched = rows.filter(~pl.col("reg_no").is_in(known) & pl.col("org_unit").is_in(codes))
    return [
        UnmatchedRow(
            r["reg_no"], r["year"], r["category"], r["quantity"], r["unit"], r["file"], r["line"]
        )
        for r in unmatched.sort("reg_no", "year", "file", "line").iter_rows(named=True)
    ]


def renewable_energy_pct(node: Node) -> dict[int, float]:
    """The metric `fleet.renewable_energy_pct`: years without energy are left out."""
    shares = fuel_use_report(node, with_unmatched=False).shares
    return {year: s.share_pct for year, s in shares.items() if s.share_pct is not None}
