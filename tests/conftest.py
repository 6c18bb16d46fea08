"""Shared fixtures: the demo data set and one logged-in client per demo role."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from nettonoll.accounts.models import User
from nettonoll.demo.loader import demo_load
from nettonoll.organisations.models import Organisation

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
