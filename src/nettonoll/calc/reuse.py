"""Avoided emissions and purchase cost of internal reuse (docs/methods/circular.md).

Per item type a versioned, sourced factor (`data/reuse_factors.csv`): the footprint of a new item
(kg CO2e), the substitution rate (the share of reused items that replace a purchase), the
reconditioning and the transport of a reused item (kg CO2e each) and the new item's price (SEK).

    avoided kg CO2e = count × max(0, footprint × substitution − reconditioning − transport)
    avoided SEK     = count × new price × substitution

Avoided emissions are reported beside the klimatbokslut, never subtracted from it (GHG
Protocol: avoided emissions are not netted against scope 1–3). Every result names the factor
version. No Django here.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from importlib import resources

DATA_FILE = "reuse_factors.csv"
KG_PER_T = Decimal(1000)


@dataclass(frozen=True)
class ReuseFactor:
    item_type: str
    version: str
    new_kg_co2e: Decimal
    substitution_rate: Decimal
    reconditioning_kg_co2e: Decimal
    transport_kg_co2e: Decimal
    new_price_sek: Decimal
    source: str
    note: str

    @property
    def avoided_kg_per_item(self) -> Decimal:
        """Never below 0: a reused item whose handling costs more than a new one avoids
        nothing (it adds no emissions to the klimatbokslut either)."""
        net = (
            self.new_kg_co2e * self.substitution_rate
            - self.reconditioning_kg_co2e
            - self.transport_kg_co2e
        )
        return max(Decimal(0), net)

    @property
    def avoided_sek_per_item(self) -> Decimal:
        return self.new_price_sek * self.substitution_rate

    @property
    def needs_verifying(self) -> bool:
        return "[verify]" in self.note or "[verify]" in self.source


@dataclass(frozen=True)
class FactorTable:
    version: str
    factors: dict[str, ReuseFactor]  # item type → its factor in `version`

    def item_types(self) -> list[str]:
        return list(self.factors)


def factor_table_parse(text: str, version: str | None = None) -> FactorTable:
    """The factors of one version (the latest in the text when not given)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    versions = sorted({r["version"] for r in rows}, key=_version_key)
    chosen = version or (versions[-1] if versions else "")
    factors = {
        r["item_type"]: ReuseFactor(
            item_type=r["item_type"],
            version=r["version"],
            new_kg_co2e=Decimal(r["new_kg_co2e"]),
            substitution_rate=Decimal(r["substitution_rate"]),
            reconditioning_kg_co2e=Decimal(r["reconditioning_kg_co2e"]),
            transport_kg_co2e=Decimal(r["transport_kg_co2e"]),
            new_price_sek=Decimal(r["new_price_sek"]),
            source=r["source"],
            note=r["note"],
        )
        for r in rows
        if r["version"] == chosen
    }
    return FactorTable(chosen, factors)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


@lru_cache(maxsize=4)
def factor_table(version: str | None = None) -> FactorTable:
    """The shipped factors (the latest version unless one is named)."""
    text = resources.files("nettonoll.calc.data").joinpath(DATA_FILE).read_text("utf-8")
    return factor_table_parse(text, version)


@dataclass(frozen=True)
class Transfer:
    item_type: str
    count: int


@dataclass(frozen=True)
class Avoided:
    """What a set of transfers avoided, with the factor version that says so."""

    version: str
    items: int
    avoided_t_co2e: Decimal
    avoided_cost_sek: Decimal
    by_type: dict[str, tuple[int, Decimal, Decimal]]  # item type → items, t CO2e, SEK


def avoided(transfers: Iterable[Transfer], table: FactorTable) -> Avoided:
    """Sum over transfers; an item type without a factor counts as items and avoids nothing."""
    by_type: dict[str, list[Decimal]] = {}
    for transfer in transfers:
        factor = table.factors.get(transfer.item_type)
        count = Decimal(transfer.count)
        kg = count * factor.avoided_kg_per_item if factor else Decimal(0)
        sek = count * factor.avoided_sek_per_item if factor else Decimal(0)
        found = by_type.setdefault(transfer.item_type, [Decimal(0), Decimal(0), Decimal(0)])
        found[0] += count
        found[1] += kg / KG_PER_T
        found[2] += sek
    rows = {k: (int(v[0]), v[1], v[2]) for k, v in sorted(by_type.items())}
    return Avoided(
        version=table.version,
        items=sum(r[0] for r in rows.values()),
        avoided_t_co2e=sum((r[1] for r in rows.values()), Decimal(0)),
        avoided_cost_sek=sum((r[2] for r in rows.values()), Decimal(0)),
        by_type=rows,
    )
