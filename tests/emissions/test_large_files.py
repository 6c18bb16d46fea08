"""Bad input at scale: a file over the upload limit, one bad line deep in a large file, and a
large file where every line is wrong (one grouped line per cause, nothing is stored)."""

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.calc.problems import Rejected
from nettonoll.emissions.models import ImportBatch
from nettonoll.emissions.services import activity_data_import
from nettonoll.organisations.models import Organisation

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
ROWS = 300_000


def large_file(bad_line: int | None = None, every_line_bad: bool = False) -> bytes:
    lines = ["org_unit,category,period,quantity,unit"]
    for i in range(2, ROWS + 2):
        quantity = "x" if every_line_bad or i == bad_line else f"{i % 997}.25"
        lines.append(f"RS-SERV-FORD,fuel.diesel,2027-{i % 12 + 1:02d},{quantity},l")
    return ("\n".join(lines) + "\n").encode()


def test_one_bad_line_deep_in_a_large_file_is_named_and_nothing_is_stored(demo: None) -> None:
    before = ImportBatch.objects.count()
    with pytest.raises(Rejected) as caught:
        activity_data_import(
            organisation=Organisation.objects.get(code="RJH"),
            data=large_file(bad_line=250_001),
            filename="stor.csv",
        )
    assert [p.text() for p in caught.value.problems] == [
        "rad 250001, kolumn quantity: mängden 'x' är inget tal"
    ]
    assert ImportBatch.objects.count() == before


def test_a_large_file_with_every_line_wrong_lists_the_first_problems_only(demo: None) -> None:
    with pytest.raises(Rejected) as caught:
        activity_data_import(
            organisation=Organisation.objects.get(code="RJH"),
            data=large_file(every_line_bad=True),
            filename="fel.csv",
        )
    (group,) = caught.value.groups  # one cause: one line, not 300 000
    assert group.count == ROWS and group.first_line == 2
    assert group.text() == (
        "kolumn quantity: mängden 'x' är inget tal (300\u00a0000 rader: rad 2, 3, 4, 5, 6 …)"
    )


def test_a_file_over_the_upload_limit_is_refused_with_the_limit(
    client_as: ClientAs, settings: object
) -> None:
    settings.NETTONOLL_MAX_ACTIVITY_UPLOAD_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    response = client_as("strategist").post(
        "/org/RJH/klimatbokslut/import/",
        {"file": SimpleUploadedFile("stor.csv", large_file()), "mapping": ""},
    )
    assert response.status_code == 400
    assert "Filen är för stor (högst 1 MB)." in response.content.decode()
