"""A klimatbokslut file where 100 000 lines fail for one reason: one grouped line (count and the
first line numbers) in the web, the background job page and the CLI; the full list as CSV."""

import base64
import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nettonoll.cli import main
from nettonoll.emissions.models import ImportBatch, ImportJob

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
FAILING = 100_000
GROUPED = "okänd kategori 'food.unknown' (ingen emissionsfaktor) (100\u00a0000 rader: rad 3, 4, 5"


def activity_file() -> bytes:
    """One good line, then 100 000 lines with a category that has no emission factor."""
    lines = ["org_unit,category,period,quantity,unit", "RS-SERV-FORD,fuel.diesel,2024,10,l"]
    lines += ["RS-SERV-FORD,food.unknown,2024,1,kg"] * FAILING
    return ("\n".join(lines) + "\n").encode()


def listed(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))


def test_the_import_page_shows_one_grouped_line_and_offers_the_full_list(
    client_as: ClientAs, settings: object
) -> None:
    settings.NETTONOLL_BACKGROUND_IMPORT_BYTES = 10 * 1024 * 1024  # type: ignore[attr-defined]
    before = ImportBatch.objects.count()
    response = client_as("strategist").post(
        "/org/RJH/klimatbokslut/import/",
        {"file": SimpleUploadedFile("fel.csv", activity_file()), "mapping": ""},
    )
    assert response.status_code == 400
    page = response.content.decode()
    summary = re.search(r'class="error-summary".*?<ul>(.*?)</ul>', page, re.S)
    assert summary is not None and summary.group(1).count("<li>") == 1
    assert GROUPED in page.replace("&#x27;", "'")
    found = re.search(r'href="data:text/csv;charset=utf-8;base64,([^"]+)"', page)
    assert found is not None

    rows = listed(base64.b64decode(found.group(1)))
    assert rows[0] == ["rad", "kolumn", "problem"]
    assert len(rows) == 1 + FAILING
    assert rows[1] == ["3", "category", "okänd kategori 'food.unknown' (ingen emissionsfaktor)"]
    assert rows[-1][0] == str(FAILING + 2)
    assert ImportBatch.objects.count() == before


def test_the_background_job_page_shows_one_grouped_line_and_downloads_the_list(
    client_as: ClientAs, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_as("strategist")
    with django_capture_on_commit_callbacks(execute=True):  # the job is queued on commit
        response = client.post(
            "/org/RJH/klimatbokslut/import/",
            {"file": SimpleUploadedFile("fel.csv", activity_file()), "mapping": ""},
        )
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.FAILED
    assert [(p["line"], p["code"], p["count"]) for p in job.problems] == [
        (3, "category_unknown", FAILING)
    ]
    page = client.get(response["Location"]).content.decode().replace("&#x27;", "'")
    assert GROUPED in page
    assert 'href="?format=csv"' in page
    download = client.get(response["Location"] + "?format=csv")
    assert download["Content-Type"].startswith("text/csv")
    rows = listed(download.content)
    assert len(rows) == 1 + FAILING and rows[1][0] == "3"


def test_the_cli_prints_one_grouped_line_and_writes_the_full_list(tmp_path: Path) -> None:
    source = tmp_path / "fel.csv"
    source.write_bytes(activity_file())
    result = CliRunner().invoke(
        main, ["klimatbokslut", "compute", "--activities", str(source)], catch_exceptions=False
    )
    assert result.exit_code == 1
    lines = result.stderr.splitlines() if hasattr(result, "stderr") else result.output.splitlines()
    assert lines[0] == "fel.csv: 1 fel, inget resultat."
    assert lines[1].startswith("  kolumn category: " + GROUPED)
    assert len(lines) == 3
    written = Path(lines[2].rsplit(": ", 1)[1])
    try:
        rows = listed(written.read_bytes())
    finally:
        written.unlink()
    assert len(rows) == 1 + FAILING
    assert rows[1] == ["3", "category", "okänd kategori 'food.unknown' (ingen emissionsfaktor)"]
