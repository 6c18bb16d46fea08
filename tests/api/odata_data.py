"""A small organisation with hand-made klimatbokslut results for the OData feed's tests:

    ODT (root) ── ODT-A, ODT-B          results (t CO2e):
    2022  ODT-A  scope 1          fuel.diesel                    10.0
    2022  ODT-A  scope 3 (cat 3)  fuel.diesel                     2.5
    2023  ODT-B  scope 2          electricity.residual_mix        7.0   (2023 preliminary:
    2023  ODT-B  scope 3 (cat 6)  travel.air.short_haul           1.25   data for Jan–Mar only)
    reported totals: 2020 scope 1 (no category) 100.0, 2020 scope 3 travel.air.short_haul 50.0,
    2022 scope 1 999.0 (not counted: 2022 has computed results)

so the year sums are 2020: 150.0, 2022: 12.5, 2023: 8.25."""

import io
from dataclasses import dataclass

import polars as pl
from django.core.files.base import ContentFile

from nettonoll.emissions.models import (
    ActivityAggregate,
    EmissionFactor,
    FactorSet,
    ImportBatch,
    InventoryResult,
    ReportedTotal,
)
from nettonoll.organisations.api_keys import create_service_key
from nettonoll.organisations.models import Node, Organisation
from tests.factories import NodeFactory, OrganisationFactory

YEAR_SUMS = {2020: 150.0, 2022: 12.5, 2023: 8.25}
RESULTS = [
    ("ODT-A", 2022, 1, None, "fuel.diesel", 10.0),
    ("ODT-A", 2022, 3, 3, "fuel.diesel", 2.5),
    ("ODT-B", 2023, 2, None, "electricity.residual_mix", 7.0),
    ("ODT-B", 2023, 3, 6, "travel.air.short_haul", 1.25),
]


@dataclass
class FeedData:
    organisation: Organisation
    root: Node
    a: Node
    b: Node
    key: str
    result_ids: list[int]


def make_feed_data() -> FeedData:
    organisation = OrganisationFactory(code="ODT", name="Region Odata")
    root = NodeFactory(organisation=organisation, code="ODT", name="Region Odata")
    a = NodeFactory(parent=root, code="ODT-A", name="Enhet A")
    b = NodeFactory(parent=Node.objects.get(pk=root.pk), code="ODT-B", name="Enhet B")
    nodes = {"ODT-A": a, "ODT-B": b}
    factor_set = FactorSet.objects.create(organisation=organisation)
    factor = EmissionFactor.objects.create(
        factor_set=factor_set,
        category="fuel.diesel",
        valid_year=2020,
        factor=2.5,
        unit="l",
        scope=1,
    )
    batch = ImportBatch.objects.create(
        organisation=organisation, filename="odt.csv", checksum_sha256="0" * 64, rows=4
    )
    parquet = io.BytesIO()
    pl.DataFrame({"line": [2], "org_unit": ["ODT-A"]}).write_parquet(parquet)
    batch.raw_rows.save("odt.parquet", ContentFile(parquet.getvalue()))
    ids = []
    for line, (code, year, scope, scope3, category, t) in enumerate(RESULTS):
        aggregate = ActivityAggregate.objects.create(
            batch=batch,
            node=nodes[code],
            category=category,
            year=year,
            unit="l",
            quantity=1.0,
            rows=1,
            first_line=line + 2,
            months=0b111 if year == 2023 else 0xFFF,
        )
        ids.append(
            InventoryResult.objects.create(
                organisation=organisation,
                aggregate=aggregate,
                node=nodes[code],
                year=year,
                category=category,
                scope=scope,
                scope3_category=scope3,
                emissions_t_co2e=t,
                factor=factor,
                factor_set_version=1,
            ).pk
        )
    for year, scope, category, t in (
        (2020, 1, "", 100.0),
        (2020, 3, "travel.air.short_haul", 50.0),
        (2022, 1, "", 999.0),
    ):
        ReportedTotal.objects.create(
            organisation=organisation,
            year=year,
            scope=scope,
            category=category,
            t_co2e=t,
            source="Klimatbokslut (påhittat)",
        )
    _key, raw = create_service_key(organisation, "Power BI")
    return FeedData(organisation, root, a, b, raw, ids)
