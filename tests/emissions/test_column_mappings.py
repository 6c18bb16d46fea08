"""An organisation's own column-mapping templates: saved in the web, offered in the import form,
used by web and command-line imports; bad definitions explained, nothing saved."""

from collections.abc import Callable
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.emissions.models import ColumnMapping
from nettonoll.emissions.selectors import inventory_view
from nettonoll.emissions.services import activity_data_import
from nettonoll.organisations.models import Node, Organisation

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
URL = "/org/RJH/klimatbokslut/kolumnmallar/"
HEAT = {
    "name": "jemtkraft-varme",
    "title": "Jämtkrafts fakturaunderlag för fjärrvärme",
    "org_unit_column": "Ansvar",
    "period_column": "Månad",
    "quantity_column": "Energi",
    "unit_constant": "MWh",
    "source_ref_column": "Anläggning",
    "category_column": "Nät",
    "categories_text": "Östersund centrum;district_heating.ostersund\nKrokom;district_heating.krokom\n",
}
FILE = "Anläggning;Ansvar;Månad;Nät;Energi\n1;RS-SERV-FAST;2028-01;Östersund centrum;100\n2;RS-SERV-FAST;2028-02;Krokom;50\n"


def test_a_saved_template_reads_a_suppliers_file_in_the_web_import(client_as: ClientAs) -> None:
    client = client_as("strategist")
    saved = client.post(URL, HEAT)
    assert saved.status_code == 302
    assert "jemtkraft-varme" in client.get(URL).content.decode()
    form = client.get("/org/RJH/klimatbokslut/import/").content.decode()
    assert 'value="jemtkraft-varme"' in form
    imported = client.post(
        "/org/RJH/klimatbokslut/import/",
        {
            "file": SimpleUploadedFile("värme.csv", FILE.encode("cp1252")),
            "mapping": "jemtkraft-varme",
        },
    )
    assert imported.status_code == 200, unescape(imported.content.decode())
    root = Node.objects.get(organisation__code="RJH", code="RJH")
    assert inventory_view(root, 2028).total_t_co2e == pytest.approx(100 * 24e-3 + 50 * 19e-3)


def test_the_command_line_import_uses_the_saved_template_too(client_as: ClientAs) -> None:
    client_as("strategist").post(URL, {**HEAT, "name": "varme2"})
    batch = activity_data_import(
        organisation=Organisation.objects.get(code="RJH"),
        data=FILE.replace("2028", "2029").encode(),
        filename="v.csv",
        mapping="varme2",
    )
    assert batch.rows == 2 and batch.mapping == "varme2"


def test_a_ledger_template_with_its_own_account_table(client_as: ClientAs) -> None:
    client = client_as("strategist")
    response = client.post(
        URL,
        {
            "name": "agresso",
            "title": "Agresso huvudbok",
            "org_unit_column": "Ansvar",
            "period_column": "Period",
            "quantity_column": "Belopp",
            "unit_constant": "SEK",
            "account_column": "Konto",
            "account_table": "konto_från;konto_till;inköpsgrupp;kategori\n4000;4999;Varor;spend.average\n5000;5999;Lön;-\n",
        },
    )
    assert response.status_code == 302
    batch = activity_data_import(
        organisation=Organisation.objects.get(code="RJH"),
        data=b"Konto;Ansvar;Period;Belopp\n4010;RS-STAB;2030-01;1000000\n5010;RS-STAB;2030-01;9\n",
        filename="hb.csv",
        mapping="agresso",
    )
    assert batch.rows == 1


def test_a_bad_template_is_explained_and_not_saved(client_as: ClientAs) -> None:
    response = client_as("strategist").post(
        URL,
        {
            **HEAT,
            "name": "resebyra",
            "unit_constant": "",
            "category_constant": "fuel.diesel",
            "categories_text": "bara ett värde\n",
        },
    )
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert "Koden resebyra används redan av en av Nettonolls mallar." in page
    assert "Ange kolumnen med enhet eller en fast enhet." in page
    assert "Ange precis ett sätt att få kategorin" in page
    assert "rad 1: raden 'bara ett värde' ska vara värde;kategori" in page
    assert not ColumnMapping.objects.exists()


def test_a_broken_account_table_names_its_lines(client_as: ClientAs) -> None:
    response = client_as("strategist").post(
        URL,
        {
            **HEAT,
            "category_column": "",
            "categories_text": "",
            "account_column": "Konto",
            "account_table": "konto_från;konto_till;inköpsgrupp;kategori\nfyra;4999;X;spend.average\n",
        },
    )
    assert response.status_code == 400
    assert "rad 2, kolumn konto_från: kontointervallet kan inte läsas" in unescape(
        response.content.decode()
    )


def test_a_template_can_be_removed(client_as: ClientAs) -> None:
    client = client_as("strategist")
    client.post(URL, HEAT)
    removed = client.post(URL, {"delete": "jemtkraft-varme"})
    assert removed.status_code == 302 and not ColumnMapping.objects.exists()


def test_the_shipped_templates_titles_are_translated_from_the_same_swedish(db: None) -> None:
    from django.utils import translation

    from nettonoll.calc.mappings import MAPPINGS
    from nettonoll.emissions.forms import MAPPING_TITLES

    with translation.override("sv"):
        assert {k: str(v) for k, v in MAPPING_TITLES.items()} == {
            m.name: m.title for m in MAPPINGS.values()
        }
    with translation.override("en"):
        assert str(MAPPING_TITLES["huvudbok"]).startswith("The ledger")
