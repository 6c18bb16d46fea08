"""Degree days in (`nettonoll import degree-days`, the data stewards' page): all or nothing with
line and column, one base temperature for every series, updated by locality and month in any
case, every import logged with who and when."""

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.calc.problems import Rejected
from nettonoll.estate.degree_days import degree_day_rows, degree_days_import
from nettonoll.estate.models import DegreeDayImport, DegreeDayMonth

pytestmark = pytest.mark.django_db

HEADER = "locality;month;degree_days;normal_degree_days;base_c;source\n"
FILE = HEADER + (
    "Testby;2024-01;1 104,0;967;17;SMHI (testserie)\nTestby;2024-02;850,5;820;17;SMHI (testserie)\n"
)


def load(text: str, by: User | None = None, encoding: str = "cp1252") -> object:
    return degree_days_import(data=text.encode(encoding), filename="gd.csv", by=by)


def test_a_swedish_excel_file_is_imported_and_logged() -> None:
    result = load(FILE)
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)  # type: ignore[attr-defined]
    stored = DegreeDayMonth.objects.get(locality="Testby", month=datetime.date(2024, 1, 1))
    assert (stored.degree_days, stored.normal_degree_days, stored.base_c) == (
        Decimal("1104.0"),
        Decimal("967.0"),
        Decimal("17.0"),
    )
    assert DegreeDayImport.objects.filter(filename="gd.csv", created=2).exists()


def test_the_same_locality_in_another_case_updates_and_keeps_history() -> None:
    load(FILE)
    again = load(FILE.replace("Testby;2024-02;850,5", "TESTBY;2024-02;851"), encoding="utf-8")
    assert (again.created, again.updated, again.unchanged) == (0, 1, 1)  # type: ignore[attr-defined]
    stored = DegreeDayMonth.objects.get(locality="Testby", month=datetime.date(2024, 2, 1))
    assert stored.degree_days == Decimal("851.0")
    assert stored.history.count() == 2


def test_a_bad_file_is_refused_whole_with_line_and_column() -> None:
    bad = FILE + "Testby;2024-13;-4;x;17;\n"
    with pytest.raises(Rejected) as refused:
        load(bad)
    where = {(p.line, p.column) for p in refused.value.problems}
    assert {(4, "month"), (4, "degree_days"), (4, "normal_degree_days"), (4, "source")} <= where
    assert not DegreeDayMonth.objects.filter(locality="Testby").exists()


def test_bases_mixed_in_a_file_are_refused_on_the_line_that_differs() -> None:
    mixed = FILE + "Testby;2024-03;700;690;15;SMHI (testserie)\n"
    with pytest.raises(Rejected) as refused:
        load(mixed)
    (problem,) = refused.value.problems
    assert (problem.code, problem.line, problem.column) == ("degree_days_bases_mixed", 4, "base_c")
    assert "en fil får bara ha en bastemperatur" in str(refused.value)
    assert not DegreeDayMonth.objects.filter(locality="Testby").exists()


def test_a_series_whose_base_differs_from_the_stored_one_is_refused() -> None:
    load(FILE)
    other = HEADER + "testby;2024-03;700;690;20;SMHI (testserie)\n"
    with pytest.raises(Rejected) as refused:
        load(other)
    (problem,) = refused.value.problems
    assert (problem.code, problem.line, problem.column) == ("degree_days_base_differs", 2, "base_c")
    assert "som redan finns för Testby" in str(refused.value)


def test_a_new_locality_with_another_base_than_the_others_is_refused() -> None:
    load(FILE)
    other = HEADER + "Annanby;2024-03;700;690;20;SMHI (testserie)\n"
    with pytest.raises(Rejected) as refused:
        load(other)
    assert [p.code for p in refused.value.problems] == ["degree_days_base_other"]


def test_the_export_reads_back_unchanged() -> None:
    load(FILE)
    rows = [r for r in degree_day_rows() if r[0] == "Testby"]
    assert rows[0] == ["Testby", "2024-01", "1104", "967", "17", "SMHI (testserie)"]


def test_the_page_lets_data_stewards_import_and_says_who(
    client_as: Callable[[str], Client],
) -> None:
    administrator = client_as("administrator")
    upload = SimpleUploadedFile("gd.csv", FILE.encode("cp1252"))
    response = administrator.post("/org/RJH/energi/graddagar/", {"file": upload})
    assert response.status_code == 200, response.content.decode()[:2000]
    page = response.content.decode()
    assert "Importen är klar: 2 nya" in page
    assert "Testby" in page and "Alva" in page
    refused = client_as("strategist").post("/org/RJH/energi/graddagar/", {"file": upload})
    assert refused.status_code == 403


def test_the_page_shows_a_refused_file_with_line_and_column(
    client_as: Callable[[str], Client],
) -> None:
    bad = FILE + "Testby;2024-03;700;690;15;SMHI (testserie)\n"
    upload = SimpleUploadedFile("gd.csv", bad.encode("cp1252"))
    response = client_as("administrator").post("/org/RJH/energi/graddagar/", {"file": upload})
    assert response.status_code == 400
    assert "bastemperatur" in response.content.decode()
