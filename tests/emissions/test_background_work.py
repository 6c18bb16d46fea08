"""Large imports and recalculations in the background: the Django Tasks database backend and its
real `db_worker`, progress on the job page, problems kept with their line numbers."""

from collections.abc import Callable
from contextlib import AbstractContextManager
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings

from nettonoll.calc.factors import Factor
from nettonoll.emissions.models import ImportBatch, ImportJob, InventoryResult
from nettonoll.emissions.selectors import inventory_view
from nettonoll.emissions.services import activity_import_queue, factor_save
from nettonoll.organisations.models import Node, Organisation

pytestmark = pytest.mark.django_db
ClientAs = Callable[[str], Client]
CaptureOnCommit = Callable[..., AbstractContextManager[list[Callable[[], None]]]]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
GOOD = (
    "org_unit;category;period;quantity;unit\n"
    "RS-SERV-FORD;fuel.diesel;2026-01;1 000;l\n"
    "RS-SERV-FAST;electricity.residual_mix;2026;100;MWh\n"
)
BAD = GOOD + "RS-SERV-FORD;fuel.diesel;2026-13;5;l\nOKÄND;fuel.diesel;2026;1;l\n"


def rjh() -> Organisation:
    return Organisation.objects.get(code="RJH")


def run_worker() -> None:
    """The real `db_worker`, in this process and inside the test's transaction. The worker closes
    "old" connections between tasks; inside a test transaction Django counts the connection as
    changed (autocommit off) and PostgreSQL would lose the test's data, so that check is off."""
    from unittest import mock

    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    ):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_queued_import_waits_for_the_worker_which_imports_it(
    demo: None, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    upload = SimpleUploadedFile("stor.csv", GOOD.encode("cp1252"), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):  # queued when the request commits
        job = activity_import_queue(organisation=rjh(), upload=upload)
    job.refresh_from_db()
    assert (job.status, job.progress_pct, job.batch) == (ImportJob.QUEUED, 0, None)
    run_worker()
    job.refresh_from_db()
    assert (job.status, job.progress_pct, job.step) == (ImportJob.DONE, 100, "done")
    assert job.batch is not None and job.batch.rows == 2
    assert not job.upload  # the batch keeps the original; the upload copy is gone
    root = Node.objects.get(organisation__code="RJH", code="RJH")
    assert inventory_view(root, 2026).total_t_co2e == pytest.approx(2.853 + 52.41)


@override_settings(TASKS=DATABASE_TASKS)
def test_a_refused_background_import_keeps_every_problem_with_its_line(
    demo: None, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    before = ImportBatch.objects.count()
    upload = SimpleUploadedFile("fel.csv", BAD.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        job = activity_import_queue(organisation=rjh(), upload=upload)
    run_worker()
    job.refresh_from_db()
    assert job.status == ImportJob.FAILED and job.batch is None
    assert [(p["line"], p["code"]) for p in job.problems] == [
        (4, "period_invalid"),
        (5, "org_unit_unknown"),
    ]
    assert ImportBatch.objects.count() == before


def test_a_large_web_upload_goes_to_the_background_and_shows_its_progress(
    client_as: ClientAs, settings: object, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    settings.NETTONOLL_BACKGROUND_IMPORT_BYTES = 10  # type: ignore[attr-defined]
    client = client_as("strategist")
    with override_settings(TASKS=DATABASE_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/org/RJH/klimatbokslut/import/",
                {"file": SimpleUploadedFile("stor.csv", BAD.encode()), "mapping": ""},
            )
        assert response.status_code == 302
        job_url = response["Location"]
        waiting = client.get(job_url)
        assert waiting.status_code == 200
        page = waiting.content.decode()
        assert '<progress id="job-progress" max="100" value="0"' in page
        assert 'http-equiv="refresh"' in page and 'hx-trigger="every 1s"' in page
        assert "Importer som pågår" in client.get("/org/RJH/klimatbokslut/import/").content.decode()
        run_worker()
        fragment = unescape(client.get(job_url, headers={"HX-Request": "true"}).content.decode())
    assert fragment.lstrip().startswith('<div id="job"')  # the polled fragment, not the page
    assert "hx-trigger" not in fragment  # finished: polling stops
    assert "rad 4, kolumn period: perioden '2026-13' kan inte läsas" in fragment
    assert "Filen har fel på 2 rader. Inget har sparats." in fragment


@override_settings(TASKS=DATABASE_TASKS)
def test_a_factor_change_recalculates_in_the_background_and_results_name_their_version(
    demo: None, django_capture_on_commit_callbacks: CaptureOnCommit
) -> None:
    organisation = Organisation.objects.get(code="RST")
    before = set(
        InventoryResult.objects.filter(organisation=organisation).values_list(
            "factor_set_version", flat=True
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        factor_save(
            organisation=organisation,
            factor=Factor("electricity.renewable_contract", 2023, 5, "g CO2e/kWh", 2),
        )
    version = organisation.factor_set.version
    assert version not in before  # not recalculated yet: the worker has not run
    assert (
        set(
            InventoryResult.objects.filter(organisation=organisation).values_list(
                "factor_set_version", flat=True
            )
        )
        == before
    )
    run_worker()
    assert set(
        InventoryResult.objects.filter(organisation=organisation).values_list(
            "factor_set_version", flat=True
        )
    ) == {version}
