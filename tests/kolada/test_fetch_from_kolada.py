"""Fetching from Kolada's API v3 (a real local server answering with the shipped answers):
values stored and fed into the indicator, pages followed, a second fetch changes nothing, a
changed definition recorded, and an unreachable or malformed API stores nothing."""

from decimal import Decimal

import pytest

from nettonoll.indicators.models import Indicator, IndicatorValue
from nettonoll.kolada.client import KoladaBadAnswer, KoladaUnavailable
from nettonoll.kolada.models import FetchState, Kpi, KpiChange, Selection, Value
from nettonoll.kolada.services import kolada_fetch, selection_add
from nettonoll.organisations.models import Node, Organisation
from tests.factories import NodeFactory
from tests.kolada.conftest import DATA, FakeKolada, as_json, broken

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation() -> Organisation:
    organisation: Organisation = NodeFactory().organisation
    selection_add(organisation=organisation, kpi_id="N00401", municipality_id="1780")
    return organisation


def _root(organisation: Organisation) -> Node:
    return Node.objects.get_root_nodes().get(organisation=organisation)


def test_values_are_stored_and_feed_an_indicator_with_kolada_as_source(
    kolada: FakeKolada, organisation: Organisation
) -> None:
    report = kolada_fetch(organisation=organisation)
    selection = Selection.objects.get(organisation=organisation)
    assert selection.fetch_state == FetchState.OK
    assert selection.municipality_name == "Karlstad"
    assert selection.kpi.title == "Utsläpp till luft av växthusgaser totalt, ton CO2-ekv/inv"
    assert selection.kpi.operating_area == "Miljö och klimat"
    assert selection.kpi.raw["publ_period"] == "2022"
    assert Value.objects.filter(selection=selection).count() == 8
    indicator = Indicator.objects.get(organisation=organisation)
    assert selection.indicator == indicator
    assert indicator.name.startswith("N00401 Utsläpp till luft")
    assert indicator.unit == "ton CO2-ekv/inv"
    assert (indicator.baseline_year, indicator.baseline_value) == (2015, Decimal("5.120"))
    values = IndicatorValue.objects.filter(indicator=indicator, node=_root(organisation))
    assert {v.year: v.value for v in values} == {
        2015: Decimal("5.120"),
        2016: Decimal("4.980"),
        2017: Decimal("4.710"),
        2018: Decimal("4.550"),
        2019: Decimal("4.310"),
        2020: Decimal("3.870"),
        2021: Decimal("3.920"),
    }  # 2022 has no value in Kolada: none entered
    assert all(v.comment.startswith("Källa: Kolada, N00401 Utsläpp") for v in values)
    assert any("8 nya värden" in line for line in report.lines)
    assert report.changed


def test_every_page_is_followed(kolada: FakeKolada, organisation: Organisation) -> None:
    kolada_fetch(organisation=organisation)
    assert "/v3/data/kpi/N00401/municipality/1780?page=2&per_page=4" in kolada.asked
    assert Value.objects.get(
        selection__organisation=organisation, year=2021, gender="T"
    ).value == Decimal("3.92")
    missing = Value.objects.get(selection__organisation=organisation, year=2022)
    assert (missing.value, missing.status) == (None, "Missing")


def test_a_second_fetch_changes_nothing(kolada: FakeKolada, organisation: Organisation) -> None:
    kolada_fetch(organisation=organisation)
    history_before = IndicatorValue.history.filter(indicator__organisation=organisation).count()
    indicator_history_before = Indicator.history.filter(organisation=organisation).count()
    values_before = list(
        Value.objects.filter(selection__organisation=organisation).values_list(
            "pk", "year", "gender", "value", "status"
        )
    )
    report = kolada_fetch(organisation=organisation)
    assert not report.changed
    assert report.lines == ["Inget har ändrats sedan förra hämtningen."]
    assert (
        IndicatorValue.history.filter(indicator__organisation=organisation).count()
        == history_before
    )
    assert Indicator.history.filter(organisation=organisation).count() == indicator_history_before
    assert list(
        Value.objects.filter(selection__organisation=organisation).values_list(
            "pk", "year", "gender", "value", "status"
        )
    ) == (values_before)
    assert not KpiChange.objects.filter(kpi__kpi_id="N00401").exists()


def test_a_changed_definition_is_recorded_old_and_new(
    kolada: FakeKolada, organisation: Organisation
) -> None:
    kolada_fetch(organisation=organisation)
    kolada.routes["/v3/kpi/N00401"] = "kpi_N00401_changed.json"
    report = kolada_fetch(organisation=organisation)
    changes = {
        c.field: (c.old, c.new) for c in KpiChange.objects.filter(kpi__kpi_id="N00401").all()
    }
    assert set(changes) == {"description", "publication_date"}
    assert changes["publication_date"] == ("2024-05-02", "2025-05-06")
    assert "inklusive utrikes transporter" in changes["description"][1]
    assert "inklusive utrikes transporter" not in changes["description"][0]
    assert report.changed
    assert any("definitionen ändrad, publiceringsdatum" in line for line in report.lines)
    assert Kpi.objects.get(kpi_id="N00401").publication_date == "2025-05-06"
    kolada_fetch(organisation=organisation)  # the same definition again: nothing more recorded
    assert KpiChange.objects.filter(kpi__kpi_id="N00401").count() == 2


def test_a_changed_value_is_corrected_in_the_indicator_with_history(
    kolada: FakeKolada, organisation: Organisation
) -> None:
    kolada_fetch(organisation=organisation)
    page = DATA / "data_N00401_1780_page2.json"
    revised = page.read_text(encoding="utf-8").replace("3.92", "3.95")
    kolada.routes["/v3/data/kpi/N00401/municipality/1780?page=2&per_page=4"] = broken(revised)
    report = kolada_fetch(organisation=organisation)
    value = IndicatorValue.objects.get(indicator__organisation=organisation, year=2021)
    assert value.value == Decimal("3.950")
    assert [h.value for h in value.history.order_by("history_date")] == [
        Decimal("3.920"),
        Decimal("3.950"),
    ]
    assert any("1 ändrade" in line for line in report.lines)


def test_an_unreachable_kolada_is_a_clear_error_and_nothing_is_stored(
    kolada_unreachable: str, organisation: Organisation
) -> None:
    with pytest.raises(KoladaUnavailable, match="Kolada gick inte att nå"):
        kolada_fetch(organisation=organisation)
    assert not Value.objects.filter(selection__organisation=organisation).exists()
    assert not Indicator.objects.filter(organisation=organisation).exists()
    assert Kpi.objects.get(kpi_id="N00401").fetched_at is None
    selection = Selection.objects.get(organisation=organisation)
    assert selection.fetch_state == FetchState.FAILED
    assert "gick inte att nå" in selection.fetch_message


def test_a_malformed_answer_is_a_clear_error(
    kolada: FakeKolada, organisation: Organisation
) -> None:
    kolada.routes["/v3/kpi/N00401"] = broken("<html>Underhåll pågår</html>")
    with pytest.raises(KoladaBadAnswer, match="svarade inte med JSON"):
        kolada_fetch(organisation=organisation)
    kolada.routes["/v3/kpi/N00401"] = as_json({"data": []})
    with pytest.raises(KoladaBadAnswer, match="utan listan ”values”"):
        kolada_fetch(organisation=organisation)
    assert not Value.objects.filter(selection__organisation=organisation).exists()


def test_a_bad_last_page_stores_nothing_from_the_first(
    kolada: FakeKolada, organisation: Organisation
) -> None:
    kolada_fetch(organisation=organisation)
    kolada.routes["/v3/kpi/N00401"] = "kpi_N00401_changed.json"
    bad_row = {"kpi": "N00401", "municipality": "1780", "period": 2019, "values": [{"value": 1}]}
    kolada.routes["/v3/data/kpi/N00401/municipality/1780?page=2&per_page=4"] = as_json(
        {"count": 1, "values": [bad_row]}
    )
    with pytest.raises(KoladaBadAnswer, match="saknar kön"):
        kolada_fetch(organisation=organisation)
    assert not KpiChange.objects.filter(
        kpi__kpi_id="N00401"
    ).exists()  # the new definition was read but not stored
    assert Kpi.objects.get(kpi_id="N00401").publication_date == "2024-05-02"
    assert Value.objects.filter(selection__organisation=organisation).count() == 8


def test_a_region_kpi_feeds_a_named_indicator(kolada: FakeKolada) -> None:
    organisation = NodeFactory().organisation
    selection_add(
        organisation=organisation,
        kpi_id="n07945",
        municipality_id="0017",
        indicator_name="Elbilar i Värmland",
    )
    kolada_fetch(organisation=organisation)
    indicator = Indicator.objects.get(organisation=organisation)
    assert (indicator.name, indicator.unit) == ("Elbilar i Värmland", "%")
    assert Selection.objects.get(organisation=organisation).municipality_name == "Region Värmland"
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 3
