"""Shared fixtures: the demo data set, one logged-in client per demo role, and a demo database
built once per session for tests that run the `nettonoll` command against a copy of it."""

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.demo.loader import demo_load
from nettonoll.organisations.models import Organisation
from tests.commandline import DATABASE_FILE, DemoBuild, copy_database, run_nettonoll

ROLE_USERS = {
    "administrator": "administrator",
    "strategist": "miljostrateg",
    "manager": "chef",
    "contributor": "medarbetare",
    "reader": "lasare",
    "outsider": "strateg.stockholm",
}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: object) -> None:
    """Argon2 is the installation's hasher (tested on its own); tests hash with MD5 for speed."""
    settings.PASSWORD_HASHERS = [  # type: ignore[attr-defined]
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    """Load the demo data once into the test database; tests run in a rolled-back transaction."""
    with django_db_blocker.unblock():
        demo_load()


@pytest.fixture
def demo(db: None) -> None:
    """The demo data set. Transactional tests empty the database afterwards: load it again then."""
    if not Organisation.objects.exists():
        demo_load()


@pytest.fixture
def client_as(demo: None) -> Callable[[str], Client]:
    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(User.objects.get(username=ROLE_USERS[role]))
        return client

    return make


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> DemoBuild:
    """The demo database as `nettonoll demo --no-serve` builds it, once per session (per worker)."""
    directory = tmp_path_factory.mktemp("demo-build")
    result = run_nettonoll("demo", "--no-serve", data_dir=directory)
    assert result.returncode == 0, result.stdout + result.stderr
    return DemoBuild(database=directory / DATABASE_FILE, stdout=result.stdout)


@pytest.fixture
def demo_data_dir(demo_build: DemoBuild, tmp_path: Path) -> Path:
    """A data folder (`tmp_path`) holding a fresh copy of the prebuilt demo database: for commands
    run as `run_nettonoll(..., data_dir=demo_data_dir)`."""
    copy_database(demo_build.database, tmp_path / DATABASE_FILE)
    return tmp_path


@pytest.fixture
def no_demo_registers(demo: None) -> None:
    """The demo without its register rows (vehicles, charging sites, backup units with their
    deliveries and flexibility contracts): for tests that count only the records they make."""
    from nettonoll.registers.models import BackupUnit, ChargingSite, Vehicle

    for model in (Vehicle, ChargingSite, BackupUnit):
        model.objects.all().delete()
