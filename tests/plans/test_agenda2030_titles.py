"""Every Agenda 2030 target shows the Swedish title from the checked data file."""

import csv
import importlib
import io
from importlib import resources

import pytest
from django.apps import apps

from nettonoll.plans.models import Agenda2030Target

pytestmark = pytest.mark.django_db


def published_titles() -> dict[str, str]:
    text = resources.files("nettonoll.plans").joinpath("data", "agenda2030.csv").read_text("utf-8")
    return {row["code"]: row["title"] for row in csv.DictReader(io.StringIO(text))}


def test_the_stored_targets_carry_every_title_of_the_data_file() -> None:
    titles = published_titles()
    stored = dict(Agenda2030Target.objects.values_list("code", "title"))
    assert set(stored) == set(titles)
    assert {code: stored[code] for code, title in titles.items() if title} == {
        code: title for code, title in titles.items() if title
    }


def test_an_existing_database_gets_the_new_and_corrected_titles() -> None:
    # A database migrated before the titles were checked: 3.9 has the old wording, 3.1 none.
    Agenda2030Target.objects.filter(code="3.9").update(
        title="Minska antalet döda och sjuka till följd av farliga kemikalier och föroreningar"
    )
    Agenda2030Target.objects.filter(code="3.1").update(title="")
    migration = importlib.import_module(
        "nettonoll.plans.migrations.0009_agenda2030_more_swedish_titles"
    )
    migration.titles(apps, None)
    stored = dict(Agenda2030Target.objects.values_list("code", "title"))
    assert stored["3.9"] == (
        "Minska antalet sjukdoms- och dödsfall till följd av skadliga kemikalier och föroreningar"
    )
    assert stored["3.1"] == "Minska mödradödligheten"
