"""`nettonoll kolada add|list|fetch`: follow a KPI, list what is followed, fetch and print what
changed; an unreachable Kolada exits 1 with a Swedish message and stores nothing."""

import pytest
from click.testing import CliRunner, Result

from nettonoll.cli import main
from nettonoll.kolada.models import Selection, Value
from tests.factories import NodeFactory
from tests.kolada.conftest import FakeKolada

pytestmark = pytest.mark.django_db


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def org() -> str:
    code: str = NodeFactory().organisation.code
    return code


def test_add_list_fetch_and_fetch_again(kolada: FakeKolada, org: str) -> None:
    added = invoke(
        "kolada", "add", "--organisation", org, "--kpi", "N00401", "--municipality", "1780"
    )
    assert added.exit_code == 0, added.output
    assert "följer N00401 för 1780" in added.output
    listed = invoke("kolada", "list", "--organisation", org)
    assert "N00401 | 1780 | indikator: (läggs upp vid första hämtningen) | inte hämtad ännu" in (
        listed.output
    )
    fetched = invoke("kolada", "fetch", "--organisation", org)
    assert fetched.exit_code == 0, fetched.output
    assert "N00401 1780: 8 nya värden, 0 ändrade, 0 borttagna" in fetched.output
    assert "matar indikatorn N00401 Utsläpp" in fetched.output
    again = invoke("kolada", "fetch", "--organisation", org)
    assert again.exit_code == 0
    assert again.output.strip() == "Inget har ändrats sedan förra hämtningen."
    listed = invoke("kolada", "list", "--organisation", org)
    assert "1780 Karlstad | indikator: N00401 Utsläpp" in listed.output
    assert "hämtad 20" in listed.output


def test_a_changed_definition_is_printed(kolada: FakeKolada, org: str) -> None:
    invoke("kolada", "add", "--organisation", org, "--kpi", "N00401", "--municipality", "1780")
    invoke("kolada", "fetch", "--organisation", org)
    kolada.routes["/v3/kpi/N00401"] = "kpi_N00401_changed.json"
    fetched = invoke("kolada", "fetch", "--organisation", org)
    assert "N00401: definitionen ändrad, publiceringsdatum: ”2024-05-02” → ”2025-05-06”" in (
        fetched.output
    )


def test_an_unreachable_kolada_exits_1_with_a_clear_error(
    kolada_unreachable: str, org: str
) -> None:
    invoke("kolada", "add", "--organisation", org, "--kpi", "N00401", "--municipality", "1780")
    fetched = invoke("kolada", "fetch", "--organisation", org)
    assert fetched.exit_code == 1
    assert "Kolada gick inte att nå" in fetched.output
    assert "Inget har sparats." in fetched.output
    assert not Value.objects.filter(selection__organisation__code=org).exists()
    assert (
        "misslyckades: Kolada gick inte att nå"
        in invoke("kolada", "list", "--organisation", org).output
    )


@pytest.mark.parametrize(
    ("kpi", "municipality", "message"),
    [
        ("401", "1780", "en bokstav och fem siffror"),
        ("N00401", "17", "fyrsiffriga id"),
    ],
)
def test_add_refuses_ids_kolada_does_not_use(
    org: str, kpi: str, municipality: str, message: str
) -> None:
    added = invoke(
        "kolada", "add", "--organisation", org, "--kpi", kpi, "--municipality", municipality
    )
    assert added.exit_code == 1
    assert message in added.output
    assert not Selection.objects.filter(organisation__code=org).exists()


def test_the_same_kpi_twice_and_an_unknown_organisation_are_refused(org: str) -> None:
    def add(code: str) -> Result:
        return invoke(
            "kolada", "add", "--organisation", code, "--kpi", "N00401", "--municipality", "1780"
        )

    assert add(org).exit_code == 0
    twice = add(org)
    assert twice.exit_code == 1 and "redan valt" in twice.output
    unknown = add("NOPE")
    assert unknown.exit_code == 1 and "Organisationen NOPE finns inte" in unknown.output
