"""Activity-data import into an organisation, recalculation, pages and drill-down."""

import datetime
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.calc.factors import Factor
from nettonoll.calc.problems import Rejected
from nettonoll.emissions.models import ImportBatch, InventoryResult
from nettonoll.emissions.selectors import inventory_view
from nettonoll.emissions.services import activity_data_import, factor_save, inventory_recalculate
from nettonoll.organisations.models import Node, Organisation

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
FILE = (
    "org_unit;category;period;quantity;unit;source_ref\n"
    "RS-SERV-FORD;fuel.diesel;2025-01;1 000;l;kort 9\n"
    "RS-SERV-FAST;electricity.residual_mix;2025;100;MWh;faktura 3\n"
)


def rjh() -> Organisation:
    return Organisation.objects.get(code="RJH")


def root() -> Node:
    return Node.objects.get(organisation__code="RJH", code="RJH")


def test_the_demo_klimatbokslut_of_region_stockholm_falls_twenty_percent(demo: None) -> None:
    view = inventory_view(Node.objects.get(organisation__code="RST", code="RST"), 2023, 2019)
    assert 150_000 < view.total_t_co2e < 175_000
    assert view.change_from_base_pct == pytest.approx(-20, abs=1.5)


def test_an_import_adds_its_year_and_keeps_the_original_and_the_rows(demo: None) -> None:
    batch = activity_data_import(organisation=rjh(), data=FILE.encode("cp1252"), filename="jan.csv")
    assert batch.rows == 2 and batch.original.read().startswith(b"org_unit")
    view = inventory_view(root(), 2025)
    assert view.total_t_co2e == pytest.approx(2.853 + 52.41)


def test_a_bad_line_rejects_the_file_with_line_numbers_and_stores_nothing(demo: None) -> None:
    before = ImportBatch.objects.count()
    bad = FILE + "OKÄND;fuel.diesel;2025;1;l;\nRS-STAB;travel.train.diesel;2025;5;km;\n"
    with pytest.raises(Rejected) as caught:
        activity_data_import(organisation=rjh(), data=bad.encode(), filename="fel.csv")
    assert [p.text() for p in caught.value.problems] == [
        "rad 4, kolumn org_unit: okänd enhet 'OKÄND' i organisationen",
        "rad 5, kolumn unit: enheten 'km' kan inte räknas om till faktorns enhet 'pkm'",
    ]
    assert ImportBatch.objects.count() == before


def test_the_same_file_twice_is_refused_unless_replacing(demo: None) -> None:
    activity_data_import(organisation=rjh(), data=FILE.encode(), filename="jan.csv")
    with pytest.raises(Rejected, match="importerades redan"):
        activity_data_import(organisation=rjh(), data=FILE.encode(), filename="jan-igen.csv")
    activity_data_import(
        organisation=rjh(), data=FILE.encode(), filename="jan-igen.csv", replace=True
    )
    assert inventory_view(root(), 2025).total_t_co2e == pytest.approx(2.853 + 52.41)
    assert ImportBatch.objects.filter(organisation=rjh(), replaced_at__isnull=False).count() == 1


def test_the_refusal_of_the_same_file_names_the_swedish_local_time(demo: None) -> None:
    """Imported at 23:30 UTC on 14 March = 00:30 on 15 March in Stockholm."""
    batch = activity_data_import(organisation=rjh(), data=FILE.encode(), filename="jan.csv")
    at = datetime.datetime(2025, 3, 14, 23, 30, tzinfo=datetime.UTC)
    ImportBatch.objects.filter(pk=batch.pk).update(imported_at=at)
    with pytest.raises(Rejected) as caught:
        activity_data_import(organisation=rjh(), data=FILE.encode(), filename="jan-igen.csv")
    assert "importerades redan 2025-03-15 00:30" in caught.value.problems[0].text()


def test_an_own_factor_makes_a_new_version_and_recalculates(
    demo: None, django_capture_on_commit_callbacks: Callable[..., Any]
) -> None:
    activity_data_import(organisation=rjh(), data=FILE.encode(), filename="jan.csv")
    with django_capture_on_commit_callbacks(execute=True):  # recalculated once it commits
        factor_save(
            organisation=rjh(),
            factor=Factor(
                "electricity.residual_mix",
                2025,
                10,
                "g CO2e/kWh",
                2,
                publisher="Jämtkraft",
                title="Avtalad el 2025",
                link="https://example.org",
            ),
        )
    view = inventory_view(root(), 2025)
    assert view.total_t_co2e == pytest.approx(2.853 + 1.0)
    assert view.factor_set_version == 2


def test_recalculation_reads_only_the_aggregates(demo: None) -> None:
    started = time.perf_counter()
    count = inventory_recalculate(organisation=Organisation.objects.get(code="RST"))
    assert count == InventoryResult.objects.filter(organisation__code="RST").count() > 0
    assert time.perf_counter() - started < 5  # a guard only; the bar is measured in benchmarks/


def test_the_pages_show_totals_and_drill_down_to_rows_factor_and_source(
    client_as: ClientAs,
) -> None:
    client = client_as("reader")
    page = client.get("/org/RJH/klimatbokslut/?year=2023&base=2019").content.decode()
    assert "Klimatbokslut för Region Jämtland Härjedalen" in page and "<svg" in page
    assert "Förändring jämfört med 2019" in page
    drill = client.get(
        "/org/RJH/klimatbokslut/drill/?year=2023&category=fuel.diesel"
    ).content.decode()
    assert "Energimyndigheten" in drill and "demo-2023-Q1" in drill


def test_the_web_import_explains_errors(client_as: ClientAs) -> None:
    upload = SimpleUploadedFile(
        "fel.csv", b"org_unit,category,period,quantity,unit\nRS-STAB,fuel.diesel,20x3,1,l\n"
    )
    response = client_as("strategist").post("/org/RJH/klimatbokslut/import/", {"file": upload})
    assert response.status_code == 400
    assert (
        "rad 2, kolumn period: perioden &#x27;20x3&#x27; kan inte läsas"
        in response.content.decode()
    )
    assert client_as("reader").get("/org/RJH/klimatbokslut/import/").status_code == 403


def test_the_klimatbokslut_exports_to_excel_with_factor_and_source(client_as: ClientAs) -> None:
    import io

    import openpyxl

    response = client_as("manager").get("/org/RJH/klimatbokslut/export.xlsx?node=RS-SERV&year=2023")
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)  # type: ignore[union-attr]
    assert rows[0][:8] == (
        "År",
        "Enhetens kod",
        "Enhet",
        "Kategori",
        "Kategorikod",
        "Scope",
        "Scope 3-kategori",
        "Utsläpp (ton CO2e)",
    )
    diesel = next(r for r in rows[1:] if r[4] == "fuel.diesel")
    assert diesel[3] == "Diesel (med låginblandning)"
    assert diesel[1] == "RS-SERV-FORD" and "Energimyndigheten" in diesel[13]
    assert all(r[1].startswith("RS-SERV") for r in rows[1:])
    # numbers as a person reads them: no binary noise such as 529.9923200000001
    for row in rows[1:]:
        for value in (row[7], row[8], row[10]):
            assert len(repr(value).replace("-", "").replace(".", "").lstrip("0")) <= 7


def test_the_klimatbokslut_pdf_names_its_factors_and_sources(client_as: ClientAs) -> None:
    response = client_as("strategist").get("/org/RJH/klimatbokslut/report.pdf?year=2023&base=2019")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert len(response.content) > 10_000


def test_a_changed_factor_keeps_the_value_it_replaced_in_the_pages_history(
    client_as: ClientAs,
) -> None:
    client = client_as("strategist")
    values = {
        "category": "fuel.diesel",
        "valid_year": "2016",
        "factor": "2 500",
        "unit": "g CO2e/l",
        "scope": "1",
        "publisher": "Drivmedelsleverantören",
        "title": "Avtalad diesel",
    }
    assert client.post("/org/RJH/klimatbokslut/factors/", values).status_code == 302
    page = client.get("/org/RJH/klimatbokslut/factors/").content.decode()
    history = page[page.index("Ändringar av faktorerna") :]
    compact = history.replace("\xa0", "").replace(" ", "")
    assert "2853gCO2e/l" in compact, history[:2500]  # the shipped value it replaced
    assert "2500gCO2e/l(Drivmedelsleverantören)" in compact
