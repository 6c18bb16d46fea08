"""The `nettonoll` command as a user runs it: real processes, a real SQLite file, a real server.

Commands that need the demo data run against a copy of the demo database built once per session
(`demo_data_dir`); one test starts `nettonoll demo` for real and uses the served site."""

import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest

from tests.commandline import NETTONOLL, DemoBuild, nettonoll_env
from tests.commandline import run_nettonoll as run


def test_demo_no_serve_twice_leaves_the_same_data(
    demo_build: DemoBuild, demo_data_dir: Path
) -> None:
    tmp_path = demo_data_dir  # holds a copy of what the first `demo --no-serve` built
    first = demo_build.stdout
    assert "3 organisationer, 52 enheter, 8 användare" in first
    for login in ["administrator", "miljostrateg", "chef", "medarbetare", "lasare"]:
        assert login in first
    assert "påhittade" in first
    export_before = tmp_path / "before.csv"
    run("export", "org", "--organisation", "RJH", str(export_before), data_dir=tmp_path)
    second = run("demo", "--no-serve", data_dir=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "3 organisationer, 52 enheter, 8 användare" in second.stdout
    backup = tmp_path / "a.zip"
    assert run("backup", str(backup), data_dir=tmp_path).returncode == 0
    export_after = tmp_path / "after.csv"
    run("export", "org", "--organisation", "RJH", str(export_after), data_dir=tmp_path)
    assert export_before.read_bytes() == export_after.read_bytes()


def test_import_org_reports_every_bad_line_and_stores_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "träd.csv"
    bad.write_bytes(
        "code;name;parent_code;level\nR;Region Ny;;region\nA;Avd;R;avdelning\nB;Fel;X;enhet\n"
        "A;Dubblett;R;enhet\n".encode("cp1252")
    )
    result = run(
        "import", "org", "--organisation", "NY", "--name", "Region Ny", str(bad), data_dir=tmp_path
    )
    assert result.returncode != 0
    assert "rad 4, kolumn parent_code: okänd överordnad kod 'X'" in result.stderr
    assert "rad 5, kolumn code: koden 'A' finns redan på rad 3" in result.stderr
    assert "inget har sparats" in result.stderr
    export = run(
        "export", "org", "--organisation", "NY", str(tmp_path / "x.csv"), data_dir=tmp_path
    )
    assert export.returncode != 0 and "finns inte" in export.stderr


def test_import_org_from_xlsx_then_export_round_trips(demo_data_dir: Path) -> None:
    """A new organisation beside the demo's, in a copy of the demo database (already migrated;
    the test above imports into a database the command creates)."""
    tmp_path = demo_data_dir
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in [
        ["code", "name", "parent_code", "level"],
        ["R", "Region Ny", "", "region"],
        ["F", "Förvaltning", "R", "administration"],
    ]:
        sheet.append(row)
    source = tmp_path / "träd.xlsx"
    workbook.save(source)
    result = run(
        "import",
        "org",
        "--organisation",
        "NY",
        "--name",
        "Region Ny",
        str(source),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "2 nya" in result.stdout
    target = tmp_path / "ut.xlsx"
    assert (
        run("export", "org", "--organisation", "NY", str(target), data_dir=tmp_path).returncode == 0
    )
    rows = list(openpyxl.load_workbook(target).active.values)  # type: ignore[union-attr]
    assert rows[1:] == [
        ("R", "Region Ny", None, "region"),
        ("F", "Förvaltning", "R", "administration"),
    ]


def test_serve_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = run("serve", data_dir=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY saknas" in result.stderr


def test_manage_passes_through_to_django(tmp_path: Path) -> None:
    result = run("manage", "showmigrations", "organisations", data_dir=tmp_path)
    assert result.returncode == 0 and "0001_initial" in result.stdout


def _the_task_worker_runs_beside_the_server(data_dir: Path) -> None:
    """A task queued in the demo database is run by the worker `nettonoll demo` started."""
    enqueue = (  # a recalculation job; outside a transaction it is queued at once
        "from nettonoll.common import jobs;"
        "from nettonoll.common.models import Job;"
        "from nettonoll.emissions.services import RECALCULATE;"
        "from nettonoll.organisations.models import Organisation as O;"
        "job = jobs.job_queue(kind=RECALCULATE, subject=O.objects.get(code='RJH'));"
        "print(Job.objects.get(pk=job.pk).task_id)"
    )
    queued = run(
        "manage", "shell", "--no-imports", "-c", enqueue, data_dir=data_dir, extra_env=DEMO_ENV
    )
    assert queued.returncode == 0, queued.stderr
    status = (
        "from nettonoll.common.jobs import job_run_task as t;"
        f"print(t.get_result('{queued.stdout.strip()}').status)"
    )
    deadline = time.monotonic() + 60
    answer = ""
    while time.monotonic() < deadline:
        answer = run(
            "manage", "shell", "--no-imports", "-c", status, data_dir=data_dir, extra_env=DEMO_ENV
        ).stdout
        if "SUCCESSFUL" in answer:
            return
        time.sleep(1)
    pytest.fail(f"the task worker did not run the task: {answer}")


def _pages_that_use_polars_answer(base: str) -> None:
    """Logged in, the carbon-budget page and a drill-down (Parquet) answer: the server's workers
    are not forked from a process whose Polars thread pool is running (they would hang)."""
    import http.cookiejar
    import re
    import urllib.parse

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    login = opener.open(f"{base}/accounts/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login)
    assert token is not None
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token.group(1),
            "username": "strateg.stockholm",
            "password": "nettonoll-demo",
        }
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        f"{base}/accounts/login/", data=form, headers={"Referer": f"{base}/accounts/login/"}
    )
    opener.open(request, timeout=10)
    for path in [
        "/org/RST/koldioxidbudget/",
        "/org/RST/klimatbokslut/drill/?node=RST&year=2023&category=fuel.diesel",
    ]:
        with opener.open(base + path, timeout=20) as response:
            assert response.status == 200, path


DEMO_ENV = {"NETTONOLL_ENV": "demo"}
LEDGER = (
    "Verifikation;Konto;Ansvar;Period;Belopp\n"
    "1;4010;RS-SERV;2024-01;100 000\n"
    "2;5011;RS-SERV;2024-01;900 000\n"
    "3;4410;RS-SERV;2024-02;20 000\n"
)


def test_import_activity_data_reads_the_ledger_through_an_own_account_table(
    demo_data_dir: Path,
) -> None:
    tmp_path = demo_data_dir
    ledger, accounts = tmp_path / "huvudbok.csv", tmp_path / "konton.csv"
    ledger.write_bytes(LEDGER.encode("cp1252"))
    accounts.write_text(
        "konto_från;konto_till;inköpsgrupp;kategori\n4000;4399;Material;spend.average\n"
        "5000;5999;Personal;-\n",
        encoding="utf-8",
    )
    args = ["import", "activity-data", "--organisation", "RJH", "--mapping", "huvudbok"]
    refused = run(*args, "--accounts", str(accounts), str(ledger), data_dir=tmp_path)
    assert refused.returncode == 1
    assert "rad 4, kolumn konto: värdet '4410' finns inte i kolumnmallen" in refused.stderr
    assert "inget har sparats" in refused.stderr
    accounts.write_text(
        "konto_från;konto_till;inköpsgrupp;kategori\n4000;4999;Material;spend.average\n"
        "5000;5999;Personal;-\n",
        encoding="utf-8",
    )
    imported = run(*args, "--accounts", str(accounts), str(ledger), data_dir=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert "2 rader importerade" in imported.stdout
    assert "100 % klart" in imported.stderr and "kontrollerar varje rad" in imported.stderr
    again = run(*args, "--accounts", str(accounts), str(ledger), data_dir=tmp_path)
    assert again.returncode == 1 and "Samma fil (huvudbok.csv) importerades redan" in again.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_demo_serves_pages_and_static_files_with_a_production_server(tmp_path: Path) -> None:
    """The one test that builds the demo and serves it as a user would: page, static files and
    the task worker beside the server."""
    port = _free_port()
    env = nettonoll_env(tmp_path)
    server = subprocess.Popen(
        [NETTONOLL, "demo", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        page = ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/accounts/login/", timeout=5) as response:  # noqa: S310
                    page = response.read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        if not page:
            server.terminate()
            pytest.fail("the demo server did not answer:\n" + server.communicate(timeout=30)[0])
        assert "Logga in" in page and "påhittade" in page
        _the_task_worker_runs_beside_the_server(tmp_path)
        _pages_that_use_polars_answer(base)
        css_path = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
        with urllib.request.urlopen(base + css_path, timeout=5) as response:  # noqa: S310
            assert response.status == 200
            assert "max-age" in response.headers.get("Cache-Control", "")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "http://127.0.0.1:" in output and "Demoinloggningar" in output
