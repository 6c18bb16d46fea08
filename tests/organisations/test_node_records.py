"""The base of register rows: a versioned record owned by a node, valid for a period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import isolate_apps

from nettonoll.common.records import StaleEdit, save_versioned
from nettonoll.organisations.models import Node
from nettonoll.organisations.records import NodeRecord, in_subtree, valid_on

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample_model(demo: None):  # type: ignore[no-untyped-def]
    with isolate_apps("nettonoll.organisations"):

        class Sample(NodeRecord):
            name = models.CharField(max_length=50)

            class Meta:
                app_label = "organisations"

        with connection.schema_editor() as editor:
            editor.create_model(Sample)
        try:
            yield Sample
        finally:
            with connection.schema_editor() as editor:
                editor.delete_model(Sample)


def test_records_are_found_by_subtree_and_by_day(sample_model) -> None:  # type: ignore[no-untyped-def]
    service = Node.objects.get(organisation__code="RJH", code="RS-SERV")
    kitchen = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    elsewhere = Node.objects.get(organisation__code="RV", depth=1)
    today = datetime.date(2026, 6, 1)
    sample_model.objects.create(node=kitchen, name="kök", valid_from=datetime.date(2020, 1, 1))
    sample_model.objects.create(
        node=service, name="slut", valid_from=datetime.date(2020, 1, 1), valid_to=today
    )
    sample_model.objects.create(node=elsewhere, name="annan", valid_from=datetime.date(2020, 1, 1))
    found = sample_model.objects.filter(in_subtree(service))
    assert sorted(r.name for r in found) == ["kök", "slut"]
    assert [r.name for r in found.filter(valid_on(today))] == ["kök"]
    assert sorted(r.name for r in found.filter(valid_on(today - datetime.timedelta(days=1)))) == [
        "kök",
        "slut",
    ]


def test_an_end_before_the_start_is_refused_and_a_stale_save_conflicts(sample_model) -> None:  # type: ignore[no-untyped-def]
    kitchen = Node.objects.get(organisation__code="RJH", code="RS-SERV-KOST")
    record = sample_model(
        node=kitchen,
        name="x",
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError):
        record.full_clean()
    record.valid_to = None
    save_versioned(record, expected_version=None, by=None)
    first, second = sample_model.objects.get(), sample_model.objects.get()
    first.name = "först"
    save_versioned(first, expected_version=1, by=None)
    second.name = "sist"
    with pytest.raises(StaleEdit):
        save_versioned(second, expected_version=1, by=None)
    assert sample_model.objects.get().name == "först"
